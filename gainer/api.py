"""The Python API: ``extract(path_or_text) -> Record``. Returns or raises; never prints or exits."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .checks import run_checks
from .errors import GainerError, InputError
from .readers import SUPPORTED_EXTENSIONS, read_document, read_text
from .schema import Schema, load_schema
from .tables import build_lines, detect_template, parse_tables
from .types import Check, Document, FieldValue, Record, SourceInfo

_PATHLIKE_MAX = 1024


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > _PATHLIKE_MAX:
        return False
    return os.path.exists(s) or Path(s).suffix.lower() in SUPPORTED_EXTENSIONS


def load(source: str | os.PathLike | Document) -> Document:
    """A Document from a path, a report's text, or a Document."""
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike):
        return read_document(source)
    if isinstance(source, bytes):
        raise InputError("got bytes; expected a path or decoded text", source="<bytes>", hint="decode the text first or pass the file path")
    if not isinstance(source, str):
        raise InputError(f"got {type(source).__name__}; expected a path or the report's text", source="<input>")
    if _looks_like_path(source):
        return read_document(source)
    return read_text(source)


@dataclass
class Options:
    """How to extract: which tagger reads the prose, and whether to keep a debug trace."""

    use_model: bool = True
    model: Any = None  # a loaded tagger, a checkpoint path/name, or None for the shipped default
    backstop: bool = True  # with the model: the lexicon rules add what the model missed
    debug: bool = False
    schema: Schema | None = None


@dataclass
class Extraction:
    """A record plus what produced it (the document, the tagged spans, the parser's trace)."""

    record: Record
    document: Document
    spans: list = field(default_factory=list)
    debug: list[str] = field(default_factory=list)


def _prose_fields(doc: Document, template: str, year: int | None, lines, opts: Options, schema: Schema):
    from .prose import read_prose

    return read_prose(doc, template=template, year=year, schema=schema, use_model=opts.use_model, model=opts.model, lines=lines, backstop=opts.backstop)


def _merge(tables: dict[str, FieldValue], prose: dict[str, FieldValue]) -> tuple[dict[str, FieldValue], list[Check]]:
    """Table values win; a prose value that disagrees with a table value becomes a failed check (an
    approximate prose figure disagrees only when the table value is more than a fifth away from it)."""
    fields = dict(prose)
    checks = []
    for fid, fv in tables.items():
        p = prose.get(fid)
        if p is not None and p.value is not None and fv.value is not None:
            # an approximate prose figure (50余名, 约300条) agrees with a table value within a fifth of it
            tol = max(1.0, 0.2 * abs(float(p.value))) if p.approximate else 1e-6 * max(1.0, abs(float(fv.value)))
            same = abs(float(p.value) - float(fv.value)) <= tol
            checks.append(
                Check(
                    rule=f"prose_vs_table[{fid}]",
                    status="passed" if same else "failed",
                    message=(f"{fid}: prose {p.value} agrees with the table" if same else f"{fid}: prose says {p.value} ({p.evidence.text!r}) but the table says {fv.value}; the table value is kept"),
                    values={"prose": p.value, "table": fv.value},
                    expected=fv.value,
                    actual=p.value,
                )
            )
        fields[fid] = fv
    return fields, checks


def extract_full(source: str | os.PathLike | Document, options: Options | None = None) -> Extraction:
    """Read a report and return its record along with the intermediate results."""
    opts = options or Options()
    schema = opts.schema or load_schema()
    doc = load(source)
    guess = detect_template(doc.text)
    lines = build_lines(doc)
    parsed = parse_tables(doc, guess.template, schema, lines)
    warnings = list(parsed.warnings)
    prose = _prose_fields(doc, guess.template, guess.year, lines, opts, schema)
    fields, merge_checks = _merge(parsed.fields, prose.fields)
    warnings += prose.warnings
    checks = run_checks({k: v.value for k, v in fields.items()}, schema=schema, template=guess.template) + merge_checks
    if not fields:
        warnings.append("no figures found: is this a 政府信息公开工作年度报告?")
    record = Record(
        gainer_version=__version__,
        schema_version=schema.version,
        source=SourceInfo(doc.path, doc.sha256, doc.format),
        org=guess.org,
        year=guess.year,
        template=guess.template,
        fields=fields,
        other_metrics=list(prose.other_metrics),
        checks=checks,
        warnings=warnings,
    )
    debug = [f"template: {guess.template} ({guess.reason})"] + parsed.debug if opts.debug else []
    return Extraction(record, doc, list(prose.spans), debug)


