"""Loading tagger checkpoints: gainer's format, plain HF token classifiers, and the ones refused (corrupt, pickled, foreign, other schema)."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from gainer.errors import GainerError, ModelError  # noqa: E402
from gainer.model import LABELS, default_model_path, load_model, load_train_config  # noqa: E402
from gainer.model import io as model_io  # noqa: E402
from gainer.model.data import DataSplit  # noqa: E402
from gainer.model.train import train  # noqa: E402
from gainer.types import AnnotatedText, Span  # noqa: E402

CONFIGS = Path(__file__).resolve().parent.parent / "configs"


def small_docs(n: int = 8) -> list[AnnotatedText]:
    rng = random.Random(1)
    docs = []
    for i in range(n):
        text, spans = "", []
        for _ in range(4):
            text += "全年"
            s = len(text)
            text += rng.choice(["受理申请", "公开信息", "办理复议"])
            spans.append(Span.from_text(text, s, len(text), "METRIC"))
            s = len(text)
            text += f"{rng.randint(1, 999)}件"
            spans.append(Span.from_text(text, s, len(text), "VALUE"))
            text += "。"
        docs.append(AnnotatedText(f"d{i}", text, tuple(spans)))
    return docs


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny-model")
    config = load_train_config(CONFIGS / "train-tiny.yaml").replace(max_steps=2)
    train(config, data=DataSplit(train=small_docs()), output_dir=out)
    return out


@pytest.fixture
def copy_dir(model_dir, tmp_path) -> Path:
    """A copy without model.onnx: the weights are then loaded (and refused) through torch."""
    d = tmp_path / "copy"
    shutil.copytree(model_dir, d)
    (d / "model.onnx").unlink()
    return d


def test_gainer_model_loads(model_dir):
    tagger = load_model(model_dir)
    assert tagger.max_len == 64 and tagger.stride == 8
    assert tagger.meta["labels"] == list(LABELS)
    assert isinstance(tagger.tag("全年受理申请12件。"), list)
    assert load_model(str(model_dir)).source == str(model_dir)


def test_default_model_path():
    assert default_model_path() == Path(model_io.__file__).resolve().parent.parent / "resources" / "model"


def test_missing_default_model_says_how_to_build_it(monkeypatch, tmp_path):
    monkeypatch.setattr(model_io, "default_model_path", lambda: tmp_path / "none")
    with pytest.raises(ModelError, match="train_default.py"):
        load_model()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_corrupted_safetensors_is_refused(copy_dir, damage):
    weights = copy_dir / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"\x00not safetensors" * 10, "empty": b""}[damage])
    with pytest.raises(ModelError, match="cannot load the weights") as e:
        load_model(copy_dir)
    assert str(copy_dir) in str(e.value) and "damaged" in str(e.value)


def test_weights_that_do_not_match_the_config_are_refused(copy_dir):
    cfg = json.loads((copy_dir / "config.json").read_text())
    cfg["intermediate_size"] = 48
    (copy_dir / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="does not match config.json"):
        load_model(copy_dir)


def test_pickled_only_checkpoint_is_refused(copy_dir):
    from safetensors.torch import load_file

    torch.save(load_file(str(copy_dir / "model.safetensors")), copy_dir / "pytorch_model.bin")
    (copy_dir / "model.safetensors").unlink()
    with pytest.raises(ModelError, match="pickled") as e:
        load_model(copy_dir)
    assert "safetensors" in str(e.value) and "use_safetensors=True" in str(e.value)
    with pytest.raises(ModelError, match="pickled"):
        load_model(copy_dir / "pytorch_model.bin")


def test_no_weights_at_all(copy_dir):
    (copy_dir / "model.safetensors").unlink()
    with pytest.raises(ModelError, match="no model.safetensors"):
        load_model(copy_dir)


def _save_hf(model, directory: Path, vocab_from: Path) -> Path:
    model.save_pretrained(str(directory))
    tok = transformers.BertTokenizerFast(vocab_file=str(vocab_from / "vocab.txt"), do_lower_case=False)
    tok.save_pretrained(str(directory))
    return directory


def test_foreign_masked_lm_checkpoint_is_refused(model_dir, tmp_path):
    cfg = transformers.BertConfig(vocab_size=700, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    d = _save_hf(transformers.BertForMaskedLM(cfg), tmp_path / "mlm", model_dir)
    with pytest.raises(ModelError, match="not a token-classification checkpoint") as e:
        load_model(d)
    assert "BertForMaskedLM" in str(e.value)


def test_token_classifier_for_other_labels_is_refused(model_dir, tmp_path):
    labels = ["O", "B-PER", "I-PER"]
    cfg = transformers.BertConfig(
        vocab_size=700, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64,
        max_position_embeddings=64, num_labels=3, id2label=dict(enumerate(labels)), label2id={x: i for i, x in enumerate(labels)},
    )
    d = _save_hf(transformers.BertForTokenClassification(cfg), tmp_path / "ner", model_dir)
    with pytest.raises(ModelError, match="lacks") as e:
        load_model(d)
    assert "B-METRIC" in str(e.value)


def test_plain_hf_token_classifier_with_our_labels_loads_with_offsets(model_dir, tmp_path):
    tagger = load_model(model_dir, backend="torch")
    d = _save_hf(tagger.model, tmp_path / "hf", model_dir)
    assert not (d / "gainer_model.json").exists()
    hf = load_model(d)
    assert hf.tokenizer.kind == "hf"
    text = "全年 受理申请12件。\n其中，公开信息3件"
    spans = hf.tag(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    probs = hf.char_probs(text)
    assert probs.shape == (len(text), len(LABELS))


def test_other_schema_version_is_refused(copy_dir):
    meta = json.loads((copy_dir / "gainer_model.json").read_text(encoding="utf-8"))
    meta["schema_version"] = 999
    (copy_dir / "gainer_model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="schema version 999") as e:
        load_model(copy_dir)
    assert "retrain" in str(e.value)


@pytest.mark.parametrize(
    "edit,match",
    [
        (lambda m: m.update(format="other"), "format"),
        (lambda m: m.update(format_version=99), "format version"),
        (lambda m: m.update(labels=["O", "B-X"]), "labels"),
    ],
)
def test_bad_metadata_is_refused(copy_dir, edit, match):
    meta = json.loads((copy_dir / "gainer_model.json").read_text(encoding="utf-8"))
    edit(meta)
    (copy_dir / "gainer_model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=match):
        load_model(copy_dir)


def test_unreadable_metadata_and_missing_vocab(copy_dir):
    (copy_dir / "vocab.txt").unlink()
    with pytest.raises(ModelError, match="vocab"):
        load_model(copy_dir)
    (copy_dir / "gainer_model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_model(copy_dir)


def test_vocabulary_larger_than_the_embeddings_is_refused(copy_dir):
    with (copy_dir / "vocab.txt").open("a", encoding="utf-8") as f:
        for i in range(2000):
            f.write(f"extra{i}\n")
    with pytest.raises(ModelError, match="vocabulary has"):
        load_model(copy_dir)


@pytest.mark.parametrize("bad", ["", "   "])
def test_empty_model_name(bad):
    with pytest.raises(ModelError, match="empty model name"):
        load_model(bad)


def test_missing_paths_and_files(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_model(str(tmp_path / "nope") + "/")
    with pytest.raises(ModelError, match="not found"):
        load_model("./no/such/model")
    f = tmp_path / "weights.safetensors"
    f.write_bytes(b"x")
    with pytest.raises(ModelError, match="expected a model directory"):
        load_model(f)
    with pytest.raises(ModelError, match="expected a model directory or a hub name"):
        load_model(123)


def test_unreachable_hub_name_is_a_clear_model_error(monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)  # no network waits in tests
    with pytest.raises(ModelError, match="hub") as e:
        load_model("gainer-test-org/no-such-model")
    assert isinstance(e.value, GainerError)
