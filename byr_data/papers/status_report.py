"""The status report to the regional council as an A4 PDF, for one reporting period.

Composed from the view models the pages draw, with nothing typed twice: the period's statuses and
changes (`status.reporting`: `summary_message`, `printout_tables`), the goal overview
(`programme.pages.overview`, `headline`, `counts_sentence`, `csv_header`), the projects
(`programme.pages.project_headline`) and the job figures (the `PageView`s of the job pages, their
charts as vector SVG). Every outside string goes through `markup`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from byr_data import chart_parts, fmt
from byr_data.page_model import LiveStatus, PageView
from byr_data.papers import charts, markup, typeset
from byr_data.programme import goals, pages as programme_pages
from byr_data.status import model as sm, period_view, reporting

CHART_PX = (900, 300)  # a chart across the A4 text width
TITLE = "Statusrapport til regionrådet"
NO_REPORTER = "ingen status er registrert i perioden"


@dataclass(frozen=True)
class StatusPaper:
    """What the status report shows: the period's statuses and the job figures."""

    region: str  # the region's name
    matrix: goals.GoalMatrix  # with the period's statuses (status.period_view.apply)
    portfolio: goals.Portfolio | None
    changes: reporting.PeriodChanges  # each item in the period against the previous one
    live: LiveStatus | None  # the jobs goal on today's SSB figures
    job_views: tuple[PageView, ...] = ()  # the job pages' views (headline, figures, charts)
    made: datetime | None = None  # when the document is made (shown on the title page)
    problems: tuple[str, ...] = field(default_factory=tuple)  # what could not be shown, in Norwegian


def paper_for(region: str, matrix: goals.GoalMatrix, portfolio: goals.Portfolio | None,
              history: Sequence[sm.Entry], period: str | None, live: LiveStatus | None,
              job_views: Sequence[PageView] = (), made: datetime | None = None,
              problems: Sequence[str] = ()) -> StatusPaper:
    """The report of `period` (None: the newest) from the final report's matrix and portfolio and the
    status history, as the pages show it: the period's statuses applied, the changes since the previous."""
    items = sm.report_items(matrix, portfolio)
    baseline = sm.baseline_entries(matrix, portfolio)
    shown_matrix, shown_portfolio = period_view.apply(period_view.build_view(items, baseline, history, period), matrix, portfolio)
    return StatusPaper(region, shown_matrix, shown_portfolio, reporting.period_changes(items, baseline, history, period),
                       live, tuple(job_views), made, tuple(problems))


def document_title(paper: StatusPaper) -> str:
    return f"{TITLE} – {reporting.period_name(paper.changes.period)}"


def reporters(changes: reporting.PeriodChanges) -> str:
    """Who recorded the period's statuses: the editors' names, or the final report's credit."""
    entries = [c.after for c in changes.recorded if c.after is not None]
    if changes.previous is None:  # the final report itself
        return "sluttrapporten (2018), med våre vurderinger ut fra den (merket)"
    names = sorted({entry.who for entry in entries if not entry.from_report})
    return ", ".join(names) if names else NO_REPORTER


def title_page(paper: StatusPaper, overview: programme_pages.Overview, ssb_sources: Sequence[str]) -> str:
    changes = paper.changes
    facts = [
        ("Region", paper.region),
        ("Periode", reporting.period_name(changes.period)),
        ("Sist registrert", f"{changes.date:%d.%m.%Y}" if changes.date else
         "sluttrapporten (2018)" if changes.previous is None else "ingen status registrert ennå"),
        ("Rapportert av", reporters(changes)),
        ("Laget", fmt.timestamp(paper.made) if paper.made else "ukjent tidspunkt"),
        ("Tallene fra SSB", " · ".join(ssb_sources) or "kan ikke vises"),
    ]
    rows = "\n".join(f"  [{markup.escape(label)}], [{markup.escape(value)}]," for label, value in facts)
    return "\n\n".join([
        "#v(2.5cm)",
        f"#text(size: 12pt, fill: {typeset.QUIET_COLOR})[Byregionprogrammet · {markup.escape(paper.region)}]",
        f"#heading(level: 1, outlined: false)[{markup.escape(TITLE)}]",
        f"#text(size: 18pt)[{markup.escape(reporting.period_name(changes.period))}]",
        "#v(0.8cm)",
        f"#text(size: 13pt, weight: \"bold\")[{markup.escape(reporting.summary_message(changes))}]",
        markup.escape(f"{programme_pages.headline(overview)} {programme_pages.basis_sentence(overview, marked=False)}"),
        "#v(1fr)",
        "#table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 4pt), column-gutter: 12pt,\n"
        f"  table.header([*Opplysning*], [*Verdi*]),\n{rows}\n)",
        "#pagebreak()",
    ])


