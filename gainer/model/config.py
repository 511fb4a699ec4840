"""Validated settings of the tagger: model shape (:class:`ModelConfig`) and training run (:class:`TrainConfig`), loaded from YAML.

Relative paths in a YAML file are resolved against the directory of that file, so
``configs/train.yaml`` names ``../annotations/seeds``. Unknown keys and bad values raise
:class:`gainer.errors.ConfigError` naming the file and the key.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import ConfigError
from ..schema import CONFIG_DIR

DEFAULT_TRAIN_CONFIG = CONFIG_DIR / "train.yaml"

_ARCH_KEYS = ("hidden_size", "num_layers", "num_heads", "intermediate_size", "vocab_min_freq")


def _fail(source: str, key: str, value: Any, expected: str) -> ConfigError:
    return ConfigError(f"{key} = {value!r}; expected {expected}", source=source, hint=f"fix {key} in the config file")


def _int(source: str, key: str, value: Any, lo: int | None = None, hi: int | None = None, *, none_ok: bool = False) -> None:
    if value is None and none_ok:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(source, key, value, "an integer" + (" or null" if none_ok else ""))
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        rng = f">= {lo}" if hi is None else f"in [{lo}, {hi}]"
        raise _fail(source, key, value, f"an integer {rng}")


def _float(source: str, key: str, value: Any, lo: float, hi: float, *, lo_open: bool = False, hi_open: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(source, key, value, "a number")
    if value < lo or value > hi or (lo_open and value == lo) or (hi_open and value == hi):
        raise _fail(source, key, value, f"a number in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}")


def _str_list(source: str, key: str, value: Any) -> None:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, Path)) and str(v) for v in value):
        raise ConfigError(
            f"{key} = {value!r}; expected a list of non-empty strings",
            source=source,
            hint=f"fix {key} in the config file; quote names that YAML reads as numbers, e.g. '000'",
        )


@dataclass(frozen=True)
class ModelConfig:
    """The shape of a randomly initialised BERT, or ``base``: a checkpoint to start from.

    ``max_len`` counts every position of a window, ``[CLS]`` and ``[SEP]`` included; ``stride`` is the
    number of tokens consecutive windows share. With ``base`` (a local directory, e.g. the output of
    ``pretrain``, or a hub name) the shape keys come from that checkpoint and must not be given.
    """

    hidden_size: int = 256
    num_layers: int = 3
    num_heads: int = 4
    intermediate_size: int = 512
    max_len: int = 256
    stride: int = 32
    dropout: float = 0.1
    attention_dropout: float = 0.1
    vocab_min_freq: int = 2
    base: str | None = None
    source: str = field(default="<ModelConfig>", compare=False, repr=False)

    def __post_init__(self) -> None:
        s = self.source
        _int(s, "model.hidden_size", self.hidden_size, 8)
        _int(s, "model.num_layers", self.num_layers, 1)
        _int(s, "model.num_heads", self.num_heads, 1)
        _int(s, "model.intermediate_size", self.intermediate_size, 8)
        _int(s, "model.max_len", self.max_len, 8, 8192)
        _int(s, "model.stride", self.stride, 0, self.max_len - 3)
        _int(s, "model.vocab_min_freq", self.vocab_min_freq, 1)
        _float(s, "model.dropout", self.dropout, 0.0, 1.0, hi_open=True)
        _float(s, "model.attention_dropout", self.attention_dropout, 0.0, 1.0, hi_open=True)
        if self.hidden_size % self.num_heads:
            raise ConfigError(
                f"model.hidden_size {self.hidden_size} is not a multiple of model.num_heads {self.num_heads}",
                source=s,
                hint="choose heads that divide the hidden size, e.g. hidden 256 with 4 heads",
            )
        if self.base is not None and (not isinstance(self.base, (str, Path)) or not str(self.base).strip()):
            raise _fail(s, "model.base", self.base, "a checkpoint directory or hub name, or null")

    @property
    def window_tokens(self) -> int:
        """Content tokens per window (``max_len`` less ``[CLS]`` and ``[SEP]``)."""
        return self.max_len - 2

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("source")
        if d["base"] is not None:
            d["base"] = str(d["base"])
            for k in _ARCH_KEYS:  # a base checkpoint brings its own shape
                d.pop(k)
        return d


@dataclass(frozen=True)
class PretrainConfig:
    """Continued masked-LM pretraining (``gainer.model.pretrain``)."""

    epochs: int = 3
    max_steps: int | None = None
    lr: float = 5e-4
    batch_size: int = 16
    mlm_probability: float = 0.15
    output_dir: str | Path = "pretrained"
    source: str = field(default="<PretrainConfig>", compare=False, repr=False)

    def __post_init__(self) -> None:
        s = self.source
        _int(s, "pretrain.epochs", self.epochs, 1)
        _int(s, "pretrain.max_steps", self.max_steps, 1, none_ok=True)
        _float(s, "pretrain.lr", self.lr, 0.0, 1.0, lo_open=True)
        _int(s, "pretrain.batch_size", self.batch_size, 1)
        _float(s, "pretrain.mlm_probability", self.mlm_probability, 0.0, 1.0, lo_open=True, hi_open=True)
        if not isinstance(self.output_dir, (str, Path)) or not str(self.output_dir):
            raise _fail(s, "pretrain.output_dir", self.output_dir, "a directory path")

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("source")
        d["output_dir"] = str(d["output_dir"])
        return d


@dataclass(frozen=True)
class TrainConfig:
    """One training run: data, held-out split, optimiser, output.

    Data are the Label Studio JSON files under ``annotation_dirs`` plus ``synthetic_n`` generated
    reports. Annotated reports whose name is in ``holdout`` are never trained on: they are the
    evaluation set, scored each epoch (with ``synthetic_eval_n`` further generated reports, drawn with
    another seed) using seqeval's strict IOB2 mode.
    """

    seed: int = 0
    epochs: int = 4
    max_steps: int | None = None
    lr: float = 5e-4
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    batch_size: int = 16
    eval_batch_size: int = 32
    grad_clip: float = 1.0
    synthetic_n: int = 800
    synthetic_noise: float = 0.3
    synthetic_eras: tuple[str, ...] | None = None
    synthetic_eval_n: int = 50
    annotation_dirs: tuple[str | Path, ...] = ()
    holdout: tuple[str, ...] = ()
    annotation_weight: int = 1
    allow_invalid: bool = False
    output_dir: str | Path = "model"
    threads: int = 2
    model: ModelConfig = field(default_factory=ModelConfig)
    pretrain: PretrainConfig = field(default_factory=PretrainConfig)
    source: str = field(default="<TrainConfig>", compare=False, repr=False)

    def __post_init__(self) -> None:
        s = self.source
        _int(s, "seed", self.seed, 0)
        _int(s, "epochs", self.epochs, 1)
        _int(s, "max_steps", self.max_steps, 1, none_ok=True)
        _float(s, "lr", self.lr, 0.0, 1.0, lo_open=True)
        _float(s, "weight_decay", self.weight_decay, 0.0, 1.0)
        _float(s, "warmup_ratio", self.warmup_ratio, 0.0, 1.0, hi_open=True)
        _int(s, "batch_size", self.batch_size, 1)
        _int(s, "eval_batch_size", self.eval_batch_size, 1)
        _float(s, "grad_clip", self.grad_clip, 0.0, 1e6)
        _int(s, "synthetic_n", self.synthetic_n, 0)
        _float(s, "synthetic_noise", self.synthetic_noise, 0.0, 1.0)
        _int(s, "synthetic_eval_n", self.synthetic_eval_n, 0)
        _int(s, "annotation_weight", self.annotation_weight, 1, 100)
        _int(s, "threads", self.threads, 1, 256)
        if self.synthetic_eras is not None:
            _str_list(s, "synthetic_eras", self.synthetic_eras)
            object.__setattr__(self, "synthetic_eras", tuple(self.synthetic_eras))
        _str_list(s, "annotation_dirs", self.annotation_dirs)
        object.__setattr__(self, "annotation_dirs", tuple(self.annotation_dirs))
        _str_list(s, "holdout", self.holdout)
        object.__setattr__(self, "holdout", tuple(self.holdout))
        if not isinstance(self.allow_invalid, bool):
            raise _fail(s, "allow_invalid", self.allow_invalid, "true or false")
        if not isinstance(self.output_dir, (str, Path)) or not str(self.output_dir):
            raise _fail(s, "output_dir", self.output_dir, "a directory path")
        if not isinstance(self.model, ModelConfig):
            raise _fail(s, "model", self.model, "a mapping of model settings")
        if not isinstance(self.pretrain, PretrainConfig):
            raise _fail(s, "pretrain", self.pretrain, "a mapping of pretraining settings")

    def replace(self, **changes: Any) -> "TrainConfig":
        """A copy with some settings changed (validated again); ``model`` / ``pretrain`` take dicts of changes."""
        for key, cls in (("model", ModelConfig), ("pretrain", PretrainConfig)):
            if isinstance(changes.get(key), Mapping):
                sub = getattr(self, key)
                try:
                    changes[key] = dataclasses.replace(sub, **changes[key])
                except TypeError as e:
                    raise ConfigError(f"unknown {key} setting: {e}", source=self.source) from None
        try:
            return dataclasses.replace(self, **changes)
        except TypeError as e:
            raise ConfigError(f"unknown setting: {e}", source=self.source) from None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (saved with every model)."""
        d: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "source":
                continue
            v = getattr(self, f.name)
            if isinstance(v, (ModelConfig, PretrainConfig)):
                v = v.to_dict()
            elif isinstance(v, tuple):
                v = [str(x) for x in v]
            elif isinstance(v, Path):
                v = str(v)
            d[f.name] = v
        return d


