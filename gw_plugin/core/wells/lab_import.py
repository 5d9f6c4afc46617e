"""Import of lab results (long or wide tables) into a project GeoPackage: map columns, validate everything and
report before anything is written, then write in ONE transaction — all rows, or (only when the user explicitly
accepts) all valid rows. Never a half-written file.

Long format: one row per value (well, date, parameter, value, unit). Wide format: one row per sample and one column
per parameter (units from the header, e.g. "硝酸盐(mg/L)", or the standard's unit). Parameters are recognised by the
standard's Chinese name, English name or symbol (core/wells/labvalues.py), values keep the lab's notation in value_text
with non-detects flagged, and numbers are converted to the standard's unit.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3

import numpy as np

from ..data import tabular
from ..data.gpkg import open_database
from . import labvalues, standard
from .lab_report import Cells, ColumnMapping, ImportRefusedError, ImportReport, Issue, Record  # noqa: F401
from .lab_write import existing_samples, results_of, take, write

MAX_DATE_AGE_YEARS = 80


# ----------------------------------------------------------------------------------------------------------------
_DATE_RES = [
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"), (1, 2, 3)),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?.*$"), (1, 2, 3)),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), (1, 2, 3)),
]
EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(text) -> _dt.date | None:
    if text is None:
        return None
    if isinstance(text, _dt.datetime):
        return text.date()
    if isinstance(text, _dt.date):
        return text
    t = labvalues.normalise_text(text)
    for rx, (y, m, d) in _DATE_RES:
        mt = rx.match(t)
        if mt:
            try:
                return _dt.date(int(mt.group(y)), int(mt.group(m)), int(mt.group(d)))
            except ValueError:
                return None
    if re.fullmatch(r"\d{5}(\.\d+)?", t):  # an Excel serial day number
        return EXCEL_EPOCH + _dt.timedelta(days=int(float(t)))
    return None


_UNIT_IN_HEADER = re.compile(r"[（(]\s*([^()（）]*?/[^()（）]*?)\s*[)）]\s*$")


def header_unit(header: str) -> str:
    """'mg/L' from '硝酸盐(mg/L)' or '硝酸盐（以N计）（mg/L）'; '' when the header names no unit."""
    m = _UNIT_IN_HEADER.search(labvalues.normalise_text(header))
    return m.group(1) if m else ""


def well_index(path: str) -> dict:
    """well code (and every code in source_codes) → well uuid, and the city's extent for coordinate checks."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        idx = {}
        for u, code, aliases in con.execute("SELECT uuid, well_code, source_codes FROM monitoring_wells"):
            if code:
                idx[str(code).strip()] = u
            for a in re.split(r"[,;，；\s]+", aliases or ""):
                if a:
                    idx.setdefault(a.strip(), u)
        return idx
    finally:
        con.close()


