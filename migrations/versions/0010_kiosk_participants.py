"""kiosk participants: session language, late answers, growing PIN locks, one-time error pages

Revision ID: 0010
Revises: 0009

group_session gains its participants' starting language, the count of queued answers that arrived
after closing, and the number of PIN locks so far. kiosk_attempt keeps a failed kiosk send until
its error page is shown once; pin_guard counts wrong PINs across every session.

Plain ADD COLUMN on both databases (no rebuild of group_session, which response references); on
SQLite the CHECK constraints go in the column definitions, which ADD COLUMN allows.
"""

import sqlalchemy as sa
from alembic import op
from dialect import add_column

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "group_session", sa.Column("locks", sa.Integer(), server_default="0", nullable=False)
    )
    add_column(
        "group_session",
        sa.Column("language", sa.String(2), server_default="fi", nullable=False),
        constraint="ck_group_session_language_known",
        check="language IN ('fi', 'sv', 'en')",
    )
    add_column(
        "group_session",
        sa.Column("late_answers", sa.Integer(), server_default="0", nullable=False),
        constraint="ck_group_session_late_answers_not_negative",
        check="late_answers >= 0",
    )
    op.create_table(
        "kiosk_attempt",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("group_session_id", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_session_id"],
            ["group_session.id"],
            name=op.f("fk_kiosk_attempt_group_session_id_group_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk_attempt")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f("ix_kiosk_attempt_group_session_id"), "kiosk_attempt", ["group_session_id"]
    )
    op.create_table(
        "pin_guard",
        sa.Column("id", sa.String(length=20), nullable=False),
        sa.Column("failed_tries", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.Integer(), nullable=True),
        sa.Column("locks", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pin_guard")),
    )


def downgrade() -> None:
    op.drop_table("pin_guard")
    op.drop_index(op.f("ix_kiosk_attempt_group_session_id"), table_name="kiosk_attempt")
    op.drop_table("kiosk_attempt")
    with op.batch_alter_table("group_session") as batch:
        batch.drop_column("late_answers")
        batch.drop_column("language")
        batch.drop_column("locks")
