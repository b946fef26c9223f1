"""Headless Chromium for tests of generated pages (dataset page, pipeline report).

Use the ``browser`` fixture (register it in a conftest with
``from tests.browser import browser  # noqa: F401``), then::

    @pytest.mark.browser
    def test_page(browser, tmp_path):
        view = browser.open(tmp_path / "index.html")
        assert "My dataset" in view.text()
        assert view.requests() == []          # nothing but the page itself was loaded
        assert view.console_errors() == []    # no script error, no CSP violation
        view.screenshot("my-page")            # tests/artifacts/my-page.png

Chromium is driven by Selenium through the Debian ``chromium``/``chromium-driver``
binaries (never downloaded: Selenium Manager is not used). Where either is missing the
fixture skips with the reason; under ``CROISSANT_TOOLS_REQUIRE_EXTRAS=1`` (CI) it fails.
Override the binaries with ``CROISSANT_TOOLS_CHROMIUM`` / ``CROISSANT_TOOLS_CHROMEDRIVER``.

Network requests are read from Chromium's DevTools performance log
(``Network.requestWillBeSent``) for the page load and anything the page does after it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT, REQUIRE_EXTRAS, needs

ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> tuple[str, str] | str:
    """``(browser, driver)`` paths, or the reason they cannot be used."""
    browser = os.environ.get("CROISSANT_TOOLS_CHROMIUM") or next(
        (found for name in _BROWSERS if (found := shutil.which(name))), None
    )
    driver = os.environ.get("CROISSANT_TOOLS_CHROMEDRIVER") or shutil.which("chromedriver")
    if not browser:
        return (
            "headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)"
        )
    if not driver:
        return "chromedriver is not installed (Debian: apt-get install chromium-driver)"
    return browser, driver


class PageView:
    """One loaded page: DOM queries, network requests since loading, console, screenshots."""

    def __init__(self, driver: Any, url: str, events: list[dict[str, Any]]):
        self.driver = driver
        self.url = url
        self._events = events

    def _drain(self) -> None:
        for entry in self.driver.get_log("performance"):
            self._events.append(json.loads(entry["message"])["message"])

    def js(self, script: str, *args: Any) -> Any:
        """Run ``script`` (a function body; use ``return``) in the page."""
        return self.driver.execute_script(script, *args)

    def text(self) -> str:
        """The rendered text of the page (``document.body.innerText``)."""
        return str(self.js("return document.body.innerText"))

    def requests(self) -> list[str]:
        """URLs the page requested, apart from the page itself (and ``data:``/``blob:``)."""
        self._drain()
        urls = []
        for event in self._events:
            if event.get("method") != "Network.requestWillBeSent":
                continue
            url = event["params"]["request"]["url"]
            if url != self.url and not url.startswith(("data:", "blob:")):
                urls.append(url)
        return urls

    def console_errors(self) -> list[str]:
        """Console messages of level SEVERE (script errors, CSP violations, failed loads)."""
        return [
            entry["message"]
            for entry in self.driver.get_log("browser")
            if entry["level"] == "SEVERE"
        ]

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        """Write ``tests/artifacts/<name>.png`` (the whole page by default) and return it."""
        import base64

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page}
        )
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


class Browser:
    """A running headless Chromium; :meth:`open` loads a local file."""

    def __init__(self, driver: Any):
        self.driver = driver

    def open(self, path: Path, *, timeout: float = 20.0) -> PageView:
        """Load ``path`` and wait until the document (and its scripts) finished loading."""
        self.driver.get("about:blank")
        self.driver.get_log("performance")  # forget the browser's own start-up traffic
        self.driver.get_log("browser")
        url = path.resolve().as_uri()
        self.driver.get(url)
        deadline = time.monotonic() + timeout
        while self.driver.execute_script("return document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not finish loading in {timeout} s")
            time.sleep(0.05)
        return PageView(self.driver, url, [])


def start(width: int = 1280, height: int = 900) -> Browser:
    """Start Chromium (skips or fails the test if it is unavailable)."""
    webdriver = needs("selenium.webdriver")
    service_module = needs("selenium.webdriver.chrome.service")
    found = find_chromium()
    if isinstance(found, str):
        if REQUIRE_EXTRAS:
            pytest.fail(f"{found} (CROISSANT_TOOLS_REQUIRE_EXTRAS=1)")
        pytest.skip(found)
    binary, driver_path = found
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='ct-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = service_module.Service(executable_path=driver_path)
    return Browser(webdriver.Chrome(options=options, service=service))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    running = start()
    try:
        yield running
    finally:
        running.driver.quit()
