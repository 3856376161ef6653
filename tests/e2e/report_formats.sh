#!/bin/sh
# SARIF (validated against the OASIS 2.1.0 schema), JUnit, Markdown and
# HTML reports of the same scan and probe as the JSON report: same findings,
# well-formed, and never a secret unless --show-secrets. SARIF describes
# every rule the run used; JUnit has a testcase per catalogue statement and
# target with the JSON report's verdict; hostile names and titles leave
# the XML well-formed.
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

# formats NAME ARGS...: every format of one run of authaudit ARGS; with
# $want_rules set, the file of the rule ids SARIF must describe
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
			"$schema" "${want_rules:-}" || fail "$name: $f report"
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
# the catalogue is there, so the JUnit check above compared every
# statement x target with the JSON report's matrix
python3 - "$tmp/scan.json" "$tmp/scan.junit" <<'PY' || fail "scan: junit matrix"
import json, sys, xml.etree.ElementTree as ET
rep = json.load(open(sys.argv[1]))
m = rep.get("compliance") or []
if not m or not m[0]["statements"]:
    sys.exit("no compliance matrix in the JSON report: no catalogue?")
cells = sum(len(x["statements"]) * len(x["targets"]) for x in m)
cases = ET.parse(sys.argv[2]).getroot().findall("testsuite/testcase")
if len(cases) < cells:
    sys.exit("%d testcases for %d statement cells" % (len(cases), cells))
print("junit: %d statement cells of %d testcases" % (cells, len(cases)))
PY
formats "scan of two roots" scan -q "$ex/config" "$ex/presto-service"
# below --fail-on: JUnit skips them, SARIF and the rest still list them
formats "scan, failing on critical only" scan -q --fail-on critical "$ex"
formats "scan of one file" scan -q "$ex/config/settings.yaml"

# endpoint findings: URL locations
mkdir "$tmp/pki"
pki "$tmp/pki"
serve "$tmp" --cert "$tmp/pki/expired.pem" --key "$tmp/pki/expired.key" \
	--tls-min 1.0
# the probe used every endpoint rule of the default profile
"$A" rules list | awk '$1 ~ /^endpoint\./ { print $1 }' >"$tmp/endpoint.ids"
[ -s "$tmp/endpoint.ids" ] || fail "no endpoint rules listed"
want_rules=$tmp/endpoint.ids formats probe probe -q \
	--ca-file "$tmp/pki/trust.pem" --alt-ports none --http-port 1 \
	"https://127.0.0.1:$port/v1"
serve_stop_all

# hostile text: a file name, a rule title and quote and a statement title
# holding what ends CDATA, closes elements, starts entities, splits
# Markdown cells, and control characters XML 1.0 cannot carry
mkdir "$tmp/hostile" "$tmp/hostile-rules"
python3 - "$tmp/hostile" <<'PY' || fail "hostile: cannot make the files"
import os, sys
name = "evil ]]><testcase>&amp;<x a=\"1\"> 'q' |`\x01\x1b\u00e9.env"
with open(os.path.join(sys.argv[1], name), "w") as f:
    f.write("KEY = hostile_a1b2c3d4\n")
PY
cat >"$tmp/hostile-rules/hostile.yaml" <<'YAML'
rules:
  - id: hostile.key
    title: "Hostile ]]> </testcase> <x a=\"1\"> & 'q' | `x` \x01 \uFFFF"
    category: secret
    severity: high
    confidence: high
    guideline:
      doc: 000_4819d7c22101e6bf.txt
      section: "]]></testsuite>"
      quote: "Never <store> & \"keep\" ]]> tokens | here \x02"
    keywords: [hostile_]
    pattern: 'hostile_([a-z0-9]{8})'
    examples: ['k = hostile_a1b2c3d4']
    negative_examples: ['k = hostile_']
guidelines:
  - id: hostile.statement
    title: "A ]]> </testcase> & <b>title</b> | \x03"
    doc: 000_4819d7c22101e6bf.txt
    section: "S <1>"
    quote: "Q ]]> & </failure>"
    rules: [hostile.key]
YAML
formats hostile scan -q --rules "$tmp/hostile-rules" "$tmp/hostile"
grep -q 'hostile.statement: A ' "$tmp/hostile.junit" ||
	fail "hostile: no testcase for the hostile statement"

# a clean run is still a valid report in every format
printf 'nothing = here\n' >"$tmp/clean.txt"
formats clean scan -q "$tmp/clean.txt"
echo "report_formats: all passed"
