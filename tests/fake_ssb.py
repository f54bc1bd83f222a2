"""A fake SSB PxWebApi v2 for table 07984 and its Region code lists, for tests only.

TEST DATA: every figure built here is MADE UP (a deterministic formula, `fake_value`). None of it
is a published statistic; never copy it into data/ or compare it with real figures. Municipality
names and numbers are real (they are identifiers, not figures).

Shapes follow the public evidence in ../shared/reference/ssb-api-evidence.md:
- data (`POST /tables/07984/data`): JSON-stat 2.0 exactly as SSB's v2 answers (see
  ../shared/reference/ssb-api-samples/ssb_v2_table03024_data.jsonstat2.json): `version`, `class`,
  `label`, `source`, `updated`, `role`, `id`, `size`, `dimension` (category `index` as an object,
  `label`, `unit` on ContentsCode, an `extension` per dimension), `extension.px`, a flat row-major
  `value` with `null` for missing cells, and `status` keyed by the flat index as a string;
- metadata (`GET /tables/07984/metadata`): the Region code lists under
  `dimension.Region.extension.codelists[]` (`id`, `label`, `type`, `links`);
- code lists (`GET /codelists/{id}`): `id`, `label`, `language`, `type`, `values[]` with `code`,
  `label`, `valueMap`, `links`;
- errors: problem+json `{"type": "Parameter error", "title": "Non-existent value", "status": 400}`
  without `detail`; 400 «Non-existent codelist»; HTTP 500 with an empty body for a value code asked
  for twice; 503 while the table is unavailable.

Three shapes of the table's code lists (`shape`):
- "S": `agg_KommSummerS` with codes `K.3401` (what 07984 most likely has), listed after a
  historical-border list `agg_KommSummerHist` (`K_0402`, `K_3401`, … one per number);
- "dash": `agg_KommSummer` with codes `K-3401` (what other SSB tables have);
- "none": no list of that family (only the value set `vs_Kommun`). SSB's code lists are shared by
  the whole database, so `/codelists/agg_KommSummer` still answers unless `shared_lists=False`.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable

import responses

from byr_data.ssb import client as ssb_client

TABLE = "07984"
UPDATED = "2026-03-06T07:00:00Z"  # made up
DIMENSIONS = ["Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"]
YEARS = list(range(2008, 2026))
NORWAY = "0"
SHAPES = {"S": ("agg_KommSummerS", "K."), "dash": ("agg_KommSummer", "K-"), "none": (None, None)}
HIST_LIST, HIST_PREFIX = "agg_KommSummerHist", "K_"

# Today's number -> name and the numbers it had: (number, first year, last year). Real numbers and names.
HISTORY: dict[str, tuple[str, list[tuple[str, int, int]]]] = {
    "3401": ("Kongsvinger", [("0402", 2008, 2019), ("3401", 2020, 2100)]),
    "3414": ("Nord-Odal", [("0418", 2008, 2019), ("3414", 2020, 2100)]),
    "3415": ("Sør-Odal", [("0419", 2008, 2019), ("3415", 2020, 2100)]),
    "3416": ("Eidskog", [("0420", 2008, 2019), ("3416", 2020, 2100)]),
    "3417": ("Grue", [("0423", 2008, 2019), ("3417", 2020, 2100)]),
    "3418": ("Åsnes", [("0425", 2008, 2019), ("3418", 2020, 2100)]),
    "3419": ("Våler", [("0426", 2008, 2019), ("3419", 2020, 2100)]),  # Våler in Innlandet
    "3405": ("Lillehammer", [("0501", 2008, 2019), ("3405", 2020, 2100)]),
    "3407": ("Gjøvik", [("0502", 2008, 2019), ("3407", 2020, 2100)]),
    "3110": ("Våler", [("0137", 2008, 2019), ("3018", 2020, 2023), ("3110", 2024, 2100)]),  # Våler in Østfold
    "0301": ("Oslo", [("0301", 2008, 2100)]),
}
# The seven numbers of the shipped settings (members and the optional Våler).
MUNICIPALITIES = {code: HISTORY[code][0] for code in ("3401", "3414", "3415", "3416", "3417", "3418", "3419")}

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
_BASE = {"3401": 9000, "3414": 1700, "3415": 2400, "3416": 1900, "3417": 1800, "3418": 2900, "3419": 1300,
         NORWAY: 2_500_000}
_NACE_SHARE = {"00-99": 1.0, "01-03": 0.05, "10-33": 0.12, "41-43": 0.09, "86-88": 0.21}


@functools.lru_cache(maxsize=1)
def _country() -> tuple[tuple[str, str], ...]:
    from byr_data.compare import charts

    return tuple(charts.map_names().items())


def country() -> dict[str, str]:
    """Every municipality in Norway today (2024 numbers -> names, from the app's map file: identifiers, not
    figures), for a fake that serves the whole country (`FakeSsb(municipalities=country())`)."""
    return dict(_country())


def name(code: str) -> str:
    if code in HISTORY:
        return HISTORY[code][0]
    return _names().get(code) or f"Testkommune {code}"


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return country()


def history(code: str) -> list[tuple[str, int, int]]:
    """The numbers today's `code` had; a number the fake does not know never changed."""
    return HISTORY[code][1] if code in HISTORY else [(code, 2008, 2100)]


