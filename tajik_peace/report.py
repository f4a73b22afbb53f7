"""What validation finds: :class:`Problem` records (file, row, field, message) and a :class:`Report`.

A report lists at most :data:`MAX_LISTED` problems when printed and then says how many it left
out, so a broken file of a million rows gives a readable report and never a silent cut.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .paths import display_path

__all__ = ["MAX_LISTED", "Problem", "Report"]

#: Problems printed by :meth:`Report.format`; the rest are counted, not listed.
MAX_LISTED = 1000


@dataclass(frozen=True)
class Problem:
    """One problem in the data package.

    ``row`` is the line of the CSV file where the record starts (the header is line 1), or None
    for a problem with the whole file; ``field`` is the column, or None; ``check`` names the
    check that found it.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    check: str

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def more_not_listed(n: int) -> str:
    """The line that ends a shortened list of problems."""
    return f"\u2026 and {_plural(n, 'more problem')} not listed"


@dataclass
class Report:
    """What :func:`tajik_peace.validate.validate` found."""

    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    #: table -> {"rows": n or None when unreadable, "attestations": n (coded tables only)}
    counts: dict[str, dict[str, int | None]] = field(default_factory=dict)
    quotes_checked: bool = False
    notes: list[str] = field(default_factory=list)
    version: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_file(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = defaultdict(list)
        for p in self.problems:
            grouped[p.file].append(p)
        return dict(grouped)

    def checks_failed(self) -> set[str]:
        return {p.check for p in self.problems}

    def format(self, limit: int = MAX_LISTED) -> str:
        """A readable report: problems grouped by file (at most ``limit`` listed), then counts."""
        lines = [
            f"Data package: {display_path(self.data_dir)}"
            + (f" (version {self.version})" if self.version else "")
        ]
        if self.quotes_checked:
            lines.append("Quotations and aliases checked against the source texts.")
        lines += self.notes
        lines.append("")
        listed = 0
        for file, problems in self.by_file().items():
            if listed >= limit:
                break
            lines.append(f"{file}: {_plural(len(problems), 'problem')}")
            for p in problems[: limit - listed]:
                where = ", ".join(
                    x
                    for x in (
                        f"row {p.row}" if p.row is not None else "",
                        f"field {p.field}" if p.field else "",
                    )
                    if x
                )
                lines.append(f"  {where + ': ' if where else ''}{p.message} [{p.check}]")
                listed += 1
            lines.append("")
        if len(self.problems) > listed:
            lines += [more_not_listed(len(self.problems) - listed), ""]
        if self.counts:
            width = max(len(t) for t in self.counts)
            lines.append(f"{'table':<{width}}  {'rows':>6}  {'attestations':>12}")
            for table, c in self.counts.items():
                rows = "?" if c.get("rows") is None else str(c["rows"])
                att = (
                    "-"
                    if "attestations" not in c
                    else ("?" if c["attestations"] is None else str(c["attestations"]))
                )
                lines.append(f"{table:<{width}}  {rows:>6}  {att:>12}")
            lines.append("")
        n = len(self.problems)
        files = len(self.by_file())
        lines.append(
            "No problems found."
            if not n
            else f"{_plural(n, 'problem')} found in {_plural(files, 'file')}."
        )
        return "\n".join(lines)
