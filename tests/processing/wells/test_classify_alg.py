"""gwplugin:classifywaterquality on a real project GeoPackage, and the GB/T 14848 expression functions.

Expected classes are hand-worked from GB/T 14848-2017 Table 1/2 (../shared/reference/gbt14848_2017.csv).
"""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg

COUNTY = "419901"

# (sample code, parameter as written, value as written, unit, expected gb_class, note fragment)
ROWS = [
    # S1: worst IV from 硝酸盐 25 (20 < 25 ≤ 30) and 氟化物 1.5 (1.0 < 1.5 ≤ 2.0)
    ("S1", "pH", "7.2", None, 1, "two-sided"),
    ("S1", "硝酸盐（以N计）", "25", "mg/L", 4, "IV"),
    ("S1", "锰", "0.06", "mg/L", 3, "III"),  # 0.05 < 0.06 ≤ 0.1
    ("S1", "F-", "1.5", "mg/L", 4, "IV"),
    ("S1", "砷", "<0.005", "mg/L", 3, "≤ class III"),  # DL above class I 0.001 → ≤ III, never worsens
    ("S1", "温度", "15", "℃", None, "unknown parameter"),
    # S2: 44.3 mg/L as NO3 = 44.3 × 14.007/62.004 = 10.01 mg/L as N → III (5 < x ≤ 20)
    ("S2", "硝酸盐", "44.3", "mg/L as NO3", 3, "III"),
    ("S2", "锰", "0.05", "mg/L", 1, "从优不从劣"),  # shared I/II limit 0.05
    ("S2", "砷", "0.0005L", "mg/L", 1, "non-detect, DL 0.0005"),
    ("S2", "嗅和味", "无", None, 1, "none"),
    # S3: gross α 0.8 Bq/L > 0.5 → IV (exceeds guidance value), lead 5 μg/L = 0.005 mg/L → I (shared I/II)
    ("S3", "总α放射性", "0.8", "Bq/L", 4, "exceeds guidance value"),
    ("S3", "阴离子表面活性剂", "ND", None, 1, "not detected"),
    ("S3", "Pb", "5", "μg/L", 1, "从优不从劣"),
    # S4: only a non-detect bound (DL 0.04 mg/L for 砷: ≤ IV) and a missing value → no sample class
    ("S4", "砷", "0.04L", "mg/L", 4, "≤ class IV"),
    ("S4", "硝酸盐", "—", "mg/L", None, "no value"),
    ("S4", "砷", "12", "Bq/L", None, "cannot be converted"),
]
EXPECTED_SAMPLE = {
    "S1": (4, "硝酸盐; 氟化物"),
    "S2": (3, "硝酸盐"),
    "S3": (4, "总α放射性"),
    "S4": (None, None),
}


@pytest.fixture
def db(tmp_path):
    """A project GeoPackage with 4 samples and their results, inserted with sqlite3 (tables without geometry)."""
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = sqlite3.connect(path)
    sample_uuid = {}
    with con:
        well = str(uuid.uuid4())
        for code in EXPECTED_SAMPLE:
            sample_uuid[code] = str(uuid.uuid4())
            con.execute(
                "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?, ?, ?, ?, ?)",
                (sample_uuid[code], COUNTY, well, code, "2024-05-01"),
            )
        for code, parameter, value, unit, _, _ in ROWS:
            con.execute(
                "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, unit) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), COUNTY, sample_uuid[code], parameter, value, unit),
            )
    con.close()
    return path, sample_uuid


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def _read(path):
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    rows = [
        {lyr.GetLayerDefn().GetFieldDefn(i).GetName(): f.GetField(i) for i in range(f.GetFieldCount())} for f in lyr
    ]
    defn = lyr.GetLayerDefn()
    types = {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetTypeName() for i in range(defn.GetFieldCount())}
    return rows, types


def _run(params):
    import processing

    return processing.run("gwplugin:classifywaterquality", params)


