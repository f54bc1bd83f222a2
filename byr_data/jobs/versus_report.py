"""The final report's job figures beside those computed from SSB today (Trendbrudd's table), pure.

The comparison is always for the report's own region (its members), whatever the page's selection:
`title` says so."""

from __future__ import annotations

import numpy as np
import pandas as pd

from byr_data import analysis, fmt, regions
from byr_data.final_report import ReportFigures

QUOTE = "Rapportens ord"  # the comparison's column of the report's own words
COMPARISON_NOTE = (
    "Forskjeller mellom rapportens tall og SSB-tallene i dag kan ha flere årsaker: SSB reviderer tall etter "
    "publisering, rapporten kan ha brukt en annen tabell eller avgrensning (alder, kvartal, tidspunkt for uttrekk), "
    "og appen regner alltid med dagens kommunegrenser for de seks kommunene. Appen viser SSB-tallene slik de er "
    "publisert nå, og rapportens tall slik de står i rapporten. Rapporten oppgir ikke hvilke år «ca 100 pr år» "
    "gjelder; SSB-tallet ved siden av er snittet for årene før programmet og bruddet (2009–2014)."
)


def title(region: regions.RegionSettings) -> str:
    return f"Sluttrapportens tall mot SSB – {region.name}"


def report_comparison(frame: pd.DataFrame, region: regions.RegionSettings, report: ReportFigures) -> pd.DataFrame:
    """The report's figures beside those computed from SSB for the report's region (the six members)."""
    wide = analysis.levels(frame, region.members, "arbeidssted")
    delta = analysis.changes(analysis.regional(wide))
    rows = []
    for item in report.changes:
        computed = delta.get(item.year, np.nan)
        rows.append({
            "År": str(item.year),
            "Sluttrapporten": fmt.signed(item.value),
            "Beregnet fra SSB nå": fmt.signed(computed),
            "Forskjell": fmt.signed(computed - item.value) if pd.notna(computed) else fmt.MISSING,
            QUOTE: item.quote,
        })
    pre = analysis.trend_summary(analysis.regional(wide)).pre_mean if len(wide) else np.nan
    rows.append({
        # The report gives no years for its «ca 100 pr år»: COMPARISON_NOTE says whose years 2009–2014 are.
        "År": "Før programmet",
        "Sluttrapporten": f"ca. {fmt.signed(report.pre_trend_per_year)}",
        "Beregnet fra SSB nå": fmt.signed(pre),
        "Forskjell": fmt.signed(pre - report.pre_trend_per_year) if pd.notna(pre) else fmt.MISSING,
        QUOTE: report.pre_trend_quote,
    })
    return pd.DataFrame(rows)
