"""Reader for the Word briefing (.docx) that reportkit writes, as edited in Word or LibreOffice.

The briefing is read by its named styles (see :mod:`.styles`): 表題, 副題 and 注記 are
the title, subtitle and note; 見出し 1 a section, 見出し 2 a topic, 箇条書き a case, with
強調 for emphasis and 出典 / 出典（強調） for the attribution. The date, the issuer, the
contents, the summary tables, header and footer are generated and left out. Problems
name the paragraph (``file:段落12: error: …``), counted from 1 over the body, tables
included. Tracked changes are refused (one error each) unless the options accept or
reject them; comments are warnings.
"""

from __future__ import annotations

from pydantic import ValidationError

from reportkit.errors import Problem, SourceError
from reportkit.model import Document
from reportkit.readers.docx import styles as known
from reportkit.readers.docx.briefing import Briefing, quoted
from reportkit.readers.docx.package import Parts, open_parts
from reportkit.readers.docx.paragraphs import Paragraph, paragraphs
from reportkit.readers.docx.xml import w
from reportkit.readers.options import ReadOptions

_REVISION_HINT = (
    "accept or reject the changes in Word (校閲 → 承諾 → すべての変更を反映, or 元に戻す) "
    "and save; or read it with --accept-changes or --reject-changes"
)


def read(data: bytes, name: str, options: ReadOptions | None = None) -> Document:
    """The document a briefing holds (the registry's entry point); SourceError otherwise."""
    options = options or ReadOptions()
    parts = open_parts(data, name)
    styles = known.Styles(parts.styles)
    if not styles.is_briefing():
        raise SourceError(
            [
                Problem(
                    name,
                    0,
                    0,
                    "not a reportkit briefing: the document has none of its styles "
                    f"(expected {known.EXPECTED})",
                    "read a briefing written by 'reportkit build' (edited or not); "
                    "a source goes in as .md or .json",
                )
            ]
        )
    body = parts.document.find(w("body"))
    found = paragraphs(body, options.changes) if body is not None else []
    warnings = _comments(name, parts, found)
    if options.changes == "refuse":
        revisions = _revisions(name, found)
        if revisions:
            raise SourceError(revisions + warnings)
    briefing = Briefing(name, styles)
    for paragraph in found:
        briefing.add(paragraph)
    briefing.finish()
    document = _document(briefing, name)
    for warning in warnings:
        options.warn(warning)
    return document


def _document(briefing: Briefing, name: str) -> Document:
    problems = briefing.problems
    if not briefing.front[known.Role.TITLE] and not problems:
        problems.append(
            Problem(
                name,
                0,
                0,
                "the briefing has no title (no paragraph in the 表題 style)",
                "write the title as the first paragraph, in the 表題 (Title) style",
            )
        )
    if not briefing.sections and not problems:
        problems.append(
            Problem(
                name,
                0,
                0,
                "no sections found (no paragraph in the 見出し 1 style)",
                "a section is a 見出し 1 heading such as '1．新規相談・プラン作成', "
                "followed by its cases in 箇条書き",
            )
        )
    if problems:
        raise SourceError(problems)
    try:
        return Document.model_validate(briefing.data(name.replace("\\", "/").rsplit("/", 1)[-1]))
    except ValidationError as exc:  # a gap in the checks above; still no traceback
        raise SourceError(
            [Problem(name, 0, 0, f"invalid document: {e['msg']}") for e in exc.errors()]
        ) from exc


def _revisions(name: str, found: list[Paragraph]) -> list[Problem]:
    """One error per tracked change, at its paragraph, quoting its text."""
    problems = []
    for paragraph in found:
        for revision in paragraph.revisions:
            author = f" by {revision.author}" if revision.author else ""
            problems.append(
                Problem(
                    name,
                    paragraph.number,
                    0,
                    f"tracked change ({revision.kind}{author}) still in the file: "
                    f"{quoted(revision.text or paragraph.text)}",
                    _REVISION_HINT,
                    place=f"段落{paragraph.number}",
                )
            )
    return problems


def _comments(name: str, parts: Parts, found: list[Paragraph]) -> list[Problem]:
    """One warning per comment, at the paragraph it is anchored in when it has one."""
    if parts.comments is None:
        return []
    anchored = {comment: p.number for p in found for comment in p.comments}
    warnings = []
    for comment in parts.comments.iter(w("comment")):
        identifier = comment.get(w("id"), "")
        author = comment.get(w("author"), "")
        text = "".join(node.text or "" for node in comment.iter(w("t")))
        number = anchored.get(identifier, 0)
        warnings.append(
            Problem(
                name,
                number,
                0,
                f"comment{f' by {author}' if author else ''} is not carried into the source: "
                f"{quoted(text)}",
                "act on it, then delete it in Word (校閲 → 削除); a source has no comments",
                severity="warning",
                place=f"段落{number}" if number else "",
            )
        )
    return warnings
