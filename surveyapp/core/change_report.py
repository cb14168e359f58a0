"""The change report of a measurement series: per pair of waves, the pairs and each item's change.

For each pair of waves (first, later): how many answers are paired, the match rate in each wave
(paired / answered there) and, per item that has a value to compare (grades; scores), the paired
change (change.py: the mean of after − before with its 95 % paired-t interval, and the shares of
people who improved, stayed the same or got worse). Unpaired answers count only in their own
wave's results.

Protection (docs/disclosure.md's k = MIN_CELL): nothing is shown of a pair of waves with fewer than
k pairs, or where either wave's own results are withheld. An item's change is shown only when

- at least k pairs answered it in both waves, and
- the answers to it left out of the pairs, in the two waves together, are 0 or at least k. The
  change's total is (the later wave's sum − the first wave's sum) − (the left-out answers' sums),
  and both waves' sums are public in their own results: so the left-out answers are a group
  whose figure can be worked out, and it must not be a small one. (For the same reason the
  means of each wave over the pairs alone are not shown: with a wave's public sum they would
  give that wave's left-out answers alone.)
- a pair of waves that shares a wave with a pair already shown uses, in that wave, the same
  answers or at least k different ones each way, so two changes cannot be subtracted to reach
  fewer than k people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core import change, pairing
from surveyapp.core.instruments import spec
from surveyapp.core.models import Answer, Wave

# Item types whose answers are numbers to subtract, and whether higher is better.
COMPARED = {"grade": True, "section_grade": True}


@dataclass(frozen=True)
class ItemChange:
    item: spec.Item
    change: change.Change | None  # None: not shown (too few pairs, or the protection)


@dataclass(frozen=True)
class WavePair:
    first: Wave
    second: Wave
    shown: bool  # False: fewer than k pairs, or a wave's own results are withheld
    paired: int | None
    answered: tuple[int, int] | None
    rates: tuple[Fraction | None, Fraction | None] | None
    items: tuple[ItemChange, ...]


def compared_items(instrument: spec.Instrument) -> list[tuple[spec.Item, bool]]:
    """(item, higher is better) of every item the report compares, in paper order."""
    found = []
    for item in instrument.items():
        better = COMPARED.get(item.type)
        if better is None and item.type == "score":
            better = item.higher_is_better
        if better is not None:
            found.append((item, better))
    return found


def _values(db: Session, collection_id: str, codes: list[str]) -> dict[str, dict[str, int]]:
    """item code -> response id -> its number (a grade, a score)."""
    values: dict[str, dict[str, int]] = defaultdict(dict)
    rows = db.execute(
        select(Answer.item_code, Answer.response_id, Answer.grade, Answer.choice_code).where(
            Answer.collection_id == collection_id, Answer.item_code.in_(codes)
        )
    )
    for code, response_id, grade, choice in rows:
        number = grade if grade is not None else _number(choice)
        if number is not None:
            values[code][response_id] = number
    return values


def _number(choice: str | None) -> int | None:
    if choice is None:
        return None
    try:
        return int(choice)
    except ValueError:
        return None


def _small(n: int, k: int) -> bool:
    return 0 < n < k


def report(
    db: Session,
    waves: list[Wave],
    instrument: spec.Instrument,
    key: bytes,
    min_cell: int,
    withheld: frozenset[str] = frozenset(),
) -> list[WavePair]:
    """Every pair of ``waves`` (earlier first), protected; ``withheld``: collection ids whose own
    results show nothing."""
    items = compared_items(instrument)
    codes = [item.code for item, _better in items]
    values = {w.collection_id: _values(db, w.collection_id, codes) for w in waves}
    # (wave's collection id, item code) -> the sets of answers a shown change used there
    used: dict[tuple[str, str], list[frozenset[str]]] = defaultdict(list)
    out = []
    for first, second in combinations(waves, 2):
        found = pairing.paired(db, first.collection_id, second.collection_id, key)
        if len(found.pairs) < min_cell or {first.collection_id, second.collection_id} & withheld:
            out.append(WavePair(first, second, False, None, None, None, ()))
            continue
        n = len(found.pairs)
        changes = []
        for item, better in items:
            a, b = values[first.collection_id][item.code], values[second.collection_id][item.code]
            pairs = [(ra, rb) for ra, rb in found.pairs if ra in a and rb in b]
            sets = (
                (first.collection_id, frozenset(p[0] for p in pairs)),
                (second.collection_id, frozenset(p[1] for p in pairs)),
            )
            left_out = len(a) + len(b) - 2 * len(pairs)
            clash = any(
                _small(len(mine - other), min_cell) or _small(len(other - mine), min_cell)
                for wave_id, mine in sets
                for other in used[(wave_id, item.code)]
            )
            if len(pairs) < min_cell or _small(left_out, min_cell) or clash:
                changes.append(ItemChange(item, None))
                continue
            for wave_id, mine in sets:
                used[(wave_id, item.code)].append(mine)
            shown = change.paired([(a[ra], b[rb]) for ra, rb in pairs], higher_is_better=better)
            changes.append(ItemChange(item, shown))
        rates = (change.match_rate(n, found.answered[0]), change.match_rate(n, found.answered[1]))
        out.append(WavePair(first, second, True, n, found.answered, rates, tuple(changes)))
    return out
