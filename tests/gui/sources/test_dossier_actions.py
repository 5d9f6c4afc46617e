"""The Sources dock's "Print the source's dossier" and "Print an inspection form" actions on the demo city, offscreen:
the selected source's PDF is written and read back with pdftotext; without a selection nothing is written."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest
from qgis.core import QgsProject

from gw_plugin.core.data import qgis_project
from gw_plugin.gui.sources.dock_sources import SourcesPanel

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory, qgis_app):
    from gw_plugin.core.demo.build import build_demo

    folder = tmp_path_factory.mktemp("demo")
    build_demo(str(folder))
    return folder


@pytest.fixture
def panel(demo_folder, tmp_path, qgis_iface, qtbot):
    db = tmp_path / "demo_city.gpkg"
    shutil.copyfile(demo_folder / "demo_city.gpkg", db)
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(str(db), project, "zh")
    widget = SourcesPanel(qgis_iface, None, project, lang="zh")
    qtbot.addWidget(widget)
    widget.show()
    yield widget, db
    widget.teardown()
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


def test_print_dossier_and_form(panel, tmp_path, monkeypatch):
    widget, db = panel
    assert widget.action_dossier.isEnabled() and widget.action_form_pdf.isEnabled()
    assert widget.print_document("dossier", str(tmp_path / "none.pdf")) == ""  # nothing selected
    assert not (tmp_path / "none.pdf").exists()
    con = sqlite3.connect(str(db))
    uuid, name, first = con.execute(
        "SELECT p.uuid, p.name_zh, min(substr(i.inspected_on, 1, 10)) FROM pollution_sources p "
        "JOIN inspections i ON i.source_uuid = p.uuid WHERE i.workflow IS NOT NULL GROUP BY p.uuid "
        "ORDER BY count(*) DESC, p.uuid LIMIT 1"
    ).fetchone()
    con.close()
    widget.select_source_uuid(uuid)
    out = widget.print_document("dossier", str(tmp_path / "d.pdf"))
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, check=True).stdout.decode()
    assert name in text and first in text and "工作流程记录" in text
    out = widget.print_document("form", str(tmp_path / "f.pdf"))
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, check=True).stdout.decode()
    assert name in text and "现场检查表" in text and "检查要点" in text.replace(" ", "")
    # the toolbar action itself, the file chosen in the save dialog (the only stand-in: a modal dialog)
    from gw_plugin.gui.sources import dock_sources

    chosen = tmp_path / "chosen.pdf"
    monkeypatch.setattr(dock_sources.QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), "PDF (*.pdf)"))
    widget.action_form_pdf.trigger()
    text = subprocess.run(["pdftotext", "-layout", str(chosen), "-"], capture_output=True, check=True).stdout.decode()
    assert name in text and "现场检查表" in text
    chosen.unlink()
    widget.action_dossier.trigger()
    assert "工作流程记录" in subprocess.run(["pdftotext", str(chosen), "-"], capture_output=True).stdout.decode()
