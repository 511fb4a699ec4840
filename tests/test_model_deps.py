"""The model package without torch: importable, and a clear MissingDependencyError when a model is used."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gainer.errors import MissingDependencyError


def test_without_torch_a_checkpoint_without_onnx_raises_missing_dependency(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    from gainer.model import default_model_path, load_model
    from gainer.model._deps import require_torch

    with pytest.raises(MissingDependencyError, match="torch") as e:
        require_torch()
    assert "pip install" in str(e.value)
    d = tmp_path / "no-onnx"
    shutil.copytree(default_model_path(), d)
    (d / "model.onnx").unlink()
    with pytest.raises(MissingDependencyError) as e:
        load_model(d)
    assert "gainer export" in str(e.value)
    with pytest.raises(MissingDependencyError):
        load_model(default_model_path(), backend="torch")
    assert load_model().backend == "onnx"  # the shipped model needs no torch


def test_importing_the_model_package_does_not_import_torch():
    code = textwrap.dedent(
        """
        import sys
        import gainer.model, gainer.model.merge, gainer.model.tokenizer, gainer.model.config
        import gainer.model.vocab, gainer.model.train, gainer.model.io, gainer.model.infer, gainer.model.pretrain
        import gainer.model.ort, gainer.model.export
        print("torch" in sys.modules, "transformers" in sys.modules)
        """
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.split() == ["False", "False"]


def test_default_threads(monkeypatch):
    from gainer.model._deps import default_threads

    monkeypatch.setenv("GAINER_THREADS", "3")
    assert default_threads() == 3
    monkeypatch.setenv("GAINER_THREADS", "zero")
    assert 1 <= default_threads() <= 2
    monkeypatch.delenv("GAINER_THREADS")
    assert 1 <= default_threads() <= 2
