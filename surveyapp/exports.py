"""Raw anonymous responses as CSV (Finnish Excel: semicolons, UTF-8 with BOM) and XLSX, with a codebook.

Columns hold codes, never labels; the codebook maps them. Rows are ordered by random id.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
from typing import Iterable, Iterator

from . import periods
from .instruments import answers, spec
from .reports import RawAnswer
from .stats import OTHERS

FIXED = ("response", "collection", "instrument", "version", "municipality", "channel", "period")
# A cell starting with one of these is a formula to Excel and LibreOffice: neutralise it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def restore(value: str) -> str:
    """Undo neutralise() when reading an export back in."""
    return value[1:] if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_START) else value


def header(instrument: spec.Instrument) -> list[str]:
    return [*FIXED, *(name for name, _item in answers.fields(instrument))]


def response_rows(instrument: spec.Instrument, answers_: Iterable[RawAnswer], slugs: dict[str, str],
                  merged: Iterable[str] = ()) -> Iterator[dict[str, str]]:
    """One row per response from its answers (ordered by response); municipalities merged by small-group
    protection appear as "muut". A generator: one response in memory at a time."""
    merged = set(merged)
    follow_ups = {name for name, _item in answers.fields(instrument) if "." in name}
    for _id, group in itertools.groupby(answers_, key=lambda a: a.response_id):
        group = list(group)
        first = group[0]
        municipality = first.municipality_code or ""
        row = {"response": first.response_id, "collection": slugs[first.collection_id],
               "instrument": first.instrument_id, "version": str(first.instrument_version),
               "municipality": OTHERS if municipality in merged else municipality, "channel": first.channel,
               "period": periods.label(first.period_start, first.period_precision)}
        for answer in group:
            if answer.item_code is None:
                continue
            if answer.grade is not None:
                row[answer.item_code] = str(answer.grade)
            elif answer.choice_code is not None:
                row[answer.item_code] = answer.choice_code
                follow_up = f"{answer.item_code}.{answer.choice_code}"
                if answer.text and follow_up in follow_ups:
                    row[follow_up] = answer.text
            elif answer.text is not None:
                row[answer.item_code] = answer.text
        yield row


def csv_chunks(columns: list[str], rows: Iterable[dict[str, str]], *, rows_per_chunk: int = 500) -> Iterator[bytes]:
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


def codebook(instrument: spec.Instrument, municipality_options: Iterable[spec.Option] = ()) -> list[list[str]]:
    """field, printed number, question, type, code, label, value, don't know."""
    lines = [["field", "number", "question", "type", "code", "label", "value", "dont_know"]]
    municipality_options = tuple(municipality_options)
    for name, item in answers.fields(instrument):
        if "." in name:
            option = name.split(".", 1)[1]
            lines.append([name, item.number or "", item.text.fi, "follow_up_text", option, "", "", ""])
            continue
        row = next((r for r in getattr(item, "rows", ()) if r.code == name), None)
        question = f"{item.text.fi} / {row.text.fi}" if row else item.text.fi
        number = (row.number if row else item.number) or ""
        kind = "matrix_row" if row else item.type
        if item.type in ("grade", "section_grade"):
            lines.extend([name, number, question, kind, str(g), str(g), str(g), ""] for g in spec.GRADES)
        elif item.type in ("scale", "matrix", "choice"):
            options = item.scale.options if item.type in ("scale", "matrix") else (
                municipality_options if item.role == "municipality" else item.options)
            lines.extend([name, number, question, kind, o.code, o.label.fi,
                          "" if o.value is None else str(o.value), "yes" if o.dont_know else ""] for o in options)
        else:
            lines.append([name, number, question, kind, "", "", "", ""])
    return lines


def to_xlsx(columns: list[str], rows: Iterable[dict[str, str]], book: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "vastaukset"
    sheet.append(columns)
    for row in rows:
        sheet.append([neutralise(row.get(column, "")) for column in columns])
    codes = workbook.create_sheet("koodikirja")
    for line in book:
        codes.append([neutralise(cell) for cell in line])
    for worksheet in (sheet, codes):
        for cells in worksheet.iter_rows():
            for cell in cells:
                cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
