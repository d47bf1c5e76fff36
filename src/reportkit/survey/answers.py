"""Returned 照会様式: every row read back and checked as strictly as the source.

openpyxl does not enforce data validation when it reads, and a form passes through many
hands (a prefecture, its municipalities, LibreOffice, a mail client), so every cell is
checked here: required cells, text that Excel mangled (a number or a date where text
belongs, a formula, a leading ``'``), control characters, 大項目 and 中項目 against the
source's own, 強調したい部分 against 取組内容. Each answer becomes a case line of the source
format and is read and resolved by the source's own reader and resolver, so a name is
refused (or accepted) exactly as in the source, with the same suggestions.

A form that is not the form as sent (another file type, a password, a renamed sheet, a
moved header, deleted columns, another survey) gets one error that says so. Input is
bounded: the file size, its unpacked size, and the rows read.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from reportkit.errors import Problem, SourceError
from reportkit.labels import NO_TOPIC, section_label
from reportkit.model import Case, Document, Section, Topic
from reportkit.places import gazetteer
from reportkit.places.blocks import BlockScheme
from reportkit.places.resolve import resolve
from reportkit.readers.markdown import read_markdown
from reportkit.survey.sheet import (
    ANSWER_SHEET,
    CASE_KEYS,
    CHECK_HEADER,
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    INPUT_ROWS,
    LAST_ROW,
    MARK_NAME,
    OPEN_LISTS,
    Column,
    column_letter,
)

MAX_BYTES = 10 * 1024 * 1024
"""The largest form read: a filled form is well under 1 MB."""
MAX_UNPACKED = 100 * 1024 * 1024
"""The most its zip may unpack to (a zip bomb is refused before openpyxl opens it)."""
HEADER_SEARCH_ROWS = 30

SEPARATORS = "、,，・･"
UNDISCLOSED = "非公表"
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_COLUMN = {column.key: index for index, column in enumerate(COLUMNS)}


@dataclass(frozen=True)
class Answer:
    """One valid row of a returned form: the new case, where it goes, who sent it."""

    form: str
    row: int
    respondent: str
    section: int
    topic: int
    case: Case
    department: str
    contact: str


@dataclass
class Form:
    """A returned form read back: its valid answers and every problem found in it."""

    path: str
    answers: list[Answer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def invalid_rows(self) -> dict[int, list[Problem]]:
        """The problems of each row that has some (row 0: the form as a whole)."""
        rows: dict[int, list[Problem]] = {}
        for problem in self.problems:
            rows.setdefault(problem.line, []).append(problem)
        return rows


@dataclass(frozen=True)
class _Cell:
    value: Any
    data_type: str
    coordinate: str


@dataclass
class _Sheet:
    """The cells a worksheet's XML holds (no empty ones), and its merged ranges."""

    cells: dict[tuple[int, int], _Cell]
    merged: list[str]

    @classmethod
    def parse(cls, workbook: Any, title: str) -> _Sheet:
        """Every cell of the sheet, streamed from its XML once.

        openpyxl's full load parses every sheet (the list sheet has about 3,900 cells)
        and read-only ``iter_rows`` fills the gaps up to the sheet's last row; its
        parser alone visits only the cells the file has.
        """
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet._reader import WorkSheetParser

        ws = workbook[title]
        with ws._get_source() as source:
            parser = WorkSheetParser(
                source,
                ws._shared_strings,
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            cells = {
                (cell["row"], cell["column"]): _Cell(
                    cell["value"],
                    cell["data_type"],
                    f"{get_column_letter(cell['column'])}{cell['row']}",
                )
                for _, row in parser.parse()
                for cell in row
            }
            merged = parser.merged_cells
        ranges = sorted(str(r.ref) for r in merged.mergeCell) if merged else []
        return cls(cells, ranges)


class _Refused(Exception):
    """The form as a whole cannot be read; carries its one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_form(
    path: Path, document: Document, shown: str | None = None, scheme: BlockScheme | None = None
) -> Form:
    """Read and check the returned form at ``path`` against the resolved source ``document``."""
    name = shown or str(path)
    form = Form(name)
    try:
        workbook = _open(path, name)
        try:
            reader = _Reader(name, document, scheme)
            sheet = reader.check_form(workbook)
            form.answers = reader.answers(sheet)
            form.problems = reader.problems
        finally:
            workbook.close()
    except _Refused as refused:
        form.problems = [refused.problem]
    return form


def read_forms(
    paths: list[Path], document: Document, scheme: BlockScheme | None = None
) -> list[Form]:
    """Every form, in path order (so the result does not depend on the order given)."""
    return [read_form(path, document, str(path), scheme) for path in sorted(set(paths), key=str)]


# -- the file ---------------------------------------------------------------------------
def _refuse(path: str, message: str, hint: str, place: str = "") -> _Refused:
    return _Refused(Problem(path, 0, 0, message, hint, place=place))


def _open(path: Path, name: str) -> Any:
    """The workbook at ``path``, or :class:`_Refused` saying what the file is instead."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(
                name,
                f"the file has {size:,} bytes; a filled form has far less (at most {MAX_BYTES:,})",
                "send the 照会様式 as it was filled in, without pictures or other sheets",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(name, f"cannot read the form: {exc.strerror}", "check the path") from None
    _check_container(data, name, path.suffix.lower())
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Data Validation extension is not supported"
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise _refuse(
            name,
            f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc})",
            "open it in Excel and save it again as Excel ブック (.xlsx)",
        ) from None


