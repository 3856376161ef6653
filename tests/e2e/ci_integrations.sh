#!/bin/sh
# ci_integrations: the CI pieces run as their hosts would, as far as this
# machine allows. scripts/ci-scan.sh writes every report a CI shows and
# passes authaudit's status on (1 on the example, 0 with --fail-on never,
# a range scanning only what its commits add); the GitHub Action's scan
# step, run from action.yml with the variables a runner sets, fills the
# job summary and the exit-code output; the GitLab template names the
# reports ci-scan.sh writes; the pre-commit hook, run by pre-commit
# itself, refuses a staged credential and passes a clean change.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/gitrepo.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
AUTHAUDIT_RULES=$root/rules
export AUTHAUDIT_RULES

# 1. ci-scan.sh on the example: findings at high, every format, a summary
(cd "$tmp" && AUTHAUDIT=$AUTHAUDIT AUTHAUDIT_PATH=$root/examples \
	AUTHAUDIT_SUMMARY=$tmp/summary.md sh "$root/scripts/ci-scan.sh") \
	>"$tmp/ci.out" 2>&1
code=$?
[ "$code" -eq 1 ] || bad "ci-scan on the example: exit $code, want 1" \
	"($(tail -3 "$tmp/ci.out"))"
for f in authaudit.sarif authaudit.junit.xml authaudit.md authaudit.json \
	authaudit.html; do
	[ -s "$tmp/authaudit-report/$f" ] || bad "ci-scan wrote no $f"
done
head -1 "$tmp/summary.md" | grep '^### authaudit scan' >/dev/null ||
	bad "the summary is not the Markdown report: $(head -1 "$tmp/summary.md")"
python3 - "$root/tests/data/sarif-schema-2.1.0.json" \
	"$tmp/authaudit-report/authaudit.sarif" <<'PY' || bad "the SARIF is not valid"
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
(cd "$tmp" && AUTHAUDIT=$AUTHAUDIT AUTHAUDIT_PATH=$root/examples \
	AUTHAUDIT_FAIL_ON=never AUTHAUDIT_OUT=$tmp/never \
	sh "$root/scripts/ci-scan.sh") >/dev/null 2>&1
code=$?
[ "$code" -eq 0 ] || bad "ci-scan with fail-on never: exit $code, want 0"

# 2. a pull request's range: only the branch's credential
repo=$tmp/repo
git_init "$repo"
printf 'print("hello")\n' >"$repo/app.py"
at 01 -C "$repo" add app.py && at 01 -C "$repo" commit -q -m base
git -C "$repo" checkout -q -b feature
printf 'token = "%s"\n' "$T1" >"$repo/settings.py"
at 02 -C "$repo" add settings.py && at 02 -C "$repo" commit -q -m leak
(cd "$tmp" && AUTHAUDIT=$AUTHAUDIT AUTHAUDIT_PATH=$repo \
	AUTHAUDIT_RANGE=main..feature AUTHAUDIT_OUT=$tmp/range \
	AUTHAUDIT_FAIL_ON=medium sh "$root/scripts/ci-scan.sh") >/dev/null 2>&1
