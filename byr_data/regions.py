"""Region definitions: municipalities, their code history and the editable region settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SETTINGS_FILE = DATA_DIR / "region.toml"

NORWAY = "0"

# Today's code -> name. Innlandet's codes (34xx) are valid from 2020; before that Hedmark's (04xx).
MUNICIPALITIES: dict[str, str] = {
    "3401": "Kongsvinger",
    "3414": "Nord-Odal",
    "3415": "Sør-Odal",
    "3416": "Eidskog",
    "3417": "Grue",
    "3418": "Åsnes",
    "3419": "Våler",
}

# Code history: the code used up to 2019 -> today's code. Innlandet's codes did not change in 2024.
OLD_TO_NEW: dict[str, str] = {
    "0402": "3401",
    "0418": "3414",
    "0419": "3415",
    "0420": "3416",
    "0423": "3417",
    "0425": "3418",
    "0426": "3419",
}
NEW_TO_OLD: dict[str, str] = {new: old for old, new in OLD_TO_NEW.items()}
LAST_YEAR_OF_OLD_CODES = 2019


class SettingsError(ValueError):
    """The region settings file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class RegionSettings:
    name: str
    members: tuple[str, ...]
    optional: tuple[str, ...]
    target_per_year: int
    base_year: int

    @property
    def selectable(self) -> tuple[str, ...]:
        """Every municipality a user may pick: the members first, then the optional ones."""
        return self.members + tuple(c for c in self.optional if c not in self.members)


def municipality_name(code: str) -> str:
    return MUNICIPALITIES.get(code, "Hele landet" if code == NORWAY else code)


def to_current_code(code: str) -> str:
    """Map a code as published by SSB (04xx, 34xx, K-34xx) to today's four-digit code."""
    code = code.removeprefix("K-")
    return OLD_TO_NEW.get(code, code)


def code_valid_in(code: str, year: int) -> bool:
    """Whether SSB's plain region list carries real figures under `code` in `year`."""
    if code in OLD_TO_NEW:
        return year <= LAST_YEAR_OF_OLD_CODES
    if code in NEW_TO_OLD:
        return year > LAST_YEAR_OF_OLD_CODES
    return True


_KIND_NAMES = {str: "tekst", list: "en liste", int: "et heltall", float: "et desimaltall", bool: "sann/usann", dict: "en tabell"}


def load_settings(path: Path | None = None) -> RegionSettings:
    """Read and validate the region settings; errors name the file and the field."""
    path = path or SETTINGS_FILE  # looked up at call time, so the file can be swapped (tests, tools)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: filen finnes ikke.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: kan ikke leses ({exc}).") from None

    def field(name: str, kind: type):
        if name not in raw:
            raise SettingsError(f"{path}: feltet «{name}» mangler.")
        value = raw[name]
        if not isinstance(value, kind) or isinstance(value, bool):
            expected, found = _KIND_NAMES.get(kind, kind.__name__), _KIND_NAMES.get(type(value), type(value).__name__)
            raise SettingsError(f"{path}: feltet «{name}» skal være {expected}, men er {found} ({value!r}).")
        return value

    def codes(name: str, required: bool = True) -> tuple[str, ...]:
        if not required and name not in raw:
            return ()
        values = field(name, list)
        for value in values:
            if not isinstance(value, str):  # members = [3401]: the code is known, but must be text
                raise SettingsError(
                    f"{path}: feltet «{name}» må ha kommunenumrene som tekst i anførselstegn, "
                    f'f.eks. "3401" (fant {value!r}).'
                )
            if value not in MUNICIPALITIES:
                known = ", ".join(f"{c} {n}" for c, n in MUNICIPALITIES.items())
                raise SettingsError(
                    f"{path}: feltet «{name}» har ukjent kommunenummer «{value}» (kjente: {known})."
                )
        if len(set(values)) != len(values):
            raise SettingsError(f"{path}: feltet «{name}» har samme kommune flere ganger.")
        return tuple(values)

    name = field("name", str).strip()
    if not name:
        raise SettingsError(f"{path}: feltet «name» er tomt.")
    members = codes("members")
    if not members:
        raise SettingsError(f"{path}: feltet «members» må ha minst én kommune.")
    target = field("target_per_year", int)
    base_year = field("base_year", int)
    if not 2008 <= base_year <= 2100:
        raise SettingsError(f"{path}: feltet «base_year» ({base_year}) må være et år fra 2008.")
    return RegionSettings(
        name=name,
        members=members,
        optional=codes("optional", required=False),
        target_per_year=target,
        base_year=base_year,
    )
