#!/usr/bin/env python3
"""Render layers of assets/basemap/world.mmb to a PNG the way the app draws them.

Fills: every polygon triangulated by the port of earcutr (earcutr_port.py, the triangulator
geo's TriangulateEarcut uses in src/geography/world.rs). Outlines: every ring stroked as
epaint's add_line_loop strokes the app's `Shape::closed_line` (src/ui/basemap_view.rs): the
ring with its closing point, miter joins without a limit, a thin line (width <= 0.9 px)
drawn as a ridge one feathering pixel either side. So a needle or a ring that jumps shows
here as it would on screen. Colours and stroke widths are the app's.

Needs numpy and matplotlib (not pinned in requirements.txt; only for looking):

    pip install matplotlib
    python3 tools/basemap/render_world.py --layer countries/110m out.png
    python3 tools/basemap/render_world.py --app --own KZ --view 46 40 88 56 --aspect 1.5 kz.png

`--layer NAME` (repeatable) draws those layers, each filled and outlined; `--app` picks the
layers for the view's span as the app does (countries, lakes, and the regions of the --own
countries once the span is <= 60 degrees) and draws them in its order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import earcutr_port  # noqa: E402
import make_world as mw  # noqa: E402

SEA = "#DDE5EB"
LAND = "#FBF9F4"
CONTEXT = "#ECEAE4"
BORDER = ("#555555", 1.6)
CONTEXT_BORDER = ("#9A9A9A", 0.8)
REGION = ("#B8B8B8", 0.8)
LAKE_FILL = SEA
FEATHER = 1.0  # epaint feathering_size_in_pixels


def app_layers(span: float) -> tuple[str, str, str]:
    countries = "countries/110m" if span > 90 else "countries/50m" if span > 12 else "countries/10m"
    regions = "regions/coarse" if span > 12 else "regions/fine"
    lakes = "lakes/110m" if span > 90 else "lakes/50m"
    return countries, regions, lakes


def stroke_quads(pts: np.ndarray, width: float) -> np.ndarray:
    """epaint add_line_loop + stroke (feathered) of the closed path through pts (px)."""
    n = len(pts)
    d = np.roll(pts, -1, axis=0) - pts  # segment i -> i+1 (the last one closes)
    length = np.hypot(d[:, 0], d[:, 1])
    with np.errstate(invalid="ignore", divide="ignore"):
        u = np.where(length[:, None] > 0, d / length[:, None], 0.0)
    seg_n = np.stack([u[:, 1], -u[:, 0]], axis=1)  # rot90
    normals = np.empty_like(pts)
    n0 = seg_n[-1].copy()
    for i in range(n):  # the duplicate-point rule is sequential
        n1 = seg_n[i].copy()
        if not n0.any():
            n0 = n1
        elif not n1.any():
            n1 = n0
        normal = (n0 + n1) * 0.5
        lsq = normal @ normal
        normals[i] = normal / lsq if lsq > 0 else np.nan
        n0 = n1
    reach = FEATHER if width <= 0.9 * FEATHER else (width + FEATHER) / 2
    a, b = pts + normals * reach, pts - normals * reach
    a2, b2 = np.roll(a, -1, axis=0), np.roll(b, -1, axis=0)
    q = np.stack([a, a2, b2, b], axis=1)
    return q[np.isfinite(q).all(axis=(1, 2))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--mmb", default=str(mw.WORLD_PATH))
    ap.add_argument("--layer", action="append", default=[])
    ap.add_argument("--app", action="store_true")
    ap.add_argument("--own", action="append", default=[], help="country ids drawn as the data's own")
    ap.add_argument("--view", nargs=4, type=float, default=[-185, -95, 185, 95],
                    metavar=("MIN_LON", "MIN_LAT", "MAX_LON", "MAX_LAT"))
    ap.add_argument("--aspect", type=float, default=1.0, help="latitude stretch (the app: 1/cos(lat))")
    ap.add_argument("--width", type=int, default=2000, help="pixels")
    a = ap.parse_args()

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    x0, y0, x1, y1 = a.view
    W = a.width
    H = max(1, round(W * (y1 - y0) * a.aspect / (x1 - x0)))
    S = mw.SCALE
    layers = {l["name"]: l for l in mw.decode_mmb(Path(a.mmb).read_bytes())}

    def px(ring):
        r = np.asarray(ring, dtype=np.float64) / S
        return np.stack([(r[:, 0] - x0) / (x1 - x0) * W, (y1 - r[:, 1]) / (y1 - y0) * H], axis=1)

    def visible(f):
        b = f["bbox"]
        return b[0] <= x1 and x0 <= b[2] and b[1] <= y1 and y0 <= b[3]

    def fill(feats, color, polys):
        for f in feats:
            for poly in f["polygons"]:
                flat, holes = [], []
                for k, r in enumerate(poly):
                    if k:
                        holes.append(len(flat) // 2)
                    for x, y in r + [r[0]]:
                        flat += [x / S, y / S]
                t = earcutr_port.earcut(flat, holes)
                v = np.asarray(flat).reshape(-1, 2)
                v = np.stack([(v[:, 0] - x0) / (x1 - x0) * W, (y1 - v[:, 1]) / (y1 - y0) * H], axis=1)
                if t:
                    polys.append((v[np.asarray(t).reshape(-1, 3)], color))

    def outline(feats, style, polys):
        color, width = style
        for f in feats:
            for poly in f["polygons"]:
                for r in poly:
                    p = px(r + [r[0]])  # ring.coords(): the closing point included
                    polys.append((stroke_quads(p, width), color if width > 0.9 * FEATHER else color + "CC"))

    plan: list[tuple[str, str, object]] = []  # (layer, "fill"/"line", colour or style)
    if a.app:
        span = max(x1 - x0, y1 - y0)
        c, r, lk = app_layers(span)
        plan = [(c, "fill", None), (lk, "fill", LAKE_FILL)]
        if span <= 60:
            plan.append((r, "line", REGION))
        plan += [(c, "line", "context"), (c, "line", "own")]
    else:
        for name in a.layer:
            kind = layers[name]["kind"]
            if kind == mw.KIND_LAKE:
                plan += [(name, "fill", "#9FC5E8"), (name, "line", ("#1155CC", 0.8))]
            else:
                plan += [(name, "fill", CONTEXT), (name, "line", CONTEXT_BORDER if kind == mw.KIND_COUNTRY else REGION)]

    fig = plt.figure(figsize=(W / 100, H / 100), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, W)
    ax.set_ylim(H, 0)
    ax.axis("off")
    fig.patch.set_facecolor(SEA)
    for name, what, style in plan:
        feats = [f for f in layers[name]["features"] if visible(f)]
        polys: list = []
        if what == "fill":
            if style is None:  # the app's countries: own and context colours
                fill([f for f in feats if f["id"] in a.own], LAND, polys)
                fill([f for f in feats if f["id"] not in a.own], CONTEXT, polys)
            else:
                fill(feats, style, polys)
        else:
            if style == "context":
                outline([f for f in feats if f["id"] not in a.own], CONTEXT_BORDER, polys)
            elif style == "own":
                outline([f for f in feats if f["id"] in a.own], BORDER, polys)
            elif a.app and style == REGION:
                outline([f for f in feats if f["country"] in a.own], REGION, polys)
            else:
                outline(feats, style, polys)
        by_color: dict[str, list] = {}
        for shapes, color in polys:
            if len(shapes):
                by_color.setdefault(color, []).append(shapes)
        for color, groups in by_color.items():
            ax.add_collection(PolyCollection(np.concatenate(groups), facecolors=color, edgecolors="none",
                                             antialiased=what == "line"))
    fig.savefig(a.out, dpi=100, facecolor=SEA)
    print(f"wrote {a.out} ({W}x{H} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
