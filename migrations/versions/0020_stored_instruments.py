"""stored instruments: forms coordinators upload (XLSForm or YAML), versioned like shipped ones

Revision ID: 0020
Revises: 0018

One new table: each uploaded version of a form with its project, content hash and validated data
(JSON); a draft until published_on is set, never changed after. Nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_instrument",
        sa.Column("instrument_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=32), nullable=True),
        sa.Column("uploaded_on", sa.Date(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.CheckConstraint("version >= 1", name=op.f("ck_stored_instrument_version_positive")),
        sa.CheckConstraint(
            "length(content_hash) = 64", name=op.f("ck_stored_instrument_content_hash_length")
        ),
        sa.CheckConstraint("body <> ''", name=op.f("ck_stored_instrument_body_not_empty")),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_stored_instrument_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["user_account.id"],
            name=op.f("fk_stored_instrument_uploaded_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("instrument_id", "version", name=op.f("pk_stored_instrument")),
    )
    op.create_index(
        op.f("ix_stored_instrument_project_id"), "stored_instrument", ["project_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_stored_instrument_project_id"), table_name="stored_instrument")
    op.drop_table("stored_instrument")
