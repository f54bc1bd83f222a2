"""Reporting periods and status entries: the pure model behind the half-yearly status follow-up.

The final report's statuses form the first period, «2018 (sluttrapport)», read from the TOML files
under data/ every time (never copied). Later periods («2026 H2») come from the status database
(status.store). An entry is never changed: a correction is a new entry, and within one
period the latest entry for an item counts. An item without an entry in a later period keeps its
previous status, with the period that status comes from.

No Streamlit, no SQLite here: validation, period arithmetic and the view a page shows.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from byr_data.programme import goals, sources
from byr_data.status import text as text_rules

BASELINE_PERIOD = "2018 (sluttrapport)"
FIRST_PERIOD = (2018, 2)  # the report was written in the first half of 2018 (it cites the 2018 budget)
BASES = sources.SECRETARIAT  # a later period's basis, as the form and the CSV name it

_PERIOD_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Hh]\s*([12])\s*$")
_DATE_NO = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class EntryError(ValueError):
    """One field of one entry is invalid; the message is Norwegian and names the field."""


@dataclass(frozen=True)
class Entry:
    """One recorded status of one item (a criterion or a project) in one period."""

    item: str
    period: str
    status: str
    basis: str  # "stated" | "assessed"
    date: date | None  # the date the status describes; None only for the final report
    who: str
    comment: str = ""
    evidence: tuple[str, ...] = ()
    recorded_at: datetime | None = None  # None only for the final report
    id: int | None = None  # database row id: its order is the recording order

    @property
    def assessed(self) -> bool:
        return self.basis == "assessed"

    @property
    def from_report(self) -> bool:
        return self.period == BASELINE_PERIOD


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # "kriterium" | "prosjekt"
    name: str


# --------------------------------------------------------------------------- periods


def parse_period(text: str) -> str:
    """«2026 h2», «2026H2», «2026-H2» -> «2026 H2». Raises EntryError for anything else."""
    match = _PERIOD_PATTERN.match(text or "")
    if not match:
        raise EntryError(f"perioden «{text}» er ikke på formen «2026 H2» (år, mellomrom, H1 eller H2)")
    label = f"{match.group(1)} H{match.group(2)}"
    if period_key(label) < FIRST_PERIOD:
        raise EntryError(
            f"perioden «{label}» ligger før eller i sluttrapportens periode; første periode etter "
            f"sluttrapporten er {FIRST_PERIOD[0]} H{FIRST_PERIOD[1]}"
        )
    return label


def period_key(label: str) -> tuple[int, int]:
    """Sort key: the final report first, then year and half."""
    if label == BASELINE_PERIOD:
        return (FIRST_PERIOD[0], 0)
    year, half = label.split(" H")
    return (int(year), int(half))


def period_of(day: date) -> str:
    return f"{day.year} H{1 if day.month <= 6 else 2}"


def sorted_periods(labels: Iterable[str]) -> list[str]:
    """Newest first."""
    return sorted(set(labels), key=period_key, reverse=True)


# --------------------------------------------------------------------------- validation


def parse_date(text: str) -> date:
    """ISO «2026-12-15» or Norwegian «15.12.2026»."""
    text = (text or "").strip()
    try:
        match = _DATE_NO.match(text)
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return date.fromisoformat(text)
    except ValueError:
        raise EntryError(f"datoen «{text}» er ugyldig (skriv 15.12.2026 eller 2026-12-15)") from None


def parse_basis(text: str) -> str:
    """A later period's basis from its words («oppgitt i rapport», «vurdert av sekretariatet», or the key).
    The final report's («vår vurdering ut fra sluttrapporten (2018)») is refused: a new period is the
    secretariat's, and it says on what it rests."""
    if sources.is_baseline_label(text):
        raise EntryError(
            f"grunnlaget «{text.strip()}» gjelder sluttrapporten (2018); skriv sekretariatets grunnlag for den nye "
            f"perioden ({' eller '.join(f'«{v}»' for v in BASES.values())})"
        )
    folded = " ".join((text or "").casefold().split())
    for key, label in BASES.items():
        if folded in (key, label, label.split()[0]):
            return key
    raise EntryError(
        f"grunnlaget «{text}» er ukjent (gyldige: {' eller '.join(f'«{v}»' for v in BASES.values())})"
    )


