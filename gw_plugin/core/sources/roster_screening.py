"""Dual-roster screening (seeds 000 §三(二)3, 001 §二(一)1, 004 §三(二)1): apply the roster rules to every pollution
source and propose roster membership.

Screening proposes membership of each roster (``roster_kind`` codes) and writes ``roster_entries`` rows with status
``proposed``; it never duplicates an entry for the same source and roster and never touches an entry that staff have
decided (accepted / rejected) or published. The rules and the fast readers are in core/sources/rosters.py; one
condition, groundwater exceedance at the enterprise's OWN monitoring wells (``monitoring_wells.source_uuid``, or a well
of nobody inside the enterprise's site polygon), is read here (``exceeding_wells``, ``well_owners``).
No widgets, no Qt.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid as _uuid
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from ...toolbelt.paths import resource
from ..data.gpkg import utc_now
from .rosters import (
    ROSTERS,
    RuleSet,
    SourceArrays,
    connect,
    in_any_polygon,
    load_rules,
    point_xy,
    points_in_rings,
    read_polygons,
    read_sources,
    today_date,
)


# ----------------------------------------------------------------------------------------------------------------
# Groundwater exceedance at pollution-source monitoring wells (GB/T 14848-2017 class III)
# ----------------------------------------------------------------------------------------------------------------
def _class_iii_limits_from_csv() -> dict:
    """Chinese indicator name → class III upper limit (numeric rows only) from the plugin's GB/T 14848 table.

    Used only when gw_plugin.core.wells.classify cannot be imported. pH is handled apart (6.5 ≤ pH ≤ 8.5, GB/T 14848-2017
    Table 1)."""
    import csv

    out = {}
    with open(resource("reference", "gbt14848_2017.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            cell = (row.get("class_III") or "").strip().lstrip("≤").strip()
            try:
                out[row["indicator_cn"].strip()] = float(cell)
            except ValueError:
                continue
    return out


def exceeding_wells(con: sqlite3.Connection, since: str, well_type: Optional[str] = "pollution_source") -> dict:
    """Wells of ``well_type`` (None: of any type) with a sample taken on/after ``since`` (ISO date) exceeding
    GB/T 14848 class III.

    Returns {well uuid: (well_code, x, y, sorted exceeding parameter names)}. Classification by
    gw_plugin.core.wells.classify when available (all its rules, non-detects never exceed); otherwise a plain comparison
    with the class III limits of resources/reference/gbt14848_2017.csv and the pH range 6.5–8.5.
    """
    any_type = well_type is None
    wells = {
        u: (code, *point_xy(g))
        for u, code, g in con.execute(
            "SELECT uuid, well_code, geom FROM monitoring_wells WHERE ? OR well_type = ?", (any_type, well_type)
        )
    }
    if not wells:
        return {}
    rows = con.execute(
        "SELECT s.well_uuid, r.parameter, r.value_num, r.below_detection, r.detection_limit "
        "FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid "
        "JOIN monitoring_wells w ON w.uuid = s.well_uuid "
        "WHERE (? OR w.well_type = ?) AND s.sampled_on >= ?",
        (any_type, well_type, since),
    ).fetchall()
    if not rows:
        return {}
    params = [r[1] for r in rows]
    vals = np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64)
    nd = np.array([bool(r[3]) for r in rows], dtype=bool)
    dl = np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=np.float64)
    try:
        from ..wells import classify

        res = classify.classify_array(params, vals, below_detection=nd, detection_limits=dl)
        exceeds = (res.gb_class > 3) & ~res.upper_bound
    except Exception:  # gb14848 missing or not importable yet: the few limits needed, from the CSV
        limits = _class_iii_limits_from_csv()
        lim = np.array([limits.get(str(p).strip(), np.nan) for p in params], dtype=np.float64)
        with np.errstate(invalid="ignore"):
            exceeds = ~nd & (vals > lim)
            is_ph = np.array([str(p).strip() in ("pH", "PH", "ph") for p in params], dtype=bool)
            exceeds |= is_ph & ~nd & ((vals < 6.5) | (vals > 8.5))  # GB/T 14848-2017 Table 1: class III 6.5–8.5
    out: dict = {}
    for i in np.nonzero(exceeds)[0]:
        w = rows[i][0]
        if w in wells:
            out.setdefault(w, set()).add(str(params[i]))
    return {w: (wells[w][0], wells[w][1], wells[w][2], sorted(p)) for w, p in out.items()}


# ----------------------------------------------------------------------------------------------------------------
# Screening
# ----------------------------------------------------------------------------------------------------------------
@dataclass
class Proposal:
    source_uuid: str
    roster: str
    rule_ids: tuple
    reason: str
    action: str  # new | updated | unchanged | decided (an accepted/rejected/published entry exists)
    county_code: Optional[str] = None


@dataclass
class ScreeningResult:
    proposals: list = field(default_factory=list)
    n_sources: int = 0
    counts: dict = field(default_factory=dict)  # action → number
    stale: list = field(default_factory=list)  # (entry uuid, source uuid, roster) proposed but no longer matched
    matches_by_rule: dict = field(default_factory=dict)
    written: bool = False


def _rule_masks(src: SourceArrays, rules: RuleSet, con: sqlite3.Connection, today: _dt.date):
    """Boolean match mask per enabled rule plus per-source detail texts for the well condition."""
    n = len(src)
    zone_cache: dict = {}
    well_detail = np.empty(n, dtype=object)
    well_mask = None
    site_state = None
    masks = {}
    for rule in rules.rules:
        if not rule.enabled:
            continue
        c = rule.conditions
        m = np.ones(n, dtype=bool)
        if "categories" in c:
            m &= src.isin("category", c["categories"])
        if "operating_status_in" in c:
            m &= src.isin("operating_status", c["operating_status_in"])
        if "operating_status_not_in" in c:
            m &= ~src.isin("operating_status", c["operating_status_not_in"])
        if "industry_keywords" in c:
            kws = [k for k in c["industry_keywords"] if k]
            ind = src["industry"]
            m &= np.array([bool(v) and any(k in v for k in kws) for v in ind], dtype=bool) if n else m
        if "in_zone_table" in c:
            key = (c["in_zone_table"], tuple(c.get("zone_kinds", ())))
            if key not in zone_cache:
                table, kinds = key
                col = {"recharge_zones": "kind", "protection_zones": "zone_class", "zoning_units": "zone_class"}[table]
                where = None
                if kinds:
                    where = f"{col} IN ({', '.join(repr(str(k)) for k in kinds)})"
                zone_cache[key] = in_any_polygon(src.x, src.y, read_polygons(_db_path(con), table, where))
            m &= zone_cache[key]
        if c.get("gw_exceedance_at_well"):
            if well_mask is None:
                well_mask = _well_exceedance(src, rules, con, today, well_detail)
            m &= well_mask
        if "site_exceedance" in c:
            if site_state is None:
                site_state = _site_exceedance(src, con)
            want = set(c["site_exceedance"])
            sm = np.zeros(n, dtype=bool)
            if "soil" in want:
                sm |= site_state[0]
            if "gw" in want:
                sm |= site_state[1]
            m &= sm
        masks[rule.id] = m
    return masks, well_detail


def _db_path(con: sqlite3.Connection) -> str:
    return con.execute("PRAGMA database_list").fetchone()[2]


def well_owners(con: sqlite3.Connection) -> dict:
    """{well uuid: source uuid} of the wells that belong to an enterprise (``monitoring_wells.source_uuid``; empty
    when the database predates that field)."""
    cols = {r[1] for r in con.execute("PRAGMA table_info(monitoring_wells)")}
    if "source_uuid" not in cols:
        return {}
    return dict(con.execute("SELECT uuid, source_uuid FROM monitoring_wells WHERE source_uuid IS NOT NULL"))


def _well_exceedance(src, rules, con, today, detail) -> np.ndarray:
    """Sources whose OWN wells exceed (issue 16: the nearest well of anyone tagged every neighbour): a well belongs
    to the source when ``monitoring_wells.source_uuid`` names it, or — a well that belongs to nobody — when it lies
    inside the polygon of the source's site (its footprint). ``detail[i]`` = (well codes, parameters)."""
    years = float(rules.parameters.get("recent_sample_years", 3))
    since = (today - _dt.timedelta(days=round(365.25 * years))).isoformat()
    wells = exceeding_wells(con, since, well_type=None)
    mask = np.zeros(len(src), dtype=bool)
    if not wells or len(src) == 0:
        return mask
    owners = well_owners(con)
    index = {u: i for i, u in enumerate(src["uuid"])}
    own: dict = {}
    for w in wells:
        if owners.get(w) in index:
            own.setdefault(index[owners[w]], set()).add(w)
    unowned = [w for w in wells if w not in owners]
    site_of: dict = {}
    for i, site in enumerate(src["site_uuid"]):
        if site:
            site_of.setdefault(site, []).append(i)
    if unowned and site_of:
        wx = np.array([wells[w][1] for w in unowned], dtype=np.float64)
        wy = np.array([wells[w][2] for w in unowned], dtype=np.float64)
        for attrs, rings in read_polygons(_db_path(con), "sites"):
            for i in site_of.get(attrs.get("uuid"), ()):
                for k in np.nonzero(points_in_rings(wx, wy, rings))[0]:
                    own.setdefault(i, set()).add(unowned[k])
    for i, ws in own.items():
        codes = sorted(wells[w][0] or w for w in ws)
        params = sorted({p for w in ws for p in wells[w][3]})
        detail[i] = (codes, params)
        mask[i] = True
    return mask


