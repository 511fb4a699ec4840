"""Training data for the tagger: annotated reports, synthetic reports, the held-out split, and token labels.

The held-out split is by report name: annotated reports named in ``TrainConfig.holdout`` are never
trained on (nor used for the vocabulary); they are the evaluation set together with
``synthetic_eval_n`` synthetic reports drawn with a different seed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import AnnotationError, ConfigError, MissingDependencyError
from ..types import AnnotatedText, Span
from .labels import LABEL2ID, OUTSIDE
from .merge import spans_to_char_tags
from .tokenizer import Encoding, Tokenizer, windows

log = logging.getLogger(__name__)

IGNORE_INDEX = -100  # labels torch's cross entropy skips ([CLS], [SEP], padding)
SYNTHETIC_EVAL_SEED_OFFSET = 1_000_003
_NAME_KEYS = ("name", "file", "filename", "file_upload", "source", "path", "report", "doc")


def doc_names(doc: AnnotatedText) -> list[str]:
    """Names a report answers to in ``holdout``: its id and the stems of file names in its meta."""
    names = [str(doc.id)]
    for key in _NAME_KEYS:
        v = doc.meta.get(key) if isinstance(doc.meta, dict) else None
        if isinstance(v, str) and v:
            names.append(v)
            stem = Path(v).stem
            names.append(stem)
            if "-" in stem and len(stem.split("-", 1)[0]) == 8:  # Label Studio upload prefix "1a2b3c4d-name"
                names.append(stem.split("-", 1)[1])
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return seen


def display_name(doc: AnnotatedText) -> str:
    """The name a report is listed under: the stem of its file name when its meta has one, else its id."""
    for key in _NAME_KEYS:
        v = doc.meta.get(key) if isinstance(doc.meta, dict) else None
        if isinstance(v, str) and v:
            return Path(v).stem
    return str(doc.id)


def matches(doc: AnnotatedText, name: str) -> bool:
    """True when ``name`` is one of the report's names or a prefix of one (``000`` matches ``000_c845...``)."""
    return any(n == name or n.startswith(name) for n in doc_names(doc))


def split_holdout(docs: Sequence[AnnotatedText], holdout: Sequence[str], *, source: str = "<config>") -> tuple[list[AnnotatedText], list[AnnotatedText]]:
    """``(train, held_out)``: the reports named in ``holdout`` are held out; a name that matches none is an error."""
    held: list[AnnotatedText] = []
    for name in holdout:
        hits = [d for d in docs if matches(d, name)]
        if not hits:
            available = sorted({display_name(d) for d in docs})
            raise ConfigError(
                f"holdout names the report {name!r}, which no annotation file holds",
                source=source,
                hint=f"available: {', '.join(available[:20]) or 'none (no annotations loaded)'}",
            )
        held.extend(h for h in hits if h not in held)
    held_ids = {id(d) for d in held}
    return [d for d in docs if id(d) not in held_ids], held


def load_annotations(dirs: Iterable[str | Path], *, strict: bool = True) -> list[AnnotatedText]:
    """Every task of the Label Studio JSON files under ``dirs`` (sorted by path).

    ``strict`` refuses invalid annotations (misaligned, overlapping, unknown labels) with the loader's
    AnnotationError; without it the invalid spans are dropped as the loader decides and logged.
    """
    try:
        from ..annotate.labelstudio_json import load_tasks
    except ImportError as e:
        raise MissingDependencyError(f"gainer.annotate.labelstudio_json is not available ({e})", source="gainer.model.data", hint="update gainer") from e
    docs: list[AnnotatedText] = []
    for d in dirs:
        p = Path(d)
        if not p.is_dir():
            raise ConfigError("annotation directory not found", source=str(p), hint="fix annotation_dirs in the training config or pass --annotations")
        files = sorted(p.rglob("*.json"))
        if not files:
            log.warning("%s: no .json annotation files", p)
        for f in files:
            tasks, report = load_tasks(f, strict=strict)
            problems = _problems(report)
            if problems:
                if strict:
                    raise AnnotationError(f"{len(problems)} invalid annotation(s), e.g. {problems[0]}", source=str(f), hint="fix them in Label Studio, or train with allow_invalid: true to skip them")
                log.warning("%s: %d invalid annotation(s) skipped, e.g. %s", f, len(problems), problems[0])
            for t in tasks:
                if not isinstance(t.meta, dict) or "file" not in t.meta:
                    meta = dict(t.meta) if isinstance(t.meta, dict) else {}
                    meta.setdefault("annotation_file", str(f))
                    t = AnnotatedText(t.id, t.text, t.spans, meta)
                docs.append(t)
    return docs


