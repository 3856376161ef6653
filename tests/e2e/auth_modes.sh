#!/bin/sh
# authaudit auth against the reference server: compliant, it reports
# nothing and no notice but the list of tokens it created; in each
# non-compliant mode exactly the expected auth.* ids, target:rule pairs,
# exit status and notices.
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

# The tokens a run creates: one session token per target that asks a
# token endpoint, and presto-fi's second one (the revocation check). The
# Presto limit check creates one more only where the server issues it.
CREATED="presto-fi:2 presto-vendor:1 vista-gas:1 vista-integration:1 "
created_want=$CREATED

# mode SWITCH "WANT IDS" "WANT TARGET:ID PAIRS" ["WANT OTHER NOTICES"]
# The notices other than the created-token lists must be exactly the
# fourth argument (one per line, "target: message"), by default none.
mode() {
	sw=$1 want=$2 wantp=${3:-} wantn=${4:-}
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
		notices "$tmp/out.json" >&2
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
	gotn=$(notices "$tmp/out.json" |
		grep -v "^[a-z-]*: tokens created by this run (")
	[ "$wantn" = "$gotn" ] ||
		fail "$sw: want notices [$wantn], got [$gotn]"
	gotc=$(created "$tmp/out.json")
	[ "$created_want" = "$gotc" ] ||
		fail "$sw: want created tokens [$created_want], got [$gotc]"
	# no credential ever reaches the output, nor any token's value
	for s in pw-presto pw-gas vi-secret vk-123 "$KEY" \
		ak_live_00112233445566778899aabbccddeeff "$RESELLER_TOKEN"; do
		grep -qF -- "$s" "$tmp/out.json" "$tmp/err" &&
			fail "$sw: a credential appears in the output"
	done
	grep -qE '[0-9]+\|[A-Za-z0-9]{40}|eyJ[A-Za-z0-9_-]{8}' \
		"$tmp/out.json" "$tmp/err" &&
		fail "$sw: a token value appears in the output"
	created_want=$CREATED
	return 0
}

mode compliant "" ""
# the created-token list names each token and its expiry, not its value
day=$(date -u -d "+2 days" +%Y-%m-%d)
notices "$tmp/out.json" | grep -qxF "presto-vendor: tokens created by this run (1; revoke them where the API allows): 'authaudit-probe' expiring ${day}T00:00:00.000000Z" ||
	fail "compliant: no exact created-token notice for presto-vendor"
notices "$tmp/out.json" | grep -qxF "presto-fi: tokens created by this run (2; revoke them where the API allows; on presto-fi each new token revokes the ones before it): 'authaudit-probe' expiring ${day}T00:00:00.000000Z; 'authaudit-revocation-check' expiring ${day}T00:00:00.000000Z" ||
	fail "compliant: no exact created-token notice for presto-fi"
notices "$tmp/out.json" | grep -qx "vista-gas: tokens created by this run (1; revoke them where the API allows): an access token of /connect/token expiring [0-9T:-]*Z" ||
	fail "compliant: no exact created-token notice for vista-gas"
echo "ok: compliant: no notice but the created tokens [$CREATED]"

J3="reseller-orders vista-gas vista-integration"	# JWT targets
B5="presto-fi presto-vendor reseller-orders vista-gas vista-integration"
# each "RULE..." TARGET...: the sorted "target:rule" pairs
each() {
	_rs=$1
	shift
	for _t in "$@"; do
		for _r in $_rs; do printf '%s:%s\n' "$_t" "$_r"; done
	done | sort | tr '\n' ' ' | sed 's/ $//'
}

mode --accept-alg-none "auth.jwt-alg-none-accepted " \
	"$(each auth.jwt-alg-none-accepted $J3)"
mode --accept-no-bearer "auth.bearer-prefix-optional " \
	"reseller-orders:auth.bearer-prefix-optional"
mode --ignore-expiry "auth.jwt-expired-accepted " \
	"$(each auth.jwt-expired-accepted $J3)"
created_want="presto-fi:2 presto-vendor:2 vista-gas:1 vista-integration:1 "
mode --ten-year-tokens \
	"auth.token-expiry-ignored auth.token-lifetime auth.token-limit-not-enforced " \
	"presto-vendor:auth.token-expiry-ignored presto-vendor:auth.token-limit-not-enforced vista-gas:auth.token-lifetime vista-integration:auth.token-lifetime"
