"""Table 03321 (commuting) from SSB's PxWebApi v2 -> the tidy flows (`table_03321.FLOWS`), today's numbers.

Built like 07984 (`ssb.employment`): the metadata first, and everything asked for is taken from it (the
residence and workplace variables, in SSB's clients `Bokommuen` and `ArbstedKomm`, the statistic, the
years). Where the table offers an aggregation list with today's borders for both places, it is chosen by
07984's rule (`codelist_choice.choose_codelist`, usually read from the cache 07984's refresh has just filled);
otherwise the old and new numbers are asked for and summed through the code list 07984 used (its
`valueMap`). Two data queries, the members against every municipality in each direction: with the
metadata, three requests a refresh. A flow of 0 or null is no flow (SSB's 0 for a number in a year it did
not exist, as in 07984), so only persons who commute are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from byr_data import regions
from byr_data.ssb import codelist_choice, codelists, employment, jsonstat, table_03321
from byr_data.ssb.client import SsbClient, SsbError, SsbRefused

TABLE = table_03321.TABLE
NOTE_PLAIN = ("SSB tilbyr ikke pendlingstabellen 03321 med dagens kommunegrenser. Tallene er satt sammen av "
              "kommunenes gamle og nye kommunenummer.")


@dataclass
class FetchResult:
    flows: pd.DataFrame  # table_03321.FLOWS
    updated: str | None
    fetched_at: datetime
    queries: list[dict]
    requests_made: int
    notes: list[str] = field(default_factory=list)
    codelist: str | None = None  # the aggregation list used, None on the plain path


@dataclass(frozen=True)
class Variables:
    """The table's variables as its metadata names them."""

    home: str  # place of residence (Bokommuen)
    work: str  # place of work (ArbstedKomm)
    contents: str  # the statistic's variable (ContentsCode)
    content: str  # its one value: employed persons
    time: str  # Tid


def variables(meta) -> Variables:
    """The residence, workplace, statistic and time variables, read from the metadata (labels «bosted…»
    and «arbeidssted…», roles `metric` and `time`); raises SsbError when the table is not as expected."""
    if not isinstance(meta, dict) or not isinstance(meta.get("dimension"), dict):
        raise SsbError(f"SSBs metadata for tabell {TABLE} har et ukjent format.")
    dims = meta["dimension"]
    role = meta.get("role") or {}
    time = next(iter(role.get("time") or []), "Tid")
    contents = next(iter(role.get("metric") or []), "ContentsCode")

    def find(word: str) -> str | None:
        found = [d for d, v in dims.items() if d not in (time, contents)
                 and word in str((v or {}).get("label", "")).lower()]
        return found[0] if len(found) == 1 else None

    home, work = find("bosted"), find("arbeidssted")
    if not home or not work or time not in dims or contents not in dims or home == work:
        raise SsbError(f"Tabell {TABLE} hos SSB har ikke bostedskommune, arbeidsstedskommune og år som ventet; "
                       "spørringen må oppdateres.")
    mandatory = [d for d, v in dims.items() if d not in (home, work, time, contents)
                 and ((v or {}).get("extension") or {}).get("elimination") is False]
    if mandatory:
        raise SsbError(f"Tabell {TABLE} hos SSB har fått variabelen «{mandatory[0]}»; spørringen må oppdateres.")
    values = list(((dims[contents].get("category") or {}).get("index")) or {})
    if not values:
        raise SsbError(f"Tabell {TABLE} hos SSB har ingen statistikkvariabel.")
    return Variables(home, work, contents, str(values[0]), time)


def query(names: Variables, home: list[str], work: list[str], codelist: str | None) -> dict:
    """One direction: the places of residence `home` against the places of work `work` (value expressions
    allowed, e.g. «*»), every year."""
    def place(variable: str, values: list[str]) -> dict:
        item = {"variableCode": variable, "valueCodes": values}
        return {**item, "codelist": codelist} if codelist else item

    return {"selection": [place(names.home, home), place(names.work, work),
                          {"variableCode": names.contents, "valueCodes": [names.content]},
                          {"variableCode": names.time, "valueCodes": ["*"]}]}


def fetch(client: SsbClient, codes: Sequence[str], cache_folder: Path | None = None,
          progress: Callable[[str], None] = lambda message: None) -> FetchResult:
    """The flows from and into the municipalities `codes` (today's numbers), every year the table has."""
    codes = list(dict.fromkeys(codes))
    progress(f"Leser metadata for pendlingstabellen {TABLE} hos SSB …")
    meta = client.metadata(TABLE)
    names = variables(meta)
    notes: list[str] = []
    chosen = _common_list(client, meta, names, codes, cache_folder, progress)
    queries: list[dict] = []
    answers: list[dict] = []
    if chosen is not None:
        mine = [chosen.value_for(code).code for code in codes]
        queries = [query(names, mine, ["*"], chosen.id), query(names, ["*"], mine, chosen.id)]
        try:
            progress("Henter pendlingen fra og til kommunene med dagens kommunegrenser …")
            answers = [client.data(q, TABLE) for q in queries]
        except SsbRefused as exc:
            notes.append(f"SSB avviste pendlingsspørringen med dagens kommunegrenser ({exc.problem}). "
                         "Tallene er satt sammen av kommunenes gamle og nye kommunenummer.")
            chosen, queries, answers = None, [], []
    if chosen is not None:
        mapping = {chosen.value_for(code).code: code for code in codes}
        labels = {value.code: value.name for value in chosen.values}
        frames = [_flows(doc, names, mapping, labels) for doc in answers]
    else:
        history = _history(client, meta, names, codes, cache_folder, notes)
        plain = list(dict.fromkeys(history))
        queries = [query(names, plain, ["*"], None), query(names, ["*"], plain, None)]
        progress("Henter pendlingen fra og til kommunenes gamle og nye kommunenummer …")
        answers = [client.data(q, TABLE) for q in queries]
        frames = [_flows(doc, names, history, {}) for doc in answers]
    flows = _combine(frames)
    problem = completeness_problem(flows, codes)
    if problem:
        raise SsbError(f"SSBs svar fra pendlingstabellen {TABLE} {problem}; beholder de forrige tallene.")
    progress(f"{client.requests_made} forespørsler til SSB for pendlingstabellen.")
    return FetchResult(flows, jsonstat.dataset_updated(answers[0]), datetime.now(timezone.utc), queries,
                       client.requests_made, notes, chosen.id if chosen is not None else None)


