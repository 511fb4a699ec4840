"""The retraining loop with a Label Studio server: push reports with the tagger's spans as predictions, pull the annotations back for training.

``connect(url, api_key) -> client`` (``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``), then
``push(paths_or_docs, project, tagger=..., client=client) -> PushResult`` and
``pull(project, out_dir, client=client) -> PullResult``. The client is a ``label_studio_sdk.LabelStudio``
(label-studio-sdk 2.x); nothing else in gainer imports the SDK.

Offsets: a task's ``data.text`` is exactly ``Document.text`` and Label Studio's ``granularity="symbol"``
offsets count code points, so ``text[start:end]`` of a pulled span is the labelled text. Pull checks
that for every span and refuses what does not align.

Pulled files are Label Studio JSON task lists (what the export API returns, annotated tasks only) that
``gainer.annotate.labelstudio_json.load_tasks`` reads; they are written atomically under new names and
never replace an earlier pull. The API key never appears in an error message, a repr or a log line.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence, Union

from .errors import AnnotationError, GainerError, InputError, LabelStudioError, MissingDependencyError, ModelError
from .schema import CONFIG_DIR
from .types import AnnotatedText, Document, Span, TAG_LABELS, sha256_text

log = logging.getLogger(__name__)

CONFIG_PATH = CONFIG_DIR / "labelstudio.xml"
URL_ENV = "LABEL_STUDIO_URL"
KEY_ENV = "LABEL_STUDIO_API_KEY"
SDK_REQUIREMENT = "label-studio-sdk==2.1.2"
TITLE_MIN, TITLE_MAX = 3, 50  # Label Studio's PROJECT_TITLE_MIN_LEN / MAX_LEN
SAMPLING = "Uncertainty sampling"  # the labelling stream serves the lowest prediction score first
_KEY_HINT = (
    "in Label Studio open Account & Settings -> Personal Access Token (or Legacy Token), copy it and "
    f"`export {KEY_ENV}=...`; scripts/start_label_studio.sh writes a working key to its env file"
)

PathLike = Union[str, "os.PathLike[str]"]
Pushable = Union[PathLike, Document, AnnotatedText]


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class PushedReport:
    """One report as pushed: its task data keys and the confidence it was ordered by."""

    doc_id: str
    name: str
    path: str
    n_predicted: int
    score: float | None


@dataclass(frozen=True)
class PushResult:
    """What :func:`push` did. ``reports`` are in import order: least confident first."""

    project_id: int
    project_title: str
    project_url: str
    created: bool
    model_version: str | None
    reports: tuple[PushedReport, ...] = ()
    skipped: tuple[str, ...] = ()  # doc_ids already in the project (or given twice): not imported again
    task_ids: tuple[int, ...] = ()
    repredicted: tuple[str, ...] = ()  # skipped, still unlabelled reports given this model's prediction

    @property
    def imported(self) -> int:
        return len(self.reports)


@dataclass(frozen=True)
class PullResult:
    """What :func:`pull` did. ``path`` is None when nothing new was annotated since the last pull."""

    project_id: int
    project_title: str
    path: Path | None
    n_tasks: int  # tasks written to ``path``
    n_spans: int  # spans in the written annotations
    n_exported: int  # tasks in the project's export
    n_unannotated: int  # exported tasks with no submitted annotation (skipped or not yet labelled)
    n_unchanged: int  # annotated tasks already in an earlier pull in ``out_dir``
    changed: tuple[int, ...] = ()  # task ids pulled before whose annotations changed since (both versions are on disk)
    refused: tuple[str, ...] = ()  # problems of tasks left out (only with strict=False)
    docs: tuple[AnnotatedText, ...] = field(default=(), repr=False)


# ---------------------------------------------------------------------------
# Connecting and translating the SDK's errors


def _sdk() -> Any:
    try:
        from label_studio_sdk import LabelStudio
    except ImportError as e:
        raise MissingDependencyError(
            f"label-studio-sdk is not installed ({e.__class__.__name__})",
            source="gainer.labelstudio",
            hint=f"pip install {SDK_REQUIREMENT}  (or pip install -e '.[train]')",
        ) from None
    return LabelStudio


def connect(url: str | None = None, api_key: str | None = None, *, timeout: float = 60.0, check: bool = True) -> Any:
    """A ``label_studio_sdk.LabelStudio`` client for ``url`` with ``api_key`` (defaults: the env variables).

    Both legacy tokens and personal access tokens (JWT refresh tokens, Label Studio >= 1.14) work: the SDK
    tells them apart. With ``check`` the key is tried once (``users.whoami``) so that a server that is down
    or a refused key fails here with a :class:`LabelStudioError` naming the URL, never the key.
    """
    url_from = "connect(url=...)" if url is not None else URL_ENV
    url = (url if url is not None else os.environ.get(URL_ENV, "")).strip()
    key = (api_key if api_key is not None else os.environ.get(KEY_ENV, "")).strip()
    if not url:
        raise LabelStudioError(
            "no Label Studio URL given",
            source="gainer.labelstudio",
            hint=f"export {URL_ENV}=http://127.0.0.1:8089 (scripts/start_label_studio.sh start), or pass url=",
        )
    if not re.match(r"^https?://[^/\s@]+(/|$)", url):
        # the value is not shown: a key passed as the URL by mistake must not end up in a message
        raise LabelStudioError(
            "the Label Studio URL is not of the form http(s)://host[:port] (without user:password@)",
            source=url_from,
            hint="give the server's address, e.g. http://127.0.0.1:8089, and the key separately",
        )
    url = url.rstrip("/")
    if not key:
        raise LabelStudioError("no API key given", source=url, hint=_KEY_HINT)
    LabelStudio = _sdk()
    try:
        client = LabelStudio(base_url=url, api_key=key, timeout=timeout)
    except Exception as e:  # an expired or malformed personal access token is refused while the client is built
        raise _translate(e, url, key, "read the API key") from None
    if check:
        _call(client, "check the API key", lambda: client.users.whoami())
    return client


def _url(client: Any) -> str:
    wrapper = getattr(client, "_client_wrapper", None)
    if wrapper is not None and hasattr(wrapper, "get_base_url"):
        try:
            return str(wrapper.get_base_url()).rstrip("/")
        except Exception:  # a client we do not know: fall through
            pass
    return str(getattr(client, "base_url", "<Label Studio>")).rstrip("/")


def _secret(client: Any) -> str | None:
    """The client's key, only to scrub it from messages (never shown)."""
    tokens = getattr(getattr(client, "_client_wrapper", None), "_tokens_client", None)
    key = getattr(tokens, "_api_key", None)
    return key if isinstance(key, str) and key else None


