#!/usr/bin/env python3
"""Checks data/kazakhstan.geojson against the schema-1 rules and the source texts.

Usage: python3 tools/cities/check_dataset.py [--dataset PATH] [--shared DIR]

--shared is the read-only shared/ folder beside the checkout (default: ../shared
from the repository root); the seed article and FACTS.md are read from it to
check that every excerpt is a verbatim quotation. Prints each problem and exits
with status 1 if there is any; prints a summary and exits 0 otherwise.
"""
import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_NAME = "seed/000_8b435f378372a0dc.txt"
SEED_SOURCE = "daryo-2025-04-28"
# Cities the seed article names, with the 2025 status it gives each.
SEED_CITIES = {
    "almaty": "refused",
    "pavlodar": "alternative",
    "petropavl": "alternative",
    "taldykorgan": "none_planned",
    "kyzylorda": "none_planned",
    "turkestan": "none_planned",
    "astana": "official_only",
}
EXPECTED_CITIES = {
    "almaty", "astana", "shymkent", "karaganda", "pavlodar", "petropavl", "oskemen", "semey",
    "kostanay", "aktobe", "oral", "atyrau", "aktau", "taraz", "kyzylorda", "kokshetau",
    "turkestan", "taldykorgan", "temirtau", "ekibastuz", "rudny", "zhezkazgan", "konaev",
}
STATUSES = {"held", "held_renamed", "alternative", "announced", "official_only", "refused",
            "cancelled", "none_planned"}
