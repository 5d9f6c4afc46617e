"""Plain sqlite3 access to project GeoPackages: GeoPackage geometry blobs <-> WKB / EWKB, the ST_* SQL functions
OGR's R-tree triggers call (so a plain sqlite3 connection can write geometry tables), opening a file and one
transaction. No QGIS import; used by the sync (core/sync) and by bulk writers of any room."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from typing import Optional

# --------------------------------------------------------------------------------------------------------------
# GeoPackage geometry blobs (OGC GeoPackage 1.3, clause 2.1.3 "GeoPackageBinary")
# --------------------------------------------------------------------------------------------------------------
_ENV_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_to_wkb(blob) -> Optional[bytes]:
    """The WKB part of a GeoPackage geometry blob (None for NULL)."""
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        return blob  # already WKB (tolerated)
    flags = blob[3]
    return blob[8 + _ENV_BYTES[(flags >> 1) & 7] :]


def _wkb_envelope(wkb: bytes):
    from osgeo import ogr

    g = ogr.CreateGeometryFromWkb(wkb)
    if g is None or g.IsEmpty():
        return None
    minx, maxx, miny, maxy = g.GetEnvelope()
    return minx, maxx, miny, maxy


def _point_xy(wkb: bytes):
    if len(wkb) == 21:
        order = "<" if wkb[0] == 1 else ">"
        (gtype,) = struct.unpack(order + "I", wkb[1:5])
        if gtype == 1:
            return struct.unpack(order + "dd", wkb[5:21])
    return None


def wkb_to_gpkg(wkb, srs_id: int) -> Optional[bytes]:
    """A GeoPackage blob (little-endian header, XY envelope except for points) holding ``wkb``."""
    if wkb is None:
        return None
    wkb = bytes(wkb)
    pt = _point_xy(wkb)
    if pt is not None:
        if pt[0] != pt[0]:  # NaN coordinates = empty point
            return b"GP\x00" + bytes([0x01 | 0x10]) + struct.pack("<i", srs_id) + wkb
        return b"GP\x00\x01" + struct.pack("<i", srs_id) + wkb
    env = _wkb_envelope(wkb)
    if env is None:
        return b"GP\x00" + bytes([0x01 | 0x10]) + struct.pack("<i", srs_id) + wkb
    return b"GP\x00" + bytes([0x01 | (1 << 1)]) + struct.pack("<i4d", srs_id, *env) + wkb


def wkb_to_ewkb_hex(wkb, srid: int) -> Optional[str]:
    """Hex EWKB with the SRID in the outer header (what PostGIS' geometry input accepts)."""
    if wkb is None:
        return None
    wkb = bytes(wkb)
    order = "<" if wkb[0] == 1 else ">"
    (gtype,) = struct.unpack(order + "I", wkb[1:5])
    if gtype & 0x20000000:
        return wkb.hex()
    iso_dims = (gtype // 1000) % 10 if gtype >= 1000 else 0
    base = gtype % 1000 if gtype >= 1000 else gtype & 0xFFFF
    flags = 0x20000000
    if iso_dims in (1, 3):
        flags |= 0x80000000
    if iso_dims in (2, 3):
        flags |= 0x40000000
    return (wkb[:1] + struct.pack(order + "II", base | flags, srid) + wkb[5:]).hex()


def _header_envelope(blob):
    blob = bytes(blob)
    if blob[:2] != b"GP":
        return None
    flags = blob[3]
    env = (flags >> 1) & 7
    order = "<" if flags & 1 else ">"
    if env:
        minx, maxx, miny, maxy = struct.unpack(order + "4d", blob[8:40])
        return minx, maxx, miny, maxy
    wkb = blob[8:]
    pt = _point_xy(wkb)
    if pt is not None:
        return pt[0], pt[0], pt[1], pt[1]
    return _wkb_envelope(wkb)


def _st_isempty(blob):
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] == b"GP":
        if blob[3] & 0x10:
            return 1
        return 0 if _header_envelope(blob) is not None else 1
    return 0


def _st_coord(i):
    def f(blob):
        if blob is None:
            return None
        env = _header_envelope(blob)
        return None if env is None else env[i]

    return f


def register_functions(con: sqlite3.Connection) -> None:
    """The spatial functions OGR's GeoPackage R-tree triggers call (ST_IsEmpty, ST_MinX, ...)."""
    kw = {"deterministic": True}
    con.create_function("ST_IsEmpty", 1, _st_isempty, **kw)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, _st_coord(i), **kw)


def open_db(path: str) -> sqlite3.Connection:
    """A sqlite3 connection to a GeoPackage with autocommit off-by-hand (use ``transaction``) and ST_* functions."""
    con = sqlite3.connect(path, timeout=60, isolation_level=None)
    register_functions(con)
    con.execute("PRAGMA busy_timeout = 60000")
    return con


def _rollback_quietly(con: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open; a failing ROLLBACK never replaces the error being raised (SQLite
    may already have rolled back after a full disk or an I/O error, and closing the connection ends it anyway)."""
    if con.in_transaction:
        try:
            con.execute("ROLLBACK")
        except sqlite3.Error:
            pass


@contextlib.contextmanager
def transaction(con: sqlite3.Connection, immediate: bool = True):
    """BEGIN … COMMIT around the block; on any error (COMMIT's own included) roll back and raise the real error."""
    con.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        _rollback_quietly(con)
        raise
