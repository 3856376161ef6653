#!/bin/sh
# rules_bad: a broken rule file stops the run before anything is scanned:
# exit 2, an error naming file:line:column (and the rule id where there is
# one) on standard error, nothing on standard output. Nothing in a rule
# directory is dropped silently: a second YAML document is read, a key no
# code reads is an error, the same id twice within one --rules directory
# is an error, and a file there that is not YAML is reported.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"

mkdir -p "$tmp/target"
echo 'r = requests.get(u, verify=False)' >"$tmp/target/app.py"

# a valid rule set: the built-in rules of every case below
base() {
	mkdir -p "$1"
	cat >"$1/base.yaml" <<'YAML'
profiles:
  - name: default
    title: every rule
    rules: ['*']
rules:
  - id: good.verify
    title: verify off
    category: insecure-transport
    severity: high
    guideline: { doc: 000_4819d7c22101e6bf.txt, quote: q }
    keywords: [verify]
    pattern: 'verify=False'
    secret_group: -1
    examples: ['verify=False']
    negative_examples: ['verify=True']
YAML
}

# case NAME ERROR-REGEX [ERROR-REGEX...] with $tmp/NAME/bad.yaml written:
# as a built-in rule file and again through --rules
case_() {
	name=$1
	shift
	base "$tmp/$name"
	for how in builtin option; do
		if [ "$how" = builtin ]; then
			AUTHAUDIT_RULES=$tmp/$name "$AUTHAUDIT" scan --quiet \
				"$tmp/target" >"$tmp/out" 2>"$tmp/err"
		else
			mkdir -p "$tmp/$name.extra"
			cp "$tmp/$name/bad.yaml" "$tmp/$name.extra/"
			base "$tmp/$name.base"
			AUTHAUDIT_RULES=$tmp/$name.base "$AUTHAUDIT" scan --quiet \
				--rules "$tmp/$name.extra" "$tmp/target" \
				>"$tmp/out" 2>"$tmp/err"
		fi
		rc=$?
		[ "$rc" -eq 2 ] || test_fail "$name ($how): exit $rc, want 2"
		! [ -s "$tmp/out" ] ||
			test_fail "$name ($how): printed a report:" \
				"$(head -c 200 "$tmp/out")"
		for re in "$@"; do
			grep -Eq -- "$re" "$tmp/err" ||
				test_fail "$name ($how): error lacks /$re/:" \
					"$(head -c 400 "$tmp/err")"
		done
		# the duplicate case only applies to built-in rules: --rules
		# overrides an id on purpose; a --rules rule may come without
		# examples (below)
		[ "$name" = duplicate ] || [ "$name" = noexamples ] && break
	done
	return 0
}

mkdir -p "$tmp/syntax"
cat >"$tmp/syntax/bad.yaml" <<'YAML'
rules:
  - id: bad.syntax
    title: "an unterminated string
    category: insecure-transport
YAML
test_expect "a YAML syntax error: file:line:column" \
	"case_ syntax 'bad\.yaml:[0-9]+:[0-9]+: '"

mkdir -p "$tmp/unknown"
cat >"$tmp/unknown/bad.yaml" <<'YAML'
rules:
  - id: bad.unknown-key
    title: unknown key
    category: insecure-transport
    severity: high
    guideline: { doc: d, quote: q }
    pattern: 'x'
    examples: ['x']
    colour: red
    negative_examples: ['y']
YAML
test_expect "a key no code reads is an error" \
	"case_ unknown 'bad\.yaml:9:5: ' 'bad\.unknown-key' colour"

mkdir -p "$tmp/missing"
cat >"$tmp/missing/bad.yaml" <<'YAML'
rules:
  - id: bad.missing-severity
    title: no severity
    category: insecure-transport
    guideline: { doc: d, quote: q }
    pattern: 'x'
    examples: ['x']
    negative_examples: ['y']
YAML
test_expect "a rule without its severity" \
	"case_ missing 'bad\.yaml:2:5: ' 'bad\.missing-severity' severity"

mkdir -p "$tmp/regex"
cat >"$tmp/regex/bad.yaml" <<'YAML'
rules:
  - id: bad.regex
    title: regex does not compile
    category: insecure-transport
    severity: high
    guideline: { doc: d, quote: q }
    keywords: [abc]
    pattern: '(abc'
    examples: ['abc']
    negative_examples: ['y']
YAML
# the error points at the pattern, not at the start of the rule
test_expect "a pattern that does not compile, at the pattern" \
	"case_ regex 'bad\.yaml:8:14: ' 'bad\.regex' \
		'does not compile at offset 4'"

mkdir -p "$tmp/severity"
cat >"$tmp/severity/bad.yaml" <<'YAML'
rules:
  - id: bad.severity
    title: severity out of range
    category: insecure-transport
    severity: urgent
    guideline: { doc: d, quote: q }
    pattern: 'x'
    examples: ['x']
    negative_examples: ['y']
YAML
test_expect "a severity out of range" \
	"case_ severity 'bad\.yaml:5:[0-9]+: ' 'bad\.severity'"

