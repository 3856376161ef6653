#!/bin/sh
# Demo of `authaudit token` and `authaudit auth`: explain a few tokens,
# then probe the reference server (tests/fixtures/refserver.c) on
# 127.0.0.1, compliant and with several non-compliances switched on.
# Reports go to reports/. Usage: scripts/demo-auth.sh AUTHAUDIT FIXTURES
set -u
A=${1:?usage: $0 AUTHAUDIT FIXTURES}
FIXTURES=${2:?usage: $0 AUTHAUDIT FIXTURES}
export FIXTURES
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/e2e/lib/jwt.sh"
. "$here/tests/e2e/lib/refserver.sh"
out=$here/reports
mkdir -p "$out"
tmp=$(mktemp -d)
srv_pid=
trap 'stop_server; rm -rf "$tmp"' EXIT
now=$(date +%s)

echo "== authaudit token: a ten-year JWT signed with 'changeme'"
tok=$(jwt_hs256 changeme '{"alg":"HS256","typ":"JWT"}' \
	"{\"sub\":\"partner-7\",\"iat\":$now,\"exp\":$((now + 315360000))}")
"$A" token --profile vista-integration --no-color "$tok" |
	tee "$out/token.txt"
"$A" token --profile vista-integration --format json "$tok" \
	>"$out/token.json"

KEY="demo-$(openssl rand -hex 16)"
make_pki "$tmp" || exit 1
write_creds "$tmp" "$KEY"
for mode in compliant "--accept-alg-none --ten-year-tokens --no-revoke --no-captcha"; do
	name=auth-compliant
	# shellcheck disable=SC2086
	if [ "$mode" = compliant ]; then
		start_server "$tmp" "$KEY" || exit 1
	else
		name=auth-noncompliant
		start_server "$tmp" "$KEY" $mode || exit 1
	fi
	write_config "$tmp" "$port"
	echo "== authaudit auth: reference server, $mode"
	"$A" auth --config "$tmp/auth.yaml" --no-color | tee "$out/$name.txt"
	"$A" auth --config "$tmp/auth.yaml" --format json >"$out/$name.json"
	stop_server
done
echo "reports in $out: token.*, auth-compliant.*, auth-noncompliant.*"
