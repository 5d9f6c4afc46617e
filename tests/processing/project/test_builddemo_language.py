"""gwplugin:builddemo writes the demo project in the language asked for (LANG), or in the plugin's language (the
language QGIS runs in) when none is: an English QGIS gets English layer names, groups, legends and county labels, not
the Chinese ones (issue 17: the English screenshots showed a Chinese layer tree and map). Read back from the .qgz."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsProject, QgsSettings

from gw_plugin.core.data import qgis_project
from gw_plugin.core.demo import build
from gw_plugin.core.demo import names as N
from gw_plugin.processing.provider import register_provider

CJK = re.compile(r"[\u3400-\u9fff]")


@contextmanager
def qgis_locale(code: str):
    """QGIS's locale setting (locale/userLocale, what toolbelt.i18n.qgis_locale reads) set to ``code``, restored."""
    settings = QgsSettings()
    old = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", code)
    try:
        yield
    finally:
        if old is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", old)


@pytest.fixture(scope="module")
def english_demo(tmp_path_factory, qgis_processing):
    import processing

    register_provider()
    out = tmp_path_factory.mktemp("demo_en") / "demo"
    with qgis_locale("zh_CN"):  # LANG wins over the plugin's language
        res = processing.run("gwplugin:builddemo", {"OUTPUT_FOLDER": str(out), "SEED": 42, "LANG": 2})
    return res


def read(path: str) -> QgsProject:
    project = QgsProject()
    assert project.read(path), path
    return project


def tree_names(project: QgsProject) -> list:
    """Every layer and group name of the layer tree."""
    root = project.layerTreeRoot()
    return [g.name() for g in root.findGroups(True)] + [n.name() for n in root.findLayers()]


def county_labels(project: QgsProject, database: str) -> list:
    """The county labels the project draws: its admin_units labelling expression evaluated on every feature."""
    layer = qgis_project.project_layers(project, database)["admin_units"]
    assert layer.labelsEnabled()
    settings = layer.labeling().settings()
    assert settings.isExpression
    expression = QgsExpression(settings.fieldName)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    labels = []
    for feature in layer.getFeatures():
        context.setFeature(feature)
        value = expression.evaluate(context)
        if value:  # only counties are labelled
            labels.append(value)
    return sorted(labels)


def test_english_demo_has_english_layer_names_and_county_labels(english_demo):
    project = read(english_demo["PROJECT"])
    try:
        names = tree_names(project)
        assert len(names) > 10
        assert [n for n in names if CJK.search(n)] == []
        assert county_labels(project, english_demo["DATABASE"]) == sorted(c["name_en"] for c in N.COUNTIES)
        wells = qgis_project.project_layers(project, english_demo["DATABASE"])["monitoring_wells"]
        assert wells.name() == "Monitoring wells"
    finally:
        project.clear()


def test_without_a_language_the_project_follows_the_plugins(english_demo):
    folder = str(english_demo["DATABASE"]).rsplit("/", 1)[0]
    for locale, chinese in (("zh-Hans", True), ("zh_CN", True), ("en_US", False)):
        with qgis_locale(locale):
            path = build.write_demo_project(folder, name=f"demo_{locale}.qgz")
        project = read(path)
        try:
            labels = county_labels(project, english_demo["DATABASE"])
            expected = sorted(c["name_zh" if chinese else "name_en"] for c in N.COUNTIES)
            assert labels == expected, locale
            assert any(CJK.search(n) for n in tree_names(project)) == chinese, locale
        finally:
            project.clear()
