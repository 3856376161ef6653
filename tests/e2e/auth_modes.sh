#!/bin/sh
# authaudit auth against the reference server: compliant, it reports
# nothing; in each non-compliant mode exactly the expected auth.* ids.
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/refserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
tmp=$(mktemp -d)
srv_pid=
trap 'stop_server; rm -rf "$tmp"' EXIT
KEY="ref-$(openssl rand -hex 16)"
make_pki "$tmp" || fail "cannot make certificates"
write_creds "$tmp" "$KEY"

# mode SWITCH "WANT IDS" "WANT TARGET:ID PAIRS"
mode() {
	sw=$1 want=$2 wantp=${3:-}
	if [ "$sw" = compliant ]; then
		start_server "$tmp" "$KEY" || fail "$sw: server"
	else
		start_server "$tmp" "$KEY" "$sw" || fail "$sw: server"
	fi
	write_config "$tmp" "$port"
	"$A" auth --config "$tmp/auth.yaml" --format json \
		>"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	stop_server
	# the server's log: credentials only ever arrived over TLS
	grep -q "^tls GET" "$tmp/server.err" || fail "$sw: no request logged"
	grep -q "^plain .*credential=yes" "$tmp/server.err" &&
		fail "$sw: a credential was sent over plain HTTP"
	: >"$tmp/server.err"
	got=$(ids "$tmp/out.json" auth)
	if [ "$want" != "$got" ]; then
		cat "$tmp/err" >&2
		"$A" auth --help >/dev/null
	fi
	expect_ids "$sw" "$want" "$got"
	gotp=$(pairs "$tmp/out.json" auth)
	[ "$wantp" = "$gotp" ] ||
		fail "$sw: want target:rule [$wantp], got [$gotp]"
	if [ -z "$want" ]; then
		[ $rc -eq 0 ] || fail "$sw: exit $rc, want 0"
	else
		[ $rc -eq 1 ] || fail "$sw: exit $rc, want 1"
	fi
	# no credential ever reaches the output
	for s in pw-presto pw-gas vi-secret vk-123 "$KEY" \
		ak_live_00112233445566778899aabbccddeeff "$RESELLER_TOKEN"; do
		grep -qF -- "$s" "$tmp/out.json" "$tmp/err" &&
			fail "$sw: a credential appears in the output"
	done
	return 0
}

mode compliant "" ""
mode --accept-alg-none "auth.jwt-alg-none-accepted " \
	"reseller-orders:auth.jwt-alg-none-accepted vista-gas:auth.jwt-alg-none-accepted vista-integration:auth.jwt-alg-none-accepted"
mode --accept-no-bearer "auth.bearer-prefix-optional " \
	"reseller-orders:auth.bearer-prefix-optional"
mode --ignore-expiry "auth.jwt-expired-accepted " \
	"reseller-orders:auth.jwt-expired-accepted vista-gas:auth.jwt-expired-accepted vista-integration:auth.jwt-expired-accepted"
mode --ten-year-tokens \
	"auth.token-expiry-ignored auth.token-lifetime auth.token-limit-not-enforced " \
	"presto-vendor:auth.token-expiry-ignored presto-vendor:auth.token-limit-not-enforced vista-gas:auth.token-lifetime vista-integration:auth.token-lifetime"
mode --no-revoke "auth.token-not-revoked " "presto-fi:auth.token-not-revoked"
mode --plain-http "auth.plain-http-answered " \
	"presto-fi:auth.plain-http-answered presto-vendor:auth.plain-http-answered reseller-orders:auth.plain-http-answered reseller-supplier:auth.plain-http-answered vista-gas:auth.plain-http-answered vista-integration:auth.plain-http-answered"
mode --skip-tenant "auth.vista-tenant-missing-accepted " \
	"vista-integration:auth.vista-tenant-missing-accepted"
mode --no-captcha "auth.captcha-not-enforced " \
	"vista-gas:auth.captcha-not-enforced"
echo "auth_modes: all passed"
