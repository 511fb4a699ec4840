"""Tests of gainer.annotate.labelstudio_json: reading and writing Label Studio JSON exports."""
from __future__ import annotations

import copy
import doctest
import json
from pathlib import Path
from typing import Any

import pytest

from gainer.annotate import labelstudio_json as lsj
from gainer.annotate.labelstudio_json import RESERVED_META, ValidationReport, dump_tasks, load_tasks, save_tasks
from gainer.errors import AnnotationError
from gainer.types import AnnotatedText, Span

TEXT = "2017年，全年主动公开政府信息225条，其中规范性文件6条。未收到行政复议申请。"


def _span(text: str, needle: str, label: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return Span.from_text(text, i, i + len(needle), label)


SPANS = (
    _span(TEXT, "主动公开政府信息", "METRIC"),
    _span(TEXT, "225条", "VALUE"),
    _span(TEXT, "规范性文件", "METRIC"),
    _span(TEXT, "6条", "VALUE"),
    _span(TEXT, "未", "VALUE"),
    _span(TEXT, "行政复议", "METRIC"),
)


def region(start: int, end: int, label: str = "VALUE", text: str | None = None, rid: str = "r") -> dict[str, Any]:
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def task(text: str = TEXT, result: list[dict[str, Any]] | None = None, *, tid: int = 1, **extra: Any) -> dict[str, Any]:
    """A task the way Label Studio's JSON export writes it."""
    if result is None:
        result = [region(s.start, s.end, s.label, s.text, f"r{k}") for k, s in enumerate(SPANS)]
    t: dict[str, Any] = {
        "id": tid,
        "data": {"text": text, "doc_id": "abc123", "name": "report-a"},
        "annotations": [
            {"id": 10 + tid, "completed_by": 1, "result": result, "was_cancelled": False, "ground_truth": False,
             "created_at": "2024-05-01T10:00:00.000000Z", "updated_at": "2024-05-01T10:05:00.000000Z", "lead_time": 42.0}
        ],
        "predictions": [],
    }
    t.update(extra)
    return t


def meta_less_reserved(doc: AnnotatedText) -> dict[str, Any]:
    return {k: v for k, v in doc.meta.items() if k not in RESERVED_META}


# ---------------------------------------------------------------------------
# reading


def test_doctests() -> None:
    assert doctest.testmod(lsj).failed == 0


def test_load_export_task() -> None:
    docs, report = load_tasks([task()])
    assert report.ok and not report.problems
    (doc,) = docs
    assert doc.id == "1"
    assert doc.text == TEXT
    assert doc.spans == SPANS
    assert all(s.matches(doc.text) for s in doc.spans)
    assert doc.meta["doc_id"] == "abc123" and doc.meta["name"] == "report-a"
    assert doc.meta["labelstudio"]["annotation_id"] == 11
    assert report.n_tasks == 1 and report.n_docs == 1 and report.n_spans == len(SPANS)


def test_single_task_dict_and_custom_text_key() -> None:
    t = task()
    t["data"] = {"report": TEXT}
    docs, _ = load_tasks(t, text_key="report")
    assert docs[0].text == TEXT
    with pytest.raises(AnnotationError, match="data.text is missing"):
        load_tasks(t)


def test_latest_submitted_annotation_wins() -> None:
    t = task()
    older = copy.deepcopy(t["annotations"][0])
    older.update(id=1, updated_at="2023-01-01T00:00:00Z", result=[region(0, 4, "VALUE", "2017")])
    cancelled = copy.deepcopy(t["annotations"][0])
    cancelled.update(id=2, updated_at="2025-01-01T00:00:00Z", was_cancelled=True, result=[])
    t["annotations"] = [t["annotations"][0], older, cancelled]
    docs, report = load_tasks([t])
    assert docs[0].spans == SPANS
    assert docs[0].meta["labelstudio"]["annotation_id"] == 11
    assert report.ok


def test_listing_order_breaks_ties_without_times() -> None:
    t = task(result=[region(0, 4, "VALUE", "2017")])
    second = {"id": 99, "result": [region(SPANS[1].start, SPANS[1].end, "VALUE", "225条")], "was_cancelled": False}
    t["annotations"][0].pop("updated_at")
    t["annotations"][0].pop("created_at")
    t["annotations"].append(second)
    docs, _ = load_tasks([t])
    assert [s.text for s in docs[0].spans] == ["225条"]


def test_old_completions_key_is_read() -> None:
    t = task()
    t["completions"] = t.pop("annotations")
    docs, report = load_tasks([t])
    assert docs[0].spans == SPANS and report.ok


@pytest.mark.parametrize(
    "change, kind",
    [
        (lambda t: t.update(annotations=[]), "no_annotation"),
        (lambda t: t["annotations"][0].update(was_cancelled=True), "cancelled"),
        (lambda t: t["data"].update(text=""), "empty_task"),
        (lambda t: t["data"].update(text=" \n\t "), "empty_task"),
    ],
)
def test_tasks_left_out_with_a_warning(change: Any, kind: str) -> None:
    t = task()
    change(t)
    docs, report = load_tasks([t, task(tid=2)])
    assert [d.id for d in docs] == ["2"]
    assert report.ok
    assert [p.kind for p in report.warnings] == [kind]
    assert report.n_skipped_tasks == 1


def test_prediction_only_task_says_how_to_use_it() -> None:
    t = task()
    t["predictions"] = [{"model_version": "m1", "result": t.pop("annotations")[0]["result"]}]
    t["annotations"] = []
    docs, report = load_tasks([t])
    assert docs == [] and "from_predictions=True" in report.warnings[0].message
    docs, report = load_tasks([t], from_predictions=True)
    assert docs[0].spans == SPANS and docs[0].meta["labelstudio"]["model_version"] == "m1"


def test_annotation_without_spans_is_kept_with_a_warning() -> None:
    docs, report = load_tasks([task(result=[])])
    assert docs[0].spans == () and report.ok
    assert [p.kind for p in report.warnings] == ["no_spans"]


def test_non_span_results_are_ignored_with_a_warning() -> None:
    result = [region(SPANS[1].start, SPANS[1].end, "VALUE", "225条"),
              {"id": "x", "type": "relation", "from_id": "a", "to_id": "b", "direction": "right"},
              {"id": "y", "from_name": "ok", "to_name": "text", "type": "choices", "value": {"choices": ["好"]}}]
    docs, report = load_tasks([task(result=result)])
    assert len(docs[0].spans) == 1 and report.ok
    assert sorted(p.kind for p in report.warnings) == ["ignored_result", "ignored_result"]


# ---------------------------------------------------------------------------
# validation


def bad(result: list[dict[str, Any]], **kw: Any) -> tuple[list[AnnotatedText], ValidationReport]:
    return load_tasks([task(result=result)], strict=False, **kw)


def test_misaligned_span_reports_where_the_text_is() -> None:
    s = SPANS[1]
    docs, report = bad([region(s.start + 2, s.end + 2, "VALUE", "225条"), region(SPANS[0].start, SPANS[0].end, "METRIC", "主动公开政府信息")])
    (err,) = report.errors
    assert err.kind == "misaligned"
    assert f"occurs at [{s.start}, {s.end})" in err.message and "-2 characters away" in err.message
    assert [x.text for x in docs[0].spans] == ["主动公开政府信息"]  # the bad span is dropped, the task kept
    assert report.n_dropped_spans == 1
    with pytest.raises(AnnotationError, match="misaligned") as e:
        load_tasks([task(result=[region(s.start + 2, s.end + 2, "VALUE", "225条")])])
    assert "strict=False" in str(e.value) and e.value.code == "E400"


def test_misaligned_text_that_occurs_nowhere() -> None:
    _, report = bad([region(0, 3, "VALUE", "999件")])
    assert "does not occur" in report.errors[0].message


@pytest.mark.parametrize(
    "reg, kind",
    [
        (region(0, 500, "VALUE"), "out_of_range"),
        (region(-1, 3, "VALUE"), "out_of_range"),
        (region(5, 5, "VALUE"), "empty_span"),
        (region(0, 4, "DATE", "2017"), "unknown_label"),
        ({**region(0, 4), "value": {"start": 0, "end": 4, "labels": ["VALUE", "METRIC"]}}, "labels"),
        ({**region(0, 4), "value": {"start": 0, "end": 4, "labels": []}}, "labels"),
        ({**region(0, 4), "value": {"start": "0", "end": 4, "labels": ["VALUE"]}}, "malformed"),
        ({"id": "q", "type": "labels", "value": {"labels": ["VALUE"]}}, "malformed"),
    ],
)
def test_invalid_spans(reg: dict[str, Any], kind: str) -> None:
    docs, report = bad([reg])
    assert [p.kind for p in report.errors] == [kind]
    assert not report.ok
    assert docs[0].spans == ()
    with pytest.raises(AnnotationError):
        load_tasks([task(result=[reg])])


def test_overlapping_spans_keep_the_first() -> None:
    s0, s1 = SPANS[0], SPANS[1]
    docs, report = bad([region(s0.start, s1.end, "METRIC", TEXT[s0.start : s1.end]), region(s1.start, s1.end, "VALUE", s1.text)])
    assert [p.kind for p in report.errors] == ["overlap"]
    assert [(x.label, x.start, x.end) for x in docs[0].spans] == [("METRIC", s0.start, s1.end)]


def test_duplicate_span_is_a_warning() -> None:
    s = SPANS[1]
    docs, report = bad([region(s.start, s.end, "VALUE", s.text, "a"), region(s.start, s.end, "VALUE", s.text, "b")])
    assert report.ok and [p.kind for p in report.warnings] == ["duplicate"]
    assert len(docs[0].spans) == 1


def test_whitespace_at_span_edge_is_a_warning() -> None:
    text = "收取费用 0 元。"
    docs, report = load_tasks([task(text, [region(4, 8, "VALUE", " 0 元")])])
    assert report.ok and [p.kind for p in report.warnings] == ["whitespace_edge"]
    assert docs[0].spans[0].text == " 0 元"


def test_utf16_offsets_are_converted() -> None:
    text = "𬱖县受理申请3件"  # a character outside the BMP: 2 UTF-16 units
    docs, report = load_tasks([task(text, [region(7, 9, "VALUE", "3件")])])
    assert docs[0].spans[0].key() == ("VALUE", 6, 8)
    assert [p.kind for p in report.warnings] == ["utf16_offsets"] and report.ok


@pytest.mark.parametrize(
    "t, match",
    [
        ("not a task", "expected a JSON object"),
        ({"id": 3, "annotations": []}, "no 'data' object"),
        ({"id": 3, "text": TEXT, "label": []}, "JSON-MIN"),
        ({"id": 3, "data": {"text": 5}, "annotations": []}, "data.text is a int"),
        ({"id": 3, "data": {"text": TEXT}, "annotations": {"x": 1}}, "expected a list"),
    ],
)
def test_malformed_tasks(t: Any, match: str) -> None:
    docs, report = load_tasks([t, task(tid=2)], strict=False)
    assert [d.id for d in docs] == ["2"]
    assert match in report.errors[0].message
    with pytest.raises(AnnotationError, match=match.replace("(", r"\(")):
        load_tasks([t])


def test_report_summary_and_problem_text() -> None:
    s = SPANS[1]
    _, report = bad([region(s.start + 1, s.end + 1, "VALUE", s.text), region(0, 4, "DATE", "2017")])
    text = report.summary()
    assert "2 error(s)" in text and "misaligned 1" in text and "unknown_label 1" in text
    assert str(report.errors[0]).startswith("task 1, annotation 11: span")
    assert report.counts() == {"misaligned": 1, "unknown_label": 1}
    with pytest.raises(AnnotationError, match="2 invalid annotation"):
        report.raise_if_invalid()
    ValidationReport().raise_if_invalid()  # nothing to raise
    assert "0 error(s)" in ValidationReport().summary()


def test_summary_is_capped() -> None:
    _, report = bad([region(0, 4, "DATE", "2017", f"r{i}") for i in range(30)], labels=("VALUE",))
    assert "... and" in report.summary(max_lines=5)


# ---------------------------------------------------------------------------
# files and directories


def write(p: Path, obj: Any) -> Path:
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return p


def test_file_and_directory(tmp_path: Path) -> None:
    write(tmp_path / "a.json", [task(tid=1), task(tid=2)])
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub / "b.json", [task(tid=3)])
    (tmp_path / "notes.txt").write_text("not json", encoding="utf-8")
    docs, report = load_tasks(tmp_path)
    assert [d.id for d in docs] == ["1", "2", "3"]
    assert report.n_files == 2
    assert docs[2].meta["annotation_file"].endswith("b.json")
    docs, _ = load_tasks(str(tmp_path / "a.json"))
    assert len(docs) == 2