def fake_value(code: str, nace: str, contents: str, year: int) -> int:
    """The made-up figure for today's municipality `code` (or "0"), deterministic and > 0."""
    base = _BASE.get(code, 1000 + int(code) % 7000)
    # A slope of its own (−20…+20 a year) for a number outside the eleven, so a ranking of the whole country differs.
    slope = 3 if code in HISTORY or code in _BASE else (int(code) * 37) % 41 - 20
    trend = (year - 2008) * (slope if code != NORWAY else 9000) + (year % 3) * 11
    measure = 1.0 if contents == "SysselsatteArb" else 1.07  # residence a little above jobs
    return max(1, round((base + trend) * measure * _NACE_SHARE[nace]))


def expected_total(code: str, measure: str, year: int) -> float:
    """What a correct refresh must show for today's `code`, all industries."""
    contents = {"arbeidssted": "SysselsatteArb", "bosted": "Sysselsatte"}[measure]
    return float(fake_value(code, "00-99", contents, year))


# -- code lists ----------------------------------------------------------------------------------
def codelist_doc(codelist_id: str, codes: Iterable[str] = MUNICIPALITIES, base: str | None = None) -> dict:
    """`GET /codelists/{id}`: one value per municipality (today's borders) or per number (`…Hist`)."""
    values = []
    if codelist_id == HIST_LIST:
        for code in codes:
            for number, _, last in history(code):
                label = name(code) if last >= 2100 else f"{name(code)} (-{last})"
                values.append({"code": f"{HIST_PREFIX}{number}", "label": label, "valueMap": [number]})
    else:
        prefix = {list_id: prefix for list_id, prefix in SHAPES.values() if list_id}[codelist_id]
        for code in codes:
            values.append({"code": f"{prefix}{code}", "label": name(code),
                           "valueMap": [number for number, _, _ in history(code)]})
    base = (base or ssb_client.DEFAULT_BASE_URL).rstrip("/")
    return {
        "id": codelist_id,
        "label": "Kommuner (dagens kommunegrenser, summert)" if codelist_id != HIST_LIST
        else "Kommuner (historiske kommunegrenser, summert)",
        "language": "no",
        "elimination": False,
        "type": "Aggregation",
        "values": values,
        "links": [{"rel": "self", "hreflang": "no", "href": f"{base}/codelists/{codelist_id}?lang=no"}],
    }


def _offered(shape: str) -> list[str]:
    list_id = SHAPES[shape][0]
    return [HIST_LIST, list_id] if list_id else []


# -- data documents ------------------------------------------------------------------------------
def _category(labels: dict[str, str]) -> dict:
    return {"index": {code: i for i, code in enumerate(labels)}, "label": dict(labels)}


def plain_numbers(codes: Iterable[str] = MUNICIPALITIES) -> list[str]:
    """Every number (old and new) of today's `codes`."""
    return [number for code in codes for number, _, _ in history(code)]


def _plain_cell(number: str, year: int) -> tuple[str, bool]:
    """Today's code behind a plain number, and whether the number carries figures in `year`."""
    if number == NORWAY:
        return NORWAY, True
    for code in [*HISTORY, number]:
        for own, first, last in history(code):
            if own == number:
                return code, first <= year <= last
    raise KeyError(number)


