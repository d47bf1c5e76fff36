"""The 照会様式 (survey form) as an .xlsx workbook, byte-identical for the same input.

Three sheets: 記入要領 (what is asked, the deadline in 和暦, how to fill each column, an
example row taken from the collection, whom to ask), 回答 (one answer per row, 200 input
rows) and a hidden list sheet with the drop-down lists and the survey mark.

中項目 depends on 大項目 through INDIRECT over one named range per 大項目
(``中項目_1`` …), picked by the 大項目's position in the list
(``INDIRECT("中項目_"&MATCH($B2,大項目,0))``): the 大項目 labels need not be valid names,
and each list shows only the 中項目 of the chosen 大項目. Long lists (回答団体, 実施団体:
about 1,900 names) are ranges on the list sheet, since an inline list is capped at 255
characters. 実施団体 accepts several names separated by 、, which no list holds, so its
alert is a warning that lets the user go on; :mod:`.answers` checks every name.

Sheets are protected without a password (input cells unlocked, header and formulas
locked) and the workbook structure is locked, so sheets are not renamed by accident.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from reportkit.labels import NO_TOPIC, section_label
from reportkit.model import Case, Document
from reportkit.places import gazetteer
from reportkit.survey.sheet import (
    ACTORS_NAME,
    ANSWER_SHEET,
    CHECK_COLUMN,
    CHECK_HEADER,
    COLUMNS,
    FIRST_ROW,
    GUIDE_SHEET,
    HEADER_ROW,
    INPUT_ROWS,
    LAST_ROW,
    LIST_SHEET,
    MARK_NAME,
    OPEN_LISTS,
    RESPONDENTS_NAME,
    SECTIONS_NAME,
    TOPICS_PREFIX,
    Column,
    Mark,
    column_letter,
)
from reportkit.view import Meeting
from reportkit.wareki import format_wareki
from reportkit.writers.pdf.kinsoku import break_lines
from reportkit.writers.xlsx import layout, styles
from reportkit.writers.xlsx.book import new_workbook
from reportkit.writers.xlsx.cells import put_text
from reportkit.writers.zip_normalize import normalize_zip

WEEKDAYS = "月火水木金土日"
INPUT = "reportkit 入力"
CHECK = "reportkit 入力チェック"
EXAMPLE_DEPARTMENT = "福祉部生活支援課"
EXAMPLE_CONTACT = "電話 000-000-0000（内線 000）"
CHECK_WIDTH = 24
MAX_LIST_WIDTH = 36  # a longer 大項目 or 中項目 wraps
GUIDE_WIDTHS = {"A": 2, "B": 16, "C": 6, "D": 44, "E": 44}


@dataclass(frozen=True)
class Survey:
    """What one form asks: the collection, for which meeting, of whom, by when."""

    document: Document
    timestamp: datetime
    meeting: Meeting = field(default_factory=Meeting)
    prefectures: tuple[str, ...] = ()
    """Prefectures whose governments answer (empty: all 47 and every municipality)."""
    deadline: date | None = None
    organisation: str | None = None
    contact: str | None = None

    @property
    def mark(self) -> Mark:
        return Mark(self.document.title, self.prefectures, self.meeting.id or "")


def render(survey: Survey) -> bytes:
    """The .xlsx bytes of the form for ``survey``."""
    workbook = new_workbook()
    workbook.add_named_style(
        NamedStyle(
            name=INPUT,
            font=styles.BASE,
            border=styles.GRID,
            alignment=Alignment(vertical="top", wrap_text=True),
            number_format="@",
            protection=Protection(locked=False),
        )
    )
    workbook.add_named_style(
        NamedStyle(
            name=CHECK,
            font=Font(name=styles.FONT_NAME, size=9, color="C00000"),
            border=styles.GRID,
            alignment=Alignment(vertical="top", wrap_text=True),
        )
    )
    guide = workbook.active
    assert isinstance(guide, Worksheet), "a new workbook starts with one worksheet"
    guide.title = GUIDE_SHEET
    answers = workbook.create_sheet(ANSWER_SHEET)
    lists = workbook.create_sheet(LIST_SHEET)
    write_lists(workbook, lists, survey)
    write_answers(answers, survey)
    write_guide(guide, survey)
    workbook.security = WorkbookProtection(lockStructure=True)
    _set_properties(workbook, survey)
    return _save(workbook, survey.timestamp)


# -- the hidden list sheet -------------------------------------------------------------
def topic_choices(document: Document) -> list[tuple[str, list[str]]]:
    """(大項目 label, its 中項目 titles) in document order; ― for a section without topics."""
    return [
        (
            section_label(section),
            [NO_TOPIC if topic.implicit else topic.title for topic in section.topics],
        )
        for section in document.sections
    ]


def respondent_names(prefectures: tuple[str, ...] = ()) -> list[str]:
    """Who may answer, in 団体コード order: prefectures, cities, special wards, towns, villages.

    Wards of designated cities answer through their city. With ``prefectures``, only
    those prefectures and their municipalities.
    """
    places = gazetteer.load()
    return [
        places.written_form(entry)
        for entry in places.entries
        if entry.kind != gazetteer.WARD and (not prefectures or entry.prefecture in prefectures)
    ]


def actor_names() -> list[str]:
    """Every local government as a source may write it, unambiguous, in 団体コード order."""
    places = gazetteer.load()
    return [places.written_form(entry) for entry in places.entries]


def _list_column(
    workbook: Workbook, ws: Worksheet, column: int, header: str, values: list[str], name: str
) -> None:
    put_text(ws, 2, column, header)
    for row, value in enumerate(values, start=3):
        put_text(ws, row, column, value)
    letter = column_letter(column - 1)
    reference = f"'{LIST_SHEET}'!${letter}$3:${letter}${2 + len(values)}"
    workbook.defined_names[name] = DefinedName(name, attr_text=reference)


def write_lists(workbook: Workbook, ws: Worksheet, survey: Survey) -> None:
    """The survey mark in row 1; each list below a header in row 2, with a name of its own."""
    for column, value in enumerate(survey.mark.cells(), start=1):
        put_text(ws, 1, column, value)
    workbook.defined_names[MARK_NAME] = DefinedName(
        MARK_NAME, attr_text=f"'{LIST_SHEET}'!$A$1:$D$1"
    )
    choices = topic_choices(survey.document)
    _list_column(workbook, ws, 1, SECTIONS_NAME, [label for label, _ in choices], SECTIONS_NAME)
    for number, (label, topics) in enumerate(choices, start=1):
        _list_column(workbook, ws, 1 + number, label, topics, f"{TOPICS_PREFIX}{number}")
    after = len(choices) + 2
    respondents = respondent_names(survey.prefectures)
    _list_column(workbook, ws, after, RESPONDENTS_NAME, respondents, RESPONDENTS_NAME)
    _list_column(workbook, ws, after + 1, ACTORS_NAME, actor_names(), ACTORS_NAME)
    for index in range(after + 1):
        ws.column_dimensions[column_letter(index)].width = 24
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


# -- the 回答 sheet ---------------------------------------------------------------------
def _validation(column: Column) -> DataValidation:
    """The data validation of one input column, with its Japanese messages."""
    letter = column_letter(COLUMNS.index(column))
    first = f"{letter}{FIRST_ROW}"
    kinds: dict[str, dict[str, Any]] = {
        "respondent": {"type": "list", "formula1": RESPONDENTS_NAME},
        "section": {"type": "list", "formula1": SECTIONS_NAME},
        "topic": {
            "type": "list",
            "formula1": f'INDIRECT("{TOPICS_PREFIX}"&MATCH($B{FIRST_ROW},{SECTIONS_NAME},0))',
        },
        "emphasis": {"type": "custom", "formula1": f"ISNUMBER(FIND({first},$D{FIRST_ROW}))"},
        "actors": {"type": "list", "formula1": ACTORS_NAME, "errorStyle": "warning"},
        "open_list": {"type": "list", "formula1": '"' + ",".join(OPEN_LISTS) + '"'},
    }
    options: dict[str, Any] = kinds.get(
        column.key,
        {"type": "textLength", "operator": "lessThanOrEqual", "formula1": str(column.max_length)},
    )
    validation = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=column.header,
        prompt=column.prompt,
        errorTitle=f"{column.header}の入力",
        error=_alert(column),
        **options,
    )
    validation.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
    return validation


def _alert(column: Column) -> str:
    alerts = {
        "respondent": "一覧にない団体です。▼の一覧から選んでください。",
        "section": "一覧にない大項目です。▼の一覧から選んでください。",
        "topic": "選んだ大項目にない中項目です。先に大項目を選び、▼の一覧から選んでください。",
        "text": f"{column.max_length:,}字以内で書いてください。",
        "emphasis": "取組内容の中にない語句です。取組内容からそのまま写してください。",
        "actors": "一覧にない名称です。複数の団体を「、」で区切って入力した場合は「はい」を押してください。"
        "1団体の場合は▼の一覧から選んでください。",
        "open_list": "「等」か「等多数」を選ぶか、空欄にしてください。",
    }
    return alerts.get(column.key, f"{column.max_length:,}字以内で書いてください。")


def check_formula(row: int) -> str:
    """The 入力チェック of one row: what is missing or wrong, OK, or nothing for an empty row."""
    r = row
    return (
        f'=IF(COUNTA(B{r}:G{r})=0,"",'
        f'IF(OR(A{r}="",B{r}="",C{r}="",D{r}="",F{r}="",H{r}="",I{r}=""),"必須項目が未記入",'
        f'IF(ISERROR(MATCH(C{r},INDIRECT("{TOPICS_PREFIX}"&MATCH(B{r},{SECTIONS_NAME},0)),0)),'
        f'"中項目が大項目にない",'
        f'IF(AND(E{r}<>"",ISERROR(FIND(E{r},D{r}))),"強調部分が取組内容にない",'
        f'"OK"))))'
    )


def write_answers(ws: Worksheet, survey: Survey) -> None:
    """Header, 200 unlocked input rows with validations, the check column, print setup."""
    headers = [column.header for column in COLUMNS] + [CHECK_HEADER]
    widths = [*_widths(survey.document), CHECK_WIDTH]
    for index, header in enumerate(headers):
        put_text(ws, HEADER_ROW, index + 1, header, style=styles.HEADER)
        ws.column_dimensions[column_letter(index)].width = widths[index]
    ws.row_dimensions[HEADER_ROW].height = 24
    for row in range(FIRST_ROW, LAST_ROW + 1):
        for index in range(len(COLUMNS)):
            styles.apply(cast(Cell, ws.cell(row=row, column=index + 1)), INPUT)
        check = cast(Cell, ws.cell(row=row, column=len(COLUMNS) + 1))
        styles.apply(check, CHECK)
        check.value = check_formula(row)
    for column in COLUMNS:
        ws.add_data_validation(_validation(column))
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # let users widen columns and rows
    ws.protection.formatRows = False
    layout.page_setup(
        ws,
        paper=ws.PAPERSIZE_A4,
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        header_left=f"{survey.document.title}　照会様式",
        header_right=_respondents_text(survey),
    )
    ws.print_area = f"A{HEADER_ROW}:{CHECK_COLUMN}{LAST_ROW}"


def _widths(document: Document) -> list[float]:
    """Each column's width; 大項目 and 中項目 widened to show this document's labels whole."""
    choices = topic_choices(document)
    labels = {
        "section": [label for label, _ in choices],
        "topic": [topic for _, topics in choices for topic in topics],
    }
    return [
        layout.fit_width(labels.get(column.key, []), minimum=column.width, maximum=MAX_LIST_WIDTH)
        for column in COLUMNS
    ]


def _respondents_text(survey: Survey) -> str:
    return "・".join(survey.prefectures) + "用" if survey.prefectures else "回答"


# -- the 記入要領 sheet -------------------------------------------------------------------
def deadline_text(deadline: date | None) -> str:
    """令和8年12月18日（金）まで; without a date, the letter of request gives it."""
    if deadline is None:
        return "依頼文に記載の期限まで"
    return f"{format_wareki(deadline)}（{WEEKDAYS[deadline.weekday()]}）まで"


def example_case(document: Document) -> Case:
    """The case the 記入例 shows: the first with emphasis and named actors, else the first."""
    cases = list(document.cases())
    for case in cases:
        if case.emphasized and case.attribution.actors and case.attribution.actors[0].government:
            return case
    return cases[0]


def example_row(document: Document) -> dict[str, str]:
    """The 記入例: one answer made from a case of the collection."""
    case = example_case(document)
    section, topic = next(
        (s, t) for s, t in document.topics() if any(c.id == case.id for c in t.cases)
    )
    actors = case.attribution.actors
    respondent = actors[0].label if actors else ""
    return {
        "respondent": respondent,
        "section": section_label(section),
        "topic": NO_TOPIC if topic.implicit else topic.title,
        "text": case.text,
        "emphasis": case.emphasized[0] if case.emphasized else "",
        "actors": "、".join(actor.label for actor in actors) or "非公表",
        "open_list": case.attribution.open_list or "",
        "department": EXAMPLE_DEPARTMENT,
        "contact": EXAMPLE_CONTACT,
    }


def guide_lines(survey: Survey) -> list[tuple[str, str | None]]:
    """The 記入要領 above the column table: (text, style) per line."""
    title = survey.document.title
    meeting = survey.meeting.name
    lines: list[tuple[str, str | None]] = [
        ("取組事例の照会　記入要領", styles.TITLE),
        ("", None),
        ("1　照会の趣旨", styles.CAPTION),
        (f"　生活困窮者自立支援制度の「{title}」に掲載する取組事例を照会します。", None),
        ("　他の自治体の参考になる取組を、「回答」シートに1行1事例で記入してください。", None),
    ]
    if meeting:
        lines.append((f"　お寄せいただいた事例は「{meeting}」の資料として使います。", None))
    if survey.prefectures:
        joined = "・".join(survey.prefectures)
        lines.append((f"　{joined}におかれては、管内市区町村の回答も取りまとめてください。", None))
    lines += [
        ("", None),
        ("2　提出期限", styles.CAPTION),
        (f"　{deadline_text(survey.deadline)}", None),
        ("", None),
        ("3　提出方法", styles.CAPTION),
        ("　記入したこの様式を、Excel ブック（.xlsx）のまま電子メールで提出してください。", None),
        ("　CSV や PDF に変換したり、パスワードを付けたりしないでください。", None),
        ("　シート名・列・見出しは変えず、行や列の挿入・削除もしないでください。", None),
        ("", None),
        ("4　記入のしかた", styles.CAPTION),
        (
            f"　・1行に1事例を記入します（{INPUT_ROWS}事例まで。足りない場合は様式をもう1つ使います）。",
            None,
        ),
        ("　・▼の付く欄は一覧から選びます。セルを選ぶと記入のしかたが表示されます。", None),
        (
            "　・数字だけの連絡先や日付も文字として記入されます（先頭に ' や = を付けないでください）。",
            None,
        ),
        (
            "　・右端の「入力チェック」に記入漏れなどが表示されます。すべて「OK」になれば完了です。",
            None,
        ),
        ("", None),
    ]
    return lines


def write_guide(ws: Worksheet, survey: Survey) -> None:
    """What is asked, by when, how to fill each column (with an example), whom to ask."""
    for letter, width in GUIDE_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    row = 1
    for text, style in guide_lines(survey):
        if text:
            put_text(ws, row, 2, text, style=style)
        row += 1
    row = _column_table(ws, row, example_row(survey.document))
    row += 1
    put_text(ws, row, 2, "5　問い合わせ先", style=styles.CAPTION)
    for contact in (survey.organisation, survey.contact):
        if contact:
            row += 1
            put_text(ws, row, 2, f"　{contact}")
    ws.protection.sheet = True
    layout.page_setup(
        ws,
        paper=ws.PAPERSIZE_A4,
        title_rows=None,
        header_left=f"{survey.document.title}　照会様式",
        header_right=GUIDE_SHEET,
        landscape=False,
    )


def wrapped(text: str, width: float) -> str:
    """``text`` broken into lines that fit a column ``width`` units wide, with 禁則.

    LibreOffice wraps cell text without 禁則 (a 。 may start a line); lines broken here
    fit the column, so neither Excel nor LibreOffice breaks them again.
    """
    widths = [2.0 if unicodedata.east_asian_width(c) in "WFA" else 1.0 for c in text]
    lines = break_lines(text, widths, width - 2, hang=False)
    return "\n".join(text[line.start : line.end] for line in lines)


def _column_table(ws: Worksheet, row: int, example: dict[str, str]) -> int:
    """項目 | 必須 | 記入のしかた | 記入例, one row per column; the row after it."""
    for column, header in enumerate(("項目", "必須", "記入のしかた", "記入例"), start=2):
        put_text(ws, row, column, header, style=styles.HEADER)
    for item in COLUMNS:
        row += 1
        guide = wrapped(item.guide, GUIDE_WIDTHS["D"])
        shown = wrapped(example[item.key], GUIDE_WIDTHS["E"])
        values = (item.header, "○" if item.required else "", guide, shown)
        for column, value in enumerate(values, start=2):
            put_text(
                ws, row, column, value, style=styles.TABLE_NUMBER if column == 3 else styles.LIST
            )
        lines = max(guide.count("\n"), shown.count("\n")) + 1
        ws.row_dimensions[row].height = layout.row_height(lines)
    return row + 1


# -- the file ---------------------------------------------------------------------------
def _set_properties(workbook: Workbook, survey: Survey) -> None:
    when = survey.timestamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    properties = workbook.properties
    properties.title = f"{survey.document.title}　照会様式"
    properties.subject = survey.meeting.name or survey.document.subtitle
    properties.creator = survey.organisation or "reportkit"
    properties.lastModifiedBy = properties.creator
    properties.language = "ja-JP"
    properties.created = when
    properties.modified = when
    properties.identifier = survey.meeting.id


def _save(workbook: Workbook, when: datetime) -> bytes:
    """Serialise as :mod:`reportkit.writers.xlsx.book` does: no save time, normalised zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return normalize_zip(buffer.getvalue(), when)
