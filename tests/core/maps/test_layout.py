"""Map export from the print-layout templates: real GeoPackage, real QGIS layout exporter, files read back with
poppler (pdfinfo, pdffonts, pdftotext) and QImage."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import ogr, osr

from gw_plugin.core.data import fonts as F
from gw_plugin.core.data import gpkg
from gw_plugin.core.maps import layout as M
from gw_plugin.core.maps import overview as OV
from gw_plugin.core.maps import texts as T

DAY = dt.date(2026, 11, 23)

# Three districts of Zhengzhou as simple boxes (lon/lat, CGCS2000) and points inside them.
COUNTIES = [
    ("410102", "中原区", (113.50, 34.70, 113.62, 34.80)),
    ("410103", "二七区", (113.62, 34.62, 113.70, 34.76)),
    ("410105", "金水区", (113.62, 34.76, 113.76, 34.86)),
]
WELLS = [
    ("W001", "须水镇监测井", "phreatic", "national_project", 113.54, 34.74),
    ("W002", "碧沙岗监测井", "shallow_confined", "drinking_source", 113.60, 34.77),
    ("W003", "侯寨监测井", "phreatic", "status_survey", 113.66, 34.66),
    ("W004", "花园口监测井", "deep_confined", "national_project", 113.70, 34.84),
    ("W005", "北环监测井", "shallow_confined", "pollution_source", 113.67, 34.80),
]
SOURCES = [
    ("S001", "郑州某化工有限公司", "chemical", 113.56, 34.78),
    ("S002", "二七区加油站", "gas_station", 113.65, 34.70),
    ("S003", "金水区垃圾填埋场", "landfill", 113.73, 34.82),
]
WATER_SOURCES = [
    ("DW01", "石佛水源地", "well_field", 113.58, 34.79),
    ("DW02", "东周水源地", "riverside", 113.69, 34.82),
]

PAPER_MM = {("A3", "landscape"): (420, 297), ("A3", "portrait"): (297, 420)}
PAPER_MM.update({("A4", "landscape"): (297, 210), ("A4", "portrait"): (210, 297)})
PT_PER_MM = 72 / 25.4


def _to_gk(lon: float, lat: float):
    src = osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4547)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _ = osr.CoordinateTransformation(src, dst).TransformPoint(lon, lat)
    return x, y


def _point(lon, lat):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(*_to_gk(lon, lat))
    return g


def _box(x0, y0, x1, y1):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for lon, lat in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
        ring.AddPoint_2D(*_to_gk(lon, lat))
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(poly)
    return multi


def make_city_gpkg(path: Path) -> Path:
    """A project GeoPackage with three districts, five wells, three pollution sources and two water sources."""
    gpkg.create_database(str(path))
    ds = ogr.Open(str(path), 1)

    def add(table, geom, **values):
        lyr = ds.GetLayerByName(table)
        feat = ogr.Feature(lyr.GetLayerDefn())
        for k, v in values.items():
            feat.SetField(k, v)
        feat.SetGeometry(geom)
        assert lyr.CreateFeature(feat) == 0

    for code, name, box in COUNTIES:
        add("admin_units", _box(*box), code=code, name_zh=name, level="county", county_code=code)
    for code, name, aquifer, kind, lon, lat in WELLS:
        add(
            "monitoring_wells",
            _point(lon, lat),
            well_code=code,
            name_zh=name,
            aquifer_layer=aquifer,
            well_type=kind,
            status="active",
            county_code="410102",
        )
    for code, name, category, lon, lat in SOURCES:
        add(
            "pollution_sources",
            _point(lon, lat),
            source_code=code,
            name_zh=name,
            category=category,
            county_code="410103",
        )
    for code, name, kind, lon, lat in WATER_SOURCES:
        add(
            "drinking_water_sources",
            _point(lon, lat),
            source_code=code,
            name_zh=name,
            source_type=kind,
            level="city",
            county_code="410105",
        )
    ds = None
    return path


def make_project(gpkg_path: Path):
    """A QgsProject in EPSG:4547 with the layers named in Chinese and a memory river layer."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsFillSymbol,
        QgsGeometry,
        QgsLineSymbol,
        QgsPointXY,
        QgsProject,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4547"))
    names = [
        ("drinking_water_sources", "饮用水水源地"),
        ("pollution_sources", "污染源"),
        ("monitoring_wells", "监测井"),
        ("admin_units", "行政区"),
    ]
    layers = {}
    for table, name in names:
        layer = QgsVectorLayer(f"{gpkg_path}|layername={table}", name, "ogr")
        assert layer.isValid(), table
        renderer = OV.thematic_renderer(table)
        if renderer is not None:
            layer.setRenderer(renderer)
        layers[table] = layer
    layers["admin_units"].setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {"color": "250,247,236,255", "outline_color": "90,90,90", "outline_width": "0.4"}
            )
        )
    )
    river = QgsVectorLayer("LineString?crs=EPSG:4547", "贾鲁河", "memory")
    feat = QgsFeature()
    feat.setGeometry(
        QgsGeometry.fromPolylineXY(
            [
                QgsPointXY(*_to_gk(lon, lat))
                for lon, lat in ((113.48, 34.72), (113.58, 34.76), (113.66, 34.80), (113.78, 34.83))
            ]
        )
    )
    river.dataProvider().addFeatures([feat])
    river.updateExtents()
    river.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "70,130,200", "width": "0.8"})))
    layers["river"] = river
    project.addMapLayers([layers[t] for t, _ in names] + [river], False)
    root = project.layerTreeRoot()
    for key in ("drinking_water_sources", "pollution_sources", "monitoring_wells", "river", "admin_units"):
        root.addLayer(layers[key])
    return project, layers


