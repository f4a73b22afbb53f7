"""The one place for the look of the book's figures and tables, and for exporting them.

Every figure of the book is made with :func:`new_figure` and written with :func:`save_figure`, so
all of them share:

- the colour-blind-safe Okabe–Ito palette (:data:`OKABE_ITO`), paired with markers and hatches so
  that categories stay distinct when printed in greyscale (:func:`category_styles`);
- a title, axis labels and a source line under the plot (:func:`new_figure`; :func:`save_figure`
  refuses a figure without a source line);
- alt text, stored in the exported files' metadata and required by :func:`save_figure`;
- byte-reproducible export into ``figures/``, in the two formats readers reuse: vector PDF (print,
  papers) and PNG (slides, the web), with no date or software-version metadata and deterministic
  ordering of every category. The notebook shows that same PNG, so its stored output is small;
- beside them, ``<name>.csv``: the numbers the figure plots, one row per mark, so that a reader can
  check a figure or redraw it without the package (:func:`register` requires the function that
  gives them; the figure's caption links the file).

Figures are built on :class:`matplotlib.figure.Figure` objects, never through ``pyplot``: nothing
is drawn behind the caller's back, and a notebook shows exactly the PNG that was exported.
Tables go through :func:`table`, which renders a DataFrame as a Markdown table with its source line,
so the same table appears in the HTML and in the PDF.
"""

from __future__ import annotations

import importlib
import io
import os
import pkgutil
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from .display import escape_markdown, table_directive

#: Okabe & Ito (2008) colour-blind-safe palette, in the order categories receive the colours.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish green": "#009E73",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "sky blue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE: tuple[str, ...] = tuple(OKABE_ITO.values())
#: Markers and hatches paired with the palette, so that greyscale prints keep categories apart.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
HATCHES: tuple[str, ...] = ("", "//", "\\\\", "xx", "..", "++", "--", "oo")
#: Light greys for shaded spans (phases), alternating; text on them stays readable in print.
SHADES: tuple[str, ...] = ("#EDEDED", "#D9D9D9")

#: Source line for anything computed from the book's dataset.
DATASET_SOURCE = (
    "Source: Tajik peace process dataset (data/ in the book's repository), "
    "coded from Adamishin (2012) and Iji (n.d.)."
)

#: Folder the exported figures go to: figures/ at the repository root, whatever the working
#: directory (override with the environment variable TAJIK_PEACE_FIGURES).
FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"
#: 150 dpi makes the 8-inch figure 1200 px wide: 1.5x the HTML column (sharp on high-density
#: screens), and at least 150 ppi at the PDF's text width. 300 dpi quadrupled the pixels for nobody.
PNG_DPI = 150
#: The PNG is reduced to a 256-colour palette (Pillow, no dithering): the charts use a handful of
#: flat colours, and this shrinks the file, and so every notebook that stores it, about three-fold.
PNG_COLOURS = 256
#: Formats written to figures/: vector PDF for print, PNG for slides. (SVG was dropped: no page
#: used it and, with text as paths, it was the largest file.)
FORMATS: tuple[str, ...] = ("pdf", "png")
#: Format of the file of plotted numbers written beside each registered figure.
DATA_FORMAT = "csv"
SVG_HASHSALT = "tajik-peace-process"

STYLE: dict[str, object] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": PNG_DPI,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "path.simplify": True,
    "hatch.linewidth": 0.6,
    # Labels come from the data: "$...$" in a name must print as dollars, not as mathtext (and a
    # lone "$" must not stop the build).
    "text.parse_math": False,
}

#: Width of the PDF's text block in inches: a wider figure is scaled down to it when printed.
PRINT_WIDTH = 6.3
#: Height of the PDF's text block in inches (A4, Sphinx's one-inch margins) and the share of it a
#: figure may take (``_config.yml`` sets ``\spx@image@maxheight`` to it, so that a caption stays
#: above the footer): a taller figure is scaled down to fit, and its text with it.
TEXT_HEIGHT = 9.69
MAX_HEIGHT_SHARE = 0.78
PRINT_HEIGHT = round(TEXT_HEIGHT * MAX_HEIGHT_SHARE, 2)
#: Smallest legible text, in points, at the printed width.
MIN_FONT_PT = 7.0

_SOURCE_GID = "tajik-peace-source-line"
_NAME = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")


@contextmanager
def style():
    """Context in which the book's matplotlib settings apply (they never leak outside it)."""
    with mpl.rc_context(STYLE):
        yield


