"""The map of the places and of the venues of the talks, on Natural Earth's borders.

:func:`plot_map` draws one figure of two panels:

(a) the places in and around Tajikistan that the sources name, on the state borders of the region
    (Natural Earth 1:10m), with the Panj–Amu Darya border river;
(b) the venues of the talks (rounds, consultations, summits and expert meetings), with the number
    of meetings at each, counted from ``events.csv`` at run time (:func:`venue_counts`), on Natural
    Earth 1:110m.

The base map is ``data/geo/natural_earth_region.geojson``, derived by ``scripts/make_map_data.py``
and described in the codebook (``data/README.md``, "Map data"). It is read with :mod:`json`
(:func:`load_region`) and drawn with matplotlib alone, in an equirectangular projection whose
aspect is 1/cos(mid-latitude), so that distances near the middle of each panel are true.

Natural Earth's countries have no rivers. The Tajik–Afghan and Uzbek–Afghan borders follow the
Panj and the Amu Darya, so the blue line is the border line, drawn as the river it follows.

The coordinates of the places are the coder's (the sources give none). The map keeps their
uncertainty visible without letting it dominate: regions and areas are italic labels rather than
points or circles, and points whose stated uncertainty is :data:`APPROXIMATE` degrees or more are
drawn hollow.
"""

from __future__ import annotations

import itertools
import json
import math
import textwrap
from functools import lru_cache
from pathlib import Path

import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from . import figures
from .data import is_blank
from .data import with_id as _table
from .events import MEETING_KINDS

# ---- constants -----------------------------------------------------------------------------------

#: The base map (see the codebook's "Map data" section).
GEO_PATH = Path(__file__).resolve().parent.parent / "data" / "geo" / "natural_earth_region.geojson"
#: Rectangles (lon west, lon east, lat south, lat north) the base map was clipped to, by layer;
#: equal to those of scripts/make_map_data.py (the tests compare them with the file).
REGION_CLIP: tuple[float, float, float, float] = (63.5, 76.5, 33.5, 42.5)
VENUE_CLIP: tuple[float, float, float, float] = (34.0, 81.0, 30.0, 59.0)
#: What each panel shows (inside its clip rectangle).
REGION_BOUNDS: tuple[float, float, float, float] = (64.5, 76.0, 34.2, 41.8)
VENUE_BOUNDS: tuple[float, float, float, float] = (35.0, 80.0, 31.0, 58.0)

#: How :func:`venue_counts` names the kinds of meeting (:data:`~tajik_peace.events.MEETING_KINDS`).
MEETING_LABELS = {
    "round": "rounds",
    "consultation": "consultations",
    "summit": "summits",
    "expert_meeting": "expert meetings",
}
#: Place kinds drawn as points in panel (a), in their styling order; regions are labels.
POINT_KINDS: tuple[str, ...] = ("city", "town", "site")
AREA_KINDS: tuple[str, ...] = ("region",)
POINT_LABELS = {"city": "City", "town": "Town", "site": "Site"}
#: A point whose coder's uncertainty is this many degrees or more (about 10 km) is drawn hollow.
APPROXIMATE = 0.1
#: Sites this close (degrees) to a city drawn on the map are shown by the city (Dushanbe's square,
#: airport and television centre).
SAME_PLACE = 0.1

