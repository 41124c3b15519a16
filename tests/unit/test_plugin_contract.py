"""Every hook of the contract is documented for plugin authors and exercised by a test."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from core import hookspecs

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("agentur_"))


def test_there_are_hooks() -> None:
    assert {"agentur_partner", "agentur_biography_fields"} <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring_and_is_documented(hook: str) -> None:
    assert (getattr(hookspecs, hook).__doc__ or "").strip(), f"{hook} has no docstring"
    assert f"### `{hook}(" in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_exercised_by_a_test(hook: str) -> None:
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if p.name != "test_plugin_contract.py"]
    assert any(hook in p.read_text(encoding="utf-8") for p in tests), f"no test mentions {hook}"
