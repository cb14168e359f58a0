"""survey rounds: access modes, invited counts, single-use access codes

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op
from dialect import add_column, drop_constraint

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_code",
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("municipality_code", sa.String(length=40), nullable=True),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("used", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(code) = 8", name=op.f("ck_access_code_code_length")),
        sa.CheckConstraint("batch >= 1", name=op.f("ck_access_code_batch_positive")),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_access_code_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_access_code_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("collection_id", "code", name=op.f("pk_access_code")),
        sqlite_with_rowid=False,
    )
    add_column(
        "collection",
        sa.Column("access", sa.String(length=10), server_default="open", nullable=False),
        constraint="ck_collection_access_known",
        check="access IN ('open', 'codes', 'paper')",
    )
    add_column(
        "collection",
        sa.Column("invited", sa.Integer(), nullable=True),
        constraint="ck_collection_invited_positive",
        check="invited IS NULL OR invited >= 1",
    )
    add_column(
        "collection_municipality",
        sa.Column("invited", sa.Integer(), nullable=True),
        constraint="ck_collection_municipality_invited_positive",
        check="invited IS NULL OR invited >= 1",
    )


def downgrade() -> None:
    drop_constraint(
        "collection_municipality", "ck_collection_municipality_invited_positive", "check"
    )
    drop_constraint("collection", "ck_collection_invited_positive", "check")
    drop_constraint("collection", "ck_collection_access_known", "check")
    op.drop_column("collection_municipality", "invited")
    op.drop_column("collection", "invited")
    op.drop_column("collection", "access")
    op.drop_table("access_code")
