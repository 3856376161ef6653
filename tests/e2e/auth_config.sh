#!/bin/sh
# authaudit auth refuses what would put credentials at risk: an endpoint
# that names another host, a credentials file others can read, a
# plain-http base_url, an unset variable; and a target whose control
# request fails is reported as not tested (exit 3), not as clean.
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
start_server "$tmp" "$KEY" || fail "server"
write_config "$tmp" "$port" "$http_port"

# An endpoint joined to base_url must not name another host: with
# base_url https://127.0.0.1:1, "@localhost:PORT/x" would make
# "127.0.0.1:1" a user:password and send the key to localhost:PORT. Each
# crafted value is refused at config load, at its file:line:col, and the
# reference server (which the crafted values name) gets no request.
# crafted KEY VALUE MESSAGE [COLUMN]: COLUMN is where in VALUE the
# error points (1: its start)
crafted() {
	_key=$1 _val=$2 _msg=$3 _in=${4:-1}
	{
		printf 'targets:\n  - name: crafted\n    style: reseller-apikey\n'
		[ "$_key" = base_url ] ||
			printf '    base_url: https://127.0.0.1:1\n'
		[ "$_key" = endpoint ] ||
			printf '    endpoint: /Supplier/Products/List\n'
		printf '    ca_file: ca.pem\n    credentials: { file: apikey.creds }\n'
		printf '    %s: %s\n' "$_key" "$_val"
	} >"$tmp/x.yaml"
	_line=$(grep -n "^    $_key: " "$tmp/x.yaml" | cut -d: -f1)
	_col=$((4 + ${#_key} + 2 + _in))
	: >"$tmp/server.err"
	"$A" auth --config "$tmp/x.yaml" >"$tmp/out" 2>"$tmp/err"
	_rc=$?
	[ $_rc -eq 2 ] || { cat "$tmp/out" "$tmp/err"; fail "$_key $_val: exit $_rc, want 2"; }
	_want="authaudit: $tmp/x.yaml:$_line:$_col: target 'crafted': $_msg"
	[ "$(cat "$tmp/err")" = "$_want" ] ||
		fail "$_key $_val: want [$_want], got [$(cat "$tmp/err")]"
	[ -s "$tmp/out" ] && fail "$_key $_val: output on a config error"
	[ -s "$tmp/server.err" ] && fail "$_key $_val: a request reached the server"
	echo "ok: $_key: $_val refused at x.yaml:$_line:$_col"
}
P="must be a path on base_url's host"
crafted endpoint "\"@localhost:$port/Supplier/Products/List\"" \
	"endpoint '@localhost:$port/Supplier/Products/List' $P: one '/' first, no '//', scheme or host"
crafted endpoint "//localhost:$port/Supplier/Products/List" \
	"endpoint '//localhost:$port/Supplier/Products/List' $P: one '/' first, no '//', scheme or host"
crafted endpoint "https://localhost:$port/Supplier/Products/List" \
	"endpoint 'https://localhost:$port/Supplier/Products/List' $P: one '/' first, no '//', scheme or host"
crafted token_endpoint "\"@localhost:$port/oauth/token\"" \
	"token_endpoint '@localhost:$port/oauth/token' $P: one '/' first, no '//', scheme or host"
crafted scope_checks "[ { path: /x@localhost:$port/Payment/Refunds, scope: refunds } ]" \
	"scope_checks '/x@localhost:$port/Payment/Refunds' $P: no '@', '\\', '#', space, control or non-ASCII character" 11
crafted endpoint "{ path: '//localhost:$port/x', method: POST, body: { tenant: acme } }" \
	"endpoint '//localhost:$port/x' $P: one '/' first, no '//', scheme or host" 9
crafted http_url "http://localhost:$port/Supplier/Products/List" \
	"http_url 'http://localhost:$port/Supplier/Products/List' must be on base_url's host: refusing to send to host 'localhost': base_url's host is '127.0.0.1'"
crafted http_url "http://u:p@127.0.0.1:$port/x" \
	"http_url 'http://u:p@127.0.0.1:$port/x' must be on base_url's host: refusing a URL that names a user or password"
crafted captcha_endpoint "'/x\\@localhost:$port/'" \
	"captcha_endpoint '/x\\@localhost:$port/' $P: no '@', '\\', '#', space, control or non-ASCII character"
crafted base_url "https://127.0.0.1:$port?@localhost:$port" \
	"base_url must not have a query or a fragment (endpoints are joined to it)"
crafted base_url "https://u:p@localhost:$port" \
	"base_url must not carry credentials (user:password@); use credentials:"

# run_auth WANT_RC PATTERN [args]: exit code and a line of stderr/stdout
run_auth() {
	want=$1 pat=$2
	shift 2
	"$A" auth --config "$tmp/auth.yaml" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq "$want" ] || { cat "$tmp/err"; fail "exit $rc, want $want ($pat)"; }
	grep -q -- "$pat" "$tmp/out" "$tmp/err" || {
		cat "$tmp/out" "$tmp/err"; fail "no '$pat' in the output"; }
	echo "ok: $pat"
}

for m in 644 640 604 660; do
	chmod "$m" "$tmp/presto.creds"
	run_auth 2 "has mode 0$m: group or others can access it" \
		--target presto-vendor
done
chmod 600 "$tmp/presto.creds"
"$A" auth --config "$tmp/auth.yaml" --target presto-vendor --format json \
	>"$tmp/out" || fail "0600 credentials refused"
chmod 400 "$tmp/presto.creds"
"$A" auth --config "$tmp/auth.yaml" --target presto-vendor --format json \
	>"$tmp/out" || fail "0400 credentials refused"
echo "ok: 0600 and 0400 accepted"
ln -s "$tmp/presto.creds" "$tmp/link.creds"
sed 's/file: presto.creds/file: link.creds/' "$tmp/auth.yaml" >"$tmp/l.yaml"
"$A" auth --config "$tmp/l.yaml" --target presto-vendor >"$tmp/out" \
	2>"$tmp/err"
[ $? -eq 2 ] || fail "a symlinked credentials file was followed"
echo "ok: symlink refused"

unset GAS_USER
run_auth 2 "environment variable 'GAS_USER' is not set" --target vista-gas
GAS_USER=gasuser
export GAS_USER

# a wrong password: the control request cannot be made
printf 'email: vendor@example.test\npassword: wrong\n' >"$tmp/bad.creds"
chmod 600 "$tmp/bad.creds"
sed 's/file: presto.creds/file: bad.creds/' "$tmp/auth.yaml" >"$tmp/b.yaml"
"$A" auth --config "$tmp/b.yaml" --target presto-vendor >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 3 ] || fail "untestable target: exit $rc, want 3"
grep -q "could not test" "$tmp/out" || fail "no 'could not test' notice"
grep -q wrong "$tmp/out" && fail "the password appears in the output"
echo "ok: could not test -> exit 3"

# never plain HTTP for credentials
sed "s#https://127.0.0.1#http://127.0.0.1#" "$tmp/auth.yaml" >"$tmp/h.yaml"
"$A" auth --config "$tmp/h.yaml" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "http:// base_url accepted"
grep -q "must be https://" "$tmp/err" || fail "no clear http:// error"
echo "ok: http:// refused"

# an untrusted certificate is a notice, not a pass
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$tmp/o.key" -out "$tmp/other.pem" -days 1 -subj /CN=x \
	>/dev/null 2>&1
sed 's/ca_file: ca.pem/ca_file: other.pem/' "$tmp/auth.yaml" >"$tmp/c.yaml"
"$A" auth --config "$tmp/c.yaml" --target reseller-supplier >"$tmp/out" 2>&1
[ $? -eq 3 ] || fail "a certificate from an unknown CA was accepted"
echo "ok: unknown CA -> could not test"
# a redirect to another host is not followed: the key is sent once, to
# /redirect, and never to the Location (same server, host localhost)
sed 's#^      path: /Supplier/Products/List$#      path: /redirect#' \
	"$tmp/auth.yaml" >"$tmp/r.yaml"
: >"$tmp/server.err"
"$A" auth --config "$tmp/r.yaml" --target reseller-supplier >"$tmp/out" 2>&1
[ $? -eq 3 ] || fail "a redirected control request counted as tested"
grep -q "could not test: the control request (POST /redirect) with the valid credential got 302, want 2xx" "$tmp/out" ||
	fail "no 302 notice"
grep -q "tls POST /redirect" "$tmp/server.err" || fail "no request logged"
grep -q "^tls .* /Supplier/Products/List" "$tmp/server.err" &&
	fail "the redirect was followed"
echo "ok: redirect not followed"
: >"$tmp/server.err"
# the token-request ledger keeps the auditor under the rate limit across
# runs: with token_rate_limit 2, the third run gets no token
mkdir -p "$tmp/rules"
cat >"$tmp/rules/limit.yaml" <<'EOY'
profiles:
  - name: vista-integration
    title: Vista Integration Platform, a rate limit of 2 for the test
    guideline: { doc: 003_3adde8c337843863.txt, section: Security, quote: x }
    rules: ['token.*', 'auth.*']
    params: { token_rate_limit: 2, token_rate_window: 15m }
EOY
AUTHAUDIT_STATE_DIR=$tmp/ledger
export AUTHAUDIT_STATE_DIR
for i in 1 2; do
	"$A" auth --config "$tmp/auth.yaml" --rules "$tmp/rules" \
		--target vista-integration >"$tmp/out" 2>&1 ||
		{ cat "$tmp/out"; fail "rate limit: run $i failed"; }
done
"$A" auth --config "$tmp/auth.yaml" --rules "$tmp/rules" \
	--target vista-integration >"$tmp/out" 2>&1
[ $? -eq 3 ] || fail "rate limit: a third token was requested"
grep -q "2 already made for this client in the last 15 min" "$tmp/out" ||
	{ cat "$tmp/out"; fail "rate limit: no notice"; }
[ "$(grep -c "tls POST /oauth/token" "$tmp/server.err")" -eq 2 ] ||
	fail "rate limit: want exactly 2 token requests in the server log"
grep -q vi-client "$tmp/ledger/token-requests" &&
	fail "the ledger holds a client id in clear"
echo "ok: token_rate_limit kept across runs"
# Side effects and skipped checks. Tokens an integration already holds
# are fetched here with curl, as the integration would have them.
AUTHAUDIT_STATE_DIR=$tmp/ledger2
export AUTHAUDIT_STATE_DIR
day=$(date -u -d "+2 days" +%Y-%m-%d)
U=https://127.0.0.1:$port
# issue PATH JSON-OR-FORM TYPE PY-EXPR: a token from the reference server
issue() {
	curl -sf --cacert "$tmp/ca.pem" -H "Content-Type: $3" -d "$2" \
		"$U$1" | python3 -c "import json,sys; print(json.load(sys.stdin)$4)"
}
PRESTO_JSON="{\"email\":\"vendor@example.test\",\"password\":\"pw-presto\",\"token_name\":\"integration\",\"token_expiration_date\":\"$day\"}"
FI_TOKEN=$(issue /api/fi/v1/auth/token "$PRESTO_JSON" application/json \
	'["data"]["token"]["value"]') || fail "no FI token"
PRESTO_TOKEN=$(issue /api/developer/v1/auth/token "$PRESTO_JSON" \
	application/json '["data"]["token"]["value"]') || fail "no token"
GAS_TOKEN=$(issue /connect/token \
	"grant_type=password&client_id=web&username=gasuser&password=pw-gas&scope=sites%20loyalty" \
	application/x-www-form-urlencoded '["access_token"]') ||
	fail "no GAS token"
GAS_FULL_TOKEN=$(issue /connect/token \
	"grant_type=password&client_id=web&username=gasuser&password=pw-gas" \
	application/x-www-form-urlencoded '["access_token"]') ||
	fail "no full GAS token"
export FI_TOKEN PRESTO_TOKEN GAS_TOKEN GAS_FULL_TOKEN
# fi-none: presto-fi with email and password but neither a token nor
# allow_token_reissue; fi-given: the integration's token, no opt-in;
# fi-nocreds: opted in, but nothing to issue a token with; the others
# hold a given token, so the token endpoint is not asked; vista-gas
# names an endpoint that refuses for another reason as its reCAPTCHA one;
# gas-limited gives the token lacking the scope as limited_token
H=http://127.0.0.1:$http_port
cat >"$tmp/side.yaml" <<EOC
targets:
  - name: fi-none
    style: presto-fi
    base_url: $U
    endpoint: /api/fi/v1/accounts
    token_endpoint: /api/fi/v1/auth/token
    http_url: $H/x
    ca_file: ca.pem
    credentials: { file: presto.creds }
  - name: fi-given
    style: presto-fi
    base_url: $U
    endpoint: /api/fi/v1/accounts
    token_endpoint: /api/fi/v1/auth/token
    http_url: $H/x
    ca_file: ca.pem
    credentials: { env: { token: FI_TOKEN }, file: presto.creds }
  - name: fi-nocreds
    style: presto-fi
    base_url: $U
    endpoint: /api/fi/v1/accounts
    token_endpoint: /api/fi/v1/auth/token
    allow_token_reissue: true
    http_url: $H/x
    ca_file: ca.pem
    credentials: { env: { token: FI_TOKEN } }
  - name: vendor-given
    style: presto-vendor
    base_url: $U
    endpoint: /api/vendor/v1/orders
    http_url: $H/x
    ca_file: ca.pem
    credentials: { env: { token: PRESTO_TOKEN } }
  - name: gas-given
    style: vista-gas
    base_url: $U
    endpoint: /ocapi/v1/sites
    captcha_endpoint: /ocapi/v1/admin
    http_url: $H/x
    ca_file: ca.pem
    credentials: { env: { token: GAS_TOKEN }, file: keys.creds }
  - name: gas-limited
    style: vista-gas
    base_url: $U
    endpoint: /ocapi/v1/sites
    scope_checks: [ { path: /ocapi/v1/admin, scope: admin } ]
    http_url: $H/x
    ca_file: ca.pem
    credentials:
      env: { token: GAS_FULL_TOKEN, limited_token: GAS_TOKEN }
      file: keys.creds
EOC
: >"$tmp/server.err"
"$A" auth --config "$tmp/side.yaml" --format json >"$tmp/out.json" \
	2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { cat "$tmp/err"; fail "side effects: exit $rc, want 0"; }
[ "$(ids "$tmp/out.json" auth)" = "" ] || fail "side effects: findings"
notices "$tmp/out.json" >"$tmp/notices"
cat >"$tmp/want" <<'EOW'
fi-none: could not test: give the current token as 'token', or set 'allow_token_reissue: true' (on presto-fi a new token revokes the integration's current one)
fi-given: token-not-revoked check skipped: it issues a new token, which on presto-fi revokes the integration's current one; set 'allow_token_reissue: true' on the target to run it
fi-nocreds: token-not-revoked check skipped: no 'email' and 'password' credential, so the token endpoint is not asked
vendor-given: expired-token check skipped: give 'expired_token' (a token past its expiration_date) or set expiry_wait (then a token expiring tomorrow is asked for, and waited out when that is within expiry_wait)
vendor-given: token-expiry, past-date and token-limit checks skipped: no 'email' and 'password' credential, so the token endpoint is not asked
gas-given: reCAPTCHA check: GET /ocapi/v1/admin answered 403 without CaptchaResponse and 403 with a dummy one: reCAPTCHA enforcement could not be told apart from another refusal
gas-given: token-lifetime check skipped: the target gives a 'token', so the token endpoint is not asked (`authaudit token` explains a given token)
gas-limited: token-lifetime check skipped: the target gives a 'token', so the token endpoint is not asked (`authaudit token` explains a given token)
EOW
diff "$tmp/want" "$tmp/notices" >&2 || fail "side effects: notices differ"
grep -q "POST" "$tmp/server.err" && fail "side effects: a token was requested"
# /ocapi/v1/admin: gas-given's reCAPTCHA check without and with
# CaptchaResponse, gas-limited's scope check with each token
[ "$(grep -c "^tls GET /ocapi/v1/admin credential=yes" "$tmp/server.err")" -eq 4 ] ||
	fail "reCAPTCHA and scope: want 4 requests of /ocapi/v1/admin"
echo "ok: presto-fi issues no token without allow_token_reissue"
echo "ok: skipped checks say so: expiry, limit, revocation, lifetime"
echo "ok: reCAPTCHA: 403 with and without the header is a notice"
echo "ok: a scope check with a given limited_token: 403, no finding"
[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$tmp/ca.pem" \
	-H "Authorization: Bearer $FI_TOKEN" "$U/api/fi/v1/accounts")" = 200 ] ||
	fail "the integration's FI token was revoked"
echo "ok: the integration's FI token still works"

# a token request the ledger refuses: the Presto past-date check is
# skipped with a notice, not passed (token_rate_limit 1: the session token
# only; the profile holds no policy.* rule, so no limit check is made)
mkdir -p "$tmp/rules1"
cat >"$tmp/rules1/limit.yaml" <<'EOY'
profiles:
  - name: presto-vendor
    title: Presto Vendor, a rate limit of 1 for the test
    rules: ['auth.*']
    params: { token_rate_limit: 1, token_rate_window: 15m }
EOY
"$A" auth --config "$tmp/auth.yaml" --rules "$tmp/rules1" \
	--target presto-vendor --format json >"$tmp/out.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || { cat "$tmp/err"; fail "ledger: exit $rc, want 0"; }
notices "$tmp/out.json" >"$tmp/notices"
cat >"$tmp/want" <<EOW
presto-vendor: token request skipped: 1 already made for this client in the last 15 min (token_rate_limit 1)
presto-vendor: past-date check skipped: the token request could not be made
presto-vendor: tokens created by this run (1; revoke them where the API allows): 'authaudit-probe' expiring ${day}T00:00:00.000000Z
EOW
diff "$tmp/want" "$tmp/notices" >&2 || fail "ledger: notices differ"
echo "ok: a refused token request skips the past-date check with a notice"
echo "auth_config: all passed"
