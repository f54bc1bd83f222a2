"""The final report's story on the programme pages: why the programme was started, what it gave,
and what the municipalities paid, each quoted with its place in the report (pure Markdown)."""

from __future__ import annotations

from byr_data import fmt
from byr_data.final_report import ReportStory


def place(story: ReportStory, place: str) -> str:
    return f"Sluttrapporten, «{place}»"


def projection_message(story: ReportStory) -> str:
    projection = story.projection
    return f"{fmt.signed(projection.jobs)} arbeidsplasser på {projection.years} år uten radikale tiltak"


def why_markdown(story: ReportStory) -> str:
    """Why the programme was started: the phase-1 projection, quoted with its place."""
    projection = story.projection
    return (f"**Hvorfor programmet ble satt i gang:** {fmt.escape_markdown(projection_message(story))}.\n\n"
            f"> «{fmt.escape_markdown(projection.quote)}»\n>\n"
            f"> — {fmt.escape_markdown(place(story, projection.place))}. Analysen ble gjort av "
            f"{fmt.escape_markdown(projection.analyst)}.")


def results_markdown(story: ReportStory) -> str:
    """What the report says the programme gave: the nine results, numbered as in the report."""
    results = story.results
    items = "\n".join(f"{n}. {fmt.escape_markdown(item)}" for n, item in enumerate(results.items, start=1))
    return (f"**Dette ga programmet, ifølge rapporten ({len(results.items)} punkter):**\n\n"
            f"«{fmt.escape_markdown(results.intro)}»\n\n{items}\n\n— {fmt.escape_markdown(place(story, results.place))}")


def funding_markdown(story: ReportStory) -> str:
    funding = story.funding
    return (f"**Kommunenes bidrag: {funding.kroner_per_inhabitant} kroner per innbygger i {funding.year}.**\n\n"
            f"> «{fmt.escape_markdown(funding.quote)}»\n>\n> — {fmt.escape_markdown(place(story, funding.place))}")