# ---------------------------------------------------------------------------------------------------------------
# Readers of the written files (poppler-utils and QImage)
# ---------------------------------------------------------------------------------------------------------------
def _run(*cmd) -> str:
    if shutil.which(cmd[0]) is None:
        pytest.fail(f"{cmd[0]} is missing: install poppler-utils (listed in apt-packages.txt)")
    return subprocess.run(cmd, check=True, capture_output=True, text=True, encoding="utf-8").stdout


def pdf_page_size_mm(path) -> tuple:
    out = _run("pdfinfo", str(path))
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    assert found, out
    assert re.search(r"Pages:\s+1\b", out), out
    return float(found.group(1)) / PT_PER_MM, float(found.group(2)) / PT_PER_MM


def pdf_fonts(path) -> list:
    """(name, type, embedded) of every font of the PDF, from pdffonts."""
    rows = []
    for line in _run("pdffonts", str(path)).splitlines()[2:]:
        found = re.match(r"^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert found, line
        rows.append((found.group(1), found.group(2), found.group(4) == "yes"))
    return rows


def pdf_text(path, raw: bool = False) -> str:
    """The text of the PDF, by default with all white space removed (pdftotext may break lines anywhere)."""
    text = _run("pdftotext", "-enc", "UTF-8", str(path), "-")
    return text if raw else re.sub(r"\s+", "", text)


def pdf_image_count(path) -> int:
    lines = _run("pdfimages", "-list", str(path)).splitlines()
    return len(lines) - 2


def png_stats(path):
    """(width, height, set of colours seen on a 4-pixel grid) of a PNG."""
    from qgis.PyQt.QtGui import QImage

    img = QImage(str(path))
    assert not img.isNull(), f"{path} does not decode"
    colours = set()
    for y in range(0, img.height(), 4):
        for x in range(0, img.width(), 4):
            colours.add(img.pixel(x, y) & 0xFFFFFF)
    return img.width(), img.height(), colours


def _rgb(hex_colour: str) -> int:
    return int(hex_colour.lstrip("#"), 16)


# ---------------------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def city(qgis_app, tmp_path_factory):
    path = make_city_gpkg(tmp_path_factory.mktemp("city") / "zhengzhou.gpkg")
    project, layers = make_project(path)
    yield path, project, layers
    project.clear()


def _export(city, out_dir: Path, paper="A3", orientation="landscape", lang="zh", layers=None, dpi=100):
    _path, project, all_layers = city
    keys = layers or ("drinking_water_sources", "pollution_sources", "monitoring_wells", "river", "admin_units")
    zh = lang == "zh"
    return M.export_map(
        project,
        str(out_dir / f"map_{paper}_{orientation}_{lang}.pdf"),
        str(out_dir / f"map_{paper}_{orientation}_{lang}.png"),
        title="郑州市地下水环境监测井分布图" if zh else "Zhengzhou groundwater monitoring wells",
        subtitle="2026年度监测网络" if zh else "Monitoring network 2026",
        layers=[all_layers[k] for k in keys],
        paper=paper,
        orientation=orientation,
        lang=lang,
        notes="监测井位置经现场核实。" if zh else "Well locations checked in the field.",
        data_sources="郑州市生态环境局" if zh else "Zhengzhou Ecology and Environment Bureau",
        dpi=dpi,
        date=DAY,
    )


# ---------------------------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------------------------
def test_test_database_is_a_valid_geopackage(city, validate):
    path, _project, layers = city
    assert validate(path) == []
    assert layers["monitoring_wells"].featureCount() == len(WELLS)
    assert layers["admin_units"].featureCount() == len(COUNTIES)


@pytest.mark.parametrize("paper, orientation", sorted(PAPER_MM))
def test_templates_load_with_every_item(qgis_app, paper, orientation):
    from qgis.core import QgsApplication, QgsProject

    layout = M.load_layout(QgsProject(), paper, orientation)
    page = layout.pageCollection().page(0).pageSize()
    assert (round(page.width()), round(page.height())) == PAPER_MM[(paper, orientation)]
    for item_id in M.TEMPLATE_ITEM_IDS:
        assert layout.itemById(item_id) is not None, item_id
    grid = layout.itemById("map").grids().asList()[0]
    assert grid.crs().authid() == "EPSG:4490"
    arrow = Path(layout.itemById("north_arrow").picturePath())
    assert arrow.is_file() and any(str(arrow).startswith(p) for p in QgsApplication.svgPaths())
    # every item lies on the page
    for item in layout.items():
        if hasattr(item, "sizeWithUnits") and item.id():
            pos, size = item.positionWithUnits(), item.sizeWithUnits()
            assert pos.x() >= 0 and pos.y() >= 0, item.id()
            assert pos.x() + size.width() <= page.width() + 0.01, item.id()
            assert pos.y() + size.height() <= page.height() + 0.01, item.id()


def test_shipped_templates_match_the_generator(qgis_app, tmp_path):
    """resources/layouts/*.qpt are what scripts/make_layouts.py writes (same items at the same places)."""
    import importlib.util

    from qgis.core import QgsProject

    spec = importlib.util.spec_from_file_location(
        "make_layouts", M.template_path().parents[2] / "scripts" / "make_layouts.py"
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    try:
        spec.loader.exec_module(mod)
    finally:
        del sys.modules[spec.name]
    written = mod.write_templates(tmp_path)
    assert len(written) == 4
    for path in written:
        paper, orientation = path.stem.split("_")[2:]
        fresh = mod.build_layout(paper, orientation, QgsProject())
        shipped = M.load_layout(QgsProject(), paper, orientation)

        def geometry(layout):
            out = {}
            for item in layout.items():
                if hasattr(item, "positionWithUnits") and item.id():
                    p, s = item.positionWithUnits(), item.sizeWithUnits()
                    box = (p.x(), p.y()) if item.id() == "scalebar" else (p.x(), p.y(), s.width(), s.height())
                    out[item.id()] = tuple(round(v, 2) for v in box)  # a scale bar's width follows its map
            return out

        assert geometry(shipped) == geometry(fresh), path.name


@pytest.mark.parametrize("paper, orientation", sorted(PAPER_MM))
def test_export_map_every_paper_and_orientation(city, tmp_path, paper, orientation):
    dpi = 100
    result = _export(city, tmp_path, paper, orientation, dpi=dpi)
    pdf, png = Path(result["pdf"]), Path(result["png"])
    assert pdf.is_file() and png.is_file()

    w_mm, h_mm = pdf_page_size_mm(pdf)
    exp_w, exp_h = PAPER_MM[(paper, orientation)]
    assert abs(w_mm - exp_w) < 0.5 and abs(h_mm - exp_h) < 0.5

    fonts = pdf_fonts(pdf)
    cjk = [f for f in fonts if re.search(r"WenQuanYi|CJK|Hei|YaHei|PingFang|Han", f[0])]
    assert cjk, fonts
    assert all(embedded for _n, _t, embedded in fonts), fonts  # every font embedded, the CJK one included

    text = pdf_text(pdf)
    for expected in (
        "郑州市地下水环境监测井分布图",
        "2026年度监测网络",
        "图例",
        "饮用水水源地",
        "污染源",
        "监测井",
        "行政区",
        "贾鲁河",
        "浅层潜水",  # category labels of the wells' renderer
        "化工企业",
        "比例尺1:",
        "千米",
        "制图日期：2026年11月23日",
        "说明：监测井位置经现场核实。",
        "数据来源：郑州市生态环境局",
        "2000国家大地坐标系",
    ):
        assert expected in text, expected
    assert re.search(r"113°\d\d′E", text) and re.search(r"34°\d\d′N", text), "degree-minute graticule labels"
    scale = int(
        re.search(r"比例尺 1:(\d{1,3}(?: \d{3})*)\s*$", pdf_text(pdf, raw=True), re.M).group(1).replace(" ", "")
    )
    assert M.nice_scale(scale) == scale
    assert pdf_image_count(pdf) == 0  # all vector: no raster image in the PDF

    width, height, colours = png_stats(png)
    assert abs(width - round(exp_w / 25.4 * dpi)) <= 2 and abs(height - round(exp_h / 25.4 * dpi)) <= 2
    assert abs(width / height - exp_w / exp_h) < 0.01
    assert len(colours) > 20
    assert _rgb("#faf7ec") in colours  # county fill is drawn
    assert _rgb("#4daf4a") in colours  # phreatic wells are drawn


def test_english_fixed_labels(city, tmp_path):
    result = _export(city, tmp_path, "A4", "landscape", lang="en")
    text = pdf_text(result["pdf"])
    for expected in (
        "Legend",
        "Scale1:",
        "km",
        "Date:2026-11-23",
        "Notes:",
        "Datasources:",
        "Coordinatesystem:CGCS2000",
    ):
        assert expected in text, expected
    for chinese in ("图例", "比例尺", "制图日期", "说明", "数据来源", "千米", "坐标系"):
        assert chinese not in text, chinese


def test_legend_shows_only_the_layers_exported(city, tmp_path):
    result = _export(city, tmp_path, "A4", "portrait", layers=("monitoring_wells", "admin_units"))
    text = pdf_text(result["pdf"])
    assert "监测井" in text and "行政区" in text and "浅层潜水" in text
    for absent in ("污染源", "饮用水水源地", "化工企业", "孔隙水井群", "贾鲁河"):
        assert absent not in text, absent


def test_overview_map_from_the_visible_layers(city, tmp_path):
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    _path, project, layers = city
    wells = layers["monitoring_wells"]
    before = wells.renderer().clone()
    wells.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"color": "red"})))
    node = project.layerTreeRoot().findLayer(layers["pollution_sources"].id())
    node.setItemVisibilityChecked(False)
    try:
        result = OV.export_overview(project, str(tmp_path / "out"), lang="zh", city_name="郑州市", dpi=80, date=DAY)
        assert Path(result["pdf"]).name == "overview_zh.pdf" and Path(result["png"]).name == "overview_zh.png"
        assert Path(result["pdf"]).parent == tmp_path / "out"
        text = pdf_text(result["pdf"])
        assert "郑州市地下水污染防治试验区概况图" in text
        for expected in ("监测井", "浅层潜水", "中深层承压水", "深层承压水", "饮用水水源地", "行政区", "贾鲁河"):
            assert expected in text, expected
        for absent in ("化工企业", "垃圾填埋场", "加油站"):  # hidden layer left out of map and legend
            assert absent not in text, absent
        assert "zhengzhou.gpkg" in text  # data source
        # wells by aquifer layer on a copy: the project's own renderer is untouched
        assert isinstance(wells.renderer(), QgsSingleSymbolRenderer)
        _w, _h, colours = png_stats(result["png"])
        assert _rgb("#4daf4a") in colours and _rgb("#377eb8") in colours  # phreatic / confined colours

        en = OV.export_overview(project, str(tmp_path / "out"), lang="en", city_name="Zhengzhou", dpi=80, date=DAY)
        assert Path(en["pdf"]).name == "overview_en.pdf"
        text = pdf_text(en["pdf"])
        for expected in ("ZhengzhouGroundwaterPollutionPreventionPilotZone", "Monitoringwells", "Shallowphreatic"):
            assert expected in text, expected
        assert "Legend" in text and "图例" not in text
    finally:
        node.setItemVisibilityChecked(True)
        wells.setRenderer(before)


