"""Browser test: the refresh button in the real app, against a local server with SSB's real shapes
(tests/fake_ssb_server.py, made-up figures): the page goes from the snapshot to SSB's figures."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from tests import fake_ssb_server
from tests.e2e.conftest import (
    APP_READY,
    EXCEPTION,
    ROOT,
    app_env,
    free_port,
    stop,
    streamlit_command,
    wait_healthy,
    wait_ready,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def refresh_server(chromium_path):
    ssb_server, ssb_url = fake_ssb_server.start()
    with tempfile.TemporaryDirectory(prefix="byr-e2e-refresh-") as folder:
        workdir = Path(folder)
        cache = workdir / "cache"
        cache.mkdir()
        env = {**app_env(cache), "BYR_SSB_BASE_URL": ssb_url}
        port = free_port()
        log = workdir / "streamlit-refresh.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(streamlit_command("dashboard.py", port), cwd=ROOT, env=env,
                                       stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_healthy(f"http://127.0.0.1:{port}", process, log)
            yield f"http://127.0.0.1:{port}", ssb_server.fake, cache
        finally:
            stop(process)
            ssb_server.shutdown()
            ssb_server.server_close()


def test_refresh_button_fetches_from_a_server_with_ssbs_shapes(make_page, refresh_server, screenshot_dir):
    url, fake, cache = refresh_server
    page = make_page("1280x720")
    page.goto(url + "/data")
    wait_ready(page)
    assert page.get_by_text("Offline øyeblikksbilde").count() >= 1

    page.get_by_role("button", name="Hent nye tall fra SSB").click()
    page.get_by_text("Tallene som vises er de nye").wait_for(timeout=60_000)
    page.locator(APP_READY).wait_for()

    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_text("Hurtiglager fra SSB").count() >= 1
    body = page.locator("body").inner_text()
    assert "kodeliste" not in body.lower() and "agg_" not in body  # no code ids for users
    assert fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata",
                             "GET /api/pxwebapi/v2/codelists/agg_KommSummerS", "POST data", "POST data"]
    assert (cache / "ssb_07984.json").exists()
    page.screenshot(path=str(screenshot_dir / "refresh-data-page-after-1280x720.png"), full_page=True)

    page.goto(url + "/")
    wait_ready(page, charts=True)
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path=str(screenshot_dir / "refresh-overview-after-1280x720.png"))