code=$?
[ "$code" -eq 1 ] || bad "ci-scan of the range: exit $code, want 1"
got=$(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
print(" ".join(sorted({f["location"]["path"] for f in r["findings"]})))' \
	"$tmp/range/authaudit.json")
[ "$got" = settings.py ] || bad "the range found in '$got', want settings.py"

# 3. the GitHub Action: its scan step as a runner would run it
python3 - "$root/action.yml" "$tmp/step.sh" "$tmp/step.env" \
	"$root" "$tmp" "$AUTHAUDIT" <<'PY' ||
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
# the expressions as the runner substitutes them: the action is this
# checkout, whose build/authaudit (the action's own build) is here the
# program under test (build-san/ under make sanitize); the inputs path src
# and the defaults, the runner's temp directory the test's
subst = {
    "${{ github.action_path }}": sys.argv[4],
    "${{ inputs.path }}": "src",
    "${{ inputs.profile }}": "default",
    "${{ inputs.fail-on }}": "high",
    "${{ inputs.range }}": "",
    "${{ inputs.args }}": "",
    "${{ runner.temp }}": sys.argv[5],
}
assert a["runs"]["using"] == "composite", "not a composite action"
steps = {s.get("id") or s["name"]: s for s in a["runs"]["steps"]}
scan = steps["scan"]
open(sys.argv[2], "w").write(scan["run"])
with open(sys.argv[3], "w") as out:
    for k, v in scan["env"].items():
        for expr, val in subst.items():
            v = v.replace(expr, val)
        assert "${{" not in v, v
        if k == "AUTHAUDIT":
            assert v == sys.argv[4] + "/build/authaudit", v
            v = sys.argv[6]
        out.write("%s\t%s\n" % (k, v))
up = steps["Upload SARIF"]["with"]["sarif_file"]
assert up == "authaudit-report/authaudit.sarif", up
PY
	bad "action.yml is not the composite action this test reads"
ws=$tmp/ws
mkdir "$ws"
cp -r "$root/examples" "$ws/src"
: >"$tmp/gh_summary"
: >"$tmp/gh_output"
(
	cd "$ws" || exit 1
	GITHUB_ACTION_PATH=$root
	GITHUB_STEP_SUMMARY=$tmp/gh_summary
	GITHUB_OUTPUT=$tmp/gh_output
	export GITHUB_ACTION_PATH GITHUB_STEP_SUMMARY GITHUB_OUTPUT
	while IFS="$(printf '\t')" read -r k v; do
		export "$k=$v"
	done <"$tmp/step.env"
	bash "$tmp/step.sh"
) >"$tmp/gh.out" 2>&1 || bad "the action's scan step failed: $(tail -3 "$tmp/gh.out")"
grep -x 'exit-code=1' "$tmp/gh_output" >/dev/null ||
	bad "the action's exit-code output: $(cat "$tmp/gh_output")"
grep '^### authaudit scan' "$tmp/gh_summary" >/dev/null ||
	bad "the action wrote no job summary"
[ -s "$ws/authaudit-report/authaudit.sarif" ] ||
	bad "the action left no SARIF where its upload step looks"

# 4. the GitLab template names what ci-scan.sh writes
python3 - "$root/ci/authaudit.gitlab-ci.yml" <<'PY' || bad "the GitLab template"
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["authaudit"]
assert job["artifacts"]["reports"]["junit"] == \
    "authaudit-report/authaudit.junit.xml", job["artifacts"]
assert any("ci-scan.sh" in line for line in job["script"]), job["script"]
PY

# 5. the pre-commit hook, run by pre-commit from this repository
if command -v pre-commit >/dev/null 2>&1; then
	hook=$tmp/hooked
	git_init "$hook"
	printf 'print("hello")\n' >"$hook/app.py"
	at 01 -C "$hook" add app.py && at 01 -C "$hook" commit -q -m base
	bin=$tmp/bin
	mkdir "$bin" && ln -s "$AUTHAUDIT" "$bin/authaudit"
	PRE_COMMIT_HOME=$tmp/pre-commit-home
	export PRE_COMMIT_HOME
	try() {
		(cd "$hook" && PATH=$bin:$PATH pre-commit try-repo "$root" \
			authaudit-staged) >"$tmp/pc.out" 2>&1
	}
	printf 'print("bye")\n' >>"$hook/app.py"
	git -C "$hook" add app.py
	# a token in a file never added: not the commit's business
	printf 'token = "%s"\n' "$T3" >"$hook/scratch.py"
	try || bad "the hook refused a clean change: $(tail -5 "$tmp/pc.out")"
	printf 'token = "%s"\n' "$T2" >"$hook/settings.py"
	git -C "$hook" add settings.py
	try && bad "the hook let a staged token through"
	grep -F 'settings.py' "$tmp/pc.out" >/dev/null ||
		bad "the hook's output does not name settings.py:" \
		"$(tail -5 "$tmp/pc.out")"
else
	bad "pre-commit is not installed (scripts/deps.sh test installs it)"
fi
exit $fail
