"""Read the bureau's tables — CSV (UTF-8 with or without BOM, GB18030/GBK as written by Excel on Chinese Windows)
and XLSX — into a header list and string rows, for the importers.

CSV is parsed with the csv module after detecting the encoding and delimiter; XLSX is read with GDAL's XLSX
driver (it ships with QGIS on every platform), every cell as text so that lab notations ("0.01L") survive.
"""

from __future__ import annotations

import csv
import io
import operator
import os

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312


class TableReadError(Exception):
    pass


class Table:
    """A read table: headers plus the cells as text (None for empty cells), by row or by column.

    Readers fill one of ``rows`` (lists of cells) or ``columns`` (one list per header); the other is made on first
    use. Treat both as read-only: a change to one is not seen through the other once both exist.
    """

    def __init__(self, path, headers, rows=None, encoding="", sheet="", sheets=None, columns=None):
        self.path = path
        self.headers = list(headers)
        self.encoding = encoding
        self.sheet = sheet
        self.sheets = list(sheets or [])
        self._rows = rows if rows is not None or columns is not None else []
        self._columns = columns

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

    def column(self, name: str) -> int:
        try:
            return self.headers.index(name)
        except ValueError:
            raise TableReadError(f"column {name!r} not found; columns are: {', '.join(self.headers)}") from None


def detect_encoding(data: bytes) -> str:
    """'utf-8-sig' when the bytes decode as UTF-8 (BOM or not), else 'gb18030' when they decode as that."""
    for enc in ENCODINGS:
        try:
            data.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    raise TableReadError("the file is neither UTF-8 nor GB18030/GBK text")


def _clean_header(h, i: int) -> str:
    h = (h or "").strip().lstrip("\ufeff")
    return h or f"column_{i + 1}"


def _decode(data: bytes, encoding: str | None) -> tuple:
    if encoding:
        return data.decode(encoding), encoding
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise TableReadError("the file is neither UTF-8 nor GB18030/GBK text")


def _split_plain(text: str, delimiter: str):
    """Columns of a CSV text with no quote character and the same number of cells on every line (what lab systems
    and Excel write for plain tables), split by the str methods — many times faster than the csv module on a
    million lines. None when the text needs the csv module (quotes, ragged lines, stray carriage returns)."""
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return None
    headers = lines[0].split(delimiter)
    width = len(headers)
    body = lines[1:]
    blank = delimiter * (width - 1)
    if "" in body or blank in body:
        body = [ln for ln in body if ln and ln != blank]
    if body and set(map(operator.methodcaller("count", delimiter), body)) != {width - 1}:
        return None
    if not body:
        return headers, [[] for _ in range(width)]
    flat = delimiter.join(body).split(delimiter)
    return headers, [flat[i::width] for i in range(width)]


def read_csv(path: str, encoding: str | None = None) -> Table:
    with open(path, "rb") as fh:
        data = fh.read()
    text, enc = _decode(data, encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    plain = _split_plain(text, delimiter)
    if plain is not None:
        headers, columns = plain
        headers = [_clean_header(h, i) for i, h in enumerate(headers)]
        return Table(path, headers, encoding=enc, columns=columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise TableReadError(f"{os.path.basename(path)} is empty") from None
    headers = [_clean_header(h, i) for i, h in enumerate(headers)]
    width = len(headers)
    rows = [r for r in reader if any(r)]  # empty cells stay "" (the importers treat "" and None alike)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return Table(path, headers, rows, encoding=enc)


def xlsx_sheets(path: str) -> list:
    from osgeo import gdal, ogr

    with _XlsxOptions(gdal):
        ds = ogr.Open(path)
        if ds is None:
            raise TableReadError(f"{os.path.basename(path)} cannot be read as XLSX")
        return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


class _XlsxOptions:
    """Read every cell as text with the first row as headers (GDAL configuration, restored afterwards)."""

    OPTS = {"OGR_XLSX_HEADERS": "FORCE", "OGR_XLSX_FIELD_TYPES": "STRING"}

    def __init__(self, gdal):
        self.gdal = gdal
        self.saved = {}

    def __enter__(self):
        for k, v in self.OPTS.items():
            self.saved[k] = self.gdal.GetConfigOption(k)
            self.gdal.SetConfigOption(k, v)

    def __exit__(self, *exc):
        for k, v in self.saved.items():
            self.gdal.SetConfigOption(k, v)


def read_xlsx(path: str, sheet: str | None = None) -> Table:
    from osgeo import gdal, ogr

    with _XlsxOptions(gdal):
        ds = ogr.Open(path)
        if ds is None:
            raise TableReadError(f"{os.path.basename(path)} cannot be read as XLSX")
        sheets = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
        if not sheets:
            raise TableReadError(f"{os.path.basename(path)} has no worksheet")
        name = sheet or sheets[0]
        layer = ds.GetLayerByName(name)
        if layer is None:
            raise TableReadError(f"worksheet {name!r} not found; sheets are: {', '.join(sheets)}")
        defn = layer.GetLayerDefn()
        headers = [_clean_header(defn.GetFieldDefn(i).GetName(), i) for i in range(defn.GetFieldCount())]
        rows = []
        for f in layer:
            row = [f.GetField(i) if f.IsFieldSetAndNotNull(i) else None for i in range(len(headers))]
            if any(c not in (None, "") for c in row):
                rows.append(row)
        ds = None
    return Table(path, headers, rows, encoding="xlsx", sheet=name, sheets=sheets)


def read_table(path: str, sheet: str | None = None, encoding: str | None = None) -> Table:
    if not os.path.exists(path):
        raise TableReadError(f"{path} does not exist")
    ext = os.path.splitext(path)[1].lower()
    if ext in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if ext in (".csv", ".txt", ".tsv"):
        return read_csv(path, encoding)
    raise TableReadError(f"{os.path.basename(path)}: only CSV and XLSX files can be imported")
