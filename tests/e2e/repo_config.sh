#!/bin/sh
# repo_config: .authaudit.yaml in the scanned root sets the profile,
# excludes, allow-list, fail-on and format of a scan, and the command line
# wins over it; --config names another, --no-config reads none; a broken
# config stops the scan (exit 2) with every error at its file:line:column,
# and `authaudit config check` tells the same errors or prints the
# settings; contexts: globs move files into a context before the built-in
# path table; `config init` writes a template that checks clean and never
# overwrites.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
AUTHAUDIT_RULES=$root/rules
export AUTHAUDIT_RULES

t=$tmp/tree
mkdir -p "$t/app" "$t/vendor" "$t/examples"
cp "$root/examples/acme-integration/.env" "$t/app/.env"
cp "$root/examples/acme-integration/.env" "$t/vendor/.env"
cp "$root/examples/acme-integration/.env" "$t/examples/.env"
rules_of() {	# rules_of REPORT.json: "PATH RULE SEVERITY" lines
	python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["location"]["path"], f["rule"], f["severity"])' "$1"
}
scan() {	# scan NAME ARGS...: $tmp/NAME.out, .err, status in rc
	name=$1
	shift
	"$AUTHAUDIT" scan --quiet "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
}

test_expect "without a config every copy is reported, text, exit 1" '
	scan plain "$t"
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1"
	grep -q "/app/.env:4:" "$tmp/plain.out" &&
		grep -q "/vendor/.env:4:" "$tmp/plain.out" ||
		test_fail "text report: $(head -3 "$tmp/plain.out")"
'

cat >"$t/.authaudit.yaml" <<'YAML'
# the team's settings
version: 1
profile: default
exclude: ["vendor/**"]
allow:
  paths: ["examples/**"]
  values: ["sk_live_vHjHFFbp48WEXJC7ZcRZCh96hExzIpIQ"]
fail_on: critical
format: json
contexts:
  test: ["tests/**"]
YAML

test_expect "the config excludes, allows, sets the format and fail_on" '
	scan cfg "$t"
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1 (critical findings)"
	rules_of "$tmp/cfg.out" >"$tmp/cfg.rules" ||
		test_fail "the config format json is not JSON: $(head -c 200 "$tmp/cfg.out")"
	! grep -q "^vendor/" "$tmp/cfg.rules" ||
		test_fail "exclude: vendor/** was scanned"
	! grep -q "^examples/" "$tmp/cfg.rules" ||
		test_fail "allow.paths: examples/** was reported"
	! grep -q "stripe" "$tmp/cfg.rules" ||
		test_fail "allow.values: the Stripe key was reported"
	grep -q "^app/.env secret.aws.secret-access-key critical" \
		"$tmp/cfg.rules" || test_fail "app/.env: $(cat "$tmp/cfg.rules")"
	python3 -c "import json,sys; b=json.load(open(sys.argv[1]))[\"baseline\"]
