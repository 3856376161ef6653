# Sourced by the history e2e tests: repositories built now with git,
# with fixed names and dates so that every commit is reproducible, and a
# reader of what a history scan reported.

# test tokens: GitHub classic PATs in form, made up for these tests
T1=ghp_C3J27XDCG2LmlZGEONYlgCtjfIZ4SOcMz9CP
T2=ghp_VNPkNa1Hedcm4pMbXDuCL1mHoOsFaQfDPrAJ
T3=ghp_71fTquWoGsbeKXgzg2sye9b2Rann76dEyTzA
T4=ghp_eKOmXRrvftva9AW7hipTgadDZFlRJmCGmUXi
T5=ghp_APyhzAnar3ZLt4bnlz2MPKgcjnCqaXNv1sye
T6=ghp_efnLOpaMxxNDi9LE1Ki3ylOjt6o0NpUmkVO8
T7=ghp_JmR8y4EMfAdggcG9qpVTzqA05MFsHl7UeioE
T8=ghp_JP2NNern66nVberACpdclsxHKifxi5CvQUSH
T9=ghp_L8iLc7bE6wSt9cbMOeEeUtuieeCIxVc57VVT
T10=ghp_iY96vwfRE5e32A8Yb3FKaNQyyLaMeffOhq4A

GIT_AUTHOR_NAME="Dana Commit"
GIT_AUTHOR_EMAIL=dana@example.test
GIT_COMMITTER_NAME="Dana Commit"
GIT_COMMITTER_EMAIL=dana@example.test
GIT_CONFIG_NOSYSTEM=1
HOME=${HOME:-/tmp}
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL GIT_CONFIG_NOSYSTEM

# git_init DIR: an empty repository on branch main
git_init() {
	git init -q -b main "$1" &&
		git -C "$1" config commit.gpgsign false &&
		git -C "$1" config gc.auto 0
}

# at DAY CMD...: run git CMD... with author and committer dates on
# 2024-03-DAY at 10:00 +01:00
at() {
	_d=$1
	shift
	GIT_AUTHOR_DATE="2024-03-${_d}T10:00:00+01:00" \
	GIT_COMMITTER_DATE="2024-03-${_d}T10:00:00+01:00" git "$@"
}

# hfind REPORT.json: one line per finding, sorted:
# PATH:LINE:COL RULE COMMIT(8) PRESENCE (commit "-" when none)
hfind() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = []
for f in d["findings"]:
    l = f["location"]
    rows.append("%s:%s:%s %s %s %s" % (l["path"], l["line"], l["column"],
                f["rule"], l.get("commit", "-")[:8],
                f.get("presence", "-")))
for row in sorted(rows):
    print(row)
PY
}

# hscan KEY...: one value of the report's scan object (report.py scan)
hscan() {
	python3 "$here/lib/report.py" scan "$1" "$2"
}
