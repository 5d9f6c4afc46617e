"""Reading water-quality time series out of a project GeoPackage (read-only sqlite3, indexed joins).

Values below the detection limit come back flagged; for trend statistics they are replaced by half their
detection limit (a common convention for rank-based tests: all non-detects tie below the detects), which the
callers state in their output.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass

import numpy as np

EPOCH = _dt.date(1970, 1, 1)


def connect_ro(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


@dataclass
class Series:
    well_uuid: str
    parameter: str
    dates: list  # datetime.date
    values: np.ndarray  # value_num; NaN for non-detects
    below_detection: np.ndarray  # bool
    detection_limit: np.ndarray  # NaN where unknown
    value_text: list
    unit: str

    def days(self) -> np.ndarray:
        return np.array([(d - EPOCH).days for d in self.dates], dtype=float)

    def for_statistics(self) -> np.ndarray:
        """Values with non-detects set to half their detection limit (NaN if the limit is unknown)."""
        v = self.values.copy()
        nd = self.below_detection
        v[nd] = self.detection_limit[nd] / 2.0
        return v


_SQL = """
SELECT s.well_uuid, s.sampled_on, r.value_num, COALESCE(r.below_detection, 0), r.detection_limit, r.value_text, r.unit
FROM samples s JOIN sample_results r ON r.sample_uuid = s.uuid
WHERE r.parameter = ? {where}
ORDER BY s.well_uuid, s.sampled_on
"""


def _to_series(rows, parameter) -> Series:
    dates = [_dt.date.fromisoformat(r[1][:10]) for r in rows]
    vals = np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=float)
    nd = np.array([bool(r[3]) for r in rows], dtype=bool)
    dl = np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=float)
    unit = next((r[6] for r in rows if r[6]), "")
    return Series(rows[0][0] if rows else "", parameter, dates, vals, nd, dl, [r[5] for r in rows], unit)


def series(path: str, well_uuid: str, parameter: str, start: str | None = None, end: str | None = None) -> Series:
    """One well's series of one parameter (dates as ISO strings bound the range, inclusive)."""
    where = "AND s.well_uuid = ?"
    args = [parameter, well_uuid]
    if start:
        where += " AND s.sampled_on >= ?"
        args.append(start)
    if end:
        where += " AND s.sampled_on <= ?"
        args.append(end)
    con = connect_ro(path)
    try:
        rows = con.execute(_SQL.format(where=where), args).fetchall()
    finally:
        con.close()
    s = _to_series(rows, parameter)
    s.well_uuid = well_uuid
    return s


def all_series(path: str, parameter: str, well_uuids=None) -> dict:
    """well_uuid → Series for every well with results of ``parameter``."""
    con = connect_ro(path)
    try:
        rows = con.execute(_SQL.format(where=""), [parameter]).fetchall()
    finally:
        con.close()
    out: dict = {}
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k][0] != rows[start][0]:
            uuid = rows[start][0]
            if well_uuids is None or uuid in well_uuids:
                out[uuid] = _to_series(rows[start:k], parameter)
            start = k
    return out


def parameters_present(path: str) -> list:
    con = connect_ro(path)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT parameter FROM sample_results ORDER BY parameter")]
    finally:
        con.close()
