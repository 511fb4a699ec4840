"""Decode report bytes to text (BOM, UTF-8, UTF-16, GB18030, then charset detection) and refuse binary content."""
from __future__ import annotations

import codecs
import re

from ..errors import EmptyDocumentError, EncodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared names that browsers (and the WHATWG encoding standard) read as a superset codec.
_ALIASES = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
    "big5": "big5hkscs",
}
_WESTERN_CODECS = {"ascii", "latin-1", "iso8859-1", "cp1252"}  # codecs.lookup() names

# Control characters that never occur in a text report (tab, newline, CR, FF, VT are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\ud800-\udfff]")


def canonical_codec(name: str | None) -> str | None:
    """Map a declared charset to the Python codec used to decode it; None if unknown."""
    if not name:
        return None
    n = name.strip().strip("'\"").lower()
    n = _ALIASES.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def looks_binary(text: str) -> bool:
    """True when decoded text has NULs or more than 1% control/replacement characters."""
    if "\x00" in text:
        return True
    if not text:
        return False
    bad = len(_CONTROL.findall(text))
    return bad > max(2, len(text) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from NUL bytes: ASCII characters put a NUL in one parity of byte only."""
    n = len(data) // 2
    if n < 2 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    # Han characters whose code point ends in 00 (一 U+4E00) put a few NULs in the other parity.
    if odd >= max(2, n // 20) and even * 4 <= odd:
        return "utf-16-le"
    if even >= max(2, n // 20) and odd * 4 <= even:
        return "utf-16-be"
    return None


def _refuse_binary(source: str) -> EncodingError:
    return EncodingError(
        "expected a text report but the file contains binary data (NUL bytes or control characters)",
        source=source,
        hint="pass the original .pdf/.docx/.html file, or convert the report to UTF-8 text",
    )


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return (text, codec name), the BOM stripped.

    Order: BOM, the ``declared`` charset (HTML meta), strict UTF-8, BOM-less UTF-16 by NUL
    pattern, strict GB18030, then charset-normalizer. Binary content raises EncodingError.
    """
    if not data.strip():
        raise EmptyDocumentError(
            "expected a report but the file is empty or contains only whitespace",
            source=source,
            hint="check that the download or export completed",
        )
    text: str | None = None
    codec: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, codec = data[len(bom) :].decode(name), name
            except UnicodeDecodeError as e:
                raise EncodingError(
                    f"the file starts with a {name} byte-order mark but is not valid {name} ({e.reason} at byte {e.start})",
                    source=source,
                    hint=f"re-save the file as UTF-8, or repair its {name} encoding",
                ) from None
            if name == "utf-8" and codec == "utf-8":
                codec = "utf-8-sig"
            break
    if text is None and b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise _refuse_binary(source)
        try:
            text, codec = data.decode(guess), guess
        except UnicodeDecodeError:
            raise _refuse_binary(source) from None
    if text is None:
        # Strict UTF-8 first even against a declaration: valid UTF-8 is near-proof, and saved pages
        # often keep a stale gb2312 meta after being re-encoded.
        order: list[str] = ["utf-8"]
        dec = canonical_codec(declared)
        western = dec in _WESTERN_CODECS
        if dec and not western and dec not in order:
            order.append(dec)
        if "gb18030" not in order:
            order.append("gb18030")
        if dec and western:
            order.append(dec)
        for name in order:
            try:
                text, codec = data.decode(name), name
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise EncodingError(
                "could not determine the text encoding (tried UTF-8, UTF-16, GB18030 and automatic detection)",
                source=source,
                hint="re-save the file as UTF-8",
            )
        text, codec = str(best), best.encoding
    if text.startswith("\ufeff"):
        text = text[1:]
    if looks_binary(text):
        raise _refuse_binary(source)
    if not text.strip():
        raise EmptyDocumentError(
            "expected a report but the file contains only whitespace",
            source=source,
            hint="check that the download or export completed",
        )
    return text, codec or "unknown"
