"""Scoring: field values against gold files, and tagged spans (set-based and seqeval strict IOB2).

Field scoring follows the gold format of ``shared/real/README.md``. For each report, a predicted
id inside the gold ``scope`` (glob patterns) and not ``ambiguous`` is a true positive when the gold
has the same value, otherwise a false positive; a gold id that was not predicted, or predicted
with another value, is a false negative (a wrong value counts once as fp and once as fn).
Predictions outside the scope and ambiguous ids are ignored both ways.

Convention for empty denominators: when there is nothing to predict and nothing was predicted
(tp = fp = fn = 0), precision = recall = F1 = 1.0. Otherwise an empty denominator gives 0.0
(nothing predicted: precision 0; nothing to find but something predicted: recall 0).
"""
from __future__ import annotations

import fnmatch
import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .errors import AnnotationError, InputError
from .types import Record, Span

Number = int | float

__all__ = [
    "Counts",
    "Mismatch",
    "FieldScore",
    "Gold",
    "Report",
    "load_gold",
    "find_gold",
    "score_record",
    "evaluate_dir",
    "values_equal",
    "field_group",
    "span_scores",
    "seqeval_scores",
    "TABLE_GROUPS",
    "GROUP_ORDER",
]

TABLE_GROUPS = ("active", "requests", "review", "litigation")
GROUP_ORDER = ("tables",) + TABLE_GROUPS + ("stats",)
ABS_TOL = 1e-6
REL_TOL = 1e-9


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    if tp == fp == fn == 0:
        return 1.0, 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Counts:
    """True positive, false positive and false negative counts, with P/R/F1 derived from them.

    >>> c = Counts(8, 2, 0)
    >>> round(c.precision, 2), c.recall, round(c.f1, 3)
    (0.8, 1.0, 0.889)
    >>> Counts().f1  # nothing to predict and nothing predicted
    1.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[2]

    @property
    def support(self) -> int:
        """Gold values in scope: tp + fn."""
        return self.tp + self.fn

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        p, r, f = _prf(self.tp, self.fp, self.fn)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(frozen=True)
class Mismatch:
    """One scoring error: ``kind`` is "wrong" (both values), "missed" (no prediction) or "spurious" (not in gold)."""

    id: str
    predicted: Number | None
    gold: Number | None

    @property
    def kind(self) -> str:
        if self.predicted is None:
            return "missed"
        if self.gold is None:
            return "spurious"
        return "wrong"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "predicted": self.predicted, "gold": self.gold, "kind": self.kind}


@dataclass
class Gold:
    """One gold file: values by field id, the scope the annotator checked, and ids to ignore."""

    fields: dict[str, Number]
    scope: tuple[str, ...] = ("*",)
    ambiguous: frozenset[str] = frozenset()
    approximate: frozenset[str] = frozenset()
    name: str = ""
    path: str = ""
    org: str | None = None
    year: int | None = None
    template: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    notes: Any = None

    def in_scope(self, fid: str) -> bool:
        """Scored at all: matches a scope pattern and is not ambiguous."""
        return fid not in self.ambiguous and any(fnmatch.fnmatchcase(fid, p) for p in self.scope)

    @classmethod
    def from_dict(cls, data: Any, *, name: str = "", path: str = "") -> "Gold":
        """Validate a parsed gold JSON object. Raises InputError naming the file and the bad key."""
        where = path or name or "<gold>"
        hint = "see shared/real/README.md for the gold format"
        if not isinstance(data, dict):
            raise InputError(f"expected a JSON object at the top level, got {type(data).__name__}", source=where, hint=hint)
        if "fields" not in data:
            raise InputError("the gold file lacks the key 'fields'", source=where, hint=hint)
        raw = data["fields"]
        if not isinstance(raw, dict):
            raise InputError(f"'fields' must map field ids to numbers, got {type(raw).__name__}", source=where, hint=hint)
        fields: dict[str, Number] = {}
        for k, v in raw.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or (isinstance(v, float) and not math.isfinite(v)):
                raise InputError(f"field {k!r} has the value {v!r}; expected a number", source=where, hint="leave a field without a value out of 'fields'")
            fields[str(k)] = v
        scope = data.get("scope", ["*"])
        if isinstance(scope, str):
            scope = [scope]
        ambiguous = data.get("ambiguous") or []
        approximate = data.get("approximate") or []
        for key, lst in (("scope", scope), ("ambiguous", ambiguous), ("approximate", approximate)):
            if not isinstance(lst, list) or not all(isinstance(x, str) for x in lst):
                raise InputError(f"'{key}' must be a list of strings", source=where, hint=hint)
        year = data.get("year")
        return cls(
            fields=fields,
            scope=tuple(scope),
            ambiguous=frozenset(ambiguous),
            approximate=frozenset(approximate),
            name=name,
            path=path,
            org=data.get("org"),
            year=year if isinstance(year, int) and not isinstance(year, bool) else None,
            template=str(data["template"]) if data.get("template") is not None else None,
            source=dict(data.get("source") or {}),
            notes=data.get("notes"),
        )


def _gold_name(p: Path) -> str:
    return p.parent.name if p.name == "gold.json" else p.stem


def load_gold(path: str | Path) -> Gold:
    """Read one gold JSON file (``<name>/gold.json`` or ``<name>.json``).

    Raises :class:`~gainer.errors.InputError` when the file is missing, not UTF-8 JSON, or lacks ``fields``.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError("gold file not found", source=str(p), hint="pass a gold.json file or a directory of them")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start})", source=str(p), hint="save the gold file as UTF-8 JSON") from None
    except json.JSONDecodeError as e:
        raise InputError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}", source=str(p), hint="fix the JSON syntax") from None
    return Gold.from_dict(data, name=_gold_name(p), path=str(p))


