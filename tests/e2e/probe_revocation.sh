#!/bin/sh
# authaudit probe --check-revocation against a PKI made now with the
# openssl CLI: a CA, an OCSP responder of its own (`openssl ocsp -index`,
# asked on 127.0.0.1, the URL the certificates name), a CRL served over
# HTTP on 127.0.0.1, and leaves that are good, revoked, named in the CRL
# only, or name neither; tlsserver (tests/fixtures/tlsserver.c) serves
# each, one stapling an OCSP answer. Each probe gives exactly its finding
# and its revocation fact; without --check-revocation nothing is asked.
set -u
. "$(dirname "$0")/lib/jwt.sh"
. "$(dirname "$0")/lib/tlsserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
tmp=$(mktemp -d)
ocsp_pid= http_pid=
trap 'serve_stop_all; release_ports; stop_helpers; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
closed_port "$tmp"
D=$tmp/pki
mkdir "$D"

stop_helpers() {
	for _p in $ocsp_pid $http_pid; do
		kill "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	ocsp_pid= http_pid=
}

# wait_line FILE SED: the first match of SED in FILE, waited for
wait_line() {
	_i=0
	while [ $_i -lt 250 ]; do
		_v=$(sed -n "$2" "$1" 2>/dev/null | head -n 1)
		[ -n "$_v" ] && { echo "$_v"; return 0; }
		sleep 0.02
		_i=$((_i + 1))
	done
	return 1
}

cd "$D" || fail "no $D"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout ca.key -out ca.pem -days 120 \
	-subj "/CN=authaudit revocation test CA" \
	-addext basicConstraints=critical,CA:TRUE \
	-addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null ||
	fail "cannot make the CA"
# the CA's database: 1001 good, 1002 revoked yesterday (keyCompromise),
# 1003 revoked (in the CRL), 1004 good (CRL only); index.txt is what the
# responder reads, and the CRL is made from it
exp=$(date -u -d '+90 days' +%y%m%d%H%M%SZ)
rev=$(date -u -d '-1 day' +%y%m%d%H%M%SZ)
revday=$(date -u -d '-1 day' +%Y-%m-%d)
printf 'V\t%s\t\t1001\tunknown\t/CN=good\n' "$exp" >index.txt
printf 'R\t%s\t%s,keyCompromise\t1002\tunknown\t/CN=revoked\n' "$exp" \
	"$rev" >>index.txt
printf 'R\t%s\t%s\t1003\tunknown\t/CN=crl-revoked\n' "$exp" "$rev" \
	>>index.txt
printf 'V\t%s\t\t1004\tunknown\t/CN=crl-good\n' "$exp" >>index.txt
echo 01 >crlnumber
cat >ca.cnf <<EOF
[ca]
default_ca = d
[d]
database = index.txt
crlnumber = crlnumber
default_md = sha256
default_crl_days = 7
certificate = ca.pem
private_key = ca.key
EOF
openssl ca -gencrl -config ca.cnf -out ca.crl.pem 2>/dev/null &&
	openssl crl -in ca.crl.pem -outform DER -out ca.crl ||
	fail "cannot make the CRL"

# the responder (it says "Received request" of each, so they are counted)
openssl ocsp -index index.txt -port 0 -rsigner ca.pem -rkey ca.key \
	-CA ca.pem -ndays 1 >"$tmp/ocsp.out" 2>&1 &
ocsp_pid=$!
OP=$(wait_line "$tmp/ocsp.out" 's/^ACCEPT .*:\([0-9][0-9]*\).*/\1/p') ||
	fail "openssl ocsp did not start: $(cat "$tmp/ocsp.out")"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$D" \
	>"$tmp/http.out" 2>&1 &
http_pid=$!
HP=$(wait_line "$tmp/http.out" 's/.* port \([0-9][0-9]*\).*/\1/p') ||
	fail "the CRL server did not start: $(cat "$tmp/http.out")"
OCSP_URL=http://127.0.0.1:$OP/
CRL_URL=http://127.0.0.1:$HP/ca.crl

