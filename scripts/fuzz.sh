#!/bin/sh
# Run the libFuzzer targets built in DIR/fuzz for SECONDS each, JOBS at a
# time, and print a table: executions, executions a second, corpus size,
# crashes. Each target starts from tests/fuzz/corpus/NAME and keeps what
# it learns in DIR/corpus/NAME; a crash or wrong answer is saved in
# DIR/crashes/NAME/ and the run exits 1.
# Usage: scripts/fuzz.sh DIR SECONDS JOBS [NAME...]
set -u
dir=$1 secs=$2 jobs=$3
shift 3
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
names=$*
[ -n "$names" ] || names=$(ls "$dir/fuzz")
# a target's largest useful input; more only slows it down
max_len() {
	case $1 in
	fuzz_scan|fuzz_report) echo 65536 ;;
	fuzz_rules|fuzz_config) echo 16384 ;;
	*) echo 4096 ;;
	esac
}
run_one() {
	n=$1
	mkdir -p "$dir/corpus/$n" "$dir/crashes/$n"
	# -fork would survive a crash and go on; one process keeps the
	# figures simple and stops at the first crash, which is kept
	TMPDIR=$dir/tmp "$dir/fuzz/$n" -max_total_time="$secs" \
		-max_len="$(max_len "$n")" -timeout=30 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$dir/crashes/$n/" \
		"$dir/corpus/$n" "tests/fuzz/corpus/$n" \
		>"$dir/logs/$n.log" 2>&1
	echo $? >"$dir/logs/$n.rc"
}
mkdir -p "$dir/logs" "$dir/tmp"
running=0
for n in $names; do
	[ -x "$dir/fuzz/$n" ] || { echo "fuzz: no target $n" >&2; exit 2; }
	echo "fuzz: $n for ${secs}s" >&2
	run_one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
rc=0
printf '%-18s %14s %10s %8s %s\n' target executions "exec/s" corpus result
for n in $names; do
	log=$dir/logs/$n.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	corpus=$(ls "$dir/corpus/$n" | wc -l)
	crashes=$(ls "$dir/crashes/$n" | wc -l)
	if [ "$(cat "$dir/logs/$n.rc")" -eq 0 ] && [ "$crashes" -eq 0 ]; then
		result=clean
	else
		result="FAILED: $crashes input(s) in $dir/crashes/$n, see $log"
		rc=1
	fi
	printf '%-18s %14s %10s %8s %s\n' "$n" "${execs:-?}" "${speed:-?}" \
		"$corpus" "$result"
done
exit $rc
