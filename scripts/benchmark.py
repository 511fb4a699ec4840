"""Benchmark the table path (read -> template -> tables -> checks) on one core.

Usage: python scripts/benchmark.py [REPORT_DIR ...] [--repeat N] [--forms F ...] [--json OUT]
Default: every report.* under ../shared/real, as published and in the three scraped-text forms of
``scripts/flatten.py`` (joined, spaced, cell-lines; written to a temporary folder). Prints the median
time per report and per format; targets: PDF <= 0.5 s, HTML/Markdown/text and every scraped form <= 50 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"pdf": 0.5, "html": 0.05, "md": 0.05, "txt": 0.05, "docx": 0.5, "joined": 0.05, "spaced": 0.05, "cell-lines": 0.05}
FORMS = ("original", "joined", "spaced", "cell-lines")


def table_path(path: Path):
    from gainer.checks import run_checks
    from gainer.readers import read_document
    from gainer.tables import build_lines, detect_template, parse_tables

    doc = read_document(path)
    guess = detect_template(doc.text)
    parsed = parse_tables(doc, guess.template, lines=build_lines(doc))
    run_checks({k: v.value for k, v in parsed.fields.items()}, template=guess.template)
    return parsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", default=[str(ROOT.parent / "shared" / "real")])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--forms", nargs="+", choices=FORMS, default=list(FORMS), help="the published file and/or its scraped-text forms")
    ap.add_argument("--json", help="write the timings here")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    originals = sorted(p for d in args.dirs for p in Path(d).rglob("report.*"))
    if not originals:
        print(f"no report.* files under {args.dirs}", file=sys.stderr)
        return 2
    from gainer.readers.flatten import flatten

    tmp = tempfile.TemporaryDirectory(prefix="gainer-bench-")
    files: list[tuple[Path, str, str]] = []  # (file, report name, format or form)
    for f in originals:
        for form in args.forms:
            if form == "original":
                files.append((f, f.parent.name, f.suffix.lstrip(".").lower()))
                continue
            out = Path(tmp.name) / form / f.parent.name / "report.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(flatten(f, form), encoding="utf-8")
            files.append((out, f.parent.name, form))
    table_path(files[0][0])  # warm-up: imports, schema, regex compilation
    rows = []
    for f, name, fmt in files:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            table_path(f)
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        ok = med <= TARGETS.get(fmt, 0.5)
        rows.append({"report": name, "format": fmt, "median_s": round(med, 4), "target_s": TARGETS.get(fmt), "ok": ok})
        print(f"{name:<28} {fmt:<10} median {med * 1000:8.1f} ms  target {TARGETS.get(fmt, 0.5) * 1000:5.0f} ms  {'ok' if ok else 'SLOW'}")
    for fmt in sorted({r["format"] for r in rows}):
        meds = [r["median_s"] for r in rows if r["format"] == fmt]
        print(f"median over {fmt}: {statistics.median(meds) * 1000:.1f} ms ({len(meds)} reports)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
