"""The programme pages as HTML: the goal matrix overview, the project table and a printable page.

Real tables (caption, column and row headers) that keyboards and screen readers can read; every
status has its colour AND its word (and a symbol), an assessment its mark. Every string from the data
files is HTML-escaped here, so a page may hand the result to `st.html`.
"""

from __future__ import annotations

import html

from byr_data import page_model
from byr_data.programme import goals, sources
from byr_data.programme.goals import NOT_STATED
from byr_data.programme.pages import (
    ASSESSED_MARK,
    LABEL_NOTE,
    NOW_CLOCK,
    PROJECT_GOALS,
    Cell,
    Overview,
    basis_sentence,
    basis_words,
    cell,
    counts_sentence,
    headline,
    now_sentence,
    overview,
)

# -- styles -----------------------------------
# Light tints with dark text of the same hue: contrast ≥ 7:1, and the word is always written out.
CHIP_COLOURS = {
    "green": ("#e3f1e6", "#1b5e20", "#2e7d32"),
    "orange": ("#fdebd3", "#7a3e00", "#c96a00"),
    "yellow": ("#fff6cc", "#5c4a00", "#b59400"),
    "blue": ("#e3edfb", "#0d47a1", "#1565c0"),
    "red": ("#fbe3e3", "#8e1b1b", "#c62828"),
    "violet": ("#efe5fa", "#4a2582", "#6a3fb0"),
    "gray": ("#ececec", "#3d3d3d", "#757575"),
    "grey": ("#ececec", "#3d3d3d", "#757575"),
    "primary": ("#e3edfb", "#1f4e79", "#1f4e79"),
}

