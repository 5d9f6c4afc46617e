"""Read the bureau's tables — CSV (UTF-8 with or without BOM, GB18030/GBK as written by Excel on Chinese Windows)
and XLSX — into a header list and string rows, for the importers.

CSV is parsed with the csv module after detecting the encoding and delimiter; XLSX is read with GDAL's XLSX
driver (it ships with QGIS on every platform), every cell as text so that lab notations ("0.01L") survive.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312


class TableReadError(Exception):
    pass


@dataclass
class Table:
    path: str
    headers: list
    rows: list  # list of lists of str (None for empty cells)
    encoding: str = ""
    sheet: str = ""
    sheets: list = field(default_factory=list)

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


def read_csv(path: str, encoding: str | None = None) -> Table:
    with open(path, "rb") as fh:
        data = fh.read()
    enc = encoding or detect_encoding(data)
    text = data.decode(enc)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
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
