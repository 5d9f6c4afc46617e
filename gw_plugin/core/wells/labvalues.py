"""Laboratory notation and parameter names of groundwater results, mapped onto GB/T 14848-2017.

* :func:`parse_lab_value` reads what labs write — "ND", "未检出", "<0.01", "＜0.01", "0.01L", "0.005(L)", "≤0.01",
  "小于0.01", "0.01未检出", "检出限以下", ">100", full-width digits, decimal commas, "—"/"/" for missing — into
  (value_num, below_detection, detection_limit, note) plus the qualifier as written. Only finite numbers are read;
  a detection limit must be positive.
* :func:`recognise_parameter` maps Chinese names as in the standard (with or without "（以N计）"), English names
  and common symbols (NO3-N, NH3-N, Cr6+, CODMn, TDS, …) to the indicator key (the Chinese name in the
  standard's table, see core/wells/standard.py); None when unknown. :func:`parse_parameter` also reads the unit
  and the basis written in the name: "硝酸盐(以NO3-计)(mg/L)", "砷(μg/L)", "硝酸盐(mg/L,以NO3-计)", "NO3-",
  "硝酸根", "氨(NH3)".
* units and their conversion live in core/wells/units.py (re-exported here for the callers of this module).

Pure Python; no QGIS import.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from ...toolbelt.i18n import tr
from . import standard
from .units import (  # noqa: F401  (re-exported: the public surface of lab values)
    ATOMIC_WEIGHTS,
    ParsedUnit,
    UnitError,
    compact,
    conversion_factor,
    molar_mass,
    norm_name,
    normalise_text,
    normalise_unit,
    parse_basis,
    parse_unit,
    to_standard_unit,
)

TR_CONTEXT = "lab_import"


# ------------------------------------------------------------------------------------------------------------
# Lab notation
# ------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LabValue:
    """A lab's value read into numbers. Unpacks as (value_num, below_detection, detection_limit, note).

    ``qualifier``: "" plain number, "<" below detection, ">" above the reported range (value_num is the bound),
    "text" a word such as 无/有, "missing", "invalid". ``unit``: a unit written together with the value.
    ``mark``: the qualifier as the lab wrote it, normalised to one of "<", "≤", ">", "≥", "L", "ND", "未检出"
    ("" for a plain number): what ``sample_results.qualifier`` stores. ">" and "≥" keep their difference: ">100" is
    above 100, "≥100" may be 100.
    """

    value_num: Optional[float]
    below_detection: bool
    detection_limit: Optional[float]
    note: str
    qualifier: str = ""
    unit: Optional[str] = None
    mark: str = ""

    def __iter__(self):
        return iter((self.value_num, self.below_detection, self.detection_limit, self.note))


_MISSING = {"", "-", "--", "---", "—", "——", "/", "//", "na", "n/a", "n.a.", "nan", "null", "缺测", "未测", "未检测"}
# words for "not detected"; the mark stored for each (未检出 as written, English forms as ND)
_ND_WORDS = (
    ("未检出", "未检出"),
    ("未检", "未检出"),
    ("not detected", "ND"),
    ("n.d.", "ND"),
    ("n.d", "ND"),
    ("nd", "ND"),
    ("bdl", "ND"),
    ("<dl", "<"),
    ("<lod", "<"),
    ("低于检出限", "未检出"),
    ("检出限以下", "未检出"),
    ("检测限以下", "未检出"),
    ("小于检出限", "未检出"),
)
# words written before a number: "小于0.01" = "<0.01", "大于100" = ">100"
_WORD_QUALIFIERS = (
    ("小于等于", "≤"),
    ("不大于", "≤"),
    ("小于", "<"),
    ("低于", "<"),
    ("大于等于", "≥"),
    ("不小于", "≥"),
    ("大于", ">"),
    ("高于", ">"),
)
_NUM = r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?"
_SCI_RE = re.compile(r"^(" + _NUM + r")\s*[x×*]\s*10\s*\^?\s*([-+]?\d+)$", re.IGNORECASE)
_UNIT_TAIL = re.compile(
    r"^(?P<num>" + _NUM + r")\s*(?P<unit>(?:[mμun]?g|mmol|μmol|umol|mol|bq|mbq|cfu|mpn)\s*/\s*(?:100\s*)?m?l)$",
    re.IGNORECASE,
)
_L_NOTATION = re.compile(r"(" + _NUM + r")\s*(?:L|\(L\))", re.IGNORECASE)
# more digits than any lab writes: refused before float() turns them into inf or a rounded giant
MAX_DIGITS = 40


def _to_float(text: str) -> tuple:
    """(float or None, note). Handles decimal commas where unambiguous and scientific notation; refuses what is not
    a finite number (inf, nan, 1e999, hundreds of digits)."""
    s = text.replace(" ", "").replace("'", "")
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None, tr(TR_CONTEXT, "{value}… has more digits than a measured value can have").format(
            value=repr(text[:30])
        )
    m = _SCI_RE.match(s)
    if m:
        base, note = _to_float(m.group(1))
        if base is None:
            return None, note
        try:
            x = base * 10.0 ** int(m.group(2))
        except OverflowError:
            x = math.inf
        if not math.isfinite(x):
            return None, _not_finite(text)
        return x, ""
    if "," in s:
        if "." in s:
            if s.rfind(",") < s.rfind("."):  # 1,234.5 → thousands separator
                s = s.replace(",", "")
            else:  # 1.234,5 → European notation
                s = s.replace(".", "").replace(",", ".")
        elif s.count(",") > 1:
            if not re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", s):
                return None, tr(TR_CONTEXT, "commas in {value} are ambiguous").format(value=repr(text))
            s = s.replace(",", "")
        else:
            head, tail = s.split(",")
            digits = head.lstrip("+-")
            if len(tail) == 3 and digits not in ("", "0"):
                return None, tr(TR_CONTEXT, "{value} is ambiguous (decimal comma or thousands separator?)").format(
                    value=repr(text)
                )
            s = head + "." + tail
    if not re.fullmatch(_NUM, s, re.IGNORECASE):
        return None, tr(TR_CONTEXT, "{value} is not a number").format(value=repr(text))
    x = float(s)
    if not math.isfinite(x):
        return None, _not_finite(text)
    return x, ""


def split_unit(text: str) -> tuple:
    """('0.5', 'mg/L') for '0.5 mg/L'; (text, None) when no unit is written with the number."""
    t = normalise_text(text)
    m = _UNIT_TAIL.match(t)
    if m:
        return m.group("num"), m.group("unit")
    return t, None


def _limit(num_text: str, mark: str, note_fmt: str) -> LabValue:
    """A non-detect with its detection limit written as ``num_text`` (may carry a unit): the limit must be > 0."""
    num, unit = split_unit(num_text)
    dl, err = _to_float(num)
    if dl is None:
        return LabValue(None, False, None, err, "invalid")
    if not dl > 0:
        note = tr(TR_CONTEXT, "detection limit {limit} is not positive").format(limit=_fmt(dl))
        return LabValue(None, False, None, note, "invalid")
    return LabValue(None, True, dl, note_fmt.format(_fmt(dl)), "<", unit, mark)


def parse_lab_value(text) -> LabValue:
    """Read one value as written by a lab. Numbers pass through; see the module docstring for notations."""
    if text is None:
        return LabValue(None, False, None, "missing", "missing")
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        x = float(text)
        if x != x:
            return LabValue(None, False, None, "missing", "missing")
        if not math.isfinite(x):
            return LabValue(None, False, None, _not_finite(text), "invalid")
        return LabValue(x, False, None, "", "")
    raw = str(text)
    t = normalise_text(raw)
    low = t.lower()
    if low in _MISSING:
        return LabValue(None, False, None, "missing", "missing")
    # non-detect words, optionally with the detection limit: "ND", "未检出", "ND(0.01)", "未检出(<0.01)", "ND<0.01",
    # or after it: "0.01未检出", "0.01(未检出)"
    for w, mark in _ND_WORDS:
        same = len(low) == len(t)  # slice the text as written (keeps the unit's case) where lower() kept its length
        if low.startswith(w):
            rest = (t if same else low)[len(w) :]
        elif (low.endswith(w) or low.endswith(f"({w})")) and re.match(r"[<≤]?\s*[\d.]", low):
            rest = (t if same else low)[: low.rindex(w)]
        else:
            continue
        rest = rest.strip().strip("()").strip()
        rest = re.sub(r"(?i)dl", "", rest.lstrip("<≤")).replace("=", "").strip()
        if not rest:
            return LabValue(None, True, None, "not detected, no detection limit given", "<", None, mark)
        rest = rest[:-1].strip() if rest[-1:] in "lL" and not rest.lower().endswith("/l") else rest
        lv = _limit(rest, mark, "not detected, detection limit {0}")
        if lv.qualifier == "invalid":
            return replace(
                lv, note=tr(TR_CONTEXT, "not detected; detection limit unreadable: {problem}").format(problem=lv.note)
            )
        return lv
    for word, sign in _WORD_QUALIFIERS:
        if t.startswith(word):
            t = sign + t[len(word) :]
            break
    # "<0.01", "＜0.01", "≤0.01", "< 0.01 mg/L"
    if t[:1] in ("<", "≤"):
        return _limit(t[1:].strip(), t[:1], "below detection limit {0} (" + t[:1] + ")")
    if t[:1] in (">", "≥"):
        num, unit = split_unit(t[1:].strip())
        x, err = _to_float(num)
        if x is None:
            return LabValue(None, False, None, err, "invalid")
        return LabValue(x, False, None, f"above the reported range ({t[:1]}{_fmt(x)})", ">", unit, t[:1])
    # "0.01L", "0.01 L", "0.01(L)": GB/T convention of Chinese lab reports (value followed by L = below the limit)
    m = _L_NOTATION.fullmatch(t)
    if m:
        return _limit(m.group(1), "L", "below detection limit {0} (L notation)")
    num, unit = split_unit(t)
    x, err = _to_float(num)
    if x is not None:
        note = f"unit {unit} written with the value" if unit else ""
        return LabValue(x, False, None, note, "", unit)
    if re.search(r"\d", t):
        return LabValue(None, False, None, err, "invalid")
    return LabValue(None, False, None, f"text value {raw.strip()!r}", "text")


def _not_finite(text) -> str:
    return tr(TR_CONTEXT, "{value} is not a finite number").format(value=repr(text))


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
        "氨",
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


@lru_cache(maxsize=1)
def _lookup() -> dict:
    table: dict = {}

    def add(spelling: str, key: str) -> None:
        n = norm_name(spelling)
        for form in {n, compact(n)}:
            if form and table.setdefault(form, key) != key:
                raise ValueError(f"parameter spelling {spelling!r} maps to both {table[form]} and {key}")

    for ind in standard.indicators():
        add(ind.key, ind.key)
        add(ind.name_en, ind.key)
        stripped_en = _BASIS_SUFFIX.sub("", norm_name(ind.name_en)).strip()
        add(stripped_en, ind.key)
        stripped_en = _BRACKETED.sub("", norm_name(ind.name_en)).strip()
        if stripped_en not in table and stripped_en not in _TOO_GENERAL:
            add(stripped_en, ind.key)
    for key, spellings in _ALIASES.items():
        standard.indicator(key)  # KeyError if an alias names no indicator
        for sp in spellings:
            add(sp, key)
    for sp, (key, _basis) in _ION_SPELLINGS.items():
        add(sp, key)
    return table


def _recognise_name(n: str) -> Optional[str]:
    """Indicator key of a normalised name (norm_name) without its unit; None for unknown names."""
    table = _lookup()
    if not n:
        return None
    candidates = [n, compact(n)]
    stripped = _BASIS_SUFFIX.sub("", n).strip()
    candidates += [stripped, compact(stripped)]
    # "氨氮(NH3-N)", "硝酸盐氮(以N计)": the name outside brackets; a bracketed part alone only when nothing is
    # outside (so "余氯(Cl)" — residual chlorine — is not taken for chloride)
    outside = _BRACKETED.sub("", stripped).strip()
    candidates += [outside, compact(outside)]
    if not outside:
        candidates += [part.strip() for part in _BRACKETED.findall(n)]
    for c in candidates:
        if c and c in table:
            return table[c]
    return None


@dataclass(frozen=True)
class ParameterText:
    """A parameter text as a lab writes it, read into its parts: "硝酸盐(以NO3-计)(mg/L)" → key 硝酸盐, unit "mg/L",
    basis "NO3" (the formula; None = the standard's basis), basis_written "以NO3-计"."""

    key: str
    unit: Optional[str] = None
    basis: Optional[str] = None
    basis_written: Optional[str] = None


_UNIT_WORDS = {"无量纲", "ntu", "fnu", "铂钴色度单位", "pcu", "度", "hazen", "bq/l", "mbq/l"}
_TRAILING_GROUP = re.compile(r"^(?P<head>.*?)\s*\((?P<body>[^()]*)\)\s*$")
_TRAILING_UNIT = re.compile(
    r"^(?P<head>.+?)[\s,:_/]*(?P<unit>(?:[mμun]?g|mmol|μmol|umol|mol|bq|mbq|cfu|mpn|个|毫克|微克|纳克|克)\s*/.+)$",
    re.IGNORECASE,
)


def _piece_kind(piece: str) -> str:
    """'unit', 'basis' or '' (part of the name) for one comma-separated part of a bracket."""
    low = compact(piece.lower())
    if not low:
        return ""
    if re.fullmatch(r"以.+计|as.+", low):
        return "basis"
    if "/" in low or low in _UNIT_WORDS:
        try:
            parse_unit(piece)
            return "unit"
        except UnitError:
            return ""
    if re.fullmatch(r"[a-z0-9+\-_()]+", low):
        try:
            parse_basis(low)
            return "basis"
        except UnitError:
            return ""
    return ""


@lru_cache(maxsize=8192)
def parse_parameter(name) -> Optional[ParameterText]:
    """The indicator, unit and basis of a parameter text in a long file or a wide header; None when the text names
    no GB/T 14848-2017 indicator. Brackets at the end are read as unit ("(mg/L)", "(μg/L)"), basis ("(以NO3-计)",
    "(NH3)", "(NO3-N)") or both ("(mg/L,以NO3-计)"); a unit may also follow the name ("砷 μg/L"). Spellings that
    name the ion ("NO3-", "硝酸根", "NH4+") imply its basis. UnitError when the brackets hold two contradicting
    units or bases."""
    if name is None:
        return None
    text = normalise_text(name).replace("，", ",").replace("、", ",").replace("；", ",")
    if not text:
        return None
    table = _lookup()
    unit = basis_written = None
    head = text
    while True:
        n = norm_name(head)
        if n in table or compact(n) in table:
            break
        m = _TRAILING_GROUP.match(head)
        pieces = re.split(r"[,;]", m.group("body")) if m else []
        kinds = [_piece_kind(p) for p in pieces]
        if not m or not pieces or "" in kinds:
            m = _TRAILING_UNIT.match(head)
            if m and _piece_kind(m.group("unit")) == "unit":
                pieces, kinds = [m.group("unit")], ["unit"]
            else:
                break
        for piece, kind in zip(pieces, kinds):
            piece = piece.strip()
            if kind == "unit":
                if unit is not None and not same_unit(unit, piece):
                    raise UnitError(
                        tr(TR_CONTEXT, "{name}: two units {unit_a} and {unit_b}").format(
                            name=repr(name), unit_a=repr(unit), unit_b=repr(piece)
                        )
                    )
                unit = piece
            elif basis_written is not None and parse_basis(basis_written) != parse_basis(piece):
                raise UnitError(
                    tr(TR_CONTEXT, "{name}: two bases {basis_a} and {basis_b}").format(
                        name=repr(name), basis_a=repr(basis_written), basis_b=repr(piece)
                    )
                )
            else:
                basis_written = piece
        head = m.group("head").strip()
        if not head:
            return None
    n = norm_name(head)
    key = _recognise_name(n)
    if key is None:
        return None
    if basis_written is None:
        stated = _BASIS_SUFFIX.search(n)  # "硝酸盐以N计" without brackets
        ion = _ION_SPELLINGS.get(compact(n))
        said = re.search(r"以[^()计]+计|as\s+[a-z0-9+\-]+", stated.group(0)) if stated else None
        if said:
            basis_written = said.group(0)
        elif ion:
            basis_written = head
        elif re.fullmatch(r"[a-z0-9+]+[-_]n", compact(n)):  # "NO3-N", "NH3-N"
            basis_written = head
    basis = parse_basis(basis_written) if basis_written else None
    return ParameterText(key, unit, basis, basis_written)


def recognise_parameter(name) -> Optional[str]:
    """Indicator key for a parameter name, English name or symbol (with or without unit and basis); None for
    unknown names."""
    try:
        parsed = parse_parameter(name)
    except UnitError:
        return _recognise_name(norm_name(name))
    return parsed.key if parsed else None


def same_unit(a, b) -> bool:
    """Whether two unit texts mean the same unit (mg/L = 毫克/升); unreadable units are compared as text."""
    try:
        return parse_unit(a) == parse_unit(b)
    except UnitError:
        return normalise_unit(a) == normalise_unit(b)


def implied_basis(name) -> Optional[str]:
    """'NO3', 'NO2', 'NH4' or 'NH3' when a parameter spelling itself names the ion (e.g. "NO3-", "硝酸根"),
    i.e. its values are probably "as NO3" rather than the standard's "as N". None otherwise."""
    hit = _ION_SPELLINGS.get(compact(norm_name(name)))
    return hit[1] if hit else None
