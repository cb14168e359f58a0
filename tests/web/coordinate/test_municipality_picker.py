"""A new survey's municipalities chosen from the official classification by a search that needs no
JavaScript; respondents read them in their language; a typed name never gives a 500."""

from __future__ import annotations

import re

from sqlalchemy import select

from surveyapp.core import classification, collection_setup
from surveyapp.core.models import Collection, Municipality, Project
from tests.helpers import make_collection, page_csrf

NEW = "/coordinate/c/new"


def base(client, **fields) -> dict:
    project = re.search(r'<option value="([0-9a-f]{32})"', client.get(NEW).get_data(as_text=True))
    return {
        "csrf_token": page_csrf(client, NEW),
        "project": project.group(1),
        "title": "Kumppanit",
        "slug": "kumppanit",
        "instrument": "valpas_partner_survey",
        "audience": "partners",
        "access": "open",
        **fields,
    }


def checkboxes(html: str) -> dict[str, bool]:
    found = re.findall(r'<input([^>]*name="municipalities"[^>]*)>', html)
    return {re.search(r'value="([^"]+)"', i).group(1): "checked" in i for i in found}


def test_search_offers_official_municipalities_and_keeps_what_was_ticked(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos",))  # a project, typed Muhos
    classification.load_shipped(db)
    db.commit()
    page = client.post(NEW, data=base(client, municipality_search="borgå", find_municipalities="1"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "1 kunta löytyi" in html
    # Only the one found: typed Muhos became the official 494, offered when searched for.
    assert checkboxes(html) == {"638": False}
    assert "Porvoo – Itä-Uudenmaan hyvinvointialue" in html
    assert 'value="Kumppanit"' in html  # what was typed stays
    # Tick Porvoo, search for a county: Porvoo stays ticked beside the county's municipalities.
    page = client.post(
        NEW,
        data=base(
            client,
            municipalities=["638"],
            municipality_search="kainuun",
            find_municipalities="1",
        ),
    )
    boxes = checkboxes(page.get_data(as_text=True))
    assert boxes.pop("638") is True and len(boxes) == 8 and "205" in boxes
    nothing = client.post(
        NEW, data=base(client, municipality_search="zzz", find_municipalities="1")
    )
    assert "Yksikään kunta ei vastaa hakua." in nothing.get_data(as_text=True)
    assert db.scalar(select(Collection).where(Collection.slug == "kumppanit")) is None


def test_a_survey_is_created_with_official_codes(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos",))
    classification.load_shipped(db)
    db.commit()
    response = client.post(
        NEW, data=base(client, municipalities=["638", "494"], new_municipalities="Närpes")
    )
    assert response.status_code == 302
    db.expire_all()
    made = db.scalar(select(Collection).where(Collection.slug == "kumppanit"))
    assert sorted(m.code for m in made.municipalities) == ["494", "545", "638"]


def test_a_swedish_respondent_reads_the_swedish_names(client, db):
    classification.load_shipped(db)
    db.commit()
    project = Project(slug="valpas", name="VALPAS")
    places = [db.get(Municipality, code) for code in ("638", "545", "494")]
    db.add(
        Collection(
            slug="k",
            title="K",
            project=project,
            instrument_id="valpas_partner_survey",
            audience="partners",
            municipalities=places,
        )
    )
    db.commit()
    swedish = client.get("/c/k?lang=sv").get_data(as_text=True)
    finnish = client.get("/c/k?lang=fi").get_data(as_text=True)
    for name in ("Borgå", "Närpes", "Muhos"):
        assert re.search(rf">\s*{name}\s*<", swedish), name
    for name in ("Porvoo", "Närpiö", "Muhos"):
        assert re.search(rf">\s*{name}\s*<", finnish), name
    assert "Borgå" not in finnish and "Porvoo" not in swedish


def test_a_new_name_whose_slug_is_taken_gets_its_own_code(client, db, coordinator):
    db.add(Municipality(code="aa", name="Ää"))
    db.commit()
    made = collection_setup.municipality(db, "Aa")
    assert (made.code, made.name) == ("aa-2", "Aa")
    assert collection_setup.municipality(db, "Aa") is made
    assert collection_setup.municipality(db, "123").code == "x-123"
    make_collection(db, "session_feedback", municipalities=("muhos",))
    response = client.post(NEW, data=base(client, new_municipalities="ÄÄ!\nÅå"))
    assert response.status_code == 302
