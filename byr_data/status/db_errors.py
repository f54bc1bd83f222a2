"""The status database's errors: one Norwegian sentence for every SQLite error a user can meet, with
`page_text` for a user page (no file names, no technical detail). Used by `store` and `backup`."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

RETRIES = 5  # the store's tries after a locked write, named in the message


class StatusDbError(Exception):
    """Anything that keeps the status database from being read or written (Norwegian message).

    `page_text` says the same for a user page: no file names, no technical detail."""

    page_text = "statushistorikken kan ikke leses"


class StatusDbCorrupt(StatusDbError):
    page_text = "fila med statushistorikken er skadet"


class StatusDbTooNew(StatusDbError):
    page_text = "statushistorikken er lagret av en nyere versjon av appen"


class StatusDbLocked(StatusDbError):
    page_text = "statushistorikken er opptatt med en annen lagring"


class StatusDbReadOnly(StatusDbError):
    page_text = "statushistorikken er skrivebeskyttet på serveren – gi beskjed til den som drifter dashbordet"


class StatusDbFull(StatusDbError):
    page_text = "disken der statushistorikken ligger, er full – gi beskjed til den som drifter dashbordet"


class StatusDbWriteFailed(StatusDbError):
    page_text = "statushistorikken kunne ikke skrives på grunn av en feil på disken"


class PeriodExists(StatusDbError):
    page_text = "perioden finnes allerede"


class EditConflict(StatusDbError):
    """Another editor recorded one of the items since the form was opened (see `record`)."""

    page_text = "en annen redaktør har lagret de samme punktene i mellomtiden"

    def __init__(self, items: Sequence[str]):
        self.items = tuple(items)
        super().__init__(f"en annen redaktør har lagret {', '.join(self.items)} i mellomtiden; ingenting er lagret")


def is_locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


# SQLite's primary result codes (the low byte of `sqlite_errorcode`) a failed write can end in.
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PERM = 8, 10, 13, 14, 3


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def db_error(exc: sqlite3.Error, where: str, *, writing: bool = False, retries: int = RETRIES) -> StatusDbError:
    """The Norwegian sentence for an SQLite error about `where` («Statusdatabasen (sti)»);
    `writing`: it also says that nothing was saved."""
    code = primary_code(exc)
    nothing = ", så ingenting er lagret." if writing else "."
    if isinstance(exc, sqlite3.OperationalError) and is_locked(exc):
        return StatusDbLocked(
            f"{where} er låst av en annen bruker eller prosess, også etter "
            f"{retries} nye forsøk. Prøv igjen om litt; ingenting er lagret."
        )
    if code == SQLITE_READONLY or "readonly" in str(exc):
        return StatusDbReadOnly(f"{where} er skrivebeskyttet: fila eller mappen kan bare leses{nothing}")
    if code == SQLITE_FULL or "disk is full" in str(exc):
        return StatusDbFull(f"{where} kan ikke skrives fordi disken er full{nothing}")
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM) or "I/O error" in str(exc):
        failed = StatusDbWriteFailed if writing else StatusDbError  # a page says «kan ikke leses» for a read
        return failed(
            f"{where} kunne ikke {'skrives' if writing else 'leses'} på grunn av en lese- eller skrivefeil på "
            f"disken ({getattr(exc, 'sqlite_errorname', None) or exc}){nothing}"
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, (sqlite3.OperationalError, sqlite3.IntegrityError)):
        return StatusDbCorrupt(f"{where} er skadet eller ikke en database ({exc}){nothing}")
    if writing:
        return StatusDbError(f"{where} avviste lagringen ({exc}), så ingenting er lagret.")
    return StatusDbError(f"{where} kan ikke brukes: {exc}")
