"""Unit tests of tajik_peace.figures: style, accessibility and byte-reproducible export."""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
import pytest
from PIL import Image

matplotlib.use("Agg")

from tajik_peace import figures


def make_figure(title="A title"):
    with figures.style():
        fig, ax = figures.new_figure(
            title, xlabel="Year", ylabel="Count", source="Source: test data."
        )
        styles = figures.category_styles(["a", "b", "c"])
        for i, (cat, st) in enumerate(styles.items()):
            ax.scatter(
                [1994 + i, 1995 + i], [i, i + 1], color=st["color"], marker=st["marker"], label=cat
            )
            ax.bar([1994 + i], [i + 1], color=st["color"], hatch=st["hatch"], edgecolor="black")
        ax.legend()
    return fig


def test_palette_is_okabe_ito():
    assert set(figures.PALETTE) == {
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
        "#000000",
    }


def test_category_styles_distinct_in_colour_marker_and_hatch():
    kinds = ["round", "consultation", "summit", "expert_meeting", "agreement", "x", "y", "z"]
    styles = figures.category_styles(kinds)
    assert list(styles) == kinds  # order given is order kept
    for key in ("color", "marker", "hatch"):
        values = [s[key] for s in styles.values()]
        assert len(set(values)) == len(values), (
            f"{key} repeats: greyscale prints could not tell them apart"
        )
    assert figures.category_styles(kinds[:3]) == {
        k: styles[k] for k in kinds[:3]
    }  # stable across figures


def test_too_many_categories_is_an_error():
    with pytest.raises(ValueError):
        figures.category_styles([str(i) for i in range(9)])


def test_new_figure_has_title_labels_and_source():
    fig = make_figure()
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "A title"
    assert ax.get_xlabel() == "Year" and ax.get_ylabel() == "Count"
    assert figures.source_line(fig) == "Source: test data."


def test_style_does_not_leak():
    before = dict(matplotlib.rcParams)
    make_figure()
    assert dict(matplotlib.rcParams) == before


def test_save_figure_requires_alt_source_title_and_slug(tmp_path):
    fig = make_figure()
    with pytest.raises(ValueError, match="alt"):
        figures.save_figure(fig, "x", alt="  ", directory=tmp_path)
    with pytest.raises(ValueError, match="name"):
        figures.save_figure(fig, "Bad Name", alt="alt", directory=tmp_path)
    from matplotlib.figure import Figure

    bare = Figure()
    bare.add_subplot().set_title("t")
    with pytest.raises(ValueError, match="source"):
        figures.save_figure(bare, "x", alt="alt", directory=tmp_path)
    untitled = Figure()
    untitled.add_subplot()
    figures.add_source(untitled, "Source: x.")
    with pytest.raises(ValueError, match="title"):
        figures.save_figure(untitled, "x", alt="alt", directory=tmp_path)


def test_export_is_byte_reproducible(tmp_path):
    a = figures.save_figure(make_figure(), "demo", alt="A demo chart.", directory=tmp_path / "a")
    b = figures.save_figure(make_figure(), "demo", alt="A demo chart.", directory=tmp_path / "b")
    again = figures.save_figure(
        make_figure(), "demo", alt="A demo chart.", directory=tmp_path / "a"
    )
    for x, y in zip(a.paths, b.paths):
        assert x.read_bytes() == y.read_bytes(), f"{x.name} differs between two exports"
    assert again.pdf == a.pdf and again.png == a.png
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["demo.pdf", "demo.png"]


def test_export_has_no_volatile_metadata_and_keeps_alt(tmp_path):
    saved = figures.save_figure(make_figure(), "demo", alt="A demo chart.", directory=tmp_path)
    assert saved.pdf.startswith(b"%PDF")
    assert b"/CreationDate" not in saved.pdf and b"/ModDate" not in saved.pdf
    assert not re.search(rb"Matplotlib v?\d", saved.pdf)
    assert b"A demo chart." in saved.pdf  # the alt text, as the PDF's /Subject
    with Image.open(io.BytesIO(saved.png)) as png:
        assert png.format == "PNG"
        assert png.text.get("Description") == "A demo chart."
        assert "Software" not in png.text and not any("date" in k.lower() for k in png.text)


