#!/bin/sh
# audit: `authaudit audit --config` runs a source tree, two loopback TLS
# endpoints (certificates made now) and tokens into one report set under
# OUTPUT_DIR/<UTC start>/ with `latest` pointing at it. Run twice with a
# change in between, the second report shows the difference: the fixed
# finding resolved, the added one new, the rest still open. Certificates
# and tokens expiring within the warning window are listed; the trend
# holds the earlier run; a bad config names file:line:column and writes
# nothing; a dead endpoint is a finding, not the end of the audit.
set -u
here=$(cd "$(dirname "$0")" && pwd)
A=${AUTHAUDIT:?set AUTHAUDIT to the authaudit binary}
: "${FIXTURES:?set FIXTURES to the built fixtures directory}"
. "$here/lib/jwt.sh"
. "$here/lib/tlsserver.sh"
. "$here/lib/refserver.sh"
tmp=$(mktemp -d)
trap 'stop_server; serve_stop_all; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

mkdir "$tmp/pki"
pki "$tmp/pki" >/dev/null
P=$tmp/pki
closed_port "$tmp"
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "max-age=31536000"
good=$port
serve "$tmp" --cert "$P/expiring.pem" --key "$P/expiring.key"
soon=$port

# the source tree: one plain-HTTP API URL and one disabled verification
mkdir -p "$tmp/audit/src"
cat >"$tmp/audit/src/client.py" <<'PY'
import requests
API = "http://api.acme-tickets.com/api/developer/v1/orders"
requests.get(API, verify=False)
PY
now=$(date +%s)
jwt_soon=$(jwt_hs256 'k9#Lx!2mQv@8' '{"alg":"HS256","typ":"JWT"}' \
	"{\"sub\":\"svc\",\"iat\":$now,\"exp\":$((now + 3600))}")
printf '%s\n' "$jwt_soon" >"$tmp/audit/tokens.txt"
cat >"$tmp/audit/audit.yaml" <<EOC
name: e2e estate
profile: default
output_dir: out
formats: [json, html, sarif, junit, markdown, text]
sources:
  - path: src
endpoints:
  - url: https://127.0.0.1:$good/api/vendor/v1/orders
    profile: presto-vendor
    http_url: http://127.0.0.1:$closed/api/vendor/v1/orders
  - url: https://127.0.0.1:$soon/
    http_url: http://127.0.0.1:$closed/
  - url: https://127.0.0.1:$closed/
probe:
  ca_file: pki/trust.pem
  timeout: 2s
tokens:
  - file: tokens.txt
    profile: vista-digital
  - name: Presto production token
    expires: $(date -u -d '+3 days' +%Y-%m-%d)
  - name: Presto FI token
    expires: 2099-01-01
EOC
mkdir "$tmp/audit/pki"
cp "$P/trust.pem" "$tmp/audit/pki/trust.pem"

cd "$tmp"	# relative paths come from the config's directory, not here
"$A" audit --config audit/audit.yaml --quiet --fail-on critical
rc=$?
[ "$rc" = 0 ] || fail "first audit: exit $rc, want 0 (--fail-on critical)"
out=$tmp/audit/out
[ -L "$out/latest" ] || fail "no latest link in $out"
first=$(readlink "$out/latest")
for ext in json html sarif junit.xml md txt; do
	[ -s "$out/$first/authaudit.$ext" ] ||
		fail "first run: authaudit.$ext missing"
done
echo "ok: first run wrote every format into $first"
# the audit's report set passes the checks every report format passes:
# SARIF against the OASIS schema, JUnit cell by cell against the JSON
# matrix, Markdown, balanced HTML
schema=$here/../data/sarif-schema-2.1.0.json
py=python3
$py -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3
for f in sarif:sarif junit:junit.xml markdown:md html:html; do
	$py "$here/lib/formats.py" "${f%%:*}" "$out/$first/authaudit.${f#*:}" \
		"$out/$first/authaudit.json" "$schema" ||
		fail "first run: ${f%%:*} report"