def _site_exceedance(src, con):
    states = {u: (s, g) for u, s, g in con.execute("SELECT uuid, soil_exceedance, gw_exceedance FROM sites")}
    soil = np.array([states.get(u, (None, None))[0] == "exceeding" for u in src["site_uuid"]], dtype=bool)
    gw = np.array([states.get(u, (None, None))[1] == "exceeding" for u in src["site_uuid"]], dtype=bool)
    return soil.reshape(len(src)), gw.reshape(len(src))


def _reason_text(rule_list: list, detail) -> str:
    zh, en = [], []
    for r in rule_list:
        z, e = r.reason_zh, r.reason_en
        if r.conditions.get("gw_exceedance_at_well") and detail is not None:
            codes, params = detail
            z += "（自有监测井{code}：{p}）".format(code="、".join(codes), p="、".join(params))
            e += " (its own well {code}: {p})".format(code=", ".join(codes), p=", ".join(params))
        zh.append(z)
        en.append(e)
    return "；".join(zh) + "\n" + "; ".join(en)


def screen(
    path,
    rules: Optional[RuleSet] = None,
    write: bool = True,
    user: str = "",
    today: Optional[_dt.date] = None,
    rosters: Optional[Sequence] = None,
) -> ScreeningResult:
    """Apply the rules to every source of the GeoPackage; with ``write`` store the proposals in roster_entries.

    New (source, roster) pairs get a ``proposed`` entry; an existing ``proposed`` entry gets its reason refreshed;
    accepted, rejected and published entries are never changed. Proposed entries that no rule matches any more are
    reported in ``stale`` (left in place for staff to reject).
    """
    rules = rules or load_rules()
    today = today or today_date()
    wanted = set(rosters or ROSTERS)
    con = connect(path)
    try:
        src = read_sources(path, con)
        masks, well_detail = _rule_masks(src, rules, con, today)
        by_id = {r.id: r for r in rules.rules}
        result = ScreeningResult(n_sources=len(src))
        result.matches_by_rule = {k: int(v.sum()) for k, v in masks.items()}
        existing: dict = {}
        for eu, su, ro, st, rs in con.execute("SELECT uuid, source_uuid, roster, status, reason FROM roster_entries"):
            prev = existing.get((su, ro))
            # A decided/published entry outranks a proposal for the same pair (imported data may hold both).
            if prev is None or (prev[1] == "proposed" and st != "proposed"):
                existing[(su, ro)] = (eu, st, rs)
        uuids = src["uuid"]
        counties = src["county_code"]
        matched_pairs = set()
        for roster in ROSTERS:
            if roster not in wanted:
                continue
            rids = [rid for rid in masks if roster in by_id[rid].rosters]
            if not rids:
                continue
            stack = np.vstack([masks[rid] for rid in rids])
            any_m = stack.any(axis=0)
            for i in np.nonzero(any_m)[0]:
                hit = [by_id[rids[k]] for k in np.nonzero(stack[:, i])[0]]
                reason = _reason_text(hit, well_detail[i])
                su = uuids[i]
                matched_pairs.add((su, roster))
                prev = existing.get((su, roster))
                if prev is None:
                    action = "new"
                elif prev[1] != "proposed":
                    action = "decided"
                elif prev[2] != reason:
                    action = "updated"
                else:
                    action = "unchanged"
                result.proposals.append(Proposal(su, roster, tuple(r.id for r in hit), reason, action, counties[i]))
        for (su, ro), (eu, st, _rs) in existing.items():
            if st == "proposed" and ro in wanted and (su, ro) not in matched_pairs:
                result.stale.append((eu, su, ro))
        for p in result.proposals:
            result.counts[p.action] = result.counts.get(p.action, 0) + 1
        if write:
            _write_proposals(con, result, existing, user)
            result.written = True
        return result
    finally:
        con.close()


def _write_proposals(con, result: ScreeningResult, existing: dict, user: str) -> None:
    now = utc_now()
    new = sorted((p for p in result.proposals if p.action == "new"), key=lambda p: (p.source_uuid, p.roster))
    # Random v4 uuids handed out in sorted order: both indexed keys (uuid, source_uuid) then grow within the
    # batch, which makes 100,000 inserts markedly faster than random order.
    ids = sorted(str(_uuid.uuid4()) for _ in new)
    new_rows = [
        (u, p.county_code or "000000", now, user, now, user, p.source_uuid, p.roster, "proposed", p.reason)
        for u, p in zip(ids, new)
    ]
    upd_rows = [
        (p.reason, now, user, existing[(p.source_uuid, p.roster)][0]) for p in result.proposals if p.action == "updated"
    ]
    with con:
        con.executemany(
            "INSERT INTO roster_entries (uuid, county_code, created_at, created_by, updated_at, updated_by, "
            "source_uuid, roster, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new_rows,
        )
        con.executemany(
            "UPDATE roster_entries SET reason = ?, updated_at = ?, updated_by = ? WHERE uuid = ? AND status = 'proposed'",
            upd_rows,
        )
