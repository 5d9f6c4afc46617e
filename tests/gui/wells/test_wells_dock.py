"""The Wells dock under pytest-qt with pytest-qgis's iface, on a real GeoPackage (created with create_database,
filled through OGR) loaded into QgsProject.instance(): tree counts against SQL, filters, selection both ways,
details, live counts after an edit and a commit, the aquifer-layer action, the time-series widget (class bands,
non-detects, Mann–Kendall, PNG/SVG export), the import dialog end to end, and the duplicates dialog's merge and
undo."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import uuid

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QItemSelectionModel, Qt
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QAbstractButton, QLabel

from gw_plugin.core.data import qgis_project
from gw_plugin.core.wells import aquifer_layers, standard
from gw_plugin.core.wells.trend import mann_kendall
from gw_plugin.gui.common import docks
from gw_plugin.gui.wells.dock_wells import WellsPanel
from gw_plugin.gui.wells.wells_model import WellFilter, WellsTreeModel, table_from_rows
from tests.core.wells.test_aquifer_layers import WELLS, X0, Y0, make_wells_db

NITRATE = "硝酸盐"
# GB/T 14848-2017 Table 1, nitrate (as N), mg/L: I ≤ 2.0, II ≤ 5.0, III ≤ 20.0, IV ≤ 30.0, V > 30.0
NITRATE_LIMITS = (2.0, 5.0, 20.0, 30.0)


def _sql(path, query, args=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def add_samples(path: str, ids: dict) -> dict:
    """W01: 20 nitrate values over 10 years, rising, the first three non-detects ('0.2L'); W02: pH and nitrate;
    W04: lead. Written through OGR. Returns what was written for W01."""
    ds = ogr.Open(path, 1)
    samples = ds.GetLayerByName("samples")
    results = ds.GetLayerByName("sample_results")
    ds.StartTransaction()
    written = {"dates": [], "values": [], "nd": []}

    def sample(well, date, rows):
        su = str(uuid.uuid4())
        f = ogr.Feature(samples.GetLayerDefn())
        f["uuid"], f["county_code"], f["well_uuid"] = su, "410102", ids[well]
        f["sample_code"], f["sampled_on"] = f"{well}-{date}", date
        samples.CreateFeature(f)
        for parameter, text, num, nd, dl in rows:
            r = ogr.Feature(results.GetLayerDefn())
            r["uuid"], r["county_code"], r["sample_uuid"], r["parameter"] = str(uuid.uuid4()), "410102", su, parameter
            r["value_text"], r["below_detection"] = text, nd
            if num is not None:
                r["value_num"] = num
            if dl is not None:
                r["detection_limit"] = dl
            r["unit"] = "mg/L"
            results.CreateFeature(r)

    for k in range(20):
        date = (dt.date(2014, 3, 1) + dt.timedelta(days=182 * k)).isoformat()
        if k < 3:
            sample("W01", date, [(NITRATE, "0.2L", None, 1, 0.2)])
            written["values"].append(np.nan)
            written["nd"].append(True)
        else:
            value = round(3.0 + 1.4 * k + (0.8 if k % 3 == 0 else -0.5), 2)
            sample("W01", date, [(NITRATE, str(value), value, 0, None)])
            written["values"].append(value)
            written["nd"].append(False)
        written["dates"].append(date)
    sample("W02", "2020-05-01", [("pH", "7.2", 7.2, 0, None), (NITRATE, "25", 25.0, 0, None)])
    sample("W02", "2022-05-01", [("pH", "8.8", 8.8, 0, None), (NITRATE, "31", 31.0, 0, None)])
    sample("W04", "2021-05-01", [("铅", "0.004", 0.004, 0, None)])
    ds.CommitTransaction()
    ds = None
    return written


@pytest.fixture
def project_db(tmp_path, qgis_app):
    path = str(tmp_path / "city.gpkg")
    ids = make_wells_db(path)
    written = add_samples(path, ids)
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(path, project, "zh")
    yield path, ids, project, written
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


@pytest.fixture
def panel(project_db, qgis_iface, qtbot):
    widget = WellsPanel(qgis_iface, None, QgsProject.instance(), lang="zh")
    qtbot.addWidget(widget)
    widget.resize(500, 900)
    widget.show()
    yield widget
    widget.teardown()


def mnemonics(widget) -> list:
    """The keyboard mnemonics (&x) of the labels, buttons and check boxes of ``widget``."""
    keys = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        m = re.search(r"&([^&\s])", child.text())
        if m:
            keys.append(m.group(1).lower())
    return keys


def wells_layer(project):
    return qgis_project.project_layers(project)["monitoring_wells"]


def fid_of(layer, code):
    return next(f.id() for f in layer.getFeatures() if f["well_code"] == code)


def sql_counts(path, where="1=1", args=()):
    rows = _sql(
        path,
        "SELECT COALESCE(aquifer_layer, ''), COALESCE(well_type, ''), COALESCE(status, ''), count(*) "
        f"FROM monitoring_wells WHERE {where} GROUP BY 1, 2, 3",
        args,
    )
    return {(a, t, s): n for a, t, s, n in rows}


# ---------------------------------------------------------------------------------------------------------------
# registry and tree


def test_dock_is_registered():
    spec = next(s for s in docks.registered_docks() if s.key == "wells")
    assert spec.title() and spec.factory is not None


def test_tree_counts_match_sql(panel, project_db):
    path = project_db[0]
    model = panel.model
    assert model.counts() == sql_counts(path)
    # top level: aquifer layers in code-list order, labels and counts as the view shows them
    top = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    per_aquifer = dict(_sql(path, "SELECT COALESCE(aquifer_layer, ''), count(*) FROM monitoring_wells GROUP BY 1"))
    assert top == [
        ("浅层潜水", str(per_aquifer["phreatic"])),
        ("深层承压水", str(per_aquifer["deep_confined"])),
        ("岩溶水", str(per_aquifer["karst"])),
        ("local_sand", str(per_aquifer["local_sand"])),
        (model.index(4, 0).data(), str(per_aquifer[""])),
    ]
    # a status group holds the wells themselves
    status = model.group_index("phreatic", "national_project", "active")
    assert model.rowCount(status) == 2
    assert sorted(model.index(r, 0, status).data().split()[0] for r in range(2)) == ["W01", "W02"]
    assert panel.summary.text() == f"{len(WELLS)} wells"
    keys = mnemonics(panel)
    assert len(keys) >= 5 and len(keys) == len(set(keys)), keys


@pytest.mark.parametrize(
    "flt,where,args",
    [
        (WellFilter(county="410103"), "county_code = ?", ("410103",)),
        (WellFilter(well_type="national_project"), "well_type = ?", ("national_project",)),
        (WellFilter(status="active"), "status = ?", ("active",)),
        (WellFilter(assessment=True), "assessment_point = 1", ()),
        (WellFilter(assessment=False), "COALESCE(assessment_point, 0) = 0", ()),
        (WellFilter(text="二号"), "name_zh LIKE '%二号%'", ()),
        (WellFilter(text="old-w05"), "source_codes = 'OLD-W05'", ()),
        (
            WellFilter(text="w0", status="active", county="410102"),
            "well_code LIKE 'W0%' AND status = 'active' AND county_code = '410102'",
            (),
        ),
        (WellFilter(county="999999"), "0", ()),
    ],
)
def test_filters_match_sql(panel, project_db, flt, where, args):
    panel.model.set_filter(flt)
    assert panel.model.counts() == sql_counts(project_db[0], where, args)


def test_filter_widgets_drive_the_model(panel, project_db, qtbot):
    path = project_db[0]
    panel.county_combo.setCurrentIndex(panel.county_combo.findData("410104"))
    panel.type_combo.setCurrentIndex(panel.type_combo.findData("assessment_point"))
    assert panel.model.counts() == sql_counts(path, "county_code = '410104' AND well_type = 'assessment_point'")
    panel.type_combo.setCurrentIndex(0)
    panel.county_combo.setCurrentIndex(0)
    qtbot.keyClicks(panel.search_edit, "old-w08")  # an alias (keyClicks types ASCII only)
    qtbot.waitUntil(lambda: sum(panel.model.counts().values()) == 1, timeout=2000)
    assert panel.summary.text() == f"1 of {len(WELLS)} wells"


# ---------------------------------------------------------------------------------------------------------------
# selection, details, form, zoom


def test_dock_selection_selects_on_the_map(panel, project_db):
    layer = wells_layer(project_db[2])
    group = panel.model.group_index("phreatic", "national_project")
    panel.view.selectionModel().select(
        group, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert sorted(layer.selectedFeatureIds()) == sorted([fid_of(layer, "W01"), fid_of(layer, "W02")])
    deep = panel.model.group_index("deep_confined")
    panel.view.selectionModel().select(deep, QItemSelectionModel.SelectionFlag.Select)
    assert sorted(layer.selectedFeatureIds()) == sorted(fid_of(layer, c) for c in ("W01", "W02", "W04", "W05"))
    panel.view.selectionModel().clearSelection()
    assert layer.selectedFeatureIds() == []


def test_map_selection_highlights_in_the_dock_and_shows_details(panel, project_db):
    layer = wells_layer(project_db[2])
    w05 = fid_of(layer, "W05")
    layer.selectByIds([w05])
    assert panel.highlighted_fids() == [w05]
    idx = panel.model.fid_index(w05)
    assert panel.view.isExpanded(idx.parent()) and panel.view.isExpanded(idx.parent().parent())
    text = panel.details.toPlainText()
    for expected in ("W05", "污染源监测井", "250", "125", "225", "104", "深层承压水", "生态环境部门", "OLD-W05"):
        assert expected in text, expected
    assert QCoreApplication.translate("WellsPanel", "Class {roman}").format(roman="V") in text
    assert "硝酸盐" in text  # governing indicator of the latest class
    layer.selectByIds([fid_of(layer, "W01"), fid_of(layer, "W08")])
    assert panel.highlighted_fids() == sorted([fid_of(layer, "W01"), fid_of(layer, "W08")])
    # a well hidden by the filter is not highlighted, and selecting in the tree does not undo the map selection
    panel.model.set_filter(WellFilter(text="W08"))
    panel._map_selection_changed()
    assert panel.highlighted_fids() == [fid_of(layer, "W08")]
    assert len(layer.selectedFeatureIds()) == 2


def test_open_form_and_zoom(panel, project_db, qgis_iface):
    layer = wells_layer(project_db[2])
    w04 = fid_of(layer, "W04")
    idx = panel.model.fid_index(w04)
    panel.view.setCurrentIndex(idx)
    qgis_iface.openFeatureForm.reset_mock()
    panel.open_form()
    args = qgis_iface.openFeatureForm.call_args[0]
    assert args[0] is layer and args[1].id() == w04 and args[1]["well_code"] == "W04"
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(layer.crs())
    canvas.resize(400, 400)
    canvas.setExtent(layer.extent().buffered(50000))
    panel._double_clicked(idx)
    extent = canvas.extent()
    assert extent.contains(QgsPointXY(X0 + 600, Y0))
    assert extent.width() < 5000  # zoomed in on the one well
    assert canvas.scale() == pytest.approx(10_000, rel=0.01)  # with context: not 1:2,000 (gui/common/map_zoom.py)


def test_counts_update_after_adding_a_well_and_committing(panel, project_db, qtbot):
    path, _, project, _ = project_db
    layer = wells_layer(project)
    before = panel.model.counts()
    layer.startEditing()
    f = QgsFeature(layer.fields())
    for name, value in (
        ("well_code", "W99"),
        ("county_code", "410104"),
        ("name_zh", "新井"),
        ("well_type", "eia_tracking"),
        ("aquifer_layer", "karst"),
        ("status", "active"),
    ):
        f[name] = value
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 9000, Y0)))
    assert layer.addFeature(f)
    key = ("karst", "eia_tracking", "active")
    qtbot.waitUntil(lambda: panel.model.counts().get(key) == 1, timeout=3000)  # edit buffer counted already
    assert layer.commitChanges()
    qtbot.waitUntil(lambda: panel.model.counts() == sql_counts(path), timeout=3000)
    assert sum(panel.model.counts().values()) == sum(before.values()) + 1
    assert _sql(path, "SELECT count(*) FROM monitoring_wells WHERE well_code = 'W99'")[0][0] == 1
    # a deletion too
    layer.startEditing()
    layer.deleteFeature(fid_of(layer, "W99"))
    assert layer.commitChanges()
    qtbot.waitUntil(lambda: panel.model.counts() == before, timeout=3000)


def test_sql_read_with_edit_buffer_equals_feature_request(project_db):
    """read_wells (one SQL query + the edit buffer) gives the same table as the QgsFeatureRequest path."""
    from gw_plugin.gui.wells.wells_model import _gpkg_source, read_wells, read_wells_request

    layer = wells_layer(project_db[2])
    assert _gpkg_source(layer) is not None  # the fast path is taken for the project's layer

    def same(a, b):
        order_a, order_b = np.argsort(a.fids), np.argsort(b.fids)
        assert a.fids[order_a].tolist() == b.fids[order_b].tolist()
        assert [a.search[i] for i in order_a] == [b.search[i] for i in order_b]
        assert [a.uuids[i] for i in order_a] == [b.uuids[i] for i in order_b]
        for kind in ("aquifer_layer", "well_type", "status", "county_code"):
            va, ca = a.categories[kind]
            vb, cb = b.categories[kind]
            assert [va[c] for c in ca[order_a]] == [vb[c] for c in cb[order_b]], kind
        assert a.assessment[order_a].tolist() == b.assessment[order_b].tolist()
        assert a.latest_class[order_a].tolist() == b.latest_class[order_b].tolist()

    same(read_wells(layer), read_wells_request(layer))
    layer.startEditing()
    layer.changeAttributeValue(fid_of(layer, "W02"), layer.fields().indexOf("status"), "abandoned")
    layer.changeAttributeValue(fid_of(layer, "W03"), layer.fields().indexOf("name_zh"), "改名井")
    layer.deleteFeature(fid_of(layer, "W05"))
    f = QgsFeature(layer.fields())
    f["well_code"], f["aquifer_layer"], f["well_type"], f["status"] = "NEW", "karst", "eia_tracking", "active"
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0, Y0 + 500)))
    layer.addFeature(f)
    table = read_wells(layer)
    same(table, read_wells_request(layer))
    assert "W05" not in table.codes and "NEW" in table.codes and any("改名井" in x for x in table.search)
    layer.rollBack()


def test_build_aquifer_layers_action(panel, project_db):
    path, _, project, _ = project_db
    panel.action_aquifers.trigger()
    layers = aquifer_layers.aquifer_layers(project, path)
    assert sorted(layers) == ["", "deep_confined", "karst", "local_sand", "phreatic"]


def test_selection_follows_the_aquifer_layers(panel, project_db, qtbot):
    path, _, project, _ = project_db
    layer = wells_layer(project)
    panel.action_aquifers.trigger()
    per_aquifer = aquifer_layers.aquifer_layers(project, path)
    # dock → wells layer and the per-aquifer layers (each only its own wells)
    group = panel.model.group_index("phreatic", "national_project")
    panel.view.selectionModel().select(
        group, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    w01, w02, w05 = fid_of(layer, "W01"), fid_of(layer, "W02"), fid_of(layer, "W05")
    assert sorted(per_aquifer["phreatic"].selectedFeatureIds()) == sorted([w01, w02])
    assert per_aquifer["deep_confined"].selectedFeatureIds() == []
    # a selection made on a per-aquifer layer (as with the map's select tool) → wells layer and dock: what the map
    # highlights, i.e. the union of the layers' selections
    per_aquifer["deep_confined"].selectByIds([w05])
    assert sorted(layer.selectedFeatureIds()) == sorted([w01, w02, w05])
    assert panel.highlighted_fids() == sorted([w01, w02, w05])
    panel.view.selectionModel().clearSelection()
    assert all(lyr.selectedFeatureIds() == [] for lyr in per_aquifer.values()) and layer.selectedFeatureIds() == []
    per_aquifer["deep_confined"].selectByIds([w05])
    assert layer.selectedFeatureIds() == [w05] and panel.highlighted_fids() == [w05]
    # a new aquifer code after a commit: its new layer is followed too
    layer.startEditing()
    layer.changeAttributeValue(w02, layer.fields().indexOf("aquifer_layer"), "fissure")
    assert layer.commitChanges()
    qtbot.waitUntil(lambda: "fissure" in aquifer_layers.aquifer_layers(project, path), timeout=3000)
    fissure = aquifer_layers.aquifer_layers(project, path)["fissure"]
    qtbot.waitUntil(lambda: fissure in panel._aquifer_bound, timeout=3000)
    fissure.selectByIds([w02])
    assert layer.selectedFeatureIds() == [w02] and panel.highlighted_fids() == [w02]


def test_panel_without_database(qgis_iface, qtbot, qgis_app):
    QgsProject.instance().clear()
    widget = WellsPanel(qgis_iface, None, QgsProject.instance())
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert not widget.action_aquifers.isEnabled()
    widget.teardown()


def test_model_refresh_is_pure_numpy_on_100k_rows():
    """Counts of the filtered tree on synthetic rows equal a plain-Python count."""
    rng = np.random.default_rng(3)
    n = 100_000
    types, aq, st = ["national_project", "eia_tracking"], ["phreatic", "karst", ""], ["active", "damaged"]
    picks = rng.integers(0, 6, size=(n, 3))
    rows = [
        (
            f"u{i}",
            f"W{i:06d}",
            f"井{i}",
            "",
            "",
            "41010" + str(i % 3),
            types[a % 2],
            aq[b % 3],
            st[c % 2],
            i % 7 == 0,
            None,
        )
        for i, (a, b, c) in enumerate(picks.tolist())
    ]
    model = WellsTreeModel()
    model.set_table(table_from_rows(list(range(n)), rows))
    model.set_filter(WellFilter(county="410101", assessment=True))
    expected: dict = {}
    for r in rows:
        if r[5] == "410101" and r[9]:
            key = (r[7], r[6], r[8])
            expected[key] = expected.get(key, 0) + 1
    assert model.counts() == expected


# ---------------------------------------------------------------------------------------------------------------
# time series


def test_timeseries_plot_bands_non_detects_trend_and_export(panel, project_db, tmp_path):
    path, ids, project, written = project_db
    layer = wells_layer(project)
    layer.selectByIds([fid_of(layer, "W01")])
    panel.tabs.setCurrentIndex(1)
    ts = panel.timeseries
    assert ts is not None and ts.available
    assert [ts.parameter_combo.itemData(i) for i in range(ts.parameter_combo.count())] == [NITRATE]
    assert tuple(standard.indicator(NITRATE).limits) == NITRATE_LIMITS  # the plugin's copy of the table agrees
    info = ts.plot_info
    assert info["detects"] == 17 and info["non_detects"] == 3
    assert info["class_iii"] == [NITRATE_LIMITS[2]]
    assert [b[:3] for b in info["bands"][:4]] == [
        (0.0, 2.0, 1),
        (2.0, 5.0, 2),
        (5.0, 20.0, 3),
        (20.0, 30.0, 4),
    ]
    assert info["bands"][4][0] == 30.0 and info["bands"][4][2] == 5
    ax = ts.figure.axes[0]
    hollow = [line for line in ax.get_lines() if line.get_gid() == "non_detect"]
    assert len(hollow) == 1 and hollow[0].get_markerfacecolor() == "none"
    assert list(hollow[0].get_ydata()) == [0.2, 0.2, 0.2]
    # the trend shown is Mann–Kendall on the same values (non-detects at half their limit)
    vals = np.where(np.array(written["nd"]), 0.1, np.array(written["values"], dtype=float))
    days = [(dt.date.fromisoformat(d) - dt.date(1970, 1, 1)).days for d in written["dates"]]
    expected = mann_kendall(days, vals)
    trend = ts.trends[ids["W01"]]
    assert trend.trend == "increasing" and trend.p_value == pytest.approx(expected.p_value)
    assert trend.sen_slope == pytest.approx(expected.sen_slope)
    assert f"{expected.sen_slope:.3g}" in ts.trend_label.text()
    png = ts.export(str(tmp_path / "w01.png"))
    svg = ts.export(str(tmp_path / "w01.svg"))
    image = QImage(png)
    assert not image.isNull() and image.width() > 300
    data = open(svg, encoding="utf-8").read()
    assert "<svg" in data and len(data) > 5000
    with pytest.raises(ValueError):
        ts.export(str(tmp_path / "w01.bmp"))


def test_timeseries_ph_bands_and_several_wells(panel, project_db):
    _, ids, project, _ = project_db
    layer = wells_layer(project)
    panel.ensure_timeseries()
    panel.tabs.setCurrentIndex(1)
    layer.selectByIds([fid_of(layer, "W01"), fid_of(layer, "W02")])
    ts = panel.timeseries
    assert set(ts.series) == {ids["W01"], ids["W02"]}
    assert ts.set_parameter("pH")
    assert list(ts.series) == [ids["W02"]]
    # GB/T 14848-2017 Table 1 pH: I–III 6.5–8.5; IV 5.5–6.5 and 8.5–9.0; V otherwise
    assert ts.plot_info["class_iii"] == [6.5, 8.5]
    assert [(lo, hi, k) for lo, hi, k in ts.plot_info["bands"][1:4]] == [(5.5, 6.5, 4), (6.5, 8.5, 1), (8.5, 9.0, 4)]
    assert "too few values" in ts.trend_label.text()
    layer.removeSelection()
    assert ts.plot_info == {} and not ts.png_button.isEnabled()


def test_series_of_one_well_uses_the_indexes(project_db):
    path = project_db[0]
    plan = " ".join(
        r[-1]
        for r in _sql(
            path,
            "EXPLAIN QUERY PLAN SELECT s.sampled_on, r.value_num FROM samples s JOIN sample_results r "
            "ON r.sample_uuid = s.uuid WHERE r.parameter = ? AND s.well_uuid = ?",
            (NITRATE, "x"),
        )
    )
    assert "idx_samples_well_uuid" in plan and "idx_sample_results_sample_uuid" in plan


# ---------------------------------------------------------------------------------------------------------------
# import dialog


LAB = [
    ["井编号", "采样日期", "指标", "检测值", "单位"],
    ["W03", "2024-04-10", "硝酸盐（以N计）", "35.2", "mg/L"],  # class V (GB/T 14848-2017: V > 30 mg/L)
    ["W03", "2024-04-10", "pH", "7.1", ""],
    ["W06", "2024-04-11", "NO3-N", "1.1", "mg/L"],  # class I
    ["NOPE-1", "2024-04-11", "硝酸盐", "3.0", "mg/L"],  # unknown well → error row 5
    ["W06", "2024-04-11", "Cr6+", "abc", "mg/L"],  # bad value → error row 6
]


@pytest.fixture
def presets_clean():
    from gw_plugin.gui.wells import import_dialog as I

    for name in I.preset_names():
        I.delete_preset(name)
    yield
    for name in I.preset_names():
        I.delete_preset(name)


def test_import_dialog_end_to_end(panel, project_db, tmp_path, qtbot, qgis_processing, presets_clean):
    from gw_plugin.processing.provider import register_provider

    register_provider()
    path = project_db[0]
    csv_path = tmp_path / "lab.csv"
    csv_path.write_bytes(("\r\n".join(",".join(r) for r in LAB) + "\r\n").encode("gb18030"))
    before = _sql(path, "SELECT count(*) FROM sample_results")[0][0]
    dialog = panel.open_import_dialog()
    qtbot.addWidget(dialog)
    assert dialog.open_file(str(csv_path))
    # pre-filled by guess_mapping
    m = dialog.mapping()
    assert (m.layout, m.well, m.date, m.parameter, m.value, m.unit) == (
        "long",
        "井编号",
        "采样日期",
        "指标",
        "检测值",
        "单位",
    )
    qtbot.mouseClick(dialog.validate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.report is not None, timeout=10000)
    table = dialog.issues_table
    shown = {(table.item(r, 0).text(), table.item(r, 3).text()) for r in range(table.rowCount())}
    assert ("5", "unknown_well") in shown and ("6", "bad_value") in shown
    assert "2 errors in 2 rows" in dialog.summary_label.text()
    # refused with errors
    assert dialog.start_import() is None
    assert "refused" in dialog.status_label.text()
    assert _sql(path, "SELECT count(*) FROM sample_results")[0][0] == before
    # accepted for the valid rows only
    dialog.valid_only.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3]
    rows = _sql(
        path,
        "SELECT m.well_code, r.parameter, r.value_num FROM sample_results r JOIN samples s ON s.uuid = r.sample_uuid "
        "JOIN monitoring_wells m ON m.uuid = s.well_uuid WHERE s.sampled_on >= '2024-01-01' ORDER BY 1, 2",
    )
    assert [(w, p) for w, p, _ in rows] == [("W03", "pH"), ("W03", NITRATE), ("W06", NITRATE)]
    assert _sql(path, "SELECT count(*) FROM sample_results")[0][0] == before + 3
    # updatewellquality ran: W03 is now class V by nitrate; the layer and the dock show it
    assert _sql(path, "SELECT latest_class, latest_governing FROM monitoring_wells WHERE well_code = 'W03'") == [
        (5, NITRATE)
    ]
    layer = wells_layer(project_db[2])
    assert layer.getFeature(fid_of(layer, "W03"))["latest_class"] == 5
    qtbot.waitUntil(
        lambda: (
            panel.model.index(0, 1, panel.model.fid_index(fid_of(layer, "W03")).parent()) is not None
            and panel.model.data(panel.model.fid_index(fid_of(layer, "W03")).siblingAtColumn(1)) == "V"
        ),
        timeout=3000,
    )
    dialog.close()


def test_import_dialog_presets_and_wide_layout(project_db, tmp_path, qtbot, presets_clean):
    from gw_plugin.core.wells.lab_import import ColumnMapping
    from gw_plugin.gui.wells import import_dialog as I

    path = project_db[0]
    wide = tmp_path / "wide.csv"
    wide.write_text("点位,日期,硝酸盐(mg/L),pH,备注\nW01,2025-01-05,4.2,7.0,x\n", encoding="utf-8")
    dialog = I.ImportDialog(path, None, None, QgsProject.instance())
    qtbot.addWidget(dialog)
    assert dialog.open_file(str(wide))
    m = dialog.mapping()
    assert (m.layout, m.well, m.date) == ("wide", "点位", "日期")
    assert not dialog.combos["parameter"].isEnabled() and dialog.combos["well"].isEnabled()
    dialog.save_current_as("区监测站 宽表")
    assert I.preset_names() == ["区监测站 宽表"]
    assert I.load_preset("区监测站 宽表") == ColumnMapping(layout="wide", well="点位", date="日期")
    assert QgsSettings().value("gw_plugin/import_presets/区监测站 宽表", "", type=str)
    dialog.set_mapping(ColumnMapping(layout="long"))
    assert dialog.mapping().well == ""
    assert dialog.apply_preset("区监测站 宽表")
    assert dialog.mapping() == ColumnMapping(layout="wide", well="点位", date="日期")
    I.delete_preset("区监测站 宽表")
    assert I.preset_names() == []
    assert not dialog.apply_preset("区监测站 宽表")
    # unreadable file: the reason is shown, nothing crashes
    assert not dialog.open_file(str(tmp_path / "missing.csv"))
    assert "does not exist" in dialog.status_label.text()
    # keyboard: every mapping combo has a label with a mnemonic, and no mnemonic is used twice
    assert all("&" in dialog.mapping_labels[k].text() for k in I.MAPPING_FIELDS)
    keys = mnemonics(dialog)
    assert len(keys) >= 15 and len(keys) == len(set(keys)), keys
    dialog.close()


# ---------------------------------------------------------------------------------------------------------------
# duplicates dialog


def test_duplicates_dialog_merge_and_undo(project_db, qtbot, qgis_iface, tmp_path):
    path, ids, project, _ = project_db
    layer = wells_layer(project)
    # a second record of W01 from another department, 12 m away, same aquifer, similar depth, with its own sample
    dup_uuid = str(uuid.uuid4())
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    f = ogr.Feature(lyr.GetLayerDefn())
    f["uuid"], f["well_code"], f["county_code"], f["name_zh"] = dup_uuid, "SL-0007", "410102", "水利局井"
    f["well_type"], f["status"], f["aquifer_layer"], f["depth_m"] = "national_project", "active", "phreatic", 36.0
    f["department"] = "water_resources"
    f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({X0 + 12} {Y0})"))
    lyr.CreateFeature(f)
    samples = ds.GetLayerByName("samples")
    s = ogr.Feature(samples.GetLayerDefn())
    s["uuid"], s["county_code"], s["well_uuid"], s["sample_code"], s["sampled_on"] = (
        str(uuid.uuid4()),
        "410102",
        dup_uuid,
        "SL-S1",
        "2023-07-01",
    )
    samples.CreateFeature(s)
    ds = None
    layer.reload()
    qgis_project.project_layers(project)["samples"].reload()
    from gw_plugin.gui.wells.duplicates_dialog import DuplicatesDialog

    dialog = DuplicatesDialog(qgis_iface, None, project)
    qtbot.addWidget(dialog)
    assert dialog.distance.value() == 30.0
    keys = mnemonics(dialog)
    assert len(keys) >= 8 and len(keys) == len(set(keys)), keys
    groups = dialog.find()
    assert len(groups) == 1
    top = dialog.tree.topLevelItem(0)
    codes = [top.child(i).text(0) for i in range(top.childCount())]
    assert sorted(codes) == ["SL-0007", "W01"]
    assert "12.0 m" in dialog.reasons.toPlainText()
    # keep the water-resources record this time
    dup_fid = fid_of(layer, "SL-0007")
    w01_fid = fid_of(layer, "W01")
    dialog.set_keeper(0, dup_fid)
    assert dialog.keeper(0) == (dup_fid, [w01_fid])
    n_wells = layer.featureCount()
    result = dialog.merge(0)
    assert result is not None and result.repointed == {"samples": 20}
    assert layer.featureCount() == n_wells - 1
    kept = layer.getFeature(dup_fid)
    assert "W01" in kept["source_codes"] and "OLD-W01" in kept["source_codes"]
    sample_layer = qgis_project.project_layers(project)["samples"]
    assert sum(1 for x in sample_layer.getFeatures() if x["well_uuid"] == dup_uuid) == 21
    assert top.isDisabled() and dialog.undo_button.isEnabled()
    # undo while unsaved
    assert dialog.undo()
    assert layer.featureCount() == n_wells
    assert sum(1 for x in sample_layer.getFeatures() if x["well_uuid"] == ids["W01"]) == 20
    assert not top.isDisabled() and not dialog.undo_button.isEnabled()
    # a closer distance finds nothing
    dialog.distance.setValue(10.0)
    assert dialog.find() == []
    # merge with the default keeper (the better documented W01) and save
    dialog.distance.setValue(30.0)
    dialog.find()
    assert dialog.keeper(0)[0] == w01_fid
    dialog.merge(0)
    assert dialog.save()
    assert not dialog.undo_button.isEnabled()
    assert _sql(path, "SELECT count(*) FROM monitoring_wells WHERE well_code = 'SL-0007'")[0][0] == 0
    assert _sql(path, "SELECT count(*) FROM samples WHERE well_uuid = ?", (ids["W01"],))[0][0] == 21
    assert "SL-0007" in _sql(path, "SELECT source_codes FROM monitoring_wells WHERE well_code = 'W01'")[0][0]
    dialog.close()


def test_processing_registry_has_the_algorithms_the_dock_uses(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()
    for alg in ("gwplugin:importsamples", "gwplugin:updatewellquality"):
        assert QgsApplication.processingRegistry().algorithmById(alg) is not None


def test_import_validation_can_be_canceled(project_db, tmp_path, qtbot):
    """Cancel while validating a large file: no report, nothing written, the dialog usable again."""
    from gw_plugin.gui.wells import import_dialog as I

    path = project_db[0]
    big = tmp_path / "big.csv"
    lines = ["井编号,采样日期,指标,检测值,单位"]
    lines += [f"W0{1 + k % 8},2023-{1 + k % 12:02d}-{1 + k % 28:02d},硝酸盐,{k % 50 / 10},mg/L" for k in range(200_000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _sql(path, "SELECT count(*) FROM sample_results")[0][0]
    dialog = I.ImportDialog(path, None, None, QgsProject.instance())
    qtbot.addWidget(dialog)
    assert dialog.open_file(str(big))
    task = dialog.validate()
    assert dialog.busy() and dialog.cancel_button.isEnabled() and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: task.status() == task.TaskStatus.Running or not dialog.busy(), timeout=10000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    assert dialog.report is None
    assert dialog.status_label.text() == QCoreApplication.translate("ImportDialog", "Validation canceled.")
    assert dialog.validate_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert _sql(path, "SELECT count(*) FROM sample_results")[0][0] == before
    dialog.close()


def test_timeseries_without_matplotlib_says_so(qtbot, monkeypatch):
    """The real import fails the way a missing package does; the widget explains instead of raising."""
    import builtins

    from gw_plugin.gui.wells import timeseries

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ModuleNotFoundError("No module named 'matplotlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    widget = timeseries.TimeSeriesWidget()
    qtbot.addWidget(widget)
    monkeypatch.undo()
    assert not widget.available and widget.canvas is None
    assert "matplotlib" in widget.message.text() and "python3-matplotlib" in widget.message.text()
    assert not widget.parameter_combo.isEnabled() and not widget.png_button.isEnabled()
    widget.set_wells([("x", "W01")], None)  # does not raise
    with pytest.raises(ValueError):
        widget.export("/tmp/never.png")


def test_dock_manager_builds_and_removes_the_wells_dock(project_db, qgis_iface, qtbot):
    from qgis.PyQt.QtWidgets import QMenu, QToolBar

    menu, toolbar = QMenu(), QToolBar()
    manager = docks.DockManager(qgis_iface, menu, toolbar)
    manager.setup()
    try:
        dock = manager.show("wells")
        assert dock is not None and isinstance(dock.widget(), WellsPanel)
        assert sum(dock.widget().model.counts().values()) == len(WELLS)
    finally:
        manager.teardown()
        QgsSettings().remove("gw_plugin/docks/wells/open")


def test_import_dialog_xlsx_sheets(project_db, tmp_path, qtbot):
    """An XLSX with two worksheets: the sheet combo lists both, choosing the second one re-reads and re-guesses."""
    import openpyxl

    from gw_plugin.gui.wells import import_dialog as I

    path = project_db[0]
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["本表为检测结果"])
    data = book.create_sheet("结果")
    data.append(["监测井编号", "采样日期", "检测项目", "检测结果", "单位"])
    data.append(["W07", "2024-08-01", "氨氮", "0.02L", "mg/L"])
    data.append(["W07", "2024-08-01", "总硬度", "310", "mg/L"])
    xlsx = tmp_path / "lab.xlsx"
    book.save(xlsx)
    dialog = I.ImportDialog(path, None, None, QgsProject.instance())
    qtbot.addWidget(dialog)
    assert dialog.open_file(str(xlsx))
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["说明", "结果"]
    assert dialog.sheet_combo.isEnabled()
    dialog.sheet_combo.setCurrentText("结果")
    assert dialog.table.sheet == "结果"
    m = dialog.mapping()
    assert (m.layout, m.well, m.date, m.parameter, m.value, m.unit) == (
        "long",
        "监测井编号",
        "采样日期",
        "检测项目",
        "检测结果",
        "单位",
    )
    dialog.validate()
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.report is not None, timeout=10000)
    assert dialog.report.errors == [] and len(dialog.report.records) == 2
    nd = next(r for r in dialog.report.records if r.parameter == "氨氮")
    assert nd.below_detection and nd.value_text == "0.02L"
    dialog.close()
