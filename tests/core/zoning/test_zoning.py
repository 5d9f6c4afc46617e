"""Source load, function value and zoning (core/zoning/source_load.py, function_value.py, overlay.py,
vectorize.py, store.py and the gwplugin:sourceload / functionvalue / zoning algorithms): hand-computed decay and
retrofit values, scoring, both schemes' matrices, topology of the polygons (no overlaps, no gaps), minimum mapping
unit, county statistics, and an all-or-nothing append to zoning_units of a real project GeoPackage checked with
GDAL's validator."""

from __future__ import annotations

import itertools
import math
import os

import numpy as np
import pytest
from osgeo import gdal, ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.zoning import config as ZCFG
from gw_plugin.core.zoning import function_value as FV
from gw_plugin.core.zoning import overlay as ZN
from gw_plugin.core.zoning import rasterblocks as rb
from gw_plugin.core.zoning import source_load as SL
from gw_plugin.core.zoning import store as ZST
from gw_plugin.core.zoning import vectorize as VZ
from gw_plugin.toolbelt.ogr import polygon_parts

CRS = rb.crs_wkt("EPSG:4547")
ND = -9999.0
L, M, H = 0, 1, 2
X0, Y1 = 500000.0, 3800000.0


def write(path, arr, grid, nodata=ND):
    ds = rb.create_raster(str(path), grid, gdal.GDT_Float32, nodata)
    ds.GetRasterBand(1).WriteArray(np.asarray(arr, dtype=np.float32))
    ds = None
    return str(path)


def read(path):
    ds = gdal.Open(str(path))  # keep the dataset alive while its band is read
    return ds.GetRasterBand(1).ReadAsArray()


