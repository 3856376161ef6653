#!/bin/sh
# SARIF (validated against the OASIS 2.1.0 schema), JUnit, Markdown and
# HTML reports of the same scan and probe as the JSON report: same findings,
# well-formed, and never a secret unless --show-secrets.
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/tlsserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'serve_stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
ex=$root/examples/acme-integration
schema=$root/tests/data/sarif-schema-2.1.0.json
if [ -f "$root/../shared/schemas/sarif-schema-2.1.0.json" ]; then
	cmp -s "$schema" "$root/../shared/schemas/sarif-schema-2.1.0.json" ||
		fail "tests/data's SARIF schema differs from ../shared/schemas"
fi
# a python with jsonschema: the one on PATH, else Debian's
py=python3
$py -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3
$py -c 'import jsonschema' 2>/dev/null ||
	fail "no python3 with jsonschema (scripts/deps.sh test installs it)"

# formats NAME ARGS...: every format of one run of authaudit ARGS
formats() {
	name=$1
	shift
	"$A" "$@" --format json -o "$tmp/$name.json"
	[ $? -le 1 ] || fail "$name: json report failed"
	for f in sarif junit markdown html; do
		"$A" "$@" --format $f -o "$tmp/$name.$f"
		rc=$?
		[ $rc -le 1 ] || fail "$name: --format $f exited $rc"
		$py "$here/lib/formats.py" $f "$tmp/$name.$f" "$tmp/$name.json" \
			"$schema" || fail "$name: $f report"
	done
	# what --show-secrets would print must not be in any other report
	"$A" "$@" --format json --show-secrets -o "$tmp/$name.raw.json"
	python3 - "$tmp/$name.raw.json" "$tmp/$name" <<'PY' ||
import json, sys
vals = [f["secret"]["value"] for f in json.load(open(sys.argv[1]))["findings"]
        if "value" in f.get("secret", {})]
for ext in ("sarif", "junit", "markdown", "html"):
    text = open(sys.argv[2] + "." + ext, encoding="utf-8").read()
    for v in vals:
        if len(v) >= 8 and v in text:
            sys.exit("a secret in the %s report" % ext)
print("no secret in any report (%d checked)" % len(vals))
PY
		fail "$name: secret leaked"
}

formats scan scan -q "$ex"
# below --fail-on: JUnit skips them, SARIF and the rest still list them
formats "scan, failing on critical only" scan -q --fail-on critical "$ex"
formats "scan of one file" scan -q "$ex/config/settings.yaml"

# endpoint findings: URL locations
mkdir "$tmp/pki"
pki "$tmp/pki"
serve "$tmp" --cert "$tmp/pki/expired.pem" --key "$tmp/pki/expired.key" \
	--tls-min 1.0
formats probe probe -q --ca-file "$tmp/pki/trust.pem" --alt-ports none \
	--http-port 1 "https://127.0.0.1:$port/v1"
serve_stop_all

# a clean run is still a valid report in every format
printf 'nothing = here\n' >"$tmp/clean.txt"
formats clean scan -q "$tmp/clean.txt"
echo "report_formats: all passed"
