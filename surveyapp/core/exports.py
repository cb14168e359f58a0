"""Raw anonymous responses as CSV (Finnish Excel: semicolons, UTF-8 with BOM) and XLSX, with a codebook.

Columns hold codes, never labels; the codebook maps them. Rows are ordered by random id.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from dataclasses import dataclass
from typing import Iterable, Iterator

from surveyapp.core import periods, protection
from surveyapp.core.instruments import answers, spec, types
from surveyapp.core.instruments.types.base import CODEBOOK_COLUMNS
from surveyapp.core.reports import PeriodCell, RawAnswer

FIXED = ("response", "collection", "instrument", "version", "municipality", "channel", "period")
# A cell starting with one of these is a formula to Excel and LibreOffice: neutralise it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def restore(value: str) -> str:
    """Undo neutralise() when reading an export back in."""
    return (
        value[1:]
        if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_START)
        else value
    )


def header(instrument: spec.Instrument) -> list[str]:
    return [
        *FIXED,
        *(name for name, item in answers.fields(instrument) if types.of(item).in_exports),
    ]


# How finely a raw export may say when: the period as kept, its month, its year, the protected table's period.
LEVELS = ("kept", "month", "year", "table")


@dataclass(frozen=True)
class Recoding:
    """The raw export's quasi-identifiers, generalised until every combination has at least k rows."""

    table: protection.Table
    level: str
    channel: bool  # False: the channel column is left empty

    def municipality(self, code: str) -> str:
        return self.table.group_of(code)

    def period(self, start, precision: str) -> str:
        if self.level == "kept":
            return periods.label(start, precision)
        if self.level == "month":
            return (
                periods.label(start, "month")
                if precision != "month"
                else periods.label(start, precision)
            )
        if self.level == "year":
            return str(start.year)
        return self.table.period_label(self.table.period_index(start.year))

    def key(self, municipality: str, start, precision: str, channel: str) -> tuple[str, str, str]:
        return (
            self.municipality(municipality),
            self.period(start, precision),
            channel if self.channel else "",
        )


def recode(
    table: protection.Table, cells: Iterable[PeriodCell], units: Iterable[protection.Unit] = ()
) -> Recoding:
    """The finest recoding (period before channel) whose every combination is 0 or at least k rows, and stays so
    when the group sessions someone has seen are taken away. The protected table's own cells always qualify."""
    cells, units = list(cells), list(units)
    for level in LEVELS:
        for channel in (True, False):
            recoding = Recoding(table, level, channel)
            counts: dict[tuple[str, str, str], int] = {}
            for c in cells:
                key = recoding.key(c.municipality, c.period_start, c.precision, c.channel)
                counts[key] = counts.get(key, 0) + c.n
            # A session's answers keep the precision of their day; "week" is the kiosk's default.
            known = protection.known_counts(
                units,
                lambda u: recoding.key(
                    u.municipality, u.period_start, _precision(cells, u), u.channel
                ),
            )
            if not any(
                protection.bad_count(n, known.get(key, ()), table.min_cell)
                for key, n in counts.items()
            ):
                return recoding
    return Recoding(table, "table", False)


def _precision(cells: list[PeriodCell], unit: protection.Unit) -> str:
    return next(
        (
            c.precision
            for c in cells
            if (c.municipality, c.period_start, c.channel)
            == (unit.municipality, unit.period_start, unit.channel)
        ),
        "week",
    )


def response_rows(
    instrument: spec.Instrument,
    answers_: Iterable[RawAnswer],
    slugs: dict[str, str],
    recoding: Recoding,
) -> Iterator[dict[str, str]]:
    """One row per response from its answers (ordered by response), its municipality, period and channel
    recoded (merged municipalities appear as "muut"). A generator: one response in memory at a time."""
    items = [(item, types.of(item)) for item in instrument.items()]
    for _id, group in itertools.groupby(answers_, key=lambda a: a.response_id):
        group = list(group)
        first = group[0]
        municipality, period, channel = recoding.key(
            first.municipality_code or "", first.period_start, first.period_precision, first.channel
        )
        row = {
            "response": first.response_id,
            "collection": slugs[first.collection_id],
            "instrument": first.instrument_id,
            "version": str(first.instrument_version),
            "municipality": municipality,
            "channel": channel,
            "period": period,
        }
        # Each item's type writes its own cells (a multi item's 0/1 columns, a choice's follow-up).
        stored = {a.item_code: a for a in group if a.item_code is not None}
        for item, unit in items:
            row.update(unit.export(item, stored))
        yield row


def csv_chunks(
    columns: list[str], rows: Iterable[dict[str, str]], *, rows_per_chunk: int = 500
) -> Iterator[bytes]:
    """The CSV in pieces of a few hundred rows: UTF-8 with a byte order mark, semicolons, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    yield codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    rows = iter(rows)
    while batch := list(itertools.islice(rows, rows_per_chunk)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([neutralise(row.get(column, "")) for column in columns] for row in batch)
        yield buffer.getvalue().encode("utf-8")


def to_csv(columns: list[str], rows: Iterable[dict[str, str]]) -> bytes:
    return b"".join(csv_chunks(columns, rows))


def codebook(
    instrument: spec.Instrument, municipality_options: Iterable[spec.Option] = ()
) -> list[list[str]]:
    """field, printed number, question, type, code, label, value, don't know."""
    municipality_options = tuple(municipality_options)
    return [
        list(CODEBOOK_COLUMNS),
        *(
            line
            for item in instrument.items()
            for line in types.of(item).codebook(item, municipality_options)
        ),
    ]


def to_xlsx(
    columns: list[str],
    rows: Iterable[dict[str, str]],
    book: list[list[str]],
    versions: list[list[str]] | None = None,
) -> bytes:
    """Answers, codebook and (``versions``) the texts the answered versions word differently."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "vastaukset"
    sheet.append(columns)
    for row in rows:
        sheet.append([neutralise(row.get(column, "")) for column in columns])
    sheets = [sheet]
    for title, lines in (("koodikirja", book), ("versiot", versions)):
        if lines:
            sheets.append(workbook.create_sheet(title))
            for line in lines:
                sheets[-1].append([neutralise(cell) for cell in line])
    for worksheet in sheets:
        for cells in worksheet.iter_rows():
            for cell in cells:
                cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
