"""The workbook: four sheets, document properties from the view, reproducible bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC
from functools import partial
from typing import Protocol, cast

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles.named_styles import NamedStyleList
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.writer.excel import ExcelWriter

from reportkit.errors import BuildError
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cases import SHEET as CASES_SHEET
from reportkit.writers.xlsx.cases import write_cases
from reportkit.writers.xlsx.formulas import cache_values, cached
from reportkit.writers.xlsx.matrix import SHEET as MATRIX_SHEET
from reportkit.writers.xlsx.matrix import write_matrix
from reportkit.writers.xlsx.records import SHEET as RECORDS_SHEET
from reportkit.writers.xlsx.records import write_records
from reportkit.writers.xlsx.totals import SHEET as TOTALS_SHEET
from reportkit.writers.xlsx.totals import write_totals
from reportkit.writers.zip_normalize import normalize_zip


class _Fonts(Protocol):
    """The private attributes of a Workbook that hold its fonts and named styles."""

    _fonts: IndexedList[Font]
    _named_styles: NamedStyleList


def render(view: View) -> bytes:
    """The .xlsx bytes of ``view``: byte-identical for the same view."""
    if not view.document.resolved:
        raise BuildError(
            "xlsx: the document's actors are not resolved to local governments; "
            "build it through reportkit.source.load",
            "xlsx",
        )
    workbook = new_workbook()
    matrix = workbook.worksheets[0]
    matrix.title = MATRIX_SHEET
    cases = workbook.create_sheet(CASES_SHEET)
    totals = workbook.create_sheet(TOTALS_SHEET)
    records = workbook.create_sheet(RECORDS_SHEET)
    rows = write_cases(cases, view)
    write_matrix(matrix, view, rows)
    write_totals(totals, view)
    write_records(records, view)
    set_properties(workbook, view)
    return save(workbook, view)


def new_workbook() -> Workbook:
    """An empty workbook whose default (Normal) font is the Japanese one of :mod:`.styles`."""
    workbook = Workbook()
    # openpyxl has no public way to change the default font: replace font 0, which the
    # Normal style and every unstyled cell use; column widths are measured in its digits.
    inside = cast("_Fonts", workbook)
    inside._fonts = IndexedList([styles.BASE])
    inside._named_styles["Normal"].font = styles.BASE
    styles.register(workbook)
    return workbook


def set_properties(workbook: Workbook, view: View) -> None:
    """Title, author and dates from the view (never the time of the build)."""
    document = view.document
    when = view.timestamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    properties = workbook.properties
    properties.title = document.title
    properties.subject = view.meeting.name or document.subtitle
    properties.creator = view.meeting.organisation or "reportkit"
    properties.lastModifiedBy = properties.creator
    properties.language = "ja-JP"
    properties.created = when
    properties.modified = when
    properties.identifier = view.meeting.number


def save(workbook: Workbook, view: View) -> bytes:
    """Serialise without openpyxl's save() (which stamps the current time), then normalise,
    filling in the values of the totals' formulas on the way."""
    buffer = io.BytesIO()
    # Stored, not deflated: normalize_zip compresses every member once, in its own pass.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook, archive).write_data()
    rewrite: dict[str, Callable[[bytes], bytes]] = {}
    for index, sheet in enumerate(workbook.worksheets, start=1):
        values = cached(sheet)
        if values:  # openpyxl names the parts by position: xl/worksheets/sheet1.xml, …
            rewrite[f"xl/worksheets/sheet{index}.xml"] = partial(cache_values, values=values)
    return normalize_zip(buffer.getvalue(), view.timestamp, rewrite)
