#!/bin/sh
# scan_history_audit: an audit config's `history:` entries scan a
# repository's history under their profile (branch: limits the refs), its
# findings keep their commits in the run's report; an entry that is not a
# repository is that target's error and a notice, and the audit goes on.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/test-lib.sh"
. "$here/lib/gitrepo.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
r=$tmp/repo
test_expect "a repository to scan" 'git_init "$r" || test_fail "git init"' ||
	test_done
g() { git -C "$r" "$@"; }
echo "a = \"$T1\"" >"$r/a.py"
g add -A && at 01 -C "$r" commit -qm "c1"
c1=$(g rev-parse HEAD)
g rm -q a.py && at 02 -C "$r" commit -qm "c2"
g checkout -qb side
echo "b = \"$T2\"" >"$r/b.py"
g add -A && at 03 -C "$r" commit -qm "s1"
g checkout -q main
mkdir "$tmp/plain"
cat >"$tmp/audit.yaml" <<YAML
name: history-audit
history:
  - path: repo
    branch: [main]
  - path: plain
YAML
"$AUTHAUDIT" audit --config "$tmp/audit.yaml" --quiet >"$tmp/out" 2>&1
rc=$?
rep=$tmp/reports/latest/authaudit.json
printf '%s\n' "a.py:1:6 secret.github.pat $(printf '%.8s' "$c1") history" \
	>"$tmp/want"

test_expect "the audit exits 1 (findings)" '
	[ "$rc" -eq 1 ] ||
		test_fail "audit: exit $rc, want 1 ($(cat "$tmp/out"))"
'
test_expect "main's history only, the finding with its commit" '
	hfind "$rep" >"$tmp/got" 2>"$tmp/err" ||
		test_fail "no report: $(cat "$tmp/err")"
	test_cmp "$tmp/want" "$tmp/got"
'
test_expect "an entry that is not a repository is a notice" '
	python3 "$here/lib/report.py" notices "$rep" |
		grep -q "plain: ${SQ}.*plain${SQ} is not a git repository" ||
		test_fail "no notice for the entry that is not a repository"
'
test_done
