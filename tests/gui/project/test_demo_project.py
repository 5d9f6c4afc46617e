"""The demo project as a new user opens it (issue 17, item 6): the per-aquifer class layers are already built and
shown (the plain wells layer, coloured by type, hidden under them), and the saved start extent is the city's
counties, not the world; the indicator dashboard starts on the plan the demo is measured against (zhengzhou_2022,
scripts/demo_sources.py); in a 1366x768 window's map (800x450 px) at least as many English county labels are drawn as
Chinese ones (English names wrap onto two lines). The project is written into a temporary folder and read back from
the .qgz with QgsProject.
"""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize

from gw_plugin.core.data import qgis_project
from gw_plugin.core.wells import aquifer_layers


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qgis_app):
    from gw_plugin.core.demo.build import build_demo, write_demo_project

    folder = tmp_path_factory.mktemp("demo") / "demo"
    result = build_demo(str(folder))
    qgz = write_demo_project(str(folder), lang="zh")
    return {"folder": folder, "result": result, "qgz": qgz}


@pytest.fixture
def project(demo):
    project = QgsProject()
    assert project.read(demo["qgz"])
    yield project
    project.clear()


def test_aquifer_layers_are_built_and_shown(demo, project):
    database = demo["result"].database
    con = sqlite3.connect(database)
    try:
        codes = {r[0] or "" for r in con.execute("SELECT DISTINCT aquifer_layer FROM monitoring_wells")}
    finally:
        con.close()
    assert len(codes) >= 2  # the demo city has several aquifer layers: the test means something

    group = aquifer_layers.find_group(project, database)
    assert group is not None, "the per-aquifer group is missing from the layer tree"
    assert group.name() == aquifer_layers.GROUP_LABEL[0]
    assert group.isVisible()
    by_code = aquifer_layers.aquifer_layers(project, database)
    assert set(by_code) == codes
    wells_total = 0
    for code, layer in by_code.items():
        assert isinstance(layer, QgsVectorLayer) and layer.isValid()
        assert layer.subsetString() == aquifer_layers.subset_for(code)
        assert project.layerTreeRoot().findLayer(layer.id()).isVisible()
        assert layer.renderer().type() == "categorizedSymbol"
        wells_total += layer.featureCount()

    wells = qgis_project.project_layers(project, database)["monitoring_wells"]
    assert wells_total == wells.featureCount() > 0  # every well is in exactly one class layer
    assert not project.layerTreeRoot().findLayer(wells.id()).itemVisibilityChecked()  # the type-coloured copy


def test_start_extent_is_the_city(demo, project):
    saved = project.viewSettings().defaultViewExtent()
    assert not saved.isNull()
    admin = qgis_project.project_layers(project, demo["result"].database)["admin_units"]
    counties = admin.extent()
    assert saved.crs() == admin.crs() == project.crs()
    # the counties fill the view (5 % margin written by write_project), nothing of the world around them
    assert saved.contains(counties)
    assert saved.width() < counties.width() * 1.2 and saved.height() < counties.height() * 1.2
    assert saved.width() < 200_000  # metres (EPSG:4547): a prefecture-level city, not a country
    lon, lat = demo["result"].city["center_lonlat"]
    to_project = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), saved.crs(), project)
    assert saved.contains(to_project.transform(QgsPointXY(lon, lat)))


def test_dashboard_starts_on_the_demos_plan(demo, project, qtbot):
    from gw_plugin.core.sources import indicators as I
    from gw_plugin.gui.sources import indicator_dashboard as D
    from gw_plugin.toolbelt import settings

    assert project.readEntry("gw_plugin", "plan", "")[0] == "zhengzhou_2022"  # read back from the .qgz
    assert "zhengzhou_2022" in I.shipped_plans() and list(I.shipped_plans())[0] != "zhengzhou_2022"
    settings.INDICATOR_LAST_PLAN.set("jincheng_2022")  # used last, for another city: the project's plan wins
    try:
        board = D.IndicatorDashboard(lambda: demo["result"].database, None, "zh", project)
        qtbot.addWidget(board)
        assert board.plan.currentData() == "zhengzhou_2022"
        board.teardown()
    finally:
        settings.INDICATOR_LAST_PLAN.remove()


def drawn_county_labels(qgz: str, database: str, size=(800, 450)) -> list:
    """The county labels drawn when the project's start view is rendered at ``size`` pixels (the map of a 1366x768
    QGIS window with the plugin's docks)."""
    project = QgsProject()
    assert project.read(qgz)
    try:
        admin = qgis_project.project_layers(project, database)["admin_units"]
        settings = QgsMapSettings()
        settings.setLayers(project.layerTreeRoot().checkedLayers())
        settings.setDestinationCrs(project.crs())
        settings.setOutputSize(QSize(*size))
        settings.setExtent(project.viewSettings().defaultViewExtent())
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        return sorted(p.labelText for p in job.takeLabelingResults().allLabels() if p.layerID == admin.id())
    finally:
        project.clear()


def test_english_county_labels_fit_as_well_as_chinese(demo):
    from gw_plugin.core.demo import names as N
    from gw_plugin.core.demo.build import write_demo_project

    database = demo["result"].database
    zh = drawn_county_labels(demo["qgz"], database)
    en = drawn_county_labels(write_demo_project(str(demo["folder"]), lang="en", name="demo_en.qgz"), database)
    assert len(zh) >= 3, zh  # most Chinese names fit: the comparison means something
    assert set(en) <= {c["name_en"] for c in N.COUNTIES}, en
    assert len(en) >= len(zh), (zh, en)  # on one line, 1 English label against 4 Chinese ones
