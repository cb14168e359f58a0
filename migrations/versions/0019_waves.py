"""waves: measurement series of collections, and responses' sealed pairing codes

Revision ID: 0019
Revises: 0018

series: a project's measurement series. wave: a collection as one named, ordered wave of a series
(a collection is in at most one). pairing_code: a response's pairing code, sealed under the app's
pairing key (a random nonce and the masked keyed hash: no time, no person, session or access code;
WITHOUT ROWID on SQLite). New tables only; nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.CheckConstraint("name <> ''", name=op.f("ck_series_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_series_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    op.create_index(op.f("ix_series_project_id"), "series", ["project_id"])
    op.create_table(
        "wave",
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("series_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.CheckConstraint("name <> ''", name=op.f("ck_wave_name_not_empty")),
        sa.CheckConstraint("position >= 1", name=op.f("ck_wave_position_positive")),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_wave_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name=op.f("fk_wave_series_id_series"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("collection_id", name=op.f("pk_wave")),
    )
    op.create_index("ix_wave_position", "wave", ["series_id", "position"], unique=True)
    op.create_index("ix_wave_name", "wave", ["series_id", "name"], unique=True)
    op.create_table(
        "pairing_code",
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.Column("sealed", sa.String(length=96), nullable=False),
        sa.CheckConstraint("length(sealed) = 96", name=op.f("ck_pairing_code_sealed_length")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_pairing_code_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_pairing_code")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("pairing_code")
    op.drop_index("ix_wave_name", table_name="wave")
    op.drop_index("ix_wave_position", table_name="wave")
    op.drop_table("wave")
    op.drop_index(op.f("ix_series_project_id"), table_name="series")
    op.drop_table("series")