def _common_list(client, meta, names: Variables, codes, cache_folder, progress) -> codelists.CodeList | None:
    """The aggregation list by 07984's rule, offered for both the residence and the workplace variable."""
    both = [c for c in codelists.candidates(meta, names.home) if c in codelists.candidates(meta, names.work)]
    if not both:
        return None
    offer = {"dimension": {"Region": {"extension": {"codelists": [
        {"id": list_id, "type": codelists.AGGREGATION} for list_id in both]}}}}
    return codelist_choice.choose_codelist(client, offer, codes, cache_folder, progress)


def _history(client, meta, names: Variables, codes, cache_folder, notes: list[str]) -> dict[str, str]:
    """Every plain number of `codes` the table has -> today's number, through the code list 07984 used."""
    source = codelist_choice.history_codelist(client, {"dimension": {}}, codes, cache_folder)
    in_table = {str(c) for c in ((meta["dimension"][names.home].get("category") or {}).get("index") or {})}
    history, known, unknown = codelist_choice.code_history(source, codes, in_table)
    regions.learn_names(known)
    notes.append(NOTE_PLAIN if not unknown else
                 f"{NOTE_PLAIN} For {', '.join(f'kommunenummer {c}' for c in unknown)} kunne tidligere "
                 "kommunenummer ikke leses; for dem er bare tall under dagens kommunenummer brukt.")
    return history


def _flows(doc: dict, names: Variables, mapping: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    """One answer -> flows: codes mapped to today's numbers where `mapping` knows them (the others kept as
    SSB wrote them), summed per year and pair, flows of 0 or null dropped."""
    try:
        cells = jsonstat.parse_dataset(doc)
    except jsonstat.JsonStatError as exc:
        raise SsbError(f"SSBs svar kunne ikke tolkes: {exc}") from None
    if {names.home, names.work, names.time} - set(cells.columns):
        raise SsbError(f"SSBs svar fra tabell {TABLE} mangler bosted, arbeidssted eller år.")
    years = pd.to_numeric(cells[names.time], errors="coerce")
    if years.isna().any():
        raise SsbError("SSBs svar har år som ikke er tall.")

    def place(column: str) -> tuple[pd.Series, pd.Series]:
        raw = cells[column].astype(str)
        named = raw.map(lambda c: labels.get(c) or regions.known_names().get(mapping.get(c, ""), ""))
        return raw.map(lambda c: mapping.get(c, c)), named.where(named != "", cells[f"{column}_label"].astype(str))

    home, home_name = place(names.home)
    work, work_name = place(names.work)
    frame = pd.DataFrame({"aar": years.astype("int64"), "bosted": home, "bosted_navn": home_name, "arbeidssted": work,
                          "arbeidssted_navn": work_name, "sysselsatte": cells["value"].astype("float64")})
    keys = ["aar", "bosted", "arbeidssted"]
    frame = frame.groupby(keys, sort=False).agg(
        sysselsatte=("sysselsatte", lambda v: v.sum(min_count=1)),
        bosted_navn=("bosted_navn", "last"), arbeidssted_navn=("arbeidssted_navn", "last")).reset_index()
    frame = frame[frame["sysselsatte"].fillna(0) > 0]
    return frame.assign(kilde=table_03321.SOURCE)[table_03321.FLOWS]


def _combine(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Both directions as one set of flows; a flow in both answers (between two of the municipalities) must
    be the same figure in each."""
    keys = ["aar", "bosted", "arbeidssted"]
    both = frames[0].merge(frames[1], on=keys, suffixes=("", "_inn"))
    wrong = both[(both["sysselsatte"] - both["sysselsatte_inn"]).abs() > employment.SUM_TOLERANCE]
    if not wrong.empty:
        first = wrong.iloc[0]
        raise SsbError(f"SSBs to svar fra pendlingstabellen {TABLE} gir ulike tall for {first['bosted_navn']} → "
                       f"{first['arbeidssted_navn']} i {first['aar']}; beholder de forrige tallene.")
    flows = pd.concat(frames, ignore_index=True).drop_duplicates(keys)
    return table_03321.with_latest_names(flows).sort_values(keys).reset_index(drop=True)


def completeness_problem(flows: pd.DataFrame, codes: Sequence[str]) -> str | None:
    """What the answer lacks: every municipality needs residents with a workplace in the table's latest year."""
    if flows.empty:
        return "har ingen pendlingstall"
    latest = flows[flows["aar"] == flows["aar"].max()]
    absent = [code for code in codes if code not in set(latest["bosted"])]
    if absent:
        return (f"mangler sysselsatte bosatte i {', '.join(regions.municipality_name(c) for c in absent)} "
                f"for {int(flows['aar'].max())}")
    return None
