"""arrival mixing: a mixed flag on responses and submission keys, and the one row that serialises mixing

Revision ID: 0012
Revises: 0010

Plain ADD COLUMN on both databases (SQLite allows it on WITHOUT ROWID tables when the column has a
default). Rows already stored count as not mixed, so the first mix after the upgrade hides their
order too.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "response", sa.Column("mixed", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column(
        "submission_key",
        sa.Column("mixed", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    arrival_mix = op.create_table(
        "arrival_mix",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_mix", sa.Integer(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_arrival_mix_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arrival_mix")),
    )
    op.bulk_insert(arrival_mix, [{"id": 1, "last_mix": None}])


def downgrade() -> None:
    op.drop_table("arrival_mix")
    with op.batch_alter_table("submission_key") as batch:
        batch.drop_column("mixed")
    with op.batch_alter_table("response") as batch:
        batch.drop_column("mixed")
