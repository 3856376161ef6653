#!/bin/sh
# scan_history_gate: the two gates. `--range A..B` (a pull request's
# check) reports exactly what the commits of B not in A introduced, with
# their commits, even when main moved on and was merged into the branch;
# `--staged` (a pre-commit hook) reports exactly what `git add` staged
# against HEAD, not what is only in the work tree nor what HEAD held,
# and nothing staged is a clean exit 0. Bad ranges are exit 2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/gitrepo.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
r=$tmp/repo
git_init "$r" || { echo "FAIL: git init"; exit 1; }
g() { git -C "$r" "$@"; }
short() { printf '%.8s' "$1"; }
pat=secret.github.pat
scan() {	# scan NAME ARGS...
	name=$1
	shift
	"$AUTHAUDIT" scan --quiet --format json "$@" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	rc=$?
	hfind "$tmp/$name.json" >"$tmp/$name" 2>>"$tmp/$name.err" ||
		bad "$name: the report does not parse: $(cat "$tmp/$name.err")"
}
expect() {	# expect NAME LINE...
	name=$1
	shift
	if [ $# -gt 0 ]; then printf '%s\n' "$@"; fi >"$tmp/$name.want"
	cmp -s "$tmp/$name.want" "$tmp/$name" || {
		bad "$name: findings differ (want, got):"
		diff "$tmp/$name.want" "$tmp/$name" | sed 's/^/      /'
	}
}

# main: an old secret; the branch: one added and one added then removed;
# main moves on (a new secret) and is merged into the branch
echo "old = \"$T1\"" >"$r/old.py"
g add -A && at 01 -C "$r" commit -qm "base"
g checkout -qb pr
echo "mine = \"$T2\"" >"$r/pr.py"
g add -A && at 02 -C "$r" commit -qm "pr: add"
p1=$(g rev-parse HEAD)
echo "tmp = \"$T3\"" >"$r/tmp.py"
g add -A && at 03 -C "$r" commit -qm "pr: oops"
p2=$(g rev-parse HEAD)
g rm -q tmp.py && at 04 -C "$r" commit -qm "pr: remove it again"
g checkout -q main
echo "later = \"$T4\"" >"$r/later.py"
g add -A && at 05 -C "$r" commit -qm "main moves on"
g checkout -q pr
at 06 -C "$r" merge -q --no-ff -m "merge main into pr" main
g checkout -q main

scan range --range main..pr "$r"
[ "$rc" -eq 1 ] || bad "range: exit $rc, want 1 ($(cat "$tmp/range.err"))"
expect range "pr.py:1:9 $pat $(short "$p1") tip" \
	"tmp.py:1:8 $pat $(short "$p2") history"
[ "$(hscan "$tmp/range.json" history.mode)" = range ] ||
	bad "range: scan.history.mode is not range"
# the same range by commit ids; and an empty one is clean
scan ids --range "$(g rev-parse main)..$(g rev-parse pr)" "$r"
expect ids "pr.py:1:9 $pat $(short "$p1") tip" \
	"tmp.py:1:8 $pat $(short "$p2") history"
scan empty --range pr..pr "$r"
[ "$rc" -eq 0 ] || bad "empty range: exit $rc, want 0"
expect empty
for spec in main pr... ..pr main...pr "main..nosuch"; do
	"$AUTHAUDIT" scan --quiet --range "$spec" "$r" >/dev/null \
		2>"$tmp/spec.err"
	rc=$?
	[ "$rc" -eq 2 ] || bad "--range '$spec': exit $rc, want 2"
	grep -q -- "--range" "$tmp/spec.err" ||
		bad "--range '$spec': message '$(cat "$tmp/spec.err")'"
done

# staged: one new file staged, one staged change of a committed file
# (its new secret, not the one HEAD holds already on line 1); a secret
# only in the work tree is not staged
echo "ready = \"$T5\"" >"$r/staged.py"
echo "old = \"$T1\"" >"$r/old.py"
echo "also = \"$T6\"" >>"$r/old.py"
g add staged.py old.py
echo "wip = \"$T7\"" >"$r/unstaged.py"
echo "later = \"$T8\"" >"$r/later.py"	# changed, not staged
scan staged --staged "$r"
[ "$rc" -eq 1 ] || bad "staged: exit $rc, want 1 ($(cat "$tmp/staged.err"))"
expect staged "old.py:2:9 $pat - staged" \
	"staged.py:1:10 $pat - staged"
# from inside the work tree, PATH left out
(cd "$r" && "$AUTHAUDIT" scan --quiet --staged --format json \
	>"$tmp/here.json" 2>"$tmp/here.err")
hfind "$tmp/here.json" >"$tmp/here"
cmp -s "$tmp/staged" "$tmp/here" || bad "staged from the work tree differs"
grep -q "(staged)" "$(
	"$AUTHAUDIT" scan --quiet --staged "$r" >"$tmp/staged.txt" 2>&1
	echo "$tmp/staged.txt")" || bad "staged: the text report does not say so"
g commit -qm "commit them"
scan none --staged "$r"
[ "$rc" -eq 0 ] || bad "nothing staged: exit $rc, want 0"
expect none
"$AUTHAUDIT" scan --quiet --staged --history "$r" >/dev/null 2>&1
[ $? -eq 2 ] || bad "--staged with --history: not a usage error"
exit $fail
