#!/bin/sh
# schema_v1: reports written by authaudit 1.x (schema 1.x: the plain
# SHA-256 of each secret, fingerprints over it, no hash_key) still work
# with 2.0: a 1.x baseline suppresses the same findings and its stale
# entries are written rekeyed; `authaudit audit` against a previous run
# stored in 1.x form tells new, still open and resolved correctly; `merge`
# rekeys 1.x shards that carry their raw secrets (--show-secrets) to
# exactly what a 2.0 run gives, and refuses, saying why, 1.x shards that
# hold a plain hash only, and 2.x shards under another hash key. The 1.x
# reports are written here by hand, with only the fields the reader
# takes (src/report/report_read.c), from the 1.x rules: a secret finding's
# fingerprint is SHA-256(rule NUL path NUL sha256(secret) NUL), any other
# SHA-256(rule NUL path NUL matched text NUL).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?set AUTHAUDIT to the authaudit binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
. "$here/lib/test-lib.sh"
AUTHAUDIT_RULES=$root/rules
AUTHAUDIT_HASH_KEY=e2e-schema-v1-key-made-up-for-this-test
export AUTHAUDIT_RULES AUTHAUDIT_HASH_KEY

# made-up passwords of 20 random-looking characters
PW_APP=vQ7mZ2xK9pL4wN8rT3bY
PW_KEEP=Hq4sW8nB2vX6cM1zR5tL
PW_GONE=Zt3kP9wQ5mR1xV7nB4cJ
PW_RULE=secret.generic.password
TLS_RULE=transport.tls-verify.python
mkdir -p "$tmp/src"
printf 'service_password = "%s"\n' "$PW_APP" >"$tmp/src/app.py"
printf 'db_password = "%s"\n' "$PW_KEEP" >"$tmp/src/keep.py"
printf 'import requests\nrequests.get("https://127.0.0.1/", verify=False)\n' \
	>"$tmp/src/client.py"

