# Sourced by e2e tests: make_rules DIR builds a self-contained built-in
# rules directory in DIR (a default profile, the allowlist, and the
# repository's rules/code and rules/lifetime rules, with the word list
# rules/lifetime reads from ../wordlists) so that a walker or
# baseline test depends on those rules only, not on every vendor rule.
# Needs $root (the repository). Use it with AUTHAUDIT_RULES=DIR.
make_rules() {
	mkdir -p "$1/code" "$1/lifetime"
	cp "$root"/rules/code/*.yaml "$1/code/"
	cp "$root"/rules/lifetime/*.yaml "$1/lifetime/"
	cp -R "$root/rules/wordlists" "$1/"
	cp "$root/rules/allowlist.yaml" "$1/"
	cat >"$1/profiles.yaml" <<'YAML'
profiles:
  - name: default
    title: every rule
    rules: ['*']
    client_side_paths: ['**/public/**', '**/web/**', '*.jsx']
YAML
}