def test_classify_samples_table(db, tmp_path, provider, validate):
    path, sample_uuid = db
    out = str(tmp_path / "classified.gpkg")
    res = _run(
        {
            "INPUT": f"{path}|layername=sample_results",
            "SAMPLE_FIELD": "sample_uuid",
            "PARAMETER_FIELD": "parameter",
            "VALUE_FIELD": "value_text",
            "UNIT_FIELD": "unit",
            "OUTPUT": out,
        }
    )
    assert res["SAMPLES"] == 4
    assert res["CLASSIFIED"] == sum(1 for r in ROWS if r[4] is not None)
    assert res["UNCLASSIFIED"] == sum(1 for r in ROWS if r[4] is None)
    assert validate(out) == []
    rows, types = _read(out)
    assert types["gb_class"].startswith("Integer") and types["sample_class"].startswith("Integer")
    assert types["gb_note"] == "String" and types["sample_governing"] == "String"
    assert len(rows) == len(ROWS)
    code_of = {u: c for c, u in sample_uuid.items()}
    by_key = {(code_of[r["sample_uuid"]], r["parameter"], r["value_text"]): r for r in rows}
    for code, parameter, value, _unit, expected, fragment in ROWS:
        r = by_key[(code, parameter, value)]
        assert r["gb_class"] == expected, (parameter, value, r["gb_note"])
        assert fragment in r["gb_note"], (parameter, value, r["gb_note"])
        assert r["county_code"] == COUNTY and len(r["uuid"]) == 36  # input columns are kept
        sample_class, governing = EXPECTED_SAMPLE[code]
        assert r["sample_class"] == sample_class, code
        assert r["sample_governing"] == governing, code
    # 超标倍数 against class III: nitrate 25 mg/L, class III limit 20 → (25 − 20)/20 = 0.25; F- 1.5 vs 1.0 → 0.5
    assert by_key[("S1", "硝酸盐（以N计）", "25")]["exceedance"] == pytest.approx(0.25)
    assert by_key[("S1", "F-", "1.5")]["exceedance"] == pytest.approx(0.5)
    # the "≤ III" non-detect is flagged with its detection limit; it has no exceedance
    arsenic = by_key[("S1", "砷", "<0.005")]
    assert (arsenic["below_detection"], arsenic["detection_limit"], arsenic["exceedance"]) == (1, 0.005, None)
    assert by_key[("S1", "pH", "7.2")]["below_detection"] == 0 and by_key[("S1", "pH", "7.2")]["exceedance"] is None
    assert types["exceedance"] == "Real" and types["detection_limit"] == "Real"


def test_without_unit_field_the_standard_unit_is_assumed(db, tmp_path, provider):
    path, sample_uuid = db
    out = str(tmp_path / "nounit.gpkg")
    _run(
        {
            "INPUT": f"{path}|layername=sample_results",
            "SAMPLE_FIELD": "sample_uuid",
            "PARAMETER_FIELD": "parameter",
            "VALUE_FIELD": "value_text",
            "OUTPUT": out,
        }
    )
    rows, _ = _read(out)
    s2 = [r for r in rows if r["sample_uuid"] == sample_uuid["S2"]]
    nitrate = next(r for r in s2 if r["parameter"] == "硝酸盐")
    assert nitrate["gb_class"] == 5  # 44.3 read as mg/L as N: > 30 → V
    assert nitrate["sample_class"] == 5 and nitrate["sample_governing"] == "硝酸盐"
    lead = next(r for r in rows if r["parameter"] == "Pb")
    assert lead["gb_class"] == 5  # 5 read as mg/L: > 0.1 → V


