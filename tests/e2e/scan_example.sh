#!/bin/sh
# scan_example: `authaudit scan` of examples/acme-integration with the
# built-in rules reports exactly the findings in its EXPECTED file (no
# missing finding, no false alarm), never prints a planted secret without
# --show-secrets, prints it with it, and exits 0/1/2/3 as documented. No
# date in the example that a finding depends on comes due for decades, and
# every reporting command refuses a bad --format or --output up front.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ex=$root/examples/acme-integration
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"

# --- the findings -------------------------------------------------------
test_expect "the scan of the example: exit 1, a JSON report" '
	"$AUTHAUDIT" scan --quiet --format json "$ex" >"$tmp/out.json" \
		2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "scan of the example: exit $rc, want 1" \
		"(stderr: $(cat "$tmp/err"))"
	$report findings "$tmp/out.json" >"$tmp/found" ||
		test_fail "the JSON report does not parse"
	"$AUTHAUDIT" rules list >"$tmp/rules" 2>&1 ||
		test_fail "authaudit rules list failed: $(cat "$tmp/rules")"
'

# Every EXPECTED entry must name a loaded rule and be found; every
# finding must be expected.
as_expected() {
	python3 - "$ex/EXPECTED" "$tmp/found" "$tmp/rules" <<'EOF' || test_fail "see above"
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
}
test_expect "exactly the findings in EXPECTED" as_expected

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
secret.github.pat ghp_GXw5zMRl5frPi9NeFsFW5BVI18Ao4eSfi67K
secret.slack.bot-token xoxb-727561253526-8751648434831-95a4gDKbaEgXwZfQ1cSD652O
secret.stripe.secret-key sk_live_vHjHFFbp48WEXJC7ZcRZCh96hExzIpIQ
secret.database-url ftca4svm9zWxNV31eS
token.jwt-alg-none eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhY21lLXdlYiIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0Ijo0MTAwMDAwMDAwLCJleHAiOjQxMDAwMDM2MDB9.
token.jwt-lifetime eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImFjbWUtMjAyNiJ9.eyJzdWIiOiJwYXJ0bmVyLWFjbWUiLCJhdWQiOiJodHRwczovL3BhcnRuZXIudmlzdGEuY28vIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjQxMDI0NDQ4MDB9.aMwekHsOWsFSPg42V24wpd1Vl62dJdj0HxpHvPHelj0
EOF
"$AUTHAUDIT" scan --quiet --format text --no-color "$ex" >"$tmp/out.txt" \
	2>/dev/null
"$AUTHAUDIT" scan --quiet --format json --show-secrets "$ex" \
	>"$tmp/shown.json" 2>/dev/null
"$AUTHAUDIT" scan --quiet --format text --no-color --show-secrets "$ex" \
	>"$tmp/shown.txt" 2>/dev/null
# every planted id is a loaded rule that reports its value: a typo in an
# id must fail here, not skip the check
redacted() {
	while read -r rule value; do
		for f in out.json out.txt; do
			if grep -qF -- "$value" "$tmp/$f"; then
				test_fail "$f shows the $rule secret without" \
					"--show-secrets"
			fi
		done
		if ! cut -d' ' -f1 "$tmp/rules" | grep -qxF -- "$rule"; then
			test_fail "planted: '$rule' is not a loaded rule id"
			continue
		fi
		grep -q " $rule " "$tmp/found" ||
			test_fail "planted: rule $rule reports nothing in the" \
				"example"
		for f in shown.json shown.txt; do
			grep -qF -- "$value" "$tmp/$f" ||
				test_fail "$f lacks the $rule secret with" \
					"--show-secrets"
		done
	done <"$tmp/planted"
	return 0
}
test_expect "planted secrets hidden, shown only with --show-secrets" \
	redacted

