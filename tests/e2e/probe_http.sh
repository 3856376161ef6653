#!/bin/sh
# authaudit probe: plain-HTTP rejection, alternative ports, targets files
# with a profile each, --resolve, IPv6, and a dead endpoint beside a live
# one. Every server is a fixture on loopback started here.
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/tlsserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
tmp=$(mktemp -d)
trap 'serve_stop_all; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
mkdir "$tmp/pki"
pki "$tmp/pki"
P=$tmp/pki
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "max-age=31536000"
tls_port=$port
closed_port "$tmp"

# plain NAME WANT HTTP-SERVER-ARGS...: the TLS endpoint is compliant; the
# plain-HTTP check goes to an HTTP fixture answering as told
plain() {
	name=$1 want=$2
	shift 2
	serve "$tmp" "$@"
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$port" --alt-ports none \
		"https://127.0.0.1:$tls_port/api/v1/orders" >"$tmp/out.json"
	expect "plain HTTP $name" "$want" "$(summary "$tmp/out.json")"
	grep -q "authorization=" "$log" ||
		fail "plain HTTP $name: no request reached the server"
	# only ever the dummy token over plain HTTP
	grep -v "authorization=Bearer authaudit-probe-dummy-token-not-a-credential" \
		"$log" | grep "^plain" &&
		fail "plain HTTP $name: something else than the dummy token"
	grep -q "^plain GET /api/v1/orders " "$log" ||
		fail "plain HTTP $name: not the endpoint's path"
}

plain "200" "endpoint.plain-http-served:high" --http 200
plain "403" "" --http 403
plain "404" "" --http 404
plain "426" "" --http 426
plain "401 from the API" "endpoint.plain-http-served:medium" \
	--http 401 --http-api
plain "301 to https" "endpoint.plain-http-redirect:low" \
	--http 301 --location "https://127.0.0.1:$tls_port/api/v1/orders"
plain "302 to http" "endpoint.plain-http-served:medium" \
	--http 302 --location "http://127.0.0.1:1/login"

# the profile can lift the redirect's severity, or allow it
mkdir "$tmp/rules"
cat >"$tmp/rules/strict.yaml" <<EOP
profiles:
  - name: strict
    title: redirects count as much as answers
    rules: ['endpoint.*']
    params: { plain_http_redirect: high, alt_ports: [] }
  - name: lenient
    title: redirects are fine
    rules: ['endpoint.*']
    params: { plain_http_redirect: allow, alt_ports: [] }
EOP
serve "$tmp" --http 308 --location "https://127.0.0.1:$tls_port/"
for p in strict:endpoint.plain-http-redirect:high lenient:; do
	"$A" probe -q --format json --rules "$tmp/rules" -p "${p%%:*}" \
		--ca-file "$P/trust.pem" --http-port "$port" \
		"https://127.0.0.1:$tls_port/" >"$tmp/out.json"
	expect "redirect, profile ${p%%:*}" "${p#*:}" \
		"$(summary "$tmp/out.json")"
done

# an http:// URL given: only the plain-HTTP check, on that URL
serve "$tmp" --http 200
"$A" probe -q --format json "http://127.0.0.1:$port/v1" >"$tmp/out.json"
expect "http:// URL" "endpoint.plain-http-served:high" \
	"$(summary "$tmp/out.json")"
grep -q "\"url\": \"http://127.0.0.1:$port/v1\"" "$tmp/out.json" ||
	fail "http:// URL: finding not at that URL"

# the HTTP checks go through libcurl's proxy variables: a fixture on
# loopback stands in for the proxy, so nothing leaves this machine, and
# its log shows the absolute URL a proxy receives
serve "$tmp" --http 403
http_proxy=http://127.0.0.1:$port "$A" probe -q --format json \
	http://api.example.invalid/v1/orders >"$tmp/out.json"
expect "through a proxy" "" "$(summary "$tmp/out.json")"
grep -q "^plain GET http://api.example.invalid/v1/orders " "$log" ||
	fail "through a proxy: the request did not reach the proxy"

# alternative ports: one speaks TLS, one HTTP, one is closed
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key"
alt_tls=$port
serve "$tmp" --http 404
alt_http=$port
"$A" probe -q --format json --ca-file "$P/trust.pem" --http-port "$closed" \
	--alt-ports "$alt_tls,$alt_http,$closed" \
	"https://127.0.0.1:$tls_port/" >"$tmp/out.json"
expect "alternative ports" \
	"endpoint.alt-port-open:high endpoint.alt-port-open:high" \
	"$(summary "$tmp/out.json")"
grep -q "https://127.0.0.1:$alt_tls/" "$tmp/out.json" &&
	grep -q "http://127.0.0.1:$alt_http/" "$tmp/out.json" ||
	fail "alternative ports: findings not at the ports that answered"

