#!/bin/sh
# Mechanical checks on our C (curl's checksrc in miniature): no banned
# calls, and files small enough to enjoy opening.
set -u
cd "$(dirname "$0")/.."
rc=0
banned='\<(strcpy|strcat|sprintf|vsprintf|gets|strtok)[[:space:]]*\('
if grep -nE "$banned" src/*.c src/*.h tests/unit/*.c tests/fixtures/*.c 2>/dev/null; then
	echo "lint: banned call above (use snprintf, strbuf, strtok_r)" >&2
	rc=1
fi
for f in src/*.c; do
	n=$(wc -l < "$f")
	if [ "$n" -gt 1000 ]; then
		echo "lint: $f has $n lines (split it: aim under 800)" >&2
		rc=1
	fi
done
exit $rc
