#!/usr/bin/env python3
"""Writes data/examples/memorials.geojson: an ILLUSTRATIVE dataset (the places are real,
the memorials, reports and sources are invented) that exercises what the Kazakh data does
not: a vocabulary of its own, names in a dozen scripts, a former name, and 65 years.

Deterministic: the same script writes the same bytes. Run from the repository root:
    python3 tools/examples/make_memorials.py
"""
import json
import random

FIRST, LAST = 1960, 2024

STATUSES = [
    {"id": "standing", "outcome": "took_place",
     "label": {"en": "Standing", "ru": "Стоит", "kk": "Тұр", "es": "En pie"},
     "meaning": {"en": "The memorial stood and the yearly ceremony was held at it.",
                 "ru": "Памятник стоял, ежегодная церемония прошла у него."}},
    {"id": "moved", "outcome": "took_place_changed",
     "label": {"en": "Moved", "ru": "Перенесён", "kk": "Көшірілді"},
     "meaning": {"en": "The memorial was moved to another site; the ceremony followed it."}},
    {"id": "replaced", "outcome": "replaced",
     "label": {"en": "Replaced by a new memorial", "ru": "Заменён новым"},
     "meaning": {"en": "A new memorial with another message took its place."}},
    {"id": "removal_announced", "outcome": "announced",
     "label": {"en": "Removal announced", "ru": "Объявлен снос"},
     "meaning": {"en": "The authorities announced it would be removed; nothing yet from the day."}},
    {"id": "removed", "outcome": "not_held",
     "label": {"en": "Removed", "ru": "Снесён", "kk": "Алынды"},
     "meaning": {"en": "The memorial was taken down; no ceremony."},
     "colour": "#D55E00", "shape": "cross"},
    {"id": "vandalised", "outcome": "not_held",
     "label": {"en": "Vandalised, ceremony cancelled"},
     "meaning": {"en": "Damaged; the ceremony was called off."}},
]

# (id, lon, lat, region, population, names, former names)
CITIES = [
    ("tbilisi", 44.79, 41.72, "Tbilisi", 1200000,
     {"en": "Tbilisi", "ka": "თბილისი", "ru": "Тбилиси"}, None),
    ("yerevan", 44.51, 40.18, "Yerevan", 1090000,
     {"en": "Yerevan", "hy": "Երևան", "ru": "Ереван"}, None),
    ("cairo", 31.24, 30.04, "Cairo Governorate", 10000000,
     {"en": "Cairo", "ar": "القاهرة"}, None),
    ("tehran", 51.39, 35.69, "Tehran Province", 9000000,
     {"en": "Tehran", "fa": "تهران"}, None),
    ("mumbai", 72.88, 19.08, "Maharashtra", 12400000,
     {"en": "Mumbai", "mr": "मुंबई", "hi": "मुंबई"},
     {"en": "Bombay", "mr": "मुंबई", "to": "1995-11"}),
    ("bangkok", 100.50, 13.76, "Bangkok", 10500000,
     {"en": "Bangkok", "th": "กรุงเทพมหานคร"}, None),
    ("beijing", 116.40, 39.90, "Beijing", 21500000,
     {"en": "Beijing", "zh-Hans": "北京"}, None),
    ("tokyo", 139.69, 35.69, "Tokyo", 14000000,
     {"en": "Tokyo", "ja": "東京"}, None),
    ("seoul", 126.98, 37.57, "Seoul", 9400000,
     {"en": "Seoul", "ko": "서울"}, None),
    ("athens", 23.73, 37.98, "Attica", 3150000,
     {"en": "Athens", "el": "Αθήνα"}, None),
    ("addis-ababa", 38.75, 9.03, "Addis Ababa", 3500000,
     {"en": "Addis Ababa", "am": "አዲስ አበባ"}, None),
    ("kyiv", 30.52, 50.45, "Kyiv", 2950000,
     {"en": "Kyiv", "uk": "Київ", "ru": "Киев"}, None),
]


def story(rng):
    """(year, status, timing) events for one city: a memorial's life, invented."""
    events = []
    year = FIRST + rng.randrange(0, 12)
    state = "standing"
    while year <= LAST:
        events.append((year, state, "day"))
        step = rng.randrange(3, 9)
        roll = rng.random()
        if state == "standing":
            if roll < 0.12:
                state = "moved"
            elif roll < 0.22:
                events.append((min(year + step, LAST), "removal_announced", "before"))
                state = "removed"
            elif roll < 0.28:
                state = "vandalised"
        elif state in ("moved", "vandalised"):
            state = "standing"
        elif state == "removed":
            state = "replaced" if roll < 0.5 else "removed"
        elif state == "replaced":
            state = "replaced"
        year += step
    return events


def main():
    rng = random.Random(1960)
    sources, features = [], []
    for cid, lon, lat, region, population, names, former in CITIES:
        reports = []
        for n, (year, status, timing) in enumerate(story(rng)):
            sid = f"{cid}-{year}-{n}"
            month_day = "11-11" if timing == "day" else "10-20"
            sources.append({
                "id": sid,
                "title": f"Illustrative: the memorial in {names['en']}, {year}",
                "publisher": "Example publisher",
                "url": f"https://example.org/memorymap/memorials/{cid}/{year}/{n}",
                "published": f"{year}-{month_day}",
                "language": "en",
            })
            reports.append({
                "id": f"{cid}-{year}-{status}",
                "year": year,
                "date": f"{year}-{month_day}",
                "timing": timing,
                "status": status,
                "summary": f"Example publisher reported the memorial in {names['en']} as {status.replace('_', ' ')} in {year} (invented).",
                "source": sid,
            })
        properties = {"names": names, "region": region, "population": population,
                      "reports": reports}
        if former:
            properties["name_history"] = [former]
        features.append({
            "type": "Feature",
            "id": cid,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        })
    data = {
        "type": "FeatureCollection",
        "memorymap": {
            "schema_version": 1,
            "dataset": {
                "id": "example-memorials",
                "title": "Example: twelve invented memorials, 1960–2024",
                "version": "2026-12-02",
                "description": "Illustrative example for testing memorymap: the places are real, the memorials, reports and sources are invented and are not evidence of anything. It declares its own statuses and has names in twelve scripts.",
                "first_year": FIRST,
                "last_year": LAST,
                "event_day": "11-11",
                "area": "the twelve cities",
                "name_language": "en",
                "statuses": STATUSES,
            },
            "sources": sources,
        },
        "features": features,
    }
    with open("data/examples/memorials.geojson", "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
