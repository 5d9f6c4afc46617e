"""The latest GB/T 14848-2017 class of every monitoring well, written into monitoring_wells.latest_class /
latest_sampled_on / latest_governing so that forms, the wells dock and the per-aquifer styles can show it.

The class of a sample is the worst single-indicator class (§6.3, core/wells/classify.py); a well's latest class is that
of its most recent sample with at least one classifiable result.
"""

from __future__ import annotations

import sqlite3

from ..data import sqlite_gpkg as SG
from . import classify

#: Colours of the five classes in the per-aquifer well layers (blue … red; grey = not classified).
CLASS_COLORS = {1: "#2c7bb6", 2: "#00a6ca", 3: "#90eb9d", 4: "#fdae61", 5: "#d7191c", None: "#9e9e9e"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}


def latest_classes(path: str, progress=None, is_canceled=None) -> dict:
    """well uuid → (class, sampling date, governing indicators text) from the latest classifiable sample."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT s.well_uuid, s.sampled_on, s.uuid, r.parameter, r.value_text, r.value_num, r.unit, "
            "COALESCE(r.below_detection, 0), r.detection_limit "
            "FROM samples s JOIN sample_results r ON r.sample_uuid = s.uuid "
            "ORDER BY s.well_uuid, s.sampled_on DESC, s.uuid"
        )
        out: dict = {}
        current_well, current_sample, acc, date = None, None, [], None
        done_wells = set()

        def flush():
            if current_well is None or current_well in done_wells or not acc:
                return
            sr = classify.classify_sample(acc)
            if sr.gb_class is not None:
                out[current_well] = (sr.gb_class, date, sr.governing_text())
                done_wells.add(current_well)

        n = 0
        for well, sampled_on, sample, parameter, text, num, unit, nd, dl in rows:
            n += 1
            if is_canceled and n % 20000 == 0 and is_canceled():
                raise InterruptedError("canceled")
            if sample != current_sample:
                flush()
                current_well, current_sample, acc, date = well, sample, [], sampled_on[:10]
            if well in done_wells:
                continue
            value = num if num is not None and not nd else text
            acc.append(classify.classify(parameter, value, unit, below_detection=bool(nd), detection_limit=dl))
        flush()
        return out
    finally:
        con.close()


def update_wells(path: str, progress=None, is_canceled=None) -> int:
    """Write the latest classes into monitoring_wells (one transaction). Returns the number of wells classified."""
    classes = latest_classes(path, progress, is_canceled)
    con = SG.open_db(path)
    try:
        with SG.transaction(con):
            con.execute(
                "UPDATE monitoring_wells SET latest_class = NULL, latest_sampled_on = NULL, latest_governing = NULL"
                " WHERE latest_class IS NOT NULL OR latest_sampled_on IS NOT NULL"
            )
            con.executemany(
                "UPDATE monitoring_wells SET latest_class = ?, latest_sampled_on = ?, latest_governing = ? WHERE uuid = ?",
                [(c, d, g, u) for u, (c, d, g) in classes.items()],
            )
    finally:
        con.close()
    return len(classes)
