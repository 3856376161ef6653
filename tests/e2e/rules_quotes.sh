#!/bin/sh
# rules_quotes: every rule that cites a vendor document quotes it
# verbatim, and the credential catalogue keeps its size.
#
# For each rule `authaudit rules list` loads, `authaudit rules show ID`
# gives the guideline as the loader read it (YAML folding and escapes
# applied). A guideline doc that is not a URL, nor "policy" (the
# organisation's own limits, rules/policy: no vendor sentence to quote),
# must name a file of the seed directory (tests/data/seeds, a copy of
# ../shared/seeds), and the quote must occur in that file, whitespace-normalised (runs of blanks, tabs and line
# breaks count as one space). rules/secrets must hold at least 150 rules.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
A=${AUTHAUDIT:?set AUTHAUDIT to the authaudit binary}
. "$here/lib/seeds.sh"

python3 - "$A" "$seeds" <<'EOF'
import os
import subprocess
import sys

authaudit, seeds = sys.argv[1:3]
MIN_SECRETS = 150


def norm(s):
    return " ".join(s.split())


def run(*args):
    p = subprocess.run([authaudit, *args], capture_output=True, text=True)
    if p.returncode != 0:
        print("FAIL: authaudit %s: exit %d: %s"
              % (" ".join(args), p.returncode, p.stderr.strip()))
        sys.exit(1)
    return p.stdout


def show(rule_id):
    """doc, quote and defining file of one rule, from `rules show`."""
    fields, key = {}, None
    for line in run("rules", "show", rule_id).splitlines():
        if line[:1] not in ("", " "):
            key = line[:14].strip()
            fields.setdefault(key, []).append(line[14:])
        elif key:
            fields[key].append(line[14:])
    guideline = fields.get("guideline", [])
    if len(guideline) < 2:
        return None, None, None
    doc = guideline[0].split(", ", 1)[0]
    quote = "\n".join(guideline[1:]).strip()
    if len(quote) >= 2 and quote[0] == '"' and quote[-1] == '"':
        quote = quote[1:-1]
    where = fields.get("defined at", [""])[0].rsplit(":", 2)[0]
    return doc, quote, where


seed_text = {}
for name in os.listdir(seeds):
    path = os.path.join(seeds, name)
    if os.path.isfile(path) and name.endswith(".txt"):
        with open(path, encoding="utf-8", errors="replace") as f:
            seed_text[name] = norm(f.read())
if not seed_text:
    print("FAIL: no seed documents (*.txt) in %s" % seeds)
    sys.exit(1)

ids = [line.split()[0] for line in run("rules", "list").splitlines()
       if line.strip()]
bad, cited, secrets = 0, 0, 0
for rule_id in ids:
    doc, quote, where = show(rule_id)
    if doc is None:
        print("FAIL: %s: no guideline in `rules show`" % rule_id)
        bad += 1
        continue
    # a rule of the catalogue: defined in the rule directory's secrets/
    if os.path.basename(os.path.dirname(where)) == "secrets":
        secrets += 1
    if "://" in doc or doc == "policy":
        continue
    if doc not in seed_text:
        print("FAIL: %s (%s): guideline doc '%s' is not a seed document"
              % (rule_id, where, doc))
        bad += 1
        continue
    cited += 1
    if not quote or norm(quote) not in seed_text[doc]:
        print("FAIL: %s (%s): quote not found verbatim in %s: \"%s\""
              % (rule_id, where, doc, quote))
        bad += 1

print("rules_quotes: %d rules, %d quoting a seed document, %d failed; "
      "%d rules in rules/secrets (at least %d)"
      % (len(ids), cited, bad, secrets, MIN_SECRETS))
if secrets < MIN_SECRETS:
    print("FAIL: rules/secrets holds %d rules, fewer than %d"
          % (secrets, MIN_SECRETS))
    bad += 1
if cited == 0:
    print("FAIL: no rule cites a seed document: the check checked nothing")
    bad += 1
sys.exit(1 if bad else 0)
EOF