def find_gold(gold_dir: str | Path) -> dict[str, Path]:
    """Gold files by report name: ``gold_dir/<name>/gold.json`` and ``gold_dir/<name>.json``.

    ``gold_dir`` may also be a single gold file. Names are sorted; a name given both ways is an error.
    """
    d = Path(gold_dir)
    if d.is_file():
        return {_gold_name(d): d}
    if not d.is_dir():
        raise InputError("gold directory not found", source=str(d), hint="pass a directory holding <name>/gold.json or <name>.json files")
    found: dict[str, Path] = {}
    for p in sorted(d.glob("*/gold.json")):
        found[p.parent.name] = p
    for p in sorted(d.glob("*.json")):
        if p.name.startswith("."):
            continue
        if p.stem in found:
            raise InputError(f"two gold files for {p.stem!r}: {found[p.stem]} and {p}", source=str(d), hint="keep one of them")
        found[p.stem] = p
    if not found:
        raise InputError("no gold files found", source=str(d), hint="expected <name>/gold.json or <name>.json files in it")
    return dict(sorted(found.items()))


def values_equal(a: Number, b: Number) -> bool:
    """Numeric equality with a small tolerance (abs 1e-6, rel 1e-9): 5500 == 5500.0.

    >>> values_equal(7730.28, 7730.28), values_equal(5500, 5500.0), values_equal(5500, 5501)
    (True, True, False)
    """
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=ABS_TOL)


def field_group(fid: str) -> str:
    """The group of a field id: its first dotted segment (``requests.new.total`` -> ``requests``)."""
    return fid.split(".", 1)[0]


def _groups_of(fid: str) -> tuple[str, ...]:
    g = field_group(fid)
    return (g, "tables") if g in TABLE_GROUPS else (g,)


@dataclass
class FieldScore:
    """The field scores of one report: overall, per group, and the mismatches to look at."""

    name: str
    overall: Counts
    groups: dict[str, Counts]
    mismatches: list[Mismatch]
    ignored: int = 0  # predictions outside the scope or ambiguous

    @property
    def tp(self) -> int:
        return self.overall.tp

    @property
    def fp(self) -> int:
        return self.overall.fp

    @property
    def fn(self) -> int:
        return self.overall.fn

    @property
    def precision(self) -> float:
        return self.overall.precision

    @property
    def recall(self) -> float:
        return self.overall.recall

    @property
    def f1(self) -> float:
        return self.overall.f1

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "overall": self.overall.to_dict(),
            "groups": {g: c.to_dict() for g, c in self.groups.items()},
            "mismatches": [m.to_dict() for m in self.mismatches],
            "ignored": self.ignored,
        }


def _empty_groups() -> dict[str, Counts]:
    return {g: Counts() for g in GROUP_ORDER}