def test_utf8_bom_file(tmp_path: Path) -> None:
    p = tmp_path / "bom.json"
    p.write_bytes("\ufeff".encode("utf-8") + json.dumps([task()], ensure_ascii=False).encode("utf-8"))
    docs, _ = load_tasks(p)
    assert docs[0].text == TEXT


@pytest.mark.parametrize(
    "content, match",
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b'[{"id": 1, "data": {"text": "abc"}, "annotations": [', "invalid JSON at line 1"),
        ("[]".encode("utf-16"), "not UTF-8"),
        (b'{"tasks": []}', "holds a dict"),
        (b'"text"', "holds a str"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, match: str) -> None:
    p = tmp_path / "export.json"
    p.write_bytes(content)
    with pytest.raises(AnnotationError, match=match) as e:
        load_tasks(p)
    assert str(p) in str(e.value)


def test_unreadable_file_in_directory_not_strict(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"[{")
    write(tmp_path / "b.json", [task()])
    docs, report = load_tasks(tmp_path, strict=False)
    assert len(docs) == 1
    assert [p.kind for p in report.errors] == ["unreadable"] and report.errors[0].source.endswith("a.json")
    with pytest.raises(AnnotationError, match="invalid JSON"):
        load_tasks(tmp_path)


def test_empty_list_file_is_fine(tmp_path: Path) -> None:
    docs, report = load_tasks(write(tmp_path / "e.json", []))
    assert docs == [] and report.ok and report.n_files == 1


