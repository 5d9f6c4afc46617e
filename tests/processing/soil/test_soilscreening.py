"""gwplugin:soilscreening on a real GeoPackage point layer and on a CSV table: hand-worked GB 36600-2018 results for
both land classes, units, non-detects and the arsenic background rule; the per-site summary and the exceeding points
read back with OGR."""

from __future__ import annotations

import pytest
from osgeo import ogr, osr

# (site, point, x, y, top, bottom, parameter, value, unit, land, background, screening, intervention, exc_s, exc_i)
ROWS = [
    ("S1", "P1", 500100, 3850100, 0.0, 0.5, "砷", "25", "mg/kg", "1", None, 20, 120, True, False),
    ("S1", "P1", 500100, 3850100, 0.5, 1.5, "砷", "130", "mg/kg", "1", None, 20, 120, True, True),
    ("S1", "P2", 500200, 3850100, 0.0, 0.5, "砷", "30", None, "1", "35", 35, 120, False, False),  # note ①
    ("S1", "P2", 500200, 3850100, 2.0, 3.0, "苯", "1200", "μg/kg", "1", None, 1, 10, True, False),  # 1.2 mg/kg
    ("S1", "P2", 500200, 3850100, 2.0, 3.0, "苯并(a)芘", "<0.1", None, "1", None, 0.55, 5.5, False, False),
    ("S2", "Q1", 501000, 3851000, 0.0, 0.5, "铅", "600", None, "2", None, 800, 2500, False, False),
    ("S2", "Q1", 501000, 3851000, 0.0, 0.5, "石油烃（C10-C40）", "4500", None, "2", None, 4500, 9000, False, False),
    ("S2", "Q2", 501100, 3851000, 0.0, 0.5, "铅", "600", None, None, None, 400, 800, True, False),  # §5.3.1
    ("S2", "Q2", 501100, 3851000, 0.0, 0.5, "锌", "600", None, "2", None, None, None, None, None),
]


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def points(tmp_path):
    path = str(tmp_path / "soil.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    lyr = ds.CreateLayer("soil_results", srs, ogr.wkbPoint)
    for name, kind in (
        ("site", ogr.OFTString),
        ("point", ogr.OFTString),
        ("top_m", ogr.OFTReal),
        ("bottom_m", ogr.OFTReal),
        ("parameter", ogr.OFTString),
        ("value", ogr.OFTString),
        ("unit", ogr.OFTString),
        ("land", ogr.OFTString),
        ("background", ogr.OFTString),
    ):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for row in ROWS:
        f = ogr.Feature(lyr.GetLayerDefn())
        site, point, x, y, top, bottom, param, value, unit, land, bg = row[:11]
        for name, v in (
            ("site", site),
            ("point", point),
            ("top_m", top),
            ("bottom_m", bottom),
            ("parameter", param),
            ("value", value),
            ("unit", unit),
            ("land", land),
            ("background", bg),
        ):
            if v is not None:
                f.SetField(name, v)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        lyr.CreateFeature(f)
    ds = None
    return path


def _read(path, layer=None):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    rows = []
    for f in lyr:
        r = {n: f.GetField(n) for n in names}
        g = f.GetGeometryRef()
        r["_wkt"] = g.ExportToWkt() if g else None
        rows.append(r)
    return rows


def test_screening_with_summary_and_points(points, tmp_path, provider, validate):
    import processing

    out, summary, exceeding = (str(tmp_path / n) for n in ("out.gpkg", "summary.gpkg", "points.gpkg"))
    res = processing.run(
        "gwplugin:soilscreening",
        {
            "INPUT": f"{points}|layername=soil_results",
            "PARAMETER_FIELD": "parameter",
            "VALUE_FIELD": "value",
            "UNIT_FIELD": "unit",
            "LAND_USE_FIELD": "land",
            "BACKGROUND_FIELD": "background",
            "SITE_FIELD": "site",
            "POINT_FIELD": "point",
            "DEPTH_TOP_FIELD": "top_m",
            "DEPTH_BOTTOM_FIELD": "bottom_m",
            "OUTPUT": out,
            "SUMMARY": summary,
            "EXCEEDING_POINTS": exceeding,
        },
    )
    assert res["ROWS"] == len(ROWS)
    assert res["EXCEEDING_SCREENING"] == sum(1 for r in ROWS if r[13])
    assert res["EXCEEDING_INTERVENTION"] == sum(1 for r in ROWS if r[14])
    assert res["UNKNOWN"] == 0
    for path in (out, summary, exceeding):
        assert validate(path) == []
    rows = _read(out)
    assert len(rows) == len(ROWS)
    for row, r in zip(ROWS, rows):
        assert r["parameter"] == row[6] and r["site"] == row[0]  # input columns kept
        assert r["screening_value"] == (None if row[11] is None else pytest.approx(row[11])), row
        assert r["intervention_value"] == (None if row[12] is None else pytest.approx(row[12])), row
        assert r["exceeds_screening"] == (None if row[13] is None else int(row[13])), (row, r["soil_note"])
        assert r["exceeds_intervention"] == (None if row[14] is None else int(row[14])), row
        assert r["soil_note"] and r["_wkt"].startswith("POINT")
    notes = [r["soil_note"] for r in rows]
    assert "注①" in notes[2] or "note ①" in notes[2]
    assert "5.3.1" in notes[7]

    by = {(r["site"], r["parameter"]): r for r in _read(summary)}
    a = by[("S1", "砷")]
    assert (a["samples"], a["exceeding_screening"], a["exceeding_intervention"]) == (3, 2, 1)
    assert a["max_ratio"] == pytest.approx(130 / 20) and a["max_ratio_point"] == "P1"
    assert a["max_ratio_depth"] == "0.5–1.5" and a["deepest_exceedance_m"] == pytest.approx(1.5)
    assert a["exceeding_points"] == "P1" and a["gb36600_table"] == 1
    assert by[("S1", "苯")]["max_ratio"] == pytest.approx(1.2) and by[("S1", "苯")]["exceeding_depths"] == "2–3 m"
    assert by[("S2", "石油烃（C10-C40）")]["gb36600_table"] == 2
    assert ("S2", "锌") not in by

    pts = {(r["site"], r["point"]): r for r in _read(exceeding)}
    assert set(pts) == {("S1", "P1"), ("S1", "P2"), ("S2", "Q2")}
    assert pts[("S1", "P1")]["above_intervention"] == 1 and pts[("S1", "P2")]["pollutants"] == "苯"
    assert pts[("S1", "P1")]["_wkt"] == "POINT (500100 3850100)"


def test_one_land_class_for_every_row_on_a_csv_table(tmp_path, provider):
    import processing

    csv = tmp_path / "lab.csv"
    csv.write_text("parameter,value,unit\n六价铬,3100,μg/kg\n六价铬,3.0,mg/kg\n镉,66,\n", encoding="utf-8")
    out = str(tmp_path / "out.gpkg")
    for land, expected in ((1, [1, 0, 1]), (2, [0, 0, 1])):
        processing.run(
            "gwplugin:soilscreening",
            {
                "INPUT": str(csv),
                "PARAMETER_FIELD": "parameter",
                "VALUE_FIELD": "value",
                "UNIT_FIELD": "unit",
                "LAND_USE": land,
                "OUTPUT": out,
            },
        )
        rows = _read(out)
        assert [r["exceeds_screening"] for r in rows] == expected, land
        assert rows[2]["screening_value"] == (20 if land == 1 else 65)


def test_without_land_use_the_algorithm_refuses_in_one_sentence(tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingException

    csv = tmp_path / "lab.csv"
    csv.write_text("parameter,value\n镉,66\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="land-use"):
        processing.run(
            "gwplugin:soilscreening",
            {
                "INPUT": str(csv),
                "PARAMETER_FIELD": "parameter",
                "VALUE_FIELD": "value",
                "OUTPUT": str(tmp_path / "o.gpkg"),
            },
        )
