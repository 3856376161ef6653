#!/bin/sh
# shard_merge: scan and probe --shard I/N split the work so that merging
# the shards' JSON reports gives the unsharded run's findings exactly
# (fingerprints and locations), whatever the order of the reports or the
# number of threads; a shard with no file of its own is clean, not exit 3;
# merge refuses a set of shards with one missing or repeated unless
# --partial, reports of another schema and unreadable reports. The probe
# runs against tlsserver fixtures on 127.0.0.1 only.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/jwt.sh"
. "$here/lib/tlsserver.sh"
A=${AUTHAUDIT:?}
: "${FIXTURES:?}"
tmp=$(mktemp -d)
trap 'serve_stop_all; release_ports; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
cd "$root" || exit 1

# same WHAT A.json B.json: the same findings (fingerprint and location),
# summary, endpoints' facts, notices (as sets) and counts
same() {
	python3 - "$2" "$3" <<'PY' || fail "$1: the merged report differs"
import json, re, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def finds(r):
    return sorted((f["fingerprint"], json.dumps(f["location"], sort_keys=True),
                   f["severity"]) for f in r["findings"])
def scan(r):
    s = dict(r["scan"])
    for k in ("start", "end", "duration_ms", "targets"):
        s.pop(k)
    return s
def facts(r):	# curl's timings differ from run to run
    return {e["url"]: {k: re.sub(r"after \d+ ms", "after N ms", v)
                       for k, v in e["facts"].items()}
            for e in r.get("endpoints", [])}
def notes(r):
    return sorted(json.dumps(n, sort_keys=True) for n in r["notices"])
def names(r):
    return sorted(json.dumps(t, sort_keys=True) for t in r["targets"])
for what, f in (("findings", finds), ("summary", lambda r: r["summary"]),
                ("scan", scan), ("endpoints", facts), ("notices", notes),
                ("targets", names)):
    if f(a) != f(b):
        sys.exit("%s: %.600s\n  vs %.600s" % (what, f(a), f(b)))
if not a["findings"]:
    sys.exit("no findings to compare")
PY
	echo "ok: $1"
}

# get REPORT KEY.KEY: one value of the scan object
get() { python3 "$here/lib/report.py" scan "$1" "$2"; }

# rc_is WHAT WANT GOT
rc_is() { [ "$3" -eq "$2" ] || fail "$1: exit $3, want $2"; }

# --- scan: the union of the shards is the unsharded run ------------------
S="examples tests/data"
# shellcheck disable=SC2086
"$A" scan -q -f json -o "$tmp/full.json" $S
full_rc=$?
for i in 1 2 3; do
	# shellcheck disable=SC2086
	"$A" scan -q -f json --shard "$i/3" -o "$tmp/s$i.json" $S
	rc=$?
	[ "$rc" -le 1 ] || fail "scan shard $i/3: exit $rc"
	[ "$(get "$tmp/s$i.json" shard)" = "$i/3" ] ||
		fail "scan shard $i/3: scan.shard is not '$i/3'"
	n=$(($(get "$tmp/s$i.json" files_scanned) +
	     $(get "$tmp/s$i.json" files_skipped.other_shards)))
	[ "$n" -eq "$(get "$tmp/full.json" files_scanned)" ] ||
		fail "scan shard $i/3: own and other files add up to $n"
done
"$A" merge -q -f json -o "$tmp/m.json" "$tmp/s1.json" "$tmp/s2.json" \
	"$tmp/s3.json"
rc_is "merge of 3 scan shards" "$full_rc" $?
same "scan: 3 shards merged = unsharded" "$tmp/full.json" "$tmp/m.json"
python3 - "$tmp/m.json" <<'PY' || fail "the merged report keeps 'shard'"
import json, sys
assert "shard" not in json.load(open(sys.argv[1]))["scan"]
PY
# in any order, and in every format the same as the unsharded run
"$A" merge -q -f json -o "$tmp/m2.json" "$tmp/s3.json" "$tmp/s1.json" \
	"$tmp/s2.json"
same "scan: merged in another order" "$tmp/full.json" "$tmp/m2.json"
for f in text markdown; do
	# shellcheck disable=SC2086
	"$A" scan -q --no-color -f "$f" $S >"$tmp/full.$f"
	"$A" merge -q --no-color -f "$f" "$tmp/s2.json" "$tmp/s3.json" \
		"$tmp/s1.json" >"$tmp/m.$f"
	cmp -s "$tmp/full.$f" "$tmp/m.$f" ||
		fail "merge -f $f differs from scan -f $f"
