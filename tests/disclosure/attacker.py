"""A determined reader with an ordinary coordinator login: every view and export, then integer programming.

It requests what a coordinator can (every offered filter combination of the dashboard, the form's page
across collections, the CSV export, the session history and pages, the round page, the paper-entry
page), turns every published figure into linear constraints on the unknown answers per fine cell
(municipality × year × channel × group session × grade), and asks HiGHS for the smallest and largest
value each small cell can take. A cell under k whose n, or mean, is the same in every solution is
disclosed. Written answers are placed by intersecting the lists they appear in.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import re
from dataclasses import dataclass, field
from fractions import Fraction
from html import unescape

import highspy

GRADES = range(4, 11)
CHANNEL_NAMES = {"verkkolomake": "web", "tabletti": "kiosk", "paperi": "paper", "tuotu": "import"}


@dataclass(frozen=True)
class Fine:
    """The finest cell the attacker reasons about."""

    municipality: str
    year: int
    channel: str
    session: str = ""


@dataclass
class Observation:
    """A published figure: over the fine cells ``scope`` accepts, n, grade counts, a rounded mean, texts."""

    source: str
    scope: callable
    n: int | None = None
    grades: dict[int, int] | None = None
    mean: Fraction | None = None  # rounded half-up to 2 decimals, published with n
    texts: frozenset[str] | None = None
    topics: dict[str, int] | None = None  # theme -> tagged written answers (themes.py reads them)


@dataclass
class Knowledge:
    universe: list[Fine]
    observations: list[Observation] = field(default_factory=list)
    # Answers a session's leader saw in the review: session id -> grade counts (and the texts).
    reviews: dict[str, dict[int, int]] = field(default_factory=dict)


# ---------- reading pages ----------


def _cells(row_html: str) -> list[str]:
    return [
        unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)
    ]


def _number(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d+", text) else None


def _mean(text: str) -> Fraction | None:
    return Fraction(text.replace(",", ".")) if re.fullmatch(r"\d+,\d\d", text) else None


def _years(label: str) -> set[int]:
    first, _, last = label.partition("–")
    return set(range(int(first[:4]), int((last or first)[:4]) + 1))


def dashboard(
    html: str, source: str, scope, names: dict[str, str], others: set[str]
) -> list[Observation]:
    """Every figure of one dashboard page (``scope``: the fine cells its filters select)."""
    html = html.replace("\u00a0", " ")
    total = re.search(r'data-total="(\w+)"', html).group(1)
    if total == "hidden":
        return []
    out = []
    grade_section = html.split('id="result-arvosana"')[1].split("</section>")[0]
    row = re.search(
        r'<tbody>\s*<tr><th scope="row">[^<]*</th>(.*?)</tr>', grade_section, re.S
    ).group(1)
    counts = [int(c) for c in _cells(row)]
    texts_section = html.split('id="result-vapaa_palaute"')[1].split("</section>")[0]
    texts = frozenset(unescape(t) for t in re.findall(r"<li>(.*?)</li>", texts_section, re.S))
    out.append(
        Observation(source, scope, n=int(total), grades=dict(zip(GRADES, counts[:7])), texts=texts)
    )
    for by, table in re.findall(r'data-breakdown="(\w+)">(.*?)</table>', html, re.S):
        for key, label, rest in re.findall(
            r'<tr data-group="([^"]*)"><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S
        ):
            cells = _cells(rest)
            n = _number(cells[0])
            if n is None:
                continue
            row_scope = _row_scope(by, key, unescape(label), names, others)
            combined = (lambda a, b: lambda f: a(f) and b(f))(scope, row_scope)
            grades = None
            if by == "municipality" and len(cells) >= 11:
                grades = dict(zip(GRADES, (_number(c) for c in cells[-7:])))
            mean = _mean(cells[-8] if grades else cells[-1])
            out.append(
                Observation(f"{source} by {by} {key}", combined, n=n, grades=grades, mean=mean)
            )
    return out


def _row_scope(by: str, key: str, label: str, names: dict[str, str], others: set[str]):
    if (
        key == "muut" and by != "municipality"
    ):  # years, months or channels combined, named in the label
        named = re.search(r"\((.*)\)", label)
        members = [m.strip() for m in named.group(1).split(",")] if named else []
        if by == "channel":
            return lambda f, cs={CHANNEL_NAMES.get(m, m) for m in members}: f.channel in cs
        return lambda f, ys={int(m[-4:]) for m in members}: f.year in ys
    if by == "municipality":
        return lambda f, members=municipalities(key, label, names, others): (
            f.municipality in members
        )
    if by in ("year", "month"):
        return lambda f, years=_years(key): f.year in years
    if by == "channel":
        return lambda f: f.channel == key
    raise ValueError(by)


def municipalities(key: str, label: str, names: dict[str, str], others: set[str]) -> set[str]:
    """A group's municipalities: its own code, or the members named in "others combined (A, B)"."""
    if key != "muut":
        return {key}
    named = re.search(r"\((.*)\)", label)
    if named:
        by_name = {name: code for code, name in names.items()}
        return {by_name.get(n.strip(), "") for n in named.group(1).split(",")}
    return set(others)


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select id="f-{name}" name="{name}">(.*?)</select>', html, re.S)
    return (
        [v for v in re.findall(r'<option value="([^"]*)"', select.group(1)) if v] if select else []
    )


