"""The attacker against the change report: what the waves' own results and the shown changes give.

Each wave's own results publish, per item, the number of answers and their sum (n × the mean; with
whole-number answers a rounded mean gives the exact sum for any n under a hundred). A shown change
publishes the sum of (later − earlier) over its pairs. The attacker writes the unknown sums as
*pieces*: in each wave, the item's answers split by which shown pairs they are in (sizes known to
the defender only; the attacker is granted them). Every published figure is then a linear equation
over the pieces; a combination of the equations that involves only pieces holding together 1 to
k − 1 answers is the sum of a small group's answers: disclosed.

The spread of the changes (the interval's width) and the improved/unchanged/worse shares, and the
hidden changes, are attacked in change_spread.py.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from fractions import Fraction

WaveAnswers = dict[str, dict[str, set[str]]]  # wave -> item -> the codes (people) who answered


def shown(page: str) -> dict[tuple[int, str], int]:
    """(pair's position on the page, item code) -> pairs, for every change the page shows."""
    found = {}
    for number, body in re.findall(r'data-pair="(\d+)">(.*?)</section>', page, re.S):
        for code, row in re.findall(r'<tr data-item="([^"]+)">(.*?)</tr>', body, re.S):
            first = re.findall(r"<td>(.*?)</td>", row)[0]
            if first.isdigit():
                found[(int(number), code)] = int(first)
    return found


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows if any(r)]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column]:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def disclosed(
    answers: WaveAnswers,
    waves: list[str],
    item: str,
    changes: list[tuple[str, str, set[str]]],
    k: int,
) -> list[tuple[str, ...]]:
    """The small groups of answers to ``item`` whose sum the equations give: each as its pieces.

    ``changes``: the shown changes of ``item``, each (earlier wave, later wave, the people paired).
    """
    pieces: dict[tuple[str, tuple[bool, ...]], set[str]] = defaultdict(set)
    for wave in waves:
        involved = [c for c in changes if wave in c[:2]]
        for person in answers[wave].get(item, set()):
            pieces[(wave, tuple(person in c[2] for c in involved))].add(person)
    names = sorted(pieces)
    index = {name: i for i, name in enumerate(names)}
    equations = []
    for wave in waves:  # the wave's own sum
        equations.append([Fraction(name[0] == wave) for name in names])
    for first, later, people in changes:  # the change's sum
        row = [Fraction(0)] * len(names)
        for name, members in pieces.items():
            if name[0] in (first, later) and members and members <= people:
                row[index[name]] = Fraction(1 if name[0] == later else -1)
        equations.append(row)
    rank = _rank(equations)
    found = []
    for size in range(1, len(names) + 1):
        for chosen in itertools.combinations(names, size):
            people = sum(len(pieces[name]) for name in chosen)
            if not 0 < people < k:
                continue
            unit = [[Fraction(i == index[name]) for i in range(len(names))] for name in chosen]
            # The equations' span meets the span of the chosen pieces: some combination of
            # published figures is a sum over these pieces alone.
            if rank + len(chosen) - _rank(equations + unit) > 0:
                found.append(
                    tuple(f"{w}:{''.join('1' if m else '0' for m in s)}" for w, s in chosen)
                )
    return found
