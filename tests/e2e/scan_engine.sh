#!/bin/sh
# scan_engine: detection that does not depend on the run. The bundled
# example gives exactly its findings 20 times over with --threads 1, 2
# and 8 and two spellings of its root; a seeded random tree gives the
# same findings with one thread, the default, the reference engine (every
# pattern on every line) and a longer root path; `^` anchors after the
# first line; a file larger than 4 GiB is scanned to its end in bounded
# memory; a root that does not exist is exit 2; the matcher's self-test
# passes on this machine's library.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
cd "$root" || exit 1

# the findings of a JSON report as sorted lines: rule path line column hash
findings() {
	python3 -c '
import json, sys
d = json.load(sys.stdin)
for f in sorted((f["rule"], (f.get("location") or {}).get("path", ""),
                 (f.get("location") or {}).get("line", 0),
                 (f.get("location") or {}).get("column", 0),
                 f.get("secret_sha256", "")) for f in d["findings"]):
    print(*f)
'
}

# 1. the example, 20 runs each way
example() {
	"$AUTHAUDIT" scan -q --format json examples >"$tmp/ex.json" \
		2>"$tmp/ex.err"
	findings <"$tmp/ex.json" >"$tmp/ex.want"
	n=$(wc -l <"$tmp/ex.want")
	[ "$n" -eq 35 ] || test_fail "example: $n findings, want 35"
	! [ -s "$tmp/ex.err" ] ||
		test_fail "example: stderr: $(cat "$tmp/ex.err")"
}
example_runs() {
	runs=0 differ=0
	for t in 1 2 8; do
		for r in examples "$root/examples/../examples"; do
			i=0
			while [ $i -lt 20 ]; do
				"$AUTHAUDIT" scan -q --threads $t --format json \
					"$r" 2>/dev/null | findings >"$tmp/ex.got"
				runs=$((runs + 1))
				# the root is not part of a finding's path
				cmp -s "$tmp/ex.want" "$tmp/ex.got" ||
					differ=$((differ + 1))
				i=$((i + 1))
			done
		done
	done
	[ "$differ" -eq 0 ] || test_fail "example: $differ of $runs runs differ"
}
test_expect "examples/: its 35 findings, nothing on stderr" example
test_expect "examples/: the same findings in 120 runs, 1, 2 and 8 threads" \
	example_runs

# 2. a seeded random tree with the example's lines planted in it
python3 - "$tmp/tree" <<'EOF'
import os, random, sys
out = sys.argv[1]
rnd = random.Random(20261201)
planted = []
for d, _, files in os.walk("examples"):
    for f in files:
        with open(os.path.join(d, f), "rb") as fh:
            planted += [l for l in fh.read().split(b"\n") if len(l) > 8]
junk = [b"x = 1", b"    return token", b"\tpassword = os.environ['PW']",
        b"// TODO", b"curl https://example.test/", b"\xc3\xa9\xff\r",
        b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", b"}", b""]
names = ["app.py", "config/.env", "web/public/main.js", "deploy.sh",
         "src/Client.java", "settings.yaml", "docs/notes.md"]
for i in range(60):
    path = os.path.join(out, "d%d" % (i % 7), names[i % len(names)] + str(i))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = []
    for _ in range(rnd.randrange(5, 700)):
        k = rnd.random()
        if k < 0.025:
            lines.append(rnd.choice(planted))
        elif k < 0.04:
            lines.append(rnd.choice(junk) + b" " + rnd.choice(planted))
        else:
            lines.append(rnd.choice(junk))
    with open(path, "wb") as fh:
        fh.write(b"\n".join(lines))
EOF
scan_tree() {
	(cd "$tmp" && "$AUTHAUDIT" scan -q --format json "$@" 2>/dev/null) |
		findings
}
random_tree() {
	scan_tree --threads 1 tree >"$tmp/t1"
	scan_tree tree >"$tmp/tdef"
	scan_tree --reference-engine tree >"$tmp/tref"
	mkdir -p "$tmp/a/much/longer/root"
	ln -s ../../../../tree "$tmp/a/much/longer/root/tree"
	scan_tree "$tmp/a/much/longer/root/tree/" |
		sed 's|^\([^ ]*\) [^ ]*/tree/|\1 |' >"$tmp/tlong"
	sed 's|^\([^ ]*\) tree/|\1 |' "$tmp/t1" >"$tmp/t1rel"
	n=$(wc -l <"$tmp/tref")
	[ "$n" -gt 50 ] ||
		test_fail "random tree: only $n findings with the reference" \
			"engine"
	cmp -s "$tmp/tref" "$tmp/t1" || test_fail "random tree: --threads 1 differs from the reference engine: $(diff "$tmp/tref" "$tmp/t1" | head -5)"
	cmp -s "$tmp/tref" "$tmp/tdef" || test_fail "random tree: default threads differ from the reference engine: $(diff "$tmp/tref" "$tmp/tdef" | head -5)"
	cmp -s "$tmp/t1rel" "$tmp/tlong" || test_fail "random tree: a longer root path gives other findings: $(diff "$tmp/t1rel" "$tmp/tlong" | head -5)"
}
test_expect "a random tree: the same findings four ways" random_tree

