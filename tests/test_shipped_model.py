"""The model shipped in gainer/resources/model: present, small, loadable without torch, and what predict uses."""
from __future__ import annotations

import json

from gainer.api import Options, extract_full
from gainer.model import default_model_path, load_model


def test_shipped_model_is_complete_and_small():
    d = default_model_path()
    assert d.is_dir(), "the default model must ship in the package (python scripts/train_default.py)"
    for name in ("model.safetensors", "model.onnx", "config.json", "vocab.txt", "gainer_model.json", "README.md"):
        assert (d / name).is_file(), name
    assert not list(d.glob("*.bin")) and not list(d.glob("*.pt")), "no pickled weights"
    size = sum(p.stat().st_size for p in d.iterdir() if p.is_file())
    assert size <= 30 * 1024 * 1024
    meta = json.loads((d / "gainer_model.json").read_text(encoding="utf-8"))
    assert meta["data"]["heldout_annotated"], "the shipped model keeps seed reports out for evaluation"
    # the card's held-out figures of the recipe (scripts/heldout_spans.py --card): every annotated seed
    # scored once, by a model that never saw it, this model's own held-out seeds among them
    cv = meta["cross_validation"]
    scored = sorted(r for fold in cv["folds"] for r in fold["reports"])
    assert scored == sorted(n[:3] for n in meta["data"]["train_annotated"] + meta["data"]["heldout_annotated"])
    own = [f for f in cv["folds"] if sorted(f["reports"]) == sorted(n[:3] for n in meta["data"]["heldout_annotated"])]
    assert own and own[0]["scores"]["METRIC"]["support"] > 0
    assert all(0 < cv["pooled"][k]["f1"] <= 1 for k in ("METRIC", "VALUE"))
    assert "Cross-validated held-out scores" in (d / "README.md").read_text(encoding="utf-8")
    assert meta["metrics"], "per-epoch scores are recorded"


def test_shipped_model_tags_a_plain_statement():
    tagger = load_model()
    text = "2017年，本机关全年主动公开政府信息225条，其中规范性文件6条。"
    spans = tagger.tag(text)
    assert all(text[s.start : s.end] == s.text and 0.0 <= s.score <= 1.0 for s in spans)
    values = {s.text for s in spans if s.label == "VALUE"}
    assert "225条" in values


def test_predict_uses_the_shipped_model_by_default():
    ex = extract_full("2017年，本机关全年主动公开政府信息225条，其中规范性文件6条。")
    sources = {fv.source for fv in ex.record.fields.values()}
    assert sources <= {"prose-model"} and sources, sources
    assert ex.record.fields["stats.active.total"].value == 225
    rules = extract_full("2017年，本机关全年主动公开政府信息225条。", Options(use_model=False))
    assert {fv.source for fv in rules.record.fields.values()} == {"prose-rules"}
