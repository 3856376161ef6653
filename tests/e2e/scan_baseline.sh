#!/bin/sh
# scan_baseline: a JSON report used as --baseline suppresses the findings
# it holds even after they move down the file, still reports new ones, and
# lists entries that no longer occur as stale. A file name that is not
# UTF-8 keeps its (escaped) path in the report and its baseline entry
# holds; an entry of a rule not loaded is a notice, not lost.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/rules_env.sh"
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
make_rules "$tmp/rules"
AUTHAUDIT_RULES=$tmp/rules
export AUTHAUDIT_RULES

t=$tmp/tree
mkdir -p "$t"
jwt='eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhY21lLXdlYiIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0Ijo0MTAwMDAwMDAwLCJleHAiOjQxMDAwMDM2MDB9.'
write_app() {	# write_app PADDING-LINES WITH-JWT
	: >"$t/app.py"
	i=0
	while [ "$i" -lt "$1" ]; do
		echo "# moved down $i" >>"$t/app.py"
		i=$((i + 1))
	done
	echo 'import requests' >>"$t/app.py"
	[ "$2" = yes ] && echo "KIOSK_TOKEN = \"$jwt\"" >>"$t/app.py"
	echo 'r = requests.get(u, verify=False)' >>"$t/app.py"
}
scan() {	# scan NAME ARGS...
	name=$1
	shift
	"$AUTHAUDIT" scan --quiet --format json "$@" "$t" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	rc=$?
	$report findings "$tmp/$name.json" | cut -d' ' -f1,2 >"$tmp/$name" ||
		test_fail "$name: the JSON report does not parse"
}

