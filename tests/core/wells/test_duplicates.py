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


def test_merge_repoints_samples_keeps_aliases_and_undoes(project_db):
    path, ids, project = project_db
    layers = qgis_project.project_layers(project)
    wells = layers["monitoring_wells"]
    groups = D.find_duplicates(D.records_from_layer(wells))
    assert len(groups) == 1 and len(groups[0].members) == 2
    keep, drop = groups[0].members
    assert wells.getFeature(keep)["well_code"] == "HB-1"
    result = D.merge_wells(wells, keep, [drop], layers)
    assert result.repointed == {"samples": 2}
    kept = wells.getFeature(keep)
    assert kept["source_codes"] == "OLD-1; ZR-7"
    assert kept["department"] == "water_resources"  # filled from the merged record
    assert wells.featureCount() == 2
    samples = layers["samples"]
    assert sorted(f["well_uuid"] for f in samples.getFeatures()) == sorted([ids["HB-1"]] * 3 + [ids["OTHER"]])
    # undo while unsaved restores everything
    result.undo()
    assert wells.featureCount() == 3
    assert sorted(f["well_uuid"] for f in samples.getFeatures()).count(ids["ZR-7"]) == 2
    assert wells.getFeature(keep)["source_codes"] == "OLD-1"
    # redo by merging again, then save: the file has the merged state
    D.merge_wells(wells, keep, [drop], layers)
    assert samples.commitChanges() and wells.commitChanges()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM monitoring_wells").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM samples WHERE well_uuid = ?", (ids["HB-1"],)).fetchone()[0] == 3
    con.close()


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
