"""verify's reading of the handout's index: an entry continued over columns and pages.

The handout is rendered from a source of 400 cases of 鳥羽市 and 3 of 志摩市 (三重県,
団体コード 24211 and 24215: 鳥羽市's entry first); its long entry runs over columns and on
to the next page, where the page number 「- N -」 is drawn before the continued strip.
"""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from reportkit.building.plan import make_view
from reportkit.source import load
from reportkit.verify import pdf
from reportkit.verify.facts import Expected, VerifyError, compare
from reportkit.view import View
from reportkit.writers.pdf import render

from .adversarial.sources import source

TOBA, SHIMA = "三重県 鳥羽市", "三重県 志摩市"


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> tuple[View, bytes]:
    cases = [f"- 事例{i}として相談窓口の工夫を行った。【鳥羽市】" for i in range(1, 401)]
    cases += [f"- 事例{i}として就労支援を行った。【志摩市】" for i in range(401, 404)]
    path = tmp_path_factory.mktemp("index") / "s.md"
    path.write_text(source("1. 新規相談・プラン作成", "\n".join(cases)), encoding="utf-8")
    view = make_view(load(path), path)
    return view, render(view)


def test_the_entry_runs_on_over_a_page_break(handout: tuple[View, bytes]) -> None:
    """The premise of the tests below, read with pypdf's own text extraction."""
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(handout[1])).pages]
    continued = [n for n, text in enumerate(pages, 1) if "三重県（続き）" in text]
    assert len(continued) >= 2, continued
    last = pages[continued[-1] - 1]
    assert re.search(r"1-1-400\s*\(p\.\d+\)", last) and "志摩市" in last


def test_a_continued_entry_counts_every_reference_for_its_name(
    handout: tuple[View, bytes],
) -> None:
    view, data = handout
    reading = pdf.read(data, "s.pdf")
    assert {key: count for key, (count, _) in reading.governments.items()} == {
        TOBA: 400,
        SHIMA: 3,
    }
    assert compare(Expected(view), reading).governments == 2


def test_the_page_numbers_are_not_read_as_text(handout: tuple[View, bytes]) -> None:
    read = list(pdf.pieces(handout[1]))
    assert not any(re.fullmatch(r"-\s*\d+\s*-", piece.text.strip()) for piece in read)
    assert not any(piece.text.lstrip().startswith("- ") for piece in read if piece.size == 9.0)


def test_a_reference_line_lost_from_the_continuation_is_caught(
    handout: tuple[View, bytes],
) -> None:
    """The first line of references on the last page is emptied in its content stream."""
    view, data = handout
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)
    page = writer.pages[-1]
    content = page.get_contents()
    assert content is not None
    stream = content.get_data()
    references = rb"(/\S+ 8\.5 Tf [\d.]+ TL )\((?:[^\\()]|\\[\s\S])*\) Tj"
    edited, count = re.subn(references, rb"\1() Tj", stream, count=1)
    assert count == 1
    content.set_data(edited)
    page.replace_contents(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    reading = pdf.read(buffer.getvalue(), "s.pdf")
    with pytest.raises(VerifyError) as caught:
        compare(Expected(view), reading)
    message = str(caught.value)
    assert f"the count of {TOBA} differs" in message
    assert re.search(r"s\.pdf p\.\d+: 39[5-9]\n", message), message  # one line: 1 to 3 fewer
    assert message.endswith(f"{view.document.source_name}: 400")
