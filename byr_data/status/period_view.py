"""The statuses of one reporting period, as a page shows them (pure).

`build_view` picks, for every item, the entry that counts as of a period (the final report's, or a
later one carried forward); `apply` puts those statuses into the goal matrix and portfolio so that
every page and slide shows the same period; the rest are the sentences that say which period it is
and where each status comes from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
import datetime as dt

from byr_data.programme import goals, sources
from byr_data.status.model import BASELINE_PERIOD, BASES, Entry, period_key, sorted_periods


# --------------------------------------------------------------------------- what a page shows


@dataclass(frozen=True)
class PeriodSummary:
    label: str
    date: dt.date | None  # the latest status date in the period; None for the final report
    entries: int
    items: int

    @property
    def from_report(self) -> bool:
        return self.label == BASELINE_PERIOD


@dataclass(frozen=True)
class PeriodView:
    """The status of every item as of one period."""

    period: PeriodSummary
    periods: tuple[PeriodSummary, ...]  # newest first; the final report last
    statuses: Mapping[str, Entry] = field(default_factory=dict)  # item -> the entry that counts
    unknown_items: tuple[str, ...] = ()  # ids in the database that no longer exist in data/

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.periods]

    def status(self, item: str) -> Entry | None:
        return self.statuses.get(item)

    def carried(self, item: str) -> bool:
        """True when the item's status comes from an earlier period than the one shown."""
        entry = self.statuses.get(item)
        return entry is not None and entry.period != self.period.label


def summarize(baseline: Sequence[Entry], history: Sequence[Entry]) -> tuple[PeriodSummary, ...]:
    by_period: dict[str, list[Entry]] = {}
    for entry in history:
        by_period.setdefault(entry.period, []).append(entry)
    summaries = [
        PeriodSummary(
            label=label,
            date=max(e.date for e in by_period[label]),
            entries=len(by_period[label]),
            items=len({e.item for e in by_period[label]}),
        )
        for label in sorted_periods(by_period)
    ]
    summaries.append(PeriodSummary(BASELINE_PERIOD, None, len(baseline), len({e.item for e in baseline})))
    return tuple(summaries)


