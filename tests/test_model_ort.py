"""The tagger on ONNX Runtime (gainer/model/ort.py) and the export that writes it (gainer/model/export.py).

The first part runs without torch (it is part of the torch-blocked suite); the parity tests train or
load models on torch and skip without it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import gainer
from gainer.api import extract_many
from gainer.errors import ModelError
from gainer.model import default_model_path, load_model
from gainer.model.export import with_onnx_section
from gainer.model.ort import OnnxTagger, session

ROOT = Path(__file__).resolve().parent.parent
TEXT = "2017年，本机关全年主动公开政府信息225条，其中规范性文件6条，受理政府信息公开申请12件。"


@pytest.fixture
def shipped_copy(tmp_path) -> Path:
    d = tmp_path / "model"
    shutil.copytree(default_model_path(), d)
    return d


def test_shipped_model_runs_on_onnx_runtime():
    tagger = load_model()
    assert isinstance(tagger, OnnxTagger) and tagger.backend == "onnx"
    spans = tagger.tag(TEXT)
    assert "225条" in {s.text for s in spans if s.label == "VALUE"}
    assert all(TEXT[s.start : s.end] == s.text for s in spans)
    meta = tagger.meta["onnx"]
    assert meta["parity_max_abs_logit_diff"] <= 1e-3 and meta["opset"] >= 13 and meta["quantized"] is None


def test_predict_with_the_model_imports_no_torch(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys, gainer
        r = gainer.extract({str(report)!r})
        assert r.fields["stats.active.total"].value == 225 and r.fields["stats.active.total"].source == "prose-model", r.fields
        print("torch" in sys.modules, "transformers" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_one_session_per_model_and_thread_count():
    a, b = load_model(threads=1), load_model(threads=1)
    assert a.session is b.session
    assert load_model(threads=2).session is not a.session


def test_unknown_backend_and_missing_onnx(shipped_copy):
    with pytest.raises(ModelError, match="unknown backend"):
        load_model(backend="gpu")
    (shipped_copy / "model.onnx").unlink()
    with pytest.raises(ModelError, match="no model.onnx") as e:
        load_model(shipped_copy, backend="onnx")
    assert "gainer export" in str(e.value)
    with pytest.raises(ModelError, match="hub name"):
        load_model("some-org/some-model", backend="onnx")


@pytest.mark.parametrize("damage", [b"", b"not an onnx graph" * 20])
def test_damaged_onnx_graph_is_a_clear_model_error(shipped_copy, damage):
    (shipped_copy / "model.onnx").write_bytes(damage)
    with pytest.raises(ModelError, match="not a loadable ONNX graph") as e:
        load_model(shipped_copy)
    assert "gainer export" in str(e.value)


def test_graph_with_other_inputs_is_refused(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g", [x], [y])
    p = tmp_path / "model.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(p))
    with pytest.raises(ModelError, match="expected \\['input_ids', 'attention_mask'\\]"):
        session(p, 1)


def test_onnx_section_of_the_card_is_replaced_not_repeated():
    info = {"file": "model.onnx", "size_bytes": 2**20, "exporter": "x", "opset": 17, "optimized": None, "quantized": None, "parity_windows": 3, "parity_source": "s", "parity_max_abs_logit_diff": 1e-5, "onnxruntime": "1"}
    card = "# Model\n\ntext\n\n## Scores\n\nrows\n"
    once = with_onnx_section(card, info)
    twice = with_onnx_section(once, dict(info, opset=18))
    assert twice.count("## ONNX") == 1 and "opset 18" in twice and "## Scores" in twice and "opset 17" not in twice


class _RecordingTagger:
    """A tagger that exists only in memory: workers cannot load it, so the batch runs here."""

    backend = "memory"
    source = "<memory>"

    def __init__(self):
        self.calls = 0

    def tag(self, text):
        self.calls += 1
        return []


def test_extract_many_with_jobs_keeps_an_in_memory_tagger(tmp_path):
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(TEXT, encoding="utf-8")
    fake = _RecordingTagger()
    items = extract_many([tmp_path], model=fake, jobs=2, backstop=False)
    assert fake.calls >= 3 and all(it.ok for it in items)
    assert all(not any(fv.source == "prose-model" for fv in it.record.fields.values()) for it in items)


def test_extract_many_with_jobs_hands_workers_the_loaded_model(tmp_path, shipped_copy):
    for i in range(3):
        (tmp_path / "in" / f"r{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"r{i}.txt").write_text(TEXT, encoding="utf-8")
    tagger = load_model(shipped_copy)
    one = extract_many([tmp_path / "in"], model=tagger, jobs=1)
    two = extract_many([tmp_path / "in"], model=tagger, jobs=2)
    assert [i.record.to_dict()["fields"] for i in one] == [i.record.to_dict()["fields"] for i in two]
    # the workers loaded the caller's directory: a model that tags nothing would give no prose-model field
    assert all(i.record.fields["stats.active.total"].source == "prose-model" for i in two)


# ---------------------------------------------------------------------------
# With torch: export and parity


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from gainer.model import load_train_config
    from gainer.model.data import DataSplit
    from gainer.model.train import train
    from test_model_io import small_docs

    out = tmp_path_factory.mktemp("tiny-onnx")
    config = load_train_config(ROOT / "configs" / "train-tiny.yaml").replace(max_steps=3)
    train(config, data=DataSplit(train=small_docs()), output_dir=out)
    return out


@pytest.mark.torch
def test_training_writes_model_onnx_with_its_parity(tiny_dir):
    assert (tiny_dir / "model.onnx").is_file()
    meta = json.loads((tiny_dir / "gainer_model.json").read_text(encoding="utf-8"))
    assert meta["onnx"]["parity_max_abs_logit_diff"] <= 1e-3 and meta["onnx"]["parity_windows"] > 0
    assert "## ONNX" in (tiny_dir / "README.md").read_text(encoding="utf-8")


@pytest.mark.torch
def test_both_back_ends_give_the_same_spans(tiny_dir):
    onnx_tagger, torch_tagger = load_model(tiny_dir), load_model(tiny_dir, backend="torch")
    assert (onnx_tagger.backend, torch_tagger.backend) == ("onnx", "torch")
    texts = [TEXT, TEXT * 9, "", "全年受理申请12件。\n\n办理复议3件。"]
    assert [[s.key() for s in x] for x in onnx_tagger.tag_batch(texts)] == [[s.key() for s in x] for x in torch_tagger.tag_batch(texts)]
    import numpy as np

    a, b = onnx_tagger.char_probs(TEXT * 5), torch_tagger.char_probs(TEXT * 5)
    assert np.nanmax(np.abs(a - b)) < 1e-4


@pytest.mark.torch
def test_export_cli_and_int8(tiny_dir, tmp_path, capsys):
    from gainer.cli import main

    d = tmp_path / "m"
    shutil.copytree(tiny_dir, d)
    (d / "model.onnx").unlink()
    assert main(["export", str(d), "--int8"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["quantized"] and (d / "model.onnx").is_file()
    assert load_model(d).backend == "onnx"
    assert main(["export", str(tmp_path / "missing")]) == 2
    assert "model directory not found" in capsys.readouterr().err


@pytest.mark.torch
def test_plain_hugging_face_checkpoint_exports_and_runs_on_onnx(tiny_dir, tmp_path):
    transformers = pytest.importorskip("transformers")
    from gainer.model.export import export_onnx
    from gainer.model.labels import LABELS

    cfg = transformers.BertConfig(
        vocab_size=800, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64, max_position_embeddings=64,
        id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)},
    )
    d = tmp_path / "hf"
    transformers.BertForTokenClassification(cfg).save_pretrained(str(d))
    transformers.BertTokenizerFast(vocab_file=str(tiny_dir / "vocab.txt"), do_lower_case=False).save_pretrained(str(d))
    info = export_onnx(d)
    assert info["parity_max_abs_logit_diff"] <= 1e-3
    a, b = load_model(d), load_model(d, backend="torch")
    assert a.backend == "onnx" and [s.key() for s in a.tag(TEXT)] == [s.key() for s in b.tag(TEXT)]


@pytest.mark.torch
def test_shipped_model_same_fields_on_both_back_ends(seeds_dir):
    pytest.importorskip("torch")
    onnx_tagger, torch_tagger = load_model(), load_model(backend="torch")
    for f in sorted(p for p in seeds_dir.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf")):
        a = gainer.api.extract_full(f, gainer.api.Options(model=onnx_tagger))
        b = gainer.api.extract_full(f, gainer.api.Options(model=torch_tagger))
        assert [s.key() for s in a.spans] == [s.key() for s in b.spans], f
        assert a.record.to_dict()["fields"] == b.record.to_dict()["fields"], f
