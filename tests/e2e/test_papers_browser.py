"""The council papers download from the real app, offline (empty cache) and with data: the status
report (PDF) from Statusrapportering and Målmatrise, the presentation as PDF and PowerPoint. The files
are read back with pypdf and python-pptx. A screenshot of each place lands in artifacts/screenshots/."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.e2e.conftest import EXCEPTION, wait_ready

pytestmark = pytest.mark.e2e

STATUS_REPORT = "Last ned statusrapporten (PDF)"


def download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def opened(make_page, server, path: str, size: str = "1920x1080"):
    page = make_page(size)
    page.goto(server.url + path)
    wait_ready(page)
    assert not page.locator(EXCEPTION).all_inner_texts(), server.log_tail()
    return page


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-"
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_status_report_downloads_from_statusrapportering_and_malmatrise(make_page, request, server_name,
                                                                         screenshot_dir):
    server = request.getfixturevalue(server_name)
    page = opened(make_page, server, "/statusrapportering")
    page.get_by_role("tab", name="Utskrift og nedlasting").click()
    name, data = download(page, STATUS_REPORT)
    assert name.startswith("statusrapport-sluttrapporten-2018-") and name.endswith(".pdf")
    text = pdf_text(data)
    assert "Statusrapport til regionrådet" in text and "12. Logistikksenter" in text
    assert ("tabell 11618" if server_name == "offline_server" else "tabell 07984") in text
    page.screenshot(path=str(screenshot_dir / f"papers-statusrapportering-{server_name}.png"))

    page = opened(make_page, server, "/malmatrise")
    name, data = download(page, STATUS_REPORT)
    assert "Måloversikt" in pdf_text(data)
    page.screenshot(path=str(screenshot_dir / f"papers-malmatrise-{server_name}.png"))


@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_presentation_downloads_as_pdf_and_powerpoint(make_page, request, server_name, screenshot_dir):
    server = request.getfixturevalue(server_name)
    page = opened(make_page, server, "/?presentasjon=1")
    heading = page.locator("h1").first.inner_text()
    name, data = download(page, "Last ned presentasjonen (PDF)")
    assert name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(data))
    assert " ".join(reader.pages[0].extract_text().split()).startswith(" ".join(heading.split()))
    name, data = download(page, "Last ned presentasjonen (PowerPoint)")
    assert name.endswith(".pptx")
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == len(reader.pages), "the same views in both formats"
    assert deck.slides[0].shapes.title.text == heading
    page.screenshot(path=str(screenshot_dir / f"papers-presentasjon-{server_name}.png"))
