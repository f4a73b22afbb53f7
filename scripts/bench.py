#!/usr/bin/env python3
"""Measure the book's build and execution times and its sizes, on a fresh clone; check the budgets.

usage: .venv/bin/python scripts/bench.py [--runs N] [--ref REF] [--out DIR] [--keep]

Writes DIR/latest.md and DIR/latest.json (default DIR: bench/results). `make bench` runs it.

The repository is cloned (``git clone --no-local``, as from a server) into a temporary folder at REF
(default HEAD: commit what you want measured). The clone uses this checkout's ``.venv`` (its
``tajik_peace`` is imported from the clone through PYTHONPATH, and checked), so set-up time is not in
the figures; ``make`` is run in the clone with ``VENV`` pointing at it and no set-up stamp.

Every time is the median of N runs (default 3) with the fastest and slowest; each run is a whole
process (start-up included), timed with a monotonic clock. Measured:

- floors: a bare kernel (start, run ``pass``, stop), and a kernel that imports the book's libraries
  and loads (so validates) the dataset;
- execution: each chapter notebook in a fresh kernel (``scripts/execute_notebooks.py --no-write``);
- the package: ``load_dataset()``, ``validate()`` and drawing each figure, in one process;
- rebuilds of the HTML with ``make html``: cold (no ``_build``); no change; a one-word prose edit in
  a notebook's markdown; a code edit in one notebook (a comment added to a code cell); a one-value
  data correction (one cell of one CSV); the PDF (``make pdf`` with a warm execution cache). For the
  rebuilds the number of notebooks executed is counted from the build's log. Every run is one new
  edit (run i replaces the edit of run i-1), never a state the cache has already seen;
- sizes: the HTML folder; each chapter page with everything it loads (scripts, stylesheets,
  images), gzip-compressed as a server sends it, median and largest; the PDF; the repository
  (the clone's .git, packed) and what one changed figure adds to it.

Budgets are reported as pass or fail, never as a test failure: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
MB = 1_000_000


# ---- running and timing -----------------------------------------------------------------------


class Bench:
    def __init__(self, clone: Path, runs: int, log: Path):
        self.clone, self.runs, self.log = clone, runs, log
        self.env = {**os.environ, "PYTHONPATH": str(clone), "PYTHONDONTWRITEBYTECODE": "1"}
        for var in ("TAJIK_PEACE_FIGURES", "MAKEFLAGS", "MFLAGS"):
            self.env.pop(var, None)

    def run(self, cmd: list[str], cwd: Path | None = None) -> float:
        """Run a command (output to the log); its wall time in seconds; fail on a non-zero exit."""
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"\n$ {' '.join(cmd)}\n")
            log.flush()
            start = time.perf_counter()
            done = subprocess.run(
                cmd, cwd=cwd or self.clone, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
            elapsed = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"bench: {' '.join(cmd)} failed ({done.returncode}); see {self.log}")
        return elapsed

    def make(self, target: str) -> float:
        # VENV: this checkout's environment; STAMP empty: no pip in the clone.
        return self.run(["make", "-s", target, f"VENV={VENV}", "STAMP="])

    def executions_logged(self) -> int:
        """Notebooks executed so far, from myst-nb's log lines (cache record ids are reused after
        the cache is dropped, so counting records would miss re-executions)."""
        if not self.log.exists():
            return 0
        return self.log.read_text(encoding="utf-8", errors="replace").count(
            "Executing notebook using"
        )

    def series(self, name: str, step, before=None) -> dict:
        """Time ``step`` ``runs`` times (``before`` runs untimed first); median, min, max."""
        times, executed = [], []
        for i in range(self.runs):
            if before:
                before(i)
            logged = self.executions_logged()
            times.append(step(i))
            executed.append(self.executions_logged() - logged)
            print(f"  {name} run {i + 1}: {times[-1]:.1f} s, {executed[-1]} notebook(s) executed")
        return stats(times) | {"executed": executed}


def stats(times: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(times), 2),
        "min_s": round(min(times), 2),
        "max_s": round(max(times), 2),
        "runs_s": [round(t, 2) for t in times],
    }


# ---- edits (every run is a new edit, never a return to a state jupyter-cache has seen) ------


def edit_notebook(path: Path, cell_type: str, suffix: str, previous: str = "") -> None:
    """End the first plain ``cell_type`` cell with ``suffix`` instead of ``previous``: one edit."""
    nb = json.loads(path.read_text(encoding="utf-8"))

    def plain(c) -> bool:  # prose ending a sentence (markdown) / no magic (code)
        # The same cell whether an edit is applied or not.
        text = "".join(c["source"]).removesuffix(previous).rstrip()
        if cell_type == "markdown":
            return text.endswith(".") and text.splitlines()[-1][:1] not in "#`:|>"
        return bool(text) and not text.lstrip().startswith("%")

    cell = next(c for c in nb["cells"] if c["cell_type"] == cell_type and plain(c))
    src = cell["source"] if isinstance(cell["source"], list) else [cell["source"]]
    src[-1] = src[-1].removesuffix(previous) + suffix
    cell["source"] = src
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")


def edit_data_value(clone: Path, suffix: str, previous: str = "") -> None:
    """Correct one value: the first event's title ends with ``suffix`` instead of ``previous``."""
    path = clone / "data" / "events.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    title = next(csv.DictReader(io.StringIO(lines[0] + "\n" + lines[1])))["title"]
    assert title and "," not in title and '"' not in title, title
    new = title.removesuffix(previous) + suffix
    lines[1] = lines[1].replace(f",{title},", f",{new},", 1)
    path.write_text("\n".join(lines), encoding="utf-8")


