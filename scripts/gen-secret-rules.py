#!/usr/bin/env python3
"""Generate rules/secrets/*.yaml from the token-format tables in
rules/catalogue-src/*.tsv: one rule per credential format with a
distinctive shape, each with generated positive examples (random values of
the format in several languages) and negative ones (placeholders, a value
one character short, an environment lookup).

Run it after editing a table; the YAML it writes is what authaudit loads
and what `authaudit rules check` verifies. Values are random, never real,
and drawn from a generator seeded with the rule's id, so adding a row
changes no other rule's examples. Each YAML file comes from one table.

    scripts/gen-secret-rules.py rules/catalogue-src rules/secrets

Two optional columns follow the nine: more positive examples and more
negative ones, each a list of templates separated by " ;; ". In a
template {v} is a fresh random value of the shape, {short} one a
character short, {var} and {VAR} the variable name as written and in
upper case ({v} and {short} include a CONTEXT<< literal, see below); a
template starting with "@PATH " is an example in file
PATH. A cell "-" or an empty cell adds nothing.

A shape "NAME>>SHAPE" is a format known only by its context: NAME, a
PCRE2 expression matched without case, names the variable or key, and
SHAPE the value assigned to it (= : => :=, quoted or not, in JSON, YAML,
shell, code); the variable column must be a name NAME matches. A shape
"CONTEXT<<SHAPE" is a format found after a fixed literal CONTEXT (a URL
path such as api.telegram.org/bot): CONTEXT must precede the value but
is not part of the secret, and the examples carry it.
"""
import random
import re
import sys
from pathlib import Path

CHARSETS = {
    "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "a": "abcdefghijklmnopqrstuvwxyz0123456789",
    "U": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "L": "abcdefghijklmnopqrstuvwxyz",
    "M": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "h": "0123456789abcdef",
    "H": "0123456789ABCDEF",
    "d": "0123456789",
    "B": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
    "b": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "Z": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    # alphanumerics and the punctuation of generated passwords and auth
    # tokens (Oracle, Azure AD v1): "+-:.;()[]{}_#!"
    "P": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
         "+-:.;()[]{}_#!",
}
REGEX_CLASS = {
    "A": "A-Za-z0-9", "a": "a-z0-9", "U": "A-Z0-9", "L": "a-z", "M": "A-Za-z",
    "h": "0-9a-f",
    "H": "0-9A-F", "d": "0-9", "B": "A-Za-z0-9_-", "b": "A-Za-z0-9+/",
    "Z": "A-Z2-7", "P": r"A-Za-z0-9+\-:.;()\[\]{}_#!",
}
CWE = {
    "doc": "https://cwe.mitre.org/data/definitions/798.html",
    "section": "Description",
    "quote": "The product contains hard-coded credentials, such as a password "
             "or cryptographic key, which it uses for its own inbound "
             "authentication, outbound communication to external "
             "components, or encryption of internal data.",
}


def parse_shape(shape):
    """'ghp_|A36' -> [('lit','ghp_'), ('cls','A',36,36)]; 'A20-40' ranges."""
    parts = []
    for piece in shape.split("|"):
        if re.fullmatch(r"[A-Za-z][0-9]+(?:-[0-9]+)?", piece) and \
                piece[0] in CHARSETS:
            cls, rng = piece[0], piece[1:]
            lo, _, hi = rng.partition("-")
            parts.append(("cls", cls, int(lo), int(hi or lo)))
        else:
            parts.append(("lit", piece.replace("\\|", "|")))
    return parts


def shape_regex(parts):
    out = []
    for p in parts:
        if p[0] == "lit":
            out.append("".join("\\" + c if c in ".+*?()[]{}^$|\\/" else c
                               for c in p[1]))
        else:
            _, cls, lo, hi = p
            q = "{%d}" % lo if lo == hi else "{%d,%d}" % (lo, hi)
            out.append("[%s]%s" % (REGEX_CLASS[cls], q))
    return "".join(out)


def shape_value(parts, rng, short=False):
    out = []
    for i, p in enumerate(parts):
        if p[0] == "lit":
            out.append(p[1])
        else:
            _, cls, lo, hi = p
            n = rng.randint(lo, min(hi, lo + 8))
            if short and i == max(j for j, q in enumerate(parts)
                                  if q[0] == "cls"):
                n = lo - 1
            out.append("".join(rng.choice(CHARSETS[cls]) for _ in range(n)))
    return "".join(out)


def q(s):
    return "'" + s.replace("'", "''") + "'"


def expand(cell, parts, rng, var, src, n, ctx=""):
    """The templates of an optional example column, filled in."""
    out = []
    for t in cell.split(" ;; "):
        t = t.strip()
        if not t or t == "-":
            continue
        path = None
        if t.startswith("@"):
            path, _, t = t[1:].partition(" ")
            if not path or not t:
                sys.exit("%s:%d: '@PATH TEXT' wants both" % (src, n))
        while "{v}" in t:
            t = t.replace("{v}", ctx + shape_value(parts, rng), 1)
        while "{short}" in t:
            t = t.replace("{short}",
                          ctx + shape_value(parts, rng, short=True), 1)
        t = t.replace("{var}", var).replace("{VAR}", var.upper())
        out.append({"path": path, "text": t} if path else t)
    return out


