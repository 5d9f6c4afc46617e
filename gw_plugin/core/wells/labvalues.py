"""Laboratory notation, units and parameter names of groundwater results, mapped onto GB/T 14848-2017.

* :func:`parse_lab_value` reads what labs write — "ND", "未检出", "<0.01", "＜0.01", "0.01L", "≤0.01", full-width
  digits, decimal commas, "—"/"/" for missing — into (value_num, below_detection, detection_limit, note).
* :func:`recognise_parameter` maps Chinese names as in the standard (with or without "（以N计）"), English names
  and common symbols (NO3-N, NH3-N, Cr6+, CODMn, TDS, …) to the indicator key (the Chinese name in the
  standard's table, see core/wells/standard.py); None when unknown.
* :func:`conversion_factor` / :func:`to_standard_unit` convert mg/L ↔ μg/L ↔ mmol/L (where a molar mass
  defines it) and nitrogen species given "as NO3"/"as NO2"/"as NH4"/"as NH3" to the standard's "as N".

Molar masses are computed from the IUPAC standard atomic weights (abridged to five significant figures):
T. Prohaska et al., "Standard atomic weights of the elements 2021 (IUPAC Technical Report)", Pure Appl. Chem.
94 (2022) 573–600, Table 2 (abridged values; conventional values for elements given as intervals).
Pure Python; no QGIS import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from . import standard


class UnitError(ValueError):
    """A unit that cannot be read or cannot be converted to the standard's unit for an indicator."""


# ------------------------------------------------------------------------------------------------------------
# Text normalisation
# ------------------------------------------------------------------------------------------------------------
_EXTRA_MAP = str.maketrans(
    {
        "−": "-",  # minus sign
        "–": "-",
        "﹣": "-",
        "－": "-",
        "【": "(",
        "】": ")",
        "[": "(",
        "]": ")",
        "〔": "(",
        "〕": ")",
        "《": "(",
        "》": ")",
        "（": "(",
        "）": ")",
        "﹤": "<",
        "﹥": ">",
        "≦": "≤",
        "≧": "≥",
        "⩽": "≤",
        "⩾": "≥",
        "\u3000": " ",
    }
)


def normalise_text(text) -> str:
    """NFKC (full-width digits/letters/brackets → ASCII, µ → μ, superscripts → digits) plus dash/bracket folding."""
    if text is None:
        return ""
    return unicodedata.normalize("NFKC", str(text)).translate(_EXTRA_MAP).strip()


# ------------------------------------------------------------------------------------------------------------
# Lab notation
# ------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LabValue:
    """A lab's value read into numbers. Unpacks as (value_num, below_detection, detection_limit, note).

    ``qualifier``: "" plain number, "<" below detection, ">" above the reported range (value_num is the bound),
    "text" a word such as 无/有, "missing", "invalid". ``unit``: a unit written together with the value.
    """

    value_num: Optional[float]
    below_detection: bool
    detection_limit: Optional[float]
    note: str
    qualifier: str = ""
    unit: Optional[str] = None

    def __iter__(self):
        return iter((self.value_num, self.below_detection, self.detection_limit, self.note))


_MISSING = {"", "-", "--", "---", "—", "——", "/", "//", "na", "n/a", "n.a.", "nan", "null", "缺测", "未测", "未检测"}
_ND_WORDS = ("未检出", "未检", "nd", "n.d.", "n.d", "not detected", "bdl", "<dl", "<lod", "低于检出限", "检测限以下")
_NUM = r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?"
_SCI_RE = re.compile(r"^(" + _NUM + r")\s*[x×*]\s*10\s*\^?\s*([-+]?\d+)$", re.IGNORECASE)
_UNIT_TAIL = re.compile(
    r"^(?P<num>" + _NUM + r")\s*(?P<unit>(?:[mμun]?g|mmol|μmol|umol|mol|bq|mbq|cfu|mpn)\s*/\s*(?:100\s*)?m?l)$",
    re.IGNORECASE,
)


