"""Time the tagger on a 10,000-character report: `python scripts/benchmark_tagger.py [--model DIR]`.

The report is generated (gainer.annotate.synth when available, else built here from schema labels), never
taken from real reports. Prints the median of --runs timed calls of Tagger.tag after one warm-up call,
on --threads torch threads (default 2, the target machine).
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="model directory or name (default: the shipped model)")
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    try:
        from gainer.model import load_model

        t0 = time.perf_counter()
        tagger = load_model(args.model, threads=args.threads)
        load_s = time.perf_counter() - t0
    except GainerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    text = make_report(args.chars)
    tagger.tag(text)  # warm-up
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        spans = tagger.tag(text)
        times.append(time.perf_counter() - t)
    result = {
        "model": str(tagger.source),
        "chars": len(text),
        "threads": args.threads,
        "runs": args.runs,
        "median_s": round(statistics.median(times), 4),
        "min_s": round(min(times), 4),
        "max_s": round(max(times), 4),
        "load_s": round(load_s, 3),
        "spans": len(spans),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['chars']} chars, {args.threads} threads, {args.runs} runs: median {result['median_s']:.3f} s (min {result['min_s']:.3f}, max {result['max_s']:.3f}); load {result['load_s']:.2f} s; {len(spans)} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
