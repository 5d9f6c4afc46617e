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
* Recording: each drawn source becomes an ``inspections`` row of kind ``spot_check`` (point = the source,
  ``inspected_on`` = draw date, ``inspector`` = who drew it, ``result`` empty until the check is done) whose
  ``findings`` starts with the batch description and carries the tag ``[spotcheck-batch:<id>]``. A batch id that
  is recorded already is refused, so a re-draw never replaces a batch silently; batches with new ids are kept
  side by side. The full batch record (seed, share, population size and digest, categories) is returned as a
  dict for a JSON file; a dedicated batch table is proposed in the report to the schema owner.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import secrets
import sqlite3
import uuid as _uuid
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Optional, Sequence

import numpy as np

from . import rosters as R
from . import schema as S

try:
    from qgis.PyQt.QtCore import QCoreApplication

    def _tr(text: str) -> str:
        return QCoreApplication.translate("spotcheck", text)

except ImportError:  # pragma: no cover

    def _tr(text: str) -> str:
        return text


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
        raise SpotCheckError(_tr("The share must be above 0 and at most 100 %."))
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


def recorded_batches(path) -> dict:
    """{batch id: number of inspection rows} of the spot-check batches recorded in the GeoPackage."""
    con = R.connect(path, readonly=True)
    try:
        rows = con.execute(
            "SELECT findings FROM inspections WHERE kind = 'spot_check' AND findings LIKE '%[spotcheck-batch:%'"
        ).fetchall()
    finally:
        con.close()
    out: dict = {}
    for (text,) in rows:
        start = text.find("[spotcheck-batch:")
        end = text.find("]", start)
        if start >= 0 and end > start:
            bid = text[start + len("[spotcheck-batch:") : end]
            out[bid] = out.get(bid, 0) + 1
    return out


def batch_sources(path, batch_id: str) -> list:
    """Source uuids of a recorded batch."""
    con = R.connect(path, readonly=True)
    try:
        return [
            r[0]
            for r in con.execute(
                "SELECT source_uuid FROM inspections WHERE kind = 'spot_check' AND findings LIKE ? ORDER BY source_uuid",
                ("%" + TAG.format(id=batch_id) + "%",),
            )
        ]
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
        raise SpotCheckError(_tr("A batch needs an id without square brackets."))
    if batch_id in recorded_batches(path):
        raise SpotCheckError(
            _tr(
                "Batch {id} is recorded already; it is kept as it is. Give a new batch id to draw another batch."
            ).format(id=batch_id)
        )
    bad = set(eligible_statuses) - set(S.codelist("leakage_status").code_values())
    if bad or not eligible_statuses:
        raise SpotCheckError(_tr("Unknown leakage statuses: {s}").format(s=sorted(bad)))
    if seed is None:
        seed = secrets.randbelow(2**31)
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
            _tr("No source has a leakage status among {s}: nothing to draw.").format(s=list(eligible_statuses))
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
            _tr("No source has a leakage status among {s}: nothing to draw.").format(s=list(eligible_statuses))
        )
    if record:
        _record(path, batch)
        batch.recorded = True
    return batch


def findings_text(batch: Batch) -> str:
    return (
        f"抽查批次 {batch.batch_id}：{batch.drawn_on} 随机抽取（随机种子 {batch.seed}，比例 {batch.share_percent:g}%，总体 {batch.population} 家，应抽 {batch.required} 家，实抽 {len(batch.selected)} 家），待现场抽查。\n"
        f"Spot-check batch {batch.batch_id} drawn on {batch.drawn_on} (seed {batch.seed}, share {batch.share_percent:g} %, population {batch.population}, required {batch.required}, drawn {len(batch.selected)}); "
        f"to be checked in the field.\n{TAG.format(id=batch.batch_id)}"
    )


def _record(path, batch: Batch) -> None:
    """One inspections row per drawn source, written through OGR (R-tree triggers) in one transaction."""
    from osgeo import ogr

    ds = ogr.Open(str(path), 1)
    if ds is None:
        raise SpotCheckError(_tr("Cannot open {path} for writing.").format(path=path))
    lyr = ds.GetLayerByName("inspections")
    defn = lyr.GetLayerDefn()
    text = findings_text(batch)
    now = R._now()
    lyr.StartTransaction()
    try:
        for s in batch.selected:
            f = ogr.Feature(defn)
            f.SetField("uuid", str(_uuid.uuid4()))
            f.SetField("county_code", s["county_code"] or "000000")
            f.SetField("created_at", now)
            f.SetField("updated_at", now)
            if batch.drawn_by:
                f.SetField("created_by", batch.drawn_by)
                f.SetField("updated_by", batch.drawn_by)
                f.SetField("inspector", batch.drawn_by)
            f.SetField("source_uuid", s["uuid"])
            f.SetField("kind", "spot_check")
            f.SetField("inspected_on", batch.drawn_on)
            f.SetField("findings", text)
            if math.isfinite(s["x"]) and math.isfinite(s["y"]):
                pt = ogr.Geometry(ogr.wkbPoint)
                pt.AddPoint_2D(s["x"], s["y"])
                f.SetGeometry(pt)
            lyr.CreateFeature(f)
        lyr.CommitTransaction()
    except Exception:
        lyr.RollbackTransaction()
        raise
    finally:
        ds = None


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
