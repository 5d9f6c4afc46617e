"""GB/T 14848-2017 classification against hand-worked cases of every boundary rule.

Limits quoted in comments are from GB/T 14848-2017 Table 1/Table 2 as transcribed in
../shared/reference/gbt14848_2017.csv; the rules from ../shared/reference/README.md §1.
"""

from __future__ import annotations

import csv
import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gw_plugin.core.wells import classify as G
from gw_plugin.core.wells import standard as S

from ...conftest import SHARED


def cls(parameter, value, unit=None, **kw):
    return G.classify(parameter, value, unit, **kw).gb_class


# ------------------------------------------------------------------------------------------------------------
# The table
# ------------------------------------------------------------------------------------------------------------
def test_table_has_93_indicators_39_routine_54_non_routine():
    inds = S.indicators()
    assert len(inds) == 93
    assert sum(1 for i in inds if i.table == "T1") == 39
    assert sum(1 for i in inds if i.table == "T2") == 54
    assert [i.index for i in inds] == list(range(93))
    with pytest.raises(dataclasses.FrozenInstanceError):
        inds[0].key = "x"  # immutable records


def test_keys_are_the_chinese_names_of_the_shared_reference():
    path = SHARED / "reference" / "gbt14848_2017.csv"
    if not path.exists():
        pytest.skip("../shared not beside the project")
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    assert S.keys() == [r["indicator_cn"] for r in rows]
    # the quoted English name with a comma and the unit column parse
    o = S.indicator("耗氧量")
    assert o.name_en == "Oxygen consumption (CODMn, as O2)" and o.unit == "mg/L"
    assert {i.unit for i in S.indicators()} == {
        "铂钴色度单位",
        "-",
        "NTU",
        "无量纲",
        "mg/L",
        "μg/L",
        "MPN/100mL或CFU/100mL",
        "CFU/mL",
        "Bq/L",
    }


def test_parsed_rows_hand_checked():
    # 锰 ≤0.05, ≤0.05, ≤0.1, ≤1.5 (Table 1)
    assert S.indicator("锰").limits == (0.05, 0.05, 0.1, 1.5)
    # 铊 ≤0.0001 ×3, ≤0.001 (Table 2)
    assert S.indicator("铊").limits == (0.0001, 0.0001, 0.0001, 0.001)
    assert S.indicator("pH").kind == S.PH
    assert S.indicator("嗅和味").kind == S.TEXT and S.indicator("肉眼可见物").kind == S.TEXT
    a = S.indicator("总α放射性")
    assert a.kind == S.RADIO and a.limits[:3] == (0.1, 0.1, 0.5) and a.limits[3] is None
    s = S.indicator("阴离子表面活性剂")
    assert s.class_i_not_detected and s.limits == (None, 0.1, 0.3, 0.3)
    assert S.indicator("1,2-二氯乙烷").unit == "μg/L"
    assert S.indicator("苯并(a)芘").limits == (0.002, 0.002, 0.01, 0.5)


