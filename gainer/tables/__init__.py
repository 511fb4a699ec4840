"""The rule-based parser of the fixed-format statistics tables: a chain of small inspectable steps.

lines (build_lines) -> sections (find_sections) -> runs aligned to template rows (align) -> values.
"""
from __future__ import annotations

from ..checks import check_rule
from ..schema import Schema, load_schema
from ..types import Document
from .legacy import find_table_start, parse_legacy
from .lines import Line, build_lines
from .national import Parsed, find_sections, parse_active, parse_requests, parse_review
from .solver import TABLE_PREFIXES, solve_tables
from .template import TemplateGuess, detect_template

__all__ = ["parse_tables", "Parsed", "build_lines", "find_sections", "detect_template", "TemplateGuess", "Line"]


def parse_tables(doc: Document, template: str, schema: Schema | None = None, lines: list[Line] | None = None) -> Parsed:
    """Read every fixed-format table of ``doc`` laid out per ``template`` into field values."""
    schema = schema or load_schema()
    lines = lines if lines is not None else build_lines(doc)
    out = Parsed()
    if template in ("2021", "2019"):
        sec = find_sections(lines)
        out.debug.append(f"sections: 二={sec.active} 三={sec.requests} 四={sec.review} of {len(lines)} lines")
        per = {
            "active": parse_active(doc, lines, sec.active, template, schema) if sec.active else Parsed(),
            "requests": parse_requests(doc, lines, sec.requests, template, schema) if sec.requests else Parsed(),
            "review": parse_review(doc, lines, sec.review) if sec.review else Parsed(),
        }
        if not sec.requests:
            per["requests"].warnings.append("table 三 (收到和处理政府信息公开申请情况) not found")
        if not sec.review:
            per["review"].warnings.append("table 四 (行政复议、行政诉讼情况) not found")
        if any(_incomplete(t, p, schema) for t, p in per.items()):
            # cells run together or rows scrambled beyond the line reader: solve by the arithmetic
            for t, solved in solve_tables(doc, template, schema).items():
                ours, theirs = _quality(t, per[t], schema), _quality(t, solved, schema)
                out.debug.append(f"table {t}: line reader {ours}, solver {theirs}")
                # the solver reads digits the line reader could not place; it never replaces more
                # printed cells than it reads (a grid whose own totals fail keeps its cells)
                if (solved.fields and not per[t].fields) or (len(solved.fields) >= len(per[t].fields) and theirs > ours):
                    per[t] = solved  # (a report whose own totals fail is still read when nothing else reads it)
        for p in per.values():
            out.merge(p)
    # Legacy 统计表 appear in pre-2019 reports, but a later report may attach one too.
    if template in ("legacy", "unknown") or find_table_start(lines) is not None:
        out.merge(parse_legacy(doc, lines, schema))
    return out


# fewest rows (table 三, 二) or cells (table 四) a complete national table shows
_COMPLETE = {"active": 5, "requests": 20, "review": 15}


def _rows_read(table: str, parsed: Parsed) -> int:
    if table == "review":
        return len(parsed.fields)
    return len({fid.rsplit(".", 1)[0] for fid in parsed.fields})


def _failed(table: str, parsed: Parsed, schema: Schema) -> int:
    prefixes = TABLE_PREFIXES[table]
    vals = {k: v.value for k, v in parsed.fields.items()}
    rules = [r for r in schema.rules if all(f.startswith(prefixes) for f in r.fields)]
    return sum(1 for r in rules if check_rule(r, vals).status == "failed")


def _incomplete(table: str, parsed: Parsed, schema: Schema) -> bool:
    return _rows_read(table, parsed) < _COMPLETE[table] or _failed(table, parsed, schema) > 0


def _quality(table: str, parsed: Parsed, schema: Schema) -> tuple[int, int]:
    """Fields read, less five for each broken rule and one for each value not read as printed
    (a guessed split counts against a reading); then the most fields."""
    guessed = sum(1 for v in parsed.fields.values() if v.source == "table-inferred")
    return (len(parsed.fields) - 5 * _failed(table, parsed, schema) - guessed, len(parsed.fields))
