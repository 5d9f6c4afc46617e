"""Lab notations, parameter recognition and unit conversion (gw_plugin.core.wells.labvalues), table-driven.

Molar masses in the hand computations use the IUPAC 2021 abridged standard atomic weights
(Pure Appl. Chem. 94 (2022) 573): H 1.0080, C 12.011, N 14.007, O 15.999, S 32.06, Cl 35.45, Ca 40.078.
"""

from __future__ import annotations

import math

import pytest

from gw_plugin.core.wells import labvalues as L
from gw_plugin.core.wells import standard as S

# ------------------------------------------------------------------------------------------------------------
# lab notation → (value_num, below_detection, detection_limit)
# ------------------------------------------------------------------------------------------------------------
PARSE_CASES = [
    ("0.05", 0.05, False, None),
    ("12", 12.0, False, None),
    (" 3.5 ", 3.5, False, None),
    (7.25, 7.25, False, None),
    (0, 0.0, False, None),
    ("ND", None, True, None),
    ("nd", None, True, None),
    ("N.D.", None, True, None),
    ("未检出", None, True, None),
    ("ND(0.01)", None, True, 0.01),
    ("未检出(<0.004)", None, True, 0.004),
    ("未检出（0.004）", None, True, 0.004),
    ("<0.01", None, True, 0.01),
    ("< 0.01", None, True, 0.01),
    ("＜0.01", None, True, 0.01),  # full-width less-than
    ("≤0.01", None, True, 0.01),
    ("0.01L", None, True, 0.01),
    ("0.01 L", None, True, 0.01),
    ("0.01Ｌ", None, True, 0.01),  # full-width L
    ("５.２", 5.2, False, None),  # full-width digits
    ("０.０１Ｌ", None, True, 0.01),
    ("0,05", 0.05, False, None),  # decimal comma, unambiguous (leading 0)
    ("12,5", 12.5, False, None),  # one comma, not three decimals
    ("1,234.5", 1234.5, False, None),  # thousands separator with decimal point
    ("1.234,5", 1234.5, False, None),  # European notation
    ("1,234,567", 1234567.0, False, None),
    ("1.2E-3", 0.0012, False, None),
    ("1.2×10⁻³", 0.0012, False, None),
    ("2.5x10^-2", 0.025, False, None),
    ("—", None, False, None),
    ("/", None, False, None),
    ("-", None, False, None),
    ("", None, False, None),
    (None, None, False, None),
    ("NA", None, False, None),
    (float("nan"), None, False, None),
    (">2000", 2000.0, False, None),
    ("1,234", None, False, None),  # ambiguous: 1.234 or 1234
    ("abc1", None, False, None),
    ("无", None, False, None),
]


@pytest.mark.parametrize("text,value,below,dl", PARSE_CASES)
def test_parse_lab_value(text, value, below, dl):
    got_value, got_below, got_dl, note = L.parse_lab_value(text)
    if value is None:
        assert got_value is None
    else:
        assert got_value == pytest.approx(value)
    assert got_below is below
    assert got_dl == (pytest.approx(dl) if dl is not None else None)
    assert isinstance(note, str)


def test_parse_qualifiers_and_notes():
    assert L.parse_lab_value("—").qualifier == "missing"
    assert L.parse_lab_value("无").qualifier == "text"
    assert L.parse_lab_value(">2000").qualifier == ">"
    assert L.parse_lab_value("1,234").qualifier == "invalid" and "ambiguous" in L.parse_lab_value("1,234").note
    assert "L notation" in L.parse_lab_value("0.01L").note
    v = L.parse_lab_value("12.5 μg/L")
    assert v.value_num == 12.5 and v.unit == "μg/L" and "unit" in v.note
    assert L.parse_lab_value("<0.5 ug/L").unit == "ug/L"


