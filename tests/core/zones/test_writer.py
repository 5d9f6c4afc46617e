"""core/zones/writer.py on the demo city's GeoPackage: zones of every method from the real drinking-water wells,
the closed-form radii and capture-zone widths, provenance (method, every parameter, author, time) in the edit
buffer, one undo removing a batch, commit and read back through OGR, the riverside source with the river as a
head-specified line, and the GeoPackage still valid after the commit."""

from __future__ import annotations

import json
import math
import sqlite3

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer

from gw_plugin.core.demo.build import build_demo
from gw_plugin.core.sources import rosters as R
from gw_plugin.core.zones import methods as Z
from gw_plugin.core.zones import writer as W


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qgis_app):
    return build_demo(str(tmp_path_factory.mktemp("zone_writer_demo")))


def demo_wells(db: str, source_type: str | None = None) -> list:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT m.uuid, m.well_code, m.water_source_uuid, m.county_code, m.pumping_rate_m3d, m.geom, s.source_type "
        "FROM monitoring_wells m JOIN drinking_water_sources s ON s.uuid = m.water_source_uuid "
        "WHERE m.pumping_rate_m3d IS NOT NULL ORDER BY m.well_code"
    ).fetchall()
    con.close()
    out = []
    for u, code, ws, cc, q, g, st in rows:
        if source_type and st != source_type:
            continue
        x, y = R.point_xy(g)
        out.append(W.WellInput(u, x, y, ws, cc, code, {"Q": q}))
    return out


def layers_of(db: str) -> dict:
    return {t: QgsVectorLayer(f"{db}|layername={t}", t, "ogr") for t in ("protection_zones", "recharge_zones")}


def test_every_method_has_defaults_and_labels():
    for m in W.METHODS:
        params = W.default_parameters(m)
        assert params and all(v is not None for v in params.values())
        assert W.method_label(m, "zh") and W.method_label(m, "en")
    assert W.default_parameters("hj338_formula")["ALPHA"] == 1.5  # HJ 338 alpha, reference README §2
    assert W.default_parameters("hj338_formula")["T_CLASS_1"] == 100.0  # HJ 338 class I, 100 d
    assert W.default_parameters("hj338_formula")["T_CLASS_2"] == 1000.0  # HJ 338 class II, 1000 d
    assert [p.per_well for p in W.METHOD_PARAMS["uniform_flow"] if p.key == "Q"] == ["pumping_rate_m3d"]


def test_hj338_formula_radius_and_dissolve(demo):
    wells = demo_wells(demo.database)
    one = wells[:1]
    zs = W.compute_zones("hj338_formula", one, {"K": 20, "GRADIENT": 0.002, "POROSITY": 0.25})
    assert [z.zone_class for z in zs] == ["class_1", "class_2"]
    for z, t in zip(zs, (100, 1000)):
        r = 1.5 * 20 * 0.002 * t / 0.25  # R = alpha K I T / n
        assert z.parameters["wells"][0]["radius_m"] == pytest.approx(r, abs=5e-4)  # stored to the mm
        # 128-gon: area pi r^2 * (128 / 2pi) sin(2pi / 128) (0.04 % below the circle)
        assert z.geometry.area() == pytest.approx(math.pi * r * r, rel=5e-4)
        assert z.table == "protection_zones" and z.water_source_uuid == one[0].water_source_uuid
    field = [w for w in wells if w.water_source_uuid == one[0].water_source_uuid]
    zs = W.compute_zones("hj338_formula", field, {})
    assert len(zs) == 2 and zs[0].geometry.isGeosValid()
    assert len(zs[0].parameters["wells"]) == len(field) > 1
    zs = W.compute_zones("hj338_formula", field, {}, dissolve=False)
    assert len(zs) == 2 * len(field) and zs[0].well_uuid == field[0].uuid


def test_fixed_radius_uses_the_well_pumping_rate(demo):
    w = demo_wells(demo.database)[0]
    q = w.values["Q"]
    zs = W.compute_zones("fixed_radius", [w], {"POROSITY": 0.2, "H": 30})
    r = math.sqrt(q * 100 / (math.pi * 0.2 * 30))  # r = sqrt(Q t / (pi n H)), EPA-440/5-93-001
    assert zs[0].parameters["wells"][0]["q"] == q
    assert zs[0].parameters["wells"][0]["radius_m"] == pytest.approx(r, abs=5e-4)  # stored to the mm


def test_table_method_records_the_unverified_status(demo):
    zs = W.compute_zones("hj338_table", demo_wells(demo.database)[:1], {"MEDIUM": "中砂"})
    assert zs[0].parameters["value_status"] == "unverified"
    assert zs[0].parameters["wells"][0]["radius_m"] == Z.table_radius("medium_sand", "class_1").radius_default_m


