#!/bin/sh
# authaudit probe: every certificate a server can serve (a second one of
# another key type, an Ed25519 one, a default one for clients without
# SNI), the key exchange (a 1024-bit DHE group, a 224-bit curve, static
# RSA), client certificates, the endpoint's own port under presto-fi, a
# name that does not resolve (facts only when measured, in every format)
# and --resolve HOST:*:ADDR pinning every check of the host. Servers are
# the tlsserver fixture on loopback, certificates made now by certgen.
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/tlsserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
tmp=$(mktemp -d)
trap 'serve_stop_all; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
mkdir "$tmp/pki"
pki "$tmp/pki"
P=$tmp/pki
closed_port "$tmp"
HSTS="max-age=31536000"

# run URL ARGS...: probe URL with the test CA, no plain-HTTP listener and
# no alternative ports; the JSON report in $tmp/out.json, exit in $rc
run() {
	_u=$1
	shift
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none "$@" "$_u" \
		>"$tmp/out.json" 2>"$tmp/err"
	rc=$?
}

# fact KEY: the value of the first endpoint's fact KEY ("" when none)
fact() {
	python3 - "$tmp/out.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["endpoints"][0]["facts"].get(sys.argv[2], ""))
PY
}

# has WHAT KEY TEXT: fact KEY contains TEXT
has() {
	case "$(fact "$2")" in
	*"$3"*) echo "ok: $1" ;;
	*) fail "$1: fact '$2' is [$(fact "$2")], want [$3] in it" ;;
	esac
}

# tls NAME WANT SERVER-ARGS...: a server, one probe, the findings
tls() {
	_name=$1 _want=$2
	shift 2
	serve "$tmp" "$@"
	run "https://127.0.0.1:$port/"
	serve_stop_all
	expect "$_name" "$_want" "$(summary "$tmp/out.json")"
}

# --- every certificate the server can serve --------------------------

# nginx's two ssl_certificate lines: a valid ECDSA one that OpenSSL's
# default lists always get, and an expired RSA one for RSA clients
tls "valid ECDSA + expired RSA" "endpoint.cert-expired:critical" \
	--cert "$P/good.pem" --key "$P/good.key" \
	--cert2 "$P/rsaexpired.pem" --key2 "$P/rsaexpired.key" --hsts "$HSTS"
[ "$rc" -eq 1 ] || fail "two certificates: exit $rc, want 1"
grep -q '"message": "RSA certificate (served to RSA PKCS#1, RSA-PSS clients): the certificate expired on' \
	"$tmp/out.json" || fail "two certificates: the expired one not named"
has "two certificates: the ECDSA one" certificate "CN=good.authaudit.test"
has "two certificates: the RSA one" "certificate (RSA PKCS#1, RSA-PSS)" \
	"CN=rsaexpired.authaudit.test"
has "two certificates: by signature" "by signature algorithm" \
	"ECDSA: certificate; RSA PKCS#1: certificate (RSA PKCS#1, RSA-PSS); RSA-PSS: certificate (RSA PKCS#1, RSA-PSS); EdDSA: none served"
has "two certificates: the earlier expiry" "certificate expires" \
	"$(date -u -d '-1 day' +%Y-%m-%d)"

# the same in every format: findings everywhere, facts where there are
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" \
	--cert2 "$P/rsaexpired.pem" --key2 "$P/rsaexpired.key" --hsts "$HSTS"
"$A" probe -q --format json,text,html,markdown,sarif,junit \
	--output-dir "$tmp/all" --ca-file "$P/trust.pem" \
	--http-port "$closed" --alt-ports none "https://127.0.0.1:$port/"
serve_stop_all
for f in txt html md sarif junit.xml; do
	grep -q "RSA certificate (served to RSA PKCS#1, RSA-PSS clients)" \
		"$tmp/all/authaudit.$f" ||
		fail "two certificates: not in the $f report"
done
for f in txt html; do
	grep -q "CN=rsaexpired.authaudit.test" "$tmp/all/authaudit.$f" ||
		fail "two certificates: no fact in the $f report"
done
echo "ok: two certificates in every format"

tls "valid ECDSA + valid Ed25519" "" --cert "$P/good.pem" \
	--key "$P/good.key" --cert2 "$P/ed25519.pem" --key2 "$P/ed25519.key" \
	--hsts "$HSTS"
has "Ed25519: its own fact" "certificate (EdDSA)" \
	"CN=ed25519.authaudit.test, issued by CN=authaudit test intermediate, Ed25519"

