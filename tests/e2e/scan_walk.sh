#!/bin/sh
# scan_walk: the walker on an awkward tree. Symlinks are never followed (a
# loop cannot hang the scan, a link out of the root is not read), a FIFO
# is skipped without blocking, each link, FIFO and VCS directory is counted,
# an unreadable file is a notice (as root too: the scan runs without the
# capabilities that bypass file modes), binary and oversized files are
# skipped, --exclude drops paths, positions are exact after CRLF, tab and
# invalid UTF-8, a file name that is not UTF-8 keeps its path in JSON, and
# `authaudit:allow` suppresses a line unless --no-inline-allow. Exit 3
# when no file at all could be scanned, whatever the roots. A tree 5,000
# directories deep is walked to the bottom, its paths reported whole.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/rules_env.sh"
report="python3 $here/lib/report.py"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
. "$here/lib/test-lib.sh"
make_rules "$tmp/rules"
AUTHAUDIT_RULES=$tmp/rules
export AUTHAUDIT_RULES
# a guard against a hang (a FIFO opened for reading blocks), not a timing
guard=""
command -v timeout >/dev/null 2>&1 && guard="timeout 300"
# root reads a mode-000 file through CAP_DAC_OVERRIDE: drop it (and
# CAP_DAC_READ_SEARCH) from the bounding set so an unreadable file is
# unreadable for the scan as it is for any user
unpriv=""
drop_caps() {
	[ "$(id -u)" -eq 0 ] || return 0
	unpriv="setpriv --bounding-set=-dac_override,-dac_read_search"
	printf 'x\n' >"$tmp/probe"
	chmod 000 "$tmp/probe"
	if $unpriv cat "$tmp/probe" >/dev/null 2>&1 ||
	    ! $unpriv true 2>/dev/null; then
		test_fail "as root, setpriv cannot drop CAP_DAC_OVERRIDE;" \
			"the unreadable-file checks cannot run"
	fi
}
test_expect "a mode-000 file is unreadable to the scan, as root too" \
	drop_caps || test_done
# shellcheck disable=SC2086 # both are a command and its words, or empty
aa() { $unpriv $guard "$AUTHAUDIT" "$@"; }

t=$tmp/tree
mkdir -p "$t/skipme" "$t/gen" "$tmp/outside" "$t/.git"
v='requests.get(u, verify=False)'
printf 'import requests\n%s\n' "$v" >"$t/app.py"
printf '%s\n' "$v" >"$t/.git/hook.py"
# a file name that is not UTF-8 (Latin-1 e-acute): JSON escapes the byte
printf '%s\n' "$v" >"$t/caf$(printf '\351').py"
printf '%s\n' "$v" >"$t/skipme/x.py"
printf '%s\n' "$v" >"$t/gen/y.generated.py"
printf '%s  # authaudit:allow (loopback mock)\n' "$v" >"$t/allowed.py"
printf '%s\n' "$v" >"$tmp/outside/leak.py"
# binary: a NUL in the first bytes, the setting after it
printf '\0\0\0\1bin\n%s\n' "$v" >"$t/bin.dat"
# over 1 KiB: 40 lines of padding, the setting on line 41
i=0
: >"$t/big.py"
while [ $i -lt 40 ]; do
	echo "# padding padding padding padding padding padding" >>"$t/big.py"
	i=$((i + 1))
done
printf '%s\n' "$v" >>"$t/big.py"
# CRLF, a tab, invalid UTF-8 (\377 \376) and a two-byte character before
# the settings: verify at line 5 column 23 (\t, e-acute, \377, ' ', '=',
# ' ', 16 characters of 'requests.get(u, '), the JWT at line 6 column 9
jwt='eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhY21lLXdlYiIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0Ijo0MTAwMDAwMDAwLCJleHAiOjQxMDAwMDM2MDB9.'
printf '# crlf file\r\n\tindented = 1\r\nbad = "\377\376"\r\n\r\n\t\303\251\377 = %s\r\n\ttok = "%s"\r\n' \
	"$v" "$jwt" >"$t/crlf.py"
# links: a loop to the root, a dangling pair, links out of the root
ln -s . "$t/loop"
ln -s b "$t/a"
ln -s a "$t/b"
ln -s "$tmp/outside/leak.py" "$t/out.py"
ln -s "$tmp/outside" "$t/outdir"
mkfifo "$t/pipe"
printf '%s\n' "$v" >"$t/locked.py"
chmod 000 "$t/locked.py"

scan() {	# scan NAME ARGS...: JSON report in $tmp/NAME.json, findings in
		# $tmp/NAME (PATH:LINE:COL RULE), exit status in $rc
	name=$1
	shift
	aa scan --quiet --format json "$@" "$t" \
		>"$tmp/$name.json" 2>"$tmp/$name.err"
	rc=$?
	$report findings "$tmp/$name.json" | cut -d' ' -f1,2 |
		sort >"$tmp/$name" ||
		test_fail "$name: the JSON report does not parse"
}
want() {	# want NAME FINDING...: exactly these findings
	name=$1
	shift
	printf '%s\n' "$@" | sort >"$tmp/$name.want"
	test_cmp "$tmp/$name.want" "$tmp/$name"
}

