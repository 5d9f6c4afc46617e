"""The Sites dock with real widgets offscreen on a real project GeoPackage loaded into QgsProject.instance(): the
tree by stage and county with counts, the filters, the timeline of a site, recording the next stage through the
panel (and a refused one shown as one sentence), a document attached to a stage, and the dock registered by
discovery under the key "sites"."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from qgis.core import QgsProject

from gw_plugin.core.data import gpkg, qgis_project
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import stages as ST
from gw_plugin.gui.common import docks
from gw_plugin.gui.soil.dock_sites import NO_STAGE, SitesPanel, matches
from gw_plugin.gui.soil.stage_dialog import StageDialog, next_stages

SITES = [  # code, name, county, land class, stages (code, start)
    ("DK-01", "原化工厂", "419901", 1, [("phase1_survey", "2023-01-05"), ("phase2_survey", "2023-05-01")]),
    ("DK-02", "原电镀厂", "419901", 2, [("phase1_survey", "2023-02-01")]),
    (
        "DK-03",
        "原农药厂",
        "419902",
        1,
        [
            ("phase1_survey", "2022-03-01"),
            ("phase2_survey", "2022-06-01"),
            ("risk_assessment", "2022-09-01"),
            ("control_list", "2022-12-01"),
        ],
    ),
    ("DK-04", "原焦化厂", "419902", 2, []),
]


@pytest.fixture
def loaded(tmp_path, qgis_app):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    for code, name in (("419901", "东区"), ("419902", "西区")):
        con.execute(
            "INSERT INTO admin_units (uuid, county_code, code, name_zh, level) VALUES (?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), code, code, name, "county"),
        )
    ids = {}
    for code, name, county, land, _ in SITES:
        ids[code] = str(uuid.uuid4())
        con.execute(
            "INSERT INTO sites (uuid, county_code, site_code, name_zh, planned_land_class) VALUES (?, ?, ?, ?, ?)",
            (ids[code], county, code, name, land),
        )
    con.close()
    for code, *_rest, history in SITES:
        for stage, day in history:
            ST.add_stage(path, ids[code], stage, day)
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(path, project, "zh")
    yield path, ids
    project.clear()


@pytest.fixture
def panel(loaded, qgis_iface, qtbot):
    widget = SitesPanel(qgis_iface, None, QgsProject.instance(), lang="zh")
    qtbot.addWidget(widget)
    widget.resize(500, 800)
    widget.show()
    yield widget
    widget.teardown()


def tree(panel) -> dict:
    """{stage: (count, {county: (count, [site labels])})} as shown."""
    out = {}
    for i in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(i)
        counties = {}
        for j in range(top.childCount()):
            mid = top.child(j)
            counties[mid.text(0)] = (int(mid.text(1)), [mid.child(k).text(0) for k in range(mid.childCount())])
        out[top.data(0, Qt_user())] = (int(top.text(1)), counties)
    return out


def Qt_user():
    from qgis.PyQt.QtCore import Qt

    return Qt.ItemDataRole.UserRole


def test_tree_by_stage_and_county(panel):
    shown = tree(panel)
    assert list(shown) == ["phase1_survey", "phase2_survey", "control_list", NO_STAGE]
    assert shown["phase1_survey"] == (1, {"东区": (1, ["DK-02 原电镀厂"])})
    assert shown["phase2_survey"] == (1, {"东区": (1, ["DK-01 原化工厂"])})
    assert shown["control_list"] == (1, {"西区": (1, ["DK-03 原农药厂"])})
    assert shown[NO_STAGE] == (1, {"西区": (1, ["DK-04 原焦化厂"])})
    assert panel.tree.topLevelItem(0).text(0) == "第一阶段土壤污染状况调查"


def test_filters(panel):
    panel.county.setCurrentIndex(panel.county.findData("419902"))
    assert set(tree(panel)) == {"control_list", NO_STAGE}
    panel.land_class.setCurrentIndex(panel.land_class.findData(2))
    assert set(tree(panel)) == {NO_STAGE}
    panel.county.setCurrentIndex(0)
    assert set(tree(panel)) == {"phase1_survey", NO_STAGE}
    panel.land_class.setCurrentIndex(0)
    panel.stage.setCurrentIndex(panel.stage.findData("phase2_survey"))
    assert set(tree(panel)) == {"phase2_survey"}
    panel.stage.setCurrentIndex(0)
    panel.search.setText("农药")
    assert set(tree(panel)) == {"control_list"}
    assert panel.status.text() == "1 of 4 sites shown."
    assert matches({"site_code": "X", "name_zh": "原农药厂", "county_code": "1", "stage": None}, "", NO_STAGE, 0, "")


def test_timeline_record_a_stage_and_attach_a_document(panel, loaded, tmp_path):
    path, ids = loaded
    assert panel.select_site(ids["DK-03"])
    rows = panel.timeline_rows()
    assert [r[0] for r in rows] == ["2022-03-01", "2022-06-01", "2022-09-01", "2022-12-01"]
    assert rows[-1][1] == "列入风险管控和修复名录"
    assert "第1类" in panel.site_label.text() or "class 1" in panel.site_label.text()
    # the site is selected on the project's sites layer; its state is shown
    layer = qgis_project.project_layers(QgsProject.instance())["sites"]
    assert [f["uuid"] for f in layer.selectedFeatures()] == [ids["DK-03"]]
    assert "未调查" in panel.state_label.text()
    panel.zoom_to_site()  # a real canvas of pytest-qgis's iface: no error
    # a refused stage: off the list before the effect assessment
    assert not panel.record_stage(stage="delisted", started_on="2023-06-01")
    assert "effect assessment" in panel.status.text() or "效果评估" in panel.status.text()
    # works recorded through the panel: the site moves to the works branch and stays selected
    assert panel.record_stage(stage="works", started_on="2023-03-01", organisation="修复公司")
    assert "works" in tree(panel)
    assert panel.selected_site() == ids["DK-03"]
    assert panel.timeline_rows()[-1][1:4] == ("风险管控/修复施工", "", "修复公司")
    con = sqlite3.connect(path)
    assert con.execute("SELECT stage FROM sites WHERE uuid = ?", (ids["DK-03"],)).fetchone()[0] == "works"
    con.close()
    # a document attached to the works stage
    panel.timeline.setCurrentItem(panel.timeline.topLevelItem(4))
    assert panel.attach_button.isEnabled()
    doc = tmp_path / "works_plan.pdf"
    doc.write_bytes(b"%PDF-1.4 works plan")
    assert panel.attach_document(str(doc))
    assert panel.timeline_rows()[4][4] == "1"


def test_stage_dialog_offers_only_later_stages(qtbot, qgis_app):
    assert next_stages("control_list") == ["works", "effect_assessment", "delisted"]
    assert next_stages(None)[0] == "phase1_survey"
    dialog = StageDialog("DK-01", "phase2_survey")
    qtbot.addWidget(dialog)
    codes = [dialog.stage.itemData(i) for i in range(dialog.stage.count())]
    assert codes == next_stages("phase2_survey")
    dialog.organisation.setText(" 某公司 ")
    values = dialog.values()
    assert values["stage"] == "risk_assessment" and values["organisation"] == "某公司"
    assert values["finished_on"] is None and len(values["started_on"]) == 10


def test_dock_is_discovered(qgis_app):
    docks.discover()
    assert "sites" in {spec.key for spec in docks.registered_docks()}
