"""Dates and counts in Finnish style in every language; theme colours and contact texts reach pages only safely."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import render_template_string

from surveyapp.core.models import Organisation
from surveyapp.web.formats import contact_lines
from surveyapp.web.theme import theme_css

DAY = dt.date(2026, 3, 7)
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "short", "long"),
    [
        ("fi", "7.3.2026", "7. maaliskuuta 2026"),
        # Set explicitly: Babel's own Swedish short date would be 2026-03-07.
        ("sv", "7.3.2026", "7 mars 2026"),
        ("en", "7 March 2026", "7 March 2026"),
    ],
)
def test_dates(app, lang, short, long):
    with app.test_request_context(f"/?lang={lang}"):
        assert (
            render_template_string(
                "{{ day|local_date }}|{{ day|long_date }}|{{ day|fi_date }}", day=DAY
            )
            == f"{short}|{long}|7.3.2026"
        )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", f"1{NBSP}234 vastausta saatu."),
        ("sv", f"1{NBSP}234 svar har kommit."),
        ("en", f"1{NBSP}234 answers received."),
    ],
)
def test_counts_in_plural_texts_are_grouped(app, lang, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert (
            render_template_string(
                '{{ ngettext("%(num)d answer received.", "%(num)d answers received.", n) }}', n=1234
            )
            == expected
        )


def test_theme_css_lets_only_hex_colours_through(app):
    with app.app_context():
        organisation = Organisation(
            theme_brand="#5A0F3C",
            theme_brand_text="#ffffff",
            theme_accent="red;}*{x",
            theme_heading="#212121",
            theme_border="#5f686d",
        )
        assert str(theme_css(organisation)) == (
            ":root{--brand:#5a0f3c;--brand-text:#ffffff;--accent:#2a6ebb;--heading:#212121;--line:#5f686d}"
        )


def test_contact_lines_link_addresses_and_escape_the_rest():
    assert [
        str(line)
        for line in contact_lines("Virasto <b>\nwww.example.fi\nposti@example.fi, puh. 029 1\n\n")
    ] == [
        "Virasto &lt;b&gt;",
        '<a href="https://www.example.fi">www.example.fi</a>',
        '<a href="mailto:posti@example.fi">posti@example.fi</a>, puh. 029 1',
    ]


def test_the_service_organisation_is_looked_up_before_the_page_renders_once_per_request(app, db):
    from sqlalchemy import event

    from tests.helpers import make_organisation

    make_organisation(db)
    engine = db.get_bind()
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with app.test_request_context("/"):
        # The template global reads the page's context only: rendered outside Flask, it knows none.
        bare = app.jinja_env.from_string("{{ page_organisation() is none }}")
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert bare.render() == "True"
            assert statements == []
            # Rendered by Flask, a page that names no organisation gets the service's, once.
            page = "{{ page_organisation().name }}"
            assert render_template_string(page) == "Testiyhdistys ry"
            looked_up = len(statements)
            assert looked_up > 0
            assert render_template_string(page) == "Testiyhdistys ry"
            assert len(statements) == looked_up
        finally:
            event.remove(engine, "before_cursor_execute", count)