def test_directory_without_json(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("[]", encoding="utf-8")
    with pytest.raises(AnnotationError, match="no .json files"):
        load_tasks(tmp_path)


def test_missing_path_and_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError, match="no such file"):
        load_tasks(tmp_path / "missing.json")
    with pytest.raises(AnnotationError, match="cannot read Label Studio tasks from a int"):
        load_tasks(42)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# writing and round trips


def docs_fixture() -> list[AnnotatedText]:
    other = "上年度为180条，本年度收到政府信息公开申请 3 件。"
    return [
        AnnotatedText("synthetic-1", TEXT, SPANS, {"era": "legacy", "year": 2017, "fields": {"stats.active.total": 225}}),
        AnnotatedText("7", other, (_span(other, "政府信息公开申请", "METRIC"), _span(other, "3 件", "VALUE")), {"name": "b.txt"}),
        AnnotatedText("empty", "无数字的报告。", (), {}),
    ]


def test_dump_load_round_trip() -> None:
    docs = docs_fixture()
    tasks = dump_tasks(docs)
    assert [t["id"] for t in tasks] == [1, 7, 3]
    assert tasks[0]["data"]["gainer_id"] == "synthetic-1" and "gainer_id" not in tasks[1]["data"]
    assert tasks[0]["annotations"][0]["result"][0]["from_name"] == "label"
    back, report = load_tasks(json.loads(json.dumps(tasks)))
    assert back == docs  # id, text and spans
    assert [meta_less_reserved(d) for d in back] == [d.meta for d in docs]
    assert [p.kind for p in report.warnings] == ["no_spans"]
    # and again: what load_tasks adds is not written back into data
    again = dump_tasks(back)
    assert again == tasks


