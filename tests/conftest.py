"""Shared fixtures: the real source, its resolved model, a reproducible view."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportkit.model import Document

ROOT = Path(__file__).resolve().parent.parent
REAL_SOURCE = ROOT / "source" / "torikumi-jirei.md"
EPOCH = 1_795_651_200  # 2026-11-26 00:00 UTC (令和8年11月26日 in Japan)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "tools(*names): needs these programs; skipped where missing, but fails when CI is set",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("tools"):
        missing = [name for name in marker.args if shutil.which(name) is None]
        if not missing:
            continue
        message = f"needs {', '.join(missing)} (installed by .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run this test")
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test builds with a fixed SOURCE_DATE_EPOCH unless it changes it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


@pytest.fixture(scope="session")
def real_document() -> Document:
    """The real source as read (actors not resolved)."""
    from reportkit.readers import read

    return read(REAL_SOURCE)