def test_overview_extent_is_the_admin_units_with_a_margin(city):
    _path, project, layers = city
    admin = layers["admin_units"].extent()
    ext = OV.overview_extent(project, project.crs(), list(layers.values()))
    assert ext.contains(admin)
    assert ext.width() == pytest.approx(admin.width() * 1.08) and ext.height() == pytest.approx(admin.height() * 1.08)
    # the river runs beyond the districts, the extent does not follow it
    assert layers["river"].extent().width() > ext.width()


def test_nice_scale_and_grid_interval():
    assert M.nice_scale(101_000) == 120_000
    assert M.nice_scale(150_000) == 150_000
    assert M.nice_scale(8_100) == 10_000
    assert M.nice_scale(2_600_000) == 3_000_000
    assert M.grid_interval(0.3, 0.2) == pytest.approx(5 / 60)  # 18′ across: 5′ lines
    assert M.grid_interval(2.5, 1.5) == pytest.approx(0.5)
    assert M.grid_interval(0.01, 0.01) == pytest.approx(10 / 3600)


def test_font_choice(qgis_app):
    assert F.cjk_font_family() == "WenQuanYi Micro Hei"  # fonts-wqy-microhei (apt-packages.txt)
    assert F.cjk_font_family(("No Such Font", "WenQuanYi Micro Hei")) == "WenQuanYi Micro Hei"
    from qgis.PyQt.QtGui import QFontDatabase

    fallback = F.cjk_font_family(("No Such Font",))
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase().writingSystems(fallback)


