"""The build tooling fails closed: checks CI relies on fail when they cannot run, version bumps are
all or nothing, notebook writes are atomic, and the execution cache is invalidated by content."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import fileio
import notebook_inputs
import set_version

# ---- make originality ------------------------------------------------------------------------


def make_originality(checker: Path | str, sources: Path | str | None, ci: bool, **env):
    full = {k: v for k, v in os.environ.items() if k not in ("CI", "SKIP_ORIGINALITY")}
    full.pop("SOURCES_DIR", None)
    if sources is not None:
        full["SOURCES_DIR"] = str(sources)
    if ci:
        full["CI"] = "true"
    full.update(env)
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), "originality", f"ORIGINALITY={checker}"],
        env=full,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def fake_checker(tmp_path):
    """A stand-in checker and source texts, in folders whose names hold spaces."""
    tools = tmp_path / "shared tools"
    sources = tmp_path / "source texts"
    tools.mkdir()
    sources.mkdir()
    (sources / "a.txt").write_text("a source text\n", encoding="utf-8")
    checker = tools / "originality.py"
    checker.write_text(
        "import os, sys\n"
        "print('CHECKER RAN', sys.argv[1:])\n"
        "sys.exit(int(os.environ.get('FAKE_RC', '0')))\n",
        encoding="utf-8",
    )
    return checker, sources


def test_originality_fails_under_ci_when_the_checker_is_missing(tmp_path):
    run = make_originality(tmp_path / "no such" / "originality.py", tmp_path, ci=True)
    assert run.returncode != 0
    assert "not found" in run.stderr and "CI must run it" in run.stderr


def test_originality_fails_under_ci_when_there_is_nothing_to_check_against(fake_checker, tmp_path):
    checker, _ = fake_checker
    empty = tmp_path / "empty sources"
    empty.mkdir()
    run = make_originality(checker, empty, ci=True)
    assert run.returncode != 0, "the checker would pass vacuously with no source texts"
    assert "no source texts" in run.stderr and "CHECKER RAN" not in run.stdout


def test_originality_runs_the_checker_at_a_path_with_spaces(fake_checker):
    checker, sources = fake_checker
    run = make_originality(checker, sources, ci=True)
    assert run.returncode == 0, run.stderr
    assert "CHECKER RAN" in run.stdout and str(sources) in run.stdout


def test_originality_passes_on_the_checkers_failure(fake_checker):
    checker, sources = fake_checker
    run = make_originality(checker, sources, ci=True, FAKE_RC="1")
    assert run.returncode != 0 and "CHECKER RAN" in run.stdout


def test_originality_skip_is_loud_locally_and_explicit_in_ci(tmp_path):
    missing = tmp_path / "originality.py"
    local = make_originality(missing, None, ci=False)
    assert local.returncode == 0 and "SKIPPED" in local.stderr
    declared = make_originality(missing, None, ci=True, SKIP_ORIGINALITY="no texts here")
    assert declared.returncode == 0 and "SKIPPED as asked (SKIP_ORIGINALITY=no texts here)" in (
        declared.stderr
    )


# ---- notebook inputs: invalidation by content ------------------------------------------------


@pytest.fixture
def project(tmp_path):
    (tmp_path / "tajik_peace" / "chapters").mkdir(parents=True)
    (tmp_path / "tajik_peace" / "__init__.py").write_text("x = 1\n")
    (tmp_path / "tajik_peace" / "chapters" / "one.py").write_text("y = 2\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.csv").write_text("id\n1\n")
    (tmp_path / "requirements.txt").write_text("pandas==3.1.1\n")
    return tmp_path


def fill_cache(build: Path) -> Path:
    cache = build / notebook_inputs.CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "record").write_text("executed")
    return cache


def test_digest_ignores_file_times_and_sees_nested_modules(project):
    before = notebook_inputs.digest(project)
    for path in project.rglob("*"):
        os.utime(path, (1, 1))  # a fresh checkout: every time changes, no content does
    assert notebook_inputs.digest(project) == before
    (project / "tajik_peace" / "chapters" / "one.py").write_text("y = 3\n")
    assert notebook_inputs.digest(project) != before
    (project / "tajik_peace" / "chapters" / "one.py").write_text("y = 2\n")
    (project / "tajik_peace" / "chapters" / "__pycache__").mkdir()
    (project / "tajik_peace" / "chapters" / "__pycache__" / "one.cpython-311.pyc").write_text("z")
    assert notebook_inputs.digest(project) == before, "bytecode is not an input"


def test_cache_is_kept_when_inputs_are_unchanged_and_dropped_when_they_change(project):
    build = project / "_build"
    notebook_inputs.refresh(project, build)  # first build: records the digest
    cache = fill_cache(build)
    assert notebook_inputs.refresh(project, build) is False and cache.exists()
    for path in project.rglob("*"):
        os.utime(path, None)  # touched, as by a checkout
    assert notebook_inputs.refresh(project, build) is False and cache.exists()
    (build / ".doctrees").mkdir()
    (build / ".doctrees" / "environment.pickle").write_text("env")
    (project / "data" / "events.csv").write_text("id\n2\n")  # a one-value data correction
    assert notebook_inputs.refresh(project, build) is True and not cache.exists()
    # Sphinx re-reads only changed files: its environment must go too, or no notebook re-runs.
    assert not (build / ".doctrees").exists()


def test_a_restored_cache_without_its_digest_is_dropped(project):
    cache = fill_cache(project / "_build")
    assert notebook_inputs.refresh(project, project / "_build") is True and not cache.exists()


# ---- set_version: validated, all or nothing -------------------------------------------------

VERSION_FILES = (set_version.INIT, set_version.CONFIG, set_version.CFF, set_version.ZENODO)


@pytest.fixture
def repo_copy(tmp_path):
    for rel in VERSION_FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, tmp_path / rel)
    return tmp_path


def snapshot(root: Path) -> dict[Path, bytes]:
    return {rel: (root / rel).read_bytes() for rel in VERSION_FILES}


def test_set_version_updates_every_copy_and_keeps_comments(repo_copy):
    assert set_version.main(["9.8.7", "2031-02-03"], root=repo_copy) == 0
    config = yaml.safe_load((repo_copy / "_config.yml").read_text(encoding="utf-8"))
    cff = yaml.safe_load((repo_copy / "CITATION.cff").read_text(encoding="utf-8"))
    zen = json.loads((repo_copy / ".zenodo.json").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["release"] == "9.8.7"
    assert config["sphinx"]["config"]["citation_publication_date"] == "2031-02-03"
    assert cff["version"] == cff["preferred-citation"]["version"] == "9.8.7"
    assert cff["date-released"] == cff["preferred-citation"]["date-released"] == "2031-02-03"
    assert cff["preferred-citation"]["year"] == 2031
    assert zen["version"] == "9.8.7" and zen["publication_date"] == "2031-02-03"
    assert '__version__ = "9.8.7"' in (repo_copy / "tajik_peace/__init__.py").read_text()
    for rel in ("_config.yml", "CITATION.cff"):
        old = [ln for ln in (ROOT / rel).read_text().splitlines() if ln.lstrip().startswith("#")]
        new = [
            ln for ln in (repo_copy / rel).read_text().splitlines() if ln.lstrip().startswith("#")
        ]
        assert old == new, f"{rel}: comments lost"


@pytest.mark.parametrize(
    "argv", [["not a version"], ["1.0.0-rc1"], ["v1.0"], ["1.0.0", "2031-13-01"], ["1.0.0", "soon"]]
)
def test_set_version_rejects_bad_input_and_changes_nothing(repo_copy, argv, capsys):
    before = snapshot(repo_copy)
    assert set_version.main(argv, root=repo_copy) == 1
    assert "nothing was changed" in capsys.readouterr().err
    assert snapshot(repo_copy) == before


def test_set_version_rolls_back_when_a_write_fails_partway(repo_copy, monkeypatch):
    before = snapshot(repo_copy)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:  # the third file: two are already written
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(fileio.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="disk full"):
        set_version.main(["2.0.0"], root=repo_copy)
    assert snapshot(repo_copy) == before, "a failed bump left some files changed"
    leftovers = [p.name for p in repo_copy.rglob("*.tmp")]
    assert not leftovers, f"temporary files left behind: {leftovers}"


def test_set_version_refuses_a_key_it_cannot_find(repo_copy, capsys):
    cff = repo_copy / "CITATION.cff"
    cff.write_text(cff.read_text().replace("date-released:", "released:"), encoding="utf-8")
    before = snapshot(repo_copy)
    assert set_version.main(["2.0.0", "2031-01-01"], root=repo_copy) == 1
    assert snapshot(repo_copy) == before


# ---- execute_notebooks: atomic --------------------------------------------------------------


def small_notebook(path: Path, code: str) -> bytes:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path.read_bytes()


def test_a_failing_notebook_is_left_as_it_was(tmp_path):
    import execute_notebooks

    path = tmp_path / "bad.ipynb"
    before = small_notebook(path, "1 / 0")
    with pytest.raises(Exception, match="ZeroDivisionError"):
        execute_notebooks.execute(path, timeout=60)
    assert path.read_bytes() == before


def test_an_interrupted_notebook_write_leaves_the_old_file(tmp_path, monkeypatch):
    import execute_notebooks

    path = tmp_path / "ok.ipynb"
    before = small_notebook(path, "6 * 7")

    def broken_replace(src, dst):
        raise OSError("interrupted")

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(OSError, match="interrupted"):
        execute_notebooks.execute(path, timeout=60)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    monkeypatch.undo()
    execute_notebooks.execute(path, timeout=60)
    assert "42" in path.read_text(encoding="utf-8")


# ---- bench helpers ---------------------------------------------------------------------------


def test_bench_edits_change_one_cell_each_run_and_undo_exactly(tmp_path):
    import bench

    nb = tmp_path / "chapter.ipynb"
    shutil.copyfile(ROOT / "book" / "chronology.ipynb", nb)
    original = json.loads(nb.read_text(encoding="utf-8"))
    for kind, text in (("markdown", " word{}"), ("code", "\n# edit {}")):
        previous, states = "", []
        for i in range(3):
            bench.edit_notebook(nb, kind, text.format(i), previous)
            previous = text.format(i)
            edited = json.loads(nb.read_text(encoding="utf-8"))
            changed = [
                k for k, (a, b) in enumerate(zip(original["cells"], edited["cells"])) if a != b
            ]
            assert len(changed) == 1 and edited["cells"][changed[0]]["cell_type"] == kind
            states.append(edited["cells"][changed[0]]["source"])
        assert len({json.dumps(s) for s in states}) == 3, "each run must be a new edit"
        bench.edit_notebook(nb, kind, "", previous)
        assert json.loads(nb.read_text(encoding="utf-8")) == original
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(ROOT / "data" / "events.csv", data / "events.csv")
    before = (data / "events.csv").read_text(encoding="utf-8")
    bench.edit_data_value(tmp_path, " (corrected 0)")
    after = (data / "events.csv").read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(before.split("\n"), after.split("\n")) if a != b]
    assert len(diff) == 1 and "(corrected 0)" in diff[0][1]
    bench.edit_data_value(tmp_path, "", " (corrected 0)")
    assert (data / "events.csv").read_text(encoding="utf-8") == before


def test_bench_budgets_pass_and_fail_on_the_right_side():
    import bench

    def s(median, executed=(0, 0, 0)):
        return {"median_s": median, "executed": list(executed)}

    r = {
        "rebuilds": {
            "cold HTML build": s(100),
            "no-change rebuild": s(10),  # exactly 10 %: passes
            "one-word prose edit (x)": s(16, (0, 1, 0)),  # 16 % and one notebook ran: two fails
            "code edit": s(20),
            "one-value data correction": s(41),  # fails
        },
        "floors": {"kernel + imports + load_dataset()": s(2)},
        "execution": {"a": s(5), "b": s(4)},  # 2.5 x: passes
        "sizes": {"chapter page + what it loads, gzip: largest": 1_000_001},  # fails
    }
    verdict = {b["budget"].split(" (")[0]: b["pass"] for b in bench.budgets(r)}
    assert verdict == {
        "no-change rebuild <= 10% of cold": True,
        "prose edit executes 0 notebooks": False,
        "prose edit <= 15% of cold": False,
        "one-value data correction <= 40% of cold": False,
        "no notebook > 2.5 x import floor": True,
        "chapter page <= 1 MB as sent": False,
    }
