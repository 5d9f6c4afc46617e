"""GB 36600-2018 tables shipped with the plugin: every value of table 1 against the cross-check copy in
../shared/reference, the sizes of both tables, name and unit resolution, and hand-worked screening for both land
classes, units, non-detects and the arsenic background rule (note ①)."""

from __future__ import annotations

import csv

import pytest

from gw_plugin.core.soil import gb36600 as G
from gw_plugin.core.soil import screening as S
from tests.conftest import SHARED

REFERENCE = SHARED / "reference" / "gb36600_2018_table1.csv"


def reference_rows() -> list:
    with open(REFERENCE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the project")
def test_every_value_of_table1_matches_the_reference_copy():
    ref = reference_rows()
    shipped = G.table_items(1)
    assert len(ref) == len(shipped) == 45
    for r, it in zip(ref, shipped):
        assert int(r["no"]) == it.no
        assert r["parameter_zh"] == it.key
        assert r["parameter_en"] == it.name_en
        assert r["cas"] == it.cas
        assert it.screening == (float(r["screening_1"]), float(r["screening_2"])), it.key
        assert it.intervention == (float(r["intervention_1"]), float(r["intervention_2"])), it.key


def test_table_sizes_sources_and_ordering_of_values():
    assert [len(G.table_items(t)) for t in (1, 2)] == [45, 40]
    for it in G.items():
        assert it.source, it.key
        for c in (1, 2):
            # the intervention value is never below the screening value, class 2 never stricter than class 1
            assert it.intervention_value(c) >= it.screening_value(c), it.key
        assert it.screening_value(2) >= it.screening_value(1), it.key
    assert all(it.verified for it in G.items())
    assert [it.key for it in G.items() if it.background_rule] == ["砷", "钴", "钒"]


def test_table2_values_by_hand():
    # GB 36600-2018 table 2 rows (two public transcriptions agree; resources/reference/gb36600_2018_table2.csv)
    assert G.resolve("锑").screening == (20, 180) and G.resolve("锑").intervention == (40, 360)
    assert G.resolve("石油烃(C10-C40)").screening == (826, 4500)
    assert G.resolve("TPH").intervention == (5000, 9000)
    assert G.resolve("二噁英类（总毒性当量）").screening == (1e-5, 4e-5)
    assert G.resolve("PCB 126").intervention == (4e-4, 1e-3)
    assert G.resolve("邻苯二甲酸二正辛酯").screening == (390, 2812)


@pytest.mark.parametrize(
    "name,key",
    [
        ("苯并(a)芘", "苯并[a]芘"),
        ("苯并［a］芘", "苯并[a]芘"),
        ("BaP", "苯并[a]芘"),
        ("Cr6+", "铬（六价）"),
        ("六价铬", "铬（六价）"),
        ("三氯甲烷", "氯仿"),
        ("m,p-xylene", "间二甲苯+对二甲苯"),
        ("7440-38-2", "砷"),
        ("Arsenic", "砷"),
        ("铅(mg/kg)", "铅"),
        ("二苯并[a, h]蒽", "二苯并[a,h]蒽"),
    ],
)
def test_names_resolve(name, key):
    assert G.resolve(name).key == key


def test_unknown_names_do_not_resolve():
    # total chromium and zinc are not items of GB 36600-2018
    assert G.resolve("铬") is None and G.resolve("锌") is None and G.resolve("") is None


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        (1, "mg/kg", 1),
        (1000, "μg/kg", 1),
        (1000, "ug/kg", 1),
        (1, "g/kg", 1000),
        (1e6, "ng/kg", 1),
        (5, "ppm", 5),
        (30, "ng TEQ/kg", 3e-5),
        (2, "mg/kg（干重）", 2),
        (2, None, 2),
    ],
)
def test_units(value, unit, expected):
    assert G.to_mg_per_kg(value, unit) == pytest.approx(expected)


def test_unknown_unit_is_refused():
    with pytest.raises(G.SoilUnitError):
        G.to_mg_per_kg(1, "mg/L")


@pytest.mark.parametrize(
    "text,cls",
    [
        (1, 1),
        ("2", 2),
        ("第一类用地", 1),
        ("第二类用地", 2),
        ("二类", 2),
        ("class 2", 2),
        ("II", 2),
        ("", None),
        ("2.0", 2),
        (2.0, 2),
        ("3", None),
        ("居住", None),
        (3, None),
    ],
)
def test_land_class(text, cls):
    assert G.land_class_of(text) == cls


