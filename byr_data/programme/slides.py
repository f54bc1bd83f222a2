"""The programme's slides for the council: why the programme, where its goals stand (the report's
clock, the jobs goal's «now» apart), what the report says it gave, and the projects (pure)."""

from __future__ import annotations

from byr_data import final_report
from byr_data.page_model import LiveStatus, Slide
from byr_data.programme import goals, sources
from byr_data.programme.pages import HEADLINE_WORDS, basis_sentence, count_items, now_sentence, overview
from byr_data.programme.story import place, projection_message

RESULTS_PER_SLIDE = 5  # the report's nine results on two slides, so each fits 1280×720


def programme_slides(matrix: goals.GoalMatrix | None, portfolio: goals.Portfolio | None,
                     live: LiveStatus | None, story: final_report.ReportStory | None = None) -> list[Slide]:
    """Why the programme, where its goals stand (the report's clock, the jobs goal's «now» apart), what the
    report says it gave, and the projects. `story` None: the shipped data/report_story.toml."""
    slides: list[Slide] = []
    if story is None:
        try:
            story = final_report.load_report_story()
        except final_report.ReportStoryError as exc:
            slides.append(Slide("Kan ikke vises", str(exc)))
    if story is not None:
        projection = story.projection
        slides.append(Slide(
            "Hvorfor Byregionprogrammet?", projection_message(story),
            f"«{projection.quote}» {place(story, projection.place)}; analysen ble gjort av {projection.analyst}.",
            source=f"Kilde: {story.source}"))
    if matrix is not None:
        view = overview(matrix, live)
        reached = " og ".join(f"{view.counts.get(word, 0)} {word}" for word in HEADLINE_WORDS)
        if view.period:  # a later period: the count mixes the secretariat's statuses with the report's
            message = f"{view.counts.get('nådd', 0)} av {view.total} kriterier nådd per {view.period}"
            detail = f"{reached}. {basis_sentence(view, marked=False)}"
        else:  # the large number is only what the report says itself
            said = view.stated.get(HEADLINE_WORDS[0], 0)
            message = f"Rapporten sier selv: {said} av {view.total} kriterier {HEADLINE_WORDS[0]}"
            detail = f"Etter vår lesning av rapporten: {reached}. {basis_sentence(view, marked=False)}"
        if view.now is not None:
            detail += f" {now_sentence(view)}"
        slides.append(Slide(
            f"Målmatrisen: {view.report_clock[0].lower()}{view.report_clock[1:]}", message, detail,
            items=count_items(view, matrix),
            source=f"Kilde: {matrix.source} ({matrix.status_year})"
                   + (f" · arbeidsplassmålet nå: {live.source.removeprefix('Kilde: ')}"
                      if view.now is not None and live is not None and live.source else ""), by_period=True))
    if story is not None:
        results = story.results
        numbered = [f"{number}. {item}" for number, item in enumerate(results.items, start=1)]
        for first in range(0, len(numbered), RESULTS_PER_SLIDE):  # the whole list does not fit one screen
            shown = numbered[first:first + RESULTS_PER_SLIDE]
            slides.append(Slide(
                "Dette ga programmet, ifølge rapporten", f"{len(numbered)} resultater",
                f"Punkt {first + 1}–{first + len(shown)} av {len(numbered)}. {place(story, results.place)}.",
                items=shown, source=f"Kilde: {story.source}"))
    if portfolio is not None:
        coordination = portfolio.coordination
        funding = (f" Kommunene: {story.funding.kroner_per_inhabitant} kr per innbygger i {story.funding.year}."
                   if story is not None else "")
        slides.append(Slide(
            "Prosjektene i fase 3", f"{len(portfolio.projects)} prosjekter",
            f"Koordinert av {coordination.actor_name} ({coordination.actor}).{funding}",
            items=[f"{p.name} – {p.responsible} – {p.status}{_mark(p)}" for p in portfolio.projects],
            source=f"Kilde: {portfolio.source} ({portfolio.status_year})", by_period=True))
    return slides


def _mark(project: goals.Project) -> str:
    """« (vår vurdering)» or « (vurdert av sekretariatet)» after an assessed status; «ikke angitt» has none."""
    mark = sources.mark(project.status_basis, not project.period, project.status)
    return f" ({mark})" if mark else ""
