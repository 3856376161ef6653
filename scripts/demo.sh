#!/bin/sh
# make demo: scan the bundled example integration with the default profile.
# Usage: scripts/demo.sh PATH-TO-AUTHAUDIT
# Writes reports/demo-scan.txt and reports/demo-scan.json, prints the text
# report, and exits 0: the example's findings are deliberate (its EXPECTED
# file lists them). Any other failure of the scan (status 2 or 3) fails.
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-./authaudit}
# make demo runs this first: install what the demo scripts after it use
# (openssl, python3) beside the build packages `make all` installed
example=examples/acme-integration
mkdir -p reports

scan() {
	"$bin" scan --profile default --quiet "$@" "$example"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "demo: authaudit scan $* failed with status $rc" >&2
		exit "$rc"
	fi
}

scan --format json --output reports/demo-scan.json
scan --format text --no-color --output reports/demo-scan.txt

echo "== authaudit scan $example (profile: default)"
cat reports/demo-scan.txt
echo
echo "Reports: reports/demo-scan.txt, reports/demo-scan.json"
echo "Expected findings: $example/EXPECTED (the example is broken on purpose)"
exit 0
