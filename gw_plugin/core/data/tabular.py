"""Read the bureau's tables — CSV/TSV (UTF-8 with or without BOM, GB18030/GBK as written by Excel on Chinese Windows,
UTF-16 with BOM), XLSX and XLS — into a header list and text cells, for every importer.

Every cell is text as the user sees it (a lab's "0.01L" survives, "NA" stays "NA", a date cell is "2023-05-12"),
never guessed into a number. Title and note rows above the header are skipped (or the user names the header row),
headers merged over several rows are joined ("铅(mg/L)"), and anything that would lose data silently is an error
naming the line: a mixed encoding, a row with a cell too many or too few, two columns with the same name, a NUL
byte, binary data. CSV is read by pandas (tabular_text.py), workbooks by pandas/openpyxl and xlrd
(tabular_excel.py); without pandas the csv module and openpyxl take over and ``pandas_missing_message`` says how
to install it.
"""

from __future__ import annotations

import os

import numpy as np

from ...toolbelt.i18n import tr
from . import tabular_excel as XL
from . import tabular_header as H
from . import tabular_text as TX

TR_CONTEXT = "tabular"
ENCODINGS = TX.ENCODINGS
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
XLS_EXTENSIONS = (".xls",)


class TableReadError(Exception):
    """The file cannot be read as a table; the message is one sentence for the user naming the file and line."""


class Table:
    """A read table: headers plus the cells as text (None or "" for empty cells), by row or by column.

    Readers fill one of ``rows`` (lists of cells) or ``columns`` (one list per header); the other is made on first
    use. Treat both as read-only. ``row_number(k)`` is the row of the file (1-based, as Excel and text editors
    count) that data row ``k`` came from; ``header_row`` the first row of the header.
    """

    def __init__(
        self,
        path,
        headers,
        rows=None,
        encoding="",
        sheet="",
        sheets=None,
        columns=None,
        row_numbers=None,
        header_row=1,
        header_rows=1,
        hidden_sheets=None,
    ):
        self.path = path
        self.headers = list(headers)
        self.encoding = encoding
        self.sheet = sheet
        self.sheets = list(sheets or [])
        self.hidden_sheets = list(hidden_sheets or [])
        self.header_row = header_row
        self.header_rows = header_rows
        self._rows = rows if rows is not None or columns is not None else []
        self._columns = columns
        self.row_numbers = row_numbers

    @property
    def rows(self) -> list:
        if self._rows is None:
            self._rows = [list(r) for r in zip(*self._columns)] if self._columns else []
        return self._rows

    @property
    def columns(self) -> list:
        if self._columns is None:
            width = len(self.headers)
            rows = [r if len(r) >= width else list(r) + [None] * (width - len(r)) for r in self._rows]
            self._columns = [list(c) for c in zip(*rows)] if rows else []
            if not self._columns:
                self._columns = [[] for _ in range(width)]
            else:
                self._columns = self._columns[:width]
        return self._columns

    @property
    def nrows(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._columns[0]) if self._columns else 0

    @property
    def first_row(self) -> int:
        """The file row of the first data row when rows follow the header without gaps."""
        return self.header_row + self.header_rows

    def row_number(self, k: int) -> int:
        """The file row (1-based) of data row ``k``."""
        if self.row_numbers is not None and k < len(self.row_numbers):
            return int(self.row_numbers[k])
        return self.first_row + k

    def release(self) -> None:
        """Drop the cells to free their memory once the caller is done with them (an import after its validation):
        the headers and file facts stay; the table has no rows afterwards."""
        self._rows, self._columns, self.row_numbers = [], None, None

    def column(self, name: str) -> int:
        try:
            return self.headers.index(name)
        except ValueError:
            raise TableReadError(
                tr(TR_CONTEXT, "Column “{name}” is not in the table; its columns are: {columns}.").format(
                    name=name, columns=", ".join(self.headers)
                )
            ) from None


def pandas_missing_message() -> str:
    """One sentence with the install command when pandas is missing, else ''."""
    if TX.pandas_module() is not None:
        return ""
    return tr(
        TR_CONTEXT,
        "The Python package pandas is missing: tables are read more slowly without it. Install it (Debian/Ubuntu: "
        "sudo apt install python3-pandas; OSGeo4W shell or pip: python -m pip install pandas).",
    )


def detect_encoding(data: bytes) -> str:
    """'utf-8-sig', 'gb18030' or 'utf-16' for the bytes of a small file; TableReadError names the bad line."""
    try:
        return TX.detect_encoding(data)
    except TX.TextTableError as exc:
        raise TableReadError(str(exc)) from None


