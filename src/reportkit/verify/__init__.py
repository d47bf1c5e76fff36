"""``reportkit verify``: read every output back and check it holds what the source says.

Each format's check is one module beside its writer's registration (``Writer.check`` in
:mod:`reportkit.formats`): it reads the bytes with a library independent of the writer
(pypdf, python-docx, openpyxl) into a :class:`~.facts.Reading`, which :mod:`.facts`
compares with the model: case numbers, texts, emphasis, attributions, and the counts per
section and topic, block and local government. The first disagreement raises
:class:`~.facts.VerifyError` naming its place in the output and in the source.

:func:`check_output` checks bytes against a view (the build does it before publishing);
:func:`check_directory` checks a built directory against its manifest: the source it
names, reloaded, and the meetings of the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportkit import formats
from reportkit.verify.facts import Compared, Expected, VerifyError
from reportkit.view import View

__all__ = [
    "Compared",
    "VerifyError",
    "check_directory",
    "check_output",
    "check_rendered",
    "table",
]

COLUMNS = ("file", "cases", "texts", "emphasis", "attributions", "topics", "blocks", "governments")


class Checker:
    """Checks outputs against views, computing each view's expectations once."""

    def __init__(self) -> None:
        self._expected: dict[int, tuple[View, Expected]] = {}

    def expected(self, view: View) -> Expected:
        found = self._expected.get(id(view))
        if found is None:
            found = self._expected[id(view)] = (view, Expected(view))
        return found[1]

    def check(self, fmt: str, data: bytes, name: str, view: View) -> Compared | None:
        """What was compared in one output; None when its format has no check."""
        from reportkit.verify.facts import compare

        try:
            reading = formats.get_writer(fmt).read_back(data, name)
        except VerifyError:
            raise
        except Exception as exc:  # an output its reader cannot read is a disagreement too
            raise VerifyError(f"{name}: cannot be read back as {fmt}: {exc}") from exc
        if reading is None:
            return None
        return compare(self.expected(view), reading)


def check_output(fmt: str, data: bytes, name: str, view: View) -> Compared | None:
    """Check one output's bytes against the view it was made from."""
    return Checker().check(fmt, data, name, view)


def check_rendered(rendered: list[tuple[str, bytes, str, View]]) -> list[Compared]:
    """Check outputs a build is about to publish: (format, bytes, file name, view) each.

    Raises BuildError naming the output and the disagreement; nothing is written then.
    """
    from reportkit.errors import BuildError

    checker = Checker()
    rows: list[Compared] = []
    for fmt, data, name, view in rendered:
        try:
            row = checker.check(fmt, data, name, view)
        except VerifyError as exc:
            raise BuildError(
                f"read back, it does not hold what the source says:\n{exc}\n"
                "  hint: this is a bug of reportkit's writer; --no-verify publishes anyway",
                fmt,
            ) from None
        if row is not None:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class Output:
    """One output the manifest lists."""

    path: Path
    fmt: str
    meeting: str | None
    entry: dict[str, Any]


def _outputs(directory: Path, manifest: dict[str, Any]) -> list[Output]:
    outputs = manifest.get("outputs") or {}
    if not isinstance(outputs, dict) or not outputs:
        raise VerifyError(
            f"{directory}: no outputs recorded (manifest.json missing or empty)\n"
            "  hint: run 'reportkit build' first"
        )
    return [
        Output(directory / name, str(entry.get("format")), entry.get("meeting"), entry)
        for name, entry in sorted(outputs.items())
        if isinstance(entry, dict)
    ]


def check_directory(
    directory: Path,
    settings: Path | None = None,
    blocks: Path | None = None,
    report: Callable[[Compared | Output], None] = lambda row: None,
) -> list[Compared]:
    """Check every output of ``directory``'s manifest; ``report`` sees each row as made."""
    from reportkit.building.plan import make_view
    from reportkit.building.publish import file_sha256, read_manifest
    from reportkit.meetings.settings import load_settings
    from reportkit.places.blocks import BlockScheme
    from reportkit.source import load
    from reportkit.view import Meeting

    outputs = _outputs(directory, read_manifest(directory))
    file = load_settings(settings)
    source = Path(str((outputs[0].entry.get("source") or {}).get("path") or ""))
    if not source.is_file():
        raise VerifyError(
            f"{directory}/manifest.json: the source {source} it names is not there\n"
            "  hint: run reportkit verify where the build ran"
        )
    scheme = BlockScheme.load(blocks or file.settings.blocks)
    document = load(source, scheme)
    views: dict[str | None, View] = {}
    checker = Checker()
    rows: list[Compared] = []
    current = file_sha256(source)
    for output in outputs:
        _fresh(output, source, current)
        data = _data(output)
        if output.meeting not in views:
            meeting = file.settings.find(output.meeting) if output.meeting else Meeting()
            views[output.meeting] = make_view(document, source, scheme, meeting, settings=file)
        try:
            row = checker.check(output.fmt, data, str(output.path), views[output.meeting])
        except VerifyError as exc:
            raise VerifyError(f"{exc}{_replaced(output, data)}") from None
        if row is None:
            report(output)
            continue
        _unchanged(output, data)
        rows.append(row)
        report(row)
    return rows


def _data(output: Output) -> bytes:
    try:
        return output.path.read_bytes()
    except OSError as exc:
        raise VerifyError(f"{output.path}: listed in manifest.json but unreadable: {exc}") from None


def _fresh(output: Output, source: Path, current: str | None) -> None:
    """An output built from an older source is stale, whatever it holds."""
    built = (output.entry.get("source") or {}).get("sha256")
    if built != current:
        raise VerifyError(
            f"{output.path} is stale: it was built from another version of {source}\n"
            f"  manifest.json: source sha256 {str(built)[:12]}…\n"
            f"  {source}: sha256 {str(current)[:12]}…\n"
            "  hint: run 'reportkit build' to rebuild it"
        )


def _replaced(output: Output, data: bytes) -> str:
    from reportkit.building.publish import sha256

    if sha256(data) == output.entry.get("sha256"):
        return ""
    return (
        f"\n  {output.path}: its sha256 is not the one manifest.json records: the file was "
        "replaced or edited after the build"
    )


def _unchanged(output: Output, data: bytes) -> None:
    """A file that holds the right content but is not the one the build wrote."""
    note = _replaced(output, data)
    if note:
        raise VerifyError(f"{output.path}: not the file the build wrote{note}")


def table(rows: list[Compared]) -> Iterator[str]:
    """The lines of the table of what was compared."""
    cells = [list(COLUMNS)] + [
        [
            row.name,
            *(
                str(value) if value else "-"
                for value in (
                    row.cases,
                    row.texts,
                    row.emphasis,
                    row.attributions,
                    row.topics,
                    row.blocks,
                    row.governments,
                )
            ),
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    for line in cells:
        yield "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
