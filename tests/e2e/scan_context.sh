#!/bin/sh
# scan_context: each finding's context (production, test, example, docs)
# from its path, shown in every format, ranked after production, lowered
# by --context-severity or a profile's context_severity and left out by
# --exclude-context (docs/context.md); translation text and passwords
# outside Vista's context are no finding.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"

# The same made-up AWS secret in four places, and text that is none.
mkdir -p "$tmp/t/src" "$tmp/t/tests" "$tmp/t/docs" "$tmp/t/examples" \
	"$tmp/t/i18n" "$tmp/rules"
key='aws_secret_access_key = "Qm3ZkT8vR2pL6xN9cW4bY7hJ1fD5sA0gE2uK8oV3"'
printf '%s\n' "$key" >"$tmp/t/src/settings.py"
printf '%s\n' "$key" >"$tmp/t/tests/test_settings.py"
printf '%s\n' "$key" >"$tmp/t/docs/setup.md"
printf '%s\n' "$key" >"$tmp/t/examples/app.py"
cat >"$tmp/t/i18n/ja.json" <<'JSON'
{"MANDATORY_PASSWORD": "パスワードを入力してください",
 "PASSWORD": "Wachtwoord",
 "hint": {"password": "Please enter your password"}}
JSON
printf 'proxy = manager(username=username, password=password,)\n' \
	>"$tmp/t/src/adapters.py"
cat >"$tmp/rules/ctx.yaml" <<'YAML'
profiles:
  - name: quiet-tests
    title: Tests and docs reported low
    rules: ['*']
    params:
      context_severity: test=low,docs=info
      exclude_context: [example]
YAML

scan() {
	"$AUTHAUDIT" scan --quiet --fail-on never "$@" "$tmp/t"
}

test_expect "JSON: a context per finding, production first" '
	scan --format json >"$tmp/out.json" || test_fail "scan failed"
	python3 - "$tmp/out.json" >"$tmp/got" <<PY || test_fail "bad JSON"
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["findings"]:
    print(f["context"], f["location"]["path"], f["rule"], f["severity"])
s = d["summary"]
print(d["schema_version"], s["by_context"], s["excluded_by_context"])
PY
	cat >"$tmp/want" <<WANT
production src/settings.py secret.aws.secret-access-key critical
test tests/test_settings.py secret.aws.secret-access-key critical
example examples/app.py secret.aws.secret-access-key critical
docs docs/setup.md secret.aws.secret-access-key critical
2.0 {'"'"'production'"'"': 1, '"'"'test'"'"': 1, '"'"'example'"'"': 1, '"'"'docs'"'"': 1} 0
WANT
	test_cmp "$tmp/want" "$tmp/got"
'

test_expect "text: a tag outside production, counts per context" '
	scan >"$tmp/out.txt" || test_fail "scan failed"
	grep -E "^[^ ].*secret.aws.secret-access-key" "$tmp/out.txt" |
		sed "s|^$tmp/t/||; s|:1:[0-9]*  CRITICAL  secret.aws.secret-access-key||" \
		>"$tmp/got"
	printf "%s\n" "src/settings.py" "tests/test_settings.py  [test]" \
		"examples/app.py  [example]" "docs/setup.md  [docs]" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
	grep -qx "contexts: production 1, test 1, example 1, docs 1" \
		"$tmp/out.txt" || test_fail "no context counts: $(cat "$tmp/out.txt")"
'

test_expect "SARIF, JUnit, Markdown, HTML name the context" '
	scan --format sarif >"$tmp/out.sarif" || test_fail "sarif failed"
	python3 - "$tmp/out.sarif" >"$tmp/got" <<PY || test_fail "bad SARIF"
import json, sys
d = json.load(open(sys.argv[1]))
print(sorted(r["properties"]["context"] for r in d["runs"][0]["results"]))
PY
	echo "['"'"'docs'"'"', '"'"'example'"'"', '"'"'production'"'"', '"'"'test'"'"']" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
	scan --format junit >"$tmp/out.xml" || test_fail "junit failed"
	grep -q "tests/test_settings.py:1:[0-9]* \[test\]" "$tmp/out.xml" ||
		test_fail "JUnit has no [test]"
	scan --format markdown >"$tmp/out.md" || test_fail "markdown failed"
	grep -q "docs/setup.md:1:[0-9]* (docs)" "$tmp/out.md" ||
		test_fail "Markdown has no [docs]"
	scan --format html >"$tmp/out.html" || test_fail "html failed"
	grep -q "<span class=\"ctx example\">example</span>" "$tmp/out.html" ||
		test_fail "HTML has no example tag"
'

test_expect "--context-severity lowers, --exclude-context leaves out" '
	scan --format json --context-severity test=low,docs=info \
		--exclude-context example >"$tmp/out.json" ||
		test_fail "scan failed"
	python3 - "$tmp/out.json" >"$tmp/got" <<PY || test_fail "bad JSON"
import json, sys
d = json.load(open(sys.argv[1]))
print([(f["context"], f["severity"]) for f in d["findings"]],
      d["summary"]["excluded_by_context"])
PY
	echo "[('"'"'production'"'"', '"'"'critical'"'"'), ('"'"'test'"'"', '"'"'low'"'"'), ('"'"'docs'"'"', '"'"'info'"'"')] 1" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
'

test_expect "a profile sets the same, the options go on top" '
	scan --format json --rules "$tmp/rules" --profile quiet-tests \
		--context-severity docs=medium >"$tmp/out.json" ||
		test_fail "scan failed"
	python3 - "$tmp/out.json" >"$tmp/got" <<PY || test_fail "bad JSON"
import json, sys
d = json.load(open(sys.argv[1]))
print([(f["context"], f["severity"]) for f in d["findings"]])
PY
	echo "[('"'"'production'"'"', '"'"'critical'"'"'), ('"'"'test'"'"', '"'"'low'"'"'), ('"'"'docs'"'"', '"'"'medium'"'"')]" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
'

test_expect "a bad context or severity is exit 2 before the scan" '
	"$AUTHAUDIT" scan --quiet --exclude-context vendor "$tmp/t" \
		>/dev/null 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	echo "authaudit: --exclude-context: unknown context '"'"'vendor'"'"' (production, test, example, docs)" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/err"
	"$AUTHAUDIT" scan --quiet --context-severity test=lowest "$tmp/t" \
		>/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
'

test_expect "translation text and a password= outside Vista: nothing" '
	scan --format json >"$tmp/out.json" || test_fail "scan failed"
	python3 - "$tmp/out.json" >"$tmp/got" <<PY || test_fail "bad JSON"
import json, sys
d = json.load(open(sys.argv[1]))
print([f["location"]["path"] for f in d["findings"]
       if f["location"]["path"].startswith(("i18n", "src/adapters"))])
PY
	echo "[]" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
'

test_done
