"""Benchmark (issue 3) of the Wells dock, each figure printed with a baseline measured in the same run:

1. Tree and filters for N wells (default 100,000; target ≤ 200 ms per refresh). The wells are read once
   (read_wells: for a GeoPackage one read-only SQL query with the edit buffer laid over it; otherwise a
   QgsFeatureRequest without geometry, only the dock's fields — both timed); every filter change then regroups
   the numpy arrays (WellsTreeModel.rebuild) and, in the panel, resets the QTreeView and restores expanded groups.
   Baseline: merely iterating the same features with the same request.
2. One well's 10-year series of one parameter among M results (default 1,000,000; target ≤ 50 ms), fetched by
   core.wells.series as the time-series widget does (indexes on samples.well_uuid and
   sample_results.sample_uuid). Baseline: one scan of sample_results for that parameter (what it costs without
   the indexes).

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_wells_dock.py [N_WELLS] [N_RESULTS]
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from osgeo import ogr  # noqa: E402
from qgis.core import QgsApplication, QgsFeatureRequest, QgsProject  # noqa: E402

from gw_plugin.core.data import gpkg, qgis_project, schema  # noqa: E402
from gw_plugin.core.wells import series  # noqa: E402

PARAMS = ["硝酸盐", "pH", "氨氮", "铬（六价）", "三氯乙烯", "溶解性总固体", "总硬度", "氟化物", "砷", "铅"]


def make_wells(path: str, n: int) -> list:
    gpkg.create_database(path)
    rng = np.random.default_rng(7)
    types = schema.codelist("well_type").code_values()
    aquifers = schema.codelist("aquifer_layer").code_values()
    statuses = schema.codelist("well_status").code_values()
    counties = [f"4101{k:02d}" for k in range(2, 14)]
    ids = [str(uuid.uuid4()) for _ in range(n)]
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    picks = rng.integers(0, 1 << 30, size=(n, 5))
    xy = rng.uniform(0, 80000, size=(n, 2))
    for i in range(n):
        a, b, c, d, e = picks[i].tolist()
        f = ogr.Feature(defn)
        f["uuid"], f["well_code"], f["county_code"] = ids[i], f"W{i:06d}", counties[a % len(counties)]
        f["name_zh"], f["source_codes"] = f"监测井{i}", f"OLD-{i}"
        f["well_type"], f["aquifer_layer"], f["status"] = types[b % 7], aquifers[c % 5], statuses[d % 5]
        f["assessment_point"] = 1 if e % 11 == 0 else 0
        if e % 3:
            f["latest_class"] = 1 + e % 5
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({460000 + xy[i, 0]} {3800000 + xy[i, 1]})"))
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    ds = None
    return ids


def add_results(path: str, well_ids: list, n_results: int) -> list:
    """n_results results: wells × samples over 10 years × len(PARAMS) parameters. Returns the wells with samples."""
    per_sample = len(PARAMS)
    n_samples = n_results // per_sample
    n_wells = min(len(well_ids), 2000)
    per_well = max(1, n_samples // n_wells)  # 1,000,000 results → 2000 wells × 50 samples (5 a year)
    base = np.datetime64("2015-01-01")
    rng = np.random.default_rng(11)
    samples, results = [], []
    for w in well_ids[:n_wells]:
        days = np.sort(rng.choice(3650, size=per_well, replace=False))
        for day in days.tolist():
            su = str(uuid.uuid4())
            samples.append((su, "410102", w, su[:12], str(base + day)))
            for p in PARAMS:
                v = round(float(rng.lognormal(0, 1)), 4)
                results.append((str(uuid.uuid4()), "410102", su, p, repr(v), v, "mg/L", 0))
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        with gpkg.bulk_load(con, ["samples", "sample_results"]):
            con.executemany(
                "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?,?,?,?,?)",
                samples,
            )
            con.executemany(
                "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, value_num, unit, "
                "below_detection) VALUES (?,?,?,?,?,?,?,?)",
                results,
            )
        con.execute("COMMIT")
    finally:
        con.close()
    return well_ids[:n_wells], len(results)


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_dock(path: str, n: int) -> None:
    from gw_plugin.gui.wells.dock_wells import WellsPanel
    from gw_plugin.gui.wells.wells_model import READ_FIELDS, WellFilter, WellsTreeModel, read_wells, read_wells_request

    project = QgsProject.instance()
    qgis_project.load_into_project(path, project, "zh")
    layer = qgis_project.project_layers(project)["monitoring_wells"]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes(list(READ_FIELDS), layer.fields())

    def iterate():
        for _ in layer.getFeatures(request):
            pass

    t_iter = best(iterate, 3)
    t_read = best(lambda: read_wells(layer), 3)
    t_read_request = best(lambda: read_wells_request(layer), 2)
    table = read_wells(layer)
    assert len(table) == n, len(table)
    model = WellsTreeModel()
    model.set_table(table)
    filters = {
        "none": WellFilter(),
        "county": WellFilter(county="410105"),
        "type": WellFilter(well_type="eia_tracking"),
        "status": WellFilter(status="active"),
        "assessment": WellFilter(assessment=True),
        "text": WellFilter(text="w0123"),
        "text (Chinese)": WellFilter(text="监测井99"),
        "all combined": WellFilter(county="410103", well_type="national_project", status="active", text="w0"),
    }
    t_model = {name: best(lambda f=f: model.set_filter(f)) for name, f in filters.items()}

    panel = WellsPanel(None, None, project, lang="zh")
    panel.resize(500, 900)
    panel.show()
    for r in range(panel.model.rowCount()):  # expand the top level as a user would
        panel.view.setExpanded(panel.model.index(r, 0), True)
    combos = {
        "county": (panel.county_combo, panel.county_combo.findData("410105")),
        "type": (panel.type_combo, panel.type_combo.findData("eia_tracking")),
        "status": (panel.status_combo, panel.status_combo.findData("active")),
        "assessment": (panel.assessment_combo, 1),
    }
    t_panel = {}
    for name, (combo, index) in combos.items():

        def toggle(combo=combo, index=index):
            combo.setCurrentIndex(index)  # apply_filter runs synchronously on the signal
            combo.setCurrentIndex(0)

        t_panel[name] = best(toggle) / 2.0

    def search():
        panel.search_edit.setText("w01234")
        panel.apply_filter()
        panel.search_edit.setText("")
        panel.apply_filter()

    t_panel["text"] = best(search) / 2.0
    t_reload = best(panel.reload, 3)
    panel.teardown()
    panel.deleteLater()

    worst_model = max(t_model.values())
    worst_panel = max(t_panel.values())
    print(f"== Wells dock, {n:,} wells ==")
    print(f"baseline: iterating the features (no geometry, {len(READ_FIELDS)} fields): {t_iter * 1000:.0f} ms")
    print(
        f"read once (read_wells: SQL + edit buffer → numpy): {t_read * 1000:.0f} ms = {t_read / t_iter:.2f} × baseline"
    )
    print(
        f"read once through the QgsFeatureRequest path (other providers): {t_read_request * 1000:.0f} ms "
        f"= {t_read_request / t_iter:.2f} × baseline"
    )
    for name, t in t_model.items():
        print(f"  model refresh, filter {name:<15}: {t * 1000:6.1f} ms")
    for name, t in t_panel.items():
        print(f"  panel refresh (model + view), filter {name:<10}: {t * 1000:6.1f} ms")
    print(
        f"tree and filter refresh, worst: model {worst_model * 1000:.1f} ms, panel {worst_panel * 1000:.1f} ms "
        f"(target ≤ 200 ms: {'OK' if worst_panel <= 0.2 else 'MISSED'}); "
        f"ratio to the baseline iteration: {worst_panel / t_iter:.3f}"
    )
    print(f"full reload after an edit (read + refresh): {t_reload * 1000:.0f} ms = {t_reload / t_iter:.2f} × baseline")
    project.clear()


def bench_series(path: str, wells: list, n_results: int) -> None:
    rng = np.random.default_rng(5)
    picks = [wells[i] for i in rng.choice(len(wells), size=50, replace=False).tolist()]
    times = []
    n_points = []
    for w in picks:
        t0 = time.perf_counter()
        s = series.series(path, w, "硝酸盐")
        times.append(time.perf_counter() - t0)
        n_points.append(len(s.dates))
    con = series.connect_ro(path)
    t0 = time.perf_counter()
    con.execute("SELECT count(*), max(value_num) FROM sample_results WHERE parameter = ?", ("硝酸盐",)).fetchone()
    t_scan = time.perf_counter() - t0
    con.close()
    med, worst = statistics.median(times), max(times)
    print(f"== One well's series among {n_results:,} results ==")
    print(
        f"series of one well (10 years, {int(np.median(n_points))} values): median {med * 1000:.1f} ms, "
        f"worst {worst * 1000:.1f} ms (target ≤ 50 ms: {'OK' if worst <= 0.05 else 'MISSED'})"
    )
    print(
        f"baseline: one scan of sample_results for the parameter: {t_scan * 1000:.0f} ms; "
        f"ratio worst/baseline: {worst / t_scan:.4f}"
    )


def main():
    n_wells = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_results = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    app = QgsApplication([], True)
    app.initQgis()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.gpkg")
        t0 = time.perf_counter()
        ids = make_wells(path, n_wells)
        wells, written = add_results(path, ids, n_results)
        print(f"(test data: {n_wells:,} wells, {written:,} results in {time.perf_counter() - t0:.1f} s)")
        bench_dock(path, n_wells)
        bench_series(path, wells, written)
    app.exitQgis()


if __name__ == "__main__":
    main()