def muut_members(html: str, names: dict[str, str]) -> set[str]:
    """Who "others combined" holds in the unfiltered view: named, or every municipality not shown on its own."""
    if (
        'data-breakdown="municipality"' not in html
    ):  # one group only: "others combined" holds everyone
        return set(names) | {""}
    table = html.split('data-breakdown="municipality"')[1].split("</table>")[0]
    rows = dict(re.findall(r'<tr data-group="([^"]*)"><th scope="row">(.*?)</th>', table, re.S))
    if "muut" not in rows:
        return set()
    named = municipalities("muut", unescape(rows["muut"]), names, set())
    return named if named != {""} else (set(names) | {""}) - set(rows)


def csv_export(data: bytes, source: str, others: set[str]) -> list[Observation]:
    """One observation per combination of municipality, period and channel in the raw export."""
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

        grades = {g: sum(1 for r in members if r["arvosana"] == str(g)) for g in GRADES}
        texts = frozenset(r["vapaa_palaute"] for r in members if r["vapaa_palaute"])
        out.append(
            Observation(
                f"{source} {place} {period} {channel}",
                scope,
                n=len(members),
                grades=grades,
                texts=texts,
            )
        )
    return out


# ---------- solving ----------


@dataclass(frozen=True)
class Disclosure:
    cell: str
    true_n: int
    what: str

    def __str__(self) -> str:
        return f"{self.cell} (n = {self.true_n}): {self.what}"


def solve(
    knowledge: Knowledge,
    truth: dict[Fine, dict[int, int]],
    k: int,
    dimensions=("municipality", "year", "channel", "session"),
    spared=frozenset(),
    counted_openly: str | None = None,
) -> list[Disclosure]:
    """Every aggregate cell under k (over any subset of the dimensions) whose n or mean the figures fix.

    ``spared``: sessions whose answers the attacker saw in a review (cells made of them alone are not counted).
    ``counted_openly``: a dimension whose values are answers published as counts (a background question);
    for cells split by it only the mean must stay unknown.
    """
    model = highspy.Highs()
    model.silent()
    x = {(f, g): model.addIntegral(lb=0, ub=10_000) for f in knowledge.universe for g in GRADES}

    zero = 0 * x[knowledge.universe[0], 4]

    def n_of(cells):
        return sum((x[f, g] for f in cells for g in GRADES), start=zero)

    def s_of(cells):
        return sum((g * x[f, g] for f in cells for g in GRADES), start=zero)

    for obs in knowledge.observations:
        cells = [f for f in knowledge.universe if obs.scope(f)]
        if obs.grades is not None:
            for g in GRADES:
                if obs.grades[g] is not None:
                    model.addConstr(sum((x[f, g] for f in cells), start=zero) == obs.grades[g])
        if obs.n is not None:
            model.addConstr(n_of(cells) == obs.n)
            if obs.mean is not None:
                low, high = (
                    (obs.mean - Fraction(1, 200)) * obs.n,
                    (obs.mean + Fraction(1, 200)) * obs.n,
                )
                model.addConstr(s_of(cells) >= float(low) - 1e-9)
                model.addConstr(s_of(cells) <= float(high) + 1e-9)
    # Theme counts: per fine cell and theme, tagged answers between 0 and the cell's answers.
    tagged: dict = {}
    for obs in knowledge.observations:
        cells = [f for f in knowledge.universe if obs.scope(f)]
        for name, count in (obs.topics or {}).items():
            for f in cells:
                if (f, name) not in tagged:
                    tagged[f, name] = model.addIntegral(lb=0, ub=10_000)
                    model.addConstr(tagged[f, name] - n_of([f]) <= 0)
            model.addConstr(sum((tagged[f, name] for f in cells), start=zero) == count)
    for db, counts in knowledge.reviews.items():
        cells = [f for f in knowledge.universe if f.session == db]
        for g in GRADES:
            model.addConstr(sum((x[f, g] for f in cells), start=zero) == counts.get(g, 0))

    # A pool of other solutions (extreme points of random objectives): a cell on which one of them differs
    # from the truth is not determined, without a solve of its own.
    pool = []
    rng = random.Random(0)
    for _ in range(8):
        model.minimize(sum((rng.choice((-1, 1)) * var for var in x.values()), start=zero))
        assert model.getModelStatus() == highspy.HighsModelStatus.kOptimal, (
            "the published figures contradict"
        )
        values = model.getSolution().col_value
        pool.append({key: round(values[var.index]) for key, var in x.items()})

    def differs(cells, true_n, true_s) -> tuple[bool, bool]:
        n_differs = mean_differs = False
        for solution in pool:
            n = sum(solution[f, g] for f in cells for g in GRADES)
            total = sum(g * solution[f, g] for f in cells for g in GRADES)
            n_differs |= n != true_n
            mean_differs |= n >= 1 and true_n * total != true_s * n
        return n_differs, mean_differs

    found = []
    for cell_name, cells in aggregate_cells(knowledge.universe, dimensions):
        true_n = sum(sum(truth.get(f, {}).values()) for f in cells)
        if not 0 < true_n < k:
            continue
        if all(f.session in spared for f in cells if sum(truth.get(f, {}).values())):
            continue  # the leader's own session(s): shown to them as paper slips would be
        true_s = sum(g * c for f in cells for g, c in truth.get(f, {}).items())
        n_differs, mean_differs = differs(cells, true_n, true_s)
        openly = counted_openly is not None and f"{counted_openly}=" in cell_name
        if not openly and not n_differs and _fixed(model, n_of(cells), true_n):
            found.append(Disclosure(cell_name, true_n, f"n determined ({true_n})"))
            continue
        if mean_differs:
            continue
        row = model.addConstr(n_of(cells) >= 1)
        # The mean is fixed when n·S − S₀·N is 0 in every solution (N ≥ 1): linear, so exact.
        fixed = _fixed(model, true_n * s_of(cells) - true_s * n_of(cells), 0)
        model.deleteRows(1, [model.getNumRow() - 1])
        del row
        if fixed:
            found.append(
                Disclosure(cell_name, true_n, f"mean determined ({Fraction(true_s, true_n)})")
            )
    return found