def _build(cls: type, data: Any, where: str, source: str) -> Any:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where or 'the top level'} is {type(data).__name__}; expected a mapping", source=source, hint="see configs/train.yaml")
    names = {f.name for f in dataclasses.fields(cls)} - {"source"}
    unknown = sorted(str(k) for k in data if k not in names)
    if unknown:
        prefix = f"{where}." if where else ""
        raise ConfigError(
            f"unknown key(s) {', '.join(prefix + k for k in unknown)}",
            source=source,
            hint=f"known keys{' of ' + where if where else ''}: {', '.join(sorted(names))}",
        )
    return dict(data)


def _resolve(value: Any, base: Path | None) -> Any:
    if base is None or not isinstance(value, (str, Path)):
        return value
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())


def _looks_local(value: str, base: Path | None) -> bool:
    """A ``model.base`` that names a directory rather than a hub model."""
    v = str(value)
    return v.startswith((".", "/", "~")) or (base is not None and (base / v).exists())


def train_config_from_dict(data: Mapping[str, Any], *, source: str = "<dict>", base_dir: str | Path | None = None) -> TrainConfig:
    """A validated :class:`TrainConfig` from a plain dict (e.g. parsed YAML); paths resolved against ``base_dir``."""
    base = Path(base_dir) if base_dir is not None else None
    top = _build(TrainConfig, data or {}, "", source)
    model = _build(ModelConfig, top.pop("model", None) or {}, "model", source)
    pre = _build(PretrainConfig, top.pop("pretrain", None) or {}, "pretrain", source)
    if model.get("base") is not None:
        given = [k for k in _ARCH_KEYS if k in model]
        if given:
            raise ConfigError(
                f"model.base is set together with {', '.join('model.' + k for k in given)}",
                source=source,
                hint="a base checkpoint brings its own shape and vocabulary: remove those keys or remove base",
            )
        if _looks_local(model["base"], base):
            model["base"] = _resolve(model["base"], base)
    for key in ("annotation_dirs",):
        if key in top and isinstance(top[key], (list, tuple)):
            top[key] = [_resolve(v, base) for v in top[key]]
    if "output_dir" in top:
        top["output_dir"] = _resolve(top["output_dir"], base)
    if "output_dir" in pre:
        pre["output_dir"] = _resolve(pre["output_dir"], base)
    for key in ("holdout", "synthetic_eras", "annotation_dirs"):
        if isinstance(top.get(key), str):  # a single name is a one-item list
            top[key] = [top[key]]
    try:
        return TrainConfig(
            **top,
            model=ModelConfig(**model, source=source),
            pretrain=PretrainConfig(**pre, source=source),
            source=source,
        )
    except TypeError as e:  # a value of the wrong shape for a dataclass
        raise ConfigError(f"invalid settings: {e}", source=source) from None


