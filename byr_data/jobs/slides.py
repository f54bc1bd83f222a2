"""The presentation's job slides: one message a screen, the same rule for the target as the pages.

The whole region (the configured members, jobs by workplace) is judged against +100; any other
selection gets its own change and its contribution to the region, with no target and no verdict.
Offline, the slides show the final report's figures (credited) and the employed residents.
"""

from __future__ import annotations

import pandas as pd

from byr_data import analysis, chart_parts, fmt
from byr_data.final_report import ReportFigures
from byr_data.jobs import notes, offline, pages as job_pages, story
from byr_data.jobs.selection import is_offline, measure_series, missing_reason, selection_situation
from byr_data.page_model import MEASURE_TITLES, Filters, Slide
from byr_data.regions import selection_name

REFRESH_HINT = "SSBs tall år for år vises etter en oppdatering under «Data og kilder»."


def job_slides(frame: pd.DataFrame, filters: Filters, region, source: str, report: ReportFigures | None) -> list[Slide]:
    """Latest year, trend reversal, the path since the base year, and the contributions."""
    if is_offline(frame, filters):
        return offline_slides(frame, filters, region, source, report)
    wide, level = measure_series(frame, filters)
    selection = selection_name(filters.codes, region)
    if missing_reason(level, filters, True):
        return [Slide(f"{selection}: {MEASURE_TITLES[filters.measure].lower()}", "For få år med tall",
                      missing_reason(level, filters, True), source=source)]
    sit = selection_situation(frame, filters, region)
    status, year = sit.status, sit.year
    slides = [Slide(f"{selection}: {year}", story.change_phrase(year, status.change, sit.unit),
                    _first_detail(sit, filters, region), tone=_tone(sit), source=source)]

    summary = analysis.trend_summary(level, years=filters.years)
    trend_view = job_pages.trend(frame, filters, region, source, None)
    recent = (f"Vekst i {summary.recent_positive} av de {len(summary.recent_years)} siste årene. "
              if summary.recent_years else "")
    slides.append(Slide("Har nedgangen snudd?", story.trend_headline(summary, filters.years, sit.unit),
                        recent + "Tallene beskriver utviklingen, de forklarer den ikke.",
                        chart_parts.for_slide(trend_view.blocks[0].chart), source=source))

    attain = job_pages.attainment(frame, filters, region, source)
    by_name = {block.name: block for block in attain.blocks}
    if "kumulativ" in by_name:
        slides.append(Slide(f"Siden {region.base_year}", f"{fmt.signed(status.cumulative)} {sit.unit}",
                            f"Kumulativt mål {fmt.signed(status.cumulative_target)}, avvik {fmt.signed(status.gap)}.",
                            chart_parts.for_slide(by_name["kumulativ"].chart), source=source))
    elif sit.has_cumulative:  # not the region's own figures: the path, without the target
        slides.append(Slide(f"Siden {region.base_year}", f"{fmt.signed(status.cumulative)} {sit.unit}",
                            f"{selection}: endring fra {region.base_year} til {year}.", source=source))
    if "bidrag" in by_name:
        title = by_name["bidrag"].title
        slides.append(Slide("Kommunenes bidrag", title, "Stablede søyler: hver kommunes endring. "
                            "Svart strek: netto for utvalget.", chart_parts.for_slide(by_name["bidrag"].chart), source=source))
    return slides


def _first_detail(sit: story.Situation, filters: Filters, region) -> str:
    status, year = sit.status, sit.year
    if filters.measure == "bosted":
        return story.RESIDENCE_NOTE
    if not sit.judged:
        parts = []
        if not pd.isna(sit.region_change):
            parts.append(f"{sit.name}: {fmt.signed(status.change)} av regionens {fmt.signed(sit.region_change)}."
                         if sit.within_region else f"{region.name} samlet: {fmt.signed(sit.region_change)}.")
        if sit.has_cumulative:
            parts.append(f"Siden {sit.base_year}: {fmt.signed(status.cumulative)}.")
        return " ".join(parts)
    if year <= region.base_year or status.met is None:
        return f"Målet på {fmt.signed(status.target)} i året gjelder fra {region.base_year + 1}."
    verdict = "nådd" if status.met else "ikke nådd"
    text = (f"Mål {fmt.signed(status.target)} – {verdict}. Målet er nådd {status.years_met} av "
            f"{status.years_elapsed} år siden {region.base_year}.")
    return text + (" Vurdert på tallene for hvert år, ikke på 3-års snittet." if filters.rolling else "")


def _tone(sit: story.Situation) -> str | None:
    if not sit.judged or sit.status.met is None or sit.year <= sit.base_year:
        return None
    return "good" if sit.status.met else "bad"


def offline_slides(frame: pd.DataFrame, filters: Filters, region, source: str,
                   report: ReportFigures | None) -> list[Slide]:
    """Offline: the selection's jobs 2017–2022 from the snapshot's table 11618 (against +100 for the whole
    region), the report's figures in a slide of their own (credited), and the employed residents,
    labelled as such. No slide joins two tables or the report's figures with SSB's."""
    selection = selection_name(filters.codes, region)
    jobs = offline.snapshot_jobs(frame, filters.codes, region, filters)
    slides = []
    if jobs.shown:
        if jobs.judged:
            detail = (f"{fmt.signed(jobs.per_year)} i året mot målet {fmt.signed(jobs.target)}; målet nådd i "
                      f"{jobs.years_met} av {len(jobs.yearly)} år. {jobs.table}, hvert år slik det først ble publisert.")
            tone = "good" if jobs.per_year >= jobs.target else "bad"
        else:
            detail = f"{region.name} samlet: {fmt.signed(jobs.region_change)}. {jobs.table}."
            tone = None
        block = offline.change_block(jobs, filters, selection)
        slides.append(Slide(f"{selection}: arbeidsplasser {jobs.span}", f"{fmt.signed(jobs.change)} arbeidsplasser",
                            detail, chart_parts.for_slide(block.chart), tone=tone, source=jobs.credit))
    else:
        slides.append(Slide(f"{selection}: arbeidsplasser", "Arbeidsplassene er ikke hentet ennå",
                            "Tall fra SSB. " + REFRESH_HINT, source=source))
    if jobs.judged and report:
        latest = max(report.changes, key=lambda c: c.year)
        others = ", ".join(f"{fmt.signed(c.value)} i {c.year}" for c in report.changes if c is not latest)
        detail = (f"{others}, ifølge sluttrapporten (2018). Før programmet gikk antallet ned med ca. "
                  f"{fmt.integer(abs(report.pre_trend_per_year))} i året, ifølge rapporten. Rapportens egne tall, "
                  "ikke regnet sammen med SSBs.")
        block = offline.report_block(report, region.target_per_year)
        slides.append(Slide("Arbeidsplasser ifølge sluttrapporten", f"{fmt.signed(latest.value)} i {latest.year}",
                            detail, chart_parts.for_slide(block.chart), source=f"Kilde: {report.source}"))
    residence_credit = notes.table_credit(notes.LIVE_TABLE)
    residence = offline.residence_block(frame, filters, region, residence_credit)
    slides.append(Slide("Sysselsatte bosatte", residence.title,
                        "De som bor her og er i arbeid, uansett hvor de jobber – ikke arbeidsplasser.",
                        chart_parts.for_slide(residence.chart), source=residence_credit))
    return slides