done
echo "ok: merged text and markdown are the unsharded run's"
# the split does not depend on the number of threads
# shellcheck disable=SC2086
"$A" scan -q -f json -j 1 --shard 2/3 -o "$tmp/j1.json" $S
cmp -s "$tmp/j1.json" "$tmp/s2.json" ||
	python3 - "$tmp/j1.json" "$tmp/s2.json" <<'PY' || fail "-j 1 splits otherwise"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["findings"] == b["findings"] and \
    a["scan"]["files_scanned"] == b["scan"]["files_scanned"]
PY
echo "ok: shard 2/3 alike with -j 1"
# 1/1 is the whole run
# shellcheck disable=SC2086
"$A" scan -q -f json --shard 1/1 -o "$tmp/one.json" $S
"$A" merge -q -f json -o "$tmp/m1.json" "$tmp/one.json"
same "scan: 1/1 merged = unsharded" "$tmp/full.json" "$tmp/m1.json"

# --- a shard with no file of its own is clean; nothing at all is 3 ------
mkdir -p "$tmp/small" "$tmp/empty"
echo 'x = 1' >"$tmp/small/a.py"
echo 'y = 2' >"$tmp/small/b.txt"
for i in 1 2 3 4 5; do
	"$A" scan -q -f json --shard "$i/5" -o "$tmp/small$i.json" \
		"$tmp/small" 2>"$tmp/err"
	rc_is "shard $i/5 of a 2-file tree" 0 $?
	[ $(($(get "$tmp/small$i.json" files_scanned) +
	     $(get "$tmp/small$i.json" files_skipped.other_shards))) -eq 2 ] ||
		fail "shard $i/5 of a 2-file tree: files do not add up to 2"
done
python3 - "$tmp"/small?.json <<'PY' || fail "5 shards of 2 files: some empty shard expected"
import json, sys
n = [json.load(open(p))["scan"]["files_scanned"] for p in sys.argv[1:]]
assert sum(n) == 2 and n.count(0) >= 3, n
PY
"$A" merge -q "$tmp"/small?.json >/dev/null
rc_is "merge of 5 shards of a 2-file tree" 0 $?
"$A" scan -q --shard 2/2 "$tmp/empty" >/dev/null
rc_is "a shard of an empty tree" 3 $?
"$A" scan -q -f json --shard 1/2 -o "$tmp/e1.json" "$tmp/empty"
"$A" scan -q -f json --shard 2/2 -o "$tmp/e2.json" "$tmp/empty"
"$A" merge -q "$tmp/e1.json" "$tmp/e2.json" >/dev/null
rc_is "merge of an empty tree's shards" 3 $?
echo "ok: empty shards are clean, an empty tree is 3"

# --- bad --shard values --------------------------------------------------
for v in 0/3 4/3 1/0 1/1025 a/b 2 "" " 1/2" 1/2/3; do
	for cmd in scan probe; do
		"$A" $cmd -q --shard "$v" https://127.0.0.1:1/ >/dev/null \
			2>"$tmp/err"
		rc_is "$cmd --shard '$v'" 2 $?
		grep -q -- "--shard" "$tmp/err" ||
			fail "$cmd --shard '$v': $(cat "$tmp/err")"
	done
done
"$A" scan -q --shard 0/3 . 2>&1 | grep -q "I counts from 1" ||
	fail "--shard 0/3 does not say I counts from 1"
echo "ok: bad --shard values are refused"

# --- a missing or repeated shard -----------------------------------------
"$A" merge -q -f json -o "$tmp/p.json" "$tmp/s1.json" "$tmp/s3.json" \
	2>"$tmp/err"
rc_is "merge without shard 2/3" 2 $?
grep -q "scan: shard 2/3 missing" "$tmp/err" ||
	fail "missing shard: $(cat "$tmp/err")"
[ -e "$tmp/p.json" ] && fail "missing shard: a report was written"
"$A" merge -q -f json --partial -o "$tmp/p.json" "$tmp/s1.json" \
	"$tmp/s3.json"
rc=$?
[ "$rc" -le 1 ] || fail "merge --partial: exit $rc"
[ "$(get "$tmp/p.json" shard)" = "1,3/3" ] ||
	fail "merge --partial: scan.shard is $(get "$tmp/p.json" shard)"