# ---- sizes ------------------------------------------------------------------------------------


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(page: Path, html_root: Path) -> dict:
    """A page and every local resource it loads, raw and gzip-compressed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    urls = [t["src"] for t in soup.find_all(["script", "img", "source", "iframe"], src=True)]
    urls += [
        t["href"]
        for t in soup.find_all("link", href=True)
        if set(t.get("rel") or []) & {"stylesheet", "preload", "icon", "modulepreload"}
    ]
    files = {page}
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme or url.startswith("//") or not parsed.path:
            continue
        target = (page.parent / parsed.path).resolve()
        if target.is_file() and html_root.resolve() in target.parents:
            files.add(target)
    return {
        "raw_bytes": sum(f.stat().st_size for f in files),
        "gzip_bytes": sum(gz(f) for f in files),
        "files": len(files),
    }


def git_size(repo: Path) -> int:
    out = subprocess.run(
        ["git", "count-objects", "-v"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    kib = dict(line.split(": ") for line in out.strip().splitlines())
    return (int(kib["size"]) + int(kib["size-pack"])) * 1024


def figure_change_growth(b: Bench) -> dict:
    """What one changed figure adds to the repository: its files and the notebook that shows it.

    The figure is re-drawn with one word added to its title (as a code change would), exported to
    figures/ and stored in the notebook's output exactly as `make execute` stores it; then
    committed. Growth is measured in loose objects (zlib) and after `git gc` (packed, deltas).
    """
    clone = b.clone
    script = r"""
import base64, json, re, sys
from pathlib import Path
from tajik_peace import figures
from tajik_peace.data import load_dataset
clone = Path(sys.argv[1])
shown = {}
for nb in sorted((clone / "book").glob("*.ipynb")):
    for m in re.finditer(r'figures\.export\(\\"([a-z0-9_-]+)\\"', nb.read_text()):
        shown.setdefault(m.group(1), nb)
name, nb_path = sorted(shown.items())[0]
fig = figures.registered()[name]
drawn = fig.draw(load_dataset())
ax = drawn.axes[0]
ax.set_title(ax.get_title(loc="left") + " (changed)", loc="left")
saved = figures.save_figure(drawn, name, fig.alt)
data, _ = saved._repr_png_()
nb = json.loads(nb_path.read_text())
for cell in nb["cells"]:
    for out in cell.get("outputs", []):
        if out.get("data", {}).get("text/plain") in (f"SavedFigure('{name}')", [f"SavedFigure('{name}')"]):
            out["data"]["image/png"] = base64.b64encode(data).decode()
nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
print(name, nb_path.name)
"""
    out = subprocess.run(
        [str(PY), "-c", script, str(clone)],
        cwd=clone,
        env=b.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    subprocess.run(["git", "gc", "-q"], cwd=clone, check=True)
    before = git_size(clone)
    subprocess.run([*git, "add", "-A", "figures", "book"], cwd=clone, check=True)
    subprocess.run([*git, "commit", "-qm", "bench: one figure changed"], cwd=clone, check=True)
    loose = git_size(clone) - before
    # The same `git gc` as for the baseline: an --aggressive one would repack the whole history
    # better and hide the growth (a negative figure).
    subprocess.run(["git", "gc", "-q"], cwd=clone, check=True)
    packed = git_size(clone) - before
    changed = (
        subprocess.run(
            ["git", "show", "--stat", "--format=", "HEAD"],
            cwd=clone,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()
    )
    subprocess.run(["git", "reset", "-q", "--hard", "HEAD~1"], cwd=clone, check=True)
    return {
        "figure": out[0],
        "notebook": out[1],
        "files_changed": [line.strip() for line in changed[:-1]],
        "loose_bytes": loose,
        "packed_bytes": packed,
    }


# ---- the measurements -------------------------------------------------------------------------

FLOOR_IMPORT = (
    "import matplotlib, networkx, pandas\n"
    "from tajik_peace import figures\n"
    "from tajik_peace.data import load_dataset\n"
    "ds = load_dataset()"
)

PACKAGE = r"""
import json, statistics, sys, time
from tajik_peace import figures
from tajik_peace.data import load_dataset
from tajik_peace.validate import validate
runs = int(sys.argv[1])
def timed(step):
    t = []
    for _ in range(runs):
        s = time.perf_counter(); step(); t.append(time.perf_counter() - s)
    return {"median_s": round(statistics.median(t), 3), "min_s": round(min(t), 3), "max_s": round(max(t), 3)}
ds = load_dataset()
res = {"load_dataset()": timed(load_dataset), "validate(check_quotes=False)": timed(lambda: validate(check_quotes=False))}
for name, fig in figures.registered().items():
    res[f"draw and render figure {name}"] = timed(lambda fig=fig: figures.render(fig.draw(ds), fig.alt))
