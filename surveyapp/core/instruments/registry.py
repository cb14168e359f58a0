"""The set of instruments the app serves: the shipped files, loaded once at start-up, and the
published versions of uploaded forms (core/stored_instruments.py), added per request."""

from __future__ import annotations

from pathlib import Path

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.loader import InstrumentErrors, load_directory


class Registry:
    """Instruments by id; built whole or not at all."""

    def __init__(self, instruments: list[spec.Instrument], owners: dict[str, str] | None = None):
        self._by_id = {i.id: i for i in instruments}
        # The owning project of each uploaded form, by id; shipped forms have none.
        self.owners = owners or {}

    def with_stored(self, stored: list[tuple[spec.Instrument, str]]) -> Registry:
        """These instruments and the uploaded ones (instrument, owning project id); a shipped
        id always means the shipped file."""
        extra = [(i, owner) for i, owner in stored if i.id not in self._by_id]
        return Registry(
            [*self._by_id.values(), *(i for i, _owner in extra)],
            {**self.owners, **{i.id: owner for i, owner in extra}},
        )

    def is_shipped(self, instrument_id: str) -> bool:
        return instrument_id in self._by_id and instrument_id not in self.owners

    @property
    def shipped_ids(self) -> set[str]:
        return {i for i in self._by_id if i not in self.owners}

    @classmethod
    def from_directory(cls, directory: str | Path) -> Registry:
        instruments, errors = load_directory(Path(directory))
        if errors:
            raise InstrumentErrors(errors)
        return cls(instruments)

    def get(self, instrument_id: str) -> spec.Instrument | None:
        return self._by_id.get(instrument_id)

    def __getitem__(self, instrument_id: str) -> spec.Instrument:
        return self._by_id[instrument_id]

    def __iter__(self):
        return iter(sorted(self._by_id.values(), key=lambda i: i.id))

    def __len__(self) -> int:
        return len(self._by_id)
