#!/bin/sh
# make demo, third part: `authaudit probe` on local example endpoints, all
# fixtures on 127.0.0.1 with certificates made now: a compliant API, and a
# legacy gateway (TLS 1.0, a NULL suite, no HSTS, plain HTTP answered, an
# alternative port open) audited under the Presto FI profile.
# Usage: scripts/demo-probe.sh PATH-TO-AUTHAUDIT FIXTURES-DIR
# Writes reports/demo-probe.txt and reports/demo-probe.json; exits 0
# unless the probe fails with status 2 or 3.
set -u
cd "$(dirname "$0")/.."
A=${1:?usage: $0 AUTHAUDIT FIXTURES}
FIXTURES=${2:?usage: $0 AUTHAUDIT FIXTURES}
export FIXTURES
. tests/e2e/lib/jwt.sh
. tests/e2e/lib/tlsserver.sh
mkdir -p reports
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
serve "$tmp" --cert "$P/rsa.pem" --key "$P/rsa.key" --tls-min 1.0 \
	--ciphers 'ECDHE+AESGCM:ECDHE+AES+SHA1:NULL-SHA256'
gateway=$port
serve "$tmp" --http 200
plain=$port
serve "$tmp" --cert "$P/rsa.pem" --key "$P/rsa.key"
alt=$port

# the Presto FI profile limits ports ("only 443/tcp"); here its list is
# the demo's own alternative port, so nothing but these fixtures is asked
mkdir "$tmp/rules"
cat >"$tmp/rules/demo.yaml" <<EOP
profiles:
  - name: presto-fi-demo
    title: Presto Financial Institutions API, demo ports
    guideline:
      doc: 001_ac63ae04f86f9587.txt
      section: Transport Security
      quote: All API communication must use TLS (only 443/tcp).
    rules: ['endpoint.*']
    params: { alt_ports: [$alt] }
EOP
cat >"$tmp/targets.yaml" <<EOT
targets:
  - url: https://127.0.0.1:$api/api/vendor/v1/orders
    profile: presto-vendor
    http_url: http://127.0.0.1:$closed/api/vendor/v1/orders
  - url: https://127.0.0.1:$gateway/api/fi/v1/accounts
    profile: presto-fi-demo
    http_url: http://127.0.0.1:$plain/api/fi/v1/accounts
EOT

run() {
	"$A" probe --rules "$tmp/rules" --ca-file "$P/trust.pem" \
		--targets "$tmp/targets.yaml" "$@"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "demo: authaudit probe failed with status $rc" >&2
		exit "$rc"
	fi
}
run --format json --output reports/demo-probe.json
run --no-color --output reports/demo-probe.txt
echo
echo "== authaudit probe: a compliant API and a legacy gateway (loopback)"
cat reports/demo-probe.txt
echo
echo "Reports: reports/demo-probe.txt, reports/demo-probe.json"
exit 0
