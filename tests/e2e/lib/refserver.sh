# Shared by the auth_* e2e tests (sourced, not run): certificates made
# now with the openssl CLI, the reference server started on 127.0.0.1 in
# a given mode, and a config of one target per documented API.

# make_pki DIR: a CA and a server certificate for 127.0.0.1
make_pki() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$1/ca.key" -out "$1/ca.pem" -days 2 \
		-subj /CN=authaudit-test-ca >/dev/null 2>&1 || return 1
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$1/srv.key" -out "$1/srv.csr" -subj /CN=127.0.0.1 \
		>/dev/null 2>&1 || return 1
	printf 'subjectAltName=IP:127.0.0.1\n' >"$1/san.ext"
	openssl x509 -req -in "$1/srv.csr" -CA "$1/ca.pem" \
		-CAkey "$1/ca.key" -CAcreateserial -days 2 \
		-extfile "$1/san.ext" -out "$1/srv.pem" >/dev/null 2>&1
}

# start_server DIR JWTKEY [switches]: sets $port (TLS), $http_port (the
# server's plain-HTTP port), $srv_pid and PRESTO_EXPIRED (a Presto vendor
# token the server issued for a date now past)
start_server() {
	_d=$1 _k=$2
	shift 2
	rm -f "$_d/port" "$_d/expired.tok"
	"$FIXTURES/refserver" --cert "$_d/srv.pem" --key "$_d/srv.key" \
		--jwt-key "$_k" --presto-expired-token "$_d/expired.tok" \
		"$@" >"$_d/port" 2>>"$_d/server.err" &
	srv_pid=$!
	_n=0
	while [ -z "$(sed -n 2p "$_d/port" 2>/dev/null)" ] &&
		[ $_n -lt 200 ]; do
		sleep 0.05
		_n=$((_n + 1))
	done
	port=$(sed -n 1p "$_d/port")
	http_port=$(sed -n 2p "$_d/port")
	[ -n "$http_port" ] || { echo "refserver did not start" >&2; return 1; }
	PRESTO_EXPIRED=$(cat "$_d/expired.tok")
	export PRESTO_EXPIRED
	# a fresh token-request ledger for each server, never the user's
	AUTHAUDIT_STATE_DIR=$_d/state.$port
	export AUTHAUDIT_STATE_DIR
}

