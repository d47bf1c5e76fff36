"""The model's one text type and frozen nodes: an invalid document cannot exist."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from reportkit.model import Document, Run, derive_key
from reportkit.view import Meeting


@pytest.mark.parametrize(
    "bad", ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff"]
)
def test_text_refuses_what_xml_cannot_carry(bad: str) -> None:
    with pytest.raises(ValidationError, match=f"U\\+{ord(bad):04X}"):
        Run(text=f"相談{bad}支援")
    with pytest.raises(ValidationError, match=f"U\\+{ord(bad):04X}"):
        Meeting(name=f"会議{bad}")


@pytest.mark.parametrize("bad", ["\ud800", "\udfff"])
def test_text_refuses_lone_surrogates(bad: str) -> None:
    with pytest.raises(ValidationError, match="unicode"):
        Run(text=f"相談{bad}支援")


@pytest.mark.parametrize("good", ["\t", "\n", "\u3000", "\U00020b9f", "\ue000", "\ufffd"])
def test_text_keeps_every_xml_character(good: str) -> None:
    assert Run(text=f"相談{good}支援").text == f"相談{good}支援"


def test_line_breaks_are_normalised() -> None:
    assert Run(text="一行目\r\n二行目\r三行目").text == "一行目\n二行目\n三行目"


def test_nodes_are_frozen(real_document: Document) -> None:
    case = next(real_document.cases())
    with pytest.raises(ValidationError):
        case.runs[0].text = "書き換え"  # type: ignore[misc]


def test_keys_ignore_width_and_spaces_but_not_words() -> None:
    assert derive_key("相談 支援（２件）", "鳥羽市") == derive_key("相談支援(2件)", "鳥羽市")
    assert derive_key("相談支援", "鳥羽市") != derive_key("相談支援", "伊勢市")
    assert derive_key("相談支援", "鳥羽市") != derive_key("就労支援", "鳥羽市")


def test_every_case_of_the_real_source_has_its_own_key(real_document: Document) -> None:
    keys = [case.key for case in real_document.cases()]
    assert len(set(keys)) == len(keys) == 61
    assert all(key.startswith("k") and len(key) == 11 for key in keys)


def test_a_repeated_case_gets_a_key_of_its_own(real_document: Document) -> None:
    data = real_document.model_dump()
    topic = data["sections"][0]["topics"][0]
    twin = dict(topic["cases"][0], id="1-1-99", key="")
    topic["cases"].append(twin)
    first = dict(topic["cases"][0], key="")
    topic["cases"][0] = first
    document = Document.model_validate(data)
    cases = document.sections[0].topics[0].cases
    assert cases[0].key != cases[-1].key
    assert cases[-1].key == derive_key(cases[-1].text, cases[-1].attribution.written, 2)