def test_png_is_sized_for_screen_slides_and_the_pdf_column(tmp_path):
    fig = make_figure()
    saved = figures.save_figure(fig, "demo", alt="A demo chart.", directory=tmp_path)
    with Image.open(io.BytesIO(saved.png)) as png:
        width, _ = png.size
        mode = png.mode
    # 150 dpi: sharp at 1.5x the HTML column, and >= 150 ppi across the PDF's ~6.3-inch text width.
    assert figures.PNG_DPI == 150
    assert abs(width - fig.get_figwidth() * figures.PNG_DPI) <= 2
    assert width / 6.3 >= 150
    assert mode == "P", "the PNG is stored as a palette image (about a third of the RGBA size)"


def test_saved_figure_displays_png_with_stable_repr(tmp_path):
    saved = figures.save_figure(make_figure(), "demo", alt="A demo chart.", directory=tmp_path)
    data, meta = saved._repr_png_()
    assert data == saved.png and meta == {"width": "100%"}
    assert repr(saved) == "SavedFigure('demo')"


def test_default_directory_is_repository_figures(monkeypatch, tmp_path):
    monkeypatch.delenv("TAJIK_PEACE_FIGURES", raising=False)
    assert figures.figures_dir().name == "figures"
    assert (figures.figures_dir().parent / "pyproject.toml").exists()
    monkeypatch.setenv("TAJIK_PEACE_FIGURES", str(tmp_path))
    assert figures.figures_dir() == tmp_path


def test_table_renders_markdown_with_source():
    import pandas as pd

    t = figures.table(pd.DataFrame({"A": [1, 2], "B": ["x", "y"]}), source="Source: here.")
    md = t._repr_markdown_()
    lines = md.splitlines()
    # a MyST table directive, so the PDF gets a longtable that keeps to the margins
    assert lines[0] == "```{table}" and ":class: longtable" in lines[1:3]
    assert next(line.replace(" ", "") for line in lines if line.startswith("|")) == "|A|B|"
    assert md.rstrip().endswith("*Source\\: here\\.*")  # escaped: it may carry data text


# ---- every registered figure, against figures/ --------------------------------------------------


def _real_dataset():
    from tajik_peace.data import DataError, load_dataset

    try:
        return load_dataset()
    except DataError as exc:  # invalid data fail `make validate`; these tests are about figures
        pytest.skip(f"the dataset does not load, so figures cannot be re-made: {exc}")


def _no_data(ds):
    return None


def test_register_rejects_bad_names_missing_alt_and_missing_data():
    with pytest.raises(ValueError, match="slug"):
        figures.register("Bad Name", alt="x", data=_no_data)
    with pytest.raises(ValueError, match="alt text"):
        figures.register("ok-name", alt="  ", data=_no_data)
    with pytest.raises(TypeError, match="data must be a function"):
        figures.register("ok-name", alt="x", data=None)
    with pytest.raises(TypeError):  # a figure without its numbers cannot be declared at all
        figures.register("ok-name", alt="x")


def test_plotted_selects_renames_and_joins_sequences():
    import pandas as pd

    frame = pd.DataFrame({"a": [1, 2], "b": [["x", "y"], []], "c": ["u", "v"]})
    out = figures.plotted(frame, {"c": "C", "b": "B"})
    assert list(out.columns) == ["C", "B"]
    assert out["B"].tolist() == ["x; y", ""]
    with pytest.raises(KeyError, match="'zzz'"):
        figures.plotted(frame, {"zzz": "Z"})


def test_data_csv_is_plain_deterministic_text():
    import pandas as pd

    frame = pd.DataFrame(
        {"day": pd.to_datetime(["1994-04-05", None]), "share": [0.1 + 0.2, 40.0], "n": [1, 2]}
    )
    csv = figures.data_csv(frame)
    assert csv == b"day,share,n\n1994-04-05,0.3,1\n,40,2\n"
    assert csv == figures.data_csv(frame.copy())
    with pytest.raises(ValueError, match="distinct"):
        figures.data_csv(pd.DataFrame([[1, 2]], columns=["a", "a"]))
    with pytest.raises(ValueError, match="named"):
        figures.data_csv(pd.DataFrame())
    with pytest.raises(TypeError, match="DataFrame"):
        figures.data_csv([1, 2])


def test_a_data_cell_that_looks_like_markup_or_a_line_break_stays_one_cell():
    import csv
    import io

    import pandas as pd

    hostile = 'a,"b"\nc <script>'
    text = figures.data_csv(pd.DataFrame({"label": [hostile]})).decode()
    assert list(csv.reader(io.StringIO(text))) == [["label"], [hostile]]


def test_export_of_an_unknown_figure_names_the_known_ones():
    with pytest.raises(KeyError, match="timeline"):
        figures.export("no-such-figure", ds=None)


