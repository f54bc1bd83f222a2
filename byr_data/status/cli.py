"""Command line for the status history: `python -m byr_data periods|history|export|import|backup|restore|password-hash`.

Registered in byr_data/__main__.py; every message is Norwegian, and nothing is half written:
an import is validated in full before one transaction records it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from contextlib import closing
from pathlib import Path

from byr_data import fmt
from byr_data.programme import goal_files, goals, sources
from byr_data.status import backup as status_backup, csv_format, model as sm, period_view, passwords, store as ss

COMMANDS = ("periods", "history", "export", "import", "backup", "restore", "password-hash")


def _report_data() -> tuple[goals.GoalMatrix, goals.Portfolio, dict[str, sm.Item]]:
    matrix, portfolio = goal_files.load_goals(), goal_files.load_portfolio()
    return matrix, portfolio, sm.report_items(matrix, portfolio)


def _history() -> tuple[sm.Entry, ...]:
    return ss.read_history(ss.db_path())


def _where() -> str:
    path = ss.db_path()
    return f"Statusdatabase: {path}" + ("" if path.exists() else " (finnes ikke ennå)")


def periods(_args) -> int:
    matrix, portfolio, items = _report_data()
    baseline = sm.baseline_entries(matrix, portfolio)
    try:
        history = _history()
    except ss.StatusDbError as exc:
        print(f"  {sm.BASELINE_PERIOD:<22} fra sluttrapporten, {len(baseline)} statuser")
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    view = period_view.build_view(items, baseline, history)
    print("Perioder (nyeste først):")
    for period in view.periods:
        if period.from_report:
            print(f"  {period.label:<22} fra sluttrapporten, {period.items} statuser")
        else:
            print(f"  {period.label:<22} dato {period.date:%d.%m.%Y}, {period.entries} oppføringer "
                  f"for {period.items} av {len(items)} kriterier og prosjekter")
    if view.unknown_items:
        print(f"Merk: databasen har status for id-er som ikke lenger finnes: {', '.join(view.unknown_items)}")
    print(_where())
    return 0


def _describe(entry: sm.Entry, superseded: bool) -> list[str]:
    head = f"  {entry.period:<22} {entry.status} ({sources.basis_label(entry.basis, entry.from_report)})"
    if entry.date:
        head += f", dato {entry.date:%d.%m.%Y}"
    if entry.recorded_at:
        head += f", registrert {fmt.timestamp(entry.recorded_at)} av {entry.who}"
    if superseded:
        head += " – erstattet av en senere oppføring i samme periode"
    lines = [head]
    if entry.comment:
        lines.append(f"      {sources.labelled_note(entry.comment, entry.from_report)}")
    lines += [f"      Belegg: {quote}" for quote in entry.evidence]
    return lines


def history(args) -> int:
    matrix, portfolio, items = _report_data()
    item = items.get(args.id)
    if item is None:
        print(f"Feil: id «{args.id}» er verken et kriterium eller et prosjekt.", file=sys.stderr)
        return 1
    print(f"Historikk for {item.kind} «{item.id}»: {item.name}")
    baseline = [e for e in sm.baseline_entries(matrix, portfolio) if e.item == item.id]
    if not baseline:
        print(f"  {sm.BASELINE_PERIOD:<22} ingen status i sluttrapporten")
    for entry in baseline:
        print("\n".join(_describe(entry, False)))
    try:
        entries = [e for e in _history() if e.item == item.id]
    except ss.StatusDbError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    for period in reversed(sm.sorted_periods(e.period for e in entries)):
        in_period = [e for e in entries if e.period == period]
        counting = {period_view.latest_per_item(in_period)[item.id].id}
        for entry in in_period:
            print("\n".join(_describe(entry, entry.id not in counting)))
    return 0


def export(args) -> int:
    matrix, portfolio, items = _report_data()
    if args.period == sm.BASELINE_PERIOD:
        entries = list(sm.baseline_entries(matrix, portfolio))
    else:
        try:
            label = sm.parse_period(args.period) if args.period else None
            entries = [e for e in _history() if label is None or e.period == label]
        except (sm.EntryError, ss.StatusDbError) as exc:
            print(f"Feil: {exc}", file=sys.stderr)
            return 1
        if label and not entries:
            print(f"Feil: perioden {label} finnes ikke i statusdatabasen.", file=sys.stderr)
            return 1
    name = (args.period or "alle").replace(" (sluttrapport)", "").replace(" ", "-")
    output = Path(args.output or f"status-{name}.csv")
    try:
        output.write_bytes(csv_format.to_csv(entries, items))
    except OSError as exc:
        print(f"Feil: {output} kan ikke skrives ({exc.strerror}).", file=sys.stderr)
        return 1
    print(f"Skrev {len(entries)} oppføringer til {output}")
    return 0


def import_(args) -> int:
    matrix, portfolio, items = _report_data()
    path = Path(args.file)
    try:
        with path.open("rb") as file:
            data = file.read(csv_format.MAX_IMPORT_BYTES + 1)  # enough for from_csv to see a file that is too big
    except OSError as exc:
        print(f"Feil: {path} kan ikke leses ({exc.strerror}).", file=sys.stderr)
        return 1
    try:
        entries = csv_format.from_csv(data, items=items, vocabulary=matrix.vocabulary,
                                      today=sm.now_utc().astimezone(csv_format.OSLO).date(), who=args.who or "")
    except csv_format.CsvImportError as exc:
        print(f"Feil i {path} – ingenting er lagret:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    try:
        with closing(ss.open_store(ss.db_path(), create=True)) as store:
            count = store.record(entries, new_periods_only=True, who=args.who or "")
    except ss.StatusDbError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    labels = sm.sorted_periods(e.period for e in entries)
    print(f"Importerte {count} oppføringer i {', '.join(labels)} til {ss.db_path()}")
    repeated = len(entries) - len({(e.period, e.item) for e in entries})
    if repeated:
        print(f"  Merk: {repeated} linjer gjentar en id i samme periode; den siste linjen for hver id teller.")
    return 0


def backup(args) -> int:
    target = Path(args.file)
    try:
        contents = status_backup.backup(target, ss.db_path())
    except ss.StatusDbError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    print(f"Skrev sikkerhetskopi av {ss.db_path()} til {target}: {contents}.")
    return 0


def restore(args) -> int:
    source = Path(args.file)
    try:
        restored = status_backup.restore(source, ss.db_path())
    except ss.StatusDbError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    print(f"Gjenopprettet {ss.db_path()} fra {source}: {restored.contents}.")
    if restored.previous is not None and restored.previous_contents is not None:
        print(f"  Databasen som ble erstattet ({restored.previous_contents}), er tatt vare på i {restored.previous}.")
    elif restored.previous is not None:
        print(f"  Den skadede databasen er lagt til side som {restored.previous}.")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Nytt passord for redaktører: ")
        if getpass.getpass("Gjenta passordet: ") != first:
            raise passwords.PasswordError("Passordene er ikke like.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def password_hash(_args) -> int:
    try:
        line = passwords.secrets_line(_read_password())
    except passwords.PasswordError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    print("Lim inn denne linjen i .streamlit/secrets.toml (aldri i git):", file=sys.stderr)
    print(line)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m byr_data", description="Statushistorikk for mål og prosjekter.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("periods", help="vis rapporteringsperiodene").set_defaults(run=periods)
    p = sub.add_parser("history", help="vis historikken for et kriterium eller prosjekt")
    p.add_argument("id", help="kriteriets eller prosjektets id, f.eks. sakornfond-1")
    p.set_defaults(run=history)
    p = sub.add_parser("export", help="skriv status til CSV (semikolon, UTF-8)")
    p.add_argument("--period", help=f"én periode, f.eks. «2026 H2» eller «{sm.BASELINE_PERIOD}» (standard: alle i databasen)")
    p.add_argument("--output", help="filnavn (standard: status-<periode>.csv)")
    p.set_defaults(run=export)
    p = sub.add_parser("import", help="les en CSV-fil inn som ny periode (alt eller ingenting)")
    p.add_argument("file", help="CSV-fila")
    p.add_argument("--who", help="hvem som registrerer, for linjer uten «Registrert av»")
    p.set_defaults(run=import_)
    p = sub.add_parser("backup", help="ta sikkerhetskopi av statusdatabasen (SQLites backup, trygt mens appen kjører)",
                       description="Skriver en sikkerhetskopi av statusdatabasen til FIL med SQLites backup-funksjon: "
                                   "en hel og konsistent kopi også mens appen lagrer.")
    p.add_argument("file", metavar="FIL", help="fila sikkerhetskopien skrives til, f.eks. status-2026-12-15.sqlite3")
    p.set_defaults(run=backup)
    p = sub.add_parser("restore", help="gjenopprett statusdatabasen fra en sikkerhetskopi",
                       description="Erstatter statusdatabasen med sikkerhetskopien i FIL. Fila kontrolleres først; "
                                   "en skadet fil, eller en fil fra en nyere versjon av appen, avvises uten at noe "
                                   "endres. Databasen som erstattes, tas vare på ved siden av (…forrige-<tid>).")
    p.add_argument("file", metavar="FIL", help="sikkerhetskopien som skal gjenopprettes")
    p.set_defaults(run=restore)
    sub.add_parser("password-hash", help="lag passord-hash for redaktører").set_defaults(run=password_hash)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except goals.GoalsDataError as exc:
        print(f"Feil i målmatrisen eller prosjektene: {exc}", file=sys.stderr)
        return 1
