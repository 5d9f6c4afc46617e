"""The project database's real problems in plain words, and a check before any import starts.

``explain(exc, path)`` turns what SQLite or GDAL raised into one sentence for the user: locked by another program,
read-only, disk full, not a GeoPackage, damaged, newer schema, cannot be opened. ``preflight(path, write=True)``
finds the same problems before a file is validated (so a read-only or damaged file is not validated in full first):
the SQLite header, the GeoPackage application id, ``PRAGMA quick_check``, the schema version, write access and a
lock taken and released at once. Both raise or return ``DatabaseProblemError`` with a ``kind`` the caller may test.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3

from ...toolbelt.i18n import tr
from . import schema as S

TR_CONTEXT = "db_errors"
SQLITE_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite 3 file (sqlite.org/fileformat.html 1.3.1)
# PRAGMA application_id of a GeoPackage: 'GPKG' (1.2 and later), 'GP10'/'GP11' (1.0/1.1) — OGC 12-128r18, 1.1.1.1.1
GPKG_APPLICATION_IDS = {0x47504B47, 0x47503130, 0x47503131}
LOCK_WAIT_S = 2.0
MIN_FREE_BYTES = 4 << 20  # below this a write will fail: said before validating


class DatabaseProblemError(Exception):
    """A project database cannot be used for this; ``kind`` is one of locked, readonly, full, not_gpkg, damaged,
    newer, missing, io."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _name(path) -> str:
    return os.path.basename(str(path or "")) or str(path)


def _message(kind: str, path) -> str:
    texts = {
        "locked": tr(
            TR_CONTEXT,
            "{file} is locked by another program that is writing to it (QGIS editing a layer of it, a sync, a "
            "database tool): finish or close that, then try again. Nothing was written.",
        ),
        "readonly": tr(
            TR_CONTEXT,
            "{file} is read-only (file permissions, a read-only folder or a write-protected drive): copy it to a "
            "writable folder or change its permissions. Nothing was written.",
        ),
        "full": tr(TR_CONTEXT, "The disk holding {file} is full: free some space and try again. Nothing was written."),
        "not_gpkg": tr(TR_CONTEXT, "{file} is not a GeoPackage (it is another kind of file, or empty)."),
        "damaged": tr(
            TR_CONTEXT,
            "{file} is damaged (its integrity check fails): nothing was written. Restore it from a backup, or repair "
            "a copy with DB Browser for SQLite (“recover”).",
        ),
        "missing": tr(TR_CONTEXT, "{file} does not exist or cannot be opened."),
        "io": tr(
            TR_CONTEXT, "{file} cannot be read or written (disk or network error): nothing was written. Try again."
        ),
        "not_project": tr(TR_CONTEXT, "{file} is a GeoPackage but not a gw_plugin project database."),
    }
    return texts[kind].format(file=_name(path))


def kind_of(exc: BaseException) -> str | None:
    """The kind of a database error from its type and text; None when it is none of the known ones."""
    if isinstance(exc, DatabaseProblemError):
        return exc.kind
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        if exc.errno == errno.ENOSPC:
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "readonly"
        if exc.errno == errno.ENOENT:
            return "missing"
    text = str(exc).lower()
    for needle, kind in (
        ("database is locked", "locked"),
        ("database table is locked", "locked"),
        ("readonly database", "readonly"),
        ("read-only", "readonly"),
        ("readonly", "readonly"),
        ("disk is full", "full"),
        ("no space left", "full"),
        ("file is not a database", "not_gpkg"),
        ("file is encrypted or is not a database", "not_gpkg"),
        ("not recognized as a supported file format", "not_gpkg"),
        ("malformed", "damaged"),
        ("corrupt", "damaged"),
        ("unable to open database file", "missing"),
        ("disk i/o error", "io"),
    ):
        if needle in text:
            return kind
    return None


def explain(exc: BaseException, path) -> str:
    """One sentence for the user about ``exc`` raised while using the database at ``path``."""
    kind = kind_of(exc)
    if kind is not None and not isinstance(exc, DatabaseProblemError):
        return _message(kind, path)
    return str(exc) or type(exc).__name__


def problem(exc: BaseException, path) -> DatabaseProblemError:
    return DatabaseProblemError(kind_of(exc) or "io", explain(exc, path))


def preflight(path, write: bool = True) -> None:
    """Raise DatabaseProblemError when ``path`` cannot be used as a project database (for writing, with ``write``)."""
    if not path or not os.path.isfile(path):
        raise DatabaseProblemError("missing", _message("missing", path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise problem(exc, path) from None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        kind = "damaged" if head[:16].strip(b"\x00") == b"" and len(head) else "not_gpkg"
        raise DatabaseProblemError(kind, _message(kind, path))
    hot = os.path.exists(path + "-journal")  # a crash left a journal: only a read-write connection rolls it back
    try:
        con = sqlite3.connect(f"file:{path}" if hot else f"file:{path}?mode=ro", uri=True, timeout=LOCK_WAIT_S)
    except sqlite3.Error as exc:
        raise problem(exc, path) from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in GPKG_APPLICATION_IDS:
            raise DatabaseProblemError("not_gpkg", _message("not_gpkg", path))
        check = con.execute("PRAGMA quick_check(1)").fetchone()
        if not check or check[0] != "ok":
            raise DatabaseProblemError("damaged", _message("damaged", path))
        try:
            meta = dict(con.execute('SELECT key, value FROM "gw_meta"').fetchall())
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                raise DatabaseProblemError("not_project", _message("not_project", path)) from None
            raise
    except sqlite3.Error as exc:
        raise problem(exc, path) from None
    except (UnicodeDecodeError, ValueError, OverflowError):  # text that is not text: a damaged page
        raise DatabaseProblemError("damaged", _message("damaged", path)) from None
    finally:
        con.close()
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise DatabaseProblemError("not_project", _message("not_project", path)) from None
    if version > S.SCHEMA_VERSION:
        raise DatabaseProblemError(
            "newer",
            tr(
                TR_CONTEXT,
                "{file} uses schema version {version}, newer than this plugin's {ours}: update gw_plugin to write to "
                "it. The file was not changed.",
            ).format(file=_name(path), version=version, ours=S.SCHEMA_VERSION),
        )
    if write:
        _check_writable(path)


def _check_writable(path) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        raise DatabaseProblemError("readonly", _message("readonly", path))
    try:
        if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            raise DatabaseProblemError("full", _message("full", path))
    except OSError:
        pass
    try:
        con = sqlite3.connect(path, timeout=LOCK_WAIT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise problem(exc, path) from None
    try:
        con.execute("BEGIN IMMEDIATE")  # takes the write lock and gives it back at once: nothing is written
        con.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise problem(exc, path) from None
    finally:
        con.close()
