#!/bin/sh
# scan_history_robust: what a history scan meets in real repositories. A
# blob over --max-file-size is skipped and counted; a symbolic link is
# counted, not read; a submodule entry (gitlink) is a notice, not
# followed; a ref to a blob is a notice. A shallow clone's boundary
# commit takes what it holds (no "missing" notice: its parents were never
# fetched); a partial clone lacking a blob gives a notice naming the
# object and its path, and the scan goes on with the rest.
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
	printf '%s\n' "$@" >"$tmp/$name.want"
	test_cmp "$tmp/$name.want" "$tmp/$name"
}
notices() { python3 "$here/lib/report.py" notices "$1"; }

echo "keep = \"$T1\"" >"$r/keep.py"
echo "gone = \"$T2\"" >"$r/gone.py"
{
	echo "big = \"$T3\""
	i=0
	while [ $i -lt 100 ]; do
		echo "# filler line $i, so that this file passes 2K"
		i=$((i + 1))
	done
} >"$r/big.txt"
ln -s keep.py "$r/link.py"
g add -A && at 01 -C "$r" commit -qm "c1"
c1=$(g rev-parse HEAD)
g rm -q gone.py
g update-index --add --cacheinfo "160000,$c1,sub"
at 02 -C "$r" commit -qm "c2: a submodule, gone.py removed"
c2=$(g rev-parse HEAD)
g tag blob-tag "$(g rev-parse HEAD:keep.py)"

test_expect "the history: findings with their commits and presence" '
	scan all --history "$r"
	[ "$rc" -eq 1 ] || test_fail "all: exit $rc ($(cat "$tmp/all.err"))"
	expect all "big.txt:1:8 $pat $(short "$c1") tip" \
		"gone.py:1:9 $pat $(short "$c1") history" \
		"keep.py:1:9 $pat $(short "$c1") tip"
'
test_expect "a symbolic link and a gitlink are counted, not read" '
	[ "$(hscan "$tmp/all.json" files_skipped.links)" = 1 ] ||
		test_fail "all: the symbolic link is not counted"
	[ "$(hscan "$tmp/all.json" history.gitlinks)" = 1 ] ||
		test_fail "all: the gitlink is not counted"
'
test_expect "a submodule and a tag of a blob are notices" '
	notices "$tmp/all.json" | grep -q "/sub: submodule (gitlink to commit $(
		printf "%.12s" "$c1")): noted, not followed" ||
		test_fail "all: no notice for the submodule:" \
			"$(notices "$tmp/all.json")"
	notices "$tmp/all.json" |
		grep -q "^refs/tags/blob-tag: ref not walked" ||
		test_fail "all: no notice for the tag of a blob"
'
test_expect "a blob over --max-file-size is skipped and counted" '
	scan small --history --max-file-size 2K "$r"
	expect small "gone.py:1:9 $pat $(short "$c1") history" \
		"keep.py:1:9 $pat $(short "$c1") tip"
	[ "$(hscan "$tmp/small.json" files_skipped.too_large)" = 1 ] ||
		test_fail "small: the blob over --max-file-size is not counted"
'
# a shallow clone: its one commit introduced everything it holds
test_expect "a shallow clone: its boundary commit takes what it holds" '
	git clone -q --depth 1 "file://$r" "$tmp/c-shallow" \
		2>"$tmp/clone.err" ||
		test_fail "shallow clone: $(cat "$tmp/clone.err")"
	scan shallow --history "$tmp/c-shallow"
	expect shallow "big.txt:1:8 $pat $(short "$c2") tip" \
		"keep.py:1:9 $pat $(short "$c2") tip"
	[ "$(hscan "$tmp/shallow.json" history.commits)" = 1 ] ||
		test_fail "shallow: $(hscan "$tmp/shallow.json" \
			history.commits) commits"
	[ "$(hscan "$tmp/shallow.json" history.missing_objects)" = 0 ] ||
		test_fail "shallow: its boundary${SQ}s parents taken for" \
			"missing objects"
'
# a partial clone (no blobs but the checkout's): gone.py's blob is missing
test_expect "a partial clone: the missing blob a notice, the rest scanned" '
	g config uploadpack.allowfilter true
	git clone -q --filter=blob:none "file://$r" "$tmp/c-partial" \
		2>"$tmp/clone.err" ||
		test_fail "partial clone: $(cat "$tmp/clone.err")"
	gone=$(g rev-parse "$c1:gone.py")
	scan partial --history "$tmp/c-partial"
	[ "$rc" -eq 1 ] ||
		test_fail "partial: exit $rc ($(cat "$tmp/partial.err"))"
	expect partial "big.txt:1:8 $pat $(short "$c1") tip" \
		"keep.py:1:9 $pat $(short "$c1") tip"
	notices "$tmp/partial.json" | grep -q "/gone.py: missing object $gone (blob introduced by commit $(
		printf "%.12s" "$c1")): not scanned" ||
		test_fail "partial: no notice naming the missing blob:" \
			"$(notices "$tmp/partial.json")"
	[ "$(hscan "$tmp/partial.json" history.missing_objects)" = 1 ] ||
		test_fail "partial: missing_objects is not 1"
'
test_done
