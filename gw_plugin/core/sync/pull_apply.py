"""Pull, the bulk path: one page of pulled rows of a table applied to the GeoPackage (used by pull.py). Features this
file already holds at that revision are skipped; features with a pending local change are handed back for the
three-way merge; new features are inserted; the others are compared with the stored row (the geometry as its WKB
in hex on both sides, so an unchanged one is neither converted nor written; the differing positions found in C,
the rows grouped by them, a doubt about another form of the same value settled by ``wire.same``) and updated in
place, only the columns whose value differs, one statement per set of changed columns (no index or R-tree churn
for unchanged columns). No QGIS import.
"""

from __future__ import annotations

import re
import sqlite3
from itertools import compress, count, repeat
from operator import itemgetter, lt, ne, not_

from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P
from .local import LocalTables
from .wire import same, select_expr

#: rows a pull fetches and applies at a time
PAGE = 5000
_PLAIN = frozenset(("text", "uuid", "real", "integer"))  # one Python type has one form: == decides
# 'YYYY-MM-DDTHH:MM:SS.mmmZ', the form the GeoPackage triggers, the platform (wire.select_expr) and the sync write:
# two different texts of it are two different instants
_canon_dt = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z").fullmatch


class QuietUpdates:
    """While one pull writes many rows of a table, the triggers that run for every updated row and do nothing in a
    pull are dropped, and put back before the pull commits (``restore``; a rollback puts them back too): the
    change-tracking update trigger (``gwsync_<table>_upd``, silent during a pull: changelog.applying) and OGR's
    R-tree triggers for a changed fid (``AFTER UPDATE ON <table> WHEN OLD.fid != NEW.fid``; a pull never changes a
    fid). Without them SQLite runs no trigger program for a row whose geometry did not change."""

    BULK = 1000  # rows updated in one page from which the triggers are dropped (they cost more than the DDL then)

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.saved = {}

    def before_updates(self, table: str, n: int) -> None:
        if n < self.BULK or table in self.saved:
            return
        own = f"{C.TRACK_PREFIX}{table}_upd"
        fid_change = re.compile(
            r'AFTER\s+UPDATE\s+ON\s+"?' + re.escape(table) + r'"?\s+WHEN\s+OLD\."?fid"?\s*!=\s*NEW\."?fid"?\s', re.I
        )
        self.saved[table] = dropped = []
        for name, ddl in self.con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
        ).fetchall():
            if name == own or (name.startswith("rtree_") and fid_change.search(ddl)):
                self.con.execute(f"DROP TRIGGER {C.q(name)}")
                dropped.append(ddl)

    def restore(self) -> None:
        for ddls in self.saved.values():
            for ddl in ddls:
                self.con.execute(ddl)
        self.saved.clear()


def apply_page(local: LocalTables, table: str, rows: list, off: int, srs: int, quiet: QuietUpdates | None = None):
    """Apply ``rows`` of ``table``: (rev, ..., then from position ``off`` the values in the order of
    ``local.cols[table]``, the geometry as hex WKB: ``select_sql``), each feature once. Returns (pulled, merges):
    how many rows were new to this file, and [(rev, values with the geometry as a GeoPackage blob, uuid, (op,
    held))] for the features with a pending local change, left untouched here. ``quiet`` (QuietUpdates) drops
    the triggers that do nothing in a pull before many updates."""
    con = local.con
    cols = local.cols[table]
    ui = cols.index("uuid")
    gi = cols.index("geom") if "geom" in cols else None
    uuids = list(map(itemgetter(off + ui), rows))
    known, entries, have = local_state(local, table, uuids)
    revs = list(map(itemgetter(0), rows))
    fresh = list(map(lt, map(known.get, uuids, repeat(-1)), revs))  # else our own push coming back, or applied
    if not all(fresh):
        rows, uuids, revs = (list(compress(x, fresh)) for x in (rows, uuids, revs))
    pulled = len(rows)
    merges = []
    if entries:
        pending = [u in entries for u in uuids]
        if any(pending):
            merges = [
                (r[0], _local_form(r[off:], gi, srs), u, entries[u]) for r, u in compress(zip(rows, uuids), pending)
            ]
            keep = list(map(not_, pending))
            rows, uuids, revs = (list(compress(x, keep)) for x in (rows, uuids, revs))
    stored = list(map(have.get, uuids))
    new = [L is None for L in stored]
    if any(new):
        ins = [_local_form(r[off:], gi, srs) for r in compress(rows, new)]
        con.executemany(
            f"INSERT INTO {C.q(table)} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})", ins
        )
        old = list(map(not_, new))
        _update(local, table, list(compress(rows, old)), list(compress(stored, old)), off, srs, quiet)
    else:
        _update(local, table, rows, stored, off, srs, quiet)
    con.executemany(
        f"INSERT INTO {C.REVS} (tbl, uuid, rev) VALUES (?, ?, ?) "
        "ON CONFLICT (tbl, uuid) DO UPDATE SET rev = excluded.rev",
        zip(repeat(table), uuids, revs),
    )
    return pulled, merges


