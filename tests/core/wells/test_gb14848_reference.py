"""The plugin's shipped GB/T 14848-2017 table (resources/reference, read by core/wells/standard.py) against the
shared reference ../shared/reference/gbt14848_2017.csv: every indicator, its unit and every limit of classes I–IV
and the class V rule, read from the reference's own cells by an independent reader."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from gw_plugin.core.wells import classify
from gw_plugin.core.wells import standard as S

REPO = Path(__file__).resolve().parents[3]
REFERENCE = REPO.parent / "shared" / "reference" / "gbt14848_2017.csv"


def _reference_rows() -> list:
    assert REFERENCE.exists(), f"the shared reference is not beside the project: {REFERENCE}"
    with open(REFERENCE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _cell(text: str):
    """A class cell of the reference as (kind, number): '≤0.05' → ('le', 0.05); '>0.5' → ('gt', 0.5)."""
    text = text.strip()
    m = re.fullmatch(r"≤\s*([0-9.]+)", text)
    if m:
        return "le", float(m.group(1))
    m = re.match(r">\s*([0-9.]+)", text)
    if m:
        return "gt", float(m.group(1))
    return "word", text


def test_every_limit_of_every_indicator_matches_the_shared_reference():
    rows = _reference_rows()
    assert len(rows) == 93
    shipped = S.indicators()
    assert [i.key for i in shipped] == [r["indicator_cn"] for r in rows]
    compared = 0
    for ind, row in zip(shipped, rows):
        assert (ind.table, ind.name_en, ind.unit) == (row["table"], row["indicator_en"], row["unit"]), ind.key
        cells = [row[f"class_{c}"] for c in ("I", "II", "III", "IV")]
        assert ind.raw == (*cells, row["class_V_rule"]), ind.key
        for k, cell in enumerate(cells):
            kind, number = _cell(cell)
            if kind == "le":
                assert ind.limits[k] == number, (ind.key, k + 1, cell, ind.limits[k])
                compared += 1
            elif ind.kind == S.RADIO and k == 3:  # "> class III limit": IV and V alike
                assert kind == "gt" and number == ind.limits[2] and ind.limits[3] is None, ind.key
            else:  # words: 无 (text indicators), pH ranges, 不得检出 (class I of anionic surfactants)
                assert ind.limits[k] is None, (ind.key, k + 1, cell)
        kind, number = _cell(row["class_V_rule"])
        if kind == "gt" and ind.kind == S.NUMERIC:
            assert number == ind.limits[3], (ind.key, row["class_V_rule"])
    assert compared > 300  # 87 indicators with four numeric limits, less the special rows


@pytest.mark.parametrize("row", _reference_rows() if REFERENCE.exists() else [], ids=lambda r: r["indicator_cn"])
def test_a_value_on_each_limit_takes_that_limits_best_class(row):
    """From the reference's cells alone: a value equal to a class's limit is in the best class sharing that limit;
    the same value in μg/L (× 1000, converted back) lands on the limit exactly, too."""
    ind = S.indicator(row["indicator_cn"])
    cells = [_cell(row[f"class_{c}"]) for c in ("I", "II", "III", "IV")]
    for k, (kind, limit) in enumerate(cells, start=1):
        if kind != "le" or ind.kind != S.NUMERIC:
            continue
        best = next(j for j, (kd, lim) in enumerate(cells, start=1) if kd == "le" and lim == limit)
        if ind.class_i_not_detected and best == 1:
            best = 2
        assert classify.classify(ind.key, limit).gb_class == best, (ind.key, k, limit)
        if ind.unit == "mg/L":
            assert classify.classify(ind.key, limit * 1000, "μg/L").gb_class == best, (ind.key, k, limit)
