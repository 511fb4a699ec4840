"""The one error hierarchy of gainer: every message names the input, what was expected, and what to do."""
from __future__ import annotations


class GainerError(Exception):
    """Base class of every error gainer raises on purpose.

    ``code`` is a short stable identifier (E1xx input, E2xx schema/config, E3xx model,
    E4xx annotation, E5xx Label Studio) that the CLI prints and maps to an exit code.
    """

    code = "E000"
    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        self.source = source
        self.hint = hint
        self.message = message
        parts = []
        if source:
            parts.append(f"{source}: ")
        parts.append(message)
        if hint:
            parts.append(f" ({hint})")
        super().__init__("".join(parts))

    def __str__(self) -> str:  # keep the code visible in every rendering
        return f"[{self.code}] {super().__str__()}"


class InputError(GainerError):
    """A file or text that cannot be read as a report (missing, empty, binary, corrupt, wrong type)."""

    code = "E100"


class EncodingError(InputError):
    code = "E101"


class UnsupportedFormatError(InputError):
    code = "E102"


class EmptyDocumentError(InputError):
    code = "E103"


class CorruptFileError(InputError):
    code = "E104"


class ConfigError(GainerError):
    """A config or schema file that does not validate."""

    code = "E200"


class SchemaError(ConfigError):
    code = "E201"


class ModelError(GainerError):
    """A model checkpoint that cannot be loaded or used (missing, pickled, foreign, wrong schema)."""

    code = "E300"


class MissingDependencyError(GainerError):
    """An optional dependency (torch, transformers, label-studio-sdk) is not installed."""

    code = "E301"


class AnnotationError(GainerError):
    """Annotations that do not validate (misaligned, overlapping, unknown labels)."""

    code = "E400"


class LabelStudioError(GainerError):
    """Label Studio server down, key refused, project missing or export empty."""

    code = "E500"
