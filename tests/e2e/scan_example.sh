#!/bin/sh
# scan_example: `authaudit scan` of examples/acme-integration with the
# built-in rules reports exactly the findings in its EXPECTED file (no
# missing finding, no false alarm), never prints a planted secret without
# --show-secrets, prints it with it, and exits 0/1/2/3 as documented.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ex=$root/examples/acme-integration
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

# --- the findings -------------------------------------------------------
"$AUTHAUDIT" scan --quiet --format json "$ex" >"$tmp/out.json" \
	2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || bad "scan of the example: exit $rc, want 1" \
	"(stderr: $(cat "$tmp/err"))"
$report findings "$tmp/out.json" >"$tmp/found" ||
	bad "the JSON report does not parse"
"$AUTHAUDIT" rules list >"$tmp/rules" 2>&1 ||
	bad "authaudit rules list failed: $(cat "$tmp/rules")"

# Every EXPECTED entry must name a loaded rule and be found; every
# finding must be expected.
python3 - "$ex/EXPECTED" "$tmp/found" "$tmp/rules" <<'EOF' || fail=1
import sys
exp_file, found_file, rules_file = sys.argv[1:4]
loaded = set()
for line in open(rules_file):
    w = line.split()
    if w:
        loaded.add(w[0])
expected, skipped = set(), []
for n, line in enumerate(open(exp_file), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    where, _, rule = line.partition(" ")
    path, _, lno = where.rpartition(":")
    if not path or not lno.isdigit() or not rule:
        print("FAIL: EXPECTED:%d: not 'path:line rule-id': %s" % (n, line))
        sys.exit(1)
    if rule in loaded:
        expected.add((path, int(lno), rule))
    else:
        skipped.append(line)
found = set()
for line in open(found_file):
    where, rule = line.split()[:2]
    path, lno, _col = where.rsplit(":", 2)
    found.add((path, int(lno), rule))
missing = sorted(expected - found)
extra = sorted(found - expected)
for p, l, r in missing:
    print("FAIL: missing finding   %s:%d %s" % (p, l, r))
for p, l, r in extra:
    print("FAIL: unexpected finding %s:%d %s" % (p, l, r))
for s in skipped:
    print("FAIL: EXPECTED names a rule that is not loaded: %s" % s)
print("example: %d expected findings checked, %d found, %d not loaded"
      % (len(expected), len(found), len(skipped)))
sys.exit(1 if missing or extra or skipped else 0)
EOF

# --- secrets are redacted unless --show-secrets ------------------------
# rule id and a value planted for it in the example
cat >"$tmp/planted" <<'EOF'
presto.token 7|KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi34zWH
presto.token 12|presto_8xMS9BMoXOJrLo8F2nXMzqQdgCWwDllJtWR6zqlIc632b473
reseller.apikey ak_live_4d6e2aad4ebbd0c6d548d393c5f96e75
reseller.apikey ak_live_c454fa23d827923c76e6b5d17fa2dd80
vista.api-key f7a7e06d7c1c400911d31690a8ff606e
vista.client-secret Sa7XXhV6L9uf9D8DXa-RAnfBmKOO5KMOZPI-oVpbR2CDjlt1
vista.gas-password BC5Gco7fcopoFShyAO9H
secret.github-token ghp_GXw5zMRl5frPi9NeFsFW5BVI18Ao4eSfi67K
secret.slack-token xoxb-727561253526-8751648434831-95a4gDKbaEgXwZfQ1cSD652O
secret.stripe-secret-key sk_live_vHjHFFbp48WEXJC7ZcRZCh96hExzIpIQ
secret.postgres-url ftca4svm9zWxNV31eS
token.jwt-alg-none eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhY21lLXdlYiIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0Ijo0MTAwMDAwMDAwLCJleHAiOjQxMDAwMDM2MDB9.
token.jwt-lifetime eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImFjbWUtMjAyNiJ9.eyJzdWIiOiJwYXJ0bmVyLWFjbWUiLCJhdWQiOiJodHRwczovL3BhcnRuZXIudmlzdGEuY28vIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjIwODI3NTg0MDB9.JPgyqLVeD5c9uWStDp9qXb0RcQGtZbfLAG4750Mg2MY
EOF
"$AUTHAUDIT" scan --quiet --format text --no-color "$ex" >"$tmp/out.txt" \
	2>/dev/null
"$AUTHAUDIT" scan --quiet --format json --show-secrets "$ex" \
	>"$tmp/shown.json" 2>/dev/null
"$AUTHAUDIT" scan --quiet --format text --no-color --show-secrets "$ex" \
	>"$tmp/shown.txt" 2>/dev/null
shown=0
while read -r rule value; do
	for f in out.json out.txt; do
		if grep -qF -- "$value" "$tmp/$f"; then
			bad "$f shows the $rule secret without --show-secrets"
		fi
	done
	grep -q " $rule " "$tmp/found" || continue
	shown=$((shown + 1))
	for f in shown.json shown.txt; do
		grep -qF -- "$value" "$tmp/$f" ||
			bad "$f lacks the $rule secret with --show-secrets"
	done
done <"$tmp/planted"
[ "$shown" -gt 0 ] || bad "no planted secret was reported at all"

# --- exit status ----------------------------------------------------------
status() {	# status WANT DESCRIPTION ARGS...
	want=$1 what=$2
	shift 2
	"$AUTHAUDIT" scan --quiet "$@" >"$tmp/st.out" 2>"$tmp/st.err"
	got=$?
	[ "$got" -eq "$want" ] || bad "$what: exit $got, want $want" \
		"(stderr: $(head -c 300 "$tmp/st.err"))"
}
if $report severities "$tmp/out.json" | grep -x critical >/dev/null; then
	status 1 "--fail-on critical with a critical finding" \
		--fail-on critical "$ex"
else
	status 0 "--fail-on critical without a critical finding" \
		--fail-on critical "$ex"
fi
# go-client/ holds only high-severity findings
status 0 "go-client with --fail-on critical" --fail-on critical \
	"$ex/go-client"
status 1 "go-client with --fail-on high" --fail-on high "$ex/go-client"
status 0 "the clean docs/ directory" "$ex/docs"
mkdir "$tmp/empty"
status 0 "an empty directory" "$tmp/empty"

for opt in --no-such-option "--fail-on bogus" "--format bogus" \
	"--profile no-such-profile" "--max-file-size lots" "--threads x"; do
	# shellcheck disable=SC2086 # the option and its value split on purpose
	status 2 "bad option '$opt'" $opt "$ex"
	[ -s "$tmp/st.out" ] && bad "bad option '$opt' printed a report"
	[ -s "$tmp/st.err" ] || bad "bad option '$opt' printed no error"
done

status 3 "a nonexistent path" "$tmp/no-such-dir"
[ -s "$tmp/st.err" ] || [ -s "$tmp/st.out" ] ||
	bad "a nonexistent path was not mentioned anywhere"
# one readable root is enough: the missing one is a notice, not status 3
"$AUTHAUDIT" scan --quiet --format json "$tmp/no-such-dir" "$ex/docs" \
	>"$tmp/st.out" 2>"$tmp/st.err"
got=$?
[ "$got" -eq 0 ] || bad "missing + clean root: exit $got, want 0"
grep -q "no-such-dir" "$tmp/st.out" "$tmp/st.err" ||
	bad "missing + clean root: the missing root is not mentioned"

exit $fail
