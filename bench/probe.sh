#!/bin/sh
# make bench, probe part: authaudit probe beside sslscan and testssl.sh
# on the same loopback servers (tests/fixtures/tlsserver.c, certificates
# from tests/fixtures/certgen.c), then 500 loopback endpoints at once.
#   1. protocol verdicts side by side on three servers: modern (TLS 1.2
#      and 1.3), legacy (TLS 1.0 to 1.3) and an SSLv3-only one that the
#      fixture answers itself (this OpenSSL cannot serve SSLv3);
#   2. the protocol-flaw verdicts of the three tools on the modern server,
#      one that accepts client renegotiation, and tests/fixtures/
#      hostile_tls.c in front of the modern one playing each flaw (to the
#      raw hellos that ask about it: it cannot finish a handshake, so a
#      tool that checks a flaw with a full OpenSSL handshake sees the
#      compliant server behind it);
#   3. wall time and peak RSS of one full run of each tool on the legacy
#      server, best of 5 (sslscan also lists every accepted suite;
#      testssl.sh runs once, it takes minutes);
#   4. authaudit on 500 endpoints (one server process, 500 ports).
# Usage: bench/probe.sh path/to/authaudit [fixtures-dir]
set -u
bin=${1:?usage: bench/probe.sh path/to/authaudit [fixtures-dir]}
fix=${2:-$(dirname "$bin")/fixtures}
[ -x "$fix/tlsserver" ] || { echo "probe bench: no $fix/tlsserver (make fixtures)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
verdicts() { python3 "$here/tls_verdicts.py" "$@"; }
# testssl.sh: no DNS, no colour, machine-readable findings in FILE
testssl_run() {
	_f=$1
	shift
	rm -f "$_f"
	testssl --quiet --color 0 --warnings off --nodns none --jsonfile "$_f" \
		"$@" >/dev/null 2>&1
}
tmp=$(mktemp -d)
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
"$fix/certgen" "$tmp" || exit 1
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# serve NAME ARGS...: start a fixture, its first port in $port
serve() {
	_n=$1
	shift
	"$fix/tlsserver" "$@" >"$tmp/$_n.ports" 2>/dev/null &
	pids="$pids $!"
	_i=0
	while [ ! -s "$tmp/$_n.ports" ] && [ $_i -lt 250 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	sleep 0.05
	port=$(head -n 1 "$tmp/$_n.ports")
}

probe() {
	"$bin" probe -q --format json --ca-file "$tmp/trust.pem" \
		--http-port "$closed" --alt-ports none "$@"
}


serve modern --cert "$tmp/good.pem" --key "$tmp/good.key"
modern=$port
serve legacy --cert "$tmp/rsa.pem" --key "$tmp/rsa.key" --tls-min 1.0 \
	--hsts max-age=31536000
legacy=$port
serve sslv3 --fake-hello ssl3:0x0005
sslv3=$port

ssv=$(sslscan --version 2>/dev/null | sed -n 's/.*\([0-9]\.[0-9]*\.[0-9]*\).*/\1/p' | head -n 1)
tsv=$(testssl --version 2>/dev/null | sed -n 's/.*testssl *\([0-9][0-9.]*\) from.*/\1/p' | head -n 1)
echo "probe: protocol verdicts, authaudit (raw ClientHellos) beside sslscan $ssv and testssl.sh $tsv"
printf '%-8s %-10s %s\n' server tool "SSLv3 / TLS 1.0 / 1.1 / 1.2 / 1.3"
same=1
for s in modern:$modern legacy:$legacy sslv3:$sslv3; do
	name=${s%%:*} p=${s#*:}
	probe "https://127.0.0.1:$p/" >"$tmp/aa.json"
	sslscan --no-colour "127.0.0.1:$p" >"$tmp/ss.txt" 2>&1
	testssl_run "$tmp/ts.json" -p "127.0.0.1:$p"
	a=$(verdicts protocols authaudit "$tmp/aa.json")
	b=$(verdicts protocols sslscan "$tmp/ss.txt")
	c=$(verdicts protocols testssl "$tmp/ts.json")
	printf '%-8s %-10s %s\n' "$name" authaudit "$a"
	printf '%-8s %-10s %s\n' "" sslscan "$b"
	printf '%-8s %-10s %s\n' "" testssl "$c"
	[ "$a" = "$b" ] && [ "$a" = "$c" ] || same=0
done
[ $same -eq 1 ] && echo "verdicts: identical on every server" ||
	echo "verdicts: DIFFERENT (see above)"

# hostile NAME MODE [BACKEND ARGS...]: hostile_tls in MODE before the
# modern server, or BACKEND
hostile() {
	_n=$1 _m=$2 _b=${3:-$modern}
	shift 2
	[ $# -gt 0 ] && shift
	"$fix/hostile_tls" --mode "$_m" --backend "$_b" "$@" \
		>"$tmp/$_n.ports" 2>/dev/null &
	pids="$pids $!"
	_i=0
	while [ ! -s "$tmp/$_n.ports" ] && [ $_i -lt 250 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	port=$(head -n 1 "$tmp/$_n.ports")
}
serve reneg --cert "$tmp/good.pem" --key "$tmp/good.key" \
	--client-renegotiation
flaw_servers="modern:$modern client-reneg:$port"
for m in no-reneg-info compression heartbleed heartbeat-safe no-fallback; do
	hostile "$m" "$m"
	flaw_servers="$flaw_servers $m:$port"
done
# RSA key exchange, and a front with a padding oracle before it
serve rsakx --cert "$tmp/rsa.pem" --key "$tmp/rsa.key" \
	--ciphers AES128-SHA:AES256-GCM-SHA384
rsakx=$port
hostile robot robot "$rsakx" --cert "$tmp/rsa.pem" --key "$tmp/rsa.key"
flaw_servers="$flaw_servers rsa-kx:$rsakx robot:$port"
echo
echo "probe: protocol flaws (ok, FLAW, n/a: the tool says it cannot apply or cannot test it)"
printf '%-15s %-10s %s\n' server tool "reneg (RFC 5746) / client reneg / compression / heartbleed / fallback SCSV / ROBOT"
for s in $flaw_servers; do
	name=${s%%:*} p=${s#*:}
	probe "https://127.0.0.1:$p/" >"$tmp/aa.json"
	sslscan --no-colour --no-ciphersuites "127.0.0.1:$p" >"$tmp/ss.txt" 2>&1
	# ROBOT apart: its hellos must not end the run of the others on a
	# front that plays a flaw to them
	testssl_run "$tmp/ts.json" -R -C -H -Z "127.0.0.1:$p"
	testssl_run "$tmp/ts-robot.json" -BB "127.0.0.1:$p"
	printf '%-15s %-10s %s\n' "$name" authaudit \
		"$(verdicts flaws authaudit "$tmp/aa.json")"
	printf '%-15s %-10s %s\n' "" sslscan \
		"$(verdicts flaws sslscan "$tmp/ss.txt")"
	printf '%-15s %-10s %s\n' "" testssl \
		"$(verdicts flaws testssl "$tmp/ts.json" "$tmp/ts-robot.json")"
done

# best COUNT CMD...: best wall seconds and its peak RSS over COUNT runs
best() {
	_c=$1
	shift
	_best=
	for _k in $(seq "$_c"); do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>&1
		_t=$(tail -n 1 "$tmp/time")
		if [ -z "$_best" ] || awk -v a="${_t% *}" -v b="${_best% *}" \
			'BEGIN { exit !(a < b) }'; then
			_best=$_t
		fi
	done
	echo "$_best"
}

echo
echo "probe: one full run on the legacy server, best of 5 (testssl.sh: one run)"
printf '%-44s %8s %10s\n' tool wall "peak RSS"
for row in "authaudit probe (all checks)|5|$bin probe -q --format json --ca-file $tmp/trust.pem --http-port $closed --alt-ports none https://127.0.0.1:$legacy/" \
	   "sslscan (protocols, every suite, cert)|5|sslscan --no-colour 127.0.0.1:$legacy" \
	   "testssl.sh (default run, once)|1|testssl --quiet --color 0 --warnings off --nodns none 127.0.0.1:$legacy"; do
	name=${row%%|*}
	rest=${row#*|}
	# shellcheck disable=SC2086
	r=$(best "${rest%%|*}" ${rest#*|})
	awk -v n="$name" -v t="${r% *}" -v m="${r#* }" \
		'BEGIN { printf "%-44s %6.3f s %7.1f MB\n", n, t, m / 1024 }'
done

echo
n=500
serve many --cert "$tmp/good.pem" --key "$tmp/good.key" --listen $n \
	--hsts max-age=31536000
sed 's|^|https://127.0.0.1:|; s|$|/|' "$tmp/many.ports" >"$tmp/targets.txt"
echo "probe: $n loopback endpoints (one server process on $(nproc) cores shares them)"
printf '%-44s %8s %10s %9s\n' tool wall "peak RSS" findings
for opts in "" "--per-host 32 --concurrency 64"; do
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" probe -q --format json \
		--ca-file "$tmp/trust.pem" --http-port "$closed" \
		--alt-ports none --targets "$tmp/targets.txt" $opts \
		>"$tmp/many.json" 2>/dev/null
	t=$(tail -n 1 "$tmp/time")
	f=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["findings"]), r["scan"]["endpoints_probed"])' "$tmp/many.json")
	awk -v n="authaudit probe ${opts:-(defaults: -j 32, --per-host 8)}" \
		-v t="${t% *}" -v m="${t#* }" -v f="${f% *}" \
		'BEGIN { printf "%-44s %6.2f s %7.1f MB %9s\n", n, t, m / 1024, f }'
	[ "${f#* }" = "$n" ] || echo "  (only ${f#* } of $n endpoints reported)"
done
