"""Table 07984 from SSB -> the project's tidy frame, for the configured municipalities.

A refresh costs at most four requests: the table's metadata, the code list (unless cached), the
municipalities with today's borders (the chosen code list), and the whole country together with every
old and new number of the municipalities (plain codes). The second data query serves twice: it checks
that SSB's aggregated figures are the sums of their parts, and it is the fallback when there is no
usable code list (or SSB refuses it): old and new numbers summed through the code history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from byr_data import regions
from byr_data.ssb import codelist_choice, codelists, jsonstat
from byr_data.ssb.client import TABLE, SsbClient, SsbError, SsbRefused

FIRST_YEAR = regions.FIRST_YEAR
MEASURES = {"SysselsatteArb": "arbeidssted", "Sysselsatte": "bosted"}
TOTAL_INDUSTRY = "00-99"
COLUMNS = ["kommunenummer", "kommune", "aar", "maal", "naering", "naering_tekst", "verdi", "status", "kilde"]
SUM_TOLERANCE = 0.5  # persons: SSB's figures are whole numbers

NOTE_NO_CODELIST = ("SSB tilbyr ikke denne tabellen med dagens kommunegrenser. Tallene er satt sammen av "
                    "kommunenes gamle og nye kommunenummer.")
NOTE_NO_HISTORY = ("SSB tilbyr ikke denne tabellen med dagens kommunegrenser, og tidligere kommunenummer "
                   "kunne ikke leses for alle kommunene; for dem er bare tall under dagens kommunenummer brukt.")


@dataclass
class FetchResult:
    frame: pd.DataFrame  # tidy, COLUMNS
    updated: str | None
    fetched_at: datetime
    queries: list[dict]
    requests_made: int
    notes: list[str] = field(default_factory=list)
    codelist: str | None = None  # the code list the figures came through, None on the plain path


# -- queries -------------------------------------------------------------------------------------
def _selection(region_values: list[str], codelist: str | None) -> dict:
    region = {"variableCode": "Region", "valueCodes": region_values}
    if codelist:
        region["codelist"] = codelist
    return {
        "selection": [
            region,
            {"variableCode": "NACE2007", "valueCodes": ["*"]},
            {"variableCode": "Kjonn", "valueCodes": ["0"]},
            {"variableCode": "Alder", "valueCodes": ["15-74"]},
            {"variableCode": "ContentsCode", "valueCodes": list(MEASURES)},
            {"variableCode": "Tid", "valueCodes": [f"from({FIRST_YEAR})"]},
        ]
    }


def aggregated_query(codelist: codelists.CodeList, codes: Sequence[str]) -> dict:
    """Today's municipalities over the whole series, each by its value in the chosen code list."""
    return _selection([codelist.value_for(code).code for code in codes], codelist.id)


def parts_query(history: dict[str, str]) -> dict:
    """The whole country and every plain (old and new) number of the municipalities, once each."""
    return _selection([regions.NORWAY, *dict.fromkeys(history)], None)


