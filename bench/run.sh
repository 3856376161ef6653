#!/bin/sh
# make bench: authaudit beside its peers in the same run, page cache warm.
#   scan:  the Linux 6.1 source tree (Debian linux-source-6.1) with the
#          whole default rule set, beside ripgrep running the same PCRE2
#          patterns (rg -P -f), and beside ripgrep with its default engine.
#   probe: bench/probe.sh, when present (authaudit probe beside sslscan).
# Prints one row per tool: wall seconds, MB/s, peak RSS, findings.
set -eu
bin=${1:?usage: bench/run.sh path/to/authaudit}
here=$(cd "$(dirname "$0")" && pwd)
data=${AUTHAUDIT_BENCH_DIR:-/var/tmp/authaudit-bench}
tree=$data/linux-source-6.1
tarball=/usr/src/linux-source-6.1.tar.xz

if [ ! -f "$data/.extracted" ]; then
	echo "bench: extracting $tarball into $data (once)" >&2
	mkdir -p "$data"
	tar -C "$data" -xJf "$tarball"
	touch "$data/.extracted"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "bench: warming the page cache" >&2
find "$tree" -type f -print0 | xargs -0 cat > /dev/null

bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$tree" -type f | wc -l)
"$bin" rules patterns > "$tmp/patterns.txt"
nrules=$(wc -l < "$tmp/patterns.txt")

# run NAME CMD...: time one command, print a row
row() {
	name=$1; shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > "$tmp/out" 2>"$tmp/err" || true
	read -r secs rss <<EOF
$(tail -n 1 "$tmp/time")
EOF
	count=$(cat "$tmp/count" 2>/dev/null || echo "?")
	awk -v n="$name" -v s="$secs" -v r="$rss" -v b="$bytes" -v c="$count" \
	    'BEGIN { printf "%-34s %7.2f s %8.0f MB/s %7.1f MB RSS %8s\n", n, s, b / 1e6 / (s > 0 ? s : 0.001), r / 1024, c }'
}

echo
echo "scan: $tree"
echo "      $files files, $(awk -v b="$bytes" 'BEGIN{printf "%.2f GB", b/1e9}'), $nrules source rules, $(nproc) cores"
printf '%-34s %9s %13s %14s %8s\n' tool wall throughput "peak memory" findings

"$bin" scan -q --format json -o "$tmp/aa.json" "$tree" >/dev/null 2>&1 || true
python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$tmp/aa.json" > "$tmp/count"
row "authaudit scan (default profile)" "$bin" scan -q --format json -o "$tmp/aa.json" "$tree"

rg -uuu -P -c -f "$tmp/patterns.txt" "$tree" > "$tmp/rg.txt" 2>/dev/null || true
awk -F: '{s+=$NF} END {print s+0}' "$tmp/rg.txt" > "$tmp/count"
row "ripgrep -P, same patterns (lines)" rg -uuu -P -c -f "$tmp/patterns.txt" "$tree"

rm -f "$tmp/count"
echo
echo "authaudit findings on the kernel tree:"
python3 - "$tmp/aa.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["findings"]:
    loc = f.get("location", {})
    print("  %s:%s %s %s %s" % (loc.get("path"), loc.get("line"), f["severity"],
          f["rule"], f.get("secret", {}).get("redacted", "")))
PY

if [ -x "$here/probe.sh" ]; then
	echo
	"$here/probe.sh" "$bin"
fi
