#!/bin/sh
# scan_decode: credentials written encoded are decoded and judged by the
# built-in rules (docs/rules.md, "Decoded credentials"): base64 in a
# Kubernetes Secret's data (a token, a password, a PEM key, a
# .dockerconfigjson holding an "auth"), Docker's config.json "auth", and
# a percent-encoded password in a database URL. Each finding stands at
# the encoded text and says it was decoded; the decoded secrets are
# redacted unless --show-secrets; the same credentials written plainly
# are found by the same rules, with the same secrets.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/test-lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# the credentials, made up for this test; the key is made here
pat=ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A
pw='Zq8vN3kLm1Pw7Rt5xY'

write_trees() {
	mkdir -p "$tmp/enc/k8s" "$tmp/enc/.docker" "$tmp/plain/k8s" &&
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "$tmp/key.pem" 2>/dev/null &&
	b() { printf '%s' "$1" | base64 -w0; } &&
	auth=$(b "ci-bot:$pw") &&
	cfg=$(b "{\"auths\": {\"ghcr.io\": {\"auth\": \"$auth\"}}}") &&
	key=$(base64 -w0 <"$tmp/key.pem") &&
	cat >"$tmp/enc/k8s/secret.yaml" <<-YAML &&
	apiVersion: v1
	data:
	  GITHUB_TOKEN: $(b "$pat")
	  DB_PASSWORD: $(b "$pw")
	  tls.key: $key
	kind: Secret
	metadata:
	  name: app
	---
	apiVersion: v1
	kind: Secret
	type: kubernetes.io/dockerconfigjson
	data:
	  .dockerconfigjson: $cfg
	YAML
	printf '{"auths": {"ghcr.io": {"auth": "%s"}}}\n' "$auth" \
		>"$tmp/enc/.docker/config.json" &&
	printf 'DATABASE_URL=postgres://app:%s@db.acme-internal.net:5432/app\n' \
		"Zq8v%4E3kLm1Pw7Rt%21xY" >"$tmp/enc/app.env" &&
	printf 'DATABASE_URL=postgres://app:%s@db.acme-internal.net:5432/app\n' \
		"%7B%7Bdb_password%7D%7D" >"$tmp/enc/template.env" &&
	{
		printf 'apiVersion: v1\nstringData:\n'
		printf '  GITHUB_TOKEN: "%s"\n  DB_PASSWORD: "%s"\n' "$pat" "$pw"
		printf '  tls.key:\n'
		cat "$tmp/key.pem"
		printf 'kind: Secret\n'
	} >"$tmp/plain/k8s/secret.yaml" &&
	printf 'DATABASE_URL=postgres://app:%s@db.acme-internal.net:5432/app\n' \
		"Zq8vN3kLm1Pw7Rt!xY" >"$tmp/plain/app.env"
}

# path:line:column rule decoded, one finding a line
where() {
	python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    l = f["location"]
    print("%s:%d:%d %s %s" % (l["path"], l["line"], l["column"],
                              f["rule"]["id"] if isinstance(f["rule"], dict)
                              else f["rule"], f.get("decoded", "-")))
' "$1"
}

test_expect "a tree of encoded credentials and its plain twin" write_trees
# a Docker auth is two findings, wherever it stands: the auth blob (the
# config.json rule, or secret.docker.auths-inline in the decoded
# .dockerconfigjson) and the password decoded from it
test_expect "the encoded tree: each finding at its encoded text" '
	"$AUTHAUDIT" scan -q --format json -o "$tmp/enc.json" "$tmp/enc"
	[ $? -eq 1 ] || test_fail "scan did not exit 1"
	where "$tmp/enc.json" >"$tmp/got" &&
	cat >"$tmp/want" <<-EOF &&
	.docker/config.json:1:33 secret.docker.config-auth -
	.docker/config.json:1:33 secret.generic.password base64
	app.env:1:25 secret.database-url url
	k8s/secret.yaml:3:17 secret.github.pat base64
	k8s/secret.yaml:4:16 secret.generic.password base64
	k8s/secret.yaml:5:12 secret.private-key base64
	k8s/secret.yaml:14:22 secret.docker.auths-inline base64
	k8s/secret.yaml:14:22 secret.generic.password base64
	EOF
	test_cmp "$tmp/want" "$tmp/got"
'
test_expect "the text report says what was decoded" '
	"$AUTHAUDIT" scan "$tmp/enc" >"$tmp/enc.txt"
	grep -c "evidence: decoded from base64 (Kubernetes Secret data)" \
		"$tmp/enc.txt" >"$tmp/n" && echo 4 >"$tmp/want" &&
	test_cmp "$tmp/want" "$tmp/n" &&
	grep -q "evidence: decoded from base64 (Docker config auth); decoded from base64 (Kubernetes Secret data)" "$tmp/enc.txt" ||
		test_fail "the .dockerconfigjson finding does not say both"
	grep -q "decoded from url (percent-encoded URI user-info)" \
		"$tmp/enc.txt" || test_fail "the URL finding is not marked"
'
test_expect "decoded secrets are redacted unless --show-secrets" '
	if grep -F -e "$pat" -e "$pw" -e "Rt!xY" "$tmp/enc.txt" \
		"$tmp/enc.json"; then
		test_fail "a decoded secret is shown"
	fi
	"$AUTHAUDIT" scan --show-secrets --format json -o "$tmp/shown.json" \
		"$tmp/enc"
	grep -q -F "\"$pat\"" "$tmp/shown.json" &&
	grep -q -F "\"Zq8vN3kLm1Pw7Rt!xY\"" "$tmp/shown.json" ||
		test_fail "--show-secrets does not show the decoded values"
'
# the code shown is the file's own lines around the encoded text, with
# the encoded value redacted too (base64 is no disguise)
test_expect "decoded findings show the file lines, the encoded value redacted" '
	python3 -c "
import json, sys
for f in json.load(open(sys.argv[1]))[\"findings\"]:
    if not f.get(\"decoded\"):
        continue
    c, line = f[\"code\"], f[\"location\"][\"line\"]
    if not c[\"first_line\"] <= line < c[\"first_line\"] + len(c[\"lines\"]):
        sys.exit(\"%s:%d: context starts at line %d\" % (
            f[\"location\"][\"path\"], line, c[\"first_line\"]))
" "$tmp/enc.json" || test_fail "a decoded finding shows other lines"
	enc_pat=$(printf "%s" "$pat" | base64 -w0)
	enc_pw=$(printf "%s" "$pw" | base64 -w0)
	if grep -F -e "$enc_pat" -e "$enc_pw" -e "Rt%21xY" "$tmp/enc.txt" \
		"$tmp/enc.json"; then
		test_fail "an encoded secret is shown"
	fi
'
test_expect "the same credentials plainly: the same rules and secrets" '
	"$AUTHAUDIT" scan -q --format json -o "$tmp/plain.json" "$tmp/plain"
	for t in plain enc; do
		python3 -c "
import json, sys
for f in json.load(open(sys.argv[1]))[\"findings\"]:
    p = f[\"location\"][\"path\"]
    if (p == \"k8s/secret.yaml\" and f[\"location\"][\"line\"] < 9) \\
            or p == \"app.env\":
        r = f[\"rule\"][\"id\"] if isinstance(f[\"rule\"], dict) else f[\"rule\"]
        print(p, r, f[\"secret\"][\"hmac_sha256\"])
" "$tmp/$t.json" | sort >"$tmp/$t.ids" || return 1
	done
	[ -s "$tmp/plain.ids" ] || test_fail "the plain tree found nothing"
	test_cmp "$tmp/plain.ids" "$tmp/enc.ids"
'
test_done