def _scrub(text: str, *secrets: str | None) -> str:
    for s in secrets:
        if s:
            text = text.replace(s, "***")
    # whatever the server echoes, never pass on anything that looks like a credential header
    return re.sub(r"(?i)(authorization|x-api-key|token)(['\"]?\s*[:=]\s*['\"]?)(bearer |token )?[A-Za-z0-9._\-]{8,}", r"\1\2***", text)


def _detail(body: Any) -> str:
    if isinstance(body, Mapping):
        parts = [str(body[k]) for k in ("detail", "validation_errors", "message", "error") if body.get(k)]
        if parts:
            return ": ".join(parts)[:300]
        return json.dumps(body, ensure_ascii=False, default=str)[:300]
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8", "replace")
    text = str(body or "").strip()
    if text.lower().startswith(("<!doctype", "<html")):
        return "an HTML page instead of a JSON answer"
    return text[:300]


def _is_transport_error(e: BaseException) -> bool:
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx comes with the SDK
        httpx = None
    if httpx is not None and isinstance(e, httpx.TransportError):
        return True
    return isinstance(e, (ConnectionError, TimeoutError))


def _translate(e: BaseException, url: str, key: str | None, what: str) -> GainerError:
    """A gainer error for an exception the SDK (or httpx) raised while doing ``what``; the key is scrubbed."""
    if isinstance(e, GainerError):
        return e
    if _is_transport_error(e):
        kind = type(e).__name__
        reason = "timed out" if "Timeout" in kind or isinstance(e, TimeoutError) else "cannot connect"
        return LabelStudioError(
            f"Label Studio is not reachable ({reason}: {_scrub(str(e) or kind, key)}) while trying to {what}",
            source=url,
            hint=f"start it (scripts/start_label_studio.sh start) or fix {URL_ENV}",
        )
    status = getattr(e, "status_code", None)
    if status is not None:
        detail = _scrub(_detail(getattr(e, "body", None)), key)
        if status in (401, 403):
            return LabelStudioError(f"the server refused the API key (HTTP {status}: {detail}) while trying to {what}", source=url, hint=_KEY_HINT)
        if status == 404:
            return LabelStudioError(
                f"not found (HTTP 404: {detail}) while trying to {what}",
                source=url,
                hint=f"check that {URL_ENV} is the address of a Label Studio server (no path after the port)",
            )
        return LabelStudioError(f"the server answered HTTP {status} ({detail}) while trying to {what}", source=url, hint="see the server's log")
    if isinstance(e, (ValueError, json.JSONDecodeError)):
        return LabelStudioError(
            f"the server's answer could not be read ({type(e).__name__}: {_scrub(str(e), key)[:200]}) while trying to {what}",
            source=url,
            hint=f"check that {URL_ENV} is the address of a Label Studio server",
        )
    return LabelStudioError(f"{type(e).__name__}: {_scrub(str(e), key)[:300]} while trying to {what}", source=url)


