"""The headline figures printed in the final report (data/report_figures.toml), loaded and validated."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from byr_data import regions

REPORT_FIGURES_FILE = regions.DATA_DIR / "report_figures.toml"


class ReportFiguresError(ValueError):
    pass


@dataclass(frozen=True)
class ReportedChange:
    year: int
    value: int
    quote: str


@dataclass(frozen=True)
class ReportFigures:
    source: str
    region: str
    changes: tuple[ReportedChange, ...]
    pre_trend_per_year: int
    pre_trend_quote: str


def load_report_figures(path: Path | None = None) -> ReportFigures:
    path = path or REPORT_FIGURES_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        changes = tuple(
            ReportedChange(int(item["year"]), int(item["value"]), str(item["quote"])) for item in raw["change"]
        )
        return ReportFigures(
            source=str(raw["source"]),
            region=str(raw["region"]),
            changes=changes,
            pre_trend_per_year=int(raw["pre_trend"]["per_year"]),
            pre_trend_quote=str(raw["pre_trend"]["quote"]),
        )
    except FileNotFoundError:
        raise ReportFiguresError(f"{path}: filen finnes ikke.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReportFiguresError(f"{path}: kan ikke leses ({exc}).") from None
    except KeyError as exc:
        raise ReportFiguresError(f"{path}: feltet {exc} mangler.") from None
    except (TypeError, ValueError) as exc:
        raise ReportFiguresError(f"{path}: et felt har feil type ({exc}).") from None
