#!/bin/sh
# Clean: request a Presto token with the credentials from the environment
# and a short expiry; the token goes to the secret manager, not to a file.
set -eu
expiry=$(date -u -d '+30 days' +%Y-%m-%d)
curl -fsS -X POST "$PRESTO_BASE_URL/api/developer/v1/auth/token" \
  -H 'Content-Type: application/json' \
  -d "{\"email\": \"$PRESTO_EMAIL\", \"password\": \"$PRESTO_PASSWORD\", \"token_name\": \"ci\", \"token_expiration_date\": \"$expiry\"}" |
  jq -r .data.token.value | vault kv put secret/presto token=-