def _pred_values(pred: Any, where: str) -> dict[str, Number]:
    """Numbers by field id from a Record, a Record.to_dict() dict, or a mapping of values/FieldValues."""
    if isinstance(pred, Record):
        raw: Mapping[str, Any] = pred.values()
    elif isinstance(pred, Mapping) and "gainer_version" in pred and isinstance(pred.get("fields"), Mapping):
        raw = {k: (v.get("value") if isinstance(v, Mapping) else v) for k, v in pred["fields"].items()}
    elif isinstance(pred, Mapping):
        raw = pred
    else:
        raise InputError(f"expected a Record or a mapping of field ids to numbers, got {type(pred).__name__}", source=where)
    out: dict[str, Number] = {}
    for k, v in raw.items():
        if v is not None and not isinstance(v, (int, float)) and hasattr(v, "value"):
            v = v.value
        if v is None:
            continue  # a blank is no prediction
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise InputError(f"predicted field {k!r} has the value {v!r}; expected a number", source=where, hint="pass record.values() or the Record itself")
        out[str(k)] = v
    return out


def score_record(pred_values: Mapping[str, Any] | Record, gold: Gold, name: str | None = None) -> FieldScore:
    """Score one report's predicted values against its gold.

    >>> g = Gold(fields={"review.total": 3, "review.upheld": 2, "stats.review.total": 3}, scope=("review.*", "stats.*"))
    >>> s = score_record({"review.total": 3, "review.upheld": 1, "active.fees.amount": 0}, g)
    >>> (s.tp, s.fp, s.fn), [m.kind for m in s.mismatches]
    ((1, 1, 2), ['wrong', 'missed'])
    >>> s.groups["tables"].tp, s.groups["stats"].fn
    (1, 1)
    """
    nm = name if name is not None else gold.name
    pred = _pred_values(pred_values, nm or "<prediction>")
    groups = _empty_groups()
    mismatches: list[Mismatch] = []
    ignored = 0

    def bump(fid: str, attr: str) -> None:
        for g in _groups_of(fid):
            c = groups.setdefault(g, Counts())
            setattr(c, attr, getattr(c, attr) + 1)

    for fid in sorted(set(pred) | set(gold.fields)):
        if not gold.in_scope(fid):
            if fid in pred:
                ignored += 1
            continue
        p = pred.get(fid)
        g = gold.fields.get(fid)
        if p is not None and g is not None and values_equal(p, g):
            bump(fid, "tp")
            continue
        if p is not None:
            bump(fid, "fp")
        if g is not None:
            bump(fid, "fn")
        mismatches.append(Mismatch(fid, p, g))
    overall = Counts()
    for g in groups:
        if g != "tables":
            overall = overall + groups[g]
    return FieldScore(nm, overall, groups, mismatches, ignored)


@dataclass
class Report:
    """Field scores over a gold directory: micro-averaged overall and per group, and per report."""

    reports: dict[str, FieldScore]
    missing: list[str] = field(default_factory=list)  # gold files with no record (scored as empty)
    skipped: list[str] = field(default_factory=list)  # gold files with no record, left out
    unmatched: list[str] = field(default_factory=list)  # records with no gold file

    @property
    def overall(self) -> Counts:
        total = Counts()
        for s in self.reports.values():
            total = total + s.overall
        return total

    @property
    def groups(self) -> dict[str, Counts]:
        out = _empty_groups()
        for s in self.reports.values():
            for g, c in s.groups.items():
                out[g] = out.get(g, Counts()) + c
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "groups": {g: c.to_dict() for g, c in self.groups.items()},
            "reports": {n: s.to_dict() for n, s in self.reports.items()},
            "missing": list(self.missing),
            "skipped": list(self.skipped),
            "unmatched": list(self.unmatched),
        }

    def to_table(self, mismatches: int = 0) -> str:
        """A plain-text table: one line per report, the micro total, then per group.

        ``mismatches`` > 0 lists up to that many errors per report below the tables.
        """
        labels = {n: n + (" (no record)" if n in self.missing else "") for n in self.reports}
        name_w = max([len("all (micro)"), len("report"), *(len(x) for x in labels.values())])
        head = f"{'report':<{name_w}}  {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>6} {'R':>6} {'F1':>6}"

        def row(label: str, c: Counts, w: int) -> str:
            return f"{label:<{w}}  {c.tp:>5} {c.fp:>5} {c.fn:>5}  {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"

        lines = [head, "-" * len(head)]
        for n, s in self.reports.items():
            lines.append(row(labels[n], s.overall, name_w))
        lines.append("-" * len(head))
        lines.append(row("all (micro)", self.overall, name_w))
        lines.append("")
        gw = max(len("group"), len("  litigation"))
        lines.append(f"{'group':<{gw}}  {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>6} {'R':>6} {'F1':>6}")
        groups = self.groups
        for g in list(GROUP_ORDER) + sorted(set(groups) - set(GROUP_ORDER)):
            label = f"  {g}" if g in TABLE_GROUPS else g
            lines.append(row(label, groups.get(g, Counts()), gw))
        for title, names in (("no record (scored as empty)", self.missing), ("no record, left out", self.skipped), ("no gold file", self.unmatched)):
            if names:
                lines.append("")
                lines.append(f"{title}: {', '.join(names)}")
        if mismatches > 0:
            for n, s in self.reports.items():
                if not s.mismatches:
                    continue
                lines.append("")
                lines.append(f"{n}: {len(s.mismatches)} mismatches")
                for m in s.mismatches[:mismatches]:
                    lines.append(f"  {m.kind:<8} {m.id}: predicted {_fmt(m.predicted)}, gold {_fmt(m.gold)}")
                if len(s.mismatches) > mismatches:
                    lines.append(f"  ... {len(s.mismatches) - mismatches} more")
        return "\n".join(lines)


