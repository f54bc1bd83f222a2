"""The region settings (data/region.toml) and municipality names.

Any current Norwegian municipality may be configured by its four-digit number. Names and code history
are not kept here: they come from SSB (the code list's labels and valueMap, cached with the data) and,
offline, from the names stored beside the figures (the snapshot and the cache). Never match by name:
there are two Vålers (3419 in Innlandet, 3110 in Østfold).
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from byr_data import shared_files

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SETTINGS_FILE = DATA_DIR / "region.toml"

NORWAY = "0"
NORWAY_NAME = "Hele landet"
FIRST_YEAR = 2008  # the first year of table 07984
CODE_PATTERN = re.compile(r"\d{4}")
FIELDS = ("name", "members", "optional", "target_per_year", "base_year", "compare")
COMPARE_FIELDS = ("name", "members")  # one [[compare]] entry: a comparison region


class SettingsError(ValueError):
    """The region settings file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class CompareRegion:
    """A comparison region (`[[compare]]` in data/region.toml), shown beside the region on «Regionen i landet»."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class RegionSettings:
    name: str
    members: tuple[str, ...]
    optional: tuple[str, ...]
    target_per_year: int
    base_year: int
    compare: tuple[CompareRegion, ...] = ()

    @property
    def selectable(self) -> tuple[str, ...]:
        """Every municipality a user may pick (and a refresh fetches): the members first, then the optional ones."""
        return self.members + tuple(c for c in self.optional if c not in self.members)


# -- names ---------------------------------------------------------------------------------------
_names: dict[str, str] = {}
_names_lock = threading.Lock()


def learn_names(names: Mapping[str, str]) -> None:
    """Remember names read from SSB (code list, data) or from the stored figures, keyed by code."""
    with _names_lock:
        _names.update({str(code): str(name) for code, name in names.items() if str(name).strip() and code != NORWAY})


def forget_names() -> None:
    """Forget every learned name (tests start from nothing)."""
    with _names_lock:
        _names.clear()


def known_names() -> dict[str, str]:
    """Every municipality whose name has been learned (code -> name)."""
    with _names_lock:
        return dict(_names)


def municipality_name(code: str) -> str:
    """SSB's name for today's municipality `code`; «kommunenummer 3405» while no name is known."""
    if code == NORWAY:
        return NORWAY_NAME
    return _names.get(code) or f"kommunenummer {code}"



def selection_name(codes, region: RegionSettings) -> str:
    """«Kongsvingerregionen» for exactly the members, a municipality's name, or «Utvalget Grue, Åsnes»."""
    if set(codes) == set(region.members):
        return region.name
    names = [municipality_name(c) for c in codes]
    return names[0] if len(names) == 1 else "Utvalget " + ", ".join(names)

# -- settings ------------------------------------------------------------------------------------
_KIND_NAMES = {str: "tekst", list: "en liste", int: "et heltall", float: "et desimaltall", bool: "sann/usann", dict: "en tabell"}


def load_settings(path: Path | None = None) -> RegionSettings:
    """Read and validate the region settings; errors name the file and the field."""
    path = path or SETTINGS_FILE  # looked up at call time, so the file can be swapped (tests, tools)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: filen finnes ikke.") from None
    except OSError as exc:
        raise SettingsError(f"{path}: kan ikke leses ({shared_files.describe(exc)}).") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: kan ikke leses ({exc}).") from None

    unknown = [key for key in raw if key not in FIELDS]
    if unknown:
        raise SettingsError(
            f"{path}: ukjent felt «{unknown[0]}» (skrivefeil?). Gyldige felt: {', '.join(FIELDS)}."
        )

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
        return check_codes(name, field(name, list))

    def check_codes(name: str, values: list) -> tuple[str, ...]:
        for value in values:
            if not isinstance(value, str):  # members = [3401]: the code is known, but must be text
                raise SettingsError(
                    f"{path}: feltet «{name}» må ha kommunenumrene som tekst i anførselstegn, "
                    f'f.eks. "3401" (fant {value!r}).'
                )
            if not CODE_PATTERN.fullmatch(value) or value == "0000":
                raise SettingsError(
                    f"{path}: feltet «{name}» har «{value}», som ikke er et kommunenummer "
                    "(fire sifre, f.eks. \"3401\")."
                )
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise SettingsError(f"{path}: feltet «{name}» har kommunenummer {', '.join(repeated)} flere ganger.")
        return tuple(values)

    name = field("name", str).strip()
    if not name:
        raise SettingsError(f"{path}: feltet «name» er tomt.")
    members = codes("members")
    if not members:
        raise SettingsError(f"{path}: feltet «members» må ha minst én kommune.")
    optional = codes("optional", required=False)
    both = [code for code in optional if code in members]
    if both:
        raise SettingsError(
            f"{path}: feltet «optional» har {', '.join(both)}, som allerede står i «members» (en kommune kan stå bare ett sted)."
        )
    target = field("target_per_year", int)
    if target <= 0:
        raise SettingsError(f"{path}: feltet «target_per_year» ({target}) må være et positivt antall arbeidsplasser per år.")
    base_year = field("base_year", int)
    if not FIRST_YEAR <= base_year <= 2100:
        raise SettingsError(f"{path}: feltet «base_year» ({base_year}) må være et år fra {FIRST_YEAR}.")
    compare = compare_regions(path, raw.get("compare", []), name, check_codes)
    return RegionSettings(name=name, members=members, optional=optional, target_per_year=target, base_year=base_year,
                          compare=compare)


def compare_regions(path: Path, entries, region_name: str, check_codes) -> tuple[CompareRegion, ...]:
    """The `[[compare]]` entries, each with a name and at least one municipality number, names unique.
    `check_codes(field, values)`: the same check as «members» (four digits as text, none twice)."""
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise SettingsError(f"{path}: «compare» skal skrives som [[compare]]-tabeller med «name» og «members».")
    found: list[CompareRegion] = []
    for number, entry in enumerate(entries, start=1):
        where = f"sammenligningsregion nr. {number} ([[compare]])"
        unknown = [key for key in entry if key not in COMPARE_FIELDS]
        if unknown:
            raise SettingsError(f"{path}: {where}: ukjent felt «{unknown[0]}». Gyldige felt: {', '.join(COMPARE_FIELDS)}.")
        for key, kind in (("name", str), ("members", list)):
            if key not in entry:
                raise SettingsError(f"{path}: {where}: feltet «{key}» mangler.")
            if not isinstance(entry[key], kind):
                raise SettingsError(f"{path}: {where}: feltet «{key}» skal være {_KIND_NAMES[kind]}, "
                                    f"men er {_KIND_NAMES.get(type(entry[key]), type(entry[key]).__name__)}.")
        name = entry["name"].strip()
        if not name:
            raise SettingsError(f"{path}: {where}: feltet «name» er tomt.")
        if name == region_name or name in [c.name for c in found]:
            raise SettingsError(f"{path}: {where}: navnet «{name}» er allerede brukt; hver region trenger sitt eget navn.")
        members = check_codes(f"members» i «{name}", entry["members"])
        if not members:
            raise SettingsError(f"{path}: {where}: feltet «members» må ha minst én kommune.")
        found.append(CompareRegion(name, members))
    return tuple(found)


def settings_version(path: Path | None = None) -> int:
    """The settings file's modification time (0 when missing): an edit is read again on the next rerun."""
    try:
        return (path or SETTINGS_FILE).stat().st_mtime_ns
    except OSError:
        return 0