#: Country names written on panel (a): (lon, lat) of the label, upper case, grey.
COUNTRY_LABELS: dict[str, tuple[float, float]] = {
    "Tajikistan": (73.3, 39.2),
    "Afghanistan": (70.4, 35.5),
    "Uzbekistan": (65.5, 40.4),
    "Kyrgyzstan": (73.6, 41.25),
    "Kazakhstan": (68.0, 41.65),
    "Turkmenistan": (65.9, 37.95),  # wholly inside the frame
    "China": (75.1, 38.75),
    "Pakistan": (72.6, 35.3),
}
#: Where the border river is named on panel (a): (lon, lat, rotation in degrees).
RIVER_LABELS: dict[str, tuple[float, float, float]] = {
    "Panj": (73.9, 37.55, 0),
    "Amu Darya": (66.45, 37.55, 0),
}
#: Label offsets (points) and alignment for panel (a); others get :data:`DEFAULT_LABEL`.
DEFAULT_LABEL = (5, 0, "left")
LABEL_OFFSETS: dict[str, tuple[int, int, str]] = {
    "dushanbe": (5, 4, "left"),
    "tursunzade": (-5, 0, "right"),
    "tashkent": (5, 0, "left"),
    "khujand": (5, 0, "left"),
    "taloqan": (5, 3, "left"),
    "khusdeh": (5, -7, "left"),
    "kabul": (5, 0, "left"),
    "tigrovaya_balka": (-4, -10, "right"),
    "outpost_12": (5, -5, "left"),
    # regions: the label is centred on the coder's point unless shifted here
    "leninabad_region": (0, -10, "center"),
    "gissar_range": (0, 2, "center"),
    "gharm": (0, 9, "center"),
    "central_tajikistan": (44, 2, "center"),
    "southern_tajikistan": (2, 11, "center"),
    "qurghonteppa": (0, 0, "center"),
    "vakhsh_valley": (0, -11, "center"),
    "kulob": (8, 2, "left"),
    "gorno_badakhshan": (0, -8, "center"),
    "pamir": (0, 8, "center"),
    "northern_afghanistan": (-6, 1, "center"),
}
#: Label offsets (points) and alignment for panel (b).
VENUE_OFFSETS: dict[str, tuple[int, int, str]] = {
    "moscow": (8, 0, "left"),
    "tehran": (-9, 0, "right"),
    "islamabad": (0, -9, "center"),
    "almaty": (-6, 9, "center"),
    "bishkek": (-3, -10, "right"),
    "ashgabat": (-7, 6, "right"),
    "mashhad": (6, -7, "left"),
    "kabul": (-7, -4, "right"),
    "khusdeh": (7, 5, "left"),
}
DEFAULT_VENUE_LABEL = (8, 0, "left")
#: Country and sea names written on panel (b): (lon, lat).
VENUE_COUNTRY_LABELS: dict[str, tuple[float, float]] = {
    "Russia": (47.0, 53.5),
    "Kazakhstan": (66.0, 46.5),  # clear of the legend in the upper right
    "Iran": (54.5, 32.6),
    "Turkey": (38.5, 39.0),
    "Uzbekistan": (60.8, 41.6),
    "China": (76.3, 39.3),
}
VENUE_WATER_LABELS: dict[str, tuple[float, float]] = {"Caspian\nSea": (50.8, 42.0)}

#: Scale bar of panel (a): start (lon, lat) and length in km; km per degree of latitude.
SCALE_BAR: tuple[float, float, int] = (74.0, 34.5, 100)
KM_PER_DEGREE = 111.32
#: Colours: land and the highlighted country, borders, the river (Okabe–Ito blue) and water.
LAND = "#F2F2F2"
HOME_LAND = "#FFFFFF"
HOME_COUNTRY = "Tajikistan"
BORDER = "#6E6E6E"
COAST = "#6E6E6E"
RIVER = figures.OKABE_ITO["blue"]
WATER = "#E4EEF5"
#: Smallest font size (points) on the figure, printed at its own size (6.3 by 7.56 inches).
MIN_FONT = 7.0
FIGSIZE = (6.3, figures.PRINT_HEIGHT)  # full width; at the height cap, so printed at 1:1