def _local_form(values: tuple, gi, srs: int) -> tuple:
    """Pulled values with the geometry (hex WKB) in a GeoPackage blob."""
    if gi is None or values[gi] is None:
        return values
    return (*values[:gi], SG.wkb_to_gpkg(bytes.fromhex(values[gi]), srs), *values[gi + 1 :])


def _update(local: LocalTables, table: str, rows: list, stored: list, off: int, srs: int, quiet) -> None:
    """Update features the file holds (``stored``: their rows as stored, geometry as hex WKB, aligned with ``rows``)
    to the pulled values, only the columns whose value differs in meaning (``wire.same``)."""
    cols = local.cols[table]
    kinds = [local.types[table][c] for c in cols]
    ui = cols.index("uuid")
    gi = cols.index("geom") if "geom" in cols else None
    positions = range(len(cols))
    groups = {}  # differing positions -> (pulled rows, stored rows)
    for r, L in zip(rows, stored):
        v = r[off:]
        if v != L:  # else identical values as stored, a repeated pull (one comparison in C)
            d = tuple(compress(positions, map(ne, v, L)))  # the positions whose values differ, found in C
            grp = groups.get(d)
            if grp is None:
                groups[d] = grp = ([], [])
            grp[0].append(v)
            grp[1].append(L)
    con = local.con
    groups = _real_changes(groups, kinds, gi)
    if quiet is not None:
        quiet.before_updates(table, sum(len(vs) for vs, _ in groups.values()))
    for d, (vs, _) in groups.items():
        values = [list(map(itemgetter(i), vs)) for i in (*d, ui)]
        if gi in d:  # a new blob only where the geometry changed
            k = d.index(gi)
            values[k] = [None if w is None else SG.wkb_to_gpkg(bytes.fromhex(w), srs) for w in values[k]]
        sets = ", ".join(f"{C.q(cols[i])} = ?" for i in d)
        con.executemany(f"UPDATE {C.q(table)} SET {sets} WHERE uuid = ?", zip(*values))


def _real_changes(groups: dict, kinds: list, gi) -> dict:
    """The groups of (pulled, stored) rows by the positions whose values differ, kept where the values differ in
    meaning; a row where one may be another form of the same value (``_doubtful``) is decided by ``wire.same``
    and regrouped."""
    out = {}
    for d, (vs, ls) in groups.items():
        doubtful = set()
        for i in d:
            if i != gi:  # two geometries (hex WKB) that differ are different
                pick = itemgetter(i)
                doubtful.update(_doubtful(kinds[i], list(map(pick, vs)), list(map(pick, ls))))
        if not doubtful:
            grp = out.setdefault(d, ([], []))
            grp[0].extend(vs)
            grp[1].extend(ls)
            continue
        for j, (v, L) in enumerate(zip(vs, ls)):
            dd = d if j not in doubtful else tuple(i for i in d if i == gi or not same(kinds[i], v[i], L[i]))
            if dd:
                grp = out.setdefault(dd, ([], []))
                grp[0].append(v)
                grp[1].append(L)
    return out


