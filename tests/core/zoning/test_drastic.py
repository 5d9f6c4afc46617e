"""DRASTIC (core/zoning/drastic.py, gwplugin:drastic): hand-checked cells, band edges, nodata, alignment of rasters with
different resolution/extent (resampling reported), polygon + rating-table input, pesticide and custom weights,
karst flag, and the Processing algorithm. Rasters are small synthetic GeoTIFFs written with GDAL."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr

from gw_plugin.core.zoning import drastic as DR
from gw_plugin.core.zoning import rasterblocks as rb

CRS = rb.crs_wkt("EPSG:4547")
ND = -9999.0

# Weights of Aller et al. 1987 (EPA/600/2-85/018), ../shared/reference/README.md section 3.
STD = {"D": 5, "R": 4, "A": 3, "S": 2, "T": 1, "I": 5, "C": 3}
PEST = {"D": 5, "R": 4, "A": 3, "S": 5, "T": 3, "I": 4, "C": 2}


def write(path, arr, grid, nodata=ND, dtype=gdal.GDT_Float32):
    ds = rb.create_raster(str(path), grid, dtype, nodata)
    ds.GetRasterBand(1).WriteArray(np.asarray(arr))
    ds = None
    return str(path)


def read(path):
    ds = gdal.Open(str(path))
    arr = ds.GetRasterBand(1).ReadAsArray()
    nd = ds.GetRasterBand(1).GetNoDataValue()
    return arr, nd


GRID = rb.Grid(500000.0, 3800000.0, 30.0, 30.0, 3, 2, CRS)

# Raw factor values of the 3 x 2 test grid and their ratings from drastic_ratings.json:
#   cell (0,0): D 3 m -> 9; R 120 mm -> 6; A code 8 sand&gravel -> 8; S code 7 loam -> 5; T 4 % -> 9;
#               I code 2 silt/clay -> 3; C 30 m/d -> 6
#   cell (0,1): D 1.52 m (edge) -> 9; R 50.8 mm (edge) -> 3; A 10 karst -> 10; S 1 thin -> 10; T 2 % (edge) -> 9;
#               I 11 karst -> 10; C 81.5 (edge) -> 10
#   cell (0,2): D 1.51 -> 10; R 50.7 -> 1; A 1 massive shale -> 2; S 11 nonshrinking clay -> 1; T 1.99 -> 10;
#               I 1 confining -> 1; C 4.09 -> 1
#   cell (1,0): D 30.48 (edge) -> 1; R 254 (edge) -> 9; A 4 till -> 5; S 3 sand -> 9; T 18 (edge) -> 1;
#               I 9 sand&gravel -> 8; C 12.2 (edge) -> 4
#   cell (1,1): D nodata -> index nodata
#   cell (1,2): D 22.85 -> 3; R 177.8 (edge) -> 8; A code 99 (not in table) -> index nodata
RAW = {
    "D": [[3.0, 1.52, 1.51], [30.48, ND, 22.85]],
    "R": [[120.0, 50.8, 50.7], [254.0, 100.0, 177.8]],
    "A": [[8, 10, 1], [4, 8, 99]],
    "S": [[7, 1, 11], [3, 7, 7]],
    "T": [[4.0, 2.0, 1.99], [18.0, 4.0, 4.0]],
    "I": [[2, 11, 1], [9, 2, 2]],
    "C": [[30.0, 81.5, 4.09], [12.2, 30.0, 30.0]],
}
RATINGS = {
    (0, 0): {"D": 9, "R": 6, "A": 8, "S": 5, "T": 9, "I": 3, "C": 6},
    (0, 1): {"D": 9, "R": 3, "A": 10, "S": 10, "T": 9, "I": 10, "C": 10},
    (0, 2): {"D": 10, "R": 1, "A": 2, "S": 1, "T": 10, "I": 1, "C": 1},
    (1, 0): {"D": 1, "R": 9, "A": 5, "S": 9, "T": 1, "I": 8, "C": 4},
}
# Hand sums with the standard weights 5,4,3,2,1,5,3:
#   (0,0) 9*5+6*4+8*3+5*2+9*1+3*5+6*3 = 45+24+24+10+9+15+18 = 145
#   (0,1) 9*5+3*4+10*3+10*2+9*1+10*5+10*3 = 45+12+30+20+9+50+30 = 196
#   (0,2) 10*5+1*4+2*3+1*2+10*1+1*5+1*3 = 50+4+6+2+10+5+3 = 80
#   (1,0) 1*5+9*4+5*3+9*2+1*1+8*5+4*3 = 5+36+15+18+1+40+12 = 127
HAND_STD = {(0, 0): 145.0, (0, 1): 196.0, (0, 2): 80.0, (1, 0): 127.0}
# Pesticide weights 5,4,3,5,3,4,2:
#   (0,0) 45+24+24+25+27+12+12 = 169; (0,1) 45+12+30+50+27+40+20 = 224; (0,2) 50+4+6+5+30+4+2 = 101;
#   (1,0) 5+36+15+45+3+32+8 = 144
HAND_PEST = {(0, 0): 169.0, (0, 1): 224.0, (0, 2): 101.0, (1, 0): 144.0}


@pytest.fixture
def factor_rasters(tmp_path):
    paths = {}
    for f, arr in RAW.items():
        if f in "ASI":
            paths[f] = write(tmp_path / f"{f}.tif", np.array(arr, dtype=np.uint8), GRID, 0, gdal.GDT_Byte)
        else:
            paths[f] = write(tmp_path / f"{f}.tif", np.array(arr, dtype=np.float32), GRID)
    return paths


def test_band_edges_go_to_the_next_band():
    t = DR.load_tables()
    d = DR.Rater("D", t["factors"]["D"])
    # depth (m) <1.52:10, <4.57:9, <9.14:7, <15.24:5, <22.86:3, <30.48:2, else 1 (reference README section 3)
    assert [d.rate_value(v) for v in (0, 1.519, 1.52, 4.56, 4.57, 9.14, 15.24, 22.86, 30.47, 30.48, 500)] == [
        10, 10, 9, 9, 7, 5, 3, 2, 2, 1, 1,
    ]  # fmt: skip
    r = DR.Rater("R", t["factors"]["R"])  # mm: <50.8:1, <101.6:3, <177.8:6, <254:8, else 9
    assert [r.rate_value(v) for v in (0, 50.79, 50.8, 101.6, 177.8, 253.9, 254)] == [1, 1, 3, 6, 8, 8, 9]
    s = DR.Rater("T", t["factors"]["T"])  # slope %: <2:10, <6:9, <12:5, <18:3, else 1
    assert [s.rate_value(v) for v in (0, 1.99, 2, 6, 12, 18)] == [10, 10, 9, 5, 3, 1]
    # the vectorised path gives the same for float32 rasters holding the edge values
    vals = np.array([1.51, 1.52, 4.57, 30.48], dtype=np.float32)
    got, ok = d.rate_array(vals, np.ones(4, bool))
    assert got.tolist() == [10, 9, 7, 1] and ok.all()


def test_hand_checked_cells_standard_weights_and_nodata(tmp_path, factor_rasters):
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    fb = rb.ListFeedback()
    res = DR.run_drastic(inputs, str(tmp_path / "idx.tif"), str(tmp_path / "cls.tif"), feedback=fb)
    idx, nd = read(tmp_path / "idx.tif")
    assert nd == ND and idx.dtype == np.float32
    for cell, expected in HAND_STD.items():
        assert idx[cell] == expected  # exactly
        assert expected == sum(RATINGS[cell][f] * STD[f] for f in STD)
    assert idx[1, 1] == ND  # depth nodata
    assert idx[1, 2] == ND  # aquifer code 99 is not in the table
    assert res.valid_cells == 4 and res.nodata_cells == 2
    cls, cnd = read(tmp_path / "cls.tif")
    # DEFAULT breaks 100,120,140,160; a value equal to a break goes up
    assert cls.tolist() == [[4, 5, 1], [3, 0, 0]] and cnd == 0
    assert any("DEFAULTS" in line for line in fb.lines)
    assert any(line.startswith("Note I: Limestone rated 6") for line in fb.lines)  # disputed value shown


def test_pesticide_and_custom_weights(tmp_path, factor_rasters):
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    DR.run_drastic(inputs, str(tmp_path / "p.tif"), weights="pesticide")
    idx, _ = read(tmp_path / "p.tif")
    for cell, expected in HAND_PEST.items():
        assert idx[cell] == expected
        assert expected == sum(RATINGS[cell][f] * PEST[f] for f in PEST)
    DR.run_drastic(inputs, str(tmp_path / "c.tif"), weights=[1, 0, 0, 0, 0, 0, 2])
    idx, _ = read(tmp_path / "c.tif")
    assert idx[0, 0] == 9 * 1 + 6 * 2  # D rating 9, C rating 6
    with pytest.raises(DR.DrasticError):
        DR.weights_for([1, 2, 3])


def test_class_breaks_edge_and_custom(tmp_path, factor_rasters):
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    DR.run_drastic(inputs, str(tmp_path / "i.tif"), str(tmp_path / "c.tif"), breaks=[127, 145, 196])
    cls, _ = read(tmp_path / "c.tif")
    # 145 == break -> class 3; 196 == break -> 4; 80 -> 1; 127 == break -> 2
    assert cls.tolist() == [[3, 4, 1], [2, 0, 0]]


def test_rated_raster_checks_range(tmp_path, factor_rasters):
    rated = np.array([[9, 11, 10], [1, 9, 0]], dtype=np.float32)
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    inputs["D"] = DR.FactorInput("D", raster=write(tmp_path / "dr.tif", rated, GRID), rated=True)
    fb = rb.ListFeedback()
    DR.run_drastic(inputs, str(tmp_path / "i.tif"), feedback=fb)
    idx, _ = read(tmp_path / "i.tif")
    assert idx[0, 0] == 145.0  # rating 9 given directly
    assert idx[0, 1] == ND  # 11 is not a rating
    assert idx[0, 2] == 80.0  # rating 10 given directly, as in HAND_STD
    assert any("outside 1-10" in line for line in fb.lines)


def test_alignment_of_different_resolution_and_extent_is_reported(tmp_path, factor_rasters):
    # Depth at 90 m on a larger, shifted extent: coarse cell (r, c) holds 1 + r * 10 + c metres.
    coarse = rb.Grid(499910.0, 3800090.0, 90.0, 90.0, 4, 3, CRS)
    vals = np.array([[1 + r * 10 + c for c in range(4)] for r in range(3)], dtype=np.float32)
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    inputs["D"] = DR.FactorInput("D", raster=write(tmp_path / "d90.tif", vals, coarse))
    fb = rb.ListFeedback()
    # the target grid is the reference raster (the 30 m R raster); nearest for a check by hand
    res = DR.run_drastic(
        inputs, str(tmp_path / "i.tif"), reference=factor_rasters["R"], resampling="nearest", feedback=fb
    )
    assert res.grid.same_as(GRID)
    msg = [line for line in fb.lines if line.startswith("D (")][0]
    assert "resampled" in msg and "'nearest'" in msg and "4 x 3 cells of 90 x 90" in msg
    assert any(line.startswith("R (") and "not resampled" in line for line in fb.lines)
    # 30 m cell centres x = 500015, 500045, 500075 lie in coarse column 1 (x 500000-500090), y = 3799985 and
    # 3799955 in coarse row 1 (y 3799910-3800000): depth 1 + 10 + 1 = 12 m -> rating 5 (9.14 <= 12 < 15.24).
    idx, _ = read(tmp_path / "i.tif")
    # cell (0,0): HAND_STD 145 with D rating 9 -> 5: 145 - (9 - 5) * 5 = 125
    assert idx[0, 0] == 125.0
    # bilinear: reported, and the value between coarse cells is interpolated (not equal to the nearest one)
    fb2 = rb.ListFeedback()
    DR.run_drastic(inputs, str(tmp_path / "b.tif"), reference=factor_rasters["R"], resampling="bilinear", feedback=fb2)
    assert any(line.startswith("D (") and "'bilinear'" in line for line in fb2.lines)


def test_partial_coverage_gives_nodata(tmp_path, factor_rasters):
    # Slope raster covering only the first column of the grid: the rest of the index is nodata.
    small = rb.Grid(500000.0, 3800000.0, 30.0, 30.0, 1, 2, CRS)
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    inputs["T"] = DR.FactorInput("T", raster=write(tmp_path / "t.tif", np.array([[4.0], [18.0]], np.float32), small))
    DR.run_drastic(inputs, str(tmp_path / "i.tif"), reference=factor_rasters["R"], resampling="nearest")
    idx, _ = read(tmp_path / "i.tif")
    assert idx[0, 0] == 145.0 and idx[1, 0] == 127.0
    assert idx[0, 1] == ND and idx[0, 2] == ND


def _square(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))").ExportToWkb()


def test_polygon_input_with_rating_table_and_karst(tmp_path, factor_rasters):
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    # Depth as polygons with raw metres: left column 3 m (-> 9), the rest 1.52 m (edge -> 9) / 0.5 m (-> 10)
    left = _square(500000, 3799940, 500030, 3800000)
    mid = _square(500030, 3799940, 500060, 3800000)
    right = _square(500060, 3799940, 500090, 3800000)
    inputs["D"] = DR.FactorInput("D", shapes=[(left, 3.0), (mid, "1.52"), (right, 0.5)])
    # Aquifer media as polygons with class keys / names: whole grid "karst_limestone" (10) except the left
    # column, "Sand and gravel" (8)
    inputs["A"] = DR.FactorInput(
        "A", shapes=[(_square(500000, 3799940, 500090, 3800000), "karst_limestone"), (left, "Sand and gravel")]
    )
    karst = [(_square(500030, 3799970, 500090, 3800000), None)]
    fb = rb.ListFeedback()
    DR.run_drastic(
        inputs,
        str(tmp_path / "i.tif"),
        str(tmp_path / "c.tif"),
        karst_shapes=karst,
        karst_path=str(tmp_path / "k.tif"),
        karst_class=True,
        feedback=fb,
    )
    idx, _ = read(tmp_path / "i.tif")
    assert idx[0, 0] == 145.0  # D 9, A 8 as in HAND_STD
    assert idx[0, 1] == 196.0  # D 9 (1.52 edge), A 10 as in HAND_STD
    assert idx[0, 2] == 80.0 + (10 - 2) * 3  # D 10 as before, A karst 10 instead of shale 2
    assert idx[1, 1] != ND  # depth polygons cover the cell that was nodata in the raster
    kst, knd = read(tmp_path / "k.tif")
    assert kst.tolist() == [[0, 1, 1], [0, 0, 0]] and knd == DR.KARST_NODATA
    cls, _ = read(tmp_path / "c.tif")
    assert cls[0, 1] == 9 and cls[0, 2] == 9 and cls[0, 0] == 4
    assert any("3 polygons rated" in line for line in fb.lines)


def test_unknown_polygon_values_are_reported(tmp_path, factor_rasters):
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    inputs["S"] = DR.FactorInput("S", shapes=[(_square(500000, 3799940, 500090, 3800000), "moon dust")])
    fb = rb.ListFeedback()
    res = DR.run_drastic(inputs, str(tmp_path / "i.tif"), feedback=fb)
    assert res.valid_cells == 0
    assert any("not in the rating table" in line for line in fb.lines)


def test_edited_rating_table(tmp_path, factor_rasters):
    t = DR.apply_overrides(DR.load_tables(), "I", {"silt_clay": 6})
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    DR.run_drastic(inputs, str(tmp_path / "i.tif"), tables=t)
    idx, _ = read(tmp_path / "i.tif")
    assert idx[0, 0] == 145.0 + (6 - 3) * 5  # vadose silt/clay rated 6 instead of 3, weight 5
    with pytest.raises(DR.DrasticError):
        DR.apply_overrides(DR.load_tables(), "I", {"silt_clay": 11})


def test_disputed_values_are_flagged():
    t = DR.load_tables()
    limestone = [c for c in t["factors"]["I"]["classes"] if c["key"] == "limestone"][0]
    assert "disputed" in limestone
    assert t["class_breaks"]["is_default"] is True
    assert {f: t["weights"]["standard"][f] for f in STD} == STD
    assert {f: t["weights"]["pesticide"][f] for f in PEST} == PEST


def test_blocks_give_the_same_result(tmp_path):
    g = rb.Grid(500000.0, 3800000.0, 30.0, 30.0, 37, 53, CRS)
    rng = np.random.default_rng(1)
    inputs = {}
    for f in DR.FACTORS:
        if f in "ASI":
            arr = rng.integers(1, 11, (g.rows, g.cols)).astype(np.uint8)
            inputs[f] = DR.FactorInput(f, raster=write(tmp_path / f"{f}.tif", arr, g, 0, gdal.GDT_Byte))
        else:
            arr = rng.uniform(0, 300, (g.rows, g.cols)).astype(np.float32)
            inputs[f] = DR.FactorInput(f, raster=write(tmp_path / f"{f}.tif", arr, g))
    cache = gdal.GetCacheMax()
    gdal.SetCacheMax(64 * 1024)  # a tiny block cache: blocks reach the file while later ones are computed
    try:
        DR.run_drastic(inputs, str(tmp_path / "a.tif"), str(tmp_path / "ac.tif"), block_rows=5)
    finally:
        gdal.SetCacheMax(cache)
    DR.run_drastic(inputs, str(tmp_path / "b.tif"))
    ds = gdal.Open(str(tmp_path / "ac.tif"))
    assert ds.GetRasterBand(1).GetColorTable().GetColorEntry(5)[:3] == (0xD7, 0x19, 0x1C)
    ds = None
    a, _ = read(tmp_path / "a.tif")
    b, _ = read(tmp_path / "b.tif")
    assert np.array_equal(a, b) and (a != ND).sum() > 0


# --------------------------------------------------------------------------------------------------------------
# Processing
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def provider(qgis_processing):
    from qgis.core import QgsApplication

    from gw_plugin.processing.provider import register_provider

    register_provider()
    return QgsApplication.processingRegistry().providerById("gwplugin")


class _Feedback:
    @staticmethod
    def make():
        from qgis.core import QgsProcessingFeedback

        class F(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.lines = []

            def pushInfo(self, info):
                self.lines.append(info)
                super().pushInfo(info)

        return F()


def test_processing_drastic(provider, tmp_path, factor_rasters):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    ids = {a.id() for a in provider.algorithms()}
    assert {"gwplugin:drastic", "gwplugin:sourceload", "gwplugin:functionvalue", "gwplugin:zoning"} <= ids
    lyr = QgsVectorLayer("Polygon?crs=EPSG:4547&field=soil:string", "soil", "memory")
    f = QgsFeature(lyr.fields())
    f.setGeometry(
        QgsGeometry.fromWkt("POLYGON((500000 3799940,500090 3799940,500090 3800000,500000 3800000,500000 3799940))")
    )
    f.setAttributes(["loam"])
    lyr.dataProvider().addFeatures([f])
    params = {
        "DEPTH_RASTER": factor_rasters["D"],
        "RECHARGE_RASTER": factor_rasters["R"],
        "AQUIFER_RASTER": factor_rasters["A"],
        "SOIL_POLYGONS": lyr,
        "SOIL_FIELD": "soil",
        "SLOPE_RASTER": factor_rasters["T"],
        "VADOSE_RASTER": factor_rasters["I"],
        "CONDUCTIVITY_RASTER": factor_rasters["C"],
        "WEIGHTS": 1,  # pesticide
        "OUTPUT": str(tmp_path / "idx.tif"),
        "OUTPUT_CLASSES": str(tmp_path / "cls.tif"),
    }
    fb = _Feedback.make()
    res = processing.run("gwplugin:drastic", params, feedback=fb)
    idx, _ = read(res["OUTPUT"])
    # soil loam (5) everywhere: HAND_PEST (0,0) has soil loam already -> 169; (1,0) soil sand 9 -> 5: 144 - 4*5
    assert idx[0, 0] == 169.0 and idx[1, 0] == 144.0 - 4 * 5
    assert res["VALID_CELLS"] == 4
    assert any("(pesticide)" in line for line in fb.lines)
    assert any("not resampled" in line for line in fb.lines)
    cls, _ = read(res["OUTPUT_CLASSES"])
    assert cls[0, 0] == 5  # 169 >= 160


def test_processing_drastic_karst_and_custom_weights(provider, tmp_path, factor_rasters):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    karst = QgsVectorLayer("Polygon?crs=EPSG:4547", "karst", "memory")
    f = QgsFeature(karst.fields())
    f.setGeometry(
        QgsGeometry.fromWkt("POLYGON((500060 3799940,500090 3799940,500090 3800000,500060 3800000,500060 3799940))")
    )
    karst.dataProvider().addFeatures([f])
    params = {
        "DEPTH_RASTER": factor_rasters["D"],
        "RECHARGE_RASTER": factor_rasters["R"],
        "AQUIFER_RASTER": factor_rasters["A"],
        "SOIL_RASTER": factor_rasters["S"],
        "SLOPE_RASTER": factor_rasters["T"],
        "VADOSE_RASTER": factor_rasters["I"],
        "CONDUCTIVITY_RASTER": factor_rasters["C"],
        "WEIGHTS": 2,
        "CUSTOM_WEIGHTS": "5 4 3 2 1 5 3",  # the standard weights typed as custom
        "BREAKS": "150",
        "KARST": karst,
        "KARST_CLASS": True,
        "OUTPUT": str(tmp_path / "idx.tif"),
        "OUTPUT_KARST": str(tmp_path / "karst.tif"),
        "OUTPUT_CLASSES": "TEMPORARY_OUTPUT",
    }
    res = processing.run("gwplugin:drastic", params)
    idx, _ = read(res["OUTPUT"])
    assert idx[0, 0] == HAND_STD[(0, 0)]
    kst, _ = read(res["OUTPUT_KARST"])
    assert kst.tolist() == [[0, 0, 1], [0, 0, 1]]
    cls, _ = read(res["OUTPUT_CLASSES"])
    assert cls.tolist() == [[1, 2, 9], [1, 0, 0]]  # one break 150: 145 -> 1, 196 -> 2; karst column -> 9
    # a factor without input is refused with a message
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:drastic", {**params, "SOIL_RASTER": None})


def test_raster_in_another_crs_is_reprojected_and_reported(tmp_path, factor_rasters):
    # slope 4 % everywhere (rating 9) on a larger grid in EPSG:4546 (CGCS2000 GK CM 111E)
    big = rb.Grid(499000.0, 3801000.0, 30.0, 30.0, 100, 100, CRS)
    src = write(tmp_path / "t4547.tif", np.full((100, 100), 4.0, np.float32), big)
    other = str(tmp_path / "t4546.tif")
    gdal.Warp(other, src, dstSRS="EPSG:4546", xRes=30, yRes=30, resampleAlg="near")
    inputs = {f: DR.FactorInput(f, raster=p) for f, p in factor_rasters.items()}
    inputs["T"] = DR.FactorInput("T", raster=other)
    fb = rb.ListFeedback()
    DR.run_drastic(inputs, str(tmp_path / "i.tif"), reference=factor_rasters["R"], resampling="nearest", feedback=fb)
    assert any(line.startswith("T (") and "reprojected" in line and "'nearest'" in line for line in fb.lines)
    idx, _ = read(tmp_path / "i.tif")
    assert idx[0, 0] == 145.0  # slope rating 9 as in HAND_STD
    assert idx[1, 0] == 127.0 + (9 - 1) * 1  # slope 18 % (rating 1) replaced by 4 % (rating 9), weight 1