# a default certificate for clients without SNI (untrusted) and the real
# one for the name: the name's is judged, the other noted
serve "$tmp" --cert "$P/untrusted.pem" --key "$P/untrusted.key" \
	--sni-cert "$P/good.pem" --sni-key "$P/good.key" --hsts "$HSTS"
run "https://localhost:$port/" --resolve "localhost:*:127.0.0.1"
serve_stop_all
expect "default certificate without SNI" "" "$(summary "$tmp/out.json")"
has "without SNI: noted" "without SNI" \
	"a different default certificate: CN=untrusted.authaudit.test"
has "with SNI: the name's" certificate "CN=good.authaudit.test"

# --- key exchange -----------------------------------------------------

tls "DHE only, 1024-bit group" "endpoint.key-exchange-weak:medium" \
	--cert "$P/rsa.pem" --key "$P/rsa.key" --tls-max 1.2 \
	--ciphers 'DHE+AESGCM' --dh-group dh_1024_160 --hsts "$HSTS"
has "DHE 1024: its size" DHE \
	"1024-bit group dh_1024_160 (80-bit security) with TLS_DHE_RSA_WITH_"
has "DHE 1024: the key exchange line" "key exchange" \
	"at TLS 1.2, 1024-bit group dh_1024_160"
# the HSTS request fails with "dh key too small": the notice says why
grep -q "HSTS not checked: a client at OpenSSL's default security level refuses the server's 1024-bit DHE group" \
	"$tmp/out.json" || fail "DHE 1024: the HSTS notice misstates why"
grep -q "cannot verify" "$tmp/out.json" &&
	fail "DHE 1024: the HSTS notice blames verification"
tls "DHE only, ffdhe2048" "" --cert "$P/rsa.pem" --key "$P/rsa.key" \
	--tls-max 1.2 --ciphers 'DHE+AESGCM' --dh-group ffdhe2048 \
	--hsts "$HSTS"
has "ffdhe2048: named" DHE "2048-bit group ffdhe2048"
# (an RSA certificate: at TLS 1.2 an ECDSA one's own curve must be among
# those offered, so a server with one refuses an offer of weak curves)
tls "a 224-bit curve beside X25519" "endpoint.key-exchange-weak:medium" \
	--cert "$P/rsa.pem" --key "$P/rsa.key" --groups X25519:secp224r1 \
	--hsts "$HSTS"
has "P-224: named" ECDHE "took curve secp224r1 (224 bits, 112-bit security)"
tls "static RSA beside ECDHE" "endpoint.rsa-key-exchange:low" \
	--cert "$P/rsa.pem" --key "$P/rsa.key" \
	--ciphers 'ECDHE+AESGCM:AES128-GCM-SHA256' --prefer-server \
	--hsts "$HSTS"
has "static RSA: the suite" "static RSA key exchange" \
	"accepted: TLS_RSA_WITH_AES_128_GCM_SHA256 at TLS 1.2"
tls "ECDHE only" "" --cert "$P/rsa.pem" --key "$P/rsa.key" --hsts "$HSTS"
has "ECDHE only: the curve" ECDHE "X25519 (128-bit security) with TLS_ECDHE_RSA_"
has "ECDHE only: static RSA refused" "static RSA key exchange" refused
has "ECDHE only: TLS 1.3 group" "key exchange" "; TLS 1.3: X25519"

# --- client certificates ----------------------------------------------

for v in 1.2 1.3; do
	tls "client certificate required, TLS $v" "" --cert "$P/good.pem" \
		--key "$P/good.key" --client-cert require --tls-max "$v" \
		--hsts "$HSTS"
	has "required at $v: a fact" "client certificate" "required: the server refused"
	grep -q "HSTS not checked: the server requires a client certificate" \
		"$tmp/out.json" || fail "required at $v: the HSTS notice misstates why"
	tls "client certificate requested, TLS $v" "" --cert "$P/good.pem" \
		--key "$P/good.key" --client-cert request --tls-max "$v" \
		--hsts "$HSTS"
	has "requested at $v: a fact" "client certificate" \
		"requested, not required: the server went on without one"
	has "requested at $v: HSTS read" HSTS "$HSTS"
done
tls "no client certificate" "" --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "$HSTS"
has "not requested: a fact" "client certificate" "not requested"

# --- the endpoint's own port ------------------------------------------

serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" --hsts "$HSTS"
run "https://127.0.0.1:$port/api/fi/v1" -p presto-fi
expect "presto-fi on port $port" "endpoint.port-not-allowed:high" \
	"$(summary "$tmp/out.json")"
grep -q "\"message\": \"the endpoint is served on port $port; the profile allows only 443\"" \
	"$tmp/out.json" || fail "own port: message"
