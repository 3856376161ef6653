#!/bin/sh
# scan_walk: the walker on an awkward tree. Symlinks are never followed (a
# loop cannot hang the scan, a link out of the root is not read), a FIFO
# is skipped without blocking, an unreadable file is a notice, binary and
# oversized files are skipped, --exclude drops paths, positions are exact
# after CRLF, tab and invalid UTF-8, and `authaudit:allow` suppresses a
# line unless --no-inline-allow.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/rules_env.sh"
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
make_rules "$tmp/rules"
AUTHAUDIT_RULES=$tmp/rules
export AUTHAUDIT_RULES
# a guard against a hang (a FIFO opened for reading blocks), not a timing
guard=""
command -v timeout >/dev/null 2>&1 && guard="timeout 300"

t=$tmp/tree
mkdir -p "$t/skipme" "$t/gen" "$tmp/outside"
v='requests.get(u, verify=False)'
printf 'import requests\n%s\n' "$v" >"$t/app.py"
printf '%s\n' "$v" >"$t/skipme/x.py"
printf '%s\n' "$v" >"$t/gen/y.generated.py"
printf '%s  # authaudit:allow (loopback mock)\n' "$v" >"$t/allowed.py"
printf '%s\n' "$v" >"$tmp/outside/leak.py"
# binary: a NUL in the first bytes, the setting after it
printf '\0\0\0\1bin\n%s\n' "$v" >"$t/bin.dat"
# over 1 KiB: 40 lines of padding, the setting on line 41
i=0
: >"$t/big.py"
while [ $i -lt 40 ]; do
	echo "# padding padding padding padding padding padding" >>"$t/big.py"
	i=$((i + 1))
done
printf '%s\n' "$v" >>"$t/big.py"
# CRLF, a tab, invalid UTF-8 (\377 \376) and a two-byte character before
# the settings: verify at line 5 column 23 (\t, e-acute, \377, ' ', '=',
# ' ', 16 characters of 'requests.get(u, '), the JWT at line 6 column 9
jwt='eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhY21lLXdlYiIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0Ijo0MTAwMDAwMDAwLCJleHAiOjQxMDAwMDM2MDB9.'
printf '# crlf file\r\n\tindented = 1\r\nbad = "\377\376"\r\n\r\n\t\303\251\377 = %s\r\n\ttok = "%s"\r\n' \
	"$v" "$jwt" >"$t/crlf.py"
# links: a loop to the root, a dangling pair, links out of the root
ln -s . "$t/loop"
ln -s b "$t/a"
ln -s a "$t/b"
ln -s "$tmp/outside/leak.py" "$t/out.py"
ln -s "$tmp/outside" "$t/outdir"
mkfifo "$t/pipe"
if [ "$(id -u)" -ne 0 ]; then
	printf '%s\n' "$v" >"$t/locked.py"
	chmod 000 "$t/locked.py"
fi

scan() {	# scan NAME ARGS...: JSON report in $tmp/NAME.json, findings in
		# $tmp/NAME (PATH:LINE:COL RULE), exit status in $rc
	name=$1
	shift
	$guard "$AUTHAUDIT" scan --quiet --format json "$@" "$t" \
		>"$tmp/$name.json" 2>"$tmp/$name.err"
	rc=$?
	$report findings "$tmp/$name.json" | cut -d' ' -f1,2 |
		sort >"$tmp/$name" || bad "$name: the JSON report does not parse"
}
want() {	# want NAME FINDING...: exactly these findings
	name=$1
	shift
	printf '%s\n' "$@" | sort >"$tmp/$name.want"
	if ! cmp -s "$tmp/$name.want" "$tmp/$name"; then
		bad "$name: findings differ (- wanted, + got):"
		diff "$tmp/$name.want" "$tmp/$name" | grep '^[<>]' |
			sed 's/^</   -/; s/^>/   +/'
	fi
}

py=transport.tls-verify.python
scan plain
[ "$rc" -eq 1 ] || bad "plain: exit $rc, want 1 ($(cat "$tmp/plain.err"))"
want plain "app.py:2:17 $py" "big.py:41:17 $py" "crlf.py:5:23 $py" \
	"crlf.py:6:9 token.jwt-alg-none" "gen/y.generated.py:1:17 $py" \
	"skipme/x.py:1:17 $py"
if [ "$(id -u)" -ne 0 ]; then
	grep -q "locked.py" "$tmp/plain.json" "$tmp/plain.err" ||
		bad "plain: the unreadable locked.py is not mentioned"
fi

scan excluded --exclude skipme --exclude '*.generated.py' \
	--max-file-size 1K
[ "$rc" -eq 1 ] || bad "excluded: exit $rc, want 1"
want excluded "app.py:2:17 $py" "crlf.py:5:23 $py" \
	"crlf.py:6:9 token.jwt-alg-none"

scan noallow --no-inline-allow
want noallow "allowed.py:1:17 $py" "app.py:2:17 $py" "big.py:41:17 $py" \
	"crlf.py:5:23 $py" "crlf.py:6:9 token.jwt-alg-none" \
	"gen/y.generated.py:1:17 $py" "skipme/x.py:1:17 $py"

# the root given as a link is followed (the user named it)
ln -s "$t" "$tmp/tree-link"
$guard "$AUTHAUDIT" scan --quiet --format json "$tmp/tree-link" \
	>"$tmp/link.json" 2>/dev/null
$report findings "$tmp/link.json" | grep -q "^app.py:2:17 $py" ||
	bad "a root that is a symlink to a directory was not scanned"

# a single file as the root
$guard "$AUTHAUDIT" scan --quiet --format json "$t/app.py" \
	>"$tmp/file.json" 2>/dev/null
rc=$?
[ "$rc" -eq 1 ] || bad "single file root: exit $rc, want 1"
$report findings "$tmp/file.json" | grep -q ":2:17 $py" ||
	bad "single file root: finding missing"

exit $fail