def test_numeric_value_field_and_rerun_replaces_output_fields(tmp_path, provider):
    """A plain table with a numeric value field, classified twice: the second run replaces the fields."""
    src = str(tmp_path / "plain.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(src)
    lyr = ds.CreateLayer("lab", None, ogr.wkbPoint)
    for name, kind in (("smp", ogr.OFTInteger), ("param", ogr.OFTString), ("val", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for i, (smp, param, val) in enumerate(
        [(1, "NH3-N", 0.5), (1, "pH", 9.0), (2, "pH", 9.01), (2, "Cr6+", None), (3, "TCE", 70.0)]
    ):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["smp"], f["param"] = smp, param
        if val is not None:
            f["val"] = val
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + i} 3850000)"))
        lyr.CreateFeature(f)
    ds = None
    params = {"SAMPLE_FIELD": "smp", "PARAMETER_FIELD": "param", "VALUE_FIELD": "val"}
    out1 = str(tmp_path / "out1.gpkg")
    _run({**params, "INPUT": src, "OUTPUT": out1})
    out2 = str(tmp_path / "out2.gpkg")
    _run({**params, "INPUT": out1, "OUTPUT": out2})
    rows, types = _read(out2)
    assert [k for k in types if k.startswith("gb_class")] == ["gb_class"]
    got = [(r["param"], r["gb_class"], r["sample_class"], r["sample_governing"]) for r in rows]
    assert got == [
        ("NH3-N", 3, 4, "pH"),  # 氨氮 0.1 < 0.5 ≤ 0.5 → III
        ("pH", 4, 4, "pH"),  # 8.5 < 9.0 ≤ 9.0 → IV
        ("pH", 5, 5, "pH"),  # > 9.0 → V
        ("Cr6+", None, 5, "pH"),
        ("TCE", 3, 3, "三氯乙烯"),  # 三氯乙烯 ≤70.0 → III
    ]
    ds = ogr.Open(out2)
    assert ds.GetLayer(0).GetGeomType() == ogr.wkbPoint  # geometry kept


def test_progress_and_cancel(db, tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingFeedback

    path, _ = db
    params = {
        "INPUT": f"{path}|layername=sample_results",
        "SAMPLE_FIELD": "sample_uuid",
        "PARAMETER_FIELD": "parameter",
        "VALUE_FIELD": "value_text",
        "OUTPUT": str(tmp_path / "p.gpkg"),
    }

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.seen = []
            self.progressChanged.connect(self.seen.append)

    fb = Recorder()
    processing.run("gwplugin:classifywaterquality", params, feedback=fb)
    assert fb.seen and fb.seen[-1] == 100.0 and fb.seen == sorted(fb.seen)
    assert 50.0 in fb.seen  # the second pass starts at half way

    canceled = QgsProcessingFeedback()
    canceled.cancel()
    res = processing.run("gwplugin:classifywaterquality", {**params, "OUTPUT": "memory:"}, feedback=canceled)
    assert "CLASSIFIED" not in res  # stopped in the first pass, nothing counted


def test_missing_field_is_an_error(db, tmp_path, provider):
    from qgis.core import QgsProcessingException

    path, _ = db
    with pytest.raises(QgsProcessingException):
        _run(
            {
                "INPUT": f"{path}|layername=sample_results",
                "SAMPLE_FIELD": "sample_uuid",
                "PARAMETER_FIELD": "no_such_field",
                "VALUE_FIELD": "value_text",
                "OUTPUT": "memory:",
            }
        )


# ------------------------------------------------------------------------------------------------------------
# expression functions
# ------------------------------------------------------------------------------------------------------------
@pytest.fixture
def functions(qgis_app):
    from gw_plugin.core.wells import expressions

    expressions.register_functions()
    yield expressions
    expressions.unregister_functions()


def _feature_context(values):
    from qgis.core import QgsExpressionContext, QgsExpressionContextUtils, QgsFeature, QgsField, QgsFields
    from qgis.PyQt.QtCore import QVariant

    fields = QgsFields()
    fields.append(QgsField("parameter", QVariant.Type.String))
    fields.append(QgsField("value_text", QVariant.Type.String))
    fields.append(QgsField("value_num", QVariant.Type.Double))
    fields.append(QgsField("unit", QVariant.Type.String))
    feature = QgsFeature(fields)
    feature.setAttributes(values)
    ctx = QgsExpressionContext()
    ctx.appendScope(QgsExpressionContextUtils.globalScope())
    ctx.setFeature(feature)
    ctx.setFields(fields)
    return ctx


@pytest.mark.parametrize(
    "expression,attrs,expected",
    [
        ('gb14848_class("parameter", "value_text", "unit")', ["锰", "0.06", None, "mg/L"], 3),
        ('gb14848_class("parameter", "value_text", "unit")', ["锰", "0.05", None, None], 1),  # shared I/II
        ('gb14848_class("parameter", "value_num", "unit")', ["砷", None, 12.0, "μg/L"], 4),  # 0.012 > 0.01
        ('gb14848_class("parameter", "value_text")', ["pH", "8.51", None, None], 4),
        ('gb14848_class("parameter", "value_text", "unit")', ["unknown", "1", None, None], None),
        ('gb14848_class("parameter", "value_num", "unit")', ["锰", None, None, None], None),  # NULL value
        ('gb14848_class("parameter", "value_text", "unit")', ["硝酸盐", "44.3", None, "mg/L as NO3"], 3),
        # (45 − 20)/20 = 1.25 against class III 20 mg/L
        ('gb14848_exceedance("parameter", "value_num", "unit")', ["NO3-N", None, 45.0, None], 1.25),
        ('gb14848_exceedance("parameter", "value_text", "unit")', ["pH", "9", None, None], None),
        ('gb14848_exceedance("parameter", "value_text", "unit")', ["砷", "<0.005", None, None], None),
        # the stored qualifier and basis: ">100" coliforms are above 100 → V (IV ≤ 100); nitrate 44.3 as NO3 → III
        ("gb14848_class('总大肠菌群', \"value_num\", NULL, '>')", [None, None, 100.0, None], 5),
        ("gb14848_class('总大肠菌群', \"value_num\")", [None, None, 100.0, None], 4),
        ("gb14848_class('硝酸盐', \"value_text\", 'mg/L', NULL, '以NO3-计')", [None, "44.3", None, None], 3),
        ("gb14848_class('铅', \"value_num\", 'mg/L', 'L')", [None, None, 0.005, None], 1),
        (
            'gb14848_class("parameter", "value_text") = 4 AND gb14848_exceedance(\'氟化物\', 1.5) = 0.5',
            ["F-", "1.5"] + [None, None],
            True,
        ),
    ],
)
def test_expression_functions(functions, expression, attrs, expected):
    from qgis.core import QgsExpression

    ctx = _feature_context(attrs)
    exp = QgsExpression(expression)
    assert not exp.hasParserError(), exp.parserErrorString()
    exp.prepare(ctx)
    value = exp.evaluate(ctx)
    assert not exp.hasEvalError(), exp.evalErrorString()
    if expected is None:
        assert value is None or (hasattr(value, "isNull") and value.isNull())
    elif isinstance(expected, float):
        assert value == pytest.approx(expected)
    else:
        assert value == expected


def test_expression_note_and_group(functions):
    from qgis.core import QgsExpression, QgsExpressionContext

    exp = QgsExpression("gb14848_note('砷', '<0.005', 'mg/L')")
    assert "≤ class III" in exp.evaluate(QgsExpressionContext())
    idx = QgsExpression.functionIndex("gb14848_class")
    assert idx >= 0 and QgsExpression.Functions()[idx].group() == "GB/T 14848"


def test_register_is_idempotent(qgis_app):
    from qgis.core import QgsExpression

    from gw_plugin.core.wells import expressions

    n0 = len(QgsExpression.Functions())
    assert expressions.register_functions() == sorted(expressions.function_names())
    n1 = len(QgsExpression.Functions())
    expressions.register_functions()
    assert len(QgsExpression.Functions()) == n1 == n0 + 3
    expressions.unregister_functions()
    expressions.unregister_functions()
    assert len(QgsExpression.Functions()) == n0
    assert not QgsExpression.isFunctionName("gb14848_class")
