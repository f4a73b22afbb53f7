"""The map: its base map file (data/geo), the venue counts and the figure's standards."""

from __future__ import annotations

import importlib.util
import itertools
import json
from types import SimpleNamespace

import matplotlib.text
import pandas as pd
import pytest
from conftest import REPO
from matplotlib.backends.backend_agg import FigureCanvasAgg

from tajik_peace import figures, maps

GEO = REPO / "data" / "geo" / "natural_earth_region.geojson"
LAYERS = {"region": maps.REGION_CLIP, "venues": maps.VENUE_CLIP}
REGION_COUNTRIES = {
    "Tajikistan",
    "Afghanistan",
    "Uzbekistan",
    "Kyrgyzstan",
    "Turkmenistan",
    "China",
    "Pakistan",
    "Kazakhstan",
}
VENUE_COUNTRIES = {"Russia", "Iran", "Pakistan", "Kazakhstan", "Kyrgyzstan", "Turkmenistan"}


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEO.read_text(encoding="utf-8"))


def _points(geometry: dict):
    if geometry["type"] == "MultiPolygon":
        return [p for polygon in geometry["coordinates"] for ring in polygon for p in ring]
    return [p for line in geometry["coordinates"] for p in line]


# ---- the base map file ---------------------------------------------------------------------------


def test_geojson_is_small_and_valid(collection):
    assert GEO.stat().st_size < 300_000, "the base map should stay a few hundred KB at most"
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        props, geom = feature["properties"], feature["geometry"]
        assert props["layer"] in LAYERS
        assert props["kind"] in {"country", "border", "coast", "border_river"}
        if props["kind"] == "country":
            assert geom["type"] == "MultiPolygon"
            for polygon in geom["coordinates"]:
                for ring in polygon:
                    assert len(ring) >= 4 and ring[0] == ring[-1], props["name"]
        else:
            assert geom["type"] == "MultiLineString"
            assert all(len(line) >= 2 for line in geom["coordinates"])
        for lon, lat in _points(geom):
            assert round(lon, 2) == lon and round(lat, 2) == lat  # rounded to 0.01 degree


def test_geojson_has_the_regions_countries(collection):
    names = {
        layer: {
            f["properties"]["name"]
            for f in collection["features"]
            if f["properties"]["layer"] == layer and f["properties"]["kind"] == "country"
        }
        for layer in LAYERS
    }
    assert names["region"] >= REGION_COUNTRIES
    assert names["venues"] >= VENUE_COUNTRIES
    assert "Russia" not in names["region"]  # clipped away: only what the map needs


def test_coordinates_lie_inside_the_clip_windows(collection):
    assert collection["metadata"]["layers"]["region"]["clip"] == list(maps.REGION_CLIP)
    assert collection["metadata"]["layers"]["venues"]["clip"] == list(maps.VENUE_CLIP)
    for feature in collection["features"]:
        west, east, south, north = LAYERS[feature["properties"]["layer"]]
        for lon, lat in _points(feature["geometry"]):
            assert west <= lon <= east and south <= lat <= north, feature["properties"]


def test_panels_lie_inside_their_clip_windows():
    for bounds, clip in (
        (maps.REGION_BOUNDS, maps.REGION_CLIP),
        (maps.VENUE_BOUNDS, maps.VENUE_CLIP),
    ):
        assert clip[0] <= bounds[0] < bounds[1] <= clip[1]
        assert clip[2] <= bounds[2] < bounds[3] <= clip[3]


def test_derivation_script_uses_the_same_windows():
    spec = importlib.util.spec_from_file_location(
        "make_map_data", REPO / "scripts" / "make_map_data.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.REGION_CLIP == maps.REGION_CLIP
    assert script.VENUE_CLIP == maps.VENUE_CLIP
    assert (
        f"{script.NPM_PACKAGE}@{script.NPM_VERSION}"
        in json.loads(GEO.read_text())["metadata"]["source"]
    )


def test_river_lies_along_afghanistans_northern_border():
    base = maps.load_region()
    river = maps.river_lines(base)
    points = [p for line in river for p in line]
    assert len(points) > 100
    assert set(base["region"]["rivers"]) == {"Panj and Amu Darya", "Amu Darya"}
    for lon, lat in points:
        assert 35.0 <= lat <= 38.5 and 65.0 <= lon <= 75.0, (lon, lat)
    lons = [lon for lon, _ in points]
    assert max(lons) - min(lons) > 7, "the line should run the length of the border"

    def vertices(country):
        return {
            p for polygon in base["region"]["countries"][country] for ring in polygon for p in ring
        }

    # every point of the line is on Afghanistan's boundary and on its northern neighbours'
    afghanistan = vertices("Afghanistan")
    neighbours = vertices("Tajikistan") | vertices("Uzbekistan")
    assert all(p in afghanistan and p in neighbours for p in points)
    # and it is not among the ordinary borders (drawn once, in the river style)
    border_points = {p for line in base["region"]["borders"] for p in line}
    assert len(set(points) - border_points) > 0.9 * len(set(points))


def test_load_region_reads_layers_and_rejects_other_json(tmp_path):
    base = maps.load_region()
    assert set(base) >= {"metadata", "region", "venues"}
    assert base["region"]["borders"] and base["venues"]["coasts"]
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "Feature"}))
    with pytest.raises(ValueError, match="FeatureCollection"):
        maps.load_region(bad)