TABLE_STYLE = """<style>
.byr-wrap {overflow-x: auto; max-width: 100%;}
.byr-table {border-collapse: collapse; width: 100%; max-width: 72rem; font-size: 0.86rem; line-height: 1.25;}
.byr-table caption {text-align: left; font-weight: 600; padding: 0 0 0.3rem 0; caption-side: top;}
.byr-table th, .byr-table td {border-bottom: 1px solid #d0d4da; padding: 0.22rem 0.35rem; text-align: left;
  vertical-align: middle;}
.byr-table thead th {font-weight: 600; font-size: 0.8rem; color: #31333f; border-bottom: 2px solid #8a8f98;
  white-space: nowrap;}
.byr-table tbody th {font-weight: 600;}
.byr-table .byr-num {display: inline-block; min-width: 1.4em; color: #4a4f57; font-weight: 400;}
.byr-table .byr-now {border-left: 2px solid #8a8f98;}
.byr-owner-inline {display: none;}
.byr-chip {display: inline-block; border: 1px solid; border-radius: 0.6rem; padding: 0.05rem 0.45rem;
  white-space: nowrap; font-size: 0.8rem; -webkit-print-color-adjust: exact; print-color-adjust: exact;}
.byr-chip.byr-assessed {border-style: dashed;}
.byr-new {font-size: 0.75em; font-weight: 700; margin-left: 0.2rem;}
.byr-sr {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;}
.byr-notes {margin: 0.35rem 0 0 0;}
.byr-notes p {margin: 0.1rem 0; font-size: 0.82rem; line-height: 1.35; color: #31333f;}
@media (max-width: 640px) {
  .byr-table {font-size: 0.76rem;}
  .byr-table th, .byr-table td {padding: 0.18rem 0.2rem;}
  .byr-chip {white-space: normal; font-size: 0.72rem; padding: 0.05rem 0.3rem;}
  .byr-chip .byr-symbol {display: none;}
  .byr-table thead th {white-space: normal;}
  .byr-table td {overflow-wrap: anywhere;}
  .byr-projects .byr-owner {display: none;}
  .byr-projects .byr-owner-inline {display: block; font-weight: 400;}
  .byr-projects td {overflow-wrap: break-word;}  /* three columns: whole words fit */
  .byr-table tbody th {hyphens: auto;}
}
@media (max-width: 420px) {
  .byr-table {font-size: 0.7rem;}
  .byr-chip {font-size: 0.68rem; padding: 0.05rem 0.2rem; border-radius: 0.4rem;}
  .byr-table .byr-num {min-width: 0; margin-right: 0.1em;}
}
@media print {
  header[data-testid="stHeader"], section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stDownloadButton"], [data-testid="stSelectbox"], [data-testid="stExpander"] {display: none !important;}
  .byr-wrap {overflow: visible;}
}
</style>"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def chip_html(item: Cell) -> str:
    background, colour, border = CHIP_COLOURS.get(item.colour, CHIP_COLOURS["gray"])
    mark = (f'<span aria-hidden="true">{ASSESSED_MARK}</span><span class="byr-sr">, {_e(item.mark)}</span>'
            if item.assessed else "")
    css = "byr-chip byr-assessed" if item.assessed else "byr-chip"
    symbol = f'<span class="byr-symbol" aria-hidden="true">{_e(item.symbol)} </span>' if item.symbol else ""
    new = '<span class="byr-new">ny</span>' if item.new else ""  # recorded in the period shown
    return (f'<span class="{css}" style="background:{background};color:{colour};border-color:{border}" '
            f'title="{_e(item.text)}">{symbol}{_e(item.word)}{mark}</span>{new}')


def overview_html(view: Overview, matrix: goals.GoalMatrix) -> str:
    """The overview as a real table (caption, column and row headers) with the counts below it."""
    now_head = f'<th rowspan="2" scope="col" class="byr-now">{_e(NOW_CLOCK)}</th>' if view.now else ""
    numbers = "".join(f'<th scope="col"><span class="byr-sr">Kriterium </span>{n}</th>'
                      for n in range(1, view.columns + 1))
    head = (f'<thead><tr><th rowspan="2" scope="col">Mål</th>'
            f'<th colspan="{view.columns}" scope="colgroup">{_e(view.report_clock)}, kriterium nr.</th>'
            f"{now_head}</tr><tr>{numbers}</tr></thead>")
    body = []
    for row in view.rows:
        cells = [f"<td>{chip_html(c)}</td>" for c in row.cells] + ["<td></td>"] * (view.columns - len(row.cells))
        if view.now:
            cells.append(f'<td class="byr-now">{chip_html(row.now) if row.now else ""}</td>')
        body.append(f'<tr><th scope="row" title="{_e(row.title)}"><span class="byr-num">{row.number}.</span> '
                    f'{_e(row.label)}</th>{"".join(cells)}</tr>')
    caption = f"Målmatrisen: {len(view.rows)} mål, {view.total} kriterier"
    assessed = ("vurdert (av oss ut fra sluttrapportens ord, eller av sekretariatet i en senere periode); uten "
                f"{ASSESSED_MARK} = står i en rapport; «ny» = ny status i {view.period}, de andre er uendret fra en "
                "tidligere periode (se detaljene)" if view.period else
                f"vår vurdering ut fra rapportens ord; uten {ASSESSED_MARK} = står i rapporten")
    notes = [counts_sentence(view, matrix), now_sentence(view),
             f"{ASSESSED_MARK} og stiplet kant = {assessed}. {LABEL_NOTE}"]
    return (f'{TABLE_STYLE}<div class="byr-wrap"><table class="byr-table byr-overview" lang="nb"><caption>{_e(caption)}'
            f'</caption>{head}<tbody>{"".join(body)}</tbody></table></div>'
            f'<div class="byr-notes">{"".join(f"<p>{_e(n)}</p>" for n in notes if n)}</div>')


def _judgement_rows(matrix: goals.GoalMatrix, goal: goals.Goal) -> str:
    rows = []
    for criterion in goal.criteria:
        for text, judgement in [(criterion.text, criterion)] + [(f"Delspørsmål (våre ord): {p.text}", p)
                                                                 for p in criterion.parts]:
            quotes = "<br>".join(_e(q) if judgement.period else f"«{_e(q)}»" for q in judgement.evidence)
            note = sources.labelled_note(judgement.note or "", not judgement.period)
            rows.append(f"<tr><td>{_e(text)}</td><td>{chip_html(cell(matrix, judgement, text))}</td>"
                        f"<td>{_e(basis_words(judgement))}</td><td>{quotes}</td><td>{_e(note)}</td></tr>")
    return "".join(rows)


PRINT_STYLE = """<style>
body {font-family: "Source Sans Pro", Arial, sans-serif; color: #1a1a1a; margin: 1.5cm; font-size: 11pt;}
h1 {font-size: 18pt; margin: 0 0 0.3rem 0;} h2 {font-size: 13pt; margin: 1.2rem 0 0.2rem 0; break-after: avoid;}
.byr-goal {break-inside: avoid;} .byr-table {font-size: 9.5pt;} .byr-table td {vertical-align: top;}
p {margin: 0.25rem 0;} .byr-source {font-size: 9pt; color: #444; margin-top: 1rem;}
@page {size: A4; margin: 1.5cm;}
</style>"""


def print_html(matrix: goals.GoalMatrix, live: page_model.LiveStatus | None, made: str) -> str:
    """The goal matrix as a standalone page for the council's papers: the overview, then every goal."""
    view = overview(matrix, live)
    parts = [f"<h1>Målmatrise – {_e(matrix.source)}</h1>", f"<p><strong>{_e(headline(view))}</strong> "
             f"{_e(basis_sentence(view))}</p>", overview_html(view, matrix)]
    if view.now is not None:
        parts.append(f"<p>{_e(NOW_CLOCK)}: {_e(view.now_text)}</p>")
    for row, goal in zip(view.rows, matrix.goals):
        details = [f'<section class="byr-goal"><h2>{row.number}. {_e(goal.short_label)}</h2>',
                   f"<p>Rapportens ordlyd: «{_e(goal.title)}»</p>",
                   '<table class="byr-table"><thead><tr><th scope="col">Kriterium</th><th scope="col">'
                   f'{_e(view.report_clock)}</th><th scope="col">Grunnlag</th><th scope="col">Belegg</th>'
                   f'<th scope="col">Merknad</th></tr></thead><tbody>{_judgement_rows(matrix, goal)}</tbody></table>']
        if goal.comment:
            details.append(f"<p>Kommentar i rapporten: «{_e(' '.join(goal.comment.split()))}»</p>")
        if goal.deliverables:
            details.append("<p>Leveranser i fase 2:</p><ul>" + "".join(f"<li>{_e(d)}</li>" for d in goal.deliverables)
                           + "</ul>")
        parts.append("".join(details) + "</section>")
    period = f" Status per {matrix.period} fra den halvårlige statusrapporteringen." if matrix.period else ""
    parts.append(f'<p class="byr-source">Kilde: {_e(matrix.source)} ({matrix.status_year}).{_e(period)} Laget {_e(made)}.</p>')
    return (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Målmatrise – '
            f'{_e(matrix.source)}</title>{PRINT_STYLE}</head><body>{"".join(parts)}</body></html>')



def project_table_html(portfolio: goals.Portfolio, matrix: goals.GoalMatrix) -> str:
    """The portfolio as a compact real table: project, owner, status word, the goals it serves (our reading)."""
    labels = {goal.id: goal.short_label for goal in matrix.goals}
    rows = []
    for number, project in enumerate(portfolio.projects, start=1):
        served = ", ".join(labels.get(goal_id, goal_id) for goal_id in project.serves) or "–"
        # On a phone the owner moves under the project's name (its own column is hidden): four columns
        # in 390 px broke the goals' names mid-word.
        rows.append(f'<tr><th scope="row"><span class="byr-num">{number}.</span> {_e(project.name)} '
                    f'<span class="byr-owner-inline">Ansvarlig: {_e(project.responsible)}</span></th>'
                    f'<td class="byr-owner">{_e(project.responsible)}</td>'
                    f"<td>{chip_html(cell(matrix, project, project.name))}</td><td>{_e(served)}</td></tr>")
    head = ('<thead><tr><th scope="col">Prosjekt</th><th scope="col" class="byr-owner">Ansvarlig</th>'
            f'<th scope="col">{_e(f"Status per {portfolio.period}" if portfolio.period else f"Status ({portfolio.status_year})")}</th><th scope="col">{_e(PROJECT_GOALS)}</th></tr></thead>')
    caption = f"Prosjektene i fase 3 ({len(portfolio.projects)})"
    note = (f"{ASSESSED_MARK} og stiplet kant = vår vurdering. Rapporten sier bare: "
            f"«{' '.join(portfolio.project_status_quote.split())}». «{NOT_STATED}» = rapporten sier ikke noe om "
            "prosjektet. Koblingen til målene er vår lesning; rapporten knytter ikke prosjektene til målene. "
            "Målene har korte navn med våre ord.")
    return (f'{TABLE_STYLE}<div class="byr-wrap"><table class="byr-table byr-projects" lang="nb"><caption>{_e(caption)}</caption>'
            f'{head}<tbody>{"".join(rows)}</tbody></table></div><div class="byr-notes"><p>{_e(note)}</p></div>')


