"""municipality classification: counties, official codes and Swedish names, mergers

Revision ID: 0021
Revises: 0018

Municipalities learn their Swedish name, wellbeing services county (hyvinvointialue), language
status and classification year; mergers (kuntaliitokset) map old codes to new ones. On a database
that already has municipalities (typed by coordinators as free text, slug codes), the shipped
classification (surveyapp/data/) is loaded and each typed municipality whose Finnish or Swedish
name is an official one moves to its official code with all its answers; the ones that match none
stay as they are and are listed here and by `flask municipalities unmapped`. A new database gets
the classification at its first set-up (or from `flask municipalities load`).
"""

import logging

import dialect
import sqlalchemy as sa
from alembic import op

from surveyapp.core import classification, recoding

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    op.create_table(
        "county",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_sv", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_county")),
    )
    op.add_column("municipality", sa.Column("name_sv", sa.String(length=100), nullable=True))
    op.add_column("municipality", sa.Column("classified", sa.Integer(), nullable=True))
    dialect.add_column(
        "municipality",
        sa.Column("county_code", sa.String(length=2), nullable=True),
        constraint="fk_municipality_county_code_county",
        references=("county", "code"),
    )
    dialect.add_column(
        "municipality",
        sa.Column("language", sa.Integer(), nullable=True),
        constraint="ck_municipality_language_known",
        check="language IS NULL OR language BETWEEN 0 AND 3",
    )
    op.create_table(
        "municipality_merger",
        sa.Column("old_code", sa.String(length=40), nullable=False),
        sa.Column("new_code", sa.String(length=40), nullable=False),
        sa.CheckConstraint(
            "old_code <> new_code", name=op.f("ck_municipality_merger_merger_changes_code")
        ),
        sa.ForeignKeyConstraint(
            ["new_code"],
            ["municipality.code"],
            name=op.f("fk_municipality_merger_new_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("old_code", name=op.f("pk_municipality_merger")),
    )
    bind = op.get_bind()
    if bind.scalar(sa.text("SELECT count(*) FROM municipality")):
        load_shipped(bind)


def load_shipped(bind) -> None:
    """The shipped classification in plain SQL, typed municipalities moved to official codes."""
    path = classification.SHIPPED
    rows = classification.parse(path.read_text(encoding="utf-8"), path.name)
    year = classification.year_of(path)
    for code, fi, sv in sorted({(r.county_code, r.county_fi, r.county_sv) for r in rows}):
        bind.execute(
            sa.text("INSERT INTO county (code, name, name_sv) VALUES (:c, :fi, :sv)"),
            dict(c=code, fi=fi, sv=sv),
        )
    names = {r.name_sv.casefold(): r.code for r in rows} | {
        r.name_fi.casefold(): r.code for r in rows
    }
    recoding.adopt_typed(bind, names)
    existing = set(bind.scalars(sa.text("SELECT code FROM municipality")).all())
    for r in rows:
        values = dict(
            code=r.code, name=r.name_fi, sv=r.name_sv, county=r.county_code, lang=r.language, y=year
        )
        if r.code in existing:
            bind.execute(
                sa.text(
                    "UPDATE municipality SET name = :name, name_sv = :sv, county_code = :county,"
                    " language = :lang, classified = :y WHERE code = :code"
                ),
                values,
            )
        else:
            bind.execute(
                sa.text(
                    "INSERT INTO municipality (code, name, name_sv, county_code, language,"
                    " classified) VALUES (:code, :name, :sv, :county, :lang, :y)"
                ),
                values,
            )
    pairs = classification.parse_mergers(
        classification.SHIPPED_MERGERS.read_text(encoding="utf-8"), "mergers"
    )
    resolved, _ = classification.successors(pairs, {r.code for r in rows})
    for old, new in sorted(resolved.items()):
        bind.execute(
            sa.text("INSERT INTO municipality_merger (old_code, new_code) VALUES (:o, :n)"),
            dict(o=old, n=new),
        )
    for code, name in bind.execute(
        sa.text(
            "SELECT code, name FROM municipality WHERE classified IS NULL"
            " AND code NOT IN (SELECT old_code FROM municipality_merger) ORDER BY name"
        )
    ):
        log.warning("municipality %s (%s) matches no official one: kept as typed", name, code)


def downgrade() -> None:
    op.drop_table("municipality_merger")
    dialect.drop_constraint("municipality", "ck_municipality_language_known", "check")
    dialect.drop_constraint("municipality", "fk_municipality_county_code_county", "foreignkey")
    with op.batch_alter_table("municipality") as batch:
        for column in ("language", "county_code", "classified", "name_sv"):
            batch.drop_column(column)
    op.drop_table("county")
