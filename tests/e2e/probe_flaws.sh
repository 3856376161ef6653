#!/bin/sh
# authaudit probe: the TLS protocol flaws, each on a server that has it
# and on compliant ones. The compliant sides are real OpenSSL servers
# (tests/fixtures/tlsserver.c); the vulnerable sides OpenSSL will not play
# come from tests/fixtures/hostile_tls.c in front of a compliant server:
# it answers only the hellos that ask for what its mode is about (DEFLATE,
# the heartbeat extension, TLS_FALLBACK_SCSV) and relays every other
# connection. Each server gives exactly its findings and these facts.
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
GOOD="--cert $P/good.pem --key $P/good.key --hsts $HSTS"
# what a hostile front's heartbleed mode fills a leak with
LEAK=LEAKED-SERVER-MEMORY

# flaws REPORT: each finding as rule:severity, then the flaw facts
flaws() {
	python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(sorted("%s:%s" % (f["rule"], f["severity"])
                      for f in r["findings"])))
facts = r["endpoints"][0]["facts"]
for k in ("secure renegotiation", "client renegotiation", "TLS compression",
          "heartbleed", "fallback SCSV", "ROBOT", "revocation"):
    print("%s: %s" % (k, facts.get(k)))
PY
}

# check NAME WANT RC: probe the server on $port; findings and flaw facts
# must be WANT, the exit status RC
check() {
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none \
		"https://127.0.0.1:$port/api" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	got=$(flaws "$tmp/out.json")
	[ "$got" = "$2" ] || fail "$1: want
$2
got
$got"
	[ "$rc" -eq "$3" ] || fail "$1: exit $rc, want $3"
	echo "ok: $1"
}

# the facts of a server that has none of the flaws, at TLS 1.2
RI="secure renegotiation: supported (renegotiation_info in the TLS 1.2 ServerHello)"
CR="client renegotiation: refused (at TLS 1.2: warning alert no_renegotiation)"
CO="TLS compression: none (null compression chosen, DEFLATE offered)"
HB="heartbleed: not vulnerable (heartbeat extension not agreed)"
FB="fallback SCSV: honoured (a TLS 1.2 ClientHello with the SCSV got inappropriate_fallback)"
RB="ROBOT: not checked: no RSA key exchange (alert handshake_failure)"
RV="revocation: not checked: opt-in, with --check-revocation"

# --- OpenSSL servers --------------------------------------------------
# shellcheck disable=SC2086
serve "$tmp" $GOOD
check "compliant (TLS 1.2 and 1.3)" "
$RI
$CR
$CO
$HB
$FB
$RB
$RV" 0
serve_stop_all

# shellcheck disable=SC2086
serve "$tmp" $GOOD --client-renegotiation
check "client renegotiation accepted" "endpoint.tls-client-renegotiation:medium
$RI
client renegotiation: accepted (a renegotiation the client started at TLS 1.2 completed)
$CO
$HB
$FB
$RB
$RV" 1
serve_stop_all

# nothing below TLS 1.3: none of them can arise, and the facts say why
# shellcheck disable=SC2086
serve "$tmp" $GOOD --tls-min 1.3
check "TLS 1.3 only" "
secure renegotiation: not checked: no TLS 1.2 or lower (alert protocol_version)
client renegotiation: not checked: no TLS 1.2 or lower (tlsv1 alert protocol version)
TLS compression: not checked: no TLS 1.2 or lower (alert protocol_version)
heartbleed: not checked: no TLS 1.2 or lower (alert protocol_version)
fallback SCSV: not checked: no version below TLS 1.3 to fall back to
ROBOT: not checked: no RSA key exchange (alert protocol_version)
$RV" 0
# ... in every format, not only JSON
"$A" probe -q --format text --ca-file "$P/trust.pem" --http-port "$closed" \
	--alt-ports none "https://127.0.0.1:$port/api" >"$tmp/out.txt"
grep -q "fallback SCSV.*not checked: no version below TLS 1.3" \
	"$tmp/out.txt" || fail "TLS 1.3 only: text report lacks the fact"
serve_stop_all

# TLS 1.0 to 1.2: the SCSV at TLS 1.2 is no downgrade, at TLS 1.1 it is
# shellcheck disable=SC2086
serve "$tmp" $GOOD --tls-min 1.0 --tls-max 1.2
check "TLS 1.0 to 1.2: the fallback refused one version down" "endpoint.tls-version-below-minimum:high endpoint.tls-version-below-minimum:high
$RI
$CR
$CO
$HB
fallback SCSV: honoured (a TLS 1.1 ClientHello with the SCSV got inappropriate_fallback)
$RB
$RV" 1
serve_stop_all

