"""Command line: ``python -m gainer COMMAND``. Thin over the API; the only place that prints or exits."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import GainerError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_ALL_FAILED = 0, 1, 2, 3


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(out).with_name(Path(out).name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


CSV_COLUMNS = ["path", "org", "year", "template", "field", "value", "unit", "source", "confidence", "approximate", "evidence_start", "evidence_end", "evidence_text", "note"]


def records_to_csv(records) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in records:
        for fid in sorted(r.fields):
            fv = r.fields[fid]
            w.writerow([r.source.path, r.org, r.year, r.template, fid, fv.value, fv.unit, fv.source, round(fv.confidence, 4), fv.approximate, fv.evidence.start, fv.evidence.end, fv.evidence.text, fv.note or ""])
    return buf.getvalue()


def record_to_table(r) -> str:
    lines = [f"{r.source.path or '<text>'}  org={r.org}  year={r.year}  template={r.template}"]
    width = max((len(k) for k in r.fields), default=10)
    for fid in sorted(r.fields):
        fv = r.fields[fid]
        flag = "~" if fv.approximate else " "
        ev = fv.evidence.text.replace("\n", " ")
        lines.append(f"  {fid:<{width}} {flag}{fv.value!s:>12} {fv.unit:<3} {fv.source:<14} {fv.confidence:.2f}  [{fv.evidence.start}:{fv.evidence.end}] {ev[:40]}")
    failed = [c for c in r.checks if c.status == "failed"]
    passed = sum(1 for c in r.checks if c.status == "passed")
    lines.append(f"  checks: {passed} passed, {len(failed)} failed, {len(r.checks) - passed - len(failed)} not applicable")
    for c in failed:
        lines.append(f"    FAILED {c.message}")
    for w in r.warnings:
        lines.append(f"  warning: {w}")
    return "\n".join(lines) + "\n"


def cmd_predict(args: argparse.Namespace) -> int:
    from .api import Options, extract_full, extract_many, iter_inputs

    files = list(iter_inputs(args.paths))
    if not files:
        print(f"gainer: no report files found in {' '.join(args.paths)} (expected .txt, .md, .html, .htm, .docx or .pdf)", file=sys.stderr)
        return EXIT_USAGE
    use_model = not args.no_model
    if args.format == "html":
        if len(files) != 1:
            print("gainer: --format html takes exactly one input file", file=sys.stderr)
            return EXIT_USAGE
        from .visual import render_html

        ex = extract_full(files[0], Options(use_model=use_model, model=args.model, backstop=not args.model_only))
        _write(render_html(ex), args.out)
        return EXIT_OK
    if args.debug and len(files) == 1:
        ex = extract_full(files[0], Options(use_model=use_model, model=args.model, debug=True, backstop=not args.model_only))
        for line in ex.debug:
            print(line, file=sys.stderr)
    bar = None
    if len(files) > 1 and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="report", file=sys.stderr, disable=None)

    def progress(item) -> None:
        if bar is not None:
            bar.update(1)
        if item.error:
            msg = f"gainer: skipped {item.path}: {item.error}"
            (bar.write(msg, file=sys.stderr) if bar is not None else print(msg, file=sys.stderr))

    items = extract_many(files, use_model=use_model, model=args.model, jobs=args.jobs, progress=progress, backstop=not args.model_only)
    if bar is not None:
        bar.close()
    records = [i.record for i in items if i.record is not None]
    failed = [i for i in items if i.record is None]
    if args.format == "json":
        if len(files) == 1 and records:
            _write(json.dumps(records[0].to_dict(), ensure_ascii=False, indent=2), args.out)
        elif args.out and (Path(args.out).is_dir() or args.out.endswith(os.sep)):
            for r in records:
                name = Path(r.source.path or "report").stem + ".json"
                _write(json.dumps(r.to_dict(), ensure_ascii=False, indent=2), str(Path(args.out) / name))
        elif records:
            _write(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2), args.out)
    elif args.format == "jsonl":
        _write("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), args.out)
    elif args.format == "csv":
        _write(records_to_csv(records), args.out)
    elif args.format == "table":
        _write("".join(record_to_table(r) for r in records), args.out)
    if failed:
        print(f"gainer: {len(failed)} of {len(items)} reports failed", file=sys.stderr)
        return EXIT_ALL_FAILED if not records else EXIT_SOME_FAILED
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import load_schema

    schema = load_schema(args.schema)
    fields = schema.select(args.prefix or "")
    if not fields:
        print(f"gainer: no field id starts with {args.prefix!r}; try `python -m gainer schema stats.`", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps([{"id": f.id, "label": f.label, "unit": f.unit, "templates": list(f.templates), "aliases": list(f.aliases)} for f in fields], ensure_ascii=False, indent=2))
        return EXIT_OK
    w = max(len(f.id) for f in fields)
    for f in fields:
        print(f"{f.id:<{w}}  {f.unit:<3}  {','.join(f.templates):<18}  {f.label}")
    print(f"{len(fields)} fields (schema version {schema.version})", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate_cli import run_evaluate

    return run_evaluate(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gainer", description="Read 政府信息公开工作年度报告 into standard records.")
    p.add_argument("--version", action="version", version=f"gainer {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    pr = sub.add_parser("predict", help="extract the standard record of one or more reports")
    pr.add_argument("paths", nargs="+", help="report files or directories (searched recursively)")
    pr.add_argument("--format", choices=["json", "jsonl", "csv", "table", "html"], default="json")
    pr.add_argument("--out", help="output file (or directory, for --format json with several inputs); default stdout")
    pr.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    pr.add_argument("--no-model", action="store_true", help="read prose with rules only, without the BERT tagger")
    pr.add_argument("--model-only", action="store_true", help="read prose with the BERT tagger alone (by default the rules add what it missed)")
    pr.add_argument("--model", help="a model directory or hub name (default: the shipped model)")
    pr.add_argument("--debug", action="store_true", help="print the table parser's trace to stderr")
    pr.add_argument("--quiet", action="store_true", help="no progress bar")
    pr.set_defaults(func=cmd_predict)

    sc = sub.add_parser("schema", help="list the standard schema's fields")
    sc.add_argument("prefix", nargs="?", default="", help="only ids starting with this, e.g. requests.new")
    sc.add_argument("--json", action="store_true")
    sc.add_argument("--schema", help="another schema config (default configs/schema.yaml)")
    sc.set_defaults(func=cmd_schema)

    ev = sub.add_parser("evaluate", help="score extraction against gold files")
    ev.add_argument("--gold", required=True, help="directory of gold files (<name>/gold.json or <name>.json)")
    ev.add_argument("paths", nargs="*", help="reports to extract (default: report.* beside each gold.json)")
    ev.add_argument("--pred", help="directory of saved records (<name>.json) instead of extracting")
    ev.add_argument("--no-model", action="store_true", help="prose read by the rules only (the baseline)")
    ev.add_argument("--model-only", action="store_true", help="prose read by the tagger alone, without the rules backstop")
    ev.add_argument("--model")
    ev.add_argument("--spans", nargs="+", help="Label Studio JSON files or folders to score the tagger's spans on (seqeval strict IOB2)")
    ev.add_argument("--reports", help="directory holding <name>.<ext> report files for gold files stored as <name>.json")
    ev.add_argument("--mismatches", type=int, default=5, help="list up to this many errors per report (default 5)")
    ev.add_argument("--out", help="write the scores as JSON here")
    ev.set_defaults(func=cmd_evaluate)

    from .cli_model import add_parsers

    add_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits on --help and on usage errors
        return int(e.code or 0) if e.code in (0, None) else EXIT_USAGE
    try:
        return args.func(args)
    except GainerError as e:
        print(f"gainer: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130


def console_main() -> None:
    sys.exit(main())
