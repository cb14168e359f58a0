"""The attacker subtracts across the two levels: every municipality group and every county group
(wellbeing services county, core/regions.py), by period and in total, with n and rounded mean, as
the results publish them; integer programming then tries to fix any cell under k. Without the
cross-level rule the same attacker finds a hidden municipality (county total minus its shown
municipalities), so the test can fail."""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction

import pytest

from surveyapp.core import protection, regions
from surveyapp.core.reports import Cell
from surveyapp.core.stats import OTHERS
from tests.disclosure.attacker import GRADES, Fine, Knowledge, Observation, solve

K = 5
COUNTY = {"a1": "01", "a2": "01", "a3": "01", "b1": "02", "b2": "02", "c1": "03", "c2": "03"}


def rounded(total: int, n: int) -> Fraction:
    """A mean as published: half-up to two decimals."""
    return Fraction(int(Fraction(total * 100, n) + Fraction(1, 2)), 100)


def publish(truth: dict[Fine, dict[int, int]], partitions: list[dict], periods) -> Knowledge:
    """n and mean of every group of every partition, per period and over all, and the total."""
    universe = sorted(truth, key=lambda f: (f.municipality, f.year))
    knowledge = Knowledge(universe=universe)

    def observe(source, scope):
        cells = [f for f in universe if scope(f)]
        n = sum(sum(truth[f].values()) for f in cells)
        total = sum(g * c for f in cells for g, c in truth[f].items())
        if n:
            knowledge.observations.append(Observation(source, scope, n, None, rounded(total, n)))

    for members in partitions:
        for group, places in members.items():
            for years in (*periods, tuple(y for p in periods for y in p)):
                observe(
                    f"{group} {years}",
                    lambda f, places=places, years=years: (
                        f.municipality in places and f.year in years
                    ),
                )
    return knowledge


def seeded(rng: random.Random, sizes: dict[str, int]) -> dict[Fine, dict[int, int]]:
    truth = {}
    for place, n in sizes.items():
        for year in (2025, 2026):
            grades = {g: 0 for g in GRADES}
            for _ in range(n):
                grades[rng.choice((6, 7, 8, 9, 10))] += 1
            truth[Fine(place, year, "web")] = grades
    return truth


def cells_of(truth) -> list[Cell]:
    return [
        Cell(f.municipality, dt.date(f.year, 3, 2), f.channel, sum(grades.values()))
        for f, grades in truth.items()
    ]


