"""`flask retention apply`: delete the answers the organisation's retention time has run out for."""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from surveyapp.core import kept_results, retention
from surveyapp.web import database
from surveyapp.web.kept_results import keeper
from surveyapp.web.submissions import today as service_today


@click.group("retention")
def retention_cli() -> None:
    """The organisation's retention time, applied (README: "Retention")."""


def describe(item: retention.Due, keeps_tables: bool = False) -> str:
    slug = item.collection.slug
    if item.retention_years is None:
        return f"{slug}: kept (its project has no organisation, so no retention time)"
    kept = "; its protected results tables would be kept" if keeps_tables else ""
    return (
        f"{slug}: {len(item.response_ids)} responses ({item.answers} answers, {item.texts} "
        f"written), {item.access_codes} access codes, {len(item.group_session_ids)} group "
        f"sessions (retention {item.retention_years} years){kept}"
    )


def keeps_tables(db, item: retention.Due) -> bool:
    """Whether this run would take the collection's kept results tables (core/kept_results.py)."""
    chosen = kept_results.chosen(db, item.collection)
    return bool(item.response_ids) and chosen is not None and chosen.tables is None


@retention_cli.command("apply")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to apply it as (default: today in the service's time zone).",
)
@with_appcontext
def apply_command(dry_run: bool, today: dt.datetime | None) -> None:
    """Delete answers past the retention time, with their texts and keys; log dates and counts."""
    day = today.date() if today else service_today()
    db = database.session()
    if dry_run:
        found = retention.due(db, day)
        for item in found:
            if item.anything or item.retention_years is None:
                click.echo(describe(item, keeps_tables(db, item)))
        total = sum(len(d.response_ids) for d in found)
        click.echo(f"dry run on {day.isoformat()}: {total} responses would be deleted")
        return
    run = retention.apply(db, day, keep=keeper(db, day))
    db.commit()
    click.echo(
        f"{day.isoformat()}: deleted {run.responses} responses ({run.answers} answers, "
        f"{run.texts} written), {run.access_codes} access codes, "
        f"{run.group_sessions} group sessions"
    )
