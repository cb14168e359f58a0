"""The attacker's reading of a multi-select question: who answered it and who ticked what, per view.

The figures are the question's base (respondents who answered it) and its tick counts, on every
dashboard view and in the raw export. They become integer constraints on the unknown answered and
tick counts per fine cell, each at most the cell's answers (whose n the other figures constrain),
and HiGHS is asked whether a cell under k has its number of respondents to the question, or a tick
count, or an option's share, that is the same in every solution. A count fixed at none or at all of
the cell follows from a published group of at least k in which nobody, or everybody, ticked the
option (as a grade layer would): it is reported only when the split is not all-or-nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
import re
from dataclasses import dataclass
from html import unescape

import highspy

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.multi import MultiItem
from tests.disclosure.attacker import Disclosure, Fine, _fixed, _years, aggregate_cells

ITEM = "toiveet"
OPTIONS = ("luonto", "pelit", "kokkaus")


@dataclass
class Ticks:
    """One view's figures of the question: over the fine cells ``scope`` accepts."""

    source: str
    scope: callable
    n: int | None  # the view's answers (the question's base is at most this)
    answered: int
    ticks: dict[str, int]


def choose(rng: random.Random) -> tuple[str, ...]:
    """A respondent's ticks: none (the question left unanswered) one time in five."""
    if rng.random() < 0.2:
        return ()
    return tuple(o for o in OPTIONS if rng.random() < 0.5) or (rng.choice(OPTIONS),)


def dashboard(html: str, source: str, scope, n: int) -> Ticks | None:
    section = html.split(f'id="result-{ITEM}"')
    if len(section) < 2:
        return None
    section = section[1].split("</section>")[0]
    answered = int(re.search(r"\(n = (\d+) vastasi\)", section).group(1))
    ticks = {
        option: int(count)
        for option, count in re.findall(
            r'<tr data-option="(\w+)"><th scope="row">[^<]*</th><td>(\d+)</td>', section
        )
    }
    assert set(ticks) == set(OPTIONS), f"{source}: the question's table was not read"
    return Ticks(source, scope, n, answered, ticks)


def csv_export(data: bytes, source: str, others: set[str]) -> list[Ticks]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["municipality"], row["period"], row["channel"]), []).append(row)
    out = []
    for (place, period, channel), members in groups.items():
        places = others if place == "muut" else {place}
        years = _years(period)

        def scope(f, places=places, years=years, channel=channel):
            return (
                f.municipality in places
                and f.year in years
                and (not channel or f.channel == channel)
            )

        boxes = [[r[f"{ITEM}.{o}"] for o in OPTIONS] for r in members]
        out.append(
            Ticks(
                f"{source} {unescape(place)} {period} {channel}",
                scope,
                len(members),
                sum(1 for b in boxes if any(b)),
                {o: sum(1 for b in boxes if b[i] == "1") for i, o in enumerate(OPTIONS)},
            )
        )
    return out


def misread(observations: list[Ticks], truth: dict[Fine, list[tuple[str, ...]]]) -> list[str]:
    wrong = []
    for obs in observations:
        answers = [t for f, ts in truth.items() if obs.scope(f) for t in ts]
        answered = [t for t in answers if t]
        ticks = {o: sum(o in t for t in answered) for o in OPTIONS}
        if obs.n is not None and obs.n != len(answers):
            wrong.append(f"{obs.source}: n {obs.n}, true {len(answers)}")
        if (obs.answered, obs.ticks) != (len(answered), ticks):
            wrong.append(f"{obs.source}: {obs.answered} {obs.ticks}, true {len(answered)} {ticks}")
    return wrong


def solve(
    universe: list[Fine],
    observations: list[Ticks],
    truth: dict[Fine, list[tuple[str, ...]]],
    k: int,
) -> list[Disclosure]:
    """Cells under k whose respondents to the question, or a split of their ticks, the figures fix."""
    model = highspy.Highs()
    model.silent()
    n = {f: model.addIntegral(lb=0, ub=10_000) for f in universe}
    a = {f: model.addIntegral(lb=0, ub=10_000) for f in universe}
    t = {(f, o): model.addIntegral(lb=0, ub=10_000) for f in universe for o in OPTIONS}
    zero = 0 * n[universe[0]]
    for f in universe:
        model.addConstr(a[f] <= n[f])
        for o in OPTIONS:
            model.addConstr(t[f, o] <= a[f])
    for obs in observations:
        cells = [f for f in universe if obs.scope(f)]
        if obs.n is not None:
            model.addConstr(sum((n[f] for f in cells), start=zero) == obs.n)
        model.addConstr(sum((a[f] for f in cells), start=zero) == obs.answered)
        for o in OPTIONS:
            model.addConstr(sum((t[f, o] for f in cells), start=zero) == obs.ticks[o])
    found = []
    for name, cells in aggregate_cells(universe, ("municipality", "year", "channel", "session")):
        answers = [ts for f in cells for ts in truth.get(f, [])]
        if not 0 < len(answers) < k:
            continue
        answered = sum(1 for ts in answers if ts)
        a_of = sum((a[f] for f in cells), start=zero)
        if answered and _fixed(model, a_of, answered):
            found.append(
                Disclosure(name, len(answers), f"respondents to the question ({answered})")
            )
            continue
        for o in OPTIONS:
            ticked = sum(o in ts for ts in answers)
            if not 0 < ticked < answered:
                continue  # none or all of the cell: see the module's docstring
            t_of = sum((t[f, o] for f in cells), start=zero)
            if _fixed(model, t_of, ticked):
                found.append(Disclosure(name, len(answers), f"{o} ticked by {ticked}"))
                continue
            row = model.addConstr(a_of >= 1)
            share = _fixed(model, answered * t_of - ticked * a_of, 0)
            model.deleteRows(1, [model.getNumRow() - 1])
            del row
            if share:
                found.append(Disclosure(name, len(answers), f"{o}: {ticked} of {answered}"))
    return found


def with_question(instrument: spec.Instrument) -> spec.Instrument:
    """The instrument with the question added in a section of its own (same id: served instead)."""
    options = tuple(spec.Option(o, spec.Text(fi=o.capitalize())) for o in OPTIONS)
    item = MultiItem(code=ITEM, text=spec.Text(fi="Mitä toivot?"), options=options)
    section = spec.Section(code="toiveet", items=(item,))
    return dataclasses.replace(instrument, sections=(*instrument.sections, section))


def form_of(chosen: tuple[str, ...]) -> dict[str, str]:
    return {f"{ITEM}.{o}": "1" for o in chosen}
