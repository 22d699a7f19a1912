"""The page in Debian's Chromium (Playwright, no browser download) against the real server under waitress:
paste a draft, see highlights, jump to a finding, apply one suggestion, apply all, copy the draft, check a
URL from a local test server, stay escaped and inside the CSP, and fit a phone's width.

Screenshots go to test-output/; docs/screenshot.png is written when missing or with
NOFAME_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from conftest import serve_page
from flask import Flask
from playwright.sync_api import expect, sync_playwright

from nofame.checker import Checker
from nofame.server import create_app
from nofame.server.serve import BackgroundServer
from nofame.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-output"
DOCS_SHOT = ROOT / "docs" / "screenshot.png"
DRAFT = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
HEADLINE = DRAFT.split("\n", 1)[0].lstrip("# ").strip()
BODY = DRAFT.split("\n", 1)[1].strip()
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CSP_PROBE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.violatedDirective); });
"""


@pytest.fixture(scope="module")
def app(checker: Checker) -> Flask:
    return create_app(
        {
            "NOFAME_CHECKER": checker,
            "NOFAME_READ_ENV": False,
            "NOFAME_SETTINGS": Settings(),
            "NOFAME_ALLOW_HOSTS": ("127.0.0.1",),
            "NOFAME_RATE_LIMIT": "10000 per minute",
        }
    )


@pytest.fixture(scope="module")
def base_url(app: Flask) -> Iterator[str]:
    with BackgroundServer(app, threads=4) as url:
        yield url


@pytest.fixture(scope="module")
def story_url() -> Iterator[str]:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dayton bar shooting</title></head>'
        f"<body><article><h1>{HEADLINE}</h1>{paragraphs}</article></body></html>"
    ).encode()

    with serve_page(page) as url:
        yield f"{url}/news/dayton-bar-shooting"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.add_init_script(CSP_PROBE)
    errors: list[str] = []
    # the browser logs every 4xx answer; the page shows those itself (tested), so only other errors count
    expected = "Failed to load resource: the server responded with a status of 4"
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and expected not in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(base_url + "/")
    yield page
    assert page.evaluate("window.__csp") == [], "CSP violations"
    assert errors == [], errors
    context.close()


def check_draft(page: Any, headline: str = HEADLINE, body: str = BODY, perpetrator: str = "") -> None:
    page.fill("#headline", headline)
    page.fill("#body", body)
    page.fill("#perpetrator", perpetrator)
    page.click("#check-button")
    page.wait_for_selector("#findings .finding, #findings .empty")


def api(base_url: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
    response = requests.post(base_url + path, json=payload, timeout=60)
    response.raise_for_status()
    return response.json()


def draft_text(page: Any) -> str:
    return page.input_value("#suggested-draft")


def shrink_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover
        shutil.copyfile(source, target)
        return
    with Image.open(source) as image:
        small = image.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT)
        small.save(target, optimize=True)


# ---------- the tests ----------


def test_paste_a_draft_and_see_highlights(page: Any, base_url: str) -> None:
    check_draft(page)
    report = api(base_url, "/api/v1/check", {"headline": HEADLINE, "body": BODY, "profile": "no-notoriety"})
    assert page.locator("#findings .finding").count() == len(report["findings"])
    assert page.locator("#summary .score-value").inner_text() == str(report["score"])
    for severity in {f["severity"] for f in report["findings"]}:
        assert page.locator(f"#article mark.hl.sev-{severity}").count() > 0, severity
    high = page.locator("#summary .count.sev-high strong").inner_text()
    assert int(high) == sum(f["severity"] == "high" for f in report["findings"])
    perpetrators = [a["name"] for a in report["actors"] if a["role"] == "perpetrator"]
    for name in perpetrators:
        assert name in page.locator("#summary .perpetrator").inner_text()
    # the highlighted text is the draft itself, escaped
    assert page.locator("#article .field-body").text_content().replace("+ insert", "").strip() == BODY.strip()
    assert page.locator("#findings .finding .why").first.locator("summary").inner_text() == "Why it matters"
    assert page.locator("#findings .finding .source a").first.get_attribute("rel") == "noopener noreferrer"

    OUT.mkdir(exist_ok=True)
    page.wait_for_timeout(700)  # the smooth scroll to the results
    shot = OUT / "page-wide.png"
    page.screenshot(path=str(shot))
    page.screenshot(path=str(OUT / "page-wide-full.png"), full_page=True)
    if not DOCS_SHOT.exists() or os.environ.get("NOFAME_UPDATE_SCREENSHOT") == "1":
        shrink_copy(shot, DOCS_SHOT)


def test_clicking_a_finding_scrolls_to_its_highlight(page: Any) -> None:
    check_draft(page)
    last = page.locator("#findings .finding").last
    finding_id = last.get_attribute("id").split("-")[1]
    last.locator(".finding-head").click()
    mark = page.locator(f'#article mark.hl.active[data-ids~="{finding_id}"]').first
    mark.wait_for()
    page.wait_for_timeout(700)
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= 860
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    # and back: clicking a highlight selects its finding in the list
    page.locator("#article mark.hl").first.click()
    assert page.locator("#findings .finding.selected").count() == 1


