"""The format registry: every reader and writer reportkit knows, declared once.

A writer turns a :class:`~reportkit.view.View` into the bytes of one output file; a reader
turns the bytes of a source file into a :class:`~reportkit.model.Document`. Both live in
modules imported only when used, so a command that renders nothing never loads reportlab,
python-docx or openpyxl. The CLI's choices, settings validation, the build's input hashes
and the manifest all ask this module; nothing else lists formats.

Adding an output format is one module with ``render(view: View) -> bytes`` and one line in
:data:`WRITERS` (or a call to :func:`register_writer` from outside the package).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from reportkit.model import Document
    from reportkit.readers.options import ReadOptions
    from reportkit.revise.compare import Comparison
    from reportkit.verify.facts import Reading
    from reportkit.view import Fonts, View


@dataclass(frozen=True)
class Writer:
    """One output format.

    ``module`` exposes ``render(view) -> bytes``. ``libraries`` are the distributions it
    imports (their versions join the build's input hash and the manifest).
    ``fingerprint`` names a function ``(fonts) -> str`` in a module that imports no
    writer library: what besides the view changes the bytes (the PDF: its font files).
    ``check`` names the module that reads the format back for ``reportkit verify``: its
    ``read(data: bytes, name: str) -> Reading`` uses a reader independent of the writer.
    """

    name: str
    suffix: str
    media_type: str
    module: str
    title: str
    libraries: tuple[str, ...] = ()
    fingerprint: str | None = None
    check: str | None = None

    def render(self, view: View) -> bytes:
        """The bytes of ``view`` in this format (the module is imported on first use)."""
        render = cast("Callable[[View], bytes]", importlib.import_module(self.module).render)
        return render(view)

    def extra_inputs(self, fonts: Fonts) -> str:
        """What else this format's bytes depend on; never imports a writer library."""
        if self.fingerprint is None:
            return ""
        module, _, function = self.fingerprint.partition(":")
        found = cast("Callable[[Fonts], str]", getattr(importlib.import_module(module), function))
        return found(fonts)

    def read_back(self, data: bytes, name: str) -> Reading | None:
        """What an output of this format holds, read back (None: the format has no check)."""
        if self.check is None:
            return None
        read = cast("Callable[[bytes, str], Reading]", importlib.import_module(self.check).read)
        return read(data, name)


@dataclass(frozen=True)
class Reader:
    """One source format: ``module`` exposes ``read(data, name, options) -> Document``.

    ``place`` says how problems name a place of this format where a line does not
    (``段落{line}``: the line is a paragraph number). ``locate`` names a function
    ``(problems, path, document) -> problems`` in ``module`` that moves the problems found
    after reading (unknown names, lint warnings) to where this format has them.
    """

    name: str
    suffixes: tuple[str, ...]
    module: str
    title: str
    place: str = ""
    locate: str = ""

    def read(self, data: bytes, name: str, options: ReadOptions | None = None) -> Document:
        read = cast(
            "Callable[[bytes, str, ReadOptions | None], Document]",
            importlib.import_module(self.module).read,
        )
        return read(data, name, options)


WRITERS: dict[str, Writer] = {
    writer.name: writer
    for writer in (
        Writer(
            "pdf",
            ".pdf",
            "application/pdf",
            "reportkit.writers.pdf",
            "PDF handout",
            libraries=("reportlab",),
            fingerprint="reportkit.writers.pdf.font_files:inventory",
            check="reportkit.verify.pdf",
        ),
        Writer(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "reportkit.writers.docx",
            "Word briefing",
            libraries=("python-docx",),
            check="reportkit.verify.docx",
        ),
        Writer(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "reportkit.writers.xlsx",
            "Excel matrix",
            libraries=("openpyxl",),
            check="reportkit.verify.xlsx",
        ),
        Writer(
            "html",
            ".html",
            "text/html",
            "reportkit.writers.html",
            "accessible web page",
            check="reportkit.verify.html",
        ),
    )
}

READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (
        Reader("md", (".md", ".markdown", ".txt"), "reportkit.readers.markdown", "取組事例 source"),
        Reader("json", (".json",), "reportkit.readers.json", "the model as JSON", locate="locate"),
        Reader("docx", (".docx", ".doc"), "reportkit.readers.docx", "Word briefing", "段落{line}"),
    )
}