def split_evidence(text: str) -> tuple[str, ...]:
    """Evidence as stored and exported: one quote or source a line (lines with nothing visible dropped)."""
    lines = (text_rules.trim_invisible(line) for line in (text or "").splitlines())
    return tuple(line for line in lines if line)


def join_evidence(evidence: Sequence[str]) -> str:
    return "\n".join(evidence)


def make_entry(
    *,
    item: str,
    period: str,
    status: str,
    basis: str,
    day: str | date,
    who: str,
    comment: str = "",
    evidence: str | Sequence[str] = "",
    recorded_at: datetime | None = None,
    items: Mapping[str, Item],
    vocabulary: Sequence[goals.StatusWord],
    today: date,
) -> Entry:
    """A new entry from raw values, validated; raises EntryError naming the first bad field."""
    item = (item or "").strip()
    if item not in items:
        raise EntryError(f"id «{item}» er verken et kriterium i målmatrisen eller et prosjekt")
    label = parse_period(period)
    if period_key(label) > period_key(period_of(today)):
        raise EntryError(f"perioden {label} har ikke begynt ennå (nå er det {period_of(today)})")
    status = (status or "").strip()
    word = next((w for w in vocabulary if w.word == status), None)
    if word is None:
        raise EntryError(
            f"statusen «{status}» er ukjent (gyldige: {', '.join(w.word for w in vocabulary)})"
        )
    basis = parse_basis(basis)
    when = day if isinstance(day, date) else parse_date(day)
    if when > today:
        raise EntryError(f"datoen {when:%d.%m.%Y} ligger fram i tid")
    if period_key(period_of(when)) < period_key(label):
        raise EntryError(f"datoen {when:%d.%m.%Y} ligger før perioden {label}")
    try:
        who = text_rules.clean_text(who, "navnet på den som registrerer", limit=text_rules.MAX_NAME_CHARS,
                                     one_line=True)
        comment = text_rules.clean_text(comment, "kommentaren", limit=text_rules.MAX_COMMENT_CHARS)
        quotes = split_evidence(text_rules.clean_text(
            evidence if isinstance(evidence, str) else join_evidence(evidence), "belegget",
            limit=text_rules.MAX_EVIDENCE_CHARS))
    except text_rules.TextError as exc:
        raise EntryError(str(exc)) from None
    if not who:
        raise EntryError("det står ikke hvem som registrerer statusen")
    if word.evidence_required and not quotes:
        raise EntryError(f"status «{status}» krever belegg (kilden eller sitatet statusen bygger på)")
    return Entry(
        item=item,
        period=label,
        status=status,
        basis=basis,
        date=when,
        who=who,
        comment=comment,
        evidence=quotes,
        recorded_at=recorded_at,
    )


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


# --------------------------------------------------------------------------- the final report (2018)


def report_items(
    matrix: goals.GoalMatrix | None, portfolio: goals.Portfolio | None
) -> dict[str, Item]:
    """Every item a status can be recorded for: the criteria of the goal matrix and the projects."""
    found: dict[str, Item] = {}
    criteria = goals.all_criteria(matrix.goals) if matrix else []
    projects = portfolio.projects if portfolio else ()
    for item in [Item(c.id, "kriterium", c.text) for c in criteria] + [
        Item(p.id, "prosjekt", p.name) for p in projects
    ]:
        if item.id in found:
            raise goals.GoalsDataError(
                f"id «{item.id}» brukes både av et kriterium og et prosjekt; status kan bare "
                "registreres når hver id er unik"
            )
        found[item.id] = item
    return found


def baseline_entries(
    matrix: goals.GoalMatrix | None, portfolio: goals.Portfolio | None
) -> tuple[Entry, ...]:
    """The final report's statuses (criteria and projects) as entries of «2018 (sluttrapport)», each
    credited by programme.sources: to the report where it states the status, else to our reading of it.
    Their comments are our notes on the report."""
    judged = [*(goals.all_criteria(matrix.goals) if matrix else ()), *(portfolio.projects if portfolio else ())]
    return tuple(
        Entry(item=j.id, period=BASELINE_PERIOD, status=j.status, basis=j.status_basis, date=None,
              who=sources.credit(j.status_basis, True, ""), comment=j.note or "", evidence=j.evidence)
        for j in judged
    )


# --------------------------------------------------------------------------- what a page shows


@dataclass(frozen=True)
class PeriodSummary:
    label: str
    date: date | None  # the latest status date in the period; None for the final report
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
