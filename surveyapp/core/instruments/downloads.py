"""Every instrument as a file to download: its YAML and its XLSForm, which upload back unchanged."""

from __future__ import annotations

from pathlib import Path

import yaml

from surveyapp.core.instruments import spec, xlsform_write


def data_of(instrument: spec.Instrument) -> dict:
    """The data of a shipped instrument, read again from its file (the spec keeps no data)."""
    return yaml.safe_load(Path(instrument.path).read_text(encoding="utf-8"))


def xlsform_of(instrument: spec.Instrument, data: dict | None = None) -> bytes:
    """The XLSForm of a shipped instrument, or of an uploaded one's ``data``."""
    return xlsform_write.write(data if data is not None else data_of(instrument))


def yaml_of(instrument: spec.Instrument, data: dict | None = None) -> bytes:
    """The YAML of a shipped instrument (its file as reviewed), or of an uploaded one's ``data``."""
    if data is None:
        return Path(instrument.path).read_bytes()
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8")
