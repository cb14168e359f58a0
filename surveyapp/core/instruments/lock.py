"""versions.lock: the content hash of every instrument version, so a changed text needs a new version."""

from __future__ import annotations

from pathlib import Path

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.reader import LoadError

LOCK_FILE = "versions.lock"


def read_lock(directory: Path) -> dict[tuple[str, int], str]:
    """The recorded content hash of every instrument version: (id, version) -> hash."""
    lock = directory / LOCK_FILE
    entries: dict[tuple[str, int], str] = {}
    if lock.exists():
        for line in lock.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3 and not line.startswith("#") and parts[1].isdigit():
                entries[(parts[0], int(parts[1]))] = parts[2]
    return entries


def write_lock(directory: Path, instruments: list[spec.Instrument]) -> list[str]:
    """Record versions not yet in the lock file; returns the lines added."""
    entries = read_lock(directory)
    added = []
    for instrument in instruments:
        key = (instrument.id, instrument.version)
        if key not in entries:
            entries[key] = instrument.content_hash
            added.append(f"{instrument.id} {instrument.version} {instrument.content_hash}")
    lines = [
        "# id version sha256-of-content: written by `flask instruments lock`; never edit a line"
    ]
    lines += [f"{i} {v} {h}" for (i, v), h in sorted(entries.items())]
    (directory / LOCK_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added


def lock_errors(directory: Path, instruments: list[spec.Instrument]) -> list[LoadError]:
    lock = read_lock(directory)
    errors = []
    for instrument in instruments:
        recorded = lock.get((instrument.id, instrument.version))
        if recorded is None:
            errors.append(
                LoadError(
                    instrument.path,
                    "version",
                    f"version {instrument.version} is not recorded in {LOCK_FILE}; run `flask instruments lock`",
                )
            )
        elif recorded != instrument.content_hash:
            errors.append(
                LoadError(
                    instrument.path,
                    "version",
                    f"content changed but version {instrument.version} was not bumped; "
                    "raise 'version' so stored answers keep their meaning",
                )
            )
    return errors
