#!/bin/sh
# deb: `dpkg-buildpackage -us -uc -b` on a copy of the tree builds
# authaudit_<VERSION>_<arch>.deb (the version from VERSION); the package
# holds the program, rules, man page and completions; the program of the
# extracted package (dpkg-deb -x) finds the packaged rules and finds on
# the bundled example what the build's program finds; lintian (pedantic,
# info tags too) has nothing to say. Run by `make package-test` (a whole
# build, 40 s idle and over 2 minutes on a busy 2-core machine: not part
# of make test). Skipped, saying so, without dpkg-buildpackage.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v dpkg-buildpackage >/dev/null 2>&1 ||
	! command -v dh >/dev/null 2>&1; then
	echo "skipped: dpkg-buildpackage or debhelper is not installed" \
		"(make deps-package installs them)"
	exit 0
fi
tmp=$(mktemp -d /tmp/authaudit-deb-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$root/tests/e2e/lib/test-lib.sh"
version=$(cat "$root/VERSION")
arch=$(dpkg --print-architecture)
deb=$tmp/authaudit_${version}_${arch}.deb

count() {	# count REPORT.json: its number of findings
	python3 -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"
}

test_expect "dpkg-buildpackage builds authaudit_${version}_${arch}.deb" '
	mkdir "$tmp/src"
	(cd "$root" && git ls-files -co --exclude-standard -z |
		xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$tmp/src" ||
		test_fail "cannot copy the tree"
	start=$(date +%s)
	(cd "$tmp/src" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1 ||
		test_fail "dpkg-buildpackage: $(tail -15 "$tmp/build.log")"
	echo "# built in $(( $(date +%s) - start )) s"
	[ -f "$deb" ] || test_fail "no $deb: $(ls "$tmp")"
'

test_expect "a debian/changelog that disagrees with VERSION is refused" '
	mkdir "$tmp/v"
	cp -R "$root/debian" "$tmp/v/"
	echo 9.9.9 >"$tmp/v/VERSION"
	(cd "$tmp/v" && make -f debian/rules override_dh_auto_configure) \
		>"$tmp/v.out" 2>&1 && test_fail "the build went on"
	grep -q "debian/changelog says $version, VERSION says 9.9.9" \
		"$tmp/v.out" || test_fail "$(cat "$tmp/v.out")"
'

test_expect "its control fields: name, version from VERSION, libraries" '
	dpkg-deb -f "$deb" Package Version Architecture >"$tmp/fields"
	printf "Package: authaudit\nVersion: %s\nArchitecture: %s\n" \
		"$version" "$arch" >"$tmp/fields.want"
	test_cmp "$tmp/fields.want" "$tmp/fields"
	dpkg-deb -f "$deb" Depends | grep -q "libyaml-0-2" ||
		test_fail "Depends: $(dpkg-deb -f "$deb" Depends)"
'

test_expect "the package holds program, rules, man page, completions" '
	dpkg-deb -x "$deb" "$tmp/x"
	for f in usr/bin/authaudit usr/share/authaudit/rules/allowlist.yaml \
		usr/share/authaudit/rules/wordlists/jwt-secrets.txt \
		usr/share/man/man1/authaudit.1.gz \
		usr/share/doc/authaudit/copyright \
		usr/share/doc/authaudit/changelog.gz \
		usr/share/doc/authaudit/config.md.gz \
		usr/share/bash-completion/completions/authaudit \
		usr/share/zsh/vendor-completions/_authaudit \
		usr/share/fish/vendor_completions.d/authaudit.fish; do
		[ -f "$tmp/x/$f" ] || test_fail "no $f in the package"
	done
	zcat "$tmp/x/usr/share/man/man1/authaudit.1.gz" | head -1 |
		grep -qF "\"authaudit $version\"" || test_fail "man page version"
'

test_expect "the packaged program runs on the bundled example" '
	(cd "$tmp" && AUTHAUDIT_RULES= "$tmp/x/usr/bin/authaudit" --version) \
		>"$tmp/version" 2>&1
	grep -q "^authaudit $version " "$tmp/version" &&
		grep -qx "rules: $tmp/x/usr/share/authaudit/rules" "$tmp/version" ||
		test_fail "--version: $(cat "$tmp/version")"
	(cd "$tmp" && AUTHAUDIT_RULES= "$tmp/x/usr/bin/authaudit" scan -q \
		--format json "$root/examples") >"$tmp/pkg.json" 2>"$tmp/pkg.err"
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "scan: exit $rc, want 1 ($(cat "$tmp/pkg.err"))"
	(cd "$root" && AUTHAUDIT_RULES= "$AUTHAUDIT" scan -q --format json \
		examples) >"$tmp/build.json"
	[ "$(count "$tmp/pkg.json")" = "$(count "$tmp/build.json")" ] ||
		test_fail "the package found $(count "$tmp/pkg.json"), the build $(count "$tmp/build.json")"
'

if command -v lintian >/dev/null 2>&1; then
	test_expect "lintian (pedantic, info): no tag at all" '
		lintian -I --pedantic "$deb" >"$tmp/lintian" 2>&1
		! grep -E "^(E|W|I|P):" "$tmp/lintian" ||
			test_fail "lintian: $(grep -E "^(E|W|I|P):" "$tmp/lintian" | head -5)"
	'
else
	echo "# lintian not installed: not run"
fi

test_done
