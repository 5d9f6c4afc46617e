"""GB/T 14848-2017 (地下水质量标准) indicator table: the 93 indicators, their class limits and units.

The 93 indicators are read from the plugin's own copy of the standard's tables
(resources/reference/gbt14848_2017.csv; its '#' lines name the source) into immutable :class:`Indicator` records.
The key of an indicator is its Chinese name exactly as written in that file; it is what
``sample_results.parameter`` stores. Also here: the formula in which the standard expresses each indicator
(:data:`FORMULAS`, for mmol/L ↔ mg/L) and the bases nitrogen species may be given in (:data:`N_SPECIES_BASES`).

Lab notation and unit conversion live in core/wells/labvalues.py, classification in core/wells/classify.py;
both build on this module. Pure Python; no QGIS import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ...toolbelt.paths import resource

# Kinds of indicator
NUMERIC = "numeric"  # limits I–IV as "≤x"; V is "> IV limit"
PH = "ph"  # two-sided
TEXT = "text"  # "无" for I–IV, "有" → V (odour/taste, visible matter)
RADIO = "radio"  # gross α/β: IV and V both "> limit" → reported as IV (exceeds guidance value)

# GB/T 14848-2017 Table 1, pH row (../shared/reference/README.md §1)
PH_I_III = (6.5, 8.5)
PH_IV = (5.5, 9.0)


@dataclass(frozen=True)
class Indicator:
    """One row of GB/T 14848-2017 Table 1 (T1, routine) or Table 2 (T2, non-routine)."""

    key: str  # Chinese name exactly as in the standard's table
    table: str  # "T1" | "T2"
    name_cn: str
    name_en: str
    unit: str  # the standard's unit, e.g. "mg/L", "μg/L", "Bq/L", "无量纲", "-"
    kind: str  # NUMERIC | PH | TEXT | RADIO
    limits: tuple  # upper limits of classes I–IV (floats; None where the class has no numeric limit)
    raw: tuple  # the five cells as written: class I, II, III, IV, V rule
    class_i_not_detected: bool = False  # anionic surfactants: class I is "不得检出"
    index: int = 0  # position in the table (0..92); the integer code of the vectorised path

    @property
    def class_iii_limit(self) -> Optional[float]:
        return self.limits[2] if self.kind in (NUMERIC, RADIO) else None

    def label(self, lang: str = "zh") -> str:
        return self.name_cn if lang.startswith("zh") else self.name_en


# ------------------------------------------------------------------------------------------------------------
# Loading the table
# ------------------------------------------------------------------------------------------------------------
def reference_path():
    return resource("reference", "gbt14848_2017.csv")


def _parse_limit(cell: str) -> tuple:
    """'≤5' → ('le', 5.0); '无' → ('none', None); '不得检出(not detected)' → ('nd', None); '>0.5' → ('gt', 0.5)."""
    text = cell.strip()
    if text.startswith("≤"):
        return "le", float(text[1:])
    if text.startswith(">"):
        return "gt", float(text[1:].split()[0])
    if text == "无":
        return "none", None
    if text.startswith("不得检出") or text.startswith("未检出"):
        return "nd", None
    if "pH" in text:
        return "ph", None
    raise ValueError(f"GB/T 14848 table: cannot parse limit {cell!r}")


def _indicator_from_row(i: int, row: dict) -> Indicator:
    cells = [row["class_I"], row["class_II"], row["class_III"], row["class_IV"]]
    raw = tuple(cells + [row["class_V_rule"]])
    parsed = [_parse_limit(c) for c in cells]
    kinds = {p[0] for p in parsed}
    nd_first = False
    if kinds == {"ph"}:
        kind, limits = PH, (None, None, None, None)
    elif kinds == {"none"}:
        kind, limits = TEXT, (None, None, None, None)
    elif parsed[3][0] == "gt":
        if any(p[0] != "le" for p in parsed[:3]) or parsed[3][1] != parsed[2][1]:
            raise ValueError(f"GB/T 14848 table: unexpected radioactivity row {row}")
        kind, limits = RADIO, tuple(p[1] for p in parsed[:3]) + (None,)
    else:
        if parsed[0][0] == "nd":
            nd_first = True
            parsed[0] = ("le", None)
        if any(p[0] != "le" for p in parsed):
            raise ValueError(f"GB/T 14848 table: unexpected row {row}")
        kind, limits = NUMERIC, tuple(p[1] for p in parsed)
        nums = [x for x in limits if x is not None]
        if nums != sorted(nums):
            raise ValueError(f"GB/T 14848 table: limits not ascending in {row}")
    return Indicator(
        key=row["indicator_cn"],
        table=row["table"],
        name_cn=row["indicator_cn"],
        name_en=row["indicator_en"],
        unit=row["unit"],
        kind=kind,
        limits=limits,
        raw=raw,
        class_i_not_detected=nd_first,
        index=i,
    )


@lru_cache(maxsize=1)
def indicators() -> tuple:
    """The 93 indicators in the order of the standard (T1 then T2)."""
    with open(reference_path(), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    out = tuple(_indicator_from_row(i, r) for i, r in enumerate(rows))
    if len(out) != 93 or len({ind.key for ind in out}) != 93:
        raise ValueError(f"GB/T 14848 table: expected 93 distinct indicators, found {len(out)}")
    return out


@lru_cache(maxsize=1)
def by_key() -> dict:
    """Key (Chinese name as in the standard) → :class:`Indicator`."""
    return {ind.key: ind for ind in indicators()}


def indicator(key: str) -> Indicator:
    """The indicator of a key (Chinese name as in the standard). KeyError when unknown."""
    return by_key()[key]


def keys() -> list:
    return [ind.key for ind in indicators()]


# Formula of the entity in which the standard expresses each indicator (mmol/L ↔ mg/L needs it). Nitrogen
# species are "as N", hardness "as CaCO3", phenols "as phenol", oxygen consumption "as O2" (GB/T 14848-2017).
# Totals of several compounds (PCBs, HCH, DDT) have no single molar mass and are absent.
FORMULAS = {
    "总硬度": "CaCO3",
    "硫酸盐": "SO4",
    "氯化物": "Cl",
    "铁": "Fe",
    "锰": "Mn",
    "铜": "Cu",
    "锌": "Zn",
    "铝": "Al",
    "挥发性酚类": "C6H6O",
    "耗氧量": "O2",
    "氨氮": "N",
    "硫化物": "S",
    "钠": "Na",
    "亚硝酸盐": "N",
    "硝酸盐": "N",
    "氰化物": "CN",
    "氟化物": "F",
    "碘化物": "I",
    "汞": "Hg",
    "砷": "As",
    "硒": "Se",
    "镉": "Cd",
    "铬（六价）": "Cr",
    "铅": "Pb",
    "三氯甲烷": "CHCl3",
    "四氯化碳": "CCl4",
    "苯": "C6H6",
    "甲苯": "C7H8",
    "铍": "Be",
    "硼": "B",
    "锑": "Sb",
    "钡": "Ba",
    "镍": "Ni",
    "钴": "Co",
    "钼": "Mo",
    "银": "Ag",
    "铊": "Tl",
    "二氯甲烷": "CH2Cl2",
    "1,2-二氯乙烷": "C2H4Cl2",
    "1,1,1-三氯乙烷": "C2H3Cl3",
    "1,1,2-三氯乙烷": "C2H3Cl3",
    "1,2-二氯丙烷": "C3H6Cl2",
    "三溴甲烷": "CHBr3",
    "氯乙烯": "C2H3Cl",
    "1,1-二氯乙烯": "C2H2Cl2",
    "1,2-二氯乙烯": "C2H2Cl2",
    "三氯乙烯": "C2HCl3",
    "四氯乙烯": "C2Cl4",
    "氯苯": "C6H5Cl",
    "邻二氯苯": "C6H4Cl2",
    "对二氯苯": "C6H4Cl2",
    "三氯苯（总量）": "C6H3Cl3",
    "乙苯": "C8H10",
    "二甲苯（总量）": "C8H10",
    "苯乙烯": "C8H8",
    "2,4-二硝基甲苯": "C7H6N2O4",
    "2,6-二硝基甲苯": "C7H6N2O4",
    "萘": "C10H8",
    "蒽": "C14H10",
    "荧蒽": "C16H10",
    "苯并(b)荧蒽": "C20H12",
    "苯并(a)芘": "C20H12",
    "邻苯二甲酸二(2-乙基己基)酯": "C24H38O4",
    "2,4,6-三氯酚": "C6H3Cl3O",
    "五氯酚": "C6HCl5O",
    "γ-六六六（林丹）": "C6H6Cl6",
    "六氯苯": "C6Cl6",
    "七氯": "C10H5Cl7",
    "2,4-滴": "C8H6Cl2O3",
    "克百威": "C12H15NO3",
    "涕灭威": "C7H14N2O2S",
    "敌敌畏": "C4H7Cl2O4P",
    "甲基对硫磷": "C8H10NO5PS",
    "马拉硫磷": "C10H19O6PS2",
    "乐果": "C5H12NO3PS2",
    "毒死蜱": "C9H11Cl3NO3PS",
    "百菌清": "C8Cl4N2",
    "莠去津": "C8H14ClN5",
    "草甘膦": "C3H8NO5P",
}

# Bases a nitrogen species may be given in, converted to the standard's "as N": factor = M(N) / M(ion).
N_SPECIES_BASES = {
    "硝酸盐": ("NO3",),
    "亚硝酸盐": ("NO2",),
    "氨氮": ("NH4", "NH3"),
}
