#!/bin/sh
# Mechanical checks on our C (curl's checksrc in miniature): no banned
# calls, files small enough to enjoy opening (STYLE: under 800 lines),
# and includes that point down the layers (scripts/lint-layers.sh).
set -u
cd "$(dirname "$0")/.."
rc=0
banned='\<(strcpy|strcat|sprintf|vsprintf|gets|strtok)[[:space:]]*\('
if grep -nE "$banned" src/*.[ch] src/*/*.[ch] tests/unit/*/*.c \
	tests/fixtures/*.c 2>/dev/null; then
	echo "lint: banned call above (use snprintf, strbuf, strtok_r)" >&2
	rc=1
fi
for f in src/*.[ch] src/*/*.[ch]; do
	n=$(wc -l < "$f")
	if [ "$n" -gt 800 ]; then
		echo "lint: $f has $n lines (split it: STYLE says under 800)" >&2
		rc=1
	fi
done
for f in src/*.[ch] src/*/*.[ch]; do
	case $f in src/main.c | src/*/*) ;; *)
		echo "lint: $f sits outside the layer folders" \
			"(docs/layout.md)" >&2
		rc=1 ;;
	esac
done
scripts/lint-layers.sh || rc=1
exit $rc
