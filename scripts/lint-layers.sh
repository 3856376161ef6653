#!/bin/sh
# The include layering of src/ (docs/layout.md): each folder includes only
# itself (by bare name) and the folders below it (by "folder/name.h"), so
# the link graph has no cycle between folders. Below: each folder, then
# the folders it may include.
set -u
cd "$(dirname "$0")/.."
layers='
lib
core    lib
scan    core lib
history scan core lib
probe   core lib
auth    core lib
token   core lib
report  core lib
audit   scan history probe auth token report core lib
cmd     audit scan history probe auth token report core lib
'
bad=$(echo "$layers" | while read -r dir allowed; do
	[ -n "$dir" ] && [ -d "src/$dir" ] || continue
	grep -n '^#include "[a-z_]*/' src/"$dir"/*.[ch] |
	while IFS=: read -r f n text; do
		to=${text#*\"}
		to=${to%%/*}
		case " $allowed " in
		*" $to "*) ;;
		*) echo "lint: $f:$n: $dir/ includes $to/ (it may include:" \
			"${allowed:-nothing above}; move the shared part down)" ;;
		esac
	done
done)
[ -z "$bad" ] && exit 0
printf '%s\n' "$bad" >&2
exit 1
