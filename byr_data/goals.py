"""Goal matrix and phase-3 project portfolio from the final report: load, validate, filter.

Pure module (no Streamlit). The data lives in human-editable TOML files under data/:

- goals.toml              the goal matrix: goals, their measurable criteria, status and evidence
- status_vocabulary.toml  the status words (colour, icon, one-line meaning)
- projects.toml           the phase-3 portfolio, follow-up arrangements, success factors

Every validation problem raises GoalsDataError with a Norwegian message that names the file,
the entry and the field, so that the person editing the file can fix it.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GOALS_FILE = DATA_DIR / "goals.toml"
VOCABULARY_FILE = DATA_DIR / "status_vocabulary.toml"
PROJECTS_FILE = DATA_DIR / "projects.toml"

# Colours st.badge accepts (the vocabulary file may only use these).
BADGE_COLORS = ("green", "orange", "yellow", "blue", "violet", "red", "gray", "grey", "primary")
STATUS_BASES = ("stated", "assessed")
# Figures a goal may be linked to; the page knows how to show each.
LINKED_METRICS = ("jobs_target",)

_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GoalsDataError(ValueError):
    """A report data file is missing, not valid TOML, or breaks the schema."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class StatusWord:
    word: str
    color: str
    meaning: str
    icon: str | None = None
    evidence_required: bool = True


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    status: str
    status_basis: str  # "stated" | "assessed"
    evidence: tuple[str, ...] = ()
    note: str | None = None

    @property
    def assessed(self) -> bool:
        return self.status_basis == "assessed"


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    criteria: tuple[Criterion, ...]
    deliverables: tuple[str, ...] = ()
    deliverables_title: str | None = None
    comment: str | None = None
    linked_metric: str | None = None


