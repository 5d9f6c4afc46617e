"""Workbooks (XLSX through pandas and openpyxl, XLS through xlrd) for core/data/tabular.py: every worksheet with its
visibility, the merged cells of the header rows, and every cell as the text the user sees — a date cell as ISO
"2023-05-12", a number with Excel's 15 significant digits, an empty cell as None.

pandas reads XLSX values (its openpyxl reader, row 1 first); the list of worksheets, their visibility and the merged
ranges come from the workbook's XML (pandas does not give them). XLS is read by xlrd directly: pandas 1.5 refuses
the xlrd 1.2 that Debian 12 ships, and xlrd alone also gives merged ranges and visibility. Without openpyxl or xlrd
the reader says which package to install.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
import warnings
import zipfile
from xml.etree import ElementTree as ET

from ...toolbelt.i18n import tr

TR_CONTEXT = "tabular"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file (XLS, or an encrypted XLSX)
ZIP_MAGIC = b"PK\x03\x04"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


class WorkbookError(ValueError):
    """The workbook cannot be read (the message is the user's sentence)."""


def _name(path) -> str:
    return os.path.basename(str(path))


def cell_text(v):
    """The text of one cell value as the user sees it; None for an empty cell."""
    if v is None or v == "":
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, _dt.datetime):
        if v.hour == v.minute == v.second == v.microsecond == 0:
            return v.date().isoformat()
        return v.isoformat(timespec="seconds")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, _dt.time):
        return v.isoformat(timespec="seconds")
    if isinstance(v, float):
        if math.isnan(v):
            return None
        # Excel keeps 15 significant digits (Microsoft, "Excel specifications and limits": number precision)
        return format(v, ".15g")
    if hasattr(v, "to_pydatetime"):  # a pandas Timestamp
        return cell_text(v.to_pydatetime())
    return str(v)


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _check_magic(path) -> bytes:
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if not magic:
        raise WorkbookError(tr(TR_CONTEXT, "{file} is empty.").format(file=_name(path)))
    return magic


