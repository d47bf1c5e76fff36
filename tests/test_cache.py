"""The user cache and the parsed fonts kept in it: same PDF with and without it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from reportkit import cache
from reportkit.view import Fonts
from reportkit.writers.pdf import font_cache
from reportkit.writers.pdf.fonts import find_fonts

from .conftest import REAL_SOURCE, ROOT, needs

HOME = Path("/home/someone")


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"REPORTKIT_CACHE_DIR": "/tmp/rk"}, "linux", Path("/tmp/rk")),
        ({"REPORTKIT_CACHE_DIR": "/tmp/rk", "XDG_CACHE_HOME": "/x"}, "darwin", Path("/tmp/rk")),
        ({}, "linux", HOME / ".cache" / "reportkit"),
        ({"XDG_CACHE_HOME": "/var/cache/me"}, "linux", Path("/var/cache/me/reportkit")),
        # the XDG specification: a relative path is invalid and ignored
        ({"XDG_CACHE_HOME": "relative"}, "linux", HOME / ".cache" / "reportkit"),
        ({"XDG_CACHE_HOME": "/var/cache/me"}, "freebsd14", Path("/var/cache/me/reportkit")),
        ({}, "darwin", HOME / "Library" / "Caches" / "reportkit"),
        ({"LOCALAPPDATA": "C:/Users/a/AppData/Local"}, "win32",
         Path("C:/Users/a/AppData/Local/reportkit/Cache")),
        ({}, "win32", HOME / "AppData" / "Local" / "reportkit" / "Cache"),
    ],
)  # fmt: skip
def test_cache_directory_per_platform(
    environ: dict[str, str], platform: str, expected: Path
) -> None:
    assert cache.default_directory(environ, platform, HOME) == expected


def test_tests_never_use_the_real_cache(private_cache: Path) -> None:
    assert cache.directory() == private_cache
    assert not cache.directory().is_relative_to(Path.home() / ".cache")


def test_an_entry_reads_back_and_a_damaged_one_reads_as_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path))
    cache.write("a/b.bin", b"\x00payload\n\xff")
    assert cache.read("a/b.bin") == b"\x00payload\n\xff"
    assert cache.read("a/missing.bin") is None
    path = tmp_path / "a" / "b.bin"
    path.write_bytes(path.read_bytes()[:-1])  # truncated
    assert cache.read("a/b.bin") is None
    assert "corrupt cache file" in caplog.text and str(path) in caplog.text


def test_a_disabled_cache_neither_reads_nor_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "c"))
    cache.write("x.bin", b"1")
    cache.use(False)
    try:
        assert cache.read("x.bin") is None
        cache.write("y.bin", b"2")
    finally:
        cache.use(True)
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["x.bin"]


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(blocker))
    cache.write("fonts/x.bin", b"1")  # no exception
    assert cache.read("fonts/x.bin") is None


# -- fonts ---------------------------------------------------------------------------------
def _font_files() -> list[Path]:
    chosen = find_fonts(Fonts())
    files = {
        face.path.resolve() for face in (chosen.body, chosen.heading, chosen.strong) if face.path
    }
    if not files:
        needs("a Japanese TrueType font (fonts-morisawa-bizud-* or fonts-ipaexfont)")
    return sorted(files)


def test_a_face_from_the_cache_is_the_face_reportlab_parses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _font_files()[0]
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path))
    fresh = TTFont("fresh", str(path))
    font_cache.load_font("first", path, 0)  # parses and stores
    assert len(list((tmp_path / "fonts").glob("*.marshal"))) == 1
    cached = font_cache.load_font("cached", path, 0)
    assert type(cached.face) is type(fresh.face)
    assert sorted(vars(cached)) == sorted(vars(fresh))
    skip = {"fontName", "face", "state", "encoding"}
    assert {k: v for k, v in vars(cached).items() if k not in skip} == {
        k: v for k, v in vars(fresh).items() if k not in skip
    }
    ours, theirs = vars(cached.face), vars(fresh.face)
    assert sorted(ours) == sorted(theirs)
    assert bytes(ours["_ttf_data"]) == theirs["_ttf_data"]  # mapped, not read
    for key in sorted(set(ours) - {"_pdfScale", "_pos", "_ttf_data"}):
        assert ours[key] == theirs[key], key
        assert type(ours[key]) is type(theirs[key]), key
    assert cached.face.name.ustr == fresh.face.name.ustr
    for units in (0, 1, 777, 2048, 65535):
        assert cached.face._pdfScale(units) == fresh.face._pdfScale(units)
    text = "生活困窮者自立支援制度の取組事例ABC（１２３）"
    assert cached.stringWidth(text, 10.5) == fresh.stringWidth(text, 10.5)


def test_entry_is_keyed_by_content_and_reportlab_version() -> None:
    import reportlab

    name = font_cache.entry_name("ab" * 32, 2)
    assert name.startswith("fonts/" + "ab" * 32 + f"-2-reportlab{reportlab.Version}-py")
    assert font_cache.entry_name("ab" * 32, 0) != name


def test_a_font_file_replaced_in_place_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _font_files()
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = Path("/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf")
    second = Path("/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf")
    if not (first.is_file() and second.is_file()):
        needs(f"BIZ UD fonts (found {files})")
    font = tmp_path / "font.ttf"
    font.write_bytes(first.read_bytes())
    assert font_cache.load_font("a", font, 0).face.name == TTFont("x", str(first)).face.name
    font.write_bytes(second.read_bytes())  # same path, other content
    assert font_cache.load_font("b", font, 0).face.name == TTFont("y", str(second)).face.name
    digests = {p.name.split("-")[0] for p in (tmp_path / "cache" / "fonts").glob("*.marshal")}
    assert digests == {hashlib.sha256(f.read_bytes()).hexdigest() for f in (first, second)}


def _command(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "reportkit", "build", "--format", "pdf", "--source",
            str(REAL_SOURCE), "--output-dir", str(out), "--force", *extra]  # fmt: skip


def _build(out: Path, cache_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"REPORTKIT_CACHE_DIR": str(cache_dir)}
    return subprocess.run(
        _command(out, *extra), cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def _pdf(out: Path) -> bytes:
    return (out / f"{REAL_SOURCE.stem}.pdf").read_bytes()


def test_pdf_is_byte_identical_without_with_a_cold_and_with_a_warm_cache(tmp_path: Path) -> None:
    files = _font_files()
    store = tmp_path / "cache"
    runs = [("none", "--no-cache"), ("cold",), ("warm",)]
    for name, *extra in runs:
        done = _build(tmp_path / name, store, *extra)
        assert done.returncode == 0, done.stderr
        assert "cache file" not in done.stderr
        if name == "none":
            assert not store.exists(), "--no-cache wrote the cache"
    assert _pdf(tmp_path / "none") == _pdf(tmp_path / "cold") == _pdf(tmp_path / "warm")
    entries = sorted(p.name for p in (store / "fonts").glob("*.marshal"))
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    assert len(entries) == len(files)
    assert {entry.split("-")[0] for entry in entries} == digests


def test_a_corrupt_entry_is_ignored_with_a_warning_and_rebuilt(tmp_path: Path) -> None:
    _font_files()
    store = tmp_path / "cache"
    assert _build(tmp_path / "first", store).returncode == 0
    damaged = sorted((store / "fonts").glob("*.marshal"))[0]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    done = _build(tmp_path / "second", store)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"ignoring the corrupt cache file {damaged}" in done.stderr
    assert _pdf(tmp_path / "second") == _pdf(tmp_path / "first")
    again = _build(tmp_path / "third", store)
    assert again.returncode == 0 and "corrupt cache" not in again.stderr  # rewritten whole
    assert _pdf(tmp_path / "third") == _pdf(tmp_path / "first")


def test_two_builds_at_once_fill_one_cold_cache(tmp_path: Path) -> None:
    _font_files()
    store = tmp_path / "cache"
    env = os.environ | {"REPORTKIT_CACHE_DIR": str(store)}
    running = [
        subprocess.Popen(
            _command(tmp_path / name),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for process in running:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        assert "corrupt cache" not in stderr
    assert _pdf(tmp_path / "a") == _pdf(tmp_path / "b")
    assert not [p for p in (store / "fonts").rglob(".*")]
    done = _build(tmp_path / "c", store)
    assert done.returncode == 0 and "corrupt cache" not in done.stderr
    assert _pdf(tmp_path / "c") == _pdf(tmp_path / "a")
