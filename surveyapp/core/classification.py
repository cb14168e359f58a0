"""Statistics Finland's municipality classification: read from its CSV file (the shipped one in
surveyapp/data/, see SOURCE.md there, or a newer year's), loaded into the municipality and county
tables, with the mergers that let old codes count under new ones. Plain data, no Flask."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core import recoding
from surveyapp.core.models import County, Municipality, MunicipalityMerger

DATA = Path(__file__).resolve().parent.parent / "data"
SHIPPED = DATA / "municipalities_2026.csv"
SHIPPED_MERGERS = DATA / "municipality_mergers.csv"
COLUMNS = ("code", "name_fi", "name_sv", "county_code", "county_fi", "county_sv", "language")
MERGER_COLUMNS = ("old_code", "new_code")
CODE = re.compile(r"^\d{3}$")
COUNTY = re.compile(r"^\d{2}$")
YEAR = re.compile(r"(\d{4})")


class ClassificationError(ValueError):
    """A file that is not a classification in the expected format; the message names the line."""


@dataclass(frozen=True)
class Row:
    code: str
    name_fi: str
    name_sv: str
    county_code: str
    county_fi: str
    county_sv: str
    language: int


@dataclass(frozen=True)
class Loaded:
    added: int
    changed: int
    adopted: tuple[str, ...]  # free-text municipalities that became official ones (old codes)
    mergers: int
    unresolved_mergers: tuple[str, ...]  # old codes whose successor is ambiguous or unknown


def _records(text: str, columns: tuple[str, ...], name: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        raise ClassificationError(f"{name}: the first line must be {','.join(columns)}")
    records = list(reader)
    for number, record in enumerate(records, start=2):
        if None in record or any(value is None or not value.strip() for value in record.values()):
            raise ClassificationError(f"{name}, line {number}: every column needs a value")
    return records


def parse(text: str, name: str = "classification") -> list[Row]:
    """The rows of a classification file; ClassificationError naming the first bad line."""
    rows, counties = [], {}
    for number, record in enumerate(_records(text, COLUMNS, name), start=2):
        where = f"{name}, line {number}"
        if not CODE.match(record["code"]) or not COUNTY.match(record["county_code"]):
            raise ClassificationError(f"{where}: codes are three (municipality) and two digits")
        if record["language"] not in ("0", "1", "2", "3"):
            raise ClassificationError(f"{where}: language is 0, 1, 2 or 3")
        row = Row(**{**record, "language": int(record["language"])})
        county = (row.county_fi, row.county_sv)
        if counties.setdefault(row.county_code, county) != county:
            raise ClassificationError(f"{where}: county {row.county_code} named differently")
        rows.append(row)
    for field in ("code", "name_fi"):
        seen = [getattr(row, field) for row in rows]
        if len(set(seen)) != len(seen):
            raise ClassificationError(f"{name}: the same {field} twice")
    return rows


def parse_mergers(text: str, name: str = "mergers") -> list[tuple[str, str]]:
    records = _records(text, MERGER_COLUMNS, name)
    for number, record in enumerate(records, start=2):
        if not (CODE.match(record["old_code"]) and CODE.match(record["new_code"])):
            raise ClassificationError(f"{name}, line {number}: codes are three digits")
    return [(r["old_code"], r["new_code"]) for r in records]


def year_of(path: Path) -> int:
    found = YEAR.search(path.name)
    if found is None:
        raise ClassificationError(f"{path.name}: the file name must hold its year")
    return int(found.group(1))


def successors(pairs: list[tuple[str, str]], current: set[str]) -> tuple[dict[str, str], set[str]]:
    """Each abolished code's municipality of today, following later mergers; a municipality split
    between several, or whose chain ends outside ``current``, is unresolved."""
    joined = defaultdict(set)
    for old, new in pairs:
        joined[old].add(new)
    resolved, unresolved = {}, set()
    for old in joined:
        code, seen = old, set()
        while code not in current and len(joined.get(code, ())) == 1 and code not in seen:
            seen.add(code)
            code = next(iter(joined[code]))
        if code in current and old not in current:
            resolved[old] = code
        elif old not in current:
            unresolved.add(old)
    return resolved, unresolved


def load(db: Session, rows: list[Row], year: int, mergers: list[tuple[str, str]] = ()) -> Loaded:
    """Counties and municipalities added or renamed (never deleted: old answers keep their code);
    a typed municipality whose name is an official one takes the official code. Flushed."""
    for code, (fi, sv) in {r.county_code: (r.county_fi, r.county_sv) for r in rows}.items():
        county = db.get(County, code) or County(code=code)
        county.name, county.name_sv = fi, sv
        db.add(county)
    db.flush()
    names = {r.name_sv.casefold(): r.code for r in rows} | {
        r.name_fi.casefold(): r.code for r in rows
    }
    adopted = recoding.adopt_typed(db, names)
    added = changed = 0
    for row in rows:
        place = db.get(Municipality, row.code)
        if place is None:
            place, added = Municipality(code=row.code), added + 1
            db.add(place)
        elif (place.name, place.name_sv, place.county_code) != (
            row.name_fi,
            row.name_sv,
            row.county_code,
        ):
            changed += 1
        place.name, place.name_sv, place.county_code = row.name_fi, row.name_sv, row.county_code
        place.language, place.classified = row.language, year
    db.flush()
    resolved, unresolved = successors(list(mergers), {r.code for r in rows})
    for old, new in resolved.items():
        merger = db.get(MunicipalityMerger, old) or MunicipalityMerger(old_code=old)
        merger.new_code = new
        db.add(merger)
    db.flush()
    return Loaded(added, changed, adopted, len(resolved), tuple(sorted(unresolved)))


def load_shipped(db: Session) -> Loaded:
    """The classification shipped with the app (surveyapp/data/)."""
    return load(
        db,
        parse(SHIPPED.read_text(encoding="utf-8"), SHIPPED.name),
        year_of(SHIPPED),
        parse_mergers(SHIPPED_MERGERS.read_text(encoding="utf-8"), SHIPPED_MERGERS.name),
    )


def loaded(db: Session) -> bool:
    return (
        db.scalar(select(Municipality.code).where(Municipality.classified.is_not(None))) is not None
    )


def current_codes(db: Session) -> dict[str, str]:
    """Old code -> code of today, for every merger known (following one that merged again)."""
    merged = dict(
        db.execute(select(MunicipalityMerger.old_code, MunicipalityMerger.new_code)).all()
    )
    today = {}
    for old, new in merged.items():
        seen = {old}
        while new in merged and new not in seen:
            seen.add(new)
            new = merged[new]
        today[old] = new
    return today


def unmapped(db: Session) -> list[Municipality]:
    """The typed municipalities that no official one matched: a coordinator decides about them."""
    return list(
        db.scalars(
            select(Municipality)
            .where(
                Municipality.classified.is_(None),
                Municipality.code.not_in(select(MunicipalityMerger.old_code)),
            )
            .order_by(Municipality.name)
        )
    )


def _official(db: Session) -> list[Municipality]:
    return list(
        db.scalars(
            select(Municipality)
            .where(Municipality.classified.is_not(None))
            .order_by(Municipality.name)
        )
    )


def official_named(db: Session, name: str) -> Municipality | None:
    """The official municipality whose Finnish or Swedish name is ``name`` (any case)."""
    wanted = name.casefold()
    return next(
        (m for m in _official(db) if wanted in (m.name.casefold(), (m.name_sv or "").casefold())),
        None,
    )


def search(db: Session, query: str, limit: int = 40) -> list[Municipality]:
    """Official municipalities whose code, Finnish or Swedish name or county's name holds ``query``
    (any case): names that start with it first."""
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        return []

    def names(m: Municipality) -> tuple[str, ...]:
        county = (m.county.name, m.county.name_sv) if m.county else ()
        return (m.code, m.name, m.name_sv or "", *county)

    found = [m for m in _official(db) if any(wanted in n.casefold() for n in names(m))]
    found.sort(key=lambda m: not m.name.casefold().startswith(wanted))
    return found[:limit]
