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
SOURCES_SKIP_REASON = ("SOURCES_DIR not set: the source texts are third-party copyright and not in "
                       "the repository; CI sets SOURCES_DIR=../shared/sources")


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


def real_data_missing_reason() -> str | None:
    """Why the real data cannot be used yet (None once data/events.csv has rows)."""
    events = DATA_DIR / "events.csv"
    if not events.is_file():
        return "data/events.csv does not exist yet: the coders have not delivered the real data"
    lines = [ln for ln in events.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    if len(lines) < 2:
        return "data/events.csv has no rows yet: the coders have not delivered the real data"
    return None


def sources_path_or_skip() -> Path:
    """SOURCES_DIR as a Path; skip when missing, but fail under CI (CI must never skip)."""
    value = os.environ.get("SOURCES_DIR", "").strip()
    if value and Path(value).is_dir():
        return Path(value)
    reason = SOURCES_SKIP_REASON if not value else f"SOURCES_DIR={value} is not a directory"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI the provenance tests must run, not skip")
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
    """A copy of the real data package; skipped (with the reason) until the data has rows."""
    reason = real_data_missing_reason()
    if reason:
        pytest.skip(reason)
    return copy_real_package(tmp_path / "real")


@pytest.fixture
def sources_path() -> Path:
    """The source texts directory (skips without it; fails under CI)."""
    return sources_path_or_skip()
