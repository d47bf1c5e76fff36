"""The quick no-op: tell that nothing changed from the raw inputs, before reading the model.

A build records, in its manifest, a *request key* and the outputs the request made
(``requests``). The key hashes everything those outputs depend on, as bytes or names,
without parsing the source or importing Pydantic or a writer library:

- the request: the command-line options that shape outputs, the working directory;
- the bytes of the settings file, the source and the block scheme file;
- the source's timestamp inputs (SOURCE_DATE_EPOCH, else git's commit time or the mtime);
- reportkit's version and its code and data files (path, size, modification time);
- Python's version and the installed versions of the libraries that shape outputs;
- the fonts' fingerprint (the font files a handout could use, as the build hashes them).

When the key is recorded and every output it made is still in place with the recorded
SHA-256, nothing can have changed and the build stops there. Any doubt (a file that
cannot be read, a settings file that does not parse) means "not sure": the full build
then decides as before, from the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from reportkit import __version__, formats
from reportkit.meetings import DEFAULT_OUTPUT_DIR, DEFAULT_SOURCE, SETTINGS_FILE
from reportkit.schema_files import schema_dir
from reportkit.timestamp import source_epoch

MANIFEST = "manifest.json"  # as reportkit.building.publish writes it
SECTION = "requests"
KEPT = 16  # request keys a manifest remembers
_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = (".py", ".tsv", ".toml", ".json")


class Recorded(NamedTuple):
    """One output a request made, as its manifest records it."""

    name: str
    path: Path
    fmt: str
    meeting: str | None
    sha256: str
    size: int


class Request(NamedTuple):
    """A build request's key and the output directory whose manifest may know it."""

    key: str
    directory: Path


def code_files() -> Iterator[str]:
    """``path:size:mtime`` of reportkit's code and data files, and of ``schema/``."""
    yield from _stats(_PACKAGE)
    yield from _stats(schema_dir())


def _stats(root: Path) -> Iterator[str]:
    """``path:size:mtime`` of every code or data file under ``root``, sorted."""
    found = []
    for folder, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in files:
            if name.endswith(_CODE_SUFFIXES):
                stat = os.stat(os.path.join(folder, name))
                found.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return iter(sorted(found))


