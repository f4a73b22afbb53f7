"""The built HTML in a real browser: Debian's Chromium driven by Playwright, the book served on
127.0.0.1 from a thread of the test. Every page must load without a console error, a failed request
or a request to another host; every image must load and have alt text; search and previous/next
navigation must work. Screenshots go to _build/screenshots/."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from book_paths import HTML, ROOT, doc_title, require, toc_docs

pytestmark = [pytest.mark.book, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "_build" / "screenshots"
SEARCH_TERM = "Tajikistan"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def book_server():
    require(HTML / "index.html", "make html")
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(HTML))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def chromium_browser():
    if not shutil.which("chromium") and not __import__("os").path.exists(CHROMIUM):
        pytest.fail("chromium is missing: install Debian's chromium package (make sysdeps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Records what a page does wrong: console errors, page errors, failed and outside requests."""

    def __init__(self, context, base):
        self.problems: list[str] = []
        host = urlparse(base).hostname

        def route(r):
            url = urlparse(r.request.url)
            if url.scheme in ("data", "blob", "about") or url.hostname == host:
                r.continue_()
            else:
                self.problems.append(f"request to another host: {r.request.url}")
                r.abort()

        context.route("**/*", route)

    def attach(self, page):
        page.on(
            "console",
            lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on(
            "requestfailed",
            lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"),
        )
        return page


@pytest.fixture()
def watched(chromium_browser, book_server):
    ctx = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(ctx, book_server)
    yield ctx, watch
    ctx.close()


def pages():
    skip = {"_static", "_sources", "_images", "_downloads", "reports"}
    return sorted(
        p.relative_to(HTML).as_posix()
        for p in HTML.rglob("*.html")
        if not skip & set(p.relative_to(HTML).parts) and not p.name.startswith(".")
    )


@pytest.mark.parametrize("path", pages() if HTML.exists() else ["index.html"])
def test_page_loads_cleanly_with_accessible_images(watched, book_server, path):
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/{path}", wait_until="networkidle")
    images = page.evaluate("""() => Array.from(document.images).map(i => ({
        src: i.currentSrc || i.src, loaded: i.complete && i.naturalWidth > 0, alt: (i.getAttribute('alt') || '').trim()}))""")
    for img in images:
        assert img["loaded"], f"{path}: image did not load: {img['src']}"
        assert img["alt"], f"{path}: image without alt text: {img['src']}"
    assert not watch.problems, f"{path}: " + "; ".join(watch.problems)


#: axe-core's rules for WCAG 2.1 level A and AA.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("path", pages() if HTML.exists() else ["index.html"])
def test_page_has_no_accessibility_violation(watched, book_server, path):
    """axe-core (bundled with axe-playwright-python, no network) on every page: WCAG 2.1 AA."""
    from axe_playwright_python.sync_playwright import Axe

    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/{path}", wait_until="networkidle")
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    found = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['nodes'][0]['html'][:120]}"
        for v in violations
    ]
    assert not found, f"{path}: " + "; ".join(found)


def test_chapter_figures_are_shown(watched, book_server):
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/book/chronology.html", wait_until="networkidle")
    assert page.locator("figure img").count() >= 1
    assert page.locator("figure figcaption").count() >= 1


def test_chronology_is_interactive_offline_and_by_keyboard(watched, book_server):
    """Every coded event in one table; filter panes, search and sorting work with no network."""
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/book/events.html", wait_until="networkidle")
    table = page.locator("#table-chronology")
    info = page.locator(".dt-info")
    info.wait_for(timeout=10_000)
    total = int(info.inner_text().split(" of ")[1].split()[0])
    assert total == len(_csv_rows("events"))
    assert page.locator(".dtsp-searchPane").count() == 3  # kind, phase, sources
    page.fill(".dt-search input", "Almaty")
    assert "filtered from" in info.inner_text()
    assert all("Almaty" in r for r in table.locator("tbody tr").all_inner_texts())
    page.fill(".dt-search input", "")
    first = table.locator("tbody tr td").first.inner_text()
    sort = table.locator("thead th").first.locator("[tabindex]")
    sort.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # descending: the latest event first
    # DataTables redraws after the key event: wait for the new first row (up to 5 s), then check.
    page.wait_for_function(
        "old => document.querySelector('#table-chronology tbody tr td').innerText !== old",
        arg=first,
        timeout=5_000,
    )
    assert table.locator("tbody tr td").first.inner_text() != first
    assert not watch.problems, "; ".join(watch.problems)