def _doubtful(kind: str, server: list, mine: list) -> list:
    """Indexes of differing values that may still be the same value: two values of one plain type that differ are
    different, and so are a value and NULL, and two date-times in the canonical form; not so, say, an integer and a
    real, or a date-time in another text form (``wire.same`` decides those)."""
    types = set(map(type, server)) | set(map(type, mine))
    types.discard(type(None))
    if kind in _PLAIN:
        if len(types) <= 1:
            return []  # one type (and NULLs): every difference is one (the usual case, found in C)
        return [j for j, a, b in zip(count(), server, mine) if type(a) is not type(b) and None not in (a, b)]
    if kind == "datetime":
        if types <= {str} and all(map(_canon_dt, filter(None, server))) and all(map(_canon_dt, filter(None, mine))):
            return []  # canonical texts (and NULLs, found in C)
        return [
            j
            for j, a, b in zip(count(), server, mine)
            if None not in (a, b) and not (type(a) is str is type(b) and _canon_dt(a) and _canon_dt(b))
        ]
    return [j for j, a, b in zip(count(), server, mine) if None not in (a, b)]


def local_state(local: LocalTables, table: str, uuids: list, rows: bool = True):
    """For the features ``uuids`` of ``table``: the server revision each reflects, the change-log entry of each with
    a pending local change ((op, held)) and (with ``rows``) the stored row (a tuple in ``local.cols`` order, the
    geometry as its hex WKB, as pulled), by uuid; one statement each for up to SQLite's parameter limit of uuids."""
    con = local.con
    cols = local.cols[table]
    ui = cols.index("uuid")
    sel = ", ".join(_wkb_sql(C.q(c)) if c == "geom" else C.q(c) for c in cols)
    known, entries, have = {}, {}, {}
    n = max_params(con) - 1
    for i in range(0, len(uuids), n):
        chunk = uuids[i : i + n]
        marks = ",".join("?" * len(chunk))
        known.update(
            con.execute(f"SELECT uuid, rev FROM {C.REVS} WHERE tbl = ? AND uuid IN ({marks})", [table, *chunk])
        )
        entries.update(
            (u, (op, held))
            for u, op, held in con.execute(
                f"SELECT uuid, op, held FROM {C.CHANGELOG} WHERE tbl = ? AND uuid IN ({marks})", [table, *chunk]
            )
        )
        if rows:
            have.update(
                (r[ui], r) for r in con.execute(f"SELECT {sel} FROM {C.q(table)} WHERE uuid IN ({marks})", chunk)
            )
    return known, entries, have


def _wkb_sql(col: str) -> str:
    """SQLite SQL for the WKB in a GeoPackage geometry blob (sqlite_gpkg.gpkg_to_wkb) in lower-case hex, as
    ``select_sql`` reads the platform's: after the 8-byte header and the envelope its flags byte announces (OGC
    GeoPackage 1.3, clause 2.1.3: bits 1-3, 0 none, 1 XY 32 bytes, 2-3 XYZ or XYM 48, 4 XYZM 64); a blob without
    the GP magic as it is."""
    flags = f"coalesce(unicode(CAST(substr({col}, 4, 1) AS TEXT)), 0)"
    env = f"CASE ({flags} >> 1) & 7 WHEN 0 THEN 0 WHEN 1 THEN 32 WHEN 2 THEN 48 WHEN 3 THEN 48 WHEN 4 THEN 64 END"
    wkb = f"CASE WHEN substr({col}, 1, 2) = x'4750' THEN substr({col}, 9 + {env}) ELSE {col} END"
    return f"CASE WHEN {col} IS NOT NULL THEN lower(hex({wkb})) END"  # hex(NULL) is '', NULL stays NULL


def select_sql(col: str, ftype: str):
    """The platform's column in the form pulled rows carry (``wire.select_expr``), but a geometry as its WKB in
    lower-case hex, compared as text with the stored one (``_wkb_sql``)."""
    if ftype == "geom":
        q = P.sql()
        return q.SQL("pg_catalog.encode(ST_AsBinary({}), 'hex')").format(q.Identifier(col))
    return select_expr(col, ftype)


def max_params(con: sqlite3.Connection) -> int:
    """Parameters one statement binds at most here: a page's worth within SQLite's limit where Python can read it
    (3.11+), else 999, the limit before SQLite 3.32 (https://www.sqlite.org/limits.html, item 9)."""
    try:
        return max(100, min(con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), PAGE + 1))
    except AttributeError:
        return 999
