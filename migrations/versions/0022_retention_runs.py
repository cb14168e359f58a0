"""retention runs: the log of `flask retention apply`, dates and counts only

Revision ID: 0022
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_on", sa.Date(), nullable=False),
        sa.Column("responses", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("texts", sa.Integer(), nullable=False),
        sa.Column("access_codes", sa.Integer(), nullable=False),
        sa.Column("group_sessions", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "responses >= 0 AND answers >= 0 AND texts >= 0 AND access_codes >= 0"
            " AND group_sessions >= 0",
            name=op.f("ck_retention_run_counts_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_run")),
    )


def downgrade() -> None:
    op.drop_table("retention_run")
