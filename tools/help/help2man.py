#!/usr/bin/env python3
"""Makes a man page (roff) from a command's help text: the text tools/help/*.txt that the command
prints for --help, or what a program prints for --help (lockgraph-analyze, whose options are
llvm::cl's). One text, two renderings: the man page cannot drift from --help.

The text's shape: a first line "usage: ..." (or llvm's "OVERVIEW:"/"USAGE:" lines); paragraphs;
sections named by a line ending in ':' at column 0; in them, items indented by two spaces, their
term separated from the description by two or more spaces (or " - " as llvm::cl writes it), a
longer description continued on lines indented further.

usage: help2man.py --name NAME --version V (--input FILE | --program BIN) -o OUT
"""
import argparse
import datetime
import os
import re
import subprocess
import sys


def roff(text):
    text = text.replace("\\", "\\\\").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def convert(name, version, text, summary):
    lines = text.rstrip("\n").split("\n")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date = (datetime.datetime.utcfromtimestamp(int(epoch)).date() if epoch else datetime.date.today()).isoformat()
    out = ['.TH %s 1 "%s" "lockgraph %s" "User Commands"' % (name.upper(), date, version),
           ".SH NAME", "%s \\- %s" % (roff(name), roff(summary)), ".SH SYNOPSIS"]
    body = []
    synopsis = []
    i = 0
    while i < len(lines):
        l = lines[i]
        low = l.lower()
        if low.startswith("usage:"):
            synopsis.append(l.split(":", 1)[1].strip())
            i += 1
            while i < len(lines) and lines[i].startswith(" ") and lines[i].strip():
                synopsis.append(lines[i].strip())
                i += 1
            continue
        if low.startswith("overview:"):
            para = [l.split(":", 1)[1].strip()]
            i += 1
            while i < len(lines) and lines[i].strip():
                para.append(lines[i].strip())
                i += 1
            body += [""] + para + [""]
            continue
        body.append(l)
        i += 1
    for s in synopsis:
        cmd, _, rest = s.partition(" ")
        out += [".B %s" % roff(cmd), roff(rest), ".br"]
    out.append(".SH DESCRIPTION")
    para, item = [], None

    def flush():
        nonlocal para, item
        if item is not None:
            out.extend([".TP", "\\fB%s\\fR" % roff(item[0]), roff(" ".join(item[1]))])
            item = None
        if para:
            out.extend([".PP", roff(" ".join(para))])
            para = []

    for l in body:
        if not l.strip():
            flush()
        elif not l.startswith(" ") and l.rstrip().endswith(":"):
            flush()
            out.append(".SH %s" % roff(l.rstrip()[:-1].upper()))
        elif l.startswith("  ") and not l.startswith("   "):
            flush()
            m = re.match(r"^\s+(\S.*?)(?:\s+-\s+|\s{2,})(\S.*)$", l)
            item = (m.group(1).strip(), [m.group(2).strip()]) if m else (l.strip(), [])
        elif l.startswith("   ") and item is not None:
            item[1].append(l.strip())
        else:
            if item is not None:
                flush()
            para.append(l.strip())
    flush()
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--input")
    ap.add_argument("--program")
    ap.add_argument("-o", required=True)
    a = ap.parse_args()
    if a.input:
        with open(a.input) as f:
            text = f.read()
    else:
        text = subprocess.run([a.program, "--help"], capture_output=True, text=True, check=True).stdout
    summaries = {
        "lockgraph": "find deadlocks and data races in C and C++ programs",
        "lockgraph-run": "run a program under lockgraph's runtime deadlock hook",
        "lockgraph-report": "merge lockgraph's and ThreadSanitizer's findings into one report",
        "lockgraph-analyze": "lockgraph's static deadlock and race analyzer",
    }
    page = convert(a.name, a.version, text, summaries.get(a.name, a.name))
    os.makedirs(os.path.dirname(os.path.abspath(a.o)), exist_ok=True)
    with open(a.o, "w") as f:
        f.write(page)


if __name__ == "__main__":
    main()