# ------------------------------------------------------------------------------------------------------------
# parameter recognition
# ------------------------------------------------------------------------------------------------------------
SPELLINGS = [
    ("硝酸盐", "硝酸盐"),
    ("硝酸盐（以N计）", "硝酸盐"),
    ("硝酸盐(以N计)", "硝酸盐"),
    ("硝酸盐 ( 以 N 计 )", "硝酸盐"),
    ("硝酸盐氮", "硝酸盐"),
    ("NO3-N", "硝酸盐"),
    ("NO3--N", "硝酸盐"),
    ("NO₃⁻-N", "硝酸盐"),
    ("no3_n", "硝酸盐"),
    ("Nitrate (as N)", "硝酸盐"),
    ("nitrate", "硝酸盐"),
    ("亚硝酸盐（以N计）", "亚硝酸盐"),
    ("NO2-N", "亚硝酸盐"),
    ("Nitrite", "亚硝酸盐"),
    ("氨氮", "氨氮"),
    ("氨氮（以N计）", "氨氮"),
    ("氨氮(NH3-N)", "氨氮"),
    ("NH3-N", "氨氮"),
    ("NH4+-N", "氨氮"),
    ("Ammonia nitrogen (as N)", "氨氮"),
    ("Cr6+", "铬（六价）"),
    ("Cr(VI)", "铬（六价）"),
    ("Cr⁶⁺", "铬（六价）"),
    ("六价铬", "铬（六价）"),
    ("铬(六价)", "铬（六价）"),
    ("Chromium (VI)", "铬（六价）"),
    ("CODMn", "耗氧量"),
    ("COD_Mn", "耗氧量"),
    ("高锰酸盐指数", "耗氧量"),
    ("耗氧量（CODMn法，以O2计）", "耗氧量"),
    ("Oxygen consumption (CODMn, as O2)", "耗氧量"),
    ("TDS", "溶解性总固体"),
    ("溶解性总固体", "溶解性总固体"),
    ("pH", "pH"),
    ("PH值", "pH"),
    ("pH（无量纲）", "pH"),
    ("TH", "总硬度"),
    ("总硬度（以CaCO3计）", "总硬度"),
    ("Total hardness (as CaCO3)", "总硬度"),
    ("F-", "氟化物"),
    ("F⁻", "氟化物"),
    ("Cl-", "氯化物"),
    ("SO4 2-", "硫酸盐"),
    ("SO₄²⁻", "硫酸盐"),
    ("SO4^2-", "硫酸盐"),
    ("As", "砷"),
    ("Pb", "铅"),
    ("Hg", "汞"),
    ("Cd", "镉"),
    ("Fe", "铁"),
    ("Mn", "锰"),
    ("锰(mg/L)", "锰"),
    ("TCE", "三氯乙烯"),
    ("PCE", "四氯乙烯"),
    ("Trichloroethylene", "三氯乙烯"),
    ("1,2-二氯乙烷", "1,2-二氯乙烷"),
    ("1，2-二氯乙烷", "1,2-二氯乙烷"),  # full-width comma
    ("1,2-Dichloroethane", "1,2-二氯乙烷"),
    ("苯并[a]芘", "苯并(a)芘"),
    ("BaP", "苯并(a)芘"),
    ("挥发酚", "挥发性酚类"),
    ("挥发性酚类（以苯酚计）", "挥发性酚类"),
    ("Volatile phenols (as phenol)", "挥发性酚类"),
    ("林丹", "γ-六六六（林丹）"),
    ("gamma-HCH (lindane)", "γ-六六六（林丹）"),
    ("二甲苯", "二甲苯（总量）"),
    ("总α放射性", "总α放射性"),
    ("Gross alpha", "总α放射性"),
    ("gross β", "总β放射性"),
    ("嗅和味", "嗅和味"),
    ("Odour and taste", "嗅和味"),
    ("色度", "色"),
    ("浑浊度", "浑浊度"),
    ("Turbidity", "浑浊度"),
    ("菌落总数", "菌落总数"),
    ("Total coliforms", "总大肠菌群"),
    ("阴离子表面活性剂", "阴离子表面活性剂"),
    ("NO3-", "硝酸盐"),
    ("邻苯二甲酸二(2-乙基己基)酯", "邻苯二甲酸二(2-乙基己基)酯"),
    ("DEHP", "邻苯二甲酸二(2-乙基己基)酯"),
]


