"""share links: read-only links to a collection's protected results for a steering group or a funder

Revision ID: 0015
Revises: 0014

One new table: the SHA-256 of each link's random token (never the token), its label and the last day it
works. Revoking a link deletes its row; deleting a collection deletes its links.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "share_link",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.CheckConstraint("label <> ''", name=op.f("ck_share_link_label_not_empty")),
        sa.CheckConstraint("length(token_hash) = 64", name=op.f("ck_share_link_token_hash_length")),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_share_link_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_share_link_token_hash")),
    )
    op.create_index(
        op.f("ix_share_link_collection_id"), "share_link", ["collection_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_share_link_collection_id"), table_name="share_link")
    op.drop_table("share_link")
