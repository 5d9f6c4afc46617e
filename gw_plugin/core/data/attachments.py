"""Photos and documents attached to any record of a project GeoPackage, stored as files beside it.

Layout: ``<folder of the GeoPackage>/attachments/<sha256><.ext>`` (the only form the sync carries: the extension
ASCII letters and digits, at most 9; the attachments folder never a symbolic link) — the file is named by the SHA-256 of its content,
so the same photo attached twice (or to two records) is stored once, and a file can be checked against its name
and its ``attachments.sha256`` at any time (``verify_attachments``). The ``attachments`` row keeps the path
relative to the GeoPackage (``attachments/<sha256>.jpg``, forward slashes), so the folder can be copied to a field
laptop or a USB stick and opened there: everything here works offline, with no server.

``taken_at``: the EXIF DateTimeOriginal of a photo when it can be read — first through Qt's image reader text keys,
then by a small reader of the JPEG/TIFF EXIF block (no third-party library) — else NULL. A date in the future
(a camera with a wrong clock) is left out, as the schema forbids it.

Pure logic (no widgets): ``add_attachment`` writes the row straight into the GeoPackage; ``add_to_layer`` puts it
into a QGIS layer's edit buffer instead (undoable until the user saves).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import shutil
import sqlite3
import struct
import tempfile
import uuid as _uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication

from . import schema as S
from .gpkg import utc_now

FOLDER = "attachments"
#: a file name extension the sync carries: ASCII letters and digits, at most 9 (core/sync/server_sql.py)
_SUFFIX_RE = re.compile(r"^\.[a-z0-9]{1,9}$")
CHUNK = 1 << 20
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".webp", ".bmp", ".gif"}


class AttachmentError(Exception):
    """An attachment cannot be added (message meant for the user)."""


@dataclass
class Problem:
    """One attachment row whose file is not as recorded."""

    uuid: str
    parent_table: str
    parent_uuid: str
    file_path: str
    problem: str  # missing | hash_mismatch | outside_folder | no_hash
    expected: str = ""
    actual: str = ""


def sha256_of(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def attachments_folder(gpkg) -> Path:
    return Path(os.path.abspath(str(gpkg))).parent / FOLDER


def resolve(gpkg, file_path: str) -> Path:
    """Absolute path of a recorded relative ``file_path``."""
    return Path(os.path.abspath(str(gpkg))).parent / Path(str(file_path).replace("\\", "/"))


def store_file(gpkg, source) -> tuple:
    """Copy ``source`` into the attachments folder under its hash; (relative path, sha256).

    A file with the same content already there is reused (not copied again). The copy goes through a temporary file
    in the same folder and an atomic rename, so an interrupted copy never leaves a half file under a hash name."""
    source = Path(source)
    if not source.is_file():
        raise AttachmentError(
            QCoreApplication.translate("attachments", "The file {path} does not exist.").format(path=source)
        )
    digest = sha256_of(source)
    suffix = source.suffix.lower()
    if not _SUFFIX_RE.match(suffix):  # the one form the sync and the platform accept: attachments/<sha256>.<ext>
        suffix = ""
    folder = attachments_folder(gpkg)
    if folder.is_symlink() or (os.path.lexists(folder) and not folder.is_dir()):
        raise AttachmentError(
            QCoreApplication.translate(
                "attachments", "The attachments folder {path} is a symbolic link or not a folder."
            ).format(path=folder)
        )
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (digest + suffix)
    if not (target.is_file() and sha256_of(target) == digest):
        fd, tmp = tempfile.mkstemp(prefix=".part-", dir=str(folder))
        os.close(fd)
        try:
            shutil.copyfile(str(source), tmp)
            if sha256_of(tmp) != digest:
                raise AttachmentError(
                    QCoreApplication.translate("attachments", "The file {path} changed while it was copied.").format(
                        path=source
                    )
                )
            os.replace(tmp, str(target))
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise
    return f"{FOLDER}/{target.name}", digest


# ------------------------------------------------------------------------------------------------------------
# EXIF DateTimeOriginal
# ------------------------------------------------------------------------------------------------------------
TAG_EXIF_IFD = 0x8769
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME = 0x0132


def _parse_exif_datetime(text) -> Optional[_dt.datetime]:
    text = (str(text) if text is not None else "").strip().strip("\x00")
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return _dt.datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
    return None


def _tiff_datetime(tiff: bytes) -> Optional[str]:
    """DateTimeOriginal (else DateTime) of a TIFF/EXIF block."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    e = "<" if tiff[:2] == b"II" else ">"

    def entries(offset):
        if offset + 2 > len(tiff):
            return {}
        (n,) = struct.unpack_from(e + "H", tiff, offset)
        out = {}
        for k in range(min(n, 512)):
            pos = offset + 2 + 12 * k
            if pos + 12 > len(tiff):
                break
            tag, typ, count = struct.unpack_from(e + "HHI", tiff, pos)
            out[tag] = (typ, count, pos + 8)
        return out

    def ascii_value(typ, count, pos):
        if typ != 2:
            return None
        if count > 4:
            (pos,) = struct.unpack_from(e + "I", tiff, pos)
        return tiff[pos : pos + count].split(b"\x00")[0].decode("ascii", "replace")

    (ifd0,) = struct.unpack_from(e + "I", tiff, 4)
    top = entries(ifd0)
    if TAG_EXIF_IFD in top:
        typ, _count, pos = top[TAG_EXIF_IFD]
        (sub,) = struct.unpack_from(e + "I", tiff, pos)
        exif = entries(sub)
        if TAG_DATETIME_ORIGINAL in exif:
            return ascii_value(*exif[TAG_DATETIME_ORIGINAL])
    if TAG_DATETIME in top:
        return ascii_value(*top[TAG_DATETIME])
    return None


