"""The write step of the lab import: a validated report's values go into samples and sample_results in ONE
transaction (all valid rows, or nothing), with multi-row INSERTs and uuids made in blocks for speed. Each result keeps
the normalised pair (value_num, unit: the standard's) and what the lab wrote (value_text, unit_as_written,
basis_as_written, qualifier); parallel samples (平行样) point at the sample they parallel. Cancelling between insert
batches rolls everything back."""

from __future__ import annotations

import sqlite3
from itertools import chain

import numpy as np

from ..data import sqlite_gpkg as SG
from ..data.gpkg import bulk_load, utc_now
from ..data.ids import uuid7_batch, uuid7_counter, uuid7_from
from . import standard
from .lab_report import MARKS, ImportRefusedError, ImportReport
from .lab_wells import fold


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


def results_of(con, sample_uuids) -> set:
    """(sample uuid, parameter) pairs already in the database for the given samples."""
    out: set = set()
    ids = list(sample_uuids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            con.execute(f"SELECT sample_uuid, parameter FROM sample_results WHERE sample_uuid IN ({marks})", chunk)
        )
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


def _insert_many(con, table: str, columns, flat: list, constants, digits: int, uuids=None, check=None) -> None:
    """Insert ``flat`` (len(columns) values a row) with multi-row INSERTs of 16**digits rows: a tenth of the
    per-row cost of executemany. ``constants`` are (column, value) pairs bound once a statement. With ``uuids``
    (block number → uuid without its last ``digits`` hex digits) the uuid column is made in SQLite: row j of
    block b gets that prefix followed by j in hex — a literal of this code, never a user value. ``check(rows)``
    is called between statements (progress; it raises InterruptedError to cancel)."""
    width, per = len(columns), 16**digits
    total = len(flat) // width if width else 0
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

    def params(b: int, rows: int) -> list:
        head = [uuids(b)] if uuids else []
        return head + const_values + flat[b * per * width : (b * per + rows) * width]

    full = total // per
    if full:
        sql = statement(per)
        for b in range(full):
            con.execute(sql, params(b, per))
            if check is not None:
                check((b + 1) * per)
    if total - full * per:
        con.execute(statement(total - full * per), params(full, total - full * per))


def write(
    report: ImportReport,
    database: str,
    accept_valid_only: bool = False,
    user: str = "",
    progress=None,
    is_canceled=None,
) -> ImportReport:
    """Write the report's valid values in one transaction. With errors present this refuses unless
    ``accept_valid_only`` (then every row with an error is left out entirely). ``progress(percent)`` is called
    between insert batches and ``is_canceled()`` checked there: a cancel rolls the transaction back and raises
    InterruptedError; nothing is written."""
    if report.errors and not accept_valid_only:
        raise ImportRefusedError(
            f"{len(report.errors)} errors in {len(report.bad_rows)} rows: nothing was written. Fix the file, or "
            "accept importing only the valid rows."
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
    samples, primary = c.samples, c.primary
    used = np.zeros(len(samples), bool)
    used[c.sample[idx]] = True
    done = [0]

    def check(rows: int) -> None:
        if is_canceled and is_canceled():
            raise InterruptedError("import canceled: nothing was written")
        if progress and total:
            progress(min(100.0, 100.0 * (done[0] + rows) / (total + 1)))

    con = SG.open_db(database)
    try:
        with SG.transaction(con):
            check(0)
            sample_uuids = resolve_samples(con, samples, primary)
            county_of = dict(con.execute("SELECT uuid, county_code FROM monitoring_wells"))
            county = [county_of.get(u) or "000000" for u in c.well_uuids]
            # new samples get increasing uuids in file order: values grouped by sample (as files are) then reach the
            # sample_uuid index in order
            new = [j for j, su in enumerate(sample_uuids) if su is None and used[j]]
            present, first_at = np.unique(c.sample[idx], return_index=True)
            first_row = dict(zip(present.tolist(), idx[first_at].tolist()))
            u = user or None
            new_samples = []
            for j, su in zip(new, uuid7_batch(len(new))):
                sample_uuids[j] = su
            for j in new:
                k = first_row[j]
                well_u, date_s = c.well_uuids[c.well[k]], c.dates[c.date[k]]
                code = (c.sample_code[k] if c.sample_code is not None else "") or f"{date_s}-{well_u[:8]}"
                lab = (c.lab[k] if c.lab is not None else "") or None
                p = primary[j]
                parallel_of = sample_uuids[p] if p != j and sample_uuids[p] is not None else None
                new_samples.append((sample_uuids[j], county[c.well[k]], well_u, code, date_s, lab, parallel_of))
            # per value, everything as Python objects once, then flattened for multi-row INSERTs
            units = [None if i.kind == standard.TEXT else (i.unit or None) for i in map(standard.indicator, c.pkeys)]
            nums = c.value_num[idx]
            dls = c.detection_limit[idx]
            n_sel = len(idx)

            def written(index_array, names):
                if index_array is None:
                    return [None] * n_sel
                return np.array([x or None for x in names], object)[index_array[idx]].tolist()

            values = (  # in the order of RESULT_COLUMNS
                np.array(sample_uuids, object)[c.sample[idx]].tolist(),
                np.array(county, object)[c.well[idx]].tolist(),
                np.array(c.pkeys, object)[c.pkey[idx]].tolist(),
                take(c.value_text, idx, len(c)),
                np.where(np.isnan(nums), None, nums).tolist(),
                np.array(units, object)[c.pkey[idx]].tolist(),
                c.below_detection[idx].astype(np.int8).tolist(),
                np.where(np.isnan(dls), None, dls).tolist(),
                written(c.unit_written, c.units),
                written(c.basis_written, c.bases),
                written(c.mark, MARKS),
            )
            flat = list(chain.from_iterable(zip(*values)))
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
                    if any(row[-1] for row in new_samples):
                        raise ImportRefusedError("this database has no column for parallel samples: upgrade it first")
                    columns, new_samples = columns[:-1], [row[:-1] for row in new_samples]
                _insert_many(con, "samples", columns, list(chain.from_iterable(new_samples)), stamps, digits)
                check(0)
                _insert_many(
                    con,
                    "sample_results",
                    RESULT_COLUMNS,
                    flat,
                    stamps,
                    digits,
                    uuids=lambda b: uuid7_from(prefix, start + b * 16**digits)[:-digits],
                    check=lambda rows: check(rows) if rows % every == 0 else None,
                )
                check(total)
    finally:
        con.close()
    report.written_samples = len(new_samples)
    report.written_results = total
    if progress:
        progress(100.0)
    return report