mkdir -p "$tmp/duplicate"
cat >"$tmp/duplicate/bad.yaml" <<'YAML'
rules:
  - id: good.verify
    title: the same id again
    category: insecure-transport
    severity: low
    guideline: { doc: d, quote: q }
    keywords: [verify]
    pattern: 'verify'
    secret_group: -1
    examples: ['verify']
    negative_examples: ['y']
YAML
# files load in name order, so either may be named as the first
test_expect "a built-in id twice, both places named" \
	"case_ duplicate 'bad\.yaml:2:5' 'good\.verify' 'base\.yaml:6:5'"

# the same id twice within one layer: an error for --rules too (a --rules
# directory may replace a built-in id, not define one twice)
mkdir -p "$tmp/twice"
cat >"$tmp/twice/bad.yaml" <<'YAML'
rules:
  - id: new.twice
    title: first
    category: insecure-transport
    severity: low
    guideline: { doc: d, quote: q }
    keywords: [abc]
    pattern: 'abc'
    secret_group: -1
    examples: ['abc']
    negative_examples: ['y']
---
rules:
  - id: new.twice
    title: second, in a second document
    category: insecure-transport
    severity: low
    guideline: { doc: d, quote: q }
    keywords: [abc]
    pattern: 'abc'
    secret_group: -1
    examples: ['abc']
    negative_examples: ['y']
YAML
test_expect "one id twice in one file, even for --rules" \
	"case_ twice 'bad\.yaml:14:5: ' 'new\.twice' 'duplicate id' \
		'first defined at [^ ]*bad\.yaml:2:5'"

# two files of one --rules directory with one id
mkdir -p "$tmp/split.extra" "$tmp/split.base"
base "$tmp/split.base"
for f in a b; do
	sed "s/title: first/title: from $f/" "$tmp/twice/bad.yaml" |
		sed '/^---$/,$d' >"$tmp/split.extra/$f.yaml"
done
split() {
	AUTHAUDIT_RULES=$tmp/split.base "$AUTHAUDIT" scan --quiet \
		--rules "$tmp/split.extra" "$tmp/target" >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] ||
		test_fail "one id in two files of a --rules dir: exit $rc," \
			"want 2"
	grep -Eq 'b\.yaml:2:5: .*new\.twice.*duplicate id.*a\.yaml:2:5' \
		"$tmp/err" ||
		test_fail "one id in two files of a --rules dir:" \
			"$(head -c 300 "$tmp/err")"
}
# ... while a later --rules directory still replaces an earlier one's id
later() {
	mkdir -p "$tmp/split.later"
	cp "$tmp/split.extra/a.yaml" "$tmp/split.later/"
	AUTHAUDIT_RULES=$tmp/split.base "$AUTHAUDIT" rules list \
		--rules "$tmp/split.base" --rules "$tmp/split.later" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 0 ] ||
		test_fail "--rules over --rules: exit $rc, want 0:" \
			"$(cat "$tmp/err")"
}
test_expect "one id in two files of one --rules directory" split
test_expect "a later --rules directory replaces an earlier one's id" later

# a second document is read: its error is found
mkdir -p "$tmp/seconddoc"
cat >"$tmp/seconddoc/bad.yaml" <<'YAML'
profiles: []
---
rules:
  - id: bad.second-doc
    title: in the second document
    category: insecure-transport
    severity: urgent
YAML
test_expect "a second YAML document is read" \
	"case_ seconddoc 'bad\.yaml:7:15: ' 'bad\.second-doc' severity"

# a top-level key nothing reads is unknown, not ignored
mkdir -p "$tmp/catalogue"
printf 'catalogue:\n  tokens: x\n' >"$tmp/catalogue/bad.yaml"
test_expect "a top-level key nothing reads is unknown" \
	"case_ catalogue 'bad\.yaml:1:1: ' \
		\"unknown top-level key 'catalogue'\""

mkdir -p "$tmp/noexamples"
cat >"$tmp/noexamples/bad.yaml" <<'YAML'
rules:
  - id: bad.no-negatives
    title: only positive examples
    category: insecure-transport
    severity: high
    guideline: { doc: d, quote: q }
    keywords: [abc]
    pattern: 'abc'
    examples: ['abc']
YAML
test_expect "a built-in rule without negative examples" \
	"case_ noexamples 'bad\.yaml:2:5: ' 'bad\.no-negatives' \
		negative_examples"

# through --rules the same rule loads, untested, and a notice says so
mkdir -p "$tmp/noex.base" "$tmp/noex"
base "$tmp/noex.base"
cp "$tmp/noexamples/bad.yaml" "$tmp/noex/mine.yaml"
noex() {
	AUTHAUDIT_RULES=$tmp/noex.base "$AUTHAUDIT" scan --quiet \
		--format json --rules "$tmp/noex" "$tmp/target" >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 1 ] ||
		test_fail "a --rules rule without negatives: exit $rc, want 1"
	python3 "$here/lib/report.py" notices "$tmp/out" |
		grep -q "mine.yaml:2:5: rule 'bad.no-negatives' has no negative_examples" ||
		test_fail "a --rules rule without negatives: no notice in the" \
			"report"
}
test_expect "a --rules rule without negatives loads, with a notice" noex

