#!/bin/sh
# scan_history: `scan --history` on a repository built here with git finds
# every secret its commits ever held, each attributed to the commit that
# introduced its blob at its path, and says whether it is still at a tip:
# a secret added and deleted later, one on a branch merged with --no-ff
# (the branch's commit, not the merge), a renamed file, the same blob at
# two paths, a folder removed later, a branch never merged, a binary blob
# (skipped, counted), a commit only a tag reaches. --branch limits the
# refs; --since and --until the commits; the same sets whether the objects
# are loose or all packed. A baseline from a history scan suppresses the
# same secrets in the next history scan and in a directory scan.
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

# 1: a secret that is deleted later, one at a path the next commits copy,
# one in a file that is renamed later
mkdir -p "$r/conf"
echo "token = \"$T1\"" >"$r/app.py"
echo "GITHUB_TOKEN=$T2" >"$r/conf/a.env"
echo "old_token = \"$T3\"" >"$r/old.py"
g add -A && at 01 -C "$r" commit -qm "c1: add" ||
	{ test_fail "cannot commit c1"; test_done; }
c1=$(g rev-parse HEAD)
# 2: deleted again
echo 'x = 1' >"$r/app.py"
at 02 -C "$r" commit -qam "c2: remove the token"
c2=$(g rev-parse HEAD)
# 3: the same blob at a second path
cp "$r/conf/a.env" "$r/conf/b.env"
g add -A && at 03 -C "$r" commit -qm "c3: copy"
c3=$(g rev-parse HEAD)
# 4: renamed
g mv old.py new.py && at 04 -C "$r" commit -qm "c4: rename"
c4=$(g rev-parse HEAD)
# 5: a folder removed in 6, and a binary blob (a NUL before the token)
mkdir -p "$r/gone/deep"
echo "deep = \"$T4\"" >"$r/gone/deep/s.txt"
printf 'BIN\000token = "%s"\n' "$T5" >"$r/bin.dat"
g add -A && at 05 -C "$r" commit -qm "c5: folder, binary"
c5=$(g rev-parse HEAD)
g rm -rq gone && at 06 -C "$r" commit -qm "c6: drop the folder"
# a branch merged with --no-ff: the branch's commit introduced it
g checkout -qb feature
echo "feat = \"$T6\"" >"$r/feat.py"
g add -A && at 07 -C "$r" commit -qm "f1: feature"
f1=$(g rev-parse HEAD)
g checkout -q main
at 08 -C "$r" merge -q --no-ff -m "m1: merge feature" feature
m1=$(g rev-parse HEAD)
# a branch never merged
g checkout -qb side "$m1~1"
echo "side = \"$T7\"" >"$r/side.py"
g add -A && at 09 -C "$r" commit -qm "s1: side"
s1=$(g rev-parse HEAD)
# a commit only a tag reaches
g checkout -q --detach main
echo "only = \"$T8\"" >"$r/tagonly.py"
g add -A && at 10 -C "$r" commit -qm "t1: tag only"
t1=$(g rev-parse HEAD)
g tag v-only
g checkout -q main
g branch -D feature -q

short() { printf '%.8s' "$1"; }
pat=secret.github.pat
want_all() {
	printf '%s\n' \
		"app.py:1:10 $pat $(short "$c1") history" \
		"conf/a.env:1:14 $pat $(short "$c1") tip" \
		"conf/b.env:1:14 $pat $(short "$c3") tip" \
		"feat.py:1:9 $pat $(short "$f1") tip" \
		"gone/deep/s.txt:1:9 $pat $(short "$c5") history" \
		"new.py:1:14 $pat $(short "$c4") tip" \
		"old.py:1:14 $pat $(short "$c1") tip" \
		"side.py:1:9 $pat $(short "$s1") tip" \
		"tagonly.py:1:9 $pat $(short "$t1") tip"
}

