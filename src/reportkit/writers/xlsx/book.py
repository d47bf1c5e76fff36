"""The workbook: three sheets, document properties from the view, reproducible bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC

from openpyxl import Workbook
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.writer.excel import ExcelWriter

from reportkit.errors import BuildError
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cases import SHEET as CASES_SHEET
from reportkit.writers.xlsx.cases import write_cases
from reportkit.writers.xlsx.matrix import SHEET as MATRIX_SHEET
from reportkit.writers.xlsx.matrix import write_matrix
from reportkit.writers.xlsx.totals import SHEET as TOTALS_SHEET
from reportkit.writers.xlsx.totals import write_totals
from reportkit.writers.zip_normalize import normalize_zip


def render(view: View) -> bytes:
    """The .xlsx bytes of ``view``: byte-identical for the same view."""
    if not view.document.resolved:
        raise BuildError(
            "xlsx: the document's actors are not resolved to local governments; "
            "build it through reportkit.source.load",
            "xlsx",
        )
    workbook = new_workbook()
    matrix = workbook.active
    matrix.title = MATRIX_SHEET
    cases = workbook.create_sheet(CASES_SHEET)
    totals = workbook.create_sheet(TOTALS_SHEET)
    rows = write_cases(cases, view)
    write_matrix(matrix, view, rows)
    write_totals(totals, view)
    set_properties(workbook, view)
    return save(workbook, view)


def new_workbook() -> Workbook:
    """An empty workbook whose default (Normal) font is the Japanese one of :mod:`.styles`."""
    workbook = Workbook()
    # openpyxl has no public way to change the default font: replace font 0, which the
    # Normal style and every unstyled cell use; column widths are measured in its digits.
    workbook._fonts = IndexedList([styles.BASE])
    workbook._named_styles["Normal"].font = styles.BASE
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
    """Serialise without openpyxl's save() (which stamps the current time), then normalise."""
    buffer = io.BytesIO()
    # Stored, not deflated: normalize_zip compresses every member once, in its own pass.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return normalize_zip(buffer.getvalue(), view.timestamp)
