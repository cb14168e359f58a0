"""Reading a page's elements the way the tests need them: by id, with their attributes and values."""

from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every element with an id, by id: (tag, attributes); a textarea's text; checked options by name."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, tuple[str, dict]] = {}
        self.texts: dict[str, str] = {}
        self.checked: dict[str, list[str]] = {}
        self.selected: dict[str, list[str]] = {}
        self._textarea = self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.by_id[attributes["id"]] = (tag, attributes)
        if tag == "textarea":
            self._textarea = attributes["id"]
            self.texts[self._textarea] = ""
        if tag == "select":
            self._select = attributes["name"]
        if tag == "option" and "selected" in attributes:
            self.selected.setdefault(self._select, []).append(attributes["value"])
        if tag == "input" and "checked" in attributes:
            self.checked.setdefault(attributes["name"], []).append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # The HTML parser drops the newline right after <textarea>, as browsers do.
            self.texts[self._textarea] += data

    def attributes(self, element_id: str) -> dict:
        return self.by_id[element_id][1]

    def text_of(self, element_id: str) -> str:
        return self.texts[element_id].removeprefix("\r\n").removeprefix("\n")
