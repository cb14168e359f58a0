"""The app's instrument registry, read where a request needs it: the shipped files (built once,
in create_app) and the published uploaded forms, read from the database only when a request asks
for one that is not shipped (so respondents' pages of shipped forms never wait on the database)."""

from __future__ import annotations

from flask import current_app, g

from surveyapp.core import stored_instruments
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.registry import Registry
from surveyapp.web import database


def shipped() -> Registry:
    return current_app.extensions["surveyapp.instruments"]


class Served:
    """The shipped registry, completed by the published uploads on first need (once a request)."""

    def __init__(self, files: Registry):
        self._files = files
        self._whole: Registry | None = None

    def _all(self) -> Registry:
        if self._whole is None:
            self._whole = self._files.with_stored(stored_instruments.published(database.session()))
        return self._whole

    def get(self, instrument_id: str) -> spec.Instrument | None:
        return self._files.get(instrument_id) or self._all().get(instrument_id)

    def __getitem__(self, instrument_id: str) -> spec.Instrument:
        found = self.get(instrument_id)
        if found is None:
            raise KeyError(instrument_id)
        return found

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    @property
    def owners(self) -> dict[str, str]:
        return self._all().owners


def instruments() -> Served:
    if "instruments" not in g:
        g.instruments = Served(shipped())
    return g.instruments
