#!/usr/bin/env python3
"""Read an authaudit JSON report for the e2e tests.

Usage: report.py findings|stale|severities|notices REPORT.json
       report.py scan REPORT.json KEY[.KEY...]
  findings    one line per finding: PATH:LINE:COLUMN RULE SEVERITY
  stale       one line per stale baseline entry: PATH:LINE RULE
  severities  one severity per finding
  notices     one line per notice: WHERE: MESSAGE
  scan        one value of the "scan" object, e.g. files_skipped.links

The report schema belongs to the report writer; this reader accepts the
obvious spellings (rule as an id string or an object with an id, the
location flat or under "location") so that the tests check findings, not
key names.
"""
import json
import signal
import sys


def rule_id(f):
    r = f.get("rule", f.get("rule_id", f.get("ruleId")))
    if isinstance(r, dict):
        r = r.get("id")
    return r


def loc(f):
    where = f.get("location", f)
    if not isinstance(where, dict):
        where = f
    path = where.get("path", where.get("file", f.get("path")))
    line = where.get("line", f.get("line", 0))
    col = where.get("column", where.get("col", f.get("column", 0)))
    return path, line, col


def severity(f):
    s = f.get("severity")
    if isinstance(s, dict):
        s = s.get("name")
    return s


def find_list(doc, key):
    if isinstance(doc.get(key), list):
        return doc[key]
    for v in doc.values():
        if isinstance(v, dict) and isinstance(v.get(key), list):
            return v[key]
    return []


def main():
    # a reader such as grep -q may stop early: die quietly
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if len(sys.argv) < 3 or len(sys.argv) != (4 if sys.argv[1] == "scan"
                                               else 3):
        sys.exit(__doc__)
    what, name = sys.argv[1], sys.argv[2]
    try:
        with open(name, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as e:
        sys.exit("report.py: %s: %s" % (name, e))
    if what == "scan":
        v = doc.get("scan", {})
        for k in sys.argv[3].split("."):
            if not isinstance(v, dict) or k not in v:
                sys.exit("report.py: no scan.%s in %s" % (sys.argv[3], name))
            v = v[k]
        print(v)
        return
    if what == "findings":
        for f in find_list(doc, "findings"):
            p, l, c = loc(f)
            print("%s:%s:%s %s %s" % (p, l, c, rule_id(f), severity(f)))
    elif what == "stale":
        for f in find_list(doc, "stale"):
            p, l, _ = loc(f)
            print("%s:%s %s" % (p, l, rule_id(f)))
    elif what == "notices":
        for n in doc.get("notices", []):
            print("%s: %s" % (n.get("where"), n.get("message")))
    elif what == "severities":
        for f in find_list(doc, "findings"):
            print(severity(f))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