# leaf NAME SERIAL EXTENSIONS: NAME.pem and NAME.key, signed by the CA
leaf() {
	printf '[v3]\nbasicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n%s\n' \
		"$3" >"$1.ext"
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$1.key" -out "$1.csr" -subj "/CN=$1" 2>/dev/null &&
	openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key \
		-set_serial "0x$2" -days 90 -extfile "$1.ext" -extensions v3 \
		-out "$1.pem" 2>/dev/null || fail "cannot make leaf $1"
}
leaf good 1001 "authorityInfoAccess=OCSP;URI:$OCSP_URL"
leaf revoked 1002 "authorityInfoAccess=OCSP;URI:$OCSP_URL"
leaf crl-revoked 1003 "crlDistributionPoints=URI:$CRL_URL"
leaf crl-good 1004 "crlDistributionPoints=URI:$CRL_URL"
leaf plain 1005 ""
cd - >/dev/null || exit 1

requests() { grep -c "Received request" "$tmp/ocsp.out"; }

# rev NAME WANT-FINDINGS WANT-FACT [PROBE-ARGS...]: probe the server on
# $port with --check-revocation (unless PROBE-ARGS says otherwise)
rev() {
	name=$1 want=$2 fact=$3 bad=
	shift 3
	[ $# -gt 0 ] || set -- --check-revocation
	[ "$1" = none ] && shift
	"$A" probe -q --format json --ca-file "$D/ca.pem" \
		--http-port "$closed" --alt-ports none "$@" \
		"https://127.0.0.1:$port/" >"$tmp/out.json" 2>"$tmp/err"
	expect "$name: findings" "$want" "$(summary "$tmp/out.json")"
	got=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["endpoints"][0]["facts"].get("revocation"))' "$tmp/out.json")
	case $fact in
	*'*') case $got in "${fact%\*}"*) ;; *) bad=1 ;; esac ;;
	*) [ "$got" = "$fact" ] || bad=1 ;;
	esac
	[ -z "${bad:-}" ] || fail "$name: fact [$got], want [$fact]"
	echo "ok: $name: [$got]"
}

HSTS="max-age=31536000"
srv() {
	_leaf=$1
	shift
	serve "$tmp" --cert "$D/$_leaf.pem" --key "$D/$_leaf.key" \
		--hsts "$HSTS" "$@"
}

srv good
before=$(requests)
rev "good, without --check-revocation" "" \
	"not checked: opt-in, with --check-revocation" none
[ "$(requests)" -eq "$before" ] ||
	fail "the responder was asked without --check-revocation"
rev "good (OCSP)" "" "good (OCSP responder $OCSP_URL)"
[ "$(requests)" -eq $((before + 1)) ] ||
	fail "good: the responder was asked $(($(requests) - before)) times"
serve_stop_all

srv revoked
rev "revoked (OCSP)" "endpoint.cert-revoked:critical" \
	"revoked on $revday (OCSP responder $OCSP_URL)"
grep -q "revoked on $revday (keyCompromise), says the OCSP responder" \
	"$tmp/out.json" || fail "revoked: the finding lacks date or reason"
serve_stop_all

srv crl-revoked
rev "revoked (CRL)" "endpoint.cert-revoked:critical" \
	"revoked on $revday (CRL $CRL_URL)"
serve_stop_all
srv crl-good
rev "good (CRL)" "" "good (CRL $CRL_URL)"
serve_stop_all
srv plain
rev "no OCSP URL, no CRL" "" "not checked: the certificate names no OCSP responder or CRL, and the server staples none"
serve_stop_all

# a stapled answer decides, with the responder gone: nothing else is asked
openssl ocsp -issuer "$D/ca.pem" -cert "$D/revoked.pem" -url "$OCSP_URL" \
	-CAfile "$D/ca.pem" -respout "$tmp/staple.der" >/dev/null 2>&1 ||
	fail "cannot fetch an OCSP answer to staple"
stop_helpers
srv revoked --ocsp-staple "$tmp/staple.der"
rev "revoked (stapled)" "endpoint.cert-revoked:critical" \
	"revoked on $revday (stapled OCSP response)"
grep -q "^staple " "$log" || fail "stapled: the server stapled nothing"
serve_stop_all

# the responder down: no verdict, never "good"
srv good
rev "responder down" "endpoint.probe-failed:medium" \
	"unknown ($OCSP_URL: Failed to connect*"
serve_stop_all
echo "probe_revocation: all passed"
