"""Shared test setup. GAINER_BLOCK_TORCH=1 makes torch and transformers unimportable, so the suite
proves that everything but the model works without them (tests needing torch then skip)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

_BLOCKED = ("torch", "transformers", "safetensors.torch")


class _BlockTorch:
    """A meta path finder that makes the blocked packages raise ModuleNotFoundError, as if they were
    not installed. (Putting None into sys.modules would break libraries such as scipy, which look
    torch up in sys.modules and expect a module or nothing.)"""

    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in _BLOCKED):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by GAINER_BLOCK_TORCH=1)",
                                      name=name)
        return None


if os.environ.get("GAINER_BLOCK_TORCH") == "1":
    for _name in list(sys.modules):
        if any(_name == b or _name.startswith(b + ".") for b in _BLOCKED):
            del sys.modules[_name]
    sys.meta_path.insert(0, _BlockTorch())

REAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "real"
SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture
def real_dir() -> Path:
    if not REAL_DIR.is_dir():
        pytest.skip(f"{REAL_DIR} not present")
    return REAL_DIR


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"{SEEDS_DIR} not present")
    return SEEDS_DIR


def _load_script(name: str):
    """The module of ``scripts/<name>.py`` (scripts are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def load_script():
    """``load_script("name")`` -> the module of ``scripts/name.py``."""
    return _load_script
