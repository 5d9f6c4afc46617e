"""GB 36600-2018 (土壤环境质量 建设用地土壤污染风险管控标准（试行）) tables: the 45 basic items of table 1 and the 40
other items of table 2, with screening values (筛选值) and intervention values (管制值) in mg/kg for class 1 and
class 2 land, read from the plugin's own copies (resources/reference/gb36600_2018_table1.csv and _table2.csv; their
'#' lines and ``source`` column say where every value comes from), plus name resolution and soil units.

Pure Python; no QGIS import. Screening itself is in core/soil/screening.py.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Optional

from ...toolbelt.paths import resource

TABLE_FILES = {1: "gb36600_2018_table1.csv", 2: "gb36600_2018_table2.csv"}
#: number of items of each table (GB 36600-2018 §4.1: table 1 = 45 basic items, table 2 = 40 other items)
TABLE_SIZES = {1: 45, 2: 40}
LAND_CLASSES = (1, 2)


class SoilUnitError(ValueError):
    """A unit that is not a mass fraction of soil (mg/kg, μg/kg, ...)."""


@dataclass(frozen=True)
class Item:
    """One row of GB 36600-2018 table 1 or table 2 (values in mg/kg)."""

    table: int  # 1 basic items, 2 other items
    no: int  # the row number in its table
    key: str  # the Chinese name exactly as in the standard's table
    name_en: str
    cas: str
    screening: tuple  # (class 1, class 2)
    intervention: tuple  # (class 1, class 2)
    background_rule: bool  # note ①: background value above the screening value replaces it
    aliases: tuple
    source: str  # "two_transcriptions" (verified) or "unverified"

    @property
    def verified(self) -> bool:
        return "unverified" not in self.source

    def screening_value(self, land_class: int) -> float:
        return self.screening[land_class - 1]

    def intervention_value(self, land_class: int) -> float:
        return self.intervention[land_class - 1]

    def label(self, lang: str = "zh") -> str:
        return self.key if (lang or "zh").lower().startswith("zh") else self.name_en


def table_path(table: int):
    return resource("reference", TABLE_FILES[table])


def _rows(path) -> list:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@cache
def items() -> tuple:
    """Every item of table 1 then table 2, in the standard's order."""
    out = []
    for table in (1, 2):
        for r in _rows(table_path(table)):
            out.append(
                Item(
                    table=table,
                    no=int(r["no"]),
                    key=r["parameter_zh"],
                    name_en=r["parameter_en"],
                    cas=r["cas"],
                    screening=(float(r["screening_1"]), float(r["screening_2"])),
                    intervention=(float(r["intervention_1"]), float(r["intervention_2"])),
                    background_rule=r["background_rule"] == "1",
                    aliases=tuple(a for a in r["aliases"].split(";") if a),
                    source=r["source"],
                )
            )
    return tuple(out)


def table_items(table: int) -> list:
    return [i for i in items() if i.table == table]


# ------------------------------------------------------------------------------------------------------------
# Names as labs write them
# ------------------------------------------------------------------------------------------------------------
_FOLD = str.maketrans({"（": "(", "）": ")", "[": "(", "]": ")", "【": "(", "】": ")", "，": ",", "、": ",", "’": "'"})


def fold_name(name) -> str:
    """NFKC, brackets and commas folded, spaces dropped, case folded: '苯并(a)芘' and '苯并[a]芘' fold alike."""
    t = unicodedata.normalize("NFKC", str(name or "")).translate(_FOLD)
    return re.sub(r"\s+", "", t).casefold()


@cache
def _lookup() -> dict:
    table: dict = {}
    for it in items():
        for name in (it.key, it.name_en, *it.aliases):
            table.setdefault(fold_name(name), it)
        if it.cas and it.cas != "-":
            for cas in re.split(r"[/,]", it.cas):
                table.setdefault(cas.strip(), it)
    return table


def resolve(name) -> Optional[Item]:
    """The item for a Chinese name as in the standard, an English name, an alias or a CAS number; None if unknown.
    A trailing '(mg/kg)' or similar unit in the name is ignored."""
    if name is None:
        return None
    lookup = _lookup()
    key = fold_name(name)
    if key in lookup:
        return lookup[key]
    bare = re.sub(r"\((?:[mμun]?g/k?g|ppm|ppb)\)$", "", key)
    return lookup.get(bare)


# ------------------------------------------------------------------------------------------------------------
# Soil units (mass fraction of dry soil)
# ------------------------------------------------------------------------------------------------------------
#: factor to mg/kg of each unit as written (after folding: NFKC, lower case, no spaces, "teq"/"dw" dropped)
UNIT_FACTORS = {
    "mg/kg": 1.0,
    "ppm": 1.0,
    "μg/g": 1.0,
    "ug/g": 1.0,
    "g/kg": 1000.0,
    "μg/kg": 1e-3,
    "ug/kg": 1e-3,
    "ppb": 1e-3,
    "ng/g": 1e-3,
    "ng/kg": 1e-6,
    "pg/g": 1e-6,
    "%": 1e4,
}


def fold_unit(unit) -> str:
    t = unicodedata.normalize("NFKC", str(unit or "")).replace("µ", "μ").lower()
    t = re.sub(r"\s+", "", t)
    t = re.sub(r"[-(]?(?:i-)?teq\)?|[-(]?(?:dw|dry|干重)\)?", "", t)
    return t.replace("mg·kg-1", "mg/kg").replace("mg/kg-1", "mg/kg").replace("μg·kg-1", "μg/kg")


def to_mg_per_kg(value: float, unit) -> float:
    """``value`` given in ``unit`` (None or '' = mg/kg, the standard's unit) converted to mg/kg."""
    if unit is None or str(unit).strip() == "":
        return float(value)
    factor = UNIT_FACTORS.get(fold_unit(unit))
    if factor is None:
        raise SoilUnitError(f"{unit!r} is not a soil unit (mg/kg, μg/kg, ng/kg, g/kg, ppm, ppb)")
    return float(value) * factor


_VALUE_UNIT = re.compile(
    r"^(?P<num>.*?\d[^a-zμµ%]*)\s*(?P<unit>(?:[mμµun]?g|pg)\s*/\s*k?g(?:\s*[-(]?(?:dw|teq)\)?)?|ppm|ppb|%)$",
    re.IGNORECASE,
)


def split_soil_unit(text) -> tuple:
    """('12.5', 'mg/kg') for '12.5 mg/kg'; (text, None) when no soil unit is written with the value."""
    if not isinstance(text, str):
        return text, None
    t = unicodedata.normalize("NFKC", text).strip()
    m = _VALUE_UNIT.match(t)
    if m:
        return m.group("num").strip(), m.group("unit")
    return text, None


def land_class_of(value) -> Optional[int]:
    """1 or 2 from what people write for the planned land use (1, '2', '第一类用地', '二类', 'class 2', 'I', 'II');
    None when empty or unreadable."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if value in (1, 2) else None
    t = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if not t:
        return None
    try:  # "2.0" from a text column
        number = float(t)
        return int(number) if number in (1.0, 2.0) else None
    except ValueError:
        pass
    for n, words in ((1, ("1", "一", "i", "first")), (2, ("2", "二", "ii", "second"))):
        if t in words:
            return n
    m = re.search(r"(?:第|class|类|type)?\s*([12一二]|ii|i)\s*(?:类|用地|st|nd)?", t)
    if m and ("类" in t or "class" in t or "用地" in t or "type" in t):
        return {"1": 1, "一": 1, "i": 1, "2": 2, "二": 2, "ii": 2}[m.group(1)]
    return None
