#!/bin/sh
# rules_token_parity: a JWT written into a file gets from `authaudit scan`
# (the token.jwt-* rules) the same judgements `authaudit token` gives it
# (token.*): weak secret, claims the profile expects, not yet valid,
# expired, alg none, no exp, lifetime. A hard-coded JWT is also a
# credential (secret.jwt), and one in a test fixture is not.
set -u
. "$(dirname "$0")/lib/jwt.sh"
A=${AUTHAUDIT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
now=$(date +%s)
H='{"alg":"HS256","typ":"JWT"}'
KEY='k3Y-9f2Q-strong-random-test-key-Zx81'

# judged NAME PROFILE "WANT" TOKEN: both commands report exactly WANT
# (judgement words, sorted), the scan also secret.jwt.
judged() {
	name=$1 prof=$2 want=$3 tok=$4
	"$A" token --profile "$prof" --format json "$tok" >"$tmp/t.json" \
		2>"$tmp/err"
	rc=$?
	got=$(ids "$tmp/t.json" token | sed 's/token\.//g')
	expect_ids "token: $name" "$want" "$got"
	if [ -n "$want" ]; then
		[ $rc -eq 1 ] || fail "token: $name: exit $rc with findings"
	else
		[ $rc -eq 0 ] || fail "token: $name: exit $rc without findings"
	fi
	rm -rf "$tmp/src"
	mkdir -p "$tmp/src/config"
	printf 'PARTNER_JWT=%s\n' "$tok" >"$tmp/src/config/partner.env"
	"$A" scan --quiet --profile "$prof" --format json "$tmp/src" \
		>"$tmp/s.json" 2>"$tmp/err"
	got=$(ids "$tmp/s.json" token | sed 's/token\.jwt-//g')
	expect_ids "scan: $name" "$want" "$got"
	grep -q '"secret\.jwt"' "$tmp/s.json" ||
		fail "scan: $name: no secret.jwt finding"
}

weak=$(jwt_hs256 changeme "$H" \
	"{\"sub\":\"partner-3\",\"iat\":$now,\"exp\":$((now + 600))}")
# the review's case: HS256 with "changeme", no aud, for a Vista partner
judged "weak secret, no aud" vista-integration \
	"missing-claim weak-secret " "$weak"
judged "weak secret" default "weak-secret " "$weak"
good=$(jwt_hs256 "$KEY" "$H" "{\"sub\":\"p\",\"aud\":\"https://partner.vista.co/\",\"iat\":$((now - 60)),\"exp\":$((now + 3600))}")
judged "good partner token" vista-integration "" "$good"
store=$(jwt_hs256 "$KEY" "$H" \
	"{\"sub\":\"c-7\",\"tenant\":\"acme\",\"iat\":$now,\"exp\":$((now + 600))}")
judged "storefront token without scope" reseller-platform \
	"missing-claim " "$store"
later=$(jwt_hs256 "$KEY" "$H" "{\"sub\":\"s\",\"iat\":$((now + 86400)),\"nbf\":$((now + 86400)),\"exp\":$((now + 90000))}")
judged "not yet valid" default "not-yet-valid " "$later"
old=$(jwt_hs256 "$KEY" "$H" "{\"sub\":\"s\",\"iat\":$((now - 90 * 86400)),\"exp\":$((now - 3600))}")
judged "expired, 90 days" vista-digital "expired lifetime " "$old"
none=$(jwt_unsigned '{"alg":"none"}' "{\"sub\":\"s\",\"iat\":$now}")
judged "alg none, no exp" default "alg-none no-exp " "$none"

# a fixture named as such is not a leaked credential (its claims are
# still judged)
mkdir -p "$tmp/fx/tests/fixtures"
printf '{"token": "%s"}\n' "$weak" >"$tmp/fx/tests/fixtures/tokens.json"
"$A" scan --quiet --format json "$tmp/fx" >"$tmp/f.json" 2>"$tmp/err"
grep -q '"secret\.jwt"' "$tmp/f.json" && fail "fixture: secret.jwt reported"
expect_ids "fixture" "token.jwt-weak-secret " "$(ids "$tmp/f.json" token)"
echo "rules_token_parity: all passed"
