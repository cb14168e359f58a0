"""The UI catalogs as the tests read them: which standard-Finnish texts show on a page that should
be in selko or in Swedish."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from tests.helpers.app import ROOT

CATALOGS = ROOT / "surveyapp" / "translations"


def read_catalog(path: Path, locale: str):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def message_key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def fixed_parts(message) -> list[str]:
    """The fixed parts of a message's translations, between placeholders, five characters or more."""
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return [p.strip() for s in strings for p in re.split(r"%\(\w+\)[sd]", s) if len(p.strip()) >= 5]


STANDARD = [m for m in read_catalog(CATALOGS / "fi" / "LC_MESSAGES" / "messages.po", "fi") if m.id]
PLAIN = {
    message_key(m): m
    for m in read_catalog(CATALOGS / "fi" / "LC_MESSAGES" / "selko.po", "fi")
    if m.id
}
SWEDISH = {
    message_key(m): m
    for m in read_catalog(CATALOGS / "sv" / "LC_MESSAGES" / "messages.po", "sv")
    if m.id
}


def _shown(text: str, part: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


def standard_finnish_in(text: str, language: str = "selko") -> list[str]:
    """The msgids whose standard Finnish shows in ``text``, a page meant to be in ``language``.

    selko: a text counts unless the selko catalog has it (written, or read and kept, for selko).
    sv: a text counts unless its Swedish is the same words (a name, a number format).
    """
    found = set()
    for message in STANDARD:
        key = message_key(message)
        if language == "selko" and key in PLAIN:
            continue
        same = fixed_parts(SWEDISH[key]) if language == "sv" and key in SWEDISH else []
        if any(_shown(text, part) and part not in same for part in fixed_parts(message)):
            found.add(key)
    return sorted(found)
