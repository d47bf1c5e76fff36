"""reportkit: one source of 取組事例, outputs that always agree.

The library face a script needs::

    import reportkit

    document = reportkit.load("source/torikumi-jirei.md")      # read + resolve
    meeting = reportkit.Meeting(name="主管課長会議", number="資料3")
    view = reportkit.select(document, "source/torikumi-jirei.md", meeting)
    pdf = reportkit.render("pdf", view)                         # bytes
    reportkit.publish("output", formats=["pdf", "xlsx"])        # build into a directory

Heavy libraries load only inside these functions, so ``import reportkit`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from reportkit.building.plan import Outcome
    from reportkit.model import Document
    from reportkit.view import Meeting, View

__all__ = ["Document", "Meeting", "View", "__version__", "load", "publish", "render", "select"]


def load(source: Path | str, *, blocks: Path | str | None = None) -> Document:
    """Read a source (any registered format) and resolve every actor.

    Raises :class:`reportkit.errors.SourceError` listing every problem.
    """
    from reportkit.places.blocks import BlockScheme
    from reportkit.source import load as load_source

    return load_source(Path(source), BlockScheme.load(blocks))


def select(
    document: Document,
    source: Path | str,
    meeting: Meeting | None = None,
    *,
    blocks: Path | str | None = None,
) -> View:
    """What writers render: ``document`` narrowed to ``meeting``'s selection, dated."""
    from reportkit.building.plan import make_view
    from reportkit.places.blocks import BlockScheme

    return make_view(document, Path(source), BlockScheme.load(blocks), meeting)


def render(fmt: str, view: View) -> bytes:
    """``view`` in the registered format ``fmt`` (pdf, docx, xlsx, …), as bytes."""
    from reportkit import formats

    return formats.get_writer(fmt).render(view)


def publish(
    output_dir: Path | str,
    *,
    source: Path | str | None = None,
    settings: Path | str | None = None,
    meetings: Sequence[str] = (),
    formats: Sequence[str] = (),
    force: bool = False,
) -> list[Outcome]:
    """Build into ``output_dir`` as ``reportkit build`` does (all or nothing, manifest);
    ``formats`` narrows the meetings' formats."""
    from reportkit.building import build
    from reportkit.building.plan import Request, plan
    from reportkit.building.render import default_jobs

    request = Request(
        source=Path(source) if source else None,
        output_dir=Path(output_dir),
        settings=Path(settings) if settings else None,
        meetings=tuple(meetings),
    )
    chosen = plan(request)  # the source is read once, whatever the formats
    targets = [t for t in chosen.targets if not formats or t.fmt in formats]
    jobs = default_jobs(len(targets))
    return build(targets, chosen.directory, chosen.source, force=force, jobs=jobs)


def __getattr__(name: str) -> object:
    """``reportkit.Document``, ``Meeting`` and ``View`` without importing pydantic up front."""
    if name == "Document":
        from reportkit.model import Document

        return Document
    if name in ("Meeting", "View"):
        import reportkit.view

        return getattr(reportkit.view, name)
    raise AttributeError(name)