done

python3 - "$out/$first/authaudit.json" "$good" "$soon" "$closed" <<'PY' ||
import json, sys
r = json.load(open(sys.argv[1]))
good, soon, closed = sys.argv[2:5]
a = r["audit"]
def die(msg):
    print("FAIL: first run: " + msg)
    sys.exit(1)
if a["name"] != "e2e estate" or a["previous"] is not None or a["trend"]:
    die("a first run has no previous run and no trend: %r" % a)
if any("change" in f and f["change"] != "new" for f in r["findings"]):
    pass
kinds = sorted({t["kind"] for t in r["targets"]})
if kinds != ["endpoint", "source", "token"]:
    die("targets kinds %r" % kinds)
profiles = {t["name"]: t["profile"] for t in r["targets"]}
want = "https://127.0.0.1:%s/api/vendor/v1/orders" % good
if profiles.get(want) != "presto-vendor":
    die("endpoint profile %r" % profiles)
rules = sorted({f["rule"] for f in r["findings"]})
for need in ("transport.plain-http-api", "transport.tls-verify.python",
             "endpoint.cert-expiring-soon", "endpoint.probe-failed"):
    if need not in rules:
        die("missing %s in %r" % (need, rules))
exp = sorted((e["what"], e["where"]) for e in a["expiring"])
whats = [w for w, _ in exp]
if whats.count("certificate") != 1 or whats.count("token") != 2:
    die("expiring %r" % exp)
if not any(w == "Presto production token" for _, w in exp):
    die("the named token expiring in 3 days is not listed: %r" % exp)
if any(w == "Presto FI token" for _, w in exp):
    die("a token expiring in 2099 is listed")
comp = r.get("compliance")
if not comp:
    die("no compliance matrix")
verdicts = {c["verdict"] for m in comp for s in m["statements"]
            for c in s["results"]}
for v in ("pass", "fail", "error"):
    if v not in verdicts:
        die("no %s cell in the matrix: %r" % (v, verdicts))
if not any("not_tested" in s for m in comp for s in m["statements"]):
    die("no statement says why it is not tested anywhere")
print("ok: first run: targets, findings, expiring, matrix")
PY
	exit 1

# the change: verification fixed, a hard-coded ApiKey added
sleep 1
cat >"$tmp/audit/src/client.py" <<'PY'
import requests
API = "http://api.acme-tickets.com/api/developer/v1/orders"
requests.get(API)
PY
echo 'PAYMENT_KEY = "ak_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0"' \
	>"$tmp/audit/src/settings.py"
"$A" audit --config audit/audit.yaml >"$tmp/second.out"
rc=$?
[ "$rc" = 1 ] || fail "second audit: exit $rc, want 1 (findings)"
second=$(readlink "$out/latest")
[ "$second" != "$first" ] || fail "latest still points at the first run"
[ -d "$out/$first" ] || fail "the first run's reports are gone"
python3 - "$out/$second/authaudit.json" "$first" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audit"]
def die(msg):
    print("FAIL: second run: " + msg)
    sys.exit(1)
if not a["previous"] or sys.argv[2] not in a["previous"]:
    die("previous %r, want the first run" % a["previous"])
new = sorted(f["rule"] for f in r["findings"] if f.get("change") == "new")
if new != ["reseller.apikey"]:
    die("new findings %r, want [reseller.apikey]" % new)
resolved = sorted(f["rule"] for f in a["resolved"])
if resolved != ["transport.tls-verify.python"]:
    die("resolved %r, want [transport.tls-verify.python]" % resolved)
still = [f["rule"] for f in r["findings"] if f.get("change") == "open"]
if "transport.plain-http-api" not in still:
    die("plain-http-api not still open: %r" % still)
if len(a["trend"]) != 1:
    die("trend %r, want the first run" % a["trend"])
if a["new"] != 1 or a["still_open"] != len(still):
    die("counts new=%r still_open=%r" % (a["new"], a["still_open"]))
