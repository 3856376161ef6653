#!/bin/sh
# scan_history_shard: --shard splits a history scan by path, and `authaudit
# merge` of the shards' JSON reports gives back exactly the whole scan's
# findings, commits and presence included (the reader keeps them), while
# each shard counts the paths it left to the others.
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
n=1
for t in "$T1" "$T2" "$T3" "$T4" "$T5" "$T6"; do
	echo "t$n = \"$t\"" >"$r/f$n.py"
	g add -A && at "0$n" -C "$r" commit -qm "c$n"
	n=$((n + 1))
done
g rm -q f2.py f5.py && at 07 -C "$r" commit -qm "remove two"

test_expect "the whole history scan: 6 findings" '
	"$AUTHAUDIT" scan --quiet --history --format json "$r" \
		>"$tmp/all.json" 2>"$tmp/all.err"
	[ $? -eq 1 ] || test_fail "whole: exit status ($(cat "$tmp/all.err"))"
	hfind "$tmp/all.json" >"$tmp/all"
	[ "$(wc -l <"$tmp/all")" -eq 6 ] ||
		test_fail "whole: $(wc -l <"$tmp/all") findings"
'
test_expect "each of --shard 1/3..3/3 scans its share" '
	for i in 1 2 3; do
		"$AUTHAUDIT" scan --quiet --history --shard "$i/3" \
			--format json "$r" >"$tmp/s$i.json" 2>"$tmp/s$i.err"
		[ $? -le 1 ] || test_fail "shard $i/3: $(cat "$tmp/s$i.err")"
	done
'
test_expect "merged shards give back the whole scan" '
	"$AUTHAUDIT" merge --quiet --format json -o "$tmp/merged.json" \
		"$tmp/s1.json" "$tmp/s2.json" "$tmp/s3.json" \
		2>"$tmp/merge.err"
	[ $? -eq 1 ] ||
		test_fail "merge: exit status ($(cat "$tmp/merge.err"))"
	hfind "$tmp/merged.json" >"$tmp/merged"
	test_cmp "$tmp/all" "$tmp/merged"
'
# each path is kept by one shard: the other two count it
test_expect "each path is counted by the two shards that left it" '
	others=0
	for i in 1 2 3; do
		others=$((others +
			$(hscan "$tmp/s$i.json" files_skipped.other_shards)))
	done
	[ "$others" -eq 12 ] ||
		test_fail "the shards left $others paths to others, want 12"
'
test_done