def _call(client: Any, what: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except GainerError:
        raise
    except Exception as e:
        # `from None`: the SDK's exception may carry request details; the message says what went wrong
        raise _translate(e, _url(client), _secret(client), what) from None


# ---------------------------------------------------------------------------
# The labelling config


@dataclass(frozen=True)
class LabelConfig:
    """The names a labelling config gives its span labels (``from_name``) and its text (``to_name``)."""

    xml: str = field(repr=False)
    from_name: str
    to_name: str
    labels: tuple[str, ...]
    text_key: str


def load_label_config(path: str | Path | None = None) -> LabelConfig:
    """gainer's labelling config (``configs/labelstudio.xml``), checked against ``TAG_LABELS``."""
    p = Path(path) if path is not None else CONFIG_PATH
    try:
        xml = p.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read the labelling config ({e.strerror or e})", source=str(p), hint="restore configs/labelstudio.xml from git") from None
    return parse_label_config(xml, source=str(p))


def parse_label_config(xml: str, *, source: str = "<label config>") -> LabelConfig:
    """The span labels and text names of a Label Studio config; an error when it cannot hold gainer's labels."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise LabelStudioError(f"the labelling config is not XML ({e})", source=source, hint="compare it with configs/labelstudio.xml") from None
    texts = {el.get("name"): el.get("value", "") for el in root.iter("Text")}
    for labels_el in root.iter("Labels"):
        values = tuple(el.get("value", "") for el in labels_el.iter("Label"))
        to_name = labels_el.get("toName", "")
        if set(TAG_LABELS) <= set(values) and to_name in texts and texts[to_name].startswith("$"):
            return LabelConfig(xml, labels_el.get("name", ""), to_name, values, texts[to_name][1:])
    raise LabelStudioError(
        f"the labelling config has no <Labels> with {' and '.join(TAG_LABELS)} on a <Text> of a task field",
        source=source,
        hint="use configs/labelstudio.xml, or choose another project name",
    )


# ---------------------------------------------------------------------------
# Projects


def _check_title(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise LabelStudioError("the project name is empty", source="gainer.labelstudio", hint=f"give a name of {TITLE_MIN} to {TITLE_MAX} characters")
    name = name.strip()
    if not TITLE_MIN <= len(name) <= TITLE_MAX:
        raise LabelStudioError(
            f"the project name {name!r} has {len(name)} characters; Label Studio needs {TITLE_MIN} to {TITLE_MAX}",
            source="gainer.labelstudio",
            hint="choose a shorter or longer name",
        )
    return name


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def find_project(client: Any, name: str) -> Any | None:
    """The project titled exactly ``name``, or None; an error when several have that title."""
    name = _check_title(name)
    # the API's title filter is a case-insensitive "contains": keep exact matches only
    found = [p for p in _call(client, f"list the projects titled {name!r}", lambda: list(client.projects.list(title=name))) if _field(p, "title") == name]
    if len(found) > 1:
        ids = ", ".join(str(_field(p, "id")) for p in found)
        raise LabelStudioError(f"{len(found)} projects are titled {name!r} (ids {ids})", source=_url(client), hint="rename all but one in Label Studio")
    return found[0] if found else None


def _project_titles(client: Any) -> list[str]:
    return [str(_field(p, "title")) for p in _call(client, "list the projects", lambda: list(client.projects.list()))]


def project_url(client: Any, project_id: int) -> str:
    """The page of a project's tasks in the browser."""
    return f"{_url(client)}/projects/{project_id}/data"


# ---------------------------------------------------------------------------
# Push


@dataclass
class _Report:
    doc_id: str
    text: str
    path: str
    name: str
    spans: list[Span] | None  # None: no predictions


def _expand(items: Iterable[Pushable]) -> list[Pushable]:
    from .readers import SUPPORTED_EXTENSIONS

    out: list[Pushable] = []
    for it in items:
        if isinstance(it, (str, os.PathLike)) and Path(it).is_dir():
            files = sorted(f for f in Path(it).rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_EXTENSIONS)
            if not files:
                raise InputError("no report files in this directory", source=str(it), hint=f"expected files ending in {', '.join(sorted(SUPPORTED_EXTENSIONS))}")
            out.extend(files)
        else:
            out.append(it)
    return out


def _read(item: Pushable) -> _Report:
    if isinstance(item, AnnotatedText):
        path = str(item.meta.get("path", "")) if isinstance(item.meta, dict) else ""
        text, name, spans = item.text, str(item.id), list(item.spans)
        source = name
    else:
        if isinstance(item, Document):
            doc = item
        elif isinstance(item, (str, os.PathLike)):
            from .readers import read_document

            doc = read_document(item)
        else:
            raise InputError(f"cannot push a {type(item).__name__}", source="gainer.labelstudio", hint="pass report paths, Documents or AnnotatedTexts")
        text, path, spans = doc.text, doc.path or "", None
        name = Path(path).stem if path else ""
        source = doc.name
    if not isinstance(text, str) or not text.strip():
        from .errors import EmptyDocumentError

        raise EmptyDocumentError("the report has no text to label", source=source, hint="leave it out of the push")
    doc_id = sha256_text(text)
    return _Report(doc_id=doc_id, text=text, path=path, name=name or doc_id[:12], spans=spans)


def _tag_all(tagger: Any, reports: Sequence[_Report]) -> None:
    texts = [r.text for r in reports]
    source = str(getattr(tagger, "source", type(tagger).__name__))
    try:
        if hasattr(tagger, "tag_batch"):
            batches = tagger.tag_batch(texts)
        else:
            batches = [tagger.tag(t) for t in texts]
    except GainerError:
        raise
    except Exception as e:
        raise ModelError(f"the tagger failed ({type(e).__name__}: {e})", source=source, hint="check the model with `gainer tag` on one report") from e
    for r, spans in zip(reports, batches):
        r.spans = list(spans)


def _check_spans(r: _Report, source: str) -> None:
    for s in r.spans or ():
        if not (0 <= s.start < s.end <= len(r.text)) or r.text[s.start : s.end] != s.text or s.label not in TAG_LABELS:
            raise ModelError(
                f"a predicted span {s.label}[{s.start}, {s.end}) {s.text!r} does not fit the report's text",
                source=f"{source}: {r.path or r.name}",
                hint=f"spans must satisfy text[start:end] == span.text with a label in {TAG_LABELS}",
            )


def report_confidence(spans: Sequence[Span]) -> float:
    """A report's confidence: the mean score of its predicted spans (0.0 with none, so it is labelled first).

    A report in which the tagger found nothing is the likeliest to need a person: every report has figures.
    """
    scores = [float(s.score) for s in spans if s.score is not None]
    return round(sum(scores) / len(scores), 6) if scores else 0.0


def _result(spans: Sequence[Span], config: LabelConfig) -> list[dict[str, Any]]:
    out = []
    for i, s in enumerate(sorted(spans, key=lambda s: (s.start, s.end, s.label))):
        item: dict[str, Any] = {
            "id": f"g{i}",
            "from_name": config.from_name,
            "to_name": config.to_name,
            "type": "labels",
            "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]},
        }
        if s.score is not None:
            item["score"] = round(float(s.score), 6)
        out.append(item)
    return out


def _model_version(tagger: Any) -> str:
    meta = getattr(tagger, "meta", None) or {}
    if isinstance(meta, dict) and meta.get("model_version"):
        return str(meta["model_version"])
    name = Path(str(getattr(tagger, "source", "") or "model")).name or "model"
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:8]
    return f"{name}-{digest}"