def load_train_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> TrainConfig:
    """Load a training config from YAML (default ``configs/train.yaml``) and apply ``overrides``.

    ``overrides`` maps keys to values, nested keys dotted (``{"epochs": 1, "model.base": "dir"}``), as
    the CLI passes its flags; relative paths in overrides are resolved against the working directory.
    """
    p = Path(path) if path is not None else DEFAULT_TRAIN_CONFIG
    if not p.is_file():
        raise ConfigError("training config not found", source=str(p), hint="pass the path of a YAML file such as configs/train.yaml")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 text: {e}", source=str(p), hint="save the config as UTF-8") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"not valid YAML: {e}", source=str(p), hint="check the indentation and quoting") from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"the top level is {type(data).__name__}; expected a mapping", source=str(p), hint="see configs/train.yaml")
    data = _nested_copy(data)
    base_dir = p.resolve().parent
    config = train_config_from_dict(data, source=str(p), base_dir=base_dir)
    if overrides:
        config = apply_overrides(config, overrides)
    return config


def _nested_copy(d: Any) -> Any:
    return {k: _nested_copy(v) for k, v in d.items()} if isinstance(d, dict) else d


def apply_overrides(config: TrainConfig, overrides: Mapping[str, Any]) -> TrainConfig:
    """``config`` with dotted-key overrides applied (paths resolved against the working directory)."""
    data = config.to_dict()
    cwd = Path.cwd()
    for key, value in overrides.items():
        if value is None and key != "model.base" and key != "max_steps":
            continue  # an unset CLI flag
        parts = key.split(".")
        target = data
        for part in parts[:-1]:
            if not isinstance(target.get(part), dict):
                raise ConfigError(f"unknown override key {key!r}", source=config.source, hint="use keys like epochs or model.hidden_size")
            target = target[part]
        if parts[-1] not in target:
            raise ConfigError(f"unknown override key {key!r}", source=config.source, hint="use keys like epochs or model.hidden_size")
        if parts[-1] in ("output_dir", "annotation_dirs") or key == "model.base":
            if isinstance(value, (list, tuple)):
                value = [_resolve(v, cwd) for v in value]
            elif value is not None and (parts[-1] != "base" or _looks_local(str(value), cwd)):
                value = _resolve(value, cwd)
        target[parts[-1]] = value
    if data["model"].get("base") is not None:
        # a base brings its own shape: drop the shape keys the file may have set
        data["model"] = {k: v for k, v in data["model"].items() if k not in _ARCH_KEYS}
    return train_config_from_dict(data, source=config.source)
