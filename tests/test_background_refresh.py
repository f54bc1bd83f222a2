"""Opening the app never waits on SSB: old data is shown at once and refreshed in the background."""

import threading

from streamlit.testing.v1 import AppTest

from byr_data.ssb import cache, client as ssb_client
from tests import sample_data


def wait_for_refresh_threads() -> None:
    for thread in threading.enumerate():
        if thread.name == "ssb-refresh":
            thread.join(timeout=30)


def test_stale_data_is_shown_at_once_and_replaced_in_the_background(monkeypatch):
    monkeypatch.setenv("BYR_AUTO_REFRESH", "1")
    started = threading.Event()
    release = threading.Event()

    def slow_refresh(*args, **kwargs):
        started.set()
        release.wait(timeout=30)  # SSB is slow: the page must not wait for this
        return sample_data.write_cache()

    monkeypatch.setattr(cache, "refresh", slow_refresh)
    at = AppTest.from_file("../dashboard.py", default_timeout=30).run()
    assert not at.exception
    assert started.wait(timeout=10), "a background refresh started"
    assert any("øyeblikksbilde" in c.value for c in at.caption), "the snapshot is shown meanwhile"

    release.set()
    wait_for_refresh_threads()
    at.run()
    assert {m.label: m.value for m in at.metric}["Netto endring 2025"] == "+110"


def test_failed_background_refresh_keeps_the_data_and_says_so(monkeypatch):
    monkeypatch.setenv("BYR_AUTO_REFRESH", "1")

    def failing_refresh(*args, **kwargs):
        raise ssb_client.SsbError("SSB svarte ikke i tide (tidsavbrudd).")

    monkeypatch.setattr(cache, "refresh", failing_refresh)
    at = AppTest.from_file("../dashboard.py", default_timeout=30).run()
    wait_for_refresh_threads()
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)  # visible, not a discreet caption
    assert "Siste automatiske oppdatering fra SSB feilet: SSB svarte ikke i tide" in warnings
    assert "Tallene som vises er ikke endret" in warnings
    assert "øyeblikksbilde" in " ".join(c.value for c in at.caption)
