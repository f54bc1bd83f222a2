"""Typst compilation for the council's documents: the shipped fonts only, Norwegian bokmål, tagged
PDF (PDF/UA-1). Images travel as Typst inputs (`sys.inputs`), so nothing is written to disk."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from byr_data.papers import markup

FONT_DIR = Path(__file__).resolve().parent / "fonts"  # DejaVu Sans (Bitstream Vera licence, LICENSE-DejaVu.txt)
FONT = "DejaVu Sans"  # every glyph the app writes: æøå, «», –, −, NBSP, ✓ ◐ ↻ ○ ✕
PDF_STANDARDS = ["ua-1"]  # PDF/UA-1: tagged, with language, title and every image's alternative text
TEXT_COLOR = "rgb(\"#31333f\")"
QUIET_COLOR = "rgb(\"#555555\")"  # ≥ 4.5:1 on white


class PaperError(RuntimeError):
    """Typst refused the document (a bug in the composer, never the user's text: that is escaped)."""


def preamble(title: str, author: str, paper: str, margin: str, size: str) -> str:
    """Document metadata and the page and text settings every paper shares."""
    return "\n".join([
        f"#set document(title: {markup.string(title)}, author: {markup.string(author)})",
        f'#set text(lang: "nb", font: "{FONT}", size: {size}, fill: {TEXT_COLOR})',
        f'#set page(paper: "{paper}", margin: {margin})',
        "#set par(leading: 0.6em)",
        "#show heading: set block(above: 1.2em, below: 0.6em)",
    ])


def image(name: str, alt: str, size: str) -> str:
    """An SVG passed in as input `name`, with its alternative text; `size` e.g. «width: 100%»."""
    return f'#image(bytes(sys.inputs.at("{name}")), format: "svg", {size}, alt: {markup.string(alt)})'


def pdf(source: str, images: Mapping[str, str], made: datetime | None = None) -> bytes:
    """The PDF of a Typst source whose images are the SVG texts in `images` (name -> SVG)."""
    import typst  # imported on first use: most sessions never build a document

    try:
        return typst.compile(source.encode("utf-8"), font_paths=[str(FONT_DIR)], ignore_system_fonts=True,
                             sys_inputs=dict(images), pdf_standards=PDF_STANDARDS,
                             timestamp=made.replace(microsecond=0) if made else None)
    except typst.TypstError as exc:
        raise PaperError(f"Typst: {exc.message}") from exc
