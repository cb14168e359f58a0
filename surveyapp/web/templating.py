"""Template globals and filters: language and plain-language choice, organisation and theme, number and date formats."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlencode

from babel.dates import format_date
from flask import Flask, current_app, g, request, session, url_for
from flask_babel import force_locale, get_locale, get_translations
from flask_babel import gettext as _
from jinja2 import pass_context
from markupsafe import Markup, escape
from sqlalchemy.exc import SQLAlchemyError

from surveyapp.core import organisations, privacy, stats, themes
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.registry import Registry
from surveyapp.web import db


def instruments() -> Registry:
    return current_app.extensions["surveyapp.instruments"]


def current_language() -> str:
    return str(get_locale() or "fi")


def plain_language_chosen() -> bool:
    """Whether the respondent chose plain-language Finnish (selkosuomi); remembered for the browser session.

    A kiosk participant's choice is the page's own (g.page_plain), never remembered.
    """
    if "page_plain" in g:
        return bool(g.page_plain)
    return bool(session.get("selko"))


def remember_plain_language() -> None:
    """?selko=1 chooses plain-language Finnish, ?selko=0 standard Finnish; kept like the language choice."""
    asked = request.args.get("selko")
    if "page_plain" in g:
        return
    if asked in ("0", "1") and plain_language_chosen() != (asked == "1"):
        session["selko"] = asked == "1"


def form_language(instrument) -> str:
    """The language to show an instrument in: the page's when the instrument has it, else its own.

    ``selko`` (plain-language Finnish) when it was chosen, the page is in Finnish and the instrument has it.
    """
    language = current_language()
    if language == "fi" and plain_language_chosen() and instrument.plain_language:
        return spec.PLAIN
    return language if language in instrument.languages else instrument.language


def html_lang(lang: str) -> str:
    """The HTML lang of a form language: plain-language Finnish is Finnish."""
    return "fi" if lang == spec.PLAIN else lang


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


def lang_url(lang: str, **extra: str) -> str:
    # A kiosk error page's one-time token (virhe) is not carried to another language.
    args = {k: v for k, v in request.args.items() if k not in ("selko", "virhe")}
    args["lang"] = lang
    args.update(extra)
    return f"{request.path}?{urlencode(sorted(args.items()))}"


def form_language_choices(instrument) -> list[tuple[str, str, str]]:
    """(form language, its name in itself, the address choosing it) for the first screen of a form."""
    names = {"fi": "Suomeksi", spec.PLAIN: "Selkosuomeksi", "sv": "På svenska", "en": "In English"}
    choices = []
    for code in ("fi", spec.PLAIN, "sv", "en"):
        if code == spec.PLAIN:
            if instrument.plain_language:
                choices.append((code, names[code], lang_url("fi", selko="1")))
        elif code in instrument.languages:
            choices.append(
                (code, names[code], lang_url(code, selko="0") if code == "fi" else lang_url(code))
            )
    return choices


def N_(text: str) -> str:
    """Marks a text for the catalogs (Babel's N_ keyword); it is translated where it is used."""
    return text


UNAVAILABLE = {
    ("fi",): N_("This form is only available in Finnish."),
    ("fi", "sv"): N_("This form is only available in Finnish and Swedish."),
    ("fi", "en"): N_("This form is only available in Finnish and English."),
}


def unavailable_notes(instrument) -> list[tuple[str, str]]:
    """(language, sentence in it) for Swedish and English when the form is not written in them.

    A Swedish or English reader is told plainly, in their own language, rather than offered a link
    that would change nothing.
    """
    text = UNAVAILABLE.get(instrument.languages)
    if text is None:
        return []
    notes = []
    for language in ("sv", "en"):
        if language not in instrument.languages:
            with force_locale(language):
                notes.append((language, _(text)))
    return notes


def channel_label(channel: str) -> str:
    return {
        "web": _("web form"),
        "kiosk": _("tablet"),
        "paper": _("paper"),
        "import": _("imported"),
    }.get(channel, channel)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of an instrument text (blank-line separated in the YAML file)."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(
        c if c.isalnum() or c in " –-.,:;/()" else f"\\{ord(c):x} " for c in str(text)
    )
    return Markup(f'"{escaped}"')


