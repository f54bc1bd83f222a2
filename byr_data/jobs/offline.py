"""The job pages with only the offline snapshot: what its real, published figures can honestly say.

The snapshot has jobs by workplace 2017–2022 from SSB table 11618 (each year as first published),
employed residents 2008–2025 from SSB table 07984, and the final report's own figures (+32 in 2016,
+132 in 2017, a decline of «ca 100 pr år» before). Each figure is credited to its table or the report,
and no series, sum or change joins two of them: the report's figures and the residents have charts of
their own. 11618 starts in 2017, after the 2014/15 break and the programme's start, so it cannot show
whether the decline turned: each page says so, and what a refresh from SSB (table 07984) adds. The
+100 target is judged only for the whole region, as online.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from byr_data import analysis, fmt, page_model, regions
from byr_data.final_report import ReportFigures
from byr_data.jobs import blocks, charts, notes, story, versus_report
from byr_data.jobs.selection import in_range, level_long
from byr_data.jobs.versus_report import report_comparison
from byr_data.page_model import Block, Filters, Metric, PageView, gap_metric
from byr_data.regions import selection_name

REFRESH = "Med tall fra SSB (tabell 07984, hentes med knappen på siden «Data og kilder») viser siden "
AFTER_REFRESH = {
    "overview": "arbeidsplassene år for år fra 2008{target}.",
    "trend": "arbeidsplassene år for år fra 2008, med trenden før 2015 videreført.",
    "attainment": "utviklingen siden {base}{target} og hver kommunes bidrag år for år fra 2008.",
    "municipality": "kommunens arbeidsplasser år for år fra 2008 og bidraget til regionen.",
}
RESIDENCE_LABEL = "Sysselsatte bosatte"
CANNOT_TURN = ("Tabell 11618 har tall fra 2017, etter at programmet startet, så den kan ikke vise om "
               "nedgangen før programmet snudde; det krever tall fra før 2015.")
NOT_SPLICED = ("Sluttrapportens +32 (2016) og +132 (2017) er rapportens egne tall. De er ikke regnet sammen "
               "med SSBs tall, som kommer fra en annen tabell.")


def refresh_sentence(page: str, judged: bool, region: regions.RegionSettings) -> str:
    target = f" mot målet på {fmt.signed(region.target_per_year)}" if judged else ""
    return REFRESH + AFTER_REFRESH[page].format(target=target, base=region.base_year)


def _context(page: str, selection: str) -> str:
    return f"{page} · {selection} · uten nett: tallene som følger med appen"


def jobs_levels(frame: pd.DataFrame, codes) -> pd.Series:
    """The selection's jobs in the years the snapshot has them (all selected municipalities present)."""
    return analysis.regional(analysis.levels(frame, codes, "arbeidssted")).dropna()


@dataclass(frozen=True)
class Jobs:
    """The selection's jobs from the snapshot's table in the chosen years, and the region's."""

    table: str  # «SSB tabell 11618»
    credit: str  # the chart's source line
    wide: pd.DataFrame
    level: pd.Series  # the selection's jobs, one value a year
    region_level: pd.Series
    judged: bool  # the +100 target applies (the whole region, jobs)
    target: float

    @property
    def shown(self) -> bool:
        return len(self.level) >= analysis.MIN_YEARS

    @property
    def first(self) -> int:
        return int(self.level.index.min())

    @property
    def last(self) -> int:
        return int(self.level.index.max())

    @property
    def span(self) -> str:
        return f"{self.first}–{self.last}"

    @property
    def change(self) -> float:
        return float(self.level[self.last] - self.level[self.first])

    @property
    def per_year(self) -> float:
        return self.change / (self.last - self.first)

    @property
    def region_change(self) -> float:
        years = self.region_level
        return float(years.get(self.last, float("nan")) - years.get(self.first, float("nan")))

    @property
    def yearly(self) -> pd.Series:
        return analysis.changes(self.level).dropna()

    @property
    def years_met(self) -> int:
        return int((self.yearly >= self.target).sum())


def snapshot_jobs(frame: pd.DataFrame, codes, region: regions.RegionSettings, filters: Filters) -> Jobs:
    source = notes.jobs_table(frame) or "SSB"
    wide = in_range(analysis.levels(frame, codes, "arbeidssted"), filters.years)
    return Jobs(
        table=source.replace("SSB ", "SSB tabell "), credit=notes.table_credit(source), wide=wide,
        level=analysis.regional(wide).dropna(),
        region_level=in_range(jobs_levels(frame, region.members), filters.years),
        judged=analysis.judges_target(codes, "arbeidssted", region), target=float(region.target_per_year))


def verdict(jobs: Jobs, selection: str, region: regions.RegionSettings) -> str:
    """«Kongsvingerregionen 2017–2022: +370 arbeidsplasser, +74 i året mot målet +100 (SSB tabell 11618)»."""
    if not jobs.shown:
        return f"{selection}: arbeidsplassene år for år er ikke hentet fra SSB ennå"
    lead = f"{selection} {jobs.span}: {fmt.signed(jobs.change)} arbeidsplasser"
    if jobs.judged:
        return f"{lead}, {fmt.signed(jobs.per_year)} i året mot målet {fmt.signed(jobs.target)} ({jobs.table})"
    if not pd.isna(jobs.region_change) and selection != region.name:
        return f"{lead} av regionens {fmt.signed(jobs.region_change)} ({jobs.table})"
    return f"{lead} ({jobs.table})"