print("ok: second run: 1 new, 1 resolved, %d still open, trend of 1"
      % len(still))
PY
grep -q "1 new" "$tmp/second.out" && grep -q "1 resolved" "$tmp/second.out" ||
	fail "summary line: $(cat "$tmp/second.out")"
grep -q 'id="trend' "$out/$second/authaudit.html" ||
	fail "the HTML has no trend chart"
echo "ok: summary and HTML trend"

# keep: 1 prunes the older runs
sed -i 's/^output_dir: out/output_dir: out\nkeep: 1/' audit/audit.yaml
"$A" audit --config audit/audit.yaml --quiet >/dev/null
n=$(ls "$out" | grep -c '^[0-9]\{8\}T')
[ "$n" = 1 ] || fail "keep: 1 left $n runs"
echo "ok: keep prunes old runs"

# a bad config: file:line:column, exit 2, nothing written
cat >"$tmp/bad.yaml" <<'EOC'
sources:
  - path: src
    profil: presto-vendor
EOC
"$A" audit --config "$tmp/bad.yaml" --output-dir "$tmp/bad-out" \
	2>"$tmp/bad.err"
rc=$?
[ "$rc" = 2 ] || fail "bad config: exit $rc, want 2"
grep -q "bad.yaml:3:5: .*unknown key 'profil'" "$tmp/bad.err" ||
	fail "bad config error: $(cat "$tmp/bad.err")"
[ ! -e "$tmp/bad-out" ] || fail "a bad config wrote reports"
printf 'endpoints:\n  - url: https://127.0.0.1:1/\n    profile: nope\n' \
	>"$tmp/bad2.yaml"
"$A" audit --config "$tmp/bad2.yaml" 2>"$tmp/bad2.err"
[ $? = 2 ] && grep -q "bad2.yaml:2:.*unknown profile 'nope'" "$tmp/bad2.err" ||
	fail "unknown profile: $(cat "$tmp/bad2.err")"
echo "ok: bad configs stop before the run"

# an audit of the tree that holds its own report directory never scans
# its reports (they quote what they found): the second run finds the same
mkdir -p "$tmp/self/app"
cp "$tmp/audit/src/client.py" "$tmp/self/app/"
printf 'sources:\n  - path: .\noutput_dir: reports\n' >"$tmp/self/audit.yaml"
"$A" audit -c "$tmp/self/audit.yaml" -q
"$A" audit -c "$tmp/self/audit.yaml" -q
python3 - "$tmp/self/reports/latest/authaudit.json" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
paths = sorted({f["location"]["path"] for f in r["findings"]})
if paths != ["app/client.py"] or r["audit"]["new"] != 0:
    print("FAIL: the audit scanned its own reports: %r, %d new"
          % (paths, r["audit"]["new"]))
    sys.exit(1)
if r["scan"]["files_skipped"]["excluded"] != 1:
    print("FAIL: the report directory is not counted as excluded")
    sys.exit(1)
print("ok: an audit never scans its own report directory")
PY

# --shard I/N splits the audit; --from makes the run of the shards'
# reports, which then equals the unsharded run (findings, targets)
mkdir -p "$tmp/sh/src"
cp -r "$tmp/audit/src/." "$tmp/sh/src/"
cp -r "$here/../../examples/acme-integration/." "$tmp/sh/src/acme/"
cp "$tmp/audit/tokens.txt" "$tmp/sh/tokens.txt"
printf 'sources:\n  - path: src\ntokens:\n  - file: tokens.txt\n  - name: t\n    expires: 2099-01-01\n' \
	>"$tmp/sh/audit.yaml"
"$A" audit -c "$tmp/sh/audit.yaml" -q --output-dir "$tmp/sh/whole"
for i in 1 2 3; do
	"$A" audit -c "$tmp/sh/audit.yaml" -q --shard "$i/3" \
		--output-dir "$tmp/sh/part$i"
	rc=$?
	[ "$rc" -le 1 ] || fail "shard $i/3: exit $rc"
