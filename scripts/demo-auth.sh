#!/bin/sh
# make demo, second part: `authaudit token` on a deliberately bad JWT, and
# `authaudit auth` against the reference server (tests/fixtures/refserver.c)
# on 127.0.0.1, first compliant, then with several non-compliances on.
# Usage: scripts/demo-auth.sh PATH-TO-AUTHAUDIT FIXTURES-DIR
# Writes reports/demo-token.*, reports/demo-auth-compliant.* and
# reports/demo-auth-noncompliant.*; exits 0 unless a command fails with
# status 2 or 3 (findings are the point of the demo).
set -u
cd "$(dirname "$0")/.."
A=${1:?usage: $0 AUTHAUDIT FIXTURES}
FIXTURES=${2:?usage: $0 AUTHAUDIT FIXTURES}
export FIXTURES
. tests/e2e/lib/jwt.sh
. tests/e2e/lib/refserver.sh
mkdir -p reports
tmp=$(mktemp -d)
srv_pid=
trap 'stop_server; rm -rf "$tmp"' EXIT

run() {
	"$A" "$@"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "demo: authaudit $1 failed with status $rc" >&2
		exit "$rc"
	fi
}

now=$(date +%s)
tok=$(jwt_hs256 changeme '{"alg":"HS256","typ":"JWT"}' \
	"{\"sub\":\"partner-7\",\"iat\":$now,\"exp\":$((now + 315360000))}")
echo "== authaudit token: a ten-year partner JWT signed with a weak secret"
run token --profile vista-integration --no-color "$tok" |
	tee reports/demo-token.txt
run token --profile vista-integration --format json \
	--output reports/demo-token.json "$tok"

KEY="demo-$(openssl rand -hex 16)"
make_pki "$tmp" || exit 1
write_creds "$tmp" "$KEY"
for mode in compliant \
	"--accept-alg-none --ten-year-tokens --no-revoke --no-captcha"; do
	name=demo-auth-compliant
	if [ "$mode" = compliant ]; then
		start_server "$tmp" "$KEY" || exit 1
	else
		name=demo-auth-noncompliant
		# shellcheck disable=SC2086
		start_server "$tmp" "$KEY" $mode || exit 1
	fi
	write_config "$tmp" "$port" "$http_port"
	run auth --config "$tmp/auth.yaml" --format json \
		--output "reports/$name.json"
	run auth --config "$tmp/auth.yaml" --no-color \
		--output "reports/$name.txt"
	stop_server
	echo
	echo "== authaudit auth: the reference server, $mode"
	cat "reports/$name.txt"
done
echo
echo "Reports: reports/demo-token.*, reports/demo-auth-compliant.*," \
	"reports/demo-auth-noncompliant.*"
exit 0
