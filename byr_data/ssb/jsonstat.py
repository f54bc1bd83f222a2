"""JSON-stat 2.0 dataset -> tidy long DataFrame. Pure: no I/O, no Streamlit.

One row per cell in JSON-stat flat order (row-major, the last dimension in `id` varies fastest).
Columns: for each dimension `d` in `id` order, `d` (category code) and `d_label`; then `value`
(float64, NaN when missing) and `status` ("" when none). Codes stay strings: "0402" is not 402.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

_PREFIX = "Svaret er ikke JSON-stat 2.0: "


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset this parser can read."""

    def __init__(self, problem: str) -> None:
        super().__init__(_PREFIX + problem)


def dataset_updated(doc: dict) -> str | None:
    """SSB's last update time of the data (`updated`), or None when absent."""
    if isinstance(doc, dict) and doc.get("updated") is not None:
        return str(doc["updated"])
    return None


def parse_dataset(doc: dict) -> pd.DataFrame:
    """Turn a JSON-stat 2.0 dataset into a tidy long frame; raise JsonStatError when malformed."""
    dim_ids, sizes = _check_header(doc)
    n_cells = math.prod(sizes)

    columns: dict[str, Any] = {}
    for position, (dim_id, size) in enumerate(zip(dim_ids, sizes)):
        codes, labels = _categories(doc["dimension"], dim_id, size)
        # Each category repeats once per cell of the faster dimensions after it, and the whole
        # block repeats once per combination of the slower dimensions before it.
        inner = math.prod(sizes[position + 1 :])
        outer = math.prod(sizes[:position])
        take = np.tile(np.repeat(np.arange(size), inner), outer)
        # Convert the few categories to pandas strings first, then take: far cheaper than
        # converting one Python string per cell.
        columns[dim_id] = pd.array(codes, dtype=str).take(take)
        columns[f"{dim_id}_label"] = pd.array(labels, dtype=str).take(take)

    columns["value"] = _values(doc["value"], n_cells)
    columns["status"] = pd.array(_statuses(doc.get("status"), n_cells), dtype=str)
    return pd.DataFrame(columns)


def _check_header(doc: Any) -> tuple[list[str], list[int]]:
    """Validate the dataset's top level; return the dimension ids and sizes."""
    if not isinstance(doc, dict):
        raise JsonStatError(f"forventet et JSON-objekt, fikk {type(doc).__name__}.")
    if "class" in doc and doc["class"] != "dataset":
        raise JsonStatError(f"«class» er «{doc['class']}», forventet «dataset».")
    # SSB's v0 API (format json-stat2) may answer without `version`. We accept that when
    # `class` says "dataset"; `id`, `size` and `dimension` are still required below.
    if "version" not in doc:
        if doc.get("class") != "dataset":
            raise JsonStatError("feltet «version» mangler, og «class» er ikke «dataset».")
    elif doc["version"] != "2.0":
        raise JsonStatError(f"«version» er «{doc['version']}», forventet «2.0».")
    for field in ("id", "size", "dimension", "value"):
        if field not in doc:
            raise JsonStatError(f"feltet «{field}» mangler.")

    dim_ids, sizes, dimension = doc["id"], doc["size"], doc["dimension"]
    if not isinstance(dim_ids, list) or not all(isinstance(d, str) for d in dim_ids):
        raise JsonStatError("«id» må være en liste med dimensjonsnavn.")
    if len(set(dim_ids)) != len(dim_ids):
        raise JsonStatError(f"«id» har samme dimensjon flere ganger: {dim_ids}.")
    if not isinstance(sizes, list) or not all(_is_count(s) for s in sizes):
        raise JsonStatError(f"«size» må være en liste med heltall ≥ 0, fikk {sizes!r}.")
    if len(dim_ids) != len(sizes):
        raise JsonStatError(
            f"«id» har {len(dim_ids)} dimensjoner, men «size» har {len(sizes)} tall."
        )
    if not isinstance(dimension, dict):
        raise JsonStatError("«dimension» må være et objekt.")
    for dim_id in dim_ids:
        if dim_id not in dimension:
            raise JsonStatError(
                f"dimensjonen «{dim_id}» står i «id», men mangler i «dimension»."
            )
    # A dimension named e.g. "value" would silently overwrite a column.
    names = [n for d in dim_ids for n in (d, f"{d}_label")] + ["value", "status"]
    if len(set(names)) != len(names):
        raise JsonStatError(f"dimensjonsnavnene {dim_ids} kolliderer med kolonnenavnene.")
    return dim_ids, sizes


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _categories(dimension: dict, dim_id: str, size: int) -> tuple[list[str], list[str]]:
    """Codes and labels of one dimension, ordered by category position."""
    category = dimension[dim_id].get("category") if isinstance(dimension[dim_id], dict) else None
    if not isinstance(category, dict):
        raise JsonStatError(f"dimensjonen «{dim_id}» mangler «category».")
    labels = category.get("label") or {}
    if not isinstance(labels, dict):
        raise JsonStatError(f"dimensjonen «{dim_id}»: «category.label» må være et objekt.")
    index = category.get("index")

    if index is None:
        # JSON-stat lets a single-category dimension omit the index.
        if len(labels) != 1:
            raise JsonStatError(
                f"dimensjonen «{dim_id}» mangler «category.index»; det er bare lov når "
                f"dimensjonen har nøyaktig én kategori, men «category.label» har {len(labels)}."
            )
        codes = [str(next(iter(labels)))]
    elif isinstance(index, list):
        codes = [str(code) for code in index]
        if len(set(codes)) != len(codes):
            raise JsonStatError(f"dimensjonen «{dim_id}»: «category.index» har like koder.")
    elif isinstance(index, dict):
        positions = list(index.values())
        if sorted(p if _is_count(p) else -1 for p in positions) != list(range(len(positions))):
            raise JsonStatError(
                f"dimensjonen «{dim_id}»: posisjonene i «category.index» er ikke "
                f"0..{len(positions) - 1} (fikk {positions})."
            )
        codes = [""] * len(index)
        for code, pos in index.items():
            codes[pos] = str(code)
    else:
        raise JsonStatError(
            f"dimensjonen «{dim_id}»: «category.index» må være et objekt eller en liste."
        )

    if len(codes) != size:
        raise JsonStatError(
            f"dimensjonen «{dim_id}» har {len(codes)} kategorier, men «size» sier {size}."
        )
    return codes, [str(labels.get(code, code)) for code in codes]