def _to_float(text: str) -> tuple:
    """(float or None, note). Handles decimal commas where unambiguous and scientific notation."""
    s = text.replace(" ", "").replace("'", "")
    m = _SCI_RE.match(s)
    if m:
        base, note = _to_float(m.group(1))
        if base is None:
            return None, note
        return base * 10.0 ** int(m.group(2)), ""
    if "," in s:
        if "." in s:
            if s.rfind(",") < s.rfind("."):  # 1,234.5 → thousands separator
                s = s.replace(",", "")
            else:  # 1.234,5 → European notation
                s = s.replace(".", "").replace(",", ".")
        elif s.count(",") > 1:
            if not re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", s):
                return None, f"commas in {text!r} are ambiguous"
            s = s.replace(",", "")
        else:
            head, tail = s.split(",")
            digits = head.lstrip("+-")
            if len(tail) == 3 and digits not in ("", "0"):
                return None, f"{text!r} is ambiguous (decimal comma or thousands separator?)"
            s = head + "." + tail
    try:
        return float(s), ""
    except ValueError:
        return None, f"{text!r} is not a number"


def split_unit(text: str) -> tuple:
    """('0.5', 'mg/L') for '0.5 mg/L'; (text, None) when no unit is written with the number."""
    t = normalise_text(text)
    m = _UNIT_TAIL.match(t)
    if m:
        return m.group("num"), m.group("unit")
    return t, None


def parse_lab_value(text) -> LabValue:
    """Read one value as written by a lab. Numbers pass through; see the module docstring for notations."""
    if text is None:
        return LabValue(None, False, None, "missing", "missing")
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        x = float(text)
        if x != x:
            return LabValue(None, False, None, "missing", "missing")
        return LabValue(x, False, None, "", "")
    raw = str(text)
    t = normalise_text(raw)
    low = t.lower()
    if low in _MISSING:
        return LabValue(None, False, None, "missing", "missing")
    # non-detect words, optionally with the detection limit: "ND", "未检出", "ND(0.01)", "未检出(<0.01)", "ND<0.01"
    for w in _ND_WORDS:
        if low.startswith(w):
            rest = low[len(w) :].strip().strip("()").strip()
            rest = rest.lstrip("<≤").replace("dl", "").replace("=", "").strip()
            if not rest:
                return LabValue(None, True, None, "not detected, no detection limit given", "<")
            num, unit = split_unit(rest)
            dl, err = _to_float(num.rstrip("l").strip() if num.endswith("l") else num)
            if dl is None:
                return LabValue(None, True, None, "not detected; detection limit unreadable: " + err, "<")
            return LabValue(None, True, dl, f"not detected, detection limit {_fmt(dl)}", "<", unit)
    # "<0.01", "＜0.01", "≤0.01", "< 0.01 mg/L"
    if t[:1] in ("<", "≤"):
        num, unit = split_unit(t[1:].strip())
        dl, err = _to_float(num)
        if dl is None:
            return LabValue(None, False, None, err, "invalid")
        return LabValue(None, True, dl, f"below detection limit {_fmt(dl)} ({t[:1]})", "<", unit)
    if t[:1] in (">", "≥"):
        num, unit = split_unit(t[1:].strip())
        x, err = _to_float(num)
        if x is None:
            return LabValue(None, False, None, err, "invalid")
        return LabValue(x, False, None, f"above the reported range ({t[:1]}{_fmt(x)})", ">", unit)
    # "0.01L", "0.01 L": GB/T convention of Chinese lab reports (value followed by L = below detection limit)
    m = re.fullmatch(r"(" + _NUM + r")\s*L", t, re.IGNORECASE)
    if m:
        dl, err = _to_float(m.group(1))
        if dl is None:
            return LabValue(None, False, None, err, "invalid")
        return LabValue(None, True, dl, f"below detection limit {_fmt(dl)} (L notation)", "<")
    num, unit = split_unit(t)
    x, err = _to_float(num)
    if x is not None:
        note = f"unit {unit} written with the value" if unit else ""
        return LabValue(x, False, None, note, "", unit)
    if re.search(r"\d", t):
        return LabValue(None, False, None, err, "invalid")
    return LabValue(None, False, None, f"text value {raw.strip()!r}", "text")


def _fmt(x: float) -> str:
    return f"{x:.6g}"


