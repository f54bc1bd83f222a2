"""Strict reading of the human-edited TOML data files (goals, vocabulary, projects, the report's story):
every problem raises an error in Norwegian that names the file, the entry and the field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GoalsDataError(ValueError):
    """A report data file is missing, not valid TOML, or breaks the schema."""



def _display_path(path: Path) -> str:
    """Path as the user knows it: relative to the repository when inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


_TYPE_NAMES = {
    str: "tekst",
    int: "heltall",
    float: "desimaltall",
    bool: "sann/usann",
    list: "liste",
    dict: "tabell",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Reader:
    """Reads one table (a TOML dict) and raises errors that name file, entry and field."""

    def __init__(self, file: str, where: str, table: Any, error: type[GoalsDataError] = GoalsDataError):
        self.file = file
        self.where = where
        self.error = error
        if not isinstance(table, dict):
            self.fail(f"skal være en tabell, men er {_type_name(table)}")
        self.table: dict[str, Any] = table

    def fail(self, message: str, field: str | None = None) -> None:
        head = f"{self.file}: {self.where}: " if self.where else f"{self.file}: "
        if field is not None:
            message = f"feltet «{field}» {message}"
        raise self.error(head + message)

    def check_fields(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for name in self.table:
            if name not in allowed:
                self.fail(f"ukjent felt «{name}» (gyldige felt: {', '.join(allowed)})")

    def _get(self, field: str, required: bool) -> Any:
        if field not in self.table:
            if required:
                self.fail("mangler", field)
            return None
        return self.table[field]

    def text(self, field: str, required: bool = True) -> str | None:
        value = self._get(field, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(f"skal være tekst, men er {_type_name(value)}", field)
        value = value.strip()
        if not value:
            self.fail("er tomt" + ("" if required else " (utelat feltet i stedet)"), field)
        return value

    def integer(self, field: str) -> int:
        value = self._get(field, True)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"skal være et heltall, men er {_type_name(value)}", field)
        return value

    def boolean(self, field: str, default: bool) -> bool:
        value = self._get(field, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(f"skal være true eller false, men er {_type_name(value)}", field)
        return value

    def text_list(self, field: str, required: bool = True, allow_single: bool = False) -> tuple[str, ...]:
        value = self._get(field, required)
        if value is None:
            return ()
        if allow_single and isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(f"skal være en liste med tekster, men er {_type_name(value)}", field)
        items = []
        for position, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.fail(f"element {position} skal være tekst, men er {_type_name(item)}", field)
            if not item.strip():
                self.fail(f"element {position} er tomt", field)
            items.append(item.strip())
        return tuple(items)

    def tables(self, field: str, toml_name: str) -> list[Any]:
        value = self._get(field, True)
        if not isinstance(value, list):
            self.fail(
                f"skal være en liste med tabeller ([[{toml_name}]]), men er {_type_name(value)}",
                field,
            )
        if not value:
            self.fail(f"er tomt (minst én [[{toml_name}]] trengs)", field)
        return value

    def choice(self, field: str, valid: Sequence[str], required: bool = True) -> str | None:
        value = self.text(field, required)
        if value is not None and value not in valid:
            self.fail(f"har ukjent verdi «{value}» (gyldige: {', '.join(valid)})", field)
        return value

    def identifier(self, field: str = "id") -> str:
        value = self.text(field)
        if not _ID_PATTERN.match(value):
            self.fail(
                f"har verdien «{value}», men kan bare inneholde små bokstaver a–z, sifre og "
                "bindestrek",
                field,
            )
        return value


def read_toml(path: Path | str, error: type[GoalsDataError] = GoalsDataError) -> tuple[str, dict[str, Any]]:
    """A data file's display name and parsed content; every problem raises `error` in Norwegian."""
    path = Path(path)
    name = _display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{name}: fila finnes ikke") from None
    except OSError as exc:
        raise error(f"{name}: fila kan ikke leses ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{name}: fila er ikke lagret som UTF-8") from None
    try:
        return name, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", detail)
        if where:
            place = f"linje {where.group(1)}, kolonne {where.group(2)}"
        elif "(at end of document)" in detail:
            place = "slutten av fila"
        else:
            place = None
        message = f"{name}: ugyldig TOML"
        if place:
            message += f" ved {place}"
        raise error(f"{message} ({detail})") from None


def check_unique(reader_file: str, kind: str, ids: Sequence[tuple[str, str]]) -> None:
    """ids: (id, entry description). Raise on the first id used twice."""
    seen: dict[str, str] = {}
    for value, entry in ids:
        if value in seen:
            raise GoalsDataError(
                f"{reader_file}: {entry}: feltet «id» har verdien «{value}», "
                f"som allerede er brukt av {seen[value]} ({kind} må ha unik id)"
            )
        seen[value] = entry