def cell_text(cell: programme_pages.Cell) -> str:
    text = f"{cell.symbol} {cell.word}".strip()
    return f"{text} ({cell.mark})" if cell.mark else text


def goal_overview(paper: StatusPaper, overview: programme_pages.Overview) -> str:
    matrix = paper.matrix
    has_now = overview.now is not None
    header = ["Nr.", "Mål (kort navn, våre ord)", "Kriterienes status", *([programme_pages.NOW_CLOCK] if has_now else [])]
    rows = [[str(row.number), row.label, "; ".join(cell_text(c) for c in row.cells),
             *([cell_text(row.now) if row.now else ""] if has_now else [])] for row in overview.rows]
    credit, legend = programme_pages.csv_header(matrix, paper.live)
    parts = ["= Måloversikt", markup.escape(programme_pages.counts_sentence(overview, matrix)),
             markup.table(header, rows, "(auto, 2fr, 3fr, 1fr)" if has_now else "(auto, 2fr, 3fr)")]
    if has_now and overview.now_text:
        parts.append(markup.escape(overview.now_text))
    parts += [quiet(credit), quiet(legend), quiet(programme_pages.LABEL_NOTE)]
    return "\n\n".join(parts)


def quiet(text: str) -> str:
    return f"#text(size: 8.5pt, fill: {typeset.QUIET_COLOR})[{markup.escape(text)}]"


def item_table(table: pd.DataFrame) -> str:
    """A printout table (status.reporting.printout_tables) with the columns that say something."""
    shown = table[[c for c in table.columns if table[c].astype(str).str.strip().ne("").any()]]
    widths = {"Kriterium eller prosjekt": "2.2fr", "Status": "1.2fr", "Endring": "1.3fr", "Kommentar": "2fr",
              "Belegg": "2.2fr", "Registrert": "1.2fr", "Ansvarlig": "1.2fr"}
    columns = "(" + ", ".join(widths.get(c, "1fr") for c in shown.columns) + ")"
    return markup.table(list(shown.columns), shown.astype(str).values.tolist(), columns, size="8pt")


def goal_sections(paper: StatusPaper, tables: dict[str, pd.DataFrame]) -> str:
    # Landscape for the six-column tables: a word like «sluttrapporten» fits its column.
    parts = ["#set page(flipped: true)", "= Målene med kriterier, status og kilder"]
    for number, goal in enumerate(paper.matrix.goals, start=1):
        head = [f"== {number}. {markup.escape(goal.short_label or goal.title)}",
                f"Rapportens ordlyd: «{markup.escape(goal.title)}»"]
        if goal.comment:
            head.append(f"Kommentar i rapporten: «{markup.escape(goal.comment)}»")
        parts.append("#block(sticky: true)[\n" + "\n\n".join(head) + "\n]")  # on the page of its table
        table = tables.get(f"{number}. {goal.title}")
        if table is not None:
            parts.append(item_table(table))
    return "\n\n".join(parts)


def projects_section(paper: StatusPaper, tables: dict[str, pd.DataFrame]) -> str:
    portfolio = paper.portfolio
    if portfolio is None:
        return ""
    parts = [f"= {markup.escape(reporting.PROJECTS_GROUP)}",
             markup.escape(programme_pages.project_headline(portfolio, paper.matrix.status_words))]
    table = tables.get(reporting.PROJECTS_GROUP)
    if table is not None:
        responsible = {p.name: p.responsible for p in portfolio.projects}
        table = table.copy()
        table.insert(1, "Ansvarlig", table["Kriterium eller prosjekt"].map(responsible).fillna(""))
        parts.append(item_table(table))
    parts.append(quiet(f"Kilde: {portfolio.source} ({portfolio.status_year})"
                       + (f"; status per {portfolio.period} fra den halvårlige statusrapporteringen"
                          if portfolio.period else "")))
    return "\n\n".join(parts)


