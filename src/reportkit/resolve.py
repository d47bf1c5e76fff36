"""Resolution: every actor of a document -> its official local government.

Runs after reading. Each :class:`~reportkit.model.Actor` gets ``entity``: code, official
name, kana, kind, prefecture, 郡, designated city of a ward, and regional block from the
block scheme. A group (静岡県内7市) resolves to its prefecture and keeps its count. A name
that is unknown or ambiguous is an error with what to write instead; nothing is guessed.
"""

from __future__ import annotations

from reportkit import gazetteer
from reportkit.blocks import BlockScheme, default_scheme
from reportkit.errors import Problem, SourceError
from reportkit.model import Actor, Document, Kind, LocalGovernment


def government(entry: gazetteer.Entry, blocks: BlockScheme | None = None) -> LocalGovernment:
    """The model's :class:`LocalGovernment` for a gazetteer entry, with its block."""
    block, sub_block = (blocks or default_scheme()).block_of(entry.prefecture)
    return LocalGovernment(
        code=entry.code,
        name=entry.name,
        kana=entry.kana,
        kind=Kind(entry.kind),
        prefecture=entry.prefecture,
        county=entry.county,
        parent_code=entry.parent_code,
        block=block,
        sub_block=sub_block,
    )


def lookup(written: str, blocks: BlockScheme | None = None) -> LocalGovernment:
    """The local government a name denotes; raises :class:`gazetteer.UnresolvedName`."""
    return government(gazetteer.load().lookup(written), blocks)


def _entry(actor: Actor, places: gazetteer.Gazetteer) -> gazetteer.Entry:
    if actor.group is None:
        return places.lookup(actor.written)
    try:
        return places.prefecture(actor.group.prefecture)
    except gazetteer.UnresolvedName as exc:
        raise gazetteer.UnresolvedName(
            actor.written,
            f"{actor.written}: {exc.message}",
            exc.hint,
            exc.candidates,
        ) from None


def resolve(document: Document, path: str, blocks: BlockScheme | None = None) -> Document:
    """A deep copy of ``document`` with every actor's ``entity`` set.

    ``path`` names the source in problems. Raises :class:`SourceError` listing every
    unknown or ambiguous name at once, each at the line and column of the actor.
    """
    scheme = blocks or default_scheme()
    places = gazetteer.load()
    resolved = document.model_copy(deep=True)
    made: dict[str, LocalGovernment] = {}
    problems: list[Problem] = []
    for _case, actor in resolved.actors():
        try:
            entry = _entry(actor, places)
        except gazetteer.UnresolvedName as exc:
            problems.append(Problem(path, actor.line, actor.column, exc.message, exc.hint))
            continue
        if entry.code not in made:
            made[entry.code] = government(entry, scheme)
        actor.entity = made[entry.code].model_copy()
    if problems:
        raise SourceError(problems)
    return resolved
