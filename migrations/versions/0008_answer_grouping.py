"""answer grouping: every answer carries its response's collection, instrument, municipality, period and channel

Revision ID: 0008
Revises: 0007

The results group a million answers by these columns; read from one covering index on `answer`
they need no join with `response`. Triggers keep the copies true: an answer must match its
response, and a response's grouping columns are never rewritten.

SQLite cannot add NOT NULL columns without defaults, so there `answer` is rebuilt by hand (batch
mode would drop WITHOUT ROWID); nothing references `answer`, so nothing cascades.
"""

import sqlalchemy as sa
from alembic import op
from dialect import is_sqlite

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GROUPING = ("collection_id", "instrument_id", "municipality_code", "period_start", "channel")
MISMATCH = (
    "an answer carries its response''s collection, instrument, municipality, period and channel"
)
FIXED = "a response''s collection, instrument, municipality, period and channel are never rewritten"

MATCHING_RESPONSE = """SELECT 1 FROM response r WHERE r.id = NEW.response_id
        AND r.collection_id = NEW.collection_id AND r.instrument_id = NEW.instrument_id
        AND r.municipality_code {same} NEW.municipality_code AND r.period_start = NEW.period_start
        AND r.channel = NEW.channel"""

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER answer_matches_response_insert BEFORE INSERT ON answer
    WHEN NOT EXISTS ({MATCHING_RESPONSE.format(same="IS")})
    BEGIN SELECT RAISE(ABORT, '{MISMATCH}'); END""",
    f"""CREATE TRIGGER answer_matches_response_update BEFORE UPDATE ON answer
    WHEN NOT EXISTS ({MATCHING_RESPONSE.format(same="IS")})
    BEGIN SELECT RAISE(ABORT, '{MISMATCH}'); END""",
    f"""CREATE TRIGGER response_grouping_fixed BEFORE UPDATE OF {", ".join(GROUPING)} ON response
    BEGIN SELECT RAISE(ABORT, '{FIXED}'); END""",
]

POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION answer_matches_response() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NOT EXISTS ({MATCHING_RESPONSE.format(same="IS NOT DISTINCT FROM")}) THEN
            RAISE EXCEPTION '{MISMATCH}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER answer_matches_response BEFORE INSERT OR UPDATE ON answer
    FOR EACH ROW EXECUTE FUNCTION answer_matches_response()""",
    f"""CREATE FUNCTION response_grouping_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{FIXED}' USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    f"""CREATE TRIGGER response_grouping_fixed BEFORE UPDATE OF {", ".join(GROUPING)} ON response
    FOR EACH ROW EXECUTE FUNCTION response_grouping_fixed()""",
]


def answer_table(name: str, *, grouping: bool) -> None:
    columns = [
        sa.Column("response_id", sa.String(length=32), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("choice_code", sa.String(length=40), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
    ]
    if grouping:
        columns += [
            sa.Column("collection_id", sa.String(length=32), nullable=False),
            sa.Column("instrument_id", sa.String(length=40), nullable=False),
            sa.Column("municipality_code", sa.String(length=40), nullable=True),
            sa.Column("period_start", sa.Date(), nullable=False),
            sa.Column("channel", sa.String(length=10), nullable=False),
        ]
    op.create_table(
        name,
        *columns,
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


def create_indexes() -> None:
    op.create_index(
        "ix_answer_report_cells",
        "answer",
        [*GROUPING, "item_code", "choice_code", "grade"],
        unique=False,
    )
    op.create_index(
        "ix_answer_texts",
        "answer",
        ["collection_id", "instrument_id", "response_id"],
        unique=False,
        sqlite_where=sa.text("text IS NOT NULL"),
        postgresql_where=sa.text("text IS NOT NULL"),
    )


def upgrade() -> None:
    if is_sqlite():
        answer_table("answer_new", grouping=True)
        op.execute(f"""INSERT INTO answer_new (response_id, item_code, choice_code, grade, text, {", ".join(GROUPING)})
            SELECT a.response_id, a.item_code, a.choice_code, a.grade, a.text, {", ".join("r." + c for c in GROUPING)}
            FROM answer a JOIN response r ON r.id = a.response_id""")
        op.drop_table("answer")
        op.rename_table("answer_new", "answer")
        create_indexes()
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        return
    op.add_column("answer", sa.Column("collection_id", sa.String(length=32), nullable=True))
    op.add_column("answer", sa.Column("instrument_id", sa.String(length=40), nullable=True))
    op.add_column("answer", sa.Column("municipality_code", sa.String(length=40), nullable=True))
    op.add_column("answer", sa.Column("period_start", sa.Date(), nullable=True))
    op.add_column("answer", sa.Column("channel", sa.String(length=10), nullable=True))
    op.execute(f"""UPDATE answer a SET ({", ".join(GROUPING)}) = ({", ".join("r." + c for c in GROUPING)})
        FROM response r WHERE r.id = a.response_id""")
    for column in ("collection_id", "instrument_id", "period_start", "channel"):
        op.alter_column("answer", column, nullable=False)
    create_indexes()
    for statement in POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if is_sqlite():
        op.execute("DROP TRIGGER response_grouping_fixed")
        answer_table("answer_old", grouping=False)
        op.execute("""INSERT INTO answer_old (response_id, item_code, choice_code, grade, text)
            SELECT response_id, item_code, choice_code, grade, text FROM answer""")
        op.drop_table("answer")
        op.rename_table("answer_old", "answer")
        return
    op.execute("DROP TRIGGER response_grouping_fixed ON response")
    op.execute("DROP FUNCTION response_grouping_fixed()")
    op.execute("DROP TRIGGER answer_matches_response ON answer")
    op.execute("DROP FUNCTION answer_matches_response()")
    op.drop_index("ix_answer_texts", table_name="answer")
    op.drop_index("ix_answer_report_cells", table_name="answer")
    for column in reversed(GROUPING):
        op.drop_column("answer", column)