def test_apply_one_suggestion_then_undo(page: Any, base_url: str) -> None:
    check_draft(page)
    rewrite = api(base_url, "/api/v1/rewrite", {"headline": HEADLINE, "body": BODY})
    headline = rewrite["fields"]["headline"]
    index, edit = next(
        (i, e)
        for i, f in enumerate(rewrite["findings"])
        for e in rewrite["edits"]
        if f["field"] == "headline" == e["field"] and e["rule"] == f["rule"] and e["start"] <= f["end"]
        and f["start"] <= e["end"] and e["safety"] == "safe"
    )  # fmt: skip
    expected = headline[: edit["start"]] + edit["replacement"] + headline[edit["end"] :]
    page.locator(f"#finding-{index} button.apply").first.click()
    assert page.locator("#article .field-headline").inner_text() == expected
    assert draft_text(page).split("\n", 1)[0] == f"# {expected}"
    assert "is-applied" in page.locator(f"#finding-{index}").get_attribute("class")
    assert page.locator(f"#finding-{index} .applied-note").inner_text() == "Applied ✓"
    page.click("#undo")
    assert page.locator("#article .field-headline").inner_text() == headline
    assert draft_text(page).split("\n", 1)[0] == f"# {headline}"


def test_apply_all_safe_gives_the_rewrite(page: Any, base_url: str) -> None:
    check_draft(page)
    page.click("#apply-all")
    rewrite = api(base_url, "/api/v1/rewrite", {"headline": HEADLINE, "body": BODY})
    assert draft_text(page) == rewrite["draft"]
    assert page.locator("#apply-all").is_disabled()
    assert "Applied" in page.locator("#toolbar-status").inner_text()


NOUN_PHRASES = (
    "A gunman killed four people at a bar in Dayton on Friday, police said.\n\n"
    "Police identified the gunman as Luke Doran, 24. The 24-year-old Doran had bought the rifle in March. "
    "Luke rarely left his room, a neighbour said. Detectives searched the Doran home on Saturday. "
    "A Doran family friend said he was quiet. It was the deadliest mass shooting in state history."
)


@pytest.mark.parametrize("profile", ["strict", "no-notoriety"])
def test_the_page_applies_the_servers_edits_only(page: Any, base_url: str, profile: str) -> None:
    """The page and `nofame rewrite` cannot disagree: the page applies the server's edits by offset, including
    the ones no finding carries (a first name alone), and writes no replacement of its own."""
    page.select_option("#profile", profile)
    check_draft(page, headline="Luke Doran kills four at Dayton bar", body=NOUN_PHRASES, perpetrator="Luke Doran")
    page.click("#apply-all")
    payload = {
        "headline": "Luke Doran kills four at Dayton bar",
        "body": NOUN_PHRASES,
        "perpetrators": ["Luke Doran"],
        "profile": profile,
    }
    rewrite = api(base_url, "/api/v1/rewrite", payload)
    assert draft_text(page) == rewrite["draft"]
    draft = draft_text(page)
    assert "the the" not in draft.lower() and "a the" not in draft.lower()
    assert "Luke rarely" not in draft and "deadliest" not in draft
    assert draft.count("Doran") == (0 if profile == "strict" else 1)


def test_no_rewrite_logic_in_the_script() -> None:
    script = (ROOT / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert "swallowSpace" not in script and "suggestions[0].replacement" not in script
    assert "/api/v1/rewrite" in script
    assert '"critical"' not in script  # the severities and their order come from the page (report.SEVERITIES)


def test_copy_the_suggested_draft(page: Any) -> None:
    check_draft(page)
    page.click("#apply-all")
    page.click("#copy-draft")
    expect(page.locator("#toolbar-status")).to_contain_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == draft_text(page)


def test_keyboard_only(page: Any) -> None:
    page.fill("#headline", HEADLINE)
    page.fill("#body", BODY)
    page.focus("#body")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#findings .finding")
    page.focus("#findings .finding .finding-head")
    page.keyboard.press("Enter")
    assert page.locator("#article mark.hl.active").count() > 0
    page.focus("#findings .finding button.apply")
    page.keyboard.press("Enter")
    assert page.locator("#findings .finding.is-applied").count() == 1


def test_check_a_url(page: Any, story_url: str) -> None:
    page.check('input[name="source"][value="url"]')
    assert page.locator("#source-paste").is_hidden()
    page.fill("#url", story_url)
    page.click("#check-button")
    page.wait_for_selector("#findings .finding")
    assert page.locator("#article .field-headline").inner_text() == HEADLINE
    assert page.locator("#article .field-slug").count() == 1  # the URL's slug is checked too
    assert "Checked" in page.locator("#status").inner_text()


def test_refused_url_and_empty_draft_show_errors(page: Any) -> None:
    page.click("#check-button")
    assert "Paste a draft" in page.locator("#status").inner_text()
    page.check('input[name="source"][value="url"]')
    page.fill("#url", "http://10.1.2.3/internal")
    page.click("#check-button")
    expect(page.locator("#status")).to_have_class(re.compile(r"\berror\b"))
    assert "refusing" in page.locator("#status").inner_text().lower()


def test_draft_is_escaped(page: Any) -> None:
    hostile = (
        'Police said <img src=x onerror="window.__xss=1"> Darrel Vickers opened fire. '
        "<script>window.__xss=2</script> Vickers fled.\n\nVickers was arrested."
    )
    check_draft(page, headline="<b>Vickers</b> <svg onload=alert(1)>", body=hostile, perpetrator="Darrel Vickers")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#article img, #article script, #article svg, #article b").count() == 0
    assert "<img src=x" in page.locator("#article .field-body").inner_text()
    assert "<svg onload=alert(1)>" in page.locator("#article .field-headline").inner_text()


def test_phone_width(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/")
    check_draft(page)
    page.wait_for_timeout(700)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width}px"
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "page-phone.png"))
    page.screenshot(path=str(OUT / "page-phone-full.png"), full_page=True)
    context.close()
