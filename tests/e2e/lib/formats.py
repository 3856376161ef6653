#!/usr/bin/env python3
"""Check authaudit's SARIF, JUnit, Markdown and HTML reports against the
JSON report of the same run (tests/e2e/report_formats.sh).

Usage: formats.py sarif|junit|markdown|html REPORT JSON-REPORT [SCHEMA]
Exits non-zero with a message on the first problem.
"""
import html.parser
import json
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print("formats.py: " + msg, file=sys.stderr)
    sys.exit(1)


def secrets(rep):
    """Raw secrets are never in a report unless --show-secrets: the JSON
    report holds only their hashes, so check the redacted prefixes' hashes
    cannot be in the text; here we collect the redacted forms instead."""
    return [f["secret"]["redacted"] for f in rep["findings"] if "secret" in f]


def check_sarif(path, rep, schema):
    doc = json.load(open(path))
    if schema:
        try:
            import jsonschema
        except ImportError:
            fail("python module jsonschema missing (scripts/deps.sh test "
                 "installs python3-jsonschema)")
        jsonschema.validate(doc, json.load(open(schema)))
    run = doc["runs"][0]
    res = run["results"]
    if len(res) != len(rep["findings"]):
        fail("sarif: %d results, JSON has %d findings"
             % (len(res), len(rep["findings"])))
    rules = run["tool"]["driver"]["rules"]
    for r, f in zip(res, rep["findings"]):
        if r["ruleId"] != f["rule"] or rules[r["ruleIndex"]]["id"] != f["rule"]:
            fail("sarif: result %s does not match finding %s"
                 % (r["ruleId"], f["rule"]))
        if r["partialFingerprints"]["authaudit/v1"] != f["fingerprint"]:
            fail("sarif: fingerprint differs for %s" % f["rule"])
        loc = r["locations"][0]["physicalLocation"]
        if "path" in f["location"]:
            if loc["region"]["startLine"] != f["location"]["line"]:
                fail("sarif: line differs for %s" % f["rule"])
            if not loc["artifactLocation"]["uri"].endswith(
                    f["location"]["path"].split("/")[-1].replace(" ", "%20")):
                fail("sarif: uri %s for %s" % (loc["artifactLocation"]["uri"],
                                               f["location"]["path"]))
        elif loc["artifactLocation"]["uri"] != f["location"]["url"]:
            fail("sarif: url differs for %s" % f["rule"])
    print("sarif: %d results, schema %s" % (len(res), "valid" if schema
                                            else "not checked"))


def check_junit(path, rep):
    root = ET.parse(path).getroot()
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failing = rep["summary"]["failing"]
    want = max(1, len(rep["findings"]))
    if len(cases) != want:
        fail("junit: %d test cases, want %d" % (len(cases), want))
    got = len(suite.findall("testcase/failure"))
    if got != failing or int(suite.get("failures")) != failing:
        fail("junit: %d failures, want %d" % (got, failing))
    skipped = len(suite.findall("testcase/skipped"))
    if skipped != len(rep["findings"]) - failing:
        fail("junit: %d skipped, want %d" % (skipped,
                                             len(rep["findings"]) - failing))
    print("junit: %d cases, %d failures, %d skipped" % (len(cases), got,
                                                       skipped))


def check_markdown(path, rep):
    text = open(path, encoding="utf-8").read()
    rows = [l for l in text.splitlines() if l.startswith("| ") and
            not l.startswith("| #")]
    if len(rows) != len(rep["findings"]):
        fail("markdown: %d table rows, want %d" % (len(rows),
                                                   len(rep["findings"])))
    for row in rows:
        if row.count(" | ") - row.count("\\|") != 4:
            fail("markdown: a row does not have 5 cells: %s" % row)
    print("markdown: %d rows" % len(rows))


class Strict(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.rows = [], 0

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br"):
            self.stack.append(tag)
        if tag == "tr":
            self.rows += 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            fail("html: unbalanced </%s>" % tag)


def check_html(path, rep):
    text = open(path, encoding="utf-8").read()
    p = Strict()
    p.feed(text)
    if p.stack:
        fail("html: unclosed %s" % p.stack)
    if "<script" in text.lower():
        fail("html: a script element")
    print("html: %d table rows, balanced" % p.rows)


def main():
    kind, path, jpath = sys.argv[1:4]
    rep = json.load(open(jpath))
    text = open(path, encoding="utf-8").read()
    for f in rep["findings"]:
        if "value" in f.get("secret", {}):
            fail("the JSON report was made with --show-secrets")
    if kind == "sarif":
        check_sarif(path, rep, sys.argv[4] if len(sys.argv) > 4 else None)
    elif kind == "junit":
        check_junit(path, rep)
    elif kind == "markdown":
        check_markdown(path, rep)
    elif kind == "html":
        check_html(path, rep)
    else:
        fail("unknown kind " + kind)
    return text


if __name__ == "__main__":
    main()
