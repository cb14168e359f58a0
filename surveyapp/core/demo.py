"""The VALPAS demo setting, with raw data that reproduce the figures the final report published.

Sources: seeds/000 (VALPAS final report) lines 811-894; the example raw data are those of
instruments-source-others.md §5 (O1, O2, O4), which are consistent with every published figure.
"""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core import access_codes, collection_setup, demo_sessions, responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.instruments.registry import Registry
from surveyapp.core.models import Collection, Municipality, Organisation, Project
from surveyapp.core.themes import DEFAULT_THEME

# A local demo only: `make run` prints these so the coordinator pages can be tried.
DEMO_LOGIN = ("koordinaattori@valpas.demo", "demo-salasana-2026")
MUNICIPALITIES = {
    "muhos": "Muhos",
    "utajarvi": "Utajärvi",
    "pudasjarvi": "Pudasjärvi",
    "kemijarvi": "Kemijärvi",
}

# Session grades per year (O2): 2017 438/50 = 8,76; 2018 893/100 = 8,93; 2019 546/60 = 9,10.
SESSION_GRADES = {
    2017: {10: 14, 9: 16, 8: 14, 7: 6},
    2018: {10: 35, 9: 33, 8: 22, 7: 10},
    2019: {10: 25, 9: 20, 8: 11, 7: 4},
}
# Five comments quoted in the report (lines 846-850).
SESSION_COMMENTS = [
    "Ei mitään muuta miinusta kuin että yksi ryhmäläinen puuttui :-)",
    "Jäätävän hyvä eka tapaaminen keskusteluineen",
    "Olen ollut tosi tyytyväinen minua auttanut paljon",
    "Elämä jotenki vaa potkii päähä, mutta kivaa ku asioista saa puhua",
    "Hyvä yhteishenki, saa puhua vapaasti. Kiva porukka en sillee tiiä työntekijöistä",
]
# Partner survey spring 2019 (O4): 35 answers, 24 of them 8 or 9, sum 286.
PARTNER_GRADES = {
    "kemijarvi": {10: 1, 9: 6, 8: 4, 7: 4},
    "muhos": {9: 3, 8: 2, 7: 2},
    "pudasjarvi": {9: 3, 8: 3, 7: 3},
    "utajarvi": {9: 2, 8: 1, 7: 1},
}
# Steering group 20.12.2017 (O1): six grades, sum 55, mean 9,17 (the report truncated to 9,16).
STEERING_GRADES = [10, 10, 9, 9, 9, 8]
# The report names the organisation that ran VALPAS ("Nuorten Ystävien hallinnoima", seeds/000 l. 3;
# "managed by Nuorten Ystävät", l. 123) and nothing else about it: the contact details are
# placeholders on the reserved .example domain, and the legal basis and retention are examples.
ORGANISATION = {
    "slug": "nuorten-ystavat",
    "name": "Nuorten Ystävät",
    "email": "tietosuoja@nuorten-ystavat.example",
    "a11y_feedback_email": "saavutettavuus@nuorten-ystavat.example",
    "legal_basis": "legitimate_interest",
    "retention_years": 5,
    "a11y_assessment": "self",
}


def expand(counts: dict[int, int]) -> list[int]:
    return [grade for grade, n in sorted(counts.items(), reverse=True) for _ in range(n)]


