"""Rebuild the offline snapshot in data/snapshot/ from the published figures in ../shared/reference/.

Run from the repository root: python scripts/build_snapshot.py [path/to/shared/reference]
The snapshot holds only real published figures, each row naming its table; tests/test_snapshot.py
checks it against the source files:

- sysselsatte.csv: employed residents 2008–2025 (SSB 07984) and jobs by workplace 2017–2022
  (SSB 11618) for Kongsvingerregionen's seven municipalities, with today's numbers;
- ssb_11618_kommuner.csv: table 11618 for every municipality as published (codes as valid each year),
  for comparisons with the rest of Norway;
- ssb_03321_pendling.csv with provenance_03321.json: table 03321 (commuting) 2017–2022, every flow from or
  into the seven municipalities, as published (ssb.table_03321 maps the region's old numbers when read).
"""

import json
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from byr_data.ssb import table_03321, table_11618  # noqa: E402  (after the path: run as a script)

REFERENCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
OUT = ROOT / "data" / "snapshot"
COUNTRY_FILE = table_11618.SNAPSHOT_FILE

residence = pd.read_csv(REFERENCE / "ssb-07984-sysselsatte-bosted.csv", dtype=str)
country = table_11618.read(REFERENCE / "ssb-11618-sysselsatte-kommuner-2017-2022.csv")
names = dict(zip(residence["kommunenummer"], residence["kommune"]))  # today's names, one a municipality

residence_rows = pd.DataFrame({
    "kommunenummer": residence["kommunenummer"],
    "kommune": residence["kommune"],
    "aar": residence["aar"].astype(int),
    "maal": "bosted",
    "naering": "00-99",
    "naering_tekst": "Alle næringer",
    "verdi": residence["sysselsatte_bosted"].astype(float),
    "status": "",
    "kilde": "SSB 07984",
})
jobs_rows = table_11618.region_jobs(country, sorted(names), names)
snapshot = pd.concat([residence_rows, jobs_rows], ignore_index=True)

OUT.mkdir(parents=True, exist_ok=True)
snapshot.to_csv(OUT / "sysselsatte.csv", index=False)
shutil.copyfile(REFERENCE / "ssb-11618-sysselsatte-kommuner-2017-2022.csv", OUT / COUNTRY_FILE)
provenance = {
    "source": "snapshot",
    "table": "07984 (bosted 2008–2025), 11618 (arbeidssted 2017–2022)",
    "updated": None,
    "fetched_at": None,
    "query": None,
    "description": (
        "Offline øyeblikksbilde av publiserte tall fra SSB: sysselsatte etter bosted (tabell 07984, "
        "4. kvartal, 15–74 år, alle næringer) 2008–2025, og sysselsatte etter arbeidssted (arbeidsplasser, "
        "tabell 11618, 4. kvartal, 15–74 år) 2017–2022, hvert år slik det først ble publisert. De to "
        "tabellene settes aldri sammen til én serie. Tall før 2020 er publisert under de gamle "
        "kommunenumrene (04xx) og er ført over til dagens nummer etter en fast tabell for regionens kommuner. "
        f"{COUNTRY_FILE} har tabell 11618 for alle kommuner i landet, med kommunenumrene slik de var hvert år."
    ),
}
(OUT / "provenance.json").write_text(json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"{len(snapshot)} rader skrevet til {OUT / 'sysselsatte.csv'}; {len(country)} rader til {OUT / COUNTRY_FILE}")

# Table 03321 (commuting): the file as published, checked by reading it, with its own provenance.
COMMUTING_SOURCE = "ssb-03321-pendling-kongsvingerregionen-2017-2022.csv"
commuting = table_03321.read(REFERENCE / COMMUTING_SOURCE)
first, last = int(commuting["aar"].min()), int(commuting["aar"].max())
shutil.copyfile(REFERENCE / COMMUTING_SOURCE, OUT / table_03321.SNAPSHOT_FILE)
commuting_provenance = {
    "source": "snapshot",
    "table": f"{table_03321.TABLE} (pendling {first}–{last})",
    "updated": None,
    "fetched_at": None,
    "query": None,
    "description": (
        f"Offline øyeblikksbilde av SSB tabell {table_03321.TABLE} (sysselsatte 15–74 år per 4. kvartal etter "
        f"bostedskommune og arbeidsstedskommune), {first}–{last}: alle pendlerstrømmer fra eller til regionens sju "
        "kommuner, fra datafilene SSB publiserer med sin pendlingsapp (statisticsnorway/pendling). Kommunenumrene er "
        "slik de var hvert år; regionens gamle numre (04xx) føres over til dagens etter en fast tabell."
    ),
}
(OUT / table_03321.PROVENANCE_FILE).write_text(json.dumps(commuting_provenance, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
print(f"{len(commuting)} pendlerstrømmer ({first}–{last}) til {OUT / table_03321.SNAPSHOT_FILE}")
