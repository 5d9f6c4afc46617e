"""Attachment transfer: the files of ``attachments`` rows, stored on the platform once per sha256 in resumable chunks
and fetched back with their hash checked. No QGIS import.

What a hostile row or a broken upload can do is bounded (issue 14, item 2):
- the only file a sync reads or writes is ``<project folder>/attachments/<sha256>.<ext>`` named by the row's own
  sha256 (``push.check_attachment_row``; the platform has the same CHECK): no row can name ``city.gpkg`` or
  anything outside that folder; an ``attachments`` folder or file that is a symbolic link is refused;
- files are written through a new temporary file in the same folder (O_EXCL, O_NOFOLLOW) renamed into place
  only after the content's sha256 equals the name;
- on the platform a blob is insert-only; each uploader writes its own chunks and ``gw.blob_finish`` checks the
  hash of the assembled chunks before the blob counts as complete (else the caller's chunks are discarded and the
  next sync uploads again);
- a blob that is missing, incomplete or does not hash to its name is reported for that one attachment (and its
  row held back from the push when it is ours): the data sync goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from typing import Optional

from . import changelog as C
from . import server_schema as P
from .local import LocalTables
from .report import SyncReport

CHUNK = 1 << 20
FOLDER = "attachments"
_PATH_RE = re.compile(P.ATTACHMENT_PATH_RE)


class FileUnreadableError(Exception):
    """A local attachment file could not be read (the reason is the message)."""


def attachments_folder(gpkg_path: str) -> Optional[str]:
    """The project's attachments folder; None when it is a symbolic link or not a folder (never followed)."""
    root = os.path.dirname(os.path.abspath(gpkg_path))
    folder = os.path.join(root, FOLDER)
    if os.path.islink(folder) or (os.path.lexists(folder) and not os.path.isdir(folder)):
        return None
    return folder


def attachment_path(gpkg_path: str, rel: Optional[str], sha: Optional[str] = None) -> Optional[str]:
    """Absolute path of an attachment's file_path, or None unless it is ``attachments/<sha256>.<ext>`` (named by
    ``sha`` when given) in a real (not symlinked) attachments folder beside the GeoPackage."""
    if not rel or not isinstance(rel, str) or not _PATH_RE.match(rel):
        return None
    name = rel[len(FOLDER) + 1 :]
    if sha is not None and name[:64] != sha:
        return None
    folder = attachments_folder(gpkg_path)
    return None if folder is None else os.path.join(folder, name)


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


