"""answer check after the statement: a response and its answers can be stored in one statement

Revision ID: 0024
Revises: 0023

On PostgreSQL, the check that an answer carries its response's collection, instrument,
municipality, period and channel (0008) ran BEFORE each row, so it could not see a response
inserted by the same statement. Run AFTER each row, it fires when the whole statement is done and
sees it: a respondent's key, response and answers go in one statement (core/responses.py), and the
check refuses exactly what it refused before. SQLite keeps its BEFORE triggers: it has no
data-modifying WITH, so its answers always follow their response in a statement of their own.
"""

from alembic import op
from dialect import is_sqlite

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def _answer_check(when: str) -> None:
    op.execute("DROP TRIGGER answer_matches_response ON answer")
    op.execute(
        f"""CREATE TRIGGER answer_matches_response {when} INSERT OR UPDATE ON answer
        FOR EACH ROW EXECUTE FUNCTION answer_matches_response()"""
    )


def upgrade() -> None:
    if not is_sqlite():
        _answer_check("AFTER")


def downgrade() -> None:
    if not is_sqlite():
        _answer_check("BEFORE")
