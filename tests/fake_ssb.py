"""A fake SSB PxWebApi v2 for table 07984, for tests only.

TEST DATA: every figure built here is MADE UP (a deterministic formula, `fake_value`). None of it
is a published statistic; never copy it into data/ or compare it with real figures.

The documents copy the exact shape of SSB's v2 JSON-stat 2.0 answers (see
../shared/reference/ssb-api-samples/ssb_v2_table03024_data.jsonstat2.json): `version`, `class`,
`label`, `source`, `updated`, `role`, `id`, `size`, `dimension` (category `index` as an object
code -> position, `label`, `unit` on ContentsCode, an `extension` per dimension), the dataset's
`extension.px`, a flat row-major `value` array with `null` for missing cells, and `status` as an
object keyed by the flat index as a string. Dimensions in SSB's order: Region, NACE2007, Kjonn,
Alder, ContentsCode, Tid.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

import responses

from byr_data import regions, ssb

TABLE = "07984"
UPDATED = "2026-03-06T07:00:00Z"  # made up
DIMENSIONS = ["Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"]
YEARS = list(range(2008, 2026))
NORWAY = "0"

# Today's codes and names; the old code (to 2019) of each.
MUNICIPALITIES = dict(regions.MUNICIPALITIES)
OLD_CODE = dict(regions.NEW_TO_OLD)

NACE = {
    "00-99": "Alle næringer",
    "01-03": "Jordbruk, skogbruk og fiske",
    "10-33": "Industri",
    "41-43": "Bygge- og anleggsvirksomhet",
    "86-88": "Helse- og sosialtjenester",
}
CONTENTS = {
    "SysselsatteArb": "Sysselsatte per 4. kvartal (arbeidssted)",
    "Sysselsatte": "Sysselsatte per 4. kvartal (bosted)",
}

# Made-up base levels (2008, all industries, by workplace). NOT real figures.
_BASE = {
    "3401": 9000,
    "3414": 1700,
    "3415": 2400,
    "3416": 1900,
    "3417": 1800,
    "3418": 2900,
    "3419": 1300,
    NORWAY: 2_500_000,
}
_NACE_SHARE = {"00-99": 1.0, "01-03": 0.05, "10-33": 0.12, "41-43": 0.09, "86-88": 0.21}


def fake_value(code: str, nace: str, contents: str, year: int) -> int:
    """The made-up figure for today's municipality `code` (or "0"), deterministic and > 0."""
    base = _BASE[code]
    trend = (year - 2008) * (3 if code != NORWAY else 9000) + (year % 3) * 11
    measure = 1.0 if contents == "SysselsatteArb" else 1.07  # residence a little above jobs
    return max(1, round((base + trend) * measure * _NACE_SHARE[nace]))


# -- region codes --------------------------------------------------------------------------------
def agg_codes(drop: Iterable[str] = ()) -> list[str]:
    """`K-` codes of code list agg_KommSummer for today's municipalities, minus `drop`."""
    return [f"K-{code}" for code in MUNICIPALITIES if code not in set(drop)]


def plain_codes(drop: Iterable[str] = ()) -> list[str]:
    """The plain region list: old codes, new codes and the whole country, minus `drop` (today's codes)."""
    dropped = set(drop)
    old = [OLD_CODE[c] for c in MUNICIPALITIES if c not in dropped]
    new = [c for c in MUNICIPALITIES if c not in dropped]
    return old + new + [NORWAY]


def region_label(code: str) -> str:
    if code == NORWAY:
        return "Hele landet"
    if code.startswith("K-"):
        return MUNICIPALITIES[code[2:]]
    if code in regions.OLD_TO_NEW:
        return f"{MUNICIPALITIES[regions.OLD_TO_NEW[code]]} (-2019)"
    return MUNICIPALITIES[code]


def _current_and_valid(code: str, year: int) -> tuple[str, bool]:
    """Today's code behind a published code, and whether that code carries figures in `year`."""
    if code == NORWAY:
        return NORWAY, True
    if code.startswith("K-"):
        return code[2:], True
    if code in regions.OLD_TO_NEW:
        return regions.OLD_TO_NEW[code], year <= regions.LAST_YEAR_OF_OLD_CODES
    return code, year > regions.LAST_YEAR_OF_OLD_CODES


# -- documents -----------------------------------------------------------------------------------
def _category(labels: dict[str, str]) -> dict:
    return {"index": {code: i for i, code in enumerate(labels)}, "label": dict(labels)}


