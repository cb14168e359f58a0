"""An uploaded workbook read safely into plain rows, every cell with its sheet, row and column.

Refused before any row is read: files that are not .xlsx workbooks, macros, formulas, sheets or
columns this service does not know, and workbooks too large to be a form (by bytes, by unpacked
size and by rows), so a crafted file cannot exhaust the server.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.reader import LoadError

MAX_BYTES = 2_000_000
MAX_UNPACKED = 40_000_000
MAX_ROWS = 2000
MAX_COLUMNS = 60
# The language of a column such as label::Suomi (fi); the writer names them so.
LANGUAGE_NAMES = {
    "fi": "Suomi (fi)",
    "sv": "Svenska (sv)",
    "en": "English (en)",
    "selko": "Selkosuomi (selko)",
}
TRANSLATED = re.compile(r"^(?P<base>[a-z_]+)::(?:.*\()?(?P<lang>[A-Za-z_-]+)\)?$")


def N_(text: str) -> str:
    """Marks a message for the catalogs (pybabel -k N_); the web edge translates it."""
    return text


@dataclass(frozen=True)
class Place:
    """Where a value is in the workbook: sheet, row number and column (letter and header)."""

    sheet: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = f"sheet {self.sheet}"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return where


@dataclass
class Row:
    sheet: str
    number: int
    cells: dict[str, Any]  # header -> value (None: blank)
    letters: dict[str, str]  # header -> column letter

    def place(self, header: str | None = None) -> Place:
        if header is None:
            return Place(self.sheet, self.number)
        if header not in self.letters:  # a column the sheet lacks: named, without a letter
            return Place(self.sheet, self.number, header)
        return Place(self.sheet, self.number, f"{self.letters[header]} ({header})")

    def get(self, header: str) -> Any:
        value = self.cells.get(header)
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def text(self, base: str) -> dict[str, str]:
        """The texts of ``base`` (label, hint, ...) by language; a column without a language is
        Finnish."""
        texts = {}
        for header, value in self.cells.items():
            lang = language_of(header, base)
            # Kept as typed (a YAML block text ends in a newline, and the hash sees it).
            if lang and value is not None and str(value).strip():
                texts[lang] = str(value)
        return texts


@dataclass
class Workbook:
    file: str
    sheets: dict[str, list[Row]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    errors: list[LoadError] = field(default_factory=list)

    def error(self, place: Place | str, msgid: str, **params: Any) -> None:
        self.errors.append(problem(self.file, place, msgid, **params))


def problem(file: str, place: Place | str, msgid: str, **params: Any) -> LoadError:
    """An error whose message is a msgid with %(name)s parameters, translated at the edge."""
    return LoadError(file, "", msgid % params, msgid=msgid, params=params, place=place or None)


def language_of(header: str, base: str) -> str | None:
    """The language of column ``header`` if it is a ``base`` column, else None."""
    if header == base:
        return "fi"
    found = TRANSLATED.match(header)
    if found and found.group("base") == base:
        return found.group("lang")
    return None


def read(content: bytes, name: str, columns: dict[str, set[str]]) -> Workbook:
    """The rows of every sheet of the workbook, or the reasons it cannot be read.
    ``columns``: the sheets allowed and the columns each allows (translated ones by base)."""
    book = Workbook(name)
    if len(content) > MAX_BYTES:
        book.error("", N_("The file is larger than %(limit)s MB."), limit=MAX_BYTES // 10**6)
        return book
    if not _safe_package(content, book):
        return book
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken file; none may become a 500
        book.error("", N_("The file is not a readable .xlsx workbook."))
        return book
    try:
        for sheet in workbook.worksheets:
            title = sheet.title.strip().lower()
            if title not in columns:
                book.error(
                    Place(sheet.title),
                    N_("Unknown sheet '%(sheet)s' (allowed: %(allowed)s)."),
                    sheet=sheet.title,
                    allowed=", ".join(columns),
                )
                continue
            _read_sheet(sheet, title, columns[title], book)
    except Exception:
        book.error("", N_("The file is not a readable .xlsx workbook."))
    finally:
        workbook.close()
    return book


def _safe_package(content: bytes, book: Workbook) -> bool:
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        book.error("", N_("The file is not a readable .xlsx workbook."))
        return False
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        book.error("", N_("The workbook is too large to be a form."))
        return False
    names = {m.filename.lower() for m in members}
    if any("vbaproject" in n for n in names):
        book.error("", N_("The workbook contains macros; save it as a plain .xlsx."))
        return False
    return True


def _read_sheet(sheet: Any, title: str, allowed: set[str], book: Workbook) -> None:
    rows = sheet.iter_rows()
    header_cells = next(rows, ())
    headers: list[str | None] = []
    letters: dict[str, str] = {}
    for cell in header_cells[:MAX_COLUMNS]:
        header = str(cell.value).strip() if cell.value is not None else None
        headers.append(header)
        if header is None:
            continue
        letter = get_column_letter(len(headers))
        base = header.split("::", 1)[0]
        if "::" in header:
            lang = language_of(header, base)
            if lang not in spec.TEXT_KEYS or base not in allowed:
                book.error(
                    Place(title, 1, f"{letter} ({header})"),
                    N_(
                        "Unknown column '%(column)s': a text column is named like "
                        "label::Suomi (fi), label::Svenska (sv), label::English (en)."
                    ),
                    column=header,
                )
                continue
        elif header not in allowed:
            book.error(
                Place(title, 1, f"{letter} ({header})"),
                N_("Unknown column '%(column)s' in sheet %(sheet)s (allowed: %(allowed)s)."),
                column=header,
                sheet=title,
                allowed=", ".join(sorted(allowed)),
            )
            continue
        if header in letters:
            book.error(
                Place(title, 1, f"{letter} ({header})"),
                N_("Column '%(column)s' appears twice."),
                column=header,
            )
        letters[header] = letter
    book.headers[title] = [h for h in headers if h in letters]
    found: list[Row] = []
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            book.error(
                Place(title),
                N_("Sheet %(sheet)s has more than %(limit)s rows."),
                sheet=title,
                limit=MAX_ROWS,
            )
            break
        values: dict[str, Any] = {}
        for index, (header, cell) in enumerate(zip(headers, cells), start=1):
            if cell.value is None:
                continue
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                book.error(
                    Place(title, number, f"{letters.get(header or '', '?')} ({header})"),
                    N_("Formulas are not accepted: type the value itself."),
                )
                continue
            if header is None:
                book.error(
                    Place(title, number, get_column_letter(index)),
                    N_("A value in a column without a heading in row 1."),
                )
            elif header in letters:
                values[header] = cell.value
        if any(v is not None and str(v).strip() for v in values.values()):
            found.append(Row(title, number, values, letters))
    book.sheets[title] = found
