"""The reporting period («periode» in the URL): the one owner of that parameter.

Målmatrise, Prosjekter and the presentation choose among the recorded periods, Statusrapportering
among those an editor may write to; the printout takes the period from its link. Each reads the
parameter here, so an unknown or unavailable period always gets the same visible notice.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from byr_data import params

KEY = "periode"  # the widget key and the URL parameter
HELP = "Statusrapporteringen til regionrådet hvert halvår. Eldste periode er sluttrapporten."


def _notice(options: Sequence[str], known: Sequence[str]) -> str | None:
    """Why the period a link names is not shown: unknown, or known but not among the choices here."""
    requested = st.query_params.get_all(KEY)
    unknown = params.unknown_notice(KEY, "periode", requested, [*options, *known])
    if unknown:
        return unknown
    unavailable = [value for value in requested if value not in options]
    if unavailable:
        return params.notice(KEY, f"perioden «{unavailable[-1]}» kan ikke velges her")
    return None


def select(options: Sequence[str], where=st, help: str = HELP, known: Sequence[str] = ()) -> str:
    """The period selector (drawn in `where`, bound to the URL; the first option by default). `known`:
    periods that exist but are not offered here (e.g. the final report, which is not edited)."""
    notice = _notice(options, known)
    # The option is the label itself: a bound widget puts what it shows in the URL (periode=2025 H2).
    chosen = where.selectbox("Periode", list(options), key=KEY, bind="query-params", help=help)
    if notice:
        st.warning(notice)
    return chosen


def from_link(known: Sequence[str]) -> str | None:
    """The period a link names, for a view without a selector (the printout); None for the newest.
    An unknown period gets the notice and the newest is shown."""
    notice = _notice(known, ())
    if notice:
        st.warning(notice)
        return None
    requested = st.query_params.get_all(KEY)
    return requested[-1] if requested else None