@pass_context
def page_organisation(context):
    """The organisation a page belongs to: its own, its collection's, or its kiosk session's; else the service's."""
    organisation = context.get("organisation")
    if organisation is None:
        collection = context.get("collection") or getattr(
            context.get("group_session"), "collection", None
        )
        organisation = organisations.of_collection(collection)
    if organisation is None:
        if "service_organisation" not in g:
            try:
                g.service_organisation = organisations.service_default(
                    db.session(), current_app.config["ORGANISATION"]
                )
            except SQLAlchemyError:  # an error page must render even when the database is down
                g.service_organisation = None
        organisation = g.service_organisation
    return organisation


def statement_url(organisation, **args) -> str:
    if organisation is None:
        return url_for("info.statement_default", **args)
    return url_for("info.statement", org=organisation.slug, **args)


def privacy_url(organisation, **args) -> str:
    if organisation is None:
        return url_for("info.privacy_default", **args)
    return url_for("info.privacy", org=organisation.slug, **args)


def theme_css(organisation) -> Markup:
    """The organisation's theme as CSS variables; only checked hex colours reach the page."""
    theme = themes.theme_of(organisation)
    names = {
        "theme_brand": "--brand",
        "theme_brand_text": "--brand-text",
        "theme_accent": "--accent",
        "theme_heading": "--heading",
        "theme_border": "--line",
    }
    return Markup(":root{" + ";".join(f"{names[k]}:{v}" for k, v in theme.items()) + "}")


def theme_version(organisation) -> str:
    """A short hash of the theme: part of the stylesheet's address, so a changed theme is a new address."""
    return hashlib.sha256(str(theme_css(organisation)).encode()).hexdigest()[:12]


def theme_url(organisation) -> str:
    """The theme stylesheet of a page (served, not inline: the CSP allows no inline styles)."""
    if organisation is None:
        return url_for("info.theme_default", v=theme_version(None))
    return url_for("info.theme", org=organisation.slug, v=theme_version(organisation))


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


def privacy_sentences(instrument, collection=None, *, kiosk: bool = False) -> list[str]:
    """The short privacy notice of a form's first screen: what is kept and, as plainly, what is not."""
    facts = privacy.collected(
        instrument,
        len(collection.municipalities) if collection is not None else 0,
        current_app.config["DATE_PRECISION"],
        kiosk=kiosk,
    )
    kept = {
        (True, "day"): _("We store your answers, the municipality and the day you answered."),
        (True, "week"): _("We store your answers, the municipality and the week you answered in."),
        (True, "month"): _(
            "We store your answers, the municipality and the month you answered in."
        ),
        (False, "day"): _("We store your answers and the day you answered."),
        (False, "week"): _("We store your answers and the week you answered in."),
        (False, "month"): _("We store your answers and the month you answered in."),
    }[(facts.municipality, facts.precision)]
    sentences = [
        _("Answering is voluntary."),
        kept,
        _(
            "We do not ask your name. We do not store your address, your IP address, details of your device "
            "or the time of day."
        ),
    ]
    if facts.free_text:
        sentences.append(
            _(
                "Do not write names or anything else in your answers that could identify you or "
                "someone else."
            )
        )
    return sentences


def _ngettext(singular: str, plural: str, n: int) -> str:
    """Plural texts with the count in Finnish style (1 234), so no figure is shown unformatted."""
    text = get_translations().ungettext(singular, plural, n)
    return text.replace("%(num)d", stats.fi_number(n, 0) if isinstance(n, int) else str(n))


def init_app(app: Flask) -> None:
    app.before_request(remember_plain_language)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=_ngettext,
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(
        current_language=current_language,
        lang_url=lang_url,
        channel_label=channel_label,
        form_language=form_language,
        html_lang=html_lang,
        form_language_choices=form_language_choices,
        unavailable_notes=unavailable_notes,
        page_organisation=page_organisation,
        statement_url=statement_url,
        privacy_url=privacy_url,
        theme_url=theme_url,
        privacy_sentences=privacy_sentences,
        plain_language_chosen=plain_language_chosen,
    )
    app.jinja_env.filters["contact_lines"] = contact_lines
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["css_string"] = css_string
    app.jinja_env.filters["fi_number"] = lambda value, places=2: (
        "–" if value is None else stats.fi_number(value, places)
    )
    app.jinja_env.filters["fi_percent"] = lambda value, places=1: (
        "–" if value is None else stats.fi_percent(value, places)
    )
    app.jinja_env.filters["fi_date"] = finnish_date
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
