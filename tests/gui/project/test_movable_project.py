"""A copied project folder works on its own (issue 17, item 1): the demo city is built, its project saved the way an
older plugin did (absolute database path in the project variable), the folder copied elsewhere and the copy opened
with the plugin loaded in pytest-qgis's iface. The map layers AND every panel read and write the copy; the original
file is not touched; the project variable is written relative to the project file when the copy is saved."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsExpressionContextUtils, QgsProject, QgsSettings

import gw_plugin
from gw_plugin.core.data import qgis_project


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(path: Path, table: str) -> int:
    con = sqlite3.connect(str(path))
    try:
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def original(tmp_path_factory, qgis_app):
    """The demo city, its project saved with an absolute database path (as projects of earlier versions were)."""
    from gw_plugin.core.demo.build import build_demo

    folder = tmp_path_factory.mktemp("original") / "demo"
    build_demo(str(folder))
    qgis_project.write_project(str(folder / "demo_city.gpkg"), str(folder / "demo_city.qgz"), "zh")
    project = QgsProject()
    assert project.read(str(folder / "demo_city.qgz"))
    QgsExpressionContextUtils.setProjectVariable(project, qgis_project.PROJECT_VARIABLE, str(folder / "demo_city.gpkg"))
    assert project.write()
    for suffix in ("-wal", "-shm"):  # a closed database: the copy below is complete
        Path(str(folder / "demo_city.gpkg") + suffix).unlink(missing_ok=True)
    return folder


@pytest.fixture
def plugin(qgis_iface, qgis_processing):
    settings = QgsSettings()
    old = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "en_US")
    registry = QgsApplication.processingRegistry()
    if registry.providerById("gwplugin") is not None:
        registry.removeProvider("gwplugin")
    qgis_iface.mainWindow().show()
    instance = gw_plugin.classFactory(qgis_iface)
    instance.initGui()
    yield instance
    instance.unload()
    QgsProject.instance().clear()
    if old is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", old)


def test_copied_project_folder_reads_and_writes_the_copy(original, plugin, tmp_path, qtbot):
    copy = tmp_path / "field laptop" / "demo"
    shutil.copytree(original, copy)
    before = digest(original / "demo_city.gpkg")
    database = str((copy / "demo_city.gpkg").resolve())

    project = QgsProject.instance()
    project.clear()
    assert project.read(str(copy / "demo_city.qgz"))
    layers = qgis_project.project_layers(project)
    assert len(layers) > 10
    for layer in layers.values():  # the map layers read the copy (QGIS's relative paths) ...
        assert qgis_project.layer_database(layer) == database, layer.source()
        # ... and the plugin's stored paths followed it (read by other modules, e.g. the aquifer layers)
        assert layer.customProperty(qgis_project.PROP_DATABASE) == database
    assert qgis_project.project_database(project) == database

    # every panel reads the copy
    opened = {}
    for key in list(plugin.docks.actions):
        dock = plugin.docks.show(key)
        assert dock is not None, key
        opened[key] = dock.widget()
    qtbot.wait(400)  # the panels bind after a short debounce
    for key, panel in opened.items():
        value = getattr(panel, "database", None)
        value = value() if callable(value) else value
        if key == "project":
            value = panel.path_label.text()
        if value is not None or key in ("project", "wells", "sources", "sync", "zoning"):
            assert value == database, (key, value)

    # and writes the copy: an attachment through the Sources panel, the aquifer layers of the Wells panel
    sources = opened["sources"]
    sources.select_fids([sources.model.rows[0]["fid"]])
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    n = count(copy / "demo_city.gpkg", "attachments")
    assert len(sources.attach_files([str(photo)])) == 1
    assert qgis_project.project_layers(project)["attachments"].commitChanges()
    assert count(copy / "demo_city.gpkg", "attachments") == n + 1
    assert list((copy / "attachments").rglob("*.jpg"))
    wells = opened["wells"]
    wells.build_aquifer_layers()
    aquifer = wells.aquifer_layers()
    assert aquifer and all(qgis_project.layer_database(layer) == database for layer in aquifer.values())

    assert digest(original / "demo_city.gpkg") == before  # the original is untouched
    assert not (original / "attachments").exists() or not list((original / "attachments").rglob("*.jpg"))

    # saved again, the project names its database relative to itself
    assert project.write()
    stored = QgsExpressionContextUtils.projectScope(project).variable(qgis_project.PROJECT_VARIABLE)
    assert not Path(stored).is_absolute() and Path(stored).name == "demo_city.gpkg"


def test_new_project_stores_the_database_relative(tmp_path, qgis_app):
    from gw_plugin.core.data import gpkg

    db = tmp_path / "city.gpkg"
    gpkg.create_database(str(db))
    qgz = qgis_project.write_project(str(db), str(tmp_path / "city.qgz"), "en")
    project = QgsProject()
    assert project.read(qgz)
    stored = QgsExpressionContextUtils.projectScope(project).variable(qgis_project.PROJECT_VARIABLE)
    assert not Path(stored).is_absolute()
    assert qgis_project.project_database(project) == str(db.resolve())
