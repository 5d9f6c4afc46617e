"""Soil–groundwater co-management class of sites (seed 001 §二(四)1, Zhengzhou soil pilot-area plan).

The rule as written: "对于土壤不超标但地下水超标的关闭搬迁地块，根据地下水超标物质与地块特征污染物是否相同，分两类管理：
地下水超标污染物与所在地块特征污染物一致的，将该地块纳入污染地块管理；地下水超标污染物与所在地块特征污染物无关的，将该地块
纳入地下水污染防治重点区管控类管理。" (closed/relocated sites whose soil is not above the screening values but whose
groundwater exceeds: if an exceeding groundwater pollutant is one of the site's characteristic pollutants → manage
as a contaminated site; otherwise → manage under the control class of the groundwater key zones.)

Every other combination gets an explicit outcome and a bilingual reason, so that no site is left unclassified:

=====================  ====================  =========================================================
soil                   groundwater           outcome
=====================  ====================  =========================================================
exceeding              any                   soil_assessment — detailed survey and risk assessment
not_exceeding          exceeding             contaminated_site / gw_control_zone (the rule), or
                                             needs_pollutant_data when a pollutant list is empty;
                                             operating sites → operating_enterprise (rule not for them)
not_exceeding          not_exceeding         no_action
not_exceeding          unknown               investigate_groundwater
unknown                exceeding             investigate_soil (with the provisional class named)
unknown                not_exceeding         investigate_soil
unknown                unknown               investigate_both
=====================  ====================  =========================================================

Pollutant names are compared after Unicode NFKC folding and case folding, split on the usual separators
(，,;；、/ and new lines), with a small alias table (e.g. 六价铬 = 铬（六价） = Cr6+); gw_plugin.core.wells.classify's name
resolution is used in addition when it is importable.

``write_back`` classifies every site of a project GeoPackage and writes the outcome into ``sites.co_management`` /
``co_management_reason`` (gwplugin:sitecomanagement runs it after deriving the groundwater exceedance).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction

OUTCOMES = {
    "contaminated_site": ("纳入污染地块管理", "Manage as a contaminated site"),
    "gw_control_zone": ("纳入地下水污染防治重点区管控类管理", "Manage under the groundwater key-zone control class"),
    "needs_pollutant_data": ("需补充特征污染物或地下水超标污染物信息", "Pollutant lists needed before classifying"),
    "operating_enterprise": (
        "在产企业：按源头管控和调查评估要求管理",
        "Operating enterprise: source control and assessment",
    ),
    "soil_assessment": (
        "土壤超筛选值：开展详细调查和风险评估",
        "Soil above screening values: detailed survey and risk assessment",
    ),
    "no_action": ("土壤、地下水均未超标：常规监管", "Neither soil nor groundwater exceeding: routine supervision"),
    "investigate_groundwater": ("需补充地下水调查", "Groundwater investigation needed"),
    "investigate_soil": ("需补充土壤调查", "Soil investigation needed"),
    "investigate_both": ("需开展土壤和地下水调查", "Soil and groundwater investigation needed"),
}

RULE_REF = "001 二(四)1"

_ALIASES = {
    "六价铬": "cr6+",
    "铬(六价)": "cr6+",
    "铬（六价）": "cr6+",
    "cr(vi)": "cr6+",
    "cr6+": "cr6+",
    "硝酸盐氮": "硝酸盐",
    "硝酸盐(以n计)": "硝酸盐",
    "no3-n": "硝酸盐",
    "氨氮(以n计)": "氨氮",
    "nh3-n": "氨氮",
    "总石油烃": "石油烃",
    "tph": "石油烃",
    "石油烃(c10-c40)": "石油烃",
    "石油类": "石油烃",
    "苯并(a)芘": "苯并[a]芘",
    "bap": "苯并[a]芘",
}
_SPLIT = re.compile(r"[,，;；、/\n\r\t]+")


def _norm(name: str) -> str:
    t = unicodedata.normalize("NFKC", name).strip().casefold()
    t = t.replace(" ", "")
    return _ALIASES.get(t, t)


def _canonical(name: str) -> str:
    key = _norm(name)
    try:  # the GB/T 14848 module knows many lab spellings; optional
        from ..wells import classify

        ind = classify.resolve(name)
        if ind is not None:
            return _norm(ind.key)
    except Exception:  # noqa: BLE001 - module absent or its dependencies not there yet
        pass
    return key


def pollutant_list(text: Optional[str]) -> list:
    """The names in a free-text pollutant list, in order, without blanks or repeats."""
    if not text:
        return []
    out = []
    for part in _SPLIT.split(str(text)):
        p = part.strip()
        if p and p not in out:
            out.append(p)
    return out


@dataclass(frozen=True)
class SiteClass:
    outcome: str
    outcome_zh: str
    outcome_en: str
    reason_zh: str
    reason_en: str
    matched: tuple  # exceeding groundwater pollutants that are characteristic pollutants of the site
    rule_applies: bool  # the combination is the one seed 001 §二(四)1 rules on


def _state(v: Optional[str]) -> str:
    return v if v in ("exceeding", "not_exceeding") else "unknown"


def classify_site(
    soil_exceedance: Optional[str],
    gw_exceedance: Optional[str],
    characteristic_pollutants: Optional[str],
    gw_exceeding_pollutants: Optional[str],
    site_status: Optional[str] = None,
) -> SiteClass:
    """Outcome and bilingual reason for one site (see the module docstring for the full table)."""
    soil, gw = _state(soil_exceedance), _state(gw_exceedance)
    chars = pollutant_list(characteristic_pollutants)
    exc = pollutant_list(gw_exceeding_pollutants)
    char_keys = {_canonical(c): c for c in chars}
    matched = tuple(e for e in exc if _canonical(e) in char_keys)

    def make(code, zh, en, rule=False, m=()):
        return SiteClass(code, OUTCOMES[code][0], OUTCOMES[code][1], zh, en, tuple(m), rule)

    if soil == "exceeding":
        gw_zh = {"exceeding": "地下水亦超标", "not_exceeding": "地下水未超标", "unknown": "地下水未调查"}[gw]
        gw_en = {
            "exceeding": "groundwater exceeds too",
            "not_exceeding": "groundwater not exceeding",
            "unknown": "groundwater not investigated",
        }[gw]
        return make(
            "soil_assessment",
            f"土壤超过风险筛选值（{gw_zh}），{RULE_REF}“土壤不超标但地下水超标”规则不适用；按土壤污染防治法开展土壤污染状况详细调查和风险评估，"
            "风险不可接受的纳入污染地块管理，土壤与地下水统筹调查（001 二(四)3）。",
            f"Soil above the screening values ({gw_en}); the 'soil not exceeding but groundwater exceeding' rule of "
            f"seed {RULE_REF} does not apply. Detailed survey and risk assessment under the Soil Pollution Law; "
            "manage as a contaminated site if the risk is unacceptable; investigate soil and groundwater together.",
        )
    if soil == "not_exceeding" and gw == "exceeding":
        if site_status == "operating":
            return make(
                "operating_enterprise",
                f"土壤不超筛选值但地下水超标；{RULE_REF}的分类规则针对关闭搬迁地块，本地块为在产企业用地：按先行区方案二(一)3–4推动源头管控、调查评估和风险管控。",
                f"Soil not above the screening values but groundwater exceeding; the rule of seed {RULE_REF} is for "
                "closed/relocated sites and this is an operating enterprise: source control, assessment and risk "
                "control under seed 001 §二(一)3–4.",
            )
        note_zh = "（地块状态未填写，按关闭搬迁地块规则处理，请核实）" if not site_status else ""
        note_en = " (site status empty: treated as a closed/relocated site; please verify)" if not site_status else ""
        if not exc or not chars:
            missing_zh = "地下水超标污染物" if not exc else "地块特征污染物"
            missing_en = "the exceeding groundwater pollutants" if not exc else "the site's characteristic pollutants"
            return make(
                "needs_pollutant_data",
                f"土壤不超筛选值但地下水超标，缺少{missing_zh}，无法按{RULE_REF}判断是否一致{note_zh}。",
                f"Soil not above the screening values but groundwater exceeding; {missing_en} missing, so the "
                f"comparison of seed {RULE_REF} cannot be made{note_en}.",
                rule=True,
            )
        if matched:
            return make(
                "contaminated_site",
                f"土壤不超筛选值但地下水超标，地下水超标污染物（{'、'.join(matched)}）与地块特征污染物一致：按{RULE_REF}纳入污染地块管理{note_zh}。",
                f"Soil not above the screening values but groundwater exceeding, and the exceeding pollutant(s) "
                f"{', '.join(matched)} are characteristic pollutants of the site: manage as a contaminated site "
                f"(seed {RULE_REF}){note_en}.",
                rule=True,
                m=matched,
            )
        return make(
            "gw_control_zone",
            f"土壤不超筛选值但地下水超标，地下水超标污染物（{'、'.join(exc)}）与地块特征污染物（{'、'.join(chars)}）无关：按{RULE_REF}纳入地下水污染防治重点区管控类管理{note_zh}。",
            f"Soil not above the screening values but groundwater exceeding, and the exceeding pollutant(s) "
            f"{', '.join(exc)} are unrelated to the site's characteristic pollutants ({', '.join(chars)}): manage "
            f"under the groundwater key-zone control class (seed {RULE_REF}){note_en}.",
            rule=True,
        )
    if soil == "not_exceeding" and gw == "not_exceeding":
        return make(
            "no_action",
            "土壤不超筛选值，地下水未超标：无需纳入污染地块或重点区管控类管理，按常规监管。",
            "Soil not above the screening values and groundwater not exceeding: neither a contaminated site nor "
            "the key-zone control class; routine supervision.",
        )
    if soil == "not_exceeding":  # gw unknown
        return make(
            "investigate_groundwater",
            f"土壤不超筛选值，地下水未调查：补充地下水调查后再按{RULE_REF}分类。",
            f"Soil not above the screening values, groundwater not investigated: investigate groundwater, then "
            f"classify under seed {RULE_REF}.",
        )
    if gw == "exceeding":
        hint_zh = (
            "（若土壤不超标，将{k}）".format(k="纳入污染地块管理" if matched else "纳入重点区管控类管理")
            if exc and chars
            else ""
        )
        hint_en = (
            " (if the soil is not exceeding it would be {k})".format(
                k="a contaminated site" if matched else "in the key-zone control class"
            )
            if exc and chars
            else ""
        )
        return make(
            "investigate_soil",
            f"地下水超标但土壤未调查：先开展土壤污染状况调查，再按{RULE_REF}分类{hint_zh}。",
            f"Groundwater exceeding but soil not investigated: survey the soil first, then classify under seed "
            f"{RULE_REF}{hint_en}.",
            m=matched,
        )
    if gw == "not_exceeding":
        return make(
            "investigate_soil",
            "地下水未超标，土壤未调查：开展土壤污染状况调查。",
            "Groundwater not exceeding, soil not investigated: survey the soil.",
        )
    return make(
        "investigate_both",
        "土壤和地下水均未调查：开展土壤和地下水污染状况调查。",
        "Neither soil nor groundwater investigated: survey both.",
    )


def classify_rows(rows) -> list:
    """Classify an iterable of dicts with the sites-table field names."""
    return [
        classify_site(
            r.get("soil_exceedance"),
            r.get("gw_exceedance"),
            r.get("characteristic_pollutants"),
            r.get("gw_exceeding_pollutants"),
            r.get("site_status"),
        )
        for r in rows
    ]


def write_back(path, user: str = "") -> dict:
    """Classify every site of a project GeoPackage and write the outcome code into ``sites.co_management`` and the
    Chinese reason into ``sites.co_management_reason`` (one transaction). Returns outcome → number of sites."""
    con = open_db(str(path))
    counts: dict = {}
    try:
        names = ("uuid", "soil_exceedance", "gw_exceedance", "characteristic_pollutants", "gw_exceeding_pollutants")
        cur = con.execute(f"SELECT {', '.join(names)}, site_status FROM sites")
        rows = [dict(zip((*names, "site_status"), r)) for r in cur.fetchall()]
        now = utc_now()
        with transaction(con):
            for row, c in zip(rows, classify_rows(rows)):
                counts[c.outcome] = counts.get(c.outcome, 0) + 1
                con.execute(
                    "UPDATE sites SET co_management = ?, co_management_reason = ?, updated_at = ?, updated_by = ? "
                    "WHERE uuid = ?",
                    (c.outcome, c.reason_zh, now, user, row["uuid"]),
                )
    finally:
        con.close()
    return counts
