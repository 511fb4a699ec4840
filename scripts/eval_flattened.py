"""Score the table groups on flattened text: each real report with its table structure removed.

Usage: python scripts/eval_flattened.py [REAL_DIR] [--json OUT]
Flattenings: ``page-text`` (pdfplumber's extract_text of each PDF page), ``rows`` (table cells of
every row joined by spaces: pipes, tabs and grid lost) and ``cells`` (one cell per line, as a web
page's text comes out when copied). Prints the table-group F1 of each report in each flattening.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gainer.checks import run_checks  # noqa: E402
from gainer.evaluate import load_gold, score_record  # noqa: E402
from gainer.readers import read_document, read_pdf_text  # noqa: E402
from gainer.tables import detect_template, parse_tables  # noqa: E402
from gainer.types import Document  # noqa: E402

_MD_SEP = re.compile(r"^\s*\|?[\s:|-]*-{2,}[\s:|-]*$")


def flatten_rows(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if _MD_SEP.match(line):
            continue
        out.append(re.sub(r"\s*[|\t]\s*", " ", line).strip())
    return "\n".join(out)


def flatten_cells(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if _MD_SEP.match(line):
            continue
        if "|" in line or "\t" in line:
            out += [c.strip() for c in re.split(r"[|\t]", line) if c.strip()]
        else:
            out.append(line)
    return "\n".join(out)


def variants(path: Path) -> dict[str, str]:
    doc = read_document(path)
    v = {"rows": flatten_rows(doc.text), "cells": flatten_cells(doc.text)}
    if path.suffix.lower() == ".pdf":
        v["page-text"] = read_pdf_text(path).text
    return v


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("real", nargs="?", default=str(ROOT.parent / "shared" / "real"))
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    rows = []
    for gold_path in sorted(Path(args.real).glob("*/gold.json")):
        report = next(gold_path.parent.glob("report.*"))
        gold = load_gold(gold_path)
        for name, text in variants(report).items():
            doc = Document.from_text(text)
            guess = detect_template(text)
            parsed = parse_tables(doc, guess.template)
            values = {k: v.value for k, v in parsed.fields.items() if not k.startswith("stats.")}
            s = score_record(values, gold)
            tables = s.groups["tables"]
            failed = [c.rule for c in run_checks(values, template=guess.template) if c.status == "failed"]
            rows.append({"report": gold_path.parent.name, "flattening": name, "f1": tables.f1, "precision": tables.precision, "recall": tables.recall, "failed_checks": failed})
            print(f"{gold_path.parent.name:<24} {name:<10} tables F1 {tables.f1:.3f}  P {tables.precision:.3f}  R {tables.recall:.3f}  failed checks: {', '.join(failed) or '-'}")
    worst = min(r["f1"] for r in rows)
    print(f"lowest table-group F1 over {len(rows)} flattened texts: {worst:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if worst >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
