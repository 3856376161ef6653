#!/usr/bin/env python3
"""Check authaudit's SARIF, JUnit, Markdown and HTML reports against the
JSON report of the same run (tests/e2e/report_formats.sh).

Usage: formats.py sarif|junit|markdown|html REPORT JSON-REPORT [SCHEMA
       [RULE-IDS-FILE]]
RULE-IDS-FILE: the ids of the rules the run used, one a line; SARIF must
describe exactly these.
Exits non-zero with a message on the first problem.
"""
import html.parser
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET


def fail(msg):
    print("formats.py: " + msg, file=sys.stderr)
    sys.exit(1)


def secrets(rep):
    """Raw secrets are never in a report unless --show-secrets: the JSON
    report holds only their hashes, so check the redacted prefixes' hashes
    cannot be in the text; here we collect the redacted forms instead."""
    return [f["secret"]["redacted"] for f in rep["findings"] if "secret" in f]


def where(f):
    """A finding's place as the text writers show it (report_where)."""
    loc = f["location"]
    if "path" not in loc:
        return loc.get("url", "-")
    root = loc.get("root")
    pre = ""
    if root and root != ".":
        pre = root if root.endswith("/") else root + "/"
    return "%s%s:%d:%d" % (pre, loc["path"], loc["line"], loc["column"])


def file_of(f):
    """root/path of a source finding (the path alone without a root)."""
    loc = f["location"]
    root = loc.get("root")
    if root and root != ".":
        return os.path.join(root, loc["path"])
    return loc["path"]


def resolve(run, art):
    """The absolute path a SARIF artifactLocation names."""
    uri = art["uri"]
    if uri.startswith("file://"):
        return urllib.parse.unquote(uri[len("file://"):])
    base = run["originalUriBaseIds"][art["uriBaseId"]]["uri"]
    return os.path.normpath(os.path.join(
        urllib.parse.unquote(base[len("file://"):]),
        urllib.parse.unquote(uri)))


def statements_failed_by(rep):
    """fingerprint -> the statements whose fail cells hold it."""
    out = {}
    for m in rep.get("compliance") or []:
        for st in m["statements"]:
            for res in st["results"]:
                for fp in res.get("findings", []):
                    out.setdefault(fp, set()).add(st["id"])
    return out


def check_sarif(path, rep, schema, want_rules):
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
    ids = [d["id"] for d in rules]
    if len(set(ids)) != len(ids):
        fail("sarif: a rule is described twice")
    # one descriptor per rule the run used, with or without results
    if want_rules is not None and sorted(ids) != sorted(want_rules):
        fail("sarif: %d descriptors, want the %d rules used; extra %s, "
             "missing %s" % (len(ids), len(want_rules),
                             sorted(set(ids) - set(want_rules))[:5],
                             sorted(set(want_rules) - set(ids))[:5]))
    if rep["scan"]["command"] == "scan" and \
            len(ids) != rep["scan"]["rules_loaded"]:
        fail("sarif: %d descriptors, the scan ran %d rules"
             % (len(ids), rep["scan"]["rules_loaded"]))
    for d in rules:
        props = d["properties"]
        for k in ("name", "shortDescription", "fullDescription", "help",
                  "defaultConfiguration"):
            if k not in d:
                fail("sarif: rule %s has no %s" % (d["id"], k))
        if not d["help"].get("text") or not d["help"].get("markdown"):
            fail("sarif: rule %s help lacks text or markdown" % d["id"])
        if "security" not in props["tags"] or \
                props["category"] not in props["tags"]:
            fail("sarif: rule %s tags %s" % (d["id"], props["tags"]))
        float(props["security-severity"])
        if props["precision"] not in ("very-high", "high", "medium", "low"):
            fail("sarif: rule %s precision %s" % (d["id"], props["precision"]))
    failed_by = statements_failed_by(rep)
    for r, f in zip(res, rep["findings"]):
        if r["ruleId"] != f["rule"] or rules[r["ruleIndex"]]["id"] != f["rule"]:
            fail("sarif: result %s does not match finding %s"
                 % (r["ruleId"], f["rule"]))
        if r["partialFingerprints"]["authaudit/v2"] != f["fingerprint"]:
            fail("sarif: fingerprint differs for %s" % f["rule"])
        d = rules[r["ruleIndex"]]
        for st in failed_by.get(f["fingerprint"], ()):
            if st not in d["properties"]["tags"] or st not in d["help"]["text"]:
                fail("sarif: rule %s fails statement %s but does not cite "
                     "it" % (d["id"], st))
        loc = r["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        # GitHub takes relative or file: locations only
        if ":" in art["uri"].split("/")[0] and \
                not art["uri"].startswith("file:///"):
            fail("sarif: location %s is neither relative nor file:"
                 % art["uri"])
        if "path" in f["location"]:
            if loc["region"]["startLine"] != f["location"]["line"]:
                fail("sarif: line differs for %s" % f["rule"])
            base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            want = os.path.normpath(os.path.join(urllib.parse.unquote(
                base[len("file://"):]), file_of(f)))
            if resolve(run, art) != want:
                fail("sarif: uri %s for %s" % (art["uri"],
                                               f["location"]["path"]))
            if not art["uri"].startswith("file:") and \
                    art.get("uriBaseId") != "%SRCROOT%":
                fail("sarif: relative uri %s without %%SRCROOT%%"
                     % art["uri"])
        else:
            lg = r["locations"][0]["logicalLocations"][0]
            if lg["fullyQualifiedName"] != f["location"]["url"]:
                fail("sarif: url differs for %s" % f["rule"])
            if art.get("uriBaseId") != "ENDPOINT" or "://" in art["uri"]:
                fail("sarif: endpoint stand-in %s" % art)
    inv = run["invocations"][0]
    if len(inv.get("toolExecutionNotifications", [])) != len(rep["notices"]):
        fail("sarif: %d notifications, %d notices"
             % (len(inv.get("toolExecutionNotifications", [])),
                len(rep["notices"])))
    print("sarif: %d results, %d rules, schema %s"
          % (len(res), len(rules), "valid" if schema else "not checked"))


VERDICT_ELEMENT = {"pass": None, "fail": "failure", "error": "error",
                   "not-tested": "skipped"}


def verdict_of(case):
    kids = [c.tag for c in case if c.tag in ("failure", "error", "skipped")]
    if len(kids) > 1:
        fail("junit: %s has %s" % (case.get("name"), kids))
    return kids[0] if kids else None


def check_counts(el, cases):
    for attr, tag in (("failures", "failure"), ("errors", "error"),
                      ("skipped", "skipped")):
        n = sum(1 for c in cases if verdict_of(c) == tag)
        if int(el.get(attr)) != n:
            fail("junit: %s %s=%s, counted %d" % (el.get("name"), attr,
                                                  el.get(attr), n))
    if int(el.get("tests")) != len(cases):
        fail("junit: %s tests=%s, %d testcases" % (el.get("name"),
                                                   el.get("tests"),
                                                   len(cases)))


def xml_clean(s):
    """s as the XML writer keeps it: characters XML 1.0 cannot carry (and
    DEL) as U+FFFD."""
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or
                   c in "\x7f\ufffe\uffff" else c for c in s)


