"""Do two taggers give the same record? Extract every report of some folders with each and compare fields.

    python scripts/compare_backends.py ../shared/real ../shared/real-prose ../shared/seeds
    python scripts/compare_backends.py ../shared/seeds --a gainer/resources/model:torch --b build/int8:onnx

A tagger is ``DIR:BACKEND`` (BACKEND one of onnx, torch, auto; DIR ``default`` for the shipped model).
The default compares the shipped model on torch with the shipped model on ONNX Runtime. Prints the
reports whose fields (value, source, evidence offsets) or tagged spans differ, and a summary line; exit 1
when any differs.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gainer.api import Options, extract_full, iter_inputs  # noqa: E402
from gainer.errors import GainerError  # noqa: E402
from gainer.model import load_model  # noqa: E402


def _tagger(spec: str):
    path, _, backend = spec.rpartition(":")
    return load_model(None if path in ("", "default") else path, backend=backend or "auto")


def _fields(record) -> dict:
    return {k: (v.value, v.source, v.evidence.start, v.evidence.end) for k, v in record.fields.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", help="folders of reports (recursively), or report files")
    ap.add_argument("--a", default="default:torch", help="the first tagger, DIR:BACKEND (default default:torch)")
    ap.add_argument("--b", default="default:onnx", help="the second tagger (default default:onnx)")
    args = ap.parse_args(argv)
    try:
        a, b = _tagger(args.a), _tagger(args.b)
    except GainerError as e:
        print(f"compare_backends: {e}", file=sys.stderr)
        return 2
    files = [f for f in iter_inputs(args.dirs) if f.name != "README.md"]
    n = same_fields = same_spans = n_fields = 0
    for f in files:
        try:
            ea, eb = extract_full(f, Options(model=a)), extract_full(f, Options(model=b))
        except GainerError as e:
            print(f"{f}: skipped ({e})")
            continue
        n += 1
        fa, fb = _fields(ea.record), _fields(eb.record)
        n_fields += len(fa)
        sa = [s.key() for s in ea.spans]
        sb = [s.key() for s in eb.spans]
        same_fields += fa == fb
        same_spans += sa == sb
        if fa != fb or sa != sb:
            diff = sorted(k for k in set(fa) | set(fb) if fa.get(k) != fb.get(k))
            print(f"{f}: {len(diff)} fields differ {diff[:6]}; spans {'same' if sa == sb else f'{len(set(sa) ^ set(sb))} differ'}")
    print(f"{n} reports, {n_fields} fields: identical fields in {same_fields}, identical spans in {same_spans} ({args.a} vs {args.b})")
    return 0 if n and same_fields == n and same_spans == n else 1


if __name__ == "__main__":
    sys.exit(main())
