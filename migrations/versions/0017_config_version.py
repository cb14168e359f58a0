"""config_version: one counter for the respondent pages' cached data

Revision ID: 0017
Revises: 0016

Every change of a collection, municipality, project, organisation or group session bumps it in
the same transaction; each app process reads it (one cheap statement) to know whether its cache of
that data is still current (surveyapp/core/catalog.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    config_version = op.create_table(
        "config_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_config_version_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_config_version")),
    )
    op.bulk_insert(config_version, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("config_version")
