#!/bin/sh
# scan_demo_deps: `make demo` on a fresh machine installs every program the
# demo scripts run. Each tool that scripts/demo*.sh, or a library they
# source, calls must be in the packages `scripts/deps.sh demo` installs,
# and scripts/demo.sh (the first of them) must install that group.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
cd "$root" || exit 1

pkgs=$(scripts/deps.sh --list demo) || {
	echo "FAIL: scripts/deps.sh --list demo failed"
	exit 1
}
# the demo scripts and what they source (". tests/e2e/lib/x.sh")
files=$(ls scripts/demo*.sh)
for f in $files; do
	files="$files $(sed -n 's/^\. *\([^ ;]*\.sh\).*/\1/p' "$f")"
done
# shellcheck disable=SC2086 # a list of words, split on purpose
files=$(printf '%s\n' $files | sort -u)
# tool -> the Debian package that provides it
for pair in openssl:openssl python3:python3 curl:curl; do
	tool=${pair%%:*} pkg=${pair#*:}
	users=""
	for f in $files; do
		[ -f "$f" ] || { bad "$f is sourced but missing"; continue; }
		# a command word, not part of a name or path, outside comments
		word="(^|[^A-Za-z0-9_./-])$tool([^A-Za-z0-9_.-]|$)"
		if sed 's/#.*//' "$f" | grep -Eq "$word"; then
			users="$users $f"
		fi
	done
	[ -z "$users" ] && continue
	# shellcheck disable=SC2086
	printf '%s\n' $pkgs | grep -qx "$pkg" ||
		bad "$tool is run by$users but deps.sh demo lacks $pkg"
done
# make demo installs them before anything runs
grep -q '^demo: deps-demo' Makefile &&
	grep -q 'scripts/deps.sh demo' Makefile ||
	bad "make demo does not install the demo packages first"
exit $fail