# 3. ^ after the first line (it once matched only at the file's start);
# the first line gives vista.gas-password its Vista context
anchor() {
	printf '# vista gas\npassword=ThisEnvironmentIsAnotherPlaceToHide\n' \
		>"$tmp/anchor.env"
	"$AUTHAUDIT" scan -q --format json "$tmp/anchor.env" 2>/dev/null |
		findings | grep -q '^[^ ]* [^ ]* 2 ' ||
		test_fail "^ after the first line: no finding on line 2"
}
test_expect "^ anchors after the first line" anchor

# 4. a root that does not exist: exit 2, named, nothing scanned
mkdir -p "$tmp/clean"
printf 'nothing here\n' >"$tmp/clean/a.txt"
test_expect "a root that does not exist: exit 2, named, no report" '
	"$AUTHAUDIT" scan "$tmp/nonexistent" "$tmp/clean" >"$tmp/ne.out" \
		2>"$tmp/ne.err"
	rc=$?
	[ $rc -eq 2 ] || test_fail "missing root: exit $rc, want 2"
	grep -q "$tmp/nonexistent" "$tmp/ne.err" ||
		test_fail "missing root not named: $(cat "$tmp/ne.err")"
	! [ -s "$tmp/ne.out" ] || test_fail "missing root: a report was written"
'

# 5. the self-test: this machine's library passes, --strict-engine runs
test_expect "the self-test passes; --strict-engine runs" '
	"$AUTHAUDIT" rules check >"$tmp/check" 2>&1
	grep -q "self-test: [0-9]* scans, 0 missed hits" "$tmp/check" ||
		test_fail "self-test: $(grep matcher "$tmp/check")"
	"$AUTHAUDIT" scan -q --strict-engine "$tmp/clean" >/dev/null 2>&1 ||
		test_fail "--strict-engine on a sound library: exit $?"
'

# 6. over 4 GiB, sparse: the key at its end is found, memory stays small
big=$tmp/big.txt
large_file() {
	# text first: a NUL in the first 8000 bytes would make it binary
	python3 -c 'print("header line\n" * 2000, end="")' >"$big"
	truncate -s 4500M "$big" 2>/dev/null
	printf '\nreseller_key = "ak_live_4c1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f"\n' >>"$big"
	if [ "$(stat -c %s "$big")" -gt 4294967296 ]; then
		python3 - "$AUTHAUDIT" "$big" >"$tmp/big.out" <<'EOF' || test_fail "large file: $(cat "$tmp/big.out")"
import json, resource, subprocess, sys
p = subprocess.run([sys.argv[1], "scan", "-q", "--format", "json",
                    "--max-file-size", "5G", sys.argv[2]],
                   capture_output=True)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
d = json.loads(p.stdout)
hits = [(f["rule"], f["location"]["line"]) for f in d["findings"]]
print("findings", hits, "peak RSS", rss, "MB")
ok = ("reseller.apikey", 2002) in hits and rss < 200
sys.exit(0 if ok else 1)
EOF
		echo "large file: $(cat "$tmp/big.out")"
	else
		test_fail "cannot make a sparse file over 4 GiB in $tmp"
	fi
}
test_expect "over 4 GiB: the key at its end found in bounded memory" \
	large_file
# 7. a line of 3,000 'localStorage[' before the write: the rule's runs are
# bounded, so the match finishes within PCRE2's limits and reports it
# (it used to hit the match limit: a notice, no finding)
storage() {
	mkdir -p "$tmp/storage"
	python3 -c 'import sys; sys.stdout.write("localStorage[" * 3000 + "localStorage.setItem(\"token\", t);\n")' \
		>"$tmp/storage/app.js"
	"$AUTHAUDIT" scan -q --format json -o "$tmp/storage.json" "$tmp/storage"
	python3 - "$tmp/storage.json" <<'EOF' || test_fail "3,000 'localStorage[': $(cat "$tmp/storage.json")"
import json, sys
d = json.load(open(sys.argv[1]))
hits = [(f["rule"], f["location"]["line"], f["location"]["column"])
        for f in d["findings"]]
sys.exit(0 if hits == [("client-storage.browser", 1, 39001)]
         and not d["notices"] else 1)
EOF
}
test_expect "3,000 localStorage[ before the write: found within the limits" \
	storage
test_done