def data_doc(
    region_codes: Iterable[str],
    *,
    nace: Iterable[str] | None = None,
    contents: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    drop: Iterable[str] = (),
    absent_value: int | None = None,
    absent_status: str = ".",
    updated: str | None = UPDATED,
) -> dict:
    """Table 07984 as SSB's v2 data endpoint answers it (JSON-stat 2.0).

    `region_codes`: `K-3401` (today's borders over the whole series), plain `0402`/`3401` (a code
    reports `absent_value`, null or 0, with `absent_status` in the years it did not exist), or
    "0". `drop`: today's codes of municipalities to leave out of the answer (as if SSB lacked them).
    """
    dropped = set(drop)
    codes = [
        c for c in region_codes if c == NORWAY or _current_and_valid(c, 2020)[0] not in dropped
    ]
    nace = list(nace if nace is not None else NACE)
    contents = list(contents if contents is not None else CONTENTS)
    years = [int(y) for y in (years if years is not None else YEARS)]
    dims = {
        "Region": {c: region_label(c) for c in codes},
        "NACE2007": {c: NACE[c] for c in nace},
        "Kjonn": {"0": "Begge kjønn"},
        "Alder": {"15-74": "15-74 år"},
        "ContentsCode": {c: CONTENTS[c] for c in contents},
        "Tid": {str(y): str(y) for y in years},
    }
    values: list[int | None] = []
    status: dict[str, str] = {}
    for region in codes:
        for n in nace:
            for c in contents:
                for y in years:  # the last dimension varies fastest
                    current, valid = _current_and_valid(region, y)
                    if valid:
                        values.append(fake_value(current, n, c, y))
                    else:
                        status[str(len(values))] = absent_status
                        values.append(absent_value)
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "07984: Sysselsatte per 4. kvartal, etter region, næring (SN2007), kjønn, alder, "
        "statistikkvariabel og år",
        "source": "Statistisk sentralbyrå",
        "updated": updated,
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "id": list(DIMENSIONS),
        "size": [len(dims[d]) for d in DIMENSIONS],
        "dimension": {
            "Region": {
                "label": "region",
                "category": _category(dims["Region"]),
                "extension": {"elimination": True, "show": "value"},
            },
            "NACE2007": {
                "label": "næring (SN2007)",
                "category": _category(dims["NACE2007"]),
                "extension": {"elimination": True, "eliminationValueCode": "00-99", "show": "code_value"},
            },
            "Kjonn": {
                "label": "kjønn",
                "category": _category(dims["Kjonn"]),
                "extension": {"elimination": True, "eliminationValueCode": "0", "show": "value"},
            },
            "Alder": {
                "label": "alder",
                "category": _category(dims["Alder"]),
                "extension": {"elimination": True, "eliminationValueCode": "15-74", "show": "value"},
            },
            "ContentsCode": {
                "label": "statistikkvariabel",
                "category": {
                    **_category(dims["ContentsCode"]),
                    "unit": {c: {"base": "personer", "decimals": 0} for c in contents},
                },
                "extension": {
                    "elimination": False,
                    "refperiod": {c: "4. kvartal" for c in contents},
                    "show": "value",
                    "measuringType": {c: "Stock" for c in contents},
                    "priceType": {c: "NotApplicable" for c in contents},
                    "adjustment": {c: "None" for c in contents},
                },
            },
            "Tid": {
                "label": "år",
                "category": _category(dims["Tid"]),
                "extension": {"elimination": False, "show": "code"},
            },
        },
        "extension": {
            "px": {
                "infofile": "None",
                "tableid": TABLE,
                "decimals": 0,
                "official-statistics": True,
                "aggregallowed": True,
                "copyright": False,
                "language": "no",
                "contents": "07984: Sysselsatte per 4. kvartal,",
                "descriptiondefault": False,
                "heading": ["ContentsCode", "Tid"],
                "stub": ["Region", "NACE2007", "Kjonn", "Alder"],
                "matrix": "RegArbforNaer",
                "subject-code": "al",
                "subject-area": "Arbeid og lønn",
            },
            "discontinued": None,
            "contact": [
                {
                    "name": "Test Testesen",  # made up
                    "organization": "Statistisk sentralbyrå",
                    "mail": "test@example.invalid",
                }
            ],
        },
        "value": values,
    }
    if status:
        doc["status"] = status
    return doc


def agg_doc(drop: Iterable[str] = (), **kwargs) -> dict:
    """The answer to the agg_KommSummer query: K- codes, whole series, no gaps."""
    return data_doc(agg_codes(drop), **kwargs)


