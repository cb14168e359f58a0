"""Template globals and filters: language, Finnish number and date formats."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from flask import Flask, current_app, request
from markupsafe import Markup
from flask_babel import get_locale
from flask_babel import gettext as _

from . import stats
from .instruments.registry import Registry


def instruments() -> Registry:
    return current_app.extensions["surveyapp.instruments"]


def current_language() -> str:
    return str(get_locale() or "fi")


def form_language(instrument) -> str:
    """The language to show an instrument in: the page's when the instrument has it, else its own."""
    language = current_language()
    return language if language in instrument.languages else instrument.language


def finnish_date(day: dt.date) -> str:
    """7.3.2026: the Finnish and Swedish way, without leading zeros."""
    return f"{day.day}.{day.month}.{day.year}"


def lang_url(lang: str) -> str:
    args = request.args.to_dict()
    args["lang"] = lang
    return f"{request.path}?{urlencode(sorted(args.items()))}"


def channel_label(channel: str) -> str:
    return {"web": _("web form"), "kiosk": _("tablet"), "paper": _("paper"), "import": _("imported")}.get(channel, channel)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of an instrument text (blank-line separated in the YAML file)."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(c if c.isalnum() or c in " –-.,:;/()" else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{escaped}"')


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(current_language=current_language, lang_url=lang_url, channel_label=channel_label,
                                 form_language=form_language)
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["css_string"] = css_string
    app.jinja_env.filters["fi_number"] = lambda value, places=2: "–" if value is None else stats.fi_number(value, places)
    app.jinja_env.filters["fi_percent"] = lambda value, places=1: "–" if value is None else stats.fi_percent(value, places)
    app.jinja_env.filters["fi_date"] = finnish_date
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