def test_labels_both_languages():
    assert T.date_text(DAY, "zh") == "制图日期：2026年11月23日"
    assert T.date_text(DAY, "en") == "Date: 2026-11-23"
    assert T.scale_text(250000, "zh") == "比例尺 1:250 000"
    assert T.scale_text(250000, "en") == "Scale 1:250,000"
    from qgis.core import QgsCoordinateReferenceSystem

    assert "中央经线114°E" in T.crs_text(QgsCoordinateReferenceSystem("EPSG:4547"), "zh")
    assert "central meridian 117°E" in T.crs_text(QgsCoordinateReferenceSystem("EPSG:4548"), "en")


def test_errors_are_clear(city, tmp_path):
    _path, project, layers = city
    with pytest.raises(ValueError):
        M.template_path("A5", "landscape")
    with pytest.raises(ValueError):
        M.export_map(project, None, None, title="x")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder is expected")
    with pytest.raises((M.MapExportError, OSError)):
        M.export_map(project, str(blocked / "map.pdf"), None, title="x", layers=[layers["admin_units"]], dpi=50)
    directory = tmp_path / "is_a_directory.pdf"
    directory.mkdir()
    with pytest.raises(M.MapExportError, match="is_a_directory.pdf"):
        M.export_map(project, str(directory), None, title="x", layers=[layers["admin_units"]], dpi=50)
    from qgis.core import QgsVectorLayer

    empty = QgsVectorLayer("Point?crs=EPSG:4547", "空图层", "memory")
    with pytest.raises(M.MapExportError):
        M.export_map(project, str(tmp_path / "empty.pdf"), None, title="x", layers=[empty])


