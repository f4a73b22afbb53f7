"""Serve the DataTables bundle of ``itables`` from the book, so interactive tables work offline.

The chronology's HTML output imports ``../_static/itables/dt_bundle.js`` (see
:data:`tajik_peace.reference.DT_URL`); this extension copies that file and its stylesheet from the
installed ``itables`` package into the built site. No page fetches anything from a CDN.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

BUNDLE = ("dt_bundle.js", "dt_bundle.css")


def copy_bundle(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "itables"
    target.mkdir(parents=True, exist_ok=True)
    source = resources.files("itables") / "html"
    for name in BUNDLE:
        with resources.as_file(source / name) as path:
            shutil.copyfile(path, target / name)


def setup(app):
    app.connect("build-finished", copy_bundle)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