mode --no-revoke "auth.token-not-revoked " "presto-fi:auth.token-not-revoked"
mode --plain-http "auth.plain-http-answered " \
	"$(each auth.plain-http-answered $B5 reseller-supplier)"
mode --skip-tenant "auth.vista-tenant-missing-accepted " \
	"vista-integration:auth.vista-tenant-missing-accepted"
mode --no-captcha "auth.captcha-not-enforced " \
	"vista-gas:auth.captcha-not-enforced"
mode --accept-missing-auth "auth.missing-accepted " \
	"$(each auth.missing-accepted $B5)"
mode --accept-random-token "auth.random-accepted " \
	"$(each auth.random-accepted $B5)"
mode --accept-any-signature \
	"auth.jwt-tampered-accepted auth.jwt-unsigned-accepted " \
	"$(each "auth.jwt-tampered-accepted auth.jwt-unsigned-accepted" $J3)"
mode --no-scope-check "auth.scope-not-enforced " \
	"$(each auth.scope-not-enforced reseller-orders vista-gas)"
mode --skip-vista-key "auth.vista-key-missing-accepted " \
	"vista-integration:auth.vista-key-missing-accepted"
mode --apikey-accept-missing "auth.apikey-missing-accepted " \
	"reseller-supplier:auth.apikey-missing-accepted"
mode --apikey-accept-malformed "auth.apikey-malformed-accepted " \
	"reseller-supplier:auth.apikey-malformed-accepted"
mode --apikey-no-revoke "auth.apikey-revoked-accepted " \
	"reseller-supplier:auth.apikey-revoked-accepted"
mode --apikey-case-sensitive "auth.apikey-header-case " \
	"reseller-supplier:auth.apikey-header-case"
mode --no-error-code "auth.apikey-error-code " \
	"reseller-supplier:auth.apikey-error-code"
# the server caps a too-late date at 380 days instead of refusing it:
# beyond the profile's 365 though earlier than the date asked for
created_want="presto-fi:2 presto-vendor:2 vista-gas:1 vista-integration:1 "
mode --clamp-380-days "auth.token-limit-not-enforced " \
	"presto-vendor:auth.token-limit-not-enforced"
# RS256 tokens (compliant otherwise): an expired token re-signed with
# jwt_key would be refused for its algorithm, not its expiry, so the
# check says it cannot run instead of passing
for t in vista-gas vista-integration; do
	printf "%s: expired-token check skipped: the valid token is signed with 'RS256', not HMAC, so a token re-signed with 'jwt_key' would test the algorithm, not expiry (give 'expired_token')\n" "$t"
done >"$tmp/want"
mode --rs256-tokens "" "" "$(cat "$tmp/want")"

# the evidence is the status the server gave, not a fixed "HTTP 200"
start_server "$tmp" "$KEY" --ok-status 203 --accept-any-signature \
	--no-scope-check --no-captcha --no-revoke --apikey-no-revoke ||
	fail "evidence: server"
write_config "$tmp" "$port"
"$A" auth --config "$tmp/auth.yaml" --format json >"$tmp/out.json" \
	2>"$tmp/err"
rc=$?
stop_server
[ $rc -eq 1 ] || fail "evidence: exit $rc, want 1"
python3 - "$tmp/out.json" >"$tmp/ev" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    rid = f["rule"]["id"] if isinstance(f["rule"], dict) else f["rule"]
    print(rid, f.get("evidence"), "answered 203" in f["message"])
PY
sort -u "$tmp/ev" >"$tmp/ev.sorted"
cat >"$tmp/want" <<'EOW'
auth.apikey-revoked-accepted HTTP 203 True
auth.captcha-not-enforced HTTP 203 True
auth.jwt-tampered-accepted HTTP 203 True
auth.jwt-unsigned-accepted HTTP 203 True
auth.scope-not-enforced HTTP 203 True
auth.token-not-revoked HTTP 203 True
EOW
diff "$tmp/want" "$tmp/ev.sorted" >&2 || fail "evidence: not the real status"
echo "ok: evidence and messages carry the real 2xx status (203)"
echo "auth_modes: all passed"
