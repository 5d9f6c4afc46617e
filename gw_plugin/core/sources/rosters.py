"""Dual-roster screening, decisions, versioned publication and roster listings (seeds 000 §三(二)3, 001 §二(一)1,
004 §三(二)1).

Rules live in editable JSON (shipped defaults: resources/config/roster_rules.json, each rule with its seed section
and a bilingual reason). Screening proposes membership of each roster (``roster_kind`` codes) and writes
``roster_entries`` rows with status ``proposed``; it never duplicates an entry for the same source and roster and
never touches an entry that staff have decided (accepted / rejected) or published.

Publication model: accepted entries are the live decisions. ``publish(version)`` copies every accepted entry of a
roster into new rows with status ``published`` and ``roster_version = version``: each published version is an
immutable snapshot, and a version can be published once only.

This module also holds the fast readers shared by the other source modules (spot checks, indicators, zones):
attributes through sqlite3, point coordinates parsed straight from the GeoPackage geometry blobs, polygons through
OGR, and an even-odd point-in-polygon test vectorised with numpy (100,000 sources screened in well under 10 s).
No widgets; qgis.PyQt only for translations.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import struct
import uuid as _uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from ...toolbelt.paths import resource
from ..data import schema as S
from ..data.gpkg import utc_now

try:
    from qgis.PyQt.QtCore import QCoreApplication

    def _tr(text: str) -> str:
        return QCoreApplication.translate("rosters", text)

except ImportError:  # pragma: no cover

    def _tr(text: str) -> str:
        return text


ROSTERS = tuple(S.codelist("roster_kind").code_values())
MEMBER_STATUSES = ("accepted", "published")
DECIDED_STATUSES = ("accepted", "rejected", "published")

SOURCE_COLUMNS = (
    "uuid",
    "county_code",
    "source_code",
    "name_zh",
    "uscc",
    "category",
    "industry",
    "scale",
    "operating_status",
    "address",
    "leakage_status",
    "antiseepage_status",
    "self_monitoring_status",
    "risk_control_status",
    "site_uuid",
)


class RosterError(Exception):
    """A roster operation cannot be done as asked (message meant for the user)."""


# ----------------------------------------------------------------------------------------------------------------
# Fast readers (shared with spotcheck.py, indicators.py, sites.py)
# ----------------------------------------------------------------------------------------------------------------
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def point_xy(blob) -> tuple:
    """(x, y) of a GeoPackage point geometry blob (GeoPackage 1.x binary header + WKB); NaN for empty/None."""
    if blob is None or len(blob) < 8 or blob[0:2] != b"GP":
        return (np.nan, np.nan)
    flags = blob[3]
    if flags & 0x10:  # empty geometry
        return (np.nan, np.nan)
    off = 8 + _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0)
    order = "<" if blob[off] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", blob, off + 1)
    if gtype % 1000 != 1 and (gtype & 0xFFFF) != 1:  # not a point: use the envelope centre if present
        env = (flags >> 1) & 0x07
        if env:
            eo = "<" if flags & 1 else ">"
            minx, maxx, miny, maxy = struct.unpack_from(eo + "4d", blob, 8)
            return ((minx + maxx) / 2, (miny + maxy) / 2)
        return (np.nan, np.nan)
    return struct.unpack_from(order + "2d", blob, off + 5)


def connect(path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return sqlite3.connect(str(path))


@dataclass
class SourceArrays:
    """The pollution sources of a project as column arrays (object arrays of str/None; x, y float64)."""

    cols: dict
    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.cols[name]

    def isin(self, name: str, values: Iterable) -> np.ndarray:
        """Membership of a column in ``values`` (None matches empty values when listed)."""
        return in_set(self.cols[name], values)


def in_set(col: Sequence, values: Iterable) -> np.ndarray:
    """Boolean mask of ``col`` items found in ``values`` — a set lookup per item, far faster than np.isin on
    object arrays (100,000 rows in a few milliseconds)."""
    s = set(values)
    return np.fromiter((v in s for v in col), dtype=bool, count=len(col))


def read_sources(path, con: Optional[sqlite3.Connection] = None) -> SourceArrays:
    """All pollution sources of the GeoPackage at ``path``, ordered by uuid (a stable order for sampling)."""
    own = con is None
    con = con or connect(path, readonly=True)
    try:
        rows = con.execute(f"SELECT {', '.join(SOURCE_COLUMNS)}, geom FROM pollution_sources ORDER BY uuid").fetchall()
    finally:
        if own:
            con.close()
    n = len(rows)
    cols = {}
    for i, name in enumerate(SOURCE_COLUMNS):
        arr = np.empty(n, dtype=object)
        arr[:] = [r[i] for r in rows]
        cols[name] = arr
    xy = np.array([point_xy(r[-1]) for r in rows], dtype=np.float64).reshape(n, 2)
    return SourceArrays(cols, xy[:, 0].copy(), xy[:, 1].copy())


def read_polygons(path, table: str, where: Optional[str] = None) -> list:
    """[(attributes dict, [rings as (N, 2) arrays])] of a polygon table, read through OGR."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    if ds is None:
        raise RosterError(_tr("Cannot open {path}.").format(path=path))
    lyr = ds.GetLayerByName(table)
    if lyr is None:
        return []
    if where:
        lyr.SetAttributeFilter(where)
    out = []
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    for feat in lyr:
        attrs = {n: feat.GetField(n) for n in names}
        attrs["fid"] = feat.GetFID()
        out.append((attrs, geometry_rings(feat.GetGeometryRef())))
    return out