stop_server() {
	[ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null
	[ -n "${srv_pid:-}" ] && wait "$srv_pid" 2>/dev/null
	srv_pid=
}

# write_creds DIR JWTKEY: the credentials files (owner-only) and the
# environment variables the config names.
write_creds() {
	umask 077
	printf 'email: vendor@example.test\npassword: pw-presto\n' \
		>"$1/presto.creds"
	printf '# Vista Integration\nclient_id: vi-client\nclient_secret: vi-secret\ntenant: acme\nvista_api_key: vk-123\njwt_key: %s\n' \
		"$2" >"$1/vi.creds"
	printf 'jwt_key: "%s"\n' "$2" >"$1/keys.creds"
	printf 'api_key: ak_live_00112233445566778899aabbccddeeff\nrevoked_api_key: ak_live_ffeeddccbbaa99887766554433221100\nexpired_api_key: ak_live_0000000000000000000000000000dead\nother_tenant_api_key: ak_live_9999999999999999999999999999beef\n' \
		>"$1/apikey.creds"
	printf 'jwt_key: "%s"\nmember_username: member-1\nmember_password: pw-member\n' \
		"$2" >"$1/gas.creds"
	printf 'client_id: rs-client\nclient_secret: rs-secret\ncustomer_id: c-1\njwt_key: "%s"\n' \
		"$2" >"$1/reseller.creds"
	umask 022
	_now=$(date +%s)
	RESELLER_TOKEN=$(jwt_hs256 "$2" '{"alg":"HS256","typ":"JWT"}' \
		"{\"sub\":\"c-1\",\"tenant\":\"acme\",\"scope\":\"orders\",\"iat\":$_now,\"exp\":$((_now + 3600))}")
	GAS_CLIENT_ID=web GAS_USER=gasuser GAS_PASSWORD=pw-gas
	export RESELLER_TOKEN GAS_CLIENT_ID GAS_USER GAS_PASSWORD
}

# write_config DIR PORT HTTP_PORT: one target per API of the five
# documents, on the surfaces the documents show (POST bodies included),
# the plain-HTTP check on the server's plain port
write_config() {
	cat >"$1/auth.yaml" <<EOC
targets:
  - name: presto-vendor
    style: presto-vendor
    base_url: https://127.0.0.1:$2
    endpoint: /api/vendor/v1/orders
    http_url: http://127.0.0.1:$3/api/vendor/v1/orders
    ca_file: ca.pem
    credentials:
      env: { expired_token: PRESTO_EXPIRED }
      file: presto.creds
  - name: presto-fi
    style: presto-fi
    base_url: https://127.0.0.1:$2
    endpoint: /api/fi/v1/accounts
    token_endpoint: /api/fi/v1/auth/token
    http_url: http://127.0.0.1:$3/api/fi/v1/accounts
    ca_file: ca.pem
    allow_token_reissue: true
    credentials: { file: presto.creds }
  - name: vista-gas
    style: vista-gas
    base_url: https://127.0.0.1:$2
    endpoint: /ocapi/v1/sites
    scope_checks:
      - { path: /ocapi/v1/admin, scope: admin }
    limited_scopes: [sites, loyalty]
    captcha_endpoint:
      path: /ocapi/v1/loyalty/auth
      method: POST
      body: { username: "{{member_username}}", password: "{{member_password}}" }
    http_url: http://127.0.0.1:$3/ocapi/v1/sites
    ca_file: ca.pem
    credentials:
      env: { client_id: GAS_CLIENT_ID, username: GAS_USER, password: GAS_PASSWORD }
      file: gas.creds
  - name: vista-integration
    style: vista-integration
    base_url: https://127.0.0.1:$2
    endpoint:
      path: /api/integration/v1/films
      headers: { CorrelationId: authaudit-probe }
    http_url: http://127.0.0.1:$3/api/integration/v1/films
    ca_file: ca.pem
    credentials: { file: vi.creds }
  - name: reseller-orders
    style: reseller-jwt
    base_url: https://127.0.0.1:$2
    endpoint:
      path: /Orders/Create
      method: POST
      body:
        customer_id: "{{customer_id}}"
        items: [ { sku: A-1, quantity: 2 } ]
    scope_checks:
      - { path: /Orders/Admin, method: POST, body: {}, scope: admin }
    token_endpoint:
      path: /Token/Generate
      method: POST
      body: { client_id: "{{client_id}}", client_secret: "{{client_secret}}", scope: "{{scope}}" }
      token_field: data.token
    scopes: [orders, admin]
    limited_scopes: [orders]
    http_url: http://127.0.0.1:$3/Orders/Create
    ca_file: ca.pem
    credentials: { file: reseller.creds }
  - name: reseller-supplier
    style: reseller-apikey
    base_url: https://127.0.0.1:$2
    endpoint:
      path: /Supplier/Products/List
      method: POST
      body: { tenant: acme, page: 1 }
      content_type: application/json
    scope_checks:
      - { path: /Payment/Refunds, method: POST, body: { tenant: acme }, scope: refunds }
    http_url: http://127.0.0.1:$3/Supplier/Products/List
    ca_file: ca.pem
    credentials: { file: apikey.creds }
EOC
}

# notices FILE: each notice of a JSON report as "target: message"
notices() {
	python3 - "$1" <<'PY'
import json, re, sys
for n in json.load(open(sys.argv[1])).get("notices", []):
    m = re.match(r"target '([^']+)': (.*)", n["message"], re.S)
    print(m.group(1) + ": " + m.group(2) if m else n["message"])
PY
}

# created FILE: "target:N" for each target's list of the N tokens the run
# created (auth_session_finish), sorted, space-separated
created() {
	notices "$1" | sed -n 's/^\([^:]*\): tokens created by this run (\([0-9]*\)[;)].*/\1:\2/p' |
		sort | tr '\n' ' '
}
