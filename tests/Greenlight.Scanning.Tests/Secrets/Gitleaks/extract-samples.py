#!/usr/bin/env python3
"""Extract the literal true/false-positive samples from gitleaks' rule generators into samples.tsv.

Usage: extract-samples.py <gitleaks checkout> <commit>  (reads cmd/generate/config/rules/*.go at that commit)
Only elements of `tps`/`fps` string-slice literals that are plain Go string literals are kept; samples built at
run time (secrets.NewSecret, utils.GenerateSampleSecrets) cannot be extracted without running Go and are skipped.
Output rows: kind (tp/fp), rule id, sample with \\, tab and newline escaped.
"""
import re, subprocess, sys

repo, commit = sys.argv[1], sys.argv[2]
git = lambda *a: subprocess.run(["git", "-C", repo, *a], check=True, capture_output=True, text=True).stdout
files = [f for f in git("ls-tree", "--name-only", commit, "cmd/generate/config/rules/").split() if f.endswith(".go") and not f.endswith("_test.go")]

LIT = r'(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`)'
COMMENT = re.compile(r"//[^\n]*")
def go_string(lit):
    if lit.startswith("`"): return lit[1:-1]
    return bytes(lit[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

def block(src, i):
    """Text inside the braces opening at src[i] == '{', skipping string literals."""
    depth, j = 0, i
    while j < len(src):
        m = re.compile(LIT).match(src, j) or COMMENT.match(src, j)
        if m: j = m.end(); continue
        c = src[j]
        if c == "{": depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0: return src[i + 1:j]
        j += 1
    raise ValueError("unbalanced")

def statement(src, i):
    """The Go statement starting at src[i]: up to the first newline outside brackets and literals."""
    depth, j = 0, i
    while j < len(src):
        m = re.compile(LIT).match(src, j) or COMMENT.match(src, j)
        if m: j = m.end(); continue
        c = src[j]
        if c in "({[": depth += 1
        elif c in ")}]": depth -= 1
        elif c == "\n" and depth == 0: break
        j += 1
    return src[i:j]

def elements(body):
    parts, depth, cur, j = [], 0, "", 0
    while j < len(body):
        m = re.compile(LIT).match(body, j)
        if m: cur += m.group(); j = m.end(); continue
        m = COMMENT.match(body, j)
        if m: j = m.end(); continue
        c = body[j]
        if c in "({[": depth += 1
        elif c in ")}]": depth -= 1
        if c == "," and depth == 0: parts.append(cur); cur = ""
        else: cur += c
        j += 1
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]

esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
rows = []
for f in files:
    src = git("show", f"{commit}:{f}")
    for fn in re.split(r"\nfunc ", src)[1:]:
        ids = re.findall(r'RuleID:\s*"([^"]+)"', fn)
        if len(ids) != 1: continue
        for m in re.finditer(r"\b(tps|fps)\s*:?=\s*", fn):
            stmt = statement(fn, m.end())
            bodies = [block(stmt, b.end() - 1) for b in re.finditer(r"\[\]string\s*\{", stmt)]
            app = re.match(r"append\(\s*(?:tps|fps)\s*,", stmt)
            if app: bodies.append(stmt[app.end():stmt.rindex(")")])
            for el in (e for body in bodies for e in elements(body)):
                if re.fullmatch(rf"{LIT}(?:\s*\+\s*{LIT})*", el, re.S):
                    rows.append((m.group(1)[:2], ids[0], "".join(go_string(l) for l in re.findall(LIT, el))))
seen = set()
print(f"# Extracted by extract-samples.py from github.com/gitleaks/gitleaks@{commit} cmd/generate/config/rules/*.go (MIT, see NOTICE).")
for r in rows:
    if r not in seen: seen.add(r); print("\t".join([r[0], r[1], esc(r[2])]))
