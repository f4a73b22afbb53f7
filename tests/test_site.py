"""The built site's own files: the root redirect and the favicon (`make html`)."""

from __future__ import annotations

import pytest
from book_paths import CONFIG, HTML, require, toc_docs
from bs4 import BeautifulSoup

pytestmark = pytest.mark.book


def test_root_index_is_a_valid_html5_redirect_to_the_first_page():
    text = require(HTML / "index.html", "make html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    soup = BeautifulSoup(text, "html.parser")
    assert soup.html.get("lang") == "en"
    assert soup.title and soup.title.get_text().strip() == CONFIG["title"]
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh and refresh["content"] == f"0; url={toc_docs()[0]}.html"
    assert (HTML / f"{toc_docs()[0]}.html").exists()


def test_every_page_names_a_favicon_that_exists():
    for doc in toc_docs():
        page = require(HTML / f"{doc}.html", "make html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        icon = soup.find("link", rel="icon")
        assert icon, f"{doc}: no favicon link"
        assert (page.parent / icon["href"]).resolve().exists(), f"{doc}: {icon['href']} missing"


def test_the_data_page_offers_the_package_as_a_zip_and_each_table_as_csv():
    import json
    import zipfile

    page = require(HTML / "book" / "data.html", "make html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("a.download")}
    descriptor = json.loads((HTML.parent.parent / "data" / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        name = f"{resource['name']}.csv"
        assert name in links, f"no download link for {name}"
        assert (page.parent / links[name]).resolve().exists()
    archive = (page.parent / links["tajik-peace-data.zip"]).resolve()
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
    assert "data/datapackage.json" in names and "data/README.md" in names
    assert {f"data/{r['path']}" for r in descriptor["resources"]} <= names