@dataclass
class _Prepared:
    reports: list[tuple[float | None, _Report]]  # least confident first
    duplicates: list[str]
    model_version: str | None


def _prepare(reports: Sequence[Pushable], tagger: Any, model_version: str | None) -> _Prepared:
    """Read (and tag) every report and order them least confident first; no server involved."""
    items = _expand(reports)
    if not items:
        raise InputError("nothing to push", source="gainer.labelstudio", hint="give report files, a directory of reports, or Documents")
    seen: set[str] = set()
    uniq: list[_Report] = []
    duplicates: list[str] = []
    for r in (_read(it) for it in items):
        if r.doc_id in seen:
            duplicates.append(r.doc_id)
            continue
        seen.add(r.doc_id)
        uniq.append(r)
    if tagger is not None:
        _tag_all(tagger, uniq)
        model_version = model_version or _model_version(tagger)
    source = str(getattr(tagger, "source", "<spans>"))
    if any(r.spans is not None for r in uniq) and not model_version:
        model_version = "gainer"
    scored: list[tuple[float | None, _Report]] = []
    for r in uniq:
        if r.spans is not None:
            _check_spans(r, source)
            scored.append((report_confidence(r.spans), r))
        else:
            scored.append((None, r))
    # least confident first; reports without predictions after the predicted ones, in the given order
    order = sorted(range(len(scored)), key=lambda i: (scored[i][0] is None, scored[i][0] or 0.0, i))
    return _Prepared([scored[i] for i in order], duplicates, model_version)