# every error of a rule file at once, not one a run
mkdir -p "$tmp/many.base" "$tmp/many"
base "$tmp/many.base"
cat >"$tmp/many/bad.yaml" <<'YAML'
rules:
  - id: bad.one
    title: regex does not compile
    category: insecure-transport
    severity: high
    guideline: { doc: d, quote: q }
    keywords: [abc]
    pattern: '(abc'
  - id: bad.two
    title: severity out of range
    category: insecure-transport
    severity: urgent
    guideline: { doc: d, quote: q }
    pattern: 'x'
  - id: fine.three
    title: a good rule between them
    category: insecure-transport
    severity: low
    guideline: { doc: d, quote: q }
    keywords: [zzz]
    pattern: 'zzz'
    secret_group: -1
colour: red
YAML
many() {
	AUTHAUDIT_RULES=$tmp/many.base "$AUTHAUDIT" scan --quiet \
		--rules "$tmp/many" "$tmp/target" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "three errors in one file: exit $rc, want 2"
	for want in 'bad\.yaml:8:14: rule .bad\.one.' \
		'bad\.yaml:12:15: rule .bad\.two.' \
		"bad\\.yaml:23:1: unknown top-level key 'colour'" \
		'^authaudit: 3 errors in the rules above; nothing was run$'; do
		grep -Eq -- "$want" "$tmp/err" ||
			test_fail "three errors in one file: no /$want/ in:" \
				"$(cat "$tmp/err")"
	done
}
test_expect "every error of a rule file at once" many

# authaudit rules test FILE: only FILE's rules' examples, exit 1 on a miss
cat >"$tmp/mine.yaml" <<'YAML'
rules:
  - id: mine.token
    title: an in-house token
    category: secret
    severity: high
    guideline: { doc: d, quote: q }
    keywords: [ihx_]
    pattern: '\bihx_([A-Za-z0-9]{20})\b'
    secret_group: 1
    examples: ['k = "ihx_Q7x9mZ2kP4vL8nR3wT6y"']
    negative_examples: ['k = "ihx_short"']
YAML
rules_test() {
	AUTHAUDIT_RULES=$tmp/noex.base "$AUTHAUDIT" rules test \
		"$tmp/mine.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 0 ] ||
		test_fail "rules test, all pass: exit $rc, want 0:" \
			"$(cat "$tmp/out")"
	grep -qx 'rules: 1 tested, 2 loaded in all' "$tmp/out" &&
		grep -qx 'examples: 2 passed, 0 failed' "$tmp/out" ||
		test_fail "rules test, all pass: $(cat "$tmp/out")"
}
rules_test_miss() {
	sed 's/ihx_short/ihx_Q7x9mZ2kP4vL8nR3wT6z/' "$tmp/mine.yaml" \
		>"$tmp/mine2.yaml"
	AUTHAUDIT_RULES=$tmp/noex.base "$AUTHAUDIT" rules test \
		"$tmp/mine2.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 1 ] ||
		test_fail "rules test, a negative hits: exit $rc, want 1"
	grep -q "mine2.yaml:11: rule 'mine.token': negative example produced a finding" \
		"$tmp/out" ||
		test_fail "rules test, a negative hits: $(cat "$tmp/out")"
}
test_expect "rules test FILE: only its rules' examples, all pass" rules_test
test_expect "rules test FILE: a negative example that hits is exit 1" \
	rules_test_miss

# a file in a --rules directory that is not YAML is not loaded, and said so
mkdir -p "$tmp/notyaml.base" "$tmp/notyaml"
base "$tmp/notyaml.base"
cp "$tmp/twice/bad.yaml" "$tmp/notyaml/extra.yaml.disabled"
not_yaml() {
	AUTHAUDIT_RULES=$tmp/notyaml.base "$AUTHAUDIT" scan --quiet \
		--format json --rules "$tmp/notyaml" "$tmp/target" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 1 ] ||
		test_fail "a non-YAML file in --rules: exit $rc, want 1"
	python3 "$here/lib/report.py" notices "$tmp/out" |
		grep -q "extra.yaml.disabled: not a rule file" ||
		test_fail "a non-YAML file in --rules: no notice in the report"
	AUTHAUDIT_RULES=$tmp/notyaml.base "$AUTHAUDIT" rules check \
		--rules "$tmp/notyaml" >"$tmp/out" 2>"$tmp/err"
	grep -q "notice: .*extra.yaml.disabled: not a rule file" \
		"$tmp/err" ||
		test_fail "a non-YAML file in --rules: rules check says nothing"
}
test_expect "a file in --rules that is not YAML is said so, not loaded" \
	not_yaml

# authaudit rules check fails the same way
test_expect "rules check fails the same way" '
	AUTHAUDIT_RULES=$tmp/unknown "$AUTHAUDIT" rules check >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] ||
		test_fail "rules check with a bad file: exit $rc, want 2"
	grep -Eq "bad\.yaml:9:5: " "$tmp/err" "$tmp/out" ||
		test_fail "rules check: error lacks file:line:column"
'
test_done
