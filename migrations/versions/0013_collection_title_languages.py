"""collection titles in Swedish, English and plain-language Finnish

Revision ID: 0013
Revises: 0012

Three nullable columns: a round without them shows its Finnish title, as before. Plain ADD COLUMN
on both databases.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("collection", sa.Column("title_sv", sa.String(length=200), nullable=True))
    op.add_column("collection", sa.Column("title_en", sa.String(length=200), nullable=True))
    op.add_column("collection", sa.Column("title_selko", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("collection") as batch:
        batch.drop_column("title_selko")
        batch.drop_column("title_en")
        batch.drop_column("title_sv")