@pytest.mark.parametrize("spelling,key", SPELLINGS)
def test_recognise_parameter(spelling, key):
    assert L.recognise_parameter(spelling) == key


def test_recognition_covers_at_least_40_spellings_and_every_key():
    assert len(SPELLINGS) >= 40
    for ind in S.indicators():
        assert L.recognise_parameter(ind.key) == ind.key
        assert L.recognise_parameter(ind.name_en) == ind.key, ind.name_en
        assert L.recognise_parameter(" " + ind.key.replace("（", "(").replace("）", ")") + " ") == ind.key


@pytest.mark.parametrize("name", ["铬", "Chromium", "总铬", "unobtainium", "", None, "温度", "电导率", "S"])
def test_unknown_parameters_are_none(name):
    assert L.recognise_parameter(name) is None


def test_implied_basis():
    assert L.implied_basis("NO3-") == "NO3"
    assert L.implied_basis("硝酸根") == "NO3"
    assert L.implied_basis("NH4+") == "NH4"
    assert L.implied_basis("NO3-N") is None


# ------------------------------------------------------------------------------------------------------------
# units
# ------------------------------------------------------------------------------------------------------------
def test_molar_masses_from_atomic_weights():
    assert L.molar_mass("NO3") == pytest.approx(62.004, abs=1e-9)  # 14.007 + 3 × 15.999
    assert L.molar_mass("NO2") == pytest.approx(46.005, abs=1e-9)  # 14.007 + 2 × 15.999
    assert L.molar_mass("NH4") == pytest.approx(18.039, abs=1e-9)  # 14.007 + 4 × 1.0080
    assert L.molar_mass("CaCO3") == pytest.approx(100.086, abs=1e-9)  # 40.078 + 12.011 + 3 × 15.999
    assert L.molar_mass("C6H6") == pytest.approx(78.114, abs=1e-9)  # 6 × 12.011 + 6 × 1.0080
    with pytest.raises(ValueError):
        L.molar_mass("Xx2")


