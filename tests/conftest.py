"""Shared test setup: no network, no background refresh, a private cache folder per test."""

import os
import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def require_shared(path: Path, what: str) -> Path:
    """A test input from ../shared: skipped when missing on a developer's machine, a failure under CI=true."""
    if not path.exists():
        message = f"{what} not found at {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; under CI=true the tests that read ../shared must run")
        pytest.skip(message)
    return path


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch):
    """Each test gets an empty cache folder; the app never refreshes behind a test's back."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("BYR_CACHE_DIR", str(cache))
    monkeypatch.setenv("BYR_STATUS_DB", str(tmp_path / "status" / "status.sqlite3"))  # none until a test makes one
    monkeypatch.setenv("BYR_AUTO_REFRESH", "0")
    monkeypatch.setenv("BYR_SSB_BASE_URL", "http://ssb.invalid/api/pxwebapi/v2")
    import streamlit as st

    from byr_data import regions

    regions.forget_names()  # names are learned from the data each test loads
    st.cache_data.clear()
    st.cache_resource.clear()
    yield cache
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def fresh_rate_limit(monkeypatch):
    """The process-wide SSB rate limiter starts empty in every test, so mocked requests from
    earlier tests never make a later test wait for the 30-a-minute window."""
    from collections import deque

    from byr_data.ssb import client as ssb_client

    monkeypatch.setattr(ssb_client.SHARED_LIMITER, "_sent", deque())



@pytest.fixture
def read_only_sqlite(monkeypatch):
    """Call it to make every SQLite connection opened from then on read-only, as for a database file
    the app's user may not write: BEGIN succeeds, the first INSERT fails with SQLITE_READONLY
    («attempt to write a readonly database»). Works for root too (chmod does not stop root)."""
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        kwargs.pop("uri", None)
        return real(f"{Path(database).resolve().as_uri()}?mode=ro", *args, uri=True, **kwargs)

    return lambda: monkeypatch.setattr(sqlite3, "connect", connect)