python3 "$here/lib/report.py" notices "$tmp/p.json" |
	grep -q "^shard 1,3/3: scan: shard 2/3 missing; this report is not" ||
	fail "merge --partial: no notice of the missing shard"
[ "$(get "$tmp/p.json" files_skipped.other_shards)" -eq \
  "$(get "$tmp/s2.json" files_scanned)" ] ||
	fail "merge --partial: other_shards is not shard 2's files"
# the partial merge and the missing shard make the whole
"$A" merge -q -f json -o "$tmp/pm.json" "$tmp/p.json" "$tmp/s2.json"
same "scan: partial merge + the missing shard" "$tmp/full.json" \
	"$tmp/pm.json"
"$A" merge -q "$tmp/s1.json" "$tmp/s2.json" "$tmp/s2.json" \
	"$tmp/s3.json" >/dev/null 2>"$tmp/err"
rc_is "merge with shard 2/3 twice" 2 $?
grep -q "shard 2/3 given more than once" "$tmp/err" ||
	fail "repeated shard: $(cat "$tmp/err")"
"$A" merge -q -f json --partial -o "$tmp/d.json" "$tmp/s1.json" \
	"$tmp/s2.json" "$tmp/s2.json" "$tmp/s3.json"
rc_is "merge --partial with shard 2/3 twice" "$full_rc" $?
python3 "$here/lib/report.py" notices "$tmp/d.json" |
	grep -q "shard 2/3 given more than once; merged once" ||
	fail "repeated shard, --partial: no notice"
[ "$(get "$tmp/d.json" files_scanned)" -eq \
  "$(get "$tmp/full.json" files_scanned)" ] ||
	fail "repeated shard, --partial: counted twice"
# shellcheck disable=SC2086
"$A" scan -q -f json --shard 1/4 -o "$tmp/q1.json" $S
"$A" merge -q "$tmp/s1.json" "$tmp/q1.json" >/dev/null 2>"$tmp/err"
rc_is "merge of 1/3 and 1/4" 2 $?
grep -q "shards of different splits do not merge" "$tmp/err" ||
	fail "1/3 and 1/4: $(cat "$tmp/err")"
echo "ok: missing, repeated and mixed shards"

# --- reports that cannot be merged ---------------------------------------
printf '{"schema_version": "1.3",\n  "scan": {,}}\n' >"$tmp/bad.json"
"$A" merge -q "$tmp/s1.json" "$tmp/bad.json" >/dev/null 2>"$tmp/err"
rc_is "merge of a malformed report" 2 $?
grep -q "bad.json:2:12: not a JSON report" "$tmp/err" ||
	fail "malformed report: $(cat "$tmp/err")"
"$A" merge -q "$tmp/none.json" >/dev/null 2>"$tmp/err"
rc_is "merge of a missing file" 2 $?
grep -q "none.json" "$tmp/err" || fail "missing file: $(cat "$tmp/err")"
sed 's/"schema_version": "[0-9.]*"/"schema_version": "3.0"/' \
	"$tmp/s2.json" >"$tmp/v2.json"
"$A" merge -q "$tmp/s1.json" "$tmp/v2.json" "$tmp/s3.json" >/dev/null \
	2>"$tmp/err"
rc_is "merge of a 3.0 report" 2 $?
grep -q "v2.json: schema_version 3.0" "$tmp/err" ||
	fail "3.0 report: $(cat "$tmp/err")"
"$A" merge -q --show-secrets "$tmp/s1.json" >/dev/null 2>"$tmp/err"
rc_is "merge --show-secrets of redacted reports" 2 $?
"$A" merge -q >/dev/null 2>&1
rc_is "merge of nothing" 2 $?
echo "ok: unmergeable reports are errors"

# --- --baseline: on the merge, and stale entries across shards -----------
"$A" merge -q --baseline "$tmp/full.json" "$tmp/s1.json" "$tmp/s2.json" \
	"$tmp/s3.json" >/dev/null
rc_is "merge --baseline of the same run" 0 $?
cp -R examples "$tmp/ex"
(cd "$tmp" && "$A" scan -q -f json -o base.json ex)
rm "$tmp/ex/acme-integration/.env"
for i in 1 2; do
	(cd "$tmp" && "$A" scan -q -f json --shard "$i/2" \
		--baseline base.json -o "b$i.json" ex)