def load(db: Session, registry: Registry, today: dt.date | None = None) -> str:
    """Create the demo project and its collections once; a second call changes nothing."""
    if db.scalar(select(Collection).where(Collection.slug == "valpas-ryhmakerrat")):
        return "demo data already loaded"
    today = today or dt.date.today()
    municipalities = []
    for code, name in MUNICIPALITIES.items():
        # The official municipality (code 494) where the classification is loaded.
        municipality = db.get(Municipality, code) or collection_setup.municipality(db, name)
        db.add(municipality)
        municipalities.append(municipality)
    codes = {slug: m.code for slug, m in zip(MUNICIPALITIES, municipalities, strict=True)}
    # An existing VALPAS project (say, one a test made) is reused, not duplicated.
    valpas = db.scalar(select(Project).where(Project.slug == "valpas")) or Project(
        slug="valpas", name="VALPAS"
    )
    db.add(valpas)
    if valpas.organisation is None:
        valpas.organisation = db.scalar(
            select(Organisation).where(Organisation.slug == ORGANISATION["slug"])
        ) or Organisation(
            **ORGANISATION,
            **DEFAULT_THEME,
            a11y_prepared_on=today,
            a11y_reviewed_on=today,
            changed_on=today,
        )

    def collection(slug, title, instrument_id, audience, opens, closes, places=municipalities):
        c = Collection(
            slug=slug,
            title=title,
            project=valpas,
            instrument_id=instrument_id,
            audience=audience,
            opens_on=opens,
            closes_on=closes,
            municipalities=list(places),
        )
        db.add(c)
        return c

    def add(c, answers, municipality, day, channel):
        responses.submit(
            db,
            collection=c,
            instrument=registry[c.instrument_id],
            answers=answers,
            channel=channel,
            municipality_code=municipality,
            day=day,
            precision="week",
            key=None,
        )

    sessions = collection(
        "valpas-ryhmakerrat",
        "VALPAS: palaute ryhmäkerroista",
        "session_feedback",
        "participants",
        dt.date(2017, 1, 1),
        None,
    )
    # Every answer belongs to one of VALPAS's 108 trips and group sessions (core/demo_sessions.py).
    demo_sessions.load(
        db,
        sessions,
        registry[sessions.instrument_id],
        {year: expand(counts) for year, counts in SESSION_GRADES.items()},
        itertools.cycle(SESSION_COMMENTS),
        list(codes.values()),
    )

    partners = collection(
        "valpas-kumppanit-2019",
        "VALPAS: yhteistyökumppaneiden kysely kevät 2019",
        "valpas_partner_survey",
        "partners",
        dt.date(2019, 3, 1),
        dt.date(2019, 4, 30),
    )
    for place, counts in PARTNER_GRADES.items():
        for grade in expand(counts):
            add(
                partners,
                [
                    AnswerValue("paikkakunta", choice_code=codes[place]),
                    AnswerValue("kokonaisarvosana", grade=grade),
                ],
                codes[place],
                dt.date(2019, 3, 20),
                "web",
            )

    steering = collection(
        "valpas-ohjausryhma-2017",
        "VALPAS: ohjausryhmän palautekysely 2017",
        "valpas_steering_survey",
        "steering_group",
        dt.date(2017, 12, 1),
        dt.date(2017, 12, 31),
    )
    for grade in STEERING_GRADES:
        add(steering, [AnswerValue("arvosana", grade=grade)], None, dt.date(2017, 12, 20), "web")

    # Open forms for trying every instrument in the browser.
    open_forms = [
        ("ryhmapalaute", "Palaute ryhmäkerrasta", "session_feedback", "participants"),
        ("kumppanikysely", "Yhteistyökumppaneiden kysely", "valpas_partner_survey", "partners"),
        ("ohjausryhma", "Ohjausryhmän kysely", "valpas_steering_survey", "steering_group"),
        (
            "esy-tyontekija",
            "ESY-työmenetelmän arviointi (työntekijät)",
            "esy_worker_eval",
            "workers",
        ),
        ("esy-asiakas", "ESY-työmenetelmän arviointi (asiakkaat)", "esy_client_eval", "clients"),
        (
            "elamantilanne",
            "Elämäntilanteen arviointi",
            "kuusamo_elamantilanteen_arviointi",
            "clients",
        ),
        (
            "asiakastyytyvaisyys",
            "Asiakastyytyväisyyskysely",
            "essote_client_satisfaction",
            "clients",
        ),
        ("ryhmatoiveet", "Kysely ryhmätoiminnoista", "essote_group_wishes", "clients"),
    ]
    for slug, title, instrument_id, audience in open_forms:
        if registry.get(instrument_id) and not db.scalar(
            select(Collection).where(Collection.slug == f"demo-{slug}")
        ):
            c = collection(
                f"demo-{slug}", title, instrument_id, audience, today - dt.timedelta(days=30), None
            )
            # The form's own translated titles, so the home page can be tried in Swedish, English and selko.
            own = registry[instrument_id].title
            c.title_sv, c.title_en, c.title_selko = own.sv, own.en, own.selko
    # A partner survey with single-use access codes, ten for each municipality, to try the code flow.
    if not db.scalar(select(Collection).where(Collection.slug == "demo-kumppanit-koodit")):
        coded = collection(
            "demo-kumppanit-koodit",
            "Yhteistyökumppaneiden kysely (pääsykoodit)",
            "valpas_partner_survey",
            "partners",
            today - dt.timedelta(days=7),
            None,
        )
        coded.access = "codes"
        db.flush()
        for place in codes.values():
            access_codes.generate(db, coded, place, 10)
    from surveyapp.core.users import create_user, find_user

    if find_user(db, DEMO_LOGIN[0]) is None:
        create_user(
            db,
            email=DEMO_LOGIN[0],
            name="Demo-koordinaattori",
            password=DEMO_LOGIN[1],
            role="admin",
        )
    db.flush()
    return (
        "demo data loaded: project VALPAS of Nuorten Ystävät (Muhos, Utajärvi, Pudasjärvi, Kemijärvi); "
        f"coordinator login {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]}"
    )
