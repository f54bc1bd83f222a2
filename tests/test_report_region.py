"""The final report belongs to Kongsvingerregionen: another region's pages never show its figures as theirs."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from byr_data import final_report, regions

ROOT = Path(__file__).resolve().parents[1]


def test_only_the_report_region_owns_the_report():
    assert final_report.is_report_region("Kongsvingerregionen")
    assert final_report.report_owner_note("Kongsvingerregionen") is None
    note = final_report.report_owner_note("Mjøsbyen")
    assert "Kongsvingerregionen" in note and "Mjøsbyen" in note


def _other_region(tmp_path, monkeypatch) -> None:
    settings = tmp_path / "region.toml"
    text = (ROOT / "data" / "region.toml").read_text(encoding="utf-8")
    settings.write_text(text.replace('name = "Kongsvingerregionen"', 'name = "Glåmdalen"'), encoding="utf-8")
    monkeypatch.setattr(regions, "SETTINGS_FILE", settings)


def test_programme_pages_say_whose_report_they_show(tmp_path, monkeypatch):
    _other_region(tmp_path, monkeypatch)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/goal_matrix.py").run()
    assert not at.exception
    assert any("ikke fra Glåmdalen" in info.value for info in at.info)


def test_job_pages_leave_out_the_reports_figures_for_another_region(tmp_path, monkeypatch):
    _other_region(tmp_path, monkeypatch)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    page = " ".join(str(el.value) for el in [*at.markdown, *at.title, *at.caption])
    assert "+132" not in page and "sluttrapport" not in page.lower()


def test_the_report_region_sees_the_reports_figures_offline():
    """The control for the test above: the same page for Kongsvingerregionen credits the report."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    page = " ".join(str(el.value) for el in [*at.markdown, *at.title, *at.caption])
    assert "+132" in page and "sluttrapport" in page.lower()
