#!/bin/sh
# scan_history_reader: a history scan reads packed blobs with its own
# pack reader; AUTHAUDIT_HISTORY_LIBGIT2=1 reads every blob through
# libgit2 instead (the slow, obvious path). On a repository with long
# delta chains (by offset and by id), two packs, loose objects and a big
# blob, both give the same findings (path, line, column, rule, commit,
# presence) and the same counts, with and without --max-file-size.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/test-lib.sh"
. "$here/lib/gitrepo.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
r=$tmp/repo
g() { git -C "$r" "$@"; }

# rev N: every file edited a little more, so that each is a delta of
# the one before (long chains); a secret comes and goes, another moves
# down the file
rev() {
	n=$1
	awk -v n="$n" -v t1="$T1" -v t2="$T2" 'BEGIN {
		for (k = 0; k < 120 + 3 * n; k++) {
			if (k == 40 + n) printf "token = \"%s\"\n", t1
			else if (k == 7 && n % 10 < 4) printf "old = \"%s\"\n", t2
			else if (k % 3 || k / 3 > n) printf "line %d: kept\n", k
			else printf "line %d: edited at rev %d, once\n", k,
			    k / 3
		} }' >"$r/conf.py"
	awk -v n="$n" -v t3="$T3" 'BEGIN {
		for (k = 0; k < 30000; k++)
			printf "big %d of %d\n", k, k == 29000 ? n : 0
		printf "key = \"%s\"\n", t3 }' >"$r/big.txt"
	mkdir -p "$r/sub"
	echo "sub = \"$T5\" # rev $n" >"$r/sub/excluded.py"
	awk -v n="$n" -v t4="$T4" 'BEGIN {
		for (k = 0; k < 50; k++) printf "%d moving\n", (k * 7 + n) % 50
		if (n >= 20 && n < 30) printf "github = \"%s\"\n", t4 }' \
		>"$r/notes.txt"
	g add -A && at "$(printf '%02d' $((n % 28 + 1)))" -C "$r" commit -qm \
		"rev $n"
}

test_expect "a repository of deltas, two packs and loose objects" '
	git_init "$r" || test_fail "git init"
	i=0
	while [ $i -lt 30 ]; do rev $i; i=$((i + 1)); done
	g repack -q -adf --depth=50 --window=50 || test_fail "repack"
	while [ $i -lt 40 ]; do rev $i; i=$((i + 1)); done
	g -c repack.useDeltaBaseOffset=false repack -q -d --depth=50 ||
		test_fail "repack by id"
	while [ $i -lt 45 ]; do rev $i; i=$((i + 1)); done
	[ "$(ls "$r"/.git/objects/pack/*.pack | wc -l)" -eq 2 ] ||
		test_fail "want two packs"
	g verify-pack -v "$r"/.git/objects/pack/*.idx |
		awk "NF == 7 && \$6 > 8 { d++ } END { exit d < 10 }" ||
		test_fail "the packs hold no deltas"
'

# both NAME ARGS...: scan both ways; the findings and counts compared
both() {
	name=$1
	shift
	"$AUTHAUDIT" scan --quiet --format json --history "$@" "$r" \
		>"$tmp/$name.own.json" 2>"$tmp/$name.own.err"
	rc_own=$?
	AUTHAUDIT_HISTORY_LIBGIT2=1 "$AUTHAUDIT" scan --quiet --format json \
		--history "$@" "$r" >"$tmp/$name.git.json" \
		2>"$tmp/$name.git.err"
	rc_git=$?
	[ "$rc_own" -eq "$rc_git" ] ||
		test_fail "$name: exit $rc_own, libgit2's $rc_git"
	for way in own git; do
		hfind "$tmp/$name.$way.json" >"$tmp/$name.$way" ||
			test_fail "$name: $way: the report does not parse"
		for k in files_scanned bytes_scanned; do
			hscan "$tmp/$name.$way.json" $k
		done >>"$tmp/$name.$way"
		python3 -c "import json, sys
s = json.load(open(sys.argv[1]))[\"scan\"][\"files_skipped\"]
print(\"binary\", s[\"binary\"], \"too_large\", s[\"too_large\"])" \
			"$tmp/$name.$way.json" >>"$tmp/$name.$way"
	done
	test_cmp "$tmp/$name.git" "$tmp/$name.own"
}

test_expect "the same findings and counts as libgit2 reading" '
	both all
	[ "$rc_own" -eq 1 ] || test_fail "all: exit $rc_own"
	# T1 at each line it moved to, T2, T3 in big.txt and T4 once each
	n=$(grep -c "secret.github.pat" "$tmp/all.own")
	[ "$n" -ge 4 ] || test_fail "all: $n findings of the tokens"
	grep -q "^big.txt:30001:" "$tmp/all.own" ||
		test_fail "all: the big blob$SQ token is missing"
'

test_expect "the same with the big blob over --max-file-size" '
	both small --max-file-size 100K
	grep -q "^big.txt:" "$tmp/small.own" &&
		test_fail "small: big.txt was scanned"
	grep -q "too_large 0" "$tmp/small.own" &&
		test_fail "small: nothing was too large"
	:
'
test_expect "the same on one diff and scan thread as on four" '
	for j in 1 4; do
		"$AUTHAUDIT" scan --quiet --format json --history -j $j \
			--exclude "sub/*" "$r" >"$tmp/j$j.json" 2>"$tmp/j$j.err"
		hfind "$tmp/j$j.json" >"$tmp/j$j" &&
			python3 "$here/lib/report.py" notices "$tmp/j$j.json" \
				>>"$tmp/j$j" &&
			hscan "$tmp/j$j.json" files_scanned >>"$tmp/j$j" ||
			test_fail "-j $j: the report does not parse"
	done
	test_cmp "$tmp/j1" "$tmp/j4"
	grep -q secret.github.pat "$tmp/j1" || test_fail "-j 1: no finding"
'
test_done
