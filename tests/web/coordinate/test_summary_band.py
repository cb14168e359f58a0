"""The results page's summary band for a form that leads with a statement battery: its share agreeing
and the change since the previous period, in Finnish and Swedish, from raw answers counted here."""

from __future__ import annotations

import re
from fractions import Fraction

from tests.helpers import make_collection, shipped_instruments
from tests.helpers.rounds import INSTRUMENT, rows, submit_wave

NBSP = "\u00a0"
BATTERY = ("tunnen_tyotavat", "verkosto_toimii")
AGREEING = ("osittain_samaa", "samaa")


def submit(db, collection, instrument, year: int, respondents: list[dict[str, str]]) -> None:
    submit_wave(db, collection, instrument, year, respondents)
    db.commit()


def share_agreeing(respondents: list[dict[str, str]]) -> Fraction:
    answers = [person[code] for person in respondents for code in BATTERY if code in person]
    return Fraction(100 * sum(a in AGREEING for a in answers), len(answers))


def half_up(value: Fraction, places: int) -> str:
    scaled = abs(value) * 10**places
    whole = int(scaled) + (1 if scaled - int(scaled) >= Fraction(1, 2) else 0)
    digits = str(whole).rjust(places + 1, "0")
    return ("\u2212" if value < 0 and whole else "") + f"{digits[:-places]},{digits[-places:]}"


def band(html: str) -> dict[str, tuple[str, str, str]]:
    """data-fact → (label, figure, detail) of the band."""
    return {
        key: (label, figure, detail.strip())
        for key, label, figure, detail in re.findall(
            r'data-fact="([\w-]+)">\s*<dt>([^<]+)</dt>\s*<dd[^>]*><span class="figure">([^<]+)'
            r'</span>(?: <span class="detail"[^>]*>([^<]*)</span>)?',
            html,
        )
    }


def test_the_band_shows_a_batterys_change_since_the_previous_year(client, db, coordinator):
    instrument = shipped_instruments()[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, municipalities=(), audience="partners")
    submit(db, collection, instrument, 2015, rows(2015))
    submit(db, collection, instrument, 2016, rows(2016))
    change = share_agreeing(rows(2016)) - share_agreeing(rows(2015))
    every = share_agreeing(rows(2015) + rows(2016))
    html = client.get("/coordinate/c/testi/results").get_data(as_text=True)
    shown = band(html)
    assert list(shown) == ["n", "agreement", "change"]
    assert shown["agreement"][1] == half_up(every, 1) + NBSP + "%"
    assert shown["change"] == (
        "Muutos vuodesta 2015",
        "+" + half_up(change, 1) + " prosenttiyksikköä",
        "samaa mieltä olevien osuus 2016",
    )
    assert shown["change"][1] == "+9,2 prosenttiyksikköä"
    swedish = band(client.get("/coordinate/c/testi/results?lang=sv").get_data(as_text=True))
    # A year filter is one period: nothing to compare it with.
    one_year = band(client.get("/coordinate/c/testi/results?year=2016").get_data(as_text=True))
    assert "change" not in one_year and "agreement" in one_year
    assert swedish["change"][:2] == ("Förändring sedan 2015", "+9,2 procentenheter")


def test_no_change_when_the_previous_year_is_under_the_limit(client, db, coordinator):
    instrument = shipped_instruments()[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, municipalities=(), audience="partners")
    submit(db, collection, instrument, 2015, rows(2015)[:3])  # 3 < 5: published with 2016
    submit(db, collection, instrument, 2016, rows(2016))
    html = client.get("/coordinate/c/testi/results").get_data(as_text=True)
    shown = band(html)
    assert "agreement" in shown and "change" not in shown
