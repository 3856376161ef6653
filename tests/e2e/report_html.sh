#!/bin/sh
# report_html: `scan --format html` of the bundled example is one
# self-contained page (tags balance, no script, nothing fetched from
# anywhere) with the severity chart matching the JSON report's counts and
# a compliance matrix with its verdicts; an audit's second run adds the
# trend chart. With chromium installed, both pages render headless to a
# PNG that is not blank (AUTHAUDIT_SCREENSHOT_DIR=DIR keeps them).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE
ex=$root/examples
. "$here/lib/test-lib.sh"

# check PAGE JSON scan|audit: the page against the JSON report of the run;
# a scan's matrix has pass, fail and not-tested cells, an audit has a trend
check() {
	python3 - "$@" <<'PY'
import html.parser, json, re, sys

page, jpath = sys.argv[1], sys.argv[2]
want_trend = sys.argv[3] == "audit"
text = open(page, encoding="utf-8").read()
rep = json.load(open(jpath))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Strict(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.cells, self.bars, self.points = [], {}, {}, 0
        self.svg = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            sys.exit("html: a <%s> element" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                sys.exit("html: an event handler attribute %s" % k)
            if k in ("src", "href") and v and not v.startswith("#"):
                sys.exit("html: %s=%r fetches or leaves the page" % (k, v))
        if tag == "svg":
            self.svg = a.get("id")
        if tag == "td" and "verdict" in a.get("class", ""):
            v = a["class"].split()[1]
            self.cells[v] = self.cells.get(v, 0) + 1
        if tag == "rect" and self.svg == "chart-severity" and \
                "data-severity" in a:
            self.bars[a["data-severity"]] = int(a["data-value"])
        if tag == "g" and self.svg == "chart-trend" and \
                "point" in a.get("class", "").split():
            self.points += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            sys.exit("html: unbalanced </%s>" % tag)
        if tag == "svg":
            self.svg = None


p = Strict()
p.feed(text)
p.close()
if p.stack:
    sys.exit("html: unclosed %s" % p.stack)
for bad in ("url(", "@import", "src=\"http", "href=\"http"):
    if bad in text:
        sys.exit("html: %r: an outside fetch" % bad)
want = rep["summary"]["by_severity"]
if p.bars != want:
    sys.exit("severity chart %s, JSON says %s" % (p.bars, want))
if not re.search(r'<b id="total">%d</b>' % rep["summary"]["total"], text):
    sys.exit("the total is not %d" % rep["summary"]["total"])
if 'class="matrix' not in text or not p.cells:
    sys.exit("no compliance matrix")
for v in ("fail", "not-tested") if want_trend else ("pass", "fail",
                                                     "not-tested"):
    if not p.cells.get(v):
        sys.exit("no %s cell in the matrix (cells: %s)" % (v, p.cells))
if want_trend and p.points < 2:
    sys.exit("trend chart: %d points, want 2 or more" % p.points)
print("%s: balanced, self-contained; bars %s; cells %s%s" % (
    page.split("/")[-1], p.bars, p.cells,
    "; %d trend points" % p.points if want_trend else ""))
PY
}

# png_ok PNG: a PNG, and not blank (many colours, none covering it all);
# the top 800 rows (header, summary, charts) are decoded: Python is slow
png_ok() {
	python3 - "$1" <<'PY'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat = 8, b""
while pos < len(data):
    n, = struct.unpack(">I", data[pos:pos + 4])
    kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
if depth != 8 or ctype not in (2, 6):
    sys.exit("unexpected PNG type %d/%d" % (depth, ctype))
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, i, colours, white = bytearray(stride), 0, set(), 0
rows = min(h, 800)
for y in range(rows):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            q = a + b - c
            pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                  b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 2):
            px = bytes(line[x:x + 3])
            colours.add(px)
            white += px == b"\xff\xff\xff"
    prev = line
sampled = (rows + 3) // 4 * ((w + 1) // 2)
if len(colours) < 32 or white > sampled * 0.98:
    sys.exit("blank: %d colours, %d of %d samples white"
             % (len(colours), white, sampled))
print("%dx%d PNG, %d colours" % (w, h, len(colours)))
PY
}

# --- a scan of the example -------------------------------------------------
scan_page() {
	"$A" scan -q --format json -o "$tmp/scan.json" "$ex"
	[ $? -eq 1 ] || test_fail "scan of examples/: want exit 1 (findings)"
	"$A" scan -q --format html -o "$tmp/scan.html" "$ex"
	[ $? -eq 1 ] || test_fail "scan --format html of examples/: want exit 1"
	! grep -q 'id="matrix-none"' "$tmp/scan.html" ||
		test_fail "no guideline catalogue loaded (rules/guidelines/)"
	check "$tmp/scan.html" "$tmp/scan.json" scan ||
		test_fail "scan report"
	grep -q 'id="matrix-default"' "$tmp/scan.html" ||
		test_fail "no matrix for the default profile"
	grep -q '<svg id="chart-severity"' "$tmp/scan.html" ||
		test_fail "no severity chart"
}
test_expect "a scan's page: balanced, self-contained, chart and matrix" \
	scan_page

# --- hostile names and a secret: escaped, redacted ------------------------
hostile() {
	mkdir "$tmp/hostile"
	name='<img src=x onerror=alert(1)>]]>"'"'"'.env'
	tok='1111|kQ8vN3kLm1Pw7Rt5Yx2CbZ4Df6Gh8Jk0Mn2Pq4Rs'
	printf 'PRESTO_TOKEN=%s\n' "$tok" >"$tmp/hostile/$name"
	"$A" scan -q --format json -o "$tmp/hostile.json" "$tmp/hostile"
	[ $? -eq 1 ] || test_fail "scan of a hostile file name: want exit 1"
	"$A" scan -q --format html -o "$tmp/hostile.html" "$tmp/hostile"
	check "$tmp/hostile.html" "$tmp/hostile.json" scan ||
		test_fail "hostile report"
	grep -qF '&lt;img src=x onerror=alert(1)&gt;]]&gt;&quot;&#39;.env' \
		"$tmp/hostile.html" || test_fail "the hostile file name, escaped"
	! grep -qF "$tok" "$tmp/hostile.html" ||
		test_fail "the secret is in the report"
	grep -qF "1111" "$tmp/hostile.html" || test_fail "no redacted secret"
}
test_expect "a hostile file name escaped, the secret redacted" hostile

# --- an audit, run twice: the trend ----------------------------------------
cat >"$tmp/audit.yaml" <<EOF
name: e2e <audit> & "trend"
profile: default
output_dir: $tmp/runs
sources:
  - path: $ex/acme-integration
    profile: presto-vendor
EOF
trend() {
	for run in 1 2; do
		"$A" audit -c "$tmp/audit.yaml" -f html,json >"$tmp/audit.out" \
			2>&1
		rc=$?
		[ $rc -eq 1 ] && [ -s "$tmp/runs/latest/authaudit.html" ] ||
			test_fail "audit run $run: exit $rc, no HTML report:" \
				"$(cat "$tmp/audit.out")"
	done
	check "$tmp/runs/latest/authaudit.html" \
		"$tmp/runs/latest/authaudit.json" audit ||
		test_fail "audit report"
	grep -q 'e2e &lt;audit&gt; &amp; &quot;trend&quot;' \
		"$tmp/runs/latest/authaudit.html" ||
		test_fail "the audit's name, escaped"
}
test_expect "an audit run twice: the trend, the name escaped" trend

# --- what a browser makes of them ------------------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "skip: chromium not installed"
	test_done
fi
shot() {	# shot PAGE PNG
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --no-first-run --disable-sync \
		--disable-background-networking --disable-component-update \
		--user-data-dir="$tmp/chromium" --window-size=1280,2400 \
		--screenshot="$2" "file://$1" >"$tmp/chromium.log" 2>&1
	[ -s "$2" ] || {
		test_fail "chromium wrote no screenshot of $1:" \
			"$(tail -5 "$tmp/chromium.log")"
		return
	}
	png_ok "$2" || test_fail "screenshot $2"
}
test_expect "chromium renders the scan's page, not blank" '
	shot "$tmp/scan.html" "$tmp/report_html-scan.png"
'
test_expect "chromium renders the audit's page, not blank" '
	shot "$tmp/runs/latest/authaudit.html" "$tmp/report_html-audit.png"
'
if [ -n "${AUTHAUDIT_SCREENSHOT_DIR:-}" ]; then
	mkdir -p "$AUTHAUDIT_SCREENSHOT_DIR" &&
		cp "$tmp/report_html-scan.png" "$tmp/report_html-audit.png" \
			"$AUTHAUDIT_SCREENSHOT_DIR/" ||
		test_fail "cannot copy the screenshots to" \
			"$AUTHAUDIT_SCREENSHOT_DIR"
	echo "screenshots: $AUTHAUDIT_SCREENSHOT_DIR/report_html-scan.png" \
		"$AUTHAUDIT_SCREENSHOT_DIR/report_html-audit.png"
else
	echo "screenshots checked (AUTHAUDIT_SCREENSHOT_DIR=DIR keeps them)"
fi
test_done
