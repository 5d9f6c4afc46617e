"""Spot-check sampler for leakage self-investigations (seed 000 §三(二)6(1)) and any other record set (issue 16):
sources by the status of any workflow, self-monitoring reports received, construction-land survey records.

The plan: "采取企业自查为主、生态环境部门抽查为辅的方式……原则上抽查对象应涵盖地下水污染源渗漏排查清单的每一种类型，
抽查数量不低于开展排查企业的5%" — enterprises investigate themselves, the bureau spot-checks at least 5% of the
enterprises that carried out the investigation, covering every source type on the list.

Decisions (documented in the algorithm's help):

* Population: sources whose leakage self-investigation is done but not yet verified — ``leakage_status`` in
  ``self_investigated`` or ``report_received``. ``spot_checked`` sources were verified already and are left out
  by default (the caller may include them); ``not_started`` / ``planned`` have nothing to check. A source drawn in
  an earlier batch and not checked yet (its spot check has no result) is never drawn again until checked.
  Other record sets (:class:`Population`: any rows with a uuid, a county and a stratum) are drawn the same way; a
  drawn record that is not a source is named in its spot-check inspection by the tag
  ``[spotcheck-record:<table>:<uuid>]`` and leaves ``source_uuid`` empty, so the source's own spot-check figures
  do not count it, and it is not drawn again until a spot check of it has a result.
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
from dataclasses import asdict, dataclass, field, replace
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


@dataclass
class Population:
    """A record set to draw from: rows of ``table`` (dicts with uuid, source_uuid, source_code, name_zh, category —
    the stratum —, county_code, x, y). ``description`` is stored with the batch (``eligible_statuses``)."""

    record_set: str  # one of RECORD_SETS
    table: str
    description: str
    rows: list = field(default_factory=list)
    statuses: tuple = ()
    workflow: Optional[str] = None  # written on the spot-check inspections


#: the record sets the sampler draws from (issue 16, item 7): sources by workflow status, self-monitoring reports,
#: soil survey records (construction-land site surveys, site_stages)
RECORD_SETS = ("sources", "self_monitoring_reports", "survey_records")
REPORT_STATUSES = ("partial", "complete")  # a self-monitoring step that received samples of the year
SURVEY_PHASES = ("phase1_survey", "phase2_survey")
#: the statuses drawn from by default for each workflow: work the enterprise reports done and the bureau may verify
#: (a choice of this plugin, not a figure from the seeds; the caller may give others)
DEFAULT_STATUSES = {
    "leakage": ELIGIBLE_STATUSES,
    "antiseepage": ("done",),
    "self_monitoring": ("partial", "complete"),
    "risk_control": ("plan_done", "implemented"),
}
TAG_RECORD = "[spotcheck-record:{table}:{uuid}]"


def _no_statuses_error(statuses) -> SpotCheckError:
    return SpotCheckError(
        QCoreApplication.translate("spotcheck", "No source has a leakage status among {s}: nothing to draw.").format(
            s=list(statuses)
        )
    )


def sources_population(
    path, workflow: str = "leakage", statuses: Sequence = ELIGIBLE_STATUSES, county_codes: Optional[Sequence] = None
) -> Population:
    """The sources whose status of ``workflow`` (leakage, antiseepage, self_monitoring, risk_control) is one of
    ``statuses``."""
    from .history import WORKFLOW_FIELDS

    if workflow not in WORKFLOW_FIELDS:
        raise SpotCheckError(QCoreApplication.translate("spotcheck", "Unknown workflow {w}.").format(w=workflow))
    fname = WORKFLOW_FIELDS[workflow]
    bad = set(statuses) - set(S.codelist(fname).code_values())
    if bad or not statuses:
        raise SpotCheckError(
            QCoreApplication.translate("spotcheck", "Unknown statuses of {w}: {s}").format(w=workflow, s=sorted(bad))
        )
    src = R.read_sources(path)
    mask = src.isin(fname, statuses)
    if county_codes:
        mask &= src.isin("county_code", county_codes)
    rows = [
        {
            "uuid": src["uuid"][i],
            "source_uuid": src["uuid"][i],
            "source_code": src["source_code"][i],
            "name_zh": src["name_zh"][i],
            "category": src["category"][i],
            "county_code": src["county_code"][i],
            "x": float(src.x[i]),
            "y": float(src.y[i]),
        }
        for i in np.nonzero(mask)[0]
    ]
    desc = ",".join(statuses) if workflow == "leakage" else f"{workflow}:{','.join(statuses)}"
    return Population("sources", "pollution_sources", desc, rows, tuple(statuses), workflow)


def _source_points(path) -> dict:
    """source uuid → (source_code, name_zh, category, county_code, x, y)."""
    src = R.read_sources(path)
    return {
        u: (src["source_code"][i], src["name_zh"][i], src["category"][i], src["county_code"][i],
            float(src.x[i]), float(src.y[i]))
        for i, u in enumerate(src["uuid"])
    }  # fmt: skip


def self_monitoring_reports_population(
    path, year: Optional[int] = None, county_codes: Optional[Sequence] = None, statuses: Sequence = REPORT_STATUSES
) -> Population:
    """The self-monitoring reports received (``inspections`` steps of workflow self_monitoring whose status is one of
    ``statuses``), of ``year`` when given (``period_year``, else the step's year); stratum: the source's category."""
    points = _source_points(path)
    con = R.connect(path, readonly=True)
    try:
        marks = ",".join("?" * len(statuses))
        sql = (
            "SELECT uuid, source_uuid, county_code, coalesce(period_year, CAST(substr(inspected_on, 1, 4) AS INTEGER)) "
            f"FROM inspections WHERE workflow = 'self_monitoring' AND status_after IN ({marks}) "  # noqa: S608
            "AND source_uuid IS NOT NULL"
        )
        found = con.execute(sql, tuple(statuses)).fetchall()
    finally:
        con.close()
    rows = []
    for u, su, county, y in found:
        if year and y != int(year):
            continue
        code, name, cat, scounty, x, yy = points.get(su, ("", "", None, None, math.nan, math.nan))
        county = county or scounty
        if county_codes and county not in county_codes:
            continue
        rows.append({"uuid": u, "source_uuid": su, "source_code": code, "name_zh": f"{name} {y}", "category": cat,
                     "county_code": county, "x": x, "y": yy})  # fmt: skip
    desc = f"self_monitoring_reports:{year or 'all'}:{','.join(statuses)}"
    return Population("self_monitoring_reports", "inspections", desc, rows, tuple(statuses), "self_monitoring")


def survey_records_population(
    path, phases: Sequence = SURVEY_PHASES, year: Optional[int] = None, county_codes: Optional[Sequence] = None
) -> Population:
    """The construction-land site surveys (``site_stages`` rows of ``phases``, started in ``year`` when given) not
    drawn by the soil room's survey checks (``survey_checks``); stratum: the survey phase."""
    con = R.connect(path, readonly=True)
    try:
        if not _has_table(con, "site_stages"):
            return Population("survey_records", "site_stages", "survey_records", [], tuple(phases))
        marks = ",".join("?" * len(phases))
        taken = (
            "AND t.uuid NOT IN (SELECT stage_uuid FROM survey_checks WHERE stage_uuid IS NOT NULL) "
            if _has_table(con, "survey_checks")
            else ""
        )
        found = con.execute(
            "SELECT t.uuid, s.site_code, s.name_zh, t.stage, s.county_code, substr(t.started_on, 1, 4) "  # noqa: S608
            f"FROM site_stages t JOIN sites s ON s.uuid = t.site_uuid WHERE t.stage IN ({marks}) " + taken,
            tuple(phases),
        ).fetchall()
    finally:
        con.close()
    rows = [
        {"uuid": u, "source_uuid": None, "source_code": code, "name_zh": name, "category": stage,
         "county_code": county, "x": math.nan, "y": math.nan}
        for u, code, name, stage, county, y in found
        if (not year or y == f"{int(year):04d}") and (not county_codes or county in county_codes)
    ]  # fmt: skip
    desc = f"survey_records:{year or 'all'}:{','.join(phases)}"
    return Population("survey_records", "site_stages", desc, rows, tuple(phases))


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
    population: Optional[Population] = None,
) -> Batch:
    """Draw a batch and (with ``record``) store it as spot_check inspections.

    The population: ``population`` when given (any record set: :func:`sources_population`,
    :func:`self_monitoring_reports_population`, :func:`survey_records_population`), else the sources whose leakage
    status is one of ``eligible_statuses``; ``county_codes`` restricts it to some counties (a county bureau's own
    draw). A record drawn in an earlier batch and not checked yet is never drawn again until checked."""
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
    if population is None:
        bad = set(eligible_statuses) - set(S.codelist("leakage_status").code_values())
        if bad or not eligible_statuses:
            raise SpotCheckError(
                QCoreApplication.translate("spotcheck", "Unknown leakage statuses: {s}").format(s=sorted(bad))
            )
        population = sources_population(path, "leakage", eligible_statuses, county_codes)
    elif county_codes:
        population = replace(population, rows=[r for r in population.rows if r["county_code"] in county_codes])
    if seed is None:
        seed = secrets.randbelow(2**31)
    if not 0 <= int(seed) < 2**63:
        raise SpotCheckError(
            QCoreApplication.translate("spotcheck", "The seed must be a whole number from 0 to 2^63 - 1.")
        )
    today = today or _dt.date.today()
    con = R.connect(path, readonly=True)
    try:
        pending = pending_records(con)
    finally:
        con.close()
    # drawn and not checked yet: not drawn again (issue 16)
    rows = [r for r in population.rows if (population.table, r["uuid"]) not in pending]
    if not rows:
        if population.record_set == "sources" and population.description == ",".join(population.statuses):
            raise _no_statuses_error(population.statuses)
        raise SpotCheckError(
            QCoreApplication.translate("spotcheck", "No record to draw in {what}.").format(what=population.description)
        )
    uuids = [r["uuid"] for r in rows]
    cats = [r["category"] for r in rows]
    picked = [rows[k] for k in draw(uuids, cats, share_percent, seed)]
    counts: dict = {}
    for c in cats:
        c = c or NO_CATEGORY
        counts[c] = [counts.get(c, [0, 0])[0] + 1, 0]
    for r in picked:
        counts[r["category"] or NO_CATEGORY][1] += 1
    batch = Batch(
        batch_id=batch_id,
        drawn_on=today.isoformat(),
        drawn_by=user,
        seed=int(seed),
        share_percent=float(share_percent),
        eligible_statuses=tuple(population.statuses)
        if population.record_set == "sources" and population.description == ",".join(population.statuses)
        else (population.description,),
        population=len(uuids),
        required=sample_size(len(uuids), share_percent),
        categories={k: tuple(v) for k, v in counts.items()},
        population_digest=hashlib.sha256("\n".join(sorted(uuids)).encode()).hexdigest(),
        selected=[dict(r, table=population.table, workflow=population.workflow) for r in picked],
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
            has_workflow = ilyr.GetLayerDefn().GetFieldIndex("workflow") >= 0
            for s in batch.selected:
                f = ogr.Feature(ilyr.GetLayerDefn())
                _stamp(f, str(_uuid.uuid4()), s["county_code"] or "000000", now, batch.drawn_by)
                if batch.drawn_by:
                    f.SetField("inspector", batch.drawn_by)
                table = s.get("table", "pollution_sources")
                if table == "pollution_sources":
                    f.SetField("source_uuid", s["uuid"])
                    f.SetField("findings", text)
                else:  # another record: named by its tag (the source's own spot-check figures leave it out)
                    f.SetField("findings", TAG_RECORD.format(table=table, uuid=s["uuid"]) + " " + text)
                if s.get("workflow") and has_workflow:
                    f.SetField("workflow", s["workflow"])
                f.SetField("kind", "spot_check")
                f.SetField("inspected_on", batch.drawn_on)
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


def _record_of(findings: str, source_uuid) -> Optional[tuple]:
    """(table, uuid) a spot-check inspection is about: its record tag, else its source."""
    text = findings or ""
    start = text.find("[spotcheck-record:")
    end = text.find("]", start) if start >= 0 else -1
    if start >= 0 and end > start:
        table, _, uuid = text[start + len("[spotcheck-record:") : end].partition(":")
        return (table, uuid) if table and uuid else None
    return ("pollution_sources", source_uuid) if source_uuid else None


def pending_records(con: sqlite3.Connection) -> set:
    """(table, uuid) of the records drawn in a batch whose check has no result yet (no spot check of the record with
    a result on or after the draw): they stay out of later draws until checked. Sources are ("pollution_sources",
    uuid); other records are named by the tag of their spot-check inspection."""
    drawn: dict = {}
    checked: dict = {}
    for su, findings, on, result in con.execute(
        "SELECT source_uuid, findings, substr(inspected_on, 1, 10), result FROM inspections WHERE kind = 'spot_check'"
    ):
        key = _record_of(findings, su)
        if key is None:
            continue
        into = checked if result not in (None, "") else drawn
        into[key] = max(into.get(key, ""), on or "")
    return {k for k, on in drawn.items() if not (k in checked and checked[k] >= on)}


def pending_sources(con: sqlite3.Connection) -> set:
    """uuids of the sources drawn in a batch whose check has no result yet: they stay out of later draws until
    checked."""
    return {u for t, u in pending_records(con) if t == "pollution_sources"}


def spot_checked_sources(con: sqlite3.Connection) -> set:
    """uuids of spot-checked sources: leakage_status ``spot_checked``, or a spot_check inspection with a result.

    A source drawn in a batch whose check has no result yet is not counted, nor a spot check of another workflow
    (a batch drawn from the anti-seepage retrofits, say)."""
    a = {r[0] for r in con.execute("SELECT uuid FROM pollution_sources WHERE leakage_status = 'spot_checked'")}
    leakage_only = (
        "AND coalesce(workflow, 'leakage') = 'leakage' " if _has_column(con, "inspections", "workflow") else ""
    )
    b = {
        r[0]
        for r in con.execute(
            "SELECT source_uuid FROM inspections WHERE kind = 'spot_check' AND source_uuid IS NOT NULL "
            + leakage_only
            + "AND result IS NOT NULL AND result <> ''"
        )
    }
    return a | b
