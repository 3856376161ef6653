#!/bin/sh
# scan_history_gate: the two gates. `--range A..B` (a pull request's
# check) reports exactly what the commits of B not in A introduced, with
# their commits, even when main moved on and was merged into the branch;
# `--staged` (a pre-commit hook) reports exactly what `git add` staged
# against HEAD, not what is only in the work tree nor what HEAD held,
# and nothing staged is a clean exit 0. Bad ranges are exit 2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/test-lib.sh"
. "$here/lib/gitrepo.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
r=$tmp/repo
test_expect "a repository to scan" 'git_init "$r" || test_fail "git init"' ||
	test_done
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
		test_fail "$name: the report does not parse:" \
			"$(cat "$tmp/$name.err")"
}
expect() {	# expect NAME LINE...: exactly these findings
	name=$1
	shift
	if [ $# -gt 0 ]; then printf '%s\n' "$@"; fi >"$tmp/$name.want"
	test_cmp "$tmp/$name.want" "$tmp/$name"
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

test_expect "--range main..pr: what the branch introduced" '
	scan range --range main..pr "$r"
	[ "$rc" -eq 1 ] ||
		test_fail "range: exit $rc, want 1 ($(cat "$tmp/range.err"))"
	expect range "pr.py:1:9 $pat $(short "$p1") tip" \
		"tmp.py:1:8 $pat $(short "$p2") history"
	[ "$(hscan "$tmp/range.json" history.mode)" = range ] ||
		test_fail "range: scan.history.mode is not range"
'
test_expect "the same range by commit ids" '
	scan ids --range "$(g rev-parse main)..$(g rev-parse pr)" "$r"
	expect ids "pr.py:1:9 $pat $(short "$p1") tip" \
		"tmp.py:1:8 $pat $(short "$p2") history"
'
test_expect "an empty range is clean" '
	scan empty --range pr..pr "$r"
	[ "$rc" -eq 0 ] || test_fail "empty range: exit $rc, want 0"
	expect empty
'
test_expect "bad ranges are exit 2, saying --range" '
	for spec in main pr... ..pr main...pr "main..nosuch"; do
		"$AUTHAUDIT" scan --quiet --range "$spec" "$r" >/dev/null \
			2>"$tmp/spec.err"
		rc=$?
		[ "$rc" -eq 2 ] ||
			test_fail "--range ${SQ}$spec${SQ}: exit $rc, want 2"
		grep -q -- "--range" "$tmp/spec.err" ||
			test_fail "--range ${SQ}$spec${SQ}: message" \
				"${SQ}$(cat "$tmp/spec.err")${SQ}"
	done
'

# staged: one new file staged, one staged change of a committed file
# (its new secret, not the one HEAD holds already on line 1); a secret
# only in the work tree is not staged
echo "ready = \"$T5\"" >"$r/staged.py"
echo "old = \"$T1\"" >"$r/old.py"
echo "also = \"$T6\"" >>"$r/old.py"
g add staged.py old.py
echo "wip = \"$T7\"" >"$r/unstaged.py"
echo "later = \"$T8\"" >"$r/later.py"	# changed, not staged
test_expect "--staged: what git add staged, not the work tree" '
	scan staged --staged "$r"
	[ "$rc" -eq 1 ] ||
		test_fail "staged: exit $rc, want 1 ($(cat "$tmp/staged.err"))"
	expect staged "old.py:2:9 $pat - staged" \
		"staged.py:1:10 $pat - staged"
'
test_expect "--staged from inside the work tree, PATH left out" '
	(cd "$r" && "$AUTHAUDIT" scan --quiet --staged --format json \
		>"$tmp/here.json" 2>"$tmp/here.err")
	hfind "$tmp/here.json" >"$tmp/here"
	cmp -s "$tmp/staged" "$tmp/here" ||
		test_fail "staged from the work tree differs"
'
test_expect "the text report says (staged)" '
	"$AUTHAUDIT" scan --quiet --staged "$r" >"$tmp/staged.txt" 2>&1
	grep -q "(staged)" "$tmp/staged.txt" ||
		test_fail "staged: the text report does not say so"
'
g commit -qm "commit them"
test_expect "nothing staged is a clean exit 0" '
	scan none --staged "$r"
	[ "$rc" -eq 0 ] || test_fail "nothing staged: exit $rc, want 0"
	expect none
'
test_expect "--staged with --history is a usage error" '
	"$AUTHAUDIT" scan --quiet --staged --history "$r" >/dev/null 2>&1
	[ $? -eq 2 ] || test_fail "--staged with --history: not a usage error"
'
test_done
