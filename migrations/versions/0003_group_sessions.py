"""group sessions

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from dialect import add_column, drop_constraint

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_session",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("group_name", sa.String(length=200), nullable=False),
        sa.Column("municipality_code", sa.String(length=40), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendance", sa.Integer(), nullable=True),
        sa.Column("idle_seconds", sa.Integer(), nullable=True),
        sa.Column("kiosk_token", sa.String(length=64), nullable=False),
        sa.Column("pin_hash", sa.String(length=300), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.CheckConstraint("group_name <> ''", name=op.f("ck_group_session_group_name_not_empty")),
        sa.CheckConstraint(
            "attendance IS NULL OR attendance >= 0",
            name=op.f("ck_group_session_attendance_not_negative"),
        ),
        sa.CheckConstraint(
            "idle_seconds IS NULL OR idle_seconds = 0 OR idle_seconds >= 30",
            name=op.f("ck_group_session_idle_at_least_30"),
        ),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_group_session_collection_id_collection"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_group_session_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_session")),
        sa.UniqueConstraint("kiosk_token", name=op.f("uq_group_session_kiosk_token")),
    )
    op.create_index(
        op.f("ix_group_session_collection_id"), "group_session", ["collection_id"], unique=False
    )
    # Not batch mode: recreating `response` on SQLite would lose WITHOUT ROWID (answer order).
    add_column(
        "response",
        sa.Column("group_session_id", sa.String(length=32), nullable=True),
        constraint="fk_response_group_session_id_group_session",
        references=("group_session", "id"),
    )
    op.create_index(
        op.f("ix_response_group_session_id"), "response", ["group_session_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_response_group_session_id"), table_name="response")
    drop_constraint("response", "fk_response_group_session_id_group_session", "foreignkey")
    op.drop_column("response", "group_session_id")
    op.drop_index(op.f("ix_group_session_collection_id"), table_name="group_session")
    op.drop_table("group_session")