# ------------------------------------------------------------------------------------------------------------
# §6.2 single indicator, 从优不从劣
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "parameter,value,expected",
    [
        # the README's examples: 挥发性酚类 ≤0.001 (I and II), ≤0.002, ≤0.01
        ("挥发性酚类", 0.001, 1),
        ("挥发性酚类", 0.0011, 3),
        ("挥发性酚类", 0.002, 3),
        ("挥发性酚类", 0.0021, 4),
        ("挥发性酚类", 0.01, 4),
        ("挥发性酚类", 0.0101, 5),
        # 锰 ≤0.05 (I, II), ≤0.1, ≤1.5
        ("锰", 0.05, 1),
        ("锰", 0.0499, 1),
        ("锰", 0.0501, 3),
        ("锰", 0.06, 3),
        ("锰", 0.1, 3),
        ("锰", 1.5, 4),
        ("锰", 1.51, 5),
        # 氟化物 ≤1.0 (I, II, III), ≤2.0
        ("氟化物", 1.0, 1),
        ("氟化物", 1.01, 4),
        ("氟化物", 1.5, 4),
        ("氟化物", 2.0, 4),
        ("氟化物", 2.01, 5),
        # 硝酸盐 (as N) ≤2.0, ≤5.0, ≤20.0, ≤30.0
        ("硝酸盐", 2.0, 1),
        ("硝酸盐", 2.01, 2),
        ("硝酸盐", 5.0, 2),
        ("硝酸盐", 19.99, 3),
        ("硝酸盐", 20.0, 3),
        ("硝酸盐", 20.01, 4),
        ("硝酸盐", 30.0, 4),
        ("硝酸盐", 30.01, 5),
        ("硝酸盐", 0.0, 1),
        # 铊 ≤0.0001 for I, II, III
        ("铊", 0.0001, 1),
        ("铊", 0.00011, 4),
        # 总大肠菌群 ≤3.0 (I–III), ≤100
        ("总大肠菌群", 3.0, 1),
        ("总大肠菌群", 4, 4),
        ("总大肠菌群", 101, 5),
        # 三氯乙烯 μg/L ≤0.5, ≤7.0, ≤70.0, ≤210
        ("三氯乙烯", 7.0, 2),
        ("三氯乙烯", 70.0, 3),
        ("三氯乙烯", 210.0, 4),
        ("三氯乙烯", 210.5, 5),
    ],
)
def test_single_indicator_boundaries(parameter, value, expected):
    assert cls(parameter, value) == expected


def test_shared_limit_note_names_the_rule():
    r = G.classify("锰", 0.05)
    assert r.gb_class == 1 and "I/II" in r.note and "从优不从劣" in r.note
    r = G.classify("氟化物", 1.0)
    assert r.gb_class == 1 and "I/II/III" in r.note


# ------------------------------------------------------------------------------------------------------------
# pH two-sided: I–III 6.5 ≤ pH ≤ 8.5; IV 5.5 ≤ pH < 6.5 or 8.5 < pH ≤ 9.0; V otherwise
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ph,expected",
    [(6.5, 1), (6.49, 4), (8.5, 1), (8.51, 4), (9.0, 4), (9.01, 5), (5.5, 4), (5.49, 5), (7.0, 1), (3.0, 5)],
)
def test_ph_two_sided(ph, expected):
    r = G.classify("pH", ph)
    assert r.gb_class == expected
    assert "two-sided" in r.note
    assert r.exceedance is None  # (C − Cs)/Cs is not defined for a two-sided range


@pytest.mark.parametrize(
    "ph,pi",
    # HJ 610-2016 §8.4.1.2: (7.0 − pH)/(7.0 − 6.5) for pH ≤ 7, (pH − 7.0)/(8.5 − 7.0) for pH > 7
    [(6.5, 1.0), (6.0, 2.0), (7.0, 0.0), (8.5, 1.0), (9.25, 1.5), (7.75, 0.5)],
)
def test_ph_standard_index(ph, pi):
    assert G.classify("pH", ph).pi == pytest.approx(pi)


# ------------------------------------------------------------------------------------------------------------
# exceedance multiple and standard index against class III
# ------------------------------------------------------------------------------------------------------------
def test_exceedance_and_index_against_class_iii():
    # 硝酸盐 class III 20 mg/L: 45 → (45 − 20)/20 = 1.25; Pi = 45/20 = 2.25
    r = G.classify("硝酸盐", 45)
    assert r.gb_class == 5 and r.exceedance == pytest.approx(1.25) and r.pi == pytest.approx(2.25)
    assert r.exceeds_iii
    # 砷 class III 0.01 mg/L: 0.005 → −0.5 (within III), Pi 0.5
    r = G.classify("砷", 0.005)
    assert r.exceedance == pytest.approx(-0.5) and r.pi == pytest.approx(0.5) and not r.exceeds_iii
    # 苯 class III 10.0 μg/L: 12 → 0.2
    assert G.classify("苯", 12).exceedance == pytest.approx(0.2)


