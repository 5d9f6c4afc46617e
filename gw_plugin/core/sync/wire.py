"""Values of synced fields: their types, a canonical form to compare local and server values, the wire form sent to
the platform (and back), the SQL that reads server columns in the local form, and the JSON kept in the conflict and
rejected records. No QGIS import.
"""

from __future__ import annotations

import json
import math
import re
from typing import Optional

from ..data import schema as S
from ..data import sqlite_gpkg as SG
from ..data.model import UUID_RE
from . import server_schema as P

META_FIELDS = ("updated_at", "updated_by")


def field_types(table: str, cols: list) -> dict:
    t = S.table(table)
    out = {}
    for c in cols:
        if c == "geom":
            out[c] = "geom"
        else:
            try:
                f = t.field(c)
            except KeyError:
                continue
            out[c] = "uuid" if c == "uuid" else f.type
    return out


_DT_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


_CANON_DT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def canon_datetime(v, strict: bool = False) -> str:
    """'YYYY-MM-DDTHH:MM:SS.mmmZ' in UTC, the GeoPackage form; ValueError if unreadable."""
    import datetime as dt

    if not strict and isinstance(v, str) and len(v) == 24 and _CANON_DT_RE.match(v):
        return v  # already 'YYYY-MM-DDTHH:MM:SS.mmmZ' (what the GeoPackage triggers and the platform write)
    m = _DT_RE.match(str(v).strip())
    if not m:
        raise ValueError(f"not a date-time: {v!r}")
    y, mo, d, h, mi, s, frac, tz = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    value = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), micro)
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        value -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def canon(ftype: str, v):
    """A comparable form of a value of ``ftype`` whatever its storage (local SQLite or server)."""
    if v is None:
        return None
    try:
        if ftype == "geom":
            return SG.gpkg_to_wkb(v)
        if ftype == "boolean":
            if isinstance(v, str):
                return 1 if v.strip().lower() in ("1", "true", "t", "yes") else 0
            return 1 if v else 0
        if ftype == "integer":
            return int(v)
        if ftype == "real":
            return float(v)
        if ftype == "date":
            return str(v)[:10]
        if ftype == "datetime":
            return canon_datetime(v)
    except (TypeError, ValueError):
        return ("raw", str(v))
    return str(v)


_PLAIN = frozenset(("text", "uuid", "real", "integer"))  # one Python type has one form: == decides


def same(ftype: str, a, b) -> bool:
    if a is b:
        return True
    if type(a) is type(b):
        if a == b:
            return True
        if ftype in _PLAIN:
            return False
        if ftype == "datetime" and type(a) is str and _canonical_dt(a) and _canonical_dt(b):
            return False  # two different texts of the one canonical form are two different instants
    return canon(ftype, a) == canon(ftype, b)


def _canonical_dt(v: str) -> bool:
    """'YYYY-MM-DDTHH:MM:SS.mmmZ' (what the triggers, the platform and the sync write), checked cheaply."""
    return len(v) == 24 and v[10] == "T" and v[19] == "." and v[23] == "Z" and v[:4].isdigit() and v[20:23].isdigit()


_UUID_RE = re.compile(UUID_RE)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_wire(ftype: str, v, srid: int, geometry: Optional[str] = None):
    """JSON value sent to the server for a local value; ValueError (with the reason) when it cannot go."""
    if v is None:
        return None
    if ftype == "geom":
        wkb = SG.gpkg_to_wkb(v)
        if geometry and geometry.startswith("Multi"):
            wkb = _force_multi(wkb, geometry)
        return SG.wkb_to_ewkb_hex(wkb, srid)
    if ftype == "boolean":
        return bool(canon("boolean", v))
    if ftype == "integer":
        return int(v)
    if ftype == "real":
        x = float(v)
        if not math.isfinite(x):
            raise ValueError("not a finite number")
        return x
    if ftype == "date":
        s = str(v)[:10]
        if not _DATE_RE.match(s):
            raise ValueError(f"not a date: {v!r}")
        import datetime as dt

        dt.date.fromisoformat(s)  # ValueError for 2024-13-45
        return s
    if ftype == "datetime":
        return canon_datetime(v, strict=True)  # a value the server would refuse must not block the whole push
    s = str(v)
    if "\x00" in s:
        raise ValueError("text contains a NUL character")
    if ftype == "uuid" and not _UUID_RE.match(s):
        raise ValueError(f"not a uuid: {s!r}")
    return s


def _force_multi(wkb: bytes, geometry: str) -> bytes:
    order = "<" if wkb[0] == 1 else ">"
    import struct

    (gtype,) = struct.unpack(order + "I", wkb[1:5])
    if gtype % 1000 in (4, 5, 6):
        return wkb
    from osgeo import ogr

    g = ogr.CreateGeometryFromWkb(wkb)
    g = {
        "MultiPolygon": ogr.ForceToMultiPolygon,
        "MultiLineString": ogr.ForceToMultiLineString,
        "MultiPoint": ogr.ForceToMultiPoint,
    }[geometry](g)
    return bytes(g.ExportToWkb(ogr.wkbNDR))


def from_wire(ftype: str, v, srs_id: int):
    """Local SQLite value for a value sent in wire form (used to advance the base after a push)."""
    if v is None:
        return None
    if ftype == "geom":
        raw = bytes.fromhex(v)
        import struct

        order = "<" if raw[0] == 1 else ">"
        (gtype,) = struct.unpack(order + "I", raw[1:5])
        if gtype & 0x20000000:
            raw = raw[:1] + struct.pack(order + "I", gtype & ~0xE0000000) + raw[9:]
        return SG.wkb_to_gpkg(raw, srs_id)
    if ftype == "boolean":
        return 1 if v else 0
    return v


def _json_value(ftype: str, v):
    """A JSON-safe rendering for the conflicts/rejected tables (geometry as hex WKB)."""
    if v is None:
        return None
    if ftype == "geom":
        wkb = SG.gpkg_to_wkb(v)
        return wkb.hex() if wkb is not None else None
    if isinstance(v, bytes):
        return v.hex()
    return v


def row_json(types: dict, row: Optional[dict]) -> Optional[str]:
    if row is None:
        return None
    return json.dumps({c: _json_value(types.get(c, "text"), v) for c, v in row.items()}, ensure_ascii=False)


def select_expr(col: str, ftype: str):
    q = P.sql()
    ident = q.Identifier(col)
    if ftype == "geom":
        return q.SQL("ST_AsBinary({})").format(ident)
    if ftype == "uuid":
        return q.SQL("{}::text").format(ident)
    if ftype == "datetime":
        return q.SQL("""to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')""").format(ident)
    if ftype == "date":
        return q.SQL("to_char({}, 'YYYY-MM-DD')").format(ident)
    if ftype == "boolean":
        return q.SQL("{}::int").format(ident)
    return ident
