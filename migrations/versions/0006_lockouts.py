"""lockouts: wrong tries in a row and the end of a lock, on coordinator accounts and group sessions (kiosk PIN)

Revision ID: 0006
Revises: 0005

Plain ADD COLUMN on both databases: no table rebuild on SQLite (which, with foreign keys on,
could cascade into user_project, or group_session into response).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "user_account", sa.Column("failed_tries", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("user_account", sa.Column("locked_until", sa.Integer(), nullable=True))
    op.add_column(
        "group_session", sa.Column("failed_tries", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("group_session", sa.Column("locked_until", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("group_session") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_tries")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_tries")
