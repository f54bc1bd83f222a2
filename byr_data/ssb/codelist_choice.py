"""Which of SSB's code lists a query uses: the first offered list with today's borders that covers every
municipality (07984's rule, also used for 03321 and the whole country), else the code history that sums
old and new numbers; fetched lists are cached beside the data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from byr_data.ssb import codelists
from byr_data.ssb.client import SsbClient, SsbError, SsbRefused


def table_regions(meta: dict) -> set[str]:
    """The plain region numbers the table has (its metadata's Region categories); empty if not given."""
    index = ((meta["dimension"]["Region"].get("category") or {}).get("index")) or {}
    return {str(code) for code in index}


def code_history(source: codelists.CodeList | None, codes: Sequence[str],
                 in_table: set[str]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Every plain number to ask for -> today's number, SSB's names, and the numbers no list knows.

    A number no code list knows stands for itself; a number the table does not have is not asked for
    (SSB would refuse the whole query), so a municipality left without numbers is named as missing."""
    history = source.history(codes) if source is not None else {}
    for code in codes:
        history.setdefault(code, code)
    if in_table:
        history = {number: code for number, code in history.items() if number in in_table}
    names = source.names(codes) if source is not None else {}
    unknown = source.missing(codes) if source is not None else list(codes)
    return history, names, unknown


def choose_codelist(client: SsbClient, meta: dict, codes: Sequence[str], cache_folder: Path | None,
                    progress: Callable[[str], None]) -> codelists.CodeList | None:
    """The first offered list (today's borders first, `…Hist` last) that covers every municipality."""
    now = datetime.now(timezone.utc)
    for codelist_id in codelists.candidates(meta):
        cached = codelists.read_cached(cache_folder, codelist_id, now) if cache_folder else None
        if cached is not None and cached.covers(codes):
            return cached
        progress("Leser kodelisten for dagens kommunegrenser hos SSB …")
        fetched = _fetch_codelist(client, codelist_id, cache_folder)
        if fetched is not None and fetched.covers(codes):
            return fetched
    return None


def history_codelist(client: SsbClient, meta: dict, codes: Sequence[str], cache_folder: Path | None,
                     progress: Callable[[str], None] = lambda message: None) -> codelists.CodeList | None:
    """Code history when no offered list fits: the list with today's borders that knows the most of
    the municipalities, from the cache or, failing that, SSB's shared list."""
    known = [c for c in (codelists.cached_lists(cache_folder) if cache_folder else []) if not c.historical]
    best = min(known, key=lambda c: len(c.missing(codes)), default=None)
    if (best is None or not best.covers(codes)) and codelists.HISTORY_LIST not in codelists.candidates(meta):
        progress("Leser kommunenes tidligere kommunenummer hos SSB …")
        fetched = _fetch_codelist(client, codelists.HISTORY_LIST, cache_folder)
        if fetched is not None and (best is None or len(fetched.missing(codes)) < len(best.missing(codes))):
            best = fetched
    if best is None or len(best.missing(codes)) == len(codes):
        return None
    return best


def _fetch_codelist(client: SsbClient, codelist_id: str, cache_folder: Path | None) -> codelists.CodeList | None:
    try:
        codelist = codelists.parse(client.codelist(codelist_id), fetched_at=datetime.now(timezone.utc))
    except SsbRefused:  # 400 «Non-existent codelist»: try the next one
        return None
    except codelists.CodeListError as exc:
        raise SsbError(str(exc)) from None
    if cache_folder is not None:
        codelists.write_cached(cache_folder, codelist)
    return codelist
