#!/bin/sh
# Run each Check unit-test binary, two at a time (the machines have two
# cores; the suites share nothing but the CPU), each one's output kept
# apart and printed whole when it fails; print one closing tally.
set -u
jobs=${UNIT_JOBS:-2}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT INT TERM
i=0
for t in "$@"; do
	i=$((i + 1))
	printf '%s %s\n' "$i" "$t"
done | xargs -P "$jobs" -L 1 sh -c '
	if "$2" >"$0/$1.log" 2>&1; then echo ok >"$0/$1.rc"
	else echo fail >"$0/$1.rc"; fi' "$logs"
pass=0 fail=0 i=0
for t in "$@"; do
	i=$((i + 1))
	if [ "$(cat "$logs/$i.rc" 2>/dev/null)" = ok ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		cat "$logs/$i.log" >&2
		echo "FAIL: $t" >&2
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
