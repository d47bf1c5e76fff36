"""One case's text -> its emphasis runs and its attribution: the parser every reader shares.

A reader turns a case into characters, each with its emphasis flag and its 0-based
column (:data:`Char`), and :func:`parse_case` splits them into the model's runs and
attribution: a trailing ``【…】``, or a trailing ``(…)`` that names places (an aside such
as ``(出張相談会)`` is text). Actors are split at 、,，・･; ``等`` and ``等多数`` end an
open list; ``静岡県内7市`` is a group; ``【非公表】`` names nobody. Problems go to the
reader's ``report`` with their column, so every format reports them the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import Any

WS = " \t\u3000"
UNDISCLOSED = "非公表"
OPEN = "(（"
CLOSE = ")）"
_SEPARATORS = "、,，・･"
_GROUP = re.compile(
    r"^(?P<prefecture>.+?[都道府県])内(?P<count>[0-9０-９]+)(?P<kind>市町村|市町|町村|市|町|村)$"
)
_PLACE_SUFFIX = tuple("都道府県市区町村")

Char = tuple[str, bool, int]
"""A character of a case, whether it is emphasised, and its 0-based column."""

Report = Callable[[int, str, str], None]
"""Where problems go: ``report(column, message, hint)`` with a 0-based column."""


def parse_case(
    chars: list[Char],
    line: int,
    report: Report,
    *,
    start: int = 0,
    attribution_at: int | None = None,
) -> dict[str, Any] | None:
    """The runs and attribution of one case as model data, or None after reporting why not.

    ``chars`` is the case without trailing spaces and not empty; ``start`` is the column
    where its text begins. ``attribution_at`` is the index where the attribution starts
    when the reader knows it (a Word character style); otherwise it is found by the text.
    """
    return _CaseParser(chars, line, report, start).parse(attribution_at)


def bracketed(text: str) -> bool:
    """True when ``text`` is one attribution in brackets: ``【…】`` or ``(…)``."""
    if len(text) < 2:
        return False
    if text[0] == "【":
        return text[-1] == "】" and text.count("【") == 1 == text.count("】")
    return text[0] in OPEN and text[-1] in CLOSE and matching_open(text) == 0


def matching_open(text: str) -> int | None:
    """Index of the bracket that opens the one closing ``text``."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in CLOSE:
            depth += 1
        elif text[index] in OPEN:
            depth -= 1
            if depth == 0:
                return index
    return None