# ---- venue counts ---------------------------------------------------------------------------------


def test_venue_counts_from_the_mini_dataset(mini_dataset):
    vc = maps.venue_counts(mini_dataset)
    assert list(vc["place_id"]) == ["tehran", "moscow"]
    tehran = vc.iloc[0]
    assert (tehran["round"], tehran["consultation"], tehran["meetings"]) == (1, 1, 2)
    assert vc.iloc[1]["meetings"] == 1 and vc.iloc[1]["name"] == "Moscow"
    assert vc["meetings"].sum() == 3  # the diplomatic event and those without a place don't count


def test_venue_counts_from_hand_made_tables():
    events = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d", "e", "f"],
            "kind": ["summit", "summit", "expert_meeting", "military", "round", "round"],
            "place_id": ["kabul", "kabul", "nowhere", "kabul", "", "almaty"],
        }
    )
    places = pd.DataFrame(
        {
            "place_id": ["kabul", "almaty"],
            "name": ["Kabul", "Almaty"],
            "country": ["Afghanistan", "Kazakhstan"],
            "latitude": [34.53, 43.24],
            "longitude": [69.17, 76.89],
            "coordinate_precision": [0.01, 0.01],
        }
    )
    vc = maps.venue_counts(SimpleNamespace(events=events, places=places))
    assert list(zip(vc["place_id"], vc["meetings"])) == [
        ("kabul", 2),
        ("almaty", 1),
        ("nowhere", 1),
    ]
    assert vc.loc[vc["place_id"] == "nowhere", "name"].item() == "nowhere"
    assert vc.loc[vc["place_id"] == "kabul", "summit"].item() == 2


def test_region_places_keep_approximate_sites_but_not_precise_ones_in_a_city(real_dataset):
    pl = maps.region_places(real_dataset)
    ids = set(pl["place_id"])
    assert {"dushanbe", "khujand", "kabul", "khusdeh"} <= ids
    assert "shakhidon_square" not in ids  # a precise site inside Dushanbe
    assert "russia" not in ids and "moscow" not in ids
    assert pl.loc[pl["place_id"] == "khusdeh", "approximate"].item()
    assert not pl.loc[pl["place_id"] == "dushanbe", "approximate"].item()
    assert pl.loc[pl["place_id"] == "kulob", "area"].item()


# ---- the figure -------------------------------------------------------------------------------------


def _texts(fig):
    return [
        t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()
    ]


def test_figure_meets_the_books_standards(mini_dataset):
    fig = maps.plot_map(mini_dataset)
    assert fig.get_size_inches()[0] <= 6.3
    assert fig._suptitle is not None and fig._suptitle.get_text()
    assert all(ax.get_title(loc="left") for ax in fig.axes)
    source = figures.source_line(fig)
    assert "Natural Earth" in source and "Tajik peace process dataset" in source
    assert "drawn as the river it follows" in source.replace("\n", " ")
    FigureCanvasAgg(fig).draw()  # sizes are final once drawn (the legend, the layout)
    small = [(t.get_text(), t.get_fontsize()) for t in _texts(fig) if t.get_fontsize() < 7]
    assert not small, small
    assert maps.MAP_ALT.strip() and "river it follows" in maps.MAP_ALT


def test_venue_labels_show_counts_from_the_data(mini_dataset):
    fig = maps.plot_map(mini_dataset)
    labels = {t.get_text() for t in _texts(fig.axes[1])}
    assert {"Tehran 2", "Moscow 1"} <= labels
    assert fig.axes[1].get_title(loc="left") == "b. Venues of the talks (3 meetings)"


def test_real_map_shows_every_venue(real_dataset):
    vc = maps.venue_counts(real_dataset)
    fig = maps.plot_map(real_dataset)
    labels = {t.get_text() for t in _texts(fig.axes[1])}
    for r in vc.itertuples(index=False):
        assert f"{r.name} {r.meetings}" in labels
    assert "Not shown" not in figures.source_line(fig)


def test_labels_neither_collide_nor_leave_their_panel(real_dataset):
    fig = maps.plot_map(real_dataset)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    for ax in fig.axes:
        panel = ax.get_window_extent(renderer)
        legend = ax.get_legend().get_window_extent(renderer)
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(ax) if t in ax.texts]
        assert len(boxes) > 8
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
            assert not box_a.overlaps(box_b), f"labels {a!r} and {b!r} overlap"
        for a, box in boxes:
            assert panel.x0 <= box.x0 and box.x1 <= panel.x1, f"{a!r} leaves its panel"
            assert panel.y0 <= box.y0 and box.y1 <= panel.y1, f"{a!r} leaves its panel"
            assert not box.overlaps(legend), f"{a!r} is under the legend"


def test_map_renders_to_the_same_bytes_twice(mini_dataset, tmp_path):
    first = figures.render(maps.plot_map(mini_dataset), maps.MAP_ALT)
    second = figures.render(maps.plot_map(mini_dataset), maps.MAP_ALT)
    assert first == second
    saved = figures.save_figure(maps.plot_map(mini_dataset), "map-test", maps.MAP_ALT, tmp_path)
    assert saved.paths[0].read_bytes() == first[0]
