#!/bin/sh
# scan_baseline_first: the first CI run of a pipeline, before any baseline
# exists. --baseline FILE alone refuses a missing file (exit 2);
# --baseline-missing-ok (or baseline_missing_ok in .authaudit.yaml) treats
# it as empty with a notice; --update-baseline writes the run's findings
# there (no secret, no notice in it) by renaming a whole file over it, so
# the next run suppresses them all and reports only what is new.
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
base=$tmp/ci/baseline.json
mkdir -p "$tmp/ci"
json() {	# json REPORT.json EXPR: print EXPR of the report d
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2"
}
scan() {	# scan NAME ARGS...
	name=$1
	shift
	"$AUTHAUDIT" scan -q --format json "$@" "$t" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	rc=$?
}

test_expect "a missing --baseline is an error without missing-ok" '
	scan miss --baseline "$base"
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	grep -q "baseline" "$tmp/miss.err" || test_fail "$(cat "$tmp/miss.err")"
'

test_expect "--baseline-missing-ok: empty, with a notice, findings stay" '
	scan ok --baseline "$base" --baseline-missing-ok
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1"
	n=$(json "$tmp/ok.json" "len(d[\"findings\"])")
	[ "$n" -ge 4 ] || test_fail "$n findings"
	json "$tmp/ok.json" "[x[\"where\"] + \": \" + x[\"message\"] for x in d[\"notices\"]]" |
		grep -qF "$base: baseline does not exist yet; treated as empty (--baseline-missing-ok)" ||
		test_fail "notices: $(json "$tmp/ok.json" "d[\"notices\"]")"
	[ ! -e "$base" ] || test_fail "missing-ok alone wrote the baseline"
'

test_expect "--update-baseline writes the findings; the next run is clean" '
	scan up --baseline "$base" --update-baseline
	[ "$rc" -eq 1 ] || test_fail "the updating run: exit $rc, want 1"
	[ -f "$base" ] || test_fail "no baseline written"
	[ "$(json "$base" "len(d[\"findings\"])")" = "$n" ] ||
		test_fail "the baseline holds $(json "$base" "len(d[\"findings\"])"), want $n"
	[ "$(json "$base" "len(d[\"notices\"])")" = 0 ] ||
		test_fail "notices went into the baseline"
	! grep -q "AKIA4JSLMBZEW5BOA2II" "$base" ||
		test_fail "the baseline holds a raw secret"
	ls "$tmp/ci" >"$tmp/ci.ls"
	echo baseline.json >"$tmp/ci.want"
	test_cmp "$tmp/ci.want" "$tmp/ci.ls"
	scan next --baseline "$base"
	[ "$rc" -eq 0 ] || test_fail "the next run: exit $rc, want 0"
	[ "$(json "$tmp/next.json" "d[\"baseline\"][\"suppressed\"]")" = "$n" ] ||
		test_fail "suppressed: $(json "$tmp/next.json" "d[\"baseline\"]")"
'

test_expect "a new finding after the update is the only one reported" '
	key=sk_live_$(python3 -c "import random, string
r = random.Random(16)
print(\"\".join(r.choice(string.ascii_letters + string.digits) for _ in range(32)))")
	echo "STRIPE_KEY=$key" >"$t/extra.env"
	scan new --baseline "$base"
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1"
	json "$tmp/new.json" "\"\\n\".join(f[\"location\"][\"path\"] + \" \" + f[\"rule\"] for f in d[\"findings\"])" \
		>"$tmp/new.got"
	echo "extra.env secret.stripe.secret-key" >"$tmp/new.want"
	test_cmp "$tmp/new.want" "$tmp/new.got"
	[ "$(json "$tmp/new.json" "d[\"baseline\"][\"suppressed\"]")" = "$n" ] ||
		test_fail "suppressed: $(json "$tmp/new.json" "d[\"baseline\"]")"
	rm "$t/extra.env"
'

test_expect "--update-baseline on a missing file creates it; needs --baseline" '
	rm -f "$base"
	scan create --baseline "$base" --update-baseline
	[ "$rc" -eq 1 ] && [ -f "$base" ] ||
		test_fail "exit $rc, baseline $(ls "$tmp/ci")"
	scan nobase --update-baseline
	[ "$rc" -eq 2 ] && grep -q "update-baseline needs --baseline" \
		"$tmp/nobase.err" || test_fail "exit $rc: $(cat "$tmp/nobase.err")"
'

test_expect "baseline_missing_ok and baseline from .authaudit.yaml" '
	rm -f "$base"
	printf "baseline: ../ci/baseline.json\nbaseline_missing_ok: true\n" \
		>"$t/.authaudit.yaml"
	scan cfg
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1: $(cat "$tmp/cfg.err")"
	json "$tmp/cfg.json" "d[\"notices\"]" | grep -q "does not exist yet" ||
		test_fail "no notice: $(json "$tmp/cfg.json" "d[\"notices\"]")"
	scan cfgup --update-baseline
	[ -f "$base" ] || test_fail "the config baseline was not written"
	scan cfgnext
	[ "$rc" -eq 0 ] || test_fail "the next run with the config: exit $rc"
'

test_done