assert b[\"suppressed_ignored\"] > 0, b" "$tmp/cfg.out" ||
		test_fail "allow.paths findings not counted as suppressed"
'

test_expect "the command line wins: --format, --fail-on, --profile" '
	scan cli "$t" --format text --fail-on never
	[ "$rc" -eq 0 ] || test_fail "--fail-on never: exit $rc, want 0"
	grep -q "/app/.env:4:" "$tmp/cli.out" ||
		test_fail "--format text did not win: $(head -c 200 "$tmp/cli.out")"
	scan prof "$t" --profile no-such-profile
	[ "$rc" -eq 2 ] && grep -q "unknown profile .no-such-profile." \
		"$tmp/prof.err" || test_fail "--profile: exit $rc, $(cat "$tmp/prof.err")"
'

test_expect "--no-config reads none; --config names another" '
	scan none "$t" --no-config --format json
	rules_of "$tmp/none.out" | grep -q "^vendor/" ||
		test_fail "--no-config still excluded vendor/"
	printf "fail_on: never\nformat: json\n" >"$tmp/other.yaml"
	scan other "$t" --config "$tmp/other.yaml"
	[ "$rc" -eq 0 ] || test_fail "--config other.yaml: exit $rc, want 0"
	rules_of "$tmp/other.out" | grep -q "^vendor/" ||
		test_fail "--config other.yaml still read the root config"
	scan both "$t" --config "$tmp/other.yaml" --no-config
	[ "$rc" -eq 2 ] || test_fail "--config with --no-config: exit $rc"
'

test_expect "config check prints the settings a scan would use" '
	"$AUTHAUDIT" config check "$t" >"$tmp/check.out" 2>"$tmp/check.err" ||
		test_fail "config check: exit $?: $(cat "$tmp/check.err")"
	for want in "config: *$t/.authaudit.yaml" "profile: *default (config)" \
		"exclude: *vendor/\*\*" "allow.paths: *examples/\*\*" \
		"allow.values: *1 (not shown)" "fail_on: *critical (config)" \
		"format: *json (config)" "contexts: *test=tests/\*\*" \
		"ignore_file: *none"; do
		grep -q "^$want\$" "$tmp/check.out" ||
			test_fail "config check: no line $want in $(cat "$tmp/check.out")"
	done
	! grep -q "sk_live" "$tmp/check.out" ||
		test_fail "config check printed an allowed secret"
	mkdir "$tmp/empty"
	"$AUTHAUDIT" config check "$tmp/empty" >"$tmp/empty.out" ||
		test_fail "config check of a root without config: exit $?"
	grep -q "^no .authaudit.yaml in $tmp/empty: the defaults apply" \
		"$tmp/empty.out" && grep -q "^fail_on: *low (default)" \
		"$tmp/empty.out" || test_fail "defaults: $(cat "$tmp/empty.out")"
'

# contexts: a team's own test folder ("qa/", which the built-in path
# table calls production) is moved into test by the config's glob, and
# --exclude-context test then drops what is there, counted.
c=$tmp/ctx
mkdir -p "$c/app" "$c/qa/login"
cp "$t/app/.env" "$c/app/.env"
cp "$t/app/.env" "$c/qa/login/.env"
contexts_of() {	# contexts_of REPORT.json: "PATH CONTEXT" lines, sorted
	python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["location"]["path"], f["context"])' "$1" | sort -u
}

test_expect "contexts: without the glob qa/ is production" '
	scan ctx-none "$c" --format json
	contexts_of "$tmp/ctx-none.out" >"$tmp/ctx-none.ctx"
	printf "app/.env production\nqa/login/.env production\n" \
		>"$tmp/ctx-none.want"
	test_cmp "$tmp/ctx-none.want" "$tmp/ctx-none.ctx"
'

cat >"$c/.authaudit.yaml" <<'YAML'
version: 1
format: json
contexts:
  test: ["qa/**"]
YAML

test_expect "contexts: the config glob makes qa/ test, first" '
	scan ctx "$c"
	contexts_of "$tmp/ctx.out" >"$tmp/ctx.ctx"
	printf "app/.env production\nqa/login/.env test\n" >"$tmp/ctx.want"
	test_cmp "$tmp/ctx.want" "$tmp/ctx.ctx"
	python3 -c "import json,sys; s=json.load(open(sys.argv[1]))[\"summary\"]