def test_uniform_flow_zone_width(demo):
    w = demo_wells(demo.database)[0]
    assert w.values["Q"] != 5000.0
    zs = W.compute_zones("uniform_flow", [w], {"K": 50, "THICKNESS": 25, "GRADIENT": 0.002, "FLOW_AZIMUTH": 90})
    assert zs[0].parameters["q"] == w.values["Q"]  # the well's own pumping rate wins over the parameter
    w.values["Q"] = 5000.0
    zs = W.compute_zones(
        "uniform_flow", [w], {"Q": 1.0, "K": 50, "THICKNESS": 25, "GRADIENT": 0.002, "FLOW_AZIMUTH": 90}
    )
    kinds = [(z.kind, z.tot_days) for z in zs]
    assert kinds == [("capture", None), ("time_of_travel", 100.0), ("time_of_travel", 1000.0)]
    g = zs[0].geometry
    # flow towards east: the zone's width along north-south at the well is 2 Q/(4 K B i) (Grubb 1993)
    q0 = 50 * 25 * 0.002
    box = g.boundingBox()
    assert box.xMaximum() - w.x == pytest.approx(5000 / (2 * math.pi * q0), rel=5e-3)  # stagnation point
    assert box.height() < 5000 / q0 + 1  # never wider than Q / Q0
    assert zs[1].geometry.area() < zs[2].geometry.area() < g.area()
    assert zs[0].parameters["stagnation_m"] == pytest.approx(5000 / (2 * math.pi * q0))


def test_riverside_aem_with_the_river(demo):
    wells = demo_wells(demo.database, "riverside")
    lines = W.read_lines(demo.context["river"])
    params = {"K": 60, "THICKNESS": 30, "GRADIENT": 0.002, "FLOW_AZIMUTH": 0, "TRAVEL_TIMES": "100"}
    river, note = W.river_for_field(lines, [(w.x, w.y) for w in wells], W.full_parameters("aem", params))
    assert river is not None and note == ""
    side = river.side(np.array([w.x + 1j * w.y for w in wells]))
    assert (side > 0).all() or (side < 0).all()
    zs = W.compute_zones("aem", wells, params, river=river)
    assert {z.kind for z in zs} == {"capture", "time_of_travel"}
    assert all(z.parameters["engine"] in ("superposition", "timml") for z in zs)
    assert "river_head_line" in zs[0].parameters
    # with the river as a head-specified line, zones end at it: no vertex beyond the river
    sign = np.sign(side[0])
    reach_river = 0
    for z in zs:
        assert z.geometry.isGeosValid()
        pts = np.array([[v.x(), v.y()] for v in z.geometry.vertices()])
        d = sign * river.side(pts[:, 0] + 1j * pts[:, 1])
        assert d.min() > -1.0
        reach_river += z.kind == "capture" and d.min() < 5.0
    assert reach_river >= 1  # at least one capture zone draws water from the river


def test_write_undo_commit_read_back(demo, validate, tmp_path):
    import shutil

    db = str(tmp_path / "copy.gpkg")
    shutil.copy(demo.database, db)
    wells = demo_wells(db)[:3]
    layers = layers_of(db)
    pz, rz = layers["protection_zones"], layers["recharge_zones"]
    n0 = pz.featureCount()
    zs = W.compute_zones("hj338_formula", wells, {"K": 12}) + W.compute_zones("uniform_flow", wells[:1], {})
    added = W.write_zones(zs, layers, author="zone-tester")
    assert pz.isEditable() and rz.isEditable()
    assert pz.featureCount() == n0 + len(added["protection_zones"])
    # one undo removes the whole batch of a layer, redo brings it back
    pz.undoStack().undo()
    assert pz.featureCount() == n0
    pz.undoStack().redo()
    assert pz.featureCount() == n0 + len(added["protection_zones"])
    # editable like any polygon: move one vertex of a zone in the buffer
    fid = next(f.id() for f in pz.getFeatures() if f["uuid"] == added["protection_zones"][0])
    g = pz.getFeature(fid).geometry()
    v = g.vertexAt(0)
    assert pz.moveVertex(v.x() + 5.0, v.y(), fid, 0)
    assert pz.commitChanges() and rz.commitChanges()
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT uuid, zone_class, method, parameters, created_by, created_at, county_code FROM protection_zones"
    ).fetchall()
    con.close()
    assert len(rows) == n0 + 2 * len({w.water_source_uuid for w in wells})
    for uuid, zc, method, params, by, at, cc in rows:
        assert len(uuid) == 36 and zc in ("class_1", "class_2")
        p = json.loads(params)
        assert method == "hj338_formula" and p["method"] == method and p["k"] == 12.0
        assert p["author"] == by == "zone-tester" and at and p["computed_at"]
        assert {"alpha", "gradient", "porosity", "t_class_1", "t_class_2", "travel_time_d", "wells"} <= set(p)
        assert len(cc) == 6
    ds = ogr.Open(db)
    lyr = ds.GetLayerByName("recharge_zones")
    kinds = sorted((f["kind"], f["tot_days"] or 0) for f in lyr)
    assert kinds == [("capture", 0), ("time_of_travel", 100.0), ("time_of_travel", 1000.0)]
    ds = None
    assert validate(db) == []


def test_bad_inputs_raise_zone_input_errors(demo):
    w = demo_wells(demo.database)[:1]
    with pytest.raises(Z.ZoneInputError):
        W.compute_zones("hj338_formula", w, {"POROSITY": 1.5})
    with pytest.raises(Z.ZoneInputError):
        W.compute_zones("uniform_flow", w, {"TRAVEL_TIMES": "100, abc"})
    with pytest.raises(Z.ZoneInputError):
        W.compute_zones("nope", w, {})
    with pytest.raises(Z.ZoneInputError):
        W.compute_zones("hj338_formula", [], {})