# ------------------------------------------------------------------------------------------------------------
# anionic surfactants: I "not detected", II ≤0.1, III ≤0.3, IV ≤0.3
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value,expected",
    [(0.05, 2), (0.1, 2), (0.11, 3), (0.3, 3), (0.31, 5), ("ND", 1), ("0.05L", 1), ("<0.2", 3)],
)
def test_anionic_surfactants(value, expected):
    r = G.classify("阴离子表面活性剂", value)
    assert r.gb_class == expected, r.note


def test_surfactant_detected_note():
    assert "not detected" in G.classify("阴离子表面活性剂", 0.05).note


# ------------------------------------------------------------------------------------------------------------
# text indicators: "无" for I–IV, "有" → V
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "parameter,value,expected",
    [
        ("嗅和味", "无", 1),
        ("嗅和味", "有", 5),
        ("嗅和味", "none", 1),
        ("嗅和味", "present", 5),
        ("嗅和味", "Present", 5),
        ("肉眼可见物", "无", 1),
        ("肉眼可见物", "有", 5),
        ("肉眼可见物", "ND", 1),
        ("肉眼可见物", 0, 1),
        ("肉眼可见物", 2, 5),
        ("嗅和味", "浑浊", None),
        ("嗅和味", "", None),
    ],
)
def test_text_indicators(parameter, value, expected):
    assert cls(parameter, value) == expected


# ------------------------------------------------------------------------------------------------------------
# gross α / gross β: above class III → IV "exceeds guidance value", never V
# ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "parameter,value,expected",
    [
        ("总α放射性", 0.1, 1),
        ("总α放射性", 0.11, 3),
        ("总α放射性", 0.5, 3),
        ("总α放射性", 0.51, 4),
        ("总α放射性", 50.0, 4),
        ("总β放射性", 0.1, 1),
        ("总β放射性", 0.5, 2),
        ("总β放射性", 1.0, 2),  # shared II/III limit 1.0 → II
        ("总β放射性", 1.01, 4),
        ("总β放射性", 30, 4),
    ],
)
def test_gross_alpha_beta(parameter, value, expected):
    r = G.classify(parameter, value)
    assert r.gb_class == expected
    if expected == 4:
        assert "exceeds guidance value" in r.note and "IV" in r.note


# ------------------------------------------------------------------------------------------------------------
# non-detects
# ------------------------------------------------------------------------------------------------------------
def test_non_detect_with_dl_below_class_i_limit_is_class_i():
    # 砷 class I ≤0.001 mg/L; DL 0.0005 ≤ 0.001 → I
    r = G.classify("砷", "0.0005L")
    assert r.gb_class == 1 and not r.upper_bound and r.non_detect
    assert r.note.startswith("non-detect, DL 0.0005 ≤ class I limit 0.001 → I")
    # DL equal to the class I limit still gives I
    assert cls("砷", "<0.001") == 1
    # flags instead of text
    r = G.classify("砷", None, below_detection=True, detection_limit=0.0003)
    assert r.gb_class == 1 and r.non_detect


def test_non_detect_with_dl_above_class_i_limit_is_an_upper_bound():
    # 砷: DL 0.005 > class I/II limit 0.001, ≤ class III 0.01 → "≤ III"
    r = G.classify("砷", "<0.005")
    assert r.gb_class == 3 and r.upper_bound and r.class_label == "≤III"
    assert "≤ class III" in r.note and "detection limit" in r.note
    assert r.exceedance is None and r.pi is None
    # DL 0.06 mg/L for 锰 (> 0.05, ≤ 0.1) → ≤ III; in μg/L: 60 μg/L
    assert G.classify("锰", "ND", "μg/L", detection_limit=60).class_label == "≤III"
    # DL above class IV limit (砷 0.05): not classifiable
    r = G.classify("砷", "0.1L")
    assert r.gb_class is None and "above every class limit" in r.note


def test_non_detect_without_dl():
    r = G.classify("砷", "ND")
    assert r.gb_class is None and r.non_detect and "without a detection limit" in r.note
    assert G.classify("pH", "ND").gb_class is None


