"""The zoning panel is Chinese under a Chinese QGIS (issue 17): with QGIS's locale zh-Hans and the plugin's
translations loaded (the committed .ts plus the translations waiting in i18n/pending, compiled with lrelease), every
visible text of the panel — labels, buttons, check boxes, tabs, combo items, table headers and cells, tooltips,
placeholders — of every step, the comparison table, the site-check report and the overlay group is Chinese (or a
name that stays as it is: a parameter id, a number, a file)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsExpressionContextUtils, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.qgis_project import PROJECT_VARIABLE
from gw_plugin.toolbelt.paths import I18N_DIR
from tests.core.zoning.test_compare import VERSION_A, VERSION_B, X0, Y0, write_zones

CJK = re.compile(r"[\u4e00-\u9fff]")
#: Texts that are the same in both languages: numbers, ids, paths, formulas, code names, DRASTIC and the like.
NEUTRAL = re.compile(
    r"^[\s\d.,:;/\\_\-+()（）×x%²≥≤<>=|—→*#'\"A-Z0-9]*$|^[A-Za-z0-9_./\\:-]+\.(gpkg|tif|json|xlsx|csv)$"
)


def _qm_with_pending(tmp: Path) -> Path:
    """The committed .ts with i18n/pending/*.tsv merged in, compiled by lrelease."""
    tree = ET.parse(I18N_DIR / "gw_plugin_zh_CN.ts")
    root = tree.getroot()
    contexts = {c.find("name").text: c for c in root.findall("context")}
    for tsv in sorted((I18N_DIR / "pending").glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3:
                continue
            ctx, src, zh = parts[0], parts[1].replace("\\n", "\n"), parts[2].replace("\\n", "\n")
            c = contexts.get(ctx)
            if c is None:
                c = ET.SubElement(root, "context")
                ET.SubElement(c, "name").text = ctx
                contexts[ctx] = c
            m = ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = src
            ET.SubElement(m, "translation").text = zh
    ts = tmp / "merged.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = tmp / "merged.qm"
    subprocess.run([shutil.which("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def visible_texts(widget: QWidget) -> list:
    """Every user-visible text under ``widget``: (where, text)."""
    out = []
    for w in [widget] + widget.findChildren(QWidget):
        name = type(w).__name__
        if w.toolTip():
            out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        if isinstance(w, QLineEdit) and w.placeholderText():
            out.append((f"{name} placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            out += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                h = w.horizontalHeaderItem(c)
                if h is not None:
                    out.append((f"{name} header", h.text()))
            for r in range(w.rowCount()):
                item = w.item(r, 0)  # the first column: names, parameters, classes
                if item is not None:
                    out.append((f"{name} cell", item.text()))
        if isinstance(w, QTextBrowser):
            out += [(f"{name} line", ln) for ln in w.toPlainText().splitlines()]
    return [(where, t.strip()) for where, t in out if t and t.strip()]


UNITS = re.compile(r"km²|km2|m³/d|m/d|mm/a")


def english(texts) -> list:
    return [(where, t) for where, t in texts if not CJK.search(t) and not NEUTRAL.match(UNITS.sub("", t))]


@pytest.fixture
def chinese(tmp_path, qgis_app, qgis_processing):
    from qgis.core import QgsApplication, QgsSettings

    from gw_plugin.processing.provider import register_provider

    if QgsApplication.processingRegistry().providerById("gwplugin") is None:
        register_provider()
    settings = QgsSettings()
    old = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "zh-Hans")
    translator = QTranslator()
    assert translator.load(str(_qm_with_pending(tmp_path)))
    QCoreApplication.installTranslator(translator)
    provider = QgsApplication.processingRegistry().providerById("gwplugin")
    provider.refreshAlgorithms()  # parameter descriptions are translated when the algorithms are made
    yield
    QCoreApplication.removeTranslator(translator)
    provider.refreshAlgorithms()
    if old is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", old)


def test_the_zoning_panel_is_chinese_under_zh_hans(chinese, tmp_path, qtbot, qgis_iface):
    from gw_plugin.gui.zoning import dock_zoning as DZ

    db = str(tmp_path / "city.gpkg")
    gpkg.create_database(db)
    write_zones(db, VERSION_A + VERSION_B)
    project = QgsProject.instance()
    project.clear()
    QgsExpressionContextUtils.setProjectVariable(project, PROJECT_VARIABLE, db)
    panel = DZ.ZoningPanel(qgis_iface, None, project)
    qtbot.addWidget(panel)
    try:
        assert panel.lang == "zh"
        found = []
        for i in range(panel.step_combo.count()):  # every step's parameter table
            panel.step_combo.setCurrentIndex(i)
            found += english(visible_texts(panel))
        panel.compare()  # two schemes: through the mapping the panel offers
        assert panel.last_compare is not None, panel.compare_status.text()
        panel.check_point(
            __import__("qgis.core", fromlist=["QgsPointXY"]).QgsPointXY(X0 + 500, Y0 + 500), project.crs()
        )
        panel.add_change_layer()
        found += english(visible_texts(panel))
        group = DZ.overlay_group(project, panel.lang, create=False)
        assert group is not None and CJK.search(group.name())
        for node in group.findLayers():
            assert CJK.search(node.layer().name()), node.layer().name()
        assert not sorted(set(found)), "\n".join(f"{w}: {t}" for w, t in sorted(set(found)))
    finally:
        panel.teardown()
        project.clear()
