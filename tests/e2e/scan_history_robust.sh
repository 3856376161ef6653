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
	printf '%s\n' "$@" >"$tmp/$name.want"
	cmp -s "$tmp/$name.want" "$tmp/$name" || {
		bad "$name: findings differ (want, got):"
		diff "$tmp/$name.want" "$tmp/$name" | sed 's/^/      /'
	}
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

scan all --history "$r"
[ "$rc" -eq 1 ] || bad "all: exit $rc ($(cat "$tmp/all.err"))"
expect all "big.txt:1:8 $pat $(short "$c1") tip" \
	"gone.py:1:9 $pat $(short "$c1") history" \
	"keep.py:1:9 $pat $(short "$c1") tip"
[ "$(hscan "$tmp/all.json" files_skipped.links)" = 1 ] ||
	bad "all: the symbolic link is not counted"
[ "$(hscan "$tmp/all.json" history.gitlinks)" = 1 ] ||
	bad "all: the gitlink is not counted"
notices "$tmp/all.json" | grep -q "/sub: submodule (gitlink to commit $(
	printf '%.12s' "$c1")): noted, not followed" ||
	bad "all: no notice for the submodule: $(notices "$tmp/all.json")"
notices "$tmp/all.json" | grep -q "^refs/tags/blob-tag: ref not walked" ||
	bad "all: no notice for the tag of a blob"

scan small --history --max-file-size 2K "$r"
expect small "gone.py:1:9 $pat $(short "$c1") history" \
	"keep.py:1:9 $pat $(short "$c1") tip"
[ "$(hscan "$tmp/small.json" files_skipped.too_large)" = 1 ] ||
	bad "small: the blob over --max-file-size is not counted"

# a shallow clone: its one commit introduced everything it holds
git clone -q --depth 1 "file://$r" "$tmp/c-shallow" 2>"$tmp/clone.err" ||
	bad "shallow clone: $(cat "$tmp/clone.err")"
scan shallow --history "$tmp/c-shallow"
expect shallow "big.txt:1:8 $pat $(short "$c2") tip" \
	"keep.py:1:9 $pat $(short "$c2") tip"
[ "$(hscan "$tmp/shallow.json" history.commits)" = 1 ] ||
	bad "shallow: $(hscan "$tmp/shallow.json" history.commits) commits"
[ "$(hscan "$tmp/shallow.json" history.missing_objects)" = 0 ] ||
	bad "shallow: its boundary's parents taken for missing objects"

# a partial clone (no blobs but the checkout's): gone.py's blob is missing
g config uploadpack.allowfilter true
git clone -q --filter=blob:none "file://$r" "$tmp/c-partial" \
	2>"$tmp/clone.err" || bad "partial clone: $(cat "$tmp/clone.err")"
gone=$(g rev-parse "$c1:gone.py")
scan partial --history "$tmp/c-partial"
[ "$rc" -eq 1 ] || bad "partial: exit $rc ($(cat "$tmp/partial.err"))"
expect partial "big.txt:1:8 $pat $(short "$c1") tip" \
	"keep.py:1:9 $pat $(short "$c1") tip"
notices "$tmp/partial.json" | grep -q "/gone.py: missing object $gone (blob introduced by commit $(
	printf '%.12s' "$c1")): not scanned" ||
	bad "partial: no notice naming the missing blob: $(notices "$tmp/partial.json")"
[ "$(hscan "$tmp/partial.json" history.missing_objects)" = 1 ] ||
	bad "partial: missing_objects is not 1"
exit $fail
