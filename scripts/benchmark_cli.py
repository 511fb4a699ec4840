"""Time whole-process `python -m gainer predict` on one report, with the shipped model and with --no-model.

    python scripts/benchmark_cli.py REPORT [--runs 7]
    python scripts/benchmark_cli.py REPORT --batch DIR --jobs 2     # also reports per second over a folder

Each run is a fresh interpreter (imports, model load, reading, tagging, writing the record), as a user
waits for it. Prints the median of --runs for each mode, side by side, and their ratio. With --batch,
also times `predict DIR --format jsonl` over the folder with --jobs 1 and --jobs N and prints reports
per second (the model is loaded once per worker).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str]) -> float:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "gainer", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    if done.returncode not in (0, 1):
        raise SystemExit(f"gainer {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed


def _median(args: list[str], runs: int) -> float:
    _run(args)  # warm the file cache
    return statistics.median(_run(args) for _ in range(runs))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", help="one report file")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--batch", help="a folder of reports for the throughput figure")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = str(Path(args.report).resolve())
    model = _median(["predict", report], args.runs)
    rules = _median(["predict", report, "--no-model"], args.runs)
    result = {"report": report, "runs": args.runs, "model_s": round(model, 3), "no_model_s": round(rules, 3), "ratio": round(model / rules, 2)}
    if args.batch:
        files = [p for p in Path(args.batch).rglob("*") if p.is_file()]
        with tempfile.TemporaryDirectory() as tmp:
            for jobs in (1, args.jobs):
                out = os.path.join(tmp, f"all-{jobs}.jsonl")
                t = _run(["predict", str(Path(args.batch).resolve()), "--format", "jsonl", "--out", out, "--jobs", str(jobs)])
                n = sum(1 for _ in open(out, encoding="utf-8"))
                result[f"batch_jobs{jobs}_reports_per_s"] = round(n / t, 2)
                result[f"batch_jobs{jobs}_records"] = n
            result["batch_files"] = len(files)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"predict with the model: median {model:.3f} s; --no-model: {rules:.3f} s; ratio {result['ratio']:.2f} ({args.runs} runs each)")
        if args.batch:
            print(
                f"batch of {result['batch_jobs1_records']} records: {result['batch_jobs1_reports_per_s']} reports/s with --jobs 1, "
                f"{result[f'batch_jobs{args.jobs}_reports_per_s']} with --jobs {args.jobs}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
