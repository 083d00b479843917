"""Inline expectations of testdata programs (docs/testdata-format.md).

Shared by the hook runner, the analyzer runner and the TSan oracle so that all of them read a
testdata file the same way.
"""
import os
import re
import shlex

_FINDINGS_INC = os.path.join(os.path.dirname(__file__), "..", "..", "common", "findings.inc")
FINDING_IDS = tuple(re.findall(r'^LOCKGRAPH_FINDING\(\w+,\s*"([a-z-]+)"', open(_FINDINGS_INC).read(), re.M))

# Expectations sit in the file's comments: `//` in C and C++, `#` in Python.
_COMMENT = {".py": "#"}


def _patterns(path):
    c = re.escape(_COMMENT.get(os.path.splitext(path)[1], "//"))
    return (re.compile(c + r"\s*EXPECT(?:-(HOOK|STATIC))?:\s*([a-z-]+)\s*(.*?)\s*$"),
            re.compile(c + r"\s*(HOOK-RUN|HOOK-BUILD|STATIC-RUN|STATIC-COMPILE|TSAN|CONFIRM):\s*(.*?)\s*$"))


class Expectation:
    def __init__(self, path, line, tool, kind, detail):
        self.path, self.line, self.tool, self.kind, self.detail = path, line, tool, kind, detail
        self.matched = False

    def __repr__(self):
        d = f" {self.detail}" if self.detail else ""
        return f"{os.path.basename(self.path)}:{self.line}: {self.kind}{d}"


def _plain(name, want):
    """A heap lock's name is `expr@file:line#uid`; an expectation may name it by `expr` alone."""
    if "@" not in want and "@" in name:
        return name.split("@", 1)[0]
    return name


def cycle_matches(detail, cycle):
    """True when `detail` ("A => B => A") names the same cycle as the list `cycle` in any rotation."""
    want = [p.strip() for p in detail.split("=>")]
    cycle = [_plain(c, detail) for c in cycle]
    if len(want) > 1 and want[0] == want[-1]:
        want = want[:-1]
    if len(want) != len(cycle):
        return False
    return any(cycle[i:] + cycle[:i] == want for i in range(len(cycle)))


def detail_matches(detail, names, cycle=None):
    if not detail:
        return True
    if "=>" in detail:
        return cycle is not None and cycle_matches(detail, list(cycle))
    return detail in names or detail in [_plain(n, detail) for n in names]


def parse(path, tool):
    """Returns (expectations, directives) of one testdata file for tool 'HOOK' or 'STATIC'.

    directives maps 'HOOK-RUN' etc. to the list of their texts; a `k=v k=v` text is split with
    parse_kv()."""
    exps, directives = [], {}
    _EXPECT, _DIRECTIVE = _patterns(path)
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            m = _EXPECT.search(text)
            if m:
                which, kind, detail = m.groups()
                if kind not in FINDING_IDS:
                    raise ValueError(f"{path}:{n}: unknown finding id '{kind}' (see common/findings.inc)")
                if which in (None, tool):
                    exps.append(Expectation(path, n, which or "ALL", kind, detail))
            m = _DIRECTIVE.search(text)
            if m:
                directives.setdefault(m.group(1), []).append(m.group(2))
    return exps, directives


def parse_kv(text):
    """'exit=66 options=a=1:b=2 args="x y"' -> dict; the first '=' splits key from value."""
    out = {}
    for tok in shlex.split(text):
        k, _, v = tok.partition("=")
        out[k] = v
    return out
