"""one index fewer to write per response: the collection's own index duplicated the report cells'

Revision ID: 0026
Revises: 0025

`ix_response_collection_id` (0001) held the first column of `ix_response_report_cells` (0007), which
serves every lookup by collection as well. Each stored response wrote both; now it writes one.
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain DROP INDEX: the response table is WITHOUT ROWID on SQLite and must never be
    # recreated by batch mode.
    op.drop_index("ix_response_collection_id", table_name="response")


def downgrade() -> None:
    op.create_index("ix_response_collection_id", "response", ["collection_id"], unique=False)
