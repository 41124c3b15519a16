"""Debian's Chromium driven by Playwright (never a downloaded browser), axe-core checks, screenshots as artefacts."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = (
    Path(os.environ.get("AGENTUR_TEST_ARTIFACTS", Path(__file__).resolve().parents[1] / "artifacts")) / "browser"
)
CHROMIUM_ARGS = [
    # As root in a container Chromium needs --no-sandbox; the rest keep it off the (closed) network.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEVERE = {"serious", "critical"}


def require_browser() -> None:
    """Skip (locally) or fail (CI) without Debian's chromium and the Playwright driver."""
    missing = []
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMIUM)):
        missing.append(f"Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the Python packages playwright and axe-playwright-python (pip install -e '.[test]')")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if IN_CI:
            pytest.fail(reason + " — under CI=true they are mandatory")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def severe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results.response["violations"]
        if v.get("impact") in SEVERE
    ]


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
