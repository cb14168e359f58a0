"""throttles and login sessions: failed tries per client under a keyed hash, revocable coordinator logins

Revision ID: 0009
Revises: 0008

Two new tables, shared by every app host: the in-memory access-code throttle moves here, and a
coordinator's login becomes a row that logging out deletes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.Integer(), nullable=False),
        sa.Column("expires", sa.Integer(), nullable=False),
        sa.CheckConstraint("failures >= 1", name=op.f("ck_throttle_failures_positive")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_throttle_expires"), "throttle", ["expires"], unique=False)
    op.create_table(
        "login_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("last_seen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_login_session_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_session")),
    )
    op.create_index(op.f("ix_login_session_user_id"), "login_session", ["user_id"], unique=False)
    op.create_index(
        op.f("ix_login_session_last_seen"), "login_session", ["last_seen"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_login_session_last_seen"), table_name="login_session")
    op.drop_index(op.f("ix_login_session_user_id"), table_name="login_session")
    op.drop_table("login_session")
    op.drop_index(op.f("ix_throttle_expires"), table_name="throttle")
    op.drop_table("throttle")
