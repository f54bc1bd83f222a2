"""Checking URL query parameters before the bound widgets silently drop what they cannot use."""

from __future__ import annotations

from collections.abc import Iterable

from byr_data import fmt


def unknown_values(requested: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """Requested values that are not among the allowed ones, in the order given."""
    allowed = set(allowed)
    return [value for value in requested if value not in allowed]


def invalid_year_range(requested: list[str], first: int, last: int) -> str | None:
    """Why a year range from the URL cannot be used (None when it can, or when none was given)."""
    if not requested:
        return None
    if len(requested) != 2:
        return f"«{'&'.join(requested)}» er ikke et årsintervall (bruk to år, f.eks. aar={first}&aar={last})"
    try:
        years = [int(float(value)) for value in requested]
    except ValueError:
        return f"«{' – '.join(requested)}» er ikke år"
    if any(year < first or year > last for year in years):
        return f"{years[0]}–{years[1]} er utenfor årene med tall ({first}–{last})"
    return None


def notice(parameter: str, problem: str) -> str:
    """The warning shown for a bad URL value, escaped: it quotes what the link said, and links are untrusted."""
    return fmt.escape_markdown(f"Lenken inneholdt et ugyldig valg for «{parameter}»: {problem}. Valget er ignorert.")


def unknown_notice(parameter: str, noun: str, requested: Iterable[str], allowed: Iterable[str]) -> str | None:
    """The warning for the values of `parameter` a bound widget cannot use («ukjent mål «X»»), or None."""
    unknown = unknown_values(requested, allowed)
    return notice(parameter, f"ukjent {noun} " + ", ".join(f"«{value}»" for value in unknown)) if unknown else None


def view_notice(requested: list[str], options: Iterable[str], offline: bool) -> str | None:
    """Why the view a link asks for («visning», the first option by default) is not the one shown: it is
    unknown, or it needs the jobs series year by year, which the offline snapshot does not have."""
    options = list(options)
    problem = unknown_notice("visning", "visning", requested, options)
    if problem or not offline or not requested or requested[-1] == options[0]:
        return problem
    return fmt.escape_markdown(f"Visningen «{requested[-1]}» trenger arbeidsplassene år for år fra SSB, og de er "
                               "ikke hentet ennå. Siden viser tallene som følger med appen.")
