#!/bin/sh
# authaudit auth refuses what would put credentials at risk: a
# credentials file others can read, a plain-http base_url, an unset
# variable; and a target whose control request fails is reported as not
# tested (exit 3), not as clean.
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
write_config "$tmp" "$port"

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
sed 's#endpoint: /Supplier/Products/List#endpoint: /redirect#' \
	"$tmp/auth.yaml" >"$tmp/r.yaml"
: >"$tmp/server.err"
"$A" auth --config "$tmp/r.yaml" --target reseller-supplier >"$tmp/out" 2>&1
[ $? -eq 3 ] || fail "a redirected control request counted as tested"
grep -q "could not test.*got 302" "$tmp/out" || fail "no 302 notice"
grep -q "tls GET /redirect" "$tmp/server.err" || fail "no request logged"
grep -q "/Supplier/Products/List" "$tmp/server.err" &&
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
echo "auth_config: all passed"
