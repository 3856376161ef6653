#!/bin/sh
# install: `make install` into an empty PREFIX gives a program that runs
# from any directory and finds its installed rules (and still does when
# the prefix is moved), a man page carrying VERSION, completions that
# parse; `make uninstall` leaves nothing; DESTDIR stages a package tree
# the same way.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
build=$(dirname "$AUTHAUDIT")
version=$(cat "$root/VERSION")
mk() {
	make -s -C "$root" --no-print-directory BUILD="$build" "$@" \
		>"$tmp/make.out" 2>&1 || { bad "make $*: $(tail -5 "$tmp/make.out")"; }
}

prefix=$tmp/prefix
mkdir "$prefix"
mk install PREFIX="$prefix"
for f in bin/authaudit share/authaudit/rules/allowlist.yaml \
	share/authaudit/rules/wordlists/jwt-secrets.txt \
	share/man/man1/authaudit.1 share/doc/authaudit/README.md \
	share/bash-completion/completions/authaudit \
	share/zsh/site-functions/_authaudit \
	share/fish/vendor_completions.d/authaudit.fish; do
	[ -f "$prefix/$f" ] || bad "make install left no $f"
done
[ -e "$prefix/share/authaudit/rules/catalogue-src" ] &&
	bad "the rule generator's sources were installed"
head -1 "$prefix/share/man/man1/authaudit.1" | grep -F "\"authaudit $version\"" \
	>/dev/null || bad "the man page does not carry VERSION $version:" \
	"$(head -1 "$prefix/share/man/man1/authaudit.1")"
bash -n "$prefix/share/bash-completion/completions/authaudit" ||
	bad "the bash completion does not parse"

# from another directory, with no rules beside it: the installed ones
want=$(cd "$root" && "$AUTHAUDIT" scan --quiet --format json examples |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
scan_count() {
	(cd "$tmp" && AUTHAUDIT_RULES= "$1/bin/authaudit" scan --quiet \
		--format json "$root/examples" 2>"$tmp/err") |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))'
}
got=$(scan_count "$prefix")
[ "$got" = "$want" ] || bad "installed scan found $got findings, the" \
	"build's $want ($(head -c 300 "$tmp/err"))"
(cd "$tmp" && "$prefix/bin/authaudit" --version) >"$tmp/version" 2>&1
grep -x "rules: $prefix/share/authaudit/rules" "$tmp/version" >/dev/null ||
	bad "--version names other rules: $(grep rules: "$tmp/version")"
grep "^authaudit $version (commit " "$tmp/version" >/dev/null ||
	bad "--version: $(head -1 "$tmp/version")"
for lib in "libcurl [0-9]" "OpenSSL [0-9]" "PCRE2 [0-9]" "matcher: " \
	"libyaml [0-9]"; do
	grep "^$lib" "$tmp/version" >/dev/null ||
		bad "--version names no $lib: $(cat "$tmp/version")"
done
# --help tells where the rules come from, in the order they are tried
"$prefix/bin/authaudit" --help >"$tmp/help"
tr '\n' ' ' <"$tmp/help" | grep "AUTHAUDIT_RULES when set.*rules/ or ../rules/ beside the program.*share/authaudit/rules/.*install prefix" \
	>/dev/null || bad "--help does not give the rules search order:" \
	"$(grep -A4 '^rules:' "$tmp/help")"

# the installed tree can move: rules are found beside the binary first
mv "$prefix" "$tmp/moved"
got=$(scan_count "$tmp/moved")
[ "$got" = "$want" ] || bad "a moved install found $got findings, not $want"
mv "$tmp/moved" "$prefix"

mk uninstall PREFIX="$prefix"
left=$(cd "$prefix" && find . -mindepth 1 | head -5)
[ -z "$left" ] || bad "make uninstall left: $left"

# DESTDIR stages the tree under its own root, paths as PREFIX says
mk install DESTDIR="$tmp/stage" PREFIX=/usr
[ -x "$tmp/stage/usr/bin/authaudit" ] || bad "DESTDIR install: no usr/bin"
[ -f "$tmp/stage/usr/share/authaudit/rules/allowlist.yaml" ] ||
	bad "DESTDIR install: no rules"
mk uninstall DESTDIR="$tmp/stage" PREFIX=/usr
left=$(cd "$tmp/stage" && find . -mindepth 2 | head -5)
[ -z "$left" ] || bad "DESTDIR uninstall left: $left"
exit $fail
