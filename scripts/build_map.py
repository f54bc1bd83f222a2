"""Build data/geo/kommuner-2024.geojson, the municipality borders the page «Regionen i landet» draws.

Run from the repository root: python scripts/build_map.py [path/to/kommuner-2024-S.geojson]
Source: ../shared/reference/geo/kommuner-2024-S.geojson (Kartverket, CC BY 4.0, via robhop/fylker-og-kommuner;
see ../shared/reference/README.md). What this does, and nothing more:

1. simplifies each ring (Douglas–Peucker, tolerance TOLERANCE degrees), drops islands smaller than
   MIN_ISLAND of a municipality's largest polygon, and rounds coordinates to DIGITS decimals; every
   municipality keeps at least its largest polygon, so all 357 are drawn;
2. rewinds the rings with geojson-rewind to the order d3 and Vega expect (outer rings clockwise;
   the source follows RFC 7946, and drawn as is a municipality fills the whole plot);
3. keeps the properties `kommunenummer` and `kommunenavn`, and adds a label point (`lon`, `lat`:
   the mean of the largest ring's points) for the zoomed region map.
tests/test_compare_map.py checks the result against the source (every number, rewound rings).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geojson_rewind import rewind

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "geo" / "kommuner-2024-S.geojson"
OUT = ROOT / "data" / "geo" / "kommuner-2024.geojson"
TOLERANCE = 0.006  # degrees: about 300–650 m, invisible at the size the maps are drawn
MIN_ISLAND = 0.005  # an island under 0,5 % of the municipality's largest polygon is left out
DIGITS = 3


def _perpendicular(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify_line(points: list, tolerance: float) -> list:
    """Douglas–Peucker, iterative (rings have thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        distance, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > distance:
                distance, index = d, i
        if index is not None and distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def simplify_ring(ring: list) -> list | None:
    """The ring simplified and rounded, closed, with at least four points; None if it collapses."""
    half = len(ring) // 2  # split in two so a closed ring's start and end are not the only fixed points
    points = simplify_line(ring[: half + 1], TOLERANCE)[:-1] + simplify_line(ring[half:], TOLERANCE)
    rounded = []
    for x, y in points:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded if len(rounded) >= 4 and area(rounded) > 0 else None


def simplify_polygons(polygons: list) -> list:
    largest = max(area(p[0]) for p in polygons)
    kept = []
    for polygon in sorted(polygons, key=lambda p: -area(p[0])):
        if kept and area(polygon[0]) < MIN_ISLAND * largest:
            continue
        outer = simplify_ring(polygon[0])
        if outer is None:
            if kept:
                continue
            outer = [[round(x, DIGITS + 2), round(y, DIGITS + 2)] for x, y in polygon[0]]  # never lose the last one
        holes = [h for h in (simplify_ring(r) for r in polygon[1:]) if h]
        kept.append([outer, *holes])
    return kept


def build(source: dict) -> dict:
    features = []
    for feature in source["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        simplified = simplify_polygons(polygons)
        ring = simplified[0][0]
        label = [round(sum(p[0] for p in ring[:-1]) / (len(ring) - 1), 3),
                 round(sum(p[1] for p in ring[:-1]) / (len(ring) - 1), 3)]
        properties = feature["properties"]
        features.append({
            "type": "Feature",
            "properties": {"kommunenummer": properties["kommunenummer"], "kommunenavn": properties["kommunenavn"],
                           "lon": label[0], "lat": label[1]},
            "geometry": {"type": "MultiPolygon", "coordinates": simplified},
        })
    features.sort(key=lambda f: f["properties"]["kommunenummer"])
    collection = {"type": "FeatureCollection", "features": features}
    return rewind(collection, rfc7946=False)  # outer rings clockwise, as d3 and Vega expect


if __name__ == "__main__":
    result = build(json.loads(SOURCE.read_text(encoding="utf-8")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(result['features'])} kommuner, {OUT.stat().st_size / 1024:.0f} kB")
