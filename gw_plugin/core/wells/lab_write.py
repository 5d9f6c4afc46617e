"""The write step of the lab import: a validated report's values go into samples and sample_results in ONE
transaction (all valid rows, or nothing), with multi-row INSERTs and uuids made in blocks for speed. Each result keeps
the normalised pair (value_num, unit: the standard's) and what the lab wrote (value_text, unit_as_written,
basis_as_written, qualifier); parallel samples (平行样) point at the sample they parallel. Cancelling between insert
batches rolls everything back."""

from __future__ import annotations

import sqlite3

import numpy as np

from ...toolbelt.i18n import tr
from ..data import sqlite_gpkg as SG
from ..data.gpkg import bulk_load, utc_now
from ..data.ids import uuid7_batch, uuid7_counter, uuid7_from
from . import standard
from .lab_report import MARKS, ImportRefusedError, ImportReport
from .lab_wells import fold

TR_CONTEXT = "lab_import"


def take(values: list, idx: np.ndarray, n: int) -> list:
    if idx.size == n:
        return values
    return list(map(values.__getitem__, idx.tolist()))


def _has_column(con, table: str, column: str) -> bool:
    return any(r[1] == column for r in con.execute(f'PRAGMA table_info("{table}")'))


def existing_samples(con) -> dict:
    """(well uuid, ISO date) → sample uuid of the samples already in the database (ordinary samples, not parallels)."""
    parallel = "parallel_of IS NULL" if _has_column(con, "samples", "parallel_of") else "1"
    out: dict = {}
    for u, w, d in con.execute(f"SELECT uuid, well_uuid, sampled_on FROM samples WHERE {parallel} ORDER BY uuid"):
        out.setdefault((w, (d or "")[:10]), u)
    return out


def resolve_samples(con, samples: list, primary: list) -> list:
    """The uuid of the database sample each file sample (well uuid, ISO date, folded code) adds to, or None for a
    new sample: the sample of that well, day and code; else, for an ordinary (not parallel) file sample, the
    ordinary sample of that well and day."""
    by_code: dict = {}
    if any(code for _, _, code in samples):
        for u, w, d, code in con.execute("SELECT uuid, well_uuid, sampled_on, sample_code FROM samples"):
            by_code.setdefault((w, (d or "")[:10], fold(code)), u)
    ordinary = existing_samples(con)
    out = []
    for j, (w, d, code) in enumerate(samples):
        su = by_code.get((w, d, code)) if code else None
        if su is None and primary[j] == j:
            su = ordinary.get((w, d))
        out.append(su)
    return out


