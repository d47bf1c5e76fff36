"""The format registry: one module and one registry line make a new output format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportkit import formats
from reportkit.cli import main

from .conftest import REAL_SOURCE


@pytest.fixture
def txt_writer() -> Iterator[formats.Writer]:
    writer = formats.Writer("txt", ".txt", "text/plain", "tests.plain_text_writer", "plain text")
    formats.register_writer(writer)
    yield writer
    del formats.WRITERS["txt"]


def test_a_registered_writer_builds_through_the_cli(
    tmp_path: Path, txt_writer: formats.Writer
) -> None:
    result = CliRunner().invoke(
        main,
        ["build", "--format", "txt", "--source", str(REAL_SOURCE), "--output-dir", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "torikumi-jirei.txt").read_text(encoding="utf-8")
    assert text.startswith("自治体における様々な取組事例\n")
    assert "1-1-1 " in text and "【鳥羽市】" in text
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"]["torikumi-jirei.txt"]["format"] == "txt"


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--format", "txt", "--output-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "'txt' is not one of" in result.output
    assert list(tmp_path.iterdir()) == []


def test_settings_refuse_a_format_nobody_registered(tmp_path: Path) -> None:
    settings = tmp_path / "reportkit.toml"
    settings.write_text(
        '[[meeting]]\nid = "m"\nname = "会議"\nformats = ["odt"]\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", "--settings", str(settings)])
    assert result.exit_code == 1
    assert f"{settings}:4:" in result.output and "unknown format odt" in result.output


def test_every_registered_writer_declares_a_suffix_and_its_libraries() -> None:
    for writer in formats.WRITERS.values():
        assert writer.suffix == f".{writer.name}"
        assert writer.media_type and writer.title
    assert set(formats.libraries()) >= {"reportlab", "python-docx", "openpyxl", "pydantic"}


def test_readers_are_chosen_by_suffix() -> None:
    assert formats.reader_for(Path("a.JSON")).name == "json"
    assert formats.reader_for(Path("a.md")).name == "md"
