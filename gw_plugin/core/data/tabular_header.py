"""Where the header of a bureau's table is, and what its columns are called: title and note rows above the header
are skipped, a header spread over several rows (merged cells, a row of units under the names) is joined into one
name per column ("铅" over "mg/L" → "铅(mg/L)"), and duplicate names are refused. Works on the first rows of any
table as lists of text cells (None or "" for empty), for the CSV and the Excel readers alike."""

from __future__ import annotations

import math
import re
import unicodedata

from ...toolbelt.i18n import tr

TR_CONTEXT = "tabular"
HEADER_SEARCH_ROWS = 40  # rows searched for the header when the user does not choose it
MAX_HEADER_ROWS = 4

_NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|\.\d+)([eE][-+]?\d+)?$")
UNIT_WORDS = {
    "mg/l",
    "μg/l",
    "µg/l",
    "ug/l",
    "ng/l",
    "g/l",
    "mmol/l",
    "cfu/100ml",
    "mpn/100ml",
    "cfu/ml",
    "个/ml",
    "个/l",
    "ntu",
    "度",
    "无量纲",
    "bq/l",
    "ms/cm",
    "μs/cm",
    "us/cm",
    "℃",
    "°c",
    "%",
    "mg/kg",
    "m",
    "米",
}


class HeaderError(ValueError):
    """The header cannot be found or names two columns alike (the message is the user's sentence)."""


def _text(cell) -> str:
    return "" if cell is None else unicodedata.normalize("NFKC", str(cell)).strip()


def _raw(cell) -> str:
    return "" if cell is None else str(cell).strip()


def is_number(cell) -> bool:
    return bool(_NUMBER.match(_text(cell)))


def looks_like_unit(cell) -> bool:
    t = _text(cell).strip("()（）[]【】 ").lower()
    return bool(t) and (t in UNIT_WORDS or ("/" in t and len(t) <= 12 and not is_number(t)))


def _filled(row) -> list:
    return [c for c in row if _text(c)]


def detect_header(rows: list, header_row: int | None = None, merges=()) -> tuple:
    """(first header row, number of header rows), 0-based, in ``rows`` (the first rows of a table).

    ``header_row`` (1-based, as the user counts rows) is taken as given; otherwise the header is the first row
    filled at least half as wide as the widest of the first rows and mostly text, so that title and note rows
    above it are skipped. The header extends downwards over rows that merged cells reach into and over a row of
    units. ``merges`` are (first row, first column, last row, last column), 0-based and inclusive."""
    if header_row:
        start = int(header_row) - 1
        if start < 0 or start >= len(rows):
            raise HeaderError(
                tr(TR_CONTEXT, "Row {row} cannot be the header: the table has {n} rows.").format(
                    row=header_row, n=len(rows)
                )
            )
        if not _filled(rows[start]):
            raise HeaderError(tr(TR_CONTEXT, "Row {row} is empty and cannot be the header.").format(row=header_row))
    else:
        head = rows[:HEADER_SEARCH_ROWS]
        counts = [len(_filled(r)) for r in head]
        widest = max(counts, default=0)
        if widest == 0:
            raise HeaderError(tr(TR_CONTEXT, "The table is empty: no row has any text."))
        need = max(2, math.ceil(widest * 0.5)) if widest >= 2 else 1
        candidates = [i for i, c in enumerate(counts) if c >= need]
        texty = [i for i in candidates if sum(not is_number(c) for c in _filled(head[i])) * 2 >= counts[i]]
        start = (texty or candidates)[0]
    count = 1
    while count < MAX_HEADER_ROWS and start + count < len(rows):
        below = start + count
        if any(r0 < below <= r1 and start <= r0 for r0, _c0, r1, _c1 in merges):
            count += 1
            continue
        cells = _filled(rows[below])
        if cells and all(looks_like_unit(c) for c in cells):
            count += 1
            continue
        break
    return start, count


def join_header(block: list, width: int, merges=(), start: int = 0) -> list:
    """One name per column from the header rows ``block`` (rows ``start``… of the table): a merged cell counts in
    every cell it covers; a label merged across several columns above named sub-columns is a group label and is
    left out; the other parts are joined as "name(part)"; empty names become column_<n>."""
    grid = [[_raw(c) for c in list(r) + [None] * (width - len(r))][:width] for r in block]  # names as written
    group = [[False] * width for _ in grid]
    for r0, c0, r1, c1 in merges:
        if r1 < start or r0 >= start + len(grid) or c0 >= width:
            continue
        top = r0 - start
        value = grid[top][c0] if 0 <= top < len(grid) else ""
        for r in range(max(r0 - start, 0), min(r1 - start, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r][c] = value
                group[r][c] = c1 > c0
    headers = []
    for c in range(width):
        parts: list = []
        for r in range(len(grid)):
            v = grid[r][c]
            if not v or (parts and parts[-1] == v):
                continue
            if group[r][c] and any(grid[k][c] and not group[k][c] for k in range(r + 1, len(grid))):
                continue
            parts.append(v)
        name = parts[0] if parts else ""
        for p in parts[1:]:
            name += p if p[:1] in "(（" else f"({p})"
        headers.append(name.lstrip("\ufeff") or f"column_{c + 1}")
    return headers


def check_unique(headers: list) -> None:
    seen: dict = {}
    for i, h in enumerate(headers):
        if h in seen:
            raise HeaderError(
                tr(
                    TR_CONTEXT,
                    "Columns {a} and {b} are both named “{name}”: rename one of them so that every column is used.",
                ).format(a=seen[h] + 1, b=i + 1, name=h)
            )
        seen[h] = i
