""" "From the flow field" in the recharge-zone dock (issue 18), real widgets offscreen on a real GeoPackage: heads on an
exact plane at the phreatic wells give the gradient and flow direction to 1 % (R² = 1, the number of wells shown),
only readings in the date window count, too few heads and wells on one line give a clear message and leave the
typed values alone, and a method without a gradient has no button."""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pytest
from osgeo import ogr
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QDate

from gw_plugin.core.data import qgis_project
from gw_plugin.gui.zones.dock_zones import ZonesPanel
from gw_plugin.gui.zones.zone_flowfield import FlowFieldBox
from tests.core.wells.test_aquifer_layers import X0, Y0, make_wells_db

GRADIENT = 0.002
AZIMUTH = 120.0  # flow towards, clockwise from north
# ∇h points against the flow: h = 50 − GRADIENT · (unit flow vector · (x − X0, y − Y0))
UE, UN = math.sin(math.radians(AZIMUTH)), math.cos(math.radians(AZIMUTH))
PLACES = {  # well → offset (m) from X0, Y0: the phreatic wells W01, W02, W03, W06 are not on one line
    "W01": (0.0, 0.0),
    "W02": (1500.0, 200.0),
    "W03": (300.0, 1800.0),
    "W06": (2000.0, 2500.0),
    "W04": (0.0, 0.0),
    "W05": (1000.0, 1000.0),  # deep_confined: two wells only
}


def head(dx: float, dy: float) -> float:
    return 50.0 - GRADIENT * (UE * dx + UN * dy)


@pytest.fixture
def database(tmp_path, qgis_app):
    path = str(tmp_path / "plane.gpkg")
    ids = make_wells_db(path)
    ds = ogr.Open(path, 1)
    wells = ds.GetLayerByName("monitoring_wells")
    for f in wells:
        if f["well_code"] in PLACES:
            dx, dy = PLACES[f["well_code"]]
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({X0 + dx} {Y0 + dy})"))
            wells.SetFeature(f)
    levels = ds.GetLayerByName("water_levels")
    for code, (dx, dy) in PLACES.items():
        for when, h in ((dt.datetime(2024, 5, 15, 9), head(dx, dy)), (dt.datetime(2021, 5, 15, 9), 0.0)):
            f = ogr.Feature(levels.GetLayerDefn())
            f["uuid"], f["county_code"], f["well_uuid"] = str(uuid.uuid4()), "410102", ids[code]
            f["measured_at"], f["head_m"], f["method"] = when.isoformat(), h, "manual"
            levels.CreateFeature(f)
    ds = None
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(path, project, "zh")
    yield path, project
    project.clear()


@pytest.fixture
def panel(database, qgis_iface, qtbot):
    _, project = database
    widget = ZonesPanel(qgis_iface, None, project)
    qtbot.addWidget(widget)
    widget.live_check.setChecked(False)
    widget.set_method("uniform_flow")
    yield widget
    widget.teardown()


def set_window(box: FlowFieldBox, aquifer: str, start: str, end: str) -> None:
    box.aquifer_combo.setCurrentIndex(box.aquifer_combo.findData(aquifer))
    box.date_from.setDate(QDate.fromString(start, "yyyy-MM-dd"))
    box.date_to.setDate(QDate.fromString(end, "yyyy-MM-dd"))


def test_button_fills_gradient_and_direction_from_a_plane(panel):
    box = panel.flowfield_box
    assert isinstance(box, FlowFieldBox) and box.button.text()
    set_window(box, "phreatic", "2024-01-01", "2024-12-31")
    box.button.click()
    fit = box.fit
    assert fit is not None and fit.n == 4 and fit.r2 == pytest.approx(1.0)
    gradient = panel.param_widgets["GRADIENT"].value()
    azimuth = panel.param_widgets["FLOW_AZIMUTH"].value()
    assert gradient == pytest.approx(GRADIENT, rel=0.01)
    assert azimuth == pytest.approx(AZIMUTH, rel=0.01)
    text = box.result_label.text()
    assert "4" in text and "1.000" in text and "120.0" in text
    assert panel.parameters()["GRADIENT"] == pytest.approx(GRADIENT, rel=0.01)


def test_too_few_heads_and_one_line_say_so_and_leave_the_values(panel):
    box = panel.flowfield_box
    panel.param_widgets["GRADIENT"].setValue(0.0042)
    panel.param_widgets["FLOW_AZIMUTH"].setValue(33.0)
    set_window(box, "deep_confined", "2024-01-01", "2024-12-31")  # two wells
    box.button.click()
    assert box.fit is None and "2" in box.result_label.text() and "3" in box.result_label.text()
    set_window(box, "phreatic", "2025-01-01", "2025-12-31")  # no readings in the window
    box.button.click()
    assert box.fit is None and "0" in box.result_label.text()
    assert panel.param_widgets["GRADIENT"].value() == pytest.approx(0.0042)
    assert panel.param_widgets["FLOW_AZIMUTH"].value() == pytest.approx(33.0)


def test_window_choice_survives_a_method_change_and_old_readings_are_left_out(panel):
    box = panel.flowfield_box
    set_window(box, "phreatic", "2024-01-01", "2024-12-31")
    box.button.click()
    panel.set_method("hj338_table")  # no gradient: no button
    assert panel.flowfield_box is None
    panel.set_method("aem")
    box = panel.flowfield_box
    assert box.aquifer_combo.currentData() == "phreatic"
    assert box.date_from.date() == QDate(2024, 1, 1)
    box.button.click()
    assert panel.param_widgets["FLOW_AZIMUTH"].value() == pytest.approx(AZIMUTH, rel=0.01)
    set_window(box, "phreatic", "2020-01-01", "2024-12-31")  # the 2021 zeros are averaged in: half the plane
    box.button.click()
    assert panel.param_widgets["GRADIENT"].value() == pytest.approx(GRADIENT / 2, rel=0.01)
