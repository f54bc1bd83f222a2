"""Downloads: CSV with its source and the region's definition inside the file."""

from __future__ import annotations

import pandas as pd


def csv_bytes(table: pd.DataFrame, source: str, region: str) -> bytes:
    """Semicolon-separated, decimal comma (Norwegian Excel opens it as is), with a commented header."""
    header = f"# {source}\n# {region}\n"
    body = table.to_csv(index=False, sep=";", decimal=",", lineterminator="\n")
    return (header + body).encode("utf-8-sig")
