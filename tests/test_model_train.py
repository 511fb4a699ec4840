"""Tagger training: a tiny randomly initialised BERT goes train -> save -> load -> predict in seconds."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from gainer.errors import ConfigError, InputError, ModelError  # noqa: E402
from gainer.model import LABELS, load_model, load_train_config  # noqa: E402
from gainer.model.data import DataSplit, split_holdout, token_labels  # noqa: E402
from gainer.model.labels import LABEL2ID  # noqa: E402
from gainer.model.tokenizer import CharTokenizer  # noqa: E402
from gainer.model.train import TrainProgress, train  # noqa: E402
from gainer.model.scoring import span_scores  # noqa: E402
from gainer.types import TAG_LABELS, AnnotatedText, Span  # noqa: E402

CONFIGS = Path(__file__).resolve().parent.parent / "configs"
METRICS = ["主动公开政府信息", "收到政府信息公开申请", "行政复议", "行政诉讼", "规范性文件", "依申请公开"]


def make_doc(rng: random.Random, i: int, sentences: int | None = None) -> AnnotatedText:
    """A small report-like text with its METRIC and VALUE spans (built here, never copied from real reports)."""
    text, spans = "", []
    for _ in range(sentences or rng.randint(3, 10)):
        text += rng.choice(["全年", "本年度", "今年共", "", "其中，"])
        s = len(text)
        text += rng.choice(METRICS)
        spans.append(Span.from_text(text, s, len(text), "METRIC"))
        text += rng.choice(["", "共", "达", " "])
        s = len(text)
        text += f"{rng.randint(0, 9999)}{rng.choice(['条', '件', '次'])}"
        spans.append(Span.from_text(text, s, len(text), "VALUE"))
        text += rng.choice(["。", "，", "；\n", "。\n\n"])
    return AnnotatedText(f"doc{i:03d}", text, tuple(spans), {"file": f"doc{i:03d}.json"})


def tiny_corpus(n: int = 40, seed: int = 0) -> list[AnnotatedText]:
    rng = random.Random(seed)
    return [make_doc(rng, i) for i in range(n)]


@pytest.fixture(scope="module")
def tiny_config():
    return load_train_config(CONFIGS / "train-tiny.yaml")


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_config):
    docs = tiny_corpus()
    out = tmp_path_factory.mktemp("model")
    config = tiny_config.replace(max_steps=40, epochs=6, lr=3e-3)
    events: list[TrainProgress] = []
    result = train(config, data=DataSplit(train=docs[:32], heldout=docs[32:]), output_dir=out, progress=events.append)
    return result, docs[32:], events


def test_train_writes_a_complete_model_directory(trained):
    result, _, events = trained
    names = {p.name for p in result.output_dir.iterdir()}
    assert {"model.safetensors", "config.json", "vocab.txt", "tokenizer_config.json", "gainer_model.json", "README.md"} <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)
    meta = json.loads((result.output_dir / "gainer_model.json").read_text(encoding="utf-8"))
    from gainer import __version__
    from gainer.schema import load_schema

    assert meta["labels"] == list(LABELS)
    assert meta["schema_version"] == load_schema().version and meta["gainer_version"] == __version__
    assert meta["train_config"]["model"]["hidden_size"] == 32
    assert len(meta["metrics"]) == len(result.metrics) >= 1
    assert "heldout" in meta["metrics"][-1] and "METRIC" in meta["metrics"][-1]["heldout"]
    card = (result.output_dir / "README.md").read_text(encoding="utf-8")
    assert "held-out METRIC" in card
    assert result.steps == 40 and result.size_bytes > 0 and result.n_parameters > 0
    stages = {e.stage for e in events}
    assert {"data", "train", "eval", "save"} <= stages


def test_tiny_model_learns_something(trained):
    result, _, _ = trained
    scores = result.final["heldout"]
    assert scores["micro"]["f1"] > 0.3, scores


def test_save_load_predict_round_trip(trained):
    result, heldout, _ = trained
    tagger = load_model(result.output_dir)
    assert tagger.labels == LABELS
    for doc in heldout[:3]:
        spans = tagger.tag(doc.text)
        for s in spans:
            assert s.text == doc.text[s.start : s.end] and s.text.strip() == s.text and s.text
            assert s.label in TAG_LABELS and 0.0 <= s.score <= 1.0
    again = load_model(result.output_dir)
    text = heldout[0].text
    a, b = tagger.char_probs(text), again.char_probs(text)
    assert a.shape == (len(text), len(LABELS))
    import numpy as np

    assert np.allclose(a, b, equal_nan=True)
    assert tagger.tag_batch([d.text for d in heldout[:3]]) == [tagger.tag(d.text) for d in heldout[:3]]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t\u3000 "])
def test_empty_and_whitespace_only_input_gives_no_spans(trained, text):
    tagger = load_model(trained[0].output_dir)
    assert tagger.tag(text) == []
    assert tagger.tag_batch([text, text]) == [[], []]
    assert tagger.tag_batch([]) == []


def test_non_text_input_is_refused(trained):
    tagger = load_model(trained[0].output_dir)
    with pytest.raises(InputError, match="expected str"):
        tagger.tag(b"\xe5\x85\xa8")
    with pytest.raises(InputError, match="list of texts"):
        tagger.tag_batch("全年")


def test_long_text_tags_with_exact_offsets(trained):
    result, _, _ = trained
    tagger = load_model(result.output_dir)
    rng = random.Random(7)
    doc = make_doc(rng, 99, sentences=60)
    text = "  \n" + doc.text.replace("。", "。 \u3000") + "\n "
    assert len(text) > 8 * tagger.max_len
    spans = tagger.tag(text)
    probs = tagger.char_probs(text)
    import numpy as np

    covered = ~np.isnan(probs).any(axis=1)
    assert covered.tolist() == [not c.isspace() for c in text]
    assert np.allclose(probs[covered].sum(axis=1), 1.0, atol=1e-4)
    for s in spans:
        assert text[s.start : s.end] == s.text and not s.text[0].isspace() and not s.text[-1].isspace()
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_training_is_seeded(tmp_path, tiny_config):
    docs = tiny_corpus(12, seed=3)
    config = tiny_config.replace(max_steps=3)
    r1 = train(config, data=DataSplit(train=docs[:10], heldout=docs[10:]), output_dir=tmp_path / "a")
    r2 = train(config, data=DataSplit(train=docs[:10], heldout=docs[10:]), output_dir=tmp_path / "b")
    assert (tmp_path / "a" / "model.safetensors").read_bytes() == (tmp_path / "b" / "model.safetensors").read_bytes()
    assert r1.metrics[-1]["train_loss"] == r2.metrics[-1]["train_loss"]


def test_threads_are_restored(tmp_path, tiny_config):
    before = torch.get_num_threads()
    train(tiny_config.replace(max_steps=1, threads=1), data=DataSplit(train=tiny_corpus(3)), output_dir=tmp_path)
    assert torch.get_num_threads() == before


def test_no_training_data_is_a_config_error(tmp_path, tiny_config):
    with pytest.raises(ConfigError, match="no training"):
        train(tiny_config, data=DataSplit(train=[]), output_dir=tmp_path)
    with pytest.raises(ConfigError, match="no text"):
        train(tiny_config, data=DataSplit(train=[AnnotatedText("e", "   ")]), output_dir=tmp_path)


def test_token_labels_start_spans_on_their_first_real_token():
    text = "共 12件"
    tok = CharTokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "共", "1", "2", "件"])
    enc = tok.encode(text)
    spans = [Span.from_text(text, 1, 5, "VALUE")]  # starts on the space
    assert token_labels(len(text), spans, enc) == [LABEL2ID[t] for t in ("O", "B-VALUE", "I-VALUE", "I-VALUE")]
    # two adjacent spans of one label stay two spans
    spans = [Span.from_text(text, 2, 3, "VALUE"), Span.from_text(text, 3, 5, "VALUE")]
    assert token_labels(len(text), spans, enc) == [LABEL2ID[t] for t in ("O", "B-VALUE", "B-VALUE", "I-VALUE")]


def test_holdout_by_name_and_unknown_names():
    docs = tiny_corpus(4)
    train_docs, held = split_holdout(docs, ["doc001", "doc003.json"])
    assert [d.id for d in held] == ["doc001", "doc003"] and [d.id for d in train_docs] == ["doc000", "doc002"]
    _, held = split_holdout(docs, ["doc00"])  # a prefix holds out every match
    assert len(held) == 4
    with pytest.raises(ConfigError, match="no annotation file holds"):
        split_holdout(docs, ["nope"])


def test_train_from_the_tiny_config_with_synthetic_reports(tmp_path, tiny_config):
    pytest.importorskip("gainer.annotate.synth")
    result = train(tiny_config, output_dir=tmp_path)
    assert result.data["train_reports"] == tiny_config.synthetic_n
    assert load_model(tmp_path).tag("全年主动公开政府信息225条。") is not None


def test_rescore_updates_the_card_and_keeps_the_weights(tmp_path, tiny_config):
    pytest.importorskip("gainer.annotate.synth")
    from gainer.model.train import rescore

    config = tiny_config.replace(max_steps=2, output_dir=str(tmp_path))
    train(config, output_dir=tmp_path)
    weights = (tmp_path / "model.safetensors").read_bytes()
    row = rescore(tmp_path, config)
    assert row["rescored_with"].startswith("gainer ")
    assert row["synthetic"] is not None and "METRIC" in row["synthetic"]
    assert "recomputed after training" in (tmp_path / "README.md").read_text(encoding="utf-8")
    meta = json.loads((tmp_path / "gainer_model.json").read_text(encoding="utf-8"))
    assert meta["metrics"][-1]["rescored_with"] == row["rescored_with"]
    assert (tmp_path / "model.safetensors").read_bytes() == weights
    load_model(tmp_path)  # still a valid model directory


def test_cross_validation_is_recorded_in_meta_and_card_and_survives_a_rescore(tmp_path, tiny_config):
    pytest.importorskip("gainer.annotate.synth")
    from gainer.model.train import record_cross_validation, rescore

    config = tiny_config.replace(max_steps=2, output_dir=str(tmp_path))
    train(config, output_dir=tmp_path)
    weights = (tmp_path / "model.safetensors").read_bytes()
    docs = tiny_corpus(6, seed=3)
    fold_a, fold_b = span_scores(docs[:3], [d.spans for d in docs[:3]]), span_scores(docs[3:], [[] for _ in docs[3:]])
    pooled = span_scores(docs, [d.spans for d in docs[:3]] + [[] for _ in docs[3:]])
    cv = {
        "folds": [{"model": "build/a", "reports": ["000"], "scores": fold_a}, {"model": "build/b", "reports": ["001"], "scores": fold_b}],
        "pooled": pooled,
        "command": "python scripts/heldout_spans.py --fold build/a 000 --fold build/b 001",
    }
    record_cross_validation(tmp_path, cv)
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "Cross-validated held-out scores" in card and "--fold build/a 000" in card
    assert f"**{pooled['METRIC']['f1']:.3f}**" in card and "| `build/b` | 001 |" in card
    meta = json.loads((tmp_path / "gainer_model.json").read_text(encoding="utf-8"))
    assert meta["cross_validation"] == json.loads(json.dumps(cv))
    rescore(tmp_path, config)  # a later rescore keeps the record and adds its own note
    card = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "Cross-validated held-out scores" in card and "recomputed after training" in card
    assert (tmp_path / "model.safetensors").read_bytes() == weights
    with pytest.raises(ModelError, match="lacks pooled, command"):
        record_cross_validation(tmp_path, {"folds": []})


def test_tagging_a_model_in_training_mode_is_deterministic_and_restores_the_mode(trained):
    result, _, _ = trained
    tagger = load_model(result.output_dir, backend="torch")  # a torch model, put in training mode below
    text = "全年主动公开政府信息225条，其中规范性文件6条。" * 3
    tagger.model.train()
    a = tagger.char_probs(text)
    b = tagger.char_probs(text)
    assert tagger.model.training, "the caller's mode is restored"
    tagger.model.eval()
    c = tagger.char_probs(text)
    import numpy as np

    assert np.allclose(a, b, equal_nan=True) and np.allclose(a, c, equal_nan=True)
