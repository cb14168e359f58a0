"""The home page lists the open rounds with their titles in the chosen language and the languages of each form."""

from __future__ import annotations

import re

from tests.helpers import make_collection


def listing(client, query=""):
    html = client.get(f"/{query}").get_data(as_text=True)
    return re.findall(
        r'<li><a href="/c/([^"]+)"( lang="[a-z]+")?>([^<]+)</a>\s*<span class="form-languages">([^\n]+)</span></li>',
        html,
    )


def test_titles_follow_the_chosen_language_and_fall_back_to_finnish_marked_as_finnish(client, db):
    feedback = make_collection(db, "session_feedback", slug="palaute")
    feedback.title, feedback.title_sv, feedback.title_selko = (
        "Palaute ryhmäkerrasta",
        "Respons på gruppträffen",
        "Palaute ryhmästä",
    )
    make_collection(db, "valpas_steering_survey", slug="ohjaus").title = "Ohjausryhmän kysely"
    db.commit()
    finnish = listing(client, "?lang=fi")
    assert [(slug, lang, title) for slug, lang, title, _ in finnish] == [
        ("ohjaus", "", "Ohjausryhmän kysely"),
        ("palaute", "", "Palaute ryhmäkerrasta"),
    ]
    swedish = listing(client, "?lang=sv")
    assert [(slug, lang, title) for slug, lang, title, _ in swedish] == [
        ("ohjaus", ' lang="fi"', "Ohjausryhmän kysely"),
        ("palaute", "", "Respons på gruppträffen"),
    ]
    assert [(slug, title) for slug, _, title, _ in listing(client, "?lang=en")] == [
        ("ohjaus", "Ohjausryhmän kysely"),
        ("palaute", "Palaute ryhmäkerrasta"),
    ]  # no English titles: Finnish
    client.get("/c/palaute?lang=fi&selko=1")
    assert [title for _, _, title, _ in listing(client)] == [
        "Ohjausryhmän kysely",
        "Palaute ryhmästä",
    ]


def test_each_form_says_which_languages_it_exists_in(client, db):
    make_collection(db, "session_feedback", slug="palaute")
    make_collection(db, "valpas_steering_survey", slug="ohjaus")
    languages = {slug: spans for slug, _, _, spans in listing(client, "?lang=sv")}
    assert languages["palaute"] == (
        'Språk: <span lang="fi">suomi</span>, <span lang="fi">selkosuomi</span>, '
        '<span lang="sv">svenska</span>, <span lang="en">English</span>'
    )
    assert (
        "selkosuomi" not in languages["ohjaus"]
        and '<span lang="sv">svenska</span>' in languages["ohjaus"]
    )
