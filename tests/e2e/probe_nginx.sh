#!/bin/sh
# authaudit probe against Debian's nginx configured as operators do, on
# 127.0.0.1: two ssl_certificate lines (a valid ECDSA certificate and an
# expired RSA one) must give the expired-certificate finding; a DHE-only
# server with a 1024-bit ssl_dhparam the weak-key-exchange finding and an
# HSTS notice that says why. Skipped (passing) when nginx is not
# installed; tests/e2e/probe_certs.sh covers the same on the fixture.
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/tlsserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)
if [ -z "$NGINX" ] || [ ! -x "$NGINX" ]; then
	echo "probe_nginx: nginx not installed, skipped"
	exit 0
fi
tmp=$(mktemp -d)
npid=
trap '[ -n "$npid" ] && kill "$npid" 2>/dev/null; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
mkdir "$tmp/pki"
pki "$tmp/pki"
P=$tmp/pki
closed_port "$tmp"

# nginx_run NAME SERVER-DIRECTIVES: nginx in the foreground on a free
# loopback port ($port) with these directives in its one server block
nginx_run() {
	port=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	mkdir -p "$tmp/$1"
	cat >"$tmp/$1/nginx.conf" <<EOC
worker_processes 1;
daemon off;
error_log $tmp/$1/error.log;
pid $tmp/$1/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $tmp/$1/body;
    proxy_temp_path $tmp/$1/proxy;
    fastcgi_temp_path $tmp/$1/fastcgi;
    uwsgi_temp_path $tmp/$1/uwsgi;
    scgi_temp_path $tmp/$1/scgi;
    server {
        listen 127.0.0.1:$port ssl;
        add_header Strict-Transport-Security "max-age=31536000" always;
        location / { return 200 "{}\n"; }
$2
    }
}
EOC
	"$NGINX" -p "$tmp/$1" -c "$tmp/$1/nginx.conf" 2>>"$tmp/$1/error.log" &
	npid=$!
	_i=0
	until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || fail "nginx $1 did not start: $(cat "$tmp/$1/error.log")"
		sleep 0.05
	done
}

nginx_stop() {
	kill "$npid" 2>/dev/null
	wait "$npid" 2>/dev/null
	npid=
}

probe() {
	"$A" probe -q --format json --ca-file "$P/trust.pem" \
		--http-port "$closed" --alt-ports none \
		"https://127.0.0.1:$port/" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
}

nginx_run dual "        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers ECDHE+AESGCM;
        ssl_certificate $P/good.pem;
        ssl_certificate_key $P/good.key;
        ssl_certificate $P/rsaexpired.pem;
        ssl_certificate_key $P/rsaexpired.key;"
probe
nginx_stop
expect "nginx, valid ECDSA + expired RSA" "endpoint.cert-expired:critical" \
	"$(summary "$tmp/out.json")"
[ "$rc" -eq 1 ] || fail "nginx dual: exit $rc, want 1"
grep -q "RSA certificate (served to RSA PKCS#1, RSA-PSS clients): the certificate expired" \
	"$tmp/out.json" || fail "nginx dual: the expired RSA certificate not named"

# a 1024-bit group needs security level 0 or 1 on Debian's OpenSSL, or
# nginx refuses to load it ("dh key too small")
openssl dhparam -out "$tmp/dh1024.pem" 1024 2>/dev/null ||
	fail "openssl dhparam 1024 failed"
nginx_run dhe "        ssl_protocols TLSv1.2;
        ssl_ciphers DHE+AESGCM:@SECLEVEL=0;
        ssl_dhparam $tmp/dh1024.pem;
        ssl_certificate $P/rsa.pem;
        ssl_certificate_key $P/rsa.key;"
probe
nginx_stop
expect "nginx, DHE only, 1024-bit ssl_dhparam" \
	"endpoint.key-exchange-weak:medium" "$(summary "$tmp/out.json")"
grep -q '"message": "DHE key exchange with a 1024-bit group (80-bit security) at TLS 1.2' \
	"$tmp/out.json" || fail "nginx DHE: the group's size not named"
grep -q "HSTS not checked: a client at OpenSSL's default security level refuses the server's 1024-bit DHE group" \
	"$tmp/out.json" || fail "nginx DHE: the HSTS notice misstates why"
echo "probe_nginx: all passed"