def _tasks(prepared: _Prepared, config: LabelConfig) -> tuple[list[dict[str, Any]], list[PushedReport]]:
    tasks: list[dict[str, Any]] = []
    pushed: list[PushedReport] = []
    for score, r in prepared.reports:
        task: dict[str, Any] = {"data": {config.text_key: r.text, "doc_id": r.doc_id, "path": r.path, "name": r.name}}
        if r.spans is not None:
            task["predictions"] = [{"model_version": prepared.model_version, "score": score, "result": _result(r.spans, config)}]
        tasks.append(task)
        pushed.append(PushedReport(r.doc_id, r.name, r.path, len(r.spans or ()), score))
    return tasks, pushed


def build_tasks(
    reports: Sequence[Pushable], *, tagger: Any = None, model_version: str | None = None, label_config: LabelConfig | None = None
) -> tuple[list[dict[str, Any]], list[PushedReport], list[str], str | None]:
    """The Label Studio tasks of ``reports`` (least confident first), without talking to a server.

    Returns ``(tasks, pushed, duplicates, model_version)``. Every task has ``data.text`` (the report's
    text, so offsets match), ``data.doc_id`` (sha256 of the text), ``data.path`` and ``data.name``; with a
    tagger (or AnnotatedTexts) it has one prediction whose ``score`` is :func:`report_confidence`.
    """
    prepared = _prepare(reports, tagger, model_version)
    tasks, pushed = _tasks(prepared, label_config or load_label_config())
    return tasks, pushed, prepared.duplicates, prepared.model_version


@dataclass
class _Existing:
    task_id: int
    labeled: bool
    model_versions: set[str]


def _existing_tasks(client: Any, project_id: int) -> dict[str, _Existing]:
    """doc_id -> the project's task for it (with the model versions of its predictions)."""
    tasks = _call(client, f"list the tasks of project {project_id}", lambda: list(client.tasks.list(project=project_id, fields="all")))
    out: dict[str, _Existing] = {}
    for t in tasks:
        data = _field(t, "data") or {}
        if not (isinstance(data, Mapping) and data.get("doc_id")):
            continue
        versions = {str(_field(p, "model_version")) for p in (_field(t, "predictions") or []) if _field(p, "model_version")}
        labeled = bool(_field(t, "is_labeled")) or bool(_field(t, "total_annotations"))
        out.setdefault(str(data["doc_id"]), _Existing(int(_field(t, "id")), labeled, versions))
    return out