def read_table(src, files, owner):
    for n, line in enumerate(src.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not 9 <= len(cols) <= 11:
            sys.exit("%s:%d: want 9 to 11 tab-separated columns, got %d"
                     % (src, n, len(cols)))
        cols += [""] * (11 - len(cols))
        fname, rid, title, sev, conf, kws, shape, var, url = cols[:9]
        more_pos, more_neg = cols[9], cols[10]
        if owner.setdefault(fname, src) != src:
            sys.exit("%s:%d: %s is already generated from %s"
                     % (src, n, fname, owner[fname]))
        rng = random.Random(rid)
        name, sep, shape = shape.rpartition(">>")
        ctx, csep, shape = shape.rpartition("<<")
        parts = parse_shape(shape)
        body = shape_regex(parts)
        pattern = r"(?<![A-Za-z0-9_])(%s)(?![A-Za-z0-9_])" % body
        if sep and csep:
            sys.exit("%s:%d: a shape has NAME>> or CONTEXT<<, not both"
                     % (src, n))
        if csep:
            pattern = r"%s(%s)(?![A-Za-z0-9_])" % (
                shape_regex([("lit", ctx)]), body)
        if sep:
            # a suffix such as _PROD may follow the name, not one that
            # makes it name something else (_ID, _URL, _FILE)
            pattern = (r"(?<![A-Za-z0-9])(?i:%s)(?!(?i:[_.-]?(?:id|name|url|"
                       r"uri|file|path|type|header|label|description|"
                       r"endpoint|length|size|count|ttl|expires?)\b))"
                       r"[\w.-]{0,12}?[\"'\]]{0,2}"
                       r"\s*(?:[:=]|=>|:=)\s*[\"']?(%s)(?![A-Za-z0-9_])"
                       % (name, body))
        v1, v2, v3 = (ctx + shape_value(parts, rng) for _ in range(3))
        short = ctx + shape_value(parts, rng, short=True)
        lits = ctx + "".join(p[1] for p in parts if p[0] == "lit")
        fill = lits + "x" * max(p[2] for p in parts if p[0] == "cls")
        env = var.upper()
        examples = [
            '%s = "%s"' % (env, v1),
            "export %s=%s" % (env, v2),
            {"path": "web/src/config.js",
             "text": "const %s = '%s';" % (var, v3)},
        ]
        negatives = [
            '%s = "%s"' % (env, short),
            "%s: %s" % (var, fill),
            '%s = os.environ["%s"]' % (var, env),
            "%s=<your-%s>" % (env, var.lower().replace("_", "-")),
        ]
        examples += expand(more_pos, parts, rng, var, src, n, ctx)
        negatives += expand(more_neg, parts, rng, var, src, n, ctx)
        if sep and not re.search("(?i)" + name, var):
            sys.exit("%s:%d: variable %s is not a name %s matches"
                     % (src, n, var, name))
        files.setdefault(fname, []).append(
            (rid, title, sev, conf, kws, pattern, url, examples, negatives))


def main():
    src = Path(sys.argv[1])
    outdir = Path(sys.argv[2])
    tables = sorted(src.glob("*.tsv")) if src.is_dir() else [src]
    files, owner = {}, {}
    for table in tables:
        read_table(table, files, owner)
    outdir.mkdir(parents=True, exist_ok=True)
    for fname, rules in sorted(files.items()):
        lines = ["# Generated by scripts/gen-secret-rules.py from "
                 "rules/catalogue-src/%s:" % owner[fname].name,
                 "# edit the table, not this file.", "rules:"]
        for rid, title, sev, conf, kws, pattern, url, ex, neg in rules:
            # "-": no literal is specific enough; the pattern itself goes
            # into the vectorscan prefilter (slow: avoid). "=K1,K2": the
            # keywords are matched with their case, so a short token
            # prefix such as SK or hf_ stays cheap and rare
            # "~EXPR": no keyword; EXPR, a vectorscan expression matching
            # wherever the pattern does, is the prefilter (for prefixes so
            # short or common that a keyword would fire on every MASK or
            # path: SK, pat, Q~)
            prefilter = kws[1:] if kws.startswith("~") else None
            kws = "-" if prefilter else kws
            exact = kws.startswith("=")
            kws = kws[1:] if exact else kws
            kw = "" if kws == "-" else ", ".join(q(k) for k in kws.split(","))
            lines += [
                "  - id: %s" % rid,
                "    title: %s" % q(title),
                "    description: %s" % q("%s. Format documented at %s"
                                          % (title, url)),
                "    category: secret",
                "    severity: %s" % sev,
                "    confidence: %s" % conf,
                "    guideline:",
                "      doc: %s" % CWE["doc"],
                "      section: %s" % CWE["section"],
                "      quote: %s" % q(CWE["quote"]),
                "    keywords: [%s]" % kw,
            ] + (["    keywords_case: sensitive"] if exact else []) + (
                ["    prefilter: %s" % q(prefilter)] if prefilter else []) + [
                "    pattern: %s" % q(pattern),
                "    secret_group: 1",
                "    min_entropy: 3.0",
                "    examples:",
            ]
            for e in ex:
                if isinstance(e, dict):
                    lines += ["      - path: %s" % e["path"],
                              "        text: %s" % q(e["text"])]
                else:
                    lines.append("      - %s" % q(e))
            lines.append("    negative_examples:")
            for e in neg:
                if isinstance(e, dict):
                    lines += ["      - path: %s" % e["path"],
                              "        text: %s" % q(e["text"])]
                else:
                    lines.append("      - %s" % q(e))
            lines.append("")
        (outdir / fname).write_text("\n".join(lines))
        print("%s: %d rules" % (outdir / fname, len(rules)))


if __name__ == "__main__":
    main()
