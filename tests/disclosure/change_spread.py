"""The attacker against the change report's other figures: intervals, shares and hidden pairs.

Besides a shown change's sum (tests/disclosure/change.py), every shown change publishes

- its 95 % interval: the half-width t(0,975; n − 1) · s / √n gives s, so with n and the mean the
  sum of the squared changes Σd² (read from the rounded bounds as an interval; `published`);
- the shares improved / unchanged / worse: with n, the number of people in each (exact, as a
  share of n people is printed to 0,1 %).

Each of these is a sum over the pairs of one quantity of one person (d², [d > 0], [d = 0],
[d < 0]) that belongs to that pair of waves and that item alone: no wave's own figure carries it
(d² holds the product of a person's two answers, which no other figure holds). So the attacker
sets up, per pair of waves and item, one linear system per quantity whose unknowns are the pieces
of the pairs split by which views showed them (the HTML page, the JSON, the PDF), and looks for a
combination that gives the sum over fewer than k people (`subtracted`).

A hidden change — a pair of waves under k pairs, or an item's change held back — is attacked with
the sums: is its total Σ(later − earlier) over its pairs a combination of the waves' own sums and
the shown changes' totals (`hidden_recovered`)?
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from html import unescape

from surveyapp.core import change as change_math
from tests.disclosure.change import WaveAnswers, _rank

QUANTITIES = ("squares", "improved", "unchanged", "worse")


@dataclass(frozen=True)
class Shown:
    """One shown change as printed: n, mean change, the interval's bounds, shares in per cent."""

    n: int
    mean: Fraction
    low: Fraction
    high: Fraction
    improved: Fraction
    unchanged: Fraction
    worse: Fraction


def _number(text: str) -> Fraction:
    cleaned = unescape(text).replace("\xa0", "").replace("%", "").replace("+", "").strip()
    return Fraction(cleaned.replace("−", "-").replace(",", "."))


def figures(page: str) -> dict[tuple[int, str], Shown]:
    """(pair's position, item code) -> its figures, for every change the HTML page shows."""
    found = {}
    for number, body in re.findall(r'data-pair="(\d+)">(.*?)</section>', page, re.S):
        for code, row in re.findall(r'<tr data-item="([^"]+)">(.*?)</tr>', body, re.S):
            cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            if cells and cells[0].isdigit():
                n, *rest = cells
                found[(int(number), code)] = Shown(int(n), *(_number(c) for c in rest))
    return found


def from_json(document: dict) -> dict[tuple[int, str], Shown]:
    """The same, read from the change report's JSON (rounded as the page rounds)."""
    found = {}
    for number, pair in enumerate(document["pairs"], start=1):
        for item in pair.get("items", []):
            if item["n"] is None:
                continue
            figures = [
                Fraction(str(item[key]))
                for key in (
                    "mean_change",
                    "ci95_low",
                    "ci95_high",
                    "improved_percent",
                    "unchanged_percent",
                    "worse_percent",
                )
            ]
            found[(number, item["code"])] = Shown(item["n"], *figures)
    return found


def published(shown: Shown) -> dict[str, tuple[Fraction, Fraction]]:
    """Each quantity's total over the pairs, as the interval the printed figures allow."""
    n = shown.n
    counts = {
        name: round(getattr(shown, name) * n / 100) for name in ("improved", "unchanged", "worse")
    }
    t = Fraction(Decimal(change_math.t_quantile(n - 1)))
    # printed to two decimals: each bound within 0,005 of the true one
    half_low = max(Fraction(0), (shown.high - shown.low) / 2 - Fraction(1, 200))
    half_high = (shown.high - shown.low) / 2 + Fraction(1, 200)
    mean_low, mean_high = shown.mean - Fraction(1, 200), shown.mean + Fraction(1, 200)
    mean_square_low = 0 if mean_low <= 0 <= mean_high else min(mean_low**2, mean_high**2)

    def squares(half: Fraction, mean_square: Fraction) -> Fraction:
        return (n - 1) * (half / t) ** 2 * n + n * mean_square

    out = {name: (Fraction(c), Fraction(c)) for name, c in counts.items()}
    out["squares"] = (
        squares(half_low, mean_square_low),
        squares(half_high, max(mean_low**2, mean_high**2)),
    )
    return out


def subtracted(views: list[set], k: int) -> list[tuple[int, ...]]:
    """The groups of fewer than k people whose total of a quantity the views' totals give.

    ``views``: the sets of people over which one pair of waves' change of one item was shown (one
    per view that shows it); every quantity is a sum over such a set, so the pieces and equations
    are the same for each."""
    pieces: dict[tuple[bool, ...], set] = defaultdict(set)
    for person in set().union(*views) if views else set():
        pieces[tuple(person in view for view in views)].add(person)
    names = sorted(pieces)
    equations = [[Fraction(name[i]) for name in names] for i in range(len(views))]
    rank = _rank(equations) if equations else 0
    found = []
    for size in range(1, len(names) + 1):
        for chosen in itertools.combinations(range(len(names)), size):
            if not 0 < sum(len(pieces[names[i]]) for i in chosen) < k:
                continue
            unit = [[Fraction(i == j) for j in range(len(names))] for i in chosen]
            if rank + len(chosen) - _rank(equations + unit) > 0:
                found.append(chosen)
    return found


def hidden_recovered(
    answers: WaveAnswers,
    waves: list[str],
    item: str,
    changes: list[tuple[str, str, set]],
    hidden: list[tuple[str, str, set]],
) -> list[tuple[str, str]]:
    """The hidden changes of ``item`` whose total the waves' sums and the shown changes give.

    ``changes``/``hidden``: (earlier wave, later wave, the people paired) of the shown and the
    hidden changes."""
    everything = changes + hidden
    pieces: dict[tuple[str, tuple[bool, ...]], set] = defaultdict(set)
    for wave in waves:
        involved = [c for c in everything if wave in c[:2]]
        for person in answers[wave].get(item, set()):
            pieces[(wave, tuple(person in c[2] for c in involved))].add(person)
    names = sorted(pieces)

    def total(first: str, later: str, people: set) -> list[Fraction]:
        return [
            Fraction(1 if name[0] == later else -1)
            if name[0] in (first, later) and pieces[name] <= people
            else Fraction(0)
            for name in names
        ]

    equations = [[Fraction(name[0] == wave) for name in names] for wave in waves]
    equations += [total(*c) for c in changes]
    rank = _rank(equations)
    return [
        (first, later)
        for first, later, people in hidden
        if people and _rank(equations + [total(first, later, people)]) == rank
    ]
