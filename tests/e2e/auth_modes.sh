#!/bin/sh
# authaudit auth against the reference server, on the surfaces the five
# documents show (POST bodies included): compliant, it reports nothing
# and no notice but the list of tokens it created; with each fault alone
# switched on, exactly the expected rule ids, target:rule pairs, exit
# status and notices. Then the faults only a clock or a port can show:
# a Presto token waited out past its expiration date, and a plain-HTTP
# port that is refused, closed or never answers (never a pass).
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

# found FILE: "ids|pairs": the sorted distinct rule ids of the findings,
# and their sorted "target:rule" pairs (each from the finding itself)
found() {
	python3 - "$1" <<'PY'
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
rid = lambda f: f["rule"]["id"] if isinstance(f["rule"], dict) else f["rule"]
ids = sorted({rid(f) for f in fs})
pairs = sorted({f["location"]["target"] + ":" + rid(f) for f in fs})
print(" ".join(ids) + "|" + " ".join(pairs))
PY
}

# The tokens a run creates: one session token per target that asks a
# token endpoint, presto-fi's second one (the revocation check), and the
# tokens lacking a scope (vista-gas, reseller-orders). The Presto limit
# and past-date checks create one more only where the server issues it.
CREATED="presto-fi:2 presto-vendor:1 reseller-orders:2 vista-gas:2 vista-integration:1 "
created_want=$CREATED

