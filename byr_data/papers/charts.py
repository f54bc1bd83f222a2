"""A chart for a document: its Vega-Lite spec at a fixed size with the shipped font, rendered offline
by vl-convert as SVG (vector text and lines, for the PDFs) or PNG (for PowerPoint). The locale
(NBSP thousands, comma decimals, «−») is already in each spec's config (chart_parts.config)."""

from __future__ import annotations

import copy
from functools import cache

from byr_data.papers import typeset

PNG_SCALE = 2  # a sharp image on a projector


@cache
def _converter():
    import vl_convert  # imported on first use: heavy

    vl_convert.register_font_directory(str(typeset.FONT_DIR))  # the same glyphs in every chart
    return vl_convert


def sized(spec: dict, width: int, height: int) -> dict:
    """A copy of the spec at `width` × `height` px (the app's charts fill their container), in the
    documents' font."""
    fixed = copy.deepcopy(spec)
    fixed["width"], fixed["height"] = width, height
    config = fixed.setdefault("config", {})
    config["font"] = typeset.FONT
    fixed.pop("usermeta", None)
    return fixed


def svg(spec: dict, width: int, height: int) -> str:
    return _converter().vegalite_to_svg(sized(spec, width, height))


def png(spec: dict, width: int, height: int) -> bytes:
    return _converter().vegalite_to_png(sized(spec, width, height), scale=PNG_SCALE)
