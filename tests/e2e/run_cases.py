#!/usr/bin/env python3
"""End-to-end cases: run the real p2ham binary on each folder under cases/.

A case folder holds its input files, an optional `setup.py` (run first, in
the work folder, to generate large or binary inputs) and `expect`, one
check a line:

    run build --date 2019-12-10 a.csv   the command line (after "p2ham")
    exit N                              exit status
    stderr: TEXT                        TEXT appears on stderr
    stderr-not: TEXT                    TEXT does not appear on stderr
    stdout: TEXT                        TEXT appears on stdout
    line: TEXT                          some stderr line equals TEXT
    attr: PATH @NAME = VALUE            attribute of the first element at PATH
    text: PATH = VALUE                  text of the first element at PATH
    count: PATH = N                     number of elements at PATH
    file: NAME                          out/NAME exists and is not empty
    old-output                          out/ holds an earlier run's file, which
                                        must be left as it was
    no-output                           out/ must not exist afterwards
    twice                               a second run exits the same and gives byte-identical files

In VALUE, \\n stands for a line break. PATH is an ElementTree path in summary.xml with the prefix `s:` for its
namespace. Every case that writes summary.xml is also validated against
templates/summary.xsd and its counts must add up (SPEC 7).
"""

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NS = {"s": "urn:p2ham:summary:1"}
P2HAM = os.environ.get("P2HAM", os.path.join(ROOT, "build", "p2ham"))
OLD = b"earlier output\n"


def run(work, args):
    env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", P2HAM_DATA=ROOT)
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([P2HAM] + args, cwd=work, env=env,
                          capture_output=True, timeout=600)


def check_counts(root):
    inputs = root.find("s:inputs", NS)
    read, acc, rej = (int(inputs.get(k)) for k in
                      ("rows-read", "rows-accepted", "rows-rejected"))
    if read != acc + rej:
        return f"rows-read {read} != accepted {acc} + rejected {rej}"
    if len(root.findall("s:rejected", NS)) != rej:
        return "number of <rejected> differs from rows-rejected"
    for f in inputs.findall("s:file", NS):
        r, a, j = (int(f.get(k)) for k in ("rows-read", "rows-accepted", "rows-rejected"))
        if r != a + j:
            return f"file {f.get('path')}: counts do not add up"
    return None


def check_case(case_dir, work):
    lines = [l.rstrip("\n") for l in open(os.path.join(case_dir, "expect"), encoding="utf-8")]
    lines = [l for l in lines if l.strip() and not l.startswith("#")]
    args = next(l[4:].split() for l in lines if l.startswith("run "))
    checks = set(lines)
    out = os.path.join(work, "out")
    if "old-output" in checks:
        os.makedirs(out)
        with open(os.path.join(out, "summary.xml"), "wb") as f:
            f.write(OLD)
    res = run(work, args)
    stderr = res.stderr.decode("utf-8", "replace")
    stdout = res.stdout.decode("utf-8", "replace")
    summary = os.path.join(out, "summary.xml")
    root = None
    if os.path.exists(summary) and open(summary, "rb").read() != OLD:
        v = subprocess.run(["xmllint", "--noout", "--schema",
                            os.path.join(ROOT, "templates", "summary.xsd"), summary],
                           capture_output=True)
        if v.returncode != 0:
            return "summary.xml is not valid: " + v.stderr.decode()[:300]
        root = ET.parse(summary).getroot()
        err = check_counts(root)
        if err:
            return err
    for l in lines:
        if l.startswith("exit "):
            if res.returncode != int(l[5:]):
                return f"exit {res.returncode}, expected {l[5:]}\n{stderr[-800:]}"
        elif l.startswith("stderr: "):
            if l[8:] not in stderr:
                return f"stderr lacks {l[8:]!r}\n{stderr[-800:]}"
        elif l.startswith("stderr-not: "):
            if l[12:] in stderr:
                return f"stderr has {l[12:]!r}"
        elif l.startswith("stdout: "):
            if l[8:] not in stdout:
                return f"stdout lacks {l[8:]!r}\n{stdout[-800:]}"
        elif l.startswith("line: "):
            if l[6:] not in stderr.splitlines():
                return f"no stderr line {l[6:]!r}\n{stderr[-800:]}"
        elif l.startswith(("attr: ", "text: ", "count: ")):
            if root is None:
                return "no summary.xml"
            kind, rest = l.split(": ", 1)
            path, want = rest.rsplit(" = ", 1)
            want = want.replace("\\n", "\n")
            if kind == "count":
                got = str(len(root.findall(path.strip(), NS)))
            elif kind == "attr":
                path, name = path.rsplit(" @", 1)
                el = root.find(path.strip(), NS)
                if el is None:
                    return f"no element at {path}"
                got = el.get(name.strip())
            else:
                el = root.find(path.strip(), NS)
                if el is None:
                    return f"no element at {path}"
                got = el.text or ""
            if got != want:
                return f"{l}: got {got!r}"
        elif l.startswith("file: "):
            path = os.path.join(out, l[6:])
            if not os.path.isfile(path) or os.path.getsize(path) == 0:
                return f"no file out/{l[6:]}"
        elif l == "no-output":
            if os.path.exists(out):
                return "out/ was created"
        elif l == "old-output":
            if sorted(os.listdir(out)) != ["summary.xml"] or \
                    open(summary, "rb").read() != OLD:
                return "the earlier output was changed"
    if "twice" in checks:
        first = os.path.join(work, "first")
        shutil.copytree(out, first)
        again = run(work, args)
        if again.returncode != res.returncode:
            return (f"second run: exit {again.returncode}, the first {res.returncode}\n"
                    + again.stderr.decode("utf-8", "replace")[-800:])
        diff = tree_differs(filecmp.dircmp(first, out))
        if diff:
            keep = os.path.join(ROOT, "build", "differs", os.path.basename(case_dir))
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(first, os.path.join(keep, "first"))
            shutil.copytree(out, os.path.join(keep, "second"))
            return f"second run differs: {diff} (both kept in {keep})"
    return None


def tree_differs(cmp, where=""):
    """The first difference between two folders, at any depth, or None."""
    for kind in ("diff_files", "left_only", "right_only", "funny_files"):
        names = getattr(cmp, kind)
        if names:
            return f"{kind} {[os.path.join(where, n) for n in names]}"
    for name, sub in sorted(cmp.subdirs.items()):
        diff = tree_differs(sub, os.path.join(where, name))
        if diff:
            return diff
    return None


def main():
    cases_dir = os.path.join(HERE, "cases")
    only = sys.argv[1:]
    passed = failed = 0
    for name in sorted(os.listdir(cases_dir)):
        if only and name not in only:
            continue
        case_dir = os.path.join(cases_dir, name)
        with tempfile.TemporaryDirectory() as work:
            for f in os.listdir(case_dir):
                if f not in ("expect", "setup.py"):
                    shutil.copy(os.path.join(case_dir, f), work)
            if os.path.exists(os.path.join(case_dir, "setup.py")):
                subprocess.run([sys.executable, os.path.join(case_dir, "setup.py")],
                               cwd=work, check=True)
            try:
                err = check_case(case_dir, work)
            except Exception as e:  # a broken case is a failure, not a crash
                err = f"{type(e).__name__}: {e}"
        if err:
            failed += 1
            print(f"FAIL {name}: {err}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"e2e cases: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
