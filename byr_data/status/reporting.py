"""The secretariat's half-yearly status report: what the reporting page, its printout and the
council slide compute. Pure: no Streamlit, no SQLite (the store is status.store).

- `groups`: every criterion and project, grouped by goal, in the report's order.
- `Draft`: what an editor has typed for one item; `changed_items` and `entries_to_save` turn the
  form into validated entries (all or nothing, Norwegian errors naming the item).
- `Conflict`/`conflicts`: another editor saved the same item since the form was opened.
- `PeriodChanges`/`period_changes`: each item's status in a period against the previous one, for
  the page («endret siden forrige periode»), the printout and the slide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from byr_data import fmt, page_model
from byr_data.programme import goals, sources
from byr_data.status import model as sm, period_view, text as text_rules

PROJECTS_GROUP = "Prosjektene i fase 3"
DEFAULT_STATUS = "ikke angitt"  # the one word that needs no evidence
SLIDE_HEADING = "Endringer siden forrige rapport"
SLIDE_MAX_ITEMS = 7
NAME_WIDTH = 70


# --------------------------------------------------------------------------- grouping


@dataclass(frozen=True)
class Group:
    title: str
    items: tuple[sm.Item, ...]


def groups(matrix: goals.GoalMatrix | None, portfolio: goals.Portfolio | None) -> tuple[Group, ...]:
    """The criteria under their goal («3. Såkornfond»), then the projects in one group: a project
    may serve several goals, and which ones is our reading, not the report's."""
    found = [Group(f"{number}. {goal.title}", tuple(sm.Item(c.id, "kriterium", c.text) for c in goal.criteria))
             for number, goal in enumerate(matrix.goals if matrix else (), start=1)]
    projects = tuple(sm.Item(p.id, "prosjekt", p.name) for p in (portfolio.projects if portfolio else ()))
    if projects:
        found.append(Group(PROJECTS_GROUP, projects))
    return tuple(found)


