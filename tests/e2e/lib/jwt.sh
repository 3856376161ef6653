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

# pairs FILE PREFIX: "target:rule" for each finding of a JSON report whose
# message names its target ("target 'x': ..."), whatever the schema.
pairs() {
	python3 - "$1" "$2" <<'PY'
import json, re, sys
out = set()
def walk(o):
    if isinstance(o, dict):
        vals = [v for v in o.values() if isinstance(v, str)]
        rid = [v for v in vals if re.fullmatch(re.escape(sys.argv[2]) + r"\.[a-z0-9-]+", v)]
        if not rid and isinstance(o.get("rule"), dict):
            rid = [o["rule"].get("id", "")]
        tgt = [m.group(1) for v in vals for m in [re.match(r"target '([^']+)'", v)] if m]
        if rid and tgt:
            out.add(tgt[0] + ":" + rid[0])
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(json.load(open(sys.argv[1])))
print(" ".join(sorted(out)))
PY
}
