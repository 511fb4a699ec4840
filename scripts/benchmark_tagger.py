"""Time the tagger on a 10,000-character report: `python scripts/benchmark_tagger.py [--model DIR]`.

The report is generated (gainer.annotate.synth when available, else built here from schema labels), never
taken from real reports. Prints, for each back-end (ONNX Runtime, torch, and with --int8 a dynamically
quantised copy of the ONNX graph), the median of --runs timed calls of tag() after one warm-up call, on
--threads threads (default 2, the target machine), and the share of it spent in the forward pass.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gainer.errors import GainerError  # noqa: E402


def make_report(n_chars: int, seed: int = 0) -> str:
    """A report-like text of exactly ``n_chars`` characters."""
    parts: list[str] = []
    try:
        from gainer.annotate.synth import generate

        k = 0
        while sum(map(len, parts)) < n_chars:
            parts.extend(d.text for d in generate(4, seed=seed + k))
            k += 1
    except ImportError:
        from gainer.schema import load_schema

        rng = random.Random(seed)
        labels = [f.label for f in load_schema().fields]
        while sum(map(len, parts)) < n_chars:
            parts.append(f"{rng.choice(['全年', '本年度', '其中，'])}{rng.choice(labels)}{rng.randint(0, 9999)}{rng.choice(['件', '条', '次', '人次'])}。")
            if rng.random() < 0.1:
                parts.append("\n\n")
    return "".join(parts)[:n_chars]


def _int8_copy(model_dir: Path, into: Path) -> Path:
    """A copy of the model directory whose model.onnx has int8 weights (what `gainer export --int8` writes)."""
    import shutil

    from gainer.model.export import quantise_int8

    shutil.copytree(model_dir, into)
    quantise_int8(into / "model.onnx")
    return into


def _time(tagger, text: str, runs: int) -> dict:
    tagger.tag(text)  # warm-up
    times, forward = [], []
    inner = tagger._run

    def timed_run(ids, mask):
        t = time.perf_counter()
        out = inner(ids, mask)
        forward[-1] += time.perf_counter() - t
        return out

    tagger._run = timed_run
    try:
        for _ in range(runs):
            forward.append(0.0)
            t = time.perf_counter()
            spans = tagger.tag(text)
            times.append(time.perf_counter() - t)
    finally:
        del tagger._run
    return {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4), "max_s": round(max(times), 4), "forward_median_s": round(statistics.median(forward), 4), "spans": len(spans)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="model directory or name (default: the shipped model)")
    ap.add_argument("--backends", nargs="+", default=["onnx", "torch"], choices=["onnx", "torch"], help="back-ends to time (default both)")
    ap.add_argument("--int8", action="store_true", help="also time a dynamically quantised (int8) copy of model.onnx")
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the results as JSON lines")
    args = ap.parse_args(argv)
    import tempfile

    from gainer.model import default_model_path, load_model

    text = make_report(args.chars)
    runs = [(b, args.model) for b in args.backends]
    tmp = tempfile.TemporaryDirectory(prefix="gainer-int8-")
    if args.int8:
        src = Path(args.model) if args.model else default_model_path()
        runs.append(("onnx-int8", str(_int8_copy(src, Path(tmp.name) / "model"))))
    rows = []
    for backend, model in runs:
        try:
            t0 = time.perf_counter()
            tagger = load_model(model, threads=args.threads, backend="onnx" if backend.startswith("onnx") else backend)
            load_s = time.perf_counter() - t0
        except GainerError as e:
            print(f"{backend}: error: {e}", file=sys.stderr)
            continue
        row = {"backend": backend, "model": str(tagger.source), "chars": len(text), "threads": args.threads, "runs": args.runs, "load_s": round(load_s, 3), **_time(tagger, text, args.runs)}
        rows.append(row)
        if args.json:
            print(json.dumps(row))
        else:
            print(
                f"{backend:<10} {row['chars']} chars, {args.threads} threads, {args.runs} runs: median {row['median_s']:.3f} s "
                f"(forward {row['forward_median_s']:.3f} s; min {row['min_s']:.3f}, max {row['max_s']:.3f}); load {row['load_s']:.2f} s; {row['spans']} spans"
            )
    return 0 if rows else 2


if __name__ == "__main__":
    sys.exit(main())