def test_code_is_behind_a_toggle_that_opens_from_the_keyboard(watched, book_server):
    """A historian reads prose and figures; a data user opens the code (Enter on the toggle)."""
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/book/chronology.html", wait_until="networkidle")
    toggles = page.locator("details.above-input > summary")
    assert toggles.count() >= 1
    code = page.locator("details.above-input").first.locator("pre").first
    assert not code.is_visible()
    toggles.first.focus()
    page.keyboard.press("Enter")
    assert code.is_visible()
    assert not watch.problems, "; ".join(watch.problems)


def test_every_spelling_leads_from_the_index_to_its_entry(watched, book_server):
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/genindex.html", wait_until="networkidle")
    for spelling, anchor in (("Kulyab", "places-kulob"), ("Turajonzoda", "actors-turajonzoda")):
        hrefs = page.locator(f"table.indextable a:text-is('{spelling}')").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        assert any(h.endswith(anchor) for h in hrefs), (spelling, hrefs)
    assert not watch.problems, "; ".join(watch.problems)


def _unnumbered(title: str) -> str:
    """A page title without the site name and the chapter number ("3. Chronology" -> "Chronology")."""
    title = re.sub(r"^\d+(\.\d+)*\.\s+", "", title.split(" — ")[0].strip())
    return title.replace("’", "'")  # the HTML sets apostrophes typographically


def _csv_rows(table: str) -> list[dict]:
    import csv

    with (ROOT / "data" / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_search_finds_a_term_of_the_book(watched, book_server):
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/search.html?q={SEARCH_TERM}", wait_until="networkidle")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=20_000)
    assert results.count() >= 1
    assert not watch.problems, "; ".join(watch.problems)


def test_previous_next_navigation_walks_the_whole_book(watched, book_server):
    ctx, watch = watched
    page = watch.attach(ctx.new_page())
    page.goto(
        f"{book_server}/index.html", wait_until="networkidle"
    )  # redirects to the root document
    visited = [page.title()]
    expected = [doc_title(d).replace("’", "'") for d in toc_docs()]
    for _ in range(len(expected) + 2):
        nxt = page.locator("a.right-next")
        if not nxt.count():
            break
        nxt.first.click()
        page.wait_for_load_state("networkidle")
        visited.append(page.title())
    titles = [_unnumbered(t) for t in visited]
    assert titles == expected
    page.locator("a.left-prev").first.click()
    page.wait_for_load_state("networkidle")
    assert _unnumbered(page.title()) == expected[-2]
    assert not watch.problems, "; ".join(watch.problems)


@pytest.mark.parametrize("width,height,label", [(1280, 900, "desktop"), (390, 844, "phone")])
@pytest.mark.parametrize(
    "path,name", [("index.html", "landing"), ("book/chronology.html", "chronology")]
)
def test_screenshots(chromium_browser, book_server, width, height, label, path, name):
    ctx = chromium_browser.new_context(viewport={"width": width, "height": height})
    watch = Watch(ctx, book_server)
    page = watch.attach(ctx.new_page())
    page.goto(f"{book_server}/{path}", wait_until="networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / f"{name}-{label}.png"
    page.screenshot(path=str(out), full_page=True)
    ctx.close()
    assert out.stat().st_size > 5_000
    assert not watch.problems, "; ".join(watch.problems)
