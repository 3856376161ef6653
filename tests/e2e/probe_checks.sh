#!/bin/sh
# authaudit probe, one check at a time, against real TLS servers on
# 127.0.0.1 (tests/fixtures/tlsserver.c) with certificates made now
# (tests/fixtures/certgen.c): the compliant server gives no finding, each
# non-compliant one exactly the expected rule ids and severities.
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

# tls NAME WANT RC SERVER-ARGS... : a TLS server with these arguments,
# probed with the test CA and no plain-HTTP or alternative-port listener
tls() {
	name=$1 want=$2 rc_want=$3
	shift 3
	serve "$tmp" "$@"
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none \
		"https://127.0.0.1:$port/api/v1" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	serve_stop_all
	expect "$name" "$want" "$(summary "$tmp/out.json")"
	[ "$rc" -eq "$rc_want" ] || fail "$name: exit $rc, want $rc_want"
}

HSTS="max-age=31536000;includeSubDomains"
good() { echo --cert "$P/$1.pem" --key "$P/$1.key" --hsts "$HSTS"; }

# shellcheck disable=SC2046
tls compliant "" 0 $(good good)
tls "TLS 1.2 only" "" 0 $(good good) --tls-min 1.2 --tls-max 1.2
tls "TLS 1.3 only" "" 0 $(good good) --tls-min 1.3 --tls-max 1.3
tls "TLS 1.0 and 1.1 only" \
	"endpoint.tls-minimum-not-accepted:high endpoint.tls-version-below-minimum:high endpoint.tls-version-below-minimum:high" 1 \
	$(good good) --tls-min 1.0 --tls-max 1.1
tls "TLS 1.0 and 1.1 beside 1.2 and 1.3" \
	"endpoint.tls-version-below-minimum:high endpoint.tls-version-below-minimum:high" 1 \
	$(good good) --tls-min 1.0 --tls-max 1.3
tls expired "endpoint.cert-expired:critical" 1 $(good expired)
# HSTS is read only over a verified connection, as a client would
grep -q "HSTS not checked: .*cannot verify" "$tmp/out.json" ||
	fail "expired: no notice that HSTS could not be checked"
tls "not yet valid" "endpoint.cert-not-yet-valid:high" 1 $(good notyet)
tls "wrong host" "endpoint.cert-hostname-mismatch:high" 1 $(good wronghost)
tls self-signed "endpoint.cert-self-signed:high" 1 $(good selfsigned)
tls "untrusted root" "endpoint.cert-untrusted:high" 1 $(good untrusted)
tls "incomplete chain" "endpoint.cert-chain-incomplete:medium" 1 \
	$(good incomplete)
tls RSA-1024 "endpoint.cert-weak-key:high" 1 $(good rsa1024)
tls "SHA-1 signed" "endpoint.cert-weak-signature:high" 1 $(good sha1)
tls "expiring in 5 days" "endpoint.cert-expiring-soon:medium" 1 \
	$(good expiring)
tls "825-day lifetime" "endpoint.cert-lifetime-too-long:low" 1 \
	$(good longlife)
# OpenSSL's aNULL includes AECDH-NULL-SHA: a NULL and an anonymous class
tls "anonymous suites" \
	"endpoint.cipher-weak:critical endpoint.cipher-weak:critical" 1 \
	$(good good) --tls-max 1.2 --ciphers 'aNULL:ECDHE+AESGCM'
tls "NULL suite" "endpoint.cipher-weak:critical" 1 \
	$(good rsa) --ciphers 'NULL-SHA256:ECDHE+AESGCM'
tls "no forward secrecy" "endpoint.no-forward-secrecy:medium" 1 \
	$(good rsa) --tls-max 1.2 --ciphers 'AES128-GCM-SHA256' --prefer-server
tls "HSTS missing" "endpoint.hsts-missing:low" 1 \
	--cert "$P/good.pem" --key "$P/good.key"
tls "HSTS one hour" "endpoint.hsts-max-age-short:low" 1 \
	--cert "$P/good.pem" --key "$P/good.key" --hsts "max-age=3600"

# Protocols and suites this OpenSSL cannot serve any more: the fixture
# answers the ClientHello itself (without renegotiation_info: an insecure
# renegotiation finding too). Verdicts come from our own ClientHello,
# so they are true even where OpenSSL 3 could not offer the version. The
# certificate cannot be read, so it is not verified either: no verdict.
tls "SSLv3 with RC4" \
	"endpoint.cipher-weak:high endpoint.probe-failed:medium endpoint.tls-minimum-not-accepted:high endpoint.tls-renegotiation-insecure:high endpoint.tls-version-below-minimum:critical" 1 \
	--fake-hello ssl3:0x0005
grep -q "certificate (TLS handshake failed: .*; OpenSSL 3 cannot complete" \
	"$tmp/out.json" ||
	fail "SSLv3: the certificate's missing verdict not explained"
tls "3DES at TLS 1.2" \
	"endpoint.cipher-weak:high endpoint.probe-failed:medium endpoint.tls-renegotiation-insecure:high" 1 \
	--fake-hello 1.2:0x000a
tls "EXPORT at TLS 1.0" \
	"endpoint.cipher-weak:critical endpoint.probe-failed:medium endpoint.tls-minimum-not-accepted:high endpoint.tls-renegotiation-insecure:high endpoint.tls-version-below-minimum:high" 1 \
	--fake-hello 1.0:0x0003
python3 - "$tmp/out.json" <<'PY' || fail "EXPORT: suite or version not named"
import json, sys
m = " ".join(f["message"] for f in json.load(open(sys.argv[1]))["findings"])
assert "TLS_RSA_EXPORT_WITH_RC4_40_MD5" in m and "TLS 1.0" in m, m
PY

# Endpoints that give no verdict: an error finding, never a pass.
tls "garbage" "endpoint.probe-failed:medium" 3 --garbage
grep -q 'SSH-2.0' "$tmp/out.json" || fail "garbage: what came not quoted"
serve "$tmp" --silent
"$A" probe -q --format json --timeout 1 --http-port "$closed" \
	--alt-ports none "https://127.0.0.1:$port/" >"$tmp/out.json"
rc=$?
serve_stop_all
expect "silent" "endpoint.probe-failed:medium" "$(summary "$tmp/out.json")"
[ $rc -eq 3 ] || fail "silent: exit $rc, want 3"
"$A" probe -q --format json --http-port "$closed" --alt-ports none \
	"https://127.0.0.1:$closed/" >"$tmp/out.json"
rc=$?
expect "closed port" "endpoint.probe-failed:medium" \
	"$(summary "$tmp/out.json")"
[ $rc -eq 3 ] || fail "closed port: exit $rc, want 3"
grep -q 'refused' "$tmp/out.json" || fail "closed port: reason not given"
echo "probe_checks: all passed"
