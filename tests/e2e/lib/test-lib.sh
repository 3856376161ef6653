# test-lib.sh - the harness of the e2e scripts (sourced, not run), after
# git's t/test-lib.sh. A script is a run of checks and a tally:
#
#	. "$here/lib/test-lib.sh"
#	test_expect "a clean tree gives no finding" '
#		"$AUTHAUDIT" scan -q "$tmp/clean" >"$tmp/out" ||
#			test_fail "scan of a clean tree: exit $?"
#		test_cmp "$tmp/want" "$tmp/out"
#	'
#	test_done
#
# One way to fail a check: test_fail MESSAGE says "FAIL: MESSAGE" and
# marks the check failed; test_cmp and every helper of a script fail
# through it. A check goes on after a test_fail, so one run tells every
# failure in it; a body whose last command exits non-zero without having
# said why fails too, saying so. test_fail outside any check is a failed
# check of its own. test_done prints the tally and exits 1 when a check
# failed or none ran, 0 otherwise.
#
# The body is eval'd in the script's own shell: what it sets stays set
# for the checks after it. Mind three things: it sees test_expect's
# positional parameters, not its caller's (pass values in variables); a
# test_fail inside a pipeline or $(...) runs in a subshell, which the
# check never hears of; and `cond && test_fail` as its last line leaves a
# non-zero status when all is well (write `! cond || test_fail`). A
# single quote inside a body is $SQ; longer steps read best as functions
# of the script, called by the body.
#
# Scripts that still define their own bad() (the old style) need none of
# this and are not changed by it: nothing here is named bad or fail.

# A single quote, for bodies (which are single-quoted): "${SQ}x${SQ}".
SQ="'"

# One secret hash key for every run of a script (lib/secret_hash.h), so no
# test writes ~/.config/authaudit/hash-key; scripts that test where the
# key comes from unset it.
AUTHAUDIT_HASH_KEY=${AUTHAUDIT_HASH_KEY:-authaudit-e2e-test-key-not-a-secret}
export AUTHAUDIT_HASH_KEY

test_count=0		# checks run
test_failures=0		# checks failed
test_in_check=0		# inside a test_expect body
test_check_failed=0	# that body called test_fail

# test_fail MESSAGE...: the check fails, saying why. Returns 1, so that
# `cond || test_fail ...` leaves a failed status too.
test_fail() {
	echo "FAIL: $*"
	if [ "$test_in_check" -eq 1 ]; then
		test_check_failed=1
	else
		test_count=$((test_count + 1))
		test_failures=$((test_failures + 1))
		echo "not ok $test_count - (outside any check)"
	fi
	return 1
}

# test_expect TITLE BODY: run BODY as one check. Returns 0 when it
# passed, 1 when it failed, so that `test_expect ... || test_done` ends a
# script whose later checks would mean nothing.
test_expect() {
	if [ $# -ne 2 ]; then
		test_fail "test_expect takes TITLE and BODY, got $# arguments"
		return 1
	fi
	test_count=$((test_count + 1))
	test_in_check=1
	test_check_failed=0
	eval "$2"
	test_status=$?
	test_in_check=0
	if [ "$test_status" -ne 0 ] && [ "$test_check_failed" -eq 0 ]; then
		echo "FAIL: the check's last command exited $test_status"
		test_check_failed=1
	fi
	if [ "$test_check_failed" -eq 0 ]; then
		echo "ok $test_count - $1"
		return 0
	fi
	test_failures=$((test_failures + 1))
	echo "not ok $test_count - $1"
	return 1
}

# test_cmp EXPECTED ACTUAL: the two files are the same, or the check
# fails with the difference (- expected, + actual).
test_cmp() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	diff -u "$1" "$2" | sed '1,2d; s/^/    /'
	test_fail "$2 differs from $1 (above: - expected, + actual)"
}

# test_done: the tally; the script's exit status.
test_done() {
	if [ "$test_count" -eq 0 ]; then
		echo "# no check ran: a script that asserts nothing fails"
		exit 1
	fi
	if [ "$test_failures" -eq 0 ]; then
		echo "# passed all $test_count checks"
		exit 0
	fi
	echo "# failed $test_failures of $test_count checks"
	exit 1
}
