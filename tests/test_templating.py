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
