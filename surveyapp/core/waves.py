"""Measurement series: collections of one instrument declared the named, ordered waves of a series.

Each wave is a collection of its own, so the respondent picks nothing: the wave's link, its kiosk
sessions and its printed forms carry it, each wave opens and closes on its own dates, and rolling
groups (one group starting while another ends) answer the right wave at the same time. Every
answer counts in its own wave's results as before; the series adds only the pairing of answers that
carry the same code (pairing.py) and the change report (change_report.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surveyapp.core.models import Collection, Series, Wave

MAX_SERIES_NAME = 120
MAX_WAVE_NAME = 60


class WaveRefused(ValueError):
    """Why a wave cannot be added: ``code`` is one of the reasons below."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def series_of(db: Session, collection: Collection) -> Series | None:
    wave = db.get(Wave, collection.id)
    return db.get(Series, wave.series_id) if wave is not None else None


def waves(db: Session, series: Series) -> list[Wave]:
    return list(db.scalars(select(Wave).where(Wave.series_id == series.id).order_by(Wave.position)))


def declare(db: Session, collection: Collection, name: str, wave_name: str) -> Series:
    """Make ``collection`` the first wave of a new series. Flushes, never commits."""
    if db.get(Wave, collection.id) is not None:
        raise WaveRefused("in_series")
    series = Series(project_id=collection.project_id, name=name)
    db.add(series)
    db.flush()
    db.add(Wave(collection_id=collection.id, series_id=series.id, position=1, name=wave_name))
    db.flush()
    return series


def candidates(db: Session, series: Series) -> list[Collection]:
    """The collections that may become the series' next wave: same project and instrument, in no
    series yet, by title."""
    first = waves(db, series)[0].collection
    in_series = select(Wave.collection_id)
    return list(
        db.scalars(
            select(Collection)
            .where(
                Collection.project_id == series.project_id,
                Collection.instrument_id == first.instrument_id,
                Collection.id.not_in(in_series),
            )
            .order_by(Collection.title)
        )
    )


def add_wave(db: Session, series: Series, collection: Collection, name: str) -> Wave:
    """Add ``collection`` as the series' next wave. Flushes, never commits."""
    if collection not in candidates(db, series):
        raise WaveRefused("not_candidate")
    if any(w.name == name for w in waves(db, series)):
        raise WaveRefused("name_taken")
    last = db.scalar(select(func.max(Wave.position)).where(Wave.series_id == series.id)) or 0
    wave = Wave(collection_id=collection.id, series_id=series.id, position=last + 1, name=name)
    db.add(wave)
    db.flush()
    return wave


def answerable(db: Session, series_id: str, today: dt.date) -> tuple[Series | None, list[Wave]]:
    """The series and its waves that take answers on the web ``today`` (open, not paper only, the
    project not archived), in order: where a code card's link leads."""
    series = db.get(Series, series_id) if series_id and len(series_id) <= 32 else None
    if series is None:
        return None, []
    return series, [
        wave
        for wave in waves(db, series)
        if wave.collection.is_open(today)
        and wave.collection.access != "paper"
        and not wave.collection.project.archived
    ]
