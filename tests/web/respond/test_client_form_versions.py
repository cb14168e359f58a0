"""The client forms answered in Swedish and in plain-language Finnish: their own texts, the same stored codes."""

from __future__ import annotations

import re

from sqlalchemy import select

from surveyapp.core.models import Response
from tests.helpers import form_tokens, language_choices, make_collection, submit


def stored(db) -> list[tuple[str, int, list[tuple]]]:
    db.expire_all()
    return [
        (
            r.instrument_id,
            r.instrument_version,
            sorted((a.item_code, a.choice_code, a.grade, a.text) for a in r.answers),
        )
        for r in db.scalars(select(Response))
    ]


def test_esy_client_form_in_swedish(client, db):
    make_collection(db, "esy_client_eval")
    assert [c[1] for c in language_choices(client.get("/c/testi").get_data(as_text=True))] == [
        "Suomeksi",
        "Selkosuomeksi",
        "På svenska",
        "In English",
    ]
    html = client.get("/c/testi?lang=sv").get_data(as_text=True)
    assert "<h1>Pilotering av social rehabilitering: utvärdering av arbetsmetoden ESY</h1>" in html
    assert '<h2 id="sec-asiakaskysely">Klientenkät</h2>' in html
    assert (
        '<legend><span class="num">1.</span> Hurdan erfarenhet var arbetet med Cirkeln för kartläggning av '
        "livssituationen (ESY) för dig?</legend>"
    ) in html
    assert "<span>mycket bra erfarenhet</span>" in html and "<span>kan inte säga</span>" in html
    assert '<p class="help" id="help-q3">Tiden mellan träffarna var enligt mig</p>' in html
    assert ">Man lyssnade på mig på träffarna<" in html and ">Mycket väl<" in html
    for finnish in (
        "ASIAKASKYSELY",
        "Millainen kokemus",
        "erittäin hyvä kokemus",
        "Erittäin hyvin",
        "Minua kuunneltiin",
        "Kiitokset sinulle",
        "en osaa sanoa",
        "Rastita",
    ):
        assert finnish not in html, finnish
    answers = {
        "q1": "hyva",
        "q4": "ei_auttanut",
        "q4.ei_auttanut": "för många frågor",
        "q10_1": "hyvin",
    }
    assert submit(client, "testi", answers, tokens=form_tokens(html)).status_code == 302
    thanks = client.get("/c/testi/kiitos").get_data(as_text=True)
    assert "<h1>Tack för dina svar!</h1>" in thanks
    assert stored(db) == [
        (
            "esy_client_eval",
            2,
            [
                ("q1", "hyva", None, None),
                ("q10_1", "hyvin", None, None),
                ("q4", "ei_auttanut", None, "för många frågor"),
            ],
        )
    ]


def test_life_situation_form_in_plain_finnish(client, db):
    make_collection(db, "kuusamo_elamantilanteen_arviointi")
    html = client.get("/c/testi?lang=fi&selko=1").get_data(as_text=True)
    assert [c[1] for c in language_choices(html) if c[2]] == ["Selkosuomeksi"]
    assert "<h1>Miten elämäsi sujuu?</h1>" in html
    assert "Huonoin arvosana on 4. Paras arvosana on 10." in html
    assert re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', html) == [
        "Miten arki sujuu?",
        "Miten sinä ja perheesi voitte?",
    ]
    assert re.findall(r'<span class="num">([^<]+)</span> ([^<]+)</legend>', html)[:2] == [
        (
            "1.",
            "Kuinka säännöllinen päivärytmisi on? Heräätkö ja menetkö nukkumaan samaan aikaan joka päivä?",
        ),
        ("2.", "Kuinka hyvin huolehdit, että lepäät ja nukut tarpeeksi?"),
    ]
    assert "<legend>Kuinka hyvin perheesi voi kaiken kaikkiaan?</legend>" in html
    # No line of the paper's capitals is left.
    for finnish in (
        "ELÄMÄNTILANTEEN ARVIOINTIA",
        "ARKIELÄMÄN SUJUVUUS",
        "PÄIVÄRYTMIN",
        "KOKONAISARVIO",
        "kouluarvosanoin",
    ):
        assert finnish not in html, finnish
    assert (
        submit(
            client, "testi", {"a1": "8", "b_kokonaisarvio_perhe": "9"}, tokens=form_tokens(html)
        ).status_code
        == 302
    )
    assert "<h1>Kiitos vastauksistasi!</h1>" in client.get("/c/testi/kiitos").get_data(as_text=True)
    assert stored(db) == [
        (
            "kuusamo_elamantilanteen_arviointi",
            2,
            [("a1", None, 8, None), ("b_kokonaisarvio_perhe", None, 9, None)],
        )
    ]


def test_essote_answers_pool_across_versions(client, db):
    """The same statement answered in Finnish, Swedish and selko: three answers under one row code."""
    make_collection(db, "essote_client_satisfaction")
    pages = {}
    for query in ("lang=fi&selko=0", "lang=sv", "lang=fi&selko=1"):
        pages[query] = html = client.get(f"/c/testi?{query}").get_data(as_text=True)
        answers = {"asiakkuus": "aikuissosiaalityo", "tavoitettavuus": "osittain_samaa"}
        assert submit(client, "testi", answers, tokens=form_tokens(html)).status_code == 302
    assert ">Jag fick tag på arbetstagaren när det behövdes.<" in pages["lang=sv"]
    assert (
        ">delvis av samma åsikt<" in pages["lang=sv"]
        and ">Tavoitin työntekijän" not in pages["lang=sv"]
    )
    assert ">Sain työntekijään yhteyden, kun tarvitsin.<" in pages["lang=fi&selko=1"]
    assert ">Vähän samaa mieltä<" in pages["lang=fi&selko=1"]
    assert "<h1>Mitä mieltä olet sosiaalityöstä?</h1>" in pages["lang=fi&selko=1"]
    assert ">Tavoitin työntekijän tarvittaessa.<" in pages["lang=fi&selko=0"]
    expected = (
        "essote_client_satisfaction",
        2,
        [
            ("asiakkuus", "aikuissosiaalityo", None, None),
            ("tavoitettavuus", "osittain_samaa", None, None),
        ],
    )
    assert stored(db) == [expected] * 3
