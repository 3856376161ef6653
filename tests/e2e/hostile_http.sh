#!/bin/sh
# Hostile HTTP servers against the HTTP checks of `authaudit probe` (plain
# HTTP, HSTS, alternative ports) and the HTTP client of `authaudit auth`:
# endless bodies are cut short (the bytes the server got out are counted
# in its log), a status line is an answer whatever follows it, silence is
# no verdict (never a pass), and a redirect is reported for what it is and
# never followed with a credential. The hostile_http fixture serves each
# mode on loopback; no name is ever resolved (another-host.invalid is only
# ever a Location).
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/tlsserver.sh"
. "$(dirname "$0")/lib/refserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
tmp=$(mktemp -d)
_hpids=
trap 'for p in $_hpids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	serve_stop_all; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
AUTHAUDIT_STATE_DIR=$tmp/state
export AUTHAUDIT_STATE_DIR
mkdir "$tmp/pki"
pki "$tmp/pki"
P=$tmp/pki
closed_port "$tmp"
# an endless body may cost the server what the socket buffers hold, far
# under this; without a bound it is gigabytes
MAX_SENT=10000000

# hostile ARGS...: start hostile_http; sets $hport and $hlog
hostile() {
	_hn=$((${_hn:-0} + 1))
	hlog=$tmp/hostile$_hn.log
	: >"$hlog"
	"$FIXTURES/hostile_http" --log "$hlog" "$@" >"$tmp/hostile$_hn.port" \
		2>>"$tmp/hostile.err" &
	_hpids="$_hpids $!"
	_i=0
	while [ ! -s "$tmp/hostile$_hn.port" ] && [ $_i -lt 250 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	hport=$(cat "$tmp/hostile$_hn.port")
	[ -n "$hport" ] || fail "hostile_http $* did not start: $(cat "$tmp/hostile.err")"
}

# logged LOG N: wait (a guard, up to 10 s) until LOG has N connection
# lines: a connection is logged when the server is done with it
logged() {
	_i=0
	while [ "$(wc -l <"$1")" -lt "$2" ] && [ $_i -lt 500 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
}

# bounded WHAT LOG: every connection of LOG sent under MAX_SENT bytes
bounded() {
	_max=$(sed -n 's/.* sent=\([0-9]*\) .*/\1/p' "$2" | sort -n | tail -n 1)
	[ -n "$_max" ] || fail "$1: no connection logged"
	[ "$_max" -lt "$MAX_SENT" ] ||
		fail "$1: the server got $_max bytes out (bound $MAX_SENT)"
	echo "ok: $1: at most $_max bytes left the server"
}

# findings REPORT: "rule:severity: message" of each finding, sorted
findings() {
	python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for line in sorted("%s:%s: %s" % (f["rule"], f["severity"], f["message"])
                   for f in r["findings"]):
    print(line)
PY
}

# plain NAME WANT-EXIT WANT-FINDINGS HOSTILE-ARGS...: the plain-HTTP check
# of an http:// endpoint served by hostile_http in a mode
plain() {
	_name=$1 _rc=$2 _want=$3
	shift 3
	hostile "$@"
	"$A" probe -q --format json --timeout 1 --alt-ports none \
		"http://127.0.0.1:$hport/api/v1/orders" >"$tmp/out.json"
	rc=$?
	expect "plain HTTP, $_name" "$_want" "$(findings "$tmp/out.json")"
	[ $rc -eq "$_rc" ] || fail "plain HTTP, $_name: exit $rc, want $_rc"
	logged "$hlog" 1
}

SERVED="endpoint.plain-http-served:high: a plain-HTTP request was answered with 200 instead of being refused"
UNKNOWN="endpoint.probe-failed:medium: some checks got no verdict: plain HTTP (connected, but no HTTP status line within 3 s)"

# endless bodies: the status is the verdict, the body is cut short
plain "endless chunked body" 1 "$SERVED" --mode chunked
bounded "endless chunked body" "$hlog"
plain "endless body, no Content-Length" 1 "$SERVED" --mode stream
bounded "endless body, no Content-Length" "$hlog"
# a status line, then a timeout or a reset: it was served all the same
plain "status line, then headers trickled" 1 "$SERVED" \
	--mode trickle-headers --delay-ms 400
plain "status line, then a reset" 1 "$SERVED" --mode reset
# no status line in time: no verdict (exit 3: nothing could be probed)
plain "everything trickled" 3 "$UNKNOWN" --mode trickle --delay-ms 400
plain "accepts, never answers" 3 "$UNKNOWN" --mode silent
# reset before any status: refused, which is compliant
plain "reset before the status line" 0 "" --mode hangup
# a redirect to itself: never followed, so one request
plain "redirect loop" 1 "endpoint.plain-http-served:medium: a plain-HTTP request was redirected to itself (a loop), not to https:// and not refused" \
	--mode loop
[ "$(grep -c ' GET ' "$hlog")" -eq 1 ] ||
	fail "redirect loop: $(grep -c ' GET ' "$hlog") requests, want 1"
echo "ok: redirect loop: one request"

# HSTS: the verified HTTPS GET reads the headers of an endless body (none
# has Strict-Transport-Security) and hangs up; a trickled answer is no
# verdict, not a notice
hsts() {
	_name=$1 _want=$2
	shift 2
	hostile --cert "$P/good.pem" --key "$P/good.key" "$@"
	"$A" probe -q --format json --timeout 1 --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none \
		"https://127.0.0.1:$hport/api/v1/orders" >"$tmp/out.json"
	expect "HSTS, $_name" "$_want" "$(findings "$tmp/out.json")"
	logged "$hlog" 1
}
hsts "endless chunked body" "endpoint.hsts-missing:low: the HTTPS answer has no Strict-Transport-Security header" \
	--mode chunked
grep "^tls GET /api/v1/orders " "$hlog" >"$tmp/get.log" ||
	fail "HSTS: no GET reached the server"
bounded "HSTS, endless chunked body" "$tmp/get.log"
hsts "everything trickled" "endpoint.probe-failed:medium: some checks got no verdict: HSTS (connected, but no HTTP status line within 3 s)" \
	--mode trickle --delay-ms 400

# an alternative port that trickles its answer still answers HTTP, and one
# with an endless body costs a few bytes
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "max-age=31536000"
tls_port=$port
hostile --mode trickle --delay-ms 50
slow=$hport slow_log=$hlog
hostile --mode stream
"$A" probe -q --format json --timeout 1 --ca-file "$P/trust.pem" \
	--http-port "$closed" --alt-ports "$slow,$hport" \
	"https://127.0.0.1:$tls_port/" >"$tmp/out.json"
expect "alternative ports" "$(for p in $slow $hport; do
	echo "endpoint.alt-port-open:high: port $p answers HTTP; the API must be served on 443/tcp only"
done | sort)" "$(findings "$tmp/out.json")"
logged "$hlog" 2
bounded "alternative port, endless body" "$hlog"

# ---- authaudit auth ----------------------------------------------------

umask 077
printf 'api_key: ak_live_00112233445566778899aabbccddeeff\nrevoked_api_key: ak_live_ffeeddccbbaa99887766554433221100\nexpired_api_key: ak_live_0000000000000000000000000000dead\nother_tenant_api_key: ak_live_9999999999999999999999999999beef\n' \
	>"$tmp/apikey.creds"
umask 022
RESELLER_TOKEN=hostile-test-token-0123456789
export RESELLER_TOKEN

# auth_config STYLE ENDPOINT CREDENTIALS: one target on hostile_http,
# whose port answers plain HTTP too (the plain-HTTP check's http_url)
auth_config() {
	cat >"$tmp/auth.yaml" <<EOC
targets:
  - name: hostile
    style: $1
    base_url: https://127.0.0.1:$hport
    endpoint: $2
    http_url: http://127.0.0.1:$hport$2
    ca_file: $P/trust.pem
    credentials: $3
EOC
}

# auth NAME WANT-EXIT WANT-FINDINGS WANT-NOTICES
auth() {
	"$A" auth -q --format json --config "$tmp/auth.yaml" >"$tmp/out.json"
	rc=$?
	expect "auth, $1: findings" "$3" "$(summary "$tmp/out.json")"
	expect "auth, $1: notices" "$4" "$(notices "$tmp/out.json")"
	[ $rc -eq "$2" ] || fail "auth, $1: exit $rc, want $2"
}

# every answer an endless 200 (the plain-HTTP check's too): each read is
# cut at 64 KiB and the status counts, so every refusal check fails
ACCEPTS="auth.apikey-expired-accepted:critical auth.apikey-malformed-accepted:critical auth.apikey-missing-accepted:critical auth.apikey-revoked-accepted:critical auth.apikey-wrong-tenant-accepted:critical auth.plain-http-answered:high"
hostile --cert "$P/good.pem" --key "$P/good.key" --mode chunked
auth_config reseller-apikey /Supplier/Products/List \
	"{ file: $tmp/apikey.creds }"
auth "endless bodies" 1 "$ACCEPTS" ""
logged "$hlog" 9
bounded "auth, endless bodies" "$hlog"

# the plain-HTTP check: a status line, then a reset, is an answer
hostile --cert "$P/good.pem" --key "$P/good.key" --mode ok \
	--plain-mode reset
auth_config reseller-apikey /Supplier/Products/List \
	"{ file: $tmp/apikey.creds }"
auth "plain HTTP status, then a reset" 1 "$ACCEPTS" ""

# redirects of the control request: reported, never followed. The second
# server, on another loopback port, logs any request (and whether it
# carried Authorization); it must get none.
hostile --mode ok
other=$hport other_log=$hlog
redirect() {
	_name=$1 _loc=$2 _what=$3
	hostile --cert "$P/good.pem" --key "$P/good.key" --mode redirect \
		--location "$_loc"
	auth_config reseller-jwt /Orders/List "{ env: { token: RESELLER_TOKEN } }"
	auth "$_name" 3 "" "hostile: https://127.0.0.1:$hport/Orders/List answered 302, $_what
hostile: could not test: the control request (GET /Orders/List) with the valid credential got 302, want 2xx"
	logged "$hlog" 2
	grep -q "^tls GET /Orders/List authorization=yes " "$hlog" ||
		fail "$_name: the control request did not reach the server"
	[ "$(grep -c "authorization=yes" "$hlog")" -eq 1 ] ||
		fail "$_name: the credential went out more than once"
}
redirect "redirect to another host" \
	"https://another-host.invalid/Orders/List" \
	"a redirect to another host or port ('https://another-host.invalid:443/Orders/List'): not followed, the credential was not sent there"
redirect "redirect to plain HTTP" "http://127.0.0.1:$other/Orders/List" \
	"a redirect to plain HTTP ('http://127.0.0.1:$other/Orders/List'): not followed, the credential was not sent without TLS"
redirect "redirect to another port" "https://127.0.0.1:$other/Orders/List" \
	"a redirect to another host or port ('https://127.0.0.1:$other/Orders/List'): not followed, the credential was not sent there"
sleep 0.2
[ -s "$other_log" ] && fail "a redirect was followed: $(cat "$other_log")"
echo "ok: the other server got no request, so no Authorization"

# a redirect loop: one request, reported as a loop
hostile --cert "$P/good.pem" --key "$P/good.key" --mode loop
auth_config reseller-jwt /Orders/List "{ env: { token: RESELLER_TOKEN } }"
auth "redirect loop" 3 "" "hostile: https://127.0.0.1:$hport/Orders/List answered 302, a redirect to itself ('https://127.0.0.1:$hport/Orders/List'): a loop, not followed
hostile: could not test: the control request (GET /Orders/List) with the valid credential got 302, want 2xx"
logged "$hlog" 2
[ "$(grep -c "^tls GET /Orders/List " "$hlog")" -eq 1 ] ||
	fail "redirect loop: $(grep -c "^tls GET" "$hlog") requests, want 1"
echo "ok: auth, redirect loop: one request"
echo "hostile_http: all passed"
