"""The status command line: periods, history, CSV export and import, and the editor password hash."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from byr_data.__main__ import main
from byr_data.programme import goal_files
from byr_data.status import csv_format, model as sm, passwords, store as ss

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"
REPORT = len(sm.baseline_entries(goal_files.load_goals(), goal_files.load_portfolio()))  # statuses in the report
ITEMS = len(sm.report_items(goal_files.load_goals(), goal_files.load_portfolio()))


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.replace(NBSP, " "), err.replace(NBSP, " ")


def read_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(csv_format.BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_bytes((csv_format.BOM + out.getvalue()).encode("utf-8"))
    return path


def next_period(capsys, tmp_path, period="2025 H2", day="15.12.2025", rows=None) -> Path:
    """The report's statuses exported as a template, turned into a new period as the docs say: the
    secretariat writes the period, the date and its own basis, and removes our notes on the report."""
    template = tmp_path / "mal.csv"
    assert run(capsys, "export", "--period", sm.BASELINE_PERIOD, "--output", str(template))[0] == 0
    header, *lines = read_rows(template)
    for line in lines:
        line[0], line[5], line[6], line[7] = period, "vurdert av sekretariatet", day, ""
    lines = lines if rows is None else [lines[n] for n in rows]
    return write_rows(tmp_path / f"{period}.csv", [header, *lines])


# -- periods and history -------------------------------------------------------------------------
def test_periods_without_a_database_show_the_report_and_create_nothing(capsys):
    code, out, err = run(capsys, "periods")
    assert code == 0, err
    assert f"2018 (sluttrapport)    fra sluttrapporten, {REPORT} statuser" in out
    assert "(finnes ikke ennå)" in out
    assert not ss.db_path().exists()


def test_template_export_has_norwegian_headers_semicolons_and_a_bom(capsys, tmp_path):
    out_file = tmp_path / "mal.csv"
    code, out, _ = run(capsys, "export", "--period", sm.BASELINE_PERIOD, "--output", str(out_file))
    assert code == 0 and f"Skrev {REPORT} oppføringer" in out
    header, first, *rest = read_rows(out_file)
    assert header == ["Periode", "Type", "Id", "Navn", "Status", "Grunnlag", "Dato", "Kommentar", "Belegg",
                      "Registrert av", "Registrert"]
    assert first[:6] == [sm.BASELINE_PERIOD, "kriterium", "arbeidsplasser-1", "Netto pluss 100 arbeidsplasser",
                         "nådd", "står i sluttrapporten (2018)"]
    assert first[9] == "sluttrapporten (2018)"  # stated by the report itself
    assessed = next(row for row in rest if row[2] == "sakornfond-2")
    assert (assessed[5], assessed[9]) == ("vår vurdering ut fra sluttrapporten (2018)",) * 2
    assert assessed[7].startswith("Vår merknad: ")


def test_a_template_that_still_credits_the_report_or_our_reading_is_not_imported_as_the_secretariats(
        capsys, tmp_path):
    template = tmp_path / "mal.csv"
    run(capsys, "export", "--period", sm.BASELINE_PERIOD, "--output", str(template))
    header, *rows = read_rows(template)
    stated, assessed = rows[0], next(row for row in rows if row[2] == "sakornfond-2")
    for row in (stated, assessed):
        row[0], row[6] = "2025 H2", "15.12.2025"
    stated[7] = ""  # one problem a line is reported: the stated row keeps only the report's basis
    read = [*assessed[:7], "", *assessed[8:]]  # and this one only our reading as its basis
    code, out, err = run(capsys, "import", str(write_rows(tmp_path / "ny.csv", [header, stated, assessed, read])),
                         "--who", "Kari")
    assert code == 1 and out == ""
    assert "grunnlaget «står i sluttrapporten (2018)» gjelder sluttrapporten (2018)" in err
    assert "grunnlaget «vår vurdering ut fra sluttrapporten (2018)» gjelder sluttrapporten (2018)" in err
    assert "kommentaren er vår merknad til sluttrapporten" in err
    stated[5], assessed[5], assessed[7] = "oppgitt i rapport", "vurdert av sekretariatet", ""
    code, out, err = run(capsys, "import", str(write_rows(tmp_path / "ny.csv", [header, stated, assessed])),
                         "--who", "Kari")
    assert code == 0, err
    assert {e.who for e in ss.read_history()} == {"Kari"}  # not the report's credit from the template


def test_import_then_periods_and_history(capsys, tmp_path):
    new_period = next_period(capsys, tmp_path)
    code, out, err = run(capsys, "import", str(new_period), "--who", "Kari Nordmann")
    assert code == 0, err
    assert f"Importerte {REPORT} oppføringer i 2025 H2 til {ss.db_path()}" in out
    code, out, _ = run(capsys, "periods")
    assert out.index("2025 H2") < out.index(sm.BASELINE_PERIOD)
    assert f"dato 15.12.2025, {REPORT} oppføringer for {REPORT} av {ITEMS} kriterier og prosjekter" in out
    code, out, _ = run(capsys, "history", "sakornfond-1")
    assert code == 0
    assert "Historikk for kriterium «sakornfond-1»" in out
    assert out.index(sm.BASELINE_PERIOD) < out.index("2025 H2")
    assert "registrert" in out and "av Kari Nordmann" in out


def test_a_correction_shows_in_the_history(capsys, tmp_path):
    header, *rows = read_rows(next_period(capsys, tmp_path, rows=[5]))
    correction = rows[0].copy()
    correction[4], correction[8] = "nådd", "Styrets vedtak 10.12.2025"
    write_rows(tmp_path / "rettet.csv", [header, rows[0], correction])
    code, out, _ = run(capsys, "import", str(tmp_path / "rettet.csv"), "--who", "Kari")
    assert code == 0 and "1 linjer gjentar en id i samme periode" in out
    code, out, _ = run(capsys, "history", rows[0][2])
    assert out.count("erstattet av en senere oppføring i samme periode") == 1
    assert "nådd (" in out.splitlines()[-2] or "nådd (" in out


def test_history_of_an_unknown_id(capsys):
    code, _, err = run(capsys, "history", "finnes-ikke")
    assert code == 1 and "verken et kriterium eller et prosjekt" in err


# -- round trip ----------------------------------------------------------------------------------
def test_export_import_round_trip_is_equal(capsys, tmp_path, monkeypatch):
    assert run(capsys, "import", str(next_period(capsys, tmp_path)), "--who", "Kari")[0] == 0
    header, *rows = read_rows(next_period(capsys, tmp_path, "2026 H1", "20.06.2026", rows=[0, 3, 7]))
    rows[1][7] = 'Kommentar med «sitat», semikolon; og "anførsel"\nog en ny linje'
    assert run(capsys, "import", str(write_rows(tmp_path / "h1.csv", [header, *rows])), "--who", "Ola")[0] == 0
    exported = tmp_path / "alle.csv"
    assert run(capsys, "export", "--output", str(exported))[0] == 0
    single = tmp_path / "h1-ut.csv"
    assert run(capsys, "export", "--period", "2026 h1", "--output", str(single))[0] == 0

    monkeypatch.setenv(ss.DB_ENV, str(tmp_path / "ny" / "status.sqlite3"))
    code, out, err = run(capsys, "import", str(exported))
    assert code == 0, err
    assert f"Importerte {REPORT + 3} oppføringer i 2026 H1, 2025 H2" in out
    again = tmp_path / "alle-igjen.csv"
    assert run(capsys, "export", "--output", str(again))[0] == 0
    assert again.read_bytes() == exported.read_bytes()
    assert ss.read_history() == ss.read_history(tmp_path / "status" / "status.sqlite3")

    monkeypatch.setenv(ss.DB_ENV, str(tmp_path / "tredje" / "status.sqlite3"))
    assert run(capsys, "import", str(single))[0] == 0
    assert run(capsys, "export", "--period", "2026 H1", "--output", str(again))[0] == 0
    assert again.read_bytes() == single.read_bytes()


def test_export_neutralises_formulas_and_import_gives_them_back(capsys, tmp_path, monkeypatch):
    attacks = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)"]
    header, *rows = read_rows(next_period(capsys, tmp_path, rows=[0, 1, 2, 3]))
    for row, attack in zip(rows, attacks):
        row[7] = attack
    assert run(capsys, "import", str(write_rows(tmp_path / "angrep.csv", [header, *rows])), "--who", "Kari")[0] == 0
    assert [e.comment for e in ss.read_history()] == attacks  # stored as typed
    exported = tmp_path / "ut.csv"
    assert run(capsys, "export", "--output", str(exported))[0] == 0
    _, *lines = read_rows(exported)
    assert [line[7] for line in lines] == ["'" + attack for attack in attacks]
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for line in lines for cell in line)
    monkeypatch.setenv(ss.DB_ENV, str(tmp_path / "ny" / "status.sqlite3"))
    assert run(capsys, "import", str(exported))[0] == 0
    assert [e.comment for e in ss.read_history()] == attacks
    again = tmp_path / "igjen.csv"
    assert run(capsys, "export", "--output", str(again))[0] == 0
    assert again.read_bytes() == exported.read_bytes()


# -- import errors -------------------------------------------------------------------------------
def test_import_errors_are_line_numbered_and_nothing_is_written(capsys, tmp_path):
    header, *rows = read_rows(next_period(capsys, tmp_path))
    rows[2][0] = "2025 H3"
    rows[4][4] = "ferdig"
    rows[6][2] = "finnes-ikke"
    rows[8] = rows[8][:5]
    rows[9][6] = "31.12.2099"
    code, out, err = run(capsys, "import", str(write_rows(tmp_path / "feil.csv", [header, *rows])), "--who", "Kari")
    assert code == 1 and out == ""
    assert "ingenting er lagret" in err
    lines = [line.strip() for line in err.splitlines()[1:]]

    def where(index):  # a row's number in a spreadsheet, and its first line in the text file
        row, line = index + 2, 2 + sum(1 + "".join(r).count("\n") for r in rows[:index])
        return f"linje {line}" if row == line else f"rad {row} i regnearket (linje {line} i tekstfila)"

    assert where(2) != "linje 4"  # a cell above spans two lines: the two counts differ
    assert lines[0].startswith(f"{where(2)}: perioden «2025 H3»")
    assert lines[1].startswith(f"{where(4)}: statusen «ferdig» er ukjent")
    assert lines[2].startswith(f"{where(6)}: id «finnes-ikke» er verken")
    assert lines[3].startswith(f"{where(8)}: har 5 kolonner, men overskriften har 11")
    assert lines[4].startswith(f"{where(9)}: datoen 31.12.2099 ligger fram i tid")
    assert len(lines) == 5
    assert not ss.db_path().exists()


def test_import_of_an_existing_period_is_refused(capsys, tmp_path):
    new_period = next_period(capsys, tmp_path)
    assert run(capsys, "import", str(new_period), "--who", "Kari")[0] == 0
    code, _, err = run(capsys, "import", str(new_period), "--who", "Ola")
    assert code == 1 and "perioden 2025 H2 finnes allerede" in err
    assert len(ss.read_history()) == REPORT


def test_the_report_period_cannot_be_imported(capsys, tmp_path):
    template = tmp_path / "mal.csv"
    run(capsys, "export", "--period", sm.BASELINE_PERIOD, "--output", str(template))
    code, _, err = run(capsys, "import", str(template))
    assert code == 1 and "er sluttrapporten og kan ikke importeres" in err


@pytest.mark.parametrize("content, message", [
    (b"", "fila er tom"),
    ("Periode,Id,Status\n2025 H2,a,nådd\n".encode(), "semikolon"),
    ("Periode;Id;Status;Grunnlag;Dato;Farge\n".encode(), "ukjent kolonne «Farge»"),
    ("Periode;Id;Status;Grunnlag\n".encode(), "kolonnen «Dato» mangler"),
    ("Periode;Id;Status;Grunnlag;Dato\n".encode(), "ingen linjer med status"),
    ("Periode;Id;Status;Grunnlag;Dato\n2025 H2;sakornfond-1;nådd;oppgitt;01.12.2025\n".encode("cp1252"), "ikke lagret som UTF-8"),
    ("Periode;Id;Status;Grunnlag;Dato\n2025 H2;sakornfond-1;ikke angitt;oppgitt;01.12.2025\n".encode(), "hvem som registrerer"),
    ("Periode;Type;Id;Status;Grunnlag;Dato\n2025 H2;prosjekt;sakornfond-1;ikke angitt;oppgitt;01.12.2025\n".encode(),
     "er et kriterium, men «Type» sier «prosjekt»"),
])
def test_bad_files(capsys, tmp_path, content, message):
    path = tmp_path / "fil.csv"
    path.write_bytes(content)
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and message in err
    assert not ss.db_path().exists()


def test_a_cell_beyond_the_csv_field_limit_is_named_in_norwegian(capsys, tmp_path):
    header, *rows = read_rows(next_period(capsys, tmp_path, rows=[0, 1]))
    rows[1][7] = "x" * 140_000
    code, out, err = run(capsys, "import", str(write_rows(tmp_path / "lang.csv", [header, *rows])), "--who", "Kari")
    assert code == 1 and out == ""
    assert "linje 4: en celle er lengre enn 131 072 tegn" in err and "field" not in err
    assert not ss.db_path().exists()


@pytest.mark.parametrize("column, value, message", [
    (7, "før\x00etter", "kommentaren inneholder et nulltegn (U+0000), som ikke kan lagres"),
    (8, "Protokoll\x00", "belegget inneholder et nulltegn"),
    (7, "x" * 5000, "kommentaren har 5 000 tegn; høyst 4 000 er tillatt"),
], ids=["nul-in-comment", "nul-in-evidence", "long-comment"])
def test_nul_and_overlong_text_are_refused(capsys, tmp_path, column, value, message):
    header, *rows = read_rows(next_period(capsys, tmp_path, rows=[0, 1]))
    rows[1][column] = value
    code, _, err = run(capsys, "import", str(write_rows(tmp_path / "feil.csv", [header, *rows])), "--who", "Kari")
    assert code == 1 and f"(linje 4 i tekstfila): {message}" in err  # the row above has a cell of two lines
    assert not ss.db_path().exists()


def test_an_invisible_registered_by_is_empty(capsys, tmp_path):
    header, *rows = read_rows(next_period(capsys, tmp_path, rows=[0]))
    rows[0][9] = "\u200b\u200c\u200d"
    path = write_rows(tmp_path / "usynlig.csv", [header, *rows])
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and "det står ikke hvem som registrerer statusen" in err
    assert run(capsys, "import", str(path), "--who", "Kari")[0] == 0
    assert [e.who for e in ss.read_history()] == ["Kari"]


def test_a_file_over_the_size_limit_is_refused_unread(capsys, tmp_path):
    path = tmp_path / "stor.csv"
    path.write_bytes(b"Periode;Id;Status;Grunnlag;Dato\n" + b"x" * csv_format.MAX_IMPORT_BYTES)
    code, _, err = run(capsys, "import", str(path), "--who", "Kari")
    assert code == 1 and "fila er større enn 10 MB" in err
    assert not ss.db_path().exists()


def test_a_minimal_file_with_who_on_the_command_line(capsys, tmp_path):
    path = tmp_path / "fil.csv"
    path.write_text("periode;id;status;grunnlag;dato\n2025 H2;kingscross;ikke angitt;vurdert;2025-12-01\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--who", "Kari")
    assert code == 0, err
    [entry] = ss.read_history()
    assert (entry.item, entry.status, entry.basis, entry.who) == ("kingscross", "ikke angitt", "assessed", "Kari")


# -- an unusable database ------------------------------------------------------------------------
def test_a_corrupt_database(capsys, tmp_path):
    ss.db_path().parent.mkdir(parents=True)
    ss.db_path().write_bytes(b"\x00garbage" * 512)
    code, out, err = run(capsys, "periods")
    assert code == 1 and sm.BASELINE_PERIOD in out
    assert "er skadet eller ikke en database" in err
    code, _, err = run(capsys, "import", str(next_period(capsys, tmp_path)), "--who", "Kari")
    assert code == 1 and "skadet" in err


def test_import_into_a_read_only_database_is_one_norwegian_sentence(capsys, tmp_path, read_only_sqlite):
    assert run(capsys, "import", str(next_period(capsys, tmp_path)), "--who", "Kari")[0] == 0
    read_only_sqlite()
    code, out, err = run(capsys, "import", str(next_period(capsys, tmp_path, "2026 H1", "20.06.2026")), "--who", "Kari")
    assert code == 1 and out == ""
    assert err == f"Feil: Statusdatabasen ({ss.db_path()}) er skrivebeskyttet: fila eller mappen kan bare leses, så " \
                  "ingenting er lagret.\n"
    assert len(ss.read_history()) == REPORT


def test_a_database_from_a_newer_app(capsys):
    ss.open_store(create=True).close()
    with sqlite3.connect(ss.db_path()) as conn:
        conn.execute(f"PRAGMA user_version = {ss.SCHEMA_VERSION + 3}")
    code, _, err = run(capsys, "history", "sakornfond-1")
    assert code == 1 and "nyere versjon av appen" in err


# -- password hash -------------------------------------------------------------------------------
def test_password_hash_command_prints_a_verifiable_secrets_line():
    done = subprocess.run([sys.executable, "-m", "byr_data", "password-hash"], input="et langt passord 2026\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "secrets.toml" in done.stderr
    key, value = done.stdout.strip().split(" = ")
    assert key == passwords.SECRET_KEY
    stored = value.strip('"')
    assert passwords.verify("et langt passord 2026", stored)
    assert not passwords.verify("et langt passord 2027", stored)


def test_password_hashes_are_salted_and_checked():
    first, second = passwords.hash_password("korrekt hest batteri"), passwords.hash_password("korrekt hest batteri")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert passwords.verify("korrekt hest batteri", second)
    with pytest.raises(passwords.PasswordError, match="minst 12 tegn"):
        passwords.hash_password("kort")
    with pytest.raises(passwords.PasswordError, match="kan ikke leses"):
        passwords.verify("x", "md5$abc")
    code = subprocess.run([sys.executable, "-m", "byr_data", "password-hash"], input="kort\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert code.returncode == 1 and "minst 12 tegn" in code.stderr
