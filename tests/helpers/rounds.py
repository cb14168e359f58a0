"""The Oulunkaari cooperation survey's 2015 and 2016 rounds as raw rows (seeds 002 L2720–2806).

The report prints only shares (n 43 and 20); the rows are constructed to give exactly those shares
on the per-statement n the inventory back-calculated (instruments-source-002.md §4.2). How the
agreeing answers split between "osittain samaa mieltä" and "samaa mieltä", and the disagreeing ones,
is not in the source: chosen here, so the means are the constructed rows' own.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from surveyapp.core import responses
from surveyapp.core.instruments.answers import AnswerValue

INSTRUMENT = "oulunkaari_yhteistyokysely"
# wave → (respondents, day answered, statement → [(option, answers), …]); a respondent past the
# listed answers left the statement blank.
WAVES = {
    2015: (
        43,
        dt.date(2015, 3, 16),
        {
            "tunnen_tyotavat": [
                ("samaa", 15),
                ("osittain_samaa", 20),
                ("osittain_eri", 6),
                ("eri", 2),
            ],
            "verkosto_toimii": [
                ("samaa", 10),
                ("osittain_samaa", 21),
                ("osittain_eri", 9),
                ("eri", 2),
            ],
            "kriisitilanne": [("kylla", 17), ("ei", 26)],
            "yhteinen_nakemys": [("kylla", 8), ("ei", 35)],
            "vaihtuvuus": [("kylla", 23), ("ei", 20)],
            "kiire": [("kylla", 18), ("ei", 25)],
            "laajempi_ymmarrys": [("erittain", 29), ("melko", 12), ("vahan", 2)],
        },
    ),
    2016: (
        20,
        dt.date(2016, 9, 12),
        {
            "tunnen_tyotavat": [("samaa", 6), ("osittain_samaa", 10), ("osittain_eri", 3)],
            "verkosto_toimii": [("samaa", 7), ("osittain_samaa", 10), ("osittain_eri", 2)],
            "kriisitilanne": [("kylla", 10), ("ei", 10)],
            "yhteinen_nakemys": [("kylla", 1), ("ei", 19)],
            "vaihtuvuus": [("kylla", 13), ("ei", 7)],
            "kiire": [("kylla", 12), ("ei", 8)],
            "laajempi_ymmarrys": [("erittain", 18), ("melko", 2)],
        },
    ),
}
# The published table (seeds 002 L2738–2804): statement → (2015, 2016) as printed.
PUBLISHED = {
    "tunnen_tyotavat": ("81 %", "84,2 %"),
    "verkosto_toimii": ("73,8 %", "89,5 %"),
    "kriisitilanne": ("39,5 %", "50 %"),
    "yhteinen_nakemys": ("18,6 %", "5 %"),
    "vaihtuvuus": ("53 %", "65 %"),
    "kiire": ("42 %", "60 %"),
    "laajempi_ymmarrys": ("67,4 %", "90 %"),
}
AGREEING = {"samaa", "osittain_samaa", "kylla", "erittain"}
VALUES = {
    "eri": 1,
    "osittain_eri": 2,
    "osittain_samaa": 3,
    "samaa": 4,
    "ei_lainkaan": 1,
    "vahan": 2,
    "melko": 3,
    "erittain": 4,
}


def rows(year: int) -> list[dict[str, str]]:
    """Each respondent's answers (statement → option code) of one wave."""
    respondents, _day, statements = WAVES[year]
    out: list[dict[str, str]] = [{} for _ in range(respondents)]
    for code, counts in statements.items():
        options = [option for option, n in counts for _ in range(n)]
        for person, option in zip(out, options):
            person[code] = option
    return out


def submit_wave(db, collection, instrument, year: int, respondents=None) -> None:
    """The year's wave as paper answers: ``respondents`` (each a dict of code → option), else all
    of the year's rows."""
    for answers in rows(year) if respondents is None else respondents:
        responses.submit(
            db,
            collection=collection,
            instrument=instrument,
            answers=[AnswerValue(code, choice_code=option) for code, option in answers.items()],
            channel="paper",
            municipality_code=None,
            day=WAVES[year][1],
            precision="month",
            key=None,
        )


def expected(year: int, code: str) -> tuple[int, Fraction | None, Fraction]:
    """(n, mean, share agreeing in %) of one statement, from the wave's rows by hand."""
    answers = [person[code] for person in rows(year) if code in person]
    n = len(answers)
    coded = [VALUES[a] for a in answers if a in VALUES]
    mean = Fraction(sum(coded), len(coded)) if coded else None
    return n, mean, Fraction(100 * sum(a in AGREEING for a in answers), n)