done
"$A" merge -q -f json -o "$tmp/bm.json" "$tmp/b1.json" "$tmp/b2.json"
(cd "$tmp" && "$A" scan -q -f json --baseline base.json -o bfull.json ex)
python3 - "$tmp/bfull.json" "$tmp/bm.json" <<'PY' || fail "stale entries of shards"
import json, sys
a, b = (json.load(open(p))["baseline"] for p in sys.argv[1:3])
fa = sorted(f["fingerprint"] for f in a["stale"])
fb = sorted(f["fingerprint"] for f in b["stale"])
assert fa and fa == fb, (len(fa), len(fb))
assert a["suppressed"] == b["suppressed"]
PY
echo "ok: stale baseline entries are those no shard found"

# --- probe: the union of the shards is the unsharded run -----------------
mkdir "$tmp/pki"
pki "$tmp/pki"
P=$tmp/pki
closed_port "$tmp"
serve "$tmp" --listen 6 --cert "$P/good.pem" --key "$P/good.key" \
	--hsts "max-age=31536000"
good=$ports
serve "$tmp" --listen 2 --cert "$P/expired.pem" --key "$P/expired.key" \
	--hsts "max-age=31536000"
expired=$ports
serve "$tmp" --cert "$P/good.pem" --key "$P/good.key"
alt=$port
: >"$tmp/targets.txt"
for p in $good $expired $closed; do
	printf 'https://127.0.0.1:%s/api/v1\nhttps://127.0.0.1:%s/api/v2\n' \
		"$p" "$p" >>"$tmp/targets.txt"
done
# every endpoint of the host probes one alternative port: each shard
# reports it, the merge once, as the unsharded run
probe() {
	"$A" probe -q -f json --ca-file "$P/trust.pem" --http-port "$closed" \
		--alt-ports "$alt" --targets "$tmp/targets.txt" "$@"
}
probe -o "$tmp/pfull.json"
pfull_rc=$?
for i in 1 2 3; do
	probe --shard "$i/3" -o "$tmp/ps$i.json"
	rc=$?
	[ "$rc" -le 1 ] || fail "probe shard $i/3: exit $rc"
	[ $(($(get "$tmp/ps$i.json" endpoints_probed) +
	     $(get "$tmp/ps$i.json" endpoints_other_shards))) -eq 18 ] ||
		fail "probe shard $i/3: endpoints do not add up to 18"
done
python3 - "$tmp"/ps?.json <<'PY' || fail "probe: one endpoint's paths in two shards"
import json, re, sys
where = {}
for p in sys.argv[1:]:
    for t in json.load(open(p))["scan"]["targets"]:
        where.setdefault(re.sub(r"/api/v.$", "", t), set()).add(p)
assert all(len(s) == 1 for s in where.values()), where
PY
"$A" merge -q -f json -o "$tmp/pm.json" "$tmp/ps3.json" "$tmp/ps1.json" \
	"$tmp/ps2.json"
rc_is "merge of 3 probe shards" "$pfull_rc" $?
same "probe: 3 shards merged = unsharded" "$tmp/pfull.json" "$tmp/pm.json"
expect "probe: the alternative port once" "1" "$(grep -c \
	"\"url\": \"https://127.0.0.1:$alt/\"" "$tmp/pm.json")"
"$A" merge -q "$tmp/ps1.json" "$tmp/ps2.json" >/dev/null 2>"$tmp/err"
rc_is "merge without probe shard 3/3" 2 $?
grep -q "probe: shard 3/3 missing" "$tmp/err" ||
	fail "probe, missing shard: $(cat "$tmp/err")"
# scan and probe shards in one merge: two splits, each complete
"$A" merge -q -f json -o "$tmp/both.json" "$tmp/s1.json" "$tmp/ps1.json" \
	"$tmp/s2.json" "$tmp/ps2.json" "$tmp/s3.json" "$tmp/ps3.json"
[ "$(get "$tmp/both.json" command)" = merge ] ||
	fail "scan and probe merged: command is not 'merge'"
python3 - "$tmp/both.json" "$tmp/full.json" "$tmp/pfull.json" <<'PY' || fail "scan and probe merged"
import json, sys
m, s, p = (json.load(open(x)) for x in sys.argv[1:4])
assert len(m["findings"]) == len(s["findings"]) + len(p["findings"])
assert not [n for n in m["notices"] if n["where"] in ("merge",)], m["notices"]
PY
echo "shard_merge: all passed"
