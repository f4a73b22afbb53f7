"""Derive data/geo/natural_earth_region.geojson, the base map of the book's map figure.

Usage (needs npm and the network, so the tests never run it)::

    python scripts/make_map_data.py            # fetches world-atlas with `npm pack`
    python scripts/make_map_data.py --package-dir /path/to/unpacked/world-atlas/package

Origin: Natural Earth (public domain), as pre-built TopoJSON in the npm package
``world-atlas@2.0.2`` (ISC-licensed packaging by Mike Bostock of Natural Earth's
``ne_*_admin_0_countries``), tarball sha256 :data:`TARBALL_SHA256`.

What the script writes (one GeoJSON FeatureCollection, coordinates in degrees rounded to
:data:`DECIMALS` decimals, consecutive duplicate points dropped):

- layer ``region`` (the chapter's main map): ``countries-10m.json`` (1:10m), clipped to the
  rectangle :data:`REGION_CLIP`;
- layer ``venues`` (the panel of the venues of the talks): ``countries-110m.json`` (1:110m), clipped
  to :data:`VENUE_CLIP`.

In each layer:

- ``kind = "country"``: each country's area (MultiPolygon), clipped to the rectangle
  (Sutherland–Hodgman against each side);
- ``kind = "border"``: land borders, the TopoJSON arcs shared by two countries (MultiLineString,
  one feature per pair of countries), clipped to the rectangle;
- ``kind = "coast"``: arcs used by one country only (sea and lake shores);
- ``kind = "border_river"`` (region layer only): the arcs Afghanistan shares with Tajikistan and
  with Uzbekistan. Natural Earth's countries have no rivers; these borders follow the Panj and
  the Amu Darya, so the map draws this line, which is the border line, as the river it follows.
  These arcs are not repeated among the ``border`` features.

Pure Python (json, subprocess, tarfile): no GIS library is needed.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "geo" / "natural_earth_region.geojson"

NPM_PACKAGE = "world-atlas"
NPM_VERSION = "2.0.2"
TARBALL_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
DECIMALS = 2

#: Clip rectangles (lon west, lon east, lat south, lat north) and the source file of each layer.
#: Keep them equal to tajik_peace.maps.REGION_CLIP and VENUE_CLIP (the tests check the file).
REGION_CLIP = (63.5, 76.5, 33.5, 42.5)
VENUE_CLIP = (34.0, 81.0, 30.0, 59.0)
LAYERS = {
    "region": ("countries-10m.json", "1:10m", REGION_CLIP),
    "venues": ("countries-110m.json", "1:110m", VENUE_CLIP),
}
#: The border river: Afghanistan's borders with these countries follow the Panj and Amu Darya.
RIVER_COUNTRY = "Afghanistan"
RIVER_NEIGHBOURS = {"Tajikistan": "Panj and Amu Darya", "Uzbekistan": "Amu Darya"}


# ---- TopoJSON ------------------------------------------------------------------------------------


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (the file is quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs, index: int) -> list[tuple[float, float]]:
    """An arc by its TopoJSON index; a negative index ~i means arc i reversed."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_points(arcs, ring: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        pts = arc_points(arcs, index)
        points.extend(pts if not points else pts[1:])  # arcs share their end points
    return points


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


# ---- clipping to a rectangle ---------------------------------------------------------------------


def clip_ring(points, window):
    """Sutherland–Hodgman: the part of a closed ring inside the rectangle (may be empty)."""
    west, east, south, north = window
    edges = (
        (lambda p: p[0] >= west, lambda p, q: _at_x(p, q, west)),
        (lambda p: p[0] <= east, lambda p, q: _at_x(p, q, east)),
        (lambda p: p[1] >= south, lambda p, q: _at_y(p, q, south)),
        (lambda p: p[1] <= north, lambda p, q: _at_y(p, q, north)),
    )
    out = list(points[:-1]) if points and points[0] == points[-1] else list(points)
    for inside, cross in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out + out[:1] if len(out) >= 3 else []


