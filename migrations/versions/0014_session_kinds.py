"""group session kinds: a group meeting, a trip or something else

Revision ID: 0014
Revises: 0013

group_session gains ``kind`` ('group', 'trip', 'other'), checked; every existing session becomes a
group session (the server default), as every session was one before.
"""

import sqlalchemy as sa
from alembic import op
from dialect import add_column

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_column(
        "group_session",
        sa.Column("kind", sa.String(10), server_default="group", nullable=False),
        constraint="ck_group_session_kind_known",
        check="kind IN ('group', 'trip', 'other')",
    )


def downgrade() -> None:
    with op.batch_alter_table("group_session") as batch:
        batch.drop_column("kind")
