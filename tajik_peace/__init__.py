"""Helpers for the executable book *The Tajik Peace Process, 1992-1997*.

Modules, one per concern:

- ``sources``: the source texts (read from SOURCES_DIR) and verbatim checks of quotations;
- ``data``: loading the data package in ``data/`` into pandas DataFrames, all or nothing;
- ``validate``: frictionless validation plus the project's own rules, as a report of problems;
- ``names``: resolving any spelling the sources use to its actor or place;
- ``codebook``: the field reference of ``data/README.md``, generated from ``datapackage.json``;
- ``cli``: ``python -m tajik_peace validate|resolve|codebook|stats``.

The main entry points are imported lazily here, so ``import tajik_peace`` stays cheap::

    from tajik_peace import load_dataset, validate, resolve
"""

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Dataset",
    "Problem",
    "Report",
    "load_dataset",
    "resolve",
    "split_list",
    "validate",
]

_LAZY = {
    "DataError": "data",
    "Dataset": "data",
    "load_dataset": "data",
    "split_list": "data",
    "Problem": "validate",
    "Report": "validate",
    "validate": "validate",
    "resolve": "names",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
