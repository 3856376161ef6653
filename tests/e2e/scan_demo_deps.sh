#!/bin/sh
# scan_demo_deps: `make demo` on a fresh machine installs every program the
# demo scripts run. Each tool that scripts/demo*.sh, or a library they
# source, calls must be in the packages `scripts/deps.sh demo` installs,
# and scripts/demo.sh (the first of them) must install that group.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/test-lib.sh"
cd "$root" || exit 1

test_expect "scripts/deps.sh --list demo lists the demo packages" '
	pkgs=$(scripts/deps.sh --list demo) ||
		test_fail "scripts/deps.sh --list demo failed"
' || test_done
# the demo scripts and what they source (". tests/e2e/lib/x.sh")
files=$(ls scripts/demo*.sh)
for f in $files; do
	files="$files $(sed -n 's/^\. *\([^ ;]*\.sh\).*/\1/p' "$f")"
done
# shellcheck disable=SC2086 # a list of words, split on purpose
files=$(printf '%s\n' $files | sort -u)
# Each tool (tool:package, the Debian package that provides it) the demo
# scripts run is among the packages.
tools_packaged() {
	for pair in openssl:openssl python3:python3 curl:curl; do
		tool=${pair%%:*} pkg=${pair#*:}
		users=""
		for f in $files; do
			[ -f "$f" ] || {
				test_fail "$f is sourced but missing"
				continue
			}
			# a command word, not part of a name or path, outside
			# comments
			word="(^|[^A-Za-z0-9_./-])$tool([^A-Za-z0-9_.-]|$)"
			if sed 's/#.*//' "$f" | grep -Eq "$word"; then
				users="$users $f"
			fi
		done
		[ -z "$users" ] && continue
		# shellcheck disable=SC2086
		printf '%s\n' $pkgs | grep -qx "$pkg" ||
			test_fail "$tool is run by$users but deps.sh demo" \
				"lacks $pkg"
	done
	return 0
}
test_expect "every tool the demo scripts run is in deps.sh demo" \
	tools_packaged

test_expect "make demo installs the demo packages before anything runs" '
	grep -q "^demo: deps-demo" Makefile &&
		grep -q "scripts/deps.sh demo" Makefile ||
		test_fail "make demo does not install the demo packages first"
'
test_done