@dataclass(frozen=True)
class GoalMatrix:
    source: str
    status_year: int
    status_note: str
    goals: tuple[Goal, ...]
    vocabulary: tuple[StatusWord, ...]

    @property
    def status_words(self) -> tuple[str, ...]:
        return tuple(s.word for s in self.vocabulary)

    def status(self, word: str) -> StatusWord | None:
        """The vocabulary entry for a status word, or None if the word is unknown."""
        return next((s for s in self.vocabulary if s.word == word), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    responsible: str
    note: str | None = None


@dataclass(frozen=True)
class Coordination:
    title: str
    actor: str
    roles: tuple[str, ...]
    description: str
    unplaced_lines: tuple[str, ...] = ()
    note: str | None = None


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
    phase2_summary: TextList
    follow_up: TextList
    success_factors: TextList


# --------------------------------------------------------------------------- validation


def _display_path(path: Path) -> str:
    """Path as the user knows it: relative to the repository when inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


_TYPE_NAMES = {
    str: "tekst",
    int: "heltall",
    float: "desimaltall",
    bool: "sann/usann",
    list: "liste",
    dict: "tabell",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Reader:
    """Reads one table (a TOML dict) and raises errors that name file, entry and field."""

    def __init__(self, file: str, where: str, table: Any):
        self.file = file
        self.where = where
        if not isinstance(table, dict):
            self.fail(f"skal være en tabell, men er {_type_name(table)}")
        self.table: dict[str, Any] = table

    def fail(self, message: str, field: str | None = None) -> None:
        head = f"{self.file}: {self.where}: " if self.where else f"{self.file}: "
        if field is not None:
            message = f"feltet «{field}» {message}"
        raise GoalsDataError(head + message)

    def check_fields(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for name in self.table:
            if name not in allowed:
                self.fail(f"ukjent felt «{name}» (gyldige felt: {', '.join(allowed)})")

    def _get(self, field: str, required: bool) -> Any:
        if field not in self.table:
            if required:
                self.fail("mangler", field)
            return None
        return self.table[field]

    def text(self, field: str, required: bool = True) -> str | None:
        value = self._get(field, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(f"skal være tekst, men er {_type_name(value)}", field)
        value = value.strip()
        if not value:
            self.fail("er tomt" + ("" if required else " (utelat feltet i stedet)"), field)
        return value

    def integer(self, field: str) -> int:
        value = self._get(field, True)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"skal være et heltall, men er {_type_name(value)}", field)
        return value

    def boolean(self, field: str, default: bool) -> bool:
        value = self._get(field, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(f"skal være true eller false, men er {_type_name(value)}", field)
        return value

    def text_list(self, field: str, required: bool = True, allow_single: bool = False) -> tuple[str, ...]:
        value = self._get(field, required)
        if value is None:
            return ()
        if allow_single and isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(f"skal være en liste med tekster, men er {_type_name(value)}", field)
        items = []
        for position, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.fail(f"element {position} skal være tekst, men er {_type_name(item)}", field)
            if not item.strip():
                self.fail(f"element {position} er tomt", field)
            items.append(item.strip())
        return tuple(items)

    def tables(self, field: str, toml_name: str) -> list[Any]:
        value = self._get(field, True)
        if not isinstance(value, list):
            self.fail(
                f"skal være en liste med tabeller ([[{toml_name}]]), men er {_type_name(value)}",
                field,
            )
        if not value:
            self.fail(f"er tomt (minst én [[{toml_name}]] trengs)", field)
        return value

    def choice(self, field: str, valid: Sequence[str], required: bool = True) -> str | None:
        value = self.text(field, required)
        if value is not None and value not in valid:
            self.fail(f"har ukjent verdi «{value}» (gyldige: {', '.join(valid)})", field)
        return value

    def identifier(self, field: str = "id") -> str:
        value = self.text(field)
        if not _ID_PATTERN.match(value):
            self.fail(
                f"har verdien «{value}», men kan bare inneholde små bokstaver a–z, sifre og "
                "bindestrek",
                field,
            )
        return value


def _read_toml(path: Path | str) -> tuple[str, dict[str, Any]]:
    path = Path(path)
    name = _display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GoalsDataError(f"{name}: fila finnes ikke") from None
    except OSError as exc:
        raise GoalsDataError(f"{name}: fila kan ikke leses ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise GoalsDataError(f"{name}: fila er ikke lagret som UTF-8") from None
    try:
        return name, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", detail)
        if where:
            place = f"linje {where.group(1)}, kolonne {where.group(2)}"
        elif "(at end of document)" in detail:
            place = "slutten av fila"
        else:
            place = None
        message = f"{name}: ugyldig TOML"
        if place:
            message += f" ved {place}"
        raise GoalsDataError(f"{message} ({detail})") from None


def _check_unique(reader_file: str, kind: str, ids: Sequence[tuple[str, str]]) -> None:
    """ids: (id, entry description). Raise on the first id used twice."""
    seen: dict[str, str] = {}
    for value, entry in ids:
        if value in seen:
            raise GoalsDataError(
                f"{reader_file}: {entry}: feltet «id» har verdien «{value}», "
                f"som allerede er brukt av {seen[value]} ({kind} må ha unik id)"
            )
        seen[value] = entry


# --------------------------------------------------------------------------- loaders


def load_status_vocabulary(path: Path | str = VOCABULARY_FILE) -> tuple[StatusWord, ...]:
    name, data = _read_toml(path)
    top = _Reader(name, "", data)
    top.check_fields(["status"])
    words: list[StatusWord] = []
    for position, table in enumerate(top.tables("status", "status"), start=1):
        entry = _Reader(name, f"statusord nr. {position}", table)
        word = entry.text("word")
        entry.where = f"statusord «{word}»"
        entry.check_fields(["word", "color", "icon", "meaning", "evidence_required"])
        if any(w.word == word for w in words):
            entry.fail(f"har verdien «{word}», som allerede er brukt av et annet statusord", "word")
        words.append(
            StatusWord(
                word=word,
                color=entry.choice("color", BADGE_COLORS),
                meaning=entry.text("meaning"),
                icon=entry.text("icon", required=False),
                evidence_required=entry.boolean("evidence_required", True),
            )
        )
    return tuple(words)


_GOAL_FIELDS = (
    "id",
    "title",
    "comment",
    "deliverables_title",
    "deliverables",
    "linked_metric",
    "criteria",
)
_CRITERION_FIELDS = ("id", "text", "status", "status_basis", "evidence", "note")


def _load_criterion(
    name: str, goal_label: str, position: int, table: Any, vocabulary: Sequence[StatusWord]
) -> Criterion:
    entry = _Reader(name, f"{goal_label}, kriterium {position}", table)
    entry.check_fields(_CRITERION_FIELDS)
    criterion_id = entry.identifier()
    status = entry.choice("status", [w.word for w in vocabulary])
    basis = entry.choice("status_basis", STATUS_BASES)
    evidence = entry.text_list("evidence", required=False, allow_single=True)
    word = next(w for w in vocabulary if w.word == status)
    if word.evidence_required and not evidence:
        entry.fail(
            f"mangler eller er tomt; status «{status}» krever rapportens egne ord som grunnlag",
            "evidence",
        )
    return Criterion(
        id=criterion_id,
        text=entry.text("text"),
        status=status,
        status_basis=basis,
        evidence=evidence,
        note=entry.text("note", required=False),
    )


def _load_goal(name: str, position: int, table: Any, vocabulary: Sequence[StatusWord]) -> Goal:
    entry = _Reader(name, f"mål nr. {position}", table)
    goal_id = entry.identifier()
    entry.where = f"mål «{goal_id}»"
    entry.check_fields(_GOAL_FIELDS)
    deliverables = entry.text_list("deliverables")
    deliverables_title = entry.text("deliverables_title", required=False)
    if deliverables and deliverables_title is None:
        entry.fail("mangler (påkrevd når målet har leveranser)", "deliverables_title")
    criteria = tuple(
        _load_criterion(name, entry.where, number, item, vocabulary)
        for number, item in enumerate(entry.tables("criteria", "goal.criteria"), start=1)
    )
    return Goal(
        id=goal_id,
        title=entry.text("title"),
        criteria=criteria,
        deliverables=deliverables,
        deliverables_title=deliverables_title,
        comment=entry.text("comment", required=False),
        linked_metric=entry.choice("linked_metric", LINKED_METRICS, required=False),
    )


def load_goals(
    path: Path | str = GOALS_FILE, vocabulary_path: Path | str = VOCABULARY_FILE
) -> GoalMatrix:
    """Load and validate the goal matrix. Raises GoalsDataError."""
    vocabulary = load_status_vocabulary(vocabulary_path)
    name, data = _read_toml(path)
    top = _Reader(name, "", data)
    top.check_fields(["source", "status_year", "status_note", "goal"])
    goals = tuple(
        _load_goal(name, position, table, vocabulary)
        for position, table in enumerate(top.tables("goal", "goal"), start=1)
    )
    _check_unique(name, "mål", [(g.id, f"mål nr. {i}") for i, g in enumerate(goals, start=1)])
    _check_unique(
        name,
        "kriterier",
        [
            (c.id, f"mål «{g.id}», kriterium {i}")
            for g in goals
            for i, c in enumerate(g.criteria, start=1)
        ],
    )
    return GoalMatrix(
        source=top.text("source"),
        status_year=top.integer("status_year"),
        status_note=top.text("status_note"),
        goals=goals,
        vocabulary=vocabulary,
    )


def _text_list_table(name: str, top: _Reader, field: str) -> TextList:
    if field not in top.table:
        top.fail("mangler", field)
    entry = _Reader(name, f"[{field}]", top.table[field])
    entry.check_fields(["intro", "items"])
    items = entry.text_list("items")
    if not items:
        entry.fail("er tomt", "items")
    return TextList(intro=entry.text("intro"), items=items)


def load_portfolio(path: Path | str = PROJECTS_FILE) -> Portfolio:
    """Load and validate the phase-3 portfolio. Raises GoalsDataError."""
    name, data = _read_toml(path)
    top = _Reader(name, "", data)
    top.check_fields(
        [
            "source",
            "status_year",
            "status_note",
            "project",
            "coordination",
            "phase2_summary",
            "follow_up",
            "success_factors",
        ]
    )
    projects = []
    for position, table in enumerate(top.tables("project", "project"), start=1):
        entry = _Reader(name, f"prosjekt nr. {position}", table)
        project_id = entry.identifier()
        entry.where = f"prosjekt «{project_id}»"
        entry.check_fields(["id", "name", "responsible", "note"])
        projects.append(
            Project(
                id=project_id,
                name=entry.text("name"),
                responsible=entry.text("responsible"),
                note=entry.text("note", required=False),
            )
        )
    _check_unique(
        name, "prosjekter", [(p.id, f"prosjekt nr. {i}") for i, p in enumerate(projects, start=1)]
    )
    if "coordination" not in top.table:
        top.fail("mangler", "coordination")
    coord = _Reader(name, "[coordination]", top.table["coordination"])
    coord.check_fields(["title", "actor", "roles", "description", "unplaced_lines", "note"])
    coordination = Coordination(
        title=coord.text("title"),
        actor=coord.text("actor"),
        roles=coord.text_list("roles"),
        description=coord.text("description"),
        unplaced_lines=coord.text_list("unplaced_lines", required=False),
        note=coord.text("note", required=False),
    )
    return Portfolio(
        source=top.text("source"),
        status_year=top.integer("status_year"),
        status_note=top.text("status_note"),
        projects=tuple(projects),
        coordination=coordination,
        phase2_summary=_text_list_table(name, top, "phase2_summary"),
        follow_up=_text_list_table(name, top, "follow_up"),
        success_factors=_text_list_table(name, top, "success_factors"),
    )


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


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def filter_criteria(
    goals: Iterable[Goal],
    statuses: Iterable[str] = (),
    text: str = "",
    goal_id: str | None = None,
) -> tuple[Goal, ...]:
    """Goals narrowed to the criteria that match every given filter; goals left empty are dropped.

    statuses: keep criteria with one of these words (empty: all).
    text: every word of it must occur (case-insensitive) in the goal title, comment,
          deliverables, or the criterion's own text, evidence or note.
    goal_id: keep only this goal (None: all).
    """
    wanted = set(statuses)
    words = _fold(text).split()
    result = []
    for goal in goals:
        if goal_id is not None and goal.id != goal_id:
            continue
        goal_text = _fold(
            " ".join(
                [goal.title, goal.comment or "", goal.deliverables_title or "", *goal.deliverables]
            )
        )
        kept = tuple(
            c
            for c in goal.criteria
            if (not wanted or c.status in wanted)
            and all(
                w in goal_text or w in _fold(" ".join([c.text, *c.evidence, c.note or ""]))
                for w in words
            )
        )
        if kept:
            result.append(dataclasses.replace(goal, criteria=kept))
    return tuple(result)
