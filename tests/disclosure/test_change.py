"""No group of fewer than k answers can be worked out from the change report and the waves' own
results together (the attacker: tests/disclosure/change.py), for several shapes of series."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from surveyapp.core import pairing_codes, submission, waves
from tests.disclosure import change, change_spread
from tests.helpers import PAIRING_KEY, make_collection, pdf_text, serve_also, wave_form

K = 5
ITEMS = ("arvosana", "jaksaminen")

# wave -> (people who give their code, answers without a code, people who leave jaksaminen empty)
SHAPES = {
    "golden": {"alku": (range(30), 10, ()), "loppu": ([*range(27), 40, 41], 2, (3, 11))},
    "one_left_at_the_start": {"alku": (range(7), 0, ()), "loppu": (range(6), 0, ())},
    "all_paired": {"alku": (range(8), 0, ()), "loppu": (range(8), 0, (1,))},
    "few_skip_an_item": {"alku": (range(12), 0, (0, 1)), "loppu": (range(12), 0, ())},
    "three_waves": {
        "1": (range(14), 0, ()),
        "2": (range(12), 0, ()),
        "3": ([*range(10), 12], 0, ()),
    },
    # Pairs 1–2 and 2–3 differ by one person in wave 2: shown both, with 1–3 they would give
    # that person's change from wave 1 to 2.
    "three_waves_one_apart": {
        "1": (range(20), 0, ()),
        "2": (range(15), 0, ()),
        "3": (range(14), 5, ()),
    },
    "three_waves_far_apart": {
        "1": (range(20), 3, ()),
        "2": (range(5, 20), 0, ()),
        "3": (range(0, 15), 2, (4,)),
    },
}


def random_shape(seed: int) -> dict:
    rng = random.Random(seed)
    waves_ = {}
    for name in ("1", "2", "3")[: rng.choice((2, 3))]:
        people = sorted(rng.sample(range(20), rng.randint(6, 18)))
        skip = tuple(rng.sample(people, rng.randint(0, 3)))
        waves_[name] = (people, rng.randint(0, 6), skip)
    return waves_


SHAPES.update({f"random_{seed}": random_shape(seed) for seed in range(4)})


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_small_group_is_worked_out_from_the_change_report(
    app, db, client, coordinator, tmp_path, shape
):
    instrument = wave_form(tmp_path)
    serve_also(app, instrument)
    app.config["PAIRING_KEY"] = PAIRING_KEY.decode()
    rng = random.Random(shape)
    codes = pairing_codes.sheet(60)
    spec = SHAPES[shape]
    collections = {name: make_collection(db, "muutos", f"aalto-{name}") for name in spec}
    names = list(spec)
    series = waves.declare(db, collections[names[0]], "Sarja", names[0])
    for name in names[1:]:
        waves.add_wave(db, series, collections[name], name)
    db.commit()
    answers: change.WaveAnswers = {}
    values: dict[tuple[str, str, object], int] = {}  # (wave, item, person) -> the answer
    for name, (people, anonymous, skipping) in spec.items():
        answered = {item: set() for item in ITEMS}
        for person in [*people, *(f"{name}-anon{i}" for i in range(anonymous))]:
            fields = {"arvosana": str(rng.randint(4, 10))}
            if person not in skipping:
                fields["jaksaminen"] = str(rng.randint(4, 10))
            for item in ITEMS:
                if item in fields:
                    values[(name, item, person)] = int(fields[item])
            if isinstance(person, int):
                fields["koodi"] = codes[person]
            else:
                fields["koodi.none"] = "1"
            result = submission.submit(
                db,
                collections[name],
                instrument,
                {field: [value] for field, value in fields.items()},
                channel="web",
                day=dt.date(2026, 3, 4),
                precision="week",
                keyed=False,
                pairing_key=PAIRING_KEY,
            )
            assert result.stored
            for item in ITEMS:
                if item in fields:
                    answered[item].add(person)
        answers[name] = answered
    db.commit()
    page = client.get(f"/coordinate/c/aalto-{names[0]}/change").get_data(as_text=True)
    shown = change.shown(page)
    printed = change_spread.figures(page)
    assert set(printed) == set(shown)
    # The JSON and the PDF are further views: the same figures over the same pairs, or the
    # attacker would subtract them.
    document = client.get(f"/coordinate/c/aalto-{names[0]}/muutos.json").get_json()
    assert change_spread.from_json(document) == printed
    pdf = pdf_text(client.get(f"/coordinate/c/aalto-{names[0]}/muutos.pdf").data)
    for figures in printed.values():
        assert _printed(figures.mean) in pdf.replace("\xa0", " ")
    pairs = list(itertools.combinations(names, 2))
    for item in ITEMS:
        changes, hidden = [], []
        for position, (first, later) in enumerate(pairs, start=1):
            people = {p for p in answers[first][item] & answers[later][item] if isinstance(p, int)}
            if (position, item) not in shown:
                hidden.append((first, later, people))
                continue
            assert shown[(position, item)] == len(people)
            changes.append((first, later, people))
            differences = [values[(later, item, p)] - values[(first, item, p)] for p in people]
            _reads_the_spread_and_shares(printed[(position, item)], differences)
            # Every view of this change (the page, the JSON, the PDF: the same pairs): nothing
            # under k people by subtracting any quantity's totals.
            views = [people, people, people]
            assert change_spread.subtracted(views, K) == [], (shape, item, position)
        assert change.disclosed(answers, names, item, changes, K) == [], (shape, item)
        recovered = change_spread.hidden_recovered(answers, names, item, changes, hidden)
        assert recovered == [], (shape, item)
    if shape == "golden":
        assert shown[(1, "arvosana")] == 27 and shown[(1, "jaksaminen")] == 25


def test_the_attacker_finds_what_an_unprotected_report_would_give():
    """Seven at the start, six of them paired at the end: the change and both waves' sums give the
    seventh's answer (the report hides it; the attacker must see why)."""
    answers = {"alku": {"arvosana": set(range(7))}, "loppu": {"arvosana": set(range(6))}}
    found = change.disclosed(
        answers, ["alku", "loppu"], "arvosana", [("alku", "loppu", set(range(6)))], K
    )
    assert found == [("alku:0",)]
    # Three waves: two changes from one start, their pairs differing by one person there.
    answers = {
        "1": {"a": set(range(12))},
        "2": {"a": set(range(12))},
        "3": {"a": set(range(11))},
    }
    found = change.disclosed(
        answers,
        ["1", "2", "3"],
        "a",
        [("1", "2", set(range(12))), ("1", "3", set(range(11)))],
        K,
    )
    assert found


