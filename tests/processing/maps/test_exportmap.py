"""gwplugin:exportmap on the demo city: the four map products as real PDF and PNG files, checked with poppler
(pdfinfo: paper size; pdftotext: title, legend and labels in Chinese or English) and by the zone-class colours of
the schema found in the PNG pixels. The demo database gets protection and recharge zones written with OGR and the
zoning of scripts/demo_zoning.py (2019 and 2023 versions)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QImage

from gw_plugin.core.data import qgis_project
from gw_plugin.core.data import schema as S

# ISO 216 paper sizes in PostScript points (1 pt = 1/72 in): A3 297 x 420 mm, A4 210 x 297 mm
A3_LANDSCAPE = (1190.55, 841.89)
A4_PORTRAIT = (595.28, 841.89)


def pdfinfo_size(path) -> tuple:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("Page size:"))
    w, _x, h = line.split(":", 1)[1].split()[:3]
    return float(w), float(h)


def pdftext(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def colour_share(png, hex_color: str, tol: int = 6) -> float:
    """Share of the PNG's pixels within ``tol`` of ``hex_color`` in every channel."""
    img = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    arr = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)[:, : img.width(), :3]
    r, g, b = int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)
    bgr = np.array([b, g, r], np.int16)
    close = np.all(np.abs(arr.astype(np.int16) - bgr) <= tol, axis=2)
    return float(close.mean())


def add_zones(db: str) -> int:
    """Protection zones (class I 800 m, class II 800-3000 m) around every drinking-water source and a recharge
    zone (3-6 km ring) around the first, written with OGR. Returns the number of pollution sources inside any of
    them, counted independently with OGR."""
    ds = ogr.Open(db, 1)
    sources = [
        (f["uuid"], f["county_code"], f.GetGeometryRef().Clone()) for f in ds.GetLayerByName("drinking_water_sources")
    ]
    pz = ds.GetLayerByName("protection_zones")
    rz = ds.GetLayerByName("recharge_zones")
    zones = []

    def write(layer, geom, **values):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetGeometry(ogr.ForceToMultiPolygon(geom))
        for k, v in dict(uuid=str(uuid.uuid4()), created_at="2025-01-01T00:00:00Z", **values).items():
            f.SetField(k, v)
        assert layer.CreateFeature(f) == 0
        zones.append(geom)

    for su, county, pt in sources:
        inner = pt.Buffer(800, 16)
        write(pz, inner, water_source_uuid=su, zone_class="class_1", county_code=county)
        write(pz, pt.Buffer(3000, 16).Difference(inner), water_source_uuid=su, zone_class="class_2", county_code=county)
    su, county, pt = sources[0]
    write(
        rz,
        pt.Buffer(6000, 16).Difference(pt.Buffer(3000, 16)),
        water_source_uuid=su,
        kind="recharge",
        county_code=county,
    )
    union = zones[0]
    for z in zones[1:]:
        union = union.Union(z)
    inside = sum(1 for f in ds.GetLayerByName("pollution_sources") if f.GetGeometryRef().Intersects(union))
    ds = None
    return inside


@pytest.fixture(scope="module")
def demo(qgis_app, qgis_processing, tmp_path_factory):
    import processing

    from gw_plugin.core.demo import build as D
    from gw_plugin.processing.provider import register_provider
    from scripts import demo_zoning

    register_provider()
    out = tmp_path_factory.mktemp("exportmap")
    res = D.build_demo(str(out), seed=42)
    inside = add_zones(res.database)
    processing.run("gwplugin:updatewellquality", {"DATABASE": res.database})
    project = str(out / "demo.qgz")
    qgis_project.write_project(
        res.database, project, extra_rasters=res.rasters, context_layers=[res.context[k] for k in sorted(res.context)]
    )
    ctx = {"database": res.database, "out": str(out), "project_path": project, "outputs": {}}
    demo_zoning.run(ctx)
    return {"res": res, "project": project, "out": out, "inside": inside, "ctx": ctx}


def export(demo, name, **params):
    import processing

    base = {"PROJECT": demo["project"], "DPI": 72}
    base.update(params)
    base.setdefault("OUTPUT_PDF", str(demo["out"] / f"{name}.pdf"))
    base.setdefault("OUTPUT_PNG", str(demo["out"] / f"{name}.png"))
    return processing.run("gwplugin:exportmap", base)


def test_zoning_map_of_the_demo_in_chinese(demo):
    pdf = demo["ctx"]["outputs"]["Zoning map (zh, pdf) / 分区图"]
    png = demo["ctx"]["outputs"]["Zoning map (zh, png)"]
    assert pdfinfo_size(pdf) == pytest.approx(A3_LANDSCAPE, abs=0.5)
    text = pdftext(pdf)
    for needle in (
        "黄泽市地下水污染防治分区图",
        "图例",
        "分区类别",
        "比例尺",
        "制图日期",
        "数据来源",
        "2023-v1",
        "CGCS2000",
    ):
        assert needle in text, needle
    con = sqlite3.connect(demo["res"].database)
    present = {r[0] for r in con.execute("SELECT DISTINCT zone_class FROM zoning_units WHERE scheme = '2023'")}
    con.close()
    assert present and present <= {"protection_type", "control_type", "general"}
    codes = S.codelist("zone_class").by_code()
    for code in present:
        assert codes[code].zh in text  # legend entry of every class on the map
    # A3 at the demo's 200 dpi: 420 x 297 mm
    img = QImage(png)
    assert img.width() == pytest.approx(420 / 25.4 * 200, abs=1)
    assert img.height() == pytest.approx(297 / 25.4 * 200, abs=1)
    # the zone fills use the schema's code-list colours (general #e0e0e0 covers most of the city)
    assert colour_share(png, codes["general"].color) > 0.05
    assert colour_share(png, codes["protection_type"].color) > 0.002
    assert colour_share(png, codes["treatment"].color) == 0.0  # a 2019 class is not on the 2023 map


