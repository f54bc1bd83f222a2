"""Downloads: CSV with its source and the region's definition inside the file; charts as PNG."""

from __future__ import annotations

import altair as alt
import pandas as pd

from byr_data import chart_parts

PNG_WIDTH = 1100  # the app's charts fill their container; an image needs a fixed width


def csv_bytes(table: pd.DataFrame, source: str, region: str) -> bytes:
    """Semicolon-separated, decimal comma (Norwegian Excel opens it as is), with a commented header."""
    header = f"# {source}\n# {region}\n"
    body = table.to_csv(index=False, sep=";", decimal=",", lineterminator="\n")
    return (header + body).encode("utf-8-sig")


def png_bytes(chart: alt.TopLevelMixin) -> bytes:
    """The chart as a PNG rendered offline; its finding, source line and fetch date are drawn into the
    image (in the app they are text around the chart)."""
    import vl_convert  # imported on first use: it is heavy, and most sessions never export

    return vl_convert.vegalite_to_png(chart_parts.with_title(chart, PNG_WIDTH).to_json(), scale=2)