def test_numeric_value_flagged_below_detection_is_its_detection_limit():
    assert G.classify("砷", 0.0005, below_detection=True).gb_class == 1
    assert G.classify("砷", 0.005, below_detection=True).class_label == "≤III"


# ------------------------------------------------------------------------------------------------------------
# units, unknown parameters, bad values
# ------------------------------------------------------------------------------------------------------------
def test_units_are_converted_before_classifying():
    # 砷 12 μg/L = 0.012 mg/L > 0.01 (III) → IV
    assert cls("砷", 12, "μg/L") == 4
    assert cls("砷", 10, "ug/L") == 3
    # nitrate 100 mg/L as NO3 = 100 × 14.007/62.004 = 22.59 mg/L as N → IV (20 < x ≤ 30)
    r = G.classify("硝酸盐", 100, "mg/L as NO3")
    assert r.gb_class == 4 and r.value == pytest.approx(22.5905, rel=1e-4)
    # organics are in μg/L: benzene 0.012 mg/L = 12 μg/L → IV (10 < 12 ≤ 120)
    assert cls("苯", 0.012, "mg/L") == 4
    # a unit written with the value
    assert cls("砷", "12 μg/L") == 4


def test_unit_errors_give_none_with_reason():
    r = G.classify("砷", 1, "Bq/L")
    assert r.gb_class is None and "Bq/L" in r.note
    r = G.classify("砷", 1, "furlongs")
    assert r.gb_class is None and "unknown unit" in r.note


def test_unknown_parameter_and_missing_values():
    r = G.classify("unobtainium", 1.0)
    assert r.gb_class is None and r.key is None and "unknown parameter" in r.note
    assert G.classify("硝酸盐", None).gb_class is None
    assert G.classify("硝酸盐", "—").note == "no value"
    assert G.classify("硝酸盐", float("nan")).gb_class is None
    assert "negative" in G.classify("硝酸盐", -1).note
    assert G.classify("硝酸盐", "abc").gb_class is None


def test_values_above_the_reported_range():
    # 溶解性总固体 IV ≤2000: ">2000" is above 2000 → V; ">1500" is in (1500, …) → at least IV
    r = G.classify("溶解性总固体", ">2000")
    assert r.gb_class == 5 and "at least" in r.note and r.value == 2000
    assert cls("溶解性总固体", ">1500") == 4
    assert cls("溶解性总固体", "2000") == 4


def test_recognised_spellings_classify():
    assert cls("NO3-N", 25) == 4
    assert cls("硝酸盐（以N计）", 25) == 4
    assert cls("Cr6+", 0.06) == 4
    assert cls("pH值", 8.6) == 4


# ------------------------------------------------------------------------------------------------------------
# §6.3 overall class of a sample
# ------------------------------------------------------------------------------------------------------------
def test_sample_worst_class_and_governing_indicators():
    s = G.classify_sample(
        [
            ("pH", 7.2),  # I
            ("硝酸盐", 25),  # IV
            ("锰", 0.06),  # III
            ("氟化物", 1.5),  # IV
            ("砷", "<0.005"),  # ≤III, non-detect
            ("xyz", 1),  # unknown
        ]
    )
    assert s.gb_class == 4 and s.class_label == "IV"
    assert s.governing == ("硝酸盐", "氟化物")
    assert s.governing_text() == "硝酸盐; 氟化物"
    assert s.counts == {1: 1, 2: 0, 3: 1, 4: 2, 5: 0}
    assert s.n_results == 6 and s.n_unclassified == 1 and s.n_non_detect == 1
    assert s.non_detect_bounds == (("砷", 3),)


