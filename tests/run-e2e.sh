#!/bin/sh
# Run every tests/e2e/*.sh with AUTHAUDIT and FIXTURES set; each script
# exits non-zero on failure and prints what went wrong.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# one secret hash key for every script (test-lib.sh sets the same), so no
# test writes the user's ~/.config/authaudit/hash-key
AUTHAUDIT_HASH_KEY=${AUTHAUDIT_HASH_KEY:-authaudit-e2e-test-key-not-a-secret}
export AUTHAUDIT_HASH_KEY
pass=0 fail=0
for t in "$here"/e2e/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	log=$(mktemp)
	if sh "$t" >"$log" 2>&1; then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/     /' "$log"
	fi
	rm -f "$log"
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
