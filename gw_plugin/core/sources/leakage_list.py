"""The leakage-investigation list (地下水污染源渗漏排查清单, seed 000 三(二)6(2)): which sources are on it, why, since
when, and its XLSX listing. The leakage-investigation rate of the plans is counted over this list
(core/sources/indicators.py, as of a date through core/sources/history.py).

Seed 000 三(二)6(2): 原则上将已造成地下水污染的、位于集中式地下水型饮用水水源补给区内的、位于集中式地下水型饮用水水源
补给区外但符合环办土壤函〔2020〕72号文件重点污染源判定条件的工业聚集区、化学品生产企业、尾矿库、矿山开采区、危险废物
处置场、垃圾填埋场等污染源纳入地下水污染源渗漏排查清单. The three screening rules, each giving its reason:

* ``polluted`` — already polluted groundwater: the source's site has groundwater exceedance (``sites.gw_exceedance``);
* ``recharge_zone`` — inside a delineated recharge area (``recharge_zones`` of kind ``recharge``);
* ``key_source`` — a key source category of the seed (industrial park, chemical, tailings pond, mining area,
  hazardous-waste disposal, landfill; electroplating is listed with the chemical/heavy-metal enterprises of seed 000
  三(二)3 — our reading).

Closed sources (``operating_status`` closed) are left out: there is no facility left to investigate (our reading).
:func:`screen` proposes; with ``write`` it sets ``on_leakage_list`` and ``leakage_listed_on`` (the listing date) on
the sources newly listed, never unlists a source (taking a source off the list is a decision: :func:`unlist`).
No widgets, no QGIS: sqlite3 and the fast readers of core/sources/rosters.py.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

import numpy as np

from ...toolbelt.i18n import tr
from ..data import schema as S
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import register_functions
from .rosters import RosterError, connect, county_names, in_any_polygon, read_polygons, read_sources, today_date

TR_CONTEXT = "rosters"  # the translation context of this module's texts

KEY_SOURCE_CATEGORIES = ("industrial_park", "chemical", "electroplating", "tailings_pond", "mining_area",
                         "hazardous_waste", "landfill")  # fmt: skip
REASONS = {
    "polluted": ("已造成地下水污染（所在地块地下水超标）", "groundwater already polluted (its site exceeds)"),
    "recharge_zone": ("位于地下水型饮用水水源补给区内", "inside a drinking-water recharge area"),
    "key_source": ("属重点污染源类别（环办土壤函〔2020〕72号）", "a key source category (HBTR [2020] 72)"),
}


@dataclass
class Candidate:
    source_uuid: str
    rules: tuple
    reason: str
    already_listed: bool


@dataclass
class ListScreening:
    candidates: list = field(default_factory=list)
    newly_listed: int = 0
    no_longer_matching: list = field(default_factory=list)  # listed sources that no rule matches any more


def screen(path, write: bool = False, on: Optional[_dt.date] = None, user: str = "") -> ListScreening:
    """Apply the three rules to every source; with ``write`` put the new candidates on the list as of ``on``."""
    on = on or today_date()
    if on > today_date():
        raise RosterError(tr(TR_CONTEXT, "The listing date cannot be in the future."))
    con = connect(path)
    try:
        src = read_sources(path, con)
        flags = dict(con.execute("SELECT uuid, on_leakage_list FROM pollution_sources"))
        gw_exceeding = {r[0] for r in con.execute("SELECT uuid FROM sites WHERE gw_exceedance = 'exceeding'")}
    finally:
        con.close()
    zones = read_polygons(path, "recharge_zones", "kind = 'recharge'")
    masks = {
        "polluted": np.array([s in gw_exceeding for s in src["site_uuid"]], dtype=bool).reshape(len(src)),
        "recharge_zone": in_any_polygon(src.x, src.y, zones),
        "key_source": src.isin("category", KEY_SOURCE_CATEGORIES),
    }
    open_ = ~src.isin("operating_status", ["closed"])
    res = ListScreening()
    matched = set()
    for i in range(len(src)):
        if not open_[i]:
            continue
        hit = tuple(k for k in REASONS if masks[k][i])
        if not hit:
            continue
        u = src["uuid"][i]
        matched.add(u)
        reason = "；".join(REASONS[k][0] for k in hit) + "\n" + "; ".join(REASONS[k][1] for k in hit)
        res.candidates.append(Candidate(u, hit, reason, bool(flags.get(u))))
    res.no_longer_matching = sorted(u for u, f in flags.items() if f and u not in matched)
    if write:
        new = [c.source_uuid for c in res.candidates if not c.already_listed]
        res.newly_listed = _set_listed(path, new, True, on, user)
    return res


def _set_listed(path, uuids: Iterable, listed: bool, on: _dt.date, user: str) -> int:
    ids = list(uuids)
    if not ids:
        return 0
    con = connect(path)
    register_functions(con)  # the R-tree triggers of the GeoPackage call ST_* functions
    try:
        now = utc_now()
        with con:
            con.executemany(
                "UPDATE pollution_sources SET on_leakage_list = ?, leakage_listed_on = ?, updated_at = ?, "
                "updated_by = ? WHERE uuid = ?",
                [(1 if listed else 0, on.isoformat() if listed else None, now, user or "leakage list", u) for u in ids],
            )
        return len(ids)
    finally:
        con.close()


def unlist(path, uuids: Iterable, user: str) -> int:
    """Take sources off the list (a decision: the user is recorded)."""
    if not (user or "").strip():
        raise RosterError(tr(TR_CONTEXT, "A decision needs the name of the user who takes it."))
    return _set_listed(path, uuids, False, today_date(), user)


LIST_HEADERS = ["序号", "单位名称", "统一社会信用代码", "所在县（市、区）", "类别", "地址", "列入日期", "列入理由",
                "渗漏排查状态"]  # fmt: skip


def list_rows(path, as_of: Optional[_dt.date] = None) -> list:
    """Rows of the listing as of ``as_of`` (default today): the listed sources with their leakage status then."""
    from . import history as H

    as_of = as_of or today_date()
    con = connect(path, readonly=True)
    try:
        names = county_names(con)
        hist = H.read_history(con)
        rows = con.execute(
            "SELECT uuid, name_zh, uscc, county_code, category, address, leakage_listed_on FROM pollution_sources "
            "WHERE on_leakage_list = 1 ORDER BY county_code, name_zh"
        ).fetchall()
    finally:
        con.close()
    cats, leak = S.codelist("source_category"), S.codelist("leakage_status")
    reasons = {c.source_uuid: c.reason.split("\n")[0] for c in screen(path).candidates}
    uu = [r[0] for r in rows]
    listed = hist.on_leakage_list_many(uu, as_of)
    statuses = hist.statuses(uu, "leakage", as_of)
    out = []
    for (u, name, uscc, county, cat, addr, listed_on), on_list, status in zip(rows, listed, statuses):
        if not on_list:
            continue
        out.append(
            [len(out) + 1, name or "", uscc or "", names.get(county, county or ""), cats.label(cat, "zh") if cat else "",
             addr or "", (listed_on or "")[:10], reasons.get(u, ""), leak.label(status, "zh") if status else "未开展"]
        )  # fmt: skip
    return out


def write_list_xlsx(path_xlsx, database, as_of: Optional[_dt.date] = None, city: str = "") -> str:
    """The leakage-investigation list as a workbook (title, note with the date and count, one row per source)."""
    from ..data import reports

    as_of = as_of or today_date()
    rows = list_rows(database, as_of)
    return reports.write_table_xlsx(
        path_xlsx,
        f"{city}地下水污染源渗漏排查清单",
        LIST_HEADERS,
        rows,
        note=f"统计日期：{as_of.isoformat()}　共{len(rows)}个污染源（依据：郑政文〔2022〕49号 三、(二)6(2)）",
        sheet="渗漏排查清单",
    )
