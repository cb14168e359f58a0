"""Results split by a background question, and a battery's overall mean and ranking (Essote 2019).

Golden: every expected figure is computed here from the inserted answers (exact fractions, half-up,
Finnish format). The Essote report (seeds/003 l. 1309-1318) gives the counts by client group
(54 adult social work, 41 mental health and substance abuse, 5 did not say), the mean of the
statements (4,2) and the ranking in words; it gives no raw answers, so the answers below are made
to agree with every figure it prints, and the test checks that the app reproduces them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html import unescape

from surveyapp.core import responses
from surveyapp.core.instruments.answers import AnswerValue
from tests.helpers import make_collection, pdf_text, shipped_instruments

FORM = shipped_instruments()["essote_client_satisfaction"]
VALUE = {o.code: o.value for o in FORM.item("vaittamat").scale.options}
CODE = {v: c for c, v in VALUE.items()}
# Sum of 100 answers per statement, and how many answered 1 ("yksittäisiä", l. 1320-1324).
ESSOTE = {
    "asiallinen_kohtelu": (470, 0),  # the best three (l. 1312-1314)
    "kuulluksi_tuleminen": (460, 0),
    "mielipiteen_huomioiminen": (450, 0),
    "kohdatuksi_tuleminen": (445, 2),
    "avun_saaminen": (440, 1),
    "tavoitettavuus": (410, 0),  # below the mean (l. 1314-1316)
    "vastaanottoaika": (400, 0),
    "tieto_avusta": (390, 0),
    "palvelujen_riittavyys": (360, 0),  # clearly lower (l. 1316-1318)
    "kehittajaasiakkuus": (340, 0),
}
GROUPS = [("aikuissosiaalityo", 54), ("mipa_sosiaalityo", 41), (None, 5)]


def finnish(value: Fraction, places: int = 2) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    step = Decimal(1).scaleb(-places)
    return str(exact.quantize(step, rounding=ROUND_HALF_UP)).replace(".", ",")


def answers_for(total: int, ones: int, n: int, rng: random.Random) -> list[int]:
    """``n`` answers 1-5 adding up to ``total``, ``ones`` of them 1, the rest two neighbouring values."""
    base, extra = divmod(total - ones, n - ones)
    values = [1] * ones + [base + 1] * extra + [base] * (n - ones - extra)
    rng.shuffle(values)
    return values


def seed(db, groups, plan, slug="asiakastyytyvaisyys"):
    """Responses with their group's background answer; returns each respondent's (group, answers)."""
    collection = make_collection(
        db, FORM.id, slug=slug, audience="clients", municipalities=("muhos",)
    )
    n = sum(count for _group, count in groups)
    rng = random.Random(2019)
    columns = {code: answers_for(total, ones, n, rng) for code, (total, ones) in plan.items()}
    people = [group for group, count in groups for _ in range(count)]
    made = []
    for index, group in enumerate(people):
        given = {code: columns[code][index] for code in plan}
        answers = [AnswerValue(code, choice_code=CODE[v]) for code, v in given.items()]
        if group:
            answers.append(AnswerValue("asiakkuus", choice_code=group))
        responses.submit(
            db,
            collection=collection,
            instrument=FORM,
            key=None,
            answers=answers,
            channel="paper",
            municipality_code="muhos",
            day=dt.date(2019, 3, 11),
            precision="week",
        )
        made.append((group or "", given))
    db.commit()
    return made


def rows(html: str, attribute: str) -> dict[str, tuple[str, list[str]]]:
    body = html.split(attribute)[1].split("</table>")[0].replace("\u00a0", " ")
    return {
        key: (
            unescape(label),
            [
                unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", rest)
            ],
        )
        for key, label, rest in re.findall(
            r'<tr data-[\w-]+(?:="([^"]*)")?><th scope="row">(.*?)</th>(.*?)</tr>', body, re.S
        )
    }


def mean_of(values) -> Fraction:
    return Fraction(sum(values), len(values))


def test_essote_split_by_client_group_and_statements_ranked(client, coordinator, db, app):
    made = seed(db, GROUPS, ESSOTE)
    html = client.get("/coordinate/c/asiakastyytyvaisyys/results?by=asiakkuus").get_data(
        as_text=True
    )
    assert 'class="notice"' not in html
    split = rows(html, 'data-breakdown="asiakkuus"')
    expected = {}
    for group, count in GROUPS:
        mine = [v for g, given in made if g == (group or "") for v in given.values()]
        expected[group or ""] = [
            str(count),
            f"{finnish(Fraction(100 * count, 100), 1)} %",
            finnish(mean_of(mine)),
        ]
    assert {key: cells for key, (_label, cells) in split.items()} == expected
    assert split[""][0] == "ei vastausta"
    # The ranking: every statement answer of every respondent; the report's words, in order.
    ranking = rows(html, "<caption>Väittämät keskiarvon mukaan</caption>")
    every = [v for _g, given in made for v in given.values()]
    whole = mean_of(every)
    assert finnish(whole) == "4,17" and finnish(whole, 1) == "4,2"  # the report's "4,2" (l. 1312)
    codes = [key for key in ranking if key]
    by_mean = sorted(ESSOTE, key=lambda c: -mean_of([given[c] for _g, given in made]))
    assert codes == by_mean
    assert codes[:3] == ["asiallinen_kohtelu", "kuulluksi_tuleminen", "mielipiteen_huomioiminen"]
    assert codes[-2:] == ["palvelujen_riittavyys", "kehittajaasiakkuus"]
    below = [c for c in codes if mean_of([given[c] for _g, given in made]) < whole]
    assert below == ["tavoitettavuus", "vastaanottoaika", "tieto_avusta", *codes[-2:]]
    for code in codes:
        column = [given[code] for _g, given in made]
        assert ranking[code][1] == ["100", finnish(mean_of(column))]
    assert ranking[""] == ("Kaikki väittämät yhteensä", ["1000", "4,17"])


def test_a_group_under_k_is_combined_with_the_next_smallest(client, coordinator, db, app):
    """8 adult social work, 6 mental health, 2 without an answer: the 2 go with the 6, never alone."""
    plan = {code: (sum_ * 16 // 100, 0) for code, (sum_, _ones) in ESSOTE.items()}
    groups = [("aikuissosiaalityo", 8), ("mipa_sosiaalityo", 6), (None, 2)]
    made = seed(db, groups, plan)
    html = client.get("/coordinate/c/asiakastyytyvaisyys/results?by=asiakkuus").get_data(
        as_text=True
    )
    split = rows(html, 'data-breakdown="asiakkuus"')
    assert list(split) == ["aikuissosiaalityo", "muut"]
    adults = [v for g, given in made if g == "aikuissosiaalityo" for v in given.values()]
    others = [v for g, given in made if g != "aikuissosiaalityo" for v in given.values()]
    assert split["aikuissosiaalityo"][1] == ["8", "50,0 %", finnish(mean_of(adults))]
    label, cells = split["muut"]
    assert label.startswith("muut yhdistettyinä (") and "ei vastausta" in label
    assert cells == ["8", "50,0 %", finnish(mean_of(others))]
    # The split is for the whole survey only: under a filter it is refused, with a message.
    html = client.get("/coordinate/c/asiakastyytyvaisyys/results?by=asiakkuus&year=2019").get_data(
        as_text=True
    )
    assert 'data-breakdown="asiakkuus"' not in html and 'class="notice" role="status"' in html
    html = client.get("/coordinate/c/asiakastyytyvaisyys/results?by=vaittamat").get_data(
        as_text=True
    )
    assert 'data-breakdown="vaittamat"' not in html and 'class="notice" role="status"' in html
    # The results JSON carries the same groups, and the battery's overall mean and ranking.
    result = app.test_cli_runner().invoke(
        args=["results", "--collection", "asiakastyytyvaisyys", "--by", "asiakkuus"]
    )
    data = json.loads(result.output)
    assert [(g["group"], g["n"]) for g in data["groups"]] == [("aikuissosiaalityo", 8), ("muut", 8)]
    assert data["groups"][1]["members"] == ["", "mipa_sosiaalityo"]
    assert data["groups"][0]["battery_means"] == {
        "vaittamat": float(finnish(mean_of(adults)).replace(",", "."))
    }
    battery = next(i for i in data["items"] if i["code"] == "vaittamat")
    every = adults + others
    assert battery["overall"] == {
        "answers": 160,
        "mean": float(finnish(mean_of(every)).replace(",", ".")),
    }
    bad = app.test_cli_runner().invoke(
        args=["results", "--collection", "asiakastyytyvaisyys", "--by", "zz"]
    )
    assert bad.exit_code != 0 and "asiakkuus" in bad.output


def test_the_report_carries_the_split_and_the_ranking(client, coordinator, db, app):
    seed(db, GROUPS, ESSOTE)
    flat = " ".join(
        pdf_text(client.get("/coordinate/c/asiakastyytyvaisyys/raportti.pdf").data).split()
    )
    assert "Jako: 1. Asiakkuus (n = 100)" in flat
    assert "aikuissosiaalityö 54 54,0 %" in flat and "ei vastausta 5 5,0 %" in flat
    assert "Väittämät keskiarvon mukaan" in flat and "Kaikki väittämät yhteensä 1000 4,17" in flat