def _printed(value) -> str:
    """A change as the page and the PDF print it: two decimals, a comma, + when above zero."""
    shown = f"{float(value):.2f}".replace(".", ",").replace("-", "−")
    return f"+{shown}" if value > 0 else shown


def _reads_the_spread_and_shares(shown: change_spread.Shown, differences: list[int]) -> None:
    """The attacker's reading of the interval and the shares is right (so it attacks real figures):
    the true Σd² lies in the interval read from the bounds, the counts are exact."""
    read = change_spread.published(shown)
    truth = {
        "squares": sum(d * d for d in differences),
        "improved": sum(1 for d in differences if d > 0),
        "unchanged": differences.count(0),
        "worse": sum(1 for d in differences if d < 0),
    }
    for quantity, value in truth.items():
        low, high = read[quantity]
        assert low <= value <= high, (quantity, value, low, high)


def test_the_attacker_subtracts_spreads_and_shares_of_two_views():
    """Two views of one change whose pairs differ by one person give that person's d², and
    whether they improved: the attacker finds it (the report has one view per change)."""
    found = change_spread.subtracted([set(range(8)), set(range(7))], K)
    assert found == [(0,)]
    assert change_spread.subtracted([set(range(8)), set(range(8))], K) == []
    assert change_spread.subtracted([set(range(10)), set(range(5))], K) == []


def test_the_attacker_recovers_a_hidden_change_the_shown_ones_give():
    """Waves 1–2 and 1–3 shown over the same six people: their difference is the change from 2
    to 3 of those six, so hiding that change would hide nothing."""
    answers = {wave: {"a": set(range(6))} for wave in ("1", "2", "3")}
    six = set(range(6))
    shown = [("1", "2", six), ("1", "3", six)]
    assert change_spread.hidden_recovered(
        answers, ["1", "2", "3"], "a", shown, [("2", "3", six)]
    ) == [("2", "3")]
    # Wave 1 with a seventh: 2–3 still follows (the seventh is in neither change).
    answers["1"]["a"].add(6)
    recovered = change_spread.hidden_recovered(
        answers, ["1", "2", "3"], "a", shown, [("2", "3", six)]
    )
    assert recovered == [("2", "3")]
    # The start and end sums alone do not give a change when one answer is left out of it.
    answers = {"alku": {"a": set(range(7))}, "loppu": {"a": set(range(6))}}
    hidden = [("alku", "loppu", set(range(6)))]
    assert change_spread.hidden_recovered(answers, ["alku", "loppu"], "a", [], hidden) == []
