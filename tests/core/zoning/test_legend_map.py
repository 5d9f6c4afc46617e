"""Zoning authors' geology and slope inputs (core/zoning/legend_map.py, drastic.tables_for_slope_unit, gwplugin:drastic):
legends such as 粉质黏土 and 砂卵砾石 get suggestions instead of silently becoming nodata, the author's XLSX mapping
table (written, edited with openpyxl, read back) rates them; a slope in degrees is rated on converted bands."""

from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import ogr

from gw_plugin.core.zoning import drastic as DR
from gw_plugin.core.zoning import legend_map as LM
from gw_plugin.core.zoning import rasterblocks as rb
from tests.core.zoning.test_drastic import GRID, HAND_STD, factor_rasters, provider, read, write  # noqa: F401


def _square(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))").ExportToWkb()


@pytest.fixture(scope="module")
def tables():
    return DR.load_tables()


def test_suggestions_for_chinese_legends(tables):
    f = tables["factors"]
    c, score = LM.suggest("A", f["A"], "砂卵砾石")
    assert c["key"] == "sand_gravel" and score == 1.0
    assert LM.suggest("I", f["I"], "粉质黏土")[0]["key"] == "silt_clay"
    assert LM.suggest("I", f["I"], "粉质粘土（可塑）")[0]["key"] == "silt_clay"  # variant character, extra words
    assert LM.suggest("S", f["S"], "粉质黏土")[0]["key"] == "clay_loam"
    assert LM.suggest("A", f["A"], "第四系冲洪积砂卵砾石层")[0]["key"] == "sand_gravel"  # longest word wins
    assert LM.suggest("I", f["I"], "月球尘埃")[0] is None


def test_unmapped_legends_are_listed_not_guessed(tables):
    spec = tables["factors"]["I"]
    shapes = [(b"a", "粉质黏土"), (b"b", "粉质黏土"), (b"c", "Sand and gravel"), (b"d", "砂卵砾石"), (b"e", None)]
    rated, unmapped = LM.rate_shapes("I", spec, shapes)
    assert rated == [(b"c", 8.0)]  # only the rating table's own name rates without a mapping
    rows = {r.legend: r for r in unmapped}
    assert set(rows) == {"粉质黏土", "砂卵砾石"}
    assert rows["粉质黏土"].count == 2 and rows["粉质黏土"].how == "suggested" and rows["粉质黏土"].rating == 3.0
    rated, unmapped = LM.rate_shapes("I", spec, shapes, {"粉质黏土": "silt_clay", "砂卵砾石": 7})
    assert sorted(r for _w, r in rated) == [3.0, 3.0, 7.0, 8.0] and unmapped == []
    with pytest.raises(ValueError, match="1-10"):
        LM.rate_shapes("I", spec, shapes, {"砂卵砾石": 12})
    with pytest.raises(ValueError, match="no class"):
        LM.rate_shapes("I", spec, shapes, {"砂卵砾石": "moon rock"})


