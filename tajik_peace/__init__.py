"""Helpers for the executable book *The Tajik Peace Process, 1992-1997*.

Modules, one per concern:

- ``sources``: the source texts (read from SOURCES_DIR) and verbatim checks of quotations;
- ``data``: loading the data package in ``data/`` into pandas DataFrames, all or nothing;
- ``validate``: frictionless validation plus the project's own rules, as a report of problems;
- ``names``: resolving any spelling the sources use to its actor or place;
- ``cli``: ``python -m tajik_peace validate``.
"""
__version__ = "0.1.0"
