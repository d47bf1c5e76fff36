"""Property-based fuzzing: the reader raises nothing but its own SourceError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit.errors import SourceError
from reportkit.model import Document
from reportkit.readers.markdown import read_markdown
from reportkit.readers.text import decode

from .conftest import REAL_SOURCE

REAL_LINES = REAL_SOURCE.read_text(encoding="utf-8").splitlines()
ALPHABET = st.sampled_from(
    list("表題節項目本文。、「」()（）【】*-#1１.．※ \t\n\r\x0b\u3000鳥羽市県等多数続き・内7")
)


def _parse(text: str) -> None:
    try:
        document = read_markdown(text, "fuzz.md")
    except SourceError as error:
        assert error.problems, "a SourceError always lists its problems"
        assert all(p.path == "fuzz.md" and p.message for p in error.problems)
    else:
        assert isinstance(document, Document)
        assert sum(1 for _ in document.cases()) >= 1


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _parse(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_text_made_of_format_characters(text: str) -> None:
    _parse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.md")
    except SourceError:
        return
    _parse(text)


@st.composite
def mutated_source(draw: st.DrawFn) -> str:
    lines = list(REAL_LINES)
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "edit", "insert"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "edit" and lines[index]:
            at = draw(st.integers(0, len(lines[index])))
            cut = draw(st.integers(0, 5))
            lines[index] = (
                lines[index][:at] + draw(st.text(ALPHABET, max_size=4)) + lines[index][at + cut :]
            )
        else:
            lines.insert(index, draw(st.text(ALPHABET, max_size=30)))
        if not lines:
            break
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_source())
def test_mutated_real_source(text: str) -> None:
    _parse(text)
