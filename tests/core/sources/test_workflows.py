"""Workflows per source: validated status changes recorded as inspections in the layers' edit buffers (undoable,
then saved to a real GeoPackage), facility findings, documents as attachments; the credit-code constraint and the
gw_uscc_valid expression function; self-monitoring completion."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from gw_plugin.core.data import schema as S
from gw_plugin.core.sources import credit_codes
from gw_plugin.core.sources import workflows as W

from .test_rosters import X0, Y0, add_features, make_project, source

TODAY = dt.date(2024, 6, 30)


@pytest.fixture
def db(tmp_path, qgis_app):
    path = make_project(tmp_path)
    [a, b] = add_features(
        path,
        "pollution_sources",
        [
            source("甲化工", "chemical", X0 + 100, Y0 + 100, county="410122", leakage_status="planned"),
            source("乙填埋场", "landfill", X0 + 900, Y0 + 900, county="410181", antiseepage_status="done"),
        ],
    )
    [tank, pond] = add_features(
        path,
        "source_facilities",
        [
            {"source_uuid": a, "facility_type": "tank", "name_zh": "1号储罐", "wkt": f"POINT({X0 + 101} {Y0 + 99})"},
            {"source_uuid": a, "facility_type": "pond", "name_zh": "事故池", "wkt": f"POINT({X0 + 99} {Y0 + 101})"},
        ],
    )
    return path, a, b, tank, pond


def layers(path):
    from qgis.core import QgsVectorLayer

    out = {}
    for name in ("pollution_sources", "inspections", "attachments"):
        out[name] = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        assert out[name].isValid()
    return out


def rows(path, sql, args=()):
    con = sqlite3.connect(str(path))
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_transition_rules():
    ok = dict(on=TODAY, person="王五", today=TODAY)
    assert W.check_transition("leakage", "planned", "self_investigated", **ok) == []
    assert W.check_transition("leakage", "planned", "report_received", **ok) == []  # forward skip allowed
    assert W.check_transition("leakage", "planned", "planned", **ok)  # same status
    back = W.check_transition("leakage", "report_received", "planned", **ok)
    assert len(back) == 1 and "reason" in back[0]
    assert W.check_transition("leakage", "report_received", "planned", reason="报告退回", **ok) == []
    assert W.check_transition("leakage", None, "spot_checked", **ok) == []
    assert W.check_transition("leakage", "planned", "done", **ok)  # not a leakage status
    assert W.check_transition("antiseepage", "done", "not_needed", **ok)  # side status below done: reason
    assert W.check_transition("antiseepage", None, "not_needed", **ok) == []
    assert W.check_transition(
        "leakage", "planned", "self_investigated", on=TODAY + dt.timedelta(1), person="x", today=TODAY
    )
    assert W.check_transition("leakage", "planned", "self_investigated", on=TODAY, person=" ", today=TODAY)
    assert W.check_transition("nope", None, "planned", **ok)


def test_step_in_edit_buffer_undo_and_save(db, validate):
    path, a, _b, tank, pond = db
    L = layers(path)
    step = W.Step(
        "leakage",
        "self_investigated",
        dt.date(2024, 5, 20),
        "王五",
        findings="企业自查完成",
        result="issue",
        facility_findings=[
            W.FacilityFinding("tank", "ok", "罐体完好", tank),
            W.FacilityFinding("pond", "issue", "池壁裂缝", pond),
        ],
    )
    out = W.apply_step(L["pollution_sources"], L["inspections"], a, step, today=TODAY)
    assert (out.old_status, out.new_status, len(out.inspection_uuids)) == ("planned", "self_investigated", 3)
    src = L["pollution_sources"]
    assert src.isEditable() and L["inspections"].isEditable()
    assert [f["leakage_status"] for f in src.getFeatures() if f["uuid"] == a] == ["self_investigated"]
    # nothing on disk yet
    assert rows(path, "SELECT leakage_status FROM pollution_sources WHERE uuid = ?", (a,)) == [("planned",)]
    assert rows(path, "SELECT count(*) FROM inspections") == [(0,)]
    assert W.facility_findings_summary(L["inspections"], a) == {"tank": {"ok": 1}, "pond": {"issue": 1}}
    # undo both layers' commands, then redo
    src.undoStack().undo()
    L["inspections"].undoStack().undo()
    assert [f["leakage_status"] for f in src.getFeatures() if f["uuid"] == a] == ["planned"]
    assert L["inspections"].featureCount() == 0
    src.undoStack().redo()
    L["inspections"].undoStack().redo()
    assert L["inspections"].commitChanges(), L["inspections"].commitErrors()
    assert src.commitChanges(), src.commitErrors()
    assert rows(path, "SELECT leakage_status, updated_by FROM pollution_sources WHERE uuid = ?", (a,)) == [
        ("self_investigated", "王五")
    ]
    got = rows(
        path,
        "SELECT kind, inspected_on, inspector, result, facility_type, facility_uuid, findings, county_code, "
        "geom IS NOT NULL FROM inspections WHERE source_uuid = ? ORDER BY facility_type",
        (a,),
    )
    assert len(got) == 3
    main = [g for g in got if g[4] is None][0]
    assert main[:4] == ("leakage_investigation", "2024-05-20", "王五", "issue")
    assert "已计划 → 已自查" in main[6] and "企业自查完成" in main[6] and main[7] == "410122" and main[8] == 1
    assert {(g[4], g[5], g[3]) for g in got if g[4]} == {("tank", tank, "ok"), ("pond", pond, "issue")}
    assert validate(path) == []


def test_refused_step_changes_nothing(db):
    path, a, b, *_ = db
    L = layers(path)
    with pytest.raises(W.WorkflowError) as e:
        W.apply_step(
            L["pollution_sources"], L["inspections"], b, W.Step("antiseepage", "planned", TODAY, "李四"), today=TODAY
        )
    assert "reason" in str(e.value)
    assert not L["pollution_sources"].isEditable() and not L["inspections"].isEditable()
    out = W.apply_step(
        L["pollution_sources"],
        L["inspections"],
        b,
        W.Step("antiseepage", "planned", TODAY, "李四", reason="效果评估不合格，重新改造"),
        today=TODAY,
    )
    assert out.old_status == "done"
    hist = W.history(L["inspections"], b)
    assert hist[0]["kind"] == "visit" and "效果评估不合格" in hist[0]["findings"]
    with pytest.raises(W.WorkflowError):  # facility findings only for leakage
        W.apply_step(
            L["pollution_sources"],
            L["inspections"],
            b,
            W.Step("antiseepage", "done", TODAY, "李四", facility_findings=[W.FacilityFinding("tank", "ok")]),
            today=TODAY,
        )


def test_spot_check_step_with_documents(db, tmp_path):
    path, a, *_ = db
    L = layers(path)
    doc = tmp_path / "抽查报告.pdf"
    doc.write_bytes(b"%PDF-1.4 spot check")
    bid = "0b7f1c3e-1111-4222-8333-444455556666"
    out = W.apply_step(
        L["pollution_sources"],
        L["inspections"],
        a,
        W.Step("leakage", "spot_checked", TODAY, "赵六", result="ok", documents=[str(doc)], batch_uuid=bid),
        attachments_layer=L["attachments"],
        gpkg=str(path),
        today=TODAY,
    )
    assert len(out.attachment_uuids) == 1
    for name in ("inspections", "attachments", "pollution_sources"):
        assert L[name].commitChanges(), L[name].commitErrors()
    assert rows(path, "SELECT kind, batch_uuid, result FROM inspections") == [("spot_check", bid, "ok")]
    [(ptable, puuid, fp)] = rows(path, "SELECT parent_table, parent_uuid, file_path FROM attachments")
    assert (ptable, puuid) == ("inspections", out.inspection_uuids[0]) and fp.endswith(".pdf")
    assert (path.parent / fp).read_bytes() == doc.read_bytes()


def test_uscc_function_and_constraint(db):
    from qgis.core import QgsExpression, QgsExpressionContext, QgsVectorLayerUtils

    from gw_plugin.core.sources import expressions as E

    path, a, *_ = db
    E.unregister_functions()
    assert not QgsExpression.isFunctionName("gw_uscc_valid")
    E.register_functions()
    E.register_functions()  # idempotent
    good = credit_codes.generate_uscc(random.Random(5), division="410122")
    bad = good[:17] + ("0" if good[17] != "0" else "1")  # wrong check character
    ctx = QgsExpressionContext()
    for text, expected in (
        (f"gw_uscc_valid('{good}')", True),
        (f"gw_uscc_valid('{bad}')", False),
        ("gw_uscc_valid(NULL)", None),
        ("gw_uscc_valid('')", None),
        (f"gw_uscc_valid('{good.lower()}')", True),
    ):
        e = QgsExpression(text)
        assert e.evaluate(ctx) == expected, text
        assert not e.hasEvalError()
    L = layers(path)
    src = L["pollution_sources"]
    assert W.add_uscc_constraint(src)
    idx = src.fields().indexOf("uscc")
    f = next(src.getFeatures())
    f["uscc"] = bad
    ok, errors = QgsVectorLayerUtils.validateAttribute(src, f, idx)
    assert not ok and errors
    f["uscc"] = good
    assert QgsVectorLayerUtils.validateAttribute(src, f, idx)[0]
    f["uscc"] = None
    assert QgsVectorLayerUtils.validateAttribute(src, f, idx)[0]
    assert not W.add_uscc_constraint(L["inspections"])
    E.unregister_functions()
    assert not QgsExpression.isFunctionName("gw_uscc_valid")


def test_self_monitoring_status():
    assert W.self_monitoring_status(3, 2, 0) == "required"
    assert W.self_monitoring_status(3, 2, 1) == "partial"
    assert W.self_monitoring_status(0, 2, 2) == "partial"
    assert W.self_monitoring_status(3, 2, 2) == "complete"
    assert W.self_monitoring_status(3, 4, 5) == "complete"
    with pytest.raises(W.WorkflowError):
        W.self_monitoring_status(3, 0, 1)
    assert "50%" in W.self_monitoring_findings(2024, 3, 2, 1)


# --------------------------------------------------------------------------------------------------------------
# Abandoned-well ledger (gwplugin:abandonedwells)
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def wells_db(tmp_path, qgis_app):
    from .test_rosters import square

    path = make_project(tmp_path)
    add_features(
        path,
        "admin_units",
        [
            {"code": "410101", "name_zh": "中原区", "level": "county", "wkt": square(X0 - 5000, Y0 - 5000, 20000)},
            {"code": "410102", "name_zh": "二七区", "level": "county", "wkt": square(X0 + 15000, Y0 - 5000, 20000)},
        ],
    )
    rng = random.Random(8)
    kinds = ["mine_shaft", "borehole", "water_well", "geothermal"]
    risks = ["high", "medium", "low", None]
    seals = ["not_sealed", "planned", "sealed", "verified"]
    wells = []
    for i in range(40):
        seal = seals[i % 4]
        wells.append(
            {
                "well_code": f"FQ{i:03d}",
                "name_zh": f"废弃井{i}",
                "kind": kinds[(i // 4) % 4],
                "county_code": "410101" if i % 3 else "410102",
                "depth_m": round(rng.uniform(20, 400), 1),
                "risk_class": risks[(i // 2) % 4],
                "sealing_status": seal,
                "sealed_on": f"2023-04-0{1 + i % 9}" if seal in ("sealed", "verified") else None,
                "department": ["自然资源局", "水利局"][i % 2],
                "sealing_planned_on": "2025-06-30" if seal == "planned" else None,
                "wkt": f"POINT({X0 + 10 * i} {Y0 + 5 * i})",
            }
        )
        wells[-1].update(x=X0 + 10 * i, y=Y0 + 5 * i)
    add_features(path, "abandoned_wells", [{k: v for k, v in w.items() if k not in ("x", "y")} for w in wells])
    return path, wells


def test_abandoned_wells_ledger(provider, wells_db, tmp_path):
    import processing
    from openpyxl import load_workbook

    path, wells = wells_db
    xlsx = tmp_path / "ledger.xlsx"
    res = processing.run(
        "gwplugin:abandonedwells",
        {"DATABASE": str(path), "XLSX": str(xlsx), "OUTPUT": "TEMPORARY_OUTPUT", "CITY": "郑州市"},
    )
    assert res["N_WELLS"] == 40
    ws = load_workbook(str(xlsx)).active
    assert [c.value for c in ws[3]] == [
        "序号",
        "编号",
        "名称",
        "类型",
        "所在县区",
        "井深",
        "风险等级",
        "封井状态",
        "封填日期",
        "责任部门",
        "计划封填日期",
        "X",
        "Y",
        "经度",
        "纬度",
    ]
    assert ws["A1"].value == "郑州市废弃矿井、钻孔和水井台账" and "共40眼" in ws["A2"].value
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [d[0] for d in data] == list(range(1, 41))
    # independent ordering: county, risk high→medium→low→none, code
    order = {"high": 0, "medium": 1, "low": 2, None: 9}
    expected = sorted(wells, key=lambda w: (w["county_code"], order[w["risk_class"]], w["well_code"]))
    assert [d[1] for d in data] == [w["well_code"] for w in expected]
    first = expected[0]
    row = data[0]
    assert row[4] == {"410101": "中原区", "410102": "二七区"}[first["county_code"]]
    assert row[5] == first["depth_m"]
    labels = {"not_sealed": "未封填", "planned": "计划封填", "sealed": "已封填", "verified": "已验收"}
    assert [d[7] for d in data] == [labels[w["sealing_status"]] for w in expected]
    assert [d[8] or None for d in data] == [w["sealed_on"] for w in expected]
    # department, planned sealing date and the coordinates in the layer's CRS
    assert [d[9] for d in data] == [w["department"] for w in expected]
    assert [d[10] or None for d in data] == [w["sealing_planned_on"] for w in expected]
    assert [(d[11], d[12]) for d in data] == [(float(w["x"]), float(w["y"])) for w in expected]
    layer = res["OUTPUT"]
    assert layer.featureCount() == 40 and layer.crs().authid() == "EPSG:4547"
    # filters: county 410101, mine shafts and boreholes, not yet sealed or planned
    xlsx2 = tmp_path / "filtered.xlsx"
    res2 = processing.run(
        "gwplugin:abandonedwells",
        {
            "DATABASE": str(path),
            "COUNTIES": "410101",
            "KINDS": [0, 1],
            "SEALING": [0, 1],
            "XLSX": str(xlsx2),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    want = [
        w for w in wells
        if w["county_code"] == "410101" and w["kind"] in ("mine_shaft", "borehole")
        and w["sealing_status"] in ("not_sealed", "planned")
    ]  # fmt: skip
    assert 0 < res2["N_WELLS"] == len(want) < 40
    feats = list(res2["OUTPUT"].getFeatures())
    assert sorted(f["well_code"] for f in feats) == sorted(w["well_code"] for w in want)
    assert all(not f.geometry().isNull() for f in feats)
    ws2 = load_workbook(str(xlsx2)).active
    assert "县区=410101" in ws2["A2"].value and ws2.max_row == 3 + len(want)


def test_spot_checked_step_completes_the_drawn_batch(db):
    """A source drawn in a recorded batch: the spot_checked step is linked to that batch automatically."""
    from gw_plugin.core.sources import spotcheck as SC

    path, a, *_ = db
    from .test_rosters import execute

    execute(path, f"UPDATE pollution_sources SET leakage_status = 'report_received' WHERE uuid = '{a}'")
    batch = SC.draw_batch(path, "B-9", seed=1, today=dt.date(2024, 6, 1))
    assert [s["uuid"] for s in batch.selected] == [a]
    [(batch_uuid,)] = rows(path, "SELECT uuid FROM spotcheck_batches WHERE batch_id = 'B-9'")
    L = layers(path)
    assert W.pending_batch_uuid(L["inspections"], a) == batch_uuid
    W.apply_step(
        L["pollution_sources"], L["inspections"], a, W.Step("leakage", "spot_checked", TODAY, "赵六", result="ok"),
        today=TODAY,
    )  # fmt: skip
    assert L["inspections"].commitChanges() and L["pollution_sources"].commitChanges()
    got = rows(path, "SELECT result, batch_uuid FROM inspections WHERE source_uuid = ? ORDER BY result", (a,))
    assert got == [(None, batch_uuid), ("ok", batch_uuid)]
    assert W.pending_batch_uuid(L["inspections"], a) is None  # the batch's check of this source is done


def test_facility_types_name_the_eight_areas_of_seed_004():
    # seed 004 三(二)2: 涉水生产区、污水收集处理系统、物料堆场、储罐区、填埋场、渗滤液收集池、污水检查井、污泥堆放场
    codes = set(S.codelist("facility_type").code_values())
    areas = W.SEED004_LEAKAGE_AREAS
    assert len(areas) == 8 and len(set(areas.values())) == 8 and set(areas.values()) <= codes
    assert S.codelist("facility_type").label(areas["污水检查井"], "zh") == "污水检查井"
    assert S.codelist("facility_type").label(areas["污泥堆放场"], "zh") == "污泥堆放场"
    assert S.codelist("facility_type").label(areas["涉水生产区"], "zh") == "涉水生产区"


def test_abandoned_well_longitude_latitude(tmp_path):
    path = make_project(tmp_path)
    # on the central meridian of EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E): longitude 114°
    add_features(
        path,
        "abandoned_wells",
        [{"well_code": "FQ1", "name_zh": "井", "kind": "borehole", "sealing_status": "planned",
          "wkt": "POINT(500000 3850000)"}],
    )  # fmt: skip
    (row,) = W.abandoned_well_rows(str(path))
    assert row.lon == pytest.approx(114.0, abs=1e-9) and 34.7 < row.lat < 34.9
    assert row.ledger_values()[13:] == [114.0, round(row.lat, 6)]
