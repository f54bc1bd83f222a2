"""Command line: `python -m byr_data refresh|refresh-landet|status`, and the status-history commands of status.cli."""

from __future__ import annotations

import argparse
import sys

from byr_data import fmt, regions
from byr_data.jobs import notes
from byr_data.ssb import cache, client as ssb_client
from byr_data.status import cli as status_cli


def _progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _names(codes) -> str:
    """«Lillehammer (3405)», or «kommunenummer 3405» while SSB's name is not known here."""
    names = [regions.municipality_name(c) for c in codes]
    return ", ".join(name if code in name else f"{name} ({code})" for code, name in zip(codes, names))


def refresh() -> int:
    try:
        print(f"Henter tabell {ssb_client.TABLE} fra {ssb_client.base_url()} …", file=sys.stderr)
        dataset = cache.refresh(progress=_progress)
    except cache.REFRESH_ERRORS as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        print("Hurtiglageret er ikke endret.", file=sys.stderr)
        return 1
    frame = dataset.frame
    municipalities = list(dict.fromkeys(c for c in frame["kommunenummer"] if c != regions.NORWAY))
    print(f"Lagret {cache.cache_file()}")
    print(f"  rader:    {fmt.integer(len(frame))}")
    print(f"  år:       {frame['aar'].min()}–{frame['aar'].max()}")
    print(f"  kommuner: {_names(municipalities)} (+ hele landet)")
    print(f"  kilde:    {dataset.provenance.source_label}, tabell {dataset.provenance.table}")
    print(f"  SSB oppdatert: {fmt.ssb_updated(dataset.provenance.updated)}")
    for note in dataset.notices:
        print(f"  merk: {note}")
    return 0


def refresh_country() -> int:
    """«Regionen i landet»: every municipality from table 07984 into its own cache file (ssb.country)."""
    from byr_data.compare import charts
    from byr_data.ssb import country

    try:
        settings = regions.load_settings()
        configured = [*settings.selectable, *(c for other in settings.compare for c in other.members)]
        print(f"Henter tabell {ssb_client.TABLE} for alle kommuner fra {ssb_client.base_url()} …", file=sys.stderr)
        data = country.refresh(cache.cache_dir(), list(dict.fromkeys(configured)), charts.map_names(), progress=_progress)
    except (ssb_client.SsbError, country.CountryError, regions.SettingsError, OSError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        print("Hurtiglageret for landet er ikke endret.", file=sys.stderr)
        return 1
    municipalities = data.frame.loc[data.frame["kommunenummer"] != regions.NORWAY, "kommunenummer"].nunique()
    print(f"Lagret {country.cache_file(cache.cache_dir())}")
    print(f"  kommuner: {municipalities} (+ hele landet), år {data.frame['aar'].min()}–{data.frame['aar'].max()}")
    print(f"  forespørsler til SSB: {data.requests_made}")
    for note in data.notes:
        print(f"  merk: {note}")
    return 0


def status() -> int:
    now = cache.now_utc()
    try:
        settings = regions.load_settings()
    except regions.SettingsError as exc:
        settings = None
        settings_error = exc
    expected = settings.selectable if settings else ()
    info = cache.cache_status(expected)
    if not info.exists:
        print(f"Hurtiglager: ingen ({info.path})")
    elif info.problem:
        print(f"Hurtiglager: ubrukelig – {info.problem}")
    else:
        provenance = info.provenance
        state = "gammelt, bør oppdateres" if provenance.is_stale(now) else "ferskt"
        print(f"Hurtiglager: {info.path}")
        print(f"  hentet: {fmt.timestamp(provenance.fetched_at)} ({fmt.age(provenance.age(now))} siden, {state})")
        print(f"  rader: {fmt.integer(info.rows)}; SSB oppdatert: {fmt.ssb_updated(provenance.updated)}")
    try:
        dataset = cache.load_local(expected)
    except cache.DataError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    print(f"Appen bruker nå: {dataset.provenance.source_label} ({dataset.provenance.table})")
    if notes.jobs_table(dataset.frame) != notes.LIVE_TABLE:
        print("  Merk: ingen tidsserie for arbeidsplasser fra 2008 (SSB tabell 07984); uten den viser appen "
              "tabell 11618 (2017–2022). Kjør: python -m byr_data refresh")
    for notice in dataset.notices:
        print(f"  Merk: {notice}")
    if settings is None:
        print(f"Feil i regioninnstillingene: {settings_error}", file=sys.stderr)
        return 1
    print(f"Region: {settings.name} – {_names(settings.members)}")
    if settings.optional:
        print(f"  kan også velges: {_names(settings.optional)}")
    lacking = dataset.lacking(settings.selectable)
    if lacking:
        print(f"  Merk: tallene appen bruker mangler {_names(lacking)}. Kjør: python -m byr_data refresh")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in status_cli.COMMANDS:
        return status_cli.main(argv)
    parser = argparse.ArgumentParser(prog="python -m byr_data", description="Data for Byregion-dashbordet.")
    parser.add_argument("command", choices=["refresh", "refresh-landet", "status", *status_cli.COMMANDS],
                        help="refresh: hent fra SSB; refresh-landet: hent alle kommuner i landet fra SSB; "
                             "status: vis hurtiglager; "
                             f"{', '.join(status_cli.COMMANDS)}: statushistorikk for mål og prosjekter "
                             "(python -m byr_data KOMMANDO --help)")
    args = parser.parse_args(argv)
    if args.command == "refresh-landet":
        return refresh_country()
    return refresh() if args.command == "refresh" else status()


if __name__ == "__main__":
    sys.exit(main())
