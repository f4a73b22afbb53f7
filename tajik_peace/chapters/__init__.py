"""One module per chapter of the book, named after its notebook in ``book/``.

Each module computes what its chapter shows and registers the chapter's figures; the work the
chapters share (phases, attestations, discrepancies, dates, ids) lives in the modules of the
package above, which never import a chapter. The data chapter (``book/data.ipynb``) is served by
:mod:`tajik_peace.evidence`.

Importing this package imports every chapter, so that :func:`tajik_peace.figures.registered`
finds every figure.
"""

from . import (
    background,
    ceasefires,
    chronology,
    conclusion,
    mediation,
    phase_history,
    phases,
    power_sharing,
    russia,
    source_comparison,
)

__all__ = [
    "background",
    "ceasefires",
    "chronology",
    "conclusion",
    "mediation",
    "phase_history",
    "phases",
    "power_sharing",
    "russia",
    "source_comparison",
]
