"""Shared fixtures: the real source, its resolved model, a reproducible view."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reportkit.model import Document
from reportkit.view import Meeting, View

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
        needs(f"{', '.join(missing)} (installed by .ci/run)")


def needs(what: str) -> None:
    """Stop a test whose prerequisite is missing: a skip on a dev machine, a failure in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"needs {what}: CI installs it, so this test must run there")
    pytest.skip(f"needs {what}")


# Every test builds with a fixed SOURCE_DATE_EPOCH unless it changes it (monkeypatch).
os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user cache of every test (and of the processes it starts): never the real one."""
    directory = tmp_path_factory.mktemp("cache")
    before = os.environ.get("REPORTKIT_CACHE_DIR")
    os.environ["REPORTKIT_CACHE_DIR"] = str(directory)
    yield directory
    if before is None:
        os.environ.pop("REPORTKIT_CACHE_DIR", None)
    else:
        os.environ["REPORTKIT_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def real_document() -> Document:
    """The real source as read (actors not resolved)."""
    from reportkit.readers import read

    return read(REAL_SOURCE)


@pytest.fixture(scope="session")
def real_view() -> View:
    """The real source, resolved, as a division-chief meeting handout (資料3)."""
    from reportkit.building.plan import make_view
    from reportkit.source import load

    return make_view(
        load(REAL_SOURCE),
        REAL_SOURCE,
        meeting=Meeting(
            name="主管課長会議",
            number="資料3",
            date=date(2026, 11, 26),
            organisation="厚生労働省社会・援護局地域福祉課生活困窮者自立支援室",
        ),
    )


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``reportkit ARGS`` in a fresh process, as a user would (``env``: the whole environment)."""
    return subprocess.run(
        [sys.executable, "-m", "reportkit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )


def libreoffice_pdf_text(document: Path) -> str:
    """Convert ``document`` with LibreOffice headless (private profile) and return its text.

    Fails the test when LibreOffice exits non-zero or writes no PDF.
    """
    work = document.parent
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdf = document.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    assert pdf.stat().st_size > 10_000, "LibreOffice wrote an empty PDF"
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