MAP_SOURCE = (
    "Sources: borders Natural Earth (public domain; 1:10m in a, 1:110m in b), via world-atlas 2.0.2; "
    "places and meetings: Tajik peace process dataset (data/), coded from Adamishin (2012) and "
    "Iji (n.d.)."
)
MAP_NOTE = (
    "Coordinates are the coder's; the sources give none. Hollow: approximate point "
    f"(uncertainty ≥ {APPROXIMATE:g}°). Italic: a region, placed at its rough centre. "
    "Blue: the Tajik–Afghan and Uzbek–Afghan border line, drawn as the river it follows."
)
MAP_ALT = (
    "Two-panel map. Panel a, 'Places in and around Tajikistan', shows the state borders of "
    "Tajikistan and its neighbours (Uzbekistan, Kyrgyzstan, Afghanistan, Turkmenistan, China, "
    "Pakistan and southern Kazakhstan) from Natural Earth, with Tajikistan in white and the others "
    "in light grey. A blue line along Afghanistan's northern border marks the Panj and Amu Darya: "
    "it is the border line, drawn as the river it follows. Cities and towns the sources name are "
    "markers with their names: Dushanbe in the west-centre of Tajikistan with Tursunzade to its "
    "west, Khujand in the northern lobe, Tashkent in Uzbekistan, and Taloqan and Kabul in "
    "Afghanistan; sites whose position is approximate (Khusdeh, Tigrovaya Balka, the 12th border "
    "outpost) are hollow markers. Regions such as Kulob, Qurghonteppa, Gharm, Gorno-Badakhshan "
    "and the Pamir are italic labels, not points. Panel b, 'Venues of the talks', is a smaller-scale "
    "map from Moscow to Islamabad on which each venue of the rounds, consultations, summits and "
    "expert meetings is a circle whose area grows with the number of meetings held there, labelled "
    "with its name and count; Khusdeh, whose position is approximate, is a hollow circle. Both "
    "panels have a graticule labelled in degrees, and panel a a 100 km scale bar. The coordinates "
    "are the coder's, since the sources give none."
)


# ---- the base map ------------------------------------------------------------------------------


