"""Load the data package into pandas DataFrames, all or nothing.

>>> ds = load_dataset()                 # doctest: +SKIP
>>> ds.events.loc["round_1_moscow", "date_start"]   # doctest: +SKIP

:func:`load_dataset` first validates the whole package (:func:`tajik_peace.validate.validate`)
and raises :class:`DataError` listing every problem if there is any: it never returns partly
loaded data. The frames are built from the cells the validator read, so each CSV file is parsed
once per load, and whatever the validator accepts converts here without error.

Each table is indexed by its id column (``actor_id``, ``event_id``, ...), which is the index and
not also a column. Types follow ``datapackage.json``: dates are ``datetime64`` (NaT when
empty), integers nullable ``Int64``, numbers ``float64``, enum fields ``category`` with the
vocabulary as categories, everything else strings (NaN when empty). The ';'-separated list
fields (actors.aliases, places.aliases, events.actors, agreements.signatories,
agreements.topics) stay strings: split them with :func:`split_list` or :meth:`Dataset.explode`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import resolve_data_dir
from .reader import Table
from .report import Problem
from .rules import LIST_FIELDS
from .text import split_list
from .validate import run

__all__ = [
    "LIST_FIELDS",
    "DataError",
    "Dataset",
    "Problem",
    "is_blank",
    "load_dataset",
    "names_by_id",
    "resolve_data_dir",
    "source_labels",
    "split_list",
    "with_id",
]


def with_id(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """``frame`` with its primary key ``key`` as a column.

    :func:`load_dataset` indexes every table by its id; analyses that join or group on the id want
    it as a column. A frame that already has the column (a hand-made one, say) is returned as it is.
    Always a copy, so callers may add columns freely.
    """
    if key not in frame.columns and frame.index.name == key:
        return frame.reset_index()
    return frame.copy()


def names_by_id(frame: pd.DataFrame, key: str, column: str = "name") -> dict[str, str]:
    """``{id: name}`` for a table such as actors or places (indexed by its id or not)."""
    frame = with_id(frame, key)
    return dict(zip(frame[key], frame[column]))


def is_blank(value) -> bool:
    """True for an empty cell: None, NaN, ``pd.NA``/``NaT`` or a string of whitespace only."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are not cells
        return False


def source_labels(ds: Dataset) -> dict[str, str]:
    """``{source_id: label}`` read from sources.csv: the author's surname, and the year if known
    ("Adamishin (2012)", "Iji")."""
    out = {}
    for sid, row in with_id(ds["sources"], "source_id").set_index("source_id").iterrows():
        surname = str(row["author"]).split(",")[0].strip()
        out[str(sid)] = surname + ("" if is_blank(row.get("year")) else f" ({int(row['year'])})")
    return out


class DataError(ValueError):
    """The data package has problems; ``.problems`` lists every one."""

    def __init__(self, problems: list[Problem], data_dir: Path | None = None):
        self.problems = list(problems)
        self.data_dir = data_dir
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        where = f" in {self.data_dir}" if self.data_dir is not None else ""
        head = f"the data package{where} has {n} problem{'s' if n != 1 else ''}:"
        return "\n".join([head] + [f"  {p}" for p in self.problems])

    def __str__(self) -> str:
        return self._text()


class Dataset(Mapping[str, pd.DataFrame]):
    """The tables of the data package, in datapackage order.

    ``ds.events``, ``ds["events"]`` and ``ds.tables["events"]`` are the same DataFrame;
    iterating yields the table names.
    """

    def __init__(self, tables: dict[str, pd.DataFrame], descriptor: dict, data_dir: Path):
        self.tables = tables
        self.descriptor = descriptor
        self.data_dir = data_dir
        self._name_index = None

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(f"no table {name!r}; tables are: {', '.join(self.tables)}") from None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__!s} has no attribute or table {name!r}")

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"<Dataset {self.version} from {self.data_dir}: {sizes}>"

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    def resource(self, name: str) -> dict:
        """The resource descriptor of a table."""
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def id_field(self, name: str) -> str:
        """The id (primary key) column of a table."""
        pk = self.resource(name)["schema"]["primaryKey"]
        return pk[0] if isinstance(pk, list) else pk

    def explode(self, name: str, field: str) -> pd.DataFrame:
        """One row per item of a ';'-separated list field: columns (id field, ``field``)."""
        df = self[name]
        id_field = self.id_field(name)
        pairs = [(rid, item) for rid, value in df[field].items() for item in split_list(value)]
        return pd.DataFrame(pairs, columns=[id_field, field])

    def attestations_for(self, table: str, record_id: str) -> pd.DataFrame:
        """The attestations of one record."""
        att = self["attestations"]
        return att[(att["table"] == table) & (att["record_id"] == record_id)]


def _convert(df: pd.DataFrame, resource: dict) -> pd.DataFrame:
    out = {}
    for spec in resource["schema"]["fields"]:
        name, kind = spec["name"], spec.get("type", "string")
        col = df[name]
        enum = spec.get("constraints", {}).get("enum")
        if kind == "date":
            out[name] = pd.to_datetime(col, format="%Y-%m-%d")
        elif kind == "integer":
            out[name] = pd.to_numeric(col).astype("Int64")
        elif kind == "number":
            out[name] = pd.to_numeric(col).astype("float64")
        elif kind == "boolean":  # frictionless' default true/false values
            out[name] = (
                col.str.strip().str.lower().map({"true": True, "false": False}).astype("boolean")
            )
        elif enum:
            out[name] = pd.Categorical(col, categories=enum)
        else:
            out[name] = col
    result = pd.DataFrame(out, index=df.index)
    pk = resource["schema"].get("primaryKey")
    if pk:
        result = result.set_index(pk)
        if not result.index.is_unique:  # validation rules this out; never index ambiguously
            raise ValueError(f"{resource['name']}: duplicate {pk}")
    return result


def read_tables(tables: dict[str, Table], descriptor: dict) -> dict[str, pd.DataFrame]:
    """Frames of the tables of an already validated package (no checks: use :func:`load_dataset`)."""
    frames = {}
    for resource in descriptor["resources"]:
        table = tables[resource["name"]]
        raw = pd.DataFrame(
            [[row.get(h, "") for h in table.header] for row in table.rows],
            columns=table.header,
            dtype=object,
        )
        raw = raw.replace("", np.nan)  # as pandas reads an empty CSV cell
        frames[resource["name"]] = _convert(raw, resource)
    return frames


def load_dataset(
    data_dir: str | os.PathLike | None = None,
    *,
    check_quotes: bool = False,
    sources_dir: str | os.PathLike | None = None,
) -> Dataset:
    """Validate, then load, the data package.

    ``data_dir`` defaults to $TAJIK_PEACE_DATA, else the repository's ``data/``. The quotations
    are checked against the source texts only with ``check_quotes=True``. Raises
    :class:`DataError` if validation finds any problem.
    """
    data_dir = resolve_data_dir(data_dir)
    report, package = run(data_dir, sources_dir=sources_dir, check_quotes=check_quotes)
    if not report.ok:
        raise DataError(report.problems, data_dir)
    descriptor = package.descriptor
    return Dataset(read_tables(package.tables, descriptor), descriptor, data_dir)