@pytest.mark.parametrize(
    "key,value,unit,expected",
    [
        # mass units
        ("砷", 50, "μg/L", 0.05),
        ("砷", 50, "µg/L", 0.05),  # micro sign U+00B5
        ("砷", 50, "ug/L", 0.05),
        ("砷", 50, "微克/升", 0.05),
        ("砷", 0.05, "mg/L", 0.05),
        ("砷", 0.05, None, 0.05),
        ("砷", 0.05, "", 0.05),
        ("苯", 0.01, "mg/L", 10.0),
        ("苯", 10, "μg/L", 10.0),
        ("苯", 0.01, "毫克/升", 10.0),
        # nitrogen species to "as N": 44.3 × 14.007/62.004 = 10.00757
        ("硝酸盐", 44.3, "mg/L as NO3", 44.3 * 14.007 / 62.004),
        ("硝酸盐", 44.3, "mg/L(以NO3-计)", 10.00757),
        ("硝酸盐", 44.3, "mg/L（以NO3-计）", 10.00757),
        ("硝酸盐", 44.3, "mg NO3/L", 10.00757),
        ("硝酸盐", 10.0, "mg/L as N", 10.0),
        ("硝酸盐", 10.0, "mg/L NO3-N", 10.0),
        ("硝酸盐", 10.0, "mg/L(以N计)", 10.0),
        # 1 mg/L as NO2 = 14.007/46.005 = 0.304467 mg/L as N
        ("亚硝酸盐", 1.0, "mg/L as NO2", 0.304467),
        # 1 mg/L as NH4 = 14.007/18.039 = 0.776484 (issue brief: 14.007/18.038 = 0.776527; |Δ| < 1e-4 relative)
        ("氨氮", 1.0, "mg/L as NH4", 0.776484),
        ("氨氮", 1.0, "mg/L as NH4+", 14.007 / 18.038),
        # molar units: 2.5 mmol/L hardness × 100.086 = 250.215 mg/L as CaCO3
        ("总硬度", 2.5, "mmol/L", 250.215),
        # 1 mmol/L sulfate × 96.056 (32.06 + 4 × 15.999)
        ("硫酸盐", 1.0, "mmol/L", 96.056),
        # 10 mmol/L chloride × 35.45
        ("氯化物", 10.0, "mmol/L", 354.5),
        # 1 mmol/L nitrate = 1 mmol/L N = 14.007 mg/L as N, whatever the ion basis
        ("硝酸盐", 1.0, "mmol/L", 14.007),
        ("硝酸盐", 1.0, "mmol/L as NO3", 14.007),
        # 1 μmol/L benzene = 78.114 μg/L
        ("苯", 1.0, "μmol/L", 78.114),
        # mg/L → mmol/L direction is not needed; μg/L → mmol/L for a metal: 1000 μg/L Pb = 1 mg/L
        ("铅", 1000.0, "μg/L", 1.0),
        # radioactivity, bacteria, colour, turbidity, pH
        ("总α放射性", 500, "mBq/L", 0.5),
        ("总大肠菌群", 30, "个/L", 3.0),
        ("总大肠菌群", 3, "CFU/100mL", 3.0),
        ("总大肠菌群", 3, "MPN/100mL或CFU/100mL", 3.0),
        ("菌落总数", 100, "CFU/mL", 100.0),
        ("色", 15, "度", 15.0),
        ("浑浊度", 3, "NTU", 3.0),
        ("pH", 7.2, "无量纲", 7.2),
    ],
)
def test_to_standard_unit(key, value, unit, expected):
    assert L.to_standard_unit(key, value, unit) == pytest.approx(expected, rel=1e-4)


def test_nitrate_factor_exact():
    assert L.conversion_factor("硝酸盐", "mg/L as NO3") == pytest.approx(14.007 / 62.004, rel=1e-12)
    assert L.conversion_factor("亚硝酸盐", "mg/L as NO2") == pytest.approx(14.007 / 46.005, rel=1e-12)


@pytest.mark.parametrize(
    "key,unit,fragment",
    [
        ("砷", "Bq/L", "cannot be converted"),
        ("砷", "furlongs", "unknown unit"),
        ("砷", "mg/L as NO3", "cannot be converted"),
        ("多氯联苯（总量）", "mmol/L", "no single molar mass"),
        ("总α放射性", "mg/L", "cannot be converted"),
        ("硝酸盐", "mg/L as XY", "unknown basis"),
        ("pH", "mg/L", "cannot be converted"),
    ],
)
def test_unit_errors(key, unit, fragment):
    with pytest.raises(L.UnitError) as exc:
        L.to_standard_unit(key, 1.0, unit)
    assert fragment in str(exc.value)
    assert key in str(exc.value)  # the message names the indicator


def test_normalise_text():
    assert L.normalise_text("（０.５）") == "(0.5)"
    assert L.normalise_text("µg") == "μg"
    assert not math.isnan(L.parse_lab_value("１２").value_num)


def test_every_standard_unit_parses_and_converts_to_itself():
    for ind in S.indicators():
        assert L.conversion_factor(ind.key, ind.unit) == 1.0, ind.key


def test_formulas_name_indicators_and_parse():
    keys = set(S.keys())
    for key, formula in S.FORMULAS.items():
        assert key in keys
        assert L.molar_mass(formula) > 0
    # totals of several compounds have no single molar mass
    assert "多氯联苯（总量）" not in S.FORMULAS and "滴滴涕（总量）" not in S.FORMULAS
