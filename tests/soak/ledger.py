"""The soak's record of what the users did to features several files edit (tests/soak/soak_sync.py): every value
written, every delete, and which of them a user later replaced KNOWING them (the value was in the file they edited,
or they chose the platform's version of a conflict). The check at the end: no edit is lost — every write that was
not knowingly replaced is on the platform, or kept in a conflict record or a rejected change of some file (what a
user can see and act on); every delete took effect or is kept in such a record. Nothing silently dropped.

``check_change_log`` is the per-push check on the platform that the change log holds exactly one entry per accepted
change. Values are unique per write (the soak numbers them), so a value found in a file, on the platform or in a record
names exactly one write.
"""

from __future__ import annotations

import json
import sqlite3

from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync import wire as W
from gw_plugin.core.sync.push import outcome_rows

TABLE = "monitoring_wells"


def canon(field: str, value):
    """A value in the canonical form local_rows/server_rows give."""
    return W.canon(W.field_types(TABLE, [field])[field], value)


def file_records(path: str) -> list:
    """(source, uuid, kind, {field: canonical value}) of every conflict side and rejected change in a file, any
    status (open, resolved by the policy or by the user, retried, dismissed): what the user can still see."""
    con = sqlite3.connect(path)
    out = []
    try:
        for uuid, kind, policy, loc, srv in con.execute(
            "SELECT uuid, kind, policy, local, server FROM gw_conflicts WHERE tbl = ?", (TABLE,)
        ):
            for side in (loc, srv):
                out.append(("conflict", uuid, f"{kind}/{policy}", _decode(side)))
        for uuid, op, data in con.execute("SELECT uuid, op, data FROM gw_rejected WHERE tbl = ?", (TABLE,)):
            out.append(("rejected", uuid, op, _decode(data)))
    finally:
        con.close()
    return out


def _decode(text) -> dict:
    if not text:
        return {}
    row = json.loads(text)
    out = {}
    for field, value in row.items():
        if field == "geom":
            continue  # the soak does not move wells
        try:
            out[field] = canon(field, value)
        except (TypeError, ValueError):
            out[field] = value
    return out


class Ledger:
    def __init__(self):
        self.writes = []  # {"c", "uuid", "field", "value", "superseded"}
        self.deletes = []  # (client, uuid)

    def _supersede(self, uuid: str, row: dict, fields) -> None:
        """The writes whose values ``row`` (a file's current row) holds in ``fields`` are replaced knowingly."""
        for w in self.writes:
            if w["uuid"] == uuid and w["field"] in fields and row.get(w["field"]) == w["value"]:
                w["superseded"] = True

    def before_write(self, row: dict, uuid: str, field: str) -> None:
        if row is not None:
            self._supersede(uuid, row, (field,))

    def wrote(self, c: int, uuid: str, field: str, value) -> None:
        self.writes.append({"c": c, "uuid": uuid, "field": field, "value": value, "superseded": False})

    def deleted(self, c: int, uuid: str, row: dict) -> None:
        self._supersede(uuid, row, set(row))
        self.deletes.append((c, uuid))

    def resolved(self, uuid: str, before, after) -> None:
        """A user decided a conflict: what the decision replaced in their file they replaced knowingly."""
        if before is None:
            return
        changed = set(before) if after is None else {f for f in before if before[f] != after.get(f)}
        self._supersede(uuid, before, changed)

    def lost(self, server: dict, records: list) -> list:
        """The writes and deletes neither on the platform nor kept in a record a user can see."""
        by_uuid = {}
        for rec in records:
            by_uuid.setdefault(rec[1], []).append(rec)
        out = []
        for w in self.writes:
            if w["superseded"]:
                continue
            u, f, v = w["uuid"], w["field"], w["value"]
            if u in server and server[u].get(f) == v:
                continue
            if any(r[3].get(f) == v for r in by_uuid.get(u, ())):
                continue
            out.append(("write", w))
        for c, u in self.deletes:
            if u in server and not by_uuid.get(u):
                out.append(("delete", c, u))
        return out

    def summary(self) -> dict:
        return {
            "writes": len(self.writes),
            "replaced_knowingly": sum(w["superseded"] for w in self.writes),
            "deletes": len(self.deletes),
        }


def check_change_log(conninfo: str) -> int:
    """Per push recorded on the platform (``conninfo`` must see every role's rows: the superuser): the change log
    holds exactly one entry per accepted change, under the push's key and with the revision the push answered.
    Allowed and nothing else: a delete of a row someone else deleted first logs nothing (its answered revision is
    the other delete's); a county move logs a delete in the old county and the insert the push answered
    (docs/scaling.md). Also: no insert of a feature applied twice (two inserts without a delete between them), no
    revision logged twice. Returns the number of pushes checked; AssertionError names the first wrong one."""
    pg = P.connect(conninfo)
    try:
        cur = pg.cursor()
        cur.execute(
            "SELECT uuid, string_agg(op, '' ORDER BY rev) FROM gw.change_log WHERE op IN ('I', 'D') GROUP BY uuid"
        )
        twice = [u for u, ops in cur.fetchall() if "II" in ops]
        assert twice == [], f"an insert was applied twice: {twice}"
        cur.execute("SELECT rev, count(*) FROM gw.change_log GROUP BY rev HAVING count(*) > 1")
        assert cur.fetchall() == [], "a revision logged twice"
        cur.execute("SELECT rev, who, client_id, push_seq FROM gw.change_log WHERE op = 'D'")
        deleted_by = {rev: tuple(key) for rev, *key in cur.fetchall()}
        cur.execute(
            "SELECT p.who, p.client_id, p.push_seq, array_to_json(p.revs)::text, p.result, (SELECT "
            "coalesce(json_agg(json_build_array(l.rev, "
            "l.op, l.uuid)), '[]') FROM gw.change_log l WHERE l.who = p.who AND l.client_id = p.client_id "
            "AND l.push_seq = p.push_seq) FROM gw.sync_pushes p"
        )
        pushes = cur.fetchall()
    finally:
        pg.close()
    for who, cid, seq, stored_revs, result, logged in pushes:
        key = (who, cid, seq)
        where = f"push {seq} of {cid} ({who})"
        rows = outcome_rows(stored_revs, result if isinstance(result, list) else json.loads(result))
        logged = logged if isinstance(logged, list) else json.loads(logged)
        accepted = [r[2] for r in rows if r[1] == "ok"]
        assert len(accepted) == len(set(accepted)), f"{where}: two accepted changes answered with one revision"
        revs = {rev for rev, _op, _uuid in logged}
        inserted = {uuid for rev, op, uuid in logged if op == "I" and rev in accepted}
        for rev, op, uuid in logged:
            if rev in accepted:
                continue
            assert op == "D" and uuid in inserted, f"{where}: {op} {uuid} logged ({rev}) but not accepted"
        for rev in set(accepted) - revs:  # only a delete of a row someone else deleted first
            assert rev is not None and deleted_by.get(rev) not in (None, key), f"{where}: revision {rev} not logged"
    return len(pushes)
