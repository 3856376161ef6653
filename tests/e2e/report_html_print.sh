#!/bin/sh
# report_html_print: the HTML report as a reader gets it, in headless
# Chromium (scripts/deps.sh installs chromium and poppler-utils with the
# test packages). The bundled example's report and one of 150 findings
# print to PDF in under 20 pages each; the findings come before the
# matrix, each with its code context, its secret and its neighbours'
# redacted; failed statements are open and the rest collapsed; the
# #by-statement link switches the view without script; and a screenshot
# of each is a PNG. AUTHAUDIT_SCREENSHOT_DIR=DIR keeps the PDFs and PNGs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
. "$here/lib/test-lib.sh"
keep=${AUTHAUDIT_SCREENSHOT_DIR:-}
MAX_PAGES=20

chrome() {
	# root in a container needs --no-sandbox; the profile is the test's
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$tmp/profile" "$@" >"$tmp/chrome.log" 2>&1
}

# pages PDF: its page count, from pdfinfo
pages() {
	pdfinfo "$1" | sed -n 's/^Pages: *//p'
}

# render NAME HTML: NAME.pdf and NAME.png beside it (and in $keep)
render() {
	chrome --no-pdf-header-footer --print-to-pdf="$tmp/$1.pdf" \
		"file://$2" || test_fail "$1: chromium --print-to-pdf failed"
	chrome --window-size=1280,2400 --screenshot="$tmp/$1.png" \
		"file://$2" || test_fail "$1: chromium --screenshot failed"
	head -c 8 "$tmp/$1.png" | od -An -c | grep -q 'P   N   G' ||
		test_fail "$1.png is not a PNG"
	[ "$(wc -c <"$tmp/$1.png")" -gt 20000 ] ||
		test_fail "$1.png: $(wc -c <"$tmp/$1.png") bytes, blank?"
	if [ -n "$keep" ]; then
		mkdir -p "$keep" && cp "$tmp/$1.pdf" "$tmp/$1.png" "$keep/"
	fi
}

test_expect "chromium and pdfinfo are installed (make deps-test)" '
	command -v chromium >/dev/null || test_fail "no chromium"
	command -v pdfinfo >/dev/null || test_fail "no pdfinfo (poppler-utils)"
'

# --- the bundled example --------------------------------------------------
example() {
	"$A" scan -q --format html -o "$tmp/example.html" "$root/examples"
	[ $? -eq 1 ] || test_fail "scan of examples/: want exit 1"
	render example "$tmp/example.html"
	n=$(pages "$tmp/example.pdf")
	echo "example: $n pages"
	[ "$n" -ge 1 ] && [ "$n" -lt $MAX_PAGES ] ||
		test_fail "example report prints as $n pages (want < $MAX_PAGES)"
}
test_expect "the example's report prints in under $MAX_PAGES pages" example

order() {
	python3 - "$tmp/example.html" <<'PY' || test_fail "page order"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
at = {k: t.find(k) for k in ('id="summary"', 'id="by-file"',
                              'id="by-statement"', 'id="compliance"')}
if min(at.values()) < 0:
    sys.exit("missing: %s" % [k for k, v in at.items() if v < 0])
if not at['id="summary"'] < at['id="by-statement"'] < at['id="by-file"'] \
        < at['id="compliance"']:
    sys.exit("order: %s" % at)
if '<details class="rows bad" open>' not in t:
    sys.exit("failed statements are not open")
if '<details class="rows rest">' not in t:
    sys.exit("the passed and untested statements are not collapsed")
if "000_4819d7c22101e6bf" in t:
    sys.exit("the internal document id is cited")
if "Presto Vendor Integration API - Transport Security" not in t:
    sys.exit("no citation by document title and section")
print("order and citations ok")
PY
}
test_expect "summary, findings (two views), then the matrix" order

# the view switch: #by-statement prints the statements, not the files
switch() {
	chrome --no-pdf-header-footer --print-to-pdf="$tmp/st.pdf" \
		"file://$tmp/example.html#by-statement"
	pdftotext "$tmp/st.pdf" "$tmp/st.txt"
	pdftotext "$tmp/example.pdf" "$tmp/ex.txt"
	grep -q "Findings by guideline statement" "$tmp/st.txt" ||
		test_fail "#by-statement does not show the statements"
	! grep -q "Findings by file" "$tmp/st.txt" ||
		test_fail "#by-statement still shows the files"
	grep -q "Findings by file" "$tmp/ex.txt" ||
		test_fail "the default view is not by file"
	! grep -q "Findings by guideline statement" "$tmp/ex.txt" ||
		test_fail "the default view shows both"
}
test_expect "a link switches the view, without script" switch

# --- 150 findings ---------------------------------------------------------
# 30 files of 5 lines, each line a password assignment of a value made up
# here at random (never a real credential), so the report holds 150
# findings with context lines that each show a neighbour's secret
many() {
	python3 - "$tmp/many" <<'PY'
import os, random, string, sys
root = sys.argv[1]
rng = random.Random(1503)
alnum = string.ascii_letters + string.digits
os.makedirs(root)
with open(os.path.join(root, "values.txt"), "w") as v:
    for i in range(30):
        with open(os.path.join(root, "svc%02d.py" % i), "w") as f:
            for k in range(5):
                pw = "".join(rng.choice(alnum) for _ in range(20))
                f.write('user%d_password = "%s"\n' % (k, pw))
                v.write(pw + "\n")
PY
	mv "$tmp/many/values.txt" "$tmp/values.txt"
	"$A" scan -q --format json -o "$tmp/many.json" "$tmp/many"
	"$A" scan -q --format html -o "$tmp/many.html" "$tmp/many"
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/many.json")
	[ "$n" = 150 ] || test_fail "generated tree: $n findings, want 150"
	render many "$tmp/many.html"
	n=$(pages "$tmp/many.pdf")
	echo "150 findings: $n pages"
	[ "$n" -ge 1 ] && [ "$n" -lt $MAX_PAGES ] ||
		test_fail "150 findings print as $n pages (want < $MAX_PAGES)"
}
test_expect "a report of 150 findings prints in under $MAX_PAGES pages" many

redacted() {
	[ "$(grep -o '<pre class="ctx">' "$tmp/many.html" | wc -l)" -ge 300 ] ||
		test_fail "code context missing (two views of 150 findings)"
	leaked=$(grep -cFf "$tmp/values.txt" "$tmp/many.html")
	[ "$leaked" = 0 ] || test_fail "$leaked lines of the page hold a secret"
	leaked=$(grep -cFf "$tmp/values.txt" "$tmp/many.json")
	[ "$leaked" = 0 ] || test_fail "$leaked lines of the JSON hold a secret"
	"$A" scan -q --show-secrets --format html -o "$tmp/shown.html" \
		"$tmp/many"
	[ "$(grep -oFf "$tmp/values.txt" "$tmp/shown.html" | sort -u |
	     wc -l)" = 150 ] || test_fail "--show-secrets: not every secret shown"
}
test_expect "context lines redact the secret and its neighbours" redacted

test_done
