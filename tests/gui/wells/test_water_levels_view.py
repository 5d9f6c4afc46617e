"""The water-level tab of the Wells dock (issue 18) with real widgets offscreen on a real GeoPackage: levels written
through OGR (manual rounds with depth only → head from ground elevation, logger readings with head and depth), the
tab follows the map selection, heads and depths plotted as written, the depth axis points down, several wells, a
well without levels, and PNG/SVG export read back."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from osgeo import ogr
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QImage

from gw_plugin.core.data import qgis_project
from gw_plugin.gui.wells.dock_wells import WellsPanel
from gw_plugin.gui.wells.levels_view import WaterLevelsWidget, level_series
from tests.core.wells.test_aquifer_layers import make_wells_db


def add_levels(path: str, ids: dict) -> None:
    """W01 (ground 100 m): 4 manual depths (no head); 30 daily logger readings with head and depth.
    W02 (ground 101 m): 3 manual readings with head only."""
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("water_levels")
    ds.StartTransaction()

    def level(well, when, depth, head, method):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["county_code"], f["well_uuid"] = str(uuid.uuid4()), "410102", ids[well]
        f["measured_at"], f["method"] = when.isoformat(), method
        if depth is not None:
            f["depth_to_water_m"] = depth
        if head is not None:
            f["head_m"] = head
        lyr.CreateFeature(f)

    for k, depth in enumerate((5.0, 6.0, 5.5, 4.5)):
        level("W01", dt.datetime(2024, 3 * k + 1, 15, 9), depth, None, "manual")
    for d in range(30):
        level("W01", dt.datetime(2024, 6, 1, 8) + dt.timedelta(days=d), 6.0 + 0.01 * d, 94.0 - 0.01 * d, "logger")
    for k, head in enumerate((90.0, 89.5, 90.5)):
        level("W02", dt.datetime(2023, 4 * k + 1, 10, 9), None, head, "manual")
    ds.CommitTransaction()
    ds = None


@pytest.fixture
def project_db(tmp_path, qgis_app):
    path = str(tmp_path / "levels.gpkg")
    ids = make_wells_db(path)
    add_levels(path, ids)
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(path, project, "zh")
    yield path, ids, project
    project.clear()


@pytest.fixture
def panel(project_db, qgis_iface, qtbot):
    widget = WellsPanel(qgis_iface, None, QgsProject.instance(), lang="zh")
    qtbot.addWidget(widget)
    widget.resize(500, 900)
    widget.show()
    yield widget
    widget.teardown()


def select(project, codes):
    layer = qgis_project.project_layers(project)["monitoring_wells"]
    layer.selectByIds([f.id() for f in layer.getFeatures() if f["well_code"] in codes])


def test_level_series_computes_heads_from_ground_elevation(project_db):
    path, ids, _ = project_db
    rows = level_series(path, ids["W01"])
    assert len(rows) == 34
    manual = [r for r in rows if r[3] == "manual"]
    assert [r[2] for r in manual] == pytest.approx([95.0, 94.0, 94.5, 95.5])  # 100 m ground − depth
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    w02 = level_series(path, ids["W02"])
    assert [r[1] for r in w02] == [None] * 3 and [r[2] for r in w02] == [90.0, 89.5, 90.5]
    assert level_series(path, ids["W03"]) == []


def test_levels_tab_follows_the_selection_and_plots(panel, project_db, tmp_path):
    path, ids, project = project_db
    select(project, {"W01"})
    tab = next(i for i in range(panel.tabs.count()) if panel.tabs.widget(i) is panel._lv_placeholder)
    panel.tabs.setCurrentIndex(tab)
    view = panel.levels_view
    assert isinstance(view, WaterLevelsWidget) and view.available
    info = view.plot_info
    assert info["wells"] == [ids["W01"]]
    assert info["manual"] == 4 and info["logger"] == 30 and info["heads"] == 34 and info["depths"] == 34
    assert info["depth_axis_inverted"]
    ax_head, ax_depth = view.figure.axes
    manual = [ln for ln in ax_head.get_lines() if ln.get_gid() == "manual"]
    assert list(manual[0].get_ydata()) == pytest.approx([95.0, 94.0, 94.5, 95.5])
    logger = [ln for ln in ax_depth.get_lines() if ln.get_gid() == "logger"]
    assert logger[0].get_ydata()[-1] == pytest.approx(6.29)
    assert "W01" in view.summary.text() and "34" in view.summary.text()
    # the selection changes while the tab is shown: two wells, W02 heads only
    select(project, {"W01", "W02"})
    panel._update_timeseries()
    assert set(view.plot_info["wells"]) == {ids["W01"], ids["W02"]}
    assert view.plot_info["heads"] == 37 and view.plot_info["depths"] == 34
    png = view.export(str(tmp_path / "levels.png"))
    image = QImage(png)
    assert not image.isNull() and image.width() > 500
    svg = view.export(str(tmp_path / "levels.svg"))
    assert open(svg, encoding="utf-8").read().lstrip().startswith("<?xml")
    with pytest.raises(ValueError):
        view.export(str(tmp_path / "levels.pdf"))
    # a well without levels
    select(project, {"W03"})
    panel._update_timeseries()
    assert view.plot_info == {} and view.message.text() and not view.png_button.isEnabled()
    with pytest.raises(ValueError):
        view.export(str(tmp_path / "none.png"))
