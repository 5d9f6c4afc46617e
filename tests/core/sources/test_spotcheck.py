"""Spot-check sampler: share rounded up, every category covered, reproducible; batches recorded and never replaced."""

from __future__ import annotations

import json
import math
import random
import sqlite3
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingException

from gw_plugin.core.data import schema as S
from gw_plugin.core.sources import spotcheck as SC

from .test_rosters import X0, Y0, add_features, execute, make_project, new_uuid, source, square

CATS = S.codelist("source_category").code_values()


def test_sample_size_rounds_up_exactly():
    # seed 000 三(二)6(1): 不低于开展排查企业的5% — rounded up
    assert SC.sample_size(20, 5) == 1
    assert SC.sample_size(21, 5) == 2
    assert SC.sample_size(100, 5) == 5
    assert SC.sample_size(101, 5) == 6
    assert SC.sample_size(1, 5) == 1
    assert SC.sample_size(0, 5) == 0
    assert SC.sample_size(3, 100) == 3
    assert SC.sample_size(1000, 0.7) == 7  # 0.7 % of 1000 is 7 exactly (floats would give 7.000000000000001 → 8)


inventories = st.lists(
    st.tuples(st.uuids().map(str), st.sampled_from(CATS + [None])), min_size=0, max_size=400, unique_by=lambda t: t[0]
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inv=inventories,
    share=st.floats(min_value=0.1, max_value=100).map(lambda f: round(f, 2)),
    seed=st.integers(0, 2**63),
)
def test_share_coverage_and_reproducibility(inv, share, seed):
    uuids = [u for u, _ in inv]
    cats = [c for _, c in inv]
    picked = SC.draw(uuids, cats, share, seed)
    n = len(inv)
    present = {c or SC.NO_CATEGORY for c in cats}
    got = {cats[i] or SC.NO_CATEGORY for i in picked}
    # independent computation of the minimum: ceil(share% × N), and one per category
    required = math.ceil(Fraction(round(share * 100)) * n / 10000) if n else 0
    assert len(picked) == len(set(picked))
    assert len(picked) >= required
    assert got == present
    assert len(picked) == max(min(required, n), len(present)) if n else picked == []
    assert SC.draw(uuids, cats, share, seed) == picked
    # independent of row order
    perm = list(range(n))
    random.Random(seed).shuffle(perm)
    again = SC.draw([uuids[i] for i in perm], [cats[i] for i in perm], share, seed)
    assert sorted(uuids[perm[i]] for i in again) == sorted(uuids[i] for i in picked)


def test_different_seeds_differ():
    uuids = [new_uuid() for _ in range(500)]
    cats = ["chemical"] * 500
    a = SC.draw(uuids, cats, 5, 1)
    b = SC.draw(uuids, cats, 5, 2)
    assert len(a) == len(b) == 25 and a != b


def test_bad_share():
    with pytest.raises(SC.SpotCheckError):
        SC.draw(["a"], ["chemical"], 0, 1)
    with pytest.raises(SC.SpotCheckError):
        SC.draw(["a"], ["chemical"], 101, 1)


@pytest.fixture
def inventory(tmp_path):
    path = make_project(tmp_path)
    rng = random.Random(3)
    rows = []
    statuses = ["not_started", "planned", "self_investigated", "report_received", "spot_checked"]
    for i in range(230):
        cat = ["chemical", "electroplating", "landfill", "tailings_pond"][i % 4] if i < 220 else "hazardous_waste"
        rows.append(
            source(
                f"源{i:03d}", cat, X0 + rng.uniform(0, 9000), Y0 + rng.uniform(0, 9000), leakage_status=statuses[i % 5]
            )
        )
    add_features(path, "pollution_sources", rows)
    return path, rows