# ------------------------------------------------------------------------------------------------------------
# Parameter recognition
# ------------------------------------------------------------------------------------------------------------
# Common symbols and alternative names → key (Chinese name exactly as in GB/T 14848-2017's table).
_ALIASES = {
    "色": ["色度", "colour", "color", "true colour", "pt-co colour"],
    "嗅和味": [
        "臭和味",
        "嗅味",
        "臭味",
        "odour",
        "odor",
        "taste and odour",
        "taste and odor",
        "odour and taste",
        "odor and taste",
    ],
    "浑浊度": ["浊度", "turbidity"],
    "肉眼可见物": ["visible matter", "visible substances"],
    "pH": ["ph值", "ph value", "酸碱度"],
    "总硬度": ["th", "hardness", "total hardness", "硬度"],
    "溶解性总固体": ["tds", "total dissolved solids", "溶解性固体"],
    "硫酸盐": ["so4", "so4-2", "so42-", "so4 2-", "so4^2-", "so4(2-)", "sulfate", "sulphate", "硫酸根"],
    "氯化物": ["cl", "cl-", "chloride", "氯离子"],
    "铁": ["fe", "iron", "总铁"],
    "锰": ["mn", "manganese", "总锰"],
    "铜": ["cu", "copper"],
    "锌": ["zn", "zinc"],
    "铝": ["al", "aluminium", "aluminum"],
    "挥发性酚类": ["挥发酚", "挥发性酚", "volatile phenol", "volatile phenols", "phenols"],
    "阴离子表面活性剂": ["las", "anionic surfactant", "anionic surfactants", "阴离子合成洗涤剂", "mbas"],
    "耗氧量": [
        "codmn",
        "cod_mn",
        "cod-mn",
        "cod mn",
        "高锰酸盐指数",
        "高锰酸钾指数",
        "permanganate index",
        "oxygen consumption",
        "耗氧量(codmn法)",
        "耗氧量(codmn法,以o2计)",
    ],
    "氨氮": [
        "nh3-n",
        "nh4+-n",
        "nh4-n",
        "nh3_n",
        "nh4_n",
        "ammonia nitrogen",
        "ammonia",
        "ammonium",
        "ammonia-n",
        "ammonium-n",
    ],
    "硫化物": ["s2-", "sulfide", "sulphide"],
    "钠": ["na", "na+", "sodium"],
    "总大肠菌群": ["total coliforms", "total coliform", "coliforms", "总大肠菌"],
    "菌落总数": ["细菌总数", "total bacterial count", "total bacteria", "heterotrophic plate count", "hpc"],
    "亚硝酸盐": ["no2-n", "no2--n", "no2_n", "nitrite", "nitrite-n", "nitrite nitrogen", "亚硝酸盐氮", "亚硝态氮"],
    "硝酸盐": ["no3-n", "no3--n", "no3_n", "nitrate", "nitrate-n", "nitrate nitrogen", "硝酸盐氮", "硝态氮"],
    "氰化物": ["cn", "cn-", "cyanide", "总氰化物"],
    "氟化物": ["f", "f-", "fluoride", "氟", "氟离子"],
    "碘化物": ["i-", "iodide", "碘离子"],
    "汞": ["hg", "mercury", "总汞"],
    "砷": ["as", "arsenic", "总砷"],
    "硒": ["se", "selenium"],
    "镉": ["cd", "cadmium", "总镉"],
    "铬（六价）": ["cr6+", "cr(vi)", "crvi", "cr6", "cr(6+)", "cr+6", "六价铬", "hexavalent chromium", "chromium vi"],
    "铅": ["pb", "lead", "总铅"],
    "三氯甲烷": ["chloroform", "trichloromethane", "chcl3", "氯仿", "tcm"],
    "四氯化碳": ["ccl4", "carbon tetrachloride", "tetrachloromethane"],
    "苯": ["benzene"],
    "甲苯": ["toluene"],
    "总α放射性": ["gross alpha", "gross α", "gross-α", "总α", "总a放射性", "总alpha放射性"],
    "总β放射性": ["gross beta", "gross β", "gross-β", "总β", "总b放射性", "总beta放射性"],
    "铍": ["be", "beryllium"],
    "硼": ["b", "boron"],
    "锑": ["sb", "antimony"],
    "钡": ["ba", "barium"],
    "镍": ["ni", "nickel"],
    "钴": ["co", "cobalt"],
    "钼": ["mo", "molybdenum"],
    "银": ["ag", "silver"],
    "铊": ["tl", "thallium"],
    "二氯甲烷": ["dcm", "dichloromethane", "methylene chloride", "ch2cl2"],
    "1,2-二氯乙烷": ["1,2-dca", "1,2-dichloroethane"],
    "1,1,1-三氯乙烷": ["1,1,1-tca", "1,1,1-trichloroethane"],
    "1,1,2-三氯乙烷": ["1,1,2-tca", "1,1,2-trichloroethane"],
    "1,2-二氯丙烷": ["1,2-dcp", "1,2-dichloropropane"],
    "三溴甲烷": ["bromoform", "tribromomethane", "chbr3", "溴仿"],
    "氯乙烯": ["vinyl chloride", "vc", "vcm", "chloroethene"],
    "1,1-二氯乙烯": ["1,1-dce", "1,1-dichloroethylene", "1,1-dichloroethene"],
    "1,2-二氯乙烯": ["1,2-dce", "1,2-dichloroethylene", "1,2-dichloroethene"],
    "三氯乙烯": ["tce", "trichloroethylene", "trichloroethene"],
    "四氯乙烯": ["pce", "perc", "tetrachloroethylene", "tetrachloroethene"],
    "氯苯": ["chlorobenzene", "mcb"],
    "邻二氯苯": ["o-dichlorobenzene", "1,2-dichlorobenzene", "1,2-二氯苯", "o-dcb"],
    "对二氯苯": ["p-dichlorobenzene", "1,4-dichlorobenzene", "1,4-二氯苯", "p-dcb"],
    "三氯苯（总量）": ["三氯苯", "trichlorobenzenes", "trichlorobenzene", "trichlorobenzenes (total)"],
    "乙苯": ["ethylbenzene", "ethyl benzene"],
    "二甲苯（总量）": ["二甲苯", "xylene", "xylenes", "total xylenes"],
    "苯乙烯": ["styrene"],
    "2,4-二硝基甲苯": ["2,4-dnt", "2,4-dinitrotoluene"],
    "2,6-二硝基甲苯": ["2,6-dnt", "2,6-dinitrotoluene"],
    "萘": ["naphthalene"],
    "蒽": ["anthracene"],
    "荧蒽": ["fluoranthene"],
    "苯并(b)荧蒽": ["bbf", "b(b)f", "benzo(b)fluoranthene"],
    "苯并(a)芘": ["bap", "b(a)p", "benzo(a)pyrene", "苯并芘", "benzopyrene"],
    "多氯联苯（总量）": ["多氯联苯", "pcb", "pcbs", "total pcbs"],
    "邻苯二甲酸二(2-乙基己基)酯": ["dehp", "di(2-ethylhexyl) phthalate", "bis(2-ethylhexyl) phthalate"],
    "2,4,6-三氯酚": ["2,4,6-tcp", "2,4,6-trichlorophenol"],
    "五氯酚": ["pcp", "pentachlorophenol"],
    "六六六（总量）": ["六六六", "hch", "bhc", "总六六六", "hexachlorocyclohexane"],
    "γ-六六六（林丹）": ["林丹", "γ-六六六", "lindane", "gamma-hch", "γ-hch", "γ-bhc"],
    "滴滴涕（总量）": ["滴滴涕", "ddt", "总滴滴涕"],
    "六氯苯": ["hcb", "hexachlorobenzene"],
    "七氯": ["heptachlor"],
    "2,4-滴": ["2,4-d", "2,4-dichlorophenoxyacetic acid"],
    "克百威": ["carbofuran", "呋喃丹"],
    "涕灭威": ["aldicarb"],
    "敌敌畏": ["dichlorvos", "ddvp"],
    "甲基对硫磷": ["methyl parathion", "parathion-methyl"],
    "马拉硫磷": ["malathion"],
    "乐果": ["dimethoate"],
    "毒死蜱": ["chlorpyrifos"],
    "百菌清": ["chlorothalonil"],
    "莠去津": ["atrazine", "阿特拉津"],
    "草甘膦": ["glyphosate"],
}

