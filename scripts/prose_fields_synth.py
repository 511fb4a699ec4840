"""Field scores of prose extraction on generated reports, whose every stated figure is known.

    python scripts/prose_fields_synth.py [--n 300] [--seed 777] [--eras legacy,2019,2021]
                                         [--tagger gold|rules|model] [--model DIR] [--show FIELD] [--json OUT]

Generates ``--n`` labelled reports with ``gainer.annotate.synth`` (prose only, no tables; the noise of
real files on), extracts each one and scores its ``stats.*`` fields against the figures the generator
stated (``meta["fields"]``): a field counts as correct when its value matches, wrong when it holds
another value, missed when absent, extra when the report states no such figure.

``--tagger gold`` hands the post-processor the generator's own METRIC/VALUE spans, so what is lost is
lost by the mapping onto fields (lexicon, pairing, units, periods); ``rules`` and ``model`` run the
rules tagger or the model (the shipped one, or ``--model``) as extraction does. ``--show FIELD``
prints the reports' sentences behind that field's misses and errors.

The generator's phrasing and the lexicon were written by the same project, so these figures are an
upper bound for real reports; they show where the mapping loses what a tagger found.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gainer.annotate.synth import ERAS, generate  # noqa: E402
from gainer.api import extract  # noqa: E402
from gainer.types import Document, Span  # noqa: E402


class GoldTagger:
    """A tagger that returns the generator's spans of the chunk it is given."""

    def __init__(self, text: str, spans: list[Span]):
        self.text, self.spans = text, spans

    def tag(self, chunk: str) -> list[Span]:
        lo = self.text.find(chunk)
        if lo < 0:
            return []
        hi = lo + len(chunk)
        return [Span.from_text(chunk, s.start - lo, s.end - lo, s.label, 1.0) for s in self.spans if lo <= s.start and s.end <= hi]


def _same(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def score(n: int, seed: int, eras: tuple[str, ...], tagger: str, model: str | None, show: str | None) -> dict:
    from tqdm import tqdm

    counts = {k: Counter() for k in ("correct", "wrong", "missed", "extra")}
    shown: list[str] = []
    loaded = None
    if tagger == "model":
        from gainer.model.io import load_model

        loaded = load_model(model)
    for d in tqdm(generate(n, seed=seed, eras=eras), total=n, desc="reports", unit="report"):
        gold = d.meta["fields"]
        doc = Document.from_text(d.text)
        if tagger == "gold":
            rec = extract(doc, model=GoldTagger(d.text, list(d.spans)), backstop=False)
        elif tagger == "rules":
            rec = extract(doc, use_model=False)
        else:
            rec = extract(doc, model=loaded)
        got = {k: v for k, v in rec.fields.items() if k.startswith("stats.")}
        for fid, value in gold.items():
            fv = got.get(fid)
            kind = "missed" if fv is None else ("correct" if _same(fv.value, value) else "wrong")
            counts[kind][fid] += 1
            if show and fid == show and kind != "correct":
                fg = next((g for g in d.meta["figures"] if g["field"] == fid), None)
                a, b = fg["value_span"] if fg else (0, 0)
                ctx = d.text[max(0, a - 30) : b + 8].replace("\n", "⏎")
                names = "/".join(d.text[x:y] for x, y in (fg["metric"] if fg else []))
                shown.append(f"{kind} {value} (got {None if fv is None else fv.value}) [{names} | {d.text[a:b]}]: {ctx}")
        for fid, fv in got.items():
            if fid not in gold:
                counts["extra"][fid] += 1
                if show and fid == show:
                    shown.append(f"extra {fv.value}: {fv.evidence.text!r}")
    tot = {k: sum(c.values()) for k, c in counts.items()}
    p = tot["correct"] / max(1, tot["correct"] + tot["wrong"] + tot["extra"])
    r = tot["correct"] / max(1, tot["correct"] + tot["wrong"] + tot["missed"])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    fields = sorted(set().union(*counts.values()))
    per_field = {f: {k: counts[k][f] for k in counts} for f in fields}
    return {"n": n, "seed": seed, "eras": list(eras), "tagger": tagger, "model": model, **tot,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "per_field": per_field, "shown": shown}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="reports to generate (default 300)")
    ap.add_argument("--seed", type=int, default=777, help="generator seed (default 777; training uses others)")
    ap.add_argument("--eras", default=",".join(ERAS), help="comma-separated eras (default all three)")
    ap.add_argument("--tagger", choices=("gold", "rules", "model"), default="gold")
    ap.add_argument("--model", default=None, help="checkpoint for --tagger model (default: the shipped one)")
    ap.add_argument("--show", default=None, metavar="FIELD", help="print the misses and errors of this field")
    ap.add_argument("--json", default=None, help="write the scores here")
    a = ap.parse_args(argv)
    eras = tuple(e.strip() for e in a.eras.split(",") if e.strip())
    bad = [e for e in eras if e not in ERAS]
    if bad or a.n < 1:
        ap.error(f"--eras takes {', '.join(ERAS)} (got {', '.join(bad)}); --n must be at least 1")
    res = score(a.n, a.seed, eras, a.tagger, a.model, a.show)
    print(f"{a.tagger} spans, {a.n} generated reports ({', '.join(eras)}), seed {a.seed}")
    print(f"fields: correct {res['correct']}, wrong {res['wrong']}, missed {res['missed']}, extra {res['extra']}")
    print(f"precision {res['precision']:.3f}  recall {res['recall']:.3f}  F1 {res['f1']:.3f}")
    worst = sorted(res["per_field"].items(), key=lambda kv: -(kv[1]["missed"] + kv[1]["wrong"] + kv[1]["extra"]))
    print("fields with most losses (correct / wrong / missed / extra):")
    for fid, c in worst[:15]:
        if c["missed"] + c["wrong"] + c["extra"]:
            print(f"  {fid:50s} {c['correct']:4d} {c['wrong']:4d} {c['missed']:4d} {c['extra']:4d}")
    for line in res["shown"][:40]:
        print("  " + line)
    if a.json:
        Path(a.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