def data_doc(
    regions: dict[str, list[str]],
    *,
    labels: dict[str, str] | None = None,
    nace: Iterable[str] | None = None,
    contents: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    absent_value: int | None = None,
    absent_status: str = ".",
    updated: str | None = UPDATED,
    bias: int = 0,
) -> dict:
    """Table 07984 as SSB's v2 data endpoint answers it (JSON-stat 2.0).

    `regions`: each region code in the answer -> the plain numbers it sums (itself for a plain number;
    the valueMap for a code-list value). A plain number reports `absent_value` (null or 0) with
    `absent_status` in the years it did not exist. `bias` is added to every sum of more than zero parts
    (to make SSB's sums wrong)."""
    labels = labels or {}
    nace = list(nace if nace is not None else NACE)
    contents = list(contents if contents is not None else CONTENTS)
    years = [int(y) for y in (years if years is not None else YEARS)]
    dims = {
        "Region": {c: labels.get(c, c) for c in regions},
        "NACE2007": {c: NACE[c] for c in nace},
        "Kjonn": {"0": "Begge kjønn"},
        "Alder": {"15-74": "15-74 år"},
        "ContentsCode": {c: CONTENTS[c] for c in contents},
        "Tid": {str(y): str(y) for y in years},
    }
    values: list[int | None] = []
    status: dict[str, str] = {}
    for region, parts in regions.items():
        for n in nace:
            for c in contents:
                for y in years:  # the last dimension varies fastest
                    total, any_valid = 0, False
                    for number in parts:
                        current, valid = _plain_cell(number, y)
                        if valid:
                            total += fake_value(current, n, c, y)
                            any_valid = True
                    if any_valid:
                        values.append(total + (bias if len(parts) > 1 else 0))
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


def _plain_regions(numbers: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    regions, labels = {}, {}
    for number in numbers:
        regions[number] = [number]
        if number == NORWAY:
            labels[number] = "Hele landet"
        else:
            code, _ = _plain_cell(number, 2008)
            last = next(last for own, _, last in history(code) if own == number)
            labels[number] = name(code) if last >= 2100 else f"{name(code)} (-{last})"
    return regions, labels


def agg_doc(codes: Iterable[str] = MUNICIPALITIES, shape: str = "S", **kwargs) -> dict:
    """The answer to the code-list query: one value per municipality, whole series, no gaps."""
    values = codelist_doc(SHAPES[shape][0], codes)["values"]
    return data_doc({v["code"]: v["valueMap"] for v in values}, labels={v["code"]: v["label"] for v in values}, **kwargs)


def parts_doc(codes: Iterable[str] = MUNICIPALITIES, **kwargs) -> dict:
    """The answer to the plain query: the country and every old and new number of `codes`."""
    regions, labels = _plain_regions([NORWAY, *plain_numbers(codes)])
    return data_doc(regions, labels=labels, **kwargs)


def country_doc(**kwargs) -> dict:
    regions, labels = _plain_regions([NORWAY])
    return data_doc(regions, labels=labels, **kwargs)


def metadata_doc(shape: str = "S", contents: Iterable[str] | None = None, codelists_key: str = "codelists",
                 base: str | None = None, codes: Iterable[str] = HISTORY) -> dict:
    """`GET /tables/07984/metadata` (v2, JSON-stat 2.0 style): variables, the plain region numbers of
    today's `codes` (old and new), the code lists."""
    contents = list(contents if contents is not None else CONTENTS)
    base = (base or ssb_client.DEFAULT_BASE_URL).rstrip("/")
    region_labels = dict(_plain_regions([NORWAY, *plain_numbers(codes)])[1])
    lists = [(list_id, "Aggregation") for list_id in _offered(shape)] + [("vs_Kommun", "Valueset")]
    region_extension: dict = {"elimination": True, "show": "value", codelists_key: [
        {"id": list_id, "label": f"Kodeliste {list_id}", "type": kind,
         "links": [{"rel": "metadata", "hreflang": "no", "href": f"{base}/codelists/{list_id}?lang=no"}]}
        for list_id, kind in lists
    ]}
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
            name_: {"label": label, "category": _category(cats), "extension": ext}
            for name_, (label, cats, ext) in dims.items()
        },
        "extension": {"px": {"tableid": TABLE, "language": "no", "decimals": 0}},
    }