SHAPES = {
    # One small municipality in a county of a large one: its county total would show it.
    "lone small in a county": {"a1": 12, "a2": 2, "a3": 0, "b1": 12, "b2": 2, "c1": 9, "c2": 9},
    "two small in one county": {"a1": 10, "a2": 2, "a3": 1, "b1": 10, "b2": 10, "c1": 8, "c2": 1},
    "all large": {"a1": 9, "a2": 8, "a3": 7, "b1": 6, "b2": 9, "c1": 7, "c2": 8},
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_cell_under_k_can_be_worked_out_across_both_levels(shape):
    sizes = {p: n for p, n in SHAPES[shape].items() if n}
    truth = seeded(random.Random(shape), sizes)
    cells = cells_of(truth)
    table = regions.with_counties(protection.build(cells, K), cells, COUNTY)
    assert not table.hidden
    partitions = [table.members]
    if table.counties:
        partitions.append(table.county_members)
    knowledge = publish(truth, partitions, table.periods)
    assert solve(knowledge, truth, K, dimensions=("municipality", "year")) == []
    if shape == "all large":  # nothing small: every county shown on its own
        assert table.counties == ("01", "02", "03")


def test_the_attacker_finds_the_hidden_municipality_without_the_cross_level_rule():
    sizes = SHAPES["lone small in a county"]
    truth = seeded(random.Random(1), {p: n for p, n in sizes.items() if n})
    cells = cells_of(truth)
    table = protection.build(cells, K)
    assert "a2" in table.members[OTHERS]  # hidden at the municipality level
    naive = {
        c: tuple(p for p in sorted(COUNTY) if COUNTY[p] == c and sizes[p])
        for c in ("01", "02", "03")
    }
    found = solve(
        publish(truth, [table.members, naive], table.periods),
        truth,
        K,
        dimensions=("municipality", "year"),
    )
    assert any("a2" in str(d) for d in found)
    # With the rule, county 01 (and 02, alike) leaves the county level: "muut" of both.
    safe = regions.with_counties(table, cells, COUNTY)
    assert "01" not in safe.counties and set(safe.county_members[OTHERS]) >= {"a1", "a2"}


def test_a_county_level_that_cannot_be_protected_is_not_published():
    truth = seeded(random.Random(2), {"a1": 3, "a2": 3, "b1": 2, "b2": 3})
    cells = cells_of(truth)
    table = regions.with_counties(protection.build(cells, K), cells, COUNTY)
    # Every municipality hidden: "muut" is all of them, and one county group for all adds nothing.
    assert table.counties == () and table.county_members == {}


# The same attacker on what the app publishes: the results JSON (`flask results`), the PDF report
# and the results page in every period, both levels, from a collection of the shipped
# classification's municipalities (counties 19 Pohjois-Pohjanmaa, 21 Lappi, 01 Itä-Uusimaa).
PLACES = {"494": "19", "889": "19", "615": "19", "320": "21", "698": "21", "638": "01", "434": "01"}
OUTPUT_SHAPES = {
    # Utajärvi and Pudasjärvi hidden (muut, 5 a year), their county's hidden part is that muut:
    # every county is shown.
    "hidden part of one county": {
        "494": 12, "889": 2, "615": 3, "320": 12, "698": 8, "638": 9, "434": 7
    },
    # Utajärvi alone hidden in its county, Loviisa in another: the counties cannot all be shown.
    "lone small in two counties": {
        "494": 12, "889": 2, "615": 9, "320": 12, "698": 8, "638": 9, "434": 3
    },
}  # fmt: skip


def seed_places(db, sizes: dict[str, int], rng: random.Random) -> dict[Fine, dict[int, int]]:
    from surveyapp.core import classification, responses
    from surveyapp.core.instruments.values import AnswerValue
    from surveyapp.core.models import Collection, Municipality, Project
    from tests.helpers.data import shipped_instruments

    classification.load_shipped(db)
    instrument = shipped_instruments()["valpas_partner_survey"]
    collection = Collection(
        slug="alueet",
        title="Alueet",
        project=Project(slug="valpas", name="VALPAS"),
        instrument_id=instrument.id,
        audience="partners",
        municipalities=[db.get(Municipality, code) for code in sizes],
    )
    db.add(collection)
    db.flush()
    truth = seeded(rng, sizes)
    for fine, grades in truth.items():
        for grade, count in grades.items():
            for _ in range(count):
                responses.submit(
                    db,
                    collection=collection,
                    instrument=instrument,
                    answers=[
                        AnswerValue("paikkakunta", choice_code=fine.municipality),
                        AnswerValue("kokonaisarvosana", grade=grade),
                    ],
                    channel="web",
                    municipality_code=fine.municipality,
                    day=dt.date(fine.year, 3, 2),
                    precision="week",
                    key=None,
                )
    db.commit()
    return truth


def exact(truth, members) -> tuple[int, Fraction]:
    """n and the half-up rounded mean of the answers of ``members`` over every year."""
    cells = [grades for f, grades in truth.items() if f.municipality in members]
    n = sum(sum(g.values()) for g in cells)
    return n, rounded(sum(grade * c for g in cells for grade, c in g.items()), n)


@pytest.mark.parametrize("shape", sorted(OUTPUT_SHAPES))
def test_the_published_outputs_reveal_no_cell_under_k_across_both_levels(shape, coordinator_for):
    from surveyapp.core.models import County
    from tests.disclosure import county_reader

    client, db, app = coordinator_for(MIN_CELL=K, SESSION_MIN_N=3)
    sizes = OUTPUT_SHAPES[shape]
    truth = seed_places(db, sizes, random.Random(shape))
    places = tuple(sorted(sizes))
    data = county_reader.json_output(app, "alueet", "municipality")
    counties = data.get("counties", [])
    members = {
        g["group"]: county_reader.members_of(g, "municipality", PLACES, places)
        for g in data["groups"]
    }
    county_members = {
        g["group"]: county_reader.members_of(g, "county", PLACES, places) for g in counties
    }
    periods = [g["group"] for g in county_reader.json_output(app, "alueet", "year")["groups"]]
    knowledge = Knowledge(universe=sorted(truth, key=lambda f: (f.municipality, f.year)))
    knowledge.observations += county_reader.from_json(app, "alueet", PLACES, places)
    knowledge.observations += county_reader.from_pages(
        client, "alueet", periods, members, county_members
    )
    # The county figures are the same, exact, in the JSON, the PDF and on the page.
    names = {c.code: c.name for c in db.query(County)}
    expected = {g: exact(truth, ms) for g, ms in county_members.items()}
    assert {g["group"]: (g["n"], Fraction(str(g["grades"]["mean"]))) for g in counties} == expected
    printed = county_reader.pdf_counties(client, "alueet")
    assert printed == {
        (names[g] if g != OTHERS else "muut yhdistettyinä"): v for g, v in expected.items()
    }
    html = client.get("/coordinate/c/alueet/results").get_data(as_text=True).replace("\u00a0", " ")
    assert county_reader.page_rows(html, "h-counties", 2) == expected
    if shape == "hidden part of one county":  # a municipality hidden, every county shown
        assert set(members[OTHERS]) == {"615", "889"}
        assert sorted(county_members) == ["01", "19", "21"]
    else:  # Pohjois-Pohjanmaa minus its shown ones would be Utajärvi: not shown on its own
        assert "19" not in county_members and "889" in members[OTHERS]
    assert solve(knowledge, truth, K, dimensions=("municipality", "year")) == []
