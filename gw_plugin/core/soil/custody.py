"""Chain of custody of soil samples (seed 001 二(三)3: 样品保存流转、实验室检测): every step — collected, preserved,
shipped, received, analysed — recorded with who and when, in that order, and the hold time from collection to
analysis kept for the sample's analyte group (resources/reference/soil_hold_times.csv; its values are marked
unverified there and are editable).

``check_sample`` gives the problems of one sample (empty when its custody is complete and in time); ``check_database``
those of every sample of a project GeoPackage. Pure logic; no widgets.
"""

from __future__ import annotations

import csv
import datetime as _dt
import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import Optional

from ...toolbelt.paths import resource

#: the custody steps in order: (time column, person column, zh, en)
STEPS = (
    ("collected_at", "collected_by", "采样", "collected"),
    ("preserved_at", "preserved_by", "保存", "preserved"),
    ("shipped_at", "shipped_by", "流转", "shipped"),
    ("received_at", "received_by", "接收", "received"),
    ("analysed_at", "analysed_by", "检测", "analysed"),
)


@dataclass(frozen=True)
class HoldTime:
    group: str
    name_zh: str
    name_en: str
    days: float
    verified: bool


@cache
def hold_times() -> dict:
    """analyte group → :class:`HoldTime` from the plugin's table."""
    with open(resource("reference", "soil_hold_times.csv"), encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {
            r["analyte_group"]: HoldTime(
                r["analyte_group"], r["name_zh"], r["name_en"], float(r["hold_days"]), r["source"] != "unverified"
            )
            for r in rows
        }


@dataclass(frozen=True)
class Problem:
    sample_code: str
    code: str  # missing_step | missing_person | out_of_order | hold_time_exceeded | hold_time_unknown
    zh: str
    en: str


def _time(v) -> Optional[_dt.datetime]:
    if v in (None, ""):
        return None
    if isinstance(v, _dt.datetime):
        return v.replace(tzinfo=None)
    text = str(v).strip().replace("Z", "").replace("T", " ")
    try:
        return _dt.datetime.fromisoformat(text[:19]) if len(text) > 10 else _dt.datetime.fromisoformat(text[:10])
    except ValueError:
        return None


def check_sample(row: dict, table: Optional[dict] = None) -> list:
    """Problems of one sample (a dict with sample_code, analyte_group and the STEPS columns)."""
    table = hold_times() if table is None else table
    code = str(row.get("sample_code") or "")
    out = []
    times = []
    for col, who, zh, en in STEPS:
        t = _time(row.get(col))
        if t is None:
            out.append(Problem(code, "missing_step", f"缺少{zh}时间", f"no time for '{en}'"))
        elif not (row.get(who) or "").strip():
            out.append(Problem(code, "missing_person", f"缺少{zh}人员", f"nobody recorded for '{en}'"))
        times.append((zh, en, t))
    known = [(zh, en, t) for zh, en, t in times if t is not None]
    for (zh1, en1, t1), (zh2, en2, t2) in zip(known, known[1:]):
        if t2 < t1:
            out.append(Problem(code, "out_of_order", f"{zh2}早于{zh1}", f"'{en2}' is before '{en1}'"))
    start, end = times[0][2], times[-1][2]
    group = row.get("analyte_group")
    if start is not None and end is not None:
        hold = table.get(group or "")
        if hold is None:
            out.append(
                Problem(code, "hold_time_unknown", "检测项目类别未填或无保存时限", "no hold time for the analyte group")
            )
        else:
            days = (end - start).total_seconds() / 86400.0
            if days > hold.days:
                note_zh = "" if hold.verified else "（时限未经核实）"
                note_en = "" if hold.verified else " (hold time unverified)"
                out.append(
                    Problem(
                        code,
                        "hold_time_exceeded",
                        f"采样至检测{days:.1f}天，超过{hold.name_zh}保存时限{hold.days:g}天{note_zh}",
                        f"{days:.1f} days from collection to analysis, above the {hold.days:g}-day hold time of "
                        f"{hold.name_en}{note_en}",
                    )
                )
    return out


def check_database(path) -> list:
    """Problems of every soil sample of a project GeoPackage, by sample code."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = ["sample_code", "analyte_group"] + [c for step in STEPS for c in step[:2]]
        cur = con.execute(f"SELECT {', '.join(cols)} FROM soil_samples ORDER BY sample_code")
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()
    table = hold_times()
    return [p for r in rows for p in check_sample(r, table)]