def test_batch_recorded_and_never_replaced(inventory, validate, tmp_path):
    path, rows = inventory
    eligible = [r for r in rows if r["leakage_status"] in ("self_investigated", "report_received")]
    cats = {r["category"] for r in eligible}
    preview = SC.draw_batch(path, "preview", seed=11, record=False)
    b = SC.draw_batch(path, "2023-01", seed=11, user="张三")
    # the same inventory and seed give the same batch
    assert [s["uuid"] for s in preview.selected] == [s["uuid"] for s in b.selected]
    assert b.population == len(eligible) == 92
    assert b.required == math.ceil(len(eligible) * 5 / 100) == 5
    assert len(b.selected) == max(5, len(cats))
    assert {s["category"] for s in b.selected} == cats
    con = sqlite3.connect(str(path))
    got = con.execute(
        "SELECT i.source_uuid, i.kind, i.inspector, i.inspected_on, p.leakage_status, i.result, "
        "i.geom IS NOT NULL FROM inspections i JOIN pollution_sources p ON p.uuid = i.source_uuid"
    ).fetchall()
    con.close()
    assert len(got) == len(b.selected)
    assert all(k == "spot_check" and who == "张三" and res is None and g for _u, k, who, _d, _ls, res, g in got)
    assert all(ls in ("self_investigated", "report_received") for *_a, ls, _r, _g in got)
    assert SC.recorded_batches(path) == {"2023-01": len(b.selected)}
    assert sorted(SC.batch_sources(path, "2023-01")) == sorted(s["uuid"] for s in b.selected)
    # same id again: refused, the recorded batch stays as it was
    with pytest.raises(SC.SpotCheckError):
        SC.draw_batch(path, "2023-01", seed=99, user="李四")
    assert SC.recorded_batches(path) == {"2023-01": len(b.selected)}
    assert "preview" not in SC.recorded_batches(path)
    # drawn and not checked yet: not drawn again (the population shrinks by the pending batch)
    again = SC.draw_batch(path, "preview", seed=11, record=False)
    assert again.population == 92 - len(b.selected)
    assert not {s["uuid"] for s in again.selected} & {s["uuid"] for s in b.selected}
    # a new id: both batches kept
    b2 = SC.draw_batch(path, "2023-02", seed=12, user="李四", share_percent=10)
    assert len(b2.selected) == max(math.ceil((92 - len(b.selected)) * 10 / 100), len(cats))
    assert not {s["uuid"] for s in b2.selected} & {s["uuid"] for s in b.selected}
    # once its check has a result, a source can be drawn again
    first = b.selected[0]["uuid"]
    con = sqlite3.connect(str(path))
    assert first in SC.pending_sources(con)
    con.close()
    execute(path, f"UPDATE inspections SET result = 'ok' WHERE source_uuid = '{first}'")
    con = sqlite3.connect(str(path))
    assert first not in SC.pending_sources(con) and first in SC.spot_checked_sources(con)
    con.close()
    assert SC.recorded_batches(path) == {"2023-01": len(b.selected), "2023-02": len(b2.selected)}
    json.dumps(b2.record(), ensure_ascii=False)
    # the batch table holds one row per batch, and every inspection points to its batch by uuid
    recs = {r["batch_id"]: r for r in SC.batch_records(path)}
    assert set(recs) == {"2023-01", "2023-02"}
    r1 = recs["2023-01"]
    assert (r1["seed"], r1["share_percent"], r1["population"], r1["required"], r1["drawn_by"]) == (
        11,
        5.0,
        92,
        5,
        "张三",
    )
    assert r1["eligible_statuses"] == "self_investigated,report_received"
    assert r1["population_sha256"] == b.population_digest and len(r1["population_sha256"]) == 64
    assert {k: tuple(v) for k, v in r1["categories"].items()} == b.categories
    con = sqlite3.connect(str(path))
    per_batch = dict(
        con.execute(
            "SELECT b.batch_id, count(*) FROM inspections i JOIN spotcheck_batches b ON b.uuid = i.batch_uuid "
            "GROUP BY b.batch_id"
        ).fetchall()
    )
    orphans = con.execute("SELECT count(*) FROM inspections WHERE batch_uuid IS NULL").fetchone()[0]
    con.close()
    assert per_batch == {"2023-01": len(b.selected), "2023-02": len(b2.selected)} and orphans == 0
    assert validate(path) == []


