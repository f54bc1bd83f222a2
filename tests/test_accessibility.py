"""Universell utforming without a browser: the contrast arithmetic, the theme's text colours, the
accessibility statement's settings and text, and the statement page through dashboard.py.
(The browser checks, axe-core included, are in tests/e2e/test_accessibility.py.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from byr_data import accessibility as a11y, chart_parts

ROOT = Path(__file__).resolve().parent.parent
GOOD = a11y.ACCESSIBILITY_FILE.read_text(encoding="utf-8")
CAPTION_OPACITY = 0.6  # Streamlit draws captions (source lines, data age) as the text colour at 60 %


# -- contrast ------------------------------------------------------------------------------------
def test_contrast_ratio_matches_wcag_reference_values():
    assert a11y.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert a11y.contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)
    assert a11y.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert a11y.contrast_ratio("#ffffff", "#777777") == pytest.approx(4.48, abs=0.01)  # order does not matter
    with pytest.raises(ValueError):
        a11y.contrast_ratio("blue", "#ffffff")


def test_blend_is_opacity_over_the_background():
    assert a11y.blend("#000000", 0.6) == "#666666"
    assert a11y.blend("#1f4e79", 1.0) == "#1f4e79"


def test_theme_text_and_captions_reach_aa_on_white():
    """Axe measured the default theme's captions at 3.88:1; the darker textColor lifts them over 4.5."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    text = theme["textColor"]
    assert a11y.contrast_ratio(text, "#ffffff") >= a11y.TEXT_MINIMUM
    assert a11y.contrast_ratio(a11y.blend(text, CAPTION_OPACITY), "#ffffff") >= a11y.TEXT_MINIMUM
    assert a11y.contrast_ratio(theme["primaryColor"], "#ffffff") >= a11y.TEXT_MINIMUM  # links, focus outline


def test_low_contrast_lists_only_colours_below_three_to_one():
    colours = {"dark": "#0072B2", "pale": "#E69F00", "edge": "#949494"}  # 5.2, 2.3 and 3.0:1
    assert a11y.low_contrast(colours) == ["pale"]
    expected = [code for code, colour in chart_parts.MUNICIPALITY_COLORS.items() if a11y.contrast_ratio(colour, "#fff") < 3]
    assert len(a11y.low_contrast_municipalities()) == len(expected)


# -- settings ------------------------------------------------------------------------------------
def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "accessibility.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_settings_load_and_leave_the_contact_unset():
    settings = a11y.load_settings()
    assert settings.gaps and settings.untested
    assert not settings.contact.is_set, "the contact is the owner's to fill in, never invented"


def test_statement_axe_version_is_the_one_the_tests_run():
    """The statement names the axe-core version; it must be the one bundled with the test tool."""
    axe_playwright_python = pytest.importorskip("axe_playwright_python")
    header = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")[:200]
    bundled = re.search(r"axe v(\d+\.\d+\.\d+)", header).group(1)
    assert a11y.load_settings().axe_core == bundled


def test_statement_sizes_are_the_ones_the_browser_tests_use():
    from tests.e2e.conftest import A11Y_SIZES

    assert a11y.load_settings().sizes == tuple(size.replace("x", "×") for size in A11Y_SIZES)


@pytest.mark.parametrize(("change", "field"), [
    (lambda t: t.replace("tested = 2026-11-27", 'tested = "i går"'), "tested"),
    (lambda t: t.replace('axe_core = "4.12.1"', 'axe_core = ""'), "axe_core"),
    (lambda t: t.replace('sizes = ["1280×720", "390×844"]', "sizes = []"), "sizes"),
    (lambda t: t.replace('email = ""', "email = 3"), "email"),
    (lambda t: t.replace('criteria = ["3.1.2"]', "criteria = []", 1), "criteria"),
    (lambda t: t.replace("what = ", "hva = ", 1), "what"),
    (lambda t: t + "\n[broken", "kan ikke leses"),
])
def test_bad_settings_name_the_field(tmp_path, change, field):
    with pytest.raises(a11y.AccessibilitySettingsError, match=field):
        a11y.load_settings(write(tmp_path, change(GOOD)))


def test_missing_settings_file(tmp_path):
    with pytest.raises(a11y.AccessibilitySettingsError, match="finnes ikke"):
        a11y.load_settings(tmp_path / "nope.toml")


# -- the statement -------------------------------------------------------------------------------
def test_statement_without_contact_says_so_and_counts_the_gaps():
    settings = a11y.load_settings()
    message, sections = a11y.statement(settings, ["Nord-Odal", "Åsnes"])
    titles = [s.title for s in sections]
    assert titles[:4] == ["Om erklæringen", "Hva som er testet", "Hvordan det er testet", "Dette oppfyller ikke kravene"]
    assert f"{len(settings.gaps) + 1} kjente avvik" in message
    assert "27.11.2026" in message
    body = {s.title: s.body for s in sections}
    assert "Nord\\-Odal og Åsnes" in body["Dette oppfyller ikke kravene"]
    assert "(WCAG 1.4.11)" in body["Dette oppfyller ikke kravene"]
    assert "ikke satt ennå" in body["Tilbakemelding og kontakt"]
    assert "axe-core 4\\.12\\.1" in body["Hvordan det er testet"]
    assert "1280×720 piksler og 390×844 piksler" in body["Hva som er testet"]


def test_statement_with_contact_escapes_what_the_file_says(tmp_path):
    text = GOOD.replace('name = ""', 'name = "Servicetorget"').replace('email = ""', 'email = "[post](http://x)"')
    _, sections = a11y.statement(a11y.load_settings(write(tmp_path, text)), [])
    contact = sections[-1].body
    assert "Servicetorget" in contact and "ikke satt" not in contact
    assert "\\[post\\]\\(http" in contact, "a link in the file is shown as text, not followed"
    assert not any("3:1" in s.body for s in sections), "no colour gap when every colour reaches 3:1"


def test_statement_without_gaps_says_none_known(tmp_path):
    text = GOOD.split("\n[[gap]]")[0] + "\n"
    message, sections = a11y.statement(a11y.load_settings(write(tmp_path, text)), [])
    assert "fant ingen brudd" in message
    assert {s.title: s.body for s in sections}["Dette oppfyller ikke kravene"] == "Ingen kjente avvik."


# -- the page ------------------------------------------------------------------------------------
def test_statement_page_is_in_the_navigation_and_renders():
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.run()
    at.switch_page("app_pages/accessibility.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Tilgjengelighetserklæring"
    headers = [h.value for h in at.header]
    assert "Dette oppfyller ikke kravene" in headers and "Tilbakemelding og kontakt" in headers
    assert "WCAG 2.1 AA" in at.markdown[0].value
    assert not at.error


def test_statement_page_with_broken_settings_shows_a_message(monkeypatch, tmp_path):
    monkeypatch.setattr(a11y, "ACCESSIBILITY_FILE", write(tmp_path, "tested = 1"))
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.run()
    at.switch_page("app_pages/accessibility.py").run()
    assert not at.exception
    assert "kan ikke vises" in at.error[0].value and "tested" in at.error[0].value
