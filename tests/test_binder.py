"""The Binder launch button works: an environment built from binder/ alone runs a chapter.

This simulates repo2docker offline (no Binder service): a copy of the repository's tracked files,
a fresh virtual environment of the Python that binder/runtime.txt names, binder/requirements.txt
installed into it (from the package index, as repo2docker does), binder/postBuild run from the
repository root, and then a chapter notebook executed by that environment's own kernel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
CHAPTER = "book/chronology.ipynb"


def test_runtime_names_the_python_the_book_supports():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}" == "python-3.11"


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("binder")
    repo = root / "repo"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    if not tracked or tracked == [""]:
        pytest.fail("git ls-files listed nothing: run the tests from a clone of the repository")
    for name in filter(None, tracked):
        src, dest = ROOT / name, repo / name
        if src.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    env_dir = root / "env"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / "bin"
    environ = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    environ.pop("PYTHONPATH", None)
    environ.pop("VIRTUAL_ENV", None)

    def run(*cmd, cwd=repo):
        done = subprocess.run(cmd, cwd=cwd, env=environ, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stderr[-3000:]}"
        return done.stdout

    run(bin_dir / "python", "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt")
    run("bash", "binder/postBuild")
    return repo, run, bin_dir


def test_the_binder_environment_executes_a_chapter(binder_env):
    repo, run, bin_dir = binder_env
    out = run(
        bin_dir / "python",
        "-c",
        "import tajik_peace, sys; print(tajik_peace.__file__); print(sys.prefix)",
    )
    package_file, prefix = out.split()
    assert Path(package_file).is_relative_to(repo), "the package must come from the repository"
    assert Path(prefix) == bin_dir.parent
    script = (
        "import nbformat, nbclient\n"
        f"nb = nbformat.read('{CHAPTER}', as_version=4)\n"
        "client = nbclient.NotebookClient(nb, timeout=600, kernel_name='python3',\n"
        "    resources={'metadata': {'path': 'book'}})\n"
        "client.execute()\n"
        "errors = [o for c in nb.cells for o in c.get('outputs', []) if o.output_type == 'error']\n"
        "assert not errors, errors\n"
        "print(sum(1 for c in nb.cells if c.cell_type == 'code'))\n"
    )
    executed = int(run(bin_dir / "python", "-c", script).strip().splitlines()[-1])
    assert executed >= 1