def xlsx_sheets(path) -> list:
    """[(name, visible, member in the zip)] of an XLSX's worksheets in workbook order."""
    magic = _check_magic(path)
    if magic.startswith(OLE_MAGIC):
        raise WorkbookError(
            tr(
                TR_CONTEXT,
                "{file} is password-protected (or an old XLS renamed to .xlsx): save it without a password as XLSX.",
            ).format(file=_name(path))
        )
    if not magic.startswith(ZIP_MAGIC):
        raise _damaged(path)
    try:
        with zipfile.ZipFile(path) as z:
            wb = ET.fromstring(z.read("xl/workbook.xml"))
            rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            names = set(z.namelist())
    except Exception:  # BadZipFile, zlib.error, ParseError, KeyError …: the file is damaged, said in one sentence
        raise _damaged(path) from None
    target = {}
    for rel in rels.iter():
        if _local(rel.tag) == "Relationship":
            t = rel.get("Target", "")
            target[rel.get("Id")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    out = []
    for s in wb.iter():
        if _local(s.tag) != "sheet":
            continue
        rid = next((v for k, v in s.attrib.items() if _local(k) == "id"), None)
        member = target.get(rid, "")
        if member in names and "worksheets/" in member:
            out.append((s.get("name", ""), s.get("state", "visible") == "visible", member))
    return out


def _damaged(path) -> WorkbookError:
    return WorkbookError(
        tr(TR_CONTEXT, "{file} cannot be read as an Excel workbook: the file is damaged or of another kind.").format(
            file=_name(path)
        )
    )


def xlsx_merges(path, member: str, max_row: int) -> list:
    """Merged ranges (first row, first column, last row, last column; 0-based) starting above ``max_row``."""
    out = []
    tail = b""
    with zipfile.ZipFile(path) as z, z.open(member) as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                break
            data = tail + block
            if b"mergeCell" in data:
                for m in _MERGE.finditer(data):
                    c0, r0 = _col_index(m.group(1)), int(m.group(2)) - 1
                    c1, r1 = (_col_index(m.group(3)), int(m.group(4)) - 1) if m.group(3) else (c0, r0)
                    if r0 < max_row:
                        out.append((r0, c0, r1, c1))
            tail = data[-200:]
    return sorted(set(out))


def _require(module: str, what: str):
    try:
        return __import__(module)
    except ImportError:
        raise WorkbookError(
            tr(
                TR_CONTEXT,
                "Reading {what} needs the Python package {module}. Install it (Debian/Ubuntu: sudo apt install "
                "python3-{module}; OSGeo4W shell or pip: python -m pip install {module}) or save the table as CSV.",
            ).format(what=what, module=module)
        ) from None


def read_xlsx_grid(path, sheet, pandas_module, progress=None) -> dict:
    """The cells of one worksheet as rows of text (row 1 first), its merged ranges and the workbook's sheets."""
    sheets = xlsx_sheets(path)
    if not sheets:
        raise WorkbookError(tr(TR_CONTEXT, "{file} has no worksheet.").format(file=_name(path)))
    name, member = _choose(path, sheets, sheet)
    _require("openpyxl", "XLSX")
    if progress:
        progress(5.0)
    try:
        if pandas_module is not None:
            with warnings.catch_warnings():  # pandas 1.5 warns about its own dtype inference of a mixed column
                warnings.simplefilter("ignore", FutureWarning)
                df = pandas_module.read_excel(
                    path,
                    sheet_name=name,
                    header=None,
                    dtype=object,
                    keep_default_na=False,
                    na_values=[],
                    engine="openpyxl",
                )
            columns = [list(map(cell_text, df[c].tolist())) for c in df.columns]
            rows = [list(r) for r in zip(*columns)] if columns else []
        else:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                rows = [list(map(cell_text, r)) for r in wb[name].iter_rows(min_row=1, values_only=True)]
            finally:
                wb.close()
    except WorkbookError:
        raise
    except Exception:  # zlib "decompression failed", "XML parsing failed", …: one sentence, not the traceback
        raise _damaged(path) from None
    try:
        merges = xlsx_merges(path, member, 60)
    except Exception:  # the values were readable but the sheet's XML is damaged further on
        raise _damaged(path) from None
    if progress:
        progress(90.0)
    return {
        "rows": rows,
        "merges": merges,
        "sheet": name,
        "sheets": [s[0] for s in sheets],
        "hidden": [s[0] for s in sheets if not s[1]],
    }


def _choose(path, sheets, sheet) -> tuple:
    """The worksheet asked for, else the first visible one (a hidden sheet is never chosen silently)."""
    if sheet:
        for s in sheets:
            if s[0] == sheet:
                return s[0], s[2]
        raise WorkbookError(
            tr(TR_CONTEXT, "{file} has no worksheet “{sheet}”; its worksheets are: {sheets}.").format(
                file=_name(path), sheet=sheet, sheets=", ".join(s[0] for s in sheets)
            )
        )
    visible = [s for s in sheets if s[1]]
    if not visible:
        raise WorkbookError(
            tr(TR_CONTEXT, "{file} has only hidden worksheets ({sheets}): choose one by name.").format(
                file=_name(path), sheets=", ".join(s[0] for s in sheets)
            )
        )
    return visible[0][0], visible[0][2]


def xls_sheets(path) -> list:
    book = _open_xls(path)
    try:
        return [(s.name, s.visibility == 0, i) for i, s in enumerate(book.sheets())]
    finally:
        book.release_resources()


def _open_xls(path):
    magic = _check_magic(path)
    if not magic.startswith(OLE_MAGIC):
        raise _damaged(path)
    xlrd = _require("xlrd", "XLS")
    try:
        return xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd.XLRDError (encrypted, damaged), struct errors of truncated files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise WorkbookError(
                tr(TR_CONTEXT, "{file} is password-protected: save it without a password.").format(file=_name(path))
            ) from None
        raise _damaged(path) from None


def read_xls_grid(path, sheet, progress=None) -> dict:
    book = _open_xls(path)
    try:
        import xlrd

        sheets = [(s.name, s.visibility == 0, i) for i, s in enumerate(book.sheets())]
        if not sheets:
            raise WorkbookError(tr(TR_CONTEXT, "{file} has no worksheet.").format(file=_name(path)))
        name, index = _choose(path, sheets, sheet)
        ws = book.sheet_by_index(index)
        rows = []
        for r in range(ws.nrows):
            row = []
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        row.append(cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        row.append(cell_text(cell.value))
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    row.append(cell_text(bool(cell.value)))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    row.append(None)
                else:
                    row.append(cell_text(cell.value))
            rows.append(row)
        merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in ws.merged_cells]
        if progress:
            progress(90.0)
        return {
            "rows": rows,
            "merges": sorted(merges),
            "sheet": name,
            "sheets": [s[0] for s in sheets],
            "hidden": [s[0] for s in sheets if not s[1]],
        }
    except WorkbookError:
        raise
    except Exception:
        raise _damaged(path) from None
    finally:
        book.release_resources()
