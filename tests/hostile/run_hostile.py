#!/usr/bin/env python3
"""Runs genrescope-cli probe, decode and classify over the hostile corpus and checks every outcome.

    run_hostile.py --cli BUILD/bin/genrescope-cli [--work DIR] [--timeout S] [--print-actual]

For each file of make_corpus.py and each command: no crash (no signal, no sanitizer report), no hang
(a timeout per invocation), and the exit code and error code make_corpus.EXPECTED names (exit 0 when
it expects success, exit 1 with that error code otherwise). probe and classify are run once over all
files with --json (per-file error codes in the JSON), then once per file when that run fails to
produce JSON; decode is run once per file. Exit status 0 when everything matches.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_corpus  # noqa: E402

SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "ERROR: UndefinedBehaviorSanitizer", "SUMMARY: AddressSanitizer")
CRASH_EXIT = 86  # the sanitizers' exit code in this run, so a report is never mistaken for exit 1


def environment():
    env = dict(os.environ)
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        opts = env.get(var, "")
        if "exitcode=" not in opts:
            env[var] = (opts + ":" if opts else "") + f"exitcode={CRASH_EXIT}"
    env.setdefault("OMP_NUM_THREADS", "1")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(cmd, timeout, env):
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, b"", b"", time.monotonic() - t0
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def crash_reason(rc, err):
    text = err.decode("utf-8", "replace")
    if rc is None:
        return "hang (timeout)"
    if rc < 0:
        return f"killed by signal {-rc}"
    if rc == CRASH_EXIT or any(m in text for m in SANITIZER_MARKERS):
        return "sanitizer report:\n" + text[-4000:]
    if rc not in (0, 1):
        return f"unexpected exit code {rc}"
    return None


def code_from_stderr(err):
    if b"no audio file found" in err:
        return "no-audio-file"
    m = re.search(rb"genrescope-cli: ([a-z-]+): ", err)
    return m.group(1).decode() if m else "?"


def by_file(entries, key="file"):
    return {os.path.basename(e[key]): e for e in entries}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", help="folder for the corpus and outputs (default: a temporary folder)")
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds per single-file invocation (default 240)")
    ap.add_argument("--batch-timeout", type=float, default=1200.0,
                    help="seconds for the probe/classify run over all files (default 1200)")
    ap.add_argument("--print-actual", action="store_true", help="print the observed outcomes as a table")
    ap.add_argument("--commands", default="probe,decode,classify", help="comma-separated subset to run")
    ap.add_argument("--exclude", default="", help="regex of corpus file names to leave out (debugging only)")
    args = ap.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="gs-hostile-")
    corpus = os.path.join(work, "corpus")
    outdir = os.path.join(work, "out")
    os.makedirs(outdir, exist_ok=True)
    names = make_corpus.build(corpus)
    if args.exclude:
        names = [n for n in names if not re.search(args.exclude, n)]
    commands = args.commands.split(",")
    env = environment()
    root = os.geteuid() == 0
    paths = [os.path.join(corpus, n) for n in names]
    actual = {n: {} for n in names}
    problems = []

    # probe and classify: one run over every file, per-file results from the JSON
    for command, extra in (("probe", ["--json"]), ("classify", ["--json", "-j", "1"])):
        if command not in commands:
            continue
        rc, out, err, secs = run([args.cli, command] + extra + paths, args.batch_timeout, env)
        reason = crash_reason(rc, err)
        results = None
        if reason is None:
            try:
                doc = json.loads(out.decode("utf-8", "replace"))
                results = by_file(doc if command == "probe" else doc.get("files", doc if isinstance(doc, list) else []))
            except (ValueError, AttributeError):
                results = None
        print(f"{command}: one run over {len(paths)} files: exit {rc} in {secs:.1f} s", flush=True)
        for n, p in zip(names, paths):
            entry = results.get(os.path.basename(p)) if results is not None else None
            if entry is None:  # isolate: the batch crashed or did not list this file
                rc1, out1, err1, _ = run([args.cli, command] + extra + [p], args.timeout, env)
                r1 = crash_reason(rc1, err1)
                if r1:
                    problems.append(f"{command} {n}: {r1}")
                    actual[n][command] = "CRASH"
                    continue
                try:
                    doc1 = json.loads(out1.decode("utf-8", "replace"))
                    lst = doc1 if command == "probe" else doc1.get("files", [])
                    entry = lst[0] if lst else {"error": code_from_stderr(err1)}
                except (ValueError, AttributeError, IndexError):
                    entry = {"error": code_from_stderr(err1)}
            actual[n][command] = entry.get("error")

    # decode: one run per file
    for n, p in zip(names, paths):
        if "decode" not in commands:
            break
        target = os.path.join(outdir, "decoded.wav")
        rc, out, err, secs = run([args.cli, "decode", "--rate", "8000", "--format", "s16", "-o", target, p],
                                 args.timeout, env)
        reason = crash_reason(rc, err)
        if reason:
            problems.append(f"decode {n}: {reason}")
            actual[n]["decode"] = "CRASH"
            continue
        actual[n]["decode"] = None if rc == 0 else code_from_stderr(err)
        if os.path.exists(target):
            os.remove(target)
    leftovers = [f for f in os.listdir(outdir)]
    if leftovers:
        problems.append(f"decode left files behind: {leftovers}")

    checked = 0
    for n in names:
        exp = make_corpus.EXPECTED.get(n)
        if exp is None:
            problems.append(f"{n}: no expectation in make_corpus.EXPECTED")
            continue
        if root and "root" in exp:
            exp = exp["root"]
        for command in commands:
            want = exp[command]
            got = actual[n].get(command, "MISSING")
            checked += 1
            ok = got == want or (isinstance(want, tuple) and got in want)
            if not ok:
                problems.append(f"{command} {n}: expected {want or 'success'}, got {got or 'success'}")

    if args.print_actual:
        for n in names:
            a = actual[n]
            print(f"  {n!r}: probe={a.get('probe')!r}, decode={a.get('decode')!r}, classify={a.get('classify')!r}")
    for p in problems:
        print("FAIL " + p)
    print(f"hostile: {len(names)} files x 3 commands = {checked} checks, {len(problems)} failures, "
          f"{sum(1 for p in problems if 'CRASH' in p or 'sanitizer' in p or 'signal' in p or 'hang' in p)} crashes/hangs")
    if not args.work:
        for dirpath, dirnames, filenames in os.walk(work):
            for f in filenames + dirnames:
                try:
                    os.chmod(os.path.join(dirpath, f), 0o755, follow_symlinks=False)
                except (OSError, NotImplementedError):
                    pass
        shutil.rmtree(work, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