stat_is() {	# stat_is NAME KEY WANT: scan.KEY of NAME's report
	got=$($report scan "$tmp/$1.json" "$2")
	[ "$got" = "$3" ] || test_fail "$1: scan.$2 is $got, want $3"
}

py=transport.tls-verify.python
latin='caf\xe9.py'
plain() {
	scan plain
	[ "$rc" -eq 1 ] ||
		test_fail "plain: exit $rc, want 1 ($(cat "$tmp/plain.err"))"
	want plain "app.py:2:17 $py" "big.py:41:17 $py" "crlf.py:5:23 $py" \
		"crlf.py:6:9 token.jwt-alg-none" "gen/y.generated.py:1:17 $py" \
		"skipme/x.py:1:17 $py" "$latin:1:17 $py"
}
plain_counts() {
	# named by root and path, as findings are (two roots may both hold
	# it)
	$report notices "$tmp/plain.json" |
		grep -qxF "$t/locked.py: cannot read: Permission denied" ||
		test_fail "plain: the unreadable locked.py has no notice" \
			"naming $t/locked.py"
	stat_is plain files_unreadable 1
	# loop, a, b, out.py, outdir; the FIFO; .git
	stat_is plain files_skipped.links 5
	stat_is plain files_skipped.special 1
	stat_is plain files_skipped.vcs_dirs 1
	stat_is plain files_scanned 7
}
# the text summary says the same
plain_text() {
	aa scan --quiet --format text "$t" >"$tmp/plain.txt" 2>&1
	skips="1 binary, 0 too large, 0 excluded, 5 symlinks, 1 special files"
	grep -q "^skipped: $skips, 1 VCS dirs, 0 git-ignored$" "$tmp/plain.txt" ||
		test_fail "plain: the text summary lacks the skip counts:" \
			"$(grep -e '^files:' -e '^skipped:' "$tmp/plain.txt")"
	grep -q "^files: 7 scanned (0.0 MB), 1 unreadable$" \
		"$tmp/plain.txt" ||
		test_fail "plain: the text summary:" \
			"$(grep '^files:' "$tmp/plain.txt")"
	grep -qxF "notice: $t/locked.py: cannot read: Permission denied" \
		"$tmp/plain.txt" ||
		test_fail "plain: no notice for locked.py in text"
}
excluded() {
	scan excluded --exclude skipme --exclude '*.generated.py' \
		--max-file-size 1K
	[ "$rc" -eq 1 ] || test_fail "excluded: exit $rc, want 1"
	want excluded "app.py:2:17 $py" "crlf.py:5:23 $py" \
		"crlf.py:6:9 token.jwt-alg-none" "$latin:1:17 $py"
}
noallow() {
	scan noallow --no-inline-allow
	want noallow "allowed.py:1:17 $py" "app.py:2:17 $py" \
		"big.py:41:17 $py" "crlf.py:5:23 $py" \
		"crlf.py:6:9 token.jwt-alg-none" \
		"gen/y.generated.py:1:17 $py" "skipme/x.py:1:17 $py" \
		"$latin:1:17 $py"
}
test_expect "links, FIFO, VCS, binary skipped; positions exact" plain
test_expect "the unreadable file a notice; every skip counted" plain_counts
test_expect "the text summary says the same" plain_text
test_expect "--exclude and --max-file-size drop files" excluded
test_expect "--no-inline-allow reports an allowed line" noallow

# the root given as a link is followed (the user named it)
ln -s "$t" "$tmp/tree-link"
test_expect "a root that is a link to a directory is followed" '
	aa scan --quiet --format json "$tmp/tree-link" \
		>"$tmp/link.json" 2>/dev/null
	$report findings "$tmp/link.json" | grep -q "^app.py:2:17 $py" ||
		test_fail "a root that is a symlink to a directory was not" \
			"scanned"
'
test_expect "a single file as the root" '
	aa scan --quiet --format json "$t/app.py" \
		>"$tmp/file.json" 2>/dev/null
	rc=$?
	[ "$rc" -eq 1 ] || test_fail "single file root: exit $rc, want 1"
	$report findings "$tmp/file.json" | grep -q ":2:17 $py" ||
		test_fail "single file root: finding missing"
'

root_status() {	# root_status NAME WANT ROOT...: exit status and report
	name=$1 wantrc=$2
	shift 2
	aa scan --quiet --format json "$@" >"$tmp/$name.json" \
		2>"$tmp/$name.err"
	rc=$?
	[ "$rc" -eq "$wantrc" ] || test_fail "$name: exit $rc, want $wantrc" \
		"($(head -c 300 "$tmp/$name.err"))"
}

