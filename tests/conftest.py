"""Shared test setup. GAINER_BLOCK_TORCH=1 makes torch and transformers unimportable, so the suite
proves that everything but the model works without them (tests needing torch then skip)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if os.environ.get("GAINER_BLOCK_TORCH") == "1":
    for _name in ("torch", "transformers", "safetensors.torch"):
        sys.modules[_name] = None  # type: ignore[assignment]

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
