"""The write step of the lab import: a validated report's values go into samples and sample_results in ONE
transaction (all valid rows, or nothing), with multi-row INSERTs and uuids made in blocks for speed."""

from __future__ import annotations

import sqlite3
from itertools import chain

import numpy as np

from ..data import sqlite_gpkg as SG
from ..data.gpkg import bulk_load, utc_now
from ..data.ids import uuid7_batch, uuid7_counter, uuid7_from
from . import standard
from .lab_report import ImportRefusedError, ImportReport


def take(values: list, idx: np.ndarray, n: int) -> list:
    if idx.size == n:
        return values
    return list(map(values.__getitem__, idx.tolist()))


def existing_samples(con) -> dict:
    """(well uuid, ISO date) → sample uuid of the samples already in the database."""
    return {(w, (d or "")[:10]): u for u, w, d in con.execute("SELECT uuid, well_uuid, sampled_on FROM samples")}


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
)


def _insert_many(con, table: str, columns, flat: list, constants, digits: int, uuids=None) -> None:
    """Insert ``flat`` (len(columns) values a row) with multi-row INSERTs of 16**digits rows: a tenth of the
    per-row cost of executemany. ``constants`` are (column, value) pairs bound once a statement. With ``uuids``
    (block number → uuid without its last ``digits`` hex digits) the uuid column is made in SQLite: row j of
    block b gets that prefix followed by j in hex — a literal of this code, never a user value."""
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
    if total - full * per:
        con.execute(statement(total - full * per), params(full, total - full * per))


def write(report: ImportReport, database: str, accept_valid_only: bool = False, user: str = "") -> ImportReport:
    """Write the report's valid values in one transaction. With errors present this refuses unless
    ``accept_valid_only`` (then every row with an error is left out entirely)."""
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
    n_dates = max(len(c.dates), 1)
    sample_key = c.well[idx].astype(np.int64) * n_dates + c.date[idx]
    uniq, first, inverse = np.unique(sample_key, return_index=True, return_inverse=True)
    con = SG.open_db(database)
    try:
        with SG.transaction(con):
            existing = existing_samples(con)
            county_of = dict(con.execute("SELECT uuid, county_code FROM monitoring_wells"))
            county = [county_of.get(u) or "000000" for u in c.well_uuids]
            sample_uuids = [existing.get((c.well_uuids[k // n_dates], c.dates[k % n_dates])) for k in uniq.tolist()]
            # new samples get increasing uuids in the order they first appear: values grouped by sample (as files are)
            # then reach the sample_uuid index in order
            new = sorted((j for j, su in enumerate(sample_uuids) if su is None), key=first.__getitem__)
            u = user or None
            new_samples = []
            for j, su in zip(new, uuid7_batch(len(new))):
                sample_uuids[j] = su
                k = int(idx[first[j]])
                well_u, date_s = c.well_uuids[c.well[k]], c.dates[c.date[k]]
                code = (c.sample_code[k] if c.sample_code is not None else "") or f"{date_s}-{well_u[:8]}"
                lab = (c.lab[k] if c.lab is not None else "") or None
                new_samples.append((su, county[c.well[k]], well_u, code, date_s, lab))
            # per value, everything as Python objects once, then flattened for multi-row INSERTs
            units = [None if i.kind == standard.TEXT else (i.unit or None) for i in map(standard.indicator, c.pkeys)]
            nums = c.value_num[idx]
            dls = c.detection_limit[idx]
            values = (  # in the order of RESULT_COLUMNS
                np.array(sample_uuids, object)[inverse].tolist(),
                np.array(county, object)[c.well[idx]].tolist(),
                np.array(c.pkeys, object)[c.pkey[idx]].tolist(),
                take(c.value_text, idx, len(c)),
                np.where(np.isnan(nums), None, nums).tolist(),
                np.array(units, object)[c.pkey[idx]].tolist(),
                c.below_detection[idx].astype(np.int8).tolist(),
                np.where(np.isnan(dls), None, dls).tolist(),
            )
            flat = list(chain.from_iterable(zip(*values)))
            now = utc_now()
            digits = _block_digits(con, len(RESULT_COLUMNS))
            total = idx.size
            prefix, start = uuid7_counter(total, align=16**digits)
            big = total > 20000
            if big:  # room for the new pages of a large import (64 MB; the default is 2 MB), for this connection only
                con.execute("PRAGMA cache_size = -64000")
            stamps = (("created_by", u), ("updated_by", u), ("created_at", now), ("updated_at", now))
            with bulk_load(con, ["samples", "sample_results"] if big else [], uuids_given=True):
                _insert_many(
                    con,
                    "samples",
                    ("uuid", "county_code", "well_uuid", "sample_code", "sampled_on", "lab"),
                    list(chain.from_iterable(new_samples)),
                    stamps,
                    digits,
                )
                _insert_many(
                    con,
                    "sample_results",
                    RESULT_COLUMNS,
                    flat,
                    stamps,
                    digits,
                    uuids=lambda b: uuid7_from(prefix, start + b * 16**digits)[:-digits],
                )
    finally:
        con.close()
    report.written_samples = len(new_samples)
    report.written_results = int(total)
    return report