def extract(
    source: str | os.PathLike | Document, *, use_model: bool = True, model: Any = None, schema: Schema | None = None, backstop: bool = True
) -> Record:
    """Read a report (a path or its text) and return its standard record.

    ``use_model=False`` reads the prose with the lexicon rules only; ``backstop=False`` with the model
    alone (by default the rules add what the model missed)."""
    return extract_full(source, Options(use_model=use_model, model=model, schema=schema, backstop=backstop)).record


def iter_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Expand files and directories (recursively) into report files, in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for q in sorted(path.rglob("*")):
                if q.is_file() and q.suffix.lower() in SUPPORTED_EXTENSIONS and not q.name.startswith("."):
                    yield q
        else:
            yield path


@dataclass
class BatchItem:
    """One file of a batch: its record, or the error message that stopped it."""

    path: Path
    record: Record | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None


def _init_worker(threads: int) -> None:
    """A batch worker: its tagger uses ``threads`` threads unless GAINER_THREADS says otherwise."""
    os.environ.setdefault("GAINER_THREADS", str(threads))


def _extract_one(args: tuple[str, bool, Any, bool]) -> tuple[str, dict | None, str | None]:
    path, use_model, model, backstop = args
    try:
        if isinstance(model, tuple):  # (directory, backend) of the caller's loaded tagger
            from .tagging import load_cached

            model = load_cached(*model)
        return path, extract(Path(path), use_model=use_model, model=model, backstop=backstop).to_dict(), None
    except GainerError as e:
        return path, None, str(e)


def extract_many(
    paths: Iterable[str | os.PathLike],
    *,
    use_model: bool = True,
    model: Any = None,
    jobs: int = 1,
    progress: Callable[[BatchItem], None] | None = None,
    backstop: bool = True,
) -> list[BatchItem]:
    """Extract every report; a file that fails is reported in its item and the rest go on.

    With ``jobs > 1`` worker processes load the model once each: the shipped one, the path or name
    given, or the directory and back-end a loaded tagger came from. A tagger that lives only in
    memory (built during training, or a test double) cannot be handed to other processes: the
    reports are then read in this process with that tagger, one after another."""
    files = list(iter_inputs(paths))
    model_arg: Any = model
    if use_model and model is not None and not isinstance(model, (str, os.PathLike)):
        from .tagging import reload_spec

        model_arg = reload_spec(model)
        if model_arg is None:
            jobs = 1
    if jobs <= 1 or len(files) <= 1:
        items = []
        for f in files:
            try:
                item = BatchItem(f, extract(f, use_model=use_model, model=model, backstop=backstop))
            except GainerError as e:
                item = BatchItem(f, None, str(e))
            items.append(item)
            if progress:
                progress(item)
        return items
    import concurrent.futures as cf

    # worker processes load the model themselves: a path, a name or (directory, backend), never an object
    done: dict[str, BatchItem] = {}
    # each worker's tagger gets its share of the cores: jobs x threads never oversubscribes them
    threads = max(1, (os.cpu_count() or 1) // jobs)
    with cf.ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(threads,)) as ex:
        futures = [ex.submit(_extract_one, (str(f), use_model, model_arg, backstop)) for f in files]
        for fut in cf.as_completed(futures):
            path, rec, err = fut.result()
            item = BatchItem(Path(path), Record.from_dict(rec) if rec is not None else None, err)
            done[path] = item
            if progress:
                progress(item)
    return [done[str(f)] for f in files]
