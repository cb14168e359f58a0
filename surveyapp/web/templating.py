"""The templates' globals and filters, gathered from the modules that own them."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_translations

from surveyapp.web import formats, guides, language, page_organisation, privacy_note, theme


def init_app(app: Flask) -> None:
    app.before_request(language.remember_plain_language)
    page_organisation.init_app(app)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=formats.plural,
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(
        current_language=language.current_language,
        lang_url=language.lang_url,
        form_language=language.form_language,
        html_lang=language.html_lang,
        form_language_choices=language.form_language_choices,
        unavailable_notes=language.unavailable_notes,
        plain_language_chosen=language.plain_language_chosen,
        page_organisation=page_organisation.page_organisation,
        statement_url=page_organisation.statement_url,
        privacy_url=page_organisation.privacy_url,
        theme_url=theme.theme_url,
        privacy_sentences=privacy_note.privacy_sentences,
        page_guides=guides.page_guides,
    )
    app.jinja_env.filters.update(
        contact_lines=formats.contact_lines,
        local_date=formats.local_date,
        long_date=formats.long_date,
        paragraphs=formats.paragraphs,
        css_string=formats.css_string,
        fi_number=formats.number,
        fi_percent=formats.percent,
        fi_date=formats.finnish_date,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
