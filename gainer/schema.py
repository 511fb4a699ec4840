"""Load configs/schema.yaml into typed, validated objects: fields, aliases, table row labels and rules."""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SchemaError

def _config_dir() -> Path:
    """The configs: inside the package in a wheel install (gainer/configs), else the source tree's configs/."""
    packaged = Path(__file__).resolve().parent / "configs"
    return packaged if (packaged / "schema.yaml").is_file() else Path(__file__).resolve().parent.parent / "configs"


CONFIG_DIR = _config_dir()
DEFAULT_SCHEMA_PATH = CONFIG_DIR / "schema.yaml"
TEMPLATES = ("2021", "2019", "legacy")
GROUPS = ("active", "requests", "review", "litigation", "stats")


@dataclass(frozen=True)
class FieldDef:
    id: str
    label: str
    unit: str
    templates: tuple[str, ...]
    section: str
    aliases: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def table_group(self) -> bool:
        return self.group != "stats"


@dataclass(frozen=True)
class Rule:
    """One consistency rule expanded to concrete field ids.

    Either ``total == sum(parts)`` or, when ``left``/``right`` are given, ``sum(left) == sum(right)``.
    ``missing`` says how absent fields count: ``zero`` (table rules: a blank cell is 0, but at least
    one field on each side must be present) or ``not_applicable`` (every field must be present).
    """

    id: str
    text: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    missing: str = "zero"

    @property
    def fields(self) -> tuple[str, ...]:
        return self.left + self.right


@dataclass(frozen=True)
class Schema:
    version: int
    fields: tuple[FieldDef, ...]
    rules: tuple[Rule, ...]
    templates: dict[str, str] = field(default_factory=dict)
    table_rows: dict[str, Any] = field(default_factory=dict)
    path: str = ""

    @functools.cached_property
    def by_id(self) -> dict[str, FieldDef]:
        return {f.id: f for f in self.fields}

    def __contains__(self, fid: str) -> bool:
        return fid in self.by_id

    def get(self, fid: str) -> FieldDef:
        try:
            return self.by_id[fid]
        except KeyError:
            raise SchemaError(f"unknown field id {fid!r}", source=self.path, hint="run `python -m gainer schema` to list the ids") from None

    def unit(self, fid: str) -> str:
        return self.get(fid).unit

    def select(self, prefix: str = "") -> list[FieldDef]:
        return [f for f in self.fields if f.id.startswith(prefix)]

    def for_template(self, template: str) -> list[FieldDef]:
        return [f for f in self.fields if template in f.templates]


def _require(d: dict, key: str, where: str, path: str) -> Any:
    if key not in d:
        raise SchemaError(f"{where} lacks the key {key!r}", source=path, hint="regenerate it with scripts/make_schema_config.py")
    return d[key]


def _expand_rule(raw: dict, path: str) -> list[Rule]:
    rid = _require(raw, "id", "a rule", path)
    text = raw.get("text", rid)
    loops = raw.get("for") or {}
    names = list(loops)
    combos = list(itertools.product(*[loops[n] for n in names])) if names else [()]
    out = []
    for combo in combos:
        env = dict(zip(names, combo))
        if raw.get("left") is not None:
            left = tuple(s.format(**env) for s in raw["left"])
            right = tuple(s.format(**env) for s in raw["right"])
        else:
            left = (raw["total"].format(**env),)
            right = tuple(s.format(**env) for s in raw["parts"])
        suffix = "".join(f"[{v}]" for v in combo)
        out.append(Rule(id=rid + suffix, text=text, left=left, right=right, missing=raw.get("missing", "zero")))
    return out


def parse_schema(data: dict, path: str = "<schema>") -> Schema:
    if not isinstance(data, dict):
        raise SchemaError("expected a mapping at the top level", source=path)
    version = _require(data, "version", "the schema", path)
    fields = []
    seen: set[str] = set()
    for i, f in enumerate(_require(data, "fields", "the schema", path)):
        where = f"field #{i}"
        fid = _require(f, "id", where, path)
        if fid in seen:
            raise SchemaError(f"field id {fid!r} appears twice", source=path)
        seen.add(fid)
        if fid.split(".", 1)[0] not in GROUPS:
            raise SchemaError(f"field id {fid!r} is not in one of the groups {GROUPS}", source=path)
        templates = tuple(str(t) for t in _require(f, "templates", fid, path))
        bad = [t for t in templates if t not in TEMPLATES]
        if bad:
            raise SchemaError(f"field {fid!r} names unknown templates {bad}", source=path, hint=f"use {TEMPLATES}")
        fields.append(
            FieldDef(
                id=fid,
                label=str(_require(f, "label", fid, path)),
                unit=str(_require(f, "unit", fid, path)),
                templates=templates,
                section=str(f.get("section", "")),
                aliases=tuple(f.get("aliases") or ()),
            )
        )
    rules: list[Rule] = []
    for raw in data.get("rules") or []:
        rules.extend(_expand_rule(raw, path))
    for r in rules:
        unknown = [x for x in r.fields if x not in seen]
        if unknown:
            raise SchemaError(f"rule {r.id!r} names unknown fields {unknown[:3]}", source=path)
    return Schema(
        version=int(version),
        fields=tuple(fields),
        rules=tuple(rules),
        templates=dict(data.get("templates") or {}),
        table_rows=dict(data.get("table_rows") or {}),
        path=path,
    )


def load_schema(path: str | Path | None = None) -> Schema:
    """Load and validate a schema config; the default one is cached."""
    if path is None:
        return _default_schema()
    return _load(Path(path))


def _load(p: Path) -> Schema:
    if not p.is_file():
        raise SchemaError("schema file not found", source=str(p), hint="pass the path of configs/schema.yaml")
    try:
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise SchemaError(f"not valid YAML: {e}", source=str(p)) from e
    return parse_schema(data, str(p))


@functools.lru_cache(maxsize=1)
def _default_schema() -> Schema:
    return _load(DEFAULT_SCHEMA_PATH)
