#!/bin/sh
# guidelines_catalogue: the guideline catalogue (rules/guidelines/*.yaml)
# is well formed, quotes the vendor documents verbatim and names real rules.
#
# Read from the YAML files directly (PyYAML), not through the loader:
# - one file per vendor profile of rules/profiles/profiles.yaml, named
#   after it, each a mapping with the one key `guidelines` holding a list;
# - every entry has id, title, doc, section and quote, and exactly one of
#   rules (a non-empty list) or manual (a non-empty sentence), nothing else;
# - ids are unique across the files and start with the file's profile name;
# - doc is the profile's own seed document, and the quote occurs in it,
#   whitespace-normalised (runs of blanks, tabs and line breaks count as
#   one space);
# - every rule id or glob (`*` matches any run of characters) matches at
#   least one rule of `authaudit rules list`;
# - every rule whose id starts with one of REQUIRED_PREFIXES is listed by
#   at least one statement, except the few in NOT_LISTED (each says why).
# Prints per document how many statements rules test and how many are
# manual. AUTHAUDIT_GUIDELINES overrides the catalogue directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?set AUTHAUDIT to the authaudit binary}
. "$here/lib/seeds.sh"
guidelines=${AUTHAUDIT_GUIDELINES:-$root/rules/guidelines}

python3 - "$A" "$seeds" "$guidelines" "$root/rules/profiles/profiles.yaml" <<'EOF'
import os
import re
import subprocess
import sys

import yaml

authaudit, seeds, gdir, profiles_file = sys.argv[1:5]

KEYS = ("id", "title", "doc", "section", "quote")
OPTIONAL = ("rules", "manual")
MAX_TITLE = 60
GAP = "Not automated yet:"

# Rules of these families test a statement of a document (rules/auth,
# rules/endpoint, rules/token, rules/lifetime, rules/code): each must be
# listed by some statement. The other families are credential formats
# (secret.*, and the vendor credentials presto.*, vista.*, reseller.*):
# listed where a statement is about storing credentials, not required.
REQUIRED_PREFIXES = ("auth.", "client-storage.", "endpoint.", "token.",
                     "transport.")
VENDOR_PREFIXES = ("presto.", "vista.", "reseller.")
# policy.*: the organisation's own limits (rules/policy), which cite no
# vendor sentence, so no statement lists them
OTHER_PREFIXES = ("secret.", "policy.") + VENDOR_PREFIXES
NOT_LISTED = {
    # meta: says a check could not run, never that a statement is broken
    "endpoint.probe-failed": "meta: a check could not run",
    # hardening beyond the documents: no sentence asks for it
    "endpoint.cert-expiring-soon":
        "early warning; nothing is broken until endpoint.cert-expired",
    "endpoint.cert-lifetime-too-long":
        "the documents set no certificate lifetime",
    "endpoint.no-forward-secrecy":
        "the documents ask for TLS 1.2+, not for a key exchange",
    "endpoint.rsa-key-exchange":
        "the documents ask for TLS 1.2+, not for a key exchange",
    "endpoint.hsts-missing":
        "the documents reject plain HTTP; none asks for HSTS",
    "endpoint.hsts-max-age-short":
        "the documents reject plain HTTP; none asks for HSTS",
    # diagnostics of the token itself: why it will be refused, not a
    # statement the integration or the API breaks
    "token.presto-checksum":
        "a truncated or altered Presto token; no sentence states the format",
    "token.apikey-malformed":
        "a key the API will refuse; the 401 row is about the API",
    "token.jwt-not-yet-valid":
        "nbf ahead (issuer clock skew); the clock-skew sentence is about "
        "when the client renews",
    "token.not-yet-valid":
        "nbf ahead (issuer clock skew); the clock-skew sentence is about "
        "when the client renews",
    # the organisation's policy limit: document 000 sets none
    "token.presto-expiration-date":
        "organisation policy (policy_max_token_request_days), no sentence",
}

bad = 0


def fail(msg):
    global bad
    print("FAIL: " + msg)
    bad += 1