def results_of(con, sample_uuids, table: str = "sample_results") -> set:
    """(sample uuid, parameter) pairs already in ``table`` (a profile's result table, a name of this code) for the
    given samples."""
    out: set = set()
    ids = list(sample_uuids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(con.execute(f'SELECT sample_uuid, parameter FROM "{table}" WHERE sample_uuid IN ({marks})', chunk))
    return out


def _block_digits(con, width: int, extra: int = 5) -> int:
    """Hex digits of a uuid block: a multi-row INSERT writes 16**digits rows of ``width`` parameters plus ``extra``
    once (the uuid block and the constants) and must stay within SQLite's limit on bound parameters (999 before
    SQLite 3.32, 32766 after)."""
    try:
        limit = con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        limit = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999
    return 2 if 256 * width + extra <= limit else 1


RESULT_COLUMNS = (
    "sample_uuid",
    "county_code",
    "parameter",
    "value_text",
    "value_num",
    "unit",
    "below_detection",
    "detection_limit",
    "unit_as_written",
    "basis_as_written",
    "qualifier",
)
SAMPLE_COLUMNS = ("uuid", "county_code", "well_uuid", "sample_code", "sampled_on", "lab", "parallel_of")
#: rows between two checks for cancellation
CHECK_EVERY = 20000
#: rows whose Python values are made at once (a multiple of every block size): the write's memory is bounded by
#: this, not by the size of the import
CHUNK_ROWS = 16384


def _insert_many(con, table: str, columns, rows_of, total: int, constants, digits: int, uuids=None, check=None) -> None:
    """Insert ``total`` rows with multi-row INSERTs of 16**digits rows: a tenth of the per-row cost of executemany.
    ``rows_of(a, b)`` gives the values of rows a … b-1 flat (len(columns) values a row); it is called chunk by chunk
    (CHUNK_ROWS rows), so only one chunk of Python values exists at a time. ``constants`` are (column, value) pairs
    bound once a statement. With ``uuids`` (block number → uuid without its last ``digits`` hex digits) the uuid
    column is made in SQLite: row j of block b gets that prefix followed by j in hex — a literal of this code, never
    a user value. ``check(rows)`` is called between statements (progress; it raises InterruptedError to cancel)."""
    width, per = len(columns), 16**digits
    names = ", ".join([*(['"uuid"'] if uuids else []), *(f'"{c}"' for c in columns), *(f'"{k}"' for k, _ in constants)])
    first = 2 + len(constants) if uuids else 1 + len(constants)  # ?1 uuid block, then the constants, then rows
    const_marks = ", ".join(f"?{(2 if uuids else 1) + i}" for i in range(len(constants)))
    const_values = [v for _, v in constants]

    def statement(rows: int) -> str:
        values = []
        for j in range(rows):
            p = first + j * width
            cells = ", ".join(f"?{p + i}" for i in range(width))
            uid = f"?1 || '{j:0{digits}x}', " if uuids else ""
            values.append(f"({uid}{cells}{', ' if constants else ''}{const_marks})")
        return f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join(values)

    full_sql = statement(per) if total >= per else ""
    chunk = max(1, CHUNK_ROWS // per) * per
    for a in range(0, total, chunk):
        b = min(a + chunk, total)
        flat = rows_of(a, b)
        for s in range(a, b, per):
            rows = min(per, b - s)
            head = [uuids(s // per)] if uuids else []
            cells = flat[(s - a) * width : (s - a + rows) * width]
            con.execute(full_sql if rows == per else statement(rows), head + const_values + cells)
            if check is not None and rows == per:
                check(s + per)
        del flat


def _result_rows(c, idx: np.ndarray, sample_uuids: list, county: list):
    """``rows_of(a, b)``: the values of results a … b-1 of ``idx`` (positions in the Cells ``c``) flat, in the order of
    RESULT_COLUMNS, as the Python values SQLite binds (None for NaN and for "" as written)."""
    width = len(RESULT_COLUMNS)
    units = [None if i.kind == standard.TEXT else (i.unit or None) for i in map(standard.indicator, c.pkeys)]
    lookups = (  # (column, index array into the lookup, lookup of Python values)
        (0, c.sample, np.array(sample_uuids, object)),
        (1, c.well, np.array(county, object)),
        (2, c.pkey, np.array(c.pkeys, object)),
        (5, c.pkey, np.array(units, object)),
        (8, c.unit_written, np.array([x or None for x in c.units], object)),
        (9, c.basis_written, np.array([x or None for x in c.bases], object)),
        (10, c.mark, np.array([x or None for x in MARKS], object)),
    )
    every_cell = idx.size == len(c)

    def rows_of(a: int, b: int) -> list:
        k = idx[a:b]
        out = np.empty((b - a, width), object)  # None where no lookup fills a column
        for column, index_array, lookup in lookups:
            if index_array is not None:
                out[:, column] = lookup[index_array[k]]
        out[:, 3] = c.value_text[a:b] if every_cell else list(map(c.value_text.__getitem__, k.tolist()))
        for column, numbers in ((4, c.value_num[k]), (7, c.detection_limit[k])):
            out[:, column] = numbers
            out[np.isnan(numbers), column] = None
        out[:, 6] = c.below_detection[k].astype(np.int8)
        return out.ravel().tolist()

    return rows_of


def write(
    report: ImportReport,
    database: str,
    accept_valid_only: bool = False,
    user: str = "",
    progress=None,
    is_canceled=None,
) -> ImportReport:
    """Write the report's valid values in one transaction, into the tables of the report's profile
    (core/wells/lab_profile.py; groundwater: samples and sample_results). With errors present this refuses unless
    ``accept_valid_only`` (then every row with an error is left out entirely). ``progress(percent)`` is called
    between insert batches and ``is_canceled()`` checked there: a cancel rolls the transaction back and raises
    InterruptedError; nothing is written."""
    if report.errors and not accept_valid_only:
        raise ImportRefusedError(
            tr(
                TR_CONTEXT,
                "{errors} errors in {rows} rows: nothing was written. Fix the file, or "
                "accept importing only the valid rows.",
            ).format(errors=len(report.errors), rows=len(report.bad_rows))
        )
    c = report.cells
    if c is None or not len(c):
        report.written_samples = report.written_results = 0
        return report
    sel = np.ones(len(c), bool)
    if report.bad_rows:
        sel = ~np.isin(c.row, np.fromiter(report.bad_rows, np.int64, len(report.bad_rows)))
    idx = np.flatnonzero(sel)
    total = int(idx.size)

    def check(rows: int) -> None:
        if is_canceled and is_canceled():
            raise InterruptedError(tr(TR_CONTEXT, "import canceled: nothing was written"))
        if progress and total:
            progress(min(100.0, 100.0 * rows / (total + 1)))

    insert = report.profile.insert if report.profile is not None else insert_groundwater
    con = SG.open_db(database)
    try:
        with SG.transaction(con):
            check(0)
            new = insert(con, report, idx, user, check)
            check(total)
    finally:
        con.close()
    report.written_samples = new
    report.written_results = total
    if progress:
        progress(100.0)
    return report


def insert_groundwater(con, report: ImportReport, idx: np.ndarray, user: str, check) -> int:
    """The groundwater profile's insert (inside the caller's transaction): new samples (parallel samples pointing at
    the sample they parallel) and every value ``idx`` of the report's cells into sample_results. Returns the number
    of new samples."""
    c = report.cells
    total = int(idx.size)
    samples, primary = c.samples, c.primary
    used = np.zeros(len(samples), bool)
    used[c.sample[idx]] = True
    sample_uuids = resolve_samples(con, samples, primary)
    county_of = dict(con.execute("SELECT uuid, county_code FROM monitoring_wells"))
    county = [county_of.get(u) or "000000" for u in c.well_uuids]
    # new samples get increasing uuids in file order: values grouped by sample (as files are) then reach the
    # sample_uuid index in order
    new = [j for j, su in enumerate(sample_uuids) if su is None and used[j]]
    present, first_at = np.unique(c.sample[idx], return_index=True)
    first_row = np.zeros(len(samples), np.int64)  # per sample: the first value written of it
    first_row[present] = idx[first_at]
    del present, first_at
    u = user or None
    for j, su in zip(new, uuid7_batch(len(new))):
        sample_uuids[j] = su
    parallel = [sample_uuids[primary[j]] if primary[j] != j else None for j in new]

    def sample_rows(a: int, b: int) -> list:  # in the order of SAMPLE_COLUMNS (parallel_of last)
        out = []
        for j, parallel_of in zip(new[a:b], parallel[a:b]):
            k = int(first_row[j])
            well_u, date_s = c.well_uuids[c.well[k]], c.dates[c.date[k]]
            code = (c.sample_code[k] if c.sample_code is not None else "") or f"{date_s}-{well_u[:8]}"
            lab = (c.lab[k] if c.lab is not None else "") or None
            out += (sample_uuids[j], county[c.well[k]], well_u, code, date_s, lab, parallel_of)[:sample_width]
        return out

    # per value: indices and numbers stay in numpy; the Python values of a chunk are made when it is written
    rows_of = _result_rows(c, idx, sample_uuids, county)
    now = utc_now()
    digits = _block_digits(con, len(RESULT_COLUMNS))
    prefix, start = uuid7_counter(total, align=16**digits)
    big = total > 20000
    if big:  # room for the new pages of a large import (64 MB; the default is 2 MB), for this connection only
        con.execute("PRAGMA cache_size = -64000")
    stamps = (("created_by", u), ("updated_by", u), ("created_at", now), ("updated_at", now))
    every = max(1, CHECK_EVERY // 16**digits) * 16**digits
    with bulk_load(con, ["samples", "sample_results"] if big else [], uuids_given=True):
        columns = SAMPLE_COLUMNS
        if not _has_column(con, "samples", "parallel_of"):  # a file of schema 4 written before the column
            if any(parallel):
                raise ImportRefusedError(
                    tr(TR_CONTEXT, "this database has no column for parallel samples: upgrade it first")
                )
            columns = columns[:-1]
        sample_width = len(columns)  # what sample_rows gives a row
        _insert_many(con, "samples", columns, sample_rows, len(new), stamps, digits)
        check(0)
        _insert_many(
            con,
            "sample_results",
            RESULT_COLUMNS,
            rows_of,
            total,
            stamps,
            digits,
            uuids=lambda b: uuid7_from(prefix, start + b * 16**digits)[:-digits],
            check=lambda rows: check(rows) if rows % every == 0 else None,
        )
    return len(new)