sha() {	# sha TEXT: hex SHA-256 of TEXT
	printf '%s' "$1" | sha256sum | cut -c1-64
}
fp1() {	# fp1 RULE PATH WHAT: the 1.x fingerprint
	printf '%s\0%s\0%s\0' "$1" "$2" "$3" | sha256sum | cut -c1-64
}
field() {	# field FILE EXPR: a value of a JSON report (d is the report)
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
# pw_finding PATH PASSWORD COLUMN [raw]: a 1.x finding of the password
# rule, with its secret's value when raw (--show-secrets), else redacted
pw_finding() {
	value=
	[ "${4:-}" = raw ] && value=", \"value\": \"$2\""
	cat <<EOF
    {"rule": "$PW_RULE", "severity": "medium", "confidence": "low",
     "message": "Hard-coded password",
     "location": {"path": "$1", "root": "src", "line": 1, "column": $3},
     "secret": {"redacted": "$(printf %.4s "$2")\\u2026(20 chars)",
                "sha256": "$(sha "$2")"$value},
     "fingerprint": "$(fp1 "$PW_RULE" "$1" "$(sha "$2")")"}
EOF
}
tls_finding() {
	cat <<EOF
    {"rule": "$TLS_RULE", "severity": "high", "confidence": "high",
     "message": "TLS certificate verification disabled (Python)",
     "location": {"path": "client.py", "root": "src", "line": 2,
                  "column": 36},
     "fingerprint": "$(fp1 "$TLS_RULE" client.py "verify=False")"}
EOF
}
# report_v1 COMMAND FILES START FINDING...: a whole 1.5 report; each
# FINDING a file holding one entry of findings[]
report_v1() {
	cmd=$1 files=$2 start=$3
	shift 3
	printf '{"schema_version": "1.5",\n "tool": {"name": "authaudit", "version": "1.4.0"},\n'
	printf ' "scan": {"command": "%s", "profile": "default", "start": "%s",\n' \
		"$cmd" "$start"
	printf '          "end": "%s", "files_scanned": %s, "rules_loaded": 300},\n' \
		"$start" "$files"
	printf ' "targets": [{"name": "src", "kind": "source", "profile": "default"}],\n'
	printf ' "findings": [\n'
	sep=
	for f in "$@"; do
		printf '%s' "$sep"
		cat "$f"
		sep=",
"
	done
	printf '\n ],\n "notices": [],\n'
	printf ' "baseline": {"suppressed": 0, "suppressed_inline": 0, "stale": []},\n'
	printf ' "summary": {"total": %s, "by_severity": {"info": 0, "low": 0, "medium": %s, "high": %s, "critical": 0}}}\n' \
		"$#" "$(cat "$@" | grep -c "\"$PW_RULE\"")" \
		"$(cat "$@" | grep -c "\"$TLS_RULE\"")"
}
pw_finding app.py "$PW_APP" 21 >"$tmp/f-app"
pw_finding gone.py "$PW_GONE" 21 >"$tmp/f-gone"
pw_finding app.py "$PW_APP" 21 raw >"$tmp/f-app-raw"
pw_finding keep.py "$PW_KEEP" 16 raw >"$tmp/f-keep-raw"
tls_finding >"$tmp/f-tls"
plain_hashes() {	# every plain hash and 1.x fingerprint, one a line
	for pw in "$PW_APP" "$PW_KEEP" "$PW_GONE"; do
		sha "$pw"
	done
	grep -ho '"fingerprint": "[0-9a-f]*"' "$tmp"/f-* | grep -v \
		"$(fp1 "$TLS_RULE" client.py "verify=False")" | cut -d'"' -f4
}
no_plain() {	# no_plain FILE: nothing derived from a plain hash in FILE
	plain_hashes | sort -u >"$tmp/plain"
	! grep -q -F -f "$tmp/plain" "$1" ||
		test_fail "$1 holds a plain hash or a 1.x fingerprint: $(grep -o -F -f "$tmp/plain" "$1" | head -1)"
}

# what 2.0 finds in the tree: the reference
"$A" scan -q --format json -o "$tmp/now.json" "$tmp/src"

