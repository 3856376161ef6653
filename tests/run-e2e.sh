#!/bin/sh
# Run every tests/e2e/*.sh with AUTHAUDIT and FIXTURES set, two at a time
# (E2E_JOBS; each script has its own temporary directory and ports the
# kernel gives), each exits non-zero on failure; a failing script's output
# is printed whole, in the scripts' order.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# one secret hash key for every script (test-lib.sh sets the same), so no
# test writes the user's ~/.config/authaudit/hash-key
AUTHAUDIT_HASH_KEY=${AUTHAUDIT_HASH_KEY:-authaudit-e2e-test-key-not-a-secret}
export AUTHAUDIT_HASH_KEY
jobs=${E2E_JOBS:-2}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT INT TERM
for t in "$here"/e2e/*.sh; do
	[ -e "$t" ] && printf '%s\n' "$t"
done | xargs -P "$jobs" -L 1 sh -c '
	n=$(basename "$1" .sh)
	if sh "$1" >"$0/$n.log" 2>&1; then echo ok >"$0/$n.rc"
	else echo fail >"$0/$n.rc"; fi' "$logs"
pass=0 fail=0
for t in "$here"/e2e/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ "$(cat "$logs/$name.rc" 2>/dev/null)" = ok ]; then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name"
		sed 's/^/     /' "$logs/$name.log"
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