# scan NAME ARGS...: a JSON history scan of $r; rc, $tmp/NAME.json and
# its findings in $tmp/NAME
scan() {
	name=$1
	shift
	"$AUTHAUDIT" scan --quiet --format json "$@" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	rc=$?
	hfind "$tmp/$name.json" >"$tmp/$name" 2>>"$tmp/$name.err" ||
		test_fail "$name: the report does not parse:" \
			"$(cat "$tmp/$name.err")"
}
expect() {	# expect NAME WANT-FILE: exactly those findings
	test_cmp "$2" "$tmp/$1"
}

history_scan() {
	[ "$(g count-objects -v | sed -n 's/^count: //p')" -gt 0 ] ||
		test_fail "the repository should hold loose objects before" \
			"the repack"
	scan all --history "$r"
	[ "$rc" -eq 1 ] ||
		test_fail "all: exit $rc, want 1 ($(cat "$tmp/all.err"))"
	want_all >"$tmp/all.want"
	expect all "$tmp/all.want"
}
binary_and_secrets() {
	[ "$(hscan "$tmp/all.json" files_skipped.binary)" = 1 ] ||
		test_fail "all: the binary blob is not counted as skipped"
	! grep -q "$T5" "$tmp/all.json" ||
		test_fail "all: the binary blob was scanned"
	[ "$(hscan "$tmp/all.json" history.commits)" = 10 ] ||
		test_fail "all: $(hscan "$tmp/all.json" history.commits)" \
			"commits, want 10"
	! grep -qF "$T1" "$tmp/all.json" ||
		test_fail "all: a raw secret in the report"
}
# the date in the author's zone, the author, the email
attribution() {
	python3 - "$tmp/all.json" "$c1" <<'PY' || test_fail "all: attribution fields"
import json, sys
d = json.load(open(sys.argv[1]))
f = [f for f in d["findings"] if f["location"]["path"] == "app.py"][0]
l = f["location"]
assert l["commit"] == sys.argv[2], l
assert l["author"] == "Dana Commit" and l["email"] == "dana@example.test", l
assert l["date"] == "2024-03-01T10:00:00+01:00", l
assert d["schema_version"] == "2.0"
assert d["scan"]["history"]["mode"] == "history"
PY
	# text: where, commit, author, date
	"$AUTHAUDIT" scan --quiet --history "$r" >"$tmp/all.txt" 2>&1
	grep -qF "app.py:1:10 (commit $(short "$c1"), Dana Commit, 2024-03-01)" \
		"$tmp/all.txt" ||
		test_fail "text: no attribution on app.py's finding"
	grep -q "in history only" "$tmp/all.txt" ||
		test_fail "text: history-only findings are not said to be"
}
test_expect "every secret the history held, at the commit that brought it" \
	history_scan
test_expect "the binary blob skipped and counted, no raw secret shown" \
	binary_and_secrets
test_expect "each finding's commit, author and date, in JSON and text" \
	attribution
# every format carries the attribution: SARIF (valid against its schema)
# in versionControlProvenance and each result's properties, HTML,
# Markdown and JUnit where the finding is
py=python3
$py -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3
fmt=$tmp/fmt
formats() {
	"$AUTHAUDIT" scan --quiet --history --format json,sarif,junit,markdown,html \
		--output-dir "$fmt" "$r" 2>"$tmp/fmt.err"
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "formats: exit $rc ($(cat "$tmp/fmt.err"))"
	for f in sarif junit markdown html; do
		$py "$here/lib/formats.py" $f "$fmt/authaudit.$(
			case $f in markdown) echo md ;; junit) echo junit.xml ;;
			*) echo $f ;; esac)" "$fmt/authaudit.json" \
			"$here/../data/sarif-schema-2.1.0.json" ||
			test_fail "formats: the $f report does not check"
	done
	for f in junit.xml md html; do
		grep -qF "app.py:1:10 (commit $(short "$c1"), Dana Commit, 2024-03-01)" \
			"$fmt/authaudit.$f" ||
			test_fail "formats: no attribution in the $f report"
	done
	grep -q "history only" "$fmt/authaudit.md" ||
		test_fail "formats: Markdown does not say history only"
	grep -q 'class="presence history"' "$fmt/authaudit.html" ||
		test_fail "formats: HTML does not say history only"
	python3 - "$fmt/authaudit.sarif" "$m1" "$c1" <<'PY' ||
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
vc = run["versionControlProvenance"][0]
assert vc["revisionId"] == sys.argv[2] and vc["branch"] == "main", vc
assert vc["repositoryUri"].startswith("file:///"), vc
res = [r for r in run["results"] if r["locations"][0]["physicalLocation"]
       ["artifactLocation"]["uri"].endswith("app.py")][0]
