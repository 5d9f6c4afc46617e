"""The push identity of a project GeoPackage, bound to the file and to each payload (issue 14, item 1).

A push is keyed on the platform by (role, client id, push sequence) and carries the sha256 of its payload. The
client id and sequence live in the GeoPackage (``gw_sync_state``), so a copy of the file — carried to a second
laptop, or a backup restored after an upgrade — starts with the same identity as the original. Three guards keep
the two files from ever answering for each other's changes:

1. **The payload.** The platform stores the sha256 of every push's payload with its key. A key sent again with
   the same payload is the same push (a lost reply): the stored result is returned. A key sent with another
   payload is refused (``push.PushKeyReusedError``), and the file takes a new identity and pushes again under it. This
   guard alone makes a copy safe, whatever happens to the file system: no edit of either copy is lost.
2. **The server-confirmed sequence.** Before its first new push of a sync, the client asks the platform for the
   highest sequence recorded under its (role, client id). Higher than any sequence this file has pushed or has
   in flight means another file with this identity has pushed since: this file is a copy or a restored backup,
   and takes a new identity before it pushes (so the two files also stay apart in the platform's change log).
3. **The file itself.** The file's inode number (``st_ino``; the file index on Windows) is recorded in
   ``gw_sync_state.file_ino``. A copy is a new file with another inode, so a different number at the next sync
   means a copy (or a file restored from elsewhere): a new identity. A rename keeps the inode; ``cp backup
   city.gpkg`` onto the existing file keeps it too, which guard 2 catches. File systems without stable inode
   numbers (0) are ignored here; a spurious new identity is harmless (one more client id in the log).

A push that is in flight (its outcome not recorded) is always resolved under the key it was prepared with before
a new identity is taken, so the lost-reply case stays exactly-once. Taking an identity changes nothing else:
the last pulled revision, the pending changes, conflicts and rejections stay as they are. No QGIS import.
"""

from __future__ import annotations

import os
import sqlite3
import uuid as _uuid
from typing import Optional

from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P


def file_inode(path: str) -> Optional[int]:
    """The inode number of ``path`` (None when the file system has none)."""
    try:
        ino = os.stat(path).st_ino
    except OSError:
        return None
    return ino or None


def record_file(con: sqlite3.Connection, path: str) -> None:
    """Remember which file this is (inside an open transaction or autocommit)."""
    con.execute(f"UPDATE {C.STATE} SET file_ino = ? WHERE id = 1", (file_inode(path),))


def new_identity(con: sqlite3.Connection, path: Optional[str] = None) -> str:
    """Give the file a new client id and restart its push sequence (one SQLite transaction). A push in flight
    keeps its payload and is re-keyed as push 1 of the new identity. Returns the new client id."""
    cid = str(_uuid.uuid4())
    with SG.transaction(con):
        st = C.state(con)
        con.execute(
            f"UPDATE {C.STATE} SET client_id = ?, push_seq = 0, inflight_seq = ?, file_ino = ? WHERE id = 1",
            (cid, 1 if st.get("inflight_seq") is not None else None, file_inode(path) if path else st.get("file_ino")),
        )
    return cid


def file_was_copied(con: sqlite3.Connection, path: str) -> bool:
    """True when the file is not the one the identity was recorded for (guard 3); records it the first time."""
    st = C.state(con)
    now = file_inode(path)
    if st.get("file_ino") is None:
        if now is not None:
            with SG.transaction(con):
                record_file(con, path)
        return False
    return now is not None and now != st["file_ino"]


def server_last_seq(pg, client_id: str) -> int:
    """The highest push sequence the platform recorded for this role and client id (0 when none)."""
    cur = pg.cursor()
    try:
        cur.execute(
            "SELECT coalesce(max(push_seq), 0) FROM gw.sync_pushes WHERE who = session_user AND client_id = %s",
            (client_id,),
        )
    except P.psycopg2_module().errors.InsufficientPrivilege:
        pg.rollback()  # a reader: it never pushes (push.py says so)
        return 0
    (n,) = cur.fetchone()
    pg.rollback()
    return int(n)


def check_identity(con: sqlite3.Connection, pg, path: str) -> Optional[str]:
    """Guards 2 and 3, run when no push is in flight: a new identity when this file is a copy or a restored
    backup. Returns a message saying why, or None."""
    st = C.state(con)
    if st.get("inflight_seq") is not None:
        return None
    if file_was_copied(con, path):
        new_identity(con, path)
        return "this file is a copy of another checkout: it pushes under a new identity from now on"
    if server_last_seq(pg, st["client_id"]) > int(st["push_seq"] or 0):
        new_identity(con, path)
        return (
            "another copy of this file (or the file before a backup was restored) pushed under the same identity: "
            "this file pushes under a new identity from now on"
        )
    return None
