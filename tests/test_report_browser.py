"""`nofame report` in Debian's Chromium (Playwright, no browser download): every download works from
the saved file, with no server, and the page fits a phone's width."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import Browser, sync_playwright
from test_batch_report import _rows, _write

from nofame.batch.records import findings_schema
from nofame.batch.report import ReportOptions, write_report

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser-report")
    rows, findings = _rows()
    results = _write(folder / "results.parquet", rows)
    pq.write_table(pa.Table.from_pylist(findings, schema=findings_schema()), folder / "findings.parquet")
    return write_report(ReportOptions(results, folder / "report.html", findings=folder / "findings.parquet"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield launched
        launched.close()


def _download(browser: Browser, report: Path, selector: str, tmp_path: Path) -> tuple[str, bytes]:
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        link = page.locator(selector)
        link.scroll_into_view_if_needed()
        with page.expect_download() as info:
            link.click()
        download = info.value
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        return download.suggested_filename, target.read_bytes()
    finally:
        context.close()


def test_tables_download_as_csv(browser: Browser, report: Path, tmp_path: Path) -> None:
    name, data = _download(browser, report, 'a[download="headline-measures.csv"]', tmp_path)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert name == "headline-measures.csv"
    assert rows[0] == ["grouping", "group", "measure", "kind", "n", "value", "low95", "high95", "small_n"]
    assert {row[2] for row in rows[1:]} >= {"name_in_headline", "score"}
    name, data = _download(browser, report, 'a[download="month-rules.csv"]', tmp_path)
    assert name == "month-rules.csv" and b"2023-06,sensational-language" in data


def test_figures_download_as_png_and_svg(browser: Browser, report: Path, tmp_path: Path) -> None:
    name, data = _download(browser, report, 'a[download="rule-shares.png"]', tmp_path)
    assert name == "rule-shares.png" and data.startswith(b"\x89PNG")
    name, data = _download(browser, report, 'a[download="outlet-name-in-headline.svg"]', tmp_path)
    assert name == "outlet-name-in-headline.svg" and b"<svg" in data[:2000]


def test_the_page_fits_a_phone(browser: Browser, report: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for image in page.locator("img").all():
            assert image.bounding_box()["width"] <= 390
    finally:
        context.close()
