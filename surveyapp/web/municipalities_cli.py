"""`flask municipalities load|unmapped`: Statistics Finland's classification into the database (the
shipped file, or a newer year's in the same format: surveyapp/data/SOURCE.md), and the typed
municipalities that match none of it."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from surveyapp.core import classification
from surveyapp.web import database


@click.group("municipalities")
def municipalities_cli() -> None:
    """Municipalities and wellbeing services counties of the official classification."""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise click.UsageError(f"{path}: {error}") from None


@municipalities_cli.command("load")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--mergers", type=click.Path(path_type=Path), help="old_code,new_code per line")
@with_appcontext
def load_command(file: Path | None, mergers: Path | None) -> None:
    """Load FILE (code,name_fi,name_sv,county_code,county_fi,county_sv,language; its year in its
    name), or the shipped classification when no FILE is given."""
    db = database.session()
    try:
        if file is None:
            loaded = classification.load_shipped(db)
        else:
            rows = classification.parse(_read(file), file.name)
            pairs = classification.parse_mergers(_read(mergers), mergers.name) if mergers else []
            loaded = classification.load(db, rows, classification.year_of(file), pairs)
    except classification.ClassificationError as error:
        db.rollback()
        raise click.UsageError(str(error)) from None
    db.commit()
    click.echo(
        f"{loaded.added} municipalities added, {loaded.changed} changed, "
        f"{loaded.mergers} mergers known"
    )
    for old in loaded.adopted:
        click.echo(f"typed municipality {old} now counts under its official code")
    if loaded.unresolved_mergers:
        click.echo(
            "mergers without one successor today (answers stay under their old code): "
            + ", ".join(loaded.unresolved_mergers)
        )
    _list_unmapped()


def _list_unmapped() -> None:
    for place in classification.unmapped(database.session()):
        click.echo(f"not in the classification: {place.name} ({place.code})")


@municipalities_cli.command("unmapped")
@with_appcontext
def unmapped_command() -> None:
    """List the typed municipalities that no official one matched."""
    _list_unmapped()
