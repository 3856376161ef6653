#!/bin/sh
# bench/history.sh: `authaudit scan --history` on a real repository of
# 30,000+ commits, beside `git log -p -U0 HEAD` alone (the first step of
# every diff-based history scanner), in the same run, page cache warm.
# Rows: wall seconds and peak RSS; for authaudit the findings, how many
# carry their commit, and how many are still at the tip.
#   AUTHAUDIT_BENCH_HISTORY  the repository (default: $data/curl.git, a
#                            clone of curl: 39,490 commits on HEAD)
#   AUTHAUDIT_BENCH_KEEP     where to keep the history scan's JSON report
#                            (default: not kept)
# Without one it says so and leaves the row out (no network here).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: bench/history.sh path/to/authaudit}
data=${AUTHAUDIT_BENCH_DIR:-/var/tmp/authaudit-bench}
repo=${AUTHAUDIT_BENCH_HISTORY:-$data/curl.git}

if ! git -C "$repo" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	echo "history: no repository at $repo; set AUTHAUDIT_BENCH_HISTORY" \
		"to a clone of one of 30,000+ commits (curl's, say)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

commits=$(git -C "$repo" rev-list --count HEAD)
blobs=$(git -C "$repo" rev-list --objects HEAD | cut -d' ' -f1 |
	git -C "$repo" cat-file --batch-check='%(objecttype) %(objectsize)' |
	awk '$1 == "blob" { n++; s += $2 } END { printf "%d %.2f", n, s / 1e9 }')
# warm: every object of the pack read once
cat "$repo"/objects/pack/*.pack >/dev/null 2>&1

# hrow NAME CMD...: run CMD once (stdout to $tmp/out): wall, CPU (user +
# system: what other load on the machine does not change), peak RSS
hrow() {
	name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$tmp/out" \
		2>"$tmp/err"
	tail -n 1 "$tmp/time" | awk -v n="$name" '{
		printf "%-40s %8.2f s %8.2f s %9.1f MB\n", n, $1, $2 + $3,
		       $4 / 1024 }'
}

echo
echo "history: $repo"
echo "      $commits commits on HEAD, ${blobs% *} unique blobs" \
	"(${blobs#* } GB), $(nproc) cores, page cache warm, one run each"
printf '%-40s %10s %10s %12s\n' tool wall CPU "peak RSS"
hrow "git log -p -U0 HEAD" git -C "$repo" log -p -U0 HEAD
hrow "authaudit scan --history --branch HEAD" \
	"$bin" scan -q --history --branch HEAD --format json "$repo"
cp "$tmp/out" "$tmp/history.json"
[ -n "${AUTHAUDIT_BENCH_KEEP:-}" ] && cp "$tmp/out" "$AUTHAUDIT_BENCH_KEEP"
# the engine alone: the same walk and reads with one rule file (GitHub and
# GitLab tokens), whose keywords are rare; the default profile's cost on
# top of it is the rules' (curl mentions "curl" and "ssl" on most lines)
mkdir -p "$tmp/rules/secrets"
cp "$here/../rules/secrets/hosting-ci.yaml" "$tmp/rules/secrets/"
cp "$here/../rules/allowlist.yaml" "$tmp/rules/"
cp -R "$here/../rules/wordlists" "$tmp/rules/"
printf 'profiles:\n  - name: default\n    title: all\n    rules: ["*"]\n' \
	>"$tmp/rules/profiles.yaml"
hrow "  the same, hosting-ci rules only" env AUTHAUDIT_RULES="$tmp/rules" \
	"$bin" scan -q --history --branch HEAD --format json "$repo"
python3 - "$tmp/history.json" <<'PY'
import collections, json, sys
r = json.load(open(sys.argv[1]))
fs = r["findings"]
h = r["scan"]["history"]
print("  %d commits, %d blobs read (%d binary, %d too large), %d paths; "
      "%d findings, %d with their commit, %d still at the tip" % (
          h["commits"], r["scan"]["files_scanned"],
          r["scan"]["files_skipped"]["binary"],
          r["scan"]["files_skipped"]["too_large"], h["paths"], len(fs),
          sum(1 for f in fs if "commit" in f["location"]),
          sum(1 for f in fs if f.get("presence") == "tip")))
by = collections.Counter((f["rule"], f.get("presence")) for f in fs)
for (rule, presence), n in sorted(by.items()):
    print("  %5d  %-36s %s" % (n, rule, presence))
PY