def _values(raw: Any, n_cells: int) -> np.ndarray:
    """Cell values as float64 in flat order; null or absent becomes NaN."""
    if isinstance(raw, list):
        if len(raw) != n_cells:
            raise JsonStatError(
                f"«value» har {len(raw)} verdier, men produktet av «size» er {n_cells}."
            )
        try:
            values = np.array(raw, dtype="float64")  # numpy turns None into NaN
        except (TypeError, ValueError):
            values = None
        if values is None or values.ndim != 1:
            raise JsonStatError("«value» inneholder noe som ikke er et tall.")
        return values
    if isinstance(raw, dict):
        values = np.full(n_cells, np.nan)
        for key, value in raw.items():
            position = _flat_index(key, n_cells, "value")
            try:
                values[position] = np.nan if value is None else value
            except (TypeError, ValueError):
                problem = f"«value» i celle {key} er ikke et tall: {value!r}."
                raise JsonStatError(problem) from None
        return values
    raise JsonStatError(f"«value» må være en liste eller et objekt, fikk {type(raw).__name__}.")


def _statuses(raw: Any, n_cells: int) -> np.ndarray:
    """Status symbols in flat order ("." not applicable, ".." not available, ":" confidential)."""
    statuses = np.full(n_cells, "", dtype=object)
    if raw is None:
        return statuses
    if isinstance(raw, str):
        statuses[:] = raw
    elif isinstance(raw, list):
        if len(raw) != n_cells:
            raise JsonStatError(
                f"«status» har {len(raw)} elementer, men datasettet har {n_cells} celler."
            )
        statuses[:] = ["" if s is None else str(s) for s in raw]
    elif isinstance(raw, dict):
        for key, symbol in raw.items():
            statuses[_flat_index(key, n_cells, "status")] = "" if symbol is None else str(symbol)
    else:
        raise JsonStatError(
            f"«status» må være en tekst, en liste eller et objekt, fikk {type(raw).__name__}."
        )
    return statuses


def _flat_index(key: Any, n_cells: int, field: str) -> int:
    """A sparse object's key ("17") as a flat cell index, checked against the cell count."""
    try:
        position = int(key)
    except (TypeError, ValueError):
        problem = f"«{field}» har nøkkelen «{key}», som ikke er et celletall."
        raise JsonStatError(problem) from None
    if not 0 <= position < n_cells:
        raise JsonStatError(
            f"«{field}» har nøkkelen «{key}», men datasettet har bare {n_cells} celler."
        )
    return position