def shorten(text: str, width: int = NAME_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip(" ,.;:–-") + "…"


def period_name(label: str) -> str:
    """«2026 H2», or «sluttrapporten (2018)» for the first period."""
    return "sluttrapporten (2018)" if label == sm.BASELINE_PERIOD else label


# --------------------------------------------------------------------------- the form


@dataclass(frozen=True)
class Draft:
    """One item's fields in the form, normalised so that two drafts compare by meaning."""

    status: str
    basis: str  # "stated" | "assessed"
    comment: str = ""
    evidence: tuple[str, ...] = ()

    @classmethod
    def typed(cls, status: str, basis: str, comment: str, evidence: str) -> Draft:
        return cls(status, basis, text_rules.trim_invisible(comment or ""), sm.split_evidence(evidence))

    @classmethod
    def of(cls, entry: sm.Entry | None, vocabulary: Sequence[goals.StatusWord]) -> Draft:
        """What the form starts with: the status that counts now, or «ikke angitt»."""
        if entry is None:
            words = [w.word for w in vocabulary]
            return cls(DEFAULT_STATUS if DEFAULT_STATUS in words else words[0], "assessed")
        return cls.typed(entry.status, entry.basis, entry.comment, sm.join_evidence(entry.evidence))

    @classmethod
    def start(cls, entry: sm.Entry | None, period: str, vocabulary: Sequence[goals.StatusWord]) -> Draft:
        """What the form starts with in `period`: the item's entry there in full, or else only the
        status carried from an earlier period, marked as the secretariat's assessment, with no
        comment or evidence (an old comment or quote is no evidence for a new period)."""
        if entry is None or entry.period == period:
            return cls.of(entry, vocabulary)
        return cls(entry.status, "assessed")

    @property
    def evidence_text(self) -> str:
        return sm.join_evidence(self.evidence)


def changed_items(drafts: Mapping[str, Draft], opened: Mapping[str, Draft]) -> list[str]:
    """The items whose fields differ from what the form showed when it was opened, in form order."""
    return [item for item, draft in drafts.items() if opened.get(item) != draft]


class DraftErrors(ValueError):
    """Some typed items are invalid: `errors` are Norwegian, each naming its item."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def entries_to_save(
    drafts: Mapping[str, Draft],
    opened: Mapping[str, Draft],
    *,
    period: str,
    day: date,
    who: str,
    items: Mapping[str, sm.Item],
    vocabulary: Sequence[goals.StatusWord],
    today: date,
) -> list[sm.Entry]:
    """A new entry for every changed item, all validated; DraftErrors lists every invalid item."""
    entries, errors = [], []
    for item in changed_items(drafts, opened):
        draft = drafts[item]
        try:
            entries.append(sm.make_entry(
                item=item, period=period, status=draft.status, basis=draft.basis, day=day, who=who,
                comment=draft.comment, evidence=draft.evidence, items=items, vocabulary=vocabulary,
                today=today))
        except sm.EntryError as exc:
            name = shorten(items[item].name) if item in items else item
            errors.append(f"«{name}»: {exc}")
    if errors:
        raise DraftErrors(errors)
    return entries


def latest_ids(period_entries: Iterable[sm.Entry]) -> dict[str, int | None]:
    """item -> the id of its latest entry in the period (what the form remembers when opened)."""
    return {item: entry.id for item, entry in period_view.latest_per_item(period_entries).items()}


@dataclass(frozen=True)
class Conflict:
    """Another editor saved `theirs` for an item this editor has also changed (`mine`)."""

    item: sm.Item
    theirs: sm.Entry
    mine: Draft


def conflicts(
    opened_ids: Mapping[str, int | None],
    period_entries: Iterable[sm.Entry],
    drafts: Mapping[str, Draft],
    changed: Iterable[str],
    items: Mapping[str, sm.Item],
) -> list[Conflict]:
    """Changed items that someone else recorded in the period since the form was opened.

    A later entry saying exactly what this editor typed is no conflict."""
    now = period_view.latest_per_item(period_entries)
    found = []
    for item in changed:
        theirs = now.get(item)
        if theirs is None or theirs.id == opened_ids.get(item):
            continue
        if Draft.of(theirs, ()) == drafts[item]:
            continue
        found.append(Conflict(items[item], theirs, drafts[item]))
    return found


def describe(draft: Draft | sm.Entry) -> str:
    """One line: «nådd (vurdert av sekretariatet). Kommentar: … Belegg: …» (Markdown-escaped)."""
    parts = [f"{fmt.escape_markdown(draft.status)} ({sm.BASES[draft.basis]})"]
    if draft.comment:
        parts.append(f"Kommentar: {fmt.escape_markdown(draft.comment.rstrip('.'))}")
    if draft.evidence:
        parts.append("Belegg: " + " · ".join(fmt.escape_markdown(e) for e in draft.evidence))
    return ". ".join(parts)


# --------------------------------------------------------------------------- changes between periods


@dataclass(frozen=True)
class Change:
    item: sm.Item
    before: sm.Entry | None  # the status as of the previous period
    after: sm.Entry | None  # the status as of this period
    recorded: bool  # the item has an entry in this period

    @property
    def status_changed(self) -> bool:
        return self.recorded and (self.before is None or self.after.status != self.before.status)


@dataclass(frozen=True)
class PeriodChanges:
    period: str
    previous: str | None  # None for the first period (the final report)
    date: date | None  # the latest status date in the period
    changes: tuple[Change, ...]  # every item, in the report's order

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.status_changed]

    @property
    def recorded(self) -> list[Change]:
        return [c for c in self.changes if c.recorded]

    def change(self, item: str) -> Change | None:
        return next((c for c in self.changes if c.item.id == item), None)


def previous_period(labels: Sequence[str], period: str) -> str | None:
    """The newest period older than `period` (which may not be recorded yet)."""
    older = [label for label in labels if sm.period_key(label) < sm.period_key(period)]
    return sm.sorted_periods(older)[0] if older else None


def period_changes(
    items: Mapping[str, sm.Item],
    baseline: Sequence[sm.Entry],
    history: Sequence[sm.Entry],
    period: str | None = None,
) -> PeriodChanges:
    """Each item's status as of `period` (None: the newest) against the previous period.

    A period that has no entries yet (being started) shows the newest statuses as its own."""
    newest = period_view.build_view(items, baseline, history)
    label = period or newest.period.label
    known = {p.label: p for p in newest.periods}
    current = period_view.build_view(items, baseline, history, label) if label in known else newest
    previous = previous_period(list(known), label)
    before = period_view.build_view(items, baseline, history, previous) if previous else None
    in_period = {e.item for e in history if e.period == label}
    changes = tuple(
        Change(item, before.status(item.id) if before else None, current.status(item.id), item.id in in_period)
        for item in items.values()
    )
    day = known[label].date if label in known else None
    return PeriodChanges(label, previous, day, changes)


def change_line(change: Change, previous: str | None) -> str:
    """«Endret siden 2026 H1: pågår → nådd», «Ny oppføring, samme status som i 2026 H1»,
    «Uendret siden 2026 H1»; empty for the final report (plain text, for a caption or a table)."""
    if previous is None:  # the final report itself: nothing to compare with
        return ""
    since = period_name(previous)
    if change.status_changed:
        before = change.before.status if change.before else "ingen status"
        return f"Endret siden {since}: {before} → {change.after.status}"
    if change.recorded:
        return f"Ny oppføring, samme status som i {since}"
    origin = change.after.period if change.after else None
    if origin and origin != previous:
        return f"Uendret siden {period_name(origin)}"
    return f"Uendret siden {since}"


# --------------------------------------------------------------------------- council and printout


def changes_slides(changes: PeriodChanges | None) -> list[page_model.Slide]:
    """«Endringer siden forrige rapport» for the council; none before the first report after 2018."""
    if changes is None or changes.previous is None or changes.date is None:
        return []
    changed = changes.changed
    since = period_name(changes.previous)
    if changed:
        noun = "statusendring" if len(changed) == 1 else "statusendringer"
        message = f"{len(changed)} {noun} siden {since}"
    else:
        message = f"Ingen statusendringer siden {since}"
    detail = (f"Statusrapport {changes.period}, sist registrert {changes.date:%d.%m.%Y}. "
              f"{len(changes.recorded)} av {len(changes.changes)} kriterier og prosjekter er vurdert i perioden.")
    lines = [f"{shorten(c.item.name, 60)}: {c.before.status if c.before else 'ingen status'} → {c.after.status}"
             for c in changed]
    if len(lines) > SLIDE_MAX_ITEMS:
        rest = len(lines) - (SLIDE_MAX_ITEMS - 1)
        lines = lines[: SLIDE_MAX_ITEMS - 1] + [f"… og {rest} til (se Statusrapportering)"]
    return [page_model.Slide(SLIDE_HEADING, message, detail, items=lines, by_period=True)]


def summary_message(changes: PeriodChanges) -> str:
    """The page's and the printout's first line."""
    if changes.previous is None:
        after = [c.after for c in changes.changes if c.after is not None]
        stated = sum(1 for e in after if e.basis == "stated")
        return (f"Statusene ved prosjektslutt (2018): {stated} {sources.STATED}, {len(after) - stated} er "
                f"{sources.OUR_READING}.")
    if changes.date is None:
        return f"{changes.period}: ingen status er registrert ennå. Forrige rapport er {period_name(changes.previous)}."
    changed = len(changes.changed)
    what = "ingen endret status" if not changed else f"{changed} med endret status"
    return (f"{changes.period}: {len(changes.recorded)} av {len(changes.changes)} kriterier og prosjekter "
            f"vurdert i perioden, {what} siden {period_name(changes.previous)}.")


PRINT_COLUMNS = ["Kriterium eller prosjekt", "Status", "Endring", "Kommentar", "Belegg", "Registrert"]


def printout_tables(group_list: Sequence[Group], changes: PeriodChanges) -> list[tuple[str, pd.DataFrame]]:
    """One table a group, each row an item as of the period: the printed report (plain text)."""
    tables = []
    for group in group_list:
        rows = []
        for item in group.items:
            change = changes.change(item.id)
            entry = change.after if change else None
            rows.append([
                item.name,
                status_text(entry),
                change_line(change, changes.previous) if change else "",
                sources.labelled_note(entry.comment, entry.from_report) if entry else "",
                evidence_text(entry),
                _recorded(entry),
            ])
        tables.append((group.title, pd.DataFrame(rows, columns=PRINT_COLUMNS)))
    return tables


def status_text(entry: sm.Entry | None) -> str:
    """«delvis nådd (vår vurdering)», «nådd (vurdert av sekretariatet)»: an assessment says whose it is."""
    if entry is None:
        return "ingen status"
    mark = sources.mark(entry.basis, entry.from_report, entry.status)
    return f"{entry.status} ({mark})" if mark else entry.status


def evidence_text(entry: sm.Entry | None) -> str:
    """The final report's evidence is its own words, in guillemets; later evidence as typed."""
    if entry is None:
        return ""
    return " · ".join(f"«{quote}»" if entry.from_report else quote for quote in entry.evidence)


def _recorded(entry: sm.Entry | None) -> str:
    if entry is None:
        return ""
    if entry.from_report:
        return sources.credit(entry.basis, True, entry.who)
    return f"{entry.period}, {entry.date:%d.%m.%Y}, {entry.who}"


def history_table(item: str, baseline: Sequence[sm.Entry], history: Sequence[sm.Entry]) -> pd.DataFrame:
    """Every entry for one item, newest first; «Gjelder» says which one counts in its period."""
    mine = [e for e in history if e.item == item]
    counting = {period_view.latest_per_item(e for e in mine if e.period == period)[item].id for period in {e.period for e in mine}}
    rows = [[
        e.period, e.status, sources.basis_label(e.basis, False), f"{e.date:%d.%m.%Y}", e.comment,
        "\n".join(e.evidence), e.who, fmt.timestamp(e.recorded_at),
        "ja" if e.id in counting else "nei, erstattet senere i perioden",
    ] for e in sorted(mine, key=lambda e: (sm.period_key(e.period), e.id or 0), reverse=True)]
    rows += [[e.period, e.status, sources.basis_label(e.basis, True), "", sources.labelled_note(e.comment, True),
              "\n".join(f"«{quote}»" for quote in e.evidence), sources.credit(e.basis, True, e.who), "", "ja"]
             for e in baseline if e.item == item]
    return pd.DataFrame(rows, columns=["Periode", "Status", "Grunnlag", "Dato", "Kommentar", "Belegg",
                                       "Registrert av", "Registrert", "Gjelder"])
