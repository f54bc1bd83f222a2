"""What the data covers and the method notes shown beside it (pure; Norwegian text)."""

from __future__ import annotations

import pandas as pd

from byr_data import analysis, fmt, regions
from byr_data.jobs import story

MEASURE_LABELS = {
    "arbeidssted": "Arbeidsplasser (sysselsatte etter arbeidssted)",
    "bosted": "Sysselsatte etter bosted",
}
CREDIT = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984"
LIVE_TABLE = "SSB 07984"  # the jobs series the pages are built for (2008→, with the 2014/15 break)
SNAPSHOT = "offline øyeblikksbilde"


def jobs_table(frame: pd.DataFrame) -> str | None:
    """The table the frame's jobs (by workplace) come from: «SSB 07984», «SSB 11618» (the snapshot), or None."""
    tables = sorted(set(frame.loc[(frame["maal"] == "arbeidssted") & frame["verdi"].notna(), "kilde"]))
    return tables[0] if tables else None


def table_credit(table: str) -> str:
    """The snapshot's credit line for one table («SSB 11618» -> «Kilde: … tabell 11618 – offline øyeblikksbilde»)."""
    return f"Kilde: Statistisk sentralbyrå (SSB), tabell {table.removeprefix('SSB ')} – {SNAPSHOT}"


def table_differences(live: pd.DataFrame, other: pd.DataFrame, codes, table: str = "11618") -> pd.DataFrame:
    """How far table 07984 (`live`) and another table (`other`, the same tidy shape) differ for the region
    (`codes`) in the years both have, per measure: a comparison shown beside each other, never a splice."""
    rows = []
    for measure in ("arbeidssted", "bosted"):
        ours = analysis.regional(analysis.levels(live, codes, measure)).dropna()
        theirs = analysis.regional(analysis.levels(other, codes, measure)).dropna()
        for year in sorted(set(ours.index) & set(theirs.index)):
            difference = theirs[year] - ours[year]
            rows.append({"Mål": MEASURE_LABELS[measure], "År": str(year), "Tabell 07984": fmt.integer(ours[year]),
                         f"Tabell {table}": fmt.integer(theirs[year]), "Forskjell": fmt.signed(difference),
                         "Forskjell i %": fmt.signed_decimal(difference / ours[year] * 100)})
    return pd.DataFrame(rows, columns=["Mål", "År", "Tabell 07984", f"Tabell {table}", "Forskjell", "Forskjell i %"])


def coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per measure and source: which years and municipalities have figures."""
    present = frame[frame["verdi"].notna() & (frame["naering"] == "00-99")]
    rows = []
    for (measure, source), group in present.groupby(["maal", "kilde"], sort=True):
        codes = sorted(set(group["kommunenummer"]))
        years = sorted(set(group["aar"]))
        rows.append(
            {
                "Mål": MEASURE_LABELS.get(measure, measure),
                "Kilde": source,
                "År": f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]),
                "Kommuner": ", ".join(regions.municipality_name(c) for c in codes),
            }
        )
    return pd.DataFrame(rows, columns=["Mål", "Kilde", "År", "Kommuner"])


SHORT_LABELS = {"arbeidssted": "arbeidsplasser", "bosted": "sysselsatte bosatte"}


def snapshot_summary(frame: pd.DataFrame) -> str:
    """What the offline snapshot holds, measure by measure, with its years and table, in one clause:
    «arbeidsplasser 2017–2022 (SSB tabell 11618) og sysselsatte bosatte 2008–2025 (SSB tabell 07984)»."""
    present = frame[frame["verdi"].notna() & (frame["naering"] == "00-99")]
    parts = []
    for (measure, source), group in present.groupby(["maal", "kilde"], sort=True):
        first, last = int(group["aar"].min()), int(group["aar"].max())
        years = f"{first}–{last}" if last > first else str(first)
        parts.append(f"{SHORT_LABELS.get(measure, measure)} {years} ({source.replace('SSB ', 'SSB tabell ')})")
    return " og ".join(parts) if parts else "ingen tall"


def method_notes(region: regions.RegionSettings) -> list[tuple[str, str]]:
    members = ", ".join(regions.municipality_name(c) for c in region.members)
    optional = ", ".join(regions.municipality_name(c) for c in region.optional if c not in region.members)
    return [
        (
            "Arbeidsplasser eller sysselsatte bosatte",
            "Målet er netto +100 arbeidsplasser i året. Arbeidsplasser telles som sysselsatte etter "
            "arbeidssted (SSB tabell 07984, statistikkvariabel «SysselsatteArb»): de som jobber i kommunen, "
            "uansett hvor de bor. Sysselsatte etter bosted («Sysselsatte») er de som bor i kommunen og "
            "jobber, uansett hvor. Det er et annet mål, og det vises alltid merket som bosted, aldri som "
            "arbeidsplasser. Tallene gjelder 4. kvartal, 15–74 år, alle næringer.",
        ),
        (
            "Brudd i statistikken 2014–2015",
            "Fra 2015 bygger SSBs sysselsettingsstatistikk på a-ordningen. Endringen fra 2014 til 2015 "
            "skyldes derfor delvis ny metode og er ikke en ekte endring. Den telles aldri som vekst eller "
            "nedgang, og bruddet er markert på alle tidsserier.",
        ),
        (
            "Regionen",
            f"{region.name} består i appen av {members}. Regionens tall er summen av kommunene. "
            + (f"{optional} kan velges i tillegg (partner i søknaden for fase 2 i 2015). " if optional else "")
            + "Alle tall gjelder dagens kommunegrenser for hele perioden: SSB summerer hver kommunes gamle "
            "og nye kommunenummer (for eksempel fra før og etter kommunereformen i 2020), og appen "
            "kontrollerer at summen stemmer.",
        ),
        (
            "Mål og basisår",
            f"Målet er +{region.target_per_year} arbeidsplasser netto per år. Kumulativt mål regnes fra "
            f"basisåret {region.base_year}: {region.target_per_year} × antall år etter basisåret. "
            f"Målet gjelder {region.name} samlet: det vurderes bare når hele regionen er valgt og tallgrunnlaget "
            "er arbeidsplasser. For én kommune eller et annet utvalg vises utvalgets egen endring og bidraget til "
            "regionen. Med 3-års glidende snitt slått på vurderes målet fortsatt på tallene for hvert år.",
        ),
        ("Hva tallene kan og ikke kan si", story.CAVEAT),
        (
            "Manglende tall",
            "Der SSB ikke har tall, eller der tallene ikke er hentet, står det «mangler tall». "
            "Et manglende tall vises aldri som null.",
        ),
        (
            "Lisens og kreditering",
            "Tallene fra Statistisk sentralbyrå er publisert under lisensen Creative Commons "
            f"Navngivelse 4.0 (CC BY 4.0). Kreditering: «{CREDIT}». Mål, prosjekter og rapporterte tall "
            "er hentet fra Sluttrapport Byregionprogrammet Kongsvingerregionen (2018).",
        ),
    ]


def source_line(provenance) -> str:
    """The credit every chart and export carries (CC BY 4.0), with the fetch date."""
    if provenance.source == "snapshot":
        return f"Kilde: Statistisk sentralbyrå (SSB), tabell 07984 (bosatte) og 11618 (arbeidsplasser) – {SNAPSHOT}"
    return f"{CREDIT}, hentet {fmt.date(provenance.fetched_at)}"


def region_definition(name: str, codes) -> str:
    return f"Utvalg: {name} = {', '.join(regions.municipality_name(c) for c in codes)} (dagens kommunegrenser)"
