"""Attachment transfer: files beside the GeoPackage (``attachments.file_path``, never outside the project folder),
hashed once, stored on the platform once per sha256 in resumable chunks and fetched back with their hash checked.
No QGIS import.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from typing import Optional

from . import changelog as C
from . import server_schema as P
from .local import LocalTables
from .report import SyncError, SyncReport

CHUNK = 1 << 20


def attachment_path(gpkg_path: str, rel: Optional[str]) -> Optional[str]:
    """Absolute path of an attachment's file_path (relative to the GeoPackage's folder); None when it would
    leave that folder (a row from elsewhere must never write outside the project)."""
    if not rel:
        return None
    root = os.path.dirname(os.path.abspath(gpkg_path))
    full = os.path.normpath(os.path.join(root, rel.replace("\\", "/")))
    if os.path.isabs(rel) or not full.startswith(root + os.sep):
        return None
    return full


def file_sha256(con: sqlite3.Connection, path: str) -> tuple:
    """(sha256, size) of a file, cached in gw_sync_files by size and modification time."""
    st = os.stat(path)
    row = con.execute(f"SELECT sha256, size, mtime_ns FROM {C.FILES} WHERE path = ?", (path,)).fetchone()
    if row and row[1] == st.st_size and row[2] == st.st_mtime_ns:
        return row[0], st.st_size
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    digest = h.hexdigest()
    con.execute(
        f"INSERT OR REPLACE INTO {C.FILES} (path, sha256, size, mtime_ns) VALUES (?, ?, ?, ?)",
        (path, digest, st.st_size, st.st_mtime_ns),
    )
    return digest, st.st_size


def upload_blob(pg, path: str, sha: str, size: int, hooks=None) -> bool:
    """Store a file on the platform under its sha256 unless it is there (True if chunks were sent). Each chunk
    commits on its own, so an interrupted upload resumes where it stopped; the blob is marked complete only
    after the server recomputed the hash of the assembled chunks."""
    hooks = hooks or {}
    pg.autocommit = True
    cur = pg.cursor()
    try:
        cur.execute("SELECT complete FROM gw.blobs WHERE sha256 = %s", (sha,))
        row = cur.fetchone()
        if row and row[0]:
            return False
        cur.execute("INSERT INTO gw.blobs (sha256, size) VALUES (%s, %s) ON CONFLICT (sha256) DO NOTHING", (sha, size))
        cur.execute("SELECT idx FROM gw.blob_chunks WHERE sha256 = %s", (sha,))
        have = {r[0] for r in cur.fetchall()}
        n = max(1, -(-size // CHUNK))
        with open(path, "rb") as fh:
            for idx in range(n):
                if idx in have:
                    continue
                fh.seek(idx * CHUNK)
                data = fh.read(CHUNK)
                cur.execute(
                    "INSERT INTO gw.blob_chunks (sha256, idx, data) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                    (sha, idx, P.psycopg2_module().Binary(data)),
                )
                if hooks.get("blob_chunk"):
                    hooks["blob_chunk"](idx)
        cur.execute(
            "UPDATE gw.blobs b SET complete = true WHERE b.sha256 = %s AND encode(sha256(coalesce("
            "(SELECT string_agg(c.data, ''::bytea ORDER BY c.idx) FROM gw.blob_chunks c WHERE c.sha256 = b.sha256),"
            " ''::bytea)), 'hex') = b.sha256",
            (sha,),
        )
        if cur.rowcount != 1:
            cur.execute("DELETE FROM gw.blob_chunks WHERE sha256 = %s", (sha,))
            raise SyncError(f"the upload of {os.path.basename(path)} did not match its hash; it will be sent again")
        return True
    finally:
        pg.autocommit = False


def download_blob(pg, sha: str, dest: str) -> bool:
    """Write the platform's blob ``sha`` to ``dest`` (atomically, hash checked); False if not (yet) complete."""
    cur = pg.cursor()
    cur.execute("SELECT complete FROM gw.blobs WHERE sha256 = %s", (sha,))
    row = cur.fetchone()
    if not row or not row[0]:
        pg.rollback()
        return False
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = dest + ".gwpart"
    h = hashlib.sha256()
    cur.execute("SELECT data FROM gw.blob_chunks WHERE sha256 = %s ORDER BY idx", (sha,))
    with open(tmp, "wb") as fh:
        for (data,) in cur:
            b = bytes(data)
            h.update(b)
            fh.write(b)
    pg.rollback()
    if h.hexdigest() != sha:
        os.remove(tmp)
        raise SyncError(f"the platform's copy of {os.path.basename(dest)} does not match its hash")
    os.replace(tmp, dest)
    return True


def push_attachments(local: LocalTables, pg, gpkg_path: str, report: SyncReport, hooks=None) -> None:
    """Hash the files of pending attachment rows (writing sha256 into the row) and upload missing blobs."""
    con = local.con
    if "attachments" not in local.cols:
        return
    rows = con.execute(
        f"SELECT a.uuid, a.file_path, a.sha256 FROM attachments a JOIN {C.CHANGELOG} c "
        "ON c.tbl = 'attachments' AND c.uuid = a.uuid AND c.held = 0 AND c.op IN ('I', 'U')"
    ).fetchall()
    for uuid, rel, sha_row in rows:
        path = attachment_path(gpkg_path, rel)
        if path is None or not os.path.isfile(path):
            report.messages.append(f"attachment file missing, only its record is synced: {rel}")
            continue
        sha, size = file_sha256(con, path)
        if sha != sha_row:
            con.execute("UPDATE attachments SET sha256 = ? WHERE uuid = ?", (sha, uuid))
        if upload_blob(pg, path, sha, size, hooks):
            report.attachments_uploaded += 1


def pull_attachments(local: LocalTables, pg, gpkg_path: str, report: SyncReport) -> None:
    """Fetch the files of attachment rows whose file is missing or differs; a different local file that is not
    a pending change is kept under another name before the platform's version is written."""
    con = local.con
    if "attachments" not in local.cols:
        return
    pending = {u for (u,) in con.execute(f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = 'attachments' AND op <> 'D'")}
    for uuid, rel, sha in con.execute(
        "SELECT uuid, file_path, sha256 FROM attachments WHERE sha256 IS NOT NULL AND sha256 <> ''"
    ).fetchall():
        if uuid in pending:
            continue
        path = attachment_path(gpkg_path, rel)
        if path is None:
            report.messages.append(f"attachment path outside the project folder not written: {rel}")
            continue
        if os.path.isfile(path):
            if file_sha256(con, path)[0] == sha:
                continue
            stem, ext = os.path.splitext(path)
            keep = f"{stem}.local-{int(time.time())}{ext}"
            os.replace(path, keep)
            report.messages.append(f"a different local file was kept as {os.path.basename(keep)}")
        if download_blob(pg, sha, path):
            report.attachments_downloaded += 1
        else:
            report.messages.append(f"attachment not (yet) on the platform: {rel}")