# mode SWITCH "WANT IDS" "WANT TARGET:ID PAIRS" ["WANT OTHER NOTICES"]
# The notices other than the created-token lists must be exactly the
# fourth argument (one per line, "target: message"), by default none.
mode() {
	sw=$1 want=$2 wantp=$3 wantn=${4:-}
	if [ "$sw" = compliant ]; then
		start_server "$tmp" "$KEY" || fail "$sw: server"
	else
		start_server "$tmp" "$KEY" "$sw" || fail "$sw: server"
	fi
	write_config "$tmp" "$port" "$http_port"
	"$A" auth --config "$tmp/auth.yaml" --format json \
		>"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	stop_server
	# the server's log: credentials only ever arrived over TLS; the
	# plain-HTTP check replays the method, with nothing else
	grep -q "^tls POST /Orders/Create credential=yes" "$tmp/server.err" ||
		fail "$sw: no POST of the order logged"
	grep -q "^plain .*credential=yes" "$tmp/server.err" &&
		fail "$sw: a credential was sent over plain HTTP"
	grep -q "^plain POST /Orders/Create credential=no" "$tmp/server.err" ||
		fail "$sw: the plain-HTTP check did not replay the POST"
	: >"$tmp/server.err"
	got=$(found "$tmp/out.json")
	if [ "$want|$wantp" != "$got" ]; then
		cat "$tmp/err" >&2
		notices "$tmp/out.json" >&2
	fi
	expect_ids "$sw" "$want" "${got%%|*}"
	[ "$wantp" = "${got#*|}" ] ||
		fail "$sw: want target:rule [$wantp], got [${got#*|}]"
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
	for s in pw-presto pw-gas pw-member vi-secret vk-123 rs-secret "$KEY" \
		ak_live_00112233445566778899aabbccddeeff \
		ak_live_0000000000000000000000000000dead \
		ak_live_9999999999999999999999999999beef "$PRESTO_EXPIRED"; do
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
notices "$tmp/out.json" | grep -qx "vista-gas: tokens created by this run (2; revoke them where the API allows): an access token of /connect/token expiring [0-9T:-]*Z; a limited token of /connect/token expiring [0-9T:-]*Z" ||
	fail "compliant: no exact created-token notice for vista-gas"
notices "$tmp/out.json" | grep -qx "reseller-orders: tokens created by this run (2; revoke them where the API allows): an access token of /Token/Generate expiring [0-9T:-]*Z; a limited token of /Token/Generate expiring [0-9T:-]*Z" ||
	fail "compliant: no exact created-token notice for reseller-orders"
# a day-long partner JWT (document 003 sets no maximum) is no finding;
# every statement the auth targets' rules test passes, none is an error
python3 - "$tmp/out.json" <<'PY' || fail "compliant: the matrix"
import json, sys
r = json.load(open(sys.argv[1]))
bad = [(s["id"], c["target"], c["verdict"], c.get("why"))
       for m in r["compliance"] for s in m["statements"]
       for c in s["results"] if c["verdict"] != "pass"]
if bad:
    print("FAIL: compliant cells not pass: %r" % bad)
    sys.exit(1)
PY
echo "ok: compliant: no notice but the created tokens [$CREATED], every cell a pass"

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

mode --accept-alg-none auth.jwt-alg-none-accepted \
	"$(each auth.jwt-alg-none-accepted $J3)"
mode --accept-no-bearer auth.bearer-prefix-optional \
	"reseller-orders:auth.bearer-prefix-optional"
mode --ignore-expiry auth.jwt-expired-accepted \
	"$(each auth.jwt-expired-accepted $J3)"
mode --no-exp-tokens auth.token-no-exp "$(each auth.token-no-exp $J3)"
# ten-year tokens: past GAS's documented 12 h; past the organisation's
# policy for the partner and reseller JWTs (no document sets a maximum)
# and for Presto (which must honour the date asked for, too)
created_want="presto-fi:2 presto-vendor:2 reseller-orders:2 vista-gas:2 vista-integration:1 "
mode --ten-year-tokens \
	"auth.token-expiry-ignored auth.token-lifetime policy.token-lifetime policy.token-request-days" \
	"presto-vendor:auth.token-expiry-ignored presto-vendor:policy.token-request-days reseller-orders:policy.token-lifetime vista-gas:auth.token-lifetime vista-integration:policy.token-lifetime"
mode --no-revoke auth.token-not-revoked "presto-fi:auth.token-not-revoked"
mode --plain-http auth.plain-http-answered \
	"$(each auth.plain-http-answered $B5 reseller-supplier)"
mode --skip-tenant \
	"auth.vista-tenant-invalid-accepted auth.vista-tenant-missing-accepted" \
	"vista-integration:auth.vista-tenant-invalid-accepted vista-integration:auth.vista-tenant-missing-accepted"
mode --vista-any-tenant auth.vista-tenant-invalid-accepted \
	"vista-integration:auth.vista-tenant-invalid-accepted"
mode --skip-vista-key \
	"auth.vista-key-invalid-accepted auth.vista-key-missing-accepted" \
	"vista-integration:auth.vista-key-invalid-accepted vista-integration:auth.vista-key-missing-accepted"
mode --vista-any-key auth.vista-key-invalid-accepted \
	"vista-integration:auth.vista-key-invalid-accepted"
mode --no-captcha auth.captcha-not-enforced \
	"vista-gas:auth.captcha-not-enforced"
mode --accept-missing-auth auth.missing-accepted \
	"$(each auth.missing-accepted $B5)"
mode --accept-random-token auth.random-accepted \
	"$(each auth.random-accepted $B5)"
mode --accept-any-signature \
	"auth.jwt-tampered-accepted auth.jwt-unsigned-accepted" \
	"$(each "auth.jwt-tampered-accepted auth.jwt-unsigned-accepted" $J3)"
mode --no-scope-check auth.scope-not-enforced \
	"$(each auth.scope-not-enforced reseller-orders vista-gas)"
mode --apikey-accept-missing auth.apikey-missing-accepted \
	"reseller-supplier:auth.apikey-missing-accepted"
mode --apikey-accept-malformed auth.apikey-malformed-accepted \
	"reseller-supplier:auth.apikey-malformed-accepted"
mode --apikey-accept-expired auth.apikey-expired-accepted \
	"reseller-supplier:auth.apikey-expired-accepted"
mode --apikey-no-revoke auth.apikey-revoked-accepted \
	"reseller-supplier:auth.apikey-revoked-accepted"
mode --apikey-any-tenant auth.apikey-wrong-tenant-accepted \
	"reseller-supplier:auth.apikey-wrong-tenant-accepted"
mode --apikey-no-access-check auth.apikey-access-not-enforced \
	"reseller-supplier:auth.apikey-access-not-enforced"
mode --apikey-case-sensitive auth.apikey-header-case \
	"reseller-supplier:auth.apikey-header-case"
mode --no-error-code auth.apikey-error-code \
	"reseller-supplier:auth.apikey-error-code"
# the server caps a too-late date at 380 days instead of refusing it:
# beyond the policy's 365 though earlier than the date asked for
created_want="presto-fi:2 presto-vendor:2 reseller-orders:2 vista-gas:2 vista-integration:1 "
mode --clamp-380-days policy.token-request-days \
	"presto-vendor:policy.token-request-days"
mode --presto-ignore-expiry auth.token-expired-accepted \
	"presto-vendor:auth.token-expired-accepted"
created_want="presto-fi:2 presto-vendor:2 reseller-orders:2 vista-gas:2 vista-integration:1 "
mode --presto-past-date auth.token-past-date-issued \
	"presto-vendor:auth.token-past-date-issued"
mode --presto-no-expiration-date auth.token-no-expiration-date \
	"presto-vendor:auth.token-no-expiration-date"
# RS256 tokens (compliant otherwise): an expired token re-signed with
# jwt_key would be refused for its algorithm, not its expiry, so the
# check says it cannot run instead of passing
for t in vista-gas vista-integration; do
	printf "%s: expired-token check skipped: the valid token is signed with 'RS256', not HMAC, so a token re-signed with 'jwt_key' would test the algorithm, not expiry (give 'expired_token')\n" "$t"
done >"$tmp/want"
mode --rs256-tokens "" "" "$(cat "$tmp/want")"
python3 - "$tmp/out.json" <<'PY' || fail "rs256: the matrix"
import json, sys
r = json.load(open(sys.argv[1]))
cells = {(s["id"], c["target"]): (c["verdict"], c.get("why", ""))
         for m in r["compliance"] for s in m["statements"]
         for c in s["results"]}
v = cells.get(("vista-digital.unauthorized-401", "vista-gas"))
if not v or v[0] != "error" or "RS256" not in v[1]:
    print("FAIL: a skipped expired-token check reads %r, want error" % (v,))
    sys.exit(1)
PY
echo "ok: a skipped check is an error cell with its reason, not a pass"

# the evidence is the status the server gave, not a fixed "HTTP 200"
start_server "$tmp" "$KEY" --ok-status 203 --accept-any-signature \
	--no-scope-check --no-captcha --no-revoke --apikey-no-revoke ||
	fail "evidence: server"
write_config "$tmp" "$port" "$http_port"
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

# one_target NAME FILE EXTRA: a config of one Presto vendor target
# (no expired_token), with EXTRA lines (yaml, indented) added
one_target() {
	cat >"$tmp/$2" <<EOC
targets:
  - name: $1
    style: presto-vendor
    base_url: https://127.0.0.1:$port
    endpoint: /api/vendor/v1/orders
    ca_file: ca.pem
    credentials: { file: presto.creds }
$3
EOC
}

# A Presto token past its date, with no expired token given: the server's
# clock 3 s before a UTC midnight, so the token asked to expire tomorrow
# expires within expiry_wait; it works, then (compliant) it is refused.
# The API sees four requests with a credential: the control, the random
# token, and the waited-out token before and after its expiry.
: >"$tmp/server.err"
for sw in compliant --presto-ignore-expiry; do
	if [ $sw = compliant ]; then
		start_server "$tmp" "$KEY" --midnight-in 3 || fail "wait: server"
		want="|"
	else
		start_server "$tmp" "$KEY" --midnight-in 3 $sw ||
			fail "wait: server"
		want="auth.token-expired-accepted|presto-wait:auth.token-expired-accepted"
	fi
	one_target presto-wait w.yaml "    expiry_wait: 30s
    http_url: http://127.0.0.1:$http_port/x"
	"$A" auth --config "$tmp/w.yaml" --format json >"$tmp/out.json" \
		2>"$tmp/err"
	rc=$?
	stop_server
	[ "$(found "$tmp/out.json")" = "$want" ] ||
		fail "wait $sw: want [$want], got [$(found "$tmp/out.json")]"
	[ "$(grep -c "^tls GET /api/vendor/v1/orders credential=yes" "$tmp/server.err")" -eq 4 ] ||
		fail "wait $sw: the waited token was not tried before and after"
	notices "$tmp/out.json" | grep -q "^presto-wait: tokens created by this run (2; revoke them where the API allows): 'authaudit-probe' expiring [^;]*; 'authaudit-expiry-wait' expiring [0-9-]*T00:00:00.000000Z$" ||
		fail "wait $sw: the waited token is not listed"
	[ "$(notices "$tmp/out.json" | wc -l)" -eq 1 ] ||
		fail "wait $sw: notices: $(notices "$tmp/out.json")"
	: >"$tmp/server.err"
	echo "ok: expiry waited out ($sw): [$want]"
done
# no expired token and no expiry_wait: the check says it did not run
start_server "$tmp" "$KEY" || fail "skip: server"
one_target presto-skip s.yaml "    http_url: http://127.0.0.1:$http_port/x"
"$A" auth --config "$tmp/s.yaml" --format json >"$tmp/out.json" 2>"$tmp/err"
rc=$?
stop_server
[ $rc -eq 0 ] || fail "skip: exit $rc"
notices "$tmp/out.json" | grep -qxF "presto-skip: expired-token check skipped: give 'expired_token' (a token past its expiration_date) or set expiry_wait (then a token expiring tomorrow is asked for, and waited out when that is within expiry_wait)" ||
	fail "skip: no notice for the expired-token check"
echo "ok: without expired_token or expiry_wait the expired-token check says so"

# The plain-HTTP check's port and result are its evidence: refused with
# 403 (the server's plain port), refused as nothing listens there (a
# closed port), or not reached (a port that takes the connection and
# never answers): that one is said so and its statement is no pass.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for case in refused closed silent; do
	if [ $case = silent ]; then
		start_server "$tmp" "$KEY" --plain-silent || fail "$case: server"
	else
		start_server "$tmp" "$KEY" || fail "$case: server"
	fi
	hp=$http_port
	[ $case = closed ] && hp=$closed
	one_target plain-$case p.yaml "    timeout: 2s
    http_url: http://127.0.0.1:$hp/api/vendor/v1/orders"
	"$A" auth --config "$tmp/p.yaml" --format json >"$tmp/out.json" \
		2>"$tmp/err"
	rc=$?
	stop_server
	[ $rc -eq 0 ] || { cat "$tmp/err"; fail "plain $case: exit $rc"; }
	[ "$(found "$tmp/out.json")" = "|" ] || fail "plain $case: findings"
	python3 - "$tmp/out.json" "$case" "$hp" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
case, port = sys.argv[2], sys.argv[3]
url = "http://127.0.0.1:%s/api/vendor/v1/orders" % port
facts = [e["facts"].get("plain HTTP") for e in r.get("endpoints", [])
         if e["url"] == url]
cell = [c for m in r["compliance"] for s in m["statements"]
        if s["id"] == "presto-vendor.plain-http-rejected"
        for c in s["results"]][0]
notes = [n["message"] for n in r["notices"]]
want_fact = {
    "refused": "port %s: refused with HTTP 403 (target 'plain-refused')"
               % port,
    "closed": "port %s: refused, no answer: " % port}
def die(msg):
    print("FAIL: plain %s: %s (facts %r, cell %r, notices %r)"
          % (case, msg, facts, cell, notes))
    sys.exit(1)
if case == "silent":
    if facts:
        die("a fact for a port that never answered")
    if cell["verdict"] != "error" or "not reached" not in cell["why"]:
        die("the cell of a port not reached")
    pre = ("target 'plain-silent': plain-HTTP check: %s (port %s) not "
           "reached (" % (url, port))
    if not any(n.startswith(pre) and n.endswith(
            "): not counted as a pass; set http_url to the plain-HTTP "
            "address the API may answer on") for n in notes):
        die("no not-reached notice")
else:
    if len(facts) != 1 or not facts[0].startswith(want_fact[case]) or \
            not facts[0].endswith("(target 'plain-%s')" % case):
        die("the fact")
    if cell["verdict"] != "pass":
        die("the cell")
print("ok: plain HTTP %s: port %s, %s" % (case, port, cell["verdict"]))
PY
	: >"$tmp/server.err"
done
# A token asked for limited_scopes is taken as lacking a scope only when
# its scope claim says so: Vista's partner JWT names no scopes, so the
# scope check says it cannot tell instead of reporting the endpoint.
start_server "$tmp" "$KEY" --no-scope-check || fail "unscoped: server"
cat >"$tmp/u.yaml" <<EOC
targets:
  - name: vi-unscoped
    style: vista-integration
    base_url: https://127.0.0.1:$port
    endpoint: /api/integration/v1/films
    scope_checks: [ { path: /api/integration/v1/films, scope: admin } ]
    limited_scopes: [films]
    http_url: http://127.0.0.1:$http_port/x
    ca_file: ca.pem
    credentials: { file: vi.creds }
EOC
"$A" auth --config "$tmp/u.yaml" --format json >"$tmp/out.json" 2>"$tmp/err"
rc=$?
stop_server
[ $rc -eq 0 ] && [ "$(found "$tmp/out.json")" = "|" ] ||
	fail "unscoped: exit $rc, findings [$(found "$tmp/out.json")]"
notices "$tmp/out.json" | grep -qxF "vi-unscoped: scope check of GET /api/integration/v1/films (scope 'admin') skipped: the token asked for limited_scopes names no scopes, so it may hold 'admin'; give 'limited_token'" ||
	fail "unscoped: no notice: $(notices "$tmp/out.json")"
echo "ok: a limited token that names no scopes is not taken as lacking one"
echo "auth_modes: all passed"
