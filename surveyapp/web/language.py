"""The page's language and plain-language choice, and the language a form is shown in."""

from __future__ import annotations

from urllib.parse import urlencode

from babel import support
from flask import current_app, g, request, session
from flask_babel import Domain, force_locale, get_babel, get_locale
from flask_babel import gettext as _

from surveyapp.core.instruments import spec


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


class PlainFinnish(Domain):
    """The Finnish catalog with the selko catalog (translations/fi/LC_MESSAGES/selko.po) laid over it."""

    def get_translations(self):
        standard = get_babel().instance.domain_instance.get_translations()
        if current_language() != "fi":
            return standard
        loaded = current_app.extensions.get("surveyapp.selko_texts")
        if loaded is None:
            loaded = support.Translations.load(
                get_babel().translation_directories[0], ["fi"], "selko"
            )
            loaded.add_fallback(standard)
            current_app.extensions["surveyapp.selko_texts"] = loaded
        return loaded


PLAIN_TEXTS = PlainFinnish(domain="selko")


def texts_for(instrument) -> None:
    """Around a form shown in selko, the page's own texts (privacy, errors, thanks) in selko too."""
    if form_language(instrument) == spec.PLAIN:
        PLAIN_TEXTS.as_default()


def html_lang(lang: str) -> str:
    """The HTML lang of a form language: plain-language Finnish is Finnish."""
    return "fi" if lang == spec.PLAIN else lang


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
