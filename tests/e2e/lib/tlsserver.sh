# Shared by the probe_* e2e tests (sourced, not run): a test PKI made now
# by the certgen fixture, tlsserver fixtures started on 127.0.0.1 (or ::1)
# ephemeral ports, and the findings of a probe report as rule:severity.

# pki DIR: ca, intermediate, trust.pem and every leaf (see DIR/README)
pki() {
	"$FIXTURES/certgen" "$1" || fail "certgen failed"
}

# serve DIR ARGS...: start tlsserver with ARGS; sets $port (its first
# port) and $ports (all of them) and remembers the pid for serve_stop_all
serve() {
	_d=$1
	shift
	_n=$((${_n_srv:-0} + 1))
	_n_srv=$_n
	"$FIXTURES/tlsserver" --log "$_d/srv$_n.log" "$@" \
		>"$_d/srv$_n.ports" 2>>"$_d/srv.err" &
	_pids="${_pids:-} $!"
	_i=0
	while [ ! -s "$_d/srv$_n.ports" ] && [ $_i -lt 200 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	# the last port line is written before the server accepts
	sleep 0.02
	ports=$(cat "$_d/srv$_n.ports")
	port=$(head -n 1 "$_d/srv$_n.ports")
	log="$_d/srv$_n.log"
	[ -n "$port" ] || fail "tlsserver $* did not start: $(cat "$_d/srv.err")"
}

# hostile DIR MODE BACKEND-PORT ARGS...: start the hostile_tls front in
# MODE before a server on BACKEND-PORT; sets $port (the front's) and $log,
# and serve_stop_all ends it too
hostile() {
	_d=$1 _m=$2 _b=$3
	shift 3
	_n=$((${_n_srv:-0} + 1))
	_n_srv=$_n
	"$FIXTURES/hostile_tls" --log "$_d/srv$_n.log" --mode "$_m" \
		--backend "$_b" "$@" >"$_d/srv$_n.ports" 2>>"$_d/srv.err" &
	_pids="${_pids:-} $!"
	_i=0
	while [ ! -s "$_d/srv$_n.ports" ] && [ $_i -lt 200 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	port=$(head -n 1 "$_d/srv$_n.ports")
	log="$_d/srv$_n.log"
	[ -n "$port" ] ||
		fail "hostile_tls $_m did not start: $(cat "$_d/srv.err")"
}

serve_stop_all() {
	for _p in ${_pids:-}; do
		kill "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	_pids=
}

# closed_port DIR: sets $closed, a loopback port that refuses connections
# for as long as the test runs: bound but never listening, so no later
# server is given it
closed_port() {
	rm -f "$1/closed.port"
	python3 -c 'import socket, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
time.sleep(3600)' >"$1/closed.port" &
	_hold_pids="${_hold_pids:-} $!"
	_i=0
	while [ ! -s "$1/closed.port" ] && [ $_i -lt 250 ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	closed=$(cat "$1/closed.port")
	[ -n "$closed" ] || fail "cannot hold a closed port"
}

# release_ports: end what closed_port holds (for the EXIT trap)
release_ports() {
	for _p in ${_hold_pids:-}; do
		kill "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	_hold_pids=
}

# summary REPORT: "rule:severity" of every finding, sorted, one line
summary() {
	python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(sorted("%s:%s" % (f["rule"], f["severity"])
                      for f in r["findings"])))
PY
}

# expect WHAT WANT GOT
expect() {
	[ "$2" = "$3" ] || fail "$1: want [$2], got [$3]"
	echo "ok: $1: [$3]"
}
