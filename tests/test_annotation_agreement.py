"""scripts/annotation_agreement.py: two annotations of the same tasks scored against each other."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gainer.errors import AnnotationError

pytest.importorskip("seqeval")

TEXT = "全年发放助学卡12张，开办夜校培训班3期，未收到行政复议申请。"


def _task(text: str, spans: list[tuple[str, str]], tid: int = 7) -> list[dict]:
    res = []
    for k, (piece, label) in enumerate(spans):
        s = text.index(piece)
        res.append({"id": f"r{k}", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": s, "end": s + len(piece), "text": piece, "labels": [label]}})
    return [{"id": tid, "data": {"text": text}, "annotations": [{"id": 1, "result": res}]}]


def _write(path: Path, tasks: list[dict]) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_agreement_scores_only_the_labels_of_the_second_pass_and_lists_the_differences(tmp_path: Path, capsys, load_script) -> None:
    first = _write(tmp_path / "a.json", _task(TEXT, [("助学卡", "METRIC"), ("12张", "VALUE"), ("夜校培训班", "METRIC"), ("3期", "VALUE"), ("行政复议申请", "METRIC")]))
    second = _write(tmp_path / "b.json", _task(TEXT, [("助学卡", "METRIC"), ("培训班", "METRIC"), ("行政复议申请", "METRIC")]))
    mod = load_script("annotation_agreement")
    r = mod.agreement(first, second)
    assert r["labels"] == ["METRIC"]  # VALUE is not in the second pass, so it is not compared
    m = r["pooled"]["METRIC"]
    assert (m["precision"], m["recall"], m["support"]) == (pytest.approx(2 / 3, abs=1e-3), pytest.approx(2 / 3, abs=1e-3), 3)
    assert sorted((side, text) for _, side, text, _, _ in r["diffs"]) == [("first", "夜校培训班"), ("second", "培训班")]
    assert mod.main(["--first", str(first), "--second", str(second), "--show"]) == 0
    out = capsys.readouterr().out
    assert "pooled METRIC P 0.667" in out and "only in second: '培训班'" in out


def test_agreement_refuses_other_texts_unknown_tasks_and_an_empty_second_pass(tmp_path: Path, capsys, load_script) -> None:
    mod = load_script("annotation_agreement")
    first = _write(tmp_path / "a.json", _task(TEXT, [("助学卡", "METRIC")]))
    other = _write(tmp_path / "b.json", _task(TEXT.replace("12", "13"), [("助学卡", "METRIC")]))
    with pytest.raises(AnnotationError, match="another text"):
        mod.agreement(first, other)
    unknown = _write(tmp_path / "c.json", _task(TEXT, [("助学卡", "METRIC")], tid=8))
    with pytest.raises(AnnotationError, match="not in the first"):
        mod.agreement(first, unknown)
    empty = _write(tmp_path / "d.json", _task(TEXT, []))
    assert mod.main(["--first", str(first), "--second", str(empty)]) == 2
    assert "no labelled spans" in capsys.readouterr().err


def test_the_second_pass_over_the_seeds_is_a_full_metric_annotation_of_the_same_texts(load_script) -> None:
    root = Path(__file__).resolve().parents[1] / "annotations"
    r = load_script("annotation_agreement").agreement(root / "seeds", root / "agreement")
    assert r["labels"] == ["METRIC"] and len(r["reports"]) == 5
    assert r["pooled"]["METRIC"]["support"] >= 150
