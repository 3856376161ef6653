#!/bin/sh
# docker_image: the Dockerfile builds an image whose default command is
# `authaudit scan /src`: on the bundled example, mounted read-only, it
# reports what the build's program reports and exits 1; it runs as a user
# without privileges; --version names the version, the commit (a build
# argument) and the libraries. Skipped, saying so, where no
# Docker daemon answers (`docker info` fails).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v docker >/dev/null 2>&1; then
	echo "skipped: no docker command on this machine"
	exit 0
fi
if ! docker info >/dev/null 2>&1; then
	echo "skipped: docker info fails (no daemon answers):" \
		"$(docker info 2>&1 | grep -i -m1 -e error -e cannot)"
	exit 0
fi
tmp=$(mktemp -d)
image=authaudit-test-$$
trap 'docker rmi -f "$image" >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
version=$(cat "$root/VERSION")
count() {
	python3 -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"
}

# the commit --version names comes in as a build argument (the build
# context has no .git)
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

test_expect "docker build" '
	docker build --build-arg AUTHAUDIT_COMMIT="$commit" -t "$image" \
		"$root" >"$tmp/build.log" 2>&1 ||
		test_fail "docker build: $(tail -15 "$tmp/build.log")"
'

test_expect "the default command scans /src: the example, exit 1" '
	docker run --rm -v "$root/examples:/src:ro" "$image" >"$tmp/default.out" \
		2>"$tmp/default.err"
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1: $(cat "$tmp/default.err")"
	grep -q "/src/acme-integration/.env:4:" "$tmp/default.out" ||
		test_fail "$(head -5 "$tmp/default.out")"
	docker run --rm -v "$root/examples:/src:ro" "$image" scan -q \
		--format json /src >"$tmp/img.json"
	(cd "$root" && AUTHAUDIT_RULES=$root/rules "$AUTHAUDIT" scan -q \
		--format json examples) >"$tmp/build.json"
	[ "$(count "$tmp/img.json")" = "$(count "$tmp/build.json")" ] ||
		test_fail "the image found $(count "$tmp/img.json"), the build $(count "$tmp/build.json")"
'

test_expect "it runs as a user without privileges; --version" '
	uid=$(docker run --rm --entrypoint id "$image" -u)
	[ "$uid" = 10001 ] || test_fail "uid $uid, want 10001"
	docker run --rm "$image" --version >"$tmp/version"
	grep -q "^authaudit $version (commit $commit)" "$tmp/version" &&
		grep -q "^libcurl [0-9]" "$tmp/version" &&
		grep -qx "rules: /usr/local/share/authaudit/rules" "$tmp/version" ||
		test_fail "$(cat "$tmp/version")"
'

test_done