TIMINGS = {"before", "day"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
FIRST_YEAR, LAST_YEAR = 2015, 2025
MAX_EXCERPT = 300

# Allowed keys: (required, optional). The Rust loader rejects unknown fields.
KEYS = {
    "root": ({"type", "memorymap", "features"}, set()),
    "memorymap": ({"schema_version", "dataset", "sources", "country_timeline"}, set()),
    "dataset": ({"id", "title", "version", "description", "first_year", "last_year", "licence",
                 "status_rule"}, {"event_day"}),
    "source": ({"id", "title", "publisher", "url", "published", "published_uncertain", "language",
                "reliability", "facts_ref"}, {"note", "url_partial"}),
    "timeline": ({"id", "first_year", "last_year", "summary", "source"},
                 {"status", "excerpt", "contested_by"}),
    "contested": ({"summary", "sources"}, set()),
    "feature": ({"type", "id", "geometry", "properties"}, set()),
    "geometry": ({"type", "coordinates"}, set()),
    "properties": ({"names", "region", "population", "geonames_id", "reports"},
                   {"name_history", "aliases", "notes"}),
    "names": ({"en", "kk", "ru"}, set()),
    "name_history": ({"en", "kk", "ru"}, {"from", "to"}),
    "report": ({"id", "year", "date", "timing", "status", "summary", "source", "uncertain"},
               {"excerpt"}),
    "note": ({"year", "summary", "source"}, set()),
}
STATUS_RULE_START = (
    'Reports about the day itself (timing "day") outrank announcements and decisions made before '
    'it (timing "before"); among reports of the same timing the one with the latest date wins; on '
    "equal dates a report whose year or claim is not marked uncertain wins, then the later report in the file."
)


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def keys(self, where, obj, kind):
        if not isinstance(obj, dict):
            self.err(where, f"expected an object ({kind})")
            return False
        required, optional = KEYS[kind]
        for k in sorted(required - obj.keys()):
            self.err(where, f"missing field '{k}'")
        for k in sorted(obj.keys() - required - optional):
            self.err(where, f"unknown field '{k}'")
        return True

    def text(self, where, value, field):
        if not isinstance(value, str) or not value.strip():
            self.err(where, f"'{field}' must be a non-empty string")

    def date(self, where, value, field):
        if not isinstance(value, str) or not DATE_RE.match(value):
            self.err(where, f"'{field}' must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")

    def year(self, where, value, field):
        if not isinstance(value, int) or isinstance(value, bool) or not FIRST_YEAR <= value <= LAST_YEAR:
            self.err(where, f"'{field}' must be an integer year {FIRST_YEAR}–{LAST_YEAR}, got {value!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=REPO / "data" / "kazakhstan.geojson")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()

    c = Checker()
    raw = args.dataset.read_text(encoding="utf-8")
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        print(f"{args.dataset}: invalid JSON: {e}")
        return 1
    if "\\u04" in raw or "\\u043" in raw:
        c.err("file", "Cyrillic is escaped; write with ensure_ascii=False")
    seed = (args.shared / SEED_NAME).read_text(encoding="utf-8")
    facts = (args.shared / "FACTS.md").read_text(encoding="utf-8")

    c.keys("root", doc, "root")
    if doc.get("type") != "FeatureCollection":
        c.err("root", "type must be FeatureCollection")
    mm = doc.get("memorymap", {})
    c.keys("memorymap", mm, "memorymap")
    if mm.get("schema_version") != 1:
        c.err("memorymap", "schema_version must be 1")
    ds = mm.get("dataset", {})
    c.keys("dataset", ds, "dataset")
    if not ds.get("status_rule", "").startswith(STATUS_RULE_START):
        c.err("dataset", "status_rule no longer starts with the rule the app implements")
    if (ds.get("first_year"), ds.get("last_year")) != (FIRST_YEAR, LAST_YEAR):
        c.err("dataset", "first_year/last_year must be 2015/2025")

    # Sources
    sources = {}
    refs = Counter()
    for i, s in enumerate(mm.get("sources", [])):
        where = f"sources[{i}]"
        if not c.keys(where, s, "source"):
            continue
        sid = s.get("id")
        where = f"source {sid}"
        if not isinstance(sid, str) or not ID_RE.match(sid):
            c.err(where, "id must match [a-z0-9-]")
        if sid in sources:
            c.err(where, "duplicate source id")
        sources[sid] = s
        for f in ("title", "publisher", "facts_ref"):
            c.text(where, s.get(f), f)
        refs[s.get("facts_ref")] += 1
        url = s.get("url", "")
        if not isinstance(url, str) or not url.startswith("https://") or " " in url:
            c.err(where, f"url must start with https:// and contain no spaces: {url!r}")
        c.date(where, s.get("published"), "published")
        if s.get("language") not in {"en", "ru", "kk"}:
            c.err(where, "language must be en, ru or kk")
        if s.get("reliability") not in {"normal", "low"}:
            c.err(where, "reliability must be normal or low")
        for f in ("published_uncertain", "url_partial"):
            if f in s and not isinstance(s[f], bool):
                c.err(where, f"'{f}' must be a boolean")
        if s.get("url_partial") and not s.get("note"):
            c.err(where, "a partial url needs a note saying what FACTS.md gives")
        if "note" in s:
            c.text(where, s["note"], "note")
    for ref, n in refs.items():
        if n > 1:
            c.err("sources", f"facts_ref {ref!r} used by {n} sources")

    cited = Counter()
    all_ids = Counter()

    def cite(where, sid):
        if sid not in sources:
            c.err(where, f"cites unknown source {sid!r}")
        cited[sid] += 1

    def excerpt_ok(where, ex, sid):
        if not isinstance(ex, str) or not ex.strip():
            c.err(where, "excerpt must be a non-empty string")
            return
        if len(ex) > MAX_EXCERPT:
            c.err(where, f"excerpt is {len(ex)} characters (max {MAX_EXCERPT})")
        corpus = seed if sid == SEED_SOURCE else facts
        if ex not in corpus:
            c.err(where, "excerpt is not verbatim in " + ("the seed article" if sid == SEED_SOURCE else "FACTS.md"))

    # Country timeline
    for i, e in enumerate(mm.get("country_timeline", [])):
        where = f"country_timeline[{i}]"
        if not c.keys(where, e, "timeline"):
            continue
        where = f"timeline {e.get('id')}"
        if not ID_RE.match(str(e.get("id"))):
            c.err(where, "id must match [a-z0-9-]")
        all_ids[("timeline", e.get("id"))] += 1
        c.year(where, e.get("first_year"), "first_year")
        c.year(where, e.get("last_year"), "last_year")
        if isinstance(e.get("first_year"), int) and isinstance(e.get("last_year"), int) \
                and e["first_year"] > e["last_year"]:
            c.err(where, "first_year after last_year")
        if "status" in e and e["status"] not in STATUSES:
            c.err(where, f"unknown status {e['status']!r}")
        c.text(where, e.get("summary"), "summary")
        cite(where, e.get("source"))
        if "excerpt" in e:
            excerpt_ok(where, e["excerpt"], e.get("source"))
        for j, cb in enumerate(e.get("contested_by", [])):
            w = f"{where}.contested_by[{j}]"
            if c.keys(w, cb, "contested"):
                c.text(w, cb.get("summary"), "summary")
                if not cb.get("sources"):
                    c.err(w, "needs at least one source")
                for sid in cb.get("sources", []):
                    cite(w, sid)

    # Features
    feats = doc.get("features", [])
    seen_cities = set()
    status_count = Counter()
    n_reports = n_notes = 0
    for i, f in enumerate(feats):
        where = f"features[{i}]"
        if not c.keys(where, f, "feature"):
            continue
        fid = f.get("id")
        where = f"feature {fid}"
        if f.get("type") != "Feature":
            c.err(where, "type must be Feature")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            c.err(where, "id must match [a-z0-9-]")
        if fid in seen_cities:
            c.err(where, "duplicate feature id")
        seen_cities.add(fid)
        g = f.get("geometry", {})
        if c.keys(where + ".geometry", g, "geometry"):
            co = g.get("coordinates")
            if g.get("type") != "Point" or not (isinstance(co, list) and len(co) == 2
                                                and all(isinstance(x, (int, float)) for x in co)):
                c.err(where, "geometry must be a Point [lon, lat]")
            elif not (46.4 <= co[0] <= 87.4 and 40.5 <= co[1] <= 55.5):
                c.err(where, f"coordinates {co} outside Kazakhstan (lon 46.4–87.4, lat 40.5–55.5)")
        p = f.get("properties", {})
        if not c.keys(where + ".properties", p, "properties"):
            continue
        if c.keys(where + ".names", p.get("names"), "names"):
            for k in ("en", "kk", "ru"):
                c.text(where, p["names"].get(k), f"names.{k}")
        for j, h in enumerate(p.get("name_history", [])):
            w = f"{where}.name_history[{j}]"
            if c.keys(w, h, "name_history"):
                for k in ("en", "kk", "ru"):
                    c.text(w, h.get(k), k)
                for k in ("from", "to"):
                    if k in h:
                        c.date(w, h[k], k)
                if "from" in h and "to" in h and h["from"] > h["to"]:
                    c.err(w, "from after to")
        for a in p.get("aliases", []):
            c.text(where, a, "aliases[]")
        c.text(where, p.get("region"), "region")
        for k in ("population", "geonames_id"):
            if not isinstance(p.get(k), int) or p[k] <= 0:
                c.err(where, f"'{k}' must be a positive integer")
        years_with_daryo = {}
        for j, r in enumerate(p.get("reports", [])):
            w = f"{where}.reports[{j}]"
            if not c.keys(w, r, "report"):
                continue
            n_reports += 1
            rid = r.get("id")
            w = f"report {rid}"
            if not isinstance(rid, str) or not ID_RE.match(rid):
                c.err(w, "id must match [a-z0-9-]")
            elif not rid.startswith(f"{fid}-{r.get('year')}-"):
                c.err(w, "id must start with <city>-<year>-")
            all_ids[("report", rid)] += 1
            c.year(w, r.get("year"), "year")
            c.date(w, r.get("date"), "date")
            if isinstance(r.get("date"), str) and str(r.get("year")) != r["date"][:4]:
                c.err(w, "date is not in the report's year")
            if r.get("timing") not in TIMINGS:
                c.err(w, f"timing must be one of {sorted(TIMINGS)}")
            if r.get("status") not in STATUSES:
                c.err(w, f"unknown status {r.get('status')!r}")
            status_count[r.get("status")] += 1
            if not isinstance(r.get("uncertain"), bool):
                c.err(w, "'uncertain' must be a boolean")
            c.text(w, r.get("summary"), "summary")
            cite(w, r.get("source"))
            if "excerpt" in r:
                excerpt_ok(w, r["excerpt"], r.get("source"))
            if r.get("source") == SEED_SOURCE and r.get("year") == 2025:
                years_with_daryo[2025] = r
        for j, n in enumerate(p.get("notes", [])):
            w = f"{where}.notes[{j}]"
            if c.keys(w, n, "note"):
                n_notes += 1
                c.year(w, n.get("year"), "year")
                c.text(w, n.get("summary"), "summary")
                cite(w, n.get("source"))
        if fid in SEED_CITIES:
            r = years_with_daryo.get(2025)
            if r is None:
                c.err(where, "the seed article names this city but it has no 2025 report citing it")
            else:
                if "excerpt" not in r:
                    c.err(where, "the seed's 2025 report has no excerpt")
                if r.get("status") != SEED_CITIES[fid]:
                    c.err(where, f"the seed's 2025 report should be {SEED_CITIES[fid]}, is {r.get('status')}")

    if seen_cities != EXPECTED_CITIES:
        c.err("features", f"missing {sorted(EXPECTED_CITIES - seen_cities)}, "
                          f"unexpected {sorted(seen_cities - EXPECTED_CITIES)}")
    for (kind, i), n in all_ids.items():
        if n > 1:
            c.err(kind, f"id {i!r} used {n} times")
    for sid in sources:
        if not cited[sid]:
            c.err(f"source {sid}", "is not cited by any report, note or timeline entry")

    if c.errors:
        for e in c.errors:
            print(e)
        print(f"{len(c.errors)} problem(s) in {args.dataset}")
        return 1
    timeline = mm.get("country_timeline", [])
    print(f"OK {args.dataset}: {len(feats)} cities, {n_reports} reports, {len(sources)} sources, "
          f"{len(timeline)} timeline entries, {n_notes} notes")
    print("reports by status: " + ", ".join(f"{k} {v}" for k, v in sorted(status_count.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
