"""A multi-select question on the web form: boxes in a fieldset, stored once, every tick kept on error."""

from __future__ import annotations

import dataclasses
import re

from sqlalchemy import select

from surveyapp.core.instruments import spec
from surveyapp.core.models import Response
from tests.helpers import (
    Elements,
    count_responses,
    make_collection,
    serve_also,
    shipped_instruments,
    submit,
)

WISHES = "essote_group_wishes"


def stored_answers(db) -> list[tuple[str, str | None, str | None]]:
    db.expire_all()
    response = db.scalars(select(Response)).one()
    return sorted((a.item_code, a.choice_code, a.text) for a in response.answers)


def test_the_question_is_a_fieldset_of_boxes_with_a_legend(client, db):
    make_collection(db, WISHES)
    html = client.get("/c/testi").get_data(as_text=True)
    fieldset = re.search(
        r'<fieldset class="item choice multi" id="field-ryhmatoiveet">.*?</fieldset>', html, re.S
    ).group(0)
    assert (
        '<legend><span class="num">1.</span> Millaisia ryhmätoimintoja toivoisit alueella järjestettävän?</legend>'
        in fieldset
    )
    assert "Valitse kaikki sopivat." in fieldset
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)" name="([^"]+)" value="1"', fieldset)
    assert [name for _id, name in boxes] == [
        f"ryhmatoiveet.{o}"
        for o in (
            "luonto",
            "valokuvaus",
            "koira",
            "kadentaidot",
            "puutyot",
            "pelit",
            "ruoanlaitto",
            "muu",
        )
    ]
    assert all(i == name for i, name in boxes)
    assert '<label class="option" for="ryhmatoiveet.muu">' in fieldset
    assert 'name="ryhmatoiveet.muu.text"' in fieldset


def test_ticks_and_the_other_line_are_stored_as_codes(client, db):
    make_collection(db, WISHES)
    response = submit(
        client,
        "testi",
        {
            "ryhmatoiveet.luonto": "1",
            "ryhmatoiveet.pelit": "1",
            "ryhmatoiveet.muu": "1",
            "ryhmatoiveet.muu.text": "Sähly",
            "muut_toiveet": "Iltaisin",
        },
    )
    assert response.status_code == 302
    assert stored_answers(db) == [
        ("muut_toiveet", None, "Iltaisin"),
        ("ryhmatoiveet", "3", None),
        ("ryhmatoiveet.luonto", "luonto", None),
        ("ryhmatoiveet.muu", "muu", "Sähly"),
        ("ryhmatoiveet.pelit", "pelit", None),
    ]


def test_text_on_the_other_line_ticks_other(client, db):
    make_collection(db, WISHES)
    response = submit(client, "testi", {"ryhmatoiveet.muu.text": "Kuoro"})
    assert response.status_code == 302
    assert stored_answers(db) == [
        ("ryhmatoiveet", "1", None),
        ("ryhmatoiveet.muu", "muu", "Kuoro"),
    ]


def test_an_error_keeps_every_tick_and_the_typed_text(client, db):
    make_collection(db, WISHES)
    too_long = "x" * 201
    page = submit(
        client,
        "testi",
        {
            "ryhmatoiveet.koira": "1",
            "ryhmatoiveet.ruoanlaitto": "1",
            "ryhmatoiveet.muu": "1",
            "ryhmatoiveet.muu.text": too_long,
            "muut_toiveet": "Enemmän retkiä",
        },
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert count_responses(db) == 0
    assert 'href="#field-ryhmatoiveet.muu.text"' in html
    page = Elements(html)
    assert page.checked == {
        "ryhmatoiveet.koira": ["1"],
        "ryhmatoiveet.ruoanlaitto": ["1"],
        "ryhmatoiveet.muu": ["1"],
    }
    assert page.attributes("ryhmatoiveet.muu.text")["value"] == too_long
    assert page.text_of("muut_toiveet") == "Enemmän retkiä"


def limited(instrument: spec.Instrument) -> spec.Instrument:
    """The group-wishes form with at most two choices and a "don't know" that stands alone."""
    section = instrument.sections[0]
    item = section.items[0]
    options = (*item.options, spec.Option("eos", spec.Text(fi="En osaa sanoa"), dont_know=True))
    item = dataclasses.replace(item, options=options, max_choices=2)
    section = dataclasses.replace(section, items=(item, *section.items[1:]))
    return dataclasses.replace(instrument, id="toiveet_rajattu", sections=(section,))


def test_errors_about_the_whole_question_are_in_the_summary_and_on_the_fieldset(app, client, db):
    serve_also(app, limited(shipped_instruments()[WISHES]))
    make_collection(db, "toiveet_rajattu")
    ticks = {f"ryhmatoiveet.{o}": "1" for o in ("luonto", "pelit", "koira")}
    page = submit(client, "testi", ticks)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert '<a href="#field-ryhmatoiveet">1. Valitse enintään 2 vaihtoehtoa.</a>' in html
    elements = Elements(html)
    assert elements.attributes("field-ryhmatoiveet")["class"] == "item choice multi invalid"
    assert "err-ryhmatoiveet" in elements.by_id
    box = elements.attributes("ryhmatoiveet.luonto")
    assert box["aria-describedby"] == "err-ryhmatoiveet hint-ryhmatoiveet"
    assert sorted(elements.checked) == sorted(ticks)
    page = submit(client, "testi", {"ryhmatoiveet.luonto": "1", "ryhmatoiveet.eos": "1"})
    assert "”En osaa sanoa” -vaihtoehtoa ei voi valita yhdessä" in page.get_data(as_text=True)
    swedish = client.get("/c/testi?lang=sv").get_data(as_text=True)
    assert "Välj alla som passar." in swedish
    assert count_responses(db) == 0
    assert submit(client, "testi", {"ryhmatoiveet.eos": "1"}).status_code == 302


def test_a_box_posted_with_another_value_is_refused(client, db):
    make_collection(db, WISHES)
    page = submit(client, "testi", {"ryhmatoiveet.luonto": "on"})
    assert page.status_code == 422
    assert "Valitse ruutu tai jätä se tyhjäksi (tuotavassa tiedostossa 1 tai 0)." in page.get_data(
        as_text=True
    )
    assert submit(client, "testi", {"ryhmatoiveet.sahly": "1"}).status_code == 400
    assert count_responses(db) == 0
