"""Text into Typst source, safely: outside text (goal names, editors' comments and evidence from the
status database, municipality names) must never be read as Typst markup or code.

Two places take text: markup (`escape`: every ASCII punctuation character gets a backslash, which
Typst reads as that character and nothing else) and string literals (`string`, e.g. an image's
alternative text). Letters, digits and all non-ASCII characters (æøå, «», –, −, NBSP) pass unchanged.
Control characters are dropped; line breaks become spaces (a paragraph is the composer's choice).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from string import punctuation as ASCII_PUNCTUATION

PUNCTUATION = frozenset(ASCII_PUNCTUATION)  # every one of them has a meaning somewhere in Typst markup
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"[ \t\r\n\u2028\u2029]+")  # not NBSP: «19 344» stays together


def plain(text: object) -> str:
    """The text on one line: control characters dropped, runs of whitespace (not NBSP) one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip(" ")


def escape(text: object) -> str:
    """`text` as literal Typst markup: «#», «*», «_», «$», «@», «<», «[», «//», «= » at a line's start,
    «--», «...» and every other ASCII punctuation character are escaped, so nothing is interpreted."""
    return "".join("\\" + char if char in PUNCTUATION else char for char in plain(text))


def string(text: object) -> str:
    """`text` as a Typst string literal, quotes included: «"…"»."""
    body = plain(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"'


def content(text: object) -> str:
    """`text` as a Typst content block, e.g. a table cell: «[…]»."""
    return f"[{escape(text)}]"


def strong(text: object) -> str:
    return f"#strong[{escape(text)}]"


def paragraphs(texts: Iterable[object]) -> str:
    """Each text its own paragraph (empty ones left out)."""
    return "\n\n".join(escape(text) for text in texts if plain(text))


def table(header: Sequence[str], rows: Iterable[Sequence[object]], columns: str, size: str = "9pt") -> str:
    """A table with a repeated header row (a real table header for PDF/UA), every cell escaped.
    `columns`: Typst's column widths, e.g. «(auto, 1fr, 2fr)»."""
    head = ", ".join(f"[*{escape(name)}*]" for name in header)
    body = ",\n  ".join(", ".join(content(cell) for cell in row) for row in rows)
    return (f"#text(size: {size})[#table(columns: {columns}, align: left, inset: 4pt, "
            "stroke: (x, y) => if y == 0 { (bottom: 0.8pt) } else { (bottom: 0.3pt + luma(180)) },\n"
            f"  table.header({head}),\n  {body}\n)]")


def bullets(items: Iterable[object]) -> str:
    return "\n".join(f"- {escape(item)}" for item in items if plain(item))