print(json.dumps(res))
"""


def notebook_file(path: Path, source: str) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def measure(clone: Path, runs: int, log: Path, reuse: dict | None = None) -> dict:
    b = Bench(clone, runs, log)
    where = subprocess.run(
        [str(PY), "-c", "import tajik_peace; print(tajik_peace.__file__)"],
        env=b.env,
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(clone.resolve()):
        raise SystemExit(f"bench: tajik_peace is imported from {where}, not from the clone")
    execute = [str(PY), str(clone / "scripts" / "execute_notebooks.py"), "--no-write"]
    notebooks = sorted(p.relative_to(clone).as_posix() for p in (clone / "book").glob("*.ipynb"))
    r: dict = {"floors": {}, "execution": {}, "rebuilds": {}, "sizes": {}}

    if reuse:
        print(f"floors, execution, package: reused from {reuse['meta']['commit']}")
        for key in ("floors", "execution", "package"):
            r[key] = reuse[key]
    else:
        kernel_sections(b, r, clone, execute, notebooks, runs)
    rebuilds_and_sizes(b, r, clone, notebooks)
    return r


def kernel_sections(b, r, clone, execute, notebooks, runs) -> None:
    print("floors")
    scratch = clone.parent / "floors"
    scratch.mkdir(exist_ok=True)
    bare = notebook_file(scratch / "bare.ipynb", "pass")
    imports = notebook_file(scratch / "imports.ipynb", FLOOR_IMPORT)
    r["floors"]["bare kernel"] = b.series("bare kernel", lambda i: b.run([*execute, str(bare)]))
    r["floors"]["kernel + imports + load_dataset()"] = b.series(
        "import floor", lambda i: b.run([*execute, str(imports)])
    )

    print("execution, each notebook in a fresh kernel")
    for nb in notebooks:
        r["execution"][nb] = b.series(nb, lambda i, nb=nb: b.run([*execute, nb]))

    print("package")
    out = subprocess.run(
        [str(PY), "-c", PACKAGE, str(runs)],
        env=b.env,
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    r["package"] = json.loads(out)


def rebuilds_and_sizes(b, r, clone, notebooks) -> None:
    print("rebuilds")
    build = clone / "_build"
    r["rebuilds"]["cold HTML build (no _build)"] = b.series(
        "cold", lambda i: b.make("html"), before=lambda i: shutil.rmtree(build, ignore_errors=True)
    )
    r["rebuilds"]["no-change rebuild"] = b.series("no change", lambda i: b.make("html"))
    prose_nb = clone / "book" / "chronology.ipynb"
    if not prose_nb.exists():
        prose_nb = clone / notebooks[0]

    def edit_then_build(edit):
        def step(i):
            edit(i)
            return b.make("html")

        return step

    # Every run is a new edit (run i replaces run i-1's edit).
    def edit(i: int, text: str) -> tuple[str, str]:
        return text.format(i), (text.format(i - 1) if i else "")

    r["rebuilds"][f"one-word prose edit ({prose_nb.name}, markdown)"] = b.series(
        "prose edit",
        edit_then_build(lambda i: edit_notebook(prose_nb, "markdown", *edit(i, " word{}"))),
    )
    r["rebuilds"][f"code edit in one notebook ({prose_nb.name}, a comment line)"] = b.series(
        "code edit",
        edit_then_build(lambda i: edit_notebook(prose_nb, "code", *edit(i, "\n# edit {}"))),
    )
    r["rebuilds"]["PDF (make pdf; execution cache warm)"] = b.series(
        "pdf", lambda i: b.make("pdf"), before=lambda i: shutil.rmtree(build / "latex", True)
    )
    # Last, as it empties the cache: every later build would execute every notebook again.
    r["rebuilds"]["one-value data correction (data/events.csv)"] = b.series(
        "data correction",
        edit_then_build(lambda i: edit_data_value(clone, *edit(i, " (corrected {})"))),
    )

    print("sizes")
    html = build / "html"
    pdf = next((build / "latex").glob("*.pdf"))
    pages = {}
    for doc in toc_docs(clone):
        pages[doc] = page_weight(html / f"{doc}.html", html)
    gz_sizes = sorted(p["gzip_bytes"] for p in pages.values())
    # The sources as committed again, for the repository measures (the HTML sizes above are of the
    # last build: one event title one word longer than committed).
    subprocess.run(["git", "checkout", "-q", "--", "book", "data"], cwd=clone, check=True)
    subprocess.run(["git", "gc", "-q"], cwd=clone, check=True)
    r["sizes"] = {
        "HTML folder (_build/html, PDF copy included)": folder_size(html),
        "chapter page + what it loads, gzip: median": int(statistics.median(gz_sizes)),
        "chapter page + what it loads, gzip: largest": gz_sizes[-1],
        "PDF": pdf.stat().st_size,
        "repository (.git of a fresh clone, packed)": git_size(clone),
        "figures/": folder_size(clone / "figures"),
        "data/": folder_size(clone / "data"),
        "notebooks (book/*.ipynb)": sum((clone / n).stat().st_size for n in notebooks),
    }
    r["pages"] = pages
    r["figure_change"] = figure_change_growth(b)


def toc_docs(clone: Path) -> list[str]:
    from sphinx_external_toc.api import FileItem
    from sphinx_external_toc.parsing import parse_toc_yaml

    site = parse_toc_yaml(clone / "_toc.yml")
    docs: list[str] = []

    def walk(doc: str) -> None:
        docs.append(doc)
        for tree in site[doc].subtrees:
            for item in tree.items:
                if isinstance(item, FileItem):
                    walk(str(item))

    walk(site.root.docname)
    return docs


# ---- budgets and report -----------------------------------------------------------------------


def budgets(r: dict) -> list[dict]:
    rb = r["rebuilds"]
    pick = lambda prefix: next(v for k, v in rb.items() if k.startswith(prefix))  # noqa: E731
    cold = pick("cold")["median_s"]
    floor = r["floors"]["kernel + imports + load_dataset()"]["median_s"]
    slowest_nb, slowest = max(r["execution"].items(), key=lambda kv: kv[1]["median_s"])
    prose, nochange, data = pick("one-word prose"), pick("no-change"), pick("one-value data")
    largest = r["sizes"]["chapter page + what it loads, gzip: largest"]
    rows = [
        ("no-change rebuild <= 10% of cold", nochange["median_s"] / cold, 0.10, "ratio"),
        ("prose edit <= 15% of cold", prose["median_s"] / cold, 0.15, "ratio"),
        ("one-value data correction <= 40% of cold", data["median_s"] / cold, 0.40, "ratio"),
        (
            f"no notebook > 2.5 x import floor (slowest: {slowest_nb})",
            slowest["median_s"] / floor,
            2.5,
            "x",
        ),
        ("chapter page <= 1 MB as sent (gzip, largest)", largest / MB, 1.0, "MB"),
    ]
    out = [
        {
            "budget": name,
            "value": round(value, 3),
            "limit": limit,
            "unit": unit,
            "pass": value <= limit,
        }
        for name, value, limit, unit in rows
    ]
    executed = sum(prose["executed"])
    out.insert(
        1,
        {
            "budget": "prose edit executes 0 notebooks",
            "value": executed,
            "limit": 0,
            "unit": "notebooks",
            "pass": executed == 0,
        },
    )
    return out


def markdown(r: dict) -> str:
    def trow(name, s, executed=False):
        ex = f" | {', '.join(map(str, s['executed']))}" if executed else ""
        return f"| {name} | {s['median_s']:.2f} | {s['min_s']:.2f} | {s['max_s']:.2f}{ex} |"

    m = r["meta"]
    lines = [
        "# Benchmark results",
        "",
        f"Commit `{m['commit']}`, {m['date']}, {m['cpus']} CPUs, Python {m['python']}, "
        f"{m['runs']} runs of each, measured on a fresh clone by `make bench` "
        f"(scripts/bench.py; the whole run took {m['total_s'] / 60:.0f} min). "
        "Times in seconds: median, fastest, slowest."
        + (
            f" Floors, execution and package times are from the run at `{m['kernel_sections_from']}`"
            " (`--reuse-kernels`)."
            if m.get("kernel_sections_from")
            else ""
        ),
        "",
        "## Budgets",
        "",
        "| budget | measured | limit | |",
        "| --- | ---: | ---: | --- |",
    ]
    for bgt in r["budgets"]:
        lines.append(
            f"| {bgt['budget']} | {bgt['value']} {bgt['unit']} | {bgt['limit']} | "
            f"{'pass' if bgt['pass'] else '**FAIL**'} |"
        )
    lines += [
        "",
        "## Floors",
        "",
        "| kernel | median | min | max |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [trow(k, v) for k, v in r["floors"].items()]
    lines += [
        "",
        "## Execution: each notebook in a fresh kernel",
        "",
        "| notebook | median | min | max |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [trow(k, v) for k, v in r["execution"].items()]
    lines += [
        "",
        "## Rebuilds (`make html`, `make pdf`)",
        "",
        "| build | median | min | max | notebooks executed, per run |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    lines += [trow(k, v, executed=True) for k, v in r["rebuilds"].items()]
    lines += [
        "",
        "## The package, in one process",
        "",
        "| step | median | min | max |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {k} | {v['median_s']:.3f} | {v['min_s']:.3f} | {v['max_s']:.3f} |"
        for k, v in r["package"].items()
    ]
    lines += ["", "## Sizes", "", "| item | bytes |", "| --- | ---: |"]
    lines += [f"| {k} | {v:,} |" for k, v in r["sizes"].items()]
    lines += [
        "",
        "Each page with everything it loads, gzip-compressed (as sent):",
        "",
        "| page | files | raw bytes | gzip bytes |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {k} | {v['files']} | {v['raw_bytes']:,} | {v['gzip_bytes']:,} |"
        for k, v in r["pages"].items()
    ]
    fc = r["figure_change"]
    lines += [
        "",
        "## Repository growth when one figure changes",
        "",
        f"Figure `{fc['figure']}` re-drawn (one word added to its title), exported to `figures/` "
        f"and stored in `book/{fc['notebook']}` as `make execute` stores it, then committed: "
        f"**{fc['loose_bytes']:,} bytes** as loose objects, **{fc['packed_bytes']:,} bytes** "
        "after `git gc` (packed, with deltas). Files in the commit:",
        "",
        *[f"- `{f}`" for f in fc["files_changed"]],
        "",
    ]
    return "\n".join(lines)


def growth_only(ref: str) -> int:
    with tempfile.TemporaryDirectory(prefix="tajik-bench-") as tmp:
        clone = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "checkout", "-q", ref], cwd=clone, check=True)
        print(json.dumps(figure_change_growth(Bench(clone, 1, Path(tmp) / "log")), indent=2))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ref", default="HEAD")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--keep", action="store_true", help="keep the temporary clone")
    ap.add_argument(
        "--reuse-kernels",
        type=Path,
        help="take floors, execution and package from this earlier latest.json (recorded)",
    )
    ap.add_argument(
        "--growth-only",
        action="store_true",
        help="measure only what one changed figure adds to the repository, and print it",
    )
    args = ap.parse_args()
    if args.growth_only:
        return growth_only(args.ref)
    start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="tajik-bench-"))
    clone = tmp / "repo"
    log = tmp / "bench.log"
    try:
        subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "checkout", "-q", args.ref], cwd=clone, check=True)
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=clone,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"bench: fresh clone of {commit} in {clone}; log: {log}")
        reuse = json.loads(args.reuse_kernels.read_text()) if args.reuse_kernels else None
        r = measure(clone, args.runs, log, reuse)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    r["budgets"] = budgets(r)
    r["meta"] = {
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "runs": args.runs,
        "total_s": round(time.perf_counter() - start),
    }
    if reuse:
        r["meta"]["kernel_sections_from"] = reuse["meta"]["commit"]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(markdown(r), encoding="utf-8")
    print(markdown(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
