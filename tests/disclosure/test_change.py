"""No group of fewer than k answers can be worked out from the change report and the waves' own
results together (the attacker: tests/disclosure/change.py), for several shapes of series."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from surveyapp.core import pairing_codes, submission, waves
from tests.disclosure import change
from tests.helpers import PAIRING_KEY, make_collection, serve_also, wave_form

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
    for name, (people, anonymous, skipping) in spec.items():
        answered = {item: set() for item in ITEMS}
        for person in [*people, *(f"{name}-anon{i}" for i in range(anonymous))]:
            fields = {"arvosana": str(rng.randint(4, 10))}
            if person not in skipping:
                fields["jaksaminen"] = str(rng.randint(4, 10))
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
    pairs = list(itertools.combinations(names, 2))
    for item in ITEMS:
        changes = []
        for position, (first, later) in enumerate(pairs, start=1):
            if (position, item) not in shown:
                continue
            people = {p for p in answers[first][item] & answers[later][item] if isinstance(p, int)}
            assert shown[(position, item)] == len(people)
            changes.append((first, later, people))
        assert change.disclosed(answers, names, item, changes, K) == [], (shape, item)
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
