"""Training/model configs of the tagger: YAML loading, validation, overrides (pure Python; no torch)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gainer.errors import ConfigError
from gainer.model.config import DEFAULT_TRAIN_CONFIG, ModelConfig, TrainConfig, apply_overrides, load_train_config

CONFIGS = Path(__file__).resolve().parent.parent / "configs"


def write(tmp_path: Path, text: str, name: str = "train.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_configs_load_and_resolve_paths_against_their_folder():
    default = load_train_config()
    assert DEFAULT_TRAIN_CONFIG == CONFIGS / "train.yaml"
    assert Path(default.output_dir) == CONFIGS.parent / "gainer" / "resources" / "model"
    assert Path(default.annotation_dirs[0]) == CONFIGS.parent / "annotations" / "seeds"
    tiny = load_train_config(CONFIGS / "train-tiny.yaml")
    assert (tiny.model.hidden_size, tiny.model.num_layers) == (32, 1)
    assert tiny.max_steps is not None and tiny.max_steps <= 20


def test_empty_file_gives_defaults(tmp_path):
    assert load_train_config(write(tmp_path, "")) == TrainConfig()


@pytest.mark.parametrize(
    "yaml_text,match",
    [
        ("epochz: 3\n", "unknown key.*epochz"),
        ("model:\n  hidden: 64\n", "unknown key.*model.hidden"),
        ("epochs: 0\n", "epochs"),
        ("epochs: two\n", "epochs"),
        ("epochs: true\n", "epochs"),
        ("lr: -1\n", "lr"),
        ("model:\n  dropout: 1.0\n", "model.dropout"),
        ("model:\n  hidden_size: 100\n  num_heads: 3\n", "multiple"),
        ("model:\n  max_len: 64\n  stride: 62\n", "model.stride"),
        ("model:\n  base: some/dir\n  hidden_size: 64\n", "base.*hidden_size"),
        ("holdout: [1, 2]\n", "holdout"),
        ("holdout: 000\n", "quote"),
        ("annotation_dirs: 5\n", "annotation_dirs"),
        ("- a\n- b\n", "mapping"),
        ("model: 3\n", "mapping"),
        ("epochs: [\n", "YAML"),
        ("pretrain:\n  mlm_probability: 0\n", "pretrain.mlm_probability"),
    ],
)
def test_bad_configs_are_refused_naming_file_and_key(tmp_path, yaml_text, match):
    p = write(tmp_path, yaml_text)
    with pytest.raises(ConfigError, match=match) as e:
        load_train_config(p)
    assert str(p) in str(e.value)


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_train_config(tmp_path / "nope.yaml")
    p = tmp_path / "bad.yaml"
    p.write_bytes(b"epochs: \xff\xfe\n")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_train_config(p)


def test_relative_paths_and_single_names(tmp_path):
    (tmp_path / "sub").mkdir()
    p = write(tmp_path / "sub", "annotation_dirs: [../ann]\noutput_dir: out\nholdout: '000'\nmodel:\n  base: ./base\n")
    c = load_train_config(p)
    assert c.annotation_dirs == (str(tmp_path / "ann"),)
    assert c.output_dir == str(tmp_path / "sub" / "out")
    assert c.holdout == ("000",)
    assert c.model.base == str(tmp_path / "sub" / "base")
    assert "hidden_size" not in c.to_dict()["model"]


def test_hub_name_base_is_kept_as_is(tmp_path):
    c = load_train_config(write(tmp_path, "model:\n  base: bert-base-chinese\n"))
    assert c.model.base == "bert-base-chinese"


def test_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    c = load_train_config(CONFIGS / "train-tiny.yaml", {"epochs": 3, "model.hidden_size": 64, "output_dir": "o", "holdout": ["a"], "seed": None})
    assert (c.epochs, c.model.hidden_size, c.holdout, c.seed) == (3, 64, ("a",), 0)
    assert c.output_dir == str(tmp_path / "o")
    with pytest.raises(ConfigError, match="unknown override"):
        apply_overrides(c, {"model.hiden": 3})
    with pytest.raises(ConfigError, match="epochs"):
        apply_overrides(c, {"epochs": -2})
    based = apply_overrides(c, {"model.base": "./ckpt"})
    assert based.model.base == str(tmp_path / "ckpt")


def test_to_dict_round_trips(tmp_path):
    from gainer.model.config import train_config_from_dict

    c = load_train_config(CONFIGS / "train-tiny.yaml")
    assert train_config_from_dict(c.to_dict()) == c


def test_replace_validates():
    with pytest.raises(ConfigError):
        TrainConfig().replace(batch_size=0)
    assert TrainConfig().replace(model={"hidden_size": 64}).model == ModelConfig(hidden_size=64)
