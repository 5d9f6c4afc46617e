"""Spot-check sampler for leakage self-investigations (seed 000 §三(二)6(1)).

The plan: "采取企业自查为主、生态环境部门抽查为辅的方式……原则上抽查对象应涵盖地下水污染源渗漏排查清单的每一种类型，
抽查数量不低于开展排查企业的5%" — enterprises investigate themselves, the bureau spot-checks at least 5% of the
enterprises that carried out the investigation, covering every source type on the list.

Decisions (documented in the algorithm's help):

* Population: sources whose leakage self-investigation is done but not yet verified — ``leakage_status`` in
  ``self_investigated`` or ``report_received``. ``spot_checked`` sources were verified already and are left out
  by default (the caller may include them); ``not_started`` / ``planned`` have nothing to check.
* Size: at least ``ceil(share × N)`` (default share 5 %, rounded UP with exact decimal arithmetic), and at least
  one source of every category present in the population, even when that exceeds the share.
* Draw: one source per category first (categories in code order), then the rest at random from the remainder;
  numpy's PCG64 generator seeded with ``seed`` over the population sorted by uuid, so the same inventory and seed
  give the same batch whatever order the rows are stored in.
* Recording: the batch becomes one ``spotcheck_batches`` row (batch id, date, who, seed, share, eligible
  statuses, population size and digest, required size, categories as JSON) and each drawn source an
  ``inspections`` row of kind ``spot_check`` (point = the source, ``inspected_on`` = draw date, ``inspector`` = who
  drew it, ``result`` empty until the check is done, ``batch_uuid`` = the batch row) whose ``findings`` describes
  the batch; all in one transaction. A batch id that is recorded already is refused (checked again inside the
  writing transaction), so a re-draw never replaces a batch silently; batches with new ids are kept side by side.
  Databases written before the batch table existed tagged the findings with ``[spotcheck-batch:<id>]``; those
  batches are still recognised (and still block their id).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import secrets
import sqlite3
import uuid as _uuid
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import numpy as np
from qgis.PyQt.QtCore import QCoreApplication

from ..data import schema as S
from ..data.gpkg import utc_now
from . import rosters as R

#: Seed 000 §三(二)6(1): 抽查数量不低于开展排查企业的5%.
DEFAULT_SHARE_PERCENT = 5.0
ELIGIBLE_STATUSES = ("self_investigated", "report_received")
INVESTIGATED_STATUSES = ("self_investigated", "report_received", "spot_checked")
TAG = "[spotcheck-batch:{id}]"
NO_CATEGORY = "(none)"


class SpotCheckError(Exception):
    """The draw cannot be made as asked (message meant for the user)."""


def sample_size(n_population: int, share_percent: float) -> int:
    """ceil(share × N) with exact decimal arithmetic (5 % of 20 is 1, not 2 through a float error)."""
    if n_population <= 0:
        return 0
    share = Decimal(str(share_percent))
    return min(n_population, math.ceil(share * n_population / 100))


def draw(uuids: Sequence, categories: Sequence, share_percent: float = DEFAULT_SHARE_PERCENT, seed: int = 0) -> list:
    """Indices into ``uuids`` of the drawn sources (sorted by uuid).

    Pure function: reproducible for the same (set of uuid/category pairs, share, seed), independent of row order.
    """
    if not 0 < float(share_percent) <= 100:
        raise SpotCheckError(QCoreApplication.translate("spotcheck", "The share must be above 0 and at most 100 %."))
    n = len(uuids)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: str(uuids[i]))
    cats = [NO_CATEGORY if categories[i] in (None, "") else str(categories[i]) for i in order]
    rng = np.random.Generator(np.random.PCG64(int(seed) & (2**128 - 1)))
    known = {c: k for k, c in enumerate(S.codelist("source_category").code_values())}
    groups: dict = {}
    for pos, c in enumerate(cats):
        groups.setdefault(c, []).append(pos)
    chosen = []
    for c in sorted(groups, key=lambda c: (known.get(c, len(known)), c)):
        members = groups[c]
        chosen.append(members[int(rng.integers(len(members)))])
    target = sample_size(n, share_percent)
    if target > len(chosen):
        taken = set(chosen)
        rest = np.array([p for p in range(n) if p not in taken], dtype=np.int64)
        extra = rng.permutation(rest)[: target - len(chosen)]
        chosen += [int(p) for p in extra]
    return sorted(order[p] for p in chosen)


@dataclass
class Batch:
    batch_id: str
    drawn_on: str
    drawn_by: str
    seed: int
    share_percent: float
    eligible_statuses: tuple
    population: int
    required: int  # ceil(share × population)
    categories: dict  # category → (population count, drawn count)
    population_digest: str  # sha256 of the sorted population uuids
    selected: list = field(default_factory=list)  # [{uuid, source_code, name_zh, category, county_code}]
    recorded: bool = False

    def record(self) -> dict:
        d = asdict(self)
        d["eligible_statuses"] = list(self.eligible_statuses)
        d["rule"] = "seed 000 三(二)6(1): 抽查数量不低于开展排查企业的5%，涵盖清单每一种类型"
        return d


def _has_table(con: sqlite3.Connection, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _legacy_id(text: str) -> Optional[str]:
    start = (text or "").find("[spotcheck-batch:")
    end = text.find("]", start) if start >= 0 else -1
    return text[start + len("[spotcheck-batch:") : end] if start >= 0 and end > start else None


def _recorded(con: sqlite3.Connection) -> dict:
    out: dict = {}
    if _has_table(con, "spotcheck_batches"):
        for bid, n in con.execute(
            "SELECT b.batch_id, count(i.fid) FROM spotcheck_batches b LEFT JOIN inspections i "
            "ON i.batch_uuid = b.uuid AND i.kind = 'spot_check' GROUP BY b.uuid, b.batch_id"
        ):
            out[bid] = out.get(bid, 0) + n
    legacy_filter = "AND batch_uuid IS NULL " if _has_column(con, "inspections", "batch_uuid") else ""
    for (text,) in con.execute(
        "SELECT findings FROM inspections WHERE kind = 'spot_check' "
        + legacy_filter
        + "AND findings LIKE '%[spotcheck-batch:%'"
    ):
        bid = _legacy_id(text)
        if bid is not None:
            out[bid] = out.get(bid, 0) + 1
    return out


def _has_column(con: sqlite3.Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in con.execute(f'PRAGMA table_info("{table}")'))


def recorded_batches(path) -> dict:
    """{batch id: number of spot_check inspection rows} of the batches recorded in the GeoPackage (the
    ``spotcheck_batches`` table, plus batches tagged in the findings by databases written before it existed)."""
    con = R.connect(path, readonly=True)
    try:
        return _recorded(con)
    finally:
        con.close()


def batch_records(path) -> list:
    """The rows of ``spotcheck_batches`` as dicts (oldest first); ``categories`` decoded from JSON."""
    con = R.connect(path, readonly=True)
    con.row_factory = sqlite3.Row
    try:
        if not _has_table(con, "spotcheck_batches"):
            return []
        rows = [dict(r) for r in con.execute("SELECT * FROM spotcheck_batches ORDER BY drawn_on, fid")]
    finally:
        con.close()
    for r in rows:
        try:
            r["categories"] = json.loads(r.get("categories") or "{}")
        except ValueError:
            pass
    return rows


def batch_sources(path, batch_id: str) -> list:
    """Source uuids of a recorded batch."""
    con = R.connect(path, readonly=True)
    try:
        out = []
        if _has_table(con, "spotcheck_batches"):
            out = [
                r[0]
                for r in con.execute(
                    "SELECT i.source_uuid FROM inspections i JOIN spotcheck_batches b ON b.uuid = i.batch_uuid "
                    "WHERE i.kind = 'spot_check' AND b.batch_id = ? ORDER BY i.source_uuid",
                    (batch_id,),
                )
            ]
        if not out:
            out = [
                r[0]
                for r in con.execute(
                    "SELECT source_uuid FROM inspections WHERE kind = 'spot_check' AND findings LIKE ? "
                    "ORDER BY source_uuid",
                    ("%" + TAG.format(id=batch_id) + "%",),
                )
            ]
        return out
    finally:
        con.close()


def default_batch_id(seed: int, today: Optional[_dt.date] = None) -> str:
    return "SC-{d}-{s}".format(d=(today or _dt.date.today()).strftime("%Y%m%d"), s=seed)


def draw_batch(
    path,
    batch_id: str,
    share_percent: float = DEFAULT_SHARE_PERCENT,
    seed: Optional[int] = None,
    user: str = "",
    eligible_statuses: Sequence = ELIGIBLE_STATUSES,
    record: bool = True,
    today: Optional[_dt.date] = None,
    county_codes: Optional[Sequence] = None,
) -> Batch:
    """Draw a batch from the GeoPackage's sources and (with ``record``) store it as spot_check inspections.

    ``county_codes`` restricts the population to some counties (a county bureau's own draw)."""
    batch_id = (batch_id or "").strip()
    if not batch_id or "]" in batch_id or "[" in batch_id:
        raise SpotCheckError(QCoreApplication.translate("spotcheck", "A batch needs an id without square brackets."))
    if batch_id in recorded_batches(path):
        raise SpotCheckError(
            QCoreApplication.translate(
                "spotcheck",
                "Batch {id} is recorded already; it is kept as it is. Give a new batch id to draw another batch.",
            ).format(id=batch_id)
        )
    bad = set(eligible_statuses) - set(S.codelist("leakage_status").code_values())
    if bad or not eligible_statuses:
        raise SpotCheckError(
            QCoreApplication.translate("spotcheck", "Unknown leakage statuses: {s}").format(s=sorted(bad))
        )
    if seed is None:
        seed = secrets.randbelow(2**31)
    if not 0 <= int(seed) < 2**63:
        raise SpotCheckError(
            QCoreApplication.translate("spotcheck", "The seed must be a whole number from 0 to 2^63 - 1.")
        )
    today = today or _dt.date.today()
    src = R.read_sources(path)
    mask = src.isin("leakage_status", eligible_statuses)
    if county_codes:
        mask &= src.isin("county_code", county_codes)
    idx = np.nonzero(mask)[0]
    uuids = [src["uuid"][i] for i in idx]
    cats = [src["category"][i] for i in idx]
    if not uuids:
        raise SpotCheckError(
            QCoreApplication.translate(
                "spotcheck", "No source has a leakage status among {s}: nothing to draw."
            ).format(s=list(eligible_statuses))
        )
    picked = [idx[k] for k in draw(uuids, cats, share_percent, seed)]
    counts: dict = {}
    for c in cats:
        c = c or NO_CATEGORY
        counts[c] = [counts.get(c, [0, 0])[0] + 1, 0]
    for i in picked:
        counts[src["category"][i] or NO_CATEGORY][1] += 1
    batch = Batch(
        batch_id=batch_id,
        drawn_on=today.isoformat(),
        drawn_by=user,
        seed=int(seed),
        share_percent=float(share_percent),
        eligible_statuses=tuple(eligible_statuses),
        population=len(uuids),
        required=sample_size(len(uuids), share_percent),
        categories={k: tuple(v) for k, v in counts.items()},
        population_digest=hashlib.sha256("\n".join(sorted(uuids)).encode()).hexdigest(),
        selected=[
            {
                "uuid": src["uuid"][i],
                "source_code": src["source_code"][i],
                "name_zh": src["name_zh"][i],
                "category": src["category"][i],
                "county_code": src["county_code"][i],
                "x": float(src.x[i]),
                "y": float(src.y[i]),
            }
            for i in picked
        ],
    )
    if not uuids:
        raise SpotCheckError(
            QCoreApplication.translate(
                "spotcheck", "No source has a leakage status among {s}: nothing to draw."
            ).format(s=list(eligible_statuses))
        )
    if record:
        _record(path, batch)
        batch.recorded = True
    return batch


def findings_text(batch: Batch) -> str:
    return (
        f"抽查批次 {batch.batch_id}：{batch.drawn_on} 随机抽取（随机种子 {batch.seed}，比例 {batch.share_percent:g}%，总体 {batch.population} 家，应抽 {batch.required} 家，实抽 {len(batch.selected)} 家），待现场抽查。\n"
        f"Spot-check batch {batch.batch_id} drawn on {batch.drawn_on} (seed {batch.seed}, share {batch.share_percent:g} %, population {batch.population}, required {batch.required}, drawn {len(batch.selected)}); "
        "to be checked in the field."
    )


def _record(path, batch: Batch) -> None:
    """The batch row and one inspections row per drawn source, written through OGR (R-tree triggers) in one
    dataset transaction; the batch id is checked again inside it, so two concurrent draws cannot both record it."""
    from osgeo import ogr

    ds = ogr.Open(str(path), 1)
    if ds is None:
        raise SpotCheckError(
            QCoreApplication.translate("spotcheck", "Cannot open {path} for writing.").format(path=path)
        )
    try:
        blyr = ds.GetLayerByName("spotcheck_batches")
        if blyr is None:
            raise SpotCheckError(
                QCoreApplication.translate(
                    "spotcheck", "{path} has no spot-check batch table: open it with the plugin once to upgrade it."
                ).format(path=path)
            )
        ilyr = ds.GetLayerByName("inspections")
        text = findings_text(batch)
        now = utc_now()
        batch_uuid = str(_uuid.uuid4())
        counties = sorted({s["county_code"] for s in batch.selected if s["county_code"]})
        if ds.StartTransaction() != 0:
            raise SpotCheckError(
                QCoreApplication.translate("spotcheck", "Cannot start a transaction on {path}.").format(path=path)
            )
        try:
            res = ds.ExecuteSQL("SELECT findings FROM inspections WHERE kind = 'spot_check' AND batch_uuid IS NULL")
            legacy = set()
            if res is not None:
                legacy = {_legacy_id(f.GetField(0) or "") for f in res}
                ds.ReleaseResultSet(res)
            blyr.SetAttributeFilter("batch_id = '{}'".format(batch.batch_id.replace("'", "''")))
            taken = blyr.GetFeatureCount() > 0 or batch.batch_id in legacy
            blyr.SetAttributeFilter(None)
            if taken:
                raise SpotCheckError(
                    QCoreApplication.translate(
                        "spotcheck",
                        "Batch {id} is recorded already; it is kept as it is. Give a new batch id to draw another "
                        "batch.",
                    ).format(id=batch.batch_id)
                )
            b = ogr.Feature(blyr.GetLayerDefn())
            _stamp(b, batch_uuid, counties[0] if len(counties) == 1 else "000000", now, batch.drawn_by)
            b.SetField("batch_id", batch.batch_id)
            b.SetField("drawn_on", batch.drawn_on)
            if batch.drawn_by:
                b.SetField("drawn_by", batch.drawn_by)
            b.SetField("seed", int(batch.seed))
            b.SetField("share_percent", float(batch.share_percent))
            b.SetField("eligible_statuses", ",".join(batch.eligible_statuses))
            b.SetField("population", int(batch.population))
            b.SetField("required", int(batch.required))
            b.SetField("population_sha256", batch.population_digest)
            b.SetField("categories", json.dumps({k: list(v) for k, v in batch.categories.items()}, ensure_ascii=False))
            if blyr.CreateFeature(b) != 0:
                raise SpotCheckError(QCoreApplication.translate("spotcheck", "Cannot write the batch record."))
            for s in batch.selected:
                f = ogr.Feature(ilyr.GetLayerDefn())
                _stamp(f, str(_uuid.uuid4()), s["county_code"] or "000000", now, batch.drawn_by)
                if batch.drawn_by:
                    f.SetField("inspector", batch.drawn_by)
                f.SetField("source_uuid", s["uuid"])
                f.SetField("kind", "spot_check")
                f.SetField("inspected_on", batch.drawn_on)
                f.SetField("findings", text)
                f.SetField("batch_uuid", batch_uuid)
                if math.isfinite(s["x"]) and math.isfinite(s["y"]):
                    pt = ogr.Geometry(ogr.wkbPoint)
                    pt.AddPoint_2D(s["x"], s["y"])
                    f.SetGeometry(pt)
                if ilyr.CreateFeature(f) != 0:
                    raise SpotCheckError(
                        QCoreApplication.translate("spotcheck", "Cannot write the spot-check inspections.")
                    )
            if ds.CommitTransaction() != 0:
                raise SpotCheckError(
                    QCoreApplication.translate("spotcheck", "Cannot commit the batch to {path}.").format(path=path)
                )
        except BaseException:
            ds.RollbackTransaction()
            raise
    finally:
        ds = None


def _stamp(f, uuid: str, county: str, now: str, user: str) -> None:
    f.SetField("uuid", uuid)
    f.SetField("county_code", county)
    f.SetField("created_at", now)
    f.SetField("updated_at", now)
    if user:
        f.SetField("created_by", user)
        f.SetField("updated_by", user)


def spot_checked_sources(con: sqlite3.Connection) -> set:
    """uuids of spot-checked sources: leakage_status ``spot_checked``, or a spot_check inspection with a result.

    A source drawn in a batch whose check has no result yet is not counted."""
    a = {r[0] for r in con.execute("SELECT uuid FROM pollution_sources WHERE leakage_status = 'spot_checked'")}
    b = {
        r[0]
        for r in con.execute(
            "SELECT source_uuid FROM inspections WHERE kind = 'spot_check' AND source_uuid IS NOT NULL "
            "AND result IS NOT NULL AND result <> ''"
        )
    }
    return a | b