def latest_per_item(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Within one period the latest entry (highest row id, else the later one in order) counts."""
    latest: dict[str, Entry] = {}
    for entry in entries:
        current = latest.get(entry.item)
        if current is None or (entry.id or 0) >= (current.id or 0):
            latest[entry.item] = entry
    return latest


def build_view(
    items: Iterable[str],
    baseline: Sequence[Entry],
    history: Sequence[Entry],
    period: str | None = None,
) -> PeriodView:
    """The status of every item as of `period` (None or unknown: the newest period).

    items: the ids that exist in data/ now; entries for other ids are left out and listed."""
    known = set(items)
    periods = summarize(baseline, [e for e in history if e.item in known])
    all_labels = {p.label: p for p in periods}
    shown = all_labels.get(period or "", periods[0])
    statuses = dict(latest_per_item(baseline))
    for label in reversed([p.label for p in periods if p.label != BASELINE_PERIOD]):
        if period_key(label) > period_key(shown.label):
            continue
        statuses.update(latest_per_item(e for e in history if e.period == label and e.item in known))
    unknown = sorted({e.item for e in history} - known)
    return PeriodView(period=shown, periods=periods, statuses=statuses, unknown_items=tuple(unknown))


def _judged(obj, view: PeriodView):
    """A criterion or project with the status the view shows for it (its own when from the report)."""
    entry = view.status(obj.id)
    if entry is None or entry.from_report:
        return obj
    note = " ".join(part for part in (entry.comment, f"({recorded_line(entry)})") if part)
    changes = {"status": entry.status, "status_basis": entry.basis, "evidence": entry.evidence,
               "note": note, "period": entry.period}
    if hasattr(obj, "parts"):
        changes["parts"] = ()  # a later status judges the whole criterion
    return dataclasses.replace(obj, **changes)


def apply(
    view: PeriodView, matrix: goals.GoalMatrix | None, portfolio: goals.Portfolio | None
) -> tuple[goals.GoalMatrix | None, goals.Portfolio | None]:
    """The goal matrix and portfolio with the statuses of the view's period, so that every page and
    slide drawing them shows that period. Unchanged when the view shows the final report."""
    if view.period.from_report:
        return matrix, portfolio
    label = view.period.label
    if matrix is not None:
        criteria = [c.id for c in goals.all_criteria(matrix.goals)]
        matrix = dataclasses.replace(matrix, period=label, period_note=basis_sentence(view, criteria), goals=tuple(
            dataclasses.replace(goal, criteria=tuple(_judged(c, view) for c in goal.criteria))
            for goal in matrix.goals))
    if portfolio is not None:
        portfolio = dataclasses.replace(
            portfolio, period=label, projects=tuple(_judged(p, view) for p in portfolio.projects),
            period_note=basis_sentence(view, [p.id for p in portfolio.projects], ("prosjekt", "prosjekter")))
    return matrix, portfolio


# --------------------------------------------------------------------------- page texts


def period_caption(view: PeriodView) -> str:
    """Which period and date the page shows, in one sentence."""
    if view.period.from_report:
        newer = "" if view.periods[0].from_report else f" Nyeste periode er {view.periods[0].label}."
        return f"Viser status fra sluttrapporten (2018).{newer}"
    return (f"Viser status per {view.period.label}, sist registrert {view.period.date:%d.%m.%Y}. Det som ikke "
            "fikk ny status i perioden, viser forrige status og perioden den er fra.")


def origin(view: PeriodView, item: str) -> str | None:
    """Where a shown status comes from, when not from the shown period: «Uendret siden 2025 H1»."""
    entry = view.status(item)
    if entry is None or not view.carried(item):
        return None
    return "Fra sluttrapporten (2018)" if entry.from_report else f"Uendret siden {entry.period}"


def recorded_line(entry: Entry) -> str | None:
    """«statusdato 15.11.2026, registrert av Kari Nordmann» for an entry from the database."""
    if entry.from_report:
        return None
    return f"statusdato {entry.date:%d.%m.%Y}, registrert av {entry.who}"


def basis_sentence(view: PeriodView, items: Iterable[str], noun: tuple[str, str] = ("status", "statuser")) -> str:
    """For a later period: how many of `items` got a status in it, on what basis, and where the rest
    come from. «I 2026 H2 er 3 statuser registrert (2 oppgitt i rapport, 1 vurdert av sekretariatet);
    uendret fra sluttrapporten (2018): 4 står i rapporten, 22 vår vurdering ut fra den»."""
    new = {"stated": 0, "assessed": 0}
    carried: dict[str, int] = {}
    report = {"stated": 0, "assessed": 0}  # carried from the final report: its words, or our reading
    for item in items:
        entry = view.status(item)
        if entry is None:
            continue
        if view.carried(item) and entry.from_report:
            report[entry.basis] += 1
        elif view.carried(item):
            carried[entry.period] = carried.get(entry.period, 0) + 1
        else:
            new[entry.basis] += 1
    count = sum(new.values())
    text = f"I {view.period.label} er {count} {noun[0] if count == 1 else noun[1]} registrert"
    if count:
        text += " (" + ", ".join(f"{n} {BASES[basis]}" for basis, n in new.items() if n) + ")"
    parts = [f"{label}: {carried[label]}" for label in sorted_periods(carried)]
    if any(report.values()):
        ours = [f"{report['stated']} {sources.STATED}" if report["stated"] else "",
                f"{report['assessed']} vår vurdering ut fra den" if report["assessed"] else ""]
        parts.append(f"{sources.REPORT}: " + ", ".join(part for part in ours if part))
    if parts:
        text += "; uendret fra " + "; ".join(parts)
    return text + "."
