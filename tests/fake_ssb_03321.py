"""A fake SSB PxWebApi v2 for table 03321 (commuting), for tests only; its code lists are the ones of
`tests.fake_ssb` (SSB's code lists are shared by the whole database, so the 07984 fake serves them).

TEST DATA: every figure here is MADE UP (`flow`, a deterministic formula). Municipality names and numbers
are real identifiers, not figures.

Shapes as in `tests.fake_ssb`: metadata with the variables SSB's published clients use (`Bokommuen`,
`ArbstedKomm`, `ContentsCode`, `Tid`) and their labels; each place variable offers the code lists of
`shape` ("S": `agg_KommSummerHist` and `agg_KommSummerS`; "none": only the value set `vs_Kommun`); plain
numbers report `absent_value` (null or 0) in years they did not exist; a code-list value sums its
valueMap; problem+json errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import responses

from byr_data.ssb import client as ssb_client
from tests import fake_ssb

TABLE = "03321"
YEARS = list(range(2015, 2025))
DIMENSIONS = ["Bokommuen", "ArbstedKomm", "ContentsCode", "Tid"]
LABELS = {"Bokommuen": "bostedskommune", "ArbstedKomm": "arbeidsstedskommune", "ContentsCode": "statistikkvariabel",
          "Tid": "år"}
CONTENT = {"Sysselsatte": "Sysselsatte per 4. kvartal (personer)"}


def flow(home: str, work: str, year: int) -> int:
    """The made-up number of persons living in today's `home` and working in today's `work`, > 0."""
    if home == work:
        return 800 + int(home) % 997 + (year - 2015) * 3
    return (int(home) * 31 + int(work) * 17 + year) % 90 + 5


def expected_share(members: Iterable[str], year: int, universe: Iterable[str]) -> float:
    """What a correct refresh must show as the internal share of `members` (today's numbers)."""
    members, universe = list(members), list(universe)
    inside = sum(flow(h, w, year) for h in members for w in members)
    return inside / sum(flow(h, w, year) for h in members for w in universe)


def _today(value: str, prefix: str | None) -> tuple[str, bool]:
    """Today's number behind a code-list value (`prefix`) or a plain number, and whether it has figures."""
    return (value[len(prefix):], True) if prefix else fake_ssb._plain_cell(value, 0)


class FakeSsb03321:
    """Answers `GET /tables/03321/metadata` and `POST /tables/03321/data`; records what it was asked.

    `codes`: today's numbers the table knows (default: every number `tests.fake_ssb` knows);
    `refuse_codelist`: the code-list query is refused (400 Non-existent value)."""

    def __init__(self, *, shape="S", codes: Iterable[str] = fake_ssb.HISTORY, refuse_codelist=False,
                 absent_value=0, updated=fake_ssb.UPDATED):
        self.shape = shape
        self.codes = list(dict.fromkeys(codes))
        self.refuse_codelist = refuse_codelist
        self.absent_value = absent_value
        self.updated = updated
        self.requests: list[str] = []
        self.bodies: list[dict] = []

    def register(self, rsps: responses.RequestsMock, base: str | None = None) -> "FakeSsb03321":
        base = (base or ssb_client.base_url()).rstrip("/")
        rsps.add_callback(responses.GET, f"{base}/tables/{TABLE}/metadata", callback=lambda r: self.get(r.path_url))
        rsps.add_callback(responses.POST, f"{base}/tables/{TABLE}/data", callback=lambda r: self.post(r.body))
        return self

    def plain(self) -> dict[str, str]:
        """Every old and new number of the table -> SSB's label for it."""
        return fake_ssb._plain_regions(fake_ssb.plain_numbers(self.codes))[1]

    def metadata(self) -> dict:
        lists = [(i, "Aggregation") for i in fake_ssb._offered(self.shape)] + [("vs_Kommun", "Valueset")]
        place = {"elimination": False, "show": "value", "codelists": [
            {"id": i, "label": f"Kodeliste {i}", "type": kind, "links": []} for i, kind in lists]}
        cats = {"Bokommuen": (self.plain(), place), "ArbstedKomm": (self.plain(), place),
                "ContentsCode": (CONTENT, {"elimination": False}),
                "Tid": ({str(y): str(y) for y in YEARS}, {"elimination": False})}
        return {"version": "2.0", "class": "dataset", "label": "03321: Sysselsatte (pendling)", "updated": self.updated,
                "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Bokommuen", "ArbstedKomm"]},
                "id": DIMENSIONS, "size": [len(cats[d][0]) for d in DIMENSIONS],
                "dimension": {d: {"label": LABELS[d], "category": fake_ssb._category(cats[d][0]), "extension": cats[d][1]}
                              for d in DIMENSIONS}}

    def get(self, path: str) -> tuple[int, dict, str]:
        path = path.split("?")[0]
        self.requests.append(f"GET {path}")
        if path.endswith(f"/tables/{TABLE}/metadata"):
            return 200, {"Content-Type": "application/json"}, json.dumps(self.metadata(), ensure_ascii=False)
        return 404, fake_ssb.PROBLEM, json.dumps(fake_ssb.problem(404, "Not found", kind="Not found"))

    def post(self, raw: bytes | str) -> tuple[int, dict, str]:
        self.requests.append("POST data")
        body = json.loads(raw)
        self.bodies.append(body)
        selection = {item["variableCode"]: item for item in body["selection"]}
        if set(selection) != set(DIMENSIONS):
            return 400, fake_ssb.PROBLEM, json.dumps(fake_ssb.problem(400, "Missing selection for mandantory variable"))
        list_id = selection["Bokommuen"].get("codelist")
        if list_id != selection["ArbstedKomm"].get("codelist"):
            return 400, fake_ssb.PROBLEM, json.dumps(fake_ssb.problem(400, "Non-existent value"))
        if list_id:
            if list_id not in fake_ssb._offered(self.shape) or list_id == fake_ssb.HIST_LIST:
                return 400, fake_ssb.PROBLEM, json.dumps(fake_ssb.problem(400, "Non-existent codelist"))
            if self.refuse_codelist:
                return 400, fake_ssb.PROBLEM, json.dumps(fake_ssb.problem(400, "Non-existent value"))
            universe = {v["code"]: v["label"] for v in fake_ssb.codelist_doc(list_id, self.codes)["values"]}
            prefix = fake_ssb.SHAPES[[s for s, (i, _) in fake_ssb.SHAPES.items() if i == list_id][0]][1]
        else:
            universe, prefix = self.plain(), None
        places = {}
        for dim in ("Bokommuen", "ArbstedKomm"):
            codes = fake_ssb._expand(selection[dim]["valueCodes"], list(universe))
            if any(c not in universe for c in codes) or len(set(codes)) != len(codes):
                return 400, fake_ssb.PROBLEM, json.dumps(fake_ssb.problem(400, "Non-existent value"))
            places[dim] = codes
        years = [int(y) for y in fake_ssb._expand(selection["Tid"]["valueCodes"], [str(y) for y in YEARS])]
        values, status = [], {}
        for home in places["Bokommuen"]:
            for work in places["ArbstedKomm"]:
                for year in years:
                    h, w = _today(home, prefix)[0], _today(work, prefix)[0]
                    valid = prefix is not None or (_valid(home, year) and _valid(work, year))
                    if not valid:
                        status[str(len(values))] = "."
                    values.append(flow(h, w, year) if valid else self.absent_value)
        dims = {"Bokommuen": {c: universe[c] for c in places["Bokommuen"]},
                "ArbstedKomm": {c: universe[c] for c in places["ArbstedKomm"]},
                "ContentsCode": CONTENT, "Tid": {str(y): str(y) for y in years}}
        doc = {"version": "2.0", "class": "dataset", "label": "03321: Sysselsatte (pendling)", "updated": self.updated,
               "source": "Statistisk sentralbyrå", "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
               "id": DIMENSIONS, "size": [len(dims[d]) for d in DIMENSIONS],
               "dimension": {d: {"label": LABELS[d], "category": fake_ssb._category(dims[d])} for d in DIMENSIONS},
               "value": values}
        if status:
            doc["status"] = status
        return 200, {"Content-Type": "application/json"}, json.dumps(doc, ensure_ascii=False)


def _valid(number: str, year: int) -> bool:
    code = fake_ssb._plain_cell(number, year)
    return code[1]


def is_data_path(path: str) -> bool:
    return bool(re.search(rf"/tables/{TABLE}/data$", path.split("?")[0]))
