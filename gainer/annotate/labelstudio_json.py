"""Label Studio JSON export <-> AnnotatedText, with a validation report of everything that does not fit.

Reads the list of tasks that Label Studio's JSON export (and label-studio-sdk's ``exports.as_json``)
returns::

    [{"id": 7, "data": {"text": "...", "doc_id": "...", ...},
      "annotations": [{"id": 3, "was_cancelled": false, "updated_at": "...",
                       "result": [{"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
                                   "value": {"start": 10, "end": 14, "text": "225条", "labels": ["VALUE"]}}]}],
      "predictions": [...]}]

How a task becomes one :class:`~gainer.types.AnnotatedText`:

* the text is ``data[text_key]``; every other ``data`` key goes to ``meta`` unchanged, and
  ``meta["labelstudio"]`` records the task id, annotation id, annotator and time the spans came from
  (``meta["annotation_file"]`` the file, when read from one);
* the spans are those of the task's latest submitted annotation (newest ``updated_at``, else
  ``created_at``, else the last listed); cancelled (skipped) annotations are never used, and a task
  with no submitted annotation is reported as a warning and left out;
* the document id is ``data["gainer_id"]`` when present (``dump_tasks`` writes it for documents whose
  id is not a Label Studio task id), else the task id.

Problems are collected in a :class:`ValidationReport`: *errors* are spans that cannot be trusted
(misaligned text, offsets outside the text, empty spans, overlaps, labels outside ``labels``, several
labels on one span) and tasks or files that cannot be read; *warnings* are things that lose nothing
(tasks without annotations, empty texts, duplicate spans, spans with spaces at an edge, results that
are not spans). With ``strict=True`` (the default) any error raises :class:`AnnotationError` after the
whole input was read, so the message lists every problem; with ``strict=False`` the invalid spans are
dropped (of two overlapping spans, the one starting later, or the shorter, is dropped) and the report
says what was dropped.

Offsets in old Label Studio versions counted UTF-16 code units, which differ from Python's code
points after a character outside the BMP (rare CJK characters in names, emoji). A span whose
offsets only fit as UTF-16 offsets is converted and reported as a warning.

>>> tasks = dump_tasks([AnnotatedText("1", "受理申请3件", (Span(2, 4, "METRIC", "申请"), Span(4, 6, "VALUE", "3件")))])
>>> docs, report = load_tasks(tasks)
>>> [s.text for s in docs[0].spans], report.ok
(['申请', '3件'], True)
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence

from ..errors import AnnotationError
from ..types import TAG_LABELS, AnnotatedText, Span

__all__ = ["Problem", "ValidationReport", "load_tasks", "dump_tasks", "save_tasks", "RESERVED_META"]

Severity = Literal["error", "warning"]

# meta keys load_tasks adds; dump_tasks does not write them back into data
RESERVED_META = ("labelstudio", "annotation_file")
_ID_KEY = "gainer_id"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by file, task, annotation and span."""

    severity: Severity
    kind: str  # misaligned, out_of_range, empty_span, overlap, unknown_label, labels, malformed, unreadable, no_annotation, ...
    message: str
    source: str | None = None
    task: str | None = None
    annotation: str | None = None
    start: int | None = None
    end: int | None = None
    label: str | None = None

    def where(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.task is not None:
            parts.append(f"task {self.task}")
        if self.annotation is not None:
            parts.append(f"annotation {self.annotation}")
        return ", ".join(parts) or "<tasks>"

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


@dataclass
class ValidationReport:
    """What an import read, and every problem found (errors make the data invalid, warnings do not)."""

    problems: list[Problem] = field(default_factory=list)
    n_files: int = 0
    n_tasks: int = 0
    n_docs: int = 0
    n_spans: int = 0
    n_dropped_spans: int = 0
    n_skipped_tasks: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def counts(self) -> dict[str, int]:
        """Number of problems of each kind."""
        out: dict[str, int] = {}
        for p in self.problems:
            out[p.kind] = out.get(p.kind, 0) + 1
        return dict(sorted(out.items()))

    def summary(self, max_lines: int = 20) -> str:
        """A few lines for people: totals, problem counts by kind, then the first problems."""
        lines = [
            f"{self.n_tasks} task(s) in {self.n_files} file(s): {self.n_docs} document(s) with {self.n_spans} span(s); "
            f"{self.n_skipped_tasks} task(s) skipped, {self.n_dropped_spans} span(s) dropped; "
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        ]
        if self.problems:
            lines.append("by kind: " + ", ".join(f"{k} {v}" for k, v in self.counts().items()))
        shown = self.errors + self.warnings
        for p in shown[:max_lines]:
            lines.append(f"  {p.severity}: {p}")
        if len(shown) > max_lines:
            lines.append(f"  ... and {len(shown) - max_lines} more")
        return "\n".join(lines)

    def raise_if_invalid(self, source: str | None = None) -> None:
        """Raise :class:`AnnotationError` listing the errors, if there are any."""
        errs = self.errors
        if not errs:
            return
        shown = "; ".join(str(p) for p in errs[:10]) + (f"; and {len(errs) - 10} more" if len(errs) > 10 else "")
        raise AnnotationError(
            f"{len(errs)} invalid annotation(s): {shown}",
            source=source,
            hint="fix these spans in Label Studio (re-select each on the text) and export again, "
            "or load with strict=False to drop them",
        )

    def _add(self, severity: Severity, kind: str, message: str, **where: Any) -> None:
        self.problems.append(Problem(severity, kind, message, **where))


# ---------------------------------------------------------------------------
# loading


def load_tasks(
    path_or_obj: str | os.PathLike[str] | Sequence[Mapping[str, Any]] | Mapping[str, Any],
    *,
    text_key: str = "text",
    labels: Sequence[str] = TAG_LABELS,
    strict: bool = True,
    from_predictions: bool = False,
) -> tuple[list[AnnotatedText], ValidationReport]:
    """Read Label Studio tasks into documents with gold spans, plus a report of what was wrong.

    ``path_or_obj`` is a ``.json`` export file, a directory (every ``*.json`` below it, sorted by
    path), a list of task dicts, or one task dict. ``from_predictions`` reads each task's latest
    prediction instead of its annotations (the spans keep the prediction's scores). See the module
    docstring for ``strict``.
    """
    labels = tuple(labels)
    report = ValidationReport()
    docs: list[AnnotatedText] = []
    for source, tasks in _sources(path_or_obj, report, strict):
        report.n_files += source is not None
        for index, task in enumerate(tasks):
            report.n_tasks += 1
            doc = _read_task(task, index, source, report, text_key=text_key, labels=labels, from_predictions=from_predictions)
            if doc is None:
                report.n_skipped_tasks += 1
                continue
            docs.append(doc)
            report.n_spans += len(doc.spans)
    report.n_docs = len(docs)
    if strict:
        report.raise_if_invalid(_describe(path_or_obj))
    return docs, report


def _describe(obj: Any) -> str:
    if isinstance(obj, (str, os.PathLike)):
        return str(obj)
    return "<tasks>"


def _sources(obj: Any, report: ValidationReport, strict: bool) -> Iterable[tuple[str | None, list[Any]]]:
    """(file name or None, list of tasks) for each input; unreadable files raise or are reported."""
    if isinstance(obj, (str, os.PathLike)):
        p = Path(obj)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*.json") if f.is_file())
            if not files:
                raise AnnotationError(
                    "no .json files in this directory; expected Label Studio JSON exports",
                    source=str(p),
                    hint="export the project as JSON (or pull it with gainer.labelstudio) into this directory",
                )
        elif p.is_file():
            files = [p]
        else:
            raise AnnotationError("no such file or directory; expected a Label Studio JSON export", source=str(p), hint="check the path")
        for f in files:
            try:
                yield str(f), _read_file(f)
            except AnnotationError as e:
                if strict:
                    raise
                report._add("error", "unreadable", f"{e.message} ({e.hint})" if e.hint else e.message, source=str(f))
        return
    if isinstance(obj, Mapping):
        yield None, [obj]
        return
    if isinstance(obj, (list, tuple)):
        yield None, list(obj)
        return
    raise AnnotationError(
        f"cannot read Label Studio tasks from a {type(obj).__name__}",
        source="gainer.annotate.labelstudio_json",
        hint="pass a .json file, a directory of them, a list of task dicts or one task dict",
    )


def _read_file(f: Path) -> list[Any]:
    try:
        raw = f.read_bytes()
    except OSError as e:
        raise AnnotationError(f"cannot read the file ({e.strerror or e})", source=str(f), hint="check its permissions") from None
    if not raw.strip():
        raise AnnotationError("the file is empty; expected a JSON list of Label Studio tasks", source=str(f), hint="export the project again as JSON")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise AnnotationError(
            f"not UTF-8 text (byte {e.start}); expected a Label Studio JSON export", source=str(f), hint="export again from Label Studio, or convert the file to UTF-8"
        ) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise AnnotationError(
            f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}",
            source=str(f),
            hint="the file may be truncated or hand-edited; export the project again as JSON",
        ) from None
    if isinstance(obj, Mapping) and "data" in obj:
        return [obj]
    if not isinstance(obj, list):
        raise AnnotationError(
            f"the JSON holds a {type(obj).__name__}; expected a list of Label Studio tasks",
            source=str(f),
            hint="use the JSON export (a list of tasks with data and annotations)",
        )
    return obj