def _fmt(x: Number | None) -> str:
    return "-" if x is None else repr(x)


def _match_name(key: str, names: Iterable[str]) -> str | None:
    """The gold name for a record key: the key itself, its file stem, or its parent folder (<name>/report.pdf)."""
    names = set(names)
    if key in names:
        return key
    p = Path(key)
    for cand in (p.stem, p.parent.name, p.name):
        if cand in names:
            return cand
    return None


def evaluate_dir(
    records: Mapping[str, Any],
    gold_dir: str | Path,
    *,
    only_matched: bool = False,
) -> Report:
    """Score records (by report name) against every gold file in ``gold_dir``.

    ``records`` maps a report name (or a path whose stem or parent folder is the name) to a
    Record, a ``Record.to_dict()`` dict, or a mapping of field ids to values. A gold file with no
    record is scored as an empty prediction (every gold value missed) and listed in
    ``Report.missing``; with ``only_matched=True`` it is left out and listed in ``Report.skipped``.
    Records with no gold file are listed in ``Report.unmatched``.
    """
    if not isinstance(records, Mapping):
        raise InputError(f"expected a mapping of report names to records, got {type(records).__name__}", source="<records>")
    paths = find_gold(gold_dir)
    by_name: dict[str, Any] = {}
    unmatched: list[str] = []
    for key, rec in records.items():
        n = _match_name(str(key), paths)
        if n is None:
            unmatched.append(str(key))
        elif n in by_name:
            raise InputError(f"two records for the gold file {n!r}", source=str(key), hint="pass one record per report")
        else:
            by_name[n] = rec
    scores: dict[str, FieldScore] = {}
    missing: list[str] = []
    skipped: list[str] = []
    for n, p in paths.items():
        if n not in by_name:
            if only_matched:
                skipped.append(n)
                continue
            missing.append(n)
        gold = load_gold(p)
        scores[n] = score_record(by_name.get(n, {}), gold, name=n)
    return Report(scores, missing, skipped, sorted(unmatched))


# ---------------------------------------------------------------------------
# Span scoring


def _span_key(s: Any, where: str) -> tuple[str, int, int]:
    if isinstance(s, Span):
        return s.key()
    if isinstance(s, (tuple, list)) and len(s) == 3:
        label, start, end = s
        return (str(label), int(start), int(end))
    raise InputError(f"expected a Span or a (label, start, end) triple, got {s!r}", source=where)


