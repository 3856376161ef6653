#!/bin/sh
# secret_hash: reports carry an HMAC-SHA-256 of each secret under the
# user's key (lib/secret_hash.h), never its plain SHA-256. The same secret
# under the same key gives the same hash and fingerprint run after run; a
# different key, different ones; the key comes from AUTHAUDIT_HASH_KEY,
# AUTHAUDIT_HASH_KEY_FILE or a file made on first use (mode 0600); a
# baseline of schema 1.x (plain hashes) still suppresses, with a notice,
# and nothing derived from its plain hashes is written again; a baseline
# under another key is named in a notice.
set -u
here=$(cd "$(dirname "$0")" && pwd)
A=${AUTHAUDIT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
. "$here/lib/test-lib.sh"

KEY1=e2e-key-one-made-up-for-this-test
KEY2=e2e-key-two-made-up-for-this-test
# a made-up password of 20 random-looking characters
PW=vQ7mZ2xK9pL4wN8rT3bY
mkdir "$tmp/src"
printf 'service_password = "%s"\n' "$PW" >"$tmp/src/app.py"

# field FILE EXPR: a value of the JSON report (python expression over d)
field() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

scan_json() {	# OUT [ENV=...]: scan $tmp/src into OUT
	out=$1; shift
	env "$@" "$A" scan -q --format json -o "$out" "$tmp/src"
	[ $? -eq 1 ] || test_fail "scan: want exit 1 (a finding)"
}

test_expect "the hash is HMAC-SHA-256 under the key, not a plain digest" '
	scan_json "$tmp/a.json" AUTHAUDIT_HASH_KEY=$KEY1
	python3 - "$tmp/a.json" "$KEY1" "$PW" <<-PY || test_fail "hash"
	import hashlib, hmac, json, sys
	d = json.load(open(sys.argv[1]))
	key, pw = sys.argv[2].encode(), sys.argv[3].encode()
	assert d["schema_version"] == "2.0", d["schema_version"]
	f, = d["findings"]
	want = hmac.new(key, pw, hashlib.sha256).hexdigest()
	assert f["secret"]["hmac_sha256"] == want, f["secret"]
	assert "sha256" not in f["secret"], f["secret"]
	assert hashlib.sha256(pw).hexdigest() not in open(sys.argv[1]).read()
	kid = hmac.new(key, b"authaudit hash key id",
	               hashlib.sha256).hexdigest()[:16]
	assert d["hash_key"] == {"algorithm": "HMAC-SHA-256", "id": kid}, \
	    d["hash_key"]
	PY
'

test_expect "the same secret and key: the same hash and fingerprint" '
	scan_json "$tmp/b.json" AUTHAUDIT_HASH_KEY=$KEY1
	for e in "d[\"findings\"][0][\"fingerprint\"]" \
		 "d[\"findings\"][0][\"secret\"][\"hmac_sha256\"]"; do
		[ "$(field "$tmp/a.json" "$e")" = "$(field "$tmp/b.json" "$e")" ] ||
			test_fail "two runs differ in $e"
	done
	AUTHAUDIT_HASH_KEY=$KEY1 "$A" scan -q --baseline "$tmp/a.json" \
		--format json -o "$tmp/c.json" "$tmp/src" || test_fail "the baseline of the same key does not suppress"
'

test_expect "another key: another hash and fingerprint, and a notice" '
	scan_json "$tmp/k2.json" AUTHAUDIT_HASH_KEY=$KEY2
	for e in "d[\"findings\"][0][\"fingerprint\"]" \
		 "d[\"findings\"][0][\"secret\"][\"hmac_sha256\"]" \
		 "d[\"hash_key\"][\"id\"]"; do
		[ "$(field "$tmp/a.json" "$e")" != "$(field "$tmp/k2.json" "$e")" ] ||
			test_fail "keys 1 and 2 agree on $e"
	done
	AUTHAUDIT_HASH_KEY=$KEY2 "$A" scan -q --baseline "$tmp/a.json" \
		--format json -o "$tmp/k2b.json" "$tmp/src"
	[ $? -eq 1 ] || test_fail "a baseline under another key suppressed"
	field "$tmp/k2b.json" "[n[\"message\"] for n in d[\"notices\"]]" |
		grep -q "under hash key $(field "$tmp/a.json" "d[\"hash_key\"][\"id\"]")" ||
		test_fail "no notice of the baseline'"'"'s key"
'

# the report schema 1.5 wrote of the same finding: plain SHA-256 of the
# secret, a fingerprint over it, no hash_key
old_baseline() {
	python3 - "$tmp/a.json" "$PW" "$tmp/old.json" <<-'PY'
	import hashlib, json, sys
	d = json.load(open(sys.argv[1]))
	pw = sys.argv[2].encode()
	d["schema_version"] = "1.5"
	del d["hash_key"]
	for f in d["findings"]:
	    plain = hashlib.sha256(pw).hexdigest()
	    f["secret"] = {"redacted": f["secret"]["redacted"], "sha256": plain}
	    f["fingerprint"] = hashlib.sha256(
	        (f["rule"] + "\0" + f["location"]["path"] + "\0" + plain +
	         "\0").encode()).hexdigest()
	json.dump(d, open(sys.argv[3], "w"), indent=2)
	PY
}

test_expect "a schema 1.x baseline still suppresses, with a notice" '
	old_baseline
	AUTHAUDIT_HASH_KEY=$KEY1 "$A" scan -q --baseline "$tmp/old.json" \
		--format json -o "$tmp/m.json" "$tmp/src" ||
		test_fail "the schema 1.5 baseline does not suppress"
	[ "$(field "$tmp/m.json" "d[\"baseline\"][\"suppressed\"]")" = 1 ] ||
		test_fail "suppressed: want 1"
	field "$tmp/m.json" "[n[\"message\"] for n in d[\"notices\"]]" |
		grep -q "schema 1.x report (plain SHA-256" ||
		test_fail "no migration notice"
'

test_expect "its stale entries are written without the plain hash" '
	printf "other = 1\n" >"$tmp/src/app.py"
	AUTHAUDIT_HASH_KEY=$KEY1 "$A" scan -q --baseline "$tmp/old.json" \
		--format json -o "$tmp/st.json" "$tmp/src"
	[ "$(field "$tmp/st.json" "len(d[\"baseline\"][\"stale\"])")" = 1 ] ||
		test_fail "want one stale entry"
	plain=$(printf "%s" "$PW" | sha256sum | cut -c1-64)
	oldfp=$(field "$tmp/old.json" "d[\"findings\"][0][\"fingerprint\"]")
	! grep -q -e "$plain" -e "$oldfp" "$tmp/st.json" ||
		test_fail "the plain hash or its fingerprint is written again"
	printf "service_password = \"%s\"\n" "$PW" >"$tmp/src/app.py"
'

test_expect "the key file: made on first use, 0600, used again" '
	home=$tmp/home
	mkdir "$home"
	env -u AUTHAUDIT_HASH_KEY HOME=$home XDG_CONFIG_HOME= \
		"$A" scan -q --format json -o "$tmp/g1.json" "$tmp/src"
	f=$home/.config/authaudit/hash-key
	[ -f "$f" ] || test_fail "no key file at $f"
	[ "$(stat -c %a "$f")" = 600 ] || test_fail "mode $(stat -c %a "$f")"
	grep -qxE "[0-9a-f]{64}" "$f" || test_fail "not 64 hex digits"
	env -u AUTHAUDIT_HASH_KEY HOME=$home XDG_CONFIG_HOME= \
		"$A" scan -q --format json -o "$tmp/g2.json" "$tmp/src"
	e="d[\"findings\"][0][\"secret\"][\"hmac_sha256\"]"
	[ "$(field "$tmp/g1.json" "$e")" = "$(field "$tmp/g2.json" "$e")" ] ||
		test_fail "the second run used another key"
	AUTHAUDIT_HASH_KEY=$(cat "$f") "$A" scan -q --format json \
		-o "$tmp/g3.json" "$tmp/src"
	[ "$(field "$tmp/g1.json" "$e")" = "$(field "$tmp/g3.json" "$e")" ] ||
		test_fail "the file'"'"'s line is not the key"
	env -u AUTHAUDIT_HASH_KEY AUTHAUDIT_HASH_KEY_FILE=$f HOME=/nonexistent \
		"$A" scan -q --format json -o "$tmp/g4.json" "$tmp/src"
	[ "$(field "$tmp/g1.json" "$e")" = "$(field "$tmp/g4.json" "$e")" ] ||
		test_fail "AUTHAUDIT_HASH_KEY_FILE is not read"
	env -u AUTHAUDIT_HASH_KEY XDG_CONFIG_HOME=$tmp/xdg \
		"$A" scan -q -o /dev/null "$tmp/src"
	[ -f "$tmp/xdg/authaudit/hash-key" ] || test_fail "XDG_CONFIG_HOME ignored"
'

test_expect "a short key or a missing key file is an error (exit 2)" '
	AUTHAUDIT_HASH_KEY=short "$A" scan -q "$tmp/src" 2>"$tmp/err"
	[ $? -eq 2 ] || test_fail "short key: want exit 2"
	grep -q "at least 16" "$tmp/err" || test_fail "$(cat "$tmp/err")"
	env -u AUTHAUDIT_HASH_KEY AUTHAUDIT_HASH_KEY_FILE=$tmp/none \
		"$A" scan -q "$tmp/src" 2>"$tmp/err"
	[ $? -eq 2 ] || test_fail "missing key file: want exit 2"
'

test_expect "SARIF carries the keyed hash only" '
	AUTHAUDIT_HASH_KEY=$KEY1 "$A" scan -q --format sarif -o "$tmp/a.sarif" \
		"$tmp/src"
	h=$(field "$tmp/a.json" "d[\"findings\"][0][\"secret\"][\"hmac_sha256\"]")
	grep -q "\"secretHmacSha256\": \"$h\"" "$tmp/a.sarif" ||
		test_fail "no secretHmacSha256"
	plain=$(printf "%s" "$PW" | sha256sum | cut -c1-64)
	! grep -q -e "$plain" -e secretSha256 "$tmp/a.sarif" ||
		test_fail "a plain hash in SARIF"
'

test_done
