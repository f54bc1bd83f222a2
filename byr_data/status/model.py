"""Reporting periods and status entries: the pure model behind the half-yearly status follow-up.

The final report's statuses form the first period, «2018 (sluttrapport)», read from the TOML files
under data/ every time (never copied). Later periods («2026 H2») come from the status database
(status.store). An entry is never changed: a correction is a new entry, and within one
period the latest entry for an item counts. An item without an entry in a later period keeps its
previous status, with the period that status comes from.

No Streamlit, no SQLite here: validation, period arithmetic and the view a page shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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
