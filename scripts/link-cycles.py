#!/usr/bin/env python3
"""The link graph of the built objects has no cycle (docs/layout.md).

scripts/lint-layers.sh keeps includes pointing down between folders; this
checks what the linker sees, file by file, inside folders too: an object
that needs a symbol of another that needs one of its own is a knot to
untie (move the shared part to a leaf file).
Usage: link-cycles.py OBJECT... (make test passes the program's objects)
"""
import os
import subprocess
import sys


def symbols(paths):
    """Which object defines each global symbol, and what each one uses."""
    defs, uses = {}, {}
    top = os.path.commonpath([os.path.dirname(p) for p in paths])
    for path in sorted(paths):
        name = os.path.relpath(path, top)[:-2]
        out = subprocess.run(['nm', path], capture_output=True,
                             text=True, check=True).stdout
        uses[name] = set()
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in 'TDRBC':
                defs[p[2]] = name
            elif len(p) == 2 and p[0] == 'U':
                uses[name].add(p[1])
    return defs, uses


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(100000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main():
    defs, uses = symbols(sys.argv[1:])
    graph = {n: {defs[s] for s in u if defs.get(s, n) != n}
             for n, u in uses.items()}
    bad = cycles(graph)
    for comp in bad:
        print('link-cycles: these objects need each other: ' +
              ', '.join(comp), file=sys.stderr)
        for a in comp:
            for s in sorted(uses[a]):
                if defs.get(s) in comp and defs[s] != a:
                    print('  %s uses %s from %s' % (a, s, defs[s]),
                          file=sys.stderr)
    if not bad:
        print('link-cycles: %d objects, no cycle' % len(graph))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
