"""The +100 jobs goal judged on today's SSB figures, for the goal matrix (pure)."""

from __future__ import annotations

import pandas as pd

from byr_data import analysis, regions
from byr_data.jobs import notes, story
from byr_data.page_model import LiveStatus


def jobs_goal_status(frame: pd.DataFrame, region: regions.RegionSettings, source: str) -> LiveStatus:
    """The +100 goal judged on the latest SSB figures for the region's members, not the 2018 text."""
    level = analysis.regional(analysis.levels(frame, region.members, "arbeidssted"))
    # «Now» is today's series (07984), never the snapshot's table 11618, whose last year is 2022.
    if notes.jobs_table(frame) != notes.LIVE_TABLE or level.notna().sum() < analysis.MIN_YEARS:
        return LiveStatus("ikke angitt", "Arbeidsplasser år for år mangler tall i dataene som vises; hent "
                          "tallene fra SSB under «Data og kilder» for å følge målet.", source)
    status = analysis.target_status(level, region.base_year, region.target_per_year)
    text = story.target_summary(status, region)
    if status.met is None or status.year is None or status.year <= region.base_year:
        return LiveStatus("ikke angitt", text, source)
    return LiveStatus("nådd" if status.met else "ikke nådd", text, source)
