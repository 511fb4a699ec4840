"""gainer.labelstudio against a fake Label Studio client (no server): connect, push, pull and their errors."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from gainer import labelstudio as ls
from gainer.errors import AnnotationError, EmptyDocumentError, InputError, LabelStudioError, ModelError
from gainer.types import TAG_LABELS, AnnotatedText, Document, Span

SECRET = "s3cr3t-key-0123456789abcdef"
URL = "http://ls.invalid:8080"
REPORT_A = "一、总体情况\n本年度主动公开政府信息128条，其中规范性文件6件。\n"
REPORT_B = "二、依申请公开\n本年度新收政府信息公开申请35件，办结33件。\n"
NOW = datetime(2026, 3, 1, 8, 30, 0, tzinfo=timezone.utc)


# ---------------------------------------------------------------------------
# Fakes


class FakeApiError(Exception):
    """Shaped like label_studio_sdk.core.api_error.ApiError (status_code, body, headers)."""

    def __init__(self, status_code: int, body: Any, headers: dict[str, str] | None = None):
        self.status_code = status_code
        self.body = body
        self.headers = headers or {}

    def __str__(self) -> str:
        return f"headers: {self.headers}, status_code: {self.status_code}, body: {self.body}"


class _Tokens:
    def __init__(self, key: str):
        self._api_key = key


class _Wrapper:
    def __init__(self, url: str, key: str):
        self._url = url
        self._tokens_client = _Tokens(key)

    def get_base_url(self) -> str:
        return self._url


class FakeServer:
    """The state of a Label Studio server: projects, tasks, annotations."""

    def __init__(self) -> None:
        self.projects: dict[int, dict[str, Any]] = {}
        self.tasks: dict[int, dict[str, Any]] = {}
        self.calls: list[str] = []
        self.fail: Exception | None = None
        self._ids = {"project": 0, "task": 0, "annotation": 0}

    def next_id(self, kind: str) -> int:
        self._ids[kind] += 1
        return self._ids[kind]

    def hit(self, name: str) -> None:
        self.calls.append(name)
        if self.fail is not None:
            raise self.fail

    def add_project(self, title: str, label_config: str | None = None, **kw: Any) -> dict[str, Any]:
        pid = self.next_id("project")
        p = {"id": pid, "title": title, "label_config": label_config or ls.load_label_config().xml, "model_version": "", "sampling": "Sequential sampling"}
        p.update(kw)
        self.projects[pid] = p
        return p

    def annotate(self, task_id: int, spans: list[tuple[int, int, str]], *, cancelled: bool = False, text: str | None = None) -> dict[str, Any]:
        t = self.tasks[task_id]
        body = t["data"]["text"]
        result = [
            {"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": s, "end": e, "text": text if text is not None else body[s:e], "labels": [lab]}}
            for s, e, lab in spans
        ]
        a = {"id": self.next_id("annotation"), "result": result, "was_cancelled": cancelled, "updated_at": f"2026-03-01T00:00:{len(self.calls):02d}Z"}
        t["annotations"].append(a)
        return a

    def export(self, pid: int) -> list[dict[str, Any]]:
        return [json.loads(json.dumps(t)) for t in self.tasks.values() if t["project"] == pid]


class FakeProjects:
    def __init__(self, server: FakeServer):
        self.s = server
        self.exports = FakeExports(server)

    def list(self, title: str | None = None, **kw: Any) -> list[dict[str, Any]]:
        self.s.hit("projects.list")
        return [p for p in self.s.projects.values() if title is None or title.lower() in p["title"].lower()]

    def create(self, **kw: Any) -> dict[str, Any]:
        self.s.hit("projects.create")
        title = kw.pop("title")
        return self.s.add_project(title, **kw)

    def update(self, id: int, **kw: Any) -> dict[str, Any]:
        self.s.hit("projects.update")
        mv = kw.get("model_version")
        if mv and not any(p.get("model_version") == mv for t in self.s.tasks.values() if t["project"] == id for p in t["predictions"]):
            # as Label Studio: a model version must exist as predictions before a project can use it
            raise FakeApiError(400, {"detail": "Validation error", "validation_errors": {"model_version": ["Model version doesn't exist"]}})
        self.s.projects[id].update(kw)
        return self.s.projects[id]

    def import_tasks(self, id: int, request: list[dict[str, Any]], return_task_ids: bool = False, **kw: Any) -> dict[str, Any]:
        self.s.hit("projects.import_tasks")
        ids = []
        for r in request:
            tid = self.s.next_id("task")
            self.s.tasks[tid] = {"id": tid, "project": id, "data": dict(r["data"]), "annotations": [], "predictions": list(r.get("predictions", [])), "drafts": []}
            ids.append(tid)
        return {"task_count": len(ids), "task_ids": ids}


class FakeExports:
    def __init__(self, server: FakeServer):
        self.s = server

    def as_json(self, project_id: int, **kw: Any) -> list[dict[str, Any]]:
        self.s.hit("exports.as_json")
        return self.s.export(project_id)


class FakeTasks:
    def __init__(self, server: FakeServer):
        self.s = server

    def list(self, project: int, **kw: Any) -> list[dict[str, Any]]:
        self.s.hit("tasks.list")
        return [dict(t, is_labeled=any(not a["was_cancelled"] for a in t["annotations"])) for t in self.s.tasks.values() if t["project"] == project]


class FakePredictions:
    def __init__(self, server: FakeServer):
        self.s = server

    def create(self, task: int, result: list[dict[str, Any]], score: float | None = None, model_version: str | None = None, **kw: Any) -> dict[str, Any]:
        self.s.hit("predictions.create")
        pred = {"task": task, "result": result, "score": score, "model_version": model_version}
        self.s.tasks[task]["predictions"].append(pred)
        return pred


class FakeClient:
    def __init__(self, server: FakeServer | None = None, key: str = SECRET):
        self.server = server or FakeServer()
        self._client_wrapper = _Wrapper(URL, key)
        self.projects = FakeProjects(self.server)
        self.tasks = FakeTasks(self.server)
        self.predictions = FakePredictions(self.server)


class FakeTagger:
    """Tags every run of digits followed by 条/件 as VALUE, with a fixed score per report."""

    source = "/models/fake-tagger"
    meta = {"trained": "today"}

    def __init__(self, scores: dict[str, float] | None = None):
        self.scores = scores or {}

    def tag(self, text: str) -> list[Span]:
        import re

        score = next((v for k, v in self.scores.items() if k in text), 0.8)
        return [Span.from_text(text, m.start(), m.end(), "VALUE", score) for m in re.finditer(r"\d+[条件]", text)]


def _fake_load_tasks(obj: Any, strict: bool = True, **kw: Any) -> tuple[list[AnnotatedText], Any]:
    """Stands in for gainer.annotate.labelstudio_json.load_tasks until it exists."""
    tasks = json.loads(Path(obj).read_text(encoding="utf-8")) if isinstance(obj, (str, Path)) else obj
    docs = []
    for t in tasks:
        text = t["data"]["text"]
        ann = [a for a in t.get("annotations", []) if not a.get("was_cancelled")]
        spans = []
        for r in ann[0]["result"] if ann else []:
            v = r["value"]
            if text[v["start"] : v["end"]] != v.get("text"):
                raise AnnotationError(f"misaligned span {v}", source="<tasks>")
            spans.append(Span.from_text(text, v["start"], v["end"], v["labels"][0]))
        docs.append(AnnotatedText(str(t.get("id")), text, tuple(spans), dict(t["data"])))
    return docs, None


@pytest.fixture(autouse=True)
def load_tasks_impl(monkeypatch: pytest.MonkeyPatch):
    """The real loader when gainer.annotate exists, else the fake above."""
    try:
        from gainer.annotate.labelstudio_json import load_tasks
    except ImportError:
        monkeypatch.setattr(ls, "_load_tasks", lambda: _fake_load_tasks)
        return _fake_load_tasks
    return load_tasks


@pytest.fixture
def client() -> FakeClient:
    return FakeClient()


def docs() -> list[Document]:
    return [Document.from_text(REPORT_A, path="reports/a.txt"), Document.from_text(REPORT_B, path="reports/b.txt")]


def _no_secret(err: BaseException) -> None:
    rendered = "".join(traceback.format_exception(type(err), err, err.__traceback__))
    for text in (str(err), repr(err), rendered, str(getattr(err, "hint", "")), str(getattr(err, "source", ""))):
        assert SECRET not in text


# ---------------------------------------------------------------------------
# The labelling config


def test_config_has_gainer_labels_on_symbol_text():
    cfg = ls.load_label_config()
    assert set(cfg.labels) == set(TAG_LABELS)
    assert (cfg.from_name, cfg.to_name, cfg.text_key) == ("label", "text", "text")
    import xml.etree.ElementTree as ET

    text = next(ET.fromstring(cfg.xml).iter("Text"))
    assert text.get("granularity") == "symbol"
    assert "xml=" not in repr(cfg)


@pytest.mark.parametrize("xml", ["", "   ", "<View>", "<View><Text name='text' value='$text'/></View>", "<View><Labels name='l' toName='t'><Label value='METRIC'/></Labels><Text name='t' value='$text'/></View>"])
def test_config_without_gainer_labels_is_refused(xml):
    with pytest.raises(LabelStudioError):
        ls.parse_label_config(xml)


def test_config_file_missing(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        ls.load_label_config(tmp_path / "nope.xml")


# ---------------------------------------------------------------------------
# connect: configuration, server down, wrong key


def test_connect_needs_url_and_key(monkeypatch):
    monkeypatch.delenv(ls.URL_ENV, raising=False)
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    with pytest.raises(LabelStudioError, match="no Label Studio URL"):
        ls.connect()
    with pytest.raises(LabelStudioError, match="no API key"):
        ls.connect("http://127.0.0.1:1")
    with pytest.raises(LabelStudioError, match="no API key"):
        ls.connect("http://127.0.0.1:1", "   ")
    with pytest.raises(LabelStudioError, match="not of the form"):
        ls.connect("127.0.0.1:8080", SECRET)
    for wrong in (SECRET, f"http://user:{SECRET}@127.0.0.1:1"):  # a key given as the URL is not echoed
        with pytest.raises(LabelStudioError) as ei:
            ls.connect(wrong, "k")
        _no_secret(ei.value)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connect_server_down_names_url_not_key():
    pytest.importorskip("label_studio_sdk")
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(LabelStudioError) as ei:
        ls.connect(url, SECRET, timeout=5)
    msg = str(ei.value)
    assert url in msg and "not reachable" in msg and "start_label_studio.sh" in msg
    _no_secret(ei.value)


class _Refuse(http.server.BaseHTTPRequestHandler):
    """Answers every request like Label Studio answers a wrong key, echoing the header back for good measure."""

    def _answer(self) -> None:
        body = json.dumps({"detail": "Invalid token.", "echo": self.headers.get("Authorization", "")}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def refusing_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_connect_wrong_key_is_refused_without_showing_it(refusing_server):
    pytest.importorskip("label_studio_sdk")
    with pytest.raises(LabelStudioError) as ei:
        ls.connect(refusing_server, SECRET, timeout=5)
    msg = str(ei.value)
    assert "refused the API key" in msg and refusing_server in msg and "Personal Access Token" in msg
    assert ei.value.code == "E500"
    _no_secret(ei.value)


def test_connect_expired_personal_access_token(refusing_server):
    pytest.importorskip("label_studio_sdk")
    jwt = pytest.importorskip("jwt")
    token = jwt.encode({"token_type": "refresh", "exp": 1_000_000_000, "jti": SECRET}, "k" * 32, algorithm="HS256")
    with pytest.raises(LabelStudioError) as ei:
        ls.connect(refusing_server, token, timeout=5)
    assert "expired" in str(ei.value)
    assert token not in str(ei.value) and token not in "".join(traceback.format_exception(ei.value))


def test_api_error_mid_call_hides_key(client):
    client.server.fail = FakeApiError(403, {"detail": f"bad token {SECRET}"}, {"authorization": f"Token {SECRET}"})
    with pytest.raises(LabelStudioError) as ei:
        ls.push(docs(), "gainer-test", client=client)
    assert "HTTP 403" in str(ei.value) and URL in str(ei.value)
    _no_secret(ei.value)


def test_server_down_mid_call(client):
    httpx = pytest.importorskip("httpx")
    client.server.fail = httpx.ConnectError("[Errno 111] Connection refused")
    with pytest.raises(LabelStudioError, match="not reachable"):
        ls.pull("gainer-test", "unused", client=client)


def test_html_answer_is_summarised(client):
    client.server.fail = FakeApiError(500, "<!DOCTYPE html><html>" + "x" * 5000)
    with pytest.raises(LabelStudioError) as ei:
        ls.push(docs(), "gainer-test", client=client)
    assert "HTML page" in str(ei.value) and len(str(ei.value)) < 500


# ---------------------------------------------------------------------------
# push


def test_push_creates_project_and_orders_least_confident_first(client):
    tagger = FakeTagger({"依申请": 0.3, "总体": 0.9})
    res = ls.push(docs(), "gainer-test", tagger=tagger, model_version="v1", client=client)
    srv = client.server
    assert res.created and res.imported == 2 and res.model_version == "v1"
    p = srv.projects[res.project_id]
    assert p["title"] == "gainer-test" and p["sampling"] == ls.SAMPLING and p["model_version"] == "v1"
    assert ls.parse_label_config(p["label_config"]).labels == ("METRIC", "VALUE")
    tasks = [srv.tasks[i] for i in res.task_ids]
    assert [t["data"]["text"] for t in tasks] == [REPORT_B, REPORT_A]  # 0.3 before 0.9
    assert [r.score for r in res.reports] == [0.3, 0.9]
    for t in tasks:
        (pred,) = t["predictions"]
        assert pred["model_version"] == "v1"
        text = t["data"]["text"]
        assert t["data"]["doc_id"] and t["data"]["path"].startswith("reports/")
        for r in pred["result"]:
            v = r["value"]
            assert r["type"] == "labels" and r["from_name"] == "label" and r["to_name"] == "text"
            assert text[v["start"] : v["end"]] == v["text"] and v["labels"] == ["VALUE"]
        assert pred["score"] == pytest.approx(sum(r["score"] for r in pred["result"]) / len(pred["result"]))
    assert res.project_url == f"{URL}/projects/{res.project_id}/data"


def test_push_reuses_project_by_exact_title_and_skips_reports_already_there(client):
    client.server.add_project("gainer-test-other")
    first = ls.push(docs()[:1], "gainer-test", client=client)
    again = ls.push(docs(), "gainer-test", tagger=FakeTagger(), client=client)
    assert not again.created and again.project_id == first.project_id
    assert again.imported == 1 and len(again.skipped) == 1
    assert client.server.projects[first.project_id]["model_version"] == again.model_version  # predictions shown
    assert again.model_version.startswith("fake-tagger-")
    assert len(client.server.tasks) == 2


def test_push_with_a_new_model_rescores_unlabelled_reports(client):
    b, a = _pushed(client)  # fake-tagger's version
    _label_b(client, b)
    res = ls.push(docs(), "gainer-test", tagger=FakeTagger(), model_version="v2", client=client)
    assert res.imported == 0 and len(res.skipped) == 2
    assert res.repredicted == (client.server.tasks[a]["data"]["doc_id"],)
    assert [p["model_version"] for p in client.server.tasks[a]["predictions"]][-1] == "v2"
    assert len(client.server.tasks[b]["predictions"]) == 1  # labelled: left alone
    assert client.server.projects[res.project_id]["model_version"] == "v2"
    again = ls.push(docs(), "gainer-test", tagger=FakeTagger(), model_version="v2", client=client)
    assert again.repredicted == ()


def test_push_same_report_twice_in_one_call(client):
    res = ls.push([docs()[0], docs()[0]], "gainer-test", client=client)
    assert res.imported == 1 and len(res.skipped) == 1


def test_push_without_tagger_has_no_predictions(client):
    res = ls.push(docs(), "gainer-test", client=client)
    assert res.model_version is None
    assert all(not t["predictions"] for t in client.server.tasks.values())
    assert [r.score for r in res.reports] == [None, None]


def test_push_annotated_texts_as_predictions(client):
    doc = AnnotatedText("seed-1", REPORT_A, (Span.from_text(REPORT_A, 15, 19, "VALUE", 0.5),), {"path": "seed-1.txt"})
    res = ls.push([doc], "gainer-test", client=client)
    (task,) = client.server.tasks.values()
    assert task["predictions"][0]["result"][0]["value"]["text"] == REPORT_A[15:19]
    assert res.reports[0].score == 0.5


def test_push_report_without_spans_scores_zero(client):
    res = ls.push([Document.from_text("没有数字的段落。\n")] + docs(), "gainer-test", tagger=FakeTagger(), client=client)
    assert res.reports[0].score == 0.0 and res.reports[0].n_predicted == 0


def test_push_reads_files_and_directories(client, tmp_path):
    (tmp_path / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(REPORT_B, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    res = ls.push(tmp_path, "gainer-test", client=client)
    assert res.imported == 2
    texts = {t["data"]["name"]: t["data"]["text"] for t in client.server.tasks.values()}
    assert set(texts) == {"a", "b"}
    # data.text is the reader's Document.text, so offsets match what training and inference see
    from gainer.readers import read_document

    assert texts["a"] == read_document(tmp_path / "a.txt").text


@pytest.mark.parametrize("bad", ["", "   \n\t  "])
def test_push_empty_or_blank_report_changes_nothing(client, bad):
    with pytest.raises(EmptyDocumentError):
        ls.push(docs() + [Document.from_text(bad)], "gainer-test", client=client)
    assert client.server.calls == []


def test_push_wrongly_encoded_and_truncated_files(client, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" + bytes(range(128, 256)) * 3)
    with pytest.raises(InputError):
        ls.push([bad], "gainer-test", client=client)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(b"PK\x03\x04truncated")
    with pytest.raises(InputError):
        ls.push([cut], "gainer-test", client=client)
    assert client.server.calls == []


def test_push_nothing(client, tmp_path):
    with pytest.raises(InputError, match="nothing to push"):
        ls.push([], "gainer-test", client=client)
    with pytest.raises(InputError, match="no report files"):
        ls.push(tmp_path, "gainer-test", client=client)


def test_push_refuses_spans_that_do_not_fit(client):
    class Broken(FakeTagger):
        def tag(self, text):
            return [Span(0, 3, "VALUE", "xyz", 0.9)]

    with pytest.raises(ModelError, match="does not fit"):
        ls.push(docs(), "gainer-test", tagger=Broken(), client=client)
    assert client.server.calls == []


@pytest.mark.parametrize("title", ["", "  ", "ab", "x" * 51])
def test_project_title_length(client, title):
    with pytest.raises(LabelStudioError):
        ls.push(docs(), title, client=client)


def test_push_into_project_with_another_config(client):
    client.server.add_project("gainer-test", label_config="<View><Choices name='c' toName='t'><Choice value='a'/></Choices><Text name='t' value='$t'/></View>")
    with pytest.raises(LabelStudioError, match="no <Labels>"):
        ls.push(docs(), "gainer-test", client=client)


def test_push_uses_the_names_of_an_existing_project(client):
    xml = "<View><Labels name='tags' toName='body'><Label value='METRIC'/><Label value='VALUE'/></Labels><Text name='body' value='$content' granularity='symbol'/></View>"
    client.server.add_project("gainer-test", label_config=xml)
    ls.push(docs(), "gainer-test", tagger=FakeTagger(), client=client)
    t = next(iter(client.server.tasks.values()))
    assert "content" in t["data"] and t["predictions"][0]["result"][0]["from_name"] == "tags"


def test_two_projects_with_one_title(client):
    client.server.add_project("gainer-test")
    client.server.add_project("gainer-test")
    with pytest.raises(LabelStudioError, match="2 projects"):
        ls.push(docs(), "gainer-test", client=client)


# ---------------------------------------------------------------------------
# pull


def _pushed(client: FakeClient) -> list[int]:
    res = ls.push(docs(), "gainer-test", tagger=FakeTagger({"依申请": 0.3}), client=client)
    return list(res.task_ids)


def _label_b(client: FakeClient, tid: int) -> None:
    text = client.server.tasks[tid]["data"]["text"]
    s = text.index("新收")
    client.server.annotate(tid, [(s, s + 10, "METRIC"), (s + 10, s + 13, "VALUE")])


def test_pull_writes_annotated_tasks_that_load(client, tmp_path, load_tasks_impl):
    b, a = _pushed(client)
    _label_b(client, b)
    client.server.annotate(a, [(0, 2, "METRIC")], cancelled=True)  # skipped: not an annotation
    out = tmp_path / "annotations" / "ls"
    res = ls.pull("gainer-test", out, client=client, now=NOW)
    assert res.path == out / "gainer-test-20260301T083000Z.json"
    assert (res.n_tasks, res.n_spans, res.n_exported, res.n_unannotated) == (1, 2, 2, 1)
    written = json.loads(res.path.read_text(encoding="utf-8"))
    assert [t["id"] for t in written] == [b]
    assert "drafts" not in written[0] and all(not a["was_cancelled"] for a in written[0]["annotations"])
    loaded, _ = load_tasks_impl(res.path, strict=True)
    (doc,) = loaded
    assert doc.text == REPORT_B and {s.label for s in doc.spans} == {"METRIC", "VALUE"}
    assert all(s.matches(doc.text) for s in doc.spans)
    assert sorted(p.name for p in out.iterdir()) == [res.path.name]  # no temporary file left


def test_pull_missing_project(client, tmp_path):
    client.server.add_project("someone-else")
    with pytest.raises(LabelStudioError, match="no project titled 'gainer-test'") as ei:
        ls.pull("gainer-test", tmp_path, client=client)
    assert "someone-else" in str(ei.value)
    assert list(tmp_path.iterdir()) == []


def test_pull_empty_export(client, tmp_path):
    client.server.add_project("gainer-test")
    with pytest.raises(LabelStudioError, match="no annotated tasks"):
        ls.pull("gainer-test", tmp_path / "out", client=client)
    b, a = _pushed(client)
    client.server.annotate(a, [], cancelled=True)
    with pytest.raises(LabelStudioError, match=r"no annotated tasks \(2 task"):
        ls.pull("gainer-test", tmp_path / "out", client=client)
    assert not (tmp_path / "out").exists()


def test_pull_refuses_misaligned_span_and_keeps_earlier_pulls(client, tmp_path):
    b, a = _pushed(client)
    _label_b(client, b)
    out = tmp_path / "ann"
    first = ls.pull("gainer-test", out, client=client, now=NOW)
    before = first.path.read_bytes()
    client.server.annotate(a, [(3, 8, "METRIC")], text="不是这段文字")  # the span's text is not the text there
    with pytest.raises(AnnotationError, match="misaligned") as ei:
        ls.pull("gainer-test", out, client=client, now=NOW)
    assert f"task {a}" in str(ei.value) and "nothing written" in str(ei.value)
    assert sorted(p.name for p in out.iterdir()) == [first.path.name]
    assert first.path.read_bytes() == before


@pytest.mark.parametrize(
    "value, problem",
    [
        ({"start": 5, "end": 500, "labels": ["VALUE"]}, "outside the text"),
        ({"start": 6, "end": 3, "labels": ["VALUE"]}, "outside the text"),
        ({"start": "1", "end": 3, "labels": ["VALUE"]}, "not integers"),
        ({"start": 3, "end": 3, "labels": ["VALUE"]}, "outside the text"),
        ({"start": 1, "end": 3, "labels": ["PERSON"]}, "one label of"),
        ({"start": 1, "end": 3, "labels": ["METRIC", "VALUE"]}, "one label of"),
    ],
)
def test_check_task_problems(value, problem):
    task = {"id": 7, "data": {"text": REPORT_A}, "annotations": [{"id": 1, "result": [{"type": "labels", "value": value}]}]}
    (msg,) = ls.check_task(task)
    assert problem in msg and "task 7" in msg


def test_check_task_accepts_utf16_offsets_the_loader_converts():
    text = "𠀀某区受理申请3件"  # a character outside the BMP: UTF-16 offsets are one more than Python's
    s = text.index("3件")
    task = {"id": 1, "data": {"text": text}, "annotations": [{"id": 1, "result": [{"value": {"start": s + 1, "end": s + 3, "text": "3件", "labels": ["VALUE"]}}]}]}
    assert ls.check_task(task) == []
    task["annotations"][0]["result"][0]["value"]["text"] = "x件"
    (problem,) = ls.check_task(task)
    assert "outside the text" in problem  # fits neither as code points nor as UTF-16 units


def test_check_task_overlap_and_clean():
    def task(spans):
        return {"id": 1, "data": {"text": REPORT_A}, "annotations": [{"id": 1, "result": [{"value": {"start": s, "end": e, "text": REPORT_A[s:e], "labels": ["VALUE"]}} for s, e in spans]}]}

    assert ls.check_task(task([(1, 4), (4, 6)])) == []
    assert "overlap" in ls.check_task(task([(1, 4), (3, 6)]))[0]
    assert "no data.text" in ls.check_task({"id": 1, "data": {}, "annotations": []})[0]


def test_pull_not_strict_leaves_bad_tasks_out(client, tmp_path):
    b, a = _pushed(client)
    _label_b(client, b)
    client.server.annotate(a, [(3, 8, "METRIC")], text="错")
    res = ls.pull("gainer-test", tmp_path, client=client, strict=False)
    assert res.n_tasks == 1 and len(res.refused) == 1 and "misaligned" in res.refused[0]


def test_pull_is_incremental_and_never_replaces_files(client, tmp_path):
    b, a = _pushed(client)
    _label_b(client, b)
    first = ls.pull("gainer-test", tmp_path, client=client, now=NOW)
    nothing = ls.pull("gainer-test", tmp_path, client=client, now=NOW)
    assert nothing.path is None and nothing.n_unchanged == 1
    text = client.server.tasks[a]["data"]["text"]
    client.server.annotate(a, [(text.index("主动"), text.index("主动") + 8, "METRIC")])
    second = ls.pull("gainer-test", tmp_path, client=client, now=NOW)  # same second: a new name, not a replacement
    assert second.path == tmp_path / "gainer-test-20260301T083000Z-2.json"
    assert [t["id"] for t in json.loads(second.path.read_text(encoding="utf-8"))] == [a]
    # a re-annotated task is pulled again and reported
    client.server.tasks[b]["annotations"][0]["updated_at"] = "2026-03-02T00:00:00Z"
    third = ls.pull("gainer-test", tmp_path, client=client, now=NOW)
    assert third.changed == (b,) and third.n_tasks == 1
    full = ls.pull("gainer-test", tmp_path, client=client, now=NOW, incremental=False)
    assert full.n_tasks == 2
    assert len(list(tmp_path.glob("*.json"))) == 4 and json.loads(first.path.read_text(encoding="utf-8"))[0]["id"] == b


def test_pull_ignores_pulls_of_other_projects(client, tmp_path):
    b, _ = _pushed(client)
    _label_b(client, b)
    other = ls.pull("gainer-test", tmp_path / "x", client=client, now=NOW).path
    (tmp_path / "gainer-test-2-20250101T000000Z.json").write_bytes(other.read_bytes())  # project "gainer-test-2"
    assert ls.pull("gainer-test", tmp_path, client=client, now=NOW).n_tasks == 1


def test_pull_ignores_a_truncated_earlier_file(client, tmp_path):
    b, _ = _pushed(client)
    _label_b(client, b)
    broken = tmp_path / "gainer-test-20250101T000000Z.json"
    broken.write_bytes(b'[{"id": 1, "annot')
    res = ls.pull("gainer-test", tmp_path, client=client, now=NOW)
    assert res.n_tasks == 1 and broken.read_bytes() == b'[{"id": 1, "annot'


def test_pull_write_failure_leaves_no_partial_file(client, tmp_path, monkeypatch):
    b, _ = _pushed(client)
    _label_b(client, b)
    earlier = tmp_path / "gainer-test-20250101T000000Z.json"
    earlier.write_text("[]", encoding="utf-8")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ls.os, "link", boom)
    monkeypatch.setattr(ls.os, "replace", boom)
    with pytest.raises(OSError):
        ls.pull("gainer-test", tmp_path, client=client, now=NOW)
    assert [p.name for p in tmp_path.iterdir()] == [earlier.name] and earlier.read_text() == "[]"


def test_pull_into_a_file(client, tmp_path):
    f = tmp_path / "x.json"
    f.write_text("[]")
    with pytest.raises(InputError, match="not a directory"):
        ls.pull("gainer-test", f, client=client)


def test_write_new_file_names(tmp_path):
    p1 = ls.write_new_file(tmp_path, "p-1", "[1]")
    p2 = ls.write_new_file(tmp_path, "p-1", "[2]")
    assert (p1.name, p2.name) == ("p-1.json", "p-1-2.json") and p1.read_text() == "[1]"


def test_slug_keeps_chinese_project_names():
    assert ls._slug("年报 标注/第一批") == "年报-标注-第一批"
    assert ls._slug("///") == "project"


def test_report_confidence():
    assert ls.report_confidence([]) == 0.0
    assert ls.report_confidence([Span(0, 1, "VALUE", "x", 0.2), Span(1, 2, "VALUE", "y", 0.6), Span(2, 3, "VALUE", "z")]) == pytest.approx(0.4)
