#!/usr/bin/env python3
"""bench/tls_verdicts.py - one line of verdicts from what authaudit,
sslscan or testssl.sh said of one server, so bench/probe.sh can print
them side by side and compare them.

usage: tls_verdicts.py protocols TOOL FILE
       tls_verdicts.py flaws TOOL FILE...  (testssl: several runs)
TOOL: authaudit (its JSON report), sslscan (its text output), testssl
(its --jsonfile). protocols: "SSLv3=refused TLS1.0=accepted ...".
flaws: "reneg=ok client-reneg=ok compression=ok heartbleed=ok
fallback=ok robot=ok", each ok, FLAW, n/a (the tool says it cannot apply or cannot
test it) or ? (no verdict, or not reported).
"""
import json
import sys

VERSIONS = ("SSLv3", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3")
FLAWS = ("reneg", "client-reneg", "compression", "heartbleed", "fallback",
         "robot")


def protocols_authaudit(path):
    facts = json.load(open(path))["endpoints"][0]["facts"]["protocols"]
    out = {}
    for part in facts.split("; "):
        word, names = part.split(": ")
        for n in names.split(", "):
            out[n.replace(" ", "")] = word
    return out


def protocols_sslscan(path):
    out = {}
    for line in open(path, errors="replace"):
        f = line.split()
        if len(f) == 2 and f[0] in ("SSLv3", "TLSv1.0", "TLSv1.1",
                                    "TLSv1.2", "TLSv1.3"):
            out[f[0].replace("TLSv", "TLS")] = {
                "enabled": "accepted", "disabled": "refused"}.get(f[1], f[1])
    return out


def protocols_testssl(path):
    ids = {"SSLv3": "SSLv3", "TLS1": "TLS1.0", "TLS1_1": "TLS1.1",
           "TLS1_2": "TLS1.2", "TLS1_3": "TLS1.3"}
    out = {}
    for x in json.load(open(path)):
        if x["id"] in ids:
            f = x["finding"]
            # "not offered", "TLSv1.1 is not offered, and downgraded..."
            out[ids[x["id"]]] = ("refused" if "not offered" in f
                                 else "accepted" if f.startswith("offered")
                                 else "?")
    return out


def flaws_authaudit(path):
    facts = json.load(open(path))["endpoints"][0]["facts"]
    words = {
        "reneg": ("secure renegotiation", "supported", "missing"),
        "client-reneg": ("client renegotiation", "refused", "accepted"),
        "compression": ("TLS compression", "none", "accepted"),
        "heartbleed": ("heartbleed", "not vulnerable", "VULNERABLE"),
        "fallback": ("fallback SCSV", "honoured", "ignored"),
        "robot": ("ROBOT", "not vulnerable", "VULNERABLE"),
    }
    out = {}
    for k, (key, good, bad) in words.items():
        v = facts.get(key, "")
        out[k] = ("ok" if v.startswith(good) else
                  "FLAW" if v.startswith(bad) else
                  "n/a" if v.startswith("not checked") else "?")
    return out


def flaws_sslscan(path):
    lines = [l.strip() for l in open(path, errors="replace")]
    out = {}

    def after(head):
        for i, l in enumerate(lines):
            if l.startswith(head):
                return [x for x in lines[i + 1:i + 6] if x]
        return []

    r = after("TLS renegotiation:")
    r0 = r[0] if r else ""
    out["reneg"] = ("FLAW" if r0.startswith("Insecure") else
                    "ok" if r0 else "?")
    out["client-reneg"] = ("ok" if "not supported" in r0 else
                           "FLAW" if "supported" in r0 else "?")
    c = after("TLS Compression:")
    c0 = c[0] if c else ""
    out["compression"] = ("ok" if "disabled" in c0 else
                          "FLAW" if "enabled" in c0 else
                          "n/a" if "does not support" in c0 else "?")
    h = [l for l in after("Heartbleed:") if "heartbleed" in l]
    out["heartbleed"] = ("FLAW" if any(" vulnerable" in l and "not " not in l
                                       for l in h) else
                         "ok" if h else "?")
    f = after("TLS Fallback SCSV:")
    f0 = f[0] if f else ""
    out["fallback"] = ("FLAW" if "does not support" in f0 else
                       "ok" if "supports" in f0 else
                       "n/a" if "only supports" in f0 else "?")
    out["robot"] = "n/a"    # sslscan has no ROBOT test
    return out


def flaws_testssl(*paths):
    ids = {"secure_renego": "reneg", "secure_client_renego": "client-reneg",
           "CRIME_TLS": "compression", "heartbleed": "heartbleed",
           "fallback_SCSV": "fallback", "ROBOT": "robot"}
    out = {}
    found = []
    for path in paths:
        try:
            found += json.load(open(path))
        except (OSError, ValueError):
            pass
    for x in found:
        k = ids.get(x["id"])
        if not k:
            continue
        f, sev = x["finding"], x["severity"]
        if ("no protocol below" in f or "not offered" in f or
                "no RSA key transport" in f):
            out[k] = "n/a"
        elif sev in ("OK", "INFO"):
            out[k] = "ok"
        elif sev in ("LOW", "MEDIUM", "HIGH", "CRITICAL"):
            out[k] = "FLAW"
        else:
            out[k] = "?"
    return out


def main():
    what, tool, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    fn = globals()["%s_%s" % (what, tool)]
    try:
        got = fn(*paths)
    except (OSError, ValueError, KeyError, IndexError):
        got = {}
    keys = VERSIONS if what == "protocols" else FLAWS
    print(" ".join("%s=%s" % (k, got.get(k, "?")) for k in keys))


if __name__ == "__main__":
    main()
