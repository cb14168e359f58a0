"""VALPAS's trips and group sessions for the demo: 108 sessions, 343 participants, the yearly grades.

The report prints the totals only: "yhteisiä retkiä ja ryhmäkertoja … yhteensä 108 ja osallistujia
retkillä ja ryhmissä yhteensä 343" (seeds/000 l. 835-836), and the yearly mean grades 8,76, 8,93
and 9,1 (l. 842). The split by year and by kind below is a reconstruction, not in the source: more
sessions in 2018, the only full year of client work (it ended 31.7.2019, l. 101), and a trip for
every three or four group sessions. Each session's answers are the written feedback forms of that
day (at most two, fewer than participants), so the yearly grades stay those of demo.SESSION_GRADES.
"""

from __future__ import annotations

import datetime as dt
import itertools
import secrets

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from surveyapp.core import responses
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Collection, GroupSession

TOTAL_SESSIONS, TOTAL_PARTICIPANTS = 108, 343  # printed (seeds/000 l. 836)
# Reconstructed: year -> (group sessions, trips, participants); sums 108 and 343.
SESSIONS_BY_YEAR = {2017: (20, 6, 82), 2018: (40, 12, 166), 2019: (24, 6, 95)}
# Months the sessions were held in (client work ended in July 2019); never the first week of a year,
# whose answers would be kept in the week that began in December.
MONTHS = {2017: range(2, 12), 2018: range(2, 12), 2019: range(2, 8)}
GROUP_NAME, TRIP_NAME = "Voimavaravalmennusryhmä", "Retki"  # the groups quoted on l. 844
TRIP_PLACE = 0  # the joint trips ("yhteisiä retkiä") start from one municipality: the first
DEMO_PIN = "2468"


def shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that differ by one at most, the larger first."""
    base, extra = divmod(total, parts)
    return [base + 1] * extra + [base] * (parts - extra)


def load(
    db: Session,
    collection: Collection,
    instrument: spec.Instrument,
    grades_by_year: dict[int, list[int]],
    comments: itertools.cycle,
    places: list[str],
) -> None:
    """The collection's sessions, closed with their attendance, and each one's paper forms."""
    pin_hash = generate_password_hash(DEMO_PIN)  # once: 108 hashes would take half a minute
    for year, (groups, trips, participants) in SESSIONS_BY_YEAR.items():
        grades = grades_by_year[year]
        count = groups + trips
        # A trip after every few group sessions, spread evenly over the year.
        trip_at = {(2 * k + 1) * count // (2 * trips) for k in range(trips)}
        kinds = ["trip" if i in trip_at else "group" for i in range(count)]
        answers = shares(len(grades), count)
        attendance = shares(participants, count)
        given = iter(grades)
        months = itertools.cycle(MONTHS[year])
        group_places = itertools.cycle(places)
        for i, kind in enumerate(kinds):
            held_on = dt.date(year, next(months), 8 + i % 3 * 7)
            place = places[TRIP_PLACE] if kind == "trip" else next(group_places)
            group_session = GroupSession(
                collection=collection,
                group_name=TRIP_NAME if kind == "trip" else GROUP_NAME,
                municipality_code=place,
                held_on=held_on,
                kiosk_token=secrets.token_urlsafe(24),
                pin_hash=pin_hash,
                kind=kind,
                attendance=attendance[i],
                closed_on=held_on,
            )
            db.add(group_session)
            db.flush()
            for j in range(answers[i]):
                written = [AnswerValue("arvosana", grade=next(given))]
                if (i + j) % 10 == 0:
                    written.append(AnswerValue("vapaa_palaute", text=next(comments)))
                responses.submit(
                    db,
                    collection=collection,
                    instrument=instrument,
                    answers=written,
                    channel="paper",
                    municipality_code=place,
                    day=held_on,
                    precision="week",
                    key=None,
                    group_session_id=group_session.id,
                )
