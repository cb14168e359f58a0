"""How figures, dates and texts are written on a page: Finnish numbers, local dates, contact links."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from flask_babel import get_translations
from markupsafe import Markup, escape

from surveyapp.core import stats
from surveyapp.web.language import current_language


def finnish_date(day: dt.date) -> str:
    """7.3.2026: the Finnish and Swedish way, without leading zeros."""
    return f"{day.day}.{day.month}.{day.year}"


# Set explicitly: Babel's Swedish short date is 2026-03-07, not the d.M.yyyy used in Finland.
LONG_DATES = {"fi": "d. MMMM y", "sv": "d MMMM y", "en": "d MMMM y"}


def local_date(day: dt.date) -> str:
    """7.3.2026 in Finnish and Swedish; 7 March 2026 in English, where 7.3. could be read as July 3."""
    return finnish_date(day) if current_language() in ("fi", "sv") else long_date(day)


def long_date(day: dt.date) -> str:
    """7. maaliskuuta 2026 / 7 mars 2026 / 7 March 2026."""
    language = current_language()
    return format_date(day, LONG_DATES.get(language, LONG_DATES["en"]), locale=language)


def number(value, places: int = 2) -> str:
    """1 234,56, or a dash for no figure."""
    return "–" if value is None else stats.fi_number(value, places)


def percent(value, places: int = 1) -> str:
    return "–" if value is None else stats.fi_percent(value, places)


def plural(singular: str, plural: str, n: int) -> str:
    """Plural texts with the count in Finnish style (1 234), so no figure is shown unformatted."""
    text = get_translations().ungettext(singular, plural, n)
    return text.replace("%(num)d", stats.fi_number(n, 0) if isinstance(n, int) else str(n))


def paragraphs(text: str) -> list[str]:
    """Paragraphs of an instrument text (blank-line separated in the YAML file)."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(
        c if c.isalnum() or c in " –-.,:;/()" else f"\\{ord(c):x} " for c in str(text)
    )
    return Markup(f'"{escaped}"')


CONTACT_LINK = re.compile(
    r"(?P<email>[^\s@<>]+@[^\s@<>]+\.[a-z]{2,})|(?P<web>(?:https?://|www\.)[^\s<>]+[^\s<>.,])", re.I
)


def contact_lines(text: str | None) -> list[Markup]:
    """Lines of a contact text with its e-mail and web addresses as links."""
    lines = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        out, position = [], 0
        for match in CONTACT_LINK.finditer(line):
            out.append(escape(line[position : match.start()]))
            found = match.group()
            href = (
                f"mailto:{found}"
                if match.group("email")
                else found
                if found.startswith("http")
                else f"https://{found}"
            )
            out.append(Markup('<a href="{}">{}</a>').format(href, found))
            position = match.end()
        out.append(escape(line[position:]))
        lines.append(Markup("").join(out))
    return lines
