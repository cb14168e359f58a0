"""report indexes: the results' grouping of responses read from an index

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX: the response table is WITHOUT ROWID on SQLite and must never be
    # recreated by batch mode.
    op.create_index(
        "ix_response_report_cells",
        "response",
        ["collection_id", "instrument_id", "municipality_code", "period_start", "channel"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_response_report_cells", table_name="response")