def test_dumped_tasks_pass_the_labelstudio_check() -> None:
    from gainer.labelstudio import check_task

    for t in dump_tasks(docs_fixture()):
        assert check_task(t) == []


def test_dump_as_predictions() -> None:
    doc = AnnotatedText("5", TEXT, tuple(s.with_label(s.label, 0.5 + 0.05 * i) for i, s in enumerate(SPANS)))
    (t,) = dump_tasks([doc], as_predictions=True, model_version="tagger-v2")
    assert t["annotations"] == []
    (pred,) = t["predictions"]
    assert pred["model_version"] == "tagger-v2" and pred["score"] == pytest.approx(0.625)
    assert pred["result"][0]["score"] == 0.5
    back, _ = load_tasks([t], from_predictions=True)
    assert [s.score for s in back[0].spans] == pytest.approx([s.score for s in doc.spans])
    assert back[0].spans == doc.spans


def test_dump_refuses_bad_documents() -> None:
    with pytest.raises(AnnotationError, match="does not match"):
        dump_tasks([AnnotatedText("1", TEXT, (Span(0, 3, "VALUE", "xyz"),))])
    with pytest.raises(AnnotationError, match="does not match"):
        dump_tasks([AnnotatedText("1", "ab", (Span(0, 9, "VALUE", "ab"),))])
    with pytest.raises(AnnotationError, match="AnnotatedText"):
        dump_tasks([{"text": "x"}])  # type: ignore[list-item]


def test_save_tasks(tmp_path: Path) -> None:
    p = save_tasks(tmp_path / "out" / "tasks.json", docs_fixture())
    assert p.exists() and not list(p.parent.glob(".*tmp"))
    assert "主动公开" in p.read_text(encoding="utf-8")  # not ASCII-escaped
    back, _ = load_tasks(p)
    assert back == docs_fixture()
    with pytest.raises(AnnotationError, match="JSON-serialisable"):
        save_tasks(tmp_path / "x.json", [AnnotatedText("1", "x", (), {"bad": object()})])
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(AnnotationError, match="cannot write"):
        save_tasks(blocker / "tasks.json", docs_fixture())
