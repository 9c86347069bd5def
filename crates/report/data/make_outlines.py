#!/usr/bin/env python3
"""Makes `outlines.txt`, the country outlines of the route maps, from
Natural Earth's 1:50m countries as packaged by the npm package `world-atlas`
(TopoJSON, `countries-50m.json`).

Run it again only to change the region or the detail:

    mkdir -p /tmp/npm && (cd /tmp/npm && npm install world-atlas@2.0.2)
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install shapely pycountry
    /tmp/venv/bin/python crates/report/data/make_outlines.py \
        /tmp/npm/node_modules/world-atlas/countries-50m.json > crates/report/data/outlines.txt

What it does, and why:
- decodes the TopoJSON arcs and simplifies each *arc* once (Douglas-Peucker,
  TOLERANCE degrees), so two neighbours keep exactly the same border;
- keeps the countries that meet the region's box (BOX: every place of
  `indicators/places.yaml` with coordinates and every country a route
  names, from Turkey to Bangladesh and from Sri Lanka to Moscow) and clips
  them to it;
- writes longitude/latitude in degrees with two decimals (the Rust side
  projects them, with the same projection as the places), one ring a line;
- gives each country a label point: the pole of inaccessibility of its
  largest part inside the box (always inside the country, unlike a
  centroid), used when a route stop is a whole country.

Output format (read by `crates/report/src/map/outlines.rs`):
    # comment lines
    C <ISO alpha-3> <label lon> <label lat>
    R lon,lat lon,lat ...        (rings of the country above; first = outer
                                  ring of a part, holes are not kept)
"""
import json
import sys

import pycountry
from shapely.geometry import Polygon, MultiPolygon, box
from shapely.ops import polylabel
from shapely.validation import make_valid

# lon_min, lat_min, lon_max, lat_max
BOX = (25.0, 0.0, 100.0, 60.0)
TOLERANCE = 0.04  # degrees, about 4 km: the maps are a few hundred px wide
MIN_AREA = 0.05  # square degrees: smaller islands are dropped


def dp(points, tol):
    """Douglas-Peucker on a list of (x, y), keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, idx = d, i
        if best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(points, keep) if k]


def main(path):
    topo = json.load(open(path))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(dp(pts, TOLERANCE))

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    clip = box(*BOX)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if "id" not in g or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        c = pycountry.countries.get(numeric=g["id"])
        if c is None:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        parts = []
        for p in polys:
            outer = ring(p[0])
            if len(outer) >= 4:
                parts.append(Polygon(outer))
        shape = make_valid(MultiPolygon(parts)).intersection(clip)
        if shape.is_empty:
            continue
        geoms = [s for s in getattr(shape, "geoms", [shape]) if isinstance(s, Polygon)]
        geoms = [s for s in geoms if s.area >= MIN_AREA]
        if not geoms:
            continue
        largest = max(geoms, key=lambda s: s.area)
        label = polylabel(largest, tolerance=0.01)
        countries.append((c.alpha_3, label, geoms))

    countries.sort(key=lambda c: c[0])
    out = sys.stdout
    out.write("# Country outlines of the route maps: Natural Earth 1:50m (public domain)\n")
    out.write("# via world-atlas 2.0.2 (ISC), simplified and clipped by make_outlines.py.\n")
    out.write("# Box lon %g..%g, lat %g..%g; tolerance %g degrees.\n" % (BOX[0], BOX[2], BOX[1], BOX[3], TOLERANCE))
    for code, label, geoms in countries:
        out.write("C %s %.2f %.2f\n" % (code, label.x, label.y))
        for g in sorted(geoms, key=lambda s: -s.area):
            pts = []
            for x, y in list(g.exterior.coords)[:-1]:
                t = "%.2f,%.2f" % (x, y)
                if not pts or pts[-1] != t:
                    pts.append(t)
            if len(pts) >= 3:
                out.write("R " + " ".join(pts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
