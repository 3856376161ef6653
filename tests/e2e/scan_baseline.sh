#!/bin/sh
# scan_baseline: a JSON report used as --baseline suppresses the findings
# it holds even after they move down the file, still reports new ones, and
# lists entries that no longer occur as stale.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/rules_env.sh"
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
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
		bad "$name: the JSON report does not parse"
}

write_app 0 yes
"$AUTHAUDIT" scan --quiet --format json --output "$tmp/base.json" "$t" \
	2>"$tmp/base.err"
rc=$?
[ "$rc" -eq 1 ] || bad "first scan: exit $rc, want 1 ($(cat "$tmp/base.err"))"
$report findings "$tmp/base.json" | cut -d' ' -f1,2 >"$tmp/base"
printf '%s\n' "app.py:2:16 token.jwt-alg-none" \
	"app.py:3:21 transport.tls-verify.python" >"$tmp/base.want"
cmp -s "$tmp/base.want" "$tmp/base" ||
	bad "first scan: findings are $(tr '\n' ';' <"$tmp/base")"
grep -qF "$jwt" "$tmp/base.json" &&
	bad "the baseline report holds the raw secret"

# the same findings two lines further down: all suppressed
write_app 2 yes
scan moved --baseline "$tmp/base.json"
[ "$rc" -eq 0 ] || bad "moved: exit $rc, want 0 ($(cat "$tmp/moved.err"))"
[ -s "$tmp/moved" ] && bad "moved: still reported: $(tr '\n' ';' <"$tmp/moved")"
[ -n "$($report stale "$tmp/moved.json")" ] &&
	bad "moved: stale entries although nothing was removed"
# without the baseline they are there, at their new lines
scan nobase
grep -q "^app.py:4:16 token.jwt-alg-none" "$tmp/nobase" ||
	bad "moved, no baseline: JWT not at 4:16: $(tr '\n' ';' <"$tmp/nobase")"

# a new finding is not covered by the baseline
echo 'r = requests.post(u, verify=False)' >"$t/new.py"
scan new --baseline "$tmp/base.json"
[ "$rc" -eq 1 ] || bad "new finding: exit $rc, want 1"
printf '%s\n' "new.py:1:22 transport.tls-verify.python" >"$tmp/new.want"
cmp -s "$tmp/new.want" "$tmp/new" ||
	bad "new finding: findings are $(tr '\n' ';' <"$tmp/new")"
rm -f "$t/new.py"

# the JWT removed: its baseline entry is stale, the other one still holds
write_app 2 no
scan removed --baseline "$tmp/base.json"
[ "$rc" -eq 0 ] || bad "removed: exit $rc, want 0"
[ -s "$tmp/removed" ] &&
	bad "removed: still reported: $(tr '\n' ';' <"$tmp/removed")"
$report stale "$tmp/removed.json" >"$tmp/stale"
grep -q " token.jwt-alg-none$" "$tmp/stale" ||
	bad "removed: the JWT entry is not listed as stale" \
		"(stale: $(tr '\n' ';' <"$tmp/stale"))"
grep -q " transport.tls-verify.python$" "$tmp/stale" &&
	bad "removed: the verify=False entry is stale although it is still there"

# a baseline that is not a report is an error, not a silent no-op
echo 'not json' >"$tmp/junk.json"
"$AUTHAUDIT" scan --quiet --baseline "$tmp/junk.json" "$t" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || bad "a malformed baseline: exit $rc, want 2"
"$AUTHAUDIT" scan --quiet --baseline "$tmp/none.json" "$t" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || bad "a missing baseline file: exit $rc, want 2"

exit $fail
