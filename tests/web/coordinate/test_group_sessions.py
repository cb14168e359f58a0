"""Coordinators create sessions and read their history: n, attendance, response rate, mean."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from sqlalchemy import select

from surveyapp.core import group_sessions, responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import GroupSession
from tests.helpers import make_collection, page_csrf, shipped_instruments

FEEDBACK = shipped_instruments()["session_feedback"]


def test_create_session_and_open_kiosk(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    path = "/coordinate/c/testi/sessions/new"
    bad = client.post(
        path,
        data={
            "csrf_token": page_csrf(client, path),
            "group_name": "",
            "municipality": "oulu",
            "held_on": "32.1.2026",
            "pin": "12",
        },
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    for text in (
        "Anna ryhmälle nimi",
        "Valitse yksi näytetyistä vaihtoehdoista.",
        "PIN-koodissa on 4–8 numeroa.",
    ):
        assert text in html
    made = client.post(
        path,
        data={
            "csrf_token": page_csrf(client, path),
            "group_name": "Voimavararyhmä",
            "municipality": "utajarvi",
            "held_on": "5.3.2026",
            "pin": "2468",
        },
    )
    assert made.status_code == 302
    created = db.scalars(select(GroupSession)).one()
    assert (created.group_name, created.municipality_code, created.held_on) == (
        "Voimavararyhmä",
        "utajarvi",
        dt.date(2026, 3, 5),
    )
    assert "2468" not in created.pin_hash
    page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert f"/kiosk/{created.kiosk_token}" in page


def history_of(client, db, held: list[tuple[dt.date, list[int], int]]) -> tuple[list[tuple], str]:
    """Closed sessions of one group in Muhos (date, grades, attendance); the history's rows and page."""
    collection = make_collection(db, "session_feedback", municipalities=("muhos",))
    for held_on, grades, attendance in held:
        group = group_sessions.create(
            db,
            collection=collection,
            group_name="Retkiryhmä",
            municipality_code="muhos",
            held_on=held_on,
            pin="1234",
        )
        group.attendance = attendance
        group.closed_on = held_on  # a mean only once closed (tests/web/kiosk/test_participants.py)
        for grade in grades:
            responses.submit(
                db,
                collection=collection,
                instrument=FEEDBACK,
                answers=[AnswerValue("arvosana", grade=grade)],
                channel="kiosk",
                municipality_code="muhos",
                day=held_on,
                precision="week",
                key=None,
                group_session_id=group.id,
            )
    db.commit()
    html = client.get("/coordinate/c/testi/sessions").get_data(as_text=True)
    rows = re.findall(
        r"<tr><th scope=\"row\"><a [^>]+>([^<]+)</a></th>\s*<td data-kind=[^>]+>[^<]+</td>\s*"
        r"<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*"
        r"<td>([^<]+)</td>\s*<td>([^<]+)</td></tr>",
        html,
    )
    return rows, html


def test_history_shows_only_what_the_protected_table_allows(client, db, coordinator):
    rows, html = history_of(
        client,
        db,
        [(dt.date(2026, 1, 8), [9, 9, 10, 8], 5), (dt.date(2026, 1, 15), [4, 10], 6)],
    )
    # Muhos has 6 answers, in sessions of 4 and 2: either session's figures would give the other's
    # (6 minus it) and both are under MIN_CELL, so the history shows attendance only.
    assert rows == [
        ("8.1.2026", "5", "–", "–", "ei näytetä (pienten ryhmien suoja)"),
        ("15.1.2026", "6", "–", "–", "ei näytetä (pienten ryhmien suoja)"),
    ]
    assert "9,00" not in html and "80,0" not in html


def test_history_shows_a_session_of_k_answers_when_nothing_under_k_follows(client, db, coordinator):
    rows, html = history_of(
        client,
        db,
        [
            (dt.date(2026, 1, 8), [9, 9, 10, 8, 7], 8),
            (dt.date(2026, 1, 15), [4, 10, 6, 7, 8, 9], 8),
        ],
    )
    assert rows == [
        ("8.1.2026", "8", "5", "62,5\u00a0%", "8,60"),
        ("15.1.2026", "8", "6", "75,0\u00a0%", "7,33"),
    ]


def test_leader_sets_or_turns_off_the_idle_reset(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos",))
    path = "/coordinate/c/testi/sessions/new"
    data = {"group_name": "Ryhmä", "municipality": "muhos", "held_on": "", "pin": "2468"}
    too_short = client.post(
        path, data={**data, "csrf_token": page_csrf(client, path), "idle_seconds": "10"}
    )
    assert too_short.status_code == 422 and "vähintään 30" in too_short.get_data(as_text=True)
    for idle, shown in (("0", "0"), ("90", "90"), ("", "60")):
        made = client.post(
            path, data={**data, "csrf_token": page_csrf(client, path), "idle_seconds": idle}
        )
        token = re.search(
            r"/kiosk/([\w-]+)", client.get(made.headers["Location"]).get_data(as_text=True)
        ).group(1)
        assert f'data-idle-seconds="{shown}"' in client.get(f"/kiosk/{token}").get_data(
            as_text=True
        )


def test_unstorable_name_pin_and_idle_time_are_refused_clearly(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos",))
    path = "/coordinate/c/testi/sessions/new"
    bad = client.post(
        path,
        data={
            "csrf_token": page_csrf(client, path),
            "group_name": "Ryhmä\x00",
            "municipality": "muhos",
            "held_on": "5.3.2026",
            "pin": "²²²²",
            "idle_seconds": "４５",
        },
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    for text in (
        "Tekstissä on merkkejä, joita ei voi tallentaa. Kirjoita teksti uudelleen.",
        "PIN-koodissa on 4–8 numeroa.",
        "Anna aika sekunteina",
    ):
        assert text in html
    assert db.scalars(select(GroupSession)).all() == []


class HalfPastMidnightInFinland(dt.datetime):
    """The clock at 22.30 UTC on 1 December 2026, which is already 2 December in Finland."""

    @classmethod
    def now(cls, tz=None):
        return dt.datetime(2026, 12, 1, 22, 30, tzinfo=dt.UTC).astimezone(tz)


def test_the_service_day_is_finlands_not_the_machines(client, db, coordinator, monkeypatch):
    """A leader creating the evening's session after midnight in Finland is offered Finland's date,
    although the server's clock (UTC) still reads the day before."""
    from surveyapp.web import submissions

    clock = SimpleNamespace(
        datetime=HalfPastMidnightInFinland, date=dt.date, timedelta=dt.timedelta
    )
    monkeypatch.setattr(submissions, "dt", clock)
    make_collection(db, "session_feedback")
    page = client.get("/coordinate/c/testi/sessions/new").get_data(as_text=True)
    assert re.findall(r'id="held_on"[^>]*placeholder="([^"]+)"', page) == ["2.12.2026"]