@dataclass(frozen=True)
class SourceWriter:
    """A source form a document can be written in (``reportkit convert --to NAME``).

    ``module`` exposes ``write(document: Document) -> bytes``; what it writes, the reader
    of the same name reads back.
    """

    name: str
    suffix: str
    module: str
    title: str

    def write(self, document: Document) -> bytes:
        write = cast("Callable[[Document], bytes]", importlib.import_module(self.module).write)
        return write(document)


SOURCE_WRITERS: dict[str, SourceWriter] = {
    writer.name: writer
    for writer in (
        SourceWriter("md", ".md", "reportkit.writers.markdown", "取組事例 source, canonical"),
        SourceWriter("json", ".json", "reportkit.writers.json", "the model as JSON"),
    )
}


@dataclass(frozen=True)
class ComparisonWriter:
    """A form of a comparison of two editions (``reportkit diff --format NAME``).

    ``function`` names ``module:function``, a ``(comparison, view, order) -> bytes``: the
    view is the new edition's (meeting, date, fonts), ``order`` the 新旧対照表's column
    order (``new-old`` or ``old-new``). ``text``: the bytes are UTF-8 text.
    """

    name: str
    suffix: str
    function: str
    title: str
    text: bool = False

    def render(self, comparison: Comparison, view: View, order: str = "new-old") -> bytes:
        module, _, function = self.function.partition(":")
        render = cast(
            "Callable[[Comparison, View, str], bytes]",
            getattr(importlib.import_module(module), function),
        )
        return render(comparison, view, order)


COMPARISON_WRITERS: dict[str, ComparisonWriter] = {
    writer.name: writer
    for writer in (
        ComparisonWriter(
            "md", ".md", "reportkit.revise.summary:render_markdown", "summary", text=True
        ),
        ComparisonWriter(
            "json", ".json", "reportkit.revise.summary:render_json", "summary as JSON", text=True
        ),
        ComparisonWriter("docx", ".docx", "reportkit.revise.docx:render", "新旧対照表 (Word)"),
        ComparisonWriter("pdf", ".pdf", "reportkit.revise.pdf:render", "新旧対照表 (PDF)"),
        ComparisonWriter("xlsx", ".xlsx", "reportkit.revise.xlsx:render", "変更一覧 (Excel)"),
    )
}

# Libraries every build depends on, whatever it writes.
CORE_LIBRARIES = ("pydantic", "click")


def register_writer(writer: Writer) -> None:
    """Add (or replace) a writer, e.g. from a plug-in or a test."""
    WRITERS[writer.name] = writer


def writer_names() -> list[str]:
    """Every writer's name, in registry order."""
    return list(WRITERS)


def get_writer(name: str) -> Writer:
    """The writer called ``name``; KeyError names the known ones."""
    try:
        return WRITERS[name]
    except KeyError:
        raise KeyError(f"unknown format '{name}' (formats: {', '.join(WRITERS)})") from None


def reader_for(path: Path) -> Reader:
    """The reader for ``path``'s suffix; an unknown suffix is read as the source format."""
    suffix = path.suffix.lower()
    for reader in READERS.values():
        if suffix in reader.suffixes:
            return reader
    return READERS["md"]


def libraries() -> tuple[str, ...]:
    """Every distribution some build may depend on, for the manifest."""
    names = [*CORE_LIBRARIES]
    for writer in WRITERS.values():
        names.extend(name for name in writer.libraries if name not in names)
    return tuple(names)