def _at_x(p, q, x):
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def _at_y(p, q, y):
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def clip_line(points, window):
    """The pieces of a polyline inside the rectangle (Liang–Barsky on each segment)."""
    west, east, south, north = window
    pieces, current = [], []
    for p, q in itertools.pairwise(points):
        seg = _clip_segment(p, q, west, east, south, north)
        if seg is None:
            if current:
                pieces.append(current)
                current = []
            continue
        a, b = seg
        if current and current[-1] == a:
            current.append(b)
        else:
            if current:
                pieces.append(current)
            current = [a, b]
        if b != q:  # left the window
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def _clip_segment(p, q, west, east, south, north):
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in (
        (-dx, p[0] - west),
        (dx, east - p[0]),
        (-dy, p[1] - south),
        (dy, north - p[1]),
    ):
        if edge_p == 0:
            if edge_q < 0:
                return None
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    a = p if t0 == 0 else (p[0] + t0 * dx, p[1] + t0 * dy)
    b = q if t1 == 1 else (p[0] + t1 * dx, p[1] + t1 * dy)
    return a, b


# ---- rounding ------------------------------------------------------------------------------------


def rounded(points) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        pt = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def rounded_ring(points):
    ring = rounded(points)
    if len(ring) >= 2 and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring if len(ring) >= 4 else []


# ---- one layer -----------------------------------------------------------------------------------


def layer_features(topo: dict, layer: str, scale: str, window) -> list[dict]:
    arcs = decode_arcs(topo)
    geometries = [g for g in topo["objects"]["countries"]["geometries"] if polygons_of(g)]
    features = []
    users: dict[int, set[str]] = {}
    for g in sorted(geometries, key=lambda g: g["properties"]["name"]):
        name = g["properties"]["name"]
        polygons = []
        for polygon in polygons_of(g):
            rings = []
            for i, ring in enumerate(polygon):
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(name)
                clipped = rounded_ring(clip_ring(ring_points(arcs, ring), window))
                if clipped:
                    rings.append(clipped)
                elif i == 0:
                    break  # the outer ring lies outside: so do its holes
            if rings:
                polygons.append(rings)
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"layer": layer, "kind": "country", "name": name, "scale": scale},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    by_key: dict[tuple[str, tuple[str, ...]], list] = {}
    for index in sorted(users):
        names = tuple(sorted(users[index]))
        lines = [rounded(piece) for piece in clip_line(arcs[index], window)]
        lines = [line for line in lines if len(line) >= 2]
        if not lines:
            continue
        if len(names) == 1:
            kind = "coast"
        elif layer == "region" and RIVER_COUNTRY in names and set(names) & set(RIVER_NEIGHBOURS):
            kind = "border_river"
        else:
            kind = "border"
        by_key.setdefault((kind, names), []).extend(lines)
    for (kind, names), lines in sorted(by_key.items()):
        props = {"layer": layer, "kind": kind, "countries": list(names), "scale": scale}
        if kind == "border_river":
            neighbour = next(n for n in names if n != RIVER_COUNTRY)
            props["river"] = RIVER_NEIGHBOURS[neighbour]
            props["note"] = (
                "The border line between the two countries, drawn as the river it follows; "
                "Natural Earth's countries have no rivers."
            )
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "MultiLineString", "coordinates": _joined(lines)},
            }
        )
    return features


def _joined(lines):
    """Join pieces end to start where they meet (fewer, longer lines; same points)."""
    out: list[list[list[float]]] = []
    for line in lines:
        if out and out[-1][-1] == line[0]:
            out[-1].extend(line[1:])
        else:
            out.append(list(line))
    return out


def build(package_dir: Path) -> dict:
    features = []
    for layer, (filename, scale, window) in LAYERS.items():
        topo = json.loads((package_dir / filename).read_text(encoding="utf-8"))
        features.extend(layer_features(topo, layer, scale, window))
    return {
        "type": "FeatureCollection",
        "metadata": {
            "source": "Natural Earth (public domain), admin-0 countries, via the npm package "
            f"{NPM_PACKAGE}@{NPM_VERSION} (sha256 {TARBALL_SHA256})",
            "layers": {
                layer: {"file": f, "scale": s, "clip": list(w)}
                for layer, (f, s, w) in LAYERS.items()
            },
            "decimals": DECIMALS,
            "made_by": "scripts/make_map_data.py",
        },
        "features": features,
    }


def fetch_package(workdir: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}", "--silent"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tarball = workdir / f"{NPM_PACKAGE}-{NPM_VERSION}.tgz"
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != TARBALL_SHA256:
        sys.exit(f"{tarball.name}: sha256 {digest}, expected {TARBALL_SHA256}")
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def write(collection: dict, path: Path = OUT) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", type=Path, help="an unpacked world-atlas package/")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.package_dir:
        size = write(build(args.package_dir), args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            size = write(build(fetch_package(Path(tmp))), args.out)
    print(f"wrote {args.out} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