# Spellings that name an indicator but imply the ion as the basis of the value (not "as N").
_ION_SPELLINGS = {
    "no3": ("硝酸盐", "NO3"),
    "no3-": ("硝酸盐", "NO3"),
    "硝酸根": ("硝酸盐", "NO3"),
    "no2": ("亚硝酸盐", "NO2"),
    "no2-": ("亚硝酸盐", "NO2"),
    "亚硝酸根": ("亚硝酸盐", "NO2"),
    "nh4": ("氨氮", "NH4"),
    "nh4+": ("氨氮", "NH4"),
    "铵": ("氨氮", "NH4"),
    "铵离子": ("氨氮", "NH4"),
    "nh3": ("氨氮", "NH3"),
}

# "(以N计)", "（以CaCO3计）", "(as N)", "以苯酚计", "(CODMn法，以O2计)"
# Bracket-free forms of English names that would name something else than the indicator (total chromium).
_TOO_GENERAL = {"chromium"}
_BASIS_SUFFIX = re.compile(r"\(?\s*(?:[a-z]+法\s*,?\s*)?(?:以\s*[^()计]*计|as\s+[a-z0-9+\-]+)\s*\)?\s*$")
_BRACKETED = re.compile(r"\(([^()]*)\)")


def _norm_name(text) -> str:
    s = normalise_text(text).lower()
    s = s.replace("^", "").replace("，", ",").replace("、", ",")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def _compact(s: str) -> str:
    return s.replace(" ", "")


