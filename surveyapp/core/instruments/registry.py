"""The set of instruments the app serves, loaded once at start-up."""

from __future__ import annotations

from pathlib import Path

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.loader import InstrumentErrors, load_directory


class Registry:
    """Instruments by id; built whole or not at all."""

    def __init__(self, instruments: list[spec.Instrument]):
        self._by_id = {i.id: i for i in instruments}

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
