"""Rebuild the offline snapshot in data/snapshot/ from the published figures in ../shared/reference/.

Run from the repository root: python scripts/build_snapshot.py [path/to/shared/reference]
The snapshot holds only real published figures; tests/test_snapshot.py checks it against the source.
"""

import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
OUT = ROOT / "data" / "snapshot"

residence = pd.read_csv(REFERENCE / "ssb-07984-sysselsatte-bosted.csv", dtype=str)
workplace = pd.read_csv(REFERENCE / "ssb-13470-sysselsatte-arbeidssted-2017.csv", dtype=str)


def tidy(frame: pd.DataFrame, value_column: str, measure: str, source: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kommunenummer": frame["kommunenummer"],
            "kommune": frame["kommune"],
            "aar": frame["aar"].astype(int),
            "maal": measure,
            "naering": "00-99",
            "naering_tekst": "Alle næringer",
            "verdi": frame[value_column].astype(float),
            "status": "",
            "kilde": source,
        }
    )


snapshot = pd.concat(
    [
        tidy(residence, "sysselsatte_bosted", "bosted", "SSB 07984"),
        tidy(workplace, "sysselsatte_arbeidssted", "arbeidssted", "SSB 13470"),
    ],
    ignore_index=True,
)
OUT.mkdir(parents=True, exist_ok=True)
snapshot.to_csv(OUT / "sysselsatte.csv", index=False)
provenance = {
    "source": "snapshot",
    "table": "07984 (bosted 2008–2025), 13470 (arbeidssted 2017)",
    "updated": None,
    "fetched_at": None,
    "query": None,
    "description": (
        "Offline øyeblikksbilde av publiserte tall fra SSB: sysselsatte etter bosted (tabell 07984, "
        "4. kvartal, 15–74 år, alle næringer) 2008–2025 og sysselsatte etter arbeidssted (tabell 13470) "
        "for 2017. Tall før 2020 er publisert under de gamle kommunenumrene (04xx)."
    ),
}
(OUT / "provenance.json").write_text(json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"{len(snapshot)} rader skrevet til {OUT}")
