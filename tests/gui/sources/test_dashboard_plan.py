"""The indicator dashboard starts on the project's plan (issue 17: it started on 晋城市's plan for the demo city
黄泽市): the project entry ``gw_plugin/plan`` set, else the plan used last (QgsSettings), else the first; choosing a
plan writes it into the project, which keeps it through saving and reading the .qgz; a JSON plan of the user's is
stored relative to the project, so a copied project folder finds its own copy — on the demo city's database, the
figures computed for the plan chosen."""

from __future__ import annotations

import json
import shutil

import pytest
from qgis.core import QgsProject

from gw_plugin.core.data import qgis_project
from gw_plugin.core.sources import indicators as I
from gw_plugin.gui.sources import indicator_dashboard as D
from gw_plugin.toolbelt import settings
from tests.gui.common.desktop import demo_database  # noqa: F401  (fixture)


@pytest.fixture
def project(demo_database, tmp_path):  # noqa: F811
    folder = tmp_path / "city"
    folder.mkdir()
    db = folder / "demo_city.gpkg"
    shutil.copyfile(demo_database, db)
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(str(db), project, "zh")
    project.setFileName(str(folder / "city.qgz"))
    yield project, str(db)
    project.clear()
    settings.INDICATOR_LAST_PLAN.remove()
    settings.INDICATOR_USER_PLANS.remove()


def dashboard(project, db, qtbot):
    board = D.IndicatorDashboard(lambda: db, None, "zh", project)
    qtbot.addWidget(board)
    return board


def test_starts_on_the_projects_plan_else_the_last_else_the_first(project, qtbot, tmp_path):
    project, db = project
    settings.INDICATOR_LAST_PLAN.set("jincheng_2022")  # used last, for another city
    assert list(I.shipped_plans())[0] == "jincheng_2022"  # the first: so the project's plan must be chosen

    project.writeEntry("gw_plugin", "plan", "zhengzhou_2022")
    board = dashboard(project, db, qtbot)
    assert board.plan.currentData() == "zhengzhou_2022"
    assert board.compute() and board.report.plan_name == I.load_plan("zhengzhou_2022").name_zh
    board.teardown()

    project.removeEntry("gw_plugin", "plan")  # no plan in the project: the one used last
    board = dashboard(project, db, qtbot)
    assert board.plan.currentData() == "jincheng_2022"

    board.select_plan("zhengzhou_soil_2022")  # chosen: the project's plan, and the one used last
    assert project.readEntry("gw_plugin", "plan", "")[0] == "zhengzhou_soil_2022"
    assert settings.INDICATOR_LAST_PLAN.get() == "zhengzhou_soil_2022"
    settings.INDICATOR_LAST_PLAN.set("jincheng_2022")
    path = project.fileName()
    assert project.write(path)
    project.clear()
    assert project.read(path)  # the dashboard follows the project read
    assert board.plan.currentData() == "zhengzhou_soil_2022"
    assert board.report is None and board.table.rowCount() == 0
    board.teardown()

    project.removeEntry("gw_plugin", "plan")
    settings.INDICATOR_LAST_PLAN.remove()  # neither: the first plan
    board = dashboard(project, db, qtbot)
    assert board.plan.currentIndex() == 0 and board.plan.currentData() == "jincheng_2022"
    board.teardown()


def test_a_users_plan_is_stored_relative_to_the_project(project, qtbot, tmp_path):
    project, db = project
    folder = tmp_path / "city"
    data = json.loads(I.shipped_plans()["zhengzhou_2022"].read_text(encoding="utf-8"))
    data.update(id="huangze_2024", name_zh="黄泽市地下水污染防治试验区建设方案")
    own = folder / "huangze.json"
    own.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    board = dashboard(project, db, qtbot)
    assert board.add_plan_file(str(own))
    assert project.readEntry("gw_plugin", "plan", "")[0] == "./huangze.json"  # relative, as QGIS stores paths
    assert project.write(project.fileName())
    board.teardown()
    project.clear()

    moved = tmp_path / "laptop" / "city"
    shutil.copytree(folder, moved)
    settings.INDICATOR_USER_PLANS.remove()  # another computer: the plan is known only through the project
    settings.INDICATOR_LAST_PLAN.remove()
    assert project.read(str(moved / "city.qgz"))
    board = dashboard(project, str(moved / "demo_city.gpkg"), qtbot)
    assert board.plan.currentData() == str(moved / "huangze.json")
    assert "黄泽市" in board.plan.currentText()
    assert board.compute() and board.report.plan_name == "黄泽市地下水污染防治试验区建设方案"
    board.teardown()


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_english_dashboard_names_plans_and_areas_in_english(project, qtbot, tmp_path):
    """Under English the plans and areas are named in English where the data has it (issue 17: 晋城市…方案, 黄泽市
    （全市）, 泽城区 under an English QGIS): the plan files' name_en, the counties' and the city's admin_units.name_en;
    a plan file without an English title keeps its Chinese one."""
    project, db = project
    project.writeEntry("gw_plugin", "plan", "zhengzhou_2022")
    board = D.IndicatorDashboard(lambda: db, None, "en", project)
    qtbot.addWidget(board)
    labels = [board.plan.itemText(i) for i in range(board.plan.count())]
    assert labels == [I.load_plan(p).name_en for p in I.shipped_plans()]
    assert not any(has_cjk(t) for t in labels), labels
    assert board.compute()
    areas = [board.area.itemText(i) for i in range(1, board.area.count())]
    assert len(areas) >= 4  # the demo city and its counties: the test means something
    assert not any(has_cjk(t) for t in areas), areas
    assert "Huangze City (whole city)" in areas and "Zecheng District" in areas
    shown = {board.table.item(i, 1).text() for i in range(board.table.rowCount())}
    assert shown and not any(has_cjk(t) for t in shown), shown
    names = {board.table.item(i, 0).text() for i in range(board.table.rowCount())}
    assert not any(has_cjk(t) for t in names), names
    board.teardown()

    # no English in the data: the Chinese names, never an id or a file name
    data = json.loads(I.shipped_plans()["zhengzhou_2022"].read_text(encoding="utf-8"))
    data.update(id="huangze_2024", name_zh="黄泽市地下水污染防治试验区建设方案")
    data.pop("name_en", None)
    own = tmp_path / "huangze.json"
    own.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    board = D.IndicatorDashboard(lambda: db, None, "en", project)
    qtbot.addWidget(board)
    assert board.add_plan_file(str(own))
    assert board.plan.currentText() == "黄泽市地下水污染防治试验区建设方案 (huangze.json)"
    board.teardown()
    zh = D.IndicatorDashboard(lambda: db, None, "zh", project)
    qtbot.addWidget(zh)
    zh.select_plan("zhengzhou_2022")
    assert zh.plan.currentText() == I.load_plan("zhengzhou_2022").name_zh and zh.compute()
    assert "黄泽市（全市）" in [zh.area.itemText(i) for i in range(zh.area.count())]  # Chinese unchanged
    zh.teardown()
