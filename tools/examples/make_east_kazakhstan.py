#!/usr/bin/env python3
"""Writes data/examples/east-kazakhstan.geojson, an ILLUSTRATIVE dataset (the places are
real, the reports and sources are invented), and its boundary layer
data/examples/east-kazakhstan.regions.json: East Kazakhstan oblast as it was until 2021,
and after its 2022 split the new East Kazakhstan and Abai regions.

Geometry: the pre-2022 oblast is Natural Earth's admin-1 East Kazakhstan (KZ.15, public
domain) as already shipped in assets/basemap/kz_regions.geojson. The 2022 split line is
HAND-DRAWN AND APPROXIMATE: a straight cut from (82.25E, 51.3N) to (82.95E, 46.4N), which
puts Semey, Kurchatov, Ayagoz and Urzhar in Abai and Oskemen, Ridder and Zaysan in East
Kazakhstan; the real line zigzags (Glubokoe, for one, is on the wrong side here). Do not
use it as a reference for the border.

Deterministic. Run from the repository root:
    python3 tools/examples/make_east_kazakhstan.py
"""
import json

CUT = ((82.25, 51.3), (82.95, 46.4))


def side(p):
    (x1, y1), (x2, y2) = CUT
    return (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1)


def clip(ring, keep_west):
    """Sutherland-Hodgman against the cut's half-plane (west: side > 0)."""
    def inside(p):
        return side(p) >= 0 if keep_west else side(p) <= 0

    def cross(a, b):
        sa, sb = side(a), side(b)
        t = sa / (sa - sb)
        return [round(a[0] + t * (b[0] - a[0]), 4), round(a[1] + t * (b[1] - a[1]), 4)]

    pts = ring[:-1]
    out = []
    for i, cur in enumerate(pts):
        prev = pts[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    if len(out) < 3:
        return None
    return out + [out[0]]


def main():
    regions = json.load(open("assets/basemap/kz_regions.geojson", encoding="utf-8"))
    east = next(f for f in regions["features"] if f["properties"]["gn_a1_code"] == "KZ.15")
    polygons = east["geometry"]["coordinates"]

    def part(keep_west):
        out = []
        for polygon in polygons:
            ring = clip(polygon[0], keep_west)
            if ring:
                out.append([ring])
        return {"type": "MultiPolygon", "coordinates": out}

    layer = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "East Kazakhstan Region", "valid_to": 2021},
         "geometry": {"type": "MultiPolygon", "coordinates": polygons}},
        {"type": "Feature", "properties": {"name": "East Kazakhstan Region", "valid_from": 2022},
         "geometry": part(False)},
        {"type": "Feature", "properties": {"name": "Abai Region", "valid_from": 2022},
         "geometry": part(True)},
    ]}
    cities = [
        ("oskemen", 82.61, 49.95, "East Kazakhstan Region", 330000,
         {"en": "Oskemen", "kk": "Өскемен", "ru": "Усть-Каменогорск"}),
        ("ridder", 83.51, 50.34, "East Kazakhstan Region", 50000,
         {"en": "Ridder", "kk": "Риддер", "ru": "Риддер"}),
        ("zaysan", 84.87, 47.47, "East Kazakhstan Region", 15000,
         {"en": "Zaysan", "kk": "Зайсан", "ru": "Зайсан"}),
        ("semey", 80.23, 50.41, "Abai Region (East Kazakhstan until 2022)", 350000,
         {"en": "Semey", "kk": "Семей", "ru": "Семей"}),
        ("ayagoz", 80.44, 47.96, "Abai Region (East Kazakhstan until 2022)", 40000,
         {"en": "Ayagoz", "kk": "Аягөз", "ru": "Аягоз"}),
        ("kurchatov", 78.72, 50.76, "Abai Region (East Kazakhstan until 2022)", 10000,
         {"en": "Kurchatov", "kk": "Курчатов", "ru": "Курчатов"}),
    ]
    sources = []
    features = []
    for cid, lon, lat, region, population, names in cities:
        reports = []
        for year in (2019, 2023):
            sid = f"ek-{year}-{cid}"
            sources.append({"id": sid, "title": f"Illustrative: the day in {names['en']}, {year}",
                            "publisher": "Example publisher",
                            "url": f"https://example.org/memorymap/east-kazakhstan/{year}/{cid}",
                            "published": f"{year}-05-09", "language": "ru"})
            reports.append({"id": f"{cid}-{year}", "year": year, "date": f"{year}-05-09",
                            "timing": "day", "status": "held",
                            "summary": f"Example publisher reported that the day was marked in {names['en']}.",
                            "source": sid})
        features.append({"type": "Feature", "id": cid,
                         "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"names": names, "region": region,
                                        "population": population, "reports": reports}})
    dataset = {"type": "FeatureCollection", "memorymap": {
        "schema_version": 1,
        "dataset": {
            "id": "example-east-kazakhstan",
            "title": "Example: East Kazakhstan before and after the 2022 split",
            "version": "2026-12-02",
            "description": "Illustrative example for testing memorymap's own boundaries: the places are real, "
                           "the reports and sources are invented and are not evidence of anything. "
                           "The 2022 border between Abai and East Kazakhstan regions is hand-drawn and approximate.",
            "first_year": 2018, "last_year": 2025, "event_day": "05-09",
            "area": "East Kazakhstan",
            "licence": "Boundaries: Natural Earth (public domain), the 2022 split line hand-drawn.",
            "boundaries": "east-kazakhstan.regions.json",
        },
        "sources": sources}, "features": features}
    with open("data/examples/east-kazakhstan.regions.json", "w", encoding="utf-8") as f:
        json.dump(layer, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    with open("data/examples/east-kazakhstan.geojson", "w", encoding="utf-8") as f:
        json.dump(dataset, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
