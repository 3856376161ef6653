#!/bin/sh
# authaudit probe against hostile TLS servers: an answer cut short, one
# choosing a suite or version never offered, a 16 MB announcement, a
# certificate chain OpenSSL will not read gives no verdict (an
# endpoint.probe-failed finding saying why, compliance "error"), never a
# pass; an alert or a close before any byte is a true refusal (the
# controls). The raw answers come from tests/fixtures/hostile_tls.c in
# front of a compliant tlsserver, which gets every ClientHello but the
# TLS 1.0 and 1.1 ones; the certificates from tests/fixtures/certgen.c.
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
HSTS="max-age=31536000;includeSubDomains"

# verdict REPORT: each finding as "rule:severity: message", sorted, then
# the protocols fact and two compliance cells of the endpoint
verdict() {
	python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for f in sorted(r["findings"], key=lambda f: f["rule"]):
    print("%s:%s: %s" % (f["rule"], f["severity"], f["message"]))
print("protocols: %s" % r["endpoints"][0]["facts"].get("protocols"))
cells = {s["id"]: s["results"] for s in r["compliance"][0]["statements"]}
for sid in ("presto-vendor.verify-certificate",
            "presto-vendor.enforce-tls12"):
    print("%s: %s" % (sid, " ".join(c["verdict"] for c in cells[sid])))
PY
}

# check NAME RC WANT TIMEOUT: probe the server on $port; the verdict and
# the exit status must be these
check() {
	"$A" probe -q --format json --timeout "$4" --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none \
		"https://127.0.0.1:$port/api" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	got=$(verdict "$tmp/out.json")
	[ "$got" = "$3" ] || fail "$1: want
$3
got
$got"
	[ "$rc" -eq "$2" ] || fail "$1: exit $rc, want $2"
	echo "ok: $1"
}

# raw NAME MODE RC WANT [TIMEOUT]: hostile_tls in MODE before a compliant
# server; both of our TLS 1.0 and 1.1 ClientHellos must have met MODE
raw() {
	serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" --hsts "$HSTS"
	hostile "$tmp" "$2" "$port"
	check "$1" "$3" "$4" "${5:-3}"
	for v in 0x0301 0x0302; do
		grep -q "^hostile $2 to $v: " "$log" ||
			fail "$1: no $v ClientHello met $2: $(cat "$log")"
	done
	serve_stop_all
}

# no_verdict WHY: what a compliant server with TLS 1.0 and 1.1 unknown for
# WHY gives (WHY the same for both, %s the version's name)
no_verdict() {
	w10=$(printf "$1" "TLS 1.0")
	w11=$(printf "$1" "TLS 1.1")
	echo "endpoint.probe-failed:medium: some checks got no verdict: TLS 1.0 ($w10); TLS 1.1 ($w11)
protocols: accepted: TLS 1.2, TLS 1.3; refused: SSLv3; unknown: TLS 1.0, TLS 1.1
presto-vendor.verify-certificate: error
presto-vendor.enforce-tls12: error"
}
REFUSED="protocols: accepted: TLS 1.2, TLS 1.3; refused: SSLv3, TLS 1.0, TLS 1.1
presto-vendor.verify-certificate: pass
presto-vendor.enforce-tls12: pass"

# Cut short, or closed there: not a refusal.
raw "partial ServerHello, then a close" partial-hello 1 "$(no_verdict \
	"connection closed after 20 bytes of an answer, cut in the ServerHello: 11 of 38 bytes")"
raw "partial ServerHello, then silence" partial-hang 1 "$(no_verdict \
	"nothing more within 1000 ms after 20 bytes of an answer, cut in the ServerHello: 11 of 38 bytes")" 1
raw "record header cut" cut-header 1 "$(no_verdict \
	"connection closed after 3 bytes of an answer, cut in a record header: 3 of 5 bytes")"
raw "a 16 MB ServerHello announced, then a close" huge-record 1 "$(no_verdict \
	"ServerHello of 16777215 bytes announced, more than one can hold (65607)")"

# A whole ServerHello choosing what was never offered: neither yes nor no.
raw "suite never offered" unoffered-suite 1 "$(no_verdict \
	"protocol violation: chose cipher suite 0x1301, which was not offered")"
raw "version never offered" unoffered-version 1 "$(no_verdict \
	"protocol violation: chose TLS 1.2, which was not offered (at most %s)")"

# The controls: what a refusal is.
raw "alert protocol_version (a refusal)" alert 0 "$REFUSED"
raw "closed before any byte (a refusal)" close 0 "$REFUSED"

# Certificates OpenSSL will not read: the check has no verdict, nor has
# the ECDHE handshake (its key exchange comes after the certificate).
cert_unread() {
	echo "endpoint.probe-failed:medium: some checks got no verdict: certificate (TLS handshake failed: excessive message size); ECDHE key exchange (TLS handshake failed: excessive message size); client renegotiation (TLS handshake failed: excessive message size)
protocols: accepted: TLS 1.2, TLS 1.3; refused: SSLv3, TLS 1.0, TLS 1.1
presto-vendor.verify-certificate: error
presto-vendor.enforce-tls12: error"
}
serve "$tmp" --cert "$P/huge.pem" --key "$P/huge.key" --hsts "$HSTS"
check "1 MB certificate" 1 "$(cert_unread)" 3
serve_stop_all
serve "$tmp" --cert "$P/longbig.pem" --key "$P/longbig.key" --hsts "$HSTS"
check "200 certificates, 150 KB" 1 "$(cert_unread)" 3
serve_stop_all
# ... and one it reads but cannot verify: a failed check
serve "$tmp" --cert "$P/long.pem" --key "$P/long.key" --hsts "$HSTS"
check "200 certificates, 86 KB" 1 "endpoint.cert-untrusted:high: the certificate does not verify: 'CN=authaudit chain link 101': certificate chain too long
protocols: accepted: TLS 1.2, TLS 1.3; refused: SSLv3, TLS 1.0, TLS 1.1
presto-vendor.verify-certificate: fail
presto-vendor.enforce-tls12: pass" 3
serve_stop_all
echo "probe_hostile: all passed"
