"""Masked-LM pretraining on unlabelled reports, and fine-tuning the tagger from its checkpoint."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from gainer.errors import EmptyDocumentError, InputError, ModelError  # noqa: E402
from gainer.model import load_model, load_train_config  # noqa: E402
from gainer.model.data import DataSplit  # noqa: E402
from gainer.model.pretrain import pretrain, read_corpus  # noqa: E402
from gainer.model.train import train  # noqa: E402
from gainer.types import AnnotatedText, Span  # noqa: E402

CONFIGS = Path(__file__).resolve().parent.parent / "configs"


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(['全年', '本年度'])}{rng.choice(['受理申请', '公开信息', '办理复议'])}{rng.randint(1, 999)}件。"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    rng = random.Random(0)
    for i in range(6):
        (d / f"r{i}.txt").write_text("".join(sentence(rng) for _ in range(30)), encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "r.md").write_text("# 年度报告\n\n" + sentence(rng), encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blank.txt").write_text("  \n\t", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "notes.json").write_text("{}", encoding="utf-8")  # not a report format: ignored
    return d


@pytest.fixture(scope="module")
def config():
    return load_train_config(CONFIGS / "train-tiny.yaml")


@pytest.fixture(scope="module")
def pretrained(corpus, config, tmp_path_factory) -> Path:
    return pretrain(corpus, config, output_dir=tmp_path_factory.mktemp("pre"))


def test_read_corpus_reads_reports_and_skips_the_unreadable(corpus):
    files = [Path(p).name for p, _ in read_corpus(corpus)]
    assert files == ["r0.txt", "r1.txt", "r2.txt", "r3.txt", "r4.txt", "r5.txt", "r.md"]


def test_bad_corpus_directories(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_corpus(tmp_path / "nope")
    (tmp_path / "a.txt").write_text(" \n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError, match="no readable reports"):
        read_corpus(tmp_path)


def test_pretrain_writes_a_masked_lm_checkpoint(pretrained):
    names = {p.name for p in pretrained.iterdir()}
    assert {"model.safetensors", "config.json", "vocab.txt", "gainer_pretrain.json"} <= names
    meta = json.loads((pretrained / "gainer_pretrain.json").read_text(encoding="utf-8"))
    assert meta["tokenizer"] == "char" and meta["corpus"]["files"] == 7 and meta["steps"] == 4
    assert json.loads((pretrained / "config.json").read_text())["architectures"] == ["BertForMaskedLM"]


def test_pretrained_checkpoint_is_not_a_tagger(pretrained):
    with pytest.raises(ModelError, match="not a token-classification checkpoint"):
        load_model(pretrained)


def test_train_starts_from_the_pretrained_checkpoint(pretrained, config, tmp_path):
    rng = random.Random(5)
    docs = []
    for i in range(4):
        text = sentence(rng)
        spans = (Span.from_text(text, len(text) - 8, len(text) - 4, "METRIC"),) if len(text) > 8 else ()
        docs.append(AnnotatedText(f"d{i}", text, spans))
    base_config = config.replace(max_steps=2, model={"base": str(pretrained)})
    result = train(base_config, data=DataSplit(train=docs), output_dir=tmp_path / "tuned")
    tagger = load_model(result.output_dir)
    assert (tmp_path / "tuned" / "vocab.txt").read_text(encoding="utf-8") == (pretrained / "vocab.txt").read_text(encoding="utf-8")
    from safetensors.torch import load_file

    base = load_file(str(pretrained / "model.safetensors"))
    key = "bert.encoder.layer.0.attention.self.query.weight"
    assert key in base  # the tagger started from these weights (and moved a little)
    assert tagger.tag("全年受理申请12件。") is not None


def test_pretrain_continues_from_a_base(pretrained, corpus, config, tmp_path):
    out = pretrain(corpus, config.replace(model={"base": str(pretrained)}), output_dir=tmp_path / "again")
    assert (out / "model.safetensors").is_file()


def test_base_with_pickled_weights_only_is_refused(pretrained, config, tmp_path):
    import shutil

    d = tmp_path / "pickled"
    shutil.copytree(pretrained, d)
    (d / "model.safetensors").unlink()
    (d / "pytorch_model.bin").write_bytes(b"not loaded")
    with pytest.raises(ModelError, match="pickled"):
        train(config.replace(model={"base": str(d)}), data=DataSplit(train=[AnnotatedText("a", "全年")]), output_dir=tmp_path / "o")
