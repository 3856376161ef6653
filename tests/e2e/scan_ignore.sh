#!/bin/sh
# scan_ignore: .authauditignore in the scanned root drops the findings
# whose fingerprint (the JSON report's `fingerprint`) it lists, comments
# and blank lines allowed, and the summaries (text, HTML, Markdown) count
# them; --ignore-file
# names another file; a line that is no fingerprint stops the run (exit 2)
# at its file:line:column before anything is scanned.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
AUTHAUDIT_RULES=$root/rules
export AUTHAUDIT_RULES

t=$tmp/tree
mkdir -p "$t"
cp "$root/examples/acme-integration/.env" "$t/.env"
fields() {	# fields REPORT.json: "FINGERPRINT RULE" lines
	python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["fingerprint"], f["rule"])' "$1"
}
ignored() {	# ignored REPORT.json: baseline.suppressed_ignored
	python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["baseline"]["suppressed_ignored"])' "$1"
}

test_expect "the findings of the tree and their fingerprints" '
	"$AUTHAUDIT" scan -q --format json "$t" >"$tmp/all.json"
	fields "$tmp/all.json" >"$tmp/all" || test_fail "no JSON report"
	[ "$(wc -l <"$tmp/all")" -ge 4 ] || test_fail "$(cat "$tmp/all")"
	aws=$(grep " secret.aws.access-key-id\$" "$tmp/all" | cut -d" " -f1)
	stripe=$(grep " secret.stripe.secret-key\$" "$tmp/all" | cut -d" " -f1)
	[ ${#aws} -eq 64 ] && [ ${#stripe} -eq 64 ] ||
		test_fail "fingerprints: $aws / $stripe"
'

test_expect ".authauditignore in the root drops what it lists" '
	{
		echo "# reviewed in PR 12: made-up keys of the example"
		echo
		echo "$aws   # the AWS key id"
		echo "$stripe" | tr a-f A-F
	} >"$t/.authauditignore"
	"$AUTHAUDIT" scan -q --format json "$t" >"$tmp/ign.json"
	fields "$tmp/ign.json" >"$tmp/ign"
	grep -v -e " secret.aws.access-key-id\$" -e " secret.stripe.secret-key\$" \
		"$tmp/all" >"$tmp/ign.want"
	test_cmp "$tmp/ign.want" "$tmp/ign"
	[ "$(ignored "$tmp/ign.json")" = 2 ] ||
		test_fail "suppressed_ignored: $(ignored "$tmp/ign.json")"
	"$AUTHAUDIT" scan -q "$t" >"$tmp/ign.txt"
	grep -q "^suppressed: .*, 2 ignored (ignore file, allow.paths)\$" \
		"$tmp/ign.txt" || test_fail "text summary: $(grep suppressed "$tmp/ign.txt")"
'

test_expect "the HTML and Markdown summaries count them as the text does" '
	"$AUTHAUDIT" scan -q --format html "$t" >"$tmp/ign.html"
	grep -q "<b id=\"set-aside-ignored\">2</b>ignored (ignore file, allow.paths)" \
		"$tmp/ign.html" || test_fail "HTML: $(grep -o "id=.set-aside[^/]*" "$tmp/ign.html")"
	grep -q "<b id=\"set-aside-baseline\">0</b>by baseline" "$tmp/ign.html" ||
		test_fail "HTML: no baseline count"
	"$AUTHAUDIT" scan -q --format markdown "$t" >"$tmp/ign.md"
	grep -q "^Set aside, not in the findings: 0 by baseline, 0 inline (.authaudit:allow.), 2 ignored (ignore file, allow.paths)\.\$" \
		"$tmp/ign.md" || test_fail "Markdown: $(grep -i "set aside" "$tmp/ign.md")"
'

test_expect "--ignore-file names another file instead" '
	echo "$aws" >"$tmp/other-ignore"
	"$AUTHAUDIT" scan -q --format json --ignore-file "$tmp/other-ignore" \
		"$t" >"$tmp/other.json"
	[ "$(ignored "$tmp/other.json")" = 1 ] ||
		test_fail "suppressed_ignored: $(ignored "$tmp/other.json")"
	fields "$tmp/other.json" >"$tmp/other"
	grep -q " secret.stripe.secret-key\$" "$tmp/other" ||
		test_fail "the root file was read too"
	"$AUTHAUDIT" scan -q --ignore-file "$tmp/nope" "$t" >/dev/null \
		2>"$tmp/nope.err"
	rc=$?
	[ "$rc" -eq 2 ] && grep -q "cannot read ignore file" "$tmp/nope.err" ||
		test_fail "a missing --ignore-file: exit $rc, $(cat "$tmp/nope.err")"
'

test_expect "a line that is not a fingerprint: exit 2 at its position" '
	printf "%s\n  app.py:3 the token\n" "$aws" >"$t/.authauditignore"
	"$AUTHAUDIT" scan -q "$t" >"$tmp/bad.out" 2>"$tmp/bad.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	grep -q "^authaudit: $t/.authauditignore:2:3: not a finding fingerprint" \
		"$tmp/bad.err" || test_fail "$(cat "$tmp/bad.err")"
	[ ! -s "$tmp/bad.out" ] || test_fail "a report was written"
'

test_done
