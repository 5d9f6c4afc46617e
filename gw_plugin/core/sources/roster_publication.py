"""Roster decisions, versioned publication and the official roster listings (seeds 000 §三(二)3, 001 §二(一)1,
004 §三(二)1).

Staff accept or reject the proposals of screening (core/sources/roster_screening.py) and take members off a roster
(``remove``: who, when, why). Publication model: accepted and removed entries are the live decisions.
``publish(version)`` writes new rows with status ``published`` and ``roster_version = version``: the previous published
version (an imported one included) plus the sources whose latest decision is accepted, minus those whose latest
decision is removed. Each published version is an immutable snapshot, and a version can be published once only;
``import_problems`` keeps an imported list to the same rules (it needs its version; published rows never change). ``roster_rows`` gives the rows of the official listing (core/data/reports.py writes it).
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


def _latest_decisions(con, roster: str) -> dict:
    """{source uuid: (status, county, reason)} — the latest live decision (accepted or removed) per source, by
    decision date then modification time."""
    out: dict = {}
    for su, st, county, reason in con.execute(
        "SELECT source_uuid, status, county_code, reason FROM roster_entries WHERE roster = ? "
        "AND status IN ('accepted', 'removed') ORDER BY coalesce(decided_on, ''), coalesce(updated_at, ''), fid",
        (roster,),
    ):
        out[su] = (st, county, reason)
    return out


def latest_version(con, roster: str) -> Optional[str]:
    """The latest published version of a roster (by publication date, then creation), or None."""
    row = con.execute(
        "SELECT roster_version FROM roster_entries WHERE roster = ? AND status = 'published' GROUP BY roster_version "
        "ORDER BY max(coalesce(decided_on, '')) DESC, max(created_at) DESC, roster_version DESC LIMIT 1",
        (roster,),
    ).fetchone()
    return row[0] if row else None


def next_version_members(con, roster: str) -> dict:
    """{source uuid: (county, reason)} of the next version: the latest published version, plus the sources whose
    latest decision is ``accepted``, minus those whose latest decision is ``removed``."""
    members = {}
    prev = latest_version(con, roster)
    if prev is not None:
        for su, county, reason in con.execute(
            "SELECT source_uuid, county_code, reason FROM roster_entries WHERE roster = ? AND status = 'published' "
            "AND roster_version = ?",
            (roster, prev),
        ):
            members[su] = (county, reason)
    for su, (st, county, reason) in _latest_decisions(con, roster).items():
        if st == "accepted":
            members.setdefault(su, (county, reason))
        else:
            members.pop(su, None)
    return members


def publish(path, roster: str, version: str, user: str, on: Optional[_dt.date] = None) -> int:
    """Publish version ``version`` of ``roster`` as new ``published`` rows (once per version): the previous
    published version (an imported one included) plus the accepted entries minus the removed ones. Published rows
    are never changed afterwards."""
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
        members = next_version_members(con, roster)
        if not members:
            raise RosterError(tr(TR_CONTEXT, "The roster has no accepted entry to publish."))
        rows = sorted((c or "000000", s, r) for s, (c, r) in members.items())
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


def remove(path, roster: str, source_uuids: Iterable, user: str, reason: str, on: Optional[_dt.date] = None) -> int:
    """Decide to take sources off ``roster`` from its next version (who, when, why): a ``removed`` entry per source
    (an open proposal or acceptance of the source becomes that entry). Published rows stay as they are."""
    if roster not in ROSTERS:
        raise RosterError(tr(TR_CONTEXT, "Unknown roster {r}.").format(r=roster))
    if not user:
        raise RosterError(tr(TR_CONTEXT, "A decision needs the name of the user who takes it."))
    if not (reason or "").strip():
        raise RosterError(tr(TR_CONTEXT, "Taking a source off a roster needs a reason."))
    on = on or today_date()
    if on > today_date():
        raise RosterError(tr(TR_CONTEXT, "The decision date cannot be in the future."))
    con = connect(path)
    try:
        now = utc_now()
        n = 0
        with con:
            for su in source_uuids:
                live = con.execute(
                    "SELECT uuid FROM roster_entries WHERE roster = ? AND source_uuid = ? "
                    "AND status IN ('proposed', 'accepted') ORDER BY fid DESC LIMIT 1",
                    (roster, su),
                ).fetchone()
                if live:
                    con.execute(
                        "UPDATE roster_entries SET status = 'removed', reason = ?, decided_on = ?, decided_by = ?, "
                        "updated_at = ?, updated_by = ? WHERE uuid = ?",
                        (reason.strip(), on.isoformat(), user, now, user, live[0]),
                    )
                else:
                    county = con.execute("SELECT county_code FROM pollution_sources WHERE uuid = ?", (su,)).fetchone()
                    if county is None:
                        raise RosterError(tr(TR_CONTEXT, "No pollution source {u}.").format(u=su))
                    con.execute(
                        "INSERT INTO roster_entries (uuid, county_code, created_at, created_by, updated_at, updated_by, "
                        "source_uuid, roster, status, reason, decided_on, decided_by) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'removed', ?, ?, ?)",
                        (str(_uuid.uuid4()), county[0] or "000000", now, user, now, user, su, roster, reason.strip(),
                         on.isoformat(), user),
                    )  # fmt: skip
                n += 1
        return n
    finally:
        con.close()


def import_problems(rows: Iterable, database) -> list:
    """Why rows of an imported roster list cannot be written (core/sources/ledgers.py calls this for
    ``roster_entries``): [(row number, column, code, message)].

    ``rows``: objects with ``row`` (number), ``values`` (field → value; ``status`` defaults to published) and
    ``changes`` (field → (old, new)) as core/sources/ledgers.py validates them. An imported list is a published
    version: it needs its version (名录版本) and may not add to or change a version that is published already."""
    con = connect(database, readonly=True)
    try:
        published = {
            (r[0], r[1])
            for r in con.execute(
                "SELECT DISTINCT roster, roster_version FROM roster_entries WHERE status = 'published'"
            )
        }
    finally:
        con.close()
    out = []
    for r in rows:
        v = r.values
        if v.get("status", "published") != "published":
            continue
        if not (v.get("roster_version") or "").strip():
            out.append(
                (r.row, "roster_version", "missing_version",
                 tr(TR_CONTEXT, "An imported roster is a published version: give its version (名录版本)."))
            )  # fmt: skip
        elif r.changes or (
            getattr(r, "match_fid", None) is None and (v.get("roster"), v["roster_version"]) in published
        ):
            out.append(
                (r.row, "roster_version", "published_version",
                 tr(TR_CONTEXT, "Version {v} of this roster is published and cannot change.").format(v=v["roster_version"]))
            )  # fmt: skip
    return out


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
