"""The inclusion criteria of the soil key supervised units (seed 001 二(一)1: 潜在高风险企业、涉及有毒有害物质且土壤污染
隐患较大的企业、土壤或地下水污染超标企业、督察或执法检查发现的实际排污企业……“应纳尽纳”) as editable data rules: the
shipped file resources/reference/soil_key_unit_rules.json (or the user's copy), read and checked by :func:`load_rules`,
applied to every pollution source by :func:`screen`, and proposed for the roster ``soil_key_supervised`` by
:func:`propose` — a new ``roster_entries`` row with status ``proposed`` per unit matched; an existing entry of the
unit on that roster (proposed by anyone, decided or published) is never changed.

The conditions of a rule all hold at once (see the file's ``conditions_help``): ``involves`` (category or industry
keywords: toxic and hazardous substances), ``hidden_danger`` (levels, open), ``site_exceedance``,
``surrounding_soil_exceedance`` (core/soil/key_units.py), ``inspection`` (kinds, results, years) and
``operating_status_not_in``. A criterion the database cannot answer is listed under ``unsupported`` with the reason.
Pure logic over the project GeoPackage (sqlite3); no widgets.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import uuid as _uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ...toolbelt.i18n import tr
from ...toolbelt.paths import resource
from ..data import schema as SC
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction
from .hidden_dangers import LEVELS, ROSTER
from .key_units import surrounding_exceedances

TR_CONTEXT = "SoilRoster"
CONDITIONS = (
    "involves",
    "hidden_danger",
    "site_exceedance",
    "surrounding_soil_exceedance",
    "inspection",
    "operating_status_not_in",
)


class SoilRosterError(ValueError):
    """A rule file that cannot be used (message meant for the user)."""


@dataclass(frozen=True)
class Rule:
    id: str
    conditions: dict
    reason_zh: str
    reason_en: str
    seed: str


@dataclass(frozen=True)
class RuleSet:
    rules: tuple
    unsupported: tuple
    path: str


@dataclass(frozen=True)
class Candidate:
    source_uuid: str
    source_code: str
    name_zh: str
    county_code: str
    rule_ids: tuple
    reason_zh: str
    reason_en: str
    entry_status: Optional[str]  # the unit's existing entry on the roster (None: none yet)

    @property
    def reason(self) -> str:
        """As roster_entries.reason stores it: Chinese, a line break, English."""
        return f"{self.reason_zh}\n{self.reason_en}"


def default_rules_path() -> Path:
    return resource("reference", "soil_key_unit_rules.json")


def _check(rid: str, ok: bool, what: str) -> None:
    if not ok:
        raise SoilRosterError(tr(TR_CONTEXT, "Rule {id}: {what}").format(id=rid, what=what))


def load_rules(path=None) -> RuleSet:
    """Read and check a rule file (default: the shipped one)."""
    p = Path(path) if path else default_rules_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SoilRosterError(
            tr(TR_CONTEXT, "Cannot read the soil key unit rules {path}: {error}").format(path=p, error=exc)
        ) from None
    categories = set(SC.codelist("source_category").code_values())
    statuses = set(SC.codelist("operating_status").code_values()) | {None}
    kinds = set(SC.codelist("inspection_kind").code_values())
    results = set(SC.codelist("inspection_result").code_values())
    rules, seen = [], set()
    for r in data.get("rules", []):
        rid = str(r.get("id") or "")
        if not rid or rid in seen:
            raise SoilRosterError(tr(TR_CONTEXT, "A rule has no id or repeats one: {id}").format(id=rid or "?"))
        seen.add(rid)
        c = dict(r.get("conditions") or {})
        _check(rid, bool(c), tr(TR_CONTEXT, "no condition"))
        unknown = sorted(set(c) - set(CONDITIONS))
        _check(rid, not unknown, tr(TR_CONTEXT, "unknown condition {names}").format(names=", ".join(unknown)))
        if "involves" in c:
            inv = c["involves"]
            _check(rid, isinstance(inv, dict), tr(TR_CONTEXT, "involves needs categories or industry_keywords"))
            _check(rid, not set(inv.get("categories", ())) - categories, tr(TR_CONTEXT, "unknown category"))
            _check(
                rid,
                bool(inv.get("categories") or inv.get("industry_keywords")),
                tr(TR_CONTEXT, "involves needs categories or industry_keywords"),
            )
        if "hidden_danger" in c:
            levels = c["hidden_danger"].get("levels", LEVELS) if isinstance(c["hidden_danger"], dict) else None
            _check(rid, bool(levels) and not set(levels) - set(LEVELS), tr(TR_CONTEXT, "unknown hidden-danger level"))
        if "site_exceedance" in c:
            media = c["site_exceedance"]
            _check(
                rid,
                isinstance(media, list) and bool(media) and not set(media) - {"soil", "gw"},
                tr(TR_CONTEXT, "site_exceedance takes soil and/or gw"),
            )
        if "inspection" in c:
            ins = c["inspection"] if isinstance(c["inspection"], dict) else {}
            _check(
                rid,
                bool(ins.get("kinds")) and not set(ins["kinds"]) - kinds,
                tr(TR_CONTEXT, "unknown inspection kind"),
            )
            _check(
                rid,
                bool(ins.get("results")) and not set(ins["results"]) - results,
                tr(TR_CONTEXT, "unknown inspection result"),
            )
            _check(
                rid,
                isinstance(ins.get("years", 1), (int, float)) and ins.get("years", 1) > 0,
                tr(TR_CONTEXT, "years must be above 0"),
            )
        _check(
            rid,
            not set(c.get("operating_status_not_in", ())) - statuses,
            tr(TR_CONTEXT, "unknown operating status"),
        )
        _check(rid, bool(r.get("reason_zh") and r.get("reason_en")), tr(TR_CONTEXT, "reason_zh and reason_en needed"))
        rules.append(Rule(rid, c, r["reason_zh"], r["reason_en"], r.get("seed", "")))
    if not rules:
        raise SoilRosterError(tr(TR_CONTEXT, "The file {path} holds no rule.").format(path=p))
    return RuleSet(tuple(rules), tuple(data.get("unsupported", ())), str(p))


def _matches(rule: Rule, src: dict, facts: dict) -> bool:
    c = rule.conditions
    u = src["uuid"]
    if "involves" in c:
        inv = c["involves"]
        industry = src["industry"] or ""
        if src["category"] not in inv.get("categories", ()) and not any(
            k and k in industry for k in inv.get("industry_keywords", ())
        ):
            return False
    if "hidden_danger" in c:
        hd = c["hidden_danger"]
        levels = set(hd.get("levels", LEVELS))
        found = facts["open_dangers" if hd.get("open") else "dangers"].get(u, set())
        if not levels & found:
            return False
    if "site_exceedance" in c:
        soil, gw = facts["sites"].get(src["site_uuid"], (None, None))
        if not any(v == "exceeding" for m, v in (("soil", soil), ("gw", gw)) if m in c["site_exceedance"]):
            return False
    if c.get("surrounding_soil_exceedance") and u not in facts["around"]:
        return False
    if "inspection" in c:
        ins = c["inspection"]
        since = (facts["today"] - _dt.timedelta(days=round(365.25 * float(ins.get("years", 1))))).isoformat()
        if not any(
            k in ins["kinds"] and r in ins["results"] and d >= since for k, r, d in facts["inspections"].get(u, ())
        ):
            return False
    if "operating_status_not_in" in c and src["operating_status"] in c["operating_status_not_in"]:
        return False
    return True


def screen(path, rules: Optional[RuleSet] = None, today: Optional[_dt.date] = None) -> list:
    """Every pollution source matched by a rule, with the rules matched, the reasons and its existing entry on the
    soil key supervised units roster; by county and code. Nothing is written."""
    rules = rules or load_rules()
    today = today or _dt.date.today()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cur = con.execute(
            "SELECT uuid, source_code, name_zh, county_code, category, industry, operating_status, site_uuid "
            "FROM pollution_sources"
        )
        names = [d[0] for d in cur.description]
        sources = [dict(zip(names, r)) for r in cur.fetchall()]
        facts: dict = {"today": today, "dangers": {}, "open_dangers": {}, "inspections": {}}
        for s, level, rectified in con.execute("SELECT source_uuid, level, rectified_on FROM hidden_dangers"):
            facts["dangers"].setdefault(s, set()).add(level)
            if not rectified:
                facts["open_dangers"].setdefault(s, set()).add(level)
        facts["sites"] = {
            u: (a, b) for u, a, b in con.execute("SELECT uuid, soil_exceedance, gw_exceedance FROM sites")
        }
        for s, k, r, d in con.execute(
            "SELECT source_uuid, kind, result, inspected_on FROM inspections WHERE source_uuid IS NOT NULL"
        ):
            facts["inspections"].setdefault(s, []).append((k, r, str(d or "")[:10]))
        entries: dict = {}
        for s, status in con.execute("SELECT source_uuid, status FROM roster_entries WHERE roster = ?", (ROSTER,)):
            if entries.get(s) in (None, "proposed", "rejected") or status in ("accepted", "published"):
                entries[s] = status
    finally:
        con.close()
    facts["around"] = surrounding_exceedances(path)
    out = []
    for src in sources:
        hit = [r for r in rules.rules if _matches(r, src, facts)]
        if hit:
            out.append(
                Candidate(
                    src["uuid"],
                    src["source_code"] or "",
                    src["name_zh"] or "",
                    src["county_code"] or "",
                    tuple(r.id for r in hit),
                    "；".join(r.reason_zh for r in hit),
                    "; ".join(r.reason_en for r in hit),
                    entries.get(src["uuid"]),
                )
            )
    return sorted(out, key=lambda c: (c.county_code, c.source_code, c.source_uuid))


def propose(path, candidates: list, user: str = "") -> int:
    """A ``proposed`` entry on the soil key supervised units roster for every candidate without an entry there (one
    transaction; checked again inside it); returns the number of entries written."""
    now = utc_now()
    con = open_db(str(path))
    try:
        with transaction(con):
            present = {r[0] for r in con.execute("SELECT source_uuid FROM roster_entries WHERE roster = ?", (ROSTER,))}
            rows = [
                (str(_uuid.uuid4()), c.county_code or "000000", now, user, now, user, c.source_uuid, ROSTER, c.reason)
                for c in candidates
                if c.source_uuid not in present
            ]
            con.executemany(
                "INSERT INTO roster_entries (uuid, county_code, created_at, created_by, updated_at, updated_by, "
                "source_uuid, roster, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?)",
                rows,
            )
    finally:
        con.close()
    return len(rows)