# --- dates that findings depend on ----------------------------------------
# An expiry date asked for in a token request, and the exp/nbf/iat of every
# JWT, either lie in the past (expired on purpose: they stay so) or at
# least 50 years ahead; otherwise the example's findings change by
# themselves when that day comes.
dates() {
	python3 - "$ex" <<'EOF' || test_fail "see above"
import base64, json, os, re, sys, time
now = time.time()
horizon = now + 50 * 365.25 * 86400
bad = 0
def check(where, what, t):
    global bad
    if now < t < horizon:
        print("FAIL: %s: %s %d comes due in %s, within 50 years"
              % (where, what, t, time.strftime("%Y", time.gmtime(t))))
        bad = 1
jwt = re.compile(r"eyJ[A-Za-z0-9_-]+\.(eyJ[A-Za-z0-9_-]+)\.")
date = re.compile(r"token_expiration_date[\"']?\s*[:=]\s*[\"']?"
                  r"(\d{4})-(\d\d)-(\d\d)")
for d, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(d, name)
        rel = os.path.relpath(path, sys.argv[1])
        text = open(path, encoding="utf-8", errors="replace").read()
        for n, line in enumerate(text.split("\n"), 1):
            for m in jwt.finditer(line):
                body = m.group(1) + "=" * (-len(m.group(1)) % 4)
                try:
                    claims = json.loads(base64.urlsafe_b64decode(body))
                except ValueError:
                    continue
                for c in ("exp", "nbf", "iat"):
                    if isinstance(claims.get(c), (int, float)):
                        check("%s:%d" % (rel, n), c, claims[c])
            for m in date.finditer(line):
                y, mo, da = (int(g) for g in m.groups())
                t = time.mktime((min(y, 2999), mo, da, 0, 0, 0, 0, 0, -1))
                check("%s:%d" % (rel, n), "token_expiration_date", t)
sys.exit(bad)
EOF
}
test_expect "no date a finding depends on comes due within 50 years" dates

# --- exit status ----------------------------------------------------------
status() {	# status WANT DESCRIPTION ARGS...
	want=$1 what=$2
	shift 2
	"$AUTHAUDIT" scan --quiet "$@" >"$tmp/st.out" 2>"$tmp/st.err"
	got=$?
	[ "$got" -eq "$want" ] || test_fail "$what: exit $got, want $want" \
		"(stderr: $(head -c 300 "$tmp/st.err"))"
}
exits() {
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
	status 1 "go-client with --fail-on HIGH (as reports print it)" \
		--fail-on HIGH "$ex/go-client"
	status 0 "the whole example with --fail-on never (report only)" \
		--fail-on never "$ex"
	status 0 "the clean docs/ directory" "$ex/docs"
	# nothing to scan is status 3, with a notice that says so
	mkdir "$tmp/empty"
	status 3 "an empty directory" "$tmp/empty"
	grep -q "nothing was scanned" "$tmp/st.out" ||
		test_fail "an empty directory: no notice that nothing was scanned"
}
test_expect "exit 0, 1 and 3 as documented" exits

bad_options() {
	for opt in --no-such-option "--fail-on bogus" "--format bogus" \
		"--profile no-such-profile" "--max-file-size lots" \
		"--threads x"; do
		# shellcheck disable=SC2086 # the option and its value split
		status 2 "bad option '$opt'" $opt "$ex"
		! [ -s "$tmp/st.out" ] ||
			test_fail "bad option '$opt' printed a report"
		[ -s "$tmp/st.err" ] ||
			test_fail "bad option '$opt' printed no error"
	done
}
test_expect "a bad option is exit 2, an error and no report" bad_options

