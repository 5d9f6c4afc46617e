"""The toolbelt's one-helper-per-job modules on real GDAL/OSR, QgsSettings and Qt objects."""

from __future__ import annotations

import pytest
from osgeo import ogr

from gw_plugin.toolbelt import ogr as T
from gw_plugin.toolbelt import settings
from gw_plugin.toolbelt.i18n import is_zh, pick, ui_language


def test_spatial_references_are_in_x_y_order():
    # EPSG:4490 (CGCS2000) is latitude-first by authority; the plugin always works in lon/lat = x/y
    to_gk = T.transformation(4490, "EPSG:4547")
    x, y, _ = to_gk.TransformPoint(114.5, 34.7)  # half a degree east of the central meridian
    assert 540_000 < x < 550_000 and 3_800_000 < y < 3_900_000  # easting, northing (false easting 500 km)
    assert T.transformation("EPSG:4547", T.srs(4547)) is None  # same CRS: nothing to do
    assert T.transformation("EPSG:4547", 4547, skip_same=False) is not None
    from osgeo import osr

    was = osr.GetUseExceptions()
    try:
        for exceptions in (False, True):  # GDAL's exception mode is process-wide: both must give ValueError
            osr.UseExceptions() if exceptions else osr.DontUseExceptions()
            with pytest.raises(ValueError):
                T.srs("no such crs")
    finally:
        osr.UseExceptions() if was else osr.DontUseExceptions()


def test_polygon_parts_of_any_geometry():
    collection = ogr.CreateGeometryFromWkt(
        "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(0 0,1 1), POLYGON((0 0,1 0,1 1,0 0)),"
        " MULTIPOLYGON(((2 2,3 2,3 3,2 2)),((4 4,5 4,5 5,4 4))))"
    )
    assert len(T.polygons(collection)) == 3
    parts = T.polygon_parts(collection)
    assert parts.GetGeometryName() == "MULTIPOLYGON" and parts.GetGeometryCount() == 3
    assert T.polygon_parts(ogr.CreateGeometryFromWkt("LINESTRING(0 0,1 1)")) is None
    polygon = ogr.CreateGeometryFromWkt("POLYGON((0 0,1 0,1 1,0 0))")
    assert T.polygon_parts(polygon) is polygon  # already polygonal: as it is
    bowtie = ogr.CreateGeometryFromWkt("POLYGON((0 0,2 2,2 0,0 2,0 0))")
    assert not bowtie.IsValid()
    repaired = T.valid_polygons(bowtie)
    assert repaired.IsValid() and abs(repaired.GetArea() - 2.0) < 1e-9


def test_null_to_none_and_dialog_keeper(qgis_app, qtbot):
    from qgis.PyQt.QtCore import QVariant
    from qgis.PyQt.QtWidgets import QDialog

    from gw_plugin.toolbelt.qt import DialogKeeper, null_to_none

    assert null_to_none(QVariant()) is None and null_to_none(None) is None
    assert null_to_none(0) == 0 and null_to_none("") == ""
    keeper = DialogKeeper()
    first, second = QDialog(), QDialog()
    for dialog in (first, second):
        qtbot.addWidget(dialog)
        keeper.keep(dialog).show()
    first.accept()  # a finished dialog is let go
    assert list(keeper) == [second]
    keeper.close_all()
    assert len(keeper) == 0 and not second.isVisible()


def test_settings_round_trip_in_qgis_settings(qgis_app):
    from qgis.core import QgsSettings

    try:
        settings.DOCK_OPEN.set(True, key="zz_test")
        assert QgsSettings().value("gw_plugin/docks/zz_test/open", False, type=bool) is True
        assert settings.DOCK_OPEN.get(key="zz_test") is True
        settings.IMPORT_PRESET.set("{}", name="zz one")
        assert "zz one" in settings.IMPORT_PRESETS.children()
    finally:
        settings.DOCK_OPEN.remove(key="zz_test")
        settings.IMPORT_PRESET.remove(name="zz one")
    assert settings.DOCK_OPEN.get(key="zz_test") is False
    assert "zz one" not in settings.IMPORT_PRESETS.children()


def test_language_helpers():
    assert is_zh("zh_CN") and is_zh("zh-Hans") and is_zh("") and not is_zh("en")
    assert pick(("中", "en"), "zh") == "中" and pick(("中", "en"), "en_US") == "en"
    assert ui_language("zh-Hans") == "zh" and ui_language("de") == "en"
