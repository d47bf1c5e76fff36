"""Reading the web page back with the standard library's HTML parser.

A case is an ``<li class="case">``: its number in ``span.case-number``, its text in
``p.case-text`` (``<strong>`` for emphasis), its attribution in ``p.source``; text a
screen reader alone hears (``span.vh``: 「事例」, 「出典：」) is not content. Counts per
section and topic come from the structure: the cases under each ``<h2>`` and ``<h3>``.
The number a case is anchored at (``id="case-1-2-3"``) must be the number it shows.
"""

from __future__ import annotations

from html.parser import HTMLParser

from reportkit.verify.facts import ReadCase, Reading, TopicKey, VerifyError, phrases, topic_key

_PARTS = {"case-number": "number", "case-text": "text", "source": "source"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base"}


class _Page(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.reading = Reading(name)
        self.counts: dict[TopicKey, list[int | str]] = {}
        self.section: int | None = None
        self.topic: TopicKey | None = None
        self.heading: str | None = None  # "h2" or "h3" while inside one
        self.heading_text = ""
        self.case: dict[str, list[tuple[str, bool]]] | None = None
        self.anchor = ""
        self.part: str | None = None
        self.hidden = 0  # depth inside span.vh
        self.strong = 0
        self.stack: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        role = ""
        if tag in ("h2", "h3"):
            self.heading, self.heading_text = tag, ""
        elif tag == "li" and "case" in classes:
            self.case = {"number": [], "text": [], "source": []}
            self.anchor = found.get("id") or ""
            role = "case"
        if "vh" in classes:
            self.hidden += 1
            role = "vh"
        elif self.case is not None and classes and classes[0] in _PARTS and not self.hidden:
            self.part = _PARTS[classes[0]]
            role = "part"
        if tag == "strong":
            self.strong += 1
        if tag not in _VOID:
            self.stack.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self.strong = max(0, self.strong - 1)
        if tag == self.heading:
            self._heading(tag, self.heading_text.strip())
            self.heading = None
        if all(opened != tag for opened, _ in self.stack):
            return  # an end tag nothing opened: nothing closes
        while self.stack:
            opened, role = self.stack.pop()
            if role == "vh":
                self.hidden -= 1
            elif role == "part":
                self.part = None
            elif role == "case":
                self._case()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading_text += data
        if self.case is not None and self.part is not None and not self.hidden:
            self.case[self.part].append((data, self.strong > 0))

    def _heading(self, tag: str, text: str) -> None:
        place = f"{self.name} 「{text[:20]}」"
        if tag == "h2":
            found = topic_key(text)
            self.section = found[0] if found else None
            self.topic = None
            if found:
                self.counts[found] = [0, place]
        elif self.section is not None:
            self.topic = topic_key(text, self.section)
            if self.topic is not None:
                self.counts[self.topic] = [0, place]

    def _case(self) -> None:
        assert self.case is not None
        number = "".join(text for text, _ in self.case["number"]).strip() or None
        if number is not None and self.anchor != f"case-{number}":
            raise VerifyError(
                f"{self.name}: case {number} is anchored at #{self.anchor}\n"
                f"  {self.name}: the link to a case must name its number"
            )
        text, source = self.case["text"], self.case["source"]
        self.reading.cases.append(
            ReadCase(
                place=f"{self.name} #{self.anchor}",
                id=number,
                text="".join(piece for piece, _ in text),
                emphasis=phrases([*text, *source]),
                attribution="".join(piece for piece, _ in source).strip() or None,
            )
        )
        section = (self.section, None) if self.section is not None else None
        for key in filter(None, (section, self.topic)):
            self.counts[key][0] = int(self.counts[key][0]) + 1
        self.case = None


def read(data: bytes, name: str) -> Reading:
    """The cases and the counts per section and topic of a web page."""
    page = _Page(name)
    page.feed(data.decode("utf-8"))
    page.close()
    reading = page.reading
    reading.topics = {key: (int(n), str(place)) for key, (n, place) in page.counts.items()}
    return reading
