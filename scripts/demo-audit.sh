#!/bin/sh
# make demo, last part: `authaudit audit` on an estate made of the bundled
# example integration, two loopback API endpoints (certificates made now;
# one expires in 5 days) and a token inventory, run twice with a change in
# between, as a scheduled audit would see it.
# Usage: scripts/demo-audit.sh PATH-TO-AUTHAUDIT FIXTURES-DIR
# Writes reports/demo-audit/<run>/authaudit.{json,html,sarif,junit.xml,md,
# txt} for both runs, reports/demo-audit/latest, and exits 0 unless an
# audit fails with status 2 or 3.
set -u
cd "$(dirname "$0")/.."
A=${1:?usage: $0 AUTHAUDIT FIXTURES}
FIXTURES=${2:?usage: $0 AUTHAUDIT FIXTURES}
export FIXTURES
. tests/e2e/lib/jwt.sh
. tests/e2e/lib/tlsserver.sh
out=$(pwd)/reports/demo-audit
rm -rf "$out"
tmp=$(mktemp -d)
trap 'serve_stop_all; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
mkdir "$tmp/pki"
pki "$tmp/pki" >/dev/null
P=$tmp/pki
closed_port "$tmp"
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "max-age=31536000;includeSubDomains"
api=$port
serve "$tmp" --cert "$P/expiring.pem" --key "$P/expiring.key" --tls-min 1.0
gateway=$port

estate=$tmp/estate
mkdir -p "$estate/pki"
cp -r examples/acme-integration "$estate/src"
cp "$P/trust.pem" "$estate/pki/trust.pem"
now=$(date +%s)
jwt_hs256 'k9#Lx!2mQv@8' '{"alg":"HS256","typ":"JWT"}' \
	"{\"sub\":\"acme-kiosk\",\"aud\":\"vista\",\"iat\":$now,\"exp\":$((now + 7200))}" \
	>"$estate/tokens.txt"
echo >>"$estate/tokens.txt"
sed -e "s/@API@/$api/g" -e "s/@GATEWAY@/$gateway/g" \
	-e "s/@CLOSED@/$closed/g" -e "s|@OUT@|$out|" \
	-e "s/@SOON@/$(date -u -d '+9 days' +%Y-%m-%d)/" \
	>"$estate/audit.yaml" <<'EOC'
# The demo estate: the example integration's source, two API endpoints on
# loopback and the tokens the integration holds.
name: acme integration (demo)
profile: default
output_dir: @OUT@
sources:
  - path: src
endpoints:
  - url: https://127.0.0.1:@API@/api/developer/v1/orders
    profile: presto-vendor
    http_url: http://127.0.0.1:@CLOSED@/api/developer/v1/orders
  - url: https://127.0.0.1:@GATEWAY@/connect/token
    profile: vista-digital
    http_url: http://127.0.0.1:@CLOSED@/connect/token
probe:
  ca_file: pki/trust.pem
  timeout: 2s
tokens:
  - file: tokens.txt
    profile: vista-integration
  - name: Presto vendor token (token_expiration_date)
    expires: @SOON@
    profile: presto-vendor
EOC

audit() {
	"$A" audit --config "$estate/audit.yaml"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "demo: authaudit audit failed with status $rc" >&2
		exit "$rc"
	fi
}

echo "== authaudit audit: first run"
audit
# the change a week brings: verification turned back on in the Python
# client, and a reseller ApiKey pasted into a new settings file
sleep 1
sed -i "/^        verify=False,\$/d" "$estate/src/presto-service/app.py"
echo 'PAYMENT_API_KEY = "ak_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0"' \
	>"$estate/src/presto-service/settings_local.py"
echo
echo "== authaudit audit: second run, after a change"
audit
echo
latest=$out/$(readlink "$out/latest")
echo "Reports: $latest/authaudit.{html,json,sarif,junit.xml,md,txt}"
echo "Open $latest/authaudit.html for the compliance matrix and the trend."
exit 0
