"""What the programme pages (Målmatrise, Prosjekter) show, from the report's data: pure.

Two clocks are never mixed: every status of the goal matrix is as of the project's end (2018), stated
by the report or assessed by us from its words, or from a later half-yearly report by the secretariat;
only the jobs goal also has a «Status nå (fra SSB)», computed from today's figures and always shown and
counted apart. Whose each status is comes from one rule, in `programme.sources`.

Every function takes the matrix (`goals.GoalMatrix`) it should show as a plain argument, so a matrix
for another reporting period can be passed in the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from byr_data import fmt
from byr_data.page_model import LiveStatus
from byr_data.programme import goals, sources
from byr_data.programme.goals import NOT_STATED

REPORT_CLOCK = "Status ved prosjektslutt"  # + « (2018)»: stated by the report or read by us, marked apart
PERIOD_CLOCK = "Status per"  # + « 2026 H2»: a later reporting period (status.period_view.apply)
NOW_CLOCK = "Status nå (fra SSB)"
NOW_MISSING = "mangler tall"  # the jobs goal's «now» when the SSB series is not there
NOW_WORDS = ("nådd", "ikke nådd")  # what jobs.goal_status may judge from the figures
ASSESSED_MARK = "*"
LABEL_NOTE = "Korte navn på målene er våre; rapportens ordlyd står i detaljene."
PROJECT_GOALS = "Mål prosjektet støtter (vår lesning)"


# -- the overview: one row a goal, one cell a criterion ------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """One status as the overview shows it: colour and symbol from the vocabulary, always with the word."""

    word: str
    colour: str
    symbol: str
    basis: str  # «står i rapporten», «vurdert», «ikke angitt» (or the SSB source for «now»)
    text: str  # what the status is about (the criterion's text)
    new: bool = False  # recorded in the later reporting period shown (not carried from an earlier one)
    mark: str = ""  # whose assessment it is («vår vurdering», «vurdert av sekretariatet»); "" when stated

    @property
    def assessed(self) -> bool:
        return self.basis == goals.ASSESSED


@dataclass(frozen=True)
class Row:
    number: int
    goal_id: str
    label: str  # our short wording
    title: str  # the report's wording
    cells: tuple[Cell, ...]
    now: Cell | None  # only for a goal linked to live figures


def clock(period: str, status_year: int) -> str:
    """«Status i sluttrapporten (2018)», or «Status per 2026 H2» for a later reporting period."""
    return f"{PERIOD_CLOCK} {period}" if period else f"{REPORT_CLOCK} ({status_year})"


@dataclass(frozen=True)
class Overview:
    status_year: int
    rows: tuple[Row, ...]
    columns: int  # the most criteria a goal has
    counts: dict[str, int]  # criteria per status word (the report's clock), every word in order
    bases: dict[str, int]  # criteria per basis: «står i rapporten», «vurdert», «ikke angitt»
    now: Cell | None  # the jobs goal's status now (the SSB clock)
    now_text: str  # the sentence behind it
    period: str = ""  # a later reporting period, "" for the final report
    period_note: str = ""
    stated: dict[str, int] = field(default_factory=dict)  # criteria per status word the report states itself
    origins: dict[str, int] = field(default_factory=dict)  # criteria per source: see ORIGINS

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def report_clock(self) -> str:
        return clock(self.period, self.status_year)


ORIGINS = ("secretariat", "report", "reading")  # a later period's report; the report's words; our reading


def origin(judgement: goals.Judgement) -> str:
    """Whose a status is (programme.sources): the secretariat's, the report's own, or our reading."""
    if judgement.period:
        return "secretariat"
    return "report" if judgement.basis == goals.STATED else "reading"


def basis_words(judgement: goals.Judgement) -> str:
    """A status's «Grunnlag» in words, for tables and downloads."""
    if judgement.period:
        return sources.SECRETARIAT[judgement.status_basis]
    if judgement.basis == NOT_STATED:
        return f"{NOT_STATED} (rapporten sier ingenting; vår merknad)"
    return sources.STATED if judgement.basis == goals.STATED else sources.OUR_READING


def cell(matrix: goals.GoalMatrix, judgement: goals.Judgement, text: str) -> Cell:
    new = bool(matrix.period) and judgement.period == matrix.period
    if matrix.period and not new:  # carried from an earlier period: say which
        text += f" (status fra {judgement.period or f'sluttrapporten {matrix.status_year}'})"
    word = matrix.status(judgement.status)
    mark = sources.mark(judgement.status_basis, not judgement.period, judgement.status) or ""
    if word is None:  # not from this vocabulary (cannot come from the loader): shown, in grey
        return Cell(judgement.status, "gray", "", judgement.basis, text, new, mark)
    return Cell(word.word, word.color, word.symbol or "", judgement.basis, text, new, mark)