# shellcheck disable=SC2086
serve "$tmp" $GOOD --tls-max 1.2
check "TLS 1.2 only: nothing to fall back to" "
$RI
$CR
$CO
$HB
fallback SCSV: not checked: no version below TLS 1.2 to fall back to
$RB
$RV" 0
serve_stop_all

# --- the vulnerable sides, raw --------------------------------------
# flawed NAME MODE WANT-FINDINGS FACT...: hostile_tls in MODE before a
# compliant server; the facts are the compliant ones but for those given
flawed() {
	name=$1 mode=$2 want=$3
	shift 3
	# shellcheck disable=SC2086
	serve "$tmp" $GOOD
	hostile "$tmp" "$mode" "$port"
	facts="$RI
$CR
$CO
$HB
$FB
$RB
$RV"
	for f in "$@"; do
		facts=$(printf '%s\n' "$facts" | awk -v f="$f" '
			BEGIN { k = substr(f, 1, index(f, ": ")) }
			index($0, k) == 1 { print f; next } { print }')
	done
	rc=1
	[ -n "$want" ] || rc=0
	check "$name" "$want
$facts" $rc
	grep -q "^hostile $mode to " "$log" ||
		fail "$name: no ClientHello met $mode: $(cat "$log")"
}

flawed "no renegotiation_info" no-reneg-info \
	"endpoint.tls-renegotiation-insecure:high" \
	"secure renegotiation: missing (no renegotiation_info in the TLS 1.2 ServerHello, though the hello offered TLS_EMPTY_RENEGOTIATION_INFO_SCSV)"
serve_stop_all

flawed "DEFLATE chosen" compression "endpoint.tls-compression:high" \
	"TLS compression: accepted (DEFLATE chosen at TLS 1.2)"
serve_stop_all

flawed "TLS_FALLBACK_SCSV ignored" no-fallback \
	"endpoint.tls-fallback-scsv-ignored:medium" \
	"fallback SCSV: ignored (a TLS 1.2 ClientHello with the SCSV was answered at TLS 1.2, though the server speaks TLS 1.3)"
serve_stop_all

# Heartbleed: the leak was sent (the front's log says so), and not a byte
# of it reaches any report or the terminal
flawed "Heartbleed" heartbleed "endpoint.heartbleed:critical" \
	"heartbleed: VULNERABLE (a heartbeat request claiming 256 payload bytes and carrying none was answered, with a 275-byte record (not read))"
grep -q "heartbeat claiming 256 of 0 bytes answered with 256" "$log" ||
	fail "Heartbleed: the front sent no leak: $(cat "$log")"
"$A" probe -q --format text,json,sarif,junit,markdown,html \
	--output-dir "$tmp/all" --ca-file "$P/trust.pem" \
	--http-port "$closed" --alt-ports none \
	"https://127.0.0.1:$port/api" >"$tmp/all.out" 2>"$tmp/all.err"
[ "$(ls "$tmp/all" | wc -l)" -eq 6 ] || fail "Heartbleed: not 6 reports"
grep -rl "$LEAK" "$tmp/all" "$tmp/all.out" "$tmp/all.err" "$tmp/out.json" \
	"$tmp/err" && fail "Heartbleed: leaked bytes in the output"
echo "ok: Heartbleed: the leak is in no report"
serve_stop_all

# ROBOT: RSA key exchange answered alike whatever the padding (OpenSSL),
# and by a front whose alert tells valid padding from invalid
RSA="--cert $P/rsa.pem --key $P/rsa.key --hsts $HSTS --ciphers AES128-SHA:AES256-GCM-SHA384"
# shellcheck disable=SC2086
serve "$tmp" $RSA
check "RSA key exchange, no oracle" "endpoint.no-forward-secrecy:medium
$RI
$CR
$CO
$HB
$FB
ROBOT: not vulnerable (all five key exchanges got alert bad_record_mac)
$RV" 1
hostile "$tmp" robot "$port" --cert "$P/rsa.pem" --key "$P/rsa.key"
check "ROBOT" "endpoint.no-forward-secrecy:medium endpoint.robot:high
$RI
$CR
$CO
$HB
$FB
ROBOT: VULNERABLE (a well-formed premaster secret got alert bad_record_mac, one with wrong first bytes got alert decrypt_error, twice)
$RV" 1
[ "$(grep -c "^hostile robot: padding valid" "$log")" -eq 2 ] ||
	fail "ROBOT: not two well-formed key exchanges: $(cat "$log")"
serve_stop_all

# heartbeats done right: the overlong request discarded, the other answered
flawed "heartbeat agreed, overlong request discarded" heartbeat-safe "" \
	"heartbleed: not vulnerable (heartbeat agreed; the overlong request discarded, the well-formed one answered)"
grep -q "heartbeat claiming 256 of 0 bytes discarded" "$log" ||
	fail "heartbeat-safe: $(cat "$log")"
serve_stop_all
echo "probe_flaws: all passed"
