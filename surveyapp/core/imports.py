"""Import earlier responses in the export format (channel "import"), all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from surveyapp.core import periods, submission
from surveyapp.core.exports import FIXED, restore
from surveyapp.core.instruments import answers, spec, types
from surveyapp.core.models import Collection

PERIOD = re.compile(r"^(\d{4})-(?:W(\d{2})|(\d{2})(?:-(\d{2}))?)$")
MESSAGES = {
    "required": "answer missing",
    "grade": "grade must be 4–10",
    "choice": "unknown option code",
    "too_long": "text too long",
    "control_chars": "text has control characters",
    "follow_up_mismatch": "explanation for an option that was not chosen",
    "empty": "nothing answered (a row with no answers is not a response)",
    "pairing_shape": "a pairing code has six letters and digits and a check character "
    "(e.g. ACD-EF3X); correct it, or leave the cell empty",
    "pairing_check": "the pairing code does not check: a character is mistyped; compare it with "
    "the card, or leave the cell empty",
}


def message(error: answers.FieldError) -> str:
    """A row error's message: the common ones above, or the item type's own (types/)."""
    own = types.message(error.code)
    return MESSAGES.get(error.code) or (own % error.params if own else error.code)


@dataclass(frozen=True)
class RowError:
    row: int  # 1 is the header; a cell may span several physical lines
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


def parse_period(text: str) -> tuple[dt.date, str] | None:
    """2019-W12, 2019-03 or 2019-03-20 -> (first day, precision)."""
    match = PERIOD.match(text.strip())
    if not match:
        return None
    year, week, month, day = match.groups()
    try:
        if week:
            return dt.date.fromisocalendar(int(year), int(week), 1), "week"
        if day:
            return dt.date(int(year), int(month), int(day)), "day"
        return dt.date(int(year), int(month), 1), "month"
    except ValueError:
        return None


COARSENESS = ("day", "week", "month")


def coarsen(day: dt.date, precision: str, configured: str) -> tuple[dt.date, str]:
    """A period kept no finer than ``configured`` (DATE_PRECISION): a day becomes its ISO week or month.

    A period already coarser than the setting stays as it is: it cannot be made finer.
    """
    final = max(precision, configured, key=COARSENESS.index)
    return periods.period_start(day, final), final


def read_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    return list(reader.fieldnames or []), list(reader)


def import_csv(
    db: Session,
    collection: Collection,
    instrument: spec.Instrument,
    data: bytes,
    municipality_options: tuple[spec.Option, ...],
    *,
    precision: str,
    pairing_key: bytes | None = None,
) -> tuple[int, list[RowError]]:
    """Validate every row, then store them all (core/submission.py); returns (stored, errors) and
    stores nothing on error.

    Periods are kept no finer than ``precision`` (DATE_PRECISION), as for every other channel. A
    pairing item's columns (a card's code, or a self-generated code's elements, and ``.none``; not
    in exports, which never carry a code) are read as the web form reads them: a code is sealed
    under ``pairing_key`` exactly as a web answer's, and a mistyped card code refuses the file.
    """
    try:
        columns, rows = read_rows(data)
    except (UnicodeDecodeError, csv.Error) as exc:
        return 0, [RowError(1, f"not a UTF-8 CSV file separated by semicolons ({exc})")]
    known = set(FIXED) | answers.field_names(instrument)
    errors = [RowError(1, f"unknown column '{c}'") for c in columns if c not in known]
    errors += [RowError(1, f"missing column '{c}'") for c in FIXED if c not in columns]
    if errors:
        return 0, errors
    places = {m.code for m in collection.municipalities}
    valid_rows = []
    for line, row in enumerate(rows, start=2):
        if row.get(None):
            errors.append(RowError(line, "more cells than columns"))
            continue
        if row["instrument"] != instrument.id or row["version"] != str(instrument.version):
            errors.append(
                RowError(
                    line,
                    f"answers are for {row['instrument']} version {row['version']}, "
                    f"this collection uses {instrument.id} version {instrument.version}",
                )
            )
            continue
        period = parse_period(row["period"])
        if period is None:
            errors.append(
                RowError(
                    line, f"period '{row['period']}' is not like 2019-W12, 2019-03 or 2019-03-20"
                )
            )
        municipality = row["municipality"] or None
        if municipality in ("muu", "muut"):
            municipality = None
        if municipality is not None and municipality not in places:
            errors.append(
                RowError(line, f"municipality '{municipality}' is not in this collection")
            )
        form = {name: restore(value) for name, value in row.items() if name not in FIXED and value}
        checked = submission.check(
            instrument, form, municipality_options=municipality_options, keyed=False
        )
        errors += [
            RowError(
                line,
                MESSAGES[e.code] if e.code == "empty" else f"{e.field}: {message(e)}",
            )
            for e in checked.errors
        ]
        if period and not checked.errors:
            valid_rows.append((form, municipality, period))
    if errors:
        return 0, errors
    for form, municipality, (day, kept) in valid_rows:
        start, final = coarsen(day, kept, precision)
        result = submission.submit(
            db,
            collection,
            instrument,
            form,
            channel=submission.IMPORT,
            day=start,
            precision=final,
            municipality_options=municipality_options,
            municipality=municipality,
            keyed=False,
            pairing_key=pairing_key,
        )
        if not result.stored:  # pragma: no cover - every row was checked above
            raise ValueError(f"a checked row was not stored: {result.status}")
    return len(valid_rows), []
