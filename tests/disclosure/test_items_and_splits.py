"""The attacker against every grade item's figures and against the split by a background question.

Per grade item: every filter view of a form with several grade items (the life-situation form),
each item's distribution, its n and mean in the by-year and by-municipality tables of every item,
and the lead item's one-column tables, solved item by item (each item's grades are unknowns of their
own; every response answers every item seeded, so the response counts bind each item's).

Split: every filter view with and without ``?by=``, the background item's option counts under each
filter (its own answers, published like any answer distribution), and the split's groups with their
mean grades; the unknowns are answers per municipality × year × channel × background group × grade.
A background group's count is that item's answer count, shown per option in every view as any
answer distribution is; what a split adds is a group's grades, so the solver must fix no mean of a
group under k (and no n or mean of a cell without the group dimension).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from html import unescape

from surveyapp.core import group_sessions, responses
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.answers import AnswerValue
from tests.disclosure import attacker
from tests.disclosure.attacker import Knowledge, Observation
from tests.helpers import VALPAS, make_collection, serve_also

K = 5
YEARS = (2021, 2022, 2023)
# (municipality, year, answers): a medium municipality small every year, a tiny one.
SHAPE = [
    ("kemijarvi", 2021, 6),
    ("kemijarvi", 2022, 7),
    ("kemijarvi", 2023, 6),
    ("pudasjarvi", 2021, 5),
    ("pudasjarvi", 2022, 6),
    ("pudasjarvi", 2023, 5),
    ("muhos", 2021, 3),
    ("muhos", 2022, 4),
    ("muhos", 2023, 3),
    ("utajarvi", 2022, 2),
]
PLACES = ("kemijarvi", "muhos", "pudasjarvi", "utajarvi")
ITEMS = ("a_kokonaisarvio", "a1", "b3")  # the lead (first section grade) and two others


@dataclass(frozen=True)
class Fine:
    municipality: str
    year: int
    channel: str = "paper"
    session: str = ""
    group: str = ""


def _grade_row(html: str, code: str) -> dict[int, int] | None:
    section = html.split(f'id="result-{code}"')[1].split("</section>")[0]
    found = re.search(r'<tbody>\s*<tr><th scope="row">[^<]*</th>(.*?)</tr>', section, re.S)
    return (
        dict(zip(attacker.GRADES, map(int, attacker._cells(found.group(1))[:7]))) if found else None
    )


def _group_scope(label: str, others: set[str]):
    """The fine cells of a column of an items-by table: a period, a municipality or the others."""
    label = label.rsplit(":", 1)[0]
    if re.fullmatch(r"\d{4}(–\d{4})?", label):
        return lambda f, ys=attacker._years(label): f.year in ys
    if label.startswith("muut"):
        return lambda f: f.municipality in others
    code = {name: code for code, name in VALPAS.items()}[label]
    return lambda f: f.municipality == code


def item_observations(html, source, scope, code, lead, others) -> list[Observation]:
    html = html.replace("\u00a0", " ")
    total = re.search(r'data-total="(\w+)"', html).group(1)
    if total == "hidden":
        return []
    both = lambda a, b: lambda f: a(f) and b(f)  # noqa: E731
    out = [Observation(source, scope, n=int(total), grades=_grade_row(html, code))]
    for by in ("year", "municipality"):
        if f'data-items-by="{by}"' not in html:
            continue
        body = html.split(f'data-items-by="{by}"')[1].split("</table>")[0]
        headers = [unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', body)][1:]
        row = re.search(rf'<tr data-item="{code}"><th scope="row">.*?</th>(.*?)</tr>', body, re.S)
        cells = attacker._cells(row.group(1))
        for i in range(0, len(cells), 2):
            n, mean = attacker._number(cells[i]), attacker._mean(cells[i + 1])
            column = _group_scope(headers[i], others)
            out.append(
                Observation(f"{source} {by} {headers[i]}", both(scope, column), n=n, mean=mean)
            )
    # The one-column tables: response counts, and the lead item's mean (and municipality detail).
    names = {p: VALPAS[p] for p in PLACES}
    for o in attacker.dashboard(_with_sections(html, lead), source, scope, names, others):
        if " by " in o.source:
            out.append(o if code == lead else dataclasses.replace(o, grades=None, mean=None))
    return out


def _with_sections(html: str, code: str) -> str:
    """The page as attacker.dashboard reads a session-feedback page: its grade and text sections."""
    return html.replace(f'id="result-{code}"', 'id="result-arvosana"') + (
        '<section id="result-vapaa_palaute"></section>'
    )


def test_no_grade_item_of_a_small_cell_can_be_worked_out(coordinator_for):
    client, db, app = coordinator_for(MIN_CELL=K, SESSION_MIN_N=3)
    form = app.extensions["surveyapp.instruments"]["kuusamo_elamantilanteen_arviointi"]
    collection = make_collection(db, form.id, slug="elama", municipalities=PLACES)
    rng = random.Random(16)
    truth = {code: defaultdict(lambda: defaultdict(int)) for code in ITEMS}
    for place, year, count in SHAPE:
        for _ in range(count):
            grades = {code: rng.randrange(5, 11) for code in ITEMS}
            responses.submit(
                db,
                collection=collection,
                instrument=form,
                key=None,
                answers=[AnswerValue(code, grade=g) for code, g in grades.items()],
                channel="paper",
                municipality_code=place,
                day=dt.date(year, 3, 10),
                precision="week",
            )
            for code, grade in grades.items():
                truth[code][Fine(place, year)][grade] += 1
    db.commit()
    base = "/coordinate/c/elama/results"
    unfiltered = client.get(base).get_data(as_text=True)
    others = attacker.muut_members(unfiltered, {p: VALPAS[p] for p in PLACES})
    assert 'data-items-by="year"' in unfiltered and 'data-lead="a_kokonaisarvio"' in unfiltered
    pages = []
    for m in [None, *attacker.options(unfiltered, "municipality")]:
        for y in [None, *attacker.options(unfiltered, "year")]:
            query = {k: v for k, v in (("municipality", m), ("year", y)) if v}
            members = attacker.municipalities(m, "", VALPAS, others) if m else None
            years = attacker._years(y) if y else None

            def scope(f, members=members, years=years):
                return (members is None or f.municipality in members) and (
                    years is None or f.year in years
                )

            pages.append(
                (client.get(base, query_string=query).get_data(as_text=True), query, scope)
            )
    universe = [Fine(m, y) for m in (*PLACES, "") for y in YEARS]
    found = []
    for code in ITEMS:
        knowledge = Knowledge(universe)
        for html, query, scope in pages:
            knowledge.observations += item_observations(
                html, f"{code} {query}", scope, code, ITEMS[0], others
            )
        assert any(" year " in o.source for o in knowledge.observations), "no per-item table read"
        assert not attacker.misread(knowledge, truth[code])
        found += [
            f"{code}: {d}"
            for d in attacker.solve(knowledge, truth[code], K, ("municipality", "year"))
        ]
    assert not found, "\n".join(found)


def split_form(form: spec.Instrument) -> spec.Instrument:
    """Session feedback with a background question (respondent group), as a served test form."""
    options = tuple(
        spec.Option(code, spec.Text(code.capitalize()))
        for code in ("asiakas", "omainen", "tyontekija", "opiskelija")
    )
    background = spec.Section(
        "tausta",
        (
            spec.ChoiceItem(
                code="ryhma", text=spec.Text("Vastaajaryhmä"), number="3.", options=options
            ),
        ),
    )
    return dataclasses.replace(form, id="split_feedback", sections=(*form.sections, background))


# (municipality, year, group, answers[, group session]): a group of 2, answers without a group, a small
# municipality, and a reviewed session of three workers (workers are 6: minus the session, 3).
SPLIT_SHAPE = [
    ("kemijarvi", 2022, "tyontekija", 3, "Työpaja"),
    ("kemijarvi", 2021, "asiakas", 5),
    ("kemijarvi", 2022, "asiakas", 4),
    ("kemijarvi", 2022, "omainen", 3),
    ("kemijarvi", 2023, "tyontekija", 2),
    ("kemijarvi", 2023, "", 1),
    ("pudasjarvi", 2021, "omainen", 4),
    ("pudasjarvi", 2022, "asiakas", 3),
    ("pudasjarvi", 2023, "tyontekija", 1),
    ("pudasjarvi", 2023, "asiakas", 2),
    ("muhos", 2022, "", 4),
    ("pudasjarvi", 2022, "opiskelija", 2),
    ("muhos", 2023, "asiakas", 3),
]


def test_no_background_group_under_k_has_its_grades_worked_out(coordinator_for):
    client, db, app = coordinator_for(MIN_CELL=K, SESSION_MIN_N=3)
    form = split_form(app.extensions["surveyapp.instruments"]["session_feedback"])
    serve_also(app, form)
    places = ("kemijarvi", "muhos", "pudasjarvi")
    collection = make_collection(db, form.id, slug="jako", municipalities=places)
    rng = random.Random(3)
    truth = defaultdict(lambda: defaultdict(int))
    texts, leaders = {}, {}
    for place, year, group, count, *held in SPLIT_SHAPE:
        day, session_id = dt.date(year, 3, 10), ""
        if held:
            made = group_sessions.create(
                db,
                collection=collection,
                group_name=held[0],
                municipality_code=place,
                held_on=day,
                pin="1234",
            )
            group_sessions.close(made, day, count)
            session_id, leaders[made.id] = made.id, held[0]
        for _ in range(count):
            grade, text = rng.randrange(5, 11), f"jako-{len(texts)}"
            answers = [
                AnswerValue("arvosana", grade=grade),
                AnswerValue("vapaa_palaute", text=text),
            ]
            if group:
                answers.append(AnswerValue("ryhma", choice_code=group))
            responses.submit(
                db,
                collection=collection,
                instrument=form,
                key=None,
                answers=answers,
                channel="kiosk" if session_id else "paper",
                municipality_code=place,
                day=day,
                precision="week",
                group_session_id=session_id or None,
            )
            fine = Fine(place, year, "kiosk" if session_id else "paper", session_id, group)
            truth[fine][grade] += 1
            texts[text] = fine
    db.commit()
    names = {p: VALPAS[p] for p in places}
    base = "/coordinate/c/jako/results"
    unfiltered = client.get(base).get_data(as_text=True)
    assert 'name="by"' in unfiltered
    others = attacker.muut_members(unfiltered, names)
    universe = [
        Fine(m, y, group=g)
        for m in (*places, "")
        for y in YEARS
        for g in ("asiakas", "omainen", "tyontekija", "opiskelija", "")
    ]
    universe += sorted((f for f in truth if f.session), key=lambda f: f.session)
    knowledge = Knowledge(universe)
    for m in [None, *attacker.options(unfiltered, "municipality")]:
        for y in [None, *attacker.options(unfiltered, "year")]:
            for by in (None, "ryhma"):
                query = {k: v for k, v in (("municipality", m), ("year", y), ("by", by)) if v}
                html = client.get(base, query_string=query).get_data(as_text=True)
                members = attacker.municipalities(m, "", names, others) if m else None
                years = attacker._years(y) if y else None

                def scope(f, members=members, years=years):
                    return (members is None or f.municipality in members) and (
                        years is None or f.year in years
                    )

                knowledge.observations += split_observations(html, f"{query}", scope, names, others)
    assert any("split" in o.source for o in knowledge.observations), "no split was read"
    assert not attacker.misread(knowledge, truth)
    found = attacker.solve(
        knowledge, truth, K, ("municipality", "year", "session", "group"), counted_openly="group"
    )
    found += attacker.text_disclosures(knowledge, texts, truth, K)
    # The session's leader saw its review (three workers' grades): nothing else may follow from it.
    knowledge.reviews = {f.session: dict(c) for f, c in truth.items() if f.session}
    found += attacker.solve(
        knowledge,
        truth,
        K,
        ("municipality", "year", "session", "group"),
        spared=frozenset(knowledge.reviews),
        counted_openly="group",
    )
    assert not found, "\n".join(map(str, found))


def split_observations(html, source, scope, names, others) -> list[Observation]:
    html = html.replace("\u00a0", " ")
    both = lambda a, b: lambda f: a(f) and b(f)  # noqa: E731
    split_table = ""
    if 'data-breakdown="ryhma"' in html:
        split_table = html.split('data-breakdown="ryhma"')[1].split("</table>")[0]
        html = html.replace('data-breakdown="ryhma"', "")
    out = attacker.dashboard(html, source, scope, names, others)
    if not out:
        return out
    option_table = html.split('id="result-ryhma"')[1].split("</section>")[0]
    for code, rest in re.findall(
        r'<tr data-option="(\w+)"><th scope="row">.*?</th>(.*?)</tr>', option_table, re.S
    ):
        n = attacker._number(attacker._cells(rest)[0])
        out.append(
            Observation(f"{source} option {code}", both(scope, lambda f, c=code: f.group == c), n=n)
        )
    for key, label, rest in re.findall(
        r'<tr data-group="([^"]*)"><th scope="row">(.*?)</th>(.*?)</tr>', split_table, re.S
    ):
        cells = attacker._cells(rest)
        n = attacker._number(cells[0])
        if n is None:
            continue
        if key == "muut":
            named = re.search(r"\((.*)\)", unescape(label)).group(1)
            codes = {
                "" if m.strip() == "ei vastausta" else m.strip().lower() for m in named.split(",")
            }
        else:
            codes = {key}
        out.append(
            Observation(
                f"{source} split {key}",
                both(scope, lambda f, cs=codes: f.group in cs),
                n=n,
                mean=attacker._mean(cells[-1]),
            )
        )
    return out
