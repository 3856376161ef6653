#!/bin/sh
# scan_history_shard: --shard splits a history scan by path, and `authaudit
# merge` of the shards' JSON reports gives back exactly the whole scan's
# findings, commits and presence included (the reader keeps them), while
# each shard counts the paths it left to the others.
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
n=1
for t in "$T1" "$T2" "$T3" "$T4" "$T5" "$T6"; do
	echo "t$n = \"$t\"" >"$r/f$n.py"
	g add -A && at "0$n" -C "$r" commit -qm "c$n"
	n=$((n + 1))
done
g rm -q f2.py f5.py && at 07 -C "$r" commit -qm "remove two"

"$AUTHAUDIT" scan --quiet --history --format json "$r" >"$tmp/all.json" \
	2>"$tmp/all.err"
[ $? -eq 1 ] || bad "whole: exit status ($(cat "$tmp/all.err"))"
hfind "$tmp/all.json" >"$tmp/all"
[ "$(wc -l <"$tmp/all")" -eq 6 ] || bad "whole: $(wc -l <"$tmp/all") findings"
for i in 1 2 3; do
	"$AUTHAUDIT" scan --quiet --history --shard "$i/3" --format json \
		"$r" >"$tmp/s$i.json" 2>"$tmp/s$i.err"
	[ $? -le 1 ] || bad "shard $i/3: $(cat "$tmp/s$i.err")"
done
"$AUTHAUDIT" merge --quiet --format json -o "$tmp/merged.json" \
	"$tmp/s1.json" "$tmp/s2.json" "$tmp/s3.json" 2>"$tmp/merge.err"
[ $? -eq 1 ] || bad "merge: exit status ($(cat "$tmp/merge.err"))"
hfind "$tmp/merged.json" >"$tmp/merged"
cmp -s "$tmp/all" "$tmp/merged" || {
	bad "merged shards differ from the whole scan (whole, merged):"
	diff "$tmp/all" "$tmp/merged" | sed 's/^/      /'
}
others=0
for i in 1 2 3; do
	others=$((others + $(hscan "$tmp/s$i.json" files_skipped.other_shards)))
done
# each path is kept by one shard: the other two count it
[ "$others" -eq 12 ] || bad "the shards left $others paths to others, want 12"
exit $fail
