#!/bin/sh
# authaudit token: each kind of credential gives exactly the expected
# token.* findings, and the value stays redacted unless --show-secrets.
set -u
. "$(dirname "$0")/lib/jwt.sh"
A=${AUTHAUDIT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=$(date +%s)
H='{"alg":"HS256","typ":"JWT"}'
KEY='k3Y-9f2Q-strong-random-test-key-Zx81'

# check NAME PROFILE "WANT IDS" TOKEN [extra args]
check() {
	name=$1 prof=$2 want=$3 tok=$4
	shift 4
	"$A" token --profile "$prof" --format json "$@" "$tok" \
		>"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	got=$(ids "$tmp/out.json" token)
	expect_ids "$name" "$want" "$got"
	if [ -z "$want" ]; then
		[ $rc -eq 0 ] || fail "$name: exit $rc without findings"
	else
		[ $rc -eq 1 ] || fail "$name: exit $rc with findings"
	fi
}

good=$(jwt_hs256 "$KEY" "$H" \
	"{\"sub\":\"svc\",\"iat\":$((now - 60)),\"exp\":$((now + 3600))}")
check "good 1 h token" vista-digital "" "$good"
long=$(jwt_hs256 "$KEY" "$H" \
	"{\"sub\":\"svc\",\"iat\":$now,\"exp\":$((now + 315360000))}")
check "ten-year token" vista-digital "token.lifetime " "$long"
twelve=$(jwt_hs256 "$KEY" "$H" \
	"{\"sub\":\"svc\",\"iat\":$now,\"exp\":$((now + 43200))}")
check "exactly 12 h" vista-digital "" "$twelve"
none=$(jwt_unsigned '{"alg":"none","typ":"JWT"}' \
	"{\"sub\":\"svc\",\"iat\":$now,\"exp\":$((now + 600))}")
check "alg none" vista-digital "token.alg-none " "$none"
NONE=$(jwt_unsigned '{"alg":"NoNe"}' "{\"sub\":\"svc\"}")
check "alg NoNe, no exp" vista-digital "token.alg-none token.no-exp " "$NONE"
noexp=$(jwt_hs256 "$KEY" "$H" "{\"sub\":\"svc\",\"iat\":$now}")
check "no exp" vista-digital "token.no-exp " "$noexp"
expired=$(jwt_hs256 "$KEY" "$H" \
	"{\"sub\":\"svc\",\"iat\":$((now - 7200)),\"exp\":$((now - 3600))}")
check "expired" vista-digital "token.expired " "$expired"
weak=$(jwt_hs256 changeme "$H" \
	"{\"sub\":\"svc\",\"iat\":$now,\"exp\":$((now + 600))}")
check "weak secret changeme" vista-digital "token.weak-secret " "$weak"
check "weak secret, list off" vista-digital "" "$weak" --no-wordlist
printf 'nothing\n%s\n' "$KEY" >"$tmp/words"
check "secret from --wordlist" vista-digital "token.weak-secret " "$good" \
	--wordlist "$tmp/words"
check "Bearer prefix dropped" vista-digital "" "Bearer $good"

# claims the profile expects
noaud=$(jwt_hs256 "$KEY" "$H" \
	"{\"sub\":\"p\",\"iat\":$now,\"exp\":$((now + 600))}")
aud=$(jwt_hs256 "$KEY" "$H" "{\"sub\":\"p\",\"aud\":\"https://partner.vista.co/\",\"iat\":$now,\"exp\":$((now + 600))}")
check "vista partner token without aud" vista-integration \
	"token.missing-claim " "$noaud"
check "vista partner token with aud" vista-integration "" "$aud"
check "reseller token without tenant, scope" reseller-platform \
	"token.missing-claim " "$noaud"
full=$(jwt_hs256 "$KEY" "$H" "{\"sub\":\"c\",\"tenant\":\"acme\",\"scope\":\"orders\",\"iat\":$now,\"exp\":$((now + 600))}")
check "reseller token with tenant, scope" reseller-platform "" "$full"

# Presto and reseller formats
check "presto classic" presto-vendor "" "1111|kjbdsjkvbsdkvbfdkg"
check "presto crc ok" presto-vendor "" \
	"7|prst_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec9"
check "presto crc bad" presto-vendor "token.presto-checksum " \
	"7|prst_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec8"
check "apikey ok" reseller-platform "" \
	"ak_live_0a1b2c3d4e5f60718293a4b5c6d7e8f9"
check "apikey malformed" reseller-platform "token.apikey-malformed " \
	"ak_live_0A1B2C3D4E5F60718293A4B5C6D7E8F9"

# many at once from a file and from stdin
printf '%s\n\n%s\n%s\n' "$long" "$none" "ak_test_123" >"$tmp/toks"
check "@FILE" vista-digital \
	"token.alg-none token.apikey-malformed token.lifetime " "@$tmp/toks"
"$A" token --profile vista-digital --format json - <"$tmp/toks" \
	>"$tmp/out.json"
got=$(ids "$tmp/out.json" token)
expect_ids "stdin" "token.alg-none token.apikey-malformed token.lifetime " \
	"$got"

# redaction: the text report and explanation never show the token...
"$A" token --profile vista-digital "$weak" >"$tmp/out.txt" 2>&1
grep -q 'token.weak-secret' "$tmp/out.txt" || fail "text: no finding"
grep -q 'HS256' "$tmp/out.txt" || fail "text: no explanation"
sig=${weak##*.}
grep -qF -e "$sig" "$tmp/out.txt" && fail "text shows the token"
grep -q changeme "$tmp/out.txt" && fail "text shows the secret"
"$A" token --profile vista-digital --format json "$weak" >"$tmp/out.json"
grep -qF -e "$sig" "$tmp/out.json" && fail "json shows the token"
# ... unless asked to
"$A" token --profile vista-digital --show-secrets "$weak" >"$tmp/out.txt"
grep -qF -e "$sig" "$tmp/out.txt" || fail "--show-secrets hides the token"
grep -q "'changeme'" "$tmp/out.txt" || fail "--show-secrets hides secret"
echo "token_cli: all passed"
