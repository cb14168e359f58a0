"""A typed municipality (slug code) that an official one of the classification matches by name
becomes that official municipality: collections, group sessions and access codes move to the
official code; stored responses are never rewritten (a database trigger forbids it), so a merger
row (old code -> official code) makes them count under the official code, as for kuntaliitokset.
Plain SQL on the tables named here, so migration 0021 can run it as well as the loader."""

from __future__ import annotations

import sqlalchemy as sa

# The columns that store a municipality code and may change, as (table, column); the response's
# and answer's copies stay.
REFERENCES = (
    ("collection_municipality", "municipality_code"),
    ("group_session", "municipality_code"),
    ("access_code", "municipality_code"),
)
_MUNICIPALITY = sa.table(
    "municipality", sa.column("code"), sa.column("name"), sa.column("classified")
)
_MERGER = sa.table("municipality_merger", sa.column("old_code"), sa.column("new_code"))


def move(db, old: str, new: str, name: str) -> None:
    """The municipality ``old`` becomes ``new`` called ``name``. The old row stays for the
    responses stored under it, renamed "Muhos (muhos)" so that the official row can take its name."""
    db.execute(
        sa.update(_MUNICIPALITY)
        .where(_MUNICIPALITY.c.code == old)
        .values(name=f"{name} ({old})"[:100])
    )
    db.execute(sa.insert(_MUNICIPALITY).values(code=new, name=name))
    for table, column in REFERENCES:
        stored = sa.table(table, sa.column(column))
        db.execute(sa.update(stored).where(stored.c[column] == old).values({column: new}))
    db.execute(sa.insert(_MERGER).values(old_code=old, new_code=new))


def adopt_typed(db, official: dict[str, str]) -> tuple[str, ...]:
    """Typed municipalities whose name (case-folded) is a key of ``official`` (name -> code) move to
    that code, unless a row with that code exists already; returns the old codes moved."""
    typed = db.execute(
        sa.select(_MUNICIPALITY.c.code, _MUNICIPALITY.c.name).where(
            _MUNICIPALITY.c.classified.is_(None)
        )
    ).all()
    taken = set(db.scalars(sa.select(_MUNICIPALITY.c.code)).all())
    moved = []
    for old, name in typed:
        new = official.get(" ".join(name.split()).casefold())
        if new is not None and new not in taken and old != new:
            move(db, old, new, name)
            taken.add(new)
            moved.append(old)
    return tuple(moved)
