#!/bin/sh
# make bench: authaudit beside its peers in the same run, page cache warm.
#   scan:  the Linux 6.1 source tree (Debian linux-source-6.1) with the
#          whole default rule set, beside ripgrep doing the prefilter's
#          work alone (`authaudit rules prefilter`: the same keywords,
#          with their case, and prefilter expressions) and ripgrep running
#          the rules' own PCRE2 patterns (in chunks, as PCRE2 cannot take
#          them all in one regex; capped: it has no prefilter). Each row is
#          the best of 3 runs (this VM's system time varies a lot), but
#          the capped one, which runs once.
#          A second authaudit row writes all six report formats at once.
#   history: bench/history.sh (scan --history on a repository of 30,000+
#          commits beside git log -p -U0 HEAD; AUTHAUDIT_BENCH_HISTORY).
#   probe: bench/probe.sh, when present (authaudit probe beside sslscan).
# Prints one row per tool: wall seconds, MB/s, peak RSS, findings/lines.
set -u
bin=${1:?usage: bench/run.sh path/to/authaudit}
here=$(cd "$(dirname "$0")" && pwd)
data=${AUTHAUDIT_BENCH_DIR:-/var/tmp/authaudit-bench}
tree=$data/linux-source-6.1
tarball=/usr/src/linux-source-6.1.tar.xz
cap=${AUTHAUDIT_BENCH_RG_CAP:-600}

if [ ! -f "$data/.extracted" ]; then
	echo "bench: extracting $tarball into $data (once)" >&2
	mkdir -p "$data" && tar -C "$data" -xJf "$tarball" &&
		touch "$data/.extracted" || exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$tree" -type f | wc -l)
"$bin" rules patterns > "$tmp/patterns.txt"
"$bin" rules prefilter | sort -u > "$tmp/prefilter.txt"
split -l 20 "$tmp/patterns.txt" "$tmp/pchunk."

warm() {
	find "$tree" -type f -print0 | xargs -0 cat > /dev/null
}

# row NAME COUNTER RUNS CMD...: time CMD RUNS times (stdout to $tmp/out),
# then print the best wall time, its throughput and peak RSS, and what
# COUNTER says of $tmp/out
row() {
	name=$1 counter=$2 runs=$3
	shift 3
	warm
	best=
	for _r in $(seq "$runs"); do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > "$tmp/out" \
			2>"$tmp/err"
		rc=$?
		t=$(tail -n 1 "$tmp/time")
		if [ -z "$best" ] || awk -v a="${t% *}" -v b="${best% *}" \
			'BEGIN { exit !(a < b) }'; then
			best=$t
		fi
	done
	secs=${best% *}
	rss=${best#* }
	if [ "$rc" -eq 124 ]; then
		printf '%-36s %7s s   (stopped at the %s s cap)\n' "$name" \
			"> $cap" "$cap"
		return
	fi
	awk -v n="$name" -v s="$secs" -v r="$rss" -v b="$bytes" \
	    -v c="$($counter)" 'BEGIN {
		printf "%-36s %7.2f s %8.0f MB/s %7.1f MB %9s\n", n, s,
		       b / 1e6 / (s > 0 ? s : 0.001), r / 1024, c }'
}

count_findings() {
	python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/out"
}
count_dir_findings() {
	python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/formats/authaudit.json"
}
count_lines() {
	awk -F: '{ s += $NF } END { print s + 0 }' "$tmp/out"
}

echo "scan: $tree"
echo "      $files files, $(awk -v b="$bytes" 'BEGIN { printf "%.2f GB", b / 1e9 }'), $(wc -l < "$tmp/patterns.txt") source rules, $(wc -l < "$tmp/prefilter.txt") prefilter expressions, $(nproc) cores, page cache warm, best of 3"
printf '%-36s %9s %13s %10s %9s\n' tool wall throughput "peak RSS" "findings"
row "authaudit scan (default profile)" count_findings 3 \
	"$bin" scan -q --format json "$tree"
cp "$tmp/out" "$tmp/authaudit.json"
# the same scan writing all six formats (the guideline matrix in JSON,
# HTML and JUnit) into a directory: what reports cost on top of the scan
row "authaudit scan, all 6 formats" count_dir_findings 3 \
	"$bin" scan -q --format text,json,sarif,junit,markdown,html \
	--output-dir "$tmp/formats" "$tree"
row "ripgrep -f prefilter (lines)" count_lines 3 \
	rg -uuu -c -f "$tmp/prefilter.txt" "$tree"
# every chunk of patterns over the tree, one ripgrep after another
row "ripgrep -P, patterns (lines)" count_lines 1 \
	timeout "$cap" sh -c 'for f in "$0"/pchunk.*; do
		rg -uuu -P -c -f "$f" "$1"; done' "$tmp" "$tree"

# the matcher's known-answer self-test, paid once per engine build
"$bin" rules check > "$tmp/check" 2>&1
# "matcher: Hyperscan 5.4.0, self-test: 5208 scans, 0 missed hits, 4.0 ms"
awk '/self-test:/ { sub(/,$/, "", $3); printf "%-36s %7.1f ms  %s %s: %s scans, %s missed hits\n", \
	"matcher self-test (every scan)", $10, $2, $3, $5, $7 }' "$tmp/check"

# one file larger than 4 GiB (sparse: text, a hole, a key at its end):
# scanned in pieces, memory independent of its size
big=$data/big-4.5G.txt
if [ ! -f "$big" ]; then
	python3 -c 'print("header line\n" * 2000, end="")' > "$big"
	truncate -s 4500M "$big"
	printf '\nkey = "ak_live_4c1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f"\n' >> "$big"
fi
bytes=$(stat -c %s "$big")
echo
echo "one file: $big ($(awk -v b="$bytes" 'BEGIN { printf "%.2f GB", b / 1e9 }'), sparse)"
row "authaudit scan, one 4.5 GB file" count_findings 1 \
	"$bin" scan -q --format json --max-file-size 5G "$big"
row "ripgrep -a -c ak_live_ (lines)" count_lines 1 \
	rg -a -c ak_live_ "$big"

echo
echo "authaudit findings on the kernel tree:"
python3 - "$tmp/authaudit.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["findings"]:
    loc = f.get("location", {})
    print("  %s:%s %s %s %s" % (loc.get("path"), loc.get("line"),
          f["severity"], f["rule"], f.get("secret", {}).get("redacted", "")))
if not r["findings"]:
    print("  (none)")
PY

# history: a real repository's history beside git log -p (history.sh)
"$here/history.sh" "$bin"

if [ -x "$here/probe.sh" ]; then
	echo
	"$here/probe.sh" "$bin"
fi
