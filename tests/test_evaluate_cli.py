"""gainer.evaluate_cli: span scoring tags the prose as extraction does, on the annotated text as it is."""
from __future__ import annotations

import json

from gainer.annotate.labelstudio_json import save_tasks
from gainer.cli import main
from gainer.evaluate_cli import score_spans
from gainer.prose import tag_text_prose
from gainer.prose.rules_tagger import tag as rules_tag
from gainer.types import AnnotatedText, Span

from report_builder import build_legacy


def _legacy_with_prose() -> str:
    built = build_legacy(3, layout="inline")
    text = built.text if hasattr(built, "text") else built[0]
    head, sep, rest = text.partition("政府信息公开情况统计表")
    assert sep, "the builder's report has a 统计表"
    # trailing spaces and a CRLF: reading a file would normalise them, span scoring must not
    return head + "全年主动公开政府信息225条，其中规范性文件6件。  \r\n" + sep + rest


def test_tag_text_prose_skips_the_table_and_keeps_offsets():
    text = _legacy_with_prose()
    spans = tag_text_prose(rules_tag, text)
    table_at = text.index("政府信息公开情况统计表")
    assert spans, "the prose sentence is tagged"
    assert all(s.end <= table_at for s in spans), "nothing is tagged inside the 统计表"
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert "225条" in {s.text for s in spans if s.label == "VALUE"}
    # tagging the whole text would tag the table's numbers too
    assert any(s.start >= table_at for s in rules_tag(text))


def test_score_spans_and_evaluate_spans_flag(tmp_path, capsys):
    text = _legacy_with_prose()
    spans = []
    for sub, label in (("主动公开政府信息", "METRIC"), ("225条", "VALUE"), ("规范性文件", "METRIC"), ("6件", "VALUE")):
        i = text.index(sub)
        spans.append(Span.from_text(text, i, i + len(sub), label))
    ann = tmp_path / "ann"
    save_tasks(ann / "one.json", [AnnotatedText("one", text, tuple(spans))])
    out = score_spans(str(ann), use_model=False, model=None)
    assert out["texts"] == 1
    assert set(out["seqeval"]) >= {"METRIC", "VALUE"} or "labels" in out["seqeval"]
    labels = out["seqeval"].get("labels", out["seqeval"])
    assert labels["VALUE"]["support"] == 2
    # the rules find both values exactly: VALUE recall 1
    assert labels["VALUE"]["recall"] == 1.0

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "one.json").write_text(json.dumps({"scope": ["stats.*"], "fields": {"stats.active.total": 225}}), encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "one.txt").write_text(text, encoding="utf-8")
    res = tmp_path / "scores.json"
    rc = main(["evaluate", "--gold", str(gold), "--reports", str(tmp_path / "reports"), "--no-model", "--spans", str(ann), "--out", str(res)])
    assert rc == 0
    printed = capsys.readouterr().out
    assert "span scores on 1 annotated texts" in printed and "VALUE" in printed
    saved = json.loads(res.read_text(encoding="utf-8"))
    assert saved["span_scores"]["texts"] == 1