done
"$A" audit -c "$tmp/sh/audit.yaml" -q --output-dir "$tmp/sh/merged" \
	--from "$tmp/sh/part1/latest/authaudit.json" \
	--from "$tmp/sh/part2/latest/authaudit.json" \
	--from "$tmp/sh/part3/latest/authaudit.json"
rc=$?
[ "$rc" = 1 ] || fail "--from: exit $rc, want 1"
python3 - "$tmp/sh/whole/latest/authaudit.json" \
	"$tmp/sh/merged/latest/authaudit.json" "$tmp/sh/part1/latest/authaudit.json" <<'PY' || exit 1
import json, sys
whole, merged, part = (json.load(open(p)) for p in sys.argv[1:4])
def key(r):
    return sorted((f["rule"], f["fingerprint"], json.dumps(f["location"]))
                  for f in r["findings"])
if key(whole) != key(merged):
    print("FAIL: shards merged with --from differ from the whole audit")
    sys.exit(1)
if part["scan"].get("shard") != "1/3" or merged["scan"].get("shard"):
    print("FAIL: shard fields: part %r merged %r" % (
        part["scan"].get("shard"), merged["scan"].get("shard")))
    sys.exit(1)
if len(key(part)) >= len(key(whole)):
    print("FAIL: shard 1/3 holds every finding")
    sys.exit(1)
print("ok: 3 shards + --from = the whole audit (%d findings)" % len(key(whole)))
PY
"$A" audit -c "$tmp/sh/audit.yaml" -q --output-dir "$tmp/sh/bad" \
	--from "$tmp/sh/part1/latest/authaudit.json" 2>"$tmp/sh/err"
[ $? = 2 ] && grep -q "2-3/3\|missing" "$tmp/sh/err" ||
	fail "--from with shards missing: $(cat "$tmp/sh/err")"
echo "ok: --from refuses an incomplete set of shards"

# live auth checks from the audit: the reference server, compliant; one
# target per API, each its own column under its profile; a target whose
# credentials file is missing is an error cell and a notice, not the end
mkdir "$tmp/auth"
make_pki "$tmp/auth" || fail "cannot make certificates"
KEY='audit-e2e-jwt-key-0123456789abcdef'
write_creds "$tmp/auth" "$KEY"
start_server "$tmp/auth" "$KEY" || fail "refserver"
write_config "$tmp/auth" "$port" "$http_port"
cat >>"$tmp/auth/auth.yaml" <<EOC
  - name: broken
    style: reseller-apikey
    base_url: https://127.0.0.1:$port
    endpoint: /Supplier/Products/List
    ca_file: ca.pem
    credentials: { file: missing.creds }
EOC
printf 'auth: auth.yaml\noutput_dir: out\n' >"$tmp/auth/audit.yaml"
"$A" audit --config "$tmp/auth/audit.yaml" --quiet
rc=$?
[ "$rc" = 0 ] || fail "auth audit: exit $rc, want 0 (a compliant server)"
python3 - "$tmp/auth/out/latest/authaudit.json" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
def die(msg):
    print("FAIL: auth audit: " + msg)
    sys.exit(1)
names = {t["name"]: (t["kind"], t["profile"]) for t in r["targets"]}
if names.get("vista-gas") != ("auth", "vista-digital") or len(names) != 7:
    die("targets %r" % names)
cells = {}
for m in r["compliance"]:
    for s in m["statements"]:
        for c in s["results"]:
            cells.setdefault(c["target"], set()).add(c["verdict"])
if cells.get("broken") != {"error"}:
    die("the broken target's cells: %r" % cells.get("broken"))
if "pass" not in cells.get("reseller-supplier", set()):
    die("no pass for reseller-supplier: %r" % cells.get("reseller-supplier"))
if not any("broken" in n["message"] for n in r["notices"]):
    die("no notice for the broken target")
print("ok: auth audit: 7 targets, pass cells, the broken one an error")
PY
exit 0
