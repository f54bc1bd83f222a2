"""Downloads: CSV with its source and the region's definition inside the file; charts as PNG.

Every CSV the app writes goes through `neutralise` (OWASP «CSV injection»): a text cell that a
spreadsheet would run as a formula gets a leading apostrophe, and the status import takes it off
again with `restore`. Numbers are ours and stay numbers (a change of −97 is written -97).

The chart stack (altair, pandas, vl_convert) is imported only where it is used, so the status
command line, which needs only the two cell rules, starts without it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

PNG_WIDTH = 1100  # the app's charts fill their container; an image needs a fixed width
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes Excel or LibreOffice read a cell as a formula
GUARD = "'"  # shown as text by the spreadsheet, never run


def _guarded(text: str) -> bool:
    """True when the text, after any apostrophes it starts with, begins like a formula."""
    return text.lstrip(GUARD)[:1] in FORMULA_STARTS and text.lstrip(GUARD) != ""


def neutralise(text: str) -> str:
    """A text cell as written to a CSV: one apostrophe in front when it would start like a formula
    (also when it already starts with apostrophes before such a character, so that `restore` gives
    back exactly what was written). Ordinary text is left as it is."""
    return GUARD + text if _guarded(text) else text


def restore(text: str) -> str:
    """A text cell as read from a CSV the app wrote: `neutralise` undone."""
    return text[len(GUARD):] if text.startswith(GUARD) and _guarded(text) else text


def csv_bytes(table: pd.DataFrame, source: str, region: str) -> bytes:
    """Semicolon-separated, decimal comma (Norwegian Excel opens it as is), with a commented header.
    Text cells are neutralised; numeric columns are written as numbers."""
    from pandas.api.types import is_numeric_dtype

    header = "".join(f"# {' '.join(str(line).split())}\n" for line in (source, region))  # one line each
    safe = table.rename(columns=lambda name: neutralise(name) if isinstance(name, str) else name)
    for column in range(safe.shape[1]):
        values = safe.iloc[:, column]
        if not is_numeric_dtype(values):
            safe.isetitem(column, values.map(lambda v: neutralise(v) if isinstance(v, str) else v))
    body = safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\n")
    return (header + body).encode("utf-8-sig")


def png_bytes(chart: alt.TopLevelMixin) -> bytes:
    """The chart as a PNG rendered offline; its finding, source line and fetch date are drawn into the
    image (in the app they are text around the chart)."""
    import vl_convert  # imported on first use: it is heavy, and most sessions never export

    from byr_data import chart_parts

    return vl_convert.vegalite_to_png(chart_parts.with_title(chart, PNG_WIDTH).to_json(), scale=2)
