"""The `watch` preview page in a real headless browser (issue #11): Debian's chromium driven
through its chromedriver by selenium. The page loads and shows every page of the PDF, shows
the error after a broken save of the issue file (the last good pages staying), and recovers
after a fixed save.

`make test` installs chromium and chromium-driver when it can (as root with apt-get, see the
Makefile's `setup`); without them this test is skipped and says why."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .test_watch import break_date, edit_one_paragraph, issue, pdf_text, start_watch, stop_watch  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Chromium on a machine whose network is closed: no sandbox (root), no GPU, and none of the
#: background connections (updates, sync, QUIC) that would be refused at every start.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1000")
MIN_DPI = 110

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason=f"needs Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER}); "
           "`make setup` installs them when run as root with apt-get")


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="bulletin-pdf-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


SHOWN_PAGES = """
return Array.from(document.querySelectorAll('#pages img')).map(
    img => [img.getAttribute('src'), img.complete, img.naturalWidth, img.naturalHeight]);
"""


def wait_for(driver, what: str, condition, timeout: float = 90):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(
        lambda d: condition(d), message=f"the preview page never showed {what}")


def all_pages_shown(driver, versions: list[int]) -> list | bool:
    """Every page's image loaded, page n's from the build `versions[n-1]` (the build that first
    showed it as it is)."""
    shown = driver.execute_script(SHOWN_PAGES)
    ok = (len(shown) == len(versions) and all(complete and width > 0 for _, complete, width, _ in shown)
          and all(src.split("?")[0] == f"page/{v}/{n}.png" for n, ((src, *_rest), v) in enumerate(zip(shown, versions), 1)))
    return shown if ok else False


def status(url: str) -> dict:
    import json
    import urllib.request

    with urllib.request.urlopen(url + "status.json", timeout=30) as response:
        return json.loads(response.read())


def state(driver) -> str:
    return driver.find_element("tag name", "body").get_attribute("data-state")


def test_preview_page_shows_pages_then_an_error_then_recovers(tmp_path, issue, browser, sample_build):  # noqa: F811
    pages = len(sample_build.document.pages)
    out = tmp_path / "out.pdf"
    proc, url = start_watch(issue, "-o", str(out))
    try:
        browser.get(url)
        shown = wait_for(browser, f"{pages} page images", lambda d: all_pages_shown(d, [1] * pages))
        assert state(browser) == "ok"
        assert browser.find_elements("css selector", "#diagnostics li.error") == []
        # readable: an A4 page (210 mm) at least MIN_DPI pixels per inch
        assert min(width for *_, width, _ in shown) >= 210 / 25.4 * MIN_DPI
        assert [f.text for f in browser.find_elements("css selector", "#pages figcaption")] == \
            [str(n) for n in range(1, pages + 1)]
        good = out.read_bytes()

        line = break_date(issue)
        wait_for(browser, "the error", lambda d: state(d) == "error")
        errors = [li.text for li in browser.find_elements("css selector", "#diagnostics li.error")]
        assert any(f"{issue.name}:{line}" in text and "datum" in text for text in errors), errors
        assert "last good build" in browser.find_element("id", "status").text
        assert all_pages_shown(browser, [1] * pages), "the last good pages stay on the page"
        # the page's image elements, marked: redrawn in place, they stay the same elements
        browser.execute_script("document.querySelectorAll('#pages img').forEach(i => i.dataset.mark = 'kept')")
        assert out.read_bytes() == good, "the last good PDF stays on disk"

        issue.write_text(issue.read_text(encoding="utf-8").replace("\ndatum:", "\ndate:", 1), encoding="utf-8")
        new_text = edit_one_paragraph(issue, "改")
        wait_for(browser, "the recovery", lambda d: state(d) == "ok"
                 and d.find_elements("css selector", "#diagnostics li.error") == [])
        # the fix and the edit are two saves, maybe two builds: wait for the edit's PDF, then
        # for the pages of whatever build the page shows last
        wait_for(browser, "a build with the edit", lambda d: new_text[:12] in pdf_text(out))
        wait_for(browser, "the new pages", lambda d: state(d) == "ok"
                 and int(d.execute_script("return shownVersion")) == status(url)["pdf_version"]
                 and all_pages_shown(d, status(url)["page_versions"]))
        versions = status(url)["page_versions"]
        assert int(browser.execute_script("return shownVersion")) >= 3
        # only the pages the edit changed were loaded again; the others show the first build's
        assert 1 in versions and max(versions) >= 3, versions
        assert browser.execute_script(
            "return Array.from(document.querySelectorAll('#pages img')).map(i => i.dataset.mark)") == ["kept"] * pages
        assert "built" in browser.find_element("id", "status").text
        assert out.read_bytes() != good
        if os.environ.get("BULLETIN_PDF_SCREENSHOT"):
            browser.save_screenshot(os.environ["BULLETIN_PDF_SCREENSHOT"])
    finally:
        code, rest = stop_watch(proc)
    assert code == 0, rest


CACHED_IMAGES = """
const done = arguments[arguments.length - 1];
(async () => {
  const out = [];
  for (const img of document.querySelectorAll('#pages img')) {
    const bytes = new Uint8Array(await (await fetch(img.getAttribute('src'))).arrayBuffer());
    out.push([img.getAttribute('src'), Array.from(bytes)]);
  }
  done(out);
})();
"""


def test_a_watch_started_again_on_the_same_port_shows_its_own_pages(tmp_path, issue, browser):  # noqa: F811
    """`watch` stopped, the issue edited, `watch` started again on the same port: the open page
    shows the new process's pages. Its builds count from 1 again, so its pages' addresses were
    the old process's, whose images the browser keeps (immutable): page/1/N.png showed the old
    page N, and the page, seeing the same build and version, drew nothing new."""
    import urllib.request

    out = tmp_path / "out.pdf"
    proc, url = start_watch(issue, "-o", str(out))
    try:
        browser.get(url)
        pages = status(url)["pages"]
        wait_for(browser, f"{pages} page images", lambda d: all_pages_shown(d, [1] * pages))
    finally:
        stop_watch(proc)
    edit_one_paragraph(issue, "新新新新")
    port = url.rstrip("/").rsplit(":", 1)[1]
    proc, again = start_watch(issue, "-o", str(out), "--port", port)
    try:
        assert again == url
        now = status(url)
        wait_for(browser, "the new process's pages", lambda d: state(d) == "ok" and all_pages_shown(d, now["page_versions"])
                 and all(src.endswith(now.get("session", "")) for src, *_ in d.execute_script(SHOWN_PAGES)))
        for src, shown in browser.execute_async_script(CACHED_IMAGES):
            with urllib.request.urlopen(url + src, timeout=30) as response:
                assert bytes(shown) == response.read(), f"{src} shows an image of the process before"
    finally:
        code, rest = stop_watch(proc)
    assert code == 0, rest
