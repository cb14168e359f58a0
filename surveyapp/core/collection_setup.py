"""Setting up collections (what coordinators call surveys): creating them, their invited counts and
where they stand. Plain data, no Flask."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from surveyapp.core import access_codes, classification
from surveyapp.core.models import Collection, Municipality, Project, collection_municipality

# Addresses of coordinator pages that sit where a collection's own would (/coordinate/c/new).
RESERVED_SLUGS = frozenset({"new"})
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """ "Pudasjärvi" -> "pudasjarvi": lower case ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def municipality(db: Session, name: str) -> Municipality:
    """The municipality called ``name``: the official one of that Finnish or Swedish name, one typed
    before, or a new typed one whose code is its name's slug, made unique ("kunta-2") when another
    name has that slug or the slug is all digits (official codes are)."""
    name = " ".join(name.split())
    found = classification.official_named(db, name) or db.scalar(
        select(Municipality).where(Municipality.name == name)
    )
    if found is None:
        base = slugify(name) or "kunta"
        base = f"x-{base}" if base.isdigit() else base[:36]
        code, n = base, 1
        while db.get(Municipality, code) is not None:
            n += 1
            code = f"{base}-{n}"
        found = Municipality(code=code, name=name)
        db.add(found)
        db.flush()
    return found


@dataclass(frozen=True)
class Settings:
    title: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    access: str
    invited_total: int | None = (
        None  # the project-level unit's, when the collection has no municipalities
    )
    title_sv: str | None = None
    title_en: str | None = None
    title_selko: str | None = None


def create(
    db: Session,
    project: Project,
    *,
    slug: str,
    instrument_id: str,
    audience: str,
    municipalities: list[Municipality],
    settings: Settings,
) -> Collection:
    """A new collection; flushed, not committed. ValueError when the address is taken or reserved."""
    if (
        slug in RESERVED_SLUGS
        or db.scalar(select(Collection.id).where(Collection.slug == slug)) is not None
    ):
        raise ValueError(slug)
    collection = Collection(
        slug=slug,
        project=project,
        instrument_id=instrument_id,
        audience=audience,
        municipalities=municipalities,
        title=settings.title,
    )
    db.add(collection)
    change(db, collection, settings)
    return collection


def change(
    db: Session,
    collection: Collection,
    settings: Settings,
    invited: dict[str, int | None] | None = None,
) -> None:
    collection.title = settings.title
    collection.title_sv, collection.title_en = settings.title_sv or None, settings.title_en or None
    collection.title_selko = settings.title_selko or None
    collection.opens_on, collection.closes_on = settings.opens_on, settings.closes_on
    collection.access = settings.access
    collection.invited = settings.invited_total if not collection.municipalities else None
    db.flush()
    for code, count in (invited or {}).items():
        db.execute(
            update(collection_municipality)
            .where(
                collection_municipality.c.collection_id == collection.id,
                collection_municipality.c.municipality_code == code,
            )
            .values(invited=count)
        )


def entered_invited(db: Session, collection: Collection) -> dict[str, int | None]:
    """The invited counts the coordinator entered, per municipality (None: not entered)."""
    rows = db.execute(
        select(
            collection_municipality.c.municipality_code, collection_municipality.c.invited
        ).where(collection_municipality.c.collection_id == collection.id)
    )
    return dict(rows.all())


def invited(db: Session, collection: Collection) -> dict[str | None, int]:
    """How many were invited per unit, where known: entered counts first, else the access codes issued.

    The key is the municipality code, or None for a collection without municipalities (one project-level unit).
    """
    issued = {place: c.issued for place, c in access_codes.counts(db, collection).items()}
    if not collection.municipalities:
        known = collection.invited or issued.get(None)
        return {None: known} if known else {}
    out: dict[str | None, int] = {}
    for place, count in entered_invited(db, collection).items():
        if count or issued.get(place):
            out[place] = count or issued[place]
    return out


def invited_total(db: Session, collection: Collection) -> int | None:
    """Everyone invited to the collection, when it is known for every unit; else None."""
    known = invited(db, collection)
    units = [m.code for m in collection.municipalities] or [None]
    return sum(known[u] for u in units) if all(u in known for u in units) else None


def rate_inputs(db: Session, collection: Collection) -> dict:
    """The keyword arguments that give a collection's dashboard its response rates."""
    return {
        "invited": invited(db, collection),
        "invited_total": invited_total(db, collection),
    }


def status(collection: Collection, today: dt.date) -> str:
    """ "not_yet", "open" or "closed"."""
    if collection.opens_on and today < collection.opens_on:
        return "not_yet"
    return "open" if collection.is_open(today) else "closed"