def upload_blob(pg, path: str, sha: str, size: int, hooks=None) -> Optional[bool]:
    """Store a file on the platform under its sha256 unless it is there: True if chunks were sent, False if the
    platform had it, None if the platform found the assembled chunks not to hash to ``sha`` (discarded, to be
    sent again). Each chunk commits on its own, so an interrupted upload resumes where it stopped."""
    hooks = hooks or {}
    pg.autocommit = True
    cur = pg.cursor()
    try:
        cur.execute("SELECT complete FROM gw.blobs WHERE sha256 = %s", (sha,))
        row = cur.fetchone()
        if row and row[0]:
            return False
        cur.execute("INSERT INTO gw.blobs (sha256, size) VALUES (%s, %s) ON CONFLICT (sha256) DO NOTHING", (sha, size))
        cur.execute("SELECT idx FROM gw.blob_chunks WHERE sha256 = %s AND uploader = session_user", (sha,))
        have = {r[0] for r in cur.fetchall()}
        n = max(1, -(-size // CHUNK))
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed below; read errors told apart from the network's
        except OSError as exc:
            raise FileUnreadableError(exc.strerror) from exc
        with fh:
            for idx in range(n):
                if idx in have:
                    continue
                try:
                    fh.seek(idx * CHUNK)
                    data = fh.read(CHUNK)
                except OSError as exc:
                    raise FileUnreadableError(exc.strerror) from exc
                cur.execute(
                    "INSERT INTO gw.blob_chunks (sha256, idx, data) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                    (sha, idx, P.psycopg2_module().Binary(data)),
                )
                if hooks.get("blob_chunk"):
                    hooks["blob_chunk"](idx)
        cur.execute("SELECT gw.blob_finish(%s)", (sha,))
        return True if cur.fetchone()[0] else None
    finally:
        pg.autocommit = False


def download_blob(pg, sha: str, dest: str) -> Optional[bool]:
    """Write the platform's blob ``sha`` to ``dest`` (hash checked, then renamed into place): True when written,
    False when the platform has no complete blob, None when its content does not hash to ``sha``."""
    cur = pg.cursor()
    cur.execute(
        "SELECT c.data FROM gw.blobs b JOIN gw.blob_chunks c ON c.sha256 = b.sha256 AND c.uploader = b.completed_by "
        "WHERE b.sha256 = %s AND b.complete ORDER BY c.idx",
        (sha,),
    )
    folder = os.path.dirname(dest)
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".part-{sha[:16]}-{os.getpid()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    if os.path.lexists(tmp):
        os.remove(tmp)
    h = hashlib.sha256()
    chunks = 0
    try:
        with os.fdopen(os.open(tmp, flags, 0o644), "wb") as fh:
            for (data,) in cur:
                b = bytes(data)
                h.update(b)
                fh.write(b)
                chunks += 1
        pg.rollback()
        if not chunks:
            return False
        if h.hexdigest() != sha:
            return None
        os.replace(tmp, dest)
        return True
    finally:
        if os.path.lexists(tmp):
            os.remove(tmp)


def push_attachments(local: LocalTables, pg, gpkg_path: str, report: SyncReport, hooks=None) -> set:
    """Upload the missing blobs of pending attachment rows. Returns the (table, uuid) of rows to hold back from
    this push because their file could not be stored (reported; sent by a later sync)."""
    con = local.con
    hold = set()
    if "attachments" not in local.cols:
        return hold
    rows = con.execute(
        f"SELECT a.uuid, a.file_path, a.sha256 FROM attachments a JOIN {C.CHANGELOG} c "
        "ON c.tbl = 'attachments' AND c.uuid = a.uuid AND c.held = 0 AND c.op IN ('I', 'U')"
    ).fetchall()
    for uuid, rel, sha_row in rows:
        path = attachment_path(gpkg_path, rel)
        if path is None:
            continue  # the push refuses the row itself (push.check_attachment_row)
        if os.path.islink(path):
            report.messages.append(f"attachment {rel} is a symbolic link: not uploaded, its record is held back")
            hold.add(("attachments", uuid))
            continue
        if not os.path.isfile(path):
            report.messages.append(f"attachment file missing, only its record is synced: {rel}")
            continue
        named = os.path.basename(path)[:64]
        try:
            sha, size = file_sha256(con, path)
        except OSError as exc:
            report.messages.append(f"attachment {rel} cannot be read ({exc.strerror}): its record is held back")
            hold.add(("attachments", uuid))
            continue
        if sha != named:
            report.messages.append(f"attachment {rel} no longer matches its sha256: its record is held back")
            hold.add(("attachments", uuid))
            continue
        if not sha_row:
            con.execute("UPDATE attachments SET sha256 = ? WHERE uuid = ?", (sha, uuid))
        try:
            sent = upload_blob(pg, path, sha, size, hooks)
        except FileUnreadableError as exc:
            report.messages.append(f"attachment {rel} cannot be read ({exc}): its record is held back")
            hold.add(("attachments", uuid))
            continue
        if sent is None:
            report.attachment_errors.append(rel)
            report.messages.append(f"the upload of {rel} did not match its hash on the platform; it is sent again")
            hold.add(("attachments", uuid))
        elif sent:
            report.attachments_uploaded += 1
    return hold


def pull_attachments(local: LocalTables, pg, gpkg_path: str, report: SyncReport) -> None:
    """Fetch the files of attachment rows whose file is missing or differs from its name. A row naming any other
    path, a symbolic link in the way, or a blob that is missing or does not hash to its name is reported for that
    attachment alone."""
    con = local.con
    if "attachments" not in local.cols:
        return
    pending = {u for (u,) in con.execute(f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = 'attachments' AND op <> 'D'")}
    for uuid, rel, sha in con.execute(
        "SELECT uuid, file_path, sha256 FROM attachments WHERE sha256 IS NOT NULL AND sha256 <> ''"
    ).fetchall():
        if uuid in pending:
            continue
        path = attachment_path(gpkg_path, rel, sha)
        if path is None:
            report.attachment_errors.append(str(rel))
            report.messages.append(f"attachment path refused (only attachments/<sha256>.<ext> is written): {rel}")
            continue
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isfile(path)):
            report.attachment_errors.append(rel)
            report.messages.append(f"attachment {rel} is a symbolic link or a folder here: not written")
            continue
        if os.path.isfile(path):
            if file_sha256(con, path)[0] == sha:
                continue
            stem, ext = os.path.splitext(path)
            keep = f"{stem}.local-{int(time.time())}{ext}"
            os.replace(path, keep)
            report.messages.append(f"a damaged local copy of {rel} was kept as {os.path.basename(keep)}")
        try:
            got = download_blob(pg, sha, path)
        except OSError as exc:
            report.attachment_errors.append(rel)
            report.messages.append(f"attachment {rel} could not be written ({exc.strerror})")
            continue
        if got:
            report.attachments_downloaded += 1
        elif got is None:
            report.attachment_errors.append(rel)
            report.messages.append(f"the platform's copy of {rel} does not match its hash: not written")
        else:
            report.messages.append(f"attachment not (yet) on the platform: {rel}")