# -- the refresh ---------------------------------------------------------------------------------
def fetch(client: SsbClient, codes: Sequence[str], cache_folder: Path | None = None,
          progress: Callable[[str], None] = lambda message: None) -> FetchResult:
    """Fetch the configured municipalities (`codes`, today's numbers) and the whole country."""
    codes = list(dict.fromkeys(codes))
    notes: list[str] = []
    progress("Leser tabellens metadata hos SSB …")
    meta = client.metadata()
    check_metadata(meta)
    chosen = codelist_choice.choose_codelist(client, meta, codes, cache_folder, progress)
    source = chosen or codelist_choice.history_codelist(client, meta, codes, cache_folder, progress)
    if source is not None:
        shared = source.shared(codes)
        if shared:
            first, second = shared[0]
            raise SsbError(f"Kommunenummer {first} og {second} er samme kommune med dagens grenser "
                           f"({source.value_for(first).name}); bare ett av dem kan stå i regioninnstillingene.")
    history, names, unknown = codelist_choice.code_history(source, codes, codelist_choice.table_regions(meta))
    regions.learn_names(names)
    if chosen is None:
        notes.append(NOTE_NO_CODELIST if not unknown else
                     f"{NOTE_NO_HISTORY} Det gjelder {', '.join(f'kommunenummer {c}' for c in unknown)}.")

    queries: list[dict] = []
    aggregated = None
    if chosen is not None:
        progress("Henter sysselsatte for kommunene med dagens kommunegrenser …")
        queries.append(aggregated_query(chosen, codes))
        try:
            aggregated = client.data(queries[-1])
        except SsbRefused as exc:
            notes.append(f"SSB avviste spørringen med dagens kommunegrenser ({exc.problem}). "
                         "Tallene er satt sammen av kommunenes gamle og nye kommunenummer.")
    progress("Henter tall for hele landet og kommunenes gamle og nye kommunenummer …")
    queries.append(parts_query(history))
    parts_doc = client.data(queries[-1])
    plain = cells(parts_doc)
    former = former_numbers(plain, "region", codes, [source] if source is not None else [])
    if former:
        raise SsbError(" ".join(f.sentence() for f in former) + " Beholder de forrige tallene.")
    parts = merge_parts(plain, history, names)

    if aggregated is not None:
        frame = from_codelist(cells(aggregated), chosen, codes)
        check_sums(frame, parts)
        frame = pd.concat([frame, parts[parts["kommunenummer"] == regions.NORWAY]], ignore_index=True)
    else:
        frame = parts
    progress(f"{client.requests_made} forespørsler til SSB.")
    regions.learn_names({c: n for c, n in zip(frame["kommunenummer"], frame["kommune"]) if n != c})
    problem = completeness_problem(frame, codes)
    if problem:
        raise SsbError(f"SSBs svar {problem}; beholder de forrige tallene.")
    return FetchResult(
        frame=frame[COLUMNS].reset_index(drop=True),
        updated=jsonstat.dataset_updated(aggregated if aggregated is not None else parts_doc),
        fetched_at=datetime.now(timezone.utc),
        queries=queries,
        requests_made=client.requests_made,
        notes=notes,
        codelist=chosen.id if aggregated is not None else None,
    )


# -- JSON-stat -> frames ---------------------------------------------------------------------------
def check_metadata(meta: dict) -> None:
    """Verify that the table still has what we ask for, before asking for it."""
    if not isinstance(meta, dict) or not isinstance(meta.get("dimension"), dict):
        raise SsbError(f"SSBs metadata for tabell {TABLE} har et ukjent format.")
    dims = meta["dimension"]
    for name in ("Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"):
        if name not in dims:
            raise SsbError(f"Tabell {TABLE} hos SSB mangler dimensjonen «{name}»; spørringen må oppdateres.")
    contents = (dims["ContentsCode"].get("category") or {}).get("index") or {}
    missing = [code for code in MEASURES if code not in contents]
    if missing:
        raise SsbError(f"Tabell {TABLE} hos SSB mangler statistikkvariabelen {', '.join(missing)}.")


def cells(doc: dict) -> pd.DataFrame:
    """One row per cell: region (as SSB wrote it), its label, year, measure, industry, value, status."""
    try:
        parsed = jsonstat.parse_dataset(doc)
    except jsonstat.JsonStatError as exc:
        raise SsbError(f"SSBs svar kunne ikke tolkes: {exc}") from None
    missing = {"Region", "NACE2007", "ContentsCode", "Tid"} - set(parsed.columns)
    if missing:
        raise SsbError(f"SSBs svar mangler dimensjonen {', '.join(sorted(missing))}.")
    years = pd.to_numeric(parsed["Tid"], errors="coerce")
    if years.isna().any():
        raise SsbError("SSBs svar har år som ikke er tall.")
    measure = parsed["ContentsCode"].map(MEASURES)
    if measure.isna().any():
        raise SsbError("SSBs svar har en ukjent statistikkvariabel.")
    return absent_as_missing(pd.DataFrame({
        "region": parsed["Region"].astype(str),
        "region_tekst": parsed["Region_label"].astype(str),
        "aar": years.astype("int64"),
        "maal": measure,
        "naering": parsed["NACE2007"].astype(str),
        "naering_tekst": parsed["NACE2007_label"].astype(str),
        "verdi": parsed["value"].astype("float64"),
        "status": parsed["status"].astype(str),
    }), "region")


