#!/bin/sh
# scan_ignore: a directory scan of a git work tree skips what git ignores:
# .gitignore at every level (anchored, any-level, negated and directory
# patterns), .git/info/exclude and the global excludes file, each counted
# in files_skipped.ignored and the text summary; a tracked file is never
# ignored, not even in an ignored directory; --no-ignore scans it all; a
# file or directory named on the command line is scanned even if ignored;
# a root below the top of the work tree keeps the rules of the levels
# above it; a tree outside any work tree has no git rules.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/rules_env.sh"
. "$here/lib/test-lib.sh"
. "$here/lib/gitrepo.sh"
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
make_rules "$tmp/rules"
AUTHAUDIT_RULES=$tmp/rules
# the global excludes come from $HOME's git config
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/home/.config
export AUTHAUDIT_RULES HOME XDG_CONFIG_HOME
mkdir -p "$HOME"
printf '*.bak.py\n' >"$HOME/global-ignore"
git config --file "$HOME/.gitconfig" core.excludesFile "$HOME/global-ignore"

r=$tmp/repo
test_expect "a work tree to scan" 'git_init "$r" || test_fail "git init"' ||
	test_done
v='requests.get(u, verify=False)'
# every file holds the same finding on line 2: the findings are the set
# of files scanned
for f in app.py top-only.py sub/top-only.py a.gen.py keep.gen.py \
	sub/b.gen.py sub/keep.gen.py sub/local.py local.py sub/cache/c.py \
	build/leak.py build/tracked.py dist/leak.py editor.bak.py; do
	mkdir -p "$r/$(dirname "$f")"
	printf 'import requests\n%s\n' "$v" >"$r/$f"
done
cat >"$r/.gitignore" <<'EOF'
# build output, generated code (but one), a file at the top only
build/
*.gen.py
!keep.gen.py
/top-only.py
EOF
printf 'local.py\ncache/\n' >"$r/sub/.gitignore"
printf 'dist/\n' >>"$r/.git/info/exclude"
git -C "$r" add -f build/tracked.py && git -C "$r" add .gitignore app.py &&
	at 01 -C "$r" commit -qm "c1" ||
	{ test_fail "cannot commit"; test_done; }

# found PATH...: the findings a scan of PATH... gives, one path each (as
# reports show it: below the root scanned, a file as named)
found() {
	"$AUTHAUDIT" scan -q --format json "$@" >"$tmp/out.json"
	$report findings "$tmp/out.json" |
		sed 's/:2:17 transport.tls-verify.python high$//'
}
want() { printf '%s\n' "$@" >"$tmp/want"; }

test_expect "the ignored files are not scanned, the others are" '
	found "$r" >"$tmp/got"
	want app.py build/tracked.py keep.gen.py local.py sub/keep.gen.py \
		sub/top-only.py
	test_cmp "$tmp/want" "$tmp/got"
'
test_expect "what was ignored is counted, a directory once" '
	# top-only.py a.gen.py editor.bak.py dist/ build/leak.py
	# sub/b.gen.py sub/local.py sub/cache/
	n=$(python3 "$here/lib/report.py" scan "$tmp/out.json" \
		files_skipped.ignored)
	[ "$n" = 8 ] || test_fail "files_skipped.ignored is $n, not 8"
	n=$(python3 "$here/lib/report.py" scan "$tmp/out.json" files_scanned)
	# the six above and two .gitignore files
	[ "$n" = 8 ] || test_fail "files_scanned is $n, not 8"
	"$AUTHAUDIT" scan -q "$r" >"$tmp/out.txt"
	grep -q "^skipped: .*, 1 VCS dirs, 8 git-ignored$" "$tmp/out.txt" ||
		test_fail "the text summary: $(grep "^skipped:" "$tmp/out.txt")"
'
test_expect "--no-ignore scans every file, the ignored secrets too" '
	found --no-ignore "$r" >"$tmp/got"
	for f in a.gen.py app.py build/leak.py build/tracked.py \
		dist/leak.py editor.bak.py keep.gen.py local.py sub/b.gen.py \
		sub/cache/c.py sub/keep.gen.py sub/local.py sub/top-only.py \
		top-only.py; do
		echo "$f"
	done >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
	n=$(python3 "$here/lib/report.py" scan "$tmp/out.json" \
		files_skipped.ignored)
	[ "$n" = 0 ] || test_fail "--no-ignore: $n ignored"
'
test_expect "a file or directory named on the command line is scanned" '
	found "$r/dist/leak.py" "$r/sub/local.py" "$r/dist" >"$tmp/got"
	# the files as named, the directory'"'"'s below it
	want "$r/dist/leak.py" "$r/sub/local.py" leak.py
	test_cmp "$tmp/want" "$tmp/got"
'
test_expect "below the top, the rules of every level still apply" '
	(cd "$r/sub" && found .) >"$tmp/got"
	want keep.gen.py top-only.py
	test_cmp "$tmp/want" "$tmp/got"
'
test_expect "outside a work tree no git rule applies" '
	mkdir "$tmp/plain" && cp -R "$r/." "$tmp/plain/" &&
		rm -rf "$tmp/plain/.git"
	found "$tmp/plain" >"$tmp/got"
	for f in a.gen.py app.py build/leak.py build/tracked.py \
		dist/leak.py editor.bak.py keep.gen.py local.py sub/b.gen.py \
		sub/cache/c.py sub/keep.gen.py sub/local.py sub/top-only.py \
		top-only.py; do
		echo "$f"
	done >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
'
test_done
