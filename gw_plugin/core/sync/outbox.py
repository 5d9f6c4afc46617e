"""The outbox of a push: the pending changes of the GeoPackage snapshotted into ``gw_outbox`` under a push sequence,
each in the typed COPY form the platform's staging tables take (server_push_sql.py), and read back (what was sent).

An outbox row is (ord, tbl, uuid, op, base_rev, data); ``data`` is ``<mask>\\t<field>\\t<field>...``: the change
mask (bit i = column i of ``server_push_sql.columns`` changed; every bit for an insert) and one COPY text field per
column (``\\N`` for a column not sent; an update always sends the uuid and the county, which the platform checks
the permission on). ``ord`` is the row's position in (table, uuid) order over the whole outbox.

Built set-wise in one SQLite transaction: rows are staged in a temp table (outbox_sql.STAGE), then copied into
gw_outbox in order. One SQLite query per table finds, per feature, which columns differ from the base (a bit mask);
per distinct mask one INSERT ... SELECT writes the COPY text of the common updates inside SQLite, and the deletes
likewise (outbox_sql.py). The rest (inserts, a changed geometry, values stored in another form, refusals) is read
(only the changed values) and written here in Python; ``set_wise=False`` sends everything that way (the reference
the tests hold the set-wise part to). No JSON per row. Files whose push in flight was prepared by an older plugin
keep their JSON ``data`` (resent verbatim under the same payload hash: ``payload_of``). No QGIS import.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from operator import itemgetter
from typing import Optional

from ..data import schema as S
from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import outbox_sql as Q
from . import server_schema as P
from .local import LocalTables
from .report import SyncReport
from .server_push_sql import columns as server_columns
from .wire import META_FIELDS, from_wire, row_json, same, to_wire

_ATTACHMENT_PATH = re.compile(P.ATTACHMENT_PATH_RE)
NULL = "\\N"
_ESC = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UNESC = re.compile(r"\\(.)")
_UNESC_MAP = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def check_attachment_row(row: dict) -> None:
    """ValueError unless an attachments row names its file ``attachments/<sha256>.<ext>`` by its own sha256 (the
    platform refuses any other path, and no client writes a file elsewhere)."""
    path, sha = row.get("file_path"), row.get("sha256")
    if path is None:
        return
    if not isinstance(path, str) or not _ATTACHMENT_PATH.match(path):
        raise ValueError(f"attachment file_path {path!r} is not attachments/<sha256>.<ext>")
    if sha != path[12:76]:
        raise ValueError(f"attachment file_path {path!r} does not name the file's sha256 {sha!r}")


def copy_field(ftype: str, v, srid: int, geometry: Optional[str] = None) -> str:
    """The COPY text of a local value (ValueError with the reason when the platform could not take it)."""
    w = to_wire(ftype, v, srid, geometry)
    if w is None:
        return NULL
    if ftype == "boolean":
        return "t" if w else "f"
    if ftype in ("integer", "real"):
        return repr(w)
    if ftype == "geom":
        return w
    return w.translate(_ESC)


def fast_copy_field(ftype: str, srid: int, geometry: Optional[str] = None):
    """``copy_field`` for one column type, with the common cases (a plain text, a finite float, a canonical
    date-time) done inline; anything else goes through ``copy_field`` (and its checks)."""

    def slow(v):
        return copy_field(ftype, v, srid, geometry)

    if ftype == "text":

        def conv(v):
            if v is None:
                return NULL
            if type(v) is str and "\x00" not in v:
                return v.translate(_ESC)
            return slow(v)

    elif ftype == "real":

        def conv(v):
            if v is None:
                return NULL
            if type(v) is float and v - v == 0.0:  # finite
                return repr(v)
            return slow(v)

    elif ftype == "datetime":

        def conv(v):  # the form every writer of the file uses; the platform refuses an impossible date itself
            if v is None:
                return NULL
            if type(v) is str and len(v) == 24 and _CANON_DT.match(v):
                return v
            return slow(v)

    else:
        conv = slow
    return conv


_CANON_DT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
_PLAIN_TYPES = frozenset(("text", "uuid", "real", "integer"))


def _wire_of_field(ftype: str, s: str):
    """The wire value (to_wire's form) of one COPY text field."""
    if s == NULL:
        return None
    if ftype == "boolean":
        return s == "t"
    if ftype == "integer":
        return int(s)
    if ftype == "real":
        return float(s)
    if ftype == "geom":
        return s
    return _UNESC.sub(lambda m: _UNESC_MAP.get(m.group(1), m.group(1)), s)


def outbox_values(tbl: str, data: str) -> dict:
    """{column: wire value} of what one outbox row sends: the masked columns and the county (an update), every
    column (an insert), the county (a delete). Reads the JSON of an older plugin's outbox too."""
    if data.startswith("{"):
        return json.loads(data)
    t = S.table(tbl)
    cols = server_columns(t)
    mask_s, *fields = data.split("\t")
    mask = int(mask_s)
    out = {}
    for i, (c, f) in enumerate(zip(cols, fields)):
        if mask >> i & 1 or (c == "county_code" and f != NULL):
            out[c] = _wire_of_field("geom" if c == "geom" else ("uuid" if c == "uuid" else t.field(c).type), f)
    return out


def staged_line(tbl: str, uuid: str, data: str) -> str:
    """``<mask>\\t<fields>`` for the staging table of ``tbl`` from an outbox row's data, converting the JSON of an
    older plugin's outbox."""
    if not data.startswith("{"):
        return data
    t = S.table(tbl)
    cols = server_columns(t)
    values = json.loads(data)
    mask = 0
    fields = []
    for i, c in enumerate(cols):
        if c == "uuid":
            fields.append(uuid)
        elif c in values:
            mask |= 1 << i  # the county too: the platform moves the feature only when it differs
            v = values[c]
            if v is None:
                fields.append(NULL)
            elif isinstance(v, bool):
                fields.append("t" if v else "f")
            elif isinstance(v, (int, float)):
                fields.append(repr(v))
            else:
                fields.append(str(v).translate(_ESC))
        else:
            fields.append(NULL)
    if "uuid" in values:  # an insert: every column
        mask = (1 << len(cols)) - 1
    return "\t".join([str(mask), *fields])


def _copy_text(v) -> str:
    if v is None:
        return "\\N"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def payload_of(outbox: list) -> tuple:
    """(text, sha256 hex) of an outbox: the digest the push key is bound to, over the rows exactly as stored (an
    older plugin's JSON outbox keeps its old digest, so its lost reply is still recognised)."""
    if any(r[5] is not None and r[5].startswith("{") for r in outbox):
        text = "".join("\t".join(_copy_text(x) for x in row) + "\n" for row in outbox)
        return text, hashlib.sha256(text.encode("utf-8")).hexdigest()
    h = hashlib.sha256()
    for o, tbl, uuid, op, base_rev, data in outbox:
        h.update(f"{o}\t{tbl}\t{uuid}\t{op}\t{NULL if base_rev is None else base_rev}\t{data}\n".encode())
    return None, h.hexdigest()


def reject_change(local: LocalTables, tbl: str, uuid: str, op: str, reason: str, seq: Optional[int]) -> None:
    """Keep a refused change in gw_rejected and bring the feature back to its last synced state."""
    types = local.types[tbl]
    L = local.row(tbl, uuid)
    B = local.row(tbl, uuid, base=True)
    local.con.execute(
        f"INSERT INTO {C.REJECTED} (tbl, uuid, op, data, base, reason, push_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tbl, uuid, op, row_json(types, L), row_json(types, B), reason, seq),
    )
    if B is not None:
        local.write(tbl, B)
    elif L is not None and op == "I":
        local.delete(tbl, uuid)
    local.drop_entry(tbl, uuid)


class Scope:
    """The pending changes of a table that one part of the outbox takes: ``lo <= uuid < hi`` (None: unbounded).
    ``sql(alias)`` is the condition to AND to a query of the change log, ``args`` its parameters."""

    def __init__(self, lo: Optional[str] = None, hi: Optional[str] = None):
        self.args = tuple(x for x in (lo, hi) if x is not None)
        self._lo, self._hi = lo is not None, hi is not None

    def sql(self, alias: str = "") -> str:
        a = f"{alias}." if alias else ""
        return (f" AND {a}uuid >= ?" if self._lo else "") + (f" AND {a}uuid < ?" if self._hi else "")


WHOLE = Scope()


def _pending(tbl_op: str, scope: Scope = WHOLE) -> str:
    """The pending entries of one op of a table (parameters: the table, then ``scope.args``)."""
    return f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = '{tbl_op}'{scope.sql()}"


def _outbox_rows(
    local: LocalTables, tbl: str, srid: int, report: SyncReport, set_wise: bool = True, scope: Scope = WHOLE
) -> None:
    """Stage (outbox_sql.STAGE) the pending changes of one table (those in ``scope``); refused values go to
    gw_rejected, updates that changed nothing (or only updated_at/by) are dropped.

    The common updates and the deletes are written by SQLite itself (outbox_sql.py); the rest (inserts, updates of
    a geometry or of a value stored in another form, refusals) here. For those, SQLite gives per feature a bit mask
    of the columns whose stored value differs from the base (``IS NOT``) and only those values of both sides; Python
    then judges just those (a different text form of the same value is no change) and writes their COPY text.
    Without ``set_wise`` everything goes through Python (what the tests compare the set-wise part with)."""
    con = local.con
    cols = local.cols[tbl]
    types = local.types[tbl]
    t_obj = S.table(tbl)
    geometry = t_obj.geometry
    scols = server_columns(t_obj)
    sbit = {c: i for i, c in enumerate(scols)}
    nfields = len(scols)
    ui, ci = sbit["uuid"], sbit["county_code"]
    t, b = C.q(tbl), C.q(C.base_table(tbl))
    out = []  # (uuid, op, data) written here

    def refuse(uuid: str, op: str, why: str) -> None:
        reject_change(local, tbl, uuid, op, f"invalid value: {why}", None)
        report.rejected += 1

    if tbl == "attachments":  # a file path of another form never leaves the file (the platform refuses it too)
        for uuid, op, path, sha in con.execute(
            f"SELECT a.uuid, c.op, a.file_path, a.sha256 FROM attachments a JOIN {C.CHANGELOG} c "
            f"ON c.tbl = 'attachments' AND c.uuid = a.uuid AND c.held = 0 AND c.op IN ('I', 'U'){scope.sql('c')}",
            scope.args,
        ).fetchall():
            try:
                check_attachment_row({"file_path": path, "sha256": sha})
            except ValueError as exc:
                refuse(uuid, op, str(exc))
    # inserts: the whole row
    full = str((1 << nfields) - 1)
    conv = {c: fast_copy_field(types[c], srid, geometry) for c in cols}
    lpos = [(sbit[c], conv[c]) for c in cols if c in sbit]
    for uuid, L in local.rows_for(tbl, _pending("I", scope), (tbl, *scope.args), tuples=True).items():
        fields = [NULL] * nfields
        try:
            for (i, cv), v in zip(lpos, L):
                fields[i] = cv(v)
            if fields[ci] in (NULL, ""):
                raise ValueError("county_code is empty")
        except ValueError as exc:
            refuse(uuid, "I", str(exc))
            continue
        out.append((uuid, "I", full + "\t" + "\t".join(fields)))
    # an insert whose row is gone (inserted and deleted, uuid cleared) has nothing to send
    gone = con.execute(
        f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = 'I'{scope.sql()} "
        f"AND uuid NOT IN (SELECT uuid FROM {t} WHERE uuid IS NOT NULL)",
        (tbl, *scope.args),
    ).fetchall()
    for (uuid,) in gone:
        local.drop_entry(tbl, uuid)

    # per column: (column, its bit, converter, a plain type, a meta field)
    spec = {c: (c, sbit[c], conv[c], types[c] in _PLAIN_TYPES, c in META_FIELDS) for c in cols if c in sbit}

    def add_update(uuid: str, pairs, county) -> None:
        """Queue an update from (column, local value, base value) pairs that may differ (IS NOT in SQLite)."""
        fields = [NULL] * nfields
        mask = 0
        real = False
        try:
            for c, x, y in pairs:
                sp = spec.get(c)
                if sp is None:
                    continue
                # two values of one plain type that SQLite found different are different, and so are a plain value and
                # NULL; else judge them (another text form of the same value is no change)
                if not (sp[3] and (type(x) is type(y) or x is None or y is None)) and same(types[c], x, y):
                    continue
                fields[sp[1]] = sp[2](x)
                mask |= 1 << sp[1]
                real = real or not sp[4]
            if not real:
                local.drop_entry(tbl, uuid)  # nothing but updated_at/by (or a text form) changed
                return
            fields[ci] = copy_field("text", county, srid)
            if fields[ci] in (NULL, ""):
                raise ValueError("county_code is empty")
        except ValueError as exc:
            refuse(uuid, "U", str(exc))
            return
        fields[ui] = uuid
        out.append((uuid, "U", f"{mask}\t" + "\t".join(fields)))

    # updates: diffed in SQLite; the common ones written there too (outbox_sql.py), the rest judged here
    data_cols = [c for c in cols if c != "uuid"]
    diff = [f"(l.{C.q(c)} IS NOT b.{C.q(c)})" for c in data_cols]
    # (SQLite gives << and | the same precedence, left to right: every shifted term in its own parentheses)
    masks = [" | ".join(f"({d} << {i})" for i, d in enumerate(diff[k : k + 60])) for k in range(0, len(diff), 60)]
    if len(masks) == 1:
        if set_wise:
            n = con.execute(
                f"SELECT count(*) FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = 'U'{scope.sql()}",
                (tbl, *scope.args),
            ).fetchone()[0]
            every = n == _stage_updates(con, tbl, t, b, masks[0], data_cols, (cols, types, scols), scope)
            # (else some change record has no row or base)
            source = (
                f"{Q.STAGE} s JOIN {t} l ON l.rowid = s.lr JOIN {b} b ON b.rowid = s.br "
                "WHERE s.tbl = ? AND s.op = 'U' AND s.data IS NULL"
            )
        else:
            source = f"{t} l JOIN {b} b ON b.uuid = l.uuid WHERE l.uuid IN ({_pending('U', scope)})"
        seen = set()
        args = (tbl,) if set_wise else (tbl, *scope.args)
        for uuid, county, idx, r in _diff_rows(con, tbl, t, b, masks[0], data_cols, source, args):
            seen.add(uuid)
            add_update(uuid, ((data_cols[i], r[2 * k], r[2 * k + 1]) for k, i in enumerate(idx)), county)
        if not set_wise:
            rest = [u for (u,) in con.execute(_pending("U", scope), (tbl, *scope.args)) if u not in seen]
        else:
            if seen:  # written here: their placeholders go
                con.execute(f"DELETE FROM {Q.STAGE} WHERE tbl = ? AND op = 'U' AND data IS NULL", (tbl,))
            if every:
                rest = []
            else:  # a change record without its row or base
                seen.update(u for (u,) in con.execute(f"SELECT uuid FROM {Q.STAGE} WHERE tbl = ? AND op = 'U'", (tbl,)))
                rest = [u for (u,) in con.execute(_pending("U", scope), (tbl, *scope.args)) if u not in seen]
    else:  # more than 60 columns: diff in Python
        rest = [u for (u,) in con.execute(_pending("U", scope), (tbl, *scope.args))]
    for uuid in rest:
        L, B = local.row(tbl, uuid), local.row(tbl, uuid, base=True)
        if L is None or B is None:
            refuse(uuid, "U", "change record without its row or base")
            continue
        add_update(uuid, ((c, L[c], B[c]) for c in data_cols), L["county_code"])
    # deletes: the county of the base (what the server checks the permission on)
    if set_wise:
        con.execute(*Q.delete_sql(tbl, cols, scols, scope.sql("c"), scope.args))
        todo = con.execute(f"SELECT uuid FROM {Q.STAGE} WHERE tbl = ? AND op = 'D' AND data IS NULL", (tbl,)).fetchall()
        if todo:
            con.execute(f"DELETE FROM {Q.STAGE} WHERE tbl = ? AND op = 'D' AND data IS NULL", (tbl,))
    else:
        todo = con.execute(_pending("D", scope), (tbl, *scope.args)).fetchall()
    for (uuid,) in todo:
        county = con.execute(f"SELECT county_code FROM {b} WHERE uuid = ?", (uuid,)).fetchone()
        fields = [NULL] * nfields
        fields[ui] = uuid
        fields[ci] = NULL if not county or county[0] is None else str(county[0]).translate(_ESC)
        out.append((uuid, "D", "0\t" + "\t".join(fields)))
    if len(out) > 1000:  # many (a first push of new features): their revisions in one query, rows in key order
        revs = dict(
            con.execute(
                f"SELECT r.uuid, r.rev FROM {C.CHANGELOG} c JOIN {C.REVS} r ON r.tbl = c.tbl AND r.uuid = c.uuid "
                f"WHERE c.tbl = ? AND c.held = 0{scope.sql('c')}",
                (tbl, *scope.args),
            )
        )
        out.sort()
        con.executemany(
            f"INSERT INTO {Q.STAGE} (tbl, uuid, op, base_rev, data) VALUES (?, ?, ?, ?, ?)",
            [(tbl, u, op, revs.get(u), data) for u, op, data in out],
        )
    else:
        con.executemany(
            f"INSERT INTO {Q.STAGE} (tbl, uuid, op, base_rev, data) "
            f"VALUES (?1, ?2, ?3, (SELECT rev FROM {C.REVS} WHERE tbl = ?1 AND uuid = ?2), ?4)",
            [(tbl, *row) for row in out],
        )


def _stage_updates(
    con, tbl: str, t: str, b: str, mask_sql: str, data_cols: list, shape: tuple, scope: Scope = WHOLE
) -> int:
    """Stage every pending update of ``tbl`` whose feature has a row and a base; returns how many. The data of an
    update is written by SQLite when its change mask is one that outbox_sql.group_data takes and its values qualify;
    the others are staged with NULL data for the Python path. First round: one pass over the pending updates, in
    (table, uuid) order, writing the masks most common in a sample of them; second round, over what is left: its
    distinct masks found, then written (up to outbox_sql.MAX_GROUPS of them)."""
    cols, types, scols = shape

    def exprs(masks) -> dict:
        out = {}
        for m in masks:
            e = Q.group_data(cols, types, scols, [data_cols[i] for i in range(len(data_cols)) if m >> i & 1])
            if e is not None:
                out[m] = e
        return out

    sample = con.execute(
        f"SELECT {mask_sql} AS m FROM (SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = 'U'"
        f"{scope.sql()} LIMIT {Q.SAMPLE}) c JOIN {t} l ON l.uuid = c.uuid JOIN {b} b ON b.uuid = c.uuid "
        f"GROUP BY m ORDER BY count(*) DESC LIMIT {Q.GUESSES}",
        (tbl, *scope.args),
    ).fetchall()
    staged = con.execute(
        Q.updates_sql(tbl, mask_sql, exprs(m for (m,) in sample), scope=scope.sql("c")), (tbl, *scope.args)
    ).rowcount
    d = "temp.gw_outbox_diff"
    con.execute(f"DROP TABLE IF EXISTS {d}")
    con.execute(
        f"CREATE TABLE {d} AS SELECT s.tbl AS tbl, s.uuid AS uuid, s.lr AS lr, s.br AS br, {mask_sql} AS m "
        f"FROM {Q.STAGE} s JOIN {t} l ON l.rowid = s.lr JOIN {b} b ON b.rowid = s.br "
        "WHERE s.tbl = ? AND s.op = 'U' AND s.data IS NULL",
        (tbl,),
    )
    try:
        groups = exprs(m for (m,) in con.execute(f"SELECT DISTINCT m FROM {d} LIMIT {Q.MAX_GROUPS}"))
        if groups:
            source = f"{d} c JOIN {t} l ON l.rowid = c.lr JOIN {b} b ON b.rowid = c.br WHERE c.tbl = ?"
            con.execute(Q.updates_sql(tbl, mask_sql, groups, source), (tbl,))
    finally:
        con.execute(f"DROP TABLE IF EXISTS {d}")
    return staged


def _diff_rows(con, tbl: str, t: str, b: str, mask_sql: str, data_cols: list, source: str, args: tuple):
    """(uuid, county, changed column positions, (local, base) values of those columns flattened) of the updates
    ``source`` selects (``FROM`` text joining the local row ``l`` and its base ``b``; ``args`` its parameters),
    read before anything is written (refusing a change writes to these tables).

    Two passes: the change mask of each feature into a temp table (the least a diff can do), then per distinct mask
    only the columns it names, found again by rowid. Many distinct masks: one query with every column."""
    con.execute("DROP TABLE IF EXISTS temp.gw_diff")
    con.execute(
        f"CREATE TEMP TABLE gw_diff AS SELECT l.rowid AS lr, b.rowid AS br, l.uuid AS uuid, "
        f"l.{C.q('county_code')} AS county, {mask_sql} AS m FROM {source}",
        args,
    )
    try:
        groups = [m for (m,) in con.execute("SELECT DISTINCT m FROM temp.gw_diff")]
        out = []
        if len(groups) > 16:
            values = ", ".join(
                f"CASE WHEN l.{C.q(c)} IS NOT b.{C.q(c)} THEN l.{C.q(c)} END, "
                f"CASE WHEN l.{C.q(c)} IS NOT b.{C.q(c)} THEN b.{C.q(c)} END"
                for c in data_cols
            )
            bits: dict = {}
            for r in con.execute(
                f"SELECT d.uuid, d.county, d.m, {values} FROM temp.gw_diff d JOIN {t} l ON l.rowid = d.lr "
                f"JOIN {b} b ON b.rowid = d.br"
            ).fetchall():
                idx = bits.get(r[2])
                if idx is None:
                    idx = bits[r[2]] = [i for i in range(len(data_cols)) if r[2] >> i & 1]
                out.append((r[0], r[1], idx, [v for i in idx for v in (r[3 + 2 * i], r[4 + 2 * i])]))
            return out
        for m in groups:
            idx = [i for i in range(len(data_cols)) if m >> i & 1]
            values = "".join(f", l.{C.q(data_cols[i])}, b.{C.q(data_cols[i])}" for i in idx)
            for r in con.execute(
                f"SELECT d.uuid, d.county{values} FROM temp.gw_diff d JOIN {t} l ON l.rowid = d.lr "
                f"JOIN {b} b ON b.rowid = d.br WHERE d.m = ?",
                (m,),
            ).fetchall():
                out.append((r[0], r[1], idx, r[2:]))
        return out
    finally:
        con.execute("DROP TABLE IF EXISTS temp.gw_diff")


#: SQLite text of one outbox row as ``payload_of`` hashes it, which is also its line in its staging table's COPY
#: (server_push_sql.STAGE_HEAD, then mask and fields)
LINE_SQL = (
    "ord || char(9) || tbl || char(9) || uuid || char(9) || op || char(9) || coalesce(base_rev, '\\N') || char(9) "
    "|| data || char(10)"
)


def prepare_outbox(
    local: LocalTables,
    srid: int,
    report: SyncReport,
    hold=(),
    set_wise: bool = True,
    lines: Optional[list] = None,
    on_lines=None,
) -> Optional[int]:
    """Snapshot the pending changes into gw_outbox under a new push sequence (one SQLite transaction); the
    (table, uuid) pairs in ``hold`` stay pending for a later push (an attachment whose file did not upload).
    ``set_wise`` False builds every row in Python (the reference the tests hold the set-wise part to). ``lines``,
    when given and a new outbox is written, receives its rows as (ord, tbl, ``LINE_SQL``) in ord order (read as
    the rows are written: push.SentOutbox then need not read them again). ``on_lines``, when given, is called with
    them part by part, in ord order, as the outbox is built (at most ``PART`` changes of a table at a time:
    push.py streams them to the platform meanwhile); the transaction may still fail after a call."""
    con = local.con
    with SG.transaction(con), C.applying(con):
        st = C.state(con)
        if st["inflight_seq"] is not None:
            return st["inflight_seq"]
        con.executemany(f"UPDATE {C.CHANGELOG} SET held = 2 WHERE tbl = ? AND uuid = ? AND held = 0", list(hold))
        Q.create_stage(con)  # (left for the connection's end to free, or the next outbox: dropping it costs)
        try:
            return _snapshot(local, con, st, srid, report, set_wise, lines, on_lines)
        finally:
            con.execute(f"UPDATE {C.CHANGELOG} SET held = 0 WHERE held = 2")


#: pending changes of one table built and written to the outbox at a time when its lines are streamed to the
#: platform (``prepare_outbox``'s ``on_lines``): the platform applies one part while the next is built
PART = 25000


def _snapshot(
    local: LocalTables,
    con,
    st: dict,
    srid: int,
    report: SyncReport,
    set_wise: bool,
    lines: Optional[list] = None,
    on_lines=None,
) -> Optional[int]:
    tables = sorted(
        t for (t,) in con.execute(f"SELECT DISTINCT tbl FROM {C.CHANGELOG} WHERE held = 0") if t in local.cols
    )
    con.execute(f"DELETE FROM {C.OUTBOX}")
    want = lines is not None or on_lines is not None
    written = [0]

    def flush() -> None:
        """The staged rows into the outbox, after those already there (ord: the position in (table, uuid) order over
        the whole outbox: ord, the rowid, is left to SQLite, which numbers rows inserted in that order into the
        emptied table 1, 2, ...; the stage is keyed in that order, so no sort), then out of the stage."""
        if con.execute(f"SELECT 1 FROM {Q.STAGE} WHERE data IS NULL LIMIT 1").fetchone() is not None:
            raise RuntimeError("an outbox row was left without its data")  # a defect of this module, never sent
        insert = (
            f"INSERT INTO {C.OUTBOX} (tbl, uuid, op, base_rev, data) SELECT tbl, uuid, op, base_rev, data "
            f"FROM {Q.STAGE} ORDER BY tbl, uuid"
        )
        if want and sqlite3.sqlite_version_info >= (3, 35, 0):  # RETURNING: the lines as they are written
            got = con.execute(f"{insert} RETURNING ord, tbl, {LINE_SQL}").fetchall()
            got.sort(key=itemgetter(0))  # (SQLite returns them in no promised order)
        elif want:
            con.execute(insert)
            got = con.execute(
                f"SELECT ord, tbl, {LINE_SQL} FROM {C.OUTBOX} WHERE ord > ? ORDER BY ord", (written[0],)
            ).fetchall()
        else:
            got = range(con.execute(insert).rowcount)
        if not got:
            return
        written[0] += len(got)
        con.execute(f"DELETE FROM {Q.STAGE}")
        if lines is not None:
            lines.extend(got)
        if on_lines is not None:
            on_lines(got)

    for tbl in tables:
        (count,) = con.execute(f"SELECT count(*) FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0", (tbl,)).fetchone()
        if on_lines is None or count <= PART:
            _outbox_rows(local, tbl, srid, report, set_wise)
            flush()
            continue
        # in parts by uuid (every query of _outbox_rows reads only the entries of its Scope)
        bounds = [
            con.execute(
                f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 ORDER BY uuid LIMIT 1 OFFSET ?", (tbl, k)
            ).fetchone()[0]
            for k in range(PART, count, PART)
        ]
        for lo, hi in zip([None, *bounds], [*bounds, None]):
            _outbox_rows(local, tbl, srid, report, set_wise, Scope(lo, hi))
            flush()
    n = written[0]
    if n == 0:
        return None
    if con.execute(f"SELECT min(ord), max(ord) FROM {C.OUTBOX}").fetchone() != (1, n):
        raise RuntimeError("outbox rows not numbered from 1")  # a defect of this module, never sent
    seq = st["push_seq"] + 1
    # entries in flight get changed_at NULL: every later change of the feature sets it again (the tracking
    # triggers, set_entry, a pull merging into it), so a NULL at the outcome proves the row is as pushed. Every
    # outbox row is a pending entry of these tables; when they are as many, they are the same entries and a range
    # update of the change log does it (no lookup per row)
    in_tables = f"tbl IN ({', '.join('?' * len(tables))})"
    pending = con.execute(f"SELECT count(*) FROM {C.CHANGELOG} WHERE held = 0 AND {in_tables}", tables).fetchone()[0]
    if pending == n:
        con.execute(
            f"UPDATE {C.CHANGELOG} SET changed_at = NULL WHERE held = 0 AND changed_at IS NOT NULL AND {in_tables}",
            tables,
        )
    else:
        con.execute(
            f"UPDATE {C.CHANGELOG} SET changed_at = NULL WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM {C.OUTBOX})"
        )
    con.execute(f"UPDATE {C.STATE} SET inflight_seq = ? WHERE id = 1", (seq,))
    return seq


def sent_base(local: LocalTables, tbl: str, data: str, base: list) -> list:
    """``base`` (a row in ``local.cols`` order) with the values an outbox row sent written over it, in local form."""
    types = local.types[tbl]
    srs = local.srs.get(tbl, 0)
    pos = {c: i for i, c in enumerate(local.cols[tbl])}
    for c, v in outbox_values(tbl, data).items():
        i = pos.get(c)
        if i is not None:
            base[i] = from_wire(types[c], v, srs)
    return base