def crowded_layers():
    """Memory layers that use every category of the three themed tables (a long legend)."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    from gw_plugin.core.data import schema as S

    out = []
    for table, field, name in (
        ("drinking_water_sources", "source_type", "饮用水水源地"),
        ("pollution_sources", "category", "污染源"),
        ("monitoring_wells", "aquifer_layer", "监测井"),
    ):
        layer = QgsVectorLayer("Point?crs=EPSG:4547", name, "memory")
        layer.dataProvider().addAttributes([QgsField(field, QVariant.String)])
        layer.updateFields()
        codes = S.codelist(S.table(table).field(field).codelist).code_values()
        feats = []
        for i, code in enumerate(codes):
            f = QgsFeature(layer.fields())
            f.setAttribute(field, code)
            f.setGeometry(
                QgsGeometry.fromPointXY(QgsPointXY(*_to_gk(113.5 + 0.015 * i, 34.65 + 0.01 * len(out) + 0.005 * i)))
            )
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
        layer.updateExtents()
        layer.setRenderer(OV.thematic_renderer(table))
        out.append(layer)
    return out


@pytest.mark.parametrize("paper, orientation", sorted(PAPER_MM))
def test_long_legend_and_notes_stay_inside_the_panel(city, paper, orientation):
    _path, project, layers = city
    crowded = crowded_layers()  # kept alive: the layout refers to the layers, it does not own them
    layout = M.prepare_layout(
        project,
        title="图例较长的专题图",
        layers=[*crowded, layers["river"], layers["admin_units"]],
        paper=paper,
        orientation=orientation,
        notes="监测井位置经现场核实，部分污染源位置待核实。" * 6,
        data_sources="郑州市生态环境局；郑州市自然资源和规划局；河南省地质环境监测院" * 2,
        date=DAY,
    )
    panel = M._mm(layout.itemById("panel"))
    legend = M._mm(layout.itemById("legend"))
    assert panel.contains(legend), (legend, panel)
    for item_id in ("scale_text", "scalebar", "crs", "notes", "sources", "date"):
        rect = M._mm(layout.itemById(item_id))
        assert panel.contains(rect), (item_id, rect, panel)
        assert not rect.intersects(legend), (item_id, rect, legend)
    assert not M._mm(layout.itemById("map")).intersects(panel)
    # every category with features is listed (4 + 16 + 5 of the three themed layers, plus river and districts)
    model = layout.itemById("legend").model()
    root = model.rootGroup()
    entries = sum(len(model.layerLegendNodes(node)) for node in root.findLayers())
    assert entries == 4 + 16 + 5 + 2  # the empty "other" classes are filtered out by the map