def _check_container(data: bytes, name: str, suffix: str) -> None:
    """Refuse what is not an .xlsx zip: .xls, an encrypted file, CSV, OpenDocument, a zip bomb."""
    if data.startswith(_OLE2):
        if _ENCRYPTED in data:
            raise _refuse(
                name,
                "the workbook is protected with a password (encrypted), so it cannot be read",
                "open it in Excel, remove the password (ファイル > 情報 > ブックの保護) and send it again",
            )
        raise _refuse(
            name,
            "an Excel 97-2003 workbook (.xls), not the .xlsx form",
            "open it in Excel and save it as Excel ブック (.xlsx)",
        )
    if not data.startswith(b"PK"):
        if suffix in (".csv", ".txt", ".tsv") or _looks_like_text(data):
            raise _refuse(
                name,
                "a CSV or text file, not the .xlsx form (the lists, checks and survey mark are lost)",
                "fill in the .xlsx form as sent and save it as Excel ブック (.xlsx)",
            )
        raise _refuse(
            name, "not an Excel workbook (.xlsx)", "send the .xlsx form as it was filled in"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise _refuse(
            name, "a damaged .xlsx file (not a valid zip)", "save the form again in Excel"
        ) from None
    names = {member.filename for member in members}
    if "content.xml" in names:
        raise _refuse(
            name,
            "an OpenDocument spreadsheet (.ods), not the .xlsx form",
            "save it as Excel 2007-365 (.xlsx) (LibreOffice: ファイル > 名前を付けて保存)",
        )
    if "xl/workbook.xml" not in names:
        raise _refuse(
            name,
            "not an .xlsx workbook (a zip without xl/workbook.xml)",
            "send the .xlsx form as it was filled in",
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise _refuse(
            name,
            f"the workbook unpacks to {unpacked:,} bytes (at most {MAX_UNPACKED:,})",
            "send the 照会様式 as it was filled in",
        )


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    for encoding in ("utf-8-sig", "cp932"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return b"\0" not in head
    return False


# -- the form's structure and its cells --------------------------------------------------
def normalize(text: str) -> str:
    """How labels are compared: NFKC, without spaces (1.新規相談 = 1．新規相談)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def form_hint(hint: str) -> str:
    """A resolver's hint for a cell, where names are written without 【】."""
    return hint.replace("【", "「").replace("】", "」")


class _Reader:
    """Checks one workbook; collects the problems of every row."""

    def __init__(self, path: str, document: Document, scheme: BlockScheme | None) -> None:
        self.path = path
        self.document = document
        self.scheme = scheme
        self.problems: list[Problem] = []
        self.prefectures: tuple[str, ...] = ()
        self.sections = {normalize(section_label(s)): s for s in document.sections}
        self.places = gazetteer.load()

    # -- problems ---------------------------------------------------------------------
    def problem(self, row: int, index: int, message: str, hint: str = "") -> None:
        place = f"{ANSWER_SHEET}!{column_letter(index)}{row}"
        self.problems.append(Problem(self.path, row, index + 1, message, hint, place=place))

    def refuse(self, message: str, hint: str, place: str = "") -> _Refused:
        return _refuse(self.path, message, hint, place)

    # -- the form as a whole ------------------------------------------------------------
    def check_form(self, workbook: Any) -> _Sheet:
        """The 回答 sheet, once the mark, the header, merged cells and stray cells are checked."""
        self._check_mark(workbook)
        if ANSWER_SHEET not in workbook.sheetnames:
            raise self.refuse(
                f"the form has no sheet {ANSWER_SHEET} (its sheets: {'、'.join(workbook.sheetnames)})",
                f"rename the sheet of answers back to {ANSWER_SHEET}; do not rename, add or "
                "delete the form's sheets",
            )
        ws = _Sheet.parse(workbook, ANSWER_SHEET)
        self._check_header(ws)
        if ws.merged:
            first = ws.merged[0]
            raise self.refuse(
                f"merged cells {first}: one value per cell",
                "unmerge the cells (セルの結合を解除) and write each value in its own cell",
                place=f"{ANSWER_SHEET}!{first.split(':')[0]}",
            )
        self._check_extent(ws)
        return ws

    def _check_mark(self, workbook: Any) -> None:
        defined = workbook.defined_names.get(MARK_NAME)
        values: list[str] = []
        if defined is not None:
            for sheet, reference in defined.destinations:
                if sheet in workbook.sheetnames:
                    cells = workbook[sheet][reference.replace("$", "")]
                    values = [str(c.value or "") for row in cells for c in row]
        if not values or not values[0].startswith(FORMAT.rsplit(" ", 1)[0]):
            raise self.refuse(
                "not a reportkit 照会様式 (the workbook has no survey mark)",
                "fill in the form made by `reportkit survey form`, not another workbook",
            )
        if values[0] != FORMAT:
            raise self.refuse(
                f"a form of another version ({values[0]}); this reportkit reads {FORMAT}",
                "send the respondent the current form, made by `reportkit survey form`",
            )
        title = values[1] if len(values) > 1 else ""
        if title != self.document.title:
            raise self.refuse(
                f"a form of another survey: it asks for cases of 「{title}」, "
                f"the source is 「{self.document.title}」",
                "merge it into the source it was made from",
            )
        prefectures = values[2] if len(values) > 2 else ""
        self.prefectures = tuple(prefectures.split("、")) if prefectures else ()

    def _check_header(self, ws: _Sheet) -> None:
        expected = [column.header for column in COLUMNS] + [CHECK_HEADER]
        found = [_plain(_value(ws, HEADER_ROW, i + 1)) for i in range(len(expected))]
        if found == expected:
            return
        moved = self._header_elsewhere(ws)
        if moved is not None:
            row, column = moved
            raise self.refuse(
                f"the header was moved to {column_letter(column - 1)}{row}; "
                f"it belongs in row {HEADER_ROW} from column A",
                "delete the rows or columns inserted before it, or copy the answers into "
                "a fresh form",
                place=f"{ANSWER_SHEET}!{column_letter(column - 1)}{row}",
            )
        index = next(i for i, (a, b) in enumerate(zip(expected, found, strict=True)) if a != b)
        where = f"{column_letter(index)}{HEADER_ROW}"
        if found[index] in expected:
            message = (
                f"column {expected[index]} is missing: {where} holds {found[index]}, "
                "so a column was deleted or moved"
            )
        else:
            shown = found[index] or "nothing"
            message = f"the header {where} should be {expected[index]}, found {shown}"
        raise self.refuse(
            message,
            "do not delete, insert, move or rename columns; copy the answers into a fresh form",
            place=f"{ANSWER_SHEET}!{where}",
        )

    @staticmethod
    def _header_elsewhere(ws: _Sheet) -> tuple[int, int] | None:
        first = COLUMNS[0].header
        for (row, column), cell in sorted(ws.cells.items()):
            if row > HEADER_SEARCH_ROWS:
                break
            if (
                (row, column) != (HEADER_ROW, 1)
                and _plain(cell.value) == first
                and _plain(_value(ws, row, column + 1)) == COLUMNS[1].header
            ):
                return row, column
        return None

    def _check_extent(self, ws: _Sheet) -> None:
        """Refuse values outside the input area (rows below it, columns right of it)."""
        last_column = len(COLUMNS) + 1
        for (row, column), cell in sorted(ws.cells.items()):
            if cell.value is None or (row <= LAST_ROW and column <= last_column):
                continue
            where = cell.coordinate
            if row > LAST_ROW:
                raise self.refuse(
                    f"a value below the input area (rows {FIRST_ROW}-{LAST_ROW})",
                    f"one form holds {INPUT_ROWS} cases; send more in a second form",
                    place=f"{ANSWER_SHEET}!{where}",
                )
            raise self.refuse(
                f"a value right of the input area (columns A-{column_letter(last_column - 1)})",
                "delete it: the merge reads the form's columns only; write notes in the mail",
                place=f"{ANSWER_SHEET}!{where}",
            )

    # -- rows -------------------------------------------------------------------------
    def answers(self, ws: _Sheet) -> list[Answer]:
        """Every valid answer of the 回答 sheet; the problems of the others are collected."""
        rows: list[tuple[int, dict[str, str]]] = []
        for row in range(FIRST_ROW, LAST_ROW + 1):
            cells = [ws.cells.get((row, index + 1)) for index in range(len(COLUMNS))]
            values = self._row(row, cells)
            if values is not None:
                rows.append((row, values))
        cases = self._cases(rows)
        failed = {problem.line for problem in self.problems}
        return [
            self._answer(row, values, case)
            for (row, values), case in zip(rows, cases, strict=True)
            if row not in failed and case is not None
        ]

    def _row(self, row: int, cells: list[_Cell | None]) -> dict[str, str] | None:
        """The texts of a row whose case line can be read; every problem is reported.

        None for an empty row (no case column filled) and for a row whose text, emphasis
        or actors are missing or wrong: its other cells are checked all the same.
        """
        before = len(self.problems)
        texts = {
            column.key: self._text(row, index, column, cell)
            for index, (column, cell) in enumerate(zip(COLUMNS, cells, strict=True))
        }
        if not any(_is_filled(cells[_COLUMN[key]]) for key in CASE_KEYS):
            del self.problems[before:]  # a row without a case is empty, whatever else it has
            return None
        for column in COLUMNS:
            if column.required and texts[column.key] == "":
                self.problem(
                    row,
                    _COLUMN[column.key],
                    f"{column.header} is empty",
                    "fill it in: every answer needs "
                    + "、".join(c.header for c in COLUMNS if c.required),
                )
        readable = self._check_row(row, texts)
        return {key: text or "" for key, text in texts.items()} if readable else None

    def _text(self, row: int, index: int, column: Column, cell: _Cell | None) -> str | None:
        """The text of a cell ('' when empty), or None after reporting why it is not text."""
        if cell is None or cell.value is None:
            return ""
        value = cell.value
        message, hint = _not_text(value, cell.data_type, column)
        if message:
            self.problem(row, index, f"{column.header}: {message}", hint)
            return None
        text = _ESCAPED.sub(lambda m: chr(int(m[1], 16)), value) if "_x" in value else value
        text = text.strip(" \t\u3000\r\n")
        problem = _bad_text(text, column)
        if problem:
            self.problem(row, index, f"{column.header}: {problem[0]}", problem[1])
            return None
        return text

    def _check_row(self, row: int, texts: dict[str, str | None]) -> bool:
        """The rules between cells; True when the case line can be made and read."""
        if texts["respondent"]:
            self._check_respondent(row, texts["respondent"])
        if texts["section"] and texts["topic"]:
            self._check_topic(row, texts["section"], texts["topic"])
        text, emphasis, actors = texts["text"], texts["emphasis"], texts["actors"]
        readable = bool(text) and bool(actors) and emphasis is not None
        if text and emphasis and emphasis not in text:
            readable = False
            self.problem(
                row,
                _COLUMN["emphasis"],
                f"強調したい部分 「{_short(emphasis)}」 does not occur in 取組内容",
                f"copy the words exactly from 取組内容 ({column_letter(_COLUMN['text'])}{row}), "
                "or leave the cell empty",
            )
        open_list = texts["open_list"]
        if open_list and open_list not in OPEN_LISTS:
            self.problem(
                row,
                _COLUMN["open_list"],
                f"等: {open_list} is not one of {'、'.join(OPEN_LISTS)}",
                "choose 等 or 等多数 from the list, or leave the cell empty",
            )
            open_list = None
        if actors and open_list is not None:
            readable = self._check_actors(row, actors, open_list) and readable
        return readable and open_list is not None

    def _check_respondent(self, row: int, written: str) -> None:
        index = _COLUMN["respondent"]
        try:
            entry = self.places.lookup(written)
        except gazetteer.UnresolvedName as exc:
            self.problem(row, index, f"回答団体: {exc.message}", form_hint(exc.hint))
            return
        if entry.kind == gazetteer.WARD:
            city = self.places.by_code(entry.parent_code or "")
            self.problem(
                row,
                index,
                f"回答団体: {written} is a ward; its city answers",
                f"choose {self.places.written_form(city)}",
            )
        elif self.prefectures and entry.prefecture not in self.prefectures:
            self.problem(
                row,
                index,
                f"回答団体: {written} is not in {'・'.join(self.prefectures)}, "
                "to which this form was sent",
                "choose from the list; each prefecture answers on its own form",
            )

    def _check_topic(self, row: int, written_section: str, written_topic: str) -> None:
        section = self.sections.get(normalize(written_section))
        if section is None:
            listed = "、".join(section_label(s) for s in self.document.sections)
            self.problem(
                row,
                _COLUMN["section"],
                f"大項目 「{written_section}」 is not a 大項目 of the source",
                f"choose one from the list: {listed}",
            )
            return
        if _topic(section, written_topic) is not None:
            return
        owner = next(
            (s for s in self.document.sections if _topic(s, written_topic) is not None), None
        )
        label = section_label(section)
        choices = "、".join(_topic_value(t) for t in section.topics)
        if owner is not None:
            message = (
                f"中項目 「{written_topic}」 belongs to 大項目 「{section_label(owner)}」, "
                f"not to 「{label}」"
            )
        else:
            message = f"中項目 「{written_topic}」 is not a 中項目 of 「{label}」"
        self.problem(row, _COLUMN["topic"], message, f"choose one of: {choices}")

    def _check_actors(self, row: int, written: str, open_list: str) -> bool:
        """Report what the reader would misread in a 実施団体 cell; True when none."""
        index = _COLUMN["actors"]
        before = len(self.problems)
        names = _names(written)
        if any(not name for name in names):
            self.problem(
                row, index, "実施団体: an empty name between separators", "delete the extra 、"
            )
        elif names[-1].endswith(OPEN_LISTS):
            self.problem(
                row,
                index,
                f"実施団体: {names[-1]} ends with 等",
                f"write the names only, and choose 等 or 等多数 in the 等 column "
                f"({column_letter(_COLUMN['open_list'])}{row})",
            )
        elif UNDISCLOSED in names and (len(names) > 1 or open_list):
            self.problem(
                row,
                index,
                f"実施団体: {UNDISCLOSED} names no actor, so it stands alone",
                f"write either {UNDISCLOSED} or the names, and leave 等 empty with {UNDISCLOSED}",
            )
        return len(self.problems) == before

    # -- cases --------------------------------------------------------------------------
    def _cases(self, rows: list[tuple[int, dict[str, str]]]) -> list[Case | None]:
        """Each row read and resolved as a case line (None where that fails, reported)."""
        pending = rows
        while pending:
            lines = [case_line(values) for _, values in pending]
            try:
                document = resolve(_document(lines), self.path, self.scheme)
            except SourceError as error:
                failed = self._failures(pending, lines, error)
                pending = [item for item in pending if item[0] not in failed]
                continue
            read = {row: case for (row, _), case in zip(pending, document.cases(), strict=True)}
            return [read.get(row) for row, _ in rows]
        return [None] * len(rows)

    def _failures(
        self, rows: list[tuple[int, dict[str, str]]], lines: list[str], error: SourceError
    ) -> set[int]:
        """Report each problem the reader or resolver found at the cell it is about."""
        failed = set()
        for problem in error.problems:
            at = problem.line - _FIRST_LINE
            if not 0 <= at < len(rows):
                raise RuntimeError(f"a problem outside the rows read: {problem}")
            row, values = rows[at]
            in_attribution = problem.column > len(lines[at]) - len(_attribution(values))
            index = _COLUMN["actors" if in_attribution else "text"]
            header = COLUMNS[index].header
            self.problem(row, index, f"{header}: {problem.message}", form_hint(problem.hint))
            failed.add(row)
        return failed

    def _answer(self, row: int, values: dict[str, str], case: Case) -> Answer:
        section = self.sections[normalize(values["section"])]
        topic = _topic(section, values["topic"])
        assert topic is not None  # checked in _check_topic
        return Answer(
            form=self.path,
            row=row,
            respondent=self.places.written_form(self.places.lookup(values["respondent"])),
            section=section.number,
            topic=topic.number,
            case=case,
            department=values["department"],
            contact=values["contact"],
        )


_FIRST_LINE = 3  # the first case line of the document a form's rows are read as


def _document(lines: list[str]) -> Document:
    """The rows as a source: a title, one section, one case line per row."""
    return read_markdown("\n".join(["照会", "1. 回答", *lines]), "form")


def case_line(values: dict[str, str]) -> str:
    """``- 取組内容 with **強調したい部分**【実施団体等】``: one row in the source format."""
    text, emphasis = values["text"], values["emphasis"]
    if emphasis:
        at = text.index(emphasis)
        text = f"{text[:at]}**{emphasis}**{text[at + len(emphasis) :]}"
    return f"- {text}{_attribution(values)}"


def _attribution(values: dict[str, str]) -> str:
    return f"【{'、'.join(_names(values['actors']))}{values['open_list']}】"


def _names(written: str) -> list[str]:
    """The names of a 実施団体 cell, without spaces, split at 、 , ・."""
    names = re.split(f"[{SEPARATORS}]", written)
    return ["".join(name.split()) for name in names]


def _topic(section: Section, written: str) -> Topic | None:
    key = normalize(written)
    for topic in section.topics:
        if normalize(_topic_value(topic)) == key:
            return topic
    return None


def _topic_value(topic: Topic) -> str:
    return NO_TOPIC if topic.implicit else topic.title


def _value(ws: _Sheet, row: int, column: int) -> Any:
    cell = ws.cells.get((row, column))
    return None if cell is None else cell.value


def _plain(value: object) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)


def _is_filled(cell: _Cell | None) -> bool:
    return cell is not None and cell.value is not None and _plain(cell.value) != ""


def _short(text: str, length: int = 20) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _not_text(value: object, data_type: str, column: Column) -> tuple[str, str]:
    """(message, hint) when a cell holds something other than text; ('', '') for text."""
    retype = "format the cell as 文字列 (text) and type it again"
    if data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        return (
            f"a formula ({_short(str(value))}) where text belongs",
            "type the text itself, without a leading =",
        )
    if isinstance(value, bool):
        return f"{str(value).upper()} where text belongs", retype
    if isinstance(value, datetime | date | time | timedelta):
        shown = value.isoformat() if not isinstance(value, timedelta) else str(value)
        return f"a date or time ({shown}) where text belongs", f"Excel turned it into one: {retype}"
    if isinstance(value, int | float):
        if column.key == "contact":
            return (
                f"the number {value} where text belongs (a leading 0 is lost)",
                f"{retype}, e.g. 03-1234-5678",
            )
        return f"the number {value} where text belongs", retype
    if data_type == "e":
        return f"the error value {value}", "replace it with the text itself"
    if not isinstance(value, str):
        return f"{type(value).__name__} where text belongs", retype
    return "", ""


def _bad_text(text: str, column: Column) -> tuple[str, str] | None:
    """(message, hint) for text the source cannot take as it is."""
    if text.startswith("'"):
        return "starts with ' (an apostrophe)", "delete the leading '; the cells take text as typed"
    if "\n" in text or "\r" in text:
        return "a line break in the cell", "write it on one line (delete the Alt+Enter)"
    control = _CONTROL.search(text)
    if control:
        return (
            f"control character U+{ord(control[0]):04X} is not allowed",
            "delete it (it comes with text pasted from another program)",
        )
    if len(text) > column.max_length:
        return f"{len(text):,} characters (at most {column.max_length:,})", "shorten it"
    if "**" in text and column.key in ("text", "emphasis"):
        return "** is not allowed", "write the words to emphasise in 強調したい部分 instead"
    if ("【" in text or "】" in text) and column.key in ("text", "emphasis", "actors"):
        return "【】 is not allowed", "write the names of the actors in 実施団体, without 【】"
    return None