def norm(s):
    return " ".join(s.split())


class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping (PyYAML
    would keep the last; the C loader must not see such a file)."""


def _mapping(loader, node, deep=False):
    seen = set()
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key %r" % (key,), k.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def glob_re(g):
    return re.compile(".*".join(re.escape(p) for p in g.split("*")))


# the seed documents
seed_text = {}
for name in os.listdir(seeds):
    path = os.path.join(seeds, name)
    if os.path.isfile(path) and name.endswith(".txt"):
        with open(path, encoding="utf-8", errors="replace") as f:
            seed_text[name] = norm(f.read())
if not seed_text:
    print("FAIL: no seed documents (*.txt) in %s" % seeds)
    sys.exit(1)

# the vendor profiles and their documents
with open(profiles_file, encoding="utf-8") as f:
    profiles = {p["name"]: (p.get("guideline") or {}).get("doc")
                for p in yaml.safe_load(f)["profiles"]
                if p["name"] != "default"}

# the rules
p = subprocess.run([authaudit, "rules", "list"], capture_output=True,
                   text=True)
if p.returncode != 0:
    print("FAIL: authaudit rules list: exit %d: %s"
          % (p.returncode, p.stderr.strip()))
    sys.exit(1)
rule_ids = [line.split()[0] for line in p.stdout.splitlines() if line.strip()]
if not rule_ids:
    print("FAIL: authaudit rules list: no rules")
    sys.exit(1)
for r in rule_ids:
    if not r.startswith(REQUIRED_PREFIXES + OTHER_PREFIXES):
        fail("rule %s: unknown family; add its prefix to REQUIRED_PREFIXES "
             "(it tests a statement) or OTHER_PREFIXES" % r)

# the catalogue
if not os.path.isdir(gdir):
    print("FAIL: no guideline catalogue at %s" % gdir)
    sys.exit(1)
files = sorted(n for n in os.listdir(gdir)
               if n.endswith((".yaml", ".yml"))
               and os.path.isfile(os.path.join(gdir, n)))
stems = {os.path.splitext(n)[0]: n for n in files}
for prof in sorted(profiles):
    if prof not in stems:
        fail("profile %s has no catalogue file %s/%s.yaml"
             % (prof, gdir, prof))

seen_ids = {}
unread = 0              # files that did not parse: coverage unknown
listed = set()          # rule ids some statement lists (after globbing)
stats = []              # (profile, doc, statements, by rules, manual, gaps)
total = {"st": 0, "rules": 0, "manual": 0, "gap": 0}
for name in files:
    prof = os.path.splitext(name)[0]
    path = os.path.join(gdir, name)
    where = path
    if prof not in profiles:
        fail("%s: not named after a vendor profile (%s)"
             % (where, ", ".join(sorted(profiles))))
        continue
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=UniqueKeyLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        fail("%s: does not parse: %s" % (where, e))
        unread += 1
        continue
    if not isinstance(data, dict) or list(data) != ["guidelines"]:
        fail("%s: top level must be a mapping with the one key "
             "'guidelines'" % where)
        unread += 1
        continue
    entries = data["guidelines"]
    if not isinstance(entries, list) or not entries:
        fail("%s: 'guidelines' must be a non-empty list" % where)
        unread += 1
        continue
    n_rules = n_manual = n_gap = 0
    for i, e in enumerate(entries):
        at = "%s: entry %d" % (where, i + 1)
        if not isinstance(e, dict):
            fail("%s: not a mapping" % at)
            continue
        sid = e.get("id")
        if isinstance(sid, str) and sid:
            at = "%s: %s" % (where, sid)
        for k in e:
            if k not in KEYS + OPTIONAL:
                fail("%s: unknown key '%s'" % (at, k))
        ok = True
        for k in KEYS:
            if not isinstance(e.get(k), str) or not e[k].strip():
                fail("%s: '%s' missing or not a non-empty string" % (at, k))
                ok = False
        if not ok:
            continue
        if not re.fullmatch(re.escape(prof) + r"\.[a-z0-9]+(?:[.-][a-z0-9]+)*",
                            sid):
            fail("%s: id must be %s.<short-kebab-name>" % (at, prof))
        if sid in seen_ids:
            fail("%s: duplicate id (also in %s)" % (at, seen_ids[sid]))
        seen_ids[sid] = where
        if len(e["title"]) > MAX_TITLE or "\n" in e["title"]:
            fail("%s: title longer than %d characters or not one line"
                 % (at, MAX_TITLE))
        if e["doc"] not in seed_text:
            fail("%s: doc '%s' is not a seed document" % (at, e["doc"]))
        else:
            if profiles[prof] and e["doc"] != profiles[prof]:
                fail("%s: doc '%s' is not the document of profile %s (%s)"
                     % (at, e["doc"], prof, profiles[prof]))
            if norm(e["quote"]) not in seed_text[e["doc"]]:
                fail("%s: quote not found verbatim in %s: \"%s\""
                     % (at, e["doc"], e["quote"]))
        has_rules, has_manual = "rules" in e, "manual" in e
        if has_rules == has_manual:
            fail("%s: give exactly one of 'rules' and 'manual'" % at)
            continue
        if has_manual:
            m = e["manual"]
            if not isinstance(m, str) or not m.strip():
                fail("%s: 'manual' must be a non-empty sentence" % at)
                continue
            n_manual += 1
            if m.startswith(GAP):
                n_gap += 1
            continue
        rules = e["rules"]
        if not isinstance(rules, list) or not rules:
            fail("%s: 'rules' must be a non-empty list" % at)
            continue
        n_rules += 1
        if len(set(map(str, rules))) != len(rules):
            fail("%s: a rule is listed twice" % at)
        for g in rules:
            if not isinstance(g, str) or not g.strip():
                fail("%s: rule entry %r is not a rule id or glob" % (at, g))
                continue
            rx = glob_re(g)
            hits = [r for r in rule_ids if rx.fullmatch(r)]
            if not hits:
                fail("%s: '%s' matches no rule of `authaudit rules list`"
                     % (at, g))
            listed.update(hits)
    stats.append((prof, profiles[prof], n_rules + n_manual, n_rules,
                  n_manual, n_gap))
    for k, v in (("st", n_rules + n_manual), ("rules", n_rules),
                 ("manual", n_manual), ("gap", n_gap)):
        total[k] += v

# no rule of a statement-testing family left out of the catalogue (not
# judged while a file did not parse: its statements are unknown)
for r in rule_ids:
    if unread == 0 and r.startswith(REQUIRED_PREFIXES) and r not in listed \
            and r not in NOT_LISTED:
        fail("rule %s is listed by no statement: add it to the statement "
             "it tests, or to NOT_LISTED with the reason" % r)
for r in sorted(NOT_LISTED):
    if r not in rule_ids:
        fail("NOT_LISTED names %s, which is not a rule any more" % r)
    elif r in listed:
        fail("%s is in NOT_LISTED (%s) but a statement lists it (a glob "
             "too wide?): drop one or the other" % (r, NOT_LISTED[r]))
unlisted_other = [r for r in rule_ids if r.startswith(VENDOR_PREFIXES)
                  and r not in listed]

for prof, doc, n, nr, nm, ng in stats:
    print("%-18s %s: %2d statements, %2d tested by rules, %2d manual "
          "(%d not automated yet)" % (prof, doc, n, nr, nm, ng))
if unlisted_other:
    print("note: vendor credential rules no statement lists: %s"
          % ", ".join(unlisted_other))
print("guidelines_catalogue: %d statements in %d files, %d tested by rules, "
      "%d manual (%d not automated yet); %d of %d rules listed, %d left out "
      "on purpose; %d failed"
      % (total["st"], len(stats), total["rules"], total["manual"],
         total["gap"], len(listed), len(rule_ids), len(NOT_LISTED), bad))
if total["st"] == 0:
    print("FAIL: the catalogue holds no statement: the check checked nothing")
    bad += 1
sys.exit(1 if bad else 0)
EOF
