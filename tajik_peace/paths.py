"""Where the data package lives, and which files of it may be read.

A resource path in ``datapackage.json`` is data, not a command: it may name only a regular file
inside the data directory. Absolute paths, ``..`` and symbolic links are refused before anything
is opened, so a hostile descriptor cannot make the validator read (and echo) other files.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

__all__ = [
    "DATA_ENV",
    "PACKAGE_FILE",
    "UnsafePath",
    "default_data_dir",
    "display_path",
    "resolve_data_dir",
    "resource_file",
]

DATA_ENV = "TAJIK_PEACE_DATA"
PACKAGE_FILE = "datapackage.json"


class UnsafePath(ValueError):
    """A resource path that points outside the data directory (or through a link)."""


def default_data_dir() -> Path:
    """The repository's ``data/`` directory, next to the package."""
    return Path(__file__).resolve().parent.parent / "data"


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """``data_dir`` if given, else $TAJIK_PEACE_DATA if set, else the repository's ``data/``."""
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get(DATA_ENV, "").strip()
    return Path(env).expanduser() if env else default_data_dir()


def display_path(path: Path) -> str:
    """A path as a reader wants it: relative to the working directory where it lies below it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def resource_file(data_dir: Path, relpath: object) -> Path:
    """The file a resource path names, checked to lie inside ``data_dir``.

    Raises :class:`UnsafePath` (whose message never contains the file's contents) for a path
    that is not a plain relative path, climbs out with ``..``, or passes through a symbolic link.
    """
    if not isinstance(relpath, str) or not relpath.strip():
        raise UnsafePath(f"resource path {relpath!r} is not a file name")
    if "\x00" in relpath:
        raise UnsafePath(f"resource path {relpath!r} contains a NUL byte")
    posix, windows = PurePosixPath(relpath), PureWindowsPath(relpath)
    if posix.is_absolute() or windows.is_absolute() or windows.drive:
        raise UnsafePath(
            f"resource path {relpath!r} is absolute: it must lie inside the data directory"
        )
    if ".." in posix.parts or ".." in windows.parts:
        raise UnsafePath(f"resource path {relpath!r} climbs out of the data directory with '..'")
    current = Path(data_dir)
    for part in posix.parts:  # every step below data_dir: no link may lead elsewhere
        current = current / part
        if current.is_symlink():
            raise UnsafePath(f"resource path {relpath!r} passes through a symbolic link: refused")
    try:
        current.resolve().relative_to(Path(data_dir).resolve())
    except ValueError:
        raise UnsafePath(f"resource path {relpath!r} lies outside the data directory") from None
    return current