def installed_versions(names: tuple[str, ...]) -> dict[str, str]:
    """Versions of installed distributions, read from the names of their ``.dist-info``
    directories on ``sys.path`` (what importlib.metadata reads, without importing it)."""
    wanted = {re.sub(r"[-_.]+", "_", name).lower(): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if not item.endswith(".dist-info"):
                continue
            project, _, version = item[: -len(".dist-info")].partition("-")
            name = wanted.get(re.sub(r"[-_.]+", "_", project).lower())
            if name is not None and name not in found:
                found[name] = version
    return {name: found.get(name, "missing") for name in names}


def _settings(path: Path | None) -> tuple[Path | None, dict[str, Any]]:
    """The settings file in force (as :func:`load_settings` finds it) and its raw data."""
    if path is None:
        if not Path(SETTINGS_FILE).is_file():
            return None, {}
        path = Path(SETTINGS_FILE)
    _regular(path)
    with open(path, "rb") as handle:
        return path, tomllib.load(handle)


def _regular(path: Path) -> None:
    """Only a regular file is hashed here; anything else is left to the full build's errors."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise ValueError(f"{path} is not a regular file")


def _path(given: object, data: Mapping[str, Any], key: str, base: Path, default: str) -> Path:
    if isinstance(given, Path):
        return given
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key} is not a path")
    return base / value


def _digest(path: Path | None) -> str:
    if path is None:
        return "-"
    _regular(path)
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class _Fonts(NamedTuple):
    """The font choices of the settings, as :func:`font_files.inventory` reads them."""

    pdf_body: Path | None
    pdf_heading: Path | None


def _fonts(data: Mapping[str, Any], base: Path, font: object) -> _Fonts:
    table = data.get("fonts") or {}
    chosen = {
        key: base / table[key] if key in table else None for key in ("pdf_body", "pdf_heading")
    }
    if isinstance(font, Path):
        chosen["pdf_body"] = font
    return _Fonts(**chosen)


def request(options: Mapping[str, object]) -> Request | None:
    """The key of a build request (the build command's options), or None when unsure.

    ``options`` holds ``settings_path``, ``source``, ``output_dir``, ``blocks``, ``font``
    and every other option that shapes the outputs.
    """
    try:
        settings, data = _settings(_given(options, "settings_path"))
        base = settings.parent if settings else Path()
        source = _path(options.get("source"), data, "source", base, DEFAULT_SOURCE)
        directory = _path(options.get("output_dir"), data, "output_dir", base, DEFAULT_OUTPUT_DIR)
        blocks = _given(options, "blocks")
        if blocks is None and isinstance(data.get("blocks"), str):
            blocks = base / data["blocks"]
        digest = hashlib.sha256()
        for part in _parts(
            options, settings, source, blocks, _fonts(data, base, options.get("font"))
        ):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    except (OSError, ValueError, TypeError, tomllib.TOMLDecodeError):
        return None
    return Request(digest.hexdigest(), directory)


def _given(options: Mapping[str, object], key: str) -> Path | None:
    value = options.get(key)
    return value if isinstance(value, Path) else None


def _parts(
    options: Mapping[str, object],
    settings: Path | None,
    source: Path,
    blocks: Path | None,
    fonts: _Fonts,
) -> Iterator[str]:
    yield json.dumps(options, sort_keys=True, default=str, ensure_ascii=False)
    yield os.getcwd()
    yield f"settings {settings} {_digest(settings)}"
    yield f"source {source} {_digest(source)} {source_epoch(source)}"
    yield f"blocks {blocks} {_digest(blocks)}"
    yield f"reportkit {__version__} python {sys.version}"
    yield json.dumps(installed_versions(formats.libraries()), sort_keys=True)
    yield from code_files()
    for writer in formats.WRITERS.values():
        # duck-typed: a fingerprint reads only the fonts' pdf_body and pdf_heading
        yield f"{writer.name} {writer.extra_inputs(fonts)}"  # type: ignore[arg-type]


def _manifest(directory: Path) -> dict[str, Any]:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged(found: Request) -> tuple[list[Recorded], list[str], list[str]] | None:
    """The outputs, notes and warnings ``found`` made, when all are in place unchanged."""
    manifest = _manifest(found.directory)
    entry = (manifest.get(SECTION) or {}).get(found.key)
    outputs = manifest.get("outputs") or {}
    if not isinstance(entry, dict) or not isinstance(outputs, dict):
        return None
    recorded = []
    try:
        for name, sha in entry["outputs"]:
            about = outputs[name]
            path = found.directory / name
            if about["sha256"] != sha or _digest(path) != sha:
                return None
            recorded.append(
                Recorded(name, path, about["format"], about["meeting"], sha, about["size"])
            )
        notes = [str(note) for note in entry.get("notes", [])]
        warnings = [str(warning) for warning in entry.get("warnings", [])]
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return recorded, notes, warnings


def remember(
    old: Mapping[str, Any],
    outputs: Mapping[str, Any],
    key: str | None,
    made: list[tuple[str, str]],
    notes: list[str],
    warnings: list[str],
) -> dict[str, Any]:
    """The manifest's ``requests``: this request's outputs (name, sha256), notes and lint
    warnings, and
    the earlier requests whose outputs are all still the ones in ``outputs`` (at most 16).

    ``key`` None (a request the quick check could not key) records no new request.
    """

    def current(entry: Any) -> bool:
        try:
            return all(outputs[name]["sha256"] == sha for name, sha in entry["outputs"])
        except (KeyError, TypeError, ValueError):
            return False

    earlier = [(k, v) for k, v in (old.get(SECTION) or {}).items() if k != key and current(v)][
        -(KEPT - 1) :
    ]
    if key is None:
        return dict(earlier)
    made_here = {"outputs": [list(pair) for pair in made], "notes": notes, "warnings": warnings}
    return dict([*earlier, (key, made_here)])