def test_mapping_table_round_trip_through_xlsx(tmp_path, tables):
    openpyxl = pytest.importorskip("openpyxl")
    rows = {
        "I": LM.legend_rows("I", tables["factors"]["I"], ["粉质黏土", "砂卵砾石", "砂卵砾石", "灰岩", "月球尘埃"]),
        "A": LM.legend_rows("A", tables["factors"]["A"], ["砂卵砾石"]),
    }
    path = str(tmp_path / "legends.xlsx")
    LM.write_mapping_xlsx(path, tables, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["I"]
    table = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert table["砂卵砾石"][1].value == "sand_gravel" and "SUGGESTED" in table["砂卵砾石"][3].value
    assert table["砂卵砾石"][5].value == 2  # polygons
    assert table["月球尘埃"][1].value is None and "unmapped" in table["月球尘埃"][3].value
    assert "classes 类别" in wb.sheetnames
    # the author: keeps the suggestion for 砂卵砾石, gives 灰岩 the class limestone, types a rating for the unknown
    table["月球尘埃"][2].value = 2
    table["粉质黏土"][1].value = "粉土/黏土"  # the Chinese name of the class works too
    wb.save(path)
    mapping = LM.read_mapping_xlsx(path)
    assert mapping["I"]["月球尘埃"] == 2 and mapping["I"]["砂卵砾石"] == "sand_gravel"
    shapes = [(b"x", v) for v in ("粉质黏土", "砂卵砾石", "灰岩", "月球尘埃")]
    rated, unmapped = LM.rate_shapes("I", tables["factors"]["I"], shapes, mapping["I"])
    assert [r for _w, r in rated] == [3.0, 8.0, 6.0, 2.0] and unmapped == []


def test_slope_in_degrees(tmp_path, factor_rasters, tables):  # noqa: F811
    t = DR.tables_for_slope_unit(tables, "degrees")
    lims = [b["below"] for b in t["factors"]["T"]["bands"][:-1]]
    assert lims == pytest.approx([math.degrees(math.atan(p / 100)) for p in (2, 6, 12, 18)])
    assert tables["factors"]["T"]["bands"][0]["below"] == 2  # the caller's tables are unchanged
    # slope 10 everywhere: 10 % rates 5; 10 degrees = 17.6 % rates 3 (standard weight of T: 1)
    paths = dict(factor_rasters)
    paths["T"] = write(tmp_path / "T10.tif", np.full((2, 3), 10.0, dtype=np.float32), GRID)
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in paths.items()}
    DR.run_drastic(inputs, str(tmp_path / "pct.tif"))
    fb = rb.ListFeedback()
    DR.run_drastic(inputs, str(tmp_path / "deg.tif"), slope_unit="degrees", feedback=fb)
    pct, _ = read(tmp_path / "pct.tif")
    deg, _ = read(tmp_path / "deg.tif")
    assert pct[0, 0] == HAND_STD[(0, 0)] - 9 + 5 and deg[0, 0] == HAND_STD[(0, 0)] - 9 + 3
    assert any("degrees" in line for line in fb.lines)
    with pytest.raises(ValueError):
        DR.tables_for_slope_unit(tables, "gradians")


def test_processing_drastic_with_legend_table(provider, tmp_path, factor_rasters):  # noqa: F811
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer

    openpyxl = pytest.importorskip("openpyxl")
    lyr = QgsVectorLayer("Polygon?crs=EPSG:4547&field=legend:string", "vadose", "memory")
    feats = []
    for wkb, legend in ((_square(500000, 3799940, 500030, 3800000), "粉质黏土"),
                        (_square(500030, 3799940, 500090, 3800000), "砂卵砾石")):  # fmt: skip
        f = QgsFeature(lyr.fields())
        g = QgsGeometry()
        g.fromWkb(wkb)
        f.setGeometry(g)
        f.setAttributes([legend])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    params = {
        "DEPTH_RASTER": factor_rasters["D"], "RECHARGE_RASTER": factor_rasters["R"],
        "AQUIFER_RASTER": factor_rasters["A"], "SOIL_RASTER": factor_rasters["S"],
        "SLOPE_RASTER": factor_rasters["T"], "VADOSE_POLYGONS": lyr, "VADOSE_FIELD": "legend",
        "CONDUCTIVITY_RASTER": factor_rasters["C"], "OUTPUT": str(tmp_path / "i1.tif"),
        "OUTPUT_LEGEND_TABLE": str(tmp_path / "legend.xlsx"),
    }  # fmt: skip

    class F(QgsProcessingFeedback):
        warnings: list = []

        def pushWarning(self, text):
            self.warnings.append(text)
            super().pushWarning(text)

    fb = F()
    res = processing.run("gwplugin:drastic", params, feedback=fb)
    assert res["VALID_CELLS"] == 0  # nothing rated without the table ...
    assert any("粉质黏土" in w and "silt_clay" in w for w in fb.warnings)  # ... but the author is told why
    wb = openpyxl.load_workbook(res["OUTPUT_LEGEND_TABLE"])
    assert {r[0].value for r in wb["I"].iter_rows(min_row=2)} == {"粉质黏土", "砂卵砾石"}
    res2 = processing.run(
        "gwplugin:drastic", {**params, "LEGEND_TABLE": res["OUTPUT_LEGEND_TABLE"], "OUTPUT": str(tmp_path / "i2.tif"),
                             "OUTPUT_LEGEND_TABLE": None},
    )  # fmt: skip
    idx, _ = read(res2["OUTPUT"])
    # cell (0,0): vadose 粉质黏土 -> silt_clay 3 as in HAND_STD; cell (0,1): 砂卵砾石 -> sand_gravel 8 instead of 10
    assert idx[0, 0] == HAND_STD[(0, 0)] and idx[0, 1] == 196.0 - (10 - 8) * 5