def country_doc(**kwargs) -> dict:
    return data_doc([NORWAY], **kwargs)


def plain_doc(drop: Iterable[str] = (), **kwargs) -> dict:
    """The answer to the plain-list query: 04xx to 2019, 34xx from 2020, the country."""
    return data_doc(plain_codes(drop), drop=drop, **kwargs)


def metadata_doc(codelists: bool = True, contents: Iterable[str] | None = None, codelists_key: str = "codelists") -> dict:
    """`GET /tables/07984/metadata` (v2, JSON-stat 2.0 style): variables, categories, code lists."""
    contents = list(contents if contents is not None else CONTENTS)
    region_labels = {code: region_label(code) for code in [NORWAY] + plain_codes()[:-1]}
    region_extension: dict = {"elimination": True, "show": "value"}
    if codelists:
        base = ssb.DEFAULT_BASE_URL
        region_extension[codelists_key] = [
            {
                "id": "agg_KommSummer",
                "label": "Kommuner (dagens kommunegrenser, summert)",
                "type": "Aggregation",
                "links": [{"rel": "metadata", "hreflang": "no", "href": f"{base}/codelists/agg_KommSummer?lang=no"}],
            },
            {
                "id": "vs_Kommun",
                "label": "Kommuner",
                "type": "Valueset",
                "links": [{"rel": "metadata", "hreflang": "no", "href": f"{base}/codelists/vs_Kommun?lang=no"}],
            },
        ]
    dims = {
        "Region": ("region", region_labels, region_extension),
        "NACE2007": ("næring (SN2007)", NACE, {"elimination": True, "eliminationValueCode": "00-99", "show": "code_value"}),
        "Kjonn": ("kjønn", {"0": "Begge kjønn", "1": "Menn", "2": "Kvinner"}, {"elimination": True, "eliminationValueCode": "0", "show": "value"}),
        "Alder": ("alder", {"15-74": "15-74 år"}, {"elimination": True, "eliminationValueCode": "15-74", "show": "value"}),
        "ContentsCode": ("statistikkvariabel", {c: CONTENTS.get(c, c) for c in contents}, {"elimination": False, "show": "value"}),
        "Tid": ("år", {str(y): str(y) for y in YEARS}, {"elimination": False, "show": "code"}),
    }
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "07984: Sysselsatte per 4. kvartal, etter region, næring (SN2007), kjønn, alder, "
        "statistikkvariabel og år",
        "source": "Statistisk sentralbyrå",
        "updated": UPDATED,
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "id": list(DIMENSIONS),
        "size": [len(dims[d][1]) for d in DIMENSIONS],
        "dimension": {
            name: {"label": label, "category": _category(cats), "extension": ext}
            for name, (label, cats, ext) in dims.items()
        },
        "extension": {"px": {"tableid": TABLE, "language": "no", "decimals": 0}},
    }