@lru_cache(maxsize=1)
def _lookup() -> dict:
    table: dict = {}

    def add(spelling: str, key: str) -> None:
        n = _norm_name(spelling)
        for form in {n, _compact(n)}:
            if form and table.setdefault(form, key) != key:
                raise ValueError(f"parameter spelling {spelling!r} maps to both {table[form]} and {key}")

    for ind in standard.indicators():
        add(ind.key, ind.key)
        add(ind.name_en, ind.key)
        stripped_en = _BASIS_SUFFIX.sub("", _norm_name(ind.name_en)).strip()
        add(stripped_en, ind.key)
        stripped_en = _BRACKETED.sub("", _norm_name(ind.name_en)).strip()
        if stripped_en not in table and stripped_en not in _TOO_GENERAL:
            add(stripped_en, ind.key)
    for key, spellings in _ALIASES.items():
        standard.indicator(key)  # KeyError if an alias names no indicator
        for sp in spellings:
            add(sp, key)
    for sp, (key, _basis) in _ION_SPELLINGS.items():
        add(sp, key)
    return table


def recognise_parameter(name) -> Optional[str]:
    """Indicator key for a parameter name, English name or symbol; None for unknown names."""
    if name is None:
        return None
    table = _lookup()
    n = _norm_name(name)
    if not n:
        return None
    candidates = [n, _compact(n)]
    stripped = _BASIS_SUFFIX.sub("", n).strip()
    candidates += [stripped, _compact(stripped)]
    # "氨氮(NH3-N)", "硝酸盐氮(以N计)(mg/L)": the name outside brackets, then each bracketed part alone
    outside = _BRACKETED.sub("", stripped).strip()
    candidates += [outside, _compact(outside)]
    candidates += [part.strip() for part in _BRACKETED.findall(n)]
    for c in candidates:
        if c and c in table:
            return table[c]
    return None


def implied_basis(name) -> Optional[str]:
    """'NO3', 'NO2', 'NH4' or 'NH3' when a parameter spelling itself names the ion (e.g. "NO3-", "硝酸根"),
    i.e. its values are probably "as NO3" rather than the standard's "as N". None otherwise."""
    n = _compact(_norm_name(name))
    hit = _ION_SPELLINGS.get(n)
    return hit[1] if hit else None


# ------------------------------------------------------------------------------------------------------------
# Molar masses (IUPAC 2021 standard atomic weights, abridged; see module docstring)
# ------------------------------------------------------------------------------------------------------------
ATOMIC_WEIGHTS = {
    "H": 1.0080,
    "B": 10.81,
    "Be": 9.0122,
    "C": 12.011,
    "N": 14.007,
    "O": 15.999,
    "F": 18.998,
    "Na": 22.990,
    "Al": 26.982,
    "P": 30.974,
    "S": 32.06,
    "Cl": 35.45,
    "Ca": 40.078,
    "Cr": 51.996,
    "Mn": 54.938,
    "Fe": 55.845,
    "Co": 58.933,
    "Ni": 58.693,
    "Cu": 63.546,
    "Zn": 65.38,
    "As": 74.922,
    "Se": 78.971,
    "Br": 79.904,
    "Mo": 95.95,
    "Ag": 107.87,
    "Cd": 112.41,
    "Sb": 121.76,
    "I": 126.90,
    "Ba": 137.33,
    "Hg": 200.59,
    "Tl": 204.38,
    "Pb": 207.2,
}


