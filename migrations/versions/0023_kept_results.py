"""kept results: a collection's protected results tables kept past the retention time

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kept_results",
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("chosen_on", sa.Date(), nullable=False),
        sa.Column("answers_deleted_on", sa.Date(), nullable=True),
        sa.Column("tables", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(answers_deleted_on IS NULL) = (tables IS NULL)",
            name=op.f("ck_kept_results_kept_with_its_day"),
        ),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_kept_results_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("collection_id", name=op.f("pk_kept_results")),
    )


def downgrade() -> None:
    op.drop_table("kept_results")