def _jpeg_exif(data: bytes) -> Optional[bytes]:
    if data[:2] != b"\xff\xd8":
        return None
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in (0xD9, 0xDA):  # end of image / start of scan: no more metadata
            return None
        (length,) = struct.unpack_from(">H", data, pos + 2)
        seg = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and seg[:6] == b"Exif\x00\x00":
            return seg[6:]
        pos += 2 + length
    return None


def exif_taken_at(path) -> Optional[_dt.datetime]:
    """EXIF DateTimeOriginal of an image (naive local time as the camera wrote it), or None."""
    try:
        from qgis.PyQt.QtGui import QImageReader

        reader = QImageReader(str(path))
        for key in ("DateTimeOriginal", "Exif.Photo.DateTimeOriginal", "DateTime"):
            value = _parse_exif_datetime(reader.text(key))
            if value is not None:
                return value
    except ImportError:  # pragma: no cover
        pass
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)  # EXIF sits in the first 64 KiB of a JPEG; TIFF tags near the start
    except OSError:
        return None
    try:
        tiff = _jpeg_exif(head) if head[:2] == b"\xff\xd8" else head
        text = _tiff_datetime(tiff) if tiff else None
    except struct.error:
        return None
    return _parse_exif_datetime(text) if text else None


def guess_kind(path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in PHOTO_SUFFIXES:
        return "photo"
    if suffix in (".pdf", ".doc", ".docx"):
        return "report"
    if suffix in (".xls", ".xlsx", ".csv", ".txt", ".odt", ".ods"):
        return "document"
    return "other"


def attachment_values(
    gpkg,
    parent_table: str,
    parent_uuid: str,
    source,
    kind: Optional[str] = None,
    caption: str = "",
    user: str = "",
    county_code: str = "",
    now: Optional[_dt.datetime] = None,
) -> dict:
    """Store the file and return the attribute values of its ``attachments`` row (not yet written)."""
    if parent_table not in S.TABLES_BY_NAME or parent_table == "attachments":
        raise AttachmentError(QCoreApplication.translate("attachments", "Unknown table {t}.").format(t=parent_table))
    try:
        _uuid.UUID(str(parent_uuid))
    except ValueError as exc:
        raise AttachmentError(
            QCoreApplication.translate("attachments", "{u} is not a record id (uuid).").format(u=parent_uuid)
        ) from exc
    kind = kind or guess_kind(source)
    if kind not in S.codelist("attachment_kind").code_values():
        raise AttachmentError(QCoreApplication.translate("attachments", "Unknown attachment kind {k}.").format(k=kind))
    rel, digest = store_file(gpkg, source)
    taken = exif_taken_at(source) if kind == "photo" else None
    if taken is not None and taken > (now or _dt.datetime.now()) + _dt.timedelta(days=1):
        taken = None  # a camera clock in the future: the schema forbids future dates
    stamp = utc_now()
    return {
        "uuid": str(_uuid.uuid4()),
        "county_code": county_code or "000000",
        "created_at": stamp,
        "created_by": user or None,
        "updated_at": stamp,
        "updated_by": user or None,
        "parent_table": parent_table,
        "parent_uuid": str(parent_uuid),
        "kind": kind,
        "file_path": rel,
        "sha256": digest,
        "caption": caption or None,
        "taken_at": taken.strftime("%Y-%m-%dT%H:%M:%S") if taken else None,
    }


def _parent_county(con: sqlite3.Connection, table: str, uuid: str) -> Optional[str]:
    row = con.execute(f'SELECT county_code FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
    return None if row is None else (row[0] or "000000")


def add_attachment(
    gpkg,
    parent_table: str,
    parent_uuid: str,
    source,
    kind: Optional[str] = None,
    caption: str = "",
    user: str = "",
) -> dict:
    """Attach ``source`` to a saved record: file copied by hash, row written into the GeoPackage; returns the row.

    The parent must exist (its county code is inherited)."""
    con = sqlite3.connect(str(gpkg))
    try:
        if parent_table not in S.TABLES_BY_NAME:
            raise AttachmentError(
                QCoreApplication.translate("attachments", "Unknown table {t}.").format(t=parent_table)
            )
        county = _parent_county(con, parent_table, str(parent_uuid))
        if county is None:
            raise AttachmentError(
                QCoreApplication.translate(
                    "attachments", "No record {u} in {t}: save the record before attaching files to it."
                ).format(u=parent_uuid, t=parent_table)
            )
        row = attachment_values(gpkg, parent_table, parent_uuid, source, kind, caption, user, county)
        names = list(row)
        with con:
            con.execute(
                "INSERT INTO attachments ({}) VALUES ({})".format(
                    ", ".join(f'"{n}"' for n in names), ", ".join("?" for _ in names)
                ),
                [row[n] for n in names],
            )
    finally:
        con.close()
    return row


def add_to_layer(layer, gpkg, parent_table: str, parent_uuid: str, source, **kw):
    """Attach ``source`` through a QGIS ``attachments`` layer's edit buffer (editing is started if needed); the
    file is stored at once, the row is written when the user saves. Returns the new QgsFeature."""
    from qgis.core import QgsFeature

    row = attachment_values(gpkg, parent_table, parent_uuid, source, **kw)
    if not layer.isEditable() and not layer.startEditing():
        raise AttachmentError(QCoreApplication.translate("attachments", "The attachments layer cannot be edited."))
    f = QgsFeature(layer.fields())
    for name, value in row.items():
        idx = layer.fields().indexOf(name)
        if idx >= 0 and value is not None:
            f.setAttribute(idx, value)
    layer.beginEditCommand(QCoreApplication.translate("attachments", "Attach a file"))
    ok = layer.addFeature(f)
    layer.endEditCommand()
    if not ok:
        raise AttachmentError(
            QCoreApplication.translate("attachments", "The attachment could not be added to the layer.")
        )
    return f


def attachments_of(gpkg, parent_table: str, parent_uuid: str) -> list:
    """The attachment rows of one record (dicts), oldest first."""
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return [
            dict(r)
            for r in con.execute(
                "SELECT * FROM attachments WHERE parent_table = ? AND parent_uuid = ? ORDER BY created_at, fid",
                (parent_table, str(parent_uuid)),
            )
        ]
    finally:
        con.close()


def verify_attachments(gpkg) -> list:
    """Attachment rows whose file is missing, outside the GeoPackage's folder, or whose content no longer has the
    recorded SHA-256 (a corrupted or replaced file). Empty list = every file is as recorded."""
    base = Path(os.path.abspath(str(gpkg))).parent
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT uuid, parent_table, parent_uuid, file_path, sha256 FROM attachments ORDER BY fid"
        ).fetchall()
    finally:
        con.close()
    out = []
    for uuid, table, parent, rel, digest in rows:
        rel = rel or ""
        full = Path(os.path.abspath(str(resolve(gpkg, rel))))
        p = Problem(uuid, table, parent, rel, "", digest or "")
        if Path(rel).is_absolute() or base not in full.parents:
            p.problem = "outside_folder"
        elif not full.is_file():
            p.problem = "missing"
        elif not digest:
            p.problem = "no_hash"
            p.actual = sha256_of(full)
        else:
            actual = sha256_of(full)
            if actual != digest:
                p.problem, p.actual = "hash_mismatch", actual
        if p.problem:
            out.append(p)
    return out
