"""themes of written answers: topics, their tags on answers, the "you said, we did" page's settings

Revision ID: 0016
Revises: 0015

topic: a collection's themes (names and replies in Finnish, optionally Swedish and English).
topic_tag: an answer tagged with a topic, keyed by both alone (no time, no sequence; WITHOUT ROWID
on SQLite), at most one quoted answer per topic. topic_page: where the page is shown. New tables
only; nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_sv", sa.String(length=120), nullable=True),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("reply_sv", sa.Text(), nullable=True),
        sa.Column("reply_en", sa.Text(), nullable=True),
        sa.CheckConstraint("name <> ''", name=op.f("ck_topic_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_topic_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
    )
    op.create_index(op.f("ix_topic_collection_id"), "topic", ["collection_id"])
    op.create_table(
        "topic_tag",
        sa.Column("topic_id", sa.String(length=32), nullable=False),
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("quoted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topic.id"],
            name=op.f("fk_topic_tag_topic_id_topic"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id", "item_code"],
            ["answer.response_id", "answer.item_code"],
            name=op.f("fk_topic_tag_response_id_answer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("topic_id", "response_id", "item_code", name=op.f("pk_topic_tag")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_topic_tag_one_quote",
        "topic_tag",
        ["topic_id"],
        unique=True,
        sqlite_where=sa.text("quoted"),
        postgresql_where=sa.text("quoted"),
    )
    op.create_table(
        "topic_page",
        sa.Column("collection_id", sa.String(length=32), nullable=False),
        sa.Column("public", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("kiosk", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_topic_page_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("collection_id", name=op.f("pk_topic_page")),
    )


def downgrade() -> None:
    op.drop_table("topic_page")
    op.drop_index("ix_topic_tag_one_quote", table_name="topic_tag")
    op.drop_table("topic_tag")
    op.drop_index(op.f("ix_topic_collection_id"), table_name="topic")
    op.drop_table("topic")