def test_zoning_map_in_english_a4_portrait_of_the_2019_version(demo):
    res = export(demo, "zoning_2019_en", MAP=1, PAPER=1, ORIENTATION=1, LANG=1, VERSION="2019-v1")
    assert res["SCHEME"] == "2019" and res["VERSION"] == "2019-v1"
    assert pdfinfo_size(res["OUTPUT_PDF"]) == pytest.approx(A4_PORTRAIT, abs=0.5)
    text = pdftext(res["OUTPUT_PDF"])
    for needle in ("Huangze City Groundwater Pollution Prevention Zoning Map", "Legend", "Zone class", "Scale 1:"):
        assert needle in text, needle
    assert "Protection zone" in text and "Prevention-control zone" in text
    assert "General area" not in text and "黄泽" not in text
    codes = S.codelist("zone_class").by_code()
    assert colour_share(res["OUTPUT_PNG"], codes["prevention"].color) > 0.02


def test_recharge_zone_map_counts_the_sources_inside(demo):
    res = export(demo, "recharge_zh", MAP=2)
    assert res["SOURCES_INSIDE"] == demo["inside"] > 0
    text = pdftext(res["OUTPUT_PDF"])
    for needle in (
        "饮用水水源保护区及补给区分布图",
        "区内污染源",
        "一级保护区",
        "二级保护区",
        "补给区",
        f"共{demo['inside']}个",
    ):
        assert needle in text, needle
    pz = S.codelist("protection_zone_class").by_code()
    assert colour_share(res["OUTPUT_PNG"], pz["class_2"].color, tol=30) > 0.001


def test_well_quality_map_has_one_legend_group_per_aquifer_layer(demo):
    res = export(demo, "wells_en", MAP=3, PAPER=1, ORIENTATION=1, LANG=1, TITLE="Well quality 2025")
    con = sqlite3.connect(demo["res"].database)
    aquifers = [r[0] for r in con.execute("SELECT DISTINCT aquifer_layer FROM monitoring_wells")]
    n = con.execute("SELECT count(*) FROM monitoring_wells").fetchone()[0]
    classes = {
        r[0] for r in con.execute("SELECT DISTINCT latest_class FROM monitoring_wells WHERE latest_class IS NOT NULL")
    }
    con.close()
    assert res["WELLS"] == n and classes
    text = pdftext(res["OUTPUT_PDF"])
    assert (
        "Well quality 2025" in text and "Groundwater Quality" not in text
    )  # the given title replaces the standard one
    labels = S.codelist("aquifer_layer").by_code()
    for code in aquifers:
        assert f"Wells — {labels[code].en}" in text
    roman = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
    assert any(f"Class {roman[c]}" in text for c in classes)
    assert "GB/T 14848-2017" in text


def test_well_map_ignores_the_filtered_copies_of_the_wells_layer(demo, tmp_path):
    """A project with the per-aquifer layer group (filtered copies of monitoring_wells) still maps all wells."""
    from gw_plugin.core.wells import aquifer_layers

    project = QgsProject()
    assert project.read(demo["project"])
    aquifer_layers.build_aquifer_layers(project, demo["res"].database)
    path = str(tmp_path / "with_aquifer_group.qgz")
    assert project.write(path)
    res = export(demo, "wells_group", PROJECT=path, MAP=3, LANG=1)
    con = sqlite3.connect(demo["res"].database)
    n = con.execute("SELECT count(*) FROM monitoring_wells").fetchone()[0]
    aquifers = [r[0] for r in con.execute("SELECT DISTINCT aquifer_layer FROM monitoring_wells")]
    con.close()
    assert res["WELLS"] == n and len(aquifers) > 1
    text = pdftext(res["OUTPUT_PDF"])
    labels = S.codelist("aquifer_layer").by_code()
    assert all(f"Wells — {labels[code].en}" in text for code in aquifers)


def test_project_tables_prefers_the_whole_table(demo):
    from qgis.core import QgsVectorLayer

    from gw_plugin.core.maps.products import project_tables

    uri = f"{demo['res'].database}|layername=monitoring_wells"
    project = QgsProject()
    part = QgsVectorLayer(uri, "aaa part", "ogr")  # layer ids sort by name: the filtered copy comes first
    part.setSubsetString("\"aquifer_layer\" = 'phreatic'")
    whole = QgsVectorLayer(uri, "zzz whole", "ogr")
    project.addMapLayers([part, whole])
    assert list(project.mapLayers().values())[0] is part
    assert project_tables(project)["monitoring_wells"] is whole


def test_overview_from_the_current_project_and_errors(demo, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    project = QgsProject.instance()
    project.clear()
    assert project.read(demo["project"])
    try:
        res = processing.run(
            "gwplugin:exportmap",
            {"MAP": 0, "DPI": 72, "OUTPUT_PDF": str(tmp_path / "ov.pdf"), "OUTPUT_PNG": str(tmp_path / "ov.png")},
        )
    finally:
        project.clear()
    assert "地下水污染防治试验区概况图" in pdftext(res["OUTPUT_PDF"])
    assert os.path.isfile(res["OUTPUT_PNG"])
    empty = str(tmp_path / "empty.qgz")
    assert QgsProject().write(empty)
    with pytest.raises(QgsProcessingException, match="zoning_units"):
        processing.run("gwplugin:exportmap", {"PROJECT": empty, "MAP": 1, "OUTPUT_PDF": str(tmp_path / "x.pdf")})
    with pytest.raises(QgsProcessingException, match="no zones"):
        export(demo, "none", MAP=1, VERSION="no such version")
