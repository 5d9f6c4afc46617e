"""Units of groundwater results and their conversion to the units of GB/T 14848-2017: text normalisation
(NFKC, dashes, brackets), molar masses, :func:`parse_unit` ('mg/L', 'μg/L', 'mmol/L', 'mg/L as NO3', 'mg/L(以N计)'),
the basis a value is expressed in (:func:`parse_basis`: 以N计, NO3-, NH3 …) and :func:`conversion_factor` to the
standard's unit and basis of an indicator.

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

from ...toolbelt.i18n import tr
from . import standard

TR_CONTEXT = "lab_import"


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


def norm_name(text) -> str:
    s = normalise_text(text).lower()
    s = s.replace("^", "").replace("，", ",").replace("、", ",")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def compact(s: str) -> str:
    return s.replace(" ", "")


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
# Names of a basis that are not formulas; every other basis is a formula (charges and "-N" read by parse_basis).
_BASIS_WORDS = {
    "phenol": "C6H6O",
    "苯酚": "C6H6O",
    "c6h5oh": "C6H6O",
    "氮": "N",
    "碳酸钙": "CaCO3",
    "氧": "O2",
    # spellings of a nitrogen species that name the ion (a parameter "硝酸根" is given as NO3)
    "硝酸根": "NO3",
    "亚硝酸根": "NO2",
    "铵": "NH4",
    "铵离子": "NH4",
}


@lru_cache(maxsize=1)
def _known_formulas() -> dict:
    """lower-case formula → formula, for every formula an indicator is expressed in or may be given in."""
    out = {f.lower(): f for f in standard.FORMULAS.values()}
    for bases in standard.N_SPECIES_BASES.values():
        out.update({b.lower(): b for b in bases})
    out["n"] = "N"
    return out


def parse_basis(text) -> Optional[str]:
    """The formula a value is expressed in, from what a lab writes: '以N计', '(以NO3-计)', 'as NO3', 'NO3-', 'NO3-N'
    (nitrate as N), 'N', 'SO4 2-', 'CaCO3', '苯酚'. None for an empty text; UnitError for what names no basis."""
    s = compact(norm_name(text))
    if not s:
        return None
    m = re.fullmatch(r"\(?(?:以(.+?)计|as(.+?))\)?", s)
    if m:
        s = m.group(1) or m.group(2)
    if s in _BASIS_WORDS:
        return _BASIS_WORDS[s]
    if re.fullmatch(r".+[-_]n", s):  # "no3-n": nitrate given as N
        return "N"
    known = _known_formulas()
    signed = re.fullmatch(r"(.+?)\(?(\d*)([+-]+)\)?", s)  # "no3-", "so42-", "so4(2-)", "nh4+"
    candidates = [s]
    if signed:  # "so42-": the charge's digits may end the formula's ("so4" + "2-")
        body, digits = signed.group(1), signed.group(2)
        candidates = [body + digits[:k] for k in range(len(digits), -1, -1)]
    for c in candidates:
        if c in known:
            return known[c]
    raise UnitError(tr(TR_CONTEXT, "unknown basis {basis}").format(basis=repr(text)))


def normalise_unit(unit) -> str:
    return compact(norm_name(unit))


@dataclass(frozen=True)
class ParsedUnit:
    dimension: str  # "mass" (to mg/L), "molar" (to mmol/L) or a key of _OTHER's canonical names
    factor: float  # to mg/L, mmol/L or the canonical unit
    basis: Optional[str]  # "N", "NO3", "CaCO3", … or None


def parse_unit(unit) -> ParsedUnit:
    """Read a unit such as 'mg/L', 'μg/L', 'mg/L as NO3', 'mg/L(以N计)', 'mg NO3-/L', 'mmol/L'. UnitError if unknown."""
    raw = unit
    s = norm_name(unit)
    basis = None
    # "以NO3-计" / "(以N计)"
    m = re.search(r"\(?以\s*([^()计]+?)\s*计\)?", s)
    if m:
        basis, s = m.group(1), (s[: m.start()] + s[m.end() :])
    else:
        m = re.search(r"\(?\bas\s+([a-z0-9+\-]+)\)?", s)
        if m:
            basis, s = m.group(1), (s[: m.start()] + s[m.end() :])
    s = compact(s)
    if basis is None:
        # "mg/L NO3-N", "mg/L N", "mg N/L", "mg-N/L", "mg/L(NO3-)"
        m = re.fullmatch(r"([mμun]?g|[mμu]?mol)[-_]?([a-z][a-z0-9+\-]*?)/l", s)
        if m and _is_basis(m.group(2)):
            basis, s = m.group(2), m.group(1) + "/l"
        else:
            m = re.fullmatch(r"([mμu]?g/l|[mμu]?mol/l)\(?([a-z0-9+\-]+)\)?", s)
            if m:
                basis, s = m.group(2), m.group(1)
    if basis is not None:
        try:
            basis = parse_basis(basis)
        except UnitError:
            raise UnitError(
                tr(TR_CONTEXT, "unit {unit}: unknown basis {basis}").format(unit=repr(raw), basis=repr(basis))
            ) from None
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
    raise UnitError(tr(TR_CONTEXT, "unknown unit {unit}").format(unit=repr(raw)))


def _is_basis(text: str) -> bool:
    try:
        return parse_basis(text) is not None
    except UnitError:
        return False


def standard_basis(key: str) -> Optional[str]:
    """The formula GB/T 14848-2017 expresses indicator ``key`` in ("N" for the nitrogen species), or None."""
    if key in standard.N_SPECIES_BASES:
        return "N"
    return standard.FORMULAS.get(key)


@lru_cache(maxsize=4096)
def conversion_factor(key: str, unit, basis: Optional[str] = None) -> float:
    """Multiplier from ``unit`` (and the ``basis`` written apart from it, e.g. in the parameter's name: "以NO3-计")
    to the standard's unit and basis of indicator ``key``; 1.0 for None/""/the standard's unit.

    Raises UnitError with a clear message when the unit or basis is unknown, when the basis in the unit and the one
    given apart contradict each other, or when they cannot be converted for this indicator.
    """
    ind = standard.indicator(key)
    try:
        basis = parse_basis(basis) if basis else None
    except UnitError as exc:
        raise UnitError(
            tr(TR_CONTEXT, "{parameter} ({name}): {problem}").format(parameter=key, name=ind.name_en, problem=exc)
        ) from None
    if unit is None or compact(norm_name(unit)) in ("",):
        if basis is None:
            return 1.0
        unit = ind.unit
    target = parse_unit(ind.unit) if ind.unit not in ("-", "无量纲") else ParsedUnit("1", 1.0, None)
    try:
        given = parse_unit(unit)
    except UnitError as exc:
        raise UnitError(
            tr(TR_CONTEXT, "{parameter} ({name}): {problem}; the standard's unit is {unit}").format(
                parameter=key, name=ind.name_en, problem=exc, unit=ind.unit
            )
        ) from None
    if basis is not None and given.basis is not None and basis != given.basis:
        raise UnitError(
            tr(
                TR_CONTEXT, "{parameter} ({name}): the unit {unit} says as {unit_basis}, the name as {name_basis}"
            ).format(parameter=key, name=ind.name_en, unit=repr(unit), unit_basis=given.basis, name_basis=basis)
        )
    factor = 1.0
    std_basis = standard_basis(key)
    given_basis = basis or given.basis
    if given_basis is not None and given_basis != std_basis:
        allowed = standard.N_SPECIES_BASES.get(key, ())
        if given_basis not in allowed:
            text = (
                tr(
                    TR_CONTEXT,
                    "{parameter} ({name}): values given as {basis} cannot be converted; the standard expresses it as "
                    "{std_basis} in {unit}",
                )
                if std_basis
                else tr(
                    TR_CONTEXT,
                    "{parameter} ({name}): values given as {basis} cannot be converted; the standard expresses it "
                    "without a basis in {unit}",
                )
            )
            raise UnitError(
                text.format(parameter=key, name=ind.name_en, basis=given_basis, std_basis=std_basis, unit=ind.unit)
            )
        if given.dimension == "mass":  # mg NO3/L → mg N/L
            factor *= ATOMIC_WEIGHTS["N"] / molar_mass(given_basis)
        # mmol/L of NO3 = mmol/L of N: no factor
    if given.dimension == target.dimension:
        return factor * given.factor / target.factor
    if {given.dimension, target.dimension} == {"mass", "molar"}:
        formula = standard.FORMULAS.get(key)
        if formula is None:
            raise UnitError(
                tr(
                    TR_CONTEXT, "{parameter} ({name}): no single molar mass, {unit} cannot be converted to {std_unit}"
                ).format(parameter=key, name=ind.name_en, unit=repr(unit), std_unit=ind.unit)
            )
        mm = molar_mass(formula)  # g/mol = mg/mmol
        if given.dimension == "molar":  # mmol/L → mg/L
            return factor * given.factor * mm / target.factor
        return factor * given.factor / mm / target.factor
    raise UnitError(
        tr(
            TR_CONTEXT, "{parameter} ({name}): unit {unit} cannot be converted to the standard's unit {std_unit}"
        ).format(parameter=key, name=ind.name_en, unit=repr(unit), std_unit=ind.unit)
    )


def to_standard_unit(key: str, value: float, unit, basis: Optional[str] = None) -> float:
    """``value`` in ``unit`` expressed in the standard's unit of indicator ``key`` (UnitError if impossible)."""
    return float(value) * conversion_factor(key, unit, basis)
