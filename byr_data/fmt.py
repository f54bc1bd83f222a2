"""Norwegian (bokmål) formatting of numbers, changes, dates and ages: one definition for the app."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

THOUSANDS = "\u00a0"  # no-break space, so «19 344» never wraps
MINUS = "\u2212"  # true minus sign
MISSING = "mangler tall"
OSLO = ZoneInfo("Europe/Oslo")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def year(value) -> str:
    """2017.0 -> «2017» (a year in a table, without thousands space)."""
    return str(int(value))


def integer(value) -> str:
    """19344 -> «19 344»; -97 -> «−97»."""
    if _missing(value):
        return MISSING
    text = f"{abs(round(value)):,}".replace(",", THOUSANDS)
    return f"{MINUS}{text}" if round(value) < 0 else text


def signed(value) -> str:
    """A change: «+132», «−97», «0»."""
    if _missing(value):
        return MISSING
    if round(value) > 0:
        return f"+{integer(value)}"
    return integer(value)


def decimal(value, digits: int = 1) -> str:
    """1.64 -> «1,6»."""
    if _missing(value):
        return MISSING
    text = f"{abs(value):,.{digits}f}".replace(",", THOUSANDS).replace(".", ",")
    return f"{MINUS}{text}" if round(value, digits) < 0 else text


def signed_decimal(value, digits: int = 1) -> str:
    if _missing(value):
        return MISSING
    return f"+{decimal(value, digits)}" if round(value, digits) > 0 else decimal(value, digits)


def percent(value, digits: int = 1) -> str:
    """A share in percent points: 1.6 -> «1,6 %»."""
    return MISSING if _missing(value) else f"{decimal(value, digits)}\u00a0%"


def timestamp(moment: datetime | None) -> str:
    """«27.11.2026 kl. 06:40» in Norwegian time."""
    if moment is None:
        return "ukjent tidspunkt"
    return moment.astimezone(OSLO).strftime("%d.%m.%Y kl. %H:%M")


def date(moment: datetime | None) -> str:
    return "ukjent dato" if moment is None else moment.astimezone(OSLO).strftime("%d.%m.%Y")


def ssb_updated(text: str | None) -> str:
    """SSB's ISO `updated` field as a Norwegian timestamp."""
    if not text:
        return "ikke oppgitt"
    try:
        return timestamp(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return text


def age(delta: timedelta | None) -> str:
    """«5 minutter», «3 timer», «2 dager»."""
    if delta is None:
        return "ukjent alder"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return "1 minutt" if minutes == 1 else f"{max(minutes, 0)} minutter"
    hours = minutes // 60
    if hours < 48:
        return "1 time" if hours == 1 else f"{hours} timer"
    return f"{hours // 24} dager"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&%\"'/@])")
# GitHub-flavoured Markdown also links bare addresses («autolink literal»: `https://…`, `www.…`,
# `kari@kommune.no`), and Streamlit's renderer finds them in the text *after* the escapes are read, so
# escaping cannot stop it. An invisible word joiner (U+2060: no width, no line break) inside each
# trigger does: after «:» in «://», between «www» and «.», and after «@».
WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGERS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def escape_markdown(text: str) -> str:
    """Escape text from a data file or an editor so st.markdown shows it literally (no links, not even
    bare web or e-mail addresses, no HTML, emoji, colour directives or LaTeX). Line breaks are kept as
    paragraph breaks."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n\n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK_TRIGGERS.sub(WORD_JOINER, " ".join(p.split())))
                       for p in paragraphs)