def span_scores(gold: Sequence[Sequence[Any]], pred: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Set-based span scores: a predicted span counts only when (label, start, end) matches exactly.

    ``gold`` and ``pred`` hold one list of spans per document, in the same order. Returns
    ``{"overall": {...}, "labels": {label: {...}}}`` where each entry has precision, recall, f1,
    support (gold spans), tp, fp, fn; overall is micro-averaged.

    >>> g = [[Span(0, 2, "METRIC"), Span(3, 5, "VALUE")]]
    >>> p = [[Span(0, 2, "METRIC"), Span(3, 6, "VALUE")]]
    >>> r = span_scores(g, p)
    >>> r["overall"]["f1"], r["labels"]["METRIC"]["f1"], r["labels"]["VALUE"]["f1"]
    (0.5, 1.0, 0.0)
    """
    if len(gold) != len(pred):
        raise InputError(f"got {len(gold)} gold documents and {len(pred)} predicted ones", source="<spans>", hint="pass one span list per document, in the same order")
    per: dict[str, Counts] = {}
    for i, (gs, ps) in enumerate(zip(gold, pred)):
        gk = {_span_key(s, f"<gold document {i}>") for s in gs}
        pk = {_span_key(s, f"<predicted document {i}>") for s in ps}
        for k in gk | pk:
            c = per.setdefault(k[0], Counts())
            if k in gk and k in pk:
                c.tp += 1
            elif k in pk:
                c.fp += 1
            else:
                c.fn += 1
    total = Counts()
    for c in per.values():
        total = total + c
    return {"overall": _span_entry(total), "labels": {lab: _span_entry(per[lab]) for lab in sorted(per)}}


def _span_entry(c: Counts) -> dict[str, Any]:
    p, r, f = _prf(c.tp, c.fp, c.fn)
    return {"precision": p, "recall": r, "f1": f, "support": c.tp + c.fn, "tp": c.tp, "fp": c.fp, "fn": c.fn}


def _check_tags(seqs: Sequence[Sequence[str]], which: str, *, require_well_formed: bool) -> None:
    for i, seq in enumerate(seqs):
        prev = "O"
        for j, t in enumerate(seq):
            if not isinstance(t, str) or not (t == "O" or (len(t) > 2 and t[:2] in ("B-", "I-"))):
                raise AnnotationError(f"{which} sequence {i}, position {j}: tag {t!r} is not O, B-<label> or I-<label>", source=f"<{which} tags>", hint="convert the tags to the IOB2 scheme first")
            if require_well_formed and t.startswith("I-") and prev[2:] != t[2:]:
                raise AnnotationError(
                    f"{which} sequence {i}, position {j}: {t} does not continue a {t[2:]} entity (previous tag {prev})",
                    source=f"<{which} tags>",
                    hint="every entity must start with B-; fix the annotation (strict IOB2 would silently drop it)",
                )
            prev = t


def seqeval_scores(gold_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Entity scores by seqeval in strict mode with the IOB2 scheme, always.

    Gold tags must be well-formed IOB2 (an I- tag that does not continue its entity raises
    :class:`~gainer.errors.AnnotationError`); predicted ill-formed entities are dropped, as strict
    mode does. Returns ``{"overall": {...}, "labels": {...}}`` with precision, recall, f1,
    support (gold entities) and predicted (predicted entities), the same shape and the same
    empty-denominator convention as :func:`span_scores`.

    >>> r = seqeval_scores([["B-VALUE", "I-VALUE", "O"]], [["B-VALUE", "I-VALUE", "O"]])
    >>> r["overall"]["f1"], r["labels"]["VALUE"]["support"]
    (1.0, 1)
    """
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2, Entities

    if len(gold_tags) != len(pred_tags):
        raise InputError(f"got {len(gold_tags)} gold sequences and {len(pred_tags)} predicted ones", source="<tags>", hint="pass one tag list per document, in the same order")
    for i, (g, p) in enumerate(zip(gold_tags, pred_tags)):
        if len(g) != len(p):
            raise InputError(f"sequence {i}: {len(g)} gold tags but {len(p)} predicted", source="<tags>", hint="tag the same characters in both")
    _check_tags(gold_tags, "gold", require_well_formed=True)
    _check_tags(pred_tags, "predicted", require_well_formed=False)
    gold_l = [list(s) for s in gold_tags]
    pred_l = [list(s) for s in pred_tags]

    def count(seqs: list[list[str]]) -> dict[str, int]:
        n: dict[str, int] = {}
        for e in Entities(seqs, IOB2).entities:
            for ent in e:
                n[ent.tag] = n.get(ent.tag, 0) + 1
        return n

    n_gold, n_pred = count(gold_l), count(pred_l)
    labels = sorted(set(n_gold) | set(n_pred))
    result: dict[str, Any] = {"labels": {}}
    if labels:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rep = classification_report(gold_l, pred_l, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    else:
        rep = {}
    for lab in labels:
        e = rep.get(lab, {})
        result["labels"][lab] = {
            "precision": float(e.get("precision", 0.0)),
            "recall": float(e.get("recall", 0.0)),
            "f1": float(e.get("f1-score", 0.0)),
            "support": n_gold.get(lab, 0),
            "predicted": n_pred.get(lab, 0),
        }
    tot_g, tot_p = sum(n_gold.values()), sum(n_pred.values())
    if tot_g == 0 and tot_p == 0:
        overall = {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    else:
        m = rep.get("micro avg", {})
        overall = {"precision": float(m.get("precision", 0.0)), "recall": float(m.get("recall", 0.0)), "f1": float(m.get("f1-score", 0.0))}
    result["overall"] = {**overall, "support": tot_g, "predicted": tot_p}
    return {"overall": result["overall"], "labels": result["labels"]}