def problem(status: int, title: str, detail: str | None = None, kind: str = "Parameter error") -> dict:
    """A v2 error body (application/problem+json); SSB adds `detail` only for «Too many cells»."""
    body = {"type": kind, "title": title, "status": status}
    if detail is not None:
        body["detail"] = detail
    return body


PROBLEM = {"Content-Type": "application/problem+json"}


# -- the fake server -----------------------------------------------------------------------------
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
    """Answers like SSB's v2 API for table 07984 and its code lists; records what it was asked.

    Options: `shape` ("S", "dash", "none"); `municipalities`: the numbers its table and code lists hold
    besides the eleven it knows by name (any four-digit number works; one it does not know never changed
    number); `unlisted`: numbers the table has but no code list; `shared_lists=False`: `/codelists/…` answers 400 for every list the table does not offer;
    `refuse_codelist`: the code-list data query is refused (400 Non-existent value); `drop`: today's
    numbers left out of every data answer (as if SSB lacked them); `wrong_sums`: the code list's
    values are not the sums of their parts; `unavailable`: how many requests get 503 first;
    `absent_value` / `absent_status`: how a plain number reports a year it did not exist.
    """

    def __init__(self, *, shape="S", municipalities=(), unlisted=(), shared_lists=True, refuse_codelist=False, drop=(),
                 wrong_sums=False, unavailable=0, absent_value=None, absent_status=".", updated=UPDATED,
                 codelists_key="codelists"):
        self.shape = shape
        self.codes = list(dict.fromkeys([*HISTORY, *municipalities]))
        self.unlisted = list(unlisted)
        self.shared_lists = shared_lists
        self.refuse_codelist = refuse_codelist
        self.drop = set(drop)
        self.wrong_sums = wrong_sums
        self.unavailable = unavailable
        self.absent_value = absent_value
        self.absent_status = absent_status
        self.updated = updated
        self.codelists_key = codelists_key
        self.bodies: list[dict] = []
        self.requests: list[str] = []  # "GET /codelists/agg_KommSummerS", "POST data", …

    # URLs (for `responses`)
    def metadata_url(self, base: str | None = None) -> str:
        return f"{(base or ssb_client.base_url()).rstrip('/')}/tables/{TABLE}/metadata"

    def data_url(self, base: str | None = None) -> str:
        return f"{(base or ssb_client.base_url()).rstrip('/')}/tables/{TABLE}/data"

    def codelist_url(self, base: str | None = None) -> re.Pattern:
        return re.compile(re.escape(f"{(base or ssb_client.base_url()).rstrip('/')}/codelists/") + r"[^?]+(\?.*)?$")

    def register(self, rsps: responses.RequestsMock, base: str | None = None) -> "FakeSsb":
        rsps.add_callback(responses.GET, self.metadata_url(base), callback=lambda r: self.get(r.path_url))
        rsps.add_callback(responses.GET, self.codelist_url(base), callback=lambda r: self.get(r.path_url))
        rsps.add_callback(responses.POST, self.data_url(base), callback=lambda r: self.post(r.body))
        from tests import fake_ssb_03321  # table 03321 (commuting), refreshed with 07984; its own requests list

        self.commuting = fake_ssb_03321.FakeSsb03321(shape=self.shape, codes=self.codes).register(rsps, base)
        return self

    # answers: (status, headers, body)
    def _unavailable(self):
        if self.unavailable > 0:
            self.unavailable -= 1
            return 503, {"Content-Type": "text/html"}, "<html><body>Service Unavailable</body></html>"
        return None

    def get(self, path: str) -> tuple[int, dict, str]:
        """GET …/tables/07984/metadata or …/codelists/{id} (the path may carry a prefix and a query)."""
        path = path.split("?")[0]
        self.requests.append(f"GET {path}")
        if busy := self._unavailable():
            return busy
        if path.endswith(f"/tables/{TABLE}/metadata"):
            doc = metadata_doc(self.shape, codelists_key=self.codelists_key, codes=[*self.codes, *self.unlisted])
            return 200, {"Content-Type": "application/json"}, json.dumps(doc, ensure_ascii=False)
        if m := re.search(r"/codelists/([^/]+)$", path):
            list_id = m.group(1)
            known = _offered(self.shape) + ([] if not self.shared_lists else ["agg_KommSummer", "agg_KommSummerS", HIST_LIST])
            if list_id not in known:
                return 400, PROBLEM, json.dumps(problem(400, "Non-existent codelist"))
            doc = codelist_doc(list_id, self.codes)
            return 200, {"Content-Type": "application/json"}, json.dumps(doc, ensure_ascii=False)
        return 404, PROBLEM, json.dumps(problem(404, "Not found", kind="Not found"))

    def post(self, raw: bytes | str) -> tuple[int, dict, str]:
        """POST …/tables/07984/data with a v2 selection."""
        self.requests.append("POST data")
        if busy := self._unavailable():
            return busy
        body = json.loads(raw)
        self.bodies.append(body)
        selection = {item["variableCode"]: item for item in body["selection"]}
        region = selection["Region"]
        codes = region["valueCodes"]
        if len(set(codes)) != len(codes):
            return 500, {"Content-Type": "text/plain"}, ""  # SSB: a repeated value code, empty body
        list_id = region.get("codelist")
        if list_id:
            if list_id not in _offered(self.shape):
                return 400, PROBLEM, json.dumps(problem(400, "Non-existent codelist"))
            if self.refuse_codelist:
                return 400, PROBLEM, json.dumps(problem(400, "Non-existent value"))
            values = {v["code"]: v for v in codelist_doc(list_id, self.codes)["values"]}
            if any(c not in values for c in codes):
                return 400, PROBLEM, json.dumps(problem(400, "Non-existent value"))
            kept = [c for c in codes if not set(values[c]["valueMap"]) & self._dropped_numbers()]
            regions = {c: values[c]["valueMap"] for c in kept}
            labels = {c: values[c]["label"] for c in kept}
        else:
            in_table = {NORWAY, *plain_numbers([*self.codes, *self.unlisted])}
            if any(c not in in_table for c in codes):
                return 400, PROBLEM, json.dumps(problem(400, "Non-existent value"))
            regions, labels = _plain_regions([c for c in codes if c not in self._dropped_numbers()])
        doc = data_doc(
            regions,
            labels=labels,
            nace=_expand(selection["NACE2007"]["valueCodes"], list(NACE)),
            contents=_expand(selection["ContentsCode"]["valueCodes"], list(CONTENTS)),
            years=_expand(selection["Tid"]["valueCodes"], [str(y) for y in YEARS]),
            absent_value=self.absent_value,
            absent_status=self.absent_status,
            updated=self.updated,
            bias=1 if (self.wrong_sums and list_id) else 0,
        )
        return 200, {"Content-Type": "application/json"}, json.dumps(doc, ensure_ascii=False)

    def _dropped_numbers(self) -> set[str]:
        return {number for code in self.drop for number in plain_numbers([code])}


def register_happy_path(rsps: responses.RequestsMock, base: str | None = None, **options) -> FakeSsb:
    """Metadata, code lists and data on `rsps`, answering like SSB (see FakeSsb for the options)."""
    return FakeSsb(**options).register(rsps, base)


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
        for contents, measure in (("SysselsatteArb", "arbeidssted"), ("Sysselsatte", "bosted")):
            for year in years:
                rows.append(
                    {
                        "kommunenummer": code,
                        "kommune": "Hele landet" if code == NORWAY else name(code),
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
    """A cache.Dataset of made-up figures, as a successful fetch would deliver it."""
    from datetime import datetime, timezone

    from byr_data.ssb import cache

    provenance = cache.Provenance(
        source=source,
        table=TABLE,
        description="TESTDATA (oppdiktede tall)",
        updated=updated,
        fetched_at=fetched_at or datetime.now(timezone.utc),
        query=[{"selection": [{"variableCode": "Tid", "valueCodes": ["from(2008)"]}]}],
    )
    return cache.Dataset(fake_frame(**frame_options), provenance)