def jobs_metrics(jobs: Jobs) -> list[Metric]:
    """Level, change and (for the whole region) the yearly average against the target and the years met."""
    metrics = [Metric(f"Arbeidsplasser {jobs.last}", fmt.integer(jobs.level[jobs.last]))]
    if jobs.judged:
        target = jobs.target * (jobs.last - jobs.first)
        metrics += [gap_metric(f"Endring {jobs.span}", fmt.signed(jobs.change), jobs.change - target, target),
                    gap_metric("Snitt i året", fmt.signed(jobs.per_year), jobs.per_year - jobs.target, jobs.target),
                    Metric(f"Målet nådd ({jobs.first + 1}–{jobs.last})", f"{jobs.years_met} av {len(jobs.yearly)} år")]
    else:
        metrics += [Metric(f"Endring {jobs.span}", fmt.signed(jobs.change)),
                    Metric("Snitt i året", fmt.signed(jobs.per_year))]
    return metrics


def change_block(jobs: Jobs, filters: Filters, selection: str) -> Block:
    """Each year's change from the snapshot's table, against the target where it applies."""
    if jobs.judged:
        title = (f"Målet på {fmt.signed(jobs.target)} nådd i {jobs.years_met} av {len(jobs.yearly)} år "
                 f"{jobs.first + 1}–{jobs.last} ({jobs.table})")
    else:
        grew = int((jobs.yearly > 0).sum())
        title = f"{selection}: arbeidsplasser økte i {grew} av {len(jobs.yearly)} år ({jobs.table})"
    return blocks.change_block(jobs.level, filters, jobs.credit, title, "Arbeidsplasser",
                               jobs.target if jobs.judged else None, name="arlig-endring-11618")


def report_block(report: ReportFigures, target: int) -> Block:
    """The report's yearly figures against the target, its «ca 100» decline as a labelled reference."""
    figures = pd.DataFrame({"aar": [c.year for c in report.changes], "endring": [float(c.value) for c in report.changes]})
    met = [str(c.year) for c in report.changes if c.value >= target]
    missed = [str(c.year) for c in report.changes if c.value < target]
    verdict = ", ".join(part for part in (f"nådd i {' og '.join(met)}" if met else "",
                                          f"ikke i {' og '.join(missed)}" if missed else "") if part)
    title = f"Sluttrapportens tall mot målet på {fmt.signed(target)}: {verdict}"
    reference = f"Før programmet: ca. {fmt.signed(report.pre_trend_per_year)} i året\n(sluttrapporten, uten årstall)"
    chart = charts.report_chart(figures, title, f"Kilde: {report.source}", target, report.pre_trend_per_year, reference)
    return page_model.block(chart, figures, {"aar": fmt.year, "endring": fmt.signed},
                  {"aar": "År", "endring": "Netto endring ifølge sluttrapporten"}, "sluttrapporten")


def residence_block(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str) -> Block:
    """The selection's employed residents per year with the 2008–2014 trend continued: never called jobs."""
    codes, selection = filters.codes, selection_name(filters.codes, region)
    wide = analysis.levels(frame, codes, "bosted")
    level = analysis.regional(wide)
    series = f"{RESIDENCE_LABEL}, {selection}"
    long = in_range(level_long(wide, level, series, "total"), filters.years)
    projection = in_range(analysis.pre_trend_projection(level), filters.years)
    summary = analysis.trend_summary(level, years=filters.years)
    single = analysis.changes(level).get(filters.years[0], float("nan")) if filters.years else float("nan")
    name = "" if selection == region.name else selection
    title = story.trend_headline(summary, filters.years, "sysselsatte bosatte", name, single_change=single)
    y_title = "Sysselsatte bosatte (ikke arbeidsplasser)"
    chart = charts.level_chart(long, title, source, y_title, projection=projection)
    return page_model.block(chart, long, {"aar": fmt.year, "verdi": fmt.integer},
                  {"aar": "År", "serie": "Serie", "verdi": y_title}, "sysselsatte-bosatte")


RESIDENCE_TEXT = ("Sysselsatte bosatte er de som bor i kommunene og er i arbeid, uansett hvor de jobber. Det er "
                  "ikke det samme som arbeidsplasser, men de eneste tallene år for år som finnes offline.")


def _start(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
           page: str) -> tuple[PageView, Jobs]:
    selection = selection_name(filters.codes, region)
    jobs = snapshot_jobs(frame, filters.codes, region, filters)
    view = PageView(title=verdict(jobs, selection, region), selection=selection, source=source,
                    context=_context(page, selection), metrics=jobs_metrics(jobs) if jobs.shown else [])
    return view, jobs