def test_every_registered_figure_is_reproducible_and_committed(tmp_path):
    """Two exports give the same bytes, and figures/ holds exactly what the package makes now."""
    real = _real_dataset()
    registry = figures.registered()
    assert "timeline" in registry
    for name in registry:
        a = figures.export(name, real, tmp_path / "a")
        b = figures.export(name, real, tmp_path / "b")
        assert a.pdf == b.pdf and a.png == b.png and a.csv == b.csv, f"{name}: two exports differ"
        assert [p.suffix for p in a.paths] == [".pdf", ".png", ".csv"]
        for path in a.paths:
            committed = figures.FIGURES_DIR / path.name
            assert committed.exists(), f"figures/{path.name} missing: run `make execute`"
            assert committed.read_bytes() == path.read_bytes(), (
                f"figures/{path.name} differs from a fresh export: re-run `make execute`"
            )


def test_every_registered_figure_has_its_numbers_in_a_table():
    """Each figure's data function gives a non-empty table of named columns (rows = marks)."""
    real = _real_dataset()
    for name, figure in figures.registered().items():
        frame = figure.data(real)
        assert len(frame) > 0 and len(frame.columns) >= 2, f"{name}: no plotted numbers"
        assert figures.data_csv(frame).count(b"\n") == len(frame) + 1, f"{name}: a row broke"


def test_the_topic_grid_writes_exactly_the_counts_of_its_csv():
    """The numbers in the CSV are the ones drawn: every cell's count (zeros in grey), no other."""
    from collections import Counter

    from tajik_peace.chapters import phases

    real = _real_dataset()
    fig = phases.plot_topic_heatmap(real)
    drawn = Counter(t.get_text() for t in fig.axes[0].texts if t.get_text().isdigit())
    data = phases.topics_data(real)
    listed = Counter(str(n) for n in data["agreements"])
    assert drawn == listed


def test_figures_folder_holds_no_stale_files():
    names = {
        f"{n}.{ext}"
        for n in figures.registered()
        for ext in (*figures.FORMATS, figures.DATA_FORMAT)
    }
    present = {p.name for p in figures.FIGURES_DIR.iterdir() if not p.name.startswith(".")}
    assert present <= names, (
        f"files in figures/ that no registered figure makes: {sorted(present - names)}"
    )


def test_every_stored_figure_is_small_enough_for_a_page():
    """What the notebooks store (the PNG) and what print readers download (the PDF) stay small."""
    for path in sorted(figures.FIGURES_DIR.glob("*.png")):
        assert path.stat().st_size <= 300_000, f"{path.name}: {path.stat().st_size:,} bytes"
    for path in sorted(figures.FIGURES_DIR.glob("*.pdf")):
        assert path.stat().st_size <= 1_000_000, f"{path.name}: {path.stat().st_size:,} bytes"


def test_too_small_text_scales_a_tall_figure_to_the_printed_height():
    """The PDF caps a figure's height (``_config.yml``): a tall figure prints smaller, text too."""
    with figures.style():
        tall, ax = figures.new_figure("T", "x", "y", source="Source: s.", figsize=(6.3, 9.0))
        ax.text(0.5, 0.5, "shrunk", fontsize=7.5)  # 7.5 * 7.56 / 9 = 6.3 pt in print
    assert "shrunk" in [t for t, _ in figures.too_small_text(tall)]
    assert dict(figures.printed_sizes(tall))["shrunk"] == pytest.approx(
        7.5 * figures.PRINT_HEIGHT / 9.0
    )


def test_the_height_limit_is_the_one_the_pdf_applies():
    config = (Path(__file__).resolve().parent.parent / "_config.yml").read_text(encoding="utf-8")
    assert f"\\spx@image@maxheight={figures.MAX_HEIGHT_SHARE}\\textheight" in config
    assert "a4paper" in config  # TEXT_HEIGHT is A4's 11.69 in less two one-inch margins


def test_too_small_text_scales_to_the_printed_width():
    """Text is measured at the PDF's text width: an 8-inch figure prints at 6.3/8 of its size."""
    with figures.style():
        fig, ax = figures.new_figure("T", "x", "y", source="Source: s.", figsize=(6.3, 3))
        ax.text(0.5, 0.5, "small", fontsize=6.5)
        ax.text(0.5, 0.2, "fine", fontsize=7)
    assert [t for t, _ in figures.too_small_text(fig)] == ["small"]
    with figures.style():
        wide, ax = figures.new_figure("T", "x", "y", source="Source: s.", figsize=(8.0, 3))
        ax.text(0.5, 0.5, "shrunk", fontsize=8.5)  # 8.5 * 6.3 / 8 = 6.7 pt in print
    assert "shrunk" in [t for t, _ in figures.too_small_text(wide)]
    sizes = dict(figures.printed_sizes(wide))
    assert sizes["T"] == pytest.approx(12 * 6.3 / 8)


