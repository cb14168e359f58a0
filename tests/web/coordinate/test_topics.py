"""Themes of written answers through HTTP: define, tag, count (golden, small groups merged), publish."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html import unescape

import pytest
from sqlalchemy import func, select

from surveyapp.core import responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Topic, TopicTag
from tests.helpers import csrf_token, make_collection, pdf_text, shipped_instruments

INSTRUMENTS = shipped_instruments()
NBSP = "\u00a0"
BASE = "/coordinate/c/testi/teemat"
# (municipality, year, answers). Utajärvi (2) is under the limit and joins the next smallest, Muhos, as
# "others combined": 5 answers in 2024 and 5 in 2025, so the years stay apart.
SEED = [
    ("kemijarvi", 2024, 6),
    ("kemijarvi", 2025, 7),
    ("pudasjarvi", 2024, 5),
    ("pudasjarvi", 2025, 5),
    ("muhos", 2024, 5),
    ("muhos", 2025, 3),
    ("utajarvi", 2025, 2),
]
PLACES = ("kemijarvi", "muhos", "pudasjarvi", "utajarvi")


def comments() -> list[tuple[str, int, str]]:
    """(municipality, year, comment) of every response, the comment naming its place in the seed."""
    return [(m, y, f"Palaute {m} {y} nro {i}") for m, y, n in SEED for i in range(n)]


def themes_of(comment: str) -> set[str]:
    """The themes the test gives a comment: every third "Kuljetus", every second "Ryhmät"."""
    number = int(comment.rsplit(" ", 1)[1])
    return {
        name for name, hit in (("Kuljetus", number % 3 == 0), ("Ryhmät", number % 2 == 0)) if hit
    }


def add_comments(db, collection, rows) -> None:
    """One response of grade 8 and a comment for each (municipality, year, comment)."""
    for place, year, text in rows:
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[AnswerValue("arvosana", grade=8), AnswerValue("vapaa_palaute", text=text)],
            channel="web",
            municipality_code=place,
            day=dt.date(year, 5, 6),
            precision="week",
            key=None,
        )
    db.commit()


@pytest.fixture
def seeded(db):
    collection = make_collection(db, "session_feedback", municipalities=PLACES)
    add_comments(db, collection, comments())
    return collection


def add_theme(client, name: str, **extra) -> None:
    token = csrf_token(client.get(f"{BASE}/uusi").get_data(as_text=True))
    response = client.post(f"{BASE}/uusi", data={"csrf_token": token, "name": name, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)


def tagging_form(html: str) -> tuple[dict, dict[str, str], dict[str, str]]:
    """(hidden fields, comment → its field name, theme name → theme id) of a tagging page."""
    hidden = {
        name: unescape(value)
        for name, value in re.findall(
            r'<input[^>]*name="(csrf_token|shown)"[^>]*value="([^"]*)"', html
        )
    }
    fields = {
        unescape(legend).strip(): name
        for legend, name in re.findall(r'<legend>(.*?)</legend>.*?name="(a_[0-9a-f]+)"', html, re.S)
    }
    themes = {
        unescape(label): value
        for value, label in re.findall(
            r'name="a_[0-9a-f]+"[^>]*value="([0-9a-f]+)"[^>]*> <span>([^<]+)</span>', html
        )
    }
    return hidden, fields, themes


def tag_everything(client) -> None:
    add_theme(client, "Kuljetus", name_sv="Skjuts")
    add_theme(client, "Ryhmät")
    html = client.get(f"{BASE}/merkinnat").get_data(as_text=True)
    hidden, fields, themes = tagging_form(html)
    assert set(fields) == {text for _m, _y, text in comments()}
    data = dict(hidden)
    for text, name in fields.items():
        data[name] = [themes[t] for t in sorted(themes_of(text))]
    response = client.post(f"{BASE}/merkinnat", data=data)
    assert response.status_code == 302


def half_up(value: Fraction) -> str:
    rounded = Decimal(value.numerator) / Decimal(value.denominator)
    return str(rounded.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")


def expected(places: set[str] | None, years: set[int] | None) -> dict[str, tuple[str, str]]:
    """Theme → (count, share of the written answers), computed from the seed."""
    chosen = [
        text
        for m, y, text in comments()
        if (places is None or m in places) and (years is None or y in years)
    ]
    out = {}
    for theme in ("Kuljetus", "Ryhmät"):
        n = sum(theme in themes_of(text) for text in chosen)
        out[theme] = (str(n), f"{half_up(Fraction(100 * n, len(chosen)))}{NBSP}%")
    none = sum(not themes_of(text) for text in chosen)
    out["Ei vielä teemaa"] = (str(none), f"{half_up(Fraction(100 * none, len(chosen)))}{NBSP}%")
    return out


def counts_on(html: str) -> dict[str, tuple[str, str]]:
    table = html.split("data-topics")[1].split("</table>")[0]
    return {
        unescape(label): (n, unescape(share))
        for label, n, share in re.findall(
            r'<tr data-topic="[0-9a-f]*"[^>]*><th scope="row">([^<]+)</th><td>(\d+)</td><td>([^<]+)</td>',
            table,
        )
    }


def test_golden_counts_under_every_filter(client, coordinator, seeded):
    tag_everything(client)
    page = client.get(BASE).get_data(as_text=True)
    assert counts_on(page) == expected(None, None)
    # Exactly the protected table's groups and years are offered; Utajärvi alone is not.
    options = re.findall(r'<option value="([^"]+)"', page)
    assert options == ["kemijarvi", "pudasjarvi", "muut", "2024", "2025"]
    muut = {"muhos", "utajarvi"}
    for place, members in (("kemijarvi", {"kemijarvi"}), ("muut", muut), (None, None)):
        for year in ("2024", "2025", None):
            query = {k: v for k, v in (("municipality", place), ("year", year)) if v}
            html = client.get(BASE, query_string=query).get_data(as_text=True)
            assert counts_on(html) == expected(members, {int(year)} if year else None), query
    # The 2025 "others combined": Muhos 3 + Utajärvi 2 written answers, 5 in all.
    html = client.get(BASE, query_string={"municipality": "muut", "year": "2025"})
    assert "(n = 5)" in html.get_data(as_text=True)
    refused = client.get(BASE, query_string={"municipality": "utajarvi"}).get_data(as_text=True)
    assert "ei ole käytettävissä" in refused
    assert counts_on(refused) == expected(None, None)


def test_tagging_page_lists_answers_as_the_results_page_does(client, coordinator, seeded):
    add_theme(client, "Kuljetus")
    results = client.get("/coordinate/c/testi/results", query_string={"year": "2025"})
    section = (
        results.get_data(as_text=True).split('id="result-vapaa_palaute"')[1].split("</section>")[0]
    )
    listed = [unescape(t) for t in re.findall(r"<li>(.*?)</li>", section)]
    html = client.get(f"{BASE}/merkinnat", query_string={"year": "2025"}).get_data(as_text=True)
    assert [unescape(t).strip() for t in re.findall(r"<legend>(.*?)</legend>", html)] == listed
    # Named by keyed tokens, never by the response ids (which order answers nowhere else either).
    from surveyapp.core.models import Response

    db = client.application.extensions["surveyapp.db"]()
    for response_id in db.scalars(select(Response.id)):
        assert response_id not in html


def test_a_group_under_k_shows_neither_answers_nor_counts(client, coordinator, db):
    collection = make_collection(db, "session_feedback")
    add_comments(db, collection, [("muhos", 2025, f"Pieni ryhmä {i}") for i in range(4)])
    add_theme(client, "Kuljetus")
    tagging = client.get(f"{BASE}/merkinnat").get_data(as_text=True)
    assert "Pieni ryhmä" not in tagging and 'data-written="hidden"' in tagging
    overview = client.get(BASE).get_data(as_text=True)
    assert 'data-topic-counts="hidden"' in overview and "data-topics" not in overview


def test_a_failed_save_keeps_the_ticks_and_stores_nothing(client, coordinator, seeded, db):
    add_theme(client, "Kuljetus")
    html = client.get(f"{BASE}/merkinnat").get_data(as_text=True)
    hidden, fields, themes = tagging_form(html)
    names = list(fields.values())
    data = {**hidden, names[0]: themes["Kuljetus"], names[1]: themes["Kuljetus"]}
    data["shown"] += " 00ff00ff00ff00ff00ff00ff"  # an answer no longer on the list
    response = client.post(f"{BASE}/merkinnat", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Mitään ei tallennettu" in page
    for name in names[:2]:
        ticked = [
            t for t in re.findall(rf'<input[^>]*name="{name}"[^>]*>', page) if " checked" in t
        ]
        assert len(ticked) == 1 and f'value="{themes["Kuljetus"]}"' in ticked[0], name
    assert db.scalar(select(func.count()).select_from(TopicTag)) == 0
    # A theme that no longer exists: the same.
    data = {**hidden, names[0]: "ab" * 16}
    assert client.post(f"{BASE}/merkinnat", data=data).status_code == 422
    assert db.scalar(select(func.count()).select_from(TopicTag)) == 0


def test_a_theme_needs_a_name_and_storable_text(client, coordinator, seeded, db):
    token = csrf_token(client.get(f"{BASE}/uusi").get_data(as_text=True))
    for name in ("", "   ", "Kulj\x00etus", "x" * 121):
        response = client.post(
            f"{BASE}/uusi", data={"csrf_token": token, "name": name, "reply": "Teimme jotain"}
        )
        assert response.status_code == 422, name
        assert "Teimme jotain" in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Topic)) == 0


def test_deleting_a_theme_asks_and_removes_its_tags(client, coordinator, seeded, db):
    tag_everything(client)
    topic = db.scalar(select(Topic).where(Topic.name == "Kuljetus"))
    tagged = sum("Kuljetus" in themes_of(text) for _m, _y, text in comments())
    page = client.get(f"{BASE}/{topic.id}/poista").get_data(as_text=True)
    assert f"poistetaan {tagged} kirjoitetusta vastauksesta" in page
    assert db.scalar(select(func.count()).select_from(Topic)) == 2  # asking deleted nothing
    response = client.post(f"{BASE}/{topic.id}/poista", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Topic)) == 1
    remaining = db.scalar(select(func.count()).select_from(TopicTag))
    assert remaining == sum("Ryhmät" in themes_of(text) for _m, _y, text in comments())


def publish(client, **choices) -> None:
    page = client.get(BASE).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), **{k: "y" for k, v in choices.items() if v}}
    assert client.post(BASE, data=data).status_code == 302


def test_you_said_we_did_page_only_when_published(client, coordinator, seeded, db):
    tag_everything(client)
    topic = db.scalar(select(Topic).where(Topic.name == "Kuljetus"))
    edit = client.get(f"{BASE}/{topic.id}").get_data(as_text=True)
    quote = re.search(r'name="quote"[^>]*value="([0-9a-f]+)"[^>]*> <span>([^<]+)</span>', edit)
    response = client.post(
        f"{BASE}/{topic.id}",
        data={
            "csrf_token": csrf_token(edit),
            "name": "Kuljetus",
            "name_sv": "Skjuts",
            "reply": "Kimppakyydit sovitaan nyt ryhmässä.",
            "reply_sv": "Samåkning ordnas nu i gruppen.",
            "quote": quote.group(1),
        },
    )
    assert response.status_code == 302
    assert client.get("/c/testi/palaute").status_code == 404
    publish(client, public=True)
    page = client.get("/c/testi/palaute").get_data(as_text=True)
    n = sum("Kuljetus" in themes_of(text) for _m, _y, text in comments())
    assert "Kimppakyydit sovitaan nyt ryhmässä." in page
    assert f"{n} kirjoitettua vastausta" in page
    assert unescape(quote.group(2)) in unescape(page)
    # No other written answer is shown.
    shown = {text for _m, _y, text in comments() if text in unescape(page)}
    assert shown == {unescape(quote.group(2))}
    swedish = client.get("/c/testi/palaute?lang=sv").get_data(as_text=True)
    assert "Skjuts" in swedish and "Samåkning ordnas nu i gruppen." in swedish
    assert '<h2 lang="fi">Ryhmät</h2>' in swedish  # no Swedish name: the Finnish one, marked
    anonymous = client.application.test_client()
    assert anonymous.get("/c/testi/palaute").status_code == 200  # public: no login needed
    publish(client, public=False)
    assert anonymous.get("/c/testi/palaute").status_code == 404


def test_report_and_json_carry_the_counts(client, coordinator, seeded, runner):
    tag_everything(client)
    text = pdf_text(client.get("/coordinate/c/testi/raportti.pdf").data)
    totals = expected(None, None)
    assert "Kirjoitettujen vastausten teemat" in text
    assert f"Kuljetus {totals['Kuljetus'][0]} {totals['Kuljetus'][1]}" in text
    data = json.loads(runner.invoke(args=["results", "--collection", "testi"]).output)
    counted = {t["name"]: (t["n"], t["share_percent"]) for t in data["topics"]["topics"]}
    assert counted == {
        name: (int(n), float(share.split(NBSP)[0].replace(",", ".")))
        for name, (n, share) in totals.items()
        if name != "Ei vielä teemaa"
    }
    assert data["topics"]["written"] == len(comments())
