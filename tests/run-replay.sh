#!/bin/sh
# Run each fuzz target's replay build (tests/fuzz/replay.c) over its seed
# corpus and its past crashes: tests/fuzz/corpus/NAME and
# tests/fuzz/crashes/NAME. A failure shows the last inputs run and the
# sanitizer's or the oracle's report.
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for bin in "$@"; do
	name=$(basename "$bin")
	log=$(mktemp)
	if "$bin" "$here/fuzz/corpus/$name" "$here/fuzz/crashes/$name" \
		>"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $(tail -n 1 "$log" | sed 's|.*/||')"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		tail -n 40 "$log" | sed 's/^/     /'
	fi
	rm -f "$log"
done
echo "replay: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
