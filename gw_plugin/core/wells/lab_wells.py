"""Which monitoring well a lab file's row belongs to: the well code as the lab wrote it, matched after NFKC and case
folding ("ＪＣ－０２" and "jc-02" are JC-02), any code of the well's departments (source_codes), the well's name
(点位名称, name_zh), or a sample code looked up in a sample-to-well table the user gives (样品编号 → 点位编号)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from ...toolbelt.i18n import tr
from .units import normalise_text

TR_CONTEXT = "lab_import"

#: a name or code shared by several wells: matching it would be a guess
AMBIGUOUS = ""


def fold(text) -> str:
    """The form codes and names are compared in: NFKC, dashes folded, case folded, spaces removed."""
    return re.sub(r"\s+", "", normalise_text(text).casefold())


@dataclass
class WellIndex:
    """Folded code / name → well uuid (AMBIGUOUS when several wells share it); ``codes``: uuid → well code."""

    by_code: dict = field(default_factory=dict)
    by_name: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)

    def match(self, raw) -> tuple:
        """(uuid or None, problem): by code first (the well's own code before its departments' codes), then by
        name."""
        key = fold(raw)
        if not key:
            return None, tr(TR_CONTEXT, "no well")
        for table, by_code in ((self.by_code, True), (self.by_name, False)):
            u = table.get(key)
            if u == AMBIGUOUS:
                text = (
                    tr(TR_CONTEXT, "the well code {well} belongs to several wells")
                    if by_code
                    else tr(TR_CONTEXT, "the well name {well} belongs to several wells")
                )
                return None, text.format(well=repr(str(raw).strip()))
            if u is not None:
                return u, ""
        return None, tr(TR_CONTEXT, "well {well} is not in the database").format(well=repr(str(raw).strip()))


def _put(table: dict, key: str, uuid: str) -> None:
    if key:
        table[key] = AMBIGUOUS if table.get(key, uuid) != uuid else uuid


def well_index(path: str) -> WellIndex:
    """The index of a project database's monitoring wells: a well's own code beats another well's department
    alias; a code or name of several wells is AMBIGUOUS."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT uuid, well_code, source_codes, name_zh FROM monitoring_wells").fetchall()
    finally:
        con.close()
    idx = WellIndex()
    for u, code, _aliases, name in rows:
        _put(idx.by_code, fold(code), u)
        _put(idx.by_name, fold(name), u)
        idx.codes[u] = code or ""
    aliases: dict = {}
    for u, _code, text, _name in rows:
        for a in re.split(r"[,;，；\s]+", text or ""):
            k = fold(a)
            if k not in idx.by_code:
                _put(aliases, k, u)
    idx.by_code.update(aliases)
    return idx


def sample_well_table(table) -> dict:
    """Folded sample code → well (code or name as written) from a two-column table (tabular.Table): the first
    column whose header names a sample (样品编号, sample) and the first that names a well (点位, 井, well); without
    such headers the first two columns."""
    headers = [fold(h) for h in table.headers]

    def find(words, default):
        for i, h in enumerate(headers):
            if any(w in h for w in words):
                return i
        return default

    c_sample = find(("样品", "sample"), 0)
    c_well = find(("点位", "井", "well", "站"), 1 if c_sample == 0 else 0)
    if c_sample == c_well or len(table.headers) < 2:
        raise ValueError(tr(TR_CONTEXT, "the sample-to-well table needs a sample code column and a well column"))
    cols = table.columns
    out = {}
    for s, w in zip(cols[c_sample], cols[c_well]):
        if s and w:
            out[fold(s)] = str(w).strip()
    return out
