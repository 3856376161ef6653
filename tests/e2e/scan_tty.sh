#!/bin/sh
# scan_tty: what scan does on a terminal (a pseudo-terminal from script(1)).
# Colour only on a terminal, never with NO_COLOR, --no-color or --output;
# the progress line on stderr for a scan that takes longer than a second,
# never with --quiet or when stderr is not a terminal; and a bad --format
# or an unwritable --output fails before the scan starts, so no progress
# line is ever drawn for it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/rules_env.sh"
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
test_expect "script(1) (util-linux) gives a pseudo-terminal" '
	command -v script >/dev/null 2>&1 ||
		test_fail "script(1) (util-linux) is needed for a" \
			"pseudo-terminal"
' || test_done
make_rules "$tmp/rules"
# a rule whose pattern backtracks on purpose: each line costs PCRE2's match
# limit (tens of milliseconds), so a scan lasts as long as the test needs
cat >"$tmp/rules/slow.yaml" <<'YAML'
rules:
  - id: test.backtrack
    title: backtracks on purpose (tests only)
    category: secret
    severity: low
    guideline: { doc: test, quote: test }
    keywords: [slowkw]
    pattern: 'slowkw((a|aa)+)+$'
    secret_group: -1
    examples: ['slowkwaaa']
    negative_examples: ['slowkwb']
YAML
AUTHAUDIT_RULES=$tmp/rules
export AUTHAUDIT_RULES
unset NO_COLOR

# tty NAME COMMAND: run COMMAND (a shell string) with stdin, stdout and
# stderr on a pseudo-terminal; what the terminal showed in $tmp/NAME.tty,
# the exit status in $rc
tty_run() {
	script -qec "$2" /dev/null </dev/null >"$tmp/$1.tty" 2>&1
	rc=$?
}
esc=$(printf '\033')
has_colour() { grep -q "$esc\[[0-9;]*m" "$1"; }

# --- colour ----------------------------------------------------------------
c=$tmp/colour
mkdir -p "$c"
echo 'requests.get(u, verify=False)' >"$c/app.py"
A=$AUTHAUDIT
on_terminal() {
	tty_run colour "'$A' scan --format text '$c'"
	[ "$rc" -eq 1 ] || test_fail "colour: exit $rc, want 1"
	grep -q "transport.tls-verify.python" "$tmp/colour.tty" ||
		test_fail "colour: the finding is not on the terminal"
	has_colour "$tmp/colour.tty" ||
		test_fail "colour: no ANSI colour on a terminal"
}
no_color() {
	tty_run nocolor-env "NO_COLOR=1 '$A' scan --format text '$c'"
	! has_colour "$tmp/nocolor-env.tty" ||
		test_fail "NO_COLOR=1: colour on a terminal"
	tty_run nocolor-empty "NO_COLOR= '$A' scan --format text '$c'"
	has_colour "$tmp/nocolor-empty.tty" ||
		test_fail "NO_COLOR set but empty: no colour (an empty" \
			"NO_COLOR is unset)"
	tty_run nocolor-opt "'$A' scan --no-color --format text '$c'"
	! has_colour "$tmp/nocolor-opt.tty" ||
		test_fail "--no-color: colour on a terminal"
}
not_a_terminal() {
	tty_run to-file "'$A' scan --format text -o '$tmp/out.txt' '$c'"
	! has_colour "$tmp/out.txt" ||
		test_fail "--output: colour written to a file"
	grep -q "transport.tls-verify.python" "$tmp/out.txt" ||
		test_fail "--output: the finding is not in the file"
	"$A" scan --format text "$c" >"$tmp/piped.txt" 2>&1
	! has_colour "$tmp/piped.txt" ||
		test_fail "piped: colour although not a terminal"
}
test_expect "colour on a terminal" on_terminal
test_expect "no colour with NO_COLOR=1 or --no-color" no_color
test_expect "no colour into --output or a pipe" not_a_terminal