# a root that does not exist is a usage error (exit 2, as ripgrep),
# named, and nothing is scanned, even beside a readable root
missing_root() {
	status 2 "a nonexistent path" "$tmp/no-such-dir"
	status 2 "a nonexistent path and an empty directory" "$tmp/no-such-dir" \
		"$tmp/empty"
	grep -q "no-such-dir" "$tmp/st.err" ||
		test_fail "a nonexistent path was not named on stderr"
	"$AUTHAUDIT" scan --quiet --format json "$tmp/no-such-dir" "$ex/docs" \
		>"$tmp/st.out" 2>"$tmp/st.err"
	got=$?
	[ "$got" -eq 2 ] || test_fail "missing + clean root: exit $got, want 2"
	grep -q "no-such-dir" "$tmp/st.err" ||
		test_fail "missing + clean root: the missing root is not named"
	! [ -s "$tmp/st.out" ] ||
		test_fail "missing + clean root: a report was written"
}
test_expect "a root that does not exist is exit 2, named, nothing scanned" \
	missing_root

# --- option errors before any work, for every reporting command ----------
# (run.c checks them for all; probe is given a port nothing listens on, so
# only an early error keeps it from probing)
tok='eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
early_errors() {
	for cmd in "scan $ex/docs" "token $tok" "probe https://127.0.0.1:9/"; do
		name=${cmd%% *}
		# shellcheck disable=SC2086 # the command and its argument split
		"$AUTHAUDIT" $cmd --quiet --format bogus >"$tmp/fmt.out" \
			2>"$tmp/fmt.err" </dev/null
		got=$?
		[ "$got" -eq 2 ] || test_fail "$name --format bogus: exit $got, want 2"
		grep -q "unknown format 'bogus'" "$tmp/fmt.err" ||
			test_fail "$name --format bogus: $(head -c 300 "$tmp/fmt.err")"
		! [ -s "$tmp/fmt.out" ] ||
			test_fail "$name --format bogus printed a report"
		# shellcheck disable=SC2086
		"$AUTHAUDIT" $cmd --quiet -o "$tmp/no-such-dir/r.txt" >"$tmp/out.out" \
			2>"$tmp/out.err" </dev/null
		got=$?
		[ "$got" -eq 2 ] ||
			test_fail "$name unwritable --output: exit $got, want 2"
		grep -q "cannot write '$tmp/no-such-dir/r.txt'" "$tmp/out.err" ||
			test_fail "$name unwritable --output:" \
				"$(head -c 300 "$tmp/out.err")"
	done
}
test_expect "scan, token, probe: a bad --format or --output before any work" \
	early_errors

# a run that fails after --output was opened leaves no new file behind,
# and an old report in its place untouched
failed_run() {
	"$AUTHAUDIT" scan --quiet -o "$tmp/new.json" --baseline "$tmp/none.json" \
		"$ex/docs" >/dev/null 2>&1
	! [ -e "$tmp/new.json" ] ||
		test_fail "a failed run left its --output file behind"
	echo 'old report' >"$tmp/old.txt"
	"$AUTHAUDIT" scan --quiet -o "$tmp/old.txt" --baseline "$tmp/none.json" \
		"$ex/docs" >/dev/null 2>&1
	[ "$(cat "$tmp/old.txt")" = "old report" ] ||
		test_fail "a failed run emptied the old --output file"
}
test_expect "a failed run leaves no --output, nor empties an old one" \
	failed_run
# the output may be the baseline it replaces: read first, then written
self_baseline() {
	"$AUTHAUDIT" scan --quiet --format json -o "$tmp/self.json" "$ex/go-client" \
		>/dev/null 2>&1
	"$AUTHAUDIT" scan --quiet --format json --baseline "$tmp/self.json" \
		-o "$tmp/self.json" "$ex/go-client" >/dev/null 2>"$tmp/self.err"
	got=$?
	[ "$got" -eq 0 ] || test_fail "--baseline F -o F: exit $got, want 0" \
		"($(head -c 300 "$tmp/self.err"))"
	[ "$($report findings "$tmp/self.json" | wc -l)" -eq 0 ] ||
		test_fail "--baseline F -o F: findings not suppressed"
}
test_expect "the output may be the baseline it replaces" self_baseline
test_done
