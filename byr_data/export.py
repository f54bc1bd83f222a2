"""Downloads: CSV with its source and the region's definition inside the file; charts as PNG."""

from __future__ import annotations

import altair as alt
import pandas as pd

PNG_WIDTH = 1100  # the app's charts fill their container; an image needs a fixed width


def csv_bytes(table: pd.DataFrame, source: str, region: str) -> bytes:
    """Semicolon-separated, decimal comma (Norwegian Excel opens it as is), with a commented header."""
    header = f"# {source}\n# {region}\n"
    body = table.to_csv(index=False, sep=";", decimal=",", lineterminator="\n")
    return (header + body).encode("utf-8-sig")


def png_bytes(chart: alt.TopLevelMixin) -> bytes:
    """The chart as a PNG rendered offline; its title, source line and fetch date are part of the image."""
    import vl_convert  # imported on first use: it is heavy, and most sessions never export

    return vl_convert.vegalite_to_png(chart.properties(width=PNG_WIDTH).to_json(), scale=2)