def _time(v: Any) -> datetime | None:
    if not isinstance(v, str) or not v:
        return None
    try:
        t = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _latest(items: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The newest of several annotations (by updated_at, else created_at); listing order breaks ties."""
    oldest = datetime.min.replace(tzinfo=timezone.utc)

    def key(ia: tuple[int, Mapping[str, Any]]) -> tuple[datetime, int]:
        i, a = ia
        return (_time(a.get("updated_at")) or _time(a.get("created_at")) or oldest, i)

    return max(enumerate(items), key=key)[1]


def as_int(v: Any) -> int | None:
    """An integer from JSON (an int, or a float with no fraction); None for anything else, bools included."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def utf16_to_index(text: str, offset: int) -> int | None:
    """The code-point index of a UTF-16 code-unit offset, None when it falls inside a surrogate pair or past the end."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            return None
    return len(text) if units == offset else None


def _occurrences(text: str, needle: str, limit: int = 50) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0 and len(out) < limit:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _read_task(
    task: Any,
    index: int,
    source: str | None,
    report: ValidationReport,
    *,
    text_key: str,
    labels: tuple[str, ...],
    from_predictions: bool,
) -> AnnotatedText | None:
    if not isinstance(task, Mapping):
        report._add("error", "malformed", f"task #{index} is a {type(task).__name__}; expected a JSON object with data and annotations", source=source)
        return None
    raw_id = task.get("id")
    tid = str(raw_id) if raw_id is not None else f"#{index}"
    where: dict[str, Any] = {"source": source, "task": tid}
    data = task.get("data")
    if not isinstance(data, Mapping):
        hint = " (this looks like a JSON-MIN or CSV-style export: export as JSON instead)" if text_key in task else ""
        report._add("error", "malformed", f"no 'data' object; expected the task's data with a {text_key!r} key{hint}", **where)
        return None
    text = data.get(text_key)
    if not isinstance(text, str):
        keys = ", ".join(repr(k) for k in list(data)[:10]) or "none"
        what = "missing" if text is None else f"a {type(text).__name__}"
        report._add("error", "malformed", f"data.{text_key} is {what}; expected the report text as a string (data keys: {keys})", **where)
        return None

    kind = "predictions" if from_predictions else "annotations"
    items = task.get(kind)
    if items is None and not from_predictions:
        items = task.get("completions")  # Label Studio before 1.0
    if items is None:
        items = []
    if not isinstance(items, list):
        report._add("error", "malformed", f"{kind} is a {type(items).__name__}; expected a list", **where)
        return None
    objs = [a for a in items if isinstance(a, Mapping)]
    if len(objs) != len(items):
        report._add("error", "malformed", f"{len(items) - len(objs)} of the task's {kind} are not JSON objects", **where)
    submitted = [a for a in objs if not a.get("was_cancelled")]
    if not submitted:
        if objs:
            msg = f"all {len(objs)} annotation(s) were cancelled (skipped in Label Studio); task left out"
            report._add("warning", "cancelled", msg, **where)
        else:
            n_pred = len(task.get("predictions") or []) if not from_predictions else 0
            extra = f" (it has {n_pred} prediction(s) only: submit an annotation in Label Studio, or load with from_predictions=True)" if n_pred else ""
            report._add("warning", "no_annotation", f"no {kind[:-1]}; task left out{extra}", **where)
        return None
    if not text.strip():
        report._add("warning", "empty_task", f"data.{text_key} is empty or only whitespace; task left out", **where)
        return None

    ann = _latest(submitted)
    aid = ann.get("id")
    where["annotation"] = str(aid) if aid is not None else None
    n_errors = len(report.errors)
    spans = _read_result(ann.get("result"), text, report, where, labels=labels, prediction=from_predictions)
    if not spans and len(report.errors) == n_errors:
        report._add("warning", "no_spans", f"the {kind[:-1]} marks no span (a report without figures?)", **where)

    meta: dict[str, Any] = {k: v for k, v in data.items() if k not in (text_key, _ID_KEY)}
    ls: dict[str, Any] = {"task_id": raw_id, "source": kind}
    for k in ("id", "completed_by", "updated_at", "created_at", "model_version", "lead_time"):
        if ann.get(k) is not None:
            ls["annotation_id" if k == "id" else k] = ann[k]
    if len(submitted) > 1:
        ls["n_submitted"] = len(submitted)
    meta["labelstudio"] = ls
    if source is not None:
        meta["annotation_file"] = source
    doc_id = data.get(_ID_KEY)
    if not isinstance(doc_id, str) or not doc_id:
        doc_id = tid if raw_id is not None else f"{Path(source).stem if source else 'task'}#{index}"
    return AnnotatedText(doc_id, text, tuple(spans), meta)


def _read_result(
    result: Any, text: str, report: ValidationReport, where: dict[str, Any], *, labels: tuple[str, ...], prediction: bool
) -> list[Span]:
    if result is None:
        return []
    if not isinstance(result, list):
        report._add("error", "malformed", f"result is a {type(result).__name__}; expected a list of regions", **where)
        return []
    astral = any(ord(c) > 0xFFFF for c in text)
    spans: list[Span] = []
    ignored: dict[str, int] = {}
    for k, item in enumerate(result):
        value = item.get("value") if isinstance(item, Mapping) else None
        rtype = str(item.get("type", "?")) if isinstance(item, Mapping) else type(item).__name__
        if not isinstance(value, Mapping) or not ({"start", "end"} <= set(value)):
            if rtype == "labels":
                report._add("error", "malformed", f"result item {k} of type 'labels' has no start and end offsets", **where)
                report.n_dropped_spans += 1
            else:
                ignored[rtype] = ignored.get(rtype, 0) + 1
            continue
        lab = value.get("labels")
        s_raw, e_raw = value.get("start"), value.get("end")
        said = value.get("text")
        w = dict(where, start=as_int(s_raw), end=as_int(e_raw))
        desc = f"span [{s_raw}, {e_raw}) {lab}" + (f" {said!r}" if isinstance(said, str) else "")
        if not isinstance(lab, list) or len(lab) != 1 or not isinstance(lab[0], str):
            report._add("error", "labels", f"{desc}: expected exactly one label of {', '.join(labels)}", **w)
            report.n_dropped_spans += 1
            continue
        label = lab[0]
        w["label"] = label
        if label not in labels:
            report._add("error", "unknown_label", f"{desc}: unknown label {label!r}; expected one of {', '.join(labels)}", **w)
            report.n_dropped_spans += 1
            continue
        s, e = as_int(s_raw), as_int(e_raw)
        if s is None or e is None:
            report._add("error", "malformed", f"{desc}: start and end must be integers", **w)
            report.n_dropped_spans += 1
            continue
        aligned = 0 <= s < e <= len(text) and (not isinstance(said, str) or text[s:e] == said)
        if not aligned and astral and isinstance(said, str):
            s16, e16 = utf16_to_index(text, s), utf16_to_index(text, e)
            if s16 is not None and e16 is not None and s16 < e16 and text[s16:e16] == said:
                report._add("warning", "utf16_offsets", f"{desc}: offsets counted in UTF-16 units; converted to [{s16}, {e16})", **w)
                s, e, aligned = s16, e16, True
        if not aligned:
            if s == e and 0 <= s <= len(text):
                report._add("error", "empty_span", f"{desc}: the span is empty", **w)
            elif not (0 <= s < e <= len(text)):
                report._add("error", "out_of_range", f"{desc}: offsets outside the text of length {len(text)}", **w)
            else:
                report._add("error", "misaligned", f"{desc}: misaligned, the text there is {text[s:e]!r}; {_where_it_is(text, said, s)}", **w)
            report.n_dropped_spans += 1
            continue
        span_text = text[s:e]
        if span_text != span_text.strip():
            report._add("warning", "whitespace_edge", f"{desc}: starts or ends with whitespace", **w)
        score = item.get("score") if prediction else None
        if score is None and prediction:
            score = value.get("score")
        spans.append(Span(s, e, label, span_text, float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None))
    for t, n in ignored.items():
        report._add("warning", "ignored_result", f"{n} result item(s) of type {t!r} are not text spans with labels; ignored", **where)
    return _drop_overlaps(spans, report, where)


def _where_it_is(text: str, said: str, s: int) -> str:
    hits = _occurrences(text, said) if said else []
    if not hits:
        return f"{said!r} does not occur in the text (was the text changed after annotation?)"
    best = min(hits, key=lambda i: abs(i - s))
    more = f" (one of {len(hits)} occurrences)" if len(hits) > 1 else ""
    return f"{said!r} occurs at [{best}, {best + len(said)}), {best - s:+d} characters away{more}"


def _drop_overlaps(spans: list[Span], report: ValidationReport, where: dict[str, Any]) -> list[Span]:
    kept: list[Span] = []
    seen: set[tuple[str, int, int]] = set()
    for sp in sorted(spans, key=lambda x: (x.start, -x.end, x.label)):
        if sp.key() in seen:
            report._add("warning", "duplicate", f"span [{sp.start}, {sp.end}) {sp.label} {sp.text!r} is given twice; kept once", **dict(where, start=sp.start, end=sp.end, label=sp.label))
            continue
        seen.add(sp.key())
        clash = next((k for k in kept if k.overlaps(sp)), None)
        if clash is not None:
            report._add(
                "error",
                "overlap",
                f"spans [{clash.start}, {clash.end}) {clash.label} {clash.text!r} and [{sp.start}, {sp.end}) {sp.label} {sp.text!r} overlap; "
                "the second is dropped",
                **dict(where, start=sp.start, end=sp.end, label=sp.label),
            )
            report.n_dropped_spans += 1
            continue
        kept.append(sp)
    return kept


# ---------------------------------------------------------------------------
# writing


def _region_id(doc_id: str, sp: Span) -> str:
    return hashlib.sha1(f"{doc_id}|{sp.label}|{sp.start}|{sp.end}".encode("utf-8")).hexdigest()[:10]


def dump_tasks(
    docs: Iterable[AnnotatedText],
    *,
    as_predictions: bool = False,
    model_version: str | None = None,
    text_key: str = "text",
    from_name: str = "label",
    to_name: str = "text",
) -> list[dict[str, Any]]:
    """Label Studio tasks of ``docs``: their spans as a submitted annotation, or as a prediction.

    The inverse of :func:`load_tasks`: ``load_tasks(dump_tasks(docs))`` gives back the same ids,
    texts, spans and meta (less the keys load_tasks adds). ``meta`` must be JSON-serialisable; it
    becomes the task's ``data`` next to the text. A span that does not match its text raises
    :class:`AnnotationError`. Predictions carry each span's score and ``model_version`` (default
    ``"gainer"``).
    """
    out: list[dict[str, Any]] = []
    for i, doc in enumerate(docs):
        src = f"document {getattr(doc, 'id', i)!r}"
        if not isinstance(doc, AnnotatedText):
            raise AnnotationError(f"expected an AnnotatedText, got a {type(doc).__name__}", source=src, hint="build documents with gainer.types.AnnotatedText")
        if not isinstance(doc.text, str):
            raise AnnotationError(f"the text is a {type(doc.text).__name__}; expected a string", source=src, hint="pass the report text")
        for sp in doc.spans:
            if not (0 <= sp.start < sp.end <= len(doc.text)) or doc.text[sp.start : sp.end] != sp.text:
                raise AnnotationError(
                    f"span [{sp.start}, {sp.end}) {sp.label} {sp.text!r} does not match the text there ({doc.text[sp.start:sp.end]!r})",
                    source=src,
                    hint="build spans with Span.from_text(text, start, end, label)",
                )
        meta = dict(doc.meta) if isinstance(doc.meta, Mapping) else {}
        ls = meta.get("labelstudio") if isinstance(meta.get("labelstudio"), Mapping) else {}
        data: dict[str, Any] = {text_key: doc.text}
        data.update({k: v for k, v in meta.items() if k not in RESERVED_META and k != text_key})
        task_id = as_int(ls.get("task_id"))
        if task_id is None:
            task_id = int(doc.id) if str(doc.id).isdigit() else i + 1
        if str(doc.id) != str(task_id):
            data[_ID_KEY] = str(doc.id)
        result = []
        for sp in sorted(doc.spans, key=lambda x: (x.start, x.end, x.label)):
            r: dict[str, Any] = {
                "id": _region_id(str(doc.id), sp),
                "from_name": from_name,
                "to_name": to_name,
                "type": "labels",
                "origin": "prediction" if as_predictions else "manual",
                "value": {"start": sp.start, "end": sp.end, "text": sp.text, "labels": [sp.label]},
            }
            if as_predictions and sp.score is not None:
                r["score"] = float(sp.score)
            result.append(r)
        task: dict[str, Any] = {"id": task_id, "data": data, "annotations": [], "predictions": []}
        if as_predictions:
            scores = [float(sp.score) for sp in doc.spans if sp.score is not None]
            task["predictions"] = [
                {"model_version": model_version or "gainer", "score": (sum(scores) / len(scores)) if scores else None, "result": result}
            ]
        else:
            ann_id = as_int(ls.get("annotation_id"))
            task["annotations"] = [{"id": ann_id if ann_id is not None else i + 1, "result": result, "was_cancelled": False, "ground_truth": False}]
        out.append(task)
    return out


def save_tasks(path: str | os.PathLike[str], docs: Iterable[AnnotatedText], **kwargs: Any) -> Path:
    """Write ``dump_tasks(docs, **kwargs)`` to ``path`` as UTF-8 JSON (atomically: a reader never sees half a file)."""
    p = Path(path)
    tasks = dump_tasks(docs, **kwargs)
    try:
        payload = json.dumps(tasks, ensure_ascii=False, indent=1)
    except (TypeError, ValueError) as e:
        raise AnnotationError(f"a document's meta is not JSON-serialisable ({e})", source=str(p), hint="keep meta values to str, numbers, lists and dicts") from None
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise AnnotationError(f"cannot write the tasks ({e.strerror or e})", source=str(p), hint="check that the directory is writable") from None
    return p