# -- the four job pages --------------------------------------------------------------------------------
def overview(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
             report: ReportFigures | None) -> PageView:
    """The region's jobs 2017–2022 against +100 (table 11618), with the report's figures beside them."""
    view, jobs = _start(frame, filters, region, source, "Oversikt")
    if jobs.shown:
        view.blocks.append(change_block(jobs, filters, view.selection))
        view.blocks[0].chart.height = blocks.OVERVIEW_CHART_HEIGHT  # built just now: set in place
    if jobs.judged and report:
        view.blocks.append(report_block(report, region.target_per_year))
        view.texts.append(NOT_SPLICED)
    elif not jobs.shown:
        view.blocks.append(residence_block(frame, filters, region, notes.table_credit(notes.LIVE_TABLE)))
        view.texts.append(RESIDENCE_TEXT)
    view.texts.append(refresh_sentence("overview", jobs.judged, region))
    return view


def trend(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
          report: ReportFigures | None) -> PageView:
    """The snapshot's jobs series as it is, with what it cannot say; the report's claim, credited."""
    view, jobs = _start(frame, filters, region, source, "Har nedgangen snudd?")
    if jobs.shown:
        view.metrics = [Metric(f"Arbeidsplasser {jobs.first}", fmt.integer(jobs.level[jobs.first])),
                        Metric(f"Arbeidsplasser {jobs.last}", fmt.integer(jobs.level[jobs.last])),
                        Metric(f"Snitt i året {jobs.span}", fmt.signed(jobs.per_year))]
        long = level_long(jobs.wide, jobs.level, view.selection, "total")
        chart = charts.level_chart(long, f"Arbeidsplasser per år, {view.selection} ({jobs.table})", jobs.credit,
                                   "Arbeidsplasser")
        view.blocks.append(page_model.block(chart, long, {"aar": fmt.year, "verdi": fmt.integer},
                                            {"aar": "År", "serie": "Serie", "verdi": "Arbeidsplasser"}, "niva-11618"))
        view.texts.append(CANNOT_TURN)
    if jobs.judged and report:
        view.blocks.append(report_block(report, region.target_per_year))
        view.texts.append(story.report_trend_headline(report) + " (sluttrapportens egne tall).")
    view.blocks.append(residence_block(frame, filters, region, notes.table_credit(notes.LIVE_TABLE)))
    view.texts += [RESIDENCE_TEXT, refresh_sentence("trend", jobs.judged, region), story.CAVEAT]
    if report:
        view.tables.append((versus_report.title(region), report_comparison(frame, region, report)))
    return view


def attainment(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
               report: ReportFigures | None = None) -> PageView:
    """Each year's change 2018–2022 against +100 and each municipality's part (table 11618); the report's
    2016 and 2017 in a chart of their own."""
    view, jobs = _start(frame, filters, region, source, "Måloppnåelse")
    if jobs.shown:
        view.blocks.append(change_block(jobs, filters, view.selection))
        contribution = blocks.contribution_block(jobs.wide, analysis.regional(jobs.wide), None, jobs.credit,
                                                 jobs.target if jobs.judged else None, name="bidrag-11618")
        if contribution is not None:
            view.blocks.append(contribution)
        if jobs.judged:
            view.texts.append(f"{jobs.table} begynner i {jobs.first}, så utviklingen siden basisåret "
                              f"{region.base_year} kan ikke regnes ut herfra.")
    if jobs.judged and report:
        view.blocks.append(report_block(report, region.target_per_year))
        view.texts.append(NOT_SPLICED)
    view.texts.append(refresh_sentence("attainment", jobs.judged, region))
    return view


def municipality(frame: pd.DataFrame, code: str, filters: Filters, region: regions.RegionSettings,
                 source: str) -> PageView:
    """One municipality's jobs and change (table 11618) beside the other members', and its residents."""
    own = Filters(codes=(code,), measure=filters.measure, years=filters.years, rolling=filters.rolling)
    view, jobs = _start(frame, own, region, source, "Kommune")
    if jobs.shown:
        share = jobs.change / jobs.region_change * 100 if jobs.region_change > 0 else float("nan")
        if code in region.members and not pd.isna(share):
            view.metrics.append(Metric("Andel av regionens vekst", fmt.percent(share, 0)))
        view.blocks.append(change_block(jobs, own, view.selection))
        members = snapshot_jobs(frame, region.members, region, filters)
        if members.shown:
            first, last = members.wide.loc[jobs.first], members.wide.loc[jobs.last]
            table = pd.DataFrame({"kommune": [regions.municipality_name(c) for c in members.wide.columns],
                                  "start": first.to_numpy(), "slutt": last.to_numpy(),
                                  "endring": (last - first).to_numpy()})
            view.tables.append((f"Kommunene i {region.name}, {jobs.span} ({jobs.table})", page_model.display_table(
                table, {"start": fmt.integer, "slutt": fmt.integer, "endring": fmt.signed},
                {"kommune": "Kommune", "start": str(jobs.first), "slutt": str(jobs.last), "endring": "Endring"})))
    view.blocks.append(residence_block(frame, own, region, notes.table_credit(notes.LIVE_TABLE)))
    view.texts += [RESIDENCE_TEXT, refresh_sentence("municipality", False, region)]
    return view