# --- the progress line -------------------------------------------------------
# a tree that takes at least two seconds on one thread, whatever the
# machine: grown until the scan's own duration_ms says so
s=$tmp/slow
mkdir -p "$s"
line="slowkw$(printf '%040d' 0 | tr 0 a)b"
slow_tree() {
	n=0 want=20 ms=0
	while [ "$ms" -lt 2000 ]; do
		while [ "$n" -lt "$want" ]; do
			n=$((n + 1))
			printf '%s\n' "$line" >"$s/f$n.txt"
		done
		"$A" scan --quiet -j 1 --format json "$s" >"$tmp/slow.json" 2>&1
		ms=$($report scan "$tmp/slow.json" duration_ms) || {
			test_fail "the slow tree's report:" \
				"$(cat "$tmp/slow.json")"
			return
		}
		[ "$want" -ge 5000 ] && break
		want=$((want * 2))
	done
	[ "$ms" -ge 2000 ] || test_fail "the slow tree takes only ${ms} ms"
}
test_expect "a tree that takes two seconds on one thread" slow_tree ||
	test_done

progress() {
	tty_run progress "'$A' scan -j 1 --format json -o '$tmp/p.json' '$s'"
	[ "$rc" -eq 0 ] || test_fail "progress: exit $rc, want 0" \
		"($(head -c 300 "$tmp/progress.tty"))"
	grep -q "scanning: [0-9]*/$n files" "$tmp/progress.tty" ||
		test_fail "progress: no progress line on a terminal in a" \
			"${ms} ms scan: $(head -c 300 "$tmp/progress.tty")"
	grep -q "$esc\[K" "$tmp/progress.tty" ||
		test_fail "progress: the line is not cleared at the end"
}
no_progress() {
	tty_run quiet "'$A' scan --quiet -j 1 --format json -o '$tmp/q.json' '$s'"
	! grep -q "scanning:" "$tmp/quiet.tty" ||
		test_fail "--quiet: a progress line"
	tty_run stderr-file \
		"'$A' scan -j 1 --format json -o '$tmp/f.json' '$s' 2>'$tmp/err.txt'"
	! grep -q "scanning:" "$tmp/stderr-file.tty" "$tmp/err.txt" ||
		test_fail "stderr not a terminal: a progress line"
}
test_expect "a progress line on a terminal, cleared at the end" progress
test_expect "no progress line with --quiet or stderr not a terminal" \
	no_progress

# --- option errors come before the scan --------------------------------------
# the same slow tree: had the scan run, the progress line would show
bad_format() {
	tty_run bad-format "'$A' scan -j 1 --format bogus '$s'"
	[ "$rc" -eq 2 ] || test_fail "--format bogus: exit $rc, want 2"
	grep -q "unknown format 'bogus' (known: text, json" \
		"$tmp/bad-format.tty" ||
		test_fail "--format bogus:" \
			"$(head -c 300 "$tmp/bad-format.tty")"
	! grep -q "scanning:" "$tmp/bad-format.tty" ||
		test_fail "--format bogus: reported only after scanning"
}
bad_output() {
	tty_run bad-output "'$A' scan -j 1 -o '$tmp/no-such-dir/r.json' '$s'"
	[ "$rc" -eq 2 ] || test_fail "unwritable --output: exit $rc, want 2"
	grep -q "cannot write '$tmp/no-such-dir/r.json'" \
		"$tmp/bad-output.tty" ||
		test_fail "unwritable --output:" \
			"$(head -c 300 "$tmp/bad-output.tty")"
	! grep -q "scanning:" "$tmp/bad-output.tty" ||
		test_fail "unwritable --output: reported only after scanning"
}
bad_baseline() {
	tty_run bad-baseline "'$A' scan -j 1 --baseline '$tmp/none.json' '$s'"
	[ "$rc" -eq 2 ] || test_fail "missing --baseline: exit $rc, want 2"
	! grep -q "scanning:" "$tmp/bad-baseline.tty" ||
		test_fail "missing --baseline: reported only after scanning"
}
test_expect "a bad --format is exit 2 before the scan" bad_format
test_expect "an unwritable --output is exit 2 before the scan" bad_output
test_expect "a missing --baseline is exit 2 before the scan" bad_baseline
test_done