def now_cell(matrix: goals.GoalMatrix, live: LiveStatus | None) -> Cell:
    """The jobs goal judged on today's SSB figures; «mangler tall» when they are not there."""
    word = matrix.status(live.word) if live is not None and live.word in NOW_WORDS else None
    if word is None:
        return Cell(NOW_MISSING, "gray", "–", live.source if live else "", "Arbeidsplassmålet")
    return Cell(word.word, word.color, word.symbol or "", live.source, "Arbeidsplassmålet")


def overview(matrix: goals.GoalMatrix, live: LiveStatus | None) -> Overview:
    """Every goal as a row with its criteria's statuses, the counts of each clock kept apart."""
    now = now_cell(matrix, live)
    rows = tuple(
        Row(number, goal.id, goal.short_label, goal.title,
            tuple(cell(matrix, c, c.text) for c in goal.criteria),
            now if goal.linked_metric == "jobs_target" else None)
        for number, goal in enumerate(matrix.goals, start=1)
    )
    criteria = goals.all_criteria(matrix.goals)
    bases = Counter(c.basis for c in criteria if not c.period)
    origins = Counter(origin(c) for c in criteria)
    has_now = any(row.now for row in rows)
    return Overview(
        status_year=matrix.status_year,
        rows=rows,
        columns=max(len(row.cells) for row in rows),
        counts=goals.status_counts(matrix.goals, matrix.vocabulary),
        bases={basis: bases.get(basis, 0) for basis in goals.BASES},
        now=now if has_now else None,
        now_text=(live.text if live else "") if has_now else "",
        period=matrix.period,
        period_note=matrix.period_note,
        stated=dict(Counter(c.status for c in criteria if origin(c) == "report")),
        origins={name: origins.get(name, 0) for name in ORIGINS},
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


HEADLINE_WORDS = ("nådd", "delvis nådd")


def headline(view: Overview) -> str:
    """The page's finding in one line (plain text; the report's clock only). A count that mixes sources
    says so in the same sentence: the report is credited only with what it says itself."""
    if view.period:
        origins = view.origins
        return (f"Per {view.period} er {view.counts.get('nådd', 0)} av {view.total} kriterier nådd og "
                f"{view.counts.get('delvis nådd', 0)} delvis nådd: {origins['secretariat']} av statusene er fra "
                f"sekretariatets statusrapporter, {origins['report']} står i sluttrapporten og "
                f"{origins['reading']} er vår vurdering ut fra den.")
    return sources.mixed_count(view.stated, view.counts, HEADLINE_WORDS, view.total)


def basis_sentence(view: Overview, marked: bool = True) -> str:
    """How many statuses the report states and how many are our assessments (and how they are marked)."""
    if view.period:
        return view.period_note
    bases = view.bases
    mark = f" (merket {ASSESSED_MARK})" if marked else ""
    return (f"{_plural(bases[goals.STATED], 'status står', 'statuser står')} i rapporten, "
            f"{bases[goals.ASSESSED]} er våre vurderinger{mark}, og for {bases[NOT_STATED]} sier den ingenting "
            f"(«{NOT_STATED}»).")


def count_items(view: Overview, matrix: goals.GoalMatrix) -> list[str]:
    """«✓ nådd 9 (2 står i rapporten)»: each status word's count, with what the report states itself."""
    items = []
    for word, count in view.counts.items():
        if not count:
            continue
        said = view.stated.get(word, 0)
        items.append(f"{matrix.status(word).symbol or ''} {word} {count}".strip()
                     + (f" ({said} står i rapporten)" if said and said != count else
                        " (står i rapporten)" if said else ""))
    return items


def counts_sentence(view: Overview, matrix: goals.GoalMatrix) -> str:
    """Under the matrix: each word's count (which of them the report states itself, the headline says)."""
    parts = [f"{matrix.status(word).symbol or ''} {word} {count}".strip()
             for word, count in view.counts.items() if count]
    return f"{view.report_clock}, kriterier: " + " · ".join(parts) + f" · i alt {view.total}."


def now_sentence(view: Overview) -> str:
    if view.now is None:
        return ""
    return f"{NOW_CLOCK}, arbeidsplassmålet: {view.now.word}."


def overview_frame(matrix: goals.GoalMatrix, live: LiveStatus | None) -> pd.DataFrame:
    """The overview for the CSV: one row a criterion (and a criterion's parts), every word spelt out."""
    now = now_cell(matrix, live)
    rows = []
    for number, goal in enumerate(matrix.goals, start=1):
        for criterion in goal.criteria:
            judged = [(criterion.text, criterion)]
            judged += [(f"{criterion.text} – delspørsmål (våre ord): {part.text}", part) for part in criterion.parts]
            for text, judgement in judged:
                rows.append({
                    "Nr.": number,
                    "Mål (kort navn, våre ord)": goal.short_label,
                    "Mål (rapportens ord)": goal.title,
                    "Kriterium": text,
                    clock(matrix.period, matrix.status_year): judgement.status,
                    **({"Status fra periode": judgement.period or f"sluttrapporten ({matrix.status_year})"}
                       if matrix.period else {}),
                    "Grunnlag": basis_words(judgement),
                    "Belegg (rapportens ord i «»)": " | ".join(q if judgement.period else f"«{q}»"
                                                              for q in judgement.evidence),
                    "Merknad": sources.labelled_note(judgement.note or "", not judgement.period),
                    NOW_CLOCK: now.word if goal.linked_metric == "jobs_target" else "",
                })
    return pd.DataFrame(rows)


def csv_header(matrix: goals.GoalMatrix, live: LiveStatus | None) -> tuple[str, str]:
    """The two comment lines a CSV download starts with: the sources, and what «Grunnlag» means."""
    credit = f"Kilde: {matrix.source} ({matrix.status_year}) og vår vurdering ut fra den"
    if matrix.period:
        credit += f"; status per {matrix.period} fra den halvårlige statusrapporteringen"
    if live is not None and live.source:
        credit += f"; {NOW_CLOCK.lower()}: {live.source}"
    return credit, (f"Grunnlag: «{sources.STATED}» = rapportens eget svar; «{sources.OUR_READING}» = vår "
                    f"vurdering ut fra rapportens ord; «{NOT_STATED}» = rapporten sier ingenting; "
                    f"«{sources.SECRETARIAT['stated']}» / «{sources.SECRETARIAT['assessed']}» = sekretariatets "
                    "halvårlige statusrapport")


# -- the detail of one goal (Markdown, escaped) --------------------------------------------------------
@dataclass(frozen=True)
class GoalDetail:
    heading: str
    title_line: str
    criteria: str  # the report's clock: every criterion with status, basis, quotes and notes
    report_text: str  # comment, phase-2 deliverables, projects we read as serving the goal
    now: str | None  # the SSB clock, for the jobs goal only
    now_source: str | None


def badge(matrix: goals.GoalMatrix, word: str) -> str:
    """A status as a coloured Streamlit badge with its word (Markdown)."""
    status = matrix.status(word)
    if status is None:
        return f":gray-badge[{fmt.escape_markdown(word)}]"
    return f":{status.color}-badge[{status.icon or ''} {status.word}]"


def _quotes(quotes: Sequence[str]) -> str:
    return " · ".join(f"«{fmt.escape_markdown(q)}»" for q in quotes)


def basis_markdown(judgement: goals.Judgement, period: str = "") -> str:
    """What a status rests on, in words; an assessment is labelled as one. `period`: the reporting
    period shown, when later than the final report (a status from an earlier period says so)."""
    lines = []
    if period and judgement.period != period:
        lines.append(f"*Uendret siden {judgement.period or 'sluttrapporten (2018)'}.*")
    if judgement.period:
        basis = "Vurdert av sekretariatet" if judgement.assessed else "Oppgitt i rapport"
        lines.append(f"{basis} ({judgement.period})" + (f": {_quotes(judgement.evidence)}" if judgement.evidence else "."))
    elif judgement.basis == NOT_STATED:
        lines.append("Rapporten sier ikke noe om dette." + (f" Det nærmeste den sier: {_quotes(judgement.evidence)}"
                                                            if judgement.evidence else ""))
    elif judgement.assessed:
        lines.append(f":gray-badge[vurdert] Vår vurdering, bygger på rapportens ord: {_quotes(judgement.evidence)}")
    else:
        lines.append(f"Står i rapporten: {_quotes(judgement.evidence)}")
    if judgement.note:
        lines.append(f"Merknad: {fmt.escape_markdown(judgement.note)}")
    return "  \n".join(lines)


def goal_detail(matrix: goals.GoalMatrix, goal_id: str, live: LiveStatus | None,
                portfolio: goals.Portfolio | None = None) -> GoalDetail:
    number, goal = next((n, g) for n, g in enumerate(matrix.goals, start=1) if g.id == goal_id)
    blocks = [f"##### {clock(matrix.period, matrix.status_year)}: kriteriene"
              + (" ved prosjektslutt" if matrix.period else "")]
    for criterion in goal.criteria:
        blocks.append(f"{badge(matrix, criterion.status)} **{fmt.escape_markdown(criterion.text)}**  \n"
                      f"{basis_markdown(criterion, matrix.period)}")
        for part in criterion.parts:
            blocks.append(f"↳ Delspørsmål (våre ord): {badge(matrix, part.status)} "
                          f"**{fmt.escape_markdown(part.text)}**  \n{basis_markdown(part)}")
    text = ["##### Kommentar i rapporten",
            fmt.escape_markdown(goal.comment) if goal.comment else "*Rapporten har ingen kommentar til dette målet.*"]
    if goal.deliverables:
        text.append("##### Leveranser i fase 2")
        if goal.deliverables_title and goal.deliverables_title != goal.title:
            text.append(f"*Målet heter i leveransetabellen: «{fmt.escape_markdown(goal.deliverables_title)}»*")
        text.append("\n".join(f"- {fmt.escape_markdown(d)}" for d in goal.deliverables))
    serving = [p for p in (portfolio.projects if portfolio else ()) if goal.id in p.serves]
    if serving:
        text.append("##### Prosjekter i fase 3 som støtter målet (vår lesning)")
        text.append("\n".join(f"- {fmt.escape_markdown(p.name)} ({fmt.escape_markdown(p.responsible)})"
                              for p in serving))
    now = now_source = None
    if goal.linked_metric == "jobs_target":
        current = now_cell(matrix, live)
        now = (f"##### {NOW_CLOCK}\n\n{badge(matrix, current.word) if current.word in NOW_WORDS else ':gray-badge[– mangler tall]'} "
               f"{fmt.escape_markdown(live.text) if live else ''}")
        now_source = fmt.escape_markdown(live.source) if live and live.source else None
    return GoalDetail(
        heading=f"{number}. {fmt.escape_markdown(goal.short_label)}",
        title_line=f"Kort navn med våre ord. Rapportens ordlyd: «{fmt.escape_markdown(goal.title)}»",
        criteria="\n\n".join(blocks),
        report_text="\n\n".join(text),
        now=now,
        now_source=now_source,
    )


# -- projects ------------------------------------------------------------------------------------------
def project_headline(portfolio: goals.Portfolio, vocabulary: Sequence[str] = ()) -> str:
    counts = Counter(p.status for p in portfolio.projects)
    order = {word: n for n, word in enumerate(vocabulary)}
    judged = ", ".join(f"{counts[word]} {word}" for word in sorted(counts, key=lambda w: order.get(w, len(order))))
    if portfolio.period:
        return f"{len(portfolio.projects)} prosjekter i fase 3. Status per {portfolio.period}: {judged}."
    return (f"{len(portfolio.projects)} prosjekter i fase 3, hvert med egen ansvarlig. Rapporten gir ingen status "
            f"per prosjekt; vår vurdering: {judged}.")


def project_basis_markdown(portfolio: goals.Portfolio, matrix: goals.GoalMatrix) -> str:
    """Each project's status with what it rests on (for an expander under the table)."""
    text = "\n\n".join(f"{badge(matrix, p.status)} **{fmt.escape_markdown(p.name)}**  \n"
                       f"{basis_markdown(p, portfolio.period)}" for p in portfolio.projects)
    return f"{fmt.escape_markdown(portfolio.period_note)}\n\n{text}" if portfolio.period else text


def coordination_markdown(portfolio: goals.Portfolio) -> tuple[str, str]:
    """The heading and text on HKP's coordinating role, the abbreviation written out."""
    coordination = portfolio.coordination
    heading = f"{coordination.actor_name} ({coordination.actor}) koordinerer"
    text = "\n\n".join([
        f"«{fmt.escape_markdown(coordination.actor_quote)}»",
        f"{fmt.escape_markdown(coordination.title)}: "
        + ", ".join(fmt.escape_markdown(role) for role in coordination.roles).lower() + ".",
        f"«{fmt.escape_markdown(coordination.description)}»",
    ])
    return fmt.escape_markdown(heading), text


# -- «Data og kilder»: our notes on the source text --------------------------------------------------------
def source_notes(matrix: goals.GoalMatrix | None, portfolio: goals.Portfolio | None) -> list[str]:
    """Editorial notes about the report's text version (plain text), for «Data og kilder»."""
    notes = []
    if matrix is not None:
        notes.append(f"Målmatrisen: {matrix.status_note}")
        notes += [f"Mål «{goal.short_label}»: {goal.source_note}" for goal in matrix.goals if goal.source_note]
    if portfolio is not None:
        notes += [f"Prosjekt «{p.name}»: {p.source_note}" for p in portfolio.projects if p.source_note]
        if portfolio.coordination.source_note:
            notes.append(f"Prosjektmatrisen: {portfolio.coordination.source_note}")
    return [" ".join(note.split()) for note in notes]
