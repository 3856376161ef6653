# Shared by the token_* and auth_* e2e tests (sourced, not run): build
# JWTs with the openssl CLI, and compare finding ids.

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# jwt_hs256 KEY HEADER_JSON CLAIMS_JSON
jwt_hs256() {
	_in="$(printf '%s' "$2" | b64url).$(printf '%s' "$3" | b64url)"
	_sig=$(printf '%s' "$_in" |
		openssl dgst -sha256 -mac HMAC -macopt "key:$1" -binary | b64url)
	printf '%s.%s' "$_in" "$_sig"
}

# jwt_unsigned HEADER_JSON CLAIMS_JSON
jwt_unsigned() {
	printf '%s.%s.' "$(printf '%s' "$1" | b64url)" \
		"$(printf '%s' "$2" | b64url)"
}

# ids FILE: the sorted, distinct rule ids (PREFIX.*) named in a report
ids() { grep -o "\"$2\\.[a-z0-9-]*\"" "$1" | tr -d '"' | sort -u | tr '\n' ' '; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_ids WHAT WANT GOT
expect_ids() {
	[ "$2" = "$3" ] || fail "$1: want findings [$2], got [$3]"
	echo "ok: $1: [$3]"
}
