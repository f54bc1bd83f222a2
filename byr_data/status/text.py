"""Text from outside (an editor's name, a comment, evidence) as the status history stores it.

One rule for the form, the CSV import and the sign-in: a control character such as NUL is refused;
invisible characters (spaces, zero-width and direction marks, blank «letters» like the Hangul filler)
are trimmed from both ends, so a text either holds a visible character or is empty; a name also loses
them inside and runs its spaces together; and each kind of text has a length limit
(docs/operations.md states them). Messages are Norwegian and name the field."""

from __future__ import annotations

import unicodedata

from byr_data import fmt

MAX_NAME_CHARS = 80  # «registrert av»
MAX_COMMENT_CHARS = 4000
MAX_EVIDENCE_CHARS = 4000  # all the quotes and sources of one status together
LINE_BREAKS = "\t\n\r"  # the control characters a comment may hold
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # letters that show nothing (Hangul fillers, blank Braille)


class TextError(ValueError):
    """A text cannot be stored; the message is Norwegian, starts with the field and has no full stop."""


def _invisible(char: str) -> bool:
    return char.isspace() or char in BLANK_LETTERS or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def trim_invisible(text: str) -> str:
    """The text without invisible characters at its ends ('' when it has no visible character)."""
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def clean_text(text: str, what: str, *, limit: int, one_line: bool = False) -> str:
    """`text` as stored, or '' when nothing visible is left (the caller says whether that is allowed).

    what: the field, as the message names it («kommentaren»). one_line: a name; invisible characters
    are removed inside it too, and runs of spaces become one. Raises TextError."""
    text = text or ""
    control = next((c for c in text if unicodedata.category(c) == "Cc" and c not in LINE_BREAKS), None)
    if control is not None:
        kind = "nulltegn" if control == "\x00" else "kontrolltegn"
        raise TextError(f"{what} inneholder et {kind} (U+{ord(control):04X}), som ikke kan lagres; fjern det")
    if one_line:
        text = " ".join("".join(c for c in text if c.isspace() or not _invisible(c)).split())
    text = trim_invisible(text)
    if len(text) > limit:
        raise TextError(f"{what} har {fmt.integer(len(text))} tegn; høyst {fmt.integer(limit)} er tillatt")
    return text
