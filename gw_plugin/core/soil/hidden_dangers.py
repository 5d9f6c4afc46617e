"""Hidden-danger investigation and rectification ledger of the soil key supervised units (seed 001 二(一)2(2)):
"建立隐患排查和整改台账。新增的重点监管单位应在纳入名录后一年内开展隐患排查……落实隐患排查质量和整改效果'回头看'".

- A unit is on the roster ``soil_key_supervised`` when an entry of it is accepted or published (roster_entries);
  its listing date is the earliest ``decided_on`` of those entries (else the day the entry was created).
- Deadline: one year after the listing date (the same day of the next year; 29 February → 28 February).
- Status of the first (initial) investigation as of a date: ``on_time`` (finished by the deadline), ``late``
  (finished after it), ``in_progress`` / ``not_started`` (deadline still ahead), ``overdue`` (deadline passed and
  not finished).
- The ledger: every hidden danger found, its rectification deadline and dates; ``open``, ``overdue`` (rectify_by
  passed), ``rectified`` (not yet verified), ``verified``.
- "回头看" (look back): candidates are the units whose investigation is finished — those that also rectified every
  hidden danger, or whose site has soil or groundwater exceeding, come first (the seed names these groups) — and
  that were not looked back at yet; a batch is recorded as investigations of kind ``lookback`` with a batch id.

Pure logic over the project GeoPackage (sqlite3); no widgets.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid as _uuid
from dataclasses import dataclass
from typing import Optional

from ...toolbelt.i18n import tr
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction

TR_CONTEXT = "HiddenDangers"
ROSTER = "soil_key_supervised"
KINDS = ("initial", "periodic", "lookback")
LEVELS = ("major", "general")


class HiddenDangerError(ValueError):
    """A record that cannot be written (message meant for the user)."""


def one_year_after(day: _dt.date) -> _dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _date(v) -> Optional[_dt.date]:
    if v in (None, ""):
        return None
    if isinstance(v, _dt.date):
        return v if not isinstance(v, _dt.datetime) else v.date()
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        raise HiddenDangerError(tr(TR_CONTEXT, "{d} is not a date (YYYY-MM-DD).").format(d=v)) from None


def _ro(path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def listing_dates(con: sqlite3.Connection) -> dict:
    """source uuid → the date it was put on the soil key supervised units roster."""
    out = {}
    for source, decided, created in con.execute(
        "SELECT source_uuid, min(decided_on), min(created_at) FROM roster_entries WHERE roster = ? "
        "AND status IN ('accepted', 'published') GROUP BY source_uuid",
        (ROSTER,),
    ):
        day = _date(decided) or _date(created)
        if day is not None:
            out[source] = day
    return out


@dataclass(frozen=True)
class UnitStatus:
    source_uuid: str
    source_code: str
    name_zh: str
    county_code: str
    listed_on: _dt.date
    deadline: _dt.date
    started_on: Optional[_dt.date]
    finished_on: Optional[_dt.date]
    status: str  # on_time | late | in_progress | not_started | overdue
    open_dangers: int
    overdue_dangers: int


def _initial(con: sqlite3.Connection) -> dict:
    """source uuid → (started_on, finished_on) of its first initial investigation."""
    out = {}
    for source, started, finished in con.execute(
        "SELECT source_uuid, started_on, finished_on FROM hd_investigations WHERE kind = 'initial' "
        "ORDER BY started_on, uuid"
    ):
        out.setdefault(source, (_date(started), _date(finished)))
    return out


def danger_state(rectify_by, rectified_on, verified_on, today: _dt.date) -> str:
    if verified_on:
        return "verified"
    if rectified_on:
        return "rectified"
    if rectify_by and _date(rectify_by) < today:
        return "overdue"
    return "open"


def investigation_status(path, today: Optional[_dt.date] = None) -> list:
    """One :class:`UnitStatus` per unit on the roster, by county and code."""
    today = today or _dt.date.today()
    con = _ro(path)
    try:
        listed = listing_dates(con)
        first = _initial(con)
        dangers: dict = {}
        for source, rectify_by, rectified, verified in con.execute(
            "SELECT source_uuid, rectify_by, rectified_on, verified_on FROM hidden_dangers"
        ):
            state = danger_state(rectify_by, rectified, verified, today)
            d = dangers.setdefault(source, [0, 0])
            d[0] += state in ("open", "overdue")
            d[1] += state == "overdue"
        names = {
            r[0]: r[1:] for r in con.execute("SELECT uuid, source_code, name_zh, county_code FROM pollution_sources")
        }
    finally:
        con.close()
    out = []
    for source, day in listed.items():
        deadline = one_year_after(day)
        started, finished = first.get(source, (None, None))
        if finished is not None:
            status = "on_time" if finished <= deadline else "late"
        elif today > deadline:
            status = "overdue"
        else:
            status = "in_progress" if started else "not_started"
        code, name, county = names.get(source, ("", "", ""))
        open_n, overdue_n = dangers.get(source, (0, 0))
        out.append(
            UnitStatus(
                source,
                code or "",
                name or "",
                county or "",
                day,
                deadline,
                started,
                finished,
                status,
                open_n,
                overdue_n,
            )
        )
    return sorted(out, key=lambda u: (u.county_code, u.source_code, u.source_uuid))


def record_investigation(
    path,
    source_uuid: str,
    kind: str,
    started_on,
    finished_on=None,
    batch_id: Optional[str] = None,
    organisation: Optional[str] = None,
    report_ref: Optional[str] = None,
    user: str = "",
    con: Optional[sqlite3.Connection] = None,
) -> str:
    """Write one investigation (one transaction unless ``con`` is given); returns its uuid."""
    if kind not in KINDS:
        raise HiddenDangerError(tr(TR_CONTEXT, "{k} is not a kind of investigation.").format(k=kind))
    start, finish = _date(started_on), _date(finished_on)
    if finish is not None and finish < start:
        raise HiddenDangerError(tr(TR_CONTEXT, "An investigation cannot finish before it starts."))
    own = con is None
    con = con or open_db(str(path))
    try:
        row = con.execute("SELECT county_code FROM pollution_sources WHERE uuid = ?", (source_uuid,)).fetchone()
        if row is None:
            raise HiddenDangerError(tr(TR_CONTEXT, "There is no pollution source {u}.").format(u=source_uuid))
        new, now = str(_uuid.uuid4()), utc_now()
        sql = (
            "INSERT INTO hd_investigations (uuid, county_code, created_at, created_by, updated_at, updated_by, "
            "source_uuid, kind, batch_id, started_on, finished_on, organisation, report_ref) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        args = (
            new,
            row[0] or "000000",
            now,
            user,
            now,
            user,
            source_uuid,
            kind,
            batch_id,
            start.isoformat(),
            finish.isoformat() if finish else None,
            organisation,
            report_ref,
        )
        if own:
            with transaction(con):
                con.execute(sql, args)
        else:
            con.execute(sql, args)
    finally:
        if own:
            con.close()
    return new


def add_danger(
    path,
    investigation_uuid: str,
    description: str,
    found_on,
    level: str = "general",
    rectify_by=None,
    facility: Optional[str] = None,
    user: str = "",
) -> str:
    """Add a hidden danger found by an investigation to the ledger; returns its uuid."""
    if level not in LEVELS:
        raise HiddenDangerError(tr(TR_CONTEXT, "{l} is not a level of hidden danger.").format(l=level))
    if not (description or "").strip():
        raise HiddenDangerError(tr(TR_CONTEXT, "Describe the hidden danger."))
    found, due = _date(found_on), _date(rectify_by)
    if due is not None and due < found:
        raise HiddenDangerError(tr(TR_CONTEXT, "The rectification deadline is before the day the danger was found."))
    con = open_db(str(path))
    try:
        with transaction(con):
            inv = con.execute(
                "SELECT source_uuid, county_code FROM hd_investigations WHERE uuid = ?", (investigation_uuid,)
            ).fetchone()
            if inv is None:
                raise HiddenDangerError(tr(TR_CONTEXT, "There is no investigation {u}.").format(u=investigation_uuid))
            new, now = str(_uuid.uuid4()), utc_now()
            con.execute(
                "INSERT INTO hidden_dangers (uuid, county_code, created_at, created_by, updated_at, updated_by, "
                "investigation_uuid, source_uuid, facility, description, level, found_on, rectify_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new,
                    inv[1],
                    now,
                    user,
                    now,
                    user,
                    investigation_uuid,
                    inv[0],
                    facility,
                    description.strip(),
                    level,
                    found.isoformat(),
                    due.isoformat() if due else None,
                ),
            )
    finally:
        con.close()
    return new


def rectify(path, danger_uuid: str, rectified_on, verified_on=None, user: str = "") -> None:
    """Record the rectification (and, when given, its verification) of a hidden danger."""
    done, checked = _date(rectified_on), _date(verified_on)
    if checked is not None and checked < done:
        raise HiddenDangerError(tr(TR_CONTEXT, "A rectification cannot be verified before it is done."))
    con = open_db(str(path))
    try:
        with transaction(con):
            cur = con.execute(
                "UPDATE hidden_dangers SET rectified_on = ?, verified_on = ?, updated_at = ?, updated_by = ? "
                "WHERE uuid = ?",
                (done.isoformat(), checked.isoformat() if checked else None, utc_now(), user, danger_uuid),
            )
            if cur.rowcount == 0:
                raise HiddenDangerError(tr(TR_CONTEXT, "There is no hidden danger {u}.").format(u=danger_uuid))
    finally:
        con.close()


def ledger(path, today: Optional[_dt.date] = None) -> list:
    """The rectification ledger: every hidden danger (dict with the table's fields, source_code and ``state``),
    oldest first."""
    today = today or _dt.date.today()
    con = _ro(path)
    try:
        cur = con.execute(
            "SELECT d.uuid, d.source_uuid, p.source_code, p.name_zh, d.county_code, d.facility, d.description, "
            "d.level, d.found_on, d.rectify_by, d.rectified_on, d.verified_on FROM hidden_dangers d "
            "LEFT JOIN pollution_sources p ON p.uuid = d.source_uuid ORDER BY d.found_on, d.uuid"
        )
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()
    for r in rows:
        r["state"] = danger_state(r["rectify_by"], r["rectified_on"], r["verified_on"], today)
    return rows


def lookback_candidates(path) -> list:
    """Units with a finished investigation not looked back at yet: (source uuid, reasons), units the seed names
    (all hidden dangers rectified; soil or groundwater exceeding at their site) first."""
    con = _ro(path)
    try:
        listed = set(listing_dates(con))
        done = {
            r[0]
            for r in con.execute(
                "SELECT source_uuid FROM hd_investigations WHERE kind IN ('initial', 'periodic') "
                "AND finished_on IS NOT NULL"
            )
        }
        looked = {r[0] for r in con.execute("SELECT source_uuid FROM hd_investigations WHERE kind = 'lookback'")}
        rectified = {
            r[0]
            for r in con.execute(
                "SELECT source_uuid FROM hidden_dangers GROUP BY source_uuid HAVING sum(rectified_on IS NULL) = 0"
            )
        }
        exceeding = {
            r[0]
            for r in con.execute(
                "SELECT p.uuid FROM pollution_sources p JOIN sites s ON s.uuid = p.site_uuid "
                "WHERE s.soil_exceedance = 'exceeding' OR s.gw_exceedance = 'exceeding'"
            )
        }
    finally:
        con.close()
    out = []
    for source in sorted((done & listed) - looked):
        reasons = ["investigated"]
        if source in rectified:
            reasons.append("rectified")
        if source in exceeding:
            reasons.append("exceeding")
        out.append((source, tuple(reasons)))
    return sorted(out, key=lambda c: (-len(c[1]), c[0]))


def record_lookback(path, batch_id: str, source_uuids, started_on, user: str = "") -> list:
    """A "回头看" batch: one lookback investigation per unit, one transaction; a batch id used already is refused."""
    if not (batch_id or "").strip():
        raise HiddenDangerError(tr(TR_CONTEXT, "Name the look-back batch."))
    con = open_db(str(path))
    try:
        with transaction(con):
            if con.execute("SELECT 1 FROM hd_investigations WHERE batch_id = ? LIMIT 1", (batch_id,)).fetchone():
                raise HiddenDangerError(tr(TR_CONTEXT, "The batch {b} is recorded already.").format(b=batch_id))
            return [
                record_investigation(path, s, "lookback", started_on, batch_id=batch_id, user=user, con=con)
                for s in source_uuids
            ]
    finally:
        con.close()
