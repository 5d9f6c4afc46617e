"""Duplicate wells: detection rules, and merging in QGIS edit buffers with re-pointed samples and undo."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr
from qgis.core import QgsProject

from gw_plugin.core.data import gpkg, qgis_project
from gw_plugin.core.wells import duplicates as D


def test_rules_distance_aquifer_depth():
    W = D.WellRecord
    wells = [
        W("a", 0, 0, "phreatic", 40, "HB-1", "ecology"),
        W("b", 20, 5, "phreatic", 42, "ZR-7"),  # 20.6 m, compatible depth → duplicate of a
        W("c", 10, 10, "deep_confined", 40, "X"),  # other aquifer → not
        W("d", 25, 0, "phreatic", 120, "Y"),  # depth 120 vs 40 → not
        W("e", 45, 5, None, None, "Z"),  # 25 m from b (unknown aquifer/depth) → joins the group through b
        W("f", 500, 500, "phreatic", 40, "F"),
        W("g", 529, 500, "phreatic", 41, "G"),  # 29 m from f
        W("h", 561, 500, "phreatic", 41, "H"),  # 32 m from g, 61 from f → alone
    ]
    groups = D.find_duplicates(wells)
    as_sets = sorted(sorted(g.members) for g in groups)
    assert as_sets == [["a", "b", "e"], ["f", "g"]]
    first = next(g for g in groups if "a" in g.members)
    assert first.members[0] == "a"  # the best-documented record is the suggested keeper
    assert D.find_duplicates(wells, D.DuplicateRules(distance_m=35)) != groups
    loose = D.DuplicateRules(require_same_aquifer=False)
    assert any("c" in g.members for g in D.find_duplicates(wells, loose))


@pytest.fixture
def project_db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ids = {c: str(uuid.uuid4()) for c in ("HB-1", "ZR-7", "OTHER")}
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for code, x, depth, dept, aliases in (
        ("HB-1", 0, 40.0, None, "OLD-1"),
        ("ZR-7", 12, None, "water_resources", ""),
        ("OTHER", 900, 40.0, None, ""),
    ):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"], f["aquifer_layer"] = ids[code], code, "419901", "phreatic"
        if depth is not None:
            f["depth_m"] = depth
        if dept:
            f["department"] = dept
        f["source_codes"] = aliases
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + x} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    con = sqlite3.connect(path)
    for k, code in enumerate(("HB-1", "ZR-7", "ZR-7", "OTHER")):
        con.execute(
            "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", ids[code], f"S{k}", f"2023-0{k + 1}-01"),
        )
    con.commit()
    con.close()
    project = QgsProject()
    qgis_project.load_into_project(path, project)
    yield path, ids, project
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


def _sql(path, sql, args=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_merge_in_sql_repoints_every_table_and_undoes_all(project_db):
    path, ids, project = project_db
    # an inspection of ZR-7: its table is not loaded as a layer, and it must be re-pointed all the same
    con = D.SG.open_db(path)
    with D.SG.transaction(con):
        con.execute(
            "INSERT INTO inspections (uuid, county_code, well_uuid, kind, inspected_on) VALUES (?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", ids["ZR-7"], "routine", "2023-05-01"),
        )
    con.close()
    layers = qgis_project.project_layers(project)
    wells = layers["monitoring_wells"]
    groups = D.find_duplicates(D.records_from_layer(wells))
    assert len(groups) == 1 and len(groups[0].members) == 2
    keep, drop = groups[0].members
    assert wells.getFeature(keep)["well_code"] == "HB-1"
    before = {t: _sql(path, f"SELECT * FROM {t} ORDER BY fid") for t in ("monitoring_wells", "samples", "inspections")}
    result = D.merge_wells_sql(path, ids["HB-1"], [ids["ZR-7"]])
    assert result.repointed == {"samples": 2, "inspections": 1}
    assert _sql(path, "SELECT well_code, source_codes, department FROM monitoring_wells ORDER BY fid") == [
        ("HB-1", "OLD-1; ZR-7", "water_resources"),  # the alias kept, the empty department filled
        ("OTHER", "", None),
    ]
    assert _sql(path, "SELECT count(*) FROM samples WHERE well_uuid = ?", (ids["HB-1"],)) == [(3,)]
    assert _sql(path, "SELECT count(*) FROM inspections WHERE well_uuid = ?", (ids["HB-1"],)) == [(1,)]
    wells.reload()
    assert wells.featureCount() == 2
    # undo restores everything: the merged well (same fid and geometry), the re-pointed rows, the kept fields
    result.undo()

    after = {t: _sql(path, f"SELECT * FROM {t} ORDER BY fid") for t in before}
    cols = [r[1] for r in _sql(path, "PRAGMA table_info(monitoring_wells)")]
    skip = {cols.index("updated_at"), cols.index("updated_by")} if "updated_by" in cols else {cols.index("updated_at")}
    trim = lambda rows: [tuple(v for k, v in enumerate(r) if k not in skip) for r in rows]  # noqa: E731
    assert trim(after["monitoring_wells"]) == trim(before["monitoring_wells"])
    for t in ("samples", "inspections"):
        c = [r[1] for r in _sql(path, f"PRAGMA table_info({t})")]
        sk = {c.index("updated_at"), c.index("updated_by")}
        assert [tuple(v for k, v in enumerate(r) if k not in sk) for r in after[t]] == [
            tuple(v for k, v in enumerate(r) if k not in sk) for r in before[t]
        ]
    with pytest.raises(D.MergeError):
        result.undo()
    with pytest.raises(D.MergeError):
        D.merge_wells_sql(path, ids["HB-1"], [str(uuid.uuid4())])  # no such well: nothing happens
    assert _sql(path, "SELECT count(*) FROM monitoring_wells") == [(3,)]


def test_duplicatewells_algorithm(project_db, tmp_path, qgis_processing):
    import processing
    from qgis.core import QgsVectorLayer

    from gw_plugin.processing.provider import register_provider

    register_provider()
    path, ids, _ = project_db
    out = str(tmp_path / "dups.gpkg")
    processing.run("gwplugin:duplicatewells", {"INPUT": f"{path}|layername=monitoring_wells", "OUTPUT": out})
    feats = list(QgsVectorLayer(out, "d", "ogr").getFeatures())
    assert sorted(f["well_code"] for f in feats) == ["HB-1", "ZR-7"]
    assert [f["well_code"] for f in feats if f["keeper"]] == ["HB-1"]
    assert all(f["max_distance_m"] == pytest.approx(12.0) for f in feats)
    processing.run(
        "gwplugin:duplicatewells",
        {"INPUT": f"{path}|layername=monitoring_wells", "DISTANCE": 10, "OUTPUT": out + "2.gpkg"},
    )
    assert QgsVectorLayer(out + "2.gpkg", "d", "ogr").featureCount() == 0