def category_styles(categories) -> dict[str, dict[str, str]]:
    """Colour, marker and hatch for each category, assigned in the order given.

    Pass categories in a fixed, meaningful order (e.g. the enum order of the codebook), never a
    set, so that a category keeps its look from one figure and one build to the next.
    """
    cats = list(dict.fromkeys(categories))
    if len(cats) > len(PALETTE):
        raise ValueError(f"{len(cats)} categories, but the palette has only {len(PALETTE)} styles")
    return {
        c: {"color": PALETTE[i], "marker": MARKERS[i], "hatch": HATCHES[i]}
        for i, c in enumerate(cats)
    }


def swatch(style: dict, label: str, *, edgecolor="black", linewidth: float = 0.6, **kwargs):
    """A legend entry for a bar or span drawn in ``style`` (from :func:`category_styles`): its
    colour and hatch, outlined. ``kwargs`` override the rest (a lighter ``facecolor``, say)."""
    props = {"facecolor": style["color"], "hatch": style["hatch"], **kwargs}
    return Patch(edgecolor=edgecolor, linewidth=linewidth, label=label, **props)


def new_figure(
    title: str,
    xlabel: str,
    ylabel: str,
    source: str = DATASET_SOURCE,
    figsize: tuple[float, float] = (8.0, 5.0),
) -> tuple[Figure, mpl.axes.Axes]:
    """A figure with one axes, its title, axis labels and source line. Call inside :func:`style`."""
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    add_source(fig, source)
    return fig, ax


def row_label(ax, text: str, xy, *, side: str, offset: float, fontsize: float, path_effects):
    """A label beside a timeline bar, ``offset`` points to its right (``side="right"``, starting at
    ``xy``) or to its left (ending at ``xy``): the one way the book's timelines name their rows."""
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    ax.annotate(
        text,
        xy,
        xytext=(offset if side == "right" else -offset, 0),
        textcoords="offset points",
        ha="left" if side == "right" else "right",
        va="center",
        fontsize=fontsize,
        path_effects=path_effects,
        zorder=4,
    )


def date_axis(
    ax, unit: str = "year", *, minor: bool = True, grid: str | None = "major", grid_lw: float = 0.5
) -> None:
    """The book's time axis on ``ax``: the one way its timelines mark dates.

    ``unit="year"``: a tick labelled with the year each 1 January, and (``minor``) an unlabelled
    tick each quarter; ``unit="quarter"``: a tick labelled "Jan 1993" (on two lines) each quarter.
    ``grid`` draws dotted vertical lines on the "major" ticks, on "both", or none (None).
    """
    if unit == "year":
        ax.xaxis.set_major_locator(mdates.YearLocator())
        if minor:
            ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    elif unit == "quarter":
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    else:
        raise ValueError(f"unit must be 'year' or 'quarter', not {unit!r}")
    if grid not in (None, "major", "both"):
        raise ValueError(f"grid must be 'major', 'both' or None, not {grid!r}")
    if grid:
        ax.grid(axis="x", which=grid, color="#999999", lw=grid_lw, ls=":")


def _laid_out(ax) -> Figure:
    """The root figure of ``ax``, laid out, so that the sizes of its texts are known."""
    fig = ax.get_figure(root=True)
    fig.draw_without_rendering()
    return fig


def legend_above(ax, **kwargs):
    """The legend in one block between the axes and their title, left-aligned with the axes.

    At the printed width a legend beside the plot takes a third of it; above, it takes a line or
    two. The title is lifted by the legend's height so that the two never overlap (constrained
    layout makes room for a lifted title, not for a legend it does not know is in the way).
    ``kwargs`` go to :meth:`~matplotlib.axes.Axes.legend` (``ncols``, ``title``, ...).
    """
    legend = ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), borderaxespad=0.3, **kwargs)
    height_pt = legend.get_window_extent().height * 72 / _laid_out(ax).dpi
    pad = float(mpl.rcParams["axes.titlepad"]) + height_pt
    for loc in ("left", "center", "right"):
        if ax.get_title(loc=loc):
            ax.set_title(ax.get_title(loc=loc), loc=loc, pad=pad)
    return legend


def legend_below(ax, **kwargs):
    """The legend in one block under the x-axis label, centred on the figure like the source line
    under it (a legend wider than the axes then takes the room under the tick labels).

    For figures whose space above the plot is taken (phase names). The legend is dropped by the
    measured height of the tick labels and axis label, in points, which constrained layout keeps
    as it resizes the axes. ``kwargs`` go to :meth:`~matplotlib.axes.Axes.legend`.
    """
    fig = _laid_out(ax)
    below = ax.bbox.y0 - ax.xaxis.get_tightbbox().y0
    drop = mpl.transforms.ScaledTranslation(0, -below / fig.dpi, fig.dpi_scale_trans)
    anchor = mpl.transforms.blended_transform_factory(fig.transFigure, ax.transAxes + drop)
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=anchor, **kwargs)