def job_section(views: Sequence[PageView], images: dict[str, str]) -> str:
    """The job figures: each view's headline, figures, texts and charts (each chart once)."""
    parts = ["#set page(flipped: false)", "= Arbeidsplassene"]
    seen: set[str] = set()
    headlines: set[str] = set()
    for view in views:
        if view.title in headlines:  # a second page with the same verdict: only its other charts
            view = PageView(view.title, view.selection, view.source, blocks=view.blocks)
        else:
            headlines.add(view.title)
            parts.append(f"== {markup.escape(view.title)}")
        if view.context:
            parts.append(quiet(view.context))
        if view.missing:
            parts.append(markup.escape(view.missing))
        if view.metrics:
            rows = [[m.label, m.value, m.delta or ""] for m in view.metrics]
            parts.append(markup.table(["Tall", "Verdi", "Endring"], rows, "(2fr, 1fr, 2fr)"))
        parts.append(markup.paragraphs(view.texts))
        for block in view.blocks:
            if block.name in seen:
                continue
            seen.add(block.name)
            name = f"chart-{len(images) + 1}"
            images[name] = charts.svg(block.spec, *CHART_PX)
            alt = f"Diagram: {block.title}. Tallene står i tabellen på nettsiden og i CSV-nedlastingen."
            parts.append("#block(breakable: false)[" + "\n\n".join([  # the finding, chart and source together
                f"#strong[{markup.escape(block.title)}]", typeset.image(name, alt, "width: 100%"),
                quiet(chart_parts.source_of(block.chart) or view.source)]) + "]")
        if not view.blocks and view.source:
            parts.append(quiet(view.source))
    return "\n\n".join(part for part in parts if part)


def sources_section(paper: StatusPaper, ssb_sources: Sequence[str]) -> str:
    lines = [f"{paper.matrix.source} ({paper.matrix.status_year}): målmatrisen, prosjektene og statusene ved "
             "prosjektslutt; det rapporten ikke sier selv, er merket som vår vurdering."]
    if paper.changes.previous is not None:
        lines.append("Sekretariatets halvårlige statusrapporter (statusdatabasen): statusene per periode, med "
                     "dato og hvem som registrerte dem.")
    lines += list(ssb_sources)
    lines += [f"Kan ikke vises: {problem}" for problem in paper.problems]
    return "\n\n".join(["= Kilder", markup.bullets(lines)])


def source(paper: StatusPaper) -> tuple[str, dict[str, str]]:
    """The Typst source of the report and its chart SVGs (input name -> SVG)."""
    overview = programme_pages.overview(paper.matrix, paper.live)
    groups = reporting.groups(paper.matrix, paper.portfolio)
    tables = dict(reporting.printout_tables(groups, paper.changes))
    ssb_sources = list(dict.fromkeys(source for view in paper.job_views for source in
                                     (view.source, *(chart_parts.source_of(block.chart) for block in view.blocks))
                                     if source))
    images: dict[str, str] = {}
    footer_title = markup.escape(f"{document_title(paper)} · {paper.region}")
    head = "\n".join([
        typeset.preamble(document_title(paper), paper.region, "a4", "(x: 2cm, top: 2cm, bottom: 2.2cm)", "10pt"),
        f"#set page(footer: context text(size: 8pt, fill: {typeset.QUIET_COLOR})[{footer_title} #h(1fr) "
        "Side #counter(page).display() av #counter(page).final().first()])",
        '#show heading.where(level: 1): set text(size: 18pt)',
        '#show heading.where(level: 2): set text(size: 13pt)',
    ])
    body = [title_page(paper, overview, ssb_sources), goal_overview(paper, overview), goal_sections(paper, tables),
            projects_section(paper, tables), job_section(paper.job_views, images) if paper.job_views else "",
            sources_section(paper, ssb_sources)]
    return head + "\n\n" + "\n\n".join(part for part in body if part) + "\n", images


def pdf(paper: StatusPaper) -> bytes:
    """The status report as a PDF (A4, tagged, Norwegian bokmål)."""
    text, images = source(paper)
    return typeset.pdf(text, images, paper.made)
