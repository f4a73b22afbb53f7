"""Atomic file writes for the scripts: a file is either fully rewritten or left as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    ``os.replace`` is atomic on POSIX: a reader, or a crash, sees the old file or the new one,
    never half of one. The file keeps its permissions.
    """
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_all_or_nothing(files: Mapping[Path, str]) -> None:
    """Write every file atomically; if one write fails, put back the ones already written."""
    before = {path: Path(path).read_bytes() for path in files}
    written: list[Path] = []
    try:
        for path, text in files.items():
            write_atomic(path, text)
            written.append(path)
    except BaseException:
        for path in reversed(written):
            write_atomic(path, before[path])
        raise