python3 - "$tmp/out.json" <<'PY' || fail "own port: tls-port-443 is not a fail"
import json, sys
r = json.load(open(sys.argv[1]))
cells = {s["id"]: [x["verdict"] for x in s["results"]]
         for m in r["compliance"] for s in m["statements"]}
assert cells.get("presto-fi.tls-port-443") == ["fail"], cells
PY
run "https://127.0.0.1:$port/api/fi/v1" -p presto-vendor
expect "presto-vendor on port $port" "" "$(summary "$tmp/out.json")"
serve_stop_all

# --- a name that does not resolve -------------------------------------
# a 64-character label: the resolver refuses it before any query leaves
# this machine
bad=$(printf '%064d' 0 | tr 0 a).example.test
"$A" probe -q --format json,text,html,markdown,sarif,junit \
	--output-dir "$tmp/dns" -p presto-fi "https://$bad/v1"
rc=$?
[ $rc -eq 3 ] || fail "unresolved: exit $rc, want 3"
cp "$tmp/dns/authaudit.json" "$tmp/out.json"
expect "unresolved" "endpoint.probe-failed:medium endpoint.probe-failed:medium" \
	"$(summary "$tmp/out.json")"
for f in txt json html; do
	if grep -E "none accepted|[0-9] closed|answers (TLS|HTTP)" \
		"$tmp/dns/authaudit.$f"; then
		fail "unresolved: the $f report states what was not measured"
	fi
	grep -q "weak suites: not checked: no TLS answer\|weak suites</th><td>not checked: no TLS answer\|\"weak suites\": \"not checked: no TLS answer" \
		"$tmp/dns/authaudit.$f" ||
		fail "unresolved: the $f report does not say weak suites were not checked"
	grep -q "8443 not checked (cannot resolve" "$tmp/dns/authaudit.$f" ||
		fail "unresolved: the $f report does not say 8443 was not checked"
done
for f in md sarif junit.xml; do
	grep -q "cannot resolve" "$tmp/dns/authaudit.$f" ||
		fail "unresolved: the $f report does not say why"
done
python3 - "$tmp/dns" <<'PY' || fail "unresolved: an alternative port reported open"
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
ids = [r["ruleId"] for run in json.load(open(d + "/authaudit.sarif"))["runs"]
       for r in run["results"]]
assert ids == ["endpoint.probe-failed"] * 2, ids
fails = [f.get("message", "") + (f.text or "") for f in
         ET.parse(d + "/authaudit.junit.xml").iter("failure")]
assert not [f for f in fails if "alt-port-open" in f], fails
assert "alt-port-open" not in open(d + "/authaudit.md").read()
PY
echo "ok: unresolved: not checked, and why, in every format"

# --- --resolve pins every check of the host ---------------------------
# servers on 127.0.0.2 only: a check that went through the resolver
# (localhost is 127.0.0.1) would find nothing there
serve "$tmp" --bind 127.0.0.2 --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "$HSTS"
pin_tls=$port pin_tls_log=$log
serve "$tmp" --bind 127.0.0.2 --http 404
pin_http=$port pin_http_log=$log
serve "$tmp" --bind 127.0.0.2 --cert "$P/good.pem" --key "$P/good.key"
pin_alt=$port
for entry in "localhost:*:127.0.0.2" "localhost:$pin_tls:127.0.0.2"; do
	: >"$pin_http_log"
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$pin_http" --alt-ports "$pin_alt" \
		--resolve "$entry" "https://localhost:$pin_tls/v1" \
		>"$tmp/out.json" 2>"$tmp/err"
	expect "--resolve $entry" "endpoint.alt-port-open:high" \
		"$(summary "$tmp/out.json")"
	grep -q "\"url\": \"https://localhost:$pin_alt/\"" "$tmp/out.json" ||
		fail "--resolve $entry: the other port not reached"
	has "--resolve $entry: plain HTTP reached" "plain HTTP" "HTTP 404"
	has "--resolve $entry: HSTS read" HSTS "$HSTS"
	grep -q "^plain GET /v1 " "$pin_http_log" ||
		fail "--resolve $entry: no plain request at the pinned address"
done
grep -q "GET /v1 authorization=-" "$pin_tls_log" ||
	fail "--resolve: the HSTS request did not reach the pinned address"
serve_stop_all
"$A" probe -q --resolve "localhost:x:127.0.0.1" https://localhost/ \
	>/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "PORT \* for every port" "$tmp/err" ||
	fail "--resolve with a bad port: $(cat "$tmp/err")"
echo "probe_certs: all passed"