def add_source(fig: Figure, source: str) -> None:
    """Write the source line under the plot (bottom left, small, grey)."""
    if not source.strip():
        raise ValueError("a figure needs a non-empty source line")
    text = fig.supxlabel(
        source, x=0.0, ha="left", fontsize=7.5, color="#444444", fontweight="normal"
    )
    text.set_gid(_SOURCE_GID)


def source_line(fig: Figure) -> str:
    """The figure's source line, or '' if it has none."""
    for text in fig.texts + ([fig._supxlabel] if getattr(fig, "_supxlabel", None) else []):
        if text.get_gid() == _SOURCE_GID and text.get_text().strip():
            return text.get_text()
    return ""


def printed_sizes(fig: Figure) -> list[tuple[str, float]]:
    """Every visible, non-empty text of ``fig`` with its size in points once printed.

    A figure wider than :data:`PRINT_WIDTH` or taller than :data:`PRINT_HEIGHT` is scaled down to
    fit both, and its text with it. The figure is laid out first, so that tick labels, legends and
    annotations are all counted.
    """
    fig.draw_without_rendering()
    scale = min(1.0, PRINT_WIDTH / fig.get_figwidth(), PRINT_HEIGHT / fig.get_figheight())
    out = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            out.append((text.get_text(), float(text.get_fontsize()) * scale))
    return out


def too_small_text(fig: Figure, minimum: float = MIN_FONT_PT) -> list[tuple[str, float]]:
    """The texts of ``fig`` smaller than ``minimum`` points at the printed width (none, ideally)."""
    return [(t, round(size, 2)) for t, size in printed_sizes(fig) if size < minimum - 1e-9]


class SavedFigure:
    """What :func:`save_figure` returns: shows the exported PNG in a notebook, full width.

    ``paths`` are the files written: the PDF and the PNG, and the CSV of plotted numbers when the
    figure came through :func:`export` (``csv`` then holds its bytes)."""

    def __init__(
        self,
        name: str,
        png: bytes,
        pdf: bytes,
        alt: str,
        paths: tuple[Path, ...],
        csv: bytes | None = None,
    ):
        self.name, self.png, self.pdf, self.alt, self.paths = name, png, pdf, alt, paths
        self.csv = csv

    def _repr_png_(self):
        return self.png, {"width": "100%"}

    def __repr__(self) -> str:  # stable: no memory address in stored outputs
        return f"SavedFigure({self.name!r})"


def render(fig: Figure, alt: str) -> tuple[bytes, bytes]:
    """The figure as (PDF, PNG) bytes, identical on every call for the same figure."""
    pdf = io.BytesIO()
    fig.savefig(
        pdf,
        format="pdf",
        metadata={"CreationDate": None, "Creator": None, "Producer": None, "Subject": alt},
    )
    rgba = io.BytesIO()
    fig.savefig(rgba, format="png", dpi=PNG_DPI, metadata={"Software": None})
    with Image.open(rgba) as image:
        palette = image.convert("RGB").quantize(PNG_COLOURS, dither=Image.Dither.NONE)
    info = PngInfo()
    info.add_text("Description", alt)
    png = io.BytesIO()
    # Pillow writes no date or software chunk; the dpi is recorded for applications that size by it.
    palette.save(png, format="png", optimize=True, pnginfo=info, dpi=(PNG_DPI, PNG_DPI))
    return pdf.getvalue(), png.getvalue()


def figures_dir() -> Path:
    return Path(os.environ.get("TAJIK_PEACE_FIGURES") or FIGURES_DIR)


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def save_figure(
    fig: Figure, name: str, alt: str, directory: Path | str | None = None
) -> SavedFigure:
    """Export ``fig`` as ``<name>.pdf`` and ``<name>.png`` into ``figures/`` and return it for display.

    ``alt`` is the figure's alt text: what a reader who cannot see it needs to know. It is required,
    and stored in both files. Files are rewritten only when their bytes change.
    """
    if not _NAME.match(name):
        raise ValueError(
            f"figure name {name!r} must be a lower-case slug like 'timeline' or 'rounds-by-phase'"
        )
    if not alt or not alt.strip():
        raise ValueError("alt text is required")
    if not source_line(fig):
        raise ValueError(
            "every figure needs a source line: make it with new_figure() or call add_source()"
        )
    if not any(ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")):
        raise ValueError("every figure needs a title")
    pdf, png = render(fig, alt.strip())
    out = Path(directory) if directory is not None else figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = (out / f"{name}.pdf", out / f"{name}.png")
    for path, data in zip(paths, (pdf, png)):
        _write_if_changed(path, data)
    return SavedFigure(name, png, pdf, alt.strip(), paths)


def plotted(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The columns of ``frame`` that a figure draws, renamed for a reader (``{old: new}``, in the
    order given): the table a registered figure's ``data`` function returns.

    Sequences in a cell (a list of sources, say) become one text joined by "; ", so that every
    cell of the CSV is a single value.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"columns {missing} are not in the frame (it has {list(frame.columns)})")
    out = frame[list(columns)].rename(columns=columns).reset_index(drop=True)
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple, set, frozenset))).any():
            out[column] = out[column].map(_joined)
    return out


