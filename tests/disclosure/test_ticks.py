"""The multi-select attacker finds what a view cut under k would give away, and nothing in views of k or more."""

from __future__ import annotations

from tests.disclosure import ticks
from tests.disclosure.attacker import Fine

K = 5
SMALL = Fine("posio", 2022, "web")
BIG = Fine("kemijarvi", 2022, "web")
TRUTH = {
    SMALL: [("luonto",), ("luonto", "pelit"), ()],
    BIG: [("pelit",), ("kokkaus",), ("luonto", "pelit"), ("kokkaus",), ("pelit",), ()],
}


def figures(source, cells) -> ticks.Ticks:
    answers = [t for f in cells for t in TRUTH[f]]
    answered = [t for t in answers if t]
    counts = {o: sum(o in t for t in answered) for o in ticks.OPTIONS}
    return ticks.Ticks(source, lambda f: f in cells, len(answers), len(answered), counts)


def test_a_view_of_the_small_group_alone_is_found():
    universe = [SMALL, BIG]
    views = [figures("all", {SMALL, BIG}), figures("kemijarvi", {BIG})]
    assert not ticks.misread(views, TRUTH)
    found = [str(d) for d in ticks.solve(universe, views, TRUTH, K)]
    assert "municipality=posio (n = 3): respondents to the question (2)" in found


def test_views_of_k_or_more_give_nothing_away():
    universe = [SMALL, BIG]
    assert ticks.solve(universe, [figures("all", {SMALL, BIG})], TRUTH, K) == []
