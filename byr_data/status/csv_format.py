"""Status entries as CSV for spreadsheets: Norwegian headers, semicolons, UTF-8 with BOM.

Export writes entries in recording order (corrections included, so the history survives a
round trip), every cell neutralised against formula injection (`export.neutralise`). Import reads
such a file back, takes that guard off again (`export.restore`, so import → export gives the same
bytes), validates every line against the goal matrix, the projects and the status vocabulary, and
returns all entries or a list of line-numbered Norwegian errors: never a part of the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from byr_data import export, fmt
from byr_data.programme import goals, sources
from byr_data.status import model as sm, text as text_rules

BOM = "\ufeff"
DELIMITER = ";"
OSLO = ZoneInfo("Europe/Oslo")
# Column header -> field. Required columns are marked True.
COLUMNS: dict[str, tuple[str, bool]] = {
    "Periode": ("period", True),
    "Type": ("kind", False),
    "Id": ("item", True),
    "Navn": ("name", False),
    "Status": ("status", True),
    "Grunnlag": ("basis", True),
    "Dato": ("date", True),
    "Kommentar": ("comment", False),
    "Belegg": ("evidence", False),
    "Registrert av": ("who", False),
    "Registrert": ("recorded_at", False),
}
MAX_ERRORS = 50
MAX_IMPORT_BYTES = 10_000_000  # 10 MB: years of periods with long comments fit many times over


class CsvImportError(ValueError):
    """The file cannot be imported; `errors` are Norwegian, each naming its line."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def to_csv(entries: Sequence[sm.Entry], items: Mapping[str, sm.Item]) -> bytes:
    """The entries as a spreadsheet file (bytes: UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for e in entries:
        item = items.get(e.item)
        writer.writerow(export.neutralise(cell) for cell in [
            e.period,
            item.kind if item else "",
            e.item,
            item.name if item else "",
            e.status,
            sources.basis_label(e.basis, e.from_report),
            e.date.strftime("%d.%m.%Y") if e.date else "",
            sources.labelled_note(e.comment, True) if e.from_report else e.comment,
            sm.join_evidence(e.evidence),
            sources.credit(e.basis, e.from_report, e.who),
            e.recorded_at.isoformat() if e.recorded_at else "",
        ])
    return (BOM + out.getvalue()).encode("utf-8")


def _recorded_at(text: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise sm.EntryError(f"tidspunktet «{text}» i «Registrert» er ugyldig (skriv f.eks. 2026-12-15T10:30:00+01:00)") from None
    return moment.replace(tzinfo=OSLO) if moment.tzinfo is None else moment


def _header(row: list[str]) -> list[str]:
    errors = []
    names = [cell.strip() for cell in row]
    if len(names) == 1 and ("," in names[0] or "\t" in names[0]):
        raise CsvImportError(["linje 1: kolonnene skal skilles med semikolon (;), ikke komma eller tabulator"])
    known = {name.casefold(): name for name in COLUMNS}
    header = []
    for name in names:
        if name.casefold() not in known:
            errors.append(f"linje 1: ukjent kolonne «{name}» (gyldige: {', '.join(COLUMNS)})")
        header.append(known.get(name.casefold(), name))
    for name, (_, required) in COLUMNS.items():
        if required and name not in header:
            errors.append(f"linje 1: kolonnen «{name}» mangler")
    duplicates = sorted({name for name in header if header.count(name) > 1})
    errors += [f"linje 1: kolonnen «{name}» står flere ganger" for name in duplicates]
    if errors:
        raise CsvImportError(errors)
    return header


def from_csv(
    data: bytes,
    *,
    items: Mapping[str, sm.Item],
    vocabulary: Sequence[goals.StatusWord],
    today: date,
    who: str = "",
) -> list[sm.Entry]:
    """Every line of the file as a validated entry, or CsvImportError with all problems found.

    who: recorded as «who» for lines whose «Registrert av» is empty."""
    if len(data) > MAX_IMPORT_BYTES:
        raise CsvImportError([f"fila er større enn {MAX_IMPORT_BYTES // 1_000_000} MB, som er det meste en import kan "
                              "ha; del den opp i flere filer"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvImportError(["fila er ikke lagret som UTF-8 (velg «CSV UTF-8» når du lagrer i Excel)"]) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise CsvImportError([f"linje 1: {_csv_problem(exc)}"]) from None
    if first is None or not any(cell.strip() for cell in first):
        raise CsvImportError(["fila er tom (første linje skal være kolonneoverskriftene)"])
    header = _header(first)
    entries: list[sm.Entry] = []
    errors: list[str] = []
    line, row_number = reader.line_num + 1, 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(f"linje {line}: {_csv_problem(exc)}")
            break
        start, line, row_number = line, reader.line_num + 1, row_number + 1
        # A spreadsheet counts rows; a text editor counts lines (a cell may span several).
        where = f"linje {start}" if start == row_number else f"rad {row_number} i regnearket (linje {start} i tekstfila)"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(f"{where}: har {len(row)} kolonner, men overskriften har {len(header)}")
            continue
        values = {COLUMNS[name][0]: export.restore(cell) for name, cell in zip(header, row)}
        try:
            entries.append(_entry(values, items, vocabulary, today, who))
        except sm.EntryError as exc:
            errors.append(f"{where}: {exc}")
        if len(errors) >= MAX_ERRORS:
            errors.append(f"… flere feil finnes; de første {MAX_ERRORS} er vist")
            break
    if not entries and not errors:
        errors.append("fila har ingen linjer med status under overskriftene")
    if errors:
        raise CsvImportError(errors)
    return entries


def _csv_problem(exc: csv.Error) -> str:
    """Python's English csv message, in Norwegian (the reader stops there: the rest is not read)."""
    if "field limit" in str(exc):
        return (f"en celle er lengre enn {fmt.integer(csv.field_size_limit())} tegn, så resten av fila er ikke lest "
                f"(en kommentar kan ha høyst {fmt.integer(text_rules.MAX_COMMENT_CHARS)} tegn; kanskje mangler et "
                "avsluttende anførselstegn)")
    return "linjen kan ikke leses som CSV, så resten av fila er ikke lest (kanskje står anførselstegnene ikke parvis)"


def _entry(values: dict[str, str], items, vocabulary, today: date, who: str) -> sm.Entry:
    period = values["period"].strip()
    if period == sm.BASELINE_PERIOD:
        raise sm.EntryError(
            f"perioden «{period}» er sluttrapporten og kan ikke importeres; skriv den nye perioden, f.eks. "
            f"«{sm.period_of(today)}»"
        )
    if values.get("comment", "").strip().startswith(f"{sources.OUR_NOTE}:"):
        raise sm.EntryError("kommentaren er vår merknad til sluttrapporten; skriv sekretariatets egen kommentar for "
                            "perioden, eller la feltet stå tomt")
    item = values["item"].strip()
    kind = values.get("kind", "").strip().casefold()
    if kind and item in items and kind != items[item].kind:
        raise sm.EntryError(f"id «{item}» er et {items[item].kind}, men «Type» sier «{values['kind'].strip()}»")
    return sm.make_entry(
        item=item,
        period=period,
        status=values["status"],
        basis=values["basis"],
        day=values["date"],
        # The final report's credit in a template is no editor: the importing editor is recorded instead.
        who=("" if sources.is_baseline_label(values.get("who", "")) else text_rules.trim_invisible(values.get("who", "")))
        or who,
        comment=values.get("comment", ""),
        evidence=values.get("evidence", ""),
        recorded_at=_recorded_at(values.get("recorded_at", "")),
        items=items,
        vocabulary=vocabulary,
        today=today,
    )