def geometry_rings(geom) -> list:
    """Every ring (exterior and interior, all parts) of an OGR polygon/multipolygon as (N, 2) arrays."""
    rings = []
    if geom is None or geom.IsEmpty():
        return rings
    name = geom.GetGeometryName().upper()
    if name in ("MULTIPOLYGON", "GEOMETRYCOLLECTION", "MULTISURFACE"):
        for i in range(geom.GetGeometryCount()):
            rings += geometry_rings(geom.GetGeometryRef(i))
    elif name in ("POLYGON", "CURVEPOLYGON"):
        g = geom.GetLinearGeometry() if name == "CURVEPOLYGON" else geom
        for i in range(g.GetGeometryCount()):
            pts = np.array(g.GetGeometryRef(i).GetPoints() or [], dtype=np.float64)
            if len(pts) >= 4:
                rings.append(pts[:, :2])
    return rings


def points_in_rings(x: np.ndarray, y: np.ndarray, rings: Sequence) -> np.ndarray:
    """Even-odd point-in-polygon over all rings of one (multi)polygon, vectorised; NaN points are outside."""
    n = len(x)
    inside = np.zeros(n, dtype=bool)
    if not rings or n == 0:
        return inside
    allpts = np.vstack(rings)
    minx, miny = allpts.min(axis=0)
    maxx, maxy = allpts.max(axis=0)
    with np.errstate(invalid="ignore"):
        cand = np.nonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))[0]
    if len(cand) == 0:
        return inside
    px, py = x[cand], y[cand]
    odd = np.zeros(len(cand), dtype=bool)
    for ring in rings:
        x1, y1 = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        step = max(1, 2_000_000 // max(len(x1), 1))
        for s in range(0, len(cand), step):
            qx = px[s : s + step, None]
            qy = py[s : s + step, None]
            straddle = (y1 > qy) != (y2 > qy)
            with np.errstate(divide="ignore", invalid="ignore"):
                xint = x1 + (qy - y1) * (x2 - x1) / (y2 - y1)
            crossings = np.count_nonzero(straddle & (qx < xint), axis=1)
            odd[s : s + step] ^= (crossings % 2).astype(bool)
    inside[cand] = odd
    return inside


def in_any_polygon(x: np.ndarray, y: np.ndarray, polygons: Sequence) -> np.ndarray:
    mask = np.zeros(len(x), dtype=bool)
    for _attrs, rings in polygons:
        mask |= points_in_rings(x, y, rings)
    return mask


def county_names(con: sqlite3.Connection) -> dict:
    """county code → Chinese name from admin_units (empty when the table has no rows)."""
    try:
        return {c: n for c, n in con.execute("SELECT code, name_zh FROM admin_units WHERE code IS NOT NULL")}
    except sqlite3.DatabaseError:
        return {}


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


def exceeding_wells(con: sqlite3.Connection, since: str, well_type: str = "pollution_source") -> dict:
    """Wells of ``well_type`` with a sample taken on/after ``since`` (ISO date) exceeding GB/T 14848 class III.

    Returns {well uuid: (well_code, x, y, sorted exceeding parameter names)}. Classification by
    gw_plugin.core.wells.classify when available (all its rules, non-detects never exceed); otherwise a plain comparison
    with the class III limits of resources/reference/gbt14848_2017.csv and the pH range 6.5–8.5.
    """
    wells = {
        u: (code, *point_xy(g))
        for u, code, g in con.execute(
            "SELECT uuid, well_code, geom FROM monitoring_wells WHERE well_type = ?", (well_type,)
        )
    }
    if not wells:
        return {}
    rows = con.execute(
        "SELECT s.well_uuid, r.parameter, r.value_num, r.below_detection, r.detection_limit "
        "FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid "
        "JOIN monitoring_wells w ON w.uuid = s.well_uuid "
        "WHERE w.well_type = ? AND s.sampled_on >= ?",
        (well_type, since),
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
# Rules
# ----------------------------------------------------------------------------------------------------------------
CONDITION_KEYS = (
    "categories",
    "operating_status_in",
    "operating_status_not_in",
    "industry_keywords",
    "in_zone_table",
    "zone_kinds",
    "gw_exceedance_at_well",
    "site_exceedance",
)


@dataclass(frozen=True)
class Rule:
    id: str
    rosters: tuple
    conditions: dict
    reason_zh: str
    reason_en: str
    seed: str
    enabled: bool = True

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang.startswith("zh") else self.reason_en


@dataclass
class RuleSet:
    rules: list
    parameters: dict
    source: str = ""


def default_rules_path() -> Path:
    return resource("config", "roster_rules.json")


def load_rules(path=None) -> RuleSet:
    """Read and check a roster-rule file (default: the shipped resources/config/roster_rules.json)."""
    p = Path(path) if path else default_rules_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RosterError(_tr("Cannot read the roster rules {path}: {error}").format(path=p, error=exc)) from exc
    categories = set(S.codelist("source_category").code_values())
    statuses = set(S.codelist("operating_status").code_values()) | {None}
    rules = []
    seen = set()
    for r in data.get("rules", []):
        rid = r.get("id")
        if not rid or rid in seen:
            raise RosterError(_tr("Roster rule without id or with a repeated id: {id}").format(id=rid))
        seen.add(rid)
        rosters = tuple(r.get("rosters", ()))
        if not rosters or set(rosters) - set(ROSTERS):
            raise RosterError(_tr("Rule {id}: unknown roster in {rosters}").format(id=rid, rosters=list(rosters)))
        cond = dict(r.get("conditions", {}))
        unknown = set(cond) - set(CONDITION_KEYS)
        if unknown:
            raise RosterError(_tr("Rule {id}: unknown condition {names}").format(id=rid, names=sorted(unknown)))
        if not cond:
            raise RosterError(_tr("Rule {id} has no condition.").format(id=rid))
        if set(cond.get("categories", ())) - categories:
            raise RosterError(_tr("Rule {id}: unknown category").format(id=rid))
        for key in ("operating_status_in", "operating_status_not_in"):
            if set(cond.get(key, ())) - statuses:
                raise RosterError(_tr("Rule {id}: unknown operating status").format(id=rid))
        if cond.get("in_zone_table") not in (None, "recharge_zones", "protection_zones", "zoning_units"):
            raise RosterError(_tr("Rule {id}: in_zone_table must be a zone table").format(id=rid))
        if not r.get("reason_zh") or not r.get("reason_en"):
            raise RosterError(_tr("Rule {id} needs reason_zh and reason_en.").format(id=rid))
        rules.append(
            Rule(rid, rosters, cond, r["reason_zh"], r["reason_en"], r.get("seed", ""), bool(r.get("enabled", True)))
        )
    params = {"well_search_radius_m": 500.0, "recent_sample_years": 3, **data.get("parameters", {})}
    return RuleSet(rules, params, str(p))


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


def _today() -> _dt.date:
    return _dt.date.today()


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


def _well_exceedance(src, rules, con, today, detail) -> np.ndarray:
    years = float(rules.parameters.get("recent_sample_years", 3))
    radius = float(rules.parameters.get("well_search_radius_m", 500.0))
    since = (today - _dt.timedelta(days=round(365.25 * years))).isoformat()
    wells = exceeding_wells(con, since)
    mask = np.zeros(len(src), dtype=bool)
    if not wells or len(src) == 0:
        return mask
    from scipy.spatial import cKDTree

    ids = list(wells)
    wxy = np.array([[wells[w][1], wells[w][2]] for w in ids], dtype=np.float64)
    ok = np.isfinite(wxy).all(axis=1)
    ids = [w for w, k in zip(ids, ok) if k]
    if not ids:
        return mask
    tree = cKDTree(wxy[ok])
    sxy = np.column_stack([src.x, src.y])
    valid = np.isfinite(sxy).all(axis=1)
    dist, idx = tree.query(sxy[valid], k=1, distance_upper_bound=radius)
    hit = np.isfinite(dist)
    vi = np.nonzero(valid)[0]
    for i, d, j in zip(vi[hit], dist[hit], idx[hit]):
        code, _x, _y, params = wells[ids[j]]
        detail[i] = (code, round(float(d)), params)
    mask[vi[hit]] = True
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
            code, dist, params = detail
            z += "（监测井{code}，距{d} m：{p}）".format(code=code, d=dist, p="、".join(params))
            e += " (well {code}, {d} m: {p})".format(code=code, d=dist, p=", ".join(params))
        zh.append(z)
        en.append(e)
    return "；".join(zh) + "\n" + "; ".join(en)


def reason_zh(reason: Optional[str]) -> str:
    """The Chinese part (first line) of a stored reason."""
    return (reason or "").split("\n", 1)[0]


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
    today = today or _today()
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


# ----------------------------------------------------------------------------------------------------------------
# Decisions and publication
# ----------------------------------------------------------------------------------------------------------------
def decide(path, entry_uuids: Iterable, decision: str, user: str, on: Optional[_dt.date] = None) -> int:
    """Accept or reject entries, recording the date and the user. Published snapshot rows cannot be changed.

    Returns the number of entries changed."""
    if decision not in ("accepted", "rejected"):
        raise RosterError(_tr("A decision is 'accepted' or 'rejected', not {d}.").format(d=decision))
    if not user:
        raise RosterError(_tr("A decision needs the name of the user who takes it."))
    on = on or _today()
    if on > _today():
        raise RosterError(_tr("The decision date cannot be in the future."))
    ids = list(entry_uuids)
    con = connect(path)
    try:
        marks = ",".join("?" * len(ids)) or "NULL"
        published = con.execute(
            f"SELECT count(*) FROM roster_entries WHERE uuid IN ({marks}) AND status = 'published'", ids
        ).fetchone()[0]
        if published:
            raise RosterError(
                _tr("{n} of these entries belong to a published roster version and cannot change.").format(n=published)
            )
        with con:
            cur = con.execute(
                f"UPDATE roster_entries SET status = ?, decided_on = ?, decided_by = ?, updated_by = ?, updated_at = ? "
                f"WHERE uuid IN ({marks})",
                [decision, on.isoformat(), user, user, utc_now(), *ids],
            )
        return cur.rowcount
    finally:
        con.close()


def versions(path, roster: str) -> list:
    """Published versions of a roster with their dates and sizes: [(version, decided_on, n)], oldest first."""
    con = connect(path, readonly=True)
    try:
        return con.execute(
            "SELECT roster_version, min(decided_on), count(*) FROM roster_entries "
            "WHERE roster = ? AND status = 'published' GROUP BY roster_version ORDER BY min(created_at), roster_version",
            (roster,),
        ).fetchall()
    finally:
        con.close()


def publish(path, roster: str, version: str, user: str, on: Optional[_dt.date] = None) -> int:
    """Snapshot the accepted entries of ``roster`` as published version ``version`` (new rows; once per version)."""
    if roster not in ROSTERS:
        raise RosterError(_tr("Unknown roster {r}.").format(r=roster))
    version = (version or "").strip()
    if not version:
        raise RosterError(_tr("A published roster needs a version name."))
    if not user:
        raise RosterError(_tr("Publishing needs the name of the user who publishes."))
    on = on or _today()
    con = connect(path)
    try:
        if con.execute(
            "SELECT 1 FROM roster_entries WHERE roster = ? AND status = 'published' AND roster_version = ? LIMIT 1",
            (roster, version),
        ).fetchone():
            raise RosterError(
                _tr("Version {v} of this roster is published already; choose a new version name.").format(v=version)
            )
        rows = con.execute(
            "SELECT county_code, source_uuid, reason FROM roster_entries WHERE roster = ? AND status = 'accepted' "
            "ORDER BY county_code, source_uuid",
            (roster,),
        ).fetchall()
        if not rows:
            raise RosterError(_tr("The roster has no accepted entry to publish."))
        now = utc_now()
        with con:
            con.executemany(
                "INSERT INTO roster_entries (uuid, county_code, created_at, created_by, updated_at, updated_by, source_uuid, "
                "roster, status, reason, decided_on, decided_by, roster_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)",
                [
                    (str(_uuid.uuid4()), c, now, user, now, user, s, roster, r, on.isoformat(), user, version)
                    for c, s, r in rows
                ],
            )
        return len(rows)
    finally:
        con.close()


@dataclass
class RosterRow:
    no: int
    name: str
    uscc: str
    county: str
    category: str
    address: str
    reason: str
    source_uuid: str
    county_code: str


def roster_rows(path, roster: str, version: Optional[str] = None, lang: str = "zh") -> list:
    """Rows of the official listing: a published ``version``, or the accepted entries when ``version`` is None."""
    con = connect(path, readonly=True)
    try:
        names = county_names(con)
        if version is None:
            where, args = "e.status = 'accepted'", (roster,)
        else:
            where, args = "e.status = 'published' AND e.roster_version = ?", (roster, version)
        rows = con.execute(
            "SELECT p.name_zh, p.uscc, e.county_code, p.category, p.address, e.reason, e.source_uuid "
            "FROM roster_entries e LEFT JOIN pollution_sources p ON p.uuid = e.source_uuid "
            f"WHERE e.roster = ? AND {where} ORDER BY e.county_code, p.name_zh",
            args,
        ).fetchall()
    finally:
        con.close()
    cats = S.codelist("source_category")
    out = []
    for i, (name, uscc, county, cat, addr, reason, su) in enumerate(rows, start=1):
        text = reason_zh(reason) if lang.startswith("zh") else (reason or "").split("\n")[-1]
        out.append(
            RosterRow(
                i,
                name or "",
                uscc or "",
                names.get(county, county or ""),
                cats.label(cat, lang) if cat else "",
                addr or "",
                text,
                su,
                county or "",
            )
        )
    return out


def members(con: sqlite3.Connection, rosters: Sequence) -> set:
    """uuids of the sources on one of ``rosters``: accepted now, or in the roster's latest published version."""
    out: set = set()
    for roster in rosters:
        out |= {
            r[0]
            for r in con.execute(
                "SELECT source_uuid FROM roster_entries WHERE roster = ? AND status = 'accepted'", (roster,)
            )
        }
        latest = con.execute(
            "SELECT roster_version FROM roster_entries WHERE roster = ? AND status = 'published' "
            "GROUP BY roster_version ORDER BY max(created_at) DESC, roster_version DESC LIMIT 1",
            (roster,),
        ).fetchone()
        if latest:
            out |= {
                r[0]
                for r in con.execute(
                    "SELECT source_uuid FROM roster_entries WHERE roster = ? AND status = 'published' "
                    "AND roster_version = ?",
                    (roster, latest[0]),
                )
            }
    return out


# ----------------------------------------------------------------------------------------------------------------
# Sources inside protection / recharge zones (seed 000 三(三)9(2))
# ----------------------------------------------------------------------------------------------------------------
#: Seed 000 三(三)9(2): 建立水源补给区内污染源（包括工业企业、工业集聚区、危险废物处置场、垃圾填埋场、矿山开采区、
#: 尾矿库、加油站、高尔夫球场、规模化畜禽养殖场、规模化作物种植区等）清单. Category code → (group zh, group en).
SEED9_GROUPS = {
    "chemical": ("工业企业", "Industrial enterprise"),
    "electroplating": ("工业企业", "Industrial enterprise"),
    "industrial_park": ("工业集聚区", "Industrial cluster"),
    "hazardous_waste": ("危险废物处置场", "Hazardous-waste disposal site"),
    "landfill": ("垃圾填埋场", "Landfill"),
    "mining_area": ("矿山开采区", "Mining area"),
    "tailings_pond": ("尾矿库", "Tailings pond"),
    "gas_station": ("加油站", "Gas station"),
    "golf_course": ("高尔夫球场", "Golf course"),
    "livestock_farm": ("规模化畜禽养殖场", "Large livestock farm"),
    "planting_area": ("规模化作物种植区", "Large planting area"),
}
OTHER_GROUP = ("其他（不在方案所列类别）", "Other (not a category the plan names)")

ZONE_LISTING_FIELDS = (
    "zone_id",
    "zone_name",
    "zone_water_source_uuid",
    "source_uuid",
    "source_code",
    "name_zh",
    "uscc",
    "category",
    "category_zh",
    "plan_group_zh",
    "plan_group_en",
    "county_code",
    "well_uuid",
    "well_code",
    "well_distance_m",
    "well_basis",
)


@dataclass
class Zone:
    zone_id: str
    name: str
    water_source_uuid: Optional[str]
    rings: list


@dataclass
class Well:
    uuid: str
    code: str
    water_source_uuid: Optional[str]
    x: float
    y: float


def sources_in_zones(zones: Sequence, src: SourceArrays, wells: Sequence, all_categories: bool = False) -> list:
    """One row (dict with ZONE_LISTING_FIELDS) per (zone, source inside it).

    Distance to the water-source well: the nearest well linked to the zone's water source (``well_basis`` =
    "linked"), else the nearest of all the given wells ("nearest"); empty when there is no well."""
    from scipy.spatial import cKDTree

    cats = S.codelist("source_category")
    wells = [w for w in wells if np.isfinite(w.x) and np.isfinite(w.y)]
    all_tree = cKDTree(np.array([[w.x, w.y] for w in wells])) if wells else None
    by_ws: dict = {}
    for w in wells:
        if w.water_source_uuid:
            by_ws.setdefault(w.water_source_uuid, []).append(w)
    keep = np.ones(len(src), dtype=bool) if all_categories else src.isin("category", list(SEED9_GROUPS))
    out = []
    for z in zones:
        inside = np.nonzero(points_in_rings(src.x, src.y, z.rings) & keep)[0]
        if len(inside) == 0:
            continue
        pts = np.column_stack([src.x[inside], src.y[inside]])
        linked = by_ws.get(z.water_source_uuid) if z.water_source_uuid else None
        if linked:
            pool, basis = linked, "linked"
            dist, idx = cKDTree(np.array([[w.x, w.y] for w in linked])).query(pts)
        elif all_tree is not None:
            pool, basis = wells, "nearest"
            dist, idx = all_tree.query(pts)
        else:
            pool, basis, dist, idx = [], "", None, None
        for k, i in enumerate(inside):
            cat = src["category"][i]
            group = SEED9_GROUPS.get(cat, OTHER_GROUP)
            w = pool[int(idx[k])] if pool else None
            out.append(
                {
                    "zone_id": z.zone_id,
                    "zone_name": z.name,
                    "zone_water_source_uuid": z.water_source_uuid,
                    "source_uuid": src["uuid"][i],
                    "source_code": src["source_code"][i],
                    "name_zh": src["name_zh"][i],
                    "uscc": src["uscc"][i],
                    "category": cat,
                    "category_zh": cats.label(cat, "zh") if cat else "",
                    "plan_group_zh": group[0],
                    "plan_group_en": group[1],
                    "county_code": src["county_code"][i],
                    "well_uuid": w.uuid if w else None,
                    "well_code": w.code if w else None,
                    "well_distance_m": round(float(dist[k]), 1) if w else None,
                    "well_basis": basis,
                }
            )
    return out


def source_arrays_from_rows(rows: Sequence, x: Sequence, y: Sequence) -> SourceArrays:
    """SourceArrays from plain dicts (e.g. the features of any point layer) and coordinates."""
    n = len(rows)
    cols = {}
    for name in SOURCE_COLUMNS:
        arr = np.empty(n, dtype=object)
        arr[:] = [r.get(name) for r in rows]
        cols[name] = arr
    return SourceArrays(cols, np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