def rect(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


# --------------------------------------------------------------------------------------------------------------
# Source load
# --------------------------------------------------------------------------------------------------------------
def test_hazard_scores_scale_and_retrofit():
    cfg = ZCFG.load_config()
    recs = [
        {"category": "chemical", "scale": "large", "antiseepage_status": "done"},
        {"category": "landfill", "scale": "small", "antiseepage_status": "needed"},
        {"category": "gas_station", "scale": None, "antiseepage_status": "assessed", "operating_status": "operating"},
        {"category": "unknown_thing", "scale": "medium", "antiseepage_status": "planned"},
    ]
    h = SL.hazard_scores(recs, cfg)
    # DEFAULT scores (zoning_defaults.json): chemical 9 x large 1.0 x retrofit 0.5 = 4.5; landfill 8 x small 0.4
    # = 3.2; gas station 6 x unknown scale 1.0 x retrofit 0.5 = 3.0; unknown category 3 x medium 0.7 = 2.1
    assert h.tolist() == pytest.approx([4.5, 3.2, 3.0, 2.1])
    cfg2 = ZCFG.load_config(overrides={"source_load": {"retrofit_factor": 0.2, "category_scores": {"chemical": 10}}})
    assert SL.hazard_scores(recs[:1], cfg2)[0] == pytest.approx(2.0)
    assert cfg2["source_load"]["category_scores"]["landfill"] == 8  # the rest of the table is kept


def test_load_linear_and_exponential_decay_by_hand(tmp_path):
    g = rb.Grid(X0, Y1, 100.0, 100.0, 9, 7, CRS)
    # one source in the centre of cell (3, 4): x = X0 + 450, y = Y1 - 350; hazard 4.5 (chemical, large, retrofitted)
    xs, ys, h = [X0 + 450.0], [Y1 - 350.0], [4.5]
    SL.run_sourceload(xs, ys, h, g, str(tmp_path / "lin.tif"), decay="linear", radius_m=300.0)
    a = read(tmp_path / "lin.tif")
    assert a[3, 4] == pytest.approx(4.5)
    assert a[3, 5] == pytest.approx(4.5 * (1 - 100 / 300))  # 3.0
    assert a[4, 5] == pytest.approx(4.5 * (1 - math.hypot(100, 100) / 300), abs=1e-5)  # 2.3787
    assert a[3, 7] == pytest.approx(0.0, abs=1e-6)  # d = 300 = radius
    assert a[0, 0] == 0.0
    SL.run_sourceload(
        xs, ys, h, g, str(tmp_path / "exp.tif"), decay="exponential", radius_m=250.0, decay_length_m=100.0
    )
    e = read(tmp_path / "exp.tif")
    assert e[3, 6] == pytest.approx(4.5 * math.exp(-2), abs=1e-5)  # d = 200 m
    assert e[5, 6] == pytest.approx(0.0, abs=1e-6)  # d = 283 m > radius 250 m
    assert e[3, 4] == pytest.approx(4.5)
    # two sources add up; one source outside the grid still loads the cells within its radius
    SL.run_sourceload(
        [X0 + 450.0, X0 + 650.0, X0 - 50.0],
        [Y1 - 350.0, Y1 - 350.0, Y1 - 50.0],
        [4.5, 3.2, 2.0],
        g,
        str(tmp_path / "two.tif"),
        decay="linear",
        radius_m=300.0,
    )
    t = read(tmp_path / "two.tif")
    assert t[3, 5] == pytest.approx(4.5 * (2 / 3) + 3.2 * (2 / 3), abs=1e-5)
    assert t[0, 0] == pytest.approx(2.0 * (1 - 100 / 300), abs=1e-5)


def test_load_blocks_match_the_bare_expression(tmp_path):
    g = rb.Grid(X0, Y1, 30.0, 30.0, 120, 97, CRS)
    rng = np.random.default_rng(3)
    xs = rng.uniform(g.xmin - 200, g.xmax + 200, 500)
    ys = rng.uniform(g.ymin - 200, g.ymax + 200, 500)
    h = rng.uniform(1, 10, 500)
    SL.run_sourceload(xs, ys, h, g, str(tmp_path / "b.tif"), radius_m=400, decay_length_m=150, block_rows=11)
    ref = SL.bare_sourceload(xs, ys, h, g, SL.decay_kernel(g, "exponential", 400, 150))
    got = read(tmp_path / "b.tif")
    assert got.shape == ref.shape
    assert np.allclose(got, ref, rtol=1e-5, atol=1e-5)
    assert got.max() > 1


# --------------------------------------------------------------------------------------------------------------
# Function value
# --------------------------------------------------------------------------------------------------------------
def test_function_value_scores_by_hand(tmp_path):
    g = rb.Grid(X0, Y1, 100.0, 100.0, 6, 4, CRS)
    big = rect(X0, Y1 - 400, X0 + 300, Y1).ExportToWkb()  # columns 0-2
    small = rect(X0 + 200, Y1 - 200, X0 + 500, Y1).ExportToWkb()  # rows 0-1, columns 2-4
    protection = [(big, "class_2", "src-a"), (small, "class_1", "src-b")]
    recharge = [(rect(X0 + 500, Y1 - 400, X0 + 600, Y1).ExportToWkb(), "recharge", None)]
    abstraction = {"src-a": 5000.0, "src-b": 60000.0}
    FV.run_functionvalue(g, str(tmp_path / "v.tif"), protection, recharge, abstraction)
    v = read(tmp_path / "v.tif")
    # DEFAULT scores: class_2 8 x abstraction factor 0.8 (1000-10000 m3/d) = 6.4; class_1 10 x 1.0 (>= 50000)
    # = 10; recharge 5 x unknown source 1.0 = 5; outside 1; the higher zone wins where they overlap
    assert v[3, 0] == pytest.approx(6.4)
    assert v[0, 2] == pytest.approx(10.0) and v[0, 4] == pytest.approx(10.0)
    assert v[2, 2] == pytest.approx(6.4)
    assert v[3, 4] == pytest.approx(1.0)
    assert v[1, 5] == pytest.approx(5.0)
    # quality raster: class II everywhere except nodata in one cell -> 0.7 x zone + 0.3 x 9 (class II score)
    q = np.full((4, 6), 2.0, dtype=np.float32)
    q[3, 0] = ND
    FV.run_functionvalue(
        g, str(tmp_path / "vq.tif"), protection, recharge, abstraction, quality_raster=write(tmp_path / "q.tif", q, g)
    )
    vq = read(tmp_path / "vq.tif")
    assert vq[0, 2] == pytest.approx(0.7 * 10 + 0.3 * 9)
    assert vq[3, 4] == pytest.approx(0.7 * 1 + 0.3 * 9)
    assert vq[3, 0] == pytest.approx(6.4)  # quality unknown: zone score alone
    # quality points: one class V point near the lower-right corner (radius 5000 m covers all cells)
    FV.run_functionvalue(
        g, str(tmp_path / "vp.tif"), protection, [], abstraction, quality_points=[(X0 + 550, Y1 - 350, "V")]
    )
    vp = read(tmp_path / "vp.tif")
    assert vp[3, 5] == pytest.approx(0.7 * 1 + 0.3 * 1)


# --------------------------------------------------------------------------------------------------------------
# Zoning matrices
# --------------------------------------------------------------------------------------------------------------
def _levels(*vals):
    return np.array(vals, dtype=np.uint8)


def test_zoning_matrix_2019_and_2023():
    cfg = ZCFG.load_config()
    # all 27 combinations of (value, vulnerability, load) levels
    combos = list(itertools.product((L, M, H), repeat=3))
    fv = _levels(*[c[0] for c in combos])
    vu = _levels(*[c[1] for c in combos])
    lo = _levels(*[c[2] for c in combos])
    risk_default = [[L, L, M], [L, M, H], [M, H, H]]  # [vulnerability][load], zoning_defaults.json risk_matrix
    m2019 = {H: ["protection", "protection", "prevention"], M: ["protection", "prevention", "prevention"],
             L: ["prevention"] * 3}  # fmt: skip
    m2023 = {H: ["general", "control_type", "control_type"], M: ["general", "general", "control_type"],
             L: ["general", "general", "control_type"]}  # fmt: skip
    z19 = ZN.combine(vu, lo, fv, None, None, cfg, "2019")
    z23 = ZN.combine(vu, lo, fv, None, None, cfg, "2023")
    for i, (v, a, b) in enumerate(combos):
        r = risk_default[a][b]
        assert ZCFG.ZONE_BY_CODE[int(z19[i])] == m2019[v][r]
        assert ZCFG.ZONE_BY_CODE[int(z23[i])] == m2023[v][r]
    # overrides: protection polygons first, then pollution status (2019: medium/high -> treatment; 2023: high
    # -> control-type); a missing input leaves the cell undetermined (0)
    fv, vu, lo = _levels(H, L, L, L, ZCFG.LEVEL_NODATA), _levels(L, L, L, L, L), _levels(L, L, L, L, L)
    pol = _levels(H, M, H, ZCFG.LEVEL_NODATA, L)
    prot = np.array([True, False, False, False, False])
    z19 = ZN.combine(vu, lo, fv, pol, prot, cfg, "2019")
    z23 = ZN.combine(vu, lo, fv, pol, prot, cfg, "2023")
    assert [ZCFG.ZONE_BY_CODE.get(int(c), 0) for c in z19] == ["protection", "treatment", "treatment", "prevention", 0]
    assert [ZCFG.ZONE_BY_CODE.get(int(c), 0) for c in z23] == [
        "protection_type",
        "general",
        "control_type",
        "general",
        0,
    ]


def test_edited_matrix_and_levels():
    cfg = ZCFG.load_config(overrides={"zoning": {"schemes": {"2023": {"matrix": {"low": {"low": "control_type"}}}}}})
    z = ZN.combine(_levels(L), _levels(L), _levels(L), None, None, cfg, "2023")
    assert ZCFG.ZONE_BY_CODE[int(z[0])] == "control_type"
    assert cfg["zoning"]["schemes"]["2023"]["matrix"]["high"]["high"] == "control_type"  # rest kept
    with pytest.raises(ZCFG.ZoningError):
        ZCFG.load_config(overrides={"zoning": {"schemes": {"2019": {"matrix": {"low": {"low": "general"}}}}}})
    lv = ZN.level_of(np.array([119.9, 120, 159.9, 160, 0]), np.array([1, 1, 1, 1, 0], bool), [120, 160])
    assert lv.tolist() == [L, M, M, H, ZCFG.LEVEL_NODATA]  # a value equal to a break goes up


# --------------------------------------------------------------------------------------------------------------
# Zoning polygons
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture
def city_inputs(tmp_path):
    """A 60 x 40 grid of 100 m cells; smooth synthetic inputs; an irregular city of two counties."""
    from scipy.ndimage import gaussian_filter

    g = rb.Grid(X0, Y1, 100.0, 100.0, 60, 40, CRS)
    rng = np.random.default_rng(7)

    def smooth(lo, hi, sigma=4):
        a = gaussian_filter(rng.normal(size=(g.rows, g.cols)), sigma)
        a = (a - a.min()) / (a.max() - a.min())
        return lo + a * (hi - lo)

    vul = smooth(80, 200)
    pol = smooth(1, 5, 3)
    vul[20, 20] = pol[20, 20] = ND  # nodata inside the city: takes the nearest zone
    paths = {
        "vulnerability": write(tmp_path / "vul.tif", vul, g),
        "source_load": write(tmp_path / "load.tif", smooth(0, 9), g),
        "function_value": write(tmp_path / "value.tif", smooth(1, 10), g),
        "pollution": write(tmp_path / "pol.tif", pol, g),
    }
    city = ogr.CreateGeometryFromWkt(
        f"POLYGON(({X0 + 130} {Y1 - 3870},{X0 + 5890} {Y1 - 3500},{X0 + 5700} {Y1 - 260},{X0 + 2500} {Y1 - 90},"
        f"{X0 + 300} {Y1 - 700},{X0 + 130} {Y1 - 3870}))"
    )
    west = city.Intersection(rect(X0, Y1 - 4000, X0 + 2750, Y1))
    east = city.Difference(west)
    counties = [(west.ExportToWkb(), "410101", "West"), (east.ExportToWkb(), "410102", "East")]
    return g, paths, city, counties


def assert_clean_partition(features, city):
    geoms = [ogr.CreateGeometryFromWkb(f.wkb) for f in features]
    for a, b in itertools.combinations(geoms, 2):
        inter = polygon_parts(a.Intersection(b))  # shared edges and corners are lines and points
        assert inter is None or inter.IsEmpty() or inter.GetArea() < 1e-6  # no overlaps
    union = rb.union_wkb([g.ExportToWkb() for g in geoms])
    assert abs(union.GetArea() - city.GetArea()) < 1e-3 * city.GetArea() / 1e6  # no gaps (within 1e-9 relative)
    assert union.SymDifference(city).GetArea() < 1.0  # m2
    assert all(g.IsValid() for g in geoms)


@pytest.mark.parametrize("scheme", ["2019", "2023"])
def test_zoning_polygons_are_a_clean_partition_of_the_city(tmp_path, city_inputs, scheme):
    g, p, city, counties = city_inputs
    protection = [rect(X0 + 4000, Y1 - 1500, X0 + 5000, Y1 - 500).ExportToWkb()]
    fb = rb.ListFeedback()
    res = ZN.run_zoning(
        p["vulnerability"],
        p["source_load"],
        p["function_value"],
        p["pollution"],
        scheme=scheme,
        city=[city.ExportToWkb()],
        counties=counties,
        protection=protection,
        mmu_km2=0.2,
        majority=3,
        version="v1",
        class_path=str(tmp_path / "zones.tif"),
        city_code="410100",
        feedback=fb,
    )
    assert res.features
    assert {f.zone_class for f in res.features} <= set(ZCFG.SCHEME_CLASSES[scheme])
    assert len({f.zone_class for f in res.features}) >= 2
    assert_clean_partition(res.features, city)
    assert sum(f.area_km2 for f in res.features) == pytest.approx(city.GetArea() / 1e6, rel=1e-9)
    assert res.filled_cells >= 1 and any("nearest" in line for line in fb.lines)
    # the protection polygon's cells are protection(-type) and every zone carries its scores and requirements
    prot_class = "protection" if scheme == "2019" else "protection_type"
    centre = ogr.CreateGeometryFromWkt(f"POINT({X0 + 4500} {Y1 - 1000})")
    holder = [f for f in res.features if ogr.CreateGeometryFromWkb(f.wkb).Contains(centre)]
    assert len(holder) == 1 and holder[0].zone_class == prot_class
    for f in res.features:
        assert f.scheme == scheme and f.version == "v1" and f.requirements
        assert f.scores["vulnerability"] is not None and 80 <= f.scores["vulnerability"] <= 200
        assert 1 <= f.scores["pollution_status"] <= 5
        assert f.county_code in ("410101", "410102")
    # county statistics add up to the city, and to each county
    assert sum(r["area_km2"] for r in res.county_stats) == pytest.approx(city.GetArea() / 1e6, rel=1e-6)
    for _wkb, code, _name in counties:
        share = sum(r["share_pct"] for r in res.county_stats if r["county_code"] == code)
        assert share == pytest.approx(100.0, rel=1e-6)
    zr = read(tmp_path / "zones.tif")
    assert set(np.unique(zr)) - {0} <= {ZCFG.ZONE_CODES[c] for c in ZCFG.SCHEME_CLASSES[scheme]}


def test_minimum_mapping_unit_is_honoured(tmp_path):
    g = rb.Grid(X0, Y1, 100.0, 100.0, 30, 20, CRS)
    value = np.full((20, 30), 2.0)  # low value everywhere
    vul = np.full((20, 30), 100.0)
    load = np.full((20, 30), 0.0)
    # salt-and-pepper high risk cells (vulnerability and load high) -> control-type islands of 1-4 cells, and
    # one 8 x 8 block (0.64 km2) that must survive
    rng = np.random.default_rng(5)
    spots = rng.random((20, 30)) < 0.08
    vul[spots], load[spots] = 180.0, 9.0
    vul[2:10, 15:23], load[2:10, 15:23] = 180.0, 9.0
    paths = [write(tmp_path / n, a, g) for n, a in (("v.tif", vul), ("l.tif", load), ("f.tif", value))]
    city = rect(X0, Y1 - 2000, X0 + 3000, Y1)  # on cell edges: clipping removes nothing
    common = dict(scheme="2023", city=[city.ExportToWkb()], majority=0, city_code="410100")
    raw = ZN.run_zoning(*paths, mmu_km2=0, **common)
    assert min(f.area_km2 for f in raw.features) < 0.05  # single cells exist without a minimum mapping unit
    res = ZN.run_zoning(*paths, mmu_km2=0.3, **common)
    assert res.mmu_cells == 30
    assert min(f.area_km2 for f in res.features) >= 0.3 - 1e-9
    assert any(f.zone_class == "control_type" and f.area_km2 >= 0.64 - 1e-9 for f in res.features)
    assert_clean_partition(res.features, city)
    # the majority filter removes isolated cells too, and keeps the partition clean
    sm = ZN.run_zoning(*paths, mmu_km2=0, **{**common, "majority": 3})
    assert len(sm.features) < len(raw.features)
    assert_clean_partition(sm.features, city)


def test_append_zoning_units_is_all_or_nothing(tmp_path, city_inputs, validate):
    g, p, city, counties = city_inputs
    db = str(tmp_path / "city.gpkg")
    gpkg.create_database(db)
    res = ZN.run_zoning(
        p["vulnerability"], p["source_load"], p["function_value"], None, scheme="2019",
        city=[city.ExportToWkb()], counties=counties, city_code="410100", version="t",
    )  # fmt: skip
    n = ZST.append_zoning_units(db, res.features, g.crs_wkt)
    assert n == len(res.features) > 0
    assert validate(db) == []
    ds = ogr.Open(db)
    lyr = ds.GetLayerByName("zoning_units")
    assert lyr.GetFeatureCount() == n
    f = lyr.GetNextFeature()
    assert f["scheme"] == "2019" and f["zone_class"] in ("protection", "prevention") and len(f["uuid"]) == 36
    assert f["area_km2"] > 0 and f["vulnerability"] is not None and f["pollution_status"] is None
    total = sum(x["area_km2"] for x in lyr)
    assert total == pytest.approx(city.GetArea() / 1e6, rel=1e-9)
    ds = None
    bad = list(res.features)
    bad[-1] = VZ.ZoneFeature(**{**bad[-1].__dict__, "county_code": "41"})
    with pytest.raises(ZCFG.ZoningError):
        ZST.append_zoning_units(db, bad, g.crs_wkt)
    ds = ogr.Open(db)
    assert ds.GetLayerByName("zoning_units").GetFeatureCount() == n  # nothing of the failed batch
    ds = None
    assert validate(db) == []


# --------------------------------------------------------------------------------------------------------------
# Processing chain on a project GeoPackage
# --------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def provider(qgis_processing):
    from qgis.core import QgsApplication

    from gw_plugin.processing.provider import register_provider

    register_provider()
    return QgsApplication.processingRegistry().providerById("gwplugin")


def _fill_project(db, city, counties):
    """admin_units, pollution_sources, a drinking-water source and its protection zone, written with OGR."""
    ds = gdal.OpenEx(db, gdal.OF_VECTOR | gdal.OF_UPDATE)
    au = ds.GetLayerByName("admin_units")
    for geom, code, name, level in [(city, "410100", "City", "city")] + [
        (ogr.CreateGeometryFromWkb(w), c, n, "county") for w, c, n in counties
    ]:
        f = ogr.Feature(au.GetLayerDefn())
        f.SetGeometry(ogr.ForceToMultiPolygon(geom))
        for k, v in dict(code=code, name_zh=name, level=level, county_code=code).items():
            f.SetField(k, v)
        au.CreateFeature(f)
    ps = ds.GetLayerByName("pollution_sources")
    for i, (x, y, cat, scale, anti) in enumerate(
        [(X0 + 1500, Y1 - 2000, "chemical", "large", "done"), (X0 + 4000, Y1 - 3000, "landfill", "small", "needed")]
    ):
        f = ogr.Feature(ps.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({x} {y})"))
        for k, v in dict(source_code=f"S{i}", name_zh=f"源{i}", category=cat, scale=scale,
                         antiseepage_status=anti, county_code="410101").items():  # fmt: skip
            f.SetField(k, v)
        ps.CreateFeature(f)
    ws = ds.GetLayerByName("drinking_water_sources")
    f = ogr.Feature(ws.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({X0 + 4500} {Y1 - 1000})"))
    for k, v in dict(uuid="11111111-2222-4333-8444-555555555555", source_code="W1", name_zh="水源", source_type="well_field",
                     level="city", abstraction_m3d=60000.0, county_code="410102").items():  # fmt: skip
        f.SetField(k, v)
    ws.CreateFeature(f)
    pz = ds.GetLayerByName("protection_zones")
    f = ogr.Feature(pz.GetLayerDefn())
    f.SetGeometry(ogr.ForceToMultiPolygon(rect(X0 + 4000, Y1 - 1500, X0 + 5000, Y1 - 500)))
    for k, v in dict(water_source_uuid="11111111-2222-4333-8444-555555555555", zone_class="class_1",
                     county_code="410102").items():  # fmt: skip
        f.SetField(k, v)
    pz.CreateFeature(f)
    ds = None


def test_processing_chain_appends_zoning_units(provider, tmp_path, city_inputs, validate):
    import processing
    from qgis.core import QgsVectorLayer

    g, p, city, counties = city_inputs
    db = str(tmp_path / "project.gpkg")
    gpkg.create_database(db)
    _fill_project(db, city, counties)
    layer = lambda name: QgsVectorLayer(f"{db}|layername={name}", name, "ogr")  # noqa: E731
    load = processing.run(
        "gwplugin:sourceload",
        {"SOURCES": layer("pollution_sources"), "REFERENCE": p["vulnerability"], "DECAY": 1, "RADIUS": 500,
         "OUTPUT": str(tmp_path / "load.tif")},
    )  # fmt: skip
    la = read(load["OUTPUT"])
    # chemical, large, retrofit done: 9 x 1.0 x 0.5 = 4.5 at its own cell (row 20, col 15), linear decay
    assert la[20, 15] == pytest.approx(4.5) and la[20, 17] == pytest.approx(4.5 * (1 - 200 / 500))
    # landfill, small: 8 x 0.4 = 3.2 at row 30, col 40
    assert la[30, 40] == pytest.approx(3.2)
    value = processing.run(
        "gwplugin:functionvalue",
        {"PROTECTION_ZONES": layer("protection_zones"), "WATER_SOURCES": layer("drinking_water_sources"),
         "REFERENCE": p["vulnerability"], "OUTPUT": str(tmp_path / "value.tif")},
    )  # fmt: skip
    va = read(value["OUTPUT"])
    assert va[10, 45] == pytest.approx(10.0) and va[30, 10] == pytest.approx(1.0)  # class_1 x 1.0; outside
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        lines: list = []

        def pushInfo(self, info):
            self.lines.append(info)
            super().pushInfo(info)

    fb = Feedback()
    res = processing.run(
        "gwplugin:zoning",
        {"VULNERABILITY": p["vulnerability"], "SOURCE_LOAD": load["OUTPUT"], "FUNCTION_VALUE": value["OUTPUT"],
         "POLLUTION": p["pollution"], "POLLUTION_KIND": 1, "SCHEME": 1, "ADMIN_UNITS": layer("admin_units"),
         "PROTECTION_ZONES": layer("protection_zones"), "MMU": 0.1, "VERSION": "pilot-1", "GPKG": db,
         "LOAD_BREAKS": "1, 3", "OUTPUT": str(tmp_path / "zones.gpkg"), "COUNTY_STATS": str(tmp_path / "stats.csv"),
         "OUTPUT_RASTER": str(tmp_path / "zones.tif")},
        feedback=fb,
    )  # fmt: skip
    assert any("source_load 1 / 3" in line for line in fb.lines)  # the edited breaks are in force and logged
    assert any(line.startswith("Zone = scheme 2023 matrix") for line in fb.lines)
    assert res["APPENDED"] == res["ZONES"] > 0
    assert validate(db) == []
    out = QgsVectorLayer(res["OUTPUT"], "z", "ogr")
    assert out.featureCount() == res["ZONES"]
    names = out.fields().names()
    for fld in ("scheme", "zone_class", "version", "vulnerability", "source_load", "function_value",
                "pollution_status", "area_km2", "requirements", "county_code"):  # fmt: skip
        assert fld in names
    zu = QgsVectorLayer(f"{db}|layername=zoning_units", "zu", "ogr")
    feats = list(zu.getFeatures())
    assert len(feats) == res["ZONES"]
    assert {f["zone_class"] for f in feats} <= {"protection_type", "control_type", "general"}
    assert "protection_type" in {f["zone_class"] for f in feats}
    assert all(f["version"] == "pilot-1" and f["county_code"] in ("410101", "410102") for f in feats)
    assert sum(f["area_km2"] for f in feats) == pytest.approx(city.GetArea() / 1e6, rel=1e-6)
    stats = QgsVectorLayer(res["COUNTY_STATS"], "s", "ogr")
    assert sum(float(f["area_km2"]) for f in stats.getFeatures()) == pytest.approx(city.GetArea() / 1e6, rel=1e-6)
    assert os.path.exists(res["OUTPUT_RASTER"])


# --------------------------------------------------------------------------------------------------------------
# Demo city
# --------------------------------------------------------------------------------------------------------------
def test_chain_on_the_demo_city(tmp_path, validate):
    demo = pytest.importorskip("gw_plugin.core.demo.build")
    from gw_plugin.core.zoning import drastic as DR

    res = demo.build_demo(str(tmp_path / "demo"), seed=42)
    rasters = res.rasters
    folder = os.path.dirname(rasters["depth_to_water_m"])
    tables, notes = DR.tables_from_classes_json(os.path.join(folder, "classes.json"))
    assert not [n for n in notes if "matches no class" in n]
    names = {"D": "depth_to_water_m", "R": "net_recharge_mm", "A": "aquifer_media", "S": "soil_media",
             "T": "slope_pct", "I": "vadose_media", "C": "hydraulic_conductivity_md"}  # fmt: skip
    inputs = {f: DR.FactorInput(f, raster=rasters[n]) for f, n in names.items()}
    d = DR.run_drastic(inputs, str(tmp_path / "drastic.tif"), str(tmp_path / "cls.tif"), tables=tables)
    assert d.valid_cells > 0 and 23 <= d.index_min <= d.index_max <= 226
    db = res.database
    ds = ogr.Open(db)
    au = ds.GetLayerByName("admin_units")
    city = [f.GetGeometryRef().ExportToWkb() for f in au if f["level"] == "city"]
    au.ResetReading()
    counties = [(f.GetGeometryRef().ExportToWkb(), f["code"], f["name_zh"]) for f in au if f["level"] == "county"]
    city_code = [f["code"] for f in au if f["level"] == "city"][0] if au.ResetReading() is None else ""
    ps = ds.GetLayerByName("pollution_sources")
    recs, xs, ys = [], [], []
    for f in ps:
        recs.append({k: f[k] for k in ("category", "scale", "antiseepage_status", "operating_status")})
        xs.append(f.GetGeometryRef().GetX())
        ys.append(f.GetGeometryRef().GetY())
    ds = None
    g = d.grid
    cfg = ZCFG.load_config()
    SL.run_sourceload(xs, ys, SL.hazard_scores(recs, cfg), g, str(tmp_path / "load.tif"))
    FV.run_functionvalue(g, str(tmp_path / "value.tif"), [], [], {}, cfg=cfg)
    z = ZN.run_zoning(
        str(tmp_path / "drastic.tif"), str(tmp_path / "load.tif"), str(tmp_path / "value.tif"),
        scheme="2023", city=city, counties=counties, city_code=city_code,
    )  # fmt: skip
    assert z.features and len(z.county_stats) >= 2
    assert sum(f.area_km2 for f in z.features) == pytest.approx(z.city_area_km2, rel=1e-6)
    n = ZST.append_zoning_units(db, z.features, g.crs_wkt)
    assert n == len(z.features)
    assert validate(db) == []


# --------------------------------------------------------------------------------------------------------------
# Raster helpers of the zoning step against brute force
# --------------------------------------------------------------------------------------------------------------
def _brute_majority(z, size):
    half = size // 2
    out = z.copy()
    rows, cols = z.shape
    for r in range(rows):
        for c in range(cols):
            if z[r, c] == 0:
                continue
            win = z[max(0, r - half) : r + half + 1, max(0, c - half) : c + half + 1]
            counts = {k: int((win == k).sum()) for k in np.unique(win) if k != 0}
            best = max(counts.values())
            if counts[z[r, c]] < best:
                out[r, c] = min(k for k, v in counts.items() if v == best)  # lowest code wins a tie
    return out


@pytest.mark.parametrize("size", [3, 5])
def test_majority_filter_matches_brute_force(size):
    rng = np.random.default_rng(11)
    z = rng.choice(np.array([0, 2, 5, 6], dtype=np.uint8), size=(23, 31), p=[0.1, 0.3, 0.3, 0.3])
    got = ZN.majority_filter(z, size, block_rows=4)
    assert np.array_equal(got, _brute_majority(z, size))
    assert np.array_equal(got == 0, z == 0)  # outside cells never change, never spread


def test_fill_nearest_matches_whole_grid_transform():
    from scipy.ndimage import distance_transform_edt

    rng = np.random.default_rng(2)
    z = rng.choice(np.array([2, 5, 6], dtype=np.uint8), size=(300, 400))
    inside = np.ones(z.shape, bool)
    inside[:, :5] = False
    z[~inside] = 0
    holes = np.zeros(z.shape, bool)
    holes[140:170, 200:260] = True  # a big hole: its centre is far from the first window's edge
    holes[10, 10] = holes[299, 399] = True
    z[holes] = 0
    ref = z.copy()
    dist, (iy, ix) = distance_transform_edt(ref == 0, return_indices=True)
    expect_dist = dist[holes]
    n = ZN._fill_nearest(z, inside)
    assert n == holes.sum() and (z[inside] != 0).all() and (z[~inside] == 0).all()
    # the filled code belongs to a cell at the nearest distance (ties may pick another cell at that distance)
    hr, hc = np.nonzero(holes)
    for k in list(range(0, hr.size, 37)) + [0, hr.size - 1]:  # a sample of the holes and both single cells
        r, c, d = hr[k], hc[k], expect_dist[k]
        ring = (np.hypot(*np.meshgrid(np.arange(300) - r, np.arange(400) - c, indexing="ij")) <= d + 1e-9) & (ref != 0)
        assert z[r, c] in set(ref[ring].tolist())


class _CancelAfter(rb.Feedback):
    def __init__(self, n):
        self.n = n

    def is_canceled(self):
        self.n -= 1
        return self.n < 0


def test_cancel_stops_every_step(tmp_path, city_inputs):
    from gw_plugin.core.zoning import drastic as DR

    g, p, city, counties = city_inputs
    with pytest.raises(rb.Canceled):
        SL.run_sourceload(
            [X0 + 50], [Y1 - 50], [1.0], g, str(tmp_path / "l.tif"), block_rows=4, feedback=_CancelAfter(2)
        )
    with pytest.raises(rb.Canceled):
        FV.run_functionvalue(g, str(tmp_path / "v.tif"), block_rows=4, feedback=_CancelAfter(2))
    with pytest.raises(rb.Canceled):
        ZN.run_zoning(p["vulnerability"], p["source_load"], p["function_value"], city=[city.ExportToWkb()],
                      block_rows=4, feedback=_CancelAfter(5))  # fmt: skip
    inputs = {f: DR.FactorInput(f, raster=p["vulnerability"], rated=True) for f in DR.FACTORS}
    with pytest.raises(rb.Canceled):
        DR.run_drastic(inputs, str(tmp_path / "d.tif"), block_rows=4, feedback=_CancelAfter(2))


def test_processing_sourceload_on_extent_and_cell_size(provider, tmp_path):
    import processing
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    lyr = QgsVectorLayer("Point?crs=EPSG:4547", "sources", "memory")
    lyr.dataProvider().addAttributes(
        [QgsField(n, QVariant.String) for n in ("category", "scale", "antiseepage_status", "operating_status")]
    )
    lyr.updateFields()
    rows = [(X0 + 250, Y1 - 150, "hazardous_waste", "medium", "assessed", "operating"),
            (X0 + 250, Y1 - 150, "planting_area", "large", "needed", "planned")]  # fmt: skip
    feats = []
    for x, y, *attrs in rows:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromWkt(f"POINT({x} {y})"))
        f.setAttributes(attrs)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    res = processing.run(
        "gwplugin:sourceload",
        {"SOURCES": lyr, "EXTENT": f"{X0},{X0 + 1000},{Y1 - 500},{Y1} [EPSG:4547]", "CELL_SIZE": 100,
         "DECAY": 0, "RADIUS": 300, "DECAY_LENGTH": 100, "RETROFIT_FACTOR": 0.25, "OUTPUT": str(tmp_path / "l.tif")},
    )  # fmt: skip
    ds = gdal.Open(res["OUTPUT"])
    assert (ds.RasterXSize, ds.RasterYSize) == (10, 5) and ds.GetGeoTransform()[1] == 100
    a = ds.GetRasterBand(1).ReadAsArray()
    ds = None
    # DEFAULT scores: hazardous waste 10 x medium 0.7 x retrofit 0.25 (given) = 1.75; planting area 4 x large 1.0
    # x planned 1.0 = 4.0; both in cell (1, 2); exponential decay with L = 100 m
    assert a[1, 2] == pytest.approx(1.75 + 4.0)
    assert a[1, 4] == pytest.approx((1.75 + 4.0) * math.exp(-2), abs=1e-5)
    assert a[1, 6] == pytest.approx(0.0, abs=1e-6)  # 400 m > radius 300 m


@pytest.mark.parametrize("scheme", ["2019", "2023"])
def test_fast_block_path_equals_the_readable_combination(scheme):
    """overlay.level_codes + combine_codes (what run_zoning uses) against level_of + combine on random values with
    break values themselves, NaN and nodata."""
    cfg = ZCFG.load_config()
    rng = np.random.default_rng(4)
    brk = cfg["zoning"]["breaks"]
    arrays, valids = {}, {}
    for name in ZCFG.SCORE_NAMES:
        lo, hi = brk[name]
        a = rng.uniform(lo - 2 * (hi - lo), hi + 2 * (hi - lo), (64, 77)).astype(np.float32)
        a[rng.random(a.shape) < 0.05] = lo  # exactly on a break: goes up
        a[rng.random(a.shape) < 0.05] = hi
        a[rng.random(a.shape) < 0.03] = np.nan
        arrays[name], valids[name] = a, ~np.isnan(a) & (rng.random(a.shape) > 0.03)
    slow = ZN.combine(*[ZN.level_of(arrays[n], valids[n], brk[n]) for n in ZCFG.SCORE_NAMES], None, cfg, scheme)
    fast = ZN.combine_codes(
        *[ZN.level_codes(arrays[n], valids[n], brk[n]) for n in ZCFG.SCORE_NAMES], ZN.block_luts(cfg, scheme)
    )
    assert np.array_equal(slow, fast)
    assert len(np.unique(fast)) >= 3  # every branch was exercised
