#!/bin/sh
# ci-scan.sh - the scan step of the CI integrations (action.yml, the GitLab
# template in ci/): one scan, every report format a CI shows, the Markdown
# summary appended where the CI reads it, and authaudit's exit status.
#
# Settings, from the environment (all optional):
#   AUTHAUDIT          the program (default: authaudit on PATH)
#   AUTHAUDIT_PATH     what to scan (default .)
#   AUTHAUDIT_PROFILE  vendor profile (default default)
#   AUTHAUDIT_FAIL_ON  info|low|medium|high|critical|never (default high)
#   AUTHAUDIT_RANGE    A..B: scan only what those commits introduced (a
#                      pull or merge request); empty: the working tree
#   AUTHAUDIT_OUT      report directory (default authaudit-report)
#   AUTHAUDIT_SUMMARY  a file to append the Markdown summary to (GitHub's
#                      $GITHUB_STEP_SUMMARY)
#   AUTHAUDIT_ARGS     more options, split on spaces
set -u
prog=${AUTHAUDIT:-authaudit}
out=${AUTHAUDIT_OUT:-authaudit-report}
set -- --quiet --profile "${AUTHAUDIT_PROFILE:-default}" \
	--fail-on "${AUTHAUDIT_FAIL_ON:-high}" \
	--format sarif,junit,markdown,json,html --output-dir "$out"
[ -n "${AUTHAUDIT_RANGE:-}" ] && set -- "$@" --range "$AUTHAUDIT_RANGE"
# shellcheck disable=SC2086  # AUTHAUDIT_ARGS is a list of options
"$prog" scan "$@" ${AUTHAUDIT_ARGS:-} "${AUTHAUDIT_PATH:-.}"
code=$?
if [ -n "${AUTHAUDIT_SUMMARY:-}" ] && [ -f "$out/authaudit.md" ]; then
	cat "$out/authaudit.md" >>"$AUTHAUDIT_SUMMARY"
fi
case $code in
0) echo "authaudit: clean at --fail-on ${AUTHAUDIT_FAIL_ON:-high}; reports in $out/" ;;
1) echo "authaudit: findings at or above --fail-on ${AUTHAUDIT_FAIL_ON:-high}; see $out/" ;;
3) echo "authaudit: nothing was scanned (exit 3)" ;;
*) echo "authaudit: the scan failed (exit $code)" ;;
esac
exit $code
