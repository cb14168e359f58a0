"""Test data: the shipped instruments, collections, organisations, access codes and kiosks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from surveyapp.core import access_codes, group_sessions
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.loader import load_directory
from surveyapp.core.instruments.registry import Registry
from surveyapp.core.models import AccessCode, Answer, Collection, Municipality, Project, Response
from surveyapp.core.themes import DEFAULT_THEME

ROOT_INSTRUMENTS = Path(__file__).resolve().parents[2] / "instruments"
SHIPPED = [
    "session_feedback",
    "valpas_partner_survey",
    "valpas_steering_survey",
    "esy_worker_eval",
    "esy_client_eval",
    "kuusamo_elamantilanteen_arviointi",
    "essote_client_satisfaction",
    "oulunkaari_yhteistyokysely",
    "essote_group_wishes",
    "valpas_kykyviisari",
]
KIOSK_PIN = "2468"
PARTNER = {"paikkakunta": "muhos", "kokonaisarvosana": "8", "perustelu": "Hyvä yhteistyö"}
VALPAS = {
    "muhos": "Muhos",
    "utajarvi": "Utajärvi",
    "pudasjarvi": "Pudasjärvi",
    "kemijarvi": "Kemijärvi",
}


def make_collection(
    db,
    instrument_id: str,
    slug: str = "testi",
    *,
    municipalities=("muhos",),
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    audience: str = "participants",
) -> Collection:
    project = db.scalar(select(Project).where(Project.slug == "valpas"))
    if project is None:
        project = Project(slug="valpas", name="VALPAS")
        db.add(project)
    places = []
    for code in municipalities:
        place = db.get(Municipality, code) or Municipality(code=code, name=VALPAS[code])
        db.add(place)
        places.append(place)
    collection = Collection(
        slug=slug,
        title=f"Testi {slug}",
        project=project,
        instrument_id=instrument_id,
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        municipalities=places,
    )
    db.add(collection)
    db.commit()
    return collection


def helsinki_today() -> dt.date:
    """The app's idea of today (Europe/Helsinki), which differs from UTC's late in the evening."""
    return dt.datetime.now(ZoneInfo("Europe/Helsinki")).date()


@functools.cache
def _shipped() -> dict[str, spec.Instrument]:
    return {instrument.id: instrument for instrument in load_directory(ROOT_INSTRUMENTS)[0]}


def shipped_instruments() -> dict[str, spec.Instrument]:
    """The instruments in instruments/, by id (read once per test run)."""
    return dict(_shipped())


def count_responses(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Response))


def count_answers(db) -> int:
    return db.scalar(select(func.count()).select_from(Answer))


def make_organisation(db, slug: str = "testiyhdistys", *, projects=("valpas",), **settings):
    """An organisation with complete settings (the default theme), owning the named projects."""
    from surveyapp.core.models import Organisation
    from surveyapp.core.organisations import DEFAULT_THEME

    values = dict(
        name="Testiyhdistys ry",
        email="tietosuoja@testiyhdistys.example",
        a11y_feedback_email="saavutettavuus@testiyhdistys.example",
        legal_basis="legitimate_interest",
        retention_years=5,
        a11y_prepared_on=dt.date(2026, 3, 7),
        a11y_reviewed_on=dt.date(2026, 4, 2),
        a11y_assessment="self",
        changed_on=dt.date(2026, 4, 2),
        **DEFAULT_THEME,
    )
    values.update(settings)
    organisation = Organisation(slug=slug, **values)
    db.add(organisation)
    for project_slug in projects:
        project = db.scalar(select(Project).where(Project.slug == project_slug))
        if project is None:
            project = Project(slug=project_slug, name=project_slug.upper())
            db.add(project)
        project.organisation = organisation
    db.commit()
    return organisation


def finnish_only(instrument, instrument_id: str):
    """A copy of ``instrument`` under another id with its Finnish texts only, as an untranslated form is.

    Every shipped form is translated, so the tests of a Finnish-only form serve such a copy (see serve_also).
    """

    def strip(value):
        if isinstance(value, spec.Text):
            return spec.Text(fi=value.fi)
        if dataclasses.is_dataclass(value):
            return dataclasses.replace(
                value,
                **{
                    f.name: strip(getattr(value, f.name))
                    for f in dataclasses.fields(value)
                    if f.init
                },
            )
        if isinstance(value, tuple):
            return tuple(strip(v) for v in value)
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        return value

    return dataclasses.replace(strip(instrument), id=instrument_id)


def serve_also(app, *instruments) -> None:
    """Add instruments to the ones ``app`` serves (e.g. a finnish_only copy)."""
    registry = app.extensions["surveyapp.instruments"]
    app.extensions["surveyapp.instruments"] = Registry([*registry, *instruments])


def code_round(
    db,
    *,
    per_municipality=(("muhos", 3), ("kemijarvi", 2)),
    instrument="valpas_partner_survey",
):
    """Collection 'kumppanit' for partners, open with access codes only, codes generated."""
    collection = make_collection(
        db, instrument, "kumppanit", municipalities=("muhos", "kemijarvi"), audience="partners"
    )
    collection.access = "codes"
    for place, count in per_municipality:
        access_codes.generate(db, collection, place, count)
    db.commit()
    return collection


def codes_of(db, collection, place):
    return sorted(
        db.scalars(
            select(AccessCode.code).where(
                AccessCode.collection_id == collection.id, AccessCode.municipality_code == place
            )
        )
    )


def make_kiosk(db):
    """A group session of session feedback in Utajärvi, with KIOSK_PIN, committed."""
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Voimavararyhmä",
        municipality_code="utajarvi",
        held_on=dt.date(2026, 3, 5),
        pin=KIOSK_PIN,
    )
    db.commit()
    return group


def organisation_settings(**changes) -> dict:
    """A complete, valid organisation settings form."""
    form = {
        "name": "Kuntayhtymä Testi",
        "name_sv": "Samkommunen Test",
        "name_en": "",
        "business_id": "1234567-1",
        "postal": "PL 5\n90100 Oulu",
        "phone": "",
        "email": "tietosuoja@kuntayhtyma.example",
        "website": "",
        "legal_basis": "public_task",
        "dpo_contact": "",
        "retention_years": "3",
        "processor": "",
        "a11y_feedback_email": "saavutettavuus@kuntayhtyma.example",
        "a11y_feedback_url": "",
        "a11y_prepared_on": "7.3.2026",
        "a11y_reviewed_on": "2.4.2026",
        "a11y_assessment": "self",
        "a11y_assessor": "",
        "authority_fi": "",
        "authority_sv": "",
        "authority_en": "",
        **DEFAULT_THEME,
    }
    form.update(changes)
    return form
