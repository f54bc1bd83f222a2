"""The presentation as a 16:9 PDF: one page a view, in the order and with the messages of the
presentation (presentation.presentation's Slide list); charts as vector SVG, the source line on
every page. `pptx_deck` writes the same slides as PowerPoint."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from byr_data.page_model import Slide
from byr_data.papers import charts, markup, typeset

CHART_PX = (980, 320)  # the chart's size on a page (16:9, below the heading and message)
TONE_COLORS = {"good": "rgb(\"#1e6b30\")", "bad": "rgb(\"#a1302c\")"}  # the text says it too (≥ 4.5:1)
NUMBERED = re.compile(r"\d+\. ")  # items that carry their own number are lines, not bullets
LARGE_ITEMS = 5  # more items than this are set smaller, so the page holds them


def title(region: str) -> str:
    return f"Presentasjon for regionrådet – {region}"


def item_points(items: Sequence[str]) -> int:
    """The type size of a list: as large as it allows (six short counts large, nine projects still
    readable across the room), for a page 28 cm wide."""
    lines, chars = len(items), sum(len(item) for item in items)
    return 18 if chars <= 250 and lines <= 10 else 16 if chars <= 700 and lines <= 10 else 13


def items_markup(items: Sequence[str]) -> str:
    size = f"{item_points(items)}pt"
    if all(NUMBERED.match(item) for item in items):
        lines = " \\\n".join(markup.escape(item) for item in items)
        return f"#text(size: {size})[{lines}]"
    return f"#text(size: {size})[\n{markup.bullets(items)}\n]"


def page(slide: Slide, number: int, count: int, chart: str | None) -> str:
    """One slide's Typst markup; `chart`: the name of its SVG input, if it has one."""
    roomy = chart is None and len(slide.items) <= LARGE_ITEMS
    color = TONE_COLORS.get(slide.tone or "", typeset.TEXT_COLOR)
    parts = [f"= {markup.escape(slide.heading)}",
             f'#text(size: {"30pt" if roomy else "20pt"}, weight: "bold", fill: {color})[{markup.escape(slide.message)}]']
    if slide.detail:
        parts.append(f"#text(size: {'16pt' if roomy else '13pt'})[{markup.escape(slide.detail)}]")
    if chart is not None:
        alt = f"Diagram: {slide.message}. {slide.detail}".strip()
        parts.append("#block(height: 1fr, width: 100%)[#align(center)["
                     + typeset.image(chart, alt, "width: 100%, height: 100%, fit: \"contain\"") + "]]")
    if slide.items:
        parts.append(items_markup(slide.items))
    if chart is None:
        parts.append("#v(1fr)")
    footer = f"{number} / {count}" + (f" · {slide.source}" if slide.source else "")
    parts.append(f"#text(size: 10pt, fill: {typeset.QUIET_COLOR})[{markup.escape(footer)}]")
    return "\n\n".join(parts)


def source(slides: Sequence[Slide], region: str) -> tuple[str, dict[str, str]]:
    """The Typst source of the whole deck and its chart SVGs (input name -> SVG)."""
    images: dict[str, str] = {}
    pages = []
    for number, slide in enumerate(slides, start=1):
        name = None
        if slide.spec is not None:
            name = f"chart-{number}"
            images[name] = charts.svg(slide.spec, *CHART_PX)
        pages.append(page(slide, number, len(slides), name))
    head = typeset.preamble(title(region), region, "presentation-16-9", "(x: 1.4cm, y: 1.1cm)", "14pt")
    style = '#show heading.where(level: 1): set text(size: 26pt, weight: "bold")'
    return head + "\n" + style + "\n\n" + "\n\n#pagebreak()\n\n".join(pages) + "\n", images


def pdf(slides: Sequence[Slide], region: str, made: datetime | None = None) -> bytes:
    """The presentation as a PDF, one 16:9 page a view."""
    text, images = source(slides, region)
    return typeset.pdf(text, images, made)
