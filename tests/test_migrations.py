"""`upgrade head` on an empty database gives exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from surveyapp import models  # noqa: F401
from surveyapp.db import Base


def test_upgrade_head_matches_models(database_url):
    # database_url is a fresh database that the fixtures built with `alembic upgrade head`.
    engine = create_engine(database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        version = context.get_current_revision()
    engine.dispose()
    assert diff == []
    assert version == "0007"