def push(
    paths_or_docs: Iterable[Pushable] | Pushable,
    project_name: str,
    *,
    tagger: Any = None,
    model_version: str | None = None,
    client: Any,
    label_config: str | Path | None = None,
) -> PushResult:
    """Import reports into the project titled ``project_name`` (created with gainer's config when missing).

    With ``tagger`` (anything with ``.tag(text) -> list[Span]``) each task carries the tagger's spans as a
    prediction of ``model_version``, scored by the report's mean span confidence; tasks are imported least
    confident first, the project samples by that score ("Uncertainty sampling") and shows ``model_version``'s
    predictions. Reports already in the project (same text) are not imported again, so pushing twice is
    harmless; with a new ``model_version`` their unlabelled tasks get its prediction (``repredicted``).
    Everything is read and tagged before the first request, so a bad report changes nothing on the server.
    """
    title = _check_title(project_name)
    if isinstance(paths_or_docs, (str, os.PathLike, Document, AnnotatedText)):
        paths_or_docs = [paths_or_docs]
    ours = load_label_config(label_config)
    prepared = _prepare(list(paths_or_docs), tagger, model_version)
    version = prepared.model_version

    project = find_project(client, title)
    created = project is None
    if created:
        kwargs: dict[str, Any] = {"title": title, "label_config": ours.xml, "sampling": SAMPLING, "description": "gainer: METRIC/VALUE spans in report prose"}
        if version:
            kwargs["model_version"] = version
        project = _call(client, f"create the project {title!r}", lambda: client.projects.create(**kwargs))
        config = ours
    else:
        # an existing project keeps its config; the results use its names for the labels and the text
        config = parse_label_config(str(_field(project, "label_config") or ""), source=f"{_url(client)} project {title!r}")
    pid = int(_field(project, "id"))
    tasks, pushed = _tasks(prepared, config)
    existing = _existing_tasks(client, pid) if not created else {}
    skipped = list(prepared.duplicates)
    repredicted: list[str] = []
    keep_tasks, keep_reports = [], []
    for t, r in zip(tasks, pushed):
        there = existing.get(r.doc_id)
        if there is None:
            keep_tasks.append(t)
            keep_reports.append(r)
            continue
        skipped.append(r.doc_id)
        if "predictions" in t and not there.labeled and version not in there.model_versions:
            # a new model re-scores the reports still waiting, so the stream re-orders by its confidence
            pred = t["predictions"][0]
            _call(
                client,
                f"add a prediction to task {there.task_id}",
                lambda: client.predictions.create(task=there.task_id, result=pred["result"], score=pred["score"], model_version=version),
            )
            repredicted.append(r.doc_id)
    task_ids: list[int] = []
    if keep_tasks:
        resp = _call(
            client,
            f"import {len(keep_tasks)} task(s) into project {pid}",
            lambda: client.projects.import_tasks(id=pid, request=keep_tasks, return_task_ids=True),
        )
        task_ids = [int(i) for i in (_field(resp, "task_ids") or [])]
    predicted = repredicted or any("predictions" in t for t in keep_tasks)
    if version and predicted and not created and _field(project, "model_version") != version:
        # the labelling stream shows (and samples by) the predictions of the project's model_version;
        # Label Studio accepts a version only once predictions of it exist, hence after the import
        _call(client, f"set the model version of project {pid}", lambda: client.projects.update(id=pid, model_version=version))
    return PushResult(
        project_id=pid,
        project_title=title,
        project_url=project_url(client, pid),
        created=created,
        model_version=version,
        reports=tuple(keep_reports),
        skipped=tuple(skipped),
        task_ids=tuple(task_ids),
        repredicted=tuple(repredicted),
    )


# ---------------------------------------------------------------------------
# Pull


def _load_tasks() -> Callable[..., Any]:
    try:
        from .annotate.labelstudio_json import load_tasks
    except ImportError as e:
        raise MissingDependencyError(
            f"gainer.annotate.labelstudio_json is not available ({e})", source="gainer.labelstudio", hint="update gainer"
        ) from None
    return load_tasks


def _report_problems(report: Any) -> list[str]:
    """The error messages of a ValidationReport."""
    return [str(p) for p in report.errors] if report is not None else []


