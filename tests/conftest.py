"""Shared fixtures. The data-package fixtures below (mini_package, real_package, ...) belong to
the data/validation tests; keep fixtures for other test modules in functions of their own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
MINI_DIR = REPO / "tests" / "fixtures" / "mini"
SOURCES_SKIP_REASON = (
    "SOURCES_DIR not set: the source texts are third-party copyright and not in "
    "the repository; .ci/run sets SOURCES_DIR=../shared/sources"
)
REQUIRE_SOURCES_ENV = "TAJIK_PEACE_REQUIRE_SOURCES"


def build_mini_package(dest: Path) -> Path:
    """The mini fixture as a data package in ``dest``: the real datapackage.json and
    sources.csv plus the fixture CSVs, so the fixture never drifts from the real schema."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "datapackage.json", dest / "datapackage.json")
    shutil.copy(DATA_DIR / "sources.csv", dest / "sources.csv")
    for csv_file in MINI_DIR.glob("*.csv"):
        shutil.copy(csv_file, dest / csv_file.name)
    return dest


def copy_real_package(dest: Path) -> Path:
    """A copy of the real data package (datapackage.json and the CSVs) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in [DATA_DIR / "datapackage.json", *DATA_DIR.glob("*.csv")]:
        shutil.copy(f, dest / f.name)
    return dest


def sources_path_or_skip() -> Path:
    """SOURCES_DIR as a Path; skip when missing, but fail when TAJIK_PEACE_REQUIRE_SOURCES=1.

    `.ci/run` sets that variable along with SOURCES_DIR, so the project's CI never skips the
    provenance tests; a public CI without the (copyrighted) texts skips them and says why."""
    value = os.environ.get("SOURCES_DIR", "").strip()
    if value and Path(value).is_dir():
        return Path(value)
    reason = SOURCES_SKIP_REASON if not value else f"SOURCES_DIR={value} is not a directory"
    if os.environ.get(REQUIRE_SOURCES_ENV) == "1":
        pytest.fail(
            f"{reason}; {REQUIRE_SOURCES_ENV}=1, so the provenance tests must run, not skip"
        )
    pytest.skip(reason)


@pytest.fixture
def mini_package(tmp_path: Path) -> Path:
    """A fresh, valid copy of the mini data package, free to corrupt."""
    return build_mini_package(tmp_path / "mini")


@pytest.fixture(scope="session")
def mini_dataset(tmp_path_factory):
    """The mini package loaded once (read-only use)."""
    from tajik_peace.data import load_dataset

    return load_dataset(build_mini_package(tmp_path_factory.mktemp("mini-ro")))


@pytest.fixture
def real_package(tmp_path: Path) -> Path:
    """A fresh copy of the real data package, free to corrupt."""
    return copy_real_package(tmp_path / "real")


@pytest.fixture
def sources_path() -> Path:
    """The source texts directory (skips without it, fails when they are required)."""
    return sources_path_or_skip()


@pytest.fixture(scope="session")
def real_dataset():
    """The real dataset in data/, validated and loaded once for the session (read-only use)."""
    from tajik_peace.data import load_dataset

    return load_dataset()


def toy_sources(rename: dict[str, str] | None = None):
    """The real sources table (as the mini package has it) for hand-made test datasets; with
    ``rename``, its source ids renamed, to show that a chapter reads them from the data."""
    import pandas as pd

    table = pd.read_csv(DATA_DIR / "sources.csv", dtype={"year": "Int64"})
    if rename:
        table["source_id"] = table["source_id"].replace(rename)
    return table
