"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instrument_version",
        sa.Column("instrument_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_instrument_version_version_positive")),
        sa.PrimaryKeyConstraint("instrument_id", "version", name=op.f("pk_instrument_version")),
    )
    op.create_table(
        "municipality",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_municipality")),
        sa.UniqueConstraint("name", name=op.f("uq_municipality_name")),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("slug", name=op.f("uq_project_slug")),
    )
    op.create_table(
        "submission_key",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_submission_key")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "collection",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("instrument_id", sa.String(length=40), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "audience IN ('participants', 'partners', 'steering_group', 'clients', 'workers')",
            name=op.f("ck_collection_audience_known"),
        ),
        sa.CheckConstraint("slug <> ''", name=op.f("ck_collection_slug_not_empty")),
        sa.CheckConstraint(
            "closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on",
            name=op.f("ck_collection_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_collection_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection")),
        sa.UniqueConstraint("slug", name=op.f("uq_collection_slug")),
    )
    op.create_table(
        "collection_municipality",
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("municipality_code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_collection_municipality_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_collection_municipality_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint(
            "collection_id", "municipality_code", name=op.f("pk_collection_municipality")
        ),
    )
    op.create_table(
        "response",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("instrument_id", sa.String(length=40), nullable=False),
        sa.Column("instrument_version", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_precision", sa.String(length=5), nullable=False),
        sa.CheckConstraint(
            "channel IN ('web', 'kiosk', 'paper', 'import')", name=op.f("ck_response_channel_known")
        ),
        sa.CheckConstraint(
            "period_precision IN ('day', 'week', 'month')", name=op.f("ck_response_precision_known")
        ),
        sa.ForeignKeyConstraint(
            ["collection_id"], ["collection.id"], name=op.f("fk_response_collection_id_collection")
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id", "instrument_version"],
            ["instrument_version.instrument_id", "instrument_version.version"],
            name=op.f("fk_response_instrument_id_instrument_version"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_response_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_response_collection_id"), ["collection_id"], unique=False
        )

    op.create_table(
        "answer",
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("choice_code", sa.String(length=40), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "choice_code IS NOT NULL OR grade IS NOT NULL OR text IS NOT NULL",
            name=op.f("ck_answer_not_empty"),
        ),
        sa.CheckConstraint(
            "grade IS NULL OR (grade >= 4 AND grade <= 10)", name=op.f("ck_answer_grade_4_to_10")
        ),
        sa.CheckConstraint(
            "grade IS NULL OR choice_code IS NULL", name=op.f("ck_answer_grade_or_choice")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_answer_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "item_code", name=op.f("pk_answer")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("answer")
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_response_collection_id"))

    op.drop_table("response")
    op.drop_table("collection_municipality")
    op.drop_table("collection")
    op.drop_table("submission_key")
    op.drop_table("project")
    op.drop_table("municipality")
    op.drop_table("instrument_version")
