"""Goal matrix and phase-3 project portfolio from the final report, as data: the status words, goals
with their criteria, projects and the report's lists (pure). `goal_files` reads and validates them
from data/*.toml."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from byr_data import strict_toml

GoalsDataError = strict_toml.GoalsDataError  # what reading the goal files raises (goal_files)

NOT_STATED = "ikke angitt"  # the status word for «the report says nothing»; needs no evidence
STATED = "står i rapporten"  # a status's basis in the user's words: the report's own answer …
ASSESSED = "vurdert"  # … or our assessment of the report's words
BASES = (STATED, ASSESSED, NOT_STATED)


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class StatusWord:
    word: str
    color: str
    meaning: str
    icon: str | None = None
    symbol: str | None = None  # a character shown before the word where no icon font exists (HTML, CSV)
    evidence_required: bool = True


@dataclass(frozen=True)
class Judgement:
    """A status word with what it rests on: the report's own answer, or our assessment of its words."""

    status: str
    status_basis: str  # "stated" | "assessed"
    evidence: tuple[str, ...] = ()
    note: str | None = None
    period: str = ""  # the later reporting period this status was recorded in («2026 H2»); "": the final report

    @property
    def assessed(self) -> bool:
        return self.status_basis == "assessed"

    @property
    def basis(self) -> str:
        """«står i rapporten», «vurdert» or «ikke angitt»: how the status came about, in the user's words."""
        if self.status == NOT_STATED:
            return NOT_STATED
        return ASSESSED if self.assessed else STATED


@dataclass(frozen=True)
class CriterionPart(Judgement):
    """One part of a criterion that asks about several things (its text is our wording)."""

    text: str = ""


@dataclass(frozen=True)
class Criterion(Judgement):
    id: str = ""
    text: str = ""
    parts: tuple[CriterionPart, ...] = ()


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    criteria: tuple[Criterion, ...]
    short_label: str = ""  # our wording, not the report's
    deliverables: tuple[str, ...] = ()
    deliverables_title: str | None = None
    comment: str | None = None
    linked_metric: str | None = None
    source_note: str | None = None  # our note on the source text; shown under «Data og kilder»


@dataclass(frozen=True)
class GoalMatrix:
    source: str
    status_year: int
    status_note: str
    goals: tuple[Goal, ...]
    vocabulary: tuple[StatusWord, ...]
    period: str = ""  # the reporting period shown (status.period_view.apply); "": the final report
    period_note: str = ""  # for a later period: what is new in it and where the other statuses come from

    @property
    def status_words(self) -> tuple[str, ...]:
        return tuple(s.word for s in self.vocabulary)

    def status(self, word: str) -> StatusWord | None:
        """The vocabulary entry for a status word, or None if the word is unknown."""
        return next((s for s in self.vocabulary if s.word == word), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


@dataclass(frozen=True)
class Project(Judgement):
    id: str = ""
    name: str = ""
    responsible: str = ""
    serves: tuple[str, ...] = ()  # goal ids: our reading, the report does not map projects to goals
    source_note: str | None = None  # our note on the source text; shown under «Data og kilder»


@dataclass(frozen=True)
class Coordination:
    title: str
    actor: str
    roles: tuple[str, ...]
    description: str
    actor_name: str = ""  # «HKP» written out
    actor_quote: str = ""  # the report's words that name the actor and its role
    unplaced_lines: tuple[str, ...] = ()
    source_note: str | None = None


@dataclass(frozen=True)
class TextList:
    """A numbered list from the report with its lead-in sentence."""

    intro: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Portfolio:
    source: str
    status_year: int
    status_note: str
    projects: tuple[Project, ...]
    coordination: Coordination
    project_status_quote: str
    phase2_summary: TextList
    follow_up: TextList
    success_factors: TextList
    period: str = ""  # as GoalMatrix.period
    period_note: str = ""


# --------------------------------------------------------------------------- helpers for pages


def all_criteria(goals: Iterable[Goal]) -> list[Criterion]:
    return [c for g in goals for c in g.criteria]


def status_counts(
    goals: Iterable[Goal], vocabulary: Sequence[StatusWord] | None = None
) -> dict[str, int]:
    """Number of criteria per status word. With a vocabulary: every word, in its order."""
    counts: dict[str, int] = {w.word: 0 for w in vocabulary} if vocabulary else {}
    for criterion in all_criteria(goals):
        counts[criterion.status] = counts.get(criterion.status, 0) + 1
    return counts
