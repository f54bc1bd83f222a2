"""The council sequence: which slides the presentation shows, in which order (pure).

Each domain package makes its own slides (`jobs.slides`, `industry.pages.slides`,
`programme.slides`, `status.reporting.changes_slides`); this module only puts them in order.
"""

from __future__ import annotations

import pandas as pd

from byr_data import regions
from byr_data.final_report import ReportFigures
from byr_data.industry import pages as industry_pages
from byr_data.jobs import goal_status, selection, slides as job_slides
from byr_data.page_model import Filters, Slide
from byr_data.programme import slides as programme_slides


def presentation(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
                 report: ReportFigures | None, matrix=None, portfolio=None, problems: tuple[str, ...] = (),
                 changes: tuple[Slide, ...] = (), country=None, commuting: tuple[Slide, ...] = ()) -> list[Slide]:
    """Target this year, trend reversal, cumulative path, contributions, industries (with SSB's
    series), the goal matrix and projects, then the changes since the last status report.
    `matrix`/`portfolio` come from programme.goals (None when they cannot load)."""
    slides: list[Slide] = job_slides.job_slides(frame, filters, region, source, report)
    if not selection.is_offline(frame, filters):
        slides += industry_pages.slides(frame, filters, region, source)
    slides += [country.slide] if country is not None else []  # «Regionen i landet» (compare.pages.CountrySlide)
    slides.extend(commuting)  # «Ett arbeidsmarked?» (commuting.pages.slides, table 03321)
    live = goal_status.jobs_goal_status(frame, region, source)
    slides += programme_slides.programme_slides(matrix, portfolio, live)
    slides.extend(changes)  # «Endringer siden forrige rapport» (status.reporting.changes_slides)
    for problem in problems:
        slides.append(Slide("Kan ikke vises", problem))
    return slides