def problem(status: int, detail: str, title: str = "Bad Request") -> dict:
    """A v2 error body (application/problem+json)."""
    return {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": title, "status": status, "detail": detail}


# -- the mock server -----------------------------------------------------------------------------
def _expand(expression: list[str], universe: list[str]) -> list[str]:
    """PxWebApi value expressions: `*`, `from(x)`, `top(n)`, `range(a,b)`, or plain codes."""
    chosen: list[str] = []
    for item in expression:
        if item == "*":
            chosen += universe
        elif m := re.fullmatch(r"from\((.+)\)", item):
            chosen += [u for u in universe if u >= m.group(1)]
        elif m := re.fullmatch(r"top\((\d+)\)", item):
            chosen += universe[-int(m.group(1)):]
        elif m := re.fullmatch(r"range\((.+),(.+)\)", item):
            chosen += [u for u in universe if m.group(1) <= u <= m.group(2)]
        else:
            chosen.append(item)
    return chosen


class FakeSsb:
    """Answers like SSB's v2 API for table 07984; records what it was asked.

    Register with `register(rsps)`. Options: `refuse_k` answers the agg_KommSummer query with 400
    (problem+json) as SSB does for unknown values; `drop` leaves municipalities (today's codes) out of
    every data answer; `codelists=False` hides the code lists in the metadata; `absent_value` /
    `absent_status` set how a plain code reports a year it did not exist.
    """

    def __init__(self, *, refuse_k=False, drop=(), codelists=True, absent_value=None, absent_status=".", updated=UPDATED):
        self.refuse_k = refuse_k
        self.drop = tuple(drop)
        self.codelists = codelists
        self.absent_value = absent_value
        self.absent_status = absent_status
        self.updated = updated
        self.bodies: list[dict] = []

    def data_url(self, base: str | None = None) -> str:
        return f"{(base or ssb.base_url()).rstrip('/')}/tables/{TABLE}/data"

    def metadata_url(self, base: str | None = None) -> str:
        return f"{(base or ssb.base_url()).rstrip('/')}/tables/{TABLE}/metadata"

    def register(self, rsps: responses.RequestsMock, base: str | None = None) -> "FakeSsb":
        rsps.add(responses.GET, self.metadata_url(base), json=metadata_doc(self.codelists))
        rsps.add_callback(responses.POST, self.data_url(base), callback=self._answer, content_type="application/json")
        return self

    def _answer(self, request):
        body = json.loads(request.body)
        self.bodies.append(body)
        selection = {item["variableCode"]: item for item in body["selection"]}
        region = selection["Region"]
        if region.get("codelist") == "agg_KommSummer" and self.refuse_k:
            detail = f"Non-existent value '{region['valueCodes'][0]}' for variable Region"
            return 400, {"Content-Type": "application/problem+json"}, json.dumps(problem(400, detail))
        codes = region["valueCodes"]
        if region.get("codelist") != "agg_KommSummer" and any(c.startswith("K-") for c in codes):
            detail = "K- codes need codelist agg_KommSummer"
            return 400, {"Content-Type": "application/problem+json"}, json.dumps(problem(400, detail))
        years = _expand(selection["Tid"]["valueCodes"], [str(y) for y in YEARS])
        doc = data_doc(
            codes,
            nace=_expand(selection["NACE2007"]["valueCodes"], list(NACE)),
            contents=_expand(selection["ContentsCode"]["valueCodes"], list(CONTENTS)),
            years=years,
            drop=self.drop,
            absent_value=self.absent_value,
            absent_status=self.absent_status,
            updated=self.updated,
        )
        return 200, {}, json.dumps(doc, ensure_ascii=False)


def register_happy_path(rsps: responses.RequestsMock, base: str | None = None, **options) -> FakeSsb:
    """Metadata GET and data POSTs (agg_KommSummer, country, plain list) on `rsps`."""
    return FakeSsb(**options).register(rsps, base)


def expected_total(code: str, measure: str, year: int) -> float:
    """What a correct refresh must show for today's `code`, all industries."""
    contents = {v: k for k, v in ssb.MEASURES.items()}[measure]
    return float(fake_value(code, "00-99", contents, year))


def cell_count(doc: dict) -> int:
    return math.prod(doc["size"])


# -- tidy data for store tests -------------------------------------------------------------------
def fake_frame(years: Iterable[int] = YEARS, codes: Iterable[str] | None = None, with_gap: bool = True):
    """The project's tidy table filled with the made-up figures (all industries, both measures).

    `with_gap` makes one cell missing (NaN with status ".."), as SSB reports a figure it lacks.
    """
    import pandas as pd

    codes = list(codes if codes is not None else [*MUNICIPALITIES, NORWAY])
    rows = []
    for code in codes:
        for contents, measure in ssb.MEASURES.items():
            for year in years:
                rows.append(
                    {
                        "kommunenummer": code,
                        "kommune": regions.municipality_name(code),
                        "aar": year,
                        "maal": measure,
                        "naering": "00-99",
                        "naering_tekst": NACE["00-99"],
                        "verdi": float(fake_value(code, "00-99", contents, year)),
                        "status": "",
                        "kilde": f"SSB {TABLE}",
                    }
                )
    frame = pd.DataFrame(rows)
    if with_gap:
        frame.loc[0, ["verdi", "status"]] = [float("nan"), ".."]
    return frame


def fake_dataset(fetched_at=None, updated: str | None = UPDATED, source: str = "live", **frame_options):
    """A store.Dataset of made-up figures, as a successful fetch would deliver it."""
    from datetime import datetime, timezone

    from byr_data import store

    provenance = store.Provenance(
        source=source,
        table=TABLE,
        description="TESTDATA (oppdiktede tall)",
        updated=updated,
        fetched_at=fetched_at or datetime.now(timezone.utc),
        query=[{"selection": [{"variableCode": "Tid", "valueCodes": ["from(2008)"]}]}],
    )
    return store.Dataset(fake_frame(**frame_options), provenance)
