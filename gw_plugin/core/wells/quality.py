"""The current GB/T 14848-2017 class of every monitoring well, written into monitoring_wells.latest_class /
latest_sampled_on / latest_governing / latest_n_indicators so that forms, the wells dock and the per-aquifer styles
can show it.

A well's current class rests on each indicator's latest value within a window (default one year) ending at the
well's latest sampling date: the worst single-indicator class of those values (§6.3, core/wells/classify.py). So a
visit that measured only pH does not hide the class V nitrate of the previous quarter, and a value older than the
window does not hold a well in class V for ever. Parallel samples (平行样) do not enter; non-detects known only as
"≤ class k" never make the class worse. :func:`update_current_class` is what an import calls afterwards.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass

from ..data import sqlite_gpkg as SG
from . import classify

#: Colours of the five classes in the per-aquifer well layers (blue … red; grey = not classified).
CLASS_COLORS = {1: "#2c7bb6", 2: "#00a6ca", 3: "#90eb9d", 4: "#fdae61", 5: "#d7191c", None: "#9e9e9e"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
#: the window of indicators' latest values a well's current class rests on (days before its latest sample)
DEFAULT_WINDOW_DAYS = 365


@dataclass(frozen=True)
class WellClass:
    """A well's current class, the latest sampling date, the indicators that set the class and how many
    indicators (with a definite class) it rests on, within the window starting at ``window_start``."""

    gb_class: int
    sampled_on: str
    governing: tuple
    n_indicators: int
    window_start: str

    def governing_text(self) -> str:
        return "; ".join(self.governing)


def _columns(con, table: str) -> set:
    return {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}


def current_classes(path: str, window_days: int = DEFAULT_WINDOW_DAYS, progress=None, is_canceled=None) -> dict:
    """well uuid → :class:`WellClass` for every well with at least one classifiable value in its window."""
    if window_days < 0:
        raise ValueError("the window must not be negative")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        have = _columns(con, "sample_results")
        qualifier = "r.qualifier" if "qualifier" in have else "NULL"
        unit_w = "r.unit_as_written" if "unit_as_written" in have else "NULL"
        basis_w = "r.basis_as_written" if "basis_as_written" in have else "NULL"
        ordinary = "WHERE s.parallel_of IS NULL" if "parallel_of" in _columns(con, "samples") else ""
        rows = con.execute(
            f"SELECT s.well_uuid, substr(s.sampled_on, 1, 10), r.parameter, r.value_text, r.value_num, r.unit, "
            f"COALESCE(r.below_detection, 0), r.detection_limit, {qualifier}, {unit_w}, {basis_w} "
            f"FROM samples s JOIN sample_results r ON r.sample_uuid = s.uuid {ordinary} "
            "ORDER BY s.well_uuid, s.sampled_on DESC, s.uuid"
        )
        out: dict = {}
        cache: dict = {}
        well, newest, start, seen, acc = None, None, None, set(), None

        def flush():
            if acc is None:
                return
            r = acc.result()
            if r.gb_class is not None:
                n_ind = sum(r.counts.values())
                out[well] = WellClass(r.gb_class, newest, r.governing, n_ind, start)

        for n, (w, day, parameter, text, num, unit, nd, dl, mark, unit_written, basis) in enumerate(rows):
            if is_canceled and n % 20000 == 0 and is_canceled():
                raise InterruptedError("canceled")
            if w != well:
                flush()
                well, newest, seen, acc = w, day, set(), classify.SampleAccumulator()
                start = (_dt.date.fromisoformat(day) - _dt.timedelta(days=window_days)).isoformat()
            if day < start:
                continue
            ind = classify.resolve(parameter)
            key = ind.key if ind is not None else parameter
            if key in seen:  # an older value of an indicator already taken
                continue
            seen.add(key)
            if num is None and not nd:  # a word (无/有) or a value only as written
                args = (parameter, text, unit_written or None, False, None, None, basis or None)
            else:
                args = (parameter, num, unit, bool(nd), dl, mark, None)
            result = cache.get(args)
            if result is None:
                p, v, u, b, d, q, bw = args
                result = classify.classify(p, v, u, below_detection=b, detection_limit=d, qualifier=q, basis=bw)
                if len(cache) < 100_000:
                    cache[args] = result
            acc.add(result)
        flush()
        return out
    finally:
        con.close()


def update_current_class(database: str, window_days: int = DEFAULT_WINDOW_DAYS, progress=None, is_canceled=None) -> int:
    """Recompute every well's current class (see the module docstring) and write it into monitoring_wells in one
    transaction; wells without a classifiable value in their window are cleared. Returns the number of wells
    classified. Called after a lab import (gwplugin:importsamples, the import dialog) and by
    gwplugin:updatewellquality."""
    classes = current_classes(database, window_days, progress, is_canceled)
    con = SG.open_db(database)
    try:
        with_n = "latest_n_indicators" in _columns(con, "monitoring_wells")
        n_set = ", latest_n_indicators = ?" if with_n else ""
        n_clear = ", latest_n_indicators = NULL" if with_n else ""
        with SG.transaction(con):
            con.execute(
                "UPDATE monitoring_wells SET latest_class = NULL, latest_sampled_on = NULL, latest_governing = NULL"
                f"{n_clear} WHERE latest_class IS NOT NULL OR latest_sampled_on IS NOT NULL"
            )
            con.executemany(
                "UPDATE monitoring_wells SET latest_class = ?, latest_sampled_on = ?, latest_governing = ?"
                f"{n_set} WHERE uuid = ?",
                [
                    (c.gb_class, c.sampled_on, c.governing_text(), *((c.n_indicators,) if with_n else ()), u)
                    for u, c in classes.items()
                ],
            )
    finally:
        con.close()
    if progress:
        progress(100.0)
    return len(classes)


def update_wells(path: str, progress=None, is_canceled=None, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """The former name of :func:`update_current_class` (the import dialog calls it)."""
    return update_current_class(path, window_days, progress, is_canceled)