def molar_mass(formula: str) -> float:
    """Molar mass (g/mol) of a simple formula such as 'NO3', 'CaCO3', 'C6H5OH' from ATOMIC_WEIGHTS."""
    total = 0.0
    pos = 0
    for m in re.finditer(r"([A-Z][a-z]?)(\d*)", formula):
        if m.start() != pos:
            raise ValueError(f"cannot read formula {formula!r}")
        pos = m.end()
        if m.group(1) not in ATOMIC_WEIGHTS:
            raise ValueError(f"formula {formula!r}: no atomic weight for {m.group(1)!r}")
        total += ATOMIC_WEIGHTS[m.group(1)] * (int(m.group(2)) if m.group(2) else 1)
    if pos != len(formula) or total == 0:
        raise ValueError(f"cannot read formula {formula!r}")
    return total


# ------------------------------------------------------------------------------------------------------------
# Units
# ------------------------------------------------------------------------------------------------------------
_MASS = {"g/l": 1000.0, "mg/l": 1.0, "μg/l": 1e-3, "ug/l": 1e-3, "ng/l": 1e-6, "mg/m3": 1e-3, "μg/ml": 1.0}
_MASS_ZH = {"克/升": "g/l", "毫克/升": "mg/l", "微克/升": "μg/l", "纳克/升": "ng/l", "ppm": "mg/l", "ppb": "μg/l"}
_MOLAR = {"mol/l": 1000.0, "mmol/l": 1.0, "μmol/l": 1e-3, "umol/l": 1e-3}
_MOLAR_ZH = {"摩尔/升": "mol/l", "毫摩尔/升": "mmol/l", "微摩尔/升": "μmol/l"}
# Other dimensions: canonical name → factor to the standard's unit of that dimension
_OTHER = {
    "bq/l": ("bq/l", 1.0),
    "mbq/l": ("bq/l", 1e-3),
    "ntu": ("ntu", 1.0),
    "fnu": ("ntu", 1.0),
    "铂钴色度单位": ("pcu", 1.0),
    "pcu": ("pcu", 1.0),
    "pt-co": ("pcu", 1.0),
    "ptco": ("pcu", 1.0),
    "hazen": ("pcu", 1.0),
    "度": ("pcu", 1.0),
    "mpn/100ml": ("/100ml", 1.0),
    "cfu/100ml": ("/100ml", 1.0),
    "个/100ml": ("/100ml", 1.0),
    "mpn/100ml或cfu/100ml": ("/100ml", 1.0),
    "mpn/l": ("/100ml", 0.1),
    "cfu/l": ("/100ml", 0.1),
    "个/l": ("/100ml", 0.1),
    "cfu/ml": ("/ml", 1.0),
    "个/ml": ("/ml", 1.0),
    "mpn/ml": ("/ml", 1.0),
    "无量纲": ("1", 1.0),
    "-": ("1", 1.0),
    "ph": ("1", 1.0),
    "ph units": ("1", 1.0),
    "1": ("1", 1.0),
}
_BASIS_TOKENS = {
    "n": "N",
    "no3": "NO3",
    "no3-": "NO3",
    "no2": "NO2",
    "no2-": "NO2",
    "nh4": "NH4",
    "nh4+": "NH4",
    "nh3": "NH3",
    "caco3": "CaCO3",
    "o2": "O2",
    "phenol": "phenol",
    "苯酚": "phenol",
    "c6h5oh": "phenol",
}


def normalise_unit(unit) -> str:
    return _compact(_norm_name(unit))


@dataclass(frozen=True)
class ParsedUnit:
    dimension: str  # "mass" (to mg/L), "molar" (to mmol/L) or a key of _OTHER's canonical names
    factor: float  # to mg/L, mmol/L or the canonical unit
    basis: Optional[str]  # "N", "NO3", "CaCO3", … or None