def load_region(path: Path | str | None = None) -> dict:
    """The base map as plain lists, by layer (``region``, ``venues``) and kind.

    Returns ``{"metadata": {...}, "region": {...}, "venues": {...}}``, where each layer is
    ``{"countries": {name: [polygon, ...]}, "borders": [line, ...], "coasts": [line, ...],
    "rivers": {river name: [line, ...]}}``; a polygon is a list of rings (the outer ring first,
    then holes) and a ring or line is a list of ``(lon, lat)`` tuples. The result is cached per
    path: treat it as read-only.
    """
    return _load(str(Path(path) if path is not None else GEO_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    if collection.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    out: dict = {"metadata": collection.get("metadata", {})}
    for feature in collection["features"]:
        props, geom = feature["properties"], feature["geometry"]
        layer = out.setdefault(
            props["layer"], {"countries": {}, "borders": [], "coasts": [], "rivers": {}}
        )
        if props["kind"] == "country":
            polygons = [[[tuple(p) for p in ring] for ring in poly] for poly in geom["coordinates"]]
            layer["countries"].setdefault(props["name"], []).extend(polygons)
            continue
        lines = [[tuple(p) for p in line] for line in geom["coordinates"]]
        if props["kind"] == "border_river":
            layer["rivers"].setdefault(props["river"], []).extend(lines)
        elif props["kind"] == "coast":
            layer["coasts"].extend(lines)
        else:
            layer["borders"].extend(lines)
    return out


def river_lines(region: dict | None = None) -> list[list[tuple[float, float]]]:
    """Every line of the border river (Panj and Amu Darya) in the region layer."""
    region = load_region() if region is None else region
    return [line for lines in region["region"]["rivers"].values() for line in lines]


# ---- the data ----------------------------------------------------------------------------------


def _places(ds) -> pd.DataFrame:
    pl = _table(ds.places, "place_id")
    pl["kind"] = pl["kind"].astype(str)
    return pl


def venue_counts(ds) -> pd.DataFrame:
    """Meetings of the talks by venue: one row per place, counted from the events.

    A meeting is an event whose kind is in :data:`MEETING_KINDS`; events without a place are not
    counted. Columns: place_id, name, country, latitude, longitude, coordinate_precision, one
    count column per meeting kind, and ``meetings`` (their total). Sorted by meetings (most
    first), then name. A place_id missing from places.csv keeps its id as its name.
    """
    ev = _table(ds.events, "event_id")
    ev = ev[ev["kind"].astype(str).isin(MEETING_KINDS) & ~ev["place_id"].map(is_blank)]
    counts = pd.crosstab(ev["place_id"].astype(str), ev["kind"].astype(str))
    counts = counts.reindex(columns=list(MEETING_KINDS), fill_value=0)
    counts["meetings"] = counts.sum(axis=1)
    counts = counts.reset_index().rename(columns={"index": "place_id"})
    counts.columns.name = None
    pl = _table(ds.places, "place_id")[
        ["place_id", "name", "country", "latitude", "longitude", "coordinate_precision"]
    ]
    out = counts.merge(pl, on="place_id", how="left")
    out["name"] = out["name"].where(out["name"].notna(), out["place_id"])
    columns = [
        "place_id",
        "name",
        "country",
        "latitude",
        "longitude",
        "coordinate_precision",
        *MEETING_KINDS,
        "meetings",
    ]
    out = out[columns].sort_values(["meetings", "name"], ascending=[False, True], kind="mergesort")
    for kind in (*MEETING_KINDS, "meetings"):
        out[kind] = out[kind].astype(int)
    return out.reset_index(drop=True)


def _inside(frame: pd.DataFrame, bounds) -> pd.Series:
    west, east, south, north = bounds
    inside = frame["longitude"].between(west, east) & frame["latitude"].between(south, north)
    return inside.fillna(False).astype(bool)


def region_places(ds, bounds=REGION_BOUNDS) -> pd.DataFrame:
    """The places panel (a) draws: points (cities, towns, sites) and regions inside ``bounds``.

    Adds ``approximate`` (uncertainty ≥ :data:`APPROXIMATE` degrees) and ``area`` (a region,
    drawn as a label). Precisely placed sites within :data:`SAME_PLACE` degrees of a drawn city are
    left out (the city stands for them: Dushanbe's square, airport and television centre). Sorted by kind (points in :data:`POINT_KINDS` order, then regions),
    then id.
    """
    pl = _places(ds)
    kinds = [*POINT_KINDS, *AREA_KINDS]
    pl = pl[pl["kind"].isin(kinds) & _inside(pl, bounds)].copy()
    cities = pl[pl["kind"] == "city"]
    if len(cities):

        def near_city(r) -> bool:
            d = (
                (cities["longitude"] - r.longitude) ** 2 + (cities["latitude"] - r.latitude) ** 2
            ) ** 0.5
            return bool((d < SAME_PLACE).any())

        prec = pd.to_numeric(pl["coordinate_precision"], errors="coerce").fillna(0.0)
        keep = [
            not (r.kind == "site" and p < APPROXIMATE and near_city(r))
            for r, p in zip(pl.itertuples(index=False), prec)
        ]
        pl = pl[keep]
    prec = pd.to_numeric(pl["coordinate_precision"], errors="coerce").fillna(0.0)
    pl["approximate"] = prec >= APPROXIMATE
    pl["area"] = pl["kind"].isin(AREA_KINDS)
    pl["_order"] = [kinds.index(k) for k in pl["kind"]]
    return (
        pl.sort_values(["_order", "place_id"], kind="mergesort")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def map_data(ds) -> pd.DataFrame:
    """The numbers behind the map, one row per mark: the places of panel (a) with their
    coordinates and uncertainty (an open marker is an approximate position, a label alone a
    region), then the venues of panel (b) with their meetings by kind (the circle's size)."""
    places = region_places(ds)
    a = places[
        ["place_id", "name", "kind", "longitude", "latitude", "coordinate_precision", "approximate"]
    ].copy()
    a.insert(0, "panel", "a: places")
    venues = venue_counts(ds)
    b = venues[
        [
            "place_id",
            "name",
            "longitude",
            "latitude",
            "coordinate_precision",
            *MEETING_KINDS,
            "meetings",
        ]
    ].copy()
    b.insert(0, "panel", "b: venues of the talks")
    return pd.concat([a, b], ignore_index=True)


# ---- drawing -------------------------------------------------------------------------------------


def _degree(value: float, pos: str, neg: str) -> str:
    return f"{abs(value):g}°{pos if value >= 0 else neg}"


def _frame(ax, bounds, step: int) -> None:
    """Window, aspect 1/cos(mid-latitude), and a graticule labelled in degrees."""
    west, east, south, north = bounds
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    xs = [v for v in range(math.ceil(west), math.floor(east) + 1) if v % step == 0]
    ys = [v for v in range(math.ceil(south), math.floor(north) + 1) if v % step == 0]
    ax.set_xticks(xs, [_degree(v, "E", "W") for v in xs], fontsize=MIN_FONT)
    ax.set_yticks(ys, [_degree(v, "N", "S") for v in ys], fontsize=MIN_FONT)
    ax.tick_params(length=2, pad=1.5)
    ax.grid(color="#9A9A9A", lw=0.3, ls=(0, (1, 2)), zorder=1.5)
    ax.set_axisbelow(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.6)
    ax.set_facecolor(WATER)


def _signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _polygon_path(polygon) -> MplPath:
    """One polygon with its holes (enclaves such as Vorukh) as a compound path.

    The outer ring is made anticlockwise and the holes clockwise, so that the holes stay empty
    under any fill rule.
    """
    rings = []
    for i, ring in enumerate(polygon):
        anticlockwise = _signed_area(ring) > 0
        rings.append(ring if anticlockwise == (i == 0) else ring[::-1])
    return MplPath.make_compound_path(*(MplPath(ring, closed=True) for ring in rings))


def _base(ax, layer: dict, home: str | None) -> None:
    patches, colours = [], []
    for name in sorted(layer["countries"]):
        for polygon in layer["countries"][name]:
            patches.append(PathPatch(_polygon_path(polygon)))
            colours.append(HOME_LAND if name == home else LAND)
    ax.add_collection(
        PatchCollection(patches, facecolors=colours, edgecolors="none", linewidths=0, zorder=1)
    )
    ax.add_collection(LineCollection(layer["coasts"], colors=COAST, linewidths=0.5, zorder=2))
    ax.add_collection(LineCollection(layer["borders"], colors=BORDER, linewidths=0.6, zorder=2))


def _label(name: str) -> str:
    """A place's name, on two lines when long (over 22 characters)."""
    return "\n".join(textwrap.wrap(name, 16)) if len(name) > 22 else name


def _halo(width: float = 2.2):
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _draw_region(ax, ds, base: dict) -> None:
    layer = base["region"]
    _base(ax, layer, HOME_COUNTRY)
    ax.add_collection(
        LineCollection(river_lines(base), colors=RIVER, linewidths=1.6, capstyle="round", zorder=3)
    )
    for name, (lon, lat, rot) in RIVER_LABELS.items():
        ax.text(
            lon, lat, name, color=RIVER, fontsize=MIN_FONT, style="italic", rotation=rot,
            ha="center", va="center", path_effects=_halo(), zorder=6,
        )  # fmt: skip
    for name, (lon, lat) in COUNTRY_LABELS.items():
        if name in layer["countries"]:
            ax.text(
                lon, lat, name.upper(), color="#5A5A5A", fontsize=7.5, ha="center", va="center",
                fontweight="bold" if name == HOME_COUNTRY else "normal", zorder=2.5,
            )  # fmt: skip
    pl = region_places(ds)
    styles = figures.category_styles(POINT_KINDS)
    for r in pl.itertuples(index=False):
        dx, dy, ha = LABEL_OFFSETS.get(r.place_id, DEFAULT_LABEL)
        if r.area:
            ax.annotate(
                _label(r.name), (r.longitude, r.latitude), xytext=(dx, dy), textcoords="offset points",
                ha=ha, va="center", fontsize=MIN_FONT, style="italic", color="#333333",
                path_effects=_halo(), zorder=4,
            )  # fmt: skip
            continue
        st = styles[r.kind]
        ax.plot(
            [r.longitude], [r.latitude], ls="", marker=st["marker"], ms=5 if r.kind == "city" else 4.5,
            markerfacecolor="white" if r.approximate else st["color"], markeredgecolor=st["color"]
            if r.approximate else "black", markeredgewidth=1.1 if r.approximate else 0.5, zorder=5,
        )  # fmt: skip
        ax.annotate(
            _label(r.name), (r.longitude, r.latitude), xytext=(dx, dy), textcoords="offset points",
            ha=ha, va="center", fontsize=8 if r.kind == "city" else MIN_FONT, linespacing=1.0,
            fontweight="bold" if r.kind == "city" else "normal", path_effects=_halo(), zorder=6,
        )  # fmt: skip
    _frame(ax, REGION_BOUNDS, 1)
    _scale_bar(ax, *SCALE_BAR)
    present = [k for k in POINT_KINDS if (pl["kind"] == k).any()]
    handles = [
        Line2D([], [], ls="", marker=styles[k]["marker"], color=styles[k]["color"],
               markeredgecolor="black", markeredgewidth=0.5, label=POINT_LABELS[k])
        for k in present
    ]  # fmt: skip
    if pl["approximate"].any() and not pl.loc[pl["approximate"], "area"].all():
        handles.append(
            Line2D([], [], ls="", marker="o", markerfacecolor="white", color="#555555",
                   markeredgewidth=1.1, label=f"Approximate (≥ {APPROXIMATE:g}°)")
        )  # fmt: skip
    handles.append(Line2D([], [], color=RIVER, lw=1.6, label="Border river"))
    handles.append(Line2D([], [], color=BORDER, lw=0.6, label="State border"))
    ax.legend(
        handles=handles, loc="lower left", fontsize=MIN_FONT, frameon=True, framealpha=0.95,
        edgecolor="#BBBBBB", borderpad=0.5, handletextpad=0.4, labelspacing=0.35,
    )  # fmt: skip


def _scale_bar(ax, lon: float, lat: float, km: int) -> None:
    """A bar ``km`` long, east from (lon, lat): true at that latitude in this projection."""
    length = km / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    tick = 0.06
    ax.plot(
        [lon, lon, lon + length, lon + length], [lat + tick, lat, lat, lat + tick],
        color="black", lw=0.8, solid_joinstyle="miter", zorder=6,
    )  # fmt: skip
    ax.text(
        lon + length / 2, lat + 0.1, f"{km} km (at {lat:g}°N)", ha="center", va="bottom",
        fontsize=MIN_FONT, path_effects=_halo(), zorder=6,
    )  # fmt: skip


def _marker_size(n: int) -> float:
    """Marker area (pt²) for ``n`` meetings: proportional to n."""
    return 22.0 * n


def _draw_venues(ax, ds, base: dict) -> pd.DataFrame:
    _base(ax, base["venues"], None)
    vc = venue_counts(ds)
    shown = vc[_inside(vc, VENUE_BOUNDS)]
    prec = pd.to_numeric(shown["coordinate_precision"], errors="coerce").fillna(0.0)
    colour = figures.OKABE_ITO["vermillion"]
    for r, approx in zip(shown.itertuples(index=False), prec >= APPROXIMATE):
        ax.scatter(
            [r.longitude], [r.latitude], s=_marker_size(r.meetings),
            facecolors="white" if approx else colour, edgecolors=colour if approx else "black",
            linewidths=1.1 if approx else 0.5, alpha=1.0, zorder=5,
        )  # fmt: skip
        dx, dy, ha = VENUE_OFFSETS.get(r.place_id, DEFAULT_VENUE_LABEL)
        ax.annotate(
            f"{r.name} {r.meetings}", (r.longitude, r.latitude), xytext=(dx, dy),
            textcoords="offset points", ha=ha, va="center", fontsize=MIN_FONT,
            path_effects=_halo(), zorder=6,
        )  # fmt: skip
    for name, (lon, lat) in VENUE_COUNTRY_LABELS.items():
        if name in base["venues"]["countries"]:
            ax.text(
                lon, lat, name.upper(), color="#5A5A5A", fontsize=MIN_FONT, ha="center",
                va="center", zorder=2.5,
            )  # fmt: skip
    for name, (lon, lat) in VENUE_WATER_LABELS.items():
        ax.text(
            lon, lat, name, color=RIVER, fontsize=MIN_FONT, style="italic", ha="center",
            va="center", zorder=2.5,
        )  # fmt: skip
    _frame(ax, VENUE_BOUNDS, 5)
    sizes = sorted({1, max(1, int(vc["meetings"].max()) if len(vc) else 1)})
    handles = [
        Line2D([], [], ls="", marker="o", markersize=math.sqrt(_marker_size(n)),
               markerfacecolor=colour, markeredgecolor="black", markeredgewidth=0.5,
               label=f"{n} meeting{'s' if n != 1 else ''}")
        for n in sizes
    ]  # fmt: skip
    if (prec >= APPROXIMATE).any():
        handles.append(
            Line2D([], [], ls="", marker="o", markersize=math.sqrt(_marker_size(1)),
                   markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.1,
                   label="Approximate place")
        )  # fmt: skip
    ax.legend(
        handles=handles, loc="upper right", fontsize=MIN_FONT, frameon=True, framealpha=0.95,
        edgecolor="#BBBBBB", borderpad=0.6, labelspacing=1.0, handletextpad=0.8,
        title="Meetings held there", title_fontsize=MIN_FONT,
    )  # fmt: skip
    return vc[~_inside(vc, VENUE_BOUNDS)]


def _wrap(text: str, width: int = 112) -> str:
    return "\n".join(textwrap.wrap(text, width))


def plot_map(ds, path: Path | str | None = None) -> Figure:
    """The two-panel map: (a) places in and around Tajikistan, (b) venues of the talks.

    ``path`` is the base map (default :data:`GEO_PATH`). The figure is 6.3 inches wide (the PDF's
    text width) and no text on it is smaller than :data:`MIN_FONT` points. Export it with
    :func:`tajik_peace.figures.save_figure` (alt text :data:`MAP_ALT`).
    """
    base = load_region(path)
    with figures.style():
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        grid = fig.add_gridspec(2, 1, height_ratios=[1.45, 1.0])
        ax_a = fig.add_subplot(grid[0])
        ax_b = fig.add_subplot(grid[1])
        ax_a.set_title("a. Places in and around Tajikistan", loc="left", fontsize=10)
        _draw_region(ax_a, ds, base)
        vc = venue_counts(ds)
        kinds = ", ".join(MEETING_LABELS[k] for k in MEETING_KINDS)
        ax_b.set_title(
            f"b. Venues of the talks ({int(vc['meetings'].sum())} meetings)",
            loc="left",
            fontsize=10,
        )
        note_kinds = f"Meetings: {kinds}, counted by place. "
        outside = _draw_venues(ax_b, ds, base)
        note = note_kinds + MAP_NOTE
        if len(outside):
            note += (
                " Not shown: "
                + ", ".join(f"{n} ({m})" for n, m in zip(outside["name"], outside["meetings"]))
                + "."
            )
        fig.suptitle("Where the war and the talks took place", x=0.0, ha="left", fontsize=12,
                     fontweight="bold")  # fmt: skip
        figures.add_source(fig, _wrap(note) + "\n" + _wrap(MAP_SOURCE))
        fig.get_layout_engine().set(h_pad=0.04, hspace=0.02)
    return fig