class _CaseParser:
    """Split one case into emphasis runs and its attribution."""

    def __init__(self, chars: list[Char], line: int, report: Report, start: int) -> None:
        self.chars = chars
        self.number = line
        self.report = report
        self.start = start

    def error(self, index: int, message: str, hint: str = "") -> None:
        self.report(index, message, hint)

    def parse(self, attribution_at: int | None) -> dict[str, Any] | None:
        chars = self.chars
        plain = "".join(map(_CHAR, chars))
        if self._unbalanced_brackets(plain, chars):
            return None
        split = attribution_at
        if split is None:
            split = self._attribution_start(plain, chars)
        if split is None:
            return None
        body = chars[:split]
        while body and body[-1][0] in WS:
            body.pop()
        tail = chars[split:]
        if not "".join(map(_CHAR, body)).strip(WS):
            self.error(self.start, "case text is empty", "write the case before its attribution")
            return None
        attribution = self._attribution(tail)
        if attribution is None:
            return None
        return {"runs": _runs(body), "attribution": attribution, "line": self.number}

    def _unbalanced_brackets(self, plain: str, chars: list[Char]) -> bool:
        if plain.count("【") == 1 == plain.count("】") and plain.index("【") < plain.index("】"):
            return False  # the usual case, decided without a loop
        depth, opened = 0, -1
        for char, _, column in chars:
            if char == "【":
                if depth:
                    self.error(
                        column, "'【' inside another '【…】'", "close the first '【' with '】'"
                    )
                    return True
                depth, opened = 1, column
            elif char == "】":
                if not depth:
                    self.error(
                        column, "'】' without an opening '【'", "add the '【' or delete this"
                    )
                    return True
                depth = 0
        if depth:
            self.error(opened, "unclosed '【': the attribution has no '】'", "close it with '】'")
            return True
        return False

    def _attribution_start(self, plain: str, chars: list[Char]) -> int | None:
        """Index in ``plain`` where the attribution starts, or None after reporting why not."""
        if plain.endswith("】"):
            return plain.rindex("【")
        if plain[-1] in CLOSE:
            opening = matching_open(plain)
            if opening is not None and _looks_like_actors(plain[opening + 1 : -1]):
                return opening
        if "】" in plain:
            column = chars[plain.rindex("】") + 1][2]
            self.error(column, "text after the attribution", "end the case with its '【…】'")
            return None
        self.error(
            chars[-1][2],
            "the case has no attribution",
            f"end it with the actor in 【】, e.g. 【鳥羽市】, or 【{UNDISCLOSED}】 if it is not named",
        )
        return None

    def _attribution(self, tail: list[Char]) -> dict[str, Any] | None:
        brackets = "【】" if tail[0][0] == "【" else "()"
        inner = tail[1:-1]
        written = "".join(c for c, _, _ in inner).strip(WS)
        attribution: dict[str, Any] = {
            "written": written,
            "brackets": brackets,
            "emphasis": any(emph for _, emph, _ in tail),
        }
        if not written:
            self.error(tail[0][2], "empty attribution", "name the actor inside the brackets")
            return None
        if written == UNDISCLOSED:
            return attribution | {"undisclosed": True, "actors": []}
        parts = _split_names(inner)
        last_name, last_start = parts[-1]
        for marker in ("等多数", "等"):
            if last_name.endswith(marker):
                attribution["open_list"] = marker
                last_name = last_name[: -len(marker)].rstrip(WS)
                parts[-1] = (last_name, last_start)
                break
        actors = []
        for name, column in parts:
            if not name:
                self.error(column, "empty name in the attribution", "delete the extra separator")
                return None
            actors.append(_actor(name, self.number, column + 1))
        attribution["actors"] = actors
        return attribution


_CHAR = itemgetter(0)
_EMPHASIS = itemgetter(1)


def _runs(chars: list[Char]) -> list[dict[str, Any]]:
    return [
        {"text": "".join(map(_CHAR, group)), "emphasis": emphasis}
        for emphasis, group in groupby(chars, key=_EMPHASIS)
    ]


def _split_names(inner: list[Char]) -> list[tuple[str, int]]:
    """Names between separators with the 0-based column where each starts."""
    parts: list[tuple[str, int]] = []
    current, start = "", inner[0][2] if inner else 0
    for char, _, column in inner:
        if char in _SEPARATORS:
            parts.append((current.strip(WS), start))
            current, start = "", column + 1
        else:
            if not current.strip(WS):
                start = column
            current += char
    parts.append((current.strip(WS), start))
    return parts


def _actor(name: str, line: int, column: int) -> dict[str, Any]:
    actor: dict[str, Any] = {"written": name, "line": line, "column": column}
    group = _GROUP.match(name)
    if group:
        actor["group"] = {
            "prefecture": group["prefecture"],
            "count": int(unicodedata.normalize("NFKC", group["count"])),
            "kind": group["kind"],
        }
    return actor


def _looks_like_actors(inner: str) -> bool:
    """True when a trailing (…) names places, not an aside such as (出張相談会)."""
    names = [n.strip(WS) for n in re.split(f"[{_SEPARATORS}]", inner)]
    if names and names[-1].endswith(("等多数", "等")):
        names[-1] = names[-1].removesuffix("等多数").removesuffix("等")
    return all(n and (n.endswith(_PLACE_SUFFIX) or _GROUP.match(n)) for n in names)
