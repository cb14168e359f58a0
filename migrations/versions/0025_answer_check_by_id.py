"""answer check by its response's id alone: the same cost however many answers share a week

Revision ID: 0025
Revises: 0024

The check that an answer carries its response's collection, instrument, municipality, period and
channel (0008, after the statement since 0024) looked the response up by its id and those five
columns together. Before PostgreSQL has statistics on `response` (a new database, or a busy first
day before autovacuum has analysed it) the planner took that for a lookup in the report-cell index,
which holds exactly those columns, and read every response of the week's cell for each answer: a
kiosk answer's statement cost 0.6 ms of the database's time on an empty table and 3 ms with 8 000
answers in the week. Now the response is read by its primary key alone and its columns compared
after; what is refused is unchanged. SQLite's trigger (0008) already searches by the primary key.
"""

from alembic import op
from dialect import is_sqlite

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

MISMATCH = (
    "an answer carries its response''s collection, instrument, municipality, period and channel"
)
GROUPING = "collection_id, instrument_id, municipality_code, period_start, channel"


def _function(body: str) -> None:
    op.execute(
        f"""CREATE OR REPLACE FUNCTION answer_matches_response() RETURNS trigger LANGUAGE plpgsql AS $$
    {body}
    END $$"""
    )


def upgrade() -> None:
    if is_sqlite():
        return
    stored = ", ".join(f"found_row.{column}" for column in GROUPING.split(", "))
    given = ", ".join(f"NEW.{column}" for column in GROUPING.split(", "))
    _function(
        f"""DECLARE
        found_row record;
    BEGIN
        SELECT {GROUPING} INTO found_row FROM response WHERE id = NEW.response_id;
        IF NOT FOUND OR ({stored}) IS DISTINCT FROM ({given}) THEN
            RAISE EXCEPTION '{MISMATCH}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;"""
    )


def downgrade() -> None:
    if is_sqlite():
        return
    _function(
        f"""BEGIN
        IF NOT EXISTS (SELECT 1 FROM response r WHERE r.id = NEW.response_id
            AND r.collection_id = NEW.collection_id AND r.instrument_id = NEW.instrument_id
            AND r.municipality_code IS NOT DISTINCT FROM NEW.municipality_code
            AND r.period_start = NEW.period_start AND r.channel = NEW.channel) THEN
            RAISE EXCEPTION '{MISMATCH}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;"""
    )