def _as_float(x) -> float:
    """A plain number, or NaN for anything the lab notation parser has to read (the vectorised fast path)."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return _NAN


_NAN = float("nan")


def _codes(column: list, verdict) -> tuple:
    """Map a low-cardinality column through ``verdict(raw) -> index or -1`` once per distinct value.
    Returns (int32 index per row, {raw: index})."""
    lut = {raw: verdict(raw) for raw in set(column)}
    return np.fromiter(map(lut.__getitem__, column), np.int32, len(column)), lut


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def _texts(values: list) -> list:
    try:
        return list(map(str.strip, values))  # every cell a str (CSV): the fast way
    except TypeError:
        return [_text(v) for v in values]


def validate(
    path_or_table, database: str, mapping: ColumnMapping, today: _dt.date | None = None, progress=None, is_canceled=None
) -> ImportReport:
    """Read and check every row; nothing is written. The report lists every issue with its row.

    Works column by column: wells, dates, parameters and units are judged once per distinct spelling, numbers are
    read in one pass, and the checks (units, ranges, duplicates in the file and in the database) run on arrays — a
    million values take seconds. Each value gets at most one error, the first of: unknown well, bad date, unknown
    parameter, missing/unreadable value, unit, impossible value, duplicate, duplicate in the database.
    """
    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    n = table.nrows
    rep = ImportReport(table.path, rows_read=n, encoding=table.encoding)
    wells = well_index(database)

    def step(pct: float) -> None:
        if is_canceled and is_canceled():
            raise InterruptedError("import validation canceled")
        if progress:
            progress(pct)

    def col(name: str, required: bool) -> int | None:
        if not name:
            if required:
                raise tabular.TableReadError("the column mapping is incomplete")
            return None
        return table.column(name)

    c_well, c_date = col(mapping.well, True), col(mapping.date, True)
    c_code, c_lab = col(mapping.sample_code, False), col(mapping.lab, False)
    if mapping.layout == "long":
        c_par, c_val = col(mapping.parameter, True), col(mapping.value, True)
        c_unit = col(mapping.unit, False)
        value_columns = None
    elif mapping.layout == "wide":
        used = {mapping.well, mapping.date, mapping.sample_code, mapping.lab, *mapping.ignore}
        value_columns = []
        for i, h in enumerate(table.headers):
            if h in used:
                continue
            key = labvalues.recognise_parameter(h)
            if key is None:
                rep.issues.append(Issue(1, h, "warning", "column_ignored", f"column {h!r} is not a known parameter"))
                continue
            rep.parameters[h] = key
            value_columns.append((i, h, key, header_unit(h)))
        if not value_columns:
            raise tabular.TableReadError("no column of the table is a known GB/T 14848 parameter")
    else:
        raise ValueError(f"unknown layout {mapping.layout!r}")
    step(0.0)
    columns = table.columns
    step(10.0)
    issues = rep.issues

    def err(row: int, column: str, code: str, message: str) -> None:
        issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    # -- wells and dates: one verdict per distinct spelling
    well_pos: dict = {}

    def well_verdict(raw) -> int:
        u = wells.get(_text(raw))
        return -1 if u is None else well_pos.setdefault(u, len(well_pos))

    w_row, well_lut = _codes(columns[c_well], well_verdict)
    oldest = today.replace(year=today.year - MAX_DATE_AGE_YEARS)
    date_pos: dict = {}
    date_problem: dict = {}

    def date_verdict(raw) -> int:
        d = parse_date(raw)
        if d is None:
            date_problem[raw] = ("bad_date", f"{raw!r} is not a date")
        elif d > today:
            date_problem[raw] = ("future_date", f"{d.isoformat()} is in the future")
        elif d < oldest:
            date_problem[raw] = ("bad_date", f"{d.isoformat()} is implausibly old")
        else:
            return date_pos.setdefault(d.isoformat(), len(date_pos))
        return -1

    d_row, _ = _codes(columns[c_date], date_verdict)
    for k in np.flatnonzero(w_row < 0).tolist():
        wcode = _text(columns[c_well][k])
        err(k + 2, mapping.well, "unknown_well", f"well {wcode!r} is not in the database" if wcode else "no well")
    for k in np.flatnonzero((w_row >= 0) & (d_row < 0)).tolist():
        code, message = date_problem[columns[c_date][k]]
        err(k + 2, mapping.date, code, message)
    row_ok = (w_row >= 0) & (d_row >= 0)
    step(25.0)

    # -- the values as cells: (file row, column position, parameter, raw value, unit)
    pkeys: list = []
    pkey_pos: dict = {}

    def pkey_index(key: str) -> int:
        if key not in pkey_pos:
            pkey_pos[key] = len(pkeys)
            pkeys.append(key)
        return pkey_pos[key]

    units: list = [""]
    unit_pos: dict = {"": 0}

    def unit_index(u: str) -> int:
        if u not in unit_pos:
            unit_pos[u] = len(units)
            units.append(u)
        return unit_pos[u]

    if value_columns is None:
        colnames = [mapping.value]

        def param_verdict(raw) -> int:
            key = labvalues.recognise_parameter(raw)
            if key is None:
                return -1
            rep.parameters[str(raw)] = key
            return pkey_index(key)

        p_row, _ = _codes(columns[c_par], param_verdict)
        for k in np.flatnonzero(row_ok & (p_row < 0)).tolist():
            praw = columns[c_par][k]
            err(k + 2, mapping.parameter, "unknown_parameter", f"parameter {praw!r} is not in GB/T 14848-2017")
        row_ok &= p_row >= 0
        idx = np.flatnonzero(row_ok)
        c_rows = idx
        c_col = np.zeros(idx.size, np.int32)
        c_p = p_row[idx]
        raw_values = take(columns[c_val], idx, n)
        if c_unit is not None:
            u_row, _ = _codes(columns[c_unit], lambda raw: unit_index(_text(raw)))
            c_unit_idx = u_row[idx]
        else:
            c_unit_idx = np.zeros(idx.size, np.int32)
    else:
        colnames = [h for _, h, _, _ in value_columns]
        idx = np.flatnonzero(row_ok)
        parts_rows, parts_col, parts_p, parts_u, raw_values = [], [], [], [], []
        for j, (i, _h, key, unit) in enumerate(value_columns):
            parts_rows.append(idx)
            parts_col.append(np.full(idx.size, j, np.int32))
            parts_p.append(np.full(idx.size, pkey_index(key), np.int32))
            parts_u.append(np.full(idx.size, unit_index(unit), np.int32))
            raw_values.extend(take(columns[i], idx, n))
        c_rows = np.concatenate(parts_rows) if parts_rows else np.zeros(0, np.int64)
        c_col = np.concatenate(parts_col)
        c_p = np.concatenate(parts_p)
        c_unit_idx = np.concatenate(parts_u)
        order = np.lexsort((c_col, c_rows))  # file order: row by row, columns left to right
        c_rows, c_col, c_p, c_unit_idx = c_rows[order], c_col[order], c_p[order], c_unit_idx[order]
        raw_values = list(map(raw_values.__getitem__, order.tolist()))
    c_w, c_d = w_row[c_rows], d_row[c_rows]
    m = c_rows.size
    step(40.0)

    # -- numbers: plain numbers in one pass; lab notations (ND, <0.01, 0.01L, words) parsed once per spelling
    nums = np.fromiter(map(_as_float, raw_values), np.float64, m)
    nd = np.zeros(m, bool)
    dl = np.full(m, np.nan)
    keep = np.ones(m, bool)
    inds = [standard.indicator(k) for k in pkeys]
    is_text = np.array([ind.kind == standard.TEXT for ind in inds] + [False], bool)[c_p]
    notation: dict = {}

    def cell_err(k: int, code: str, message: str) -> None:
        """Error on value k: reported with its file row and column, and the value left out."""
        keep[k] = False
        err(int(c_rows[k]) + 2, colnames[c_col[k]], code, message)

    for k in np.flatnonzero(~np.isfinite(nums)).tolist():
        raw = raw_values[k]
        lv = notation.get(raw)
        if lv is None:
            lv = notation[raw] = labvalues.parse_lab_value(raw)
        if lv.qualifier == "missing":
            keep[k] = False  # an empty cell of a wide table is no value, not an error
            if value_columns is None:
                cell_err(k, "missing_value", "no value")
            continue
        if lv.qualifier == "invalid":
            cell_err(k, "bad_value", f"{raw!r}: {lv.note}")
            continue
        if lv.qualifier == "text":
            if not is_text[k]:
                cell_err(k, "bad_value", f"{raw!r} is text but {pkeys[c_p[k]]} needs a number")
                continue
            nums[k] = np.nan
        else:
            nums[k] = np.nan if lv.value_num is None else lv.value_num
            nd[k] = bool(lv.below_detection)
            if lv.detection_limit is not None:
                dl[k] = lv.detection_limit
            if lv.unit and not units[c_unit_idx[k]]:
                c_unit_idx[k] = unit_index(lv.unit)
    has_num = ~np.isnan(nums)
    for k in np.flatnonzero(keep & is_text & has_num).tolist():
        cell_err(k, "bad_value", f"{raw_values[k]!r}: {pkeys[c_p[k]]} is judged by a word (无/有), not a number")
    step(60.0)

    # -- units: one conversion factor per (parameter, unit) pair
    numeric = keep & ~is_text
    combo = c_p.astype(np.int64) * len(units) + c_unit_idx
    factor = np.ones(m)
    for cval in np.unique(combo[numeric]).tolist():
        key, unit = pkeys[cval // len(units)], units[cval % len(units)]
        sel = numeric & (combo == cval)
        try:
            f = labvalues.conversion_factor(key, unit) if unit else 1.0
        except labvalues.UnitError as exc:
            for k in np.flatnonzero(sel).tolist():
                cell_err(k, "unit", str(exc))
            continue
        if f != 1.0:
            factor[sel] = f
    nums *= factor
    dl *= factor
    # -- impossible values
    ph = pkey_pos.get("pH", -2)
    with np.errstate(invalid="ignore"):
        bad_ph = keep & (c_p == ph) & has_num & ((nums < 0) | (nums > 14))
        negative = keep & ~is_text & (c_p != ph) & has_num & (nums < 0)
    for k in np.flatnonzero(bad_ph).tolist():
        cell_err(k, "impossible", f"pH {raw_values[k]!r} outside 0–14")
    for k in np.flatnonzero(negative).tolist():
        cell_err(k, "impossible", f"{raw_values[k]!r}: a concentration cannot be negative")
    step(75.0)

    # -- duplicates in the file: the first value of a (well, date, parameter) stands, later ones are errors
    n_dates, n_keys = max(len(date_pos), 1), max(len(pkeys), 1)
    sample_key = c_w.astype(np.int64) * n_dates + c_d
    value_key = sample_key * n_keys + c_p
    kept = np.flatnonzero(keep)
    order = kept[np.argsort(value_key[kept], kind="stable")]
    if order.size > 1:
        sk = value_key[order]
        later = np.flatnonzero(sk[1:] == sk[:-1]) + 1
        if later.size:
            group_start = np.maximum.accumulate(np.where(np.r_[True, sk[1:] != sk[:-1]], np.arange(order.size), 0))
            for j in later.tolist():
                k, first = int(order[j]), int(order[group_start[j]])
                given = f"{pkeys[c_p[k]]} at this well and date already given in row {int(c_rows[first]) + 2}"
                cell_err(k, "duplicate", given)
    # -- duplicates of values already in the database
    well_uuids = list(well_pos)
    dates = list(date_pos)
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        existing = existing_samples(con)
        if existing:
            kept = np.flatnonzero(keep)
            uniq = np.unique(sample_key[kept])
            known = {}
            for skv in uniq.tolist():
                su = existing.get((well_uuids[skv // n_dates], dates[skv % n_dates]))
                if su is not None:
                    known[skv] = su
            if known:
                in_db = results_of(con, known.values())
                for k in kept[np.isin(sample_key[kept], np.fromiter(known, np.int64, len(known)))].tolist():
                    if (known[int(sample_key[k])], pkeys[c_p[k]]) in in_db:
                        cell_err(
                            k,
                            "duplicate_in_database",
                            f"{pkeys[c_p[k]]} at this well and date is already in the database",
                        )
    finally:
        con.close()
    step(90.0)

    sel = np.flatnonzero(keep)
    c_rows_sel = c_rows[sel]
    rep.cells = Cells(
        row=c_rows_sel.astype(np.int64) + 2,
        well=c_w[sel],
        date=c_d[sel],
        pkey=c_p[sel],
        value_text=_texts(take(raw_values, sel, m)),
        value_num=nums[sel],
        below_detection=nd[sel],
        detection_limit=dl[sel],
        sample_code=take(columns[c_code], c_rows_sel, -1) if c_code is not None else None,
        lab=take(columns[c_lab], c_rows_sel, -1) if c_lab is not None else None,
        well_uuids=well_uuids,
        dates=dates,
        pkeys=pkeys,
    )
    position = {h: i for i, h in enumerate(table.headers)}
    rep.issues.sort(key=lambda i: (i.row, position.get(i.column, -1)))  # file order: rows, then columns
    if progress:
        progress(100.0)
    return rep


def import_results(
    path: str,
    database: str,
    mapping: ColumnMapping,
    accept_valid_only: bool = False,
    user: str = "",
    progress=None,
    is_canceled=None,
) -> ImportReport:
    rep = validate(path, database, mapping, progress=progress, is_canceled=is_canceled)
    return write(rep, database, accept_valid_only, user)