test_expect "the 2.0 run finds the three the fixtures describe" '
	field "$tmp/now.json" "sorted((f[\"location\"][\"path\"], f[\"rule\"], f[\"location\"][\"line\"], f[\"location\"][\"column\"]) for f in d[\"findings\"])" \
		>"$tmp/now.got"
	echo "[(${SQ}app.py${SQ}, ${SQ}$PW_RULE${SQ}, 1, 21), (${SQ}client.py${SQ}, ${SQ}$TLS_RULE${SQ}, 2, 36), (${SQ}keep.py${SQ}, ${SQ}$PW_RULE${SQ}, 1, 16)]" \
		>"$tmp/now.want"
	test_cmp "$tmp/now.want" "$tmp/now.got"
	[ "$(field "$tmp/now.json" "[f[\"fingerprint\"] for f in d[\"findings\"] if f[\"rule\"] == \"$TLS_RULE\"][0]")" = \
		"$(fp1 "$TLS_RULE" client.py "verify=False")" ] ||
		test_fail "a finding without a secret: its fingerprint is not the 1.x one"
'

report_v1 scan 3 2026-01-05T10:00:00Z "$tmp/f-app" "$tmp/f-tls" \
	"$tmp/f-gone" >"$tmp/base-v1.json"

test_expect "a 1.x baseline suppresses the same findings; stale rekeyed" '
	"$A" scan -q --format json --baseline "$tmp/base-v1.json" \
		-o "$tmp/b.json" "$tmp/src"
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1 (keep.py is new)"
	[ "$(field "$tmp/b.json" "[f[\"location\"][\"path\"] for f in d[\"findings\"]]")" = \
		"[${SQ}keep.py${SQ}]" ] ||
		test_fail "left: $(field "$tmp/b.json" "[f[\"location\"][\"path\"] for f in d[\"findings\"]]")"
	[ "$(field "$tmp/b.json" "d[\"baseline\"][\"suppressed\"]")" = 2 ] ||
		test_fail "suppressed: want 2 (app.py and client.py)"
	[ "$(field "$tmp/b.json" "[s[\"location\"][\"path\"] for s in d[\"baseline\"][\"stale\"]]")" = \
		"[${SQ}gone.py${SQ}]" ] || test_fail "stale: want gone.py"
	field "$tmp/b.json" "[n[\"message\"] for n in d[\"notices\"]]" |
		grep -q "schema 1.x report (plain SHA-256" ||
		test_fail "no notice that the baseline is of schema 1.x"
	no_plain "$tmp/b.json"
'

test_expect "the baseline written again by 2.0 matches without 1.x help" '
	"$A" scan -q --format json -o "$tmp/base-v2.json" "$tmp/src"
	"$A" scan -q --format json --baseline "$tmp/base-v2.json" \
		-o "$tmp/b2.json" "$tmp/src" || test_fail "exit $?, want 0"
	[ "$(field "$tmp/b2.json" "d[\"baseline\"][\"suppressed\"]")" = 3 ] ||
		test_fail "suppressed: want 3"
'

# audit: the previous run, stored as 1.x wrote it, holds app.py (still
# there), client.py (still there) and gone.py (fixed since); keep.py is new
mkdir -p "$tmp/audit/out/20260105T100000Z"
ln -s "$tmp/src" "$tmp/audit/src"
printf 'name: schema v1\nprofile: default\noutput_dir: out\nformats: [json, text]\nsources:\n  - path: src\n' \
	>"$tmp/audit/audit.yaml"
report_v1 audit 3 2026-01-05T10:00:00Z "$tmp/f-app" "$tmp/f-tls" \
	"$tmp/f-gone" >"$tmp/audit/out/20260105T100000Z/authaudit.json"
ln -s 20260105T100000Z "$tmp/audit/out/latest"

test_expect "audit against a 1.x previous run: new, still open, resolved" '
	"$A" audit -c "$tmp/audit/audit.yaml" -q >"$tmp/audit.out" 2>&1
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1: $(cat "$tmp/audit.out")"
	run=$(readlink "$tmp/audit/out/latest")
	[ "$run" != 20260105T100000Z ] || test_fail "no new run"
	r=$tmp/audit/out/$run/authaudit.json
	field "$r" "sorted((f[\"location\"][\"path\"], f[\"change\"]) for f in d[\"findings\"])" \
		>"$tmp/audit.got"
	echo "[(${SQ}app.py${SQ}, ${SQ}open${SQ}), (${SQ}client.py${SQ}, ${SQ}open${SQ}), (${SQ}keep.py${SQ}, ${SQ}new${SQ})]" \
		>"$tmp/audit.want"
	test_cmp "$tmp/audit.want" "$tmp/audit.got"
	[ "$(field "$r" "[(f[\"location\"][\"path\"], f[\"rule\"]) for f in d[\"audit\"][\"resolved\"]]")" = \
		"[(${SQ}gone.py${SQ}, ${SQ}$PW_RULE${SQ})]" ] ||
		test_fail "resolved: $(field "$r" "d[\"audit\"][\"resolved\"]")"
	[ "$(field "$r" "(d[\"audit\"][\"new\"], d[\"audit\"][\"still_open\"])")" = "(1, 2)" ] ||
		test_fail "counts: $(field "$r" "(d[\"audit\"][\"new\"], d[\"audit\"][\"still_open\"])")"
	case "$(field "$r" "d[\"audit\"][\"previous\"]")" in
	*20260105T100000Z*) ;;
	*) test_fail "previous: $(field "$r" "d[\"audit\"][\"previous\"]")" ;;
	esac
	no_plain "$r"
'

# merge: 1.x shards
report_v1 scan 2 2026-01-05T10:00:00Z "$tmp/f-app-raw" "$tmp/f-tls" \
	>"$tmp/raw1.json"
report_v1 scan 1 2026-01-05T10:00:01Z "$tmp/f-keep-raw" >"$tmp/raw2.json"
report_v1 scan 2 2026-01-05T10:00:00Z "$tmp/f-app" "$tmp/f-tls" \
	>"$tmp/red1.json"
report_v1 scan 1 2026-01-05T10:00:00Z "$tmp/f-tls" >"$tmp/tls-only.json"

test_expect "merge rekeys 1.x shards that hold the raw secrets" '
	"$A" merge -q --format json -o "$tmp/m.json" "$tmp/raw1.json" \
		"$tmp/raw2.json"
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "exit $rc, want 1 (findings)"
	e="sorted((f[\"location\"][\"path\"], f[\"fingerprint\"], f.get(\"secret\", {}).get(\"hmac_sha256\")) for f in d[\"findings\"])"
	field "$tmp/now.json" "$e" >"$tmp/m.want"
	field "$tmp/m.json" "$e" >"$tmp/m.got"
	test_cmp "$tmp/m.want" "$tmp/m.got"
	[ "$(field "$tmp/m.json" "d[\"schema_version\"]")" = 2.0 ] ||
		test_fail "the merged report is not schema 2.0"
	no_plain "$tmp/m.json"
'

test_expect "merge of a 1.x shard with plain hashes only: refused" '
	"$A" merge -q --format json -o "$tmp/r.json" "$tmp/red1.json" \
		"$tmp/raw2.json" 2>"$tmp/r.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	grep -q "^authaudit: $tmp/red1.json: a schema 1.x report: 1 finding holds a plain SHA-256 of the secret only, which cannot be turned into this version${SQ}s keyed hash (hash key [0-9a-f]\{16\}); run that shard again with this version" \
		"$tmp/r.err" || test_fail "$(cat "$tmp/r.err")"
	[ ! -s "$tmp/r.json" ] || test_fail "a report was written"
'

test_expect "merge of a 1.x shard without secrets: as a 2.0 shard" '
	"$A" merge -q --format json -o "$tmp/t.json" "$tmp/tls-only.json"
	[ $? -eq 1 ] || test_fail "exit $?, want 1"
	[ "$(field "$tmp/t.json" "[f[\"fingerprint\"] for f in d[\"findings\"]]")" = \
		"[${SQ}$(fp1 "$TLS_RULE" client.py "verify=False")${SQ}]" ] ||
		test_fail "$(field "$tmp/t.json" "d[\"findings\"]")"
'

test_expect "merge of a 2.x shard under another hash key: refused" '
	AUTHAUDIT_HASH_KEY=e2e-schema-v1-other-key-for-this-test "$A" scan -q \
		--format json -o "$tmp/other.json" "$tmp/src"
	"$A" merge -q --format json -o "$tmp/o.json" "$tmp/other.json" \
		2>"$tmp/o.err"
	rc=$?
	[ "$rc" -eq 2 ] || test_fail "exit $rc, want 2"
	grep -q "^authaudit: $tmp/other.json: its secret hashes are under hash key $(field "$tmp/other.json" "d[\"hash_key\"][\"id\"]"), this run${SQ}s under $(field "$tmp/now.json" "d[\"hash_key\"][\"id\"]"); set AUTHAUDIT_HASH_KEY" \
		"$tmp/o.err" || test_fail "$(cat "$tmp/o.err")"
	AUTHAUDIT_HASH_KEY=e2e-schema-v1-other-key-for-this-test "$A" merge -q \
		--format json -o "$tmp/o2.json" "$tmp/other.json"
	[ $? -eq 1 ] || test_fail "under its own key: exit $?, want 1"
'

test_done