# a targets file in YAML: a profile each, and each profile's own port
# policy (as presto-fi has alt_ports and presto-vendor none); a second
# endpoint on the same host does not probe the ports again
cat >"$tmp/rules/ports.yaml" <<EOP
profiles:
  - name: fi-like
    title: ports limited
    rules: ['endpoint.*']
    params: { alt_ports: [$alt_tls] }
  - name: vendor-like
    title: ports not limited
    rules: ['endpoint.*']
    params: { alt_ports: [] }
EOP
cat >"$tmp/targets.yaml" <<EOT
# three endpoints of one host
targets:
  - url: https://127.0.0.1:$tls_port/api/vendor/v1/orders
    profile: vendor-like
    http_url: http://127.0.0.1:$closed/api/vendor/v1/orders
  - url: https://127.0.0.1:$tls_port/api/fi/v1/accounts
    profile: fi-like
    http_url: http://127.0.0.1:$closed/api/fi/v1/accounts
  - https://127.0.0.1:$tls_port/api/fi/v1/payments
EOT
"$A" probe -q --format json --ca-file "$P/trust.pem" --rules "$tmp/rules" \
	-p fi-like --http-port "$closed" --targets "$tmp/targets.yaml" \
	>"$tmp/out.json"
expect "targets.yaml, a profile each" "endpoint.alt-port-open:high" \
	"$(summary "$tmp/out.json")"
python3 - "$tmp/out.json" <<'PY' || fail "targets.yaml: not all probed"
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r["scan"]["targets"]) == 3 and r["scan"]["endpoints_probed"] == 3
PY
# a plain list, one endpoint dead: reported, the other still probed
printf '# endpoints\nhttps://127.0.0.1:%s/\n\nhttps://127.0.0.1:%s/x  # dead\n' \
	"$tls_port" "$closed" >"$tmp/targets.txt"
"$A" probe -q --format json --ca-file "$P/trust.pem" --http-port "$closed" \
	--alt-ports none --targets "$tmp/targets.txt" >"$tmp/out.json"
rc=$?
expect "one dead endpoint" "endpoint.probe-failed:medium" \
	"$(summary "$tmp/out.json")"
[ $rc -eq 1 ] || fail "one dead endpoint: exit $rc, want 1"
grep -q "\"url\": \"https://127.0.0.1:$closed/x\"" "$tmp/out.json" ||
	fail "one dead endpoint: the finding is not about the dead one"

# bad targets: file:line:column and no probing
printf 'targets:\n  - url: https://127.0.0.1:%s/\n    profil: presto-fi\n' \
	"$tls_port" >"$tmp/bad.yaml"
"$A" probe --targets "$tmp/bad.yaml" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "bad targets file: want exit 2"
grep -q "bad.yaml:3:5: a target: unknown key 'profil'" "$tmp/err" ||
	fail "bad targets file: $(cat "$tmp/err")"
"$A" probe "https://user:pw@127.0.0.1:$tls_port/" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "no user:password@" "$tmp/err" ||
	fail "credentials in a URL are not refused"
printf 'targets:\n  - url: https://127.0.0.1:1/\n    profile: nosuch\n' \
	>"$tmp/bad.yaml"
"$A" probe --targets "$tmp/bad.yaml" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "bad.yaml:2:1: target 'https://127.0.0.1:1/': unknown profile 'nosuch'" "$tmp/err" ||
	fail "unknown profile in a targets file: $(cat "$tmp/err")"

# --resolve: a name, its certificate checked against that name, SNI sent;
# both the TLS and the plain-HTTP port resolve to loopback, nothing else
"$A" probe -q --format json --ca-file "$P/trust.pem" --http-port "$closed" \
	--alt-ports none --resolve "localhost:$tls_port:127.0.0.1" \
	--resolve "api.example.test:$tls_port:127.0.0.1" \
	--resolve "api.example.test:$closed:127.0.0.1" \
	"https://api.example.test:$tls_port/" "https://localhost:$tls_port/" \
	>"$tmp/out.json"
expect "--resolve" "endpoint.cert-hostname-mismatch:high" \
	"$(summary "$tmp/out.json")"
grep -q "'api.example.test' is not among" "$tmp/out.json" ||
	fail "--resolve: the mismatch is not about api.example.test"

# IPv6 literal
if ip -6 addr show lo 2>/dev/null | grep -q '::1'; then
	serve "$tmp" --bind ::1 --cert "$P/good.pem" --key "$P/good.key" \
		--hsts "max-age=31536000"
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none \
		"https://[::1]:$port/v1" >"$tmp/out.json"
	expect "IPv6" "" "$(summary "$tmp/out.json")"
	grep -q "^tls TLSv1.3" "$log" || fail "IPv6: no TLS request logged"
else
	echo "IPv6: no ::1 on this machine, not tested"
fi
echo "probe_http: all passed"
