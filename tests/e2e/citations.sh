#!/bin/sh
# citations: text, Markdown, HTML and JUnit reports cite the vendor
# document by title and section ("Presto Vendor Integration API -
# Transport Security") with its quote, never by the internal file name;
# JSON and SARIF keep the file name. `rules check` fails when a vendor
# document has no title, and a rule's doc_title: gives it one.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
. "$here/lib/test-lib.sh"

ex=$root/examples/acme-integration
DOC=000_4819d7c22101e6bf.txt
CITE="Presto Vendor Integration API - Transport Security"
QUOTE="Always verify the server's TLS certificate to prevent man-in-the-middle attacks."

for fmt in text markdown html junit; do
	test_expect "$fmt cites the document by title and section" '
		"$A" scan -q --format $fmt -o "$tmp/r.$fmt" "$ex"
		[ $? -eq 1 ] || test_fail "scan: want exit 1"
		grep -qF "$CITE" "$tmp/r.$fmt" || test_fail "no \"$CITE\""
		sed "s/&#39;/$SQ/g" "$tmp/r.$fmt" | grep -qF "$QUOTE" ||
			test_fail "no quote"
		! grep -qF "$DOC" "$tmp/r.$fmt" ||
			test_fail "the internal file name $DOC is cited"
	'
done

test_expect "the text report's citation line, exactly" '
	"$A" scan -q "$ex" >"$tmp/t.txt"
	grep -m1 -A2 "transport.tls-verify.env" "$tmp/t.txt" | sed -n 3p \
		>"$tmp/got"
	printf "    guideline: %s: \"%s\"\n" "$CITE" "$QUOTE" >"$tmp/want"
	test_cmp "$tmp/want" "$tmp/got"
'

for fmt in json sarif; do
	test_expect "$fmt keeps the document id" '
		"$A" scan -q --format $fmt -o "$tmp/r.$fmt" "$ex"
		grep -qF "$DOC" "$tmp/r.$fmt" || test_fail "no $DOC"
	'
done

mkdir "$tmp/rules"
cat >"$tmp/rules/mine.yaml" <<'EOF'
rules:
  - id: mine.token
    title: Our made-up token
    category: secret
    severity: high
    guideline:
      doc: internal-standard-7.txt
      section: Storage
      quote: Tokens are never committed.
    keywords: [mytok_]
    pattern: '(mytok_[a-z0-9]{16})'
    examples: ['x = mytok_q8v3k1m9z2x7c4b6']
    negative_examples: ['x = mytok_']
EOF

test_expect "rules check fails on a vendor document without a title" '
	"$A" rules check --rules "$tmp/rules" >"$tmp/out" 2>&1
	[ $? -eq 1 ] || test_fail "want exit 1"
	grep -q "rule .mine.token.: document .internal-standard-7.txt. has no title" \
		"$tmp/out" || test_fail "$(tail -3 "$tmp/out")"
'

test_expect "doc_title: gives it one, and reports use it" '
	sed "s/      section: Storage/      doc_title: Our Integration Standard\n      section: Storage/" \
		"$tmp/rules/mine.yaml" >"$tmp/mine.yaml" &&
		mv "$tmp/mine.yaml" "$tmp/rules/mine.yaml"
	"$A" rules check --rules "$tmp/rules" >"$tmp/out" 2>&1 ||
		test_fail "rules check: $(tail -3 "$tmp/out")"
	mkdir "$tmp/src"
	echo "token = mytok_q8v3k1m9z2x7c4b6" >"$tmp/src/a.py"
	"$A" scan -q --rules "$tmp/rules" "$tmp/src" >"$tmp/out"
	grep -qF "guideline: Our Integration Standard - Storage: \"Tokens are never committed.\"" \
		"$tmp/out" || test_fail "$(cat "$tmp/out")"
'

test_done
