"""The layout of the 照会様式 that the form writer and the answer reader share.

The 回答 sheet has one header row and one answer per row below it; each column is one
:class:`Column`. A hidden sheet holds the drop-down lists and, in its first row, the
survey mark (:class:`Mark`) by which a returned form is recognised as one of ours.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "reportkit 照会様式 1"
"""The first cell of the survey mark: what made the form and the version of its layout."""

GUIDE_SHEET = "記入要領"
ANSWER_SHEET = "回答"
LIST_SHEET = "リスト"

HEADER_ROW = 1
FIRST_ROW = 2
INPUT_ROWS = 200
LAST_ROW = FIRST_ROW + INPUT_ROWS - 1

MARK_NAME = "reportkit_survey"
SECTIONS_NAME = "大項目"
TOPICS_PREFIX = "中項目_"
RESPONDENTS_NAME = "回答団体"
ACTORS_NAME = "実施団体"

OPEN_LISTS = ("等", "等多数")
CHECK_HEADER = "入力チェック"


@dataclass(frozen=True)
class Column:
    """One column of the 回答 sheet."""

    key: str
    header: str
    width: float
    required: bool
    max_length: int
    prompt: str
    """The input message Excel shows when the cell is selected (at most 255 characters)."""
    guide: str
    """How to fill it in, as the 記入要領 says."""


COLUMNS: tuple[Column, ...] = (
    Column(
        "respondent",
        "回答団体",
        14,
        True,
        20,
        "回答する団体を一覧から選んでください。",
        "回答する都道府県・市区町村を一覧から選びます。",
    ),
    Column(
        "section",
        "大項目",
        26,
        True,
        100,
        "事例を載せる大項目を一覧から選んでください。",
        "事例を載せる大項目を一覧から選びます。",
    ),
    Column(
        "topic",
        "中項目",
        28,
        True,
        100,
        "先に大項目を選び、その中の中項目を一覧から選んでください。中項目のない大項目では「―」を選びます。",
        "選んだ大項目の中の中項目を一覧から選びます（大項目を先に選びます）。"
        "中項目のない大項目では「―」を選びます。",
    ),
    Column(
        "text",
        "取組内容",
        44,
        True,
        1000,
        "取組の内容を1つの段落で書いてください（1,000字以内、セル内で改行しない）。団体名は実施団体の欄に書きます。",
        "取組の内容を1つの段落で書きます（1,000字以内）。セル内で改行せず、"
        "【】や**は使いません。団体名は実施団体の欄に書きます。",
    ),
    Column(
        "emphasis",
        "強調したい部分",
        22,
        False,
        1000,
        "資料で太字にしたい語句を、取組内容の中から1か所そのまま写してください（任意）。",
        "資料で太字にしたい語句を、取組内容の中から1か所そのまま写します（任意）。",
    ),
    Column(
        "actors",
        "実施団体",
        16,
        True,
        200,
        "取組を実施した団体を一覧から選んでください。複数の場合は「、」で区切って入力します（確認が出たら「はい」）。",
        "取組を実施した団体を一覧から選びます。複数の団体は「、」で区切って入力します。"
        "同名の市町村がある場合は都道府県名から書きます（例：広島県府中市）。",
    ),
    Column(
        "open_list",
        "等",
        6,
        False,
        3,
        "実施団体のほかにも実施団体がある場合は「等」、多数ある場合は「等多数」を選びます（任意）。",
        "実施団体のほかにも実施している団体がある場合は「等」、多数ある場合は「等多数」を選びます（任意）。",
    ),
    Column(
        "department",
        "担当部署",
        14,
        True,
        100,
        "この事例について問い合わせる担当部署を書いてください。",
        "この事例についてお問い合わせする担当部署を書きます（資料には載りません）。",
    ),
    Column(
        "contact",
        "連絡先",
        16,
        True,
        100,
        "担当部署の電話番号またはメールアドレスを書いてください。",
        "担当部署の電話番号またはメールアドレスを書きます（資料には載りません）。",
    ),
)

CASE_KEYS = ("section", "topic", "text", "emphasis", "actors", "open_list")
"""The columns that make a row an answer; a row with none of them filled is empty."""


def column_letter(index: int) -> str:
    """A, B, … for the 0-based index of a column of :data:`COLUMNS` (or the one after)."""
    return chr(ord("A") + index)


CHECK_COLUMN = column_letter(len(COLUMNS))


@dataclass(frozen=True)
class Mark:
    """The survey mark in the first row of the hidden list sheet.

    ``title`` is the title of the collection asked about; ``prefectures`` the prefectures
    whose governments may answer (empty: all); ``meeting`` the meeting id, if any.
    """

    title: str
    prefectures: tuple[str, ...] = ()
    meeting: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        """The four cells of the mark: format, title, prefectures (、-joined), meeting."""
        return (FORMAT, self.title, "、".join(self.prefectures), self.meeting)
