"""Roster decisions, versioned publication and the official roster listings (seeds 000 §三(二)3, 001 §二(一)1,
004 §三(二)1).

Staff accept or reject the proposals of screening (core/sources/roster_screening.py). Publication model: accepted
entries are the live decisions. ``publish(version)`` copies every accepted entry of a roster into new rows with status
``published`` and ``roster_version = version``: each published version is an immutable snapshot, and a version can be
published once only. ``roster_rows`` gives the rows of the official listing (core/data/reports.py writes it).
No widgets; qgis.PyQt only for translations.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
from dataclasses import dataclass
from typing import Iterable, Optional

from ...toolbelt.i18n import tr
from ..data import schema as S
from ..data.gpkg import utc_now
from .rosters import ROSTERS, RosterError, connect, county_names, reason_zh, today_date

TR_CONTEXT = "rosters"  # the translation context of this module's texts


# ----------------------------------------------------------------------------------------------------------------
# Decisions and publication
# ----------------------------------------------------------------------------------------------------------------
def decide(path, entry_uuids: Iterable, decision: str, user: str, on: Optional[_dt.date] = None) -> int:
    """Accept or reject entries, recording the date and the user. Published snapshot rows cannot be changed.

    Returns the number of entries changed."""
    if decision not in ("accepted", "rejected"):
        raise RosterError(tr(TR_CONTEXT, "A decision is 'accepted' or 'rejected', not {d}.").format(d=decision))
    if not user:
        raise RosterError(tr(TR_CONTEXT, "A decision needs the name of the user who takes it."))
    on = on or today_date()
    if on > today_date():
        raise RosterError(tr(TR_CONTEXT, "The decision date cannot be in the future."))
    ids = list(entry_uuids)
    con = connect(path)
    try:
        marks = ",".join("?" * len(ids)) or "NULL"
        published = con.execute(
            f"SELECT count(*) FROM roster_entries WHERE uuid IN ({marks}) AND status = 'published'", ids
        ).fetchone()[0]
        if published:
            raise RosterError(
                tr(TR_CONTEXT, "{n} of these entries belong to a published roster version and cannot change.").format(
                    n=published
                )
            )
        with con:
            cur = con.execute(
                f"UPDATE roster_entries SET status = ?, decided_on = ?, decided_by = ?, updated_by = ?, updated_at = ? "
                f"WHERE uuid IN ({marks})",
                [decision, on.isoformat(), user, user, utc_now(), *ids],
            )
        return cur.rowcount
    finally:
        con.close()


def versions(path, roster: str) -> list:
    """Published versions of a roster with their dates and sizes: [(version, decided_on, n)], oldest first."""
    con = connect(path, readonly=True)
    try:
        return con.execute(
            "SELECT roster_version, min(decided_on), count(*) FROM roster_entries "
            "WHERE roster = ? AND status = 'published' GROUP BY roster_version ORDER BY min(created_at), roster_version",
            (roster,),
        ).fetchall()
    finally:
        con.close()


def publish(path, roster: str, version: str, user: str, on: Optional[_dt.date] = None) -> int:
    """Snapshot the accepted entries of ``roster`` as published version ``version`` (new rows; once per version)."""
    if roster not in ROSTERS:
        raise RosterError(tr(TR_CONTEXT, "Unknown roster {r}.").format(r=roster))
    version = (version or "").strip()
    if not version:
        raise RosterError(tr(TR_CONTEXT, "A published roster needs a version name."))
    if not user:
        raise RosterError(tr(TR_CONTEXT, "Publishing needs the name of the user who publishes."))
    on = on or today_date()
    con = connect(path)
    try:
        if con.execute(
            "SELECT 1 FROM roster_entries WHERE roster = ? AND status = 'published' AND roster_version = ? LIMIT 1",
            (roster, version),
        ).fetchone():
            raise RosterError(
                tr(TR_CONTEXT, "Version {v} of this roster is published already; choose a new version name.").format(
                    v=version
                )
            )
        rows = con.execute(
            "SELECT county_code, source_uuid, reason FROM roster_entries WHERE roster = ? AND status = 'accepted' "
            "ORDER BY county_code, source_uuid",
            (roster,),
        ).fetchall()
        if not rows:
            raise RosterError(tr(TR_CONTEXT, "The roster has no accepted entry to publish."))
        now = utc_now()
        with con:
            con.executemany(
                "INSERT INTO roster_entries (uuid, county_code, created_at, created_by, updated_at, updated_by, source_uuid, "
                "roster, status, reason, decided_on, decided_by, roster_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)",
                [
                    (str(_uuid.uuid4()), c, now, user, now, user, s, roster, r, on.isoformat(), user, version)
                    for c, s, r in rows
                ],
            )
        return len(rows)
    finally:
        con.close()


@dataclass
class RosterRow:
    no: int
    name: str
    uscc: str
    county: str
    category: str
    address: str
    reason: str
    source_uuid: str
    county_code: str


def roster_rows(path, roster: str, version: Optional[str] = None, lang: str = "zh") -> list:
    """Rows of the official listing: a published ``version``, or the accepted entries when ``version`` is None."""
    con = connect(path, readonly=True)
    try:
        names = county_names(con)
        if version is None:
            where, args = "e.status = 'accepted'", (roster,)
        else:
            where, args = "e.status = 'published' AND e.roster_version = ?", (roster, version)
        rows = con.execute(
            "SELECT p.name_zh, p.uscc, e.county_code, p.category, p.address, e.reason, e.source_uuid "
            "FROM roster_entries e LEFT JOIN pollution_sources p ON p.uuid = e.source_uuid "
            f"WHERE e.roster = ? AND {where} ORDER BY e.county_code, p.name_zh",
            args,
        ).fetchall()
    finally:
        con.close()
    cats = S.codelist("source_category")
    out = []
    for i, (name, uscc, county, cat, addr, reason, su) in enumerate(rows, start=1):
        text = reason_zh(reason) if lang.startswith("zh") else (reason or "").split("\n")[-1]
        out.append(
            RosterRow(
                i,
                name or "",
                uscc or "",
                names.get(county, county or ""),
                cats.label(cat, lang) if cat else "",
                addr or "",
                text,
                su,
                county or "",
            )
        )
    return out