def _fixed(model, expression, true_value: int) -> bool:
    """Whether every integer solution gives ``expression`` its true value (the truth is one solution):
    no solution with it at most true − 1, and none with it at least true + 1."""
    for side in (expression <= true_value - 1, expression >= true_value + 1):
        model.addConstr(side)
        model.minimize(0 * expression)
        status = model.getModelStatus()
        model.deleteRows(1, [model.getNumRow() - 1])
        if status == highspy.HighsModelStatus.kOptimal:
            return False
        assert status == highspy.HighsModelStatus.kInfeasible, status
    return True


def aggregate_cells(universe: list[Fine], dimensions):
    """(name, fine cells) for every combination of values over every non-empty subset of the dimensions."""
    for size in range(1, len(dimensions) + 1):
        for dims in itertools.combinations(dimensions, size):
            groups: dict[tuple, list[Fine]] = {}
            for f in universe:
                groups.setdefault(tuple(getattr(f, d) for d in dims), []).append(f)
            for values, cells in groups.items():
                yield ", ".join(f"{d}={v}" for d, v in zip(dims, values)), cells


def text_disclosures(
    knowledge: Knowledge, truth_texts: dict[str, Fine], truth: dict[Fine, dict[int, int]], k: int
) -> list[Disclosure]:
    """Written answers that the published lists pin to fewer than k responses."""
    lists = [o for o in knowledge.observations if o.texts is not None]
    found = []
    for text, home in truth_texts.items():
        candidates = set(knowledge.universe)
        for obs in lists:
            inside = {f for f in knowledge.universe if obs.scope(f)}
            candidates = candidates & inside if text in obs.texts else candidates - inside
        among = sum(sum(truth.get(f, {}).values()) for f in candidates)
        if not any(o for o in lists if text in o.texts):
            continue
        if 0 < among < k:
            found.append(
                Disclosure(
                    f"text {text!r} from {home}", among, "written answer placed among fewer than k"
                )
            )
    return found


def misread(knowledge: Knowledge, truth: dict[Fine, dict[int, int]]) -> list[str]:
    """Observations that the true answers do not satisfy: the attacker read a page wrongly."""
    wrong = []
    for obs in knowledge.observations:
        cells = [f for f in knowledge.universe if obs.scope(f)]
        n = sum(sum(truth.get(f, {}).values()) for f in cells)
        grades = {g: sum(truth.get(f, {}).get(g, 0) for f in cells) for g in GRADES}
        if obs.n is not None and obs.n != n:
            wrong.append(f"{obs.source}: n {obs.n}, true {n}")
        if obs.grades is not None and any(
            v is not None and v != grades[g] for g, v in obs.grades.items()
        ):
            wrong.append(f"{obs.source}: grades {obs.grades}, true {grades}")
        if (
            obs.mean is not None
            and n
            and abs(Fraction(sum(g * c for g, c in grades.items()), n) - obs.mean)
            > Fraction(1, 200)
        ):
            wrong.append(
                f"{obs.source}: mean {obs.mean}, true {Fraction(sum(g * c for g, c in grades.items()), n)}"
            )
    return wrong