def _problems(report: Any) -> list[str]:
    """The error messages of a ValidationReport."""
    return [str(p) for p in report.errors] if report is not None else []


def synthetic(n: int, *, seed: int, noise: float, eras: Sequence[str] | None = None) -> list[AnnotatedText]:
    """``n`` labelled synthetic reports from :func:`gainer.annotate.synth.generate`."""
    if n <= 0:
        return []
    try:
        from ..annotate.synth import generate
    except ImportError as e:
        raise MissingDependencyError(f"gainer.annotate.synth is not available ({e})", source="gainer.model.data", hint="update gainer, or set synthetic_n: 0") from e
    kwargs: dict[str, Any] = {"seed": seed, "noise": noise}
    if eras:
        kwargs["eras"] = tuple(eras)
    return list(generate(n, **kwargs))


def char_tags(doc: AnnotatedText) -> list[str]:
    """Character-level IOB2 tags of a report's gold spans."""
    try:
        from ..annotate.bio import spans_to_tags
    except ImportError:
        return spans_to_char_tags(len(doc.text), doc.spans)
    return list(spans_to_tags(len(doc.text), list(doc.spans)))


def token_labels(text_len: int, spans: Iterable[Span], enc: Encoding) -> list[int]:
    """One label id per token: ``B-X`` on the first token inside a span, ``I-X`` on the following ones.

    Built from the spans, not from character tags, so a span that starts on whitespace still gets
    its ``B`` on its first real token.
    """
    owner = [-1] * text_len
    kinds: list[str] = []
    for k, s in enumerate(sorted(spans, key=lambda s: (s.start, s.end))):
        kinds.append(s.label)
        for i in range(s.start, min(s.end, text_len)):
            owner[i] = k
    out: list[int] = []
    prev = -1
    for start, end in enc.offsets:
        k = owner[start] if start < end else -1
        if k < 0:
            out.append(LABEL2ID[OUTSIDE])
        else:
            out.append(LABEL2ID[f"{'I' if k == prev else 'B'}-{kinds[k]}"])
        prev = k
    return out


@dataclass
class Example:
    """One training window: token ids with ``[CLS]``/``[SEP]`` and a label id per position."""

    ids: list[int]
    labels: list[int]
    doc: str = ""


def make_examples(docs: Sequence[AnnotatedText], tokenizer: Tokenizer, *, max_len: int, stride: int, repeat: int = 1) -> list[Example]:
    """Windows of every report, labels aligned to tokens (``repeat`` copies of each, to weight a source)."""
    out: list[Example] = []
    for doc in docs:
        enc = tokenizer.encode(doc.text)
        labels = token_labels(len(doc.text), doc.spans, enc)
        for s, e in windows(len(enc.ids), max_len - 2, stride):
            ex = Example([tokenizer.cls_id, *enc.ids[s:e], tokenizer.sep_id], [IGNORE_INDEX, *labels[s:e], IGNORE_INDEX], str(doc.id))
            out.extend([ex] * repeat)
    return out


@dataclass
class DataSplit:
    """What a training run reads: train reports, held-out annotated reports, synthetic evaluation reports."""

    train: list[AnnotatedText]
    heldout: list[AnnotatedText] = field(default_factory=list)
    synthetic_eval: list[AnnotatedText] = field(default_factory=list)
    annotated_train: list[AnnotatedText] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        return {
            "train_reports": len(self.train),
            "train_annotated": [display_name(d) for d in self.annotated_train],
            "heldout_annotated": [display_name(d) for d in self.heldout],
            "synthetic_eval_reports": len(self.synthetic_eval),
        }


def build_split(config: Any) -> DataSplit:
    """The data of a :class:`~gainer.model.config.TrainConfig`: annotations + synthetic, held-out split applied."""
    annotated = load_annotations(config.annotation_dirs, strict=not config.allow_invalid)
    train_ann, held = split_holdout(annotated, config.holdout, source=config.source)
    synth = synthetic(config.synthetic_n, seed=config.seed, noise=config.synthetic_noise, eras=config.synthetic_eras)
    synth_eval = synthetic(config.synthetic_eval_n, seed=config.seed + SYNTHETIC_EVAL_SEED_OFFSET, noise=config.synthetic_noise, eras=config.synthetic_eras)
    train = list(train_ann) * config.annotation_weight + synth
    if not train:
        raise ConfigError(
            "no training data: no annotations outside the holdout and synthetic_n is 0",
            source=config.source,
            hint="add annotation_dirs, shorten holdout, or set synthetic_n > 0",
        )
    return DataSplit(train=train, heldout=held, synthetic_eval=synth_eval, annotated_train=list(train_ann))
