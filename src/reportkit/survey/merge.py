"""Merging returned forms into the source: new cases under their topics, duplicates reported.

New cases go after the existing cases of their topic, in 団体コード order of their actors.
A case already in the source, or sent twice (same actors and the same words once width,
spaces and punctuation are set aside), is reported and not added again. Forms are taken
in path order and rows in row order, so the result does not depend on the order the
forms are given in. The new source is written by the canonical Markdown writer and read
back and resolved before it is returned, so what the merge writes builds.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from reportkit import formats
from reportkit.errors import Problem
from reportkit.labels import section_label, topic_label
from reportkit.model import Case, Document
from reportkit.places.blocks import BlockScheme
from reportkit.places.resolve import resolve
from reportkit.readers.markdown import read_markdown
from reportkit.survey.answers import Answer, Form

Status = Literal["added", "duplicate", "invalid"]


@dataclass(frozen=True)
class Outcome:
    """What became of one row of a form (row 0: the whole form)."""

    form: str
    row: int
    status: Status
    reason: str = ""
    case: str = ""
    section: str = ""
    topic: str = ""
    actors: str = ""
    respondent: str = ""
    department: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Merged:
    """The new source (document and Markdown) and what became of every row."""

    document: Document
    source: bytes
    outcomes: list[Outcome]

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


def words(text: str) -> str:
    """The words of a case for comparison: NFKC, without spaces and punctuation."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        c for c in folded if not c.isspace() and not unicodedata.category(c).startswith("P")
    )


def identity(case: Case) -> tuple[frozenset[str], str]:
    """Two cases are the same when their actors and their words are."""
    return frozenset(actor.key for actor in case.attribution.actors), words(case.text)


def code_order(answer: Answer) -> tuple[tuple[str, ...], str, str, int]:
    """団体コード order of the actors (an undisclosed case last), then words, form, row."""
    keys = tuple(actor.key for actor in answer.case.attribution.actors) or ("~",)
    return keys, words(answer.case.text), answer.form, answer.row


def merge(document: Document, forms: Iterable[Form], scheme: BlockScheme | None = None) -> Merged:
    """The source ``document`` with the valid answers of ``forms`` added; invalid rows listed.

    ``document`` is resolved; every problem of the forms is taken as a skipped row (the
    caller decides beforehand whether problems stop the merge).
    """
    forms = sorted(forms, key=lambda form: form.path)
    seen: dict[tuple[frozenset[str], str], str] = {
        identity(case): f"case {case.id} of the source" for case in document.cases()
    }
    outcomes: list[Outcome] = []
    chosen: list[Answer] = []
    for form in forms:
        outcomes.extend(_invalid(form))
        for answer in form.answers:
            key = identity(answer.case)
            if key in seen:
                outcomes.append(_outcome(answer, "duplicate", f"same as {seen[key]}"))
                continue
            seen[key] = f"{answer.form} row {answer.row}"
            chosen.append(answer)
    merged, ids = _with_answers(document, chosen)
    outcomes.extend(_outcome(answer, "added", case=ids[id(answer)]) for answer in chosen)
    data = formats.SOURCE_WRITERS["md"].write(merged)
    _check_reads_back(data, merged, scheme)
    outcomes.sort(key=lambda o: (o.form, o.row))
    return Merged(merged, data, outcomes)


def _with_answers(document: Document, answers: list[Answer]) -> tuple[Document, dict[int, str]]:
    """The document with each answer's case after the cases of its topic; the new ids."""
    placed: dict[tuple[int, int], list[Answer]] = {}
    for answer in sorted(answers, key=code_order):
        placed.setdefault((answer.section, answer.topic), []).append(answer)
    ids: dict[int, str] = {}
    sections = []
    for section in document.sections:
        topics = []
        for topic in section.topics:
            cases = list(topic.cases)
            for answer in placed.get((section.number, topic.number), []):
                case_id = f"{section.number}-{topic.number}-{len(cases) + 1}"
                ids[id(answer)] = case_id
                cases.append(answer.case.model_copy(update={"id": case_id, "line": 0}))
            topics.append(topic.model_copy(update={"cases": cases}))
        sections.append(section.model_copy(update={"topics": topics}))
    merged = document.model_copy(update={"sections": sections})
    return Document.model_validate(merged.model_dump()), ids


def _check_reads_back(data: bytes, merged: Document, scheme: BlockScheme | None) -> None:
    """The new source reads and resolves to the same cases (else it is reportkit's bug)."""
    name = merged.source_name or "source.md"
    again = resolve(read_markdown(data.decode("utf-8"), name), name, scheme)
    expected = [(c.id, c.text, c.attribution.written) for c in merged.cases()]
    found = [(c.id, c.text, c.attribution.written) for c in again.cases()]
    if found != expected:
        raise RuntimeError("the merged source does not read back to the merged cases")


def _outcome(answer: Answer, status: Status, reason: str = "", case: str = "") -> Outcome:
    return Outcome(
        form=answer.form,
        row=answer.row,
        status=status,
        reason=reason,
        case=case,
        section=str(answer.section),
        topic=f"{answer.section}-{answer.topic}",
        actors=answer.case.attribution.written,
        respondent=answer.respondent,
        department=answer.department,
        contact=answer.contact,
    )


def _invalid(form: Form) -> list[Outcome]:
    return [
        Outcome(form.path, row, "invalid", "; ".join(_reason(p) for p in problems))
        for row, problems in sorted(form.invalid_rows.items())
    ]


def _reason(problem: Problem) -> str:
    where = problem.place.split("!")[-1] if problem.place else ""
    return f"{where}: {problem.message}" if where else problem.message


# -- the report ----------------------------------------------------------------------------
def report_json(merged: Merged) -> str:
    """Per form: the rows added, skipped as duplicates and skipped as invalid."""
    forms: dict[str, list[dict[str, object]]] = {}
    for outcome in merged.outcomes:
        forms.setdefault(outcome.form, []).append(asdict(outcome))
    body = {
        "added": merged.count("added"),
        "duplicates": merged.count("duplicate"),
        "invalid": merged.count("invalid"),
        "forms": [
            {"form": form, "rows": [_without_form(row) for row in rows]}
            for form, rows in forms.items()
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _without_form(row: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in row.items() if key != "form"}


_STATUS_TEXT = {"added": "追加", "duplicate": "重複のため追加せず", "invalid": "不備のため追加せず"}


def report_markdown(merged: Merged) -> str:
    """The same as :func:`report_json`, as Markdown tables an official can read."""
    document = merged.document
    labels = {
        f"{s.number}-{t.number}": f"{section_label(s)} {'' if t.implicit else topic_label(t)}".strip()
        for s, t in document.topics()
    }
    lines = [
        "# 照会の取りまとめ結果",
        "",
        f"追加 {merged.count('added')} 件、重複 {merged.count('duplicate')} 件、"
        f"不備 {merged.count('invalid')} 件",
    ]
    forms: dict[str, list[Outcome]] = {}
    for outcome in merged.outcomes:
        forms.setdefault(outcome.form, []).append(outcome)
    for form, outcomes in forms.items():
        lines += [
            "",
            f"## {form}",
            "",
            "| 行 | 結果 | 事例番号 | 項目 | 実施団体 | 担当部署 | 連絡先 | 理由 |",
        ]
        lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for o in outcomes:
            cells = [
                str(o.row) if o.row else "（様式全体）",
                _STATUS_TEXT[o.status],
                o.case,
                labels.get(o.topic, ""),
                o.actors,
                o.department,
                o.contact,
                o.reason,
            ]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
