"""Core data types shared by every layer: spans, documents with table cells, and the output record."""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

# ---------------------------------------------------------------------------
# Spans


@dataclass(frozen=True)
class Span:
    """A half-open character interval ``[start, end)`` into a document's text.

    The same type is used for table cells, tagged mentions, evidence and gold annotations.
    ``text`` is always ``document_text[start:end]``: build spans with :meth:`from_text`
    so that the invariant holds by construction.
    """

    start: int
    end: int
    label: str = ""
    text: str = ""
    score: float | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span offsets [{self.start}, {self.end})")

    @classmethod
    def from_text(cls, text: str, start: int, end: int, label: str = "", score: float | None = None) -> "Span":
        if not (0 <= start <= end <= len(text)):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(text)}")
        return cls(start, end, label, text[start:end], score)

    def __len__(self) -> int:
        return self.end - self.start

    def matches(self, text: str) -> bool:
        """True when ``text[start:end]`` is exactly this span's text."""
        return text[self.start : self.end] == self.text

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def key(self) -> tuple[str, int, int]:
        """The (label, start, end) triple used for set-based span scoring."""
        return (self.label, self.start, self.end)

    def with_label(self, label: str, score: float | None = None) -> "Span":
        return dataclasses.replace(self, label=label, score=self.score if score is None else score)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.label:
            d["label"] = self.label
        if self.score is not None:
            d["score"] = self.score
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), d.get("label", ""), d.get("text", ""), d.get("score"))


# ---------------------------------------------------------------------------
# Documents


@dataclass(frozen=True)
class Cell:
    """One table cell. ``span`` locates its (stripped) content in the document text.

    An empty cell that exists in the grid has ``text == ""`` and a zero-length span at its
    position; a position with no cell at all is simply absent from ``Table.cells``.
    """

    row: int
    col: int
    span: Span
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def empty(self) -> bool:
        return not self.span.text.strip()


@dataclass(frozen=True)
class Table:
    """A table block found by a reader: cells with offsets into ``Document.text``."""

    cells: tuple[Cell, ...]
    start: int
    end: int
    source: str = ""  # "html", "docx", "pdf", "markdown"
    page: int | None = None

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, each row ordered by column."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out

    def grid(self) -> list[list[Cell | None]]:
        """A dense grid where a spanning cell fills every position it covers."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    g[r][k] = c
        return g


Format = Literal["txt", "md", "html", "docx", "pdf", "text"]


@dataclass(frozen=True)
class Document:
    """A report as gainer reads it: one text, plus the table blocks whose cells index into it."""

    text: str
    tables: tuple[Table, ...] = ()
    path: str | None = None
    format: str = "text"
    sha256: str = ""
    encoding: str | None = None
    pages: tuple[tuple[int, int], ...] = ()  # (start, end) of each page in ``text`` (PDF)

    @classmethod
    def from_text(cls, text: str, path: str | None = None, format: str = "text") -> "Document":
        return cls(text=text, path=path, format=format, sha256=sha256_text(text))

    @property
    def name(self) -> str:
        return self.path or "<text>"

    def span(self, start: int, end: int, label: str = "", score: float | None = None) -> Span:
        return Span.from_text(self.text, start, end, label, score)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


# ---------------------------------------------------------------------------
# Records

Template = Literal["2021", "2019", "legacy", "unknown"]
CheckStatus = Literal["passed", "failed", "not_applicable"]


@dataclass
class FieldValue:
    """One schema field's value with the evidence it was read from."""

    value: float | int | None
    unit: str
    evidence: Span
    source: str  # "table", "table-inferred", "prose-model", "prose-rules"
    confidence: float = 1.0
    approximate: bool = False
    note: str | None = None  # why a value was inferred, or other provenance detail

    def to_dict(self) -> dict[str, Any]:
        d = {
            "value": self.value,
            "unit": self.unit,
            "evidence": {"start": self.evidence.start, "end": self.evidence.end, "text": self.evidence.text},
            "source": self.source,
            "confidence": round(float(self.confidence), 4),
            "approximate": self.approximate,
        }
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FieldValue":
        return cls(
            value=d["value"],
            unit=d["unit"],
            evidence=Span.from_dict(d["evidence"]),
            source=d["source"],
            confidence=float(d.get("confidence", 1.0)),
            approximate=bool(d.get("approximate", False)),
            note=d.get("note"),
        )


@dataclass
class OtherMetric:
    """A figure the tagger found that maps to no schema field."""

    text: str
    value: float | int | None
    unit: str
    evidence: Span
    confidence: float = 1.0
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "evidence": {"start": self.evidence.start, "end": self.evidence.end, "text": self.evidence.text},
            "confidence": round(float(self.confidence), 4),
            "approximate": self.approximate,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "OtherMetric":
        return cls(d["text"], d["value"], d["unit"], Span.from_dict(d["evidence"]), float(d.get("confidence", 1.0)), bool(d.get("approximate", False)))


@dataclass
class Check:
    """The outcome of one consistency rule (勾稽关系) on one record."""

    rule: str
    status: CheckStatus
    message: str
    values: dict[str, float | int | None] = field(default_factory=dict)
    expected: float | int | None = None
    actual: float | int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "message": self.message,
            "values": dict(self.values),
            "expected": self.expected,
            "actual": self.actual,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Check":
        return cls(d["rule"], d["status"], d.get("message", ""), dict(d.get("values", {})), d.get("expected"), d.get("actual"))


@dataclass
class SourceInfo:
    path: str | None
    sha256: str
    format: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "format": self.format}


@dataclass
class Record:
    """The standard record of one report: the output contract of gainer."""

    gainer_version: str
    schema_version: int | str
    source: SourceInfo
    org: str | None = None
    year: int | None = None
    template: str = "unknown"
    fields: dict[str, FieldValue] = field(default_factory=dict)
    other_metrics: list[OtherMetric] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def values(self) -> dict[str, float | int | None]:
        return {k: v.value for k, v in self.fields.items()}

    def failed_checks(self) -> Iterator[Check]:
        return (c for c in self.checks if c.status == "failed")

    def to_dict(self) -> dict[str, Any]:
        return {
            "gainer_version": self.gainer_version,
            "schema_version": self.schema_version,
            "source": self.source.to_dict(),
            "org": self.org,
            "year": self.year,
            "template": self.template,
            "fields": {k: self.fields[k].to_dict() for k in sorted(self.fields)},
            "other_metrics": [m.to_dict() for m in self.other_metrics],
            "checks": [c.to_dict() for c in self.checks],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        s = d["source"]
        return cls(
            gainer_version=d["gainer_version"],
            schema_version=d["schema_version"],
            source=SourceInfo(s.get("path"), s.get("sha256", ""), s.get("format", "")),
            org=d.get("org"),
            year=d.get("year"),
            template=d.get("template", "unknown"),
            fields={k: FieldValue.from_dict(v) for k, v in d.get("fields", {}).items()},
            other_metrics=[OtherMetric.from_dict(m) for m in d.get("other_metrics", [])],
            checks=[Check.from_dict(c) for c in d.get("checks", [])],
            warnings=list(d.get("warnings", [])),
        )


# ---------------------------------------------------------------------------
# Annotated text (training and evaluation data for the tagger)

TAG_LABELS = ("METRIC", "VALUE")


@dataclass(frozen=True)
class AnnotatedText:
    """A text with gold (or predicted) spans, e.g. one Label Studio task or one synthetic report."""

    id: str
    text: str
    spans: tuple[Span, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