def test_legacy_tagged_batch_still_blocks_its_id(inventory):
    """Databases written before the batch table tagged the findings; those batches still count and block the id."""
    path, rows = inventory
    con = sqlite3.connect(str(path))
    uuids = [r[0] for r in con.execute("SELECT uuid FROM pollution_sources ORDER BY uuid LIMIT 3")]
    con.close()
    add_features(
        path,
        "inspections",
        [
            {
                "source_uuid": u,
                "kind": "spot_check",
                "inspected_on": "2022-05-01",
                "findings": "旧批次\n[spotcheck-batch:OLD-1]",
            }
            for u in uuids
        ],
    )
    assert SC.recorded_batches(path) == {"OLD-1": 3}
    assert sorted(SC.batch_sources(path, "OLD-1")) == sorted(uuids)
    with pytest.raises(SC.SpotCheckError):
        SC.draw_batch(path, "OLD-1", seed=1)
    SC.draw_batch(path, "NEW-1", seed=1)
    assert set(SC.recorded_batches(path)) == {"OLD-1", "NEW-1"}


def test_recheck_inside_the_transaction(inventory):
    """A batch recorded between the first check and the write (another user) is not replaced."""
    path, _rows = inventory
    first = SC.draw_batch(path, "RACE", seed=3, record=False)
    SC.draw_batch(path, "RACE", seed=4)
    before = SC.batch_sources(path, "RACE")
    with pytest.raises(SC.SpotCheckError):
        SC._record(path, first)
    assert SC.batch_sources(path, "RACE") == before
    assert SC.recorded_batches(path) == {"RACE": len(before)}


