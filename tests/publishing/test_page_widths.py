"""The dataset page at a desktop and a phone width, in headless Chromium (issue 12).

The page of an ImageFolder (thumbnails, splits, a join) and of the Hugging Face example
(enumeration, samples) is opened at 1280 and 390 CSS pixels: nothing overflows the
window sideways (wide tables scroll inside their box), ids and types never break inside
a word, thumbnails are decoded images, the "Load it" copy buttons work, and nothing is
fetched. Screenshots: ``tests/artifacts/publish-<example>-<width>.png``.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

import croissant_tools as ct
from tests.browser import Browser, PageView
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser
EXAMPLES = REPO_ROOT / "examples"


def at_width(browser: Browser, page: Path, width: int) -> PageView:
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    return browser.open(page)


@pytest.fixture
def reset_width(browser: Browser):  # type: ignore[no-untyped-def]
    yield
    browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("example", ["digits_images", "cancer_hf"])
@pytest.mark.parametrize("width", [1280, 390])
def test_page_at_two_widths(
    browser: Browser, reset_width: None, tmp_path: Path, example: str, width: int
) -> None:
    data = tmp_path / example
    shutil.copytree(EXAMPLES / example, data)
    page = ct.publish(data / "croissant.json", tmp_path / "site")
    view = at_width(browser, page, width)
    assert view.js("return document.documentElement.clientWidth") == width
    assert view.js("return document.documentElement.scrollWidth") <= width
    wrapped_types = view.js(
        "return [...document.querySelectorAll('td code.nowrap')]"
        ".filter(c => c.getClientRects().length > 1).map(c => c.textContent)"
    )
    assert wrapped_types == []
    split_words = view.js(  # an id may wrap only after a '/', never inside a part
        "return [...document.querySelectorAll('code.ident')]"
        ".filter(c => c.getClientRects().length > c.textContent.split('/').length)"
        ".map(c => c.textContent)"
    )
    assert split_words == []
    images = view.js(
        "return [...document.querySelectorAll('td img')].map(i => [i.complete, i.naturalWidth])"
    )
    if example == "digits_images":
        assert len(images) == 5 and all(ok and w > 0 for ok, w in images)
    assert view.js("return document.querySelectorAll('#load pre').length") == 4
    assert view.requests() == []
    assert view.console_errors() == []
    view.screenshot(f"publish-{example}-{width}")


def test_load_it_copy_button(browser: Browser, tmp_path: Path) -> None:
    data = tmp_path / "digits"
    shutil.copytree(EXAMPLES / "digits_images", data)
    view = browser.open(ct.publish(data / "croissant.json", tmp_path / "site"))
    button = view.driver.find_element("css selector", "#load button[data-copy='load-1']")
    button.click()
    deadline = time.monotonic() + 5
    while button.get_attribute("data-result") is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert button.get_attribute("data-result") in ("Copied", "Press Ctrl+C")
    code = view.js("return document.getElementById('load-1').textContent")
    assert code.startswith("import croissant_tools as ct") and "split='train'" in code