first() {
	write_app 0 yes
	"$AUTHAUDIT" scan --quiet --format json --output "$tmp/base.json" \
		"$t" 2>"$tmp/base.err"
	rc=$?
	[ "$rc" -eq 1 ] ||
		test_fail "first scan: exit $rc, want 1 ($(cat "$tmp/base.err"))"
	$report findings "$tmp/base.json" | cut -d' ' -f1,2 >"$tmp/base"
	printf '%s\n' "app.py:2:16 token.jwt-alg-none" \
		"app.py:3:21 transport.tls-verify.python" >"$tmp/base.want"
	cmp -s "$tmp/base.want" "$tmp/base" ||
		test_fail "first scan: findings are $(tr '\n' ';' <"$tmp/base")"
	! grep -qF "$jwt" "$tmp/base.json" ||
		test_fail "the baseline report holds the raw secret"
}
# the same findings two lines further down: all suppressed
moved() {
	write_app 2 yes
	scan moved --baseline "$tmp/base.json"
	[ "$rc" -eq 0 ] ||
		test_fail "moved: exit $rc, want 0 ($(cat "$tmp/moved.err"))"
	! [ -s "$tmp/moved" ] ||
		test_fail "moved: still reported: $(tr '\n' ';' <"$tmp/moved")"
	[ -z "$($report stale "$tmp/moved.json")" ] ||
		test_fail "moved: stale entries although nothing was removed"
	# without the baseline they are there, at their new lines
	scan nobase
	grep -q "^app.py:4:16 token.jwt-alg-none" "$tmp/nobase" ||
		test_fail "moved, no baseline: JWT not at 4:16:" \
			"$(tr '\n' ';' <"$tmp/nobase")"
}
# a new finding is not covered by the baseline
new() {
	echo 'r = requests.post(u, verify=False)' >"$t/new.py"
	scan new --baseline "$tmp/base.json"
	[ "$rc" -eq 1 ] || test_fail "new finding: exit $rc, want 1"
	printf '%s\n' "new.py:1:22 transport.tls-verify.python" >"$tmp/new.want"
	cmp -s "$tmp/new.want" "$tmp/new" ||
		test_fail "new finding: findings are $(tr '\n' ';' <"$tmp/new")"
	rm -f "$t/new.py"
}
# the JWT removed: its baseline entry is stale, the other one still holds
removed() {
	write_app 2 no
	scan removed --baseline "$tmp/base.json"
	[ "$rc" -eq 0 ] || test_fail "removed: exit $rc, want 0"
	! [ -s "$tmp/removed" ] ||
		test_fail "removed: still reported:" \
			"$(tr '\n' ';' <"$tmp/removed")"
	$report stale "$tmp/removed.json" >"$tmp/stale"
	grep -q " token.jwt-alg-none$" "$tmp/stale" ||
		test_fail "removed: the JWT entry is not listed as stale" \
			"(stale: $(tr '\n' ';' <"$tmp/stale"))"
	! grep -q " transport.tls-verify.python$" "$tmp/stale" ||
		test_fail "removed: the verify=False entry is stale although" \
			"it is still there"
}
# a baseline that is not a report is an error, not a silent no-op
not_a_report() {
	echo 'not json' >"$tmp/junk.json"
	"$AUTHAUDIT" scan --quiet --baseline "$tmp/junk.json" "$t" \
		>/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "a malformed baseline: exit $rc, want 2"
	grep -q "junk.json:1:3: baseline: not a JSON report" "$tmp/err" ||
		test_fail "a malformed baseline: $(cat "$tmp/err")"
	"$AUTHAUDIT" scan --quiet --baseline "$tmp/none.json" "$t" \
		>/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] ||
		test_fail "a missing baseline file: exit $rc, want 2"
	grep -qx "authaudit: baseline: unable to open $tmp/none.json: No such file or directory" \
		"$tmp/err" ||
		test_fail "a missing baseline file: $(cat "$tmp/err")"
}
# a file name that is not UTF-8: the path is escaped (\xHH), the entry
# still matches on the next scan
u=$tmp/latin
latin() {
	mkdir -p "$u"
	echo 'r = requests.get(u, verify=False)' >"$u/caf$(printf '\351').py"
	"$AUTHAUDIT" scan --quiet --format json -o "$tmp/latin.json" "$u" \
		2>/dev/null
	$report findings "$tmp/latin.json" |
		grep -qF 'caf\xe9.py:1:21 transport' ||
		test_fail "latin-1 name: path not in the report:" \
			"$($report findings "$tmp/latin.json")"
	"$AUTHAUDIT" scan --quiet --format json --baseline "$tmp/latin.json" \
		"$u" >"$tmp/latin2.json" 2>/dev/null
	rc=$?
	[ "$rc" -eq 0 ] ||
		test_fail "latin-1 name: the baseline does not hold (exit $rc)"
	# the text report names the file with its invalid byte escaped (a
	# raw byte could be part of a terminal escape sequence)
	"$AUTHAUDIT" scan --quiet --no-color "$u" 2>/dev/null |
		grep -qF '/caf\xe9.py:1:21' ||
		test_fail "latin-1 name: the text report does not name the file"
}
# an entry whose rule is no longer loaded: kept out, with a notice
unloaded() {
	sed 's/"transport.tls-verify.python"/"gone.rule"/' "$tmp/latin.json" \
		>"$tmp/gone.json"
	"$AUTHAUDIT" scan --quiet --format json --baseline "$tmp/gone.json" \
		"$u" >"$tmp/gone-out.json" 2>/dev/null
	$report notices "$tmp/gone-out.json" | grep -q "gone.rule.*not loaded" ||
		test_fail "a baseline entry of an unloaded rule: no notice"
}

test_expect "a first scan: its JSON report, without the secret" first
test_expect "findings moved down the file stay suppressed" moved
test_expect "a new finding is reported despite the baseline" new
test_expect "a removed finding's entry is stale, the others hold" removed
test_expect "a baseline that is not a report, or missing, is exit 2" \
	not_a_report
test_expect "a name that is not UTF-8: escaped, and its entry holds" latin
test_expect "an entry of a rule not loaded is a notice" unloaded
test_done