def _submitted(task: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [a for a in task.get("annotations") or [] if isinstance(a, Mapping) and not a.get("was_cancelled")]


def _task_label(task: Mapping[str, Any]) -> str:
    data = task.get("data") or {}
    name = data.get("name") or data.get("path") or data.get("doc_id") or ""
    return f"task {task.get('id')}" + (f" ({name})" if name else "")


def _utf16_index(text: str, offset: int) -> int | None:
    from .annotate.labelstudio_json import utf16_to_index

    return utf16_to_index(text, offset)


def _as_int(v: Any) -> int | None:
    from .annotate.labelstudio_json import as_int

    return as_int(v)


def check_task(task: Mapping[str, Any], *, text_key: str = "text") -> list[str]:
    """Alignment problems of the submitted annotations of one exported task (empty when it is clean).

    Every span needs integer offsets inside the text, ``text[start:end] == value.text``, and exactly one
    label of ``TAG_LABELS``; spans of one annotation may not overlap. Offsets that only fit as UTF-16
    code units (older Label Studio frontends) pass: ``load_tasks`` converts them and warns.
    """
    where = _task_label(task)
    data = task.get("data")
    text = data.get(text_key) if isinstance(data, Mapping) else None
    if not isinstance(text, str):
        return [f"{where}: no data.{text_key} string"]
    problems: list[str] = []
    for a in _submitted(task):
        spans: list[tuple[int, int]] = []
        for item in a.get("result") or []:
            value = item.get("value") if isinstance(item, Mapping) else None
            if not isinstance(value, Mapping) or "start" not in value:
                continue  # not a span (e.g. a relation); load_tasks decides about those
            s, e, labels = _as_int(value.get("start")), _as_int(value.get("end")), value.get("labels") or []
            said = value.get("text") if isinstance(value.get("text"), str) else None
            tag = f"{where}, annotation {a.get('id')}: span [{value.get('start')}, {value.get('end')}) {labels}"
            if s is None or e is None:
                problems.append(f"{tag}: offsets are not integers")
                continue
            if 0 <= s < e <= len(text) and (said is None or text[s:e] == said):
                at = (s, e)
            else:
                cs, ce = _utf16_index(text, s), _utf16_index(text, e)
                if cs is not None and ce is not None and cs < ce and (said is None or text[cs:ce] == said):
                    at = (cs, ce)
                elif not 0 <= s < e <= len(text):
                    problems.append(f"{tag}: offsets outside the text of length {len(text)}")
                    continue
                else:
                    problems.append(f"{tag}: misaligned, the span says {said!r} but the text there is {text[s:e]!r}")
                    continue
            if len(labels) != 1 or labels[0] not in TAG_LABELS:
                problems.append(f"{tag}: expected one label of {', '.join(TAG_LABELS)}")
                continue
            spans.append(at)
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            if s2 < e1:
                problems.append(f"{where}, annotation {a.get('id')}: spans [{s1}, {e1}) and [{s2}, {e2}) overlap")
    return problems


def _validate(task: Mapping[str, Any], load_tasks: Callable[..., Any], text_key: str) -> tuple[list[str], list[AnnotatedText]]:
    problems = check_task(task, text_key=text_key)
    if problems:
        return problems, []
    try:
        docs, report = load_tasks([dict(task)], strict=True, text_key=text_key)
    except AnnotationError as e:
        return [f"{_task_label(task)}: {e.message}"], []
    problems = [f"{_task_label(task)}: {p}" for p in _report_problems(report)]
    return problems, list(docs)


def _slug(name: str) -> str:
    s = re.sub(r"[^\w.]+", "-", name, flags=re.UNICODE).strip("-.")
    return s or "project"


def _signature(task: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((str(a.get("id")), str(a.get("updated_at") or a.get("created_at"))) for a in _submitted(task)))


def _earlier(out_dir: Path, slug: str) -> dict[tuple[str, str], tuple[Any, ...]]:
    """(task id, doc_id) -> annotation signature of every task in this project's earlier pulls in ``out_dir``."""
    seen: dict[tuple[str, str], tuple[Any, ...]] = {}
    if not out_dir.is_dir():
        return seen
    own = re.compile(re.escape(slug) + r"-\d{8}T\d{6}Z(-\d+)?\.json")
    for f in sorted(p for p in out_dir.glob("*.json") if own.fullmatch(p.name)):
        try:
            tasks = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            log.warning("%s: not read as an earlier pull (%s); its tasks count as new", f, type(e).__name__)
            continue
        for t in tasks if isinstance(tasks, list) else []:
            if isinstance(t, Mapping):
                key = (str(t.get("id")), str((t.get("data") or {}).get("doc_id", "")))
                seen[key] = _signature(t)
    return seen


def write_new_file(out_dir: Path, stem: str, payload: str) -> Path:
    """Write ``payload`` to ``out_dir/<stem>.json`` (or ``<stem>-2.json``, ...) atomically, never replacing a file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    # the temporary name does not end in .json, so training never reads a half-written file
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".partial", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 1000):
            target = out_dir / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
            try:
                os.link(tmp, target)  # atomic, and fails instead of replacing an existing file
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system: rename, after checking the name is free
                if target.exists():
                    continue
                os.replace(tmp, target)
                return target
            return target
        raise LabelStudioError("no free file name", source=str(out_dir / stem), hint="move earlier pulls elsewhere")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def pull(
    project_name: str,
    out_dir: str | Path,
    *,
    client: Any,
    strict: bool = True,
    incremental: bool = True,
    now: datetime | None = None,
) -> PullResult:
    """Export the JSON annotations of the project titled ``project_name`` into a new file in ``out_dir``.

    The file, ``<project>-<UTC time>.json``, holds the annotated tasks (cancelled annotations and
    unlabelled tasks left out) as Label Studio JSON, each checked with :func:`check_task` and
    ``load_tasks``. A misaligned or otherwise invalid annotation raises :class:`AnnotationError` naming
    every problem and writes nothing; ``strict=False`` leaves those tasks out and lists them in
    ``refused``. With ``incremental`` only tasks new or re-annotated since the pulls already in
    ``out_dir`` are written (``path`` is None when there are none). Earlier files are never touched.
    A missing project or a project with no annotated task raises :class:`LabelStudioError`.
    """
    title = _check_title(project_name)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("not a directory", source=str(out), hint="give a directory for the pulled annotations, e.g. annotations/labelstudio")
    load_tasks = _load_tasks()
    project = find_project(client, title)
    if project is None:
        titles = _project_titles(client)
        raise LabelStudioError(
            f"no project titled {title!r}",
            source=_url(client),
            hint=f"existing projects: {', '.join(repr(t) for t in titles[:20]) or 'none'}; push reports first",
        )
    pid = int(_field(project, "id"))
    try:
        config = parse_label_config(str(_field(project, "label_config") or ""), source=f"project {title!r}")
        text_key = config.text_key
    except LabelStudioError:
        text_key = "text"
    # JSON export only: the CoNLL export splits on whitespace, which Chinese text does not have
    exported = _call(client, f"export project {pid} as JSON", lambda: client.projects.exports.as_json(pid))
    if not isinstance(exported, list):
        raise LabelStudioError(f"the JSON export of project {pid} is a {type(exported).__name__}, not a list of tasks", source=_url(client), hint="see the server's log")
    annotated = []
    for t in exported:
        if isinstance(t, Mapping) and _submitted(t):
            t = dict(t)
            t["annotations"] = list(_submitted(t))
            t.pop("drafts", None)
            annotated.append(t)
    if not annotated:
        raise LabelStudioError(
            f"project {title!r} has no annotated tasks ({len(exported)} task(s), none submitted)",
            source=project_url(client, pid),
            hint="label some reports in the browser and press Submit, then pull again",
        )

    problems: list[str] = []
    valid: list[tuple[dict[str, Any], list[AnnotatedText]]] = []
    for t in annotated:
        p, docs = _validate(t, load_tasks, text_key)
        if p:
            problems.extend(p)
        else:
            valid.append((t, docs))
    if problems and strict:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise AnnotationError(
            f"{len(problems)} invalid annotation(s), nothing written: {shown}",
            source=project_url(client, pid),
            hint="fix these tasks in Label Studio (re-select each span on the text) and pull again, or pull with strict=False to leave them out",
        )

    slug = _slug(title)
    earlier = _earlier(out, slug) if incremental else {}
    new: list[tuple[dict[str, Any], list[AnnotatedText]]] = []
    changed: list[int] = []
    for t, docs in valid:
        key = (str(t.get("id")), str((t.get("data") or {}).get("doc_id", "")))
        if key in earlier:
            if earlier[key] == _signature(t):
                continue
            changed.append(int(t.get("id") or -1))
        new.append((t, docs))
    n_unchanged = len(valid) - len(new)
    path = None
    n_spans = 0
    if new:
        stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        payload = json.dumps([t for t, _ in new], ensure_ascii=False, indent=1)
        path = write_new_file(out, f"{slug}-{stamp}", payload)
        n_spans = sum(len(a.get("result") or []) for t, _ in new for a in t["annotations"])
    if changed:
        log.warning("%s: %d task(s) were re-annotated since an earlier pull; both versions are in %s", title, len(changed), out)
    return PullResult(
        project_id=pid,
        project_title=title,
        path=path,
        n_tasks=len(new),
        n_spans=n_spans,
        n_exported=len(exported),
        n_unannotated=len(exported) - len(annotated),
        n_unchanged=n_unchanged,
        changed=tuple(changed),
        refused=tuple(problems),
        docs=tuple(d for _, docs in new for d in docs),
    )


__all__ = [
    "CONFIG_PATH",
    "LabelConfig",
    "PullResult",
    "PushResult",
    "PushedReport",
    "build_tasks",
    "check_task",
    "connect",
    "find_project",
    "load_label_config",
    "parse_label_config",
    "project_url",
    "pull",
    "push",
    "report_confidence",
    "write_new_file",
]
