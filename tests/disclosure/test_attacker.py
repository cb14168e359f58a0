"""No cell under k can be worked out from everything an ordinary coordinator can request, for several shapes of data.

The attacker (tests/disclosure/attacker.py) reads every view and export over HTTP (a share link's view
too, without an account) and solves for the hidden cells exactly; on the code before the protected
table it found, among others, the issue's subtraction, channel differencing, microdata and session
cases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import random
import re
from collections import defaultdict

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from surveyapp.core import access_codes, group_sessions, responses
from surveyapp.core.instruments.answers import parse
from surveyapp.core.models import AccessCode, Municipality
from tests.disclosure import activity_reader, attacker, comparison, themes, ticks
from tests.disclosure.attacker import Fine, Knowledge, Observation
from tests.helpers import VALPAS, make_collection, make_share_link, pdf_text, serve_also

K = 5
NAMES = {**VALPAS, "posio": "Posio", "ylivieska": "Ylivieska"}
YEARS = (2021, 2022, 2023)

# (municipality, year, channel, session or None, answers)
SHAPES = {
    # The issue's: two tiny municipalities (4 and 2), a medium one small every year, two paper forms, codes.
    "tiny_municipalities": [
        ("kemijarvi", 2021, "web", None, 6),
        ("kemijarvi", 2022, "web", None, 7),
        ("kemijarvi", 2023, "web", None, 6),
        ("kemijarvi", 2022, "import", None, 4),
        ("kemijarvi", 2023, "paper", None, 2),
        ("pudasjarvi", 2021, "import", None, 5),
        ("pudasjarvi", 2022, "import", None, 6),
        ("pudasjarvi", 2023, "web", None, 5),
        ("muhos", 2021, "import", None, 3),
        ("muhos", 2022, "import", None, 4),
        ("muhos", 2023, "import", None, 3),
        ("posio", 2022, "import", None, 2),
        ("posio", 2023, "import", None, 2),
        ("ylivieska", 2022, "import", None, 2),
    ],
    "one_answer_a_year": [
        *[("utajarvi", y, "web", None, 1) for y in YEARS],
        *[("kemijarvi", y, "web", None, 6) for y in YEARS],
        *[("pudasjarvi", y, "web", None, 7) for y in YEARS],
        *[("muhos", y, "paper", None, 5) for y in YEARS],
    ],
    "two_on_paper": [
        *[("kemijarvi", y, "web", None, 8) for y in YEARS],
        ("kemijarvi", 2021, "paper", None, 2),
        *[("pudasjarvi", y, "web", None, 6) for y in YEARS],
    ],
    "sessions_of_three": [
        ("muhos", 2021, "kiosk", ("Retki", 1), 3),
        ("muhos", 2022, "kiosk", ("Retki", 2), 3),
        ("utajarvi", 2022, "kiosk", ("Kahvila", 1), 3),
        ("kemijarvi", 2021, "kiosk", ("Iso", 1), 6),
        ("kemijarvi", 2022, "kiosk", ("Iso", 2), 5),
        ("kemijarvi", 2023, "kiosk", ("Iso", 3), 7),
        ("kemijarvi", 2023, "kiosk", ("Iso", 4), 3),
        *[("pudasjarvi", y, "web", None, 5) for y in YEARS],
        ("muhos", 2023, "web", None, 4),
    ],
    # Kinds of session (the yearly activity table): a trip of three beside a group session of seven
    # and web answers; three sessions of two; a session without attendance; one "other" of four.
    "session_kinds": [
        ("muhos", 2021, "kiosk", ("Voima", 1, "group"), 7),
        ("muhos", 2021, "kiosk", ("Retki", 1, "trip"), 3),
        ("muhos", 2021, "web", None, 5),
        ("muhos", 2022, "kiosk", ("Voima", 2, "group"), 2),
        ("muhos", 2022, "kiosk", ("Voima", 3, "group"), 2),
        ("muhos", 2022, "kiosk", ("Retki", 2, "trip"), 2),
        ("kemijarvi", 2022, "kiosk", ("Iso", 1, "group"), 6),
        ("kemijarvi", 2022, "kiosk", ("Iso", 2, "group", None), 5),
        ("kemijarvi", 2023, "kiosk", ("Retki", 3, "trip"), 6),
        ("kemijarvi", 2023, "kiosk", ("Muu", 1, "other"), 4),
        ("kemijarvi", 2023, "web", None, 6),
        ("utajarvi", 2023, "kiosk", ("Retki", 4, "trip"), 5),
    ],
}


def seed(db, app, shape: str):
    """The shape's answers with varied grades, a comment and ticks each, the comments themed; returns
    truth per fine cell (grades, and ticks of the multi-select question), each text's fine cell and
    themes, sessions."""
    instrument = ticks.with_question(app.extensions["surveyapp.instruments"]["session_feedback"])
    serve_also(app, instrument)
    for code in ("posio", "ylivieska"):
        db.add(Municipality(code=code, name=NAMES[code]))
    places = tuple(sorted({row[0] for row in SHAPES[shape]}))
    collection = make_collection(db, "session_feedback", slug=shape, municipalities=places)
    rng = random.Random(shape)
    truth: dict[Fine, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    ticked: dict[Fine, list[tuple[str, ...]]] = defaultdict(list)
    texts, groups, used = {}, {}, defaultdict(int)
    for place, year, channel, group, count in SHAPES[shape]:
        day = dt.date(year, 3, 10)
        session_id = ""
        if group:
            made = group_sessions.create(
                db,
                collection=collection,
                group_name=group[0],
                municipality_code=place,
                held_on=day,
                pin="1234",
                kind=group[2] if len(group) > 2 else "group",
            )
            # The leader enters the attendance, unless the shape says it is missing.
            group_sessions.close(made, day, count + 1 if len(group) < 4 else group[3])
            session_id, groups[made.id] = made.id, group[0]
        for _ in range(count):
            grade, text, chosen = rng.randrange(5, 11), f"{shape}-{len(texts)}", ticks.choose(rng)
            form = {"arvosana": str(grade), "vapaa_palaute": text, **ticks.form_of(chosen)}
            responses.submit(
                db,
                collection=collection,
                instrument=instrument,
                key=None,
                answers=parse(instrument, form).answers,
                channel=channel,
                municipality_code=place,
                day=day,
                precision="week",
                group_session_id=session_id or None,
            )
            fine = Fine(place, year, channel, session_id)
            truth[fine][grade] += 1
            ticked[fine].append(chosen)
            texts[text] = fine
            used[place] += channel == "web"
    if shape == "tiny_municipalities":  # web answers came with single-use codes
        collection.access = "codes"
        for place in places:
            access_codes.generate(db, collection, place, used[place] + 3)
            for code in db.scalars(
                select(AccessCode).where(AccessCode.municipality_code == place).limit(used[place])
            ):
                code.used = True
    tagged = themes.seed(db, collection, rng)
    db.commit()
    return (
        collection,
        (truth, ticked),
        {text: (fine, tagged[text]) for text, fine in texts.items()},
        groups,
    )


def collect(client, slug: str, places: tuple[str, ...], truth):
    """Everything an ordinary coordinator can read about the collection, as observations: Knowledge,
    and the multi-select question's figures."""
    names = {code: NAMES[code] for code in places}
    session_cells = {f for f in truth if f.session}
    universe = [
        Fine(m, y, c) for m in (*places, "") for y in YEARS for c in ("web", "paper", "import")
    ]
    universe += sorted(session_cells, key=lambda f: f.session)
    knowledge, question = Knowledge(universe), []
    add = knowledge.observations.extend
    base = f"/coordinate/c/{slug}/results"
    unfiltered = client.get(base).get_data(as_text=True)
    others = attacker.muut_members(unfiltered, names)
    choices = {
        name: [None, *attacker.options(unfiltered, name)]
        for name in ("municipality", "year", "channel")
    }
    # The same dashboard through a share link, read without an account (a steering group's view).
    shared = make_share_link(client, slug, "Ohjausryhmä")
    reader = client.application.test_client()
    for (m, y, c), (source, reading, address) in itertools.product(
        itertools.product(choices["municipality"], choices["year"], choices["channel"]),
        (("dashboard", client, base), ("share link", reader, shared)),
    ):
        query = {k: v for k, v in (("municipality", m), ("year", y), ("channel", c)) if v}
        html = reading.get(address, query_string=query).get_data(as_text=True)
        if 'class="notice" role="status"' in html:
            continue  # a filter was refused and left out
        members = attacker.municipalities(m, "", names, others) if m else None
        years = attacker._years(y) if y else None

        def scope(f, members=members, years=years, c=c):
            return (
                (members is None or f.municipality in members)
                and (years is None or f.year in years)
                and (c is None or f.channel == c)
            )

        seen = attacker.dashboard(html, f"{source} {query}", scope, names, others)
        add(seen)
        question.append(
            ticks.dashboard(html, f"{source} {query}", scope, seen[0].n if seen else None)
        )
    themes.read(client, slug, names, others, add)
    add(comparison.observations(client, slug))  # the years of the collection side by side
    across = client.get("/coordinate/instruments/session_feedback/results").get_data(as_text=True)
    add(attacker.dashboard(across, "form across collections", lambda f: True, names, others))
    question.append(ticks.dashboard(across, "form across collections", lambda f: True, None))
    exported = client.get(f"/coordinate/c/{slug}/vastaukset.csv")
    if exported.status_code == 200:
        add(attacker.csv_export(exported.data, "csv", others))
        question.extend(ticks.csv_export(exported.data, "csv", others))
        # The XLSX holds the same rows (so the same observations); the PDF report and results JSON are the
        # unfiltered view read above.
        sheet = load_workbook(io.BytesIO(client.get(f"/coordinate/c/{slug}/vastaukset.xlsx").data))[
            "vastaukset"
        ]
        table = [[str(v or "") for v in row] for row in sheet.iter_rows(values_only=True)]
        rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
        assert sorted(map(tuple, table)) == sorted(map(tuple, rows))
    # A share link's PDF report is the coordinators' report: the unfiltered view, read above.
    assert pdf_text(reader.get(f"{shared}/raportti.pdf").data) == pdf_text(
        client.get(f"/coordinate/c/{slug}/raportti.pdf").data
    )
    history = (
        client.get(f"/coordinate/c/{slug}/sessions").get_data(as_text=True).replace("\u00a0", " ")
    )
    kinds, attended = activity_reader.session_kinds(history)
    add(activity_reader.activity_table(history, kinds, attended))
    for session_id, rest in re.findall(
        r'href="/coordinate/sessions/([^"]+)">[^<]*</a></th>(.*?)</tr>', history, re.S
    ):
        cells = attacker._cells(re.sub(r"<td data-kind=[^>]*>[^<]*</td>", "", rest))
        n = attacker._number(cells[1])
        if n is not None:
            add(
                [
                    Observation(
                        f"history {session_id}",
                        lambda f, s=session_id: f.session == s,
                        n=n,
                        mean=attacker._mean(cells[3]),
                    )
                ]
            )
        page = client.get(f"/coordinate/sessions/{session_id}").get_data(as_text=True)
        if shown := re.search(r"(\d+) vastaus(?:ta)? saatu", page):
            add(
                [
                    Observation(
                        f"session page {session_id}",
                        lambda f, s=session_id: f.session == s,
                        n=int(shown.group(1)),
                    )
                ]
            )
    round_page = client.get(f"/coordinate/c/{slug}").get_data(as_text=True).replace("\u00a0", " ")
    if split := re.search(r"<dd>(\d+) \(([^)]*)\)</dd>", round_page):  # responses by channel
        for label, n in re.findall(r"(\w+) (\d+)", split.group(2)):
            channel = attacker.CHANNEL_NAMES[label]
            add(
                [
                    Observation(
                        f"round page {channel}", lambda f, c=channel: f.channel == c, n=int(n)
                    )
                ]
            )
    if 'id="code-counts"' in round_page:
        table = round_page.split('id="code-counts"')[1].split("</table>")[0]
        for place, issued, used in re.findall(
            r'<tr data-place="(\w*)"><th scope="row">[^<]*</th><td>(\d+)</td>'
            r"<td>(\d+)</td>",
            table,
        ):
            places_ = set(places) if place == "all" else {place}
            add(
                [
                    Observation(
                        f"codes used {place}",
                        lambda f, p=places_: f.channel == "web" and f.municipality in p,
                        n=int(used),
                    )
                ]
            )
    paper = client.get(f"/coordinate/c/{slug}/paper").get_data(as_text=True)
    if entered := re.search(r"(\d+) paperilomak\w* tallennettu tähän keräykseen", paper):
        add(
            [
                Observation(
                    "paper entry count", lambda f: f.channel == "paper", n=int(entered.group(1))
                )
            ]
        )
    return knowledge, [q for q in question if q is not None]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_cell_under_k_can_be_worked_out(shape, coordinator_for):
    client, db, app = coordinator_for(MIN_CELL=K, SESSION_MIN_N=3)
    collection, (truth, ticked), tagged, groups = seed(db, app, shape)
    places = tuple(m.code for m in collection.municipalities)
    knowledge, question = collect(client, shape, places, truth)
    assert knowledge.observations and question, "the attacker read nothing"
    # The share link shows what the dashboard shows, figure for figure, and both go to the solver.
    sources = [o.source for o in knowledge.observations]
    assert sum(s.startswith("share link") for s in sources) == sum(
        s.startswith("dashboard") for s in sources
    )
    assert not attacker.misread(knowledge, truth) and not ticks.misread(question, ticked)
    themes.check_read(knowledge, tagged)
    texts = {text: fine for text, (fine, _themes) in tagged.items()}
    found = attacker.solve(knowledge, truth, K) + attacker.text_disclosures(
        knowledge, texts, truth, K
    )
    found += ticks.solve(knowledge.universe, question, ticked, K)
    # A leader who saw their group's reviews, or someone who saw every review (the boundary: a review shows
    # its own session, as paper slips would, and nothing else may follow from it).
    reviewed = {
        f.session: dict(counts)
        for f, counts in truth.items()
        if f.session and sum(counts.values()) >= 3
    }
    for leader in sorted(set(groups.values())) + ["every review"]:
        seen = {s: c for s, c in reviewed.items() if leader in ("every review", groups[s])}
        if seen:
            knowledge.reviews = seen
            found += [
                attacker.Disclosure(f"{d.cell} [{leader}]", d.true_n, d.what)
                for d in attacker.solve(knowledge, truth, K, spared=frozenset(seen))
            ]
    assert not found, "\n".join(map(str, found))
