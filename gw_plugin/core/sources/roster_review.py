"""Reviewing a roster before its next version (issue 16, item 4): members that closed or merged into another
enterprise (with the closure date and the successor), the member enterprises of an industrial park, and the
difference between two published versions as a workbook (新增 / 移出 / 保留).

Versions and decisions are in core/sources/roster_publication.py. No widgets, no QGIS: sqlite3 and openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..data import schema as S
from .roster_publication import latest_version, roster_rows
from .rosters import connect, county_names

TR_CONTEXT = "rosters"  # the translation context of this module's texts


@dataclass
class Flag:
    source_uuid: str
    name: str
    county: str
    closed_on: Optional[str]
    successor_uuid: Optional[str]
    successor_name: str
    why_zh: str


def flags(path, roster: str, version: Optional[str] = None) -> list:
    """Members of ``version`` (default: the latest published one) that closed or merged: ``operating_status``
    closed, a closure date, or a successor. The successor is named so that it can be screened in its place."""
    con = connect(path, readonly=True)
    try:
        version = version or latest_version(con, roster)
        if version is None:
            return []
        names = county_names(con)
        rows = con.execute(
            "SELECT p.uuid, p.name_zh, p.county_code, p.operating_status, p.closed_on, p.successor_uuid, s.name_zh "
            "FROM roster_entries e JOIN pollution_sources p ON p.uuid = e.source_uuid "
            "LEFT JOIN pollution_sources s ON s.uuid = p.successor_uuid "
            "WHERE e.roster = ? AND e.status = 'published' AND e.roster_version = ? "
            "AND (p.operating_status = 'closed' OR p.closed_on IS NOT NULL OR p.successor_uuid IS NOT NULL) "
            "ORDER BY p.county_code, p.name_zh",
            (roster, version),
        ).fetchall()
    finally:
        con.close()
    out = []
    for u, name, county, _op, closed_on, succ, succ_name in rows:
        if succ:
            why = f"已并入{succ_name or succ}" + (f"（{closed_on[:10]}）" if closed_on else "")
        else:
            why = "已关闭" + (f"（{closed_on[:10]}）" if closed_on else "（关闭日期未填）")
        out.append(
            Flag(
                u,
                name or "",
                names.get(county, county or ""),
                (closed_on or "")[:10] or None,
                succ,
                succ_name or "",
                why,
            )
        )
    return out


def park_members(path, park_uuid: str) -> list:
    """[(uuid, name, category)] of the enterprises recorded in an industrial park (``park_uuid``), by name."""
    con = connect(path, readonly=True)
    try:
        return con.execute(
            "SELECT uuid, name_zh, category FROM pollution_sources WHERE park_uuid = ? ORDER BY name_zh", (park_uuid,)
        ).fetchall()
    finally:
        con.close()


@dataclass
class VersionDiff:
    roster: str
    old: str
    new: str
    added: list  # RosterRow of the new version
    removed: list  # RosterRow of the old version
    kept: list  # RosterRow of the new version


def diff(path, roster: str, old: str, new: str) -> VersionDiff:
    """Sources added, removed and kept between two published versions."""
    a = {r.source_uuid: r for r in roster_rows(path, roster, old)}
    b = {r.source_uuid: r for r in roster_rows(path, roster, new)}
    return VersionDiff(
        roster,
        old,
        new,
        [r for u, r in b.items() if u not in a],
        [r for u, r in a.items() if u not in b],
        [r for u, r in b.items() if u in a],
    )


DIFF_HEADERS = ["变化", "单位名称", "统一社会信用代码", "所在县（市、区）", "类别", "纳入理由"]


def write_diff_xlsx(xlsx_path, d: VersionDiff, city: str = "") -> str:
    """The version-diff workbook: one sheet with every change (新增, 移出, then 保留), counts in the note."""
    from ..data import reports

    label = S.codelist("roster_kind").label(d.roster, "zh")
    rows = [
        [change, r.name, r.uscc, r.county, r.category, r.reason]
        for change, part in (("新增", d.added), ("移出", d.removed), ("保留", d.kept))
        for r in part
    ]
    return reports.write_table_xlsx(
        xlsx_path,
        f"{city}{label}版本对比：{d.old} → {d.new}",
        DIFF_HEADERS,
        rows,
        note=f"新增{len(d.added)}个，移出{len(d.removed)}个，保留{len(d.kept)}个",
        sheet="版本对比",
    )