# ------------------------------------------------------------------------------------------------------------
# Hand-worked screening
# ------------------------------------------------------------------------------------------------------------
def test_class1_and_class2_land_by_hand():
    # lead: class 1 screening 400, intervention 800; class 2 screening 800, intervention 2500
    r = S.screen("铅", 600, None, 1)
    assert (r.screening_value, r.intervention_value, r.exceeds_screening, r.exceeds_intervention) == (
        400,
        800,
        True,
        False,
    )
    r = S.screen("铅", 600, None, 2)
    assert (r.screening_value, r.intervention_value, r.exceeds_screening, r.exceeds_intervention) == (
        800,
        2500,
        False,
        False,
    )
    r = S.screen("铅", 900, None, "第一类用地")
    assert r.exceeds_screening and r.exceeds_intervention and "管制值" in r.note_zh
    assert r.ratio == pytest.approx(900 / 400)


def test_exceeds_means_strictly_above():
    assert S.screen("苯", 1, None, 1).exceeds_screening is False  # benzene class 1 screening value 1
    assert S.screen("苯", 1.0001, None, 1).exceeds_screening is True
    assert S.screen("苯", 10, None, 1).exceeds_intervention is False  # intervention value 10
    assert S.screen("苯", "10.01", None, 1).exceeds_intervention is True


def test_units_in_screening():
    # hexavalent chromium class 1: 3.0 mg/kg; 3000 μg/kg is equal (not above), 3100 μg/kg above
    assert S.screen("六价铬", 3000, "μg/kg", 1).exceeds_screening is False
    assert S.screen("六价铬", 3100, "μg/kg", 1).exceeds_screening is True
    assert S.screen("六价铬", "3.1 mg/kg", None, 1).value_mg_kg == pytest.approx(3.1)
    r = S.screen("铅", 5, "mg/L", 1)
    assert r.exceeds_screening is None and "mg/L" in r.note_en


def test_non_detects():
    r = S.screen("苯并[a]芘", "<0.1", None, 1)  # screening value 0.55
    assert r.exceeds_screening is False and r.below_detection and r.value_mg_kg is None
    r = S.screen("苯并[a]芘", "1L", None, 1)  # detection limit 1 above 0.55 → unknown, below intervention 5.5
    assert r.exceeds_screening is None and r.exceeds_intervention is False
    assert S.screen("苯并[a]芘", "ND", None, 1).exceeds_screening is None


def test_land_use_not_given_is_class_1():
    r = S.screen("砷", 30, None, None)
    assert r.land_class == 1 and r.exceeds_screening and "§5.3.1" in r.note_en


def test_arsenic_background_rule():
    # arsenic class 1: screening 20, intervention 120. Background 35 > 20 → 35 applies (note ①).
    r = S.screen("砷", 30, None, 1, background=35)
    assert r.screening_value == 35 and r.standard_screening_value == 20 and r.exceeds_screening is False
    assert "注①" in r.note_zh
    r = S.screen("砷", 36, None, 1, background=35)
    assert r.exceeds_screening is True and r.exceeds_intervention is False
    # background below the screening value: no effect
    r = S.screen("砷", 30, None, 1, background=15)
    assert r.screening_value == 20 and r.exceeds_screening is True
    # background in μg/kg converts like the value
    assert S.screen("砷", 30, None, 1, background=35000, background_unit="μg/kg").exceeds_screening is False
    # note ① is not a rule of lead
    r = S.screen("铅", 500, None, 1, background=600)
    assert r.screening_value == 400 and r.exceeds_screening is True


def test_site_summary():
    summary = S.SiteSummary()
    rows = [
        ("A", "P1", 0.0, 0.5, S.screen("砷", 50, None, 1)),
        ("A", "P1", 0.5, 1.5, S.screen("砷", 130, None, 1)),
        ("A", "P2", 0.0, 0.5, S.screen("砷", 10, None, 1)),
        ("A", "P2", 2.0, 3.0, S.screen("苯", 2, None, 1)),
        ("B", "Q1", 0.0, 0.5, S.screen("砷", 10, None, 1)),
        ("B", "Q1", 0.0, 0.5, S.screen("锌", 10, None, 1)),  # not in the standard: ignored
    ]
    for site, point, top, bottom, res in rows:
        summary.add(site, point, top, bottom, res)
    by = {(s.site, s.parameter): s for s in summary.pollutants()}
    assert set(by) == {("A", "砷"), ("A", "苯"), ("B", "砷")}
    a = by[("A", "砷")]
    assert (a.n, a.n_exceeding_screening, a.n_exceeding_intervention) == (3, 2, 1)
    assert a.max_ratio == pytest.approx(130 / 20) and a.max_point == "P1" and a.max_depth == (0.5, 1.5)
    assert a.deepest_exceedance_m == 1.5 and a.depths_text() == "0–0.5; 0.5–1.5 m"
    assert by[("A", "苯")].deepest_exceedance_m == 3.0
    assert by[("B", "砷")].n_exceeding_screening == 0
    points = {(p["site"], p["point"]): p for p in summary.points()}
    assert set(points) == {("A", "P1"), ("A", "P2")}
    assert points[("A", "P1")]["intervention"] is True and points[("A", "P2")]["pollutants"] == ["苯"]
    assert summary.sites_exceeding() == {"A": ["砷", "苯"], "B": []}
