"""The one dialect difference the revisions share: adding a column with its constraint to a table.

Batch mode would recreate the table on SQLite, which loses WITHOUT ROWID (answer order) and drops
tables that others point to; but SQLite's ALTER TABLE ADD COLUMN accepts the column's foreign key
or CHECK in its own definition. PostgreSQL adds the column, then the named constraint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateColumn


def is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def add_column(
    table: str,
    column: sa.Column,
    *,
    constraint: str,
    references: tuple[str, str] | None = None,
    check: str | None = None,
) -> None:
    """Add ``column`` to ``table`` with a foreign key to ``references`` (table, column) or a
    ``check`` condition, named ``constraint`` (already in the naming convention's form)."""
    if (references is None) == (check is None):
        raise ValueError("give either references or check")
    if is_sqlite():
        definition = CreateColumn(column).compile(dialect=op.get_bind().dialect)
        clause = (
            f"REFERENCES {references[0]} ({references[1]})" if references else f"CHECK ({check})"
        )
        op.execute(f"ALTER TABLE {table} ADD COLUMN {definition} CONSTRAINT {constraint} {clause}")
        return
    op.add_column(table, column)
    if references:
        op.create_foreign_key(
            op.f(constraint), table, references[0], [column.name], [references[1]]
        )
    else:
        op.create_check_constraint(op.f(constraint), table, check)


def drop_constraint(table: str, constraint: str, type_: str) -> None:
    """Drop a constraint that add_column made; on SQLite it goes with its column."""
    if not is_sqlite():
        op.drop_constraint(op.f(constraint), table, type_=type_)