p = res["properties"]
assert p["commit"] == sys.argv[3], p
assert p["commitAuthor"] == "Dana Commit", p
assert p["commitDate"] == "2024-03-01T10:00:00+01:00", p
assert p["presence"] == "history", p
PY
		test_fail "formats: SARIF lacks the provenance or a result's commit"
}
test_expect "every format carries the attribution" formats

# every object packed: the same findings
packed() {
	g repack -adq && g prune-packed
	[ "$(g count-objects -v | sed -n 's/^count: //p')" -eq 0 ] ||
		test_fail "objects left loose after the repack"
	scan packed --history "$r"
	expect packed "$tmp/all.want"
}
test_expect "every object packed: the same findings" packed

test_expect "--branch main: neither the side branch nor the tag" '
	scan main --history --branch main "$r"
	want_all | grep -v -e "^side.py" -e "^tagonly.py" >"$tmp/main.want"
	expect main "$tmp/main.want"
'
test_expect "--branch twice: both refs" '
	scan two --history --branch main --branch v-only "$r"
	want_all | grep -v "^side.py" >"$tmp/two.want"
	expect two "$tmp/two.want"
'
test_expect "--since and --until bound the commits by date" '
	scan since --history --since 2024-03-05 --until 2024-03-07 "$r"
	want_all | grep -e "^gone/" -e "^feat.py" >"$tmp/since.want"
	expect since "$tmp/since.want"
'

# a baseline from a history scan: the next history scan is clean, and so
# is a directory scan of the work tree (fingerprints hold no commit)
test_expect "a history baseline suppresses history and directory scans" '
	scan base --history --baseline "$tmp/all.json" "$r"
	[ "$rc" -eq 0 ] || test_fail "baseline: exit $rc, want 0"
	! [ -s "$tmp/base" ] ||
		test_fail "baseline: still reported: $(tr "\n" ";" <"$tmp/base")"
	(cd "$r" && "$AUTHAUDIT" scan --quiet --format json \
		--baseline "$tmp/all.json" . >"$tmp/dir.json" 2>"$tmp/dir.err")
	rc=$?
	[ "$rc" -eq 0 ] ||
		test_fail "directory scan with the history baseline: exit $rc"
'

# not a repository: exit 2 and a clear message
mkdir "$tmp/plain"
test_expect "not a repository, or no such branch: exit 2, said so" '
	"$AUTHAUDIT" scan --quiet --history "$tmp/plain" >/dev/null \
		2>"$tmp/plain.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "not a repository: exit $rc, want 2"
	grep -q "is not a git repository" "$tmp/plain.err" ||
		test_fail "not a repository: message is" \
			"${SQ}$(cat "$tmp/plain.err")${SQ}"
	"$AUTHAUDIT" scan --quiet --history --branch nosuch "$r" >/dev/null \
		2>"$tmp/nosuch.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "--branch nosuch: exit $rc, want 2"
	grep -q "branch ${SQ}nosuch${SQ}" "$tmp/nosuch.err" ||
		test_fail "--branch nosuch: message is" \
			"${SQ}$(cat "$tmp/nosuch.err")${SQ}"
'
test_done