def parse_unit(unit) -> ParsedUnit:
    """Read a unit such as 'mg/L', 'μg/L', 'mg/L as NO3', 'mg/L(以N计)', 'mg NO3-/L', 'mmol/L'. UnitError if unknown."""
    raw = unit
    s = _norm_name(unit)
    basis = None
    # "以NO3-计" / "(以N计)"
    m = re.search(r"\(?以\s*([^()计]+?)\s*计\)?", s)
    if m:
        basis, s = m.group(1), (s[: m.start()] + s[m.end() :])
    else:
        m = re.search(r"\(?\bas\s+([a-z0-9+\-]+)\)?", s)
        if m:
            basis, s = m.group(1), (s[: m.start()] + s[m.end() :])
    s = _compact(s)
    if basis is None:
        # "mg/L NO3-N", "mg/L N", "mg N/L", "mg-N/L", "mg/L(NO3-)"
        m = re.fullmatch(r"([mμun]?g|[mμu]?mol)[-_]?([a-z][a-z0-9+\-]*?)/l", s)
        if m and m.group(2) in _BASIS_TOKENS or (m and m.group(2).endswith("-n")):
            basis, s = m.group(2), m.group(1) + "/l"
        else:
            m = re.fullmatch(r"([mμu]?g/l|[mμu]?mol/l)\(?([a-z0-9+\-]+)\)?", s)
            if m:
                basis, s = m.group(2), m.group(1)
    if basis is not None:
        b = _compact(basis.strip())
        if b.endswith("-n") or b == "n":  # "no3-n" is nitrate given as N
            b = "n"
        if b not in _BASIS_TOKENS:
            raise UnitError(f"unit {raw!r}: unknown basis {basis!r}")
        basis = _BASIS_TOKENS[b]
    s = s.replace("µ", "μ")
    s = _MASS_ZH.get(s, s)
    s = _MOLAR_ZH.get(s, s)
    if s in _MASS:
        return ParsedUnit("mass", _MASS[s], basis)
    if s in _MOLAR:
        return ParsedUnit("molar", _MOLAR[s], basis)
    if s in _OTHER:
        canon, f = _OTHER[s]
        return ParsedUnit(canon, f, basis)
    raise UnitError(f"unknown unit {raw!r}")


def _standard_basis(key: str) -> Optional[str]:
    f = standard.FORMULAS.get(key)
    if key in standard.N_SPECIES_BASES:
        return "N"
    return {"CaCO3": "CaCO3", "O2": "O2", "C6H6O": "phenol"}.get(f)


@lru_cache(maxsize=4096)
def conversion_factor(key: str, unit) -> float:
    """Multiplier from ``unit`` to the standard's unit of indicator ``key``; 1.0 for None/""/the standard's unit.

    Raises UnitError with a clear message when the unit is unknown or cannot be converted for this indicator.
    """
    ind = standard.indicator(key)
    if unit is None or _compact(_norm_name(unit)) in ("",):
        return 1.0
    target = parse_unit(ind.unit) if ind.unit not in ("-", "无量纲") else ParsedUnit("1", 1.0, None)
    try:
        given = parse_unit(unit)
    except UnitError as exc:
        raise UnitError(f"{key} ({ind.name_en}): {exc}; the standard's unit is {ind.unit}") from None
    factor = 1.0
    std_basis = _standard_basis(key)
    if given.basis is not None and given.basis != std_basis:
        allowed = standard.N_SPECIES_BASES.get(key, ())
        if given.basis not in allowed:
            raise UnitError(
                f"{key} ({ind.name_en}): values given as {given.basis} cannot be converted; the standard expresses "
                f"it {'as ' + std_basis if std_basis else 'without a basis'} in {ind.unit}"
            )
        if given.dimension == "mass":  # mg NO3/L → mg N/L
            factor *= ATOMIC_WEIGHTS["N"] / molar_mass(given.basis)
        # mmol/L of NO3 = mmol/L of N: no factor
    if given.dimension == target.dimension:
        return factor * given.factor / target.factor
    if {given.dimension, target.dimension} == {"mass", "molar"}:
        formula = standard.FORMULAS.get(key)
        if formula is None:
            raise UnitError(f"{key} ({ind.name_en}): no single molar mass, {unit!r} cannot be converted to {ind.unit}")
        mm = molar_mass(formula)  # g/mol = mg/mmol
        if given.dimension == "molar":  # mmol/L → mg/L
            return factor * given.factor * mm / target.factor
        return factor * given.factor / mm / target.factor
    raise UnitError(f"{key} ({ind.name_en}): unit {unit!r} cannot be converted to the standard's unit {ind.unit}")


def to_standard_unit(key: str, value: float, unit) -> float:
    """``value`` in ``unit`` expressed in the standard's unit of indicator ``key`` (UnitError if impossible)."""
    return float(value) * conversion_factor(key, unit)