def test_including_spot_checked_and_counties(inventory):
    path, rows = inventory
    b = SC.draw_batch(
        path, "x", seed=1, record=False, eligible_statuses=("self_investigated", "report_received", "spot_checked")
    )
    assert b.population == sum(r["leakage_status"] in SC.INVESTIGATED_STATUSES for r in rows)
    with pytest.raises(SC.SpotCheckError):
        SC.draw_batch(path, "y", seed=1, record=False, county_codes=["999999"])
    with pytest.raises(SC.SpotCheckError):
        SC.draw_batch(path, "a[1]", seed=1, record=False)


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def test_spotcheck_algorithm(provider, inventory, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    path, rows = inventory
    rec = tmp_path / "batch.json"
    res = processing.run(
        "gwplugin:spotcheck",
        {"DATABASE": str(path), "SEED": 7, "BATCH_ID": "B1", "OUTPUT": "TEMPORARY_OUTPUT", "RECORD": str(rec)},
    )
    cats = {r["category"] for r in rows if r["leakage_status"] in SC.ELIGIBLE_STATUSES}
    assert res["N_POPULATION"] == 92 and res["N_DRAWN"] == max(5, len(cats)) and res["RECORDED"]
    feats = list(res["OUTPUT"].getFeatures())
    assert len(feats) == res["N_DRAWN"] and all(f.geometry().asPoint().x() > X0 for f in feats)
    data = json.loads(rec.read_text(encoding="utf-8"))
    assert data["seed"] == 7 and data["batch_id"] == "B1" and len(data["selected"]) == res["N_DRAWN"]
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:spotcheck", {"DATABASE": str(path), "SEED": 8, "BATCH_ID": "B1"})
    # defaults only (no SHARE, no SEED, no BATCH_ID): a new batch with a generated id
    res2 = processing.run("gwplugin:spotcheck", {"DATABASE": str(path), "PREVIEW": True})
    assert res2["BATCH_ID"].startswith("SC-") and not res2["RECORDED"]
    assert SC.recorded_batches(path) == {"B1": res["N_DRAWN"]}


# ----------------------------------------------------------------------------------------------------------------
# Any record set; a record drawn and not checked is never drawn again (issue 16, item 7)
# ----------------------------------------------------------------------------------------------------------------
def _spot_rows(path) -> list:
    con = sqlite3.connect(str(path))
    try:
        return con.execute(
            "SELECT source_uuid, findings, result, workflow FROM inspections WHERE kind = 'spot_check' ORDER BY fid"
        ).fetchall()
    finally:
        con.close()


def _uuid_of(path) -> dict:
    con = sqlite3.connect(str(path))
    try:
        return dict(con.execute("SELECT source_code, uuid FROM pollution_sources"))
    finally:
        con.close()


def _with_uuids(path, rows) -> list:
    by_code = _uuid_of(path)
    return [dict(r, uuid=by_code[r["source_code"]]) for r in rows]


def test_drawn_and_unchecked_sources_are_not_drawn_again(inventory):
    path, rows = inventory
    rows = _with_uuids(path, rows)
    eligible = {r["uuid"] for r in rows if r["leakage_status"] in SC.ELIGIBLE_STATUSES}
    first = SC.draw_batch(path, "P1", share_percent=30, seed=1)
    drawn1 = {s["uuid"] for s in first.selected}
    second = SC.draw_batch(path, "P2", share_percent=100, seed=2)
    # the second batch is the whole remainder: everything eligible except the first batch
    assert second.population == len(eligible) - len(drawn1)
    assert {s["uuid"] for s in second.selected} == eligible - drawn1
    with pytest.raises(SC.SpotCheckError):  # everything is drawn and unchecked
        SC.draw_batch(path, "P3", share_percent=100, seed=3, record=False)
    # the checks of three sources of the first batch come back: those three can be drawn again
    back = sorted(drawn1)[:3]
    execute(
        path,
        "UPDATE inspections SET result = 'ok' WHERE kind = 'spot_check' AND source_uuid IN ({})".format(
            ",".join(f"'{u}'" for u in back)
        ),
    )
    third = SC.draw_batch(path, "P3", share_percent=100, seed=3, record=False)
    assert sorted(s["uuid"] for s in third.selected) == back


def test_sources_by_another_workflow(inventory):
    path, rows = inventory
    rows = _with_uuids(path, rows)
    done = sorted(r["uuid"] for r in rows)[:40]
    execute(
        path,
        "UPDATE pollution_sources SET antiseepage_status = 'done' WHERE uuid IN ({})".format(
            ",".join(f"'{u}'" for u in done)
        ),
    )
    pop = SC.sources_population(path, "antiseepage", ("done",))
    assert sorted(r["uuid"] for r in pop.rows) == done
    b = SC.draw_batch(path, "AS1", share_percent=10, seed=5, population=pop)
    assert b.population == 40 and len(b.selected) >= 4 and set(s["uuid"] for s in b.selected) <= set(done)
    got = _spot_rows(path)
    assert {r[0] for r in got} == {s["uuid"] for s in b.selected} and {r[3] for r in got} == {"antiseepage"}
    with pytest.raises(SC.SpotCheckError):
        SC.sources_population(path, "antiseepage", ("self_investigated",))  # a leakage status
    # checked: the retrofit checks do not make the sources "spot-checked" for the leakage figures
    execute(path, "UPDATE inspections SET result = 'ok' WHERE kind = 'spot_check'")
    con = sqlite3.connect(str(path))
    try:
        assert SC.spot_checked_sources(con) == {r["uuid"] for r in rows if r["leakage_status"] == "spot_checked"}
        assert SC.pending_records(con) == set()
    finally:
        con.close()


def test_self_monitoring_reports(inventory):
    path, rows = inventory
    srcs = sorted(rows, key=lambda r: r["source_code"])[:60]
    by_code = _uuid_of(path)
    reports = []
    for i, r in enumerate(srcs):
        year = 2024 if i < 45 else 2023
        status = "required" if i % 9 == 0 else "complete"  # a step that received nothing is not a report
        reports.append({"source_uuid": by_code[r["source_code"]], "kind": "visit", "workflow": "self_monitoring",
                        "status_after": status, "inspected_on": f"{year + 1}-01-20", "period_year": year})  # fmt: skip
    ids = add_features(path, "inspections", reports)
    want = {u for u, r in zip(ids, reports) if r["period_year"] == 2024 and r["status_after"] == "complete"}
    pop = SC.self_monitoring_reports_population(path, 2024)
    assert {r["uuid"] for r in pop.rows} == want and pop.table == "inspections"
    b = SC.draw_batch(path, "SM1", share_percent=20, seed=9, population=pop)
    picked = {s["uuid"] for s in b.selected}
    assert picked <= want and len(picked) >= SC.sample_size(len(want), 20)
    got = _spot_rows(path)
    # the reports are named by their tag, not as sources: the sources' spot-check figures do not count them
    assert {r[0] for r in got} == {None} and {r[3] for r in got} == {"self_monitoring"}
    assert {r[1].split("]")[0] for r in got} == {f"[spotcheck-record:inspections:{u}" for u in picked}
    con = sqlite3.connect(str(path))
    try:
        checked = {
            u
            for c, u in by_code.items()
            if next(r for r in rows if r["source_code"] == c)["leakage_status"] == "spot_checked"
        }
        assert SC.spot_checked_sources(con) == checked
        assert SC.pending_sources(con) == set()
        assert SC.pending_records(con) == {("inspections", u) for u in picked}
    finally:
        con.close()
    again = SC.draw_batch(
        path, "SM2", share_percent=100, seed=1, population=SC.self_monitoring_reports_population(path, 2024)
    )
    assert {s["uuid"] for s in again.selected} == want - picked
    # a source-level draw is not blocked by the reports drawn
    lk = SC.draw_batch(path, "LK", share_percent=100, seed=1, record=False)
    assert lk.population == sum(r["leakage_status"] in SC.ELIGIBLE_STATUSES for r in rows)


def test_survey_records(inventory):
    path, _rows = inventory
    sites = add_features(
        path,
        "sites",
        [{"site_code": f"DK{i:02d}", "name_zh": f"地块{i}", "county_code": "410101" if i < 6 else "410102",
          "wkt": square(X0 + 100 * i, Y0, 50)} for i in range(10)],
    )  # fmt: skip
    from .test_rosters import add_rows

    stages = add_rows(
        path,
        "site_stages",
        [{"site_uuid": u, "stage": "phase1_survey" if i % 2 else "phase2_survey", "started_on": "2024-03-01"}
         for i, u in enumerate(sites)]
        + [{"site_uuid": sites[0], "stage": "works", "started_on": "2024-05-01"}],
    )  # fmt: skip
    # one survey drawn already by the soil room's survey checks
    add_rows(path, "survey_checks", [{"batch_id": "S0", "site_uuid": sites[1], "stage_uuid": stages[1],
                                      "survey_phase": "phase1_survey", "drawn_on": "2024-06-01"}])  # fmt: skip
    pop = SC.survey_records_population(path)
    assert {r["uuid"] for r in pop.rows} == set(stages[:10]) - {stages[1]}
    assert {r["uuid"] for r in SC.survey_records_population(path, county_codes=["410102"]).rows} == set(stages[6:10])
    assert SC.survey_records_population(path, year=2023).rows == []
    b = SC.draw_batch(path, "SV1", share_percent=30, seed=2, population=pop)
    assert {s["category"] for s in b.selected} == {"phase1_survey", "phase2_survey"} and len(b.selected) >= 3
    again = SC.draw_batch(path, "SV2", share_percent=100, seed=2, population=SC.survey_records_population(path))
    assert {s["uuid"] for s in again.selected} == set(stages[:10]) - {stages[1]} - {s["uuid"] for s in b.selected}


def test_spotcheck_algorithm_other_record_sets(provider, inventory, tmp_path):
    import processing

    path, rows = inventory
    rows = _with_uuids(path, rows)
    done = sorted(r["uuid"] for r in rows)[:25]
    execute(
        path,
        "UPDATE pollution_sources SET risk_control_status = 'implemented' WHERE uuid IN ({})".format(
            ",".join(f"'{u}'" for u in done)
        ),
    )
    res = processing.run(
        "gwplugin:spotcheck",
        {"DATABASE": str(path), "SEED": 3, "BATCH_ID": "RC1", "RECORD_SET": 0, "WORKFLOW": 3, "SHARE": 20,
         "OUTPUT": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    feats = list(res["OUTPUT"].getFeatures())
    assert res["N_POPULATION"] == 25 and {f["record_uuid"] for f in feats} <= set(done)
    assert {f["source_uuid"] for f in feats} == {f["record_uuid"] for f in feats}
    # drawn and unchecked: a second batch over the same workflow draws only the rest
    res = processing.run(
        "gwplugin:spotcheck",
        {"DATABASE": str(path), "SEED": 3, "BATCH_ID": "RC2", "WORKFLOW": 3, "STATUSES": "implemented", "SHARE": 100},
    )
    assert res["N_POPULATION"] == 25 - len(feats) == res["N_DRAWN"]
    with pytest.raises(QgsProcessingException):  # no self-monitoring report of 2024
        processing.run("gwplugin:spotcheck", {"DATABASE": str(path), "BATCH_ID": "R", "RECORD_SET": 1, "YEAR": 2024})