def read_csv(path: str, encoding: str | None = None, header_row=None, progress=None, is_canceled=None) -> Table:
    try:
        parts = TX.read_text_table(path, encoding, header_row, progress, is_canceled)
    except (TX.TextTableError, H.HeaderError) as exc:
        raise TableReadError(str(exc)) from None
    except (UnicodeDecodeError, LookupError):  # an encoding the user forced that does not fit
        raise TableReadError(
            tr(TR_CONTEXT, "{file} is not {encoding} text.").format(file=os.path.basename(path), encoding=encoding)
        ) from None
    return Table(
        path,
        parts["headers"],
        encoding=parts["encoding"],
        columns=parts["columns"],
        row_numbers=parts["row_numbers"],
        header_row=parts["header_row"],
        header_rows=parts["header_rows"],
    )


def table_from_grid(path, grid: dict, header_row=None, encoding="") -> Table:
    """A Table from a workbook sheet read as rows of text (``grid`` from tabular_excel)."""
    rows = grid["rows"]
    merges = grid.get("merges", ())
    try:
        start, count = H.detect_header(rows, header_row, merges)
        width = max((max((i for i, c in enumerate(r) if c not in (None, "")), default=-1) + 1 for r in rows), default=0)
        headers = H.join_header(rows[start : start + count], width, merges, start)
        H.check_unique(headers)
    except H.HeaderError as exc:
        name = os.path.basename(str(path))
        where = f"{name} [{grid['sheet']}]" if grid.get("sheet") else name
        raise TableReadError(f"{where}: {exc}") from None
    body, numbers = [], []
    for i in range(start + count, len(rows)):
        r = rows[i]
        if any(c not in (None, "") and str(c).strip() for c in r):
            r = list(r[:width]) + [None] * (width - len(r))
            body.append(r)
            numbers.append(i + 1)
    return Table(
        path,
        headers,
        body,
        encoding=encoding,
        sheet=grid.get("sheet", ""),
        sheets=grid.get("sheets", []),
        hidden_sheets=grid.get("hidden", []),
        row_numbers=np.array(numbers, np.int64),
        header_row=start + 1,
        header_rows=count,
    )


def read_xlsx(path: str, sheet: str | None = None, header_row=None, progress=None) -> Table:
    try:
        grid = XL.read_xlsx_grid(path, sheet, TX.pandas_module(), progress)
    except XL.WorkbookError as exc:
        raise TableReadError(str(exc)) from None
    return table_from_grid(path, grid, header_row, "xlsx")


def read_xls(path: str, sheet: str | None = None, header_row=None, progress=None) -> Table:
    try:
        grid = XL.read_xls_grid(path, sheet, progress)
    except XL.WorkbookError as exc:
        raise TableReadError(str(exc)) from None
    return table_from_grid(path, grid, header_row, "xls")


def sheets_of(path: str) -> list:
    """[(name, visible)] of a workbook's worksheets; [] for a text file."""
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext in XLSX_EXTENSIONS:
            return [(n, v) for n, v, _m in XL.xlsx_sheets(path)]
        if ext in XLS_EXTENSIONS:
            return [(n, v) for n, v, _i in XL.xls_sheets(path)]
    except XL.WorkbookError as exc:
        raise TableReadError(str(exc)) from None
    return []


def xlsx_sheets(path: str) -> list:
    return [n for n, _v in sheets_of(path)]


def read_table(
    path: str, sheet: str | None = None, encoding: str | None = None, header_row=None, progress=None, is_canceled=None
) -> Table:
    """Read a CSV/TSV/TXT, XLSX or XLS file. ``header_row`` (1-based) names the header row; None or 0 finds it.
    ``progress(percent)`` is called while reading; ``is_canceled()`` raises InterruptedError when true."""
    if not os.path.exists(path):
        raise TableReadError(tr(TR_CONTEXT, "{file} does not exist.").format(file=path))
    if os.path.isdir(path):
        raise TableReadError(tr(TR_CONTEXT, "{file} is a folder, not a table.").format(file=path))
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext in XLSX_EXTENSIONS:
            return read_xlsx(path, sheet, header_row or None, progress)
        if ext in XLS_EXTENSIONS:
            return read_xls(path, sheet, header_row or None, progress)
        if ext in TEXT_EXTENSIONS:
            return read_csv(path, encoding, header_row or None, progress, is_canceled)
    except InterruptedError:  # a cancel (an OSError too): not a reading problem
        raise
    except PermissionError:
        raise TableReadError(
            tr(TR_CONTEXT, "{file} cannot be opened: permission denied.").format(file=os.path.basename(path))
        ) from None
    except (MemoryError, OSError) as exc:
        raise TableReadError(
            tr(TR_CONTEXT, "{file} cannot be read: {reason}").format(
                file=os.path.basename(path), reason=getattr(exc, "strerror", None) or type(exc).__name__
            )
        ) from None
    raise TableReadError(
        tr(TR_CONTEXT, "{file}: only CSV, TXT, XLSX and XLS files can be imported.").format(file=os.path.basename(path))
    )