def from_codelist(table: pd.DataFrame, codelist: codelists.CodeList, codes: Sequence[str]) -> pd.DataFrame:
    """Cells of the aggregated query -> today's municipality numbers, mapped through the code list."""
    to_code = {codelist.value_for(code).code: code for code in codes}
    unknown = sorted(set(table["region"]) - set(to_code))
    if unknown:
        raise SsbError(f"SSBs svar har regionkoder som ikke ble spurt etter: {', '.join(unknown)}.")
    names = codelist.names(codes)
    code = table["region"].map(to_code)
    return _tidy(table, code, code.map(names))


def merge_parts(table: pd.DataFrame, history: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """Cells of the plain query -> today's numbers: old and new numbers summed per year.

    A number reports 0 or null in the years it did not exist; a sum over the parts that have a value
    is the municipality's figure with today's borders. Null only when no part has a value."""
    mapping = {**history, regions.NORWAY: regions.NORWAY}
    unknown = sorted(set(table["region"]) - set(mapping))
    if unknown:
        raise SsbError(f"SSBs svar har regionkoder som ikke ble spurt etter: {', '.join(unknown)}.")
    table = table.assign(kommunenummer=table["region"].map(mapping), har_verdi=table["verdi"].notna())
    keys = ["kommunenummer", "aar", "maal", "naering"]
    grouped = table.groupby(keys, sort=False)
    merged = grouped.agg(
        verdi=("verdi", lambda v: v.sum(min_count=1)),
        naering_tekst=("naering_tekst", "first"),
        har_verdi=("har_verdi", "any"),
        status=("status", lambda s: next((x for x in s if x), "")),
    ).reset_index()
    merged.loc[merged["har_verdi"], "status"] = ""
    # The label SSB gives today's number itself is a fallback name when no code list is known.
    own = table[table["region"] == table["kommunenummer"]].drop_duplicates("region")
    fallback = dict(zip(own["region"], own["region_tekst"]))
    merged["kommune"] = merged["kommunenummer"].map(lambda c: regions.NORWAY_NAME if c == regions.NORWAY
                                                   else names.get(c) or fallback.get(c) or c)
    merged["kilde"] = f"SSB {TABLE}"
    return merged[COLUMNS]


def _tidy(table: pd.DataFrame, code: pd.Series, name: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({
        "kommunenummer": code.astype(str),
        "kommune": name.fillna(code).astype(str),
        "aar": table["aar"],
        "maal": table["maal"],
        "naering": table["naering"],
        "naering_tekst": table["naering_tekst"],
        "verdi": table["verdi"],
        "status": table["status"],
        "kilde": f"SSB {TABLE}",
    }).reset_index(drop=True)


# -- numbers in use --------------------------------------------------------------------------------
def absent_as_missing(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """SSB reports a region number in a year it did not exist as 0 or null, never as a real zero (no
    municipality has nobody employed): where a number's all-industries total for a year and measure is
    0, each of its figures for that year and measure is missing (status «.», not applicable). An
    industry's own 0 in a year with people employed stays 0. `column`: the region number's column."""
    zero = frame[(frame["naering"] == TOTAL_INDUSTRY) & (frame["verdi"] == 0)]
    if zero.empty:
        return frame
    keys = [column, "aar", "maal"]
    gone = frame.set_index(keys).index.isin(zero.set_index(keys).index)
    frame = frame.copy()
    frame.loc[gone, "verdi"] = float("nan")
    frame.loc[gone & (frame["status"] == ""), "status"] = "."
    return frame


def numbers_in_use(frame: pd.DataFrame, column: str) -> set[str]:
    """The region numbers with a figure for all industries in the latest year: the whole country's
    latest year when the frame has the country, else the frame's own."""
    totals = frame[(frame["naering"] == TOTAL_INDUSTRY) & (frame["verdi"] > 0)]
    country = totals[totals[column] == regions.NORWAY]
    latest = (country if not country.empty else totals)["aar"].max()
    return set(totals.loc[totals["aar"] == latest, column])


@dataclass(frozen=True)
class FormerNumber:
    """A municipality number in the settings that is no longer in use."""

    code: str
    name: str | None  # SSB's name for the municipality, where a code list gives it
    today: str | None  # the municipality's number today, where a code list gives it
    last_year: int | None  # the last year with figures for the number, where the data have it

    def sentence(self) -> str:
        name = f" ({self.name})" if self.name else ""
        seen = f": SSB har tall for det bare til og med {self.last_year}" if self.last_year else ""
        fix = (f"I dag har kommunen nummer {self.today}; skriv det i regioninnstillingene i stedet." if self.today
               else "Skriv kommunens nummer i dag i regioninnstillingene i stedet.")
        return f"Kommunenummer {self.code}{name} er ikke i bruk lenger{seen}. {fix}"


def former_numbers(frame: pd.DataFrame, column: str, codes: Sequence[str],
                   lists: Sequence[codelists.CodeList]) -> list[FormerNumber]:
    """The numbers among `codes` that are no longer in use: without a figure in the latest year of
    `frame` (SSB's plain answer, or the data shown), while the number had figures in earlier years or a
    code list (today's borders) puts it beside a number that is in use, today's number. A number with
    neither is not judged here (unknown to SSB, or not fetched yet): it is named as missing elsewhere."""
    in_use = numbers_in_use(frame, column)
    totals = frame[(frame["naering"] == TOTAL_INDUSTRY) & frame["verdi"].notna()]
    former = []
    for code in codes:
        if code in in_use:
            continue
        years = totals.loc[totals[column] == code, "aar"]
        known = next((c for c in lists if c.value_for(code) is not None), None)
        today = next((t for c in lists if (t := c.current_number(code, in_use))), None)
        if today is None and years.empty:
            continue
        former.append(FormerNumber(code, known.value_for(code).name if known else None, today,
                                   int(years.max()) if not years.empty else None))
    return former


# -- checks --------------------------------------------------------------------------------------
def check_sums(aggregated: pd.DataFrame, parts: pd.DataFrame) -> None:
    """SSB's figure with today's borders must equal the sum of the old and new numbers, wherever both exist."""
    keys = ["kommunenummer", "aar", "maal", "naering"]
    both = aggregated.merge(parts, on=keys, suffixes=("", "_deler")).dropna(subset=["verdi", "verdi_deler"])
    wrong = both[(both["verdi"] - both["verdi_deler"]).abs() > SUM_TOLERANCE]
    if not wrong.empty:
        first = wrong.sort_values(keys).iloc[0]
        raise SsbError(
            f"SSBs tall for {first['kommune']} med dagens kommunegrenser ({first['aar']}: {first['verdi']:.0f}) "
            f"er ikke summen av kommunens gamle og nye kommunenummer ({first['verdi_deler']:.0f}); "
            "beholder de forrige tallene."
        )


def completeness_problem(frame: pd.DataFrame, codes: Sequence[str], marked_gaps: bool = False) -> str | None:
    """What the frame lacks for the municipalities `codes` and the whole country, or None.

    Each needs both measures for all industries together, in every year the whole country has.
    `marked_gaps`: a cell SSB marked as missing (status «..» etc.) counts as there (for stored data,
    which were complete when fetched; a fresh answer must have every figure)."""
    rows = frame[frame["naering"] == TOTAL_INDUSTRY]
    known = rows["verdi"].notna() | (marked_gaps & (rows["status"] != ""))
    totals = rows[known]
    if totals.empty:
        return "mangler totalen for alle næringer"
    for measure in MEASURES.values():
        rows = totals[totals["maal"] == measure]
        present = set(rows["kommunenummer"])
        absent = [c for c in [*codes, regions.NORWAY] if c not in present]
        if absent:
            return f"mangler tall for {_names(absent)} ({measure})"
        years = set(rows.loc[rows["kommunenummer"] == regions.NORWAY, "aar"])
        for code in codes:
            gaps = sorted(years - set(rows.loc[rows["kommunenummer"] == code, "aar"]))
            if gaps:
                return f"mangler tall for {_names([code])} ({measure}) for {_span(gaps)}"
    return None


def _names(codes: Sequence[str]) -> str:
    return ", ".join(regions.municipality_name(c) for c in codes)


def _span(years: list[int]) -> str:
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return ", ".join(map(str, years))