assert s[\"by_context\"][\"test\"] > 0 and s[\"by_context\"][\"production\"] == s[\"by_context\"][\"test\"], s" \
		"$tmp/ctx.out" || test_fail "summary by_context"
'

test_expect "contexts: --exclude-context test drops qa/, counted" '
	scan ctx-x "$c" --exclude-context test
	contexts_of "$tmp/ctx-x.out" >"$tmp/ctx-x.ctx"
	printf "app/.env production\n" >"$tmp/ctx-x.want"
	test_cmp "$tmp/ctx-x.want" "$tmp/ctx-x.ctx"
	python3 -c "import json,sys
got, was = (json.load(open(f))[\"summary\"] for f in sys.argv[1:])
assert got[\"excluded_by_context\"] == was[\"by_context\"][\"test\"] > 0, got" \
		"$tmp/ctx-x.out" "$tmp/ctx.out" ||
		test_fail "excluded_by_context does not count the qa/ findings"
'

test_expect "contexts: a name that is not a context is an error" '
	printf "contexts:\n  vendor: [\"qa/**\"]\n" >"$tmp/badctx.yaml"
	scan badctx "$c" --config "$tmp/badctx.yaml"
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	grep -q "^authaudit: $tmp/badctx.yaml:2:3: the repository config: unknown context ${SQ}vendor${SQ}" \
		"$tmp/badctx.err" || test_fail "$(cat "$tmp/badctx.err")"
'

b=$tmp/broken
mkdir -p "$b"
cp "$t/app/.env" "$b/.env"
cat >"$b/.authaudit.yaml" <<'YAML'
version: 1
profile: nosuch
fail_on: severe
exclude: {a: b}
format: pdf
rules: no-such-folder
allow:
  path: [x]
YAML
cat >"$tmp/broken.want" <<WANT
$b/.authaudit.yaml:3:10: the repository config: 'fail_on' is one of info, low, medium, high, critical, never; not 'severe'
$b/.authaudit.yaml:4:10: the repository config: 'exclude' must be a list of strings
$b/.authaudit.yaml:5:9: the repository config: 'format': unknown format 'pdf' (known: text, json, sarif, junit, markdown, html; several with commas, e.g. json,sarif)
$b/.authaudit.yaml:8:3: the repository config: unknown key 'path' (known: paths, values)
WANT

test_expect "a broken config: every error at once, scan and check exit 2" '
	scan broken "$b"
	[ "$rc" -eq 2 ] || test_fail "scan with a broken config: exit $rc"
	[ ! -s "$tmp/broken.out" ] || test_fail "a report was written"
	grep "^authaudit: $b" "$tmp/broken.err" | sed "s/^authaudit: //" \
		>"$tmp/broken.got"
	test_cmp "$tmp/broken.want" "$tmp/broken.got"
	"$AUTHAUDIT" config check "$b" >/dev/null 2>"$tmp/check-b.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "config check: exit $rc, want 2"
	grep "^authaudit: $b/" "$tmp/check-b.err" | sed "s/^authaudit: //" \
		>"$tmp/check-b.got"
	test_cmp "$tmp/broken.want" "$tmp/check-b.got"
	grep -q "^authaudit: 4 errors in $b/.authaudit.yaml\$" \
		"$tmp/check-b.err" || test_fail "no count: $(tail -1 "$tmp/check-b.err")"
'

test_expect "config check: a profile or rules folder that is not there" '
	printf "version: 1\nprofile: nosuch\nrules: gone\n" >"$b/.authaudit.yaml"
	"$AUTHAUDIT" config check "$b" >/dev/null 2>"$tmp/deep.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	grep -q "^authaudit: $b/.authaudit.yaml:3:8: the repository config: ${SQ}rules${SQ}: ${SQ}$b/gone${SQ} is not a folder" \
		"$tmp/deep.err" &&
	grep -q "^authaudit: $b/.authaudit.yaml:2:10: the repository config: unknown profile ${SQ}nosuch${SQ}" \
		"$tmp/deep.err" || test_fail "$(cat "$tmp/deep.err")"
'

test_expect "config init writes a template that checks clean, once" '
	mkdir "$tmp/new"
	"$AUTHAUDIT" config init "$tmp/new" >"$tmp/init.out" ||
		test_fail "config init: exit $?"
	[ -f "$tmp/new/.authaudit.yaml" ] || test_fail "no file written"
	"$AUTHAUDIT" config check "$tmp/new" >"$tmp/init-check.out" \
		2>"$tmp/init-check.err" ||
		test_fail "the template does not check: $(cat "$tmp/init-check.err")"
	"$AUTHAUDIT" config init "$tmp/new" 2>"$tmp/init2.err"
	rc=$?
	[ "$rc" -eq 2 ] && grep -q "exists already" "$tmp/init2.err" ||
		test_fail "a second init: exit $rc, $(cat "$tmp/init2.err")"
'

test_done
