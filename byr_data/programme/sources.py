"""Whose a status is: the one rule that names the source of every status, on every surface.

A status has one of three sources, and every count, headline, slide, history, CSV and printout takes
its wording from here:

- **the report's words**: the final report states the status itself («står i rapporten»);
- **our reading of the report**: we judged it from the report's words when we transcribed the report
  («vår vurdering ut fra rapporten»); this includes «ikke angitt», our note that the report says
  nothing about it;
- **the secretariat's half-yearly report**, with its author: a status it found stated in a report
  («oppgitt i rapport») or assessed itself («vurdert av sekretariatet»).

A status is identified by its basis ("stated" or "assessed", as in data/goals.toml and the status
database) and whether it belongs to the final report (the 2018 baseline) or to a later period.
"""

from __future__ import annotations

from collections.abc import Mapping

from byr_data.programme.goals import NOT_STATED

REPORT = "sluttrapporten (2018)"
STATED = "står i rapporten"  # the report's own words
OUR_READING = "vår vurdering ut fra rapporten"  # our reading of its words
SECRETARIAT = {"stated": "oppgitt i rapport", "assessed": "vurdert av sekretariatet"}  # a later period
OUR_NOTE = "Vår merknad"  # our notes on the report (the baseline's comments) are labelled as ours
COMMENT = "Kommentar"  # the secretariat's own comment


def basis_label(basis: str, from_report: bool) -> str:
    """The «Grunnlag» of a status: «står i sluttrapporten (2018)», «vår vurdering ut fra sluttrapporten
    (2018)», or for a later period «oppgitt i rapport» / «vurdert av sekretariatet»."""
    if from_report:
        return f"står i {REPORT}" if basis == "stated" else f"vår vurdering ut fra {REPORT}"
    return SECRETARIAT[basis]


def credit(basis: str, from_report: bool, who: str) -> str:
    """Who gave the status («Registrert av»): the report, our reading of it, or the secretariat's editor."""
    if from_report:
        return REPORT if basis == "stated" else f"vår vurdering ut fra {REPORT}"
    return who


def mark(basis: str, from_report: bool, status: str) -> str | None:
    """The short label an assessment carries beside its status word, the same on every surface; None for
    a stated status and for «ikke angitt» (no judgement: the report says nothing)."""
    if basis != "assessed" or status == NOT_STATED:
        return None
    return "vår vurdering" if from_report else SECRETARIAT["assessed"]


def note_label(from_report: bool) -> str:
    return OUR_NOTE if from_report else COMMENT


def labelled_note(text: str, from_report: bool) -> str:
    """A comment with whose it is, where it is shown without a column name: «Vår merknad: …»."""
    return f"{note_label(from_report)}: {text}" if text else ""


def is_baseline_label(text: str) -> bool:
    """True for the baseline's «Grunnlag» or «Registrert av» (these never belong to a later period)."""
    folded = " ".join((text or "").casefold().split())
    return folded in {label.casefold() for label in (
        basis_label("stated", True), basis_label("assessed", True), credit("stated", True, ""),
        credit("assessed", True, ""))}


def mixed_count(stated: Mapping[str, int], total: Mapping[str, int], words: tuple[str, ...], of: int) -> str:
    """A count that mixes the report's words and our reading says so in the same sentence:
    «Sluttrapporten sier selv at 2 av 29 kriterier er nådd; etter vår lesning av rapporten er 9 nådd og
    9 delvis nådd.» `stated`/`total`: criteria per status word, stated by the report / in all."""
    first = words[0]
    said = stated.get(first, 0)
    lead = (f"Sluttrapporten sier selv at {said} av {of} kriterier er {first}" if said
            else f"Sluttrapporten sier ikke selv at noen av de {of} kriteriene er {first}")
    ours = " og ".join(f"{total.get(word, 0)} {word}" for word in words)
    return f"{lead}; etter vår lesning er {ours}."
