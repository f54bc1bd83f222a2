"""Reading the goal matrix and the phase-3 portfolio from their human-editable TOML files, strictly.

The data lives under data/:

- goals.toml              the goal matrix: goals, their measurable criteria, status and evidence
- status_vocabulary.toml  the status words (colour, icon, one-line meaning)
- projects.toml           the phase-3 portfolio, follow-up arrangements, success factors

Every validation problem raises GoalsDataError with a Norwegian message that names the file,
the entry and the field, so that the person editing the file can fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from byr_data import regions
from byr_data.programme.goals import (
    Coordination,
    Criterion,
    CriterionPart,
    Goal,
    GoalMatrix,
    Portfolio,
    Project,
    StatusWord,
    TextList,
)
from byr_data.strict_toml import GoalsDataError, Reader, check_unique, read_toml

GOALS_FILE = regions.DATA_DIR / "goals.toml"
VOCABULARY_FILE = regions.DATA_DIR / "status_vocabulary.toml"
PROJECTS_FILE = regions.DATA_DIR / "projects.toml"

# Colours st.badge accepts (the vocabulary file may only use these).
BADGE_COLORS = ("green", "orange", "yellow", "blue", "violet", "red", "gray", "grey", "primary")
STATUS_BASES = ("stated", "assessed")
# Figures a goal may be linked to; the page knows how to show each.
LINKED_METRICS = ("jobs_target",)




def load_status_vocabulary(path: Path | str = VOCABULARY_FILE) -> tuple[StatusWord, ...]:
    name, data = read_toml(path)
    top = Reader(name, "", data)
    top.check_fields(["status"])
    words: list[StatusWord] = []
    for position, table in enumerate(top.tables("status", "status"), start=1):
        entry = Reader(name, f"statusord nr. {position}", table)
        word = entry.text("word")
        entry.where = f"statusord «{word}»"
        entry.check_fields(["word", "color", "icon", "symbol", "meaning", "evidence_required"])
        if any(w.word == word for w in words):
            entry.fail(f"har verdien «{word}», som allerede er brukt av et annet statusord", "word")
        words.append(
            StatusWord(
                word=word,
                color=entry.choice("color", BADGE_COLORS),
                meaning=entry.text("meaning"),
                icon=entry.text("icon", required=False),
                symbol=entry.text("symbol", required=False),
                evidence_required=entry.boolean("evidence_required", True),
            )
        )
    return tuple(words)


_GOAL_FIELDS = (
    "id",
    "short_label",
    "title",
    "comment",
    "deliverables_title",
    "deliverables",
    "linked_metric",
    "source_note",
    "criteria",
)
_JUDGEMENT_FIELDS = ("status", "status_basis", "evidence", "note")
_CRITERION_FIELDS = ("id", "text", *_JUDGEMENT_FIELDS, "part")


def _judgement(entry: Reader, vocabulary: Sequence[StatusWord]) -> dict[str, Any]:
    """The status fields shared by criteria, their parts and projects, validated."""
    status = entry.choice("status", [w.word for w in vocabulary])
    basis = entry.choice("status_basis", STATUS_BASES)
    evidence = entry.text_list("evidence", required=False, allow_single=True)
    word = next(w for w in vocabulary if w.word == status)
    if word.evidence_required and not evidence:
        entry.fail(
            f"mangler eller er tomt; status «{status}» krever rapportens egne ord som grunnlag",
            "evidence",
        )
    return {"status": status, "status_basis": basis, "evidence": evidence,
            "note": entry.text("note", required=False)}


def _load_criterion(
    name: str, goal_label: str, position: int, table: Any, vocabulary: Sequence[StatusWord]
) -> Criterion:
    entry = Reader(name, f"{goal_label}, kriterium {position}", table)
    entry.check_fields(_CRITERION_FIELDS)
    criterion_id = entry.identifier()
    parts = []
    if "part" in entry.table:
        for number, item in enumerate(entry.tables("part", "goal.criteria.part"), start=1):
            part = Reader(name, f"{entry.where}, del {number}", item)
            part.check_fields(["text", *_JUDGEMENT_FIELDS])
            parts.append(CriterionPart(text=part.text("text"), **_judgement(part, vocabulary)))
    return Criterion(
        id=criterion_id,
        text=entry.text("text"),
        parts=tuple(parts),
        **_judgement(entry, vocabulary),
    )


def _load_goal(name: str, position: int, table: Any, vocabulary: Sequence[StatusWord]) -> Goal:
    entry = Reader(name, f"mål nr. {position}", table)
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
        short_label=entry.text("short_label"),
        title=entry.text("title"),
        criteria=criteria,
        deliverables=deliverables,
        deliverables_title=deliverables_title,
        comment=entry.text("comment", required=False),
        linked_metric=entry.choice("linked_metric", LINKED_METRICS, required=False),
        source_note=entry.text("source_note", required=False),
    )


def load_goals(
    path: Path | str = GOALS_FILE, vocabulary_path: Path | str = VOCABULARY_FILE
) -> GoalMatrix:
    """Load and validate the goal matrix. Raises GoalsDataError."""
    vocabulary = load_status_vocabulary(vocabulary_path)
    name, data = read_toml(path)
    top = Reader(name, "", data)
    top.check_fields(["source", "status_year", "status_note", "goal"])
    goals = tuple(
        _load_goal(name, position, table, vocabulary)
        for position, table in enumerate(top.tables("goal", "goal"), start=1)
    )
    check_unique(name, "mål", [(g.id, f"mål nr. {i}") for i, g in enumerate(goals, start=1)])
    labels: dict[str, str] = {}
    for goal in goals:
        if goal.short_label.casefold() in labels:
            raise GoalsDataError(
                f"{name}: mål «{goal.id}»: feltet «short_label» har verdien «{goal.short_label}», "
                f"som allerede er brukt av mål «{labels[goal.short_label.casefold()]}» (korte navn må være unike)"
            )
        labels[goal.short_label.casefold()] = goal.id
    check_unique(
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


def _text_list_table(name: str, top: Reader, field: str) -> TextList:
    if field not in top.table:
        top.fail("mangler", field)
    entry = Reader(name, f"[{field}]", top.table[field])
    entry.check_fields(["intro", "items"])
    items = entry.text_list("items")
    if not items:
        entry.fail("er tomt", "items")
    return TextList(intro=entry.text("intro"), items=items)


def load_portfolio(
    path: Path | str = PROJECTS_FILE,
    goals_path: Path | str = GOALS_FILE,
    vocabulary_path: Path | str = VOCABULARY_FILE,
) -> Portfolio:
    """Load and validate the phase-3 portfolio. Raises GoalsDataError.

    A project's status must be a word of the vocabulary, and the goals it serves ids in goals_path."""
    vocabulary = load_status_vocabulary(vocabulary_path)
    goal_ids = [goal.id for goal in load_goals(goals_path, vocabulary_path).goals]
    name, data = read_toml(path)
    top = Reader(name, "", data)
    top.check_fields(
        [
            "source",
            "status_year",
            "status_note",
            "project_status_quote",
            "project",
            "coordination",
            "phase2_summary",
            "follow_up",
            "success_factors",
        ]
    )
    projects = []
    for position, table in enumerate(top.tables("project", "project"), start=1):
        entry = Reader(name, f"prosjekt nr. {position}", table)
        project_id = entry.identifier()
        entry.where = f"prosjekt «{project_id}»"
        entry.check_fields(["id", "name", "responsible", "serves", "source_note", *_JUDGEMENT_FIELDS])
        serves = entry.text_list("serves", required=False)
        for goal_id in serves:
            if goal_id not in goal_ids:
                entry.fail(f"har ukjent mål «{goal_id}» (gyldige: {', '.join(goal_ids)})", "serves")
        projects.append(
            Project(
                id=project_id,
                name=entry.text("name"),
                responsible=entry.text("responsible"),
                serves=serves,
                source_note=entry.text("source_note", required=False),
                **_judgement(entry, vocabulary),
            )
        )
    check_unique(
        name, "prosjekter", [(p.id, f"prosjekt nr. {i}") for i, p in enumerate(projects, start=1)]
    )
    if "coordination" not in top.table:
        top.fail("mangler", "coordination")
    coord = Reader(name, "[coordination]", top.table["coordination"])
    coord.check_fields(["title", "actor", "actor_name", "actor_quote", "roles", "description",
                        "unplaced_lines", "source_note"])
    coordination = Coordination(
        title=coord.text("title"),
        actor=coord.text("actor"),
        actor_name=coord.text("actor_name"),
        actor_quote=coord.text("actor_quote"),
        roles=coord.text_list("roles"),
        description=coord.text("description"),
        unplaced_lines=coord.text_list("unplaced_lines", required=False),
        source_note=coord.text("source_note", required=False),
    )
    return Portfolio(
        source=top.text("source"),
        status_year=top.integer("status_year"),
        status_note=top.text("status_note"),
        projects=tuple(projects),
        coordination=coordination,
        project_status_quote=top.text("project_status_quote"),
        phase2_summary=_text_list_table(name, top, "phase2_summary"),
        follow_up=_text_list_table(name, top, "follow_up"),
        success_factors=_text_list_table(name, top, "success_factors"),
    )
