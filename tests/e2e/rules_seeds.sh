#!/bin/sh
# rules_seeds: the example values printed in the vendor documents are
# documentation, not leaks. The documents themselves, and their examples
# pasted into the places an integration keeps credentials (.env, code,
# JSON, a curl script), give no finding with any profile.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?set AUTHAUDIT to the authaudit binary}
. "$here/lib/test-lib.sh"
. "$here/lib/seeds.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/pasted/src" "$tmp/pasted/scripts"
cat >"$tmp/pasted/.env" <<'EOF'
PRESTO_BASE_URL={{BASE_URL}}
PRESTO_TOKEN=1111|kjbdsjkvbsdkvbfdkg
RESELLER_API_KEY=ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d
VISTA_API_KEY=<VISTA API KEY>
VISTA_API_TENANT=<VISTA API KEY TENANT>
STOREFRONT_TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...
EOF
cat >"$tmp/pasted/src/settings.py" <<'EOF'
PRESTO_TOKEN = "1111|kjbdsjkvbsdkvbfdkg"
token = "1111|kjbdsjkvbsdkvbfdkg"
api_key = "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d"
secret = "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d"
HEADERS = {"Authorization": "Bearer <your-token>", "ApiKey": "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d"}
STOREFRONT = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."}
BODY = {"email": "vendor@acme.test", "password": "{{password}}", "token_name": "primary-integration", "token_expiration_date": "YYYY-MM-DD"}
EOF
cat >"$tmp/pasted/src/responses.json" <<'EOF'
{"data": {"token": {"name": "default", "expiration_date": "2030-01-01T00:00:00.000000Z", "value": "1111|kjbdsjkvbsdkvbfdkg"}}}
{"token_type":"Bearer","access_token":"eyJhbGciOiJSUzI... [truncated for brevity]","expires_in":43200}
EOF
cat >"$tmp/pasted/scripts/tokens.sh" <<'EOF'
curl 'https://auth.sandbox.vista.co/connect/token' \
--header 'Content-Type: application/x-www-form-urlencoded' \
--data-urlencode 'grant_type=password' \
--data-urlencode 'client_id={{textual-description-of-the-application}}}' \
--data-urlencode 'username={{username}}' \
--data-urlencode 'password={{password}}'
curl --location 'https://<IDENTITY SERVICE HOSTNAME>/oauth/token' \
--header 'Content-Type: application/json' \
--data '{
  "client_id": "<CLIENT ID>",
  "grant_type": "client_credentials",
  "client_secret": "<CLIENT SECRET>",
  "audience": "https://partner.vista.co/",
  "tenant_code": "<VISTA TENANT CODE>"
}'
curl --location 'https://integration.app.vista.co/api/...' \
--header 'Vista-Api-Key: <VISTA API KEY>' \
--header 'Vista-Api-Tenant: <VISTA API KEY TENANT>' \
--header 'Authorization: Bearer <VISTA JWT>'
EOF

# Each profile on the documents and on their pasted examples: exit 0,
# no finding.
no_findings() {
	for p in $profiles; do
		for what in "$seeds" "$tmp/pasted"; do
			"$A" scan --quiet --profile "$p" --format json \
				"$what" >"$tmp/out.json" 2>"$tmp/err"
			rc=$?
			n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' \
				"$tmp/out.json" 2>/dev/null)
			if [ "$rc" -ne 0 ] || [ "${n:-x}" != 0 ]; then
				test_fail "profile $p, $(basename "$what"):" \
					"exit $rc, ${n:-unreadable report}" \
					"findings: $(grep -o '"rule": *"[^"]*"' \
					"$tmp/out.json" | sort | uniq -c |
					tr '\n' ' ')"
			fi
		done
	done
}

test_expect "authaudit rules profiles lists the profiles" '
	profiles=$("$A" rules profiles | awk "{print \$1}")
	[ -n "$profiles" ] ||
		test_fail "authaudit rules profiles listed nothing"
'
test_expect "no finding in the documents or their examples, any profile" \
	no_findings
test_done