# a root that is a link to a file is followed like a link to a directory
ln -s "$t/app.py" "$tmp/app-link.py"
test_expect "a root that is a link to a file is followed" '
	root_status file-link 1 "$tmp/app-link.py"
	$report findings "$tmp/file-link.json" |
		grep -q "app-link.py:2:17 $py" ||
		test_fail "a root that is a symlink to a file was not scanned"
'

# status 3 comes from files scanned, not roots walked: a link to an
# unreadable file, a tree of nothing scannable, everything excluded, a
# FIFO named as the root; each says why in a notice
ln -s "$t/locked.py" "$tmp/locked-link.py"
e=$tmp/nothing
mkdir -p "$e/.git"
printf '\0binary\n' >"$e/blob.bin"
mkfifo "$e/fifo"
ln -s "$t/app.py" "$e/link.py"
printf '%s\n' "$v" >"$e/.git/x.py"
test_expect "a link to an unreadable file is exit 3" '
	root_status locked-link 3 "$tmp/locked-link.py"
	stat_is locked-link files_unreadable 1
'
test_expect "a tree of nothing scannable is exit 3, said in a notice" '
	root_status nothing 3 "$e"
	stat_is nothing files_scanned 0
	stat_is nothing files_skipped.binary 1
	$report notices "$tmp/nothing.json" | grep -q "nothing was scanned" ||
		test_fail "nothing: no notice says that nothing was scanned"
'
test_expect "everything excluded, or a FIFO as the root, is exit 3" '
	root_status all-excluded 3 --exclude "*" "$t"
	root_status fifo-root 3 "$t/pipe"
	stat_is fifo-root files_skipped.special 1
'
# one scannable file under any root is enough
test_expect "one scannable file under any root is enough" '
	root_status nothing+file 1 "$e" "$t/app.py"
'

# a tree 5,000 directories deep: its paths (10,000 bytes) are far past
# PATH_MAX, so the walk must go from each directory to the next by
# descriptor. An AWS key (the rule's own example) at depth 1,000 (a path
# the old walker could open), 2,500 and at the bottom: each found, with
# its whole path, in JSON and in text, and no notice at all (none saying
# "File name too long"). Made by one python (relative mkdir and chdir: no
# path grows), removed by the trap's rm, which handles deep trees.
make_rules "$tmp/rules-deep"
mkdir -p "$tmp/rules-deep/secrets"
cp "$root/rules/secrets/cloud.yaml" "$tmp/rules-deep/secrets/"
python3 - "$tmp/deep" <<'EOF'
import os
import sys

os.mkdir(sys.argv[1])
os.chdir(sys.argv[1])
for depth in range(1, 5001):
    os.mkdir("d")
    os.chdir("d")
    if depth in (1000, 2500, 5000):
        with open("cred.env", "w") as f:
            f.write('AWS_ACCESS_KEY_ID = "AKIAR3C2OR5F7JLVUOXR"\n')
EOF
key=secret.aws.access-key-id
for depth in 5000 2500 1000; do
	printf 'd/%.0s' $(seq $depth)
	echo "cred.env:1:22 $key high"
done | sort >"$tmp/deep.want"
deep() {
	AUTHAUDIT_RULES=$tmp/rules-deep aa scan --quiet --format json \
		"$tmp/deep" >"$tmp/deep.json" 2>"$tmp/deep.err"
	rc=$?
	[ "$rc" -eq 1 ] ||
		test_fail "deep: exit $rc, want 1" \
			"($(head -c 300 "$tmp/deep.err"))"
	$report findings "$tmp/deep.json" | sort >"$tmp/deep.got"
	# the paths are long: on a difference, show their lengths and ends
	cmp -s "$tmp/deep.want" "$tmp/deep.got" ||
		test_fail "deep: findings differ; want 3 at PATH:1:22 of" \
			"10013, 5013, 2013 bytes, got (length, end):" \
			"$(awk '{ print length($1),
			substr($1, length($1) - 40) }' "$tmp/deep.got")"
	$report notices "$tmp/deep.json" >"$tmp/deep.notices"
	! grep -q "File name too long" "$tmp/deep.notices" ||
		test_fail "deep: $(grep -c 'File name too long' \
			"$tmp/deep.notices") notices say 'File name too long'"
	! [ -s "$tmp/deep.notices" ] ||
		test_fail "deep: notices (their first 100 bytes):" \
			"$(cut -c1-100 "$tmp/deep.notices" | head -3)"
	stat_is deep files_scanned 3
}
# the text report prints the whole path too
deep_text() {
	AUTHAUDIT_RULES=$tmp/rules-deep aa scan --quiet --format text \
		"$tmp/deep" >"$tmp/deep.txt" 2>&1
	grep -qF "$tmp/deep/$(head -1 "$tmp/deep.want" | cut -d' ' -f1)  HIGH" \
		"$tmp/deep.txt" ||
		test_fail "deep: the text report lacks a whole path"
}
test_expect "5,000 directories deep: each key found, its path whole" deep
test_expect "the text report prints the whole deep path" deep_text
test_done