def _joined(value) -> object:
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    return "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value


def data_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV bytes, the same on every machine: UTF-8, "\\n" line ends, no index, dates
    as YYYY-MM-DD, floats with up to 10 significant digits (no binary noise such as
    33.300000000000004)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"figure data must be a DataFrame, not {type(frame).__name__}")
    names = [str(c) for c in frame.columns]
    if not names or any(not n.strip() for n in names) or len(set(names)) != len(names):
        raise ValueError(f"figure data needs named, distinct columns, not {names}")
    text = frame.to_csv(
        index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.10g"
    )
    return text.encode("utf-8")


@dataclass(frozen=True)
class RegisteredFigure:
    """A book figure: the function that draws it from a Dataset, its alt text, and the function
    that gives the numbers it plots (``data(ds) -> DataFrame``, written as ``<name>.csv``)."""

    name: str
    draw: Callable
    alt: str
    data: Callable


_REGISTRY: dict[str, RegisteredFigure] = {}
#: Package modules that hold no figures (importing them needs Sphinx or has side effects).
_NOT_CHAPTER_MODULES = {"__main__", "cli", "sphinx_ext"}


def register(name: str, alt: str, data: Callable) -> Callable:
    """Decorator: declare ``draw(ds) -> Figure`` as the book figure ``figures/<name>.{pdf,png}``,
    with ``data(ds) -> DataFrame`` giving the numbers it plots (``figures/<name>.csv``).

    Registered figures are what :func:`export` writes and what the tests re-make to prove that
    ``figures/`` is reproducible and holds nothing stale. A figure without its numbers is refused:
    a reader must be able to check every figure of the book.
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must be a lower-case slug like 'timeline'")
    if not alt or not alt.strip():
        raise ValueError("alt text is required")
    if not callable(data):
        raise TypeError(f"figure {name!r}: data must be a function of the dataset, not {data!r}")

    def decorate(draw: Callable) -> Callable:
        known = _REGISTRY.get(name)
        if known is not None and known.draw.__qualname__ != draw.__qualname__:
            raise ValueError(
                f"figure name {name!r} is already registered by {known.draw.__module__}"
            )
        _REGISTRY[name] = RegisteredFigure(name, draw, alt.strip(), data)
        return draw

    return decorate


def registered() -> dict[str, RegisteredFigure]:
    """Every registered figure of the package, by name (imports the chapter modules first)."""
    package = importlib.import_module(__package__)
    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in _NOT_CHAPTER_MODULES:
            importlib.import_module(f"{__package__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))


def export(name: str, ds, directory: Path | str | None = None) -> SavedFigure:
    """Draw the registered figure ``name`` from ``ds`` and save it (see :func:`save_figure`), with
    the numbers it plots as ``<name>.csv`` beside it."""
    figure = registered().get(name)
    if figure is None:
        raise KeyError(f"no figure registered as {name!r}; known: {', '.join(registered())}")
    saved = save_figure(figure.draw(ds), name, figure.alt, directory)
    csv = data_csv(figure.data(ds))
    path = saved.paths[0].with_suffix(f".{DATA_FORMAT}")
    _write_if_changed(path, csv)
    return SavedFigure(name, saved.png, saved.pdf, saved.alt, (*saved.paths, path), csv)


class Table:
    """A DataFrame shown as a Markdown table with a source line (same in the HTML and the PDF)."""

    def __init__(self, frame, source: str = DATASET_SOURCE):
        self.frame, self.source = frame, source

    def to_markdown(self) -> str:
        body = table_directive(self.frame)  # every cell escaped: data are text, not markup
        source = escape_markdown(self.source)
        # An empty source would leave a bare "**", which Markdown shows as two asterisks.
        return f"{body}\n*{source}*\n" if source else body

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def table(frame, source: str = DATASET_SOURCE) -> Table:
    """Display a DataFrame as a book table: Markdown (so the PDF gets a real table) and a source line."""
    return Table(frame, source)