def test_row_label_sits_beside_the_bar_on_the_side_asked():
    with figures.style():
        _fig, ax = figures.new_figure("t", "x", "y")
        figures.row_label(ax, "right", (1, 0), side="right", offset=5, fontsize=7, path_effects=[])
        figures.row_label(ax, "left", (1, 0), side="left", offset=6, fontsize=7, path_effects=[])
        right, left = ax.texts[-2:]
        assert right.get_ha() == "left" and right.xyann == (5, 0)
        assert left.get_ha() == "right" and left.xyann == (-6, 0)
        with pytest.raises(ValueError, match="side"):
            figures.row_label(ax, "x", (1, 0), side="up", offset=5, fontsize=7, path_effects=[])


def test_legends_above_and_below_clear_the_title_and_the_axis_label():
    for place in (figures.legend_above, figures.legend_below):
        with figures.style():
            fig, ax = figures.new_figure("A title", "x", "y", figsize=(figures.PRINT_WIDTH, 3))
            for i in range(3):
                ax.plot([0, 1], [i, i], label=f"series {i}")
            legend = place(ax, ncols=3, title="Key")
        fig.draw_without_rendering()
        box = legend.get_window_extent()
        if place is figures.legend_above:
            assert box.y0 >= ax.bbox.y1 and box.y1 <= ax.title.get_window_extent().y0 + 0.5
        else:
            assert box.y1 <= ax.xaxis.label.get_window_extent().y0 + 0.5
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1


@pytest.fixture(scope="module")
def real_dataset_for_figures():
    return _real_dataset()


@pytest.mark.parametrize("name", sorted(figures.registered()))
def test_every_registered_figure_is_legible_at_print_size(name, real_dataset_for_figures):
    """Drawn from the real data, no text of a book figure is under MIN_FONT_PT once printed at
    the PDF's text width."""
    fig = figures.registered()[name].draw(real_dataset_for_figures)
    small = figures.too_small_text(fig)
    assert small == [], (
        f"{name} ({fig.get_figwidth():g} in wide) prints text under {figures.MIN_FONT_PT:g} pt: "
        + "; ".join(f"{text!r} at {size:g} pt" for text, size in small)
    )


def test_date_axis_marks_years_or_quarters_and_refuses_other_units():
    import matplotlib.dates as mdates
    import pandas as pd

    with figures.style():
        _fig, ax = figures.new_figure("t", "x", "y", figsize=(6.3, 3))
        ax.plot([pd.Timestamp("1993-01-01"), pd.Timestamp("1995-01-01")], [0, 1])
        figures.date_axis(ax, "year")
        ticks = [mdates.num2date(t).strftime("%Y-%m") for t in ax.get_xticks()]
        assert {"1993-01", "1994-01", "1995-01"} <= set(ticks)
        assert all(t.endswith("-01") for t in ticks)
        minor = {mdates.num2date(t).month for t in ax.xaxis.get_minorticklocs()}
        assert minor <= {4, 7, 10} and minor
        figures.date_axis(ax, "quarter", grid=None)
        assert {mdates.num2date(t).month for t in ax.get_xticks()} <= {1, 4, 7, 10}
        with pytest.raises(ValueError, match="unit"):
            figures.date_axis(ax, "decade")
        with pytest.raises(ValueError, match="grid"):
            figures.date_axis(ax, "year", grid="minor")


def test_swatch_takes_the_category_style_and_allows_overrides():
    from matplotlib.colors import to_rgba

    st = figures.category_styles(["a", "b"])["b"]
    patch = figures.swatch(st, "B")
    assert patch.get_label() == "B" and patch.get_hatch() == st["hatch"]
    assert patch.get_facecolor() == to_rgba(st["color"]) and patch.get_linewidth() == 0.6
    light = figures.swatch(st, "B", edgecolor=st["color"], facecolor=to_rgba(st["color"], 0.35))
    assert light.get_facecolor()[3] == 0.35 and light.get_edgecolor() == to_rgba(st["color"])