def check_junit(path, rep):
    root = ET.parse(path).getroot()
    suites = root.findall("testsuite")
    check_counts(root, root.findall("testsuite/testcase"))
    for s in suites:
        check_counts(s, s.findall("testcase"))
    by_name = {s.get("name"): s for s in suites}
    matrices = rep.get("compliance") or []
    cells = 0
    for m in matrices:
        suite = by_name.get(m["profile"])
        if suite is None:
            fail("junit: no suite for profile %s" % m["profile"])
        cases = {}
        for c in suite.findall("testcase"):
            key = (c.get("name").split(": ", 1)[0], c.get("classname"))
            if key in cases:
                fail("junit: %s twice" % (key,))
            cases[key] = c
        want = len(m["statements"]) * len(m["targets"])
        if len(cases) != want:
            fail("junit: %s has %d testcases, want %d statements x %d "
                 "targets" % (m["profile"], len(cases), len(m["statements"]),
                              len(m["targets"])))
        for st in m["statements"]:
            for res in st["results"]:
                c = cases.get((st["id"], res["target"]))
                if c is None:
                    fail("junit: no testcase %s on %s"
                         % (st["id"], res["target"]))
                if verdict_of(c) != VERDICT_ELEMENT[res["verdict"]]:
                    fail("junit: %s on %s is %s, JSON says %s"
                         % (st["id"], res["target"], verdict_of(c),
                            res["verdict"]))
                cells += 1
            # the JSON lists tested cells only: the rest are not tested
            listed = {res["target"] for res in st["results"]}
            for t in m["targets"]:
                if t in listed:
                    continue
                c = cases.get((st["id"], t))
                if c is None or verdict_of(c) != "skipped":
                    fail("junit: %s on %s is not skipped, but the JSON "
                         "does not list it as tested" % (st["id"], t))
                cells += 1
    # nothing is lost: every finding is in some failure
    text = "\n".join(f.text or "" for f in root.iter("failure"))
    for f in rep["findings"]:
        if xml_clean("%s at %s" % (f["rule"], where(f))) not in text:
            fail("junit: finding %s at %s in no failure"
                 % (f["rule"], where(f)))
    print("junit: %d suites, %d statement cells, %s testcases, %s failures"
          % (len(suites), cells, root.get("tests"), root.get("failures")))


def check_markdown(path, rep):
    text = open(path, encoding="utf-8").read()
    if len(text) >= 65536:
        fail("markdown: %d characters, above GitHub's comment limit"
             % len(text))
    rows = [l for l in text.splitlines() if l.startswith("| ") and
            l[2:3].isdigit() and " | " in l and
            l.split(" | ")[1] in ("critical", "high", "medium", "low",
                                  "info")]
    want = min(50, len(rep["findings"]))
    if len(rows) != want:
        fail("markdown: %d finding rows, want %d" % (len(rows), want))
    cells = 7 if "audit" in rep else 6
    for row in rows:
        if len(re.findall(r"(?<!\\)\|", row)) != cells + 1:
            fail("markdown: a row does not have %d cells: %s" % (cells, row))
    more = len(rep["findings"]) - want
    if more and ("and %d more, see the full report" % more) not in text:
        fail("markdown: no note of the %d findings left out" % more)
    status = "Fail:" if rep["summary"]["failing"] else "Pass:"
    if status not in text.split("\n\n")[1]:
        fail("markdown: status line is not '%s'" % status)
    for m in rep.get("compliance") or []:
        c = m["counts"]
        if "| %d | %d | %d | %d |" % (c["pass"], c["fail"], c["error"],
                                      c["not-tested"]) not in text:
            fail("markdown: no compliance counts for %s" % m["profile"])
    print("markdown: %d rows of %d findings, %d characters"
          % (len(rows), len(rep["findings"]), len(text)))


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
        want = None
        if len(sys.argv) > 5 and sys.argv[5]:
            want = open(sys.argv[5]).read().split()
        check_sarif(path, rep, sys.argv[4] if len(sys.argv) > 4 else None,
                    want)
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