def test_non_detect_bound_does_not_worsen_the_sample():
    # "≤ IV" non-detect (DL 0.04 mg/L for 砷: > III limit 0.01, ≤ IV limit 0.05) next to class I results
    s = G.classify_sample([("pH", 7.0), ("硝酸盐", 1.0), ("砷", "0.04L")])
    assert s.gb_class == 1 and set(s.governing) == {"pH", "硝酸盐"}
    assert s.non_detect_bounds == (("砷", 4),)
    # only non-detect bounds: no definite class
    assert G.classify_sample([("砷", "0.04L")]).gb_class is None
    # a class-I non-detect is definite
    assert G.classify_sample([("砷", "0.0005L")]).gb_class == 1


def test_sample_with_commas_in_names_and_duplicates():
    s = G.classify_sample([("1,2-二氯乙烷", 35.0), ("1,2-二氯乙烷", 36.0), ("苯", 1.0)])  # ≤40.0 → IV
    assert s.gb_class == 4 and s.governing == ("1,2-二氯乙烷",) and s.counts[4] == 2


def test_sample_accepts_results_and_dicts():
    s = G.classify_sample([G.classify("铅", 0.2), {"parameter": "铅", "value": "5", "unit": "μg/L"}])
    assert s.gb_class == 5 and s.governing == ("铅",)


# ------------------------------------------------------------------------------------------------------------
# vectorised path agrees with the scalar path
# ------------------------------------------------------------------------------------------------------------
def _scalar(code, value, nd, dl):
    ind = S.indicators()[code]
    if nd:
        # a missing detection limit falls back to the value flagged as below detection
        r = G.classify(ind.key, value, below_detection=True, detection_limit=None if math.isnan(dl) else dl)
    else:
        r = G.classify(ind.key, value)
    return (r.gb_class or 0), r.upper_bound, r.exceedance


def _edge_values():
    vals = [0.0, 1e-9, 5.5, 5.49, 6.5, 6.49, 8.5, 8.51, 9.0, 9.01, 1e9, float("nan"), -1.0]
    for ind in S.indicators():
        for x in ind.limits:
            if x is not None:
                vals += [x, x * (1 - 1e-9), x * (1 + 1e-9)]
    return sorted(set(vals), key=lambda v: (math.isnan(v), v))


def test_array_matches_scalar_on_every_limit():
    vals = _edge_values()
    codes, values = [], []
    for ind in S.indicators():
        for v in vals:
            codes.append(ind.index)
            values.append(v)
    codes = np.array(codes, dtype=np.int16)
    values = np.array(values)
    out = G.classify_array(codes, values, exceedance=True)
    for i in range(len(codes)):
        c, ub, exc = _scalar(int(codes[i]), float(values[i]), False, math.nan)
        assert out.gb_class[i] == c, (S.indicators()[codes[i]].key, values[i])
        assert bool(out.upper_bound[i]) == ub
        if exc is None:
            assert math.isnan(out.exceedance[i])
        else:
            assert out.exceedance[i] == pytest.approx(exc)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-1, max_value=92),
            st.one_of(st.just(math.nan), st.floats(min_value=0, max_value=5000)),
            st.booleans(),
            st.one_of(st.just(math.nan), st.floats(min_value=0, max_value=100)),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_array_matches_scalar_with_non_detects(rows):
    codes = np.array([r[0] for r in rows], dtype=np.int16)
    values = np.array([r[1] for r in rows])
    nd = np.array([r[2] for r in rows])
    dl = np.array([r[3] for r in rows])
    out = G.classify_array(codes, values, below_detection=nd, detection_limits=dl)
    for i, (code, v, n, d) in enumerate(rows):
        if code < 0:
            assert out.gb_class[i] == 0
            continue
        c, ub, _ = _scalar(code, v, n, d)
        assert (int(out.gb_class[i]), bool(out.upper_bound[i])) == (c, ub), (S.indicators()[code].key, v, n, d)


def test_array_accepts_keys_and_spellings():
    out = G.classify_array(["锰", "NO3-N", "unknown", "pH"], [0.06, 25.0, 1.0, 9.01])
    assert out.gb_class.tolist() == [3, 4, 0, 5]
    assert G.codes_for(["锰", "nope"]).tolist() == [S.indicator("锰").index, -1]
