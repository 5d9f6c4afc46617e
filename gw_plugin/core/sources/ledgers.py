"""Import of the bureau's existing ledgers (pollution sources, abandoned wells, monitoring wells, construction-land
sites) from CSV/XLSX/XLS into the project GeoPackage: column mapping, validation report before writing, one transaction.

- Coordinates: CGCS2000/WGS84 longitude/latitude in decimal degrees or degree-minute-second (113°45'30.5", 113度45分
  30.5秒, 113:45:30.5), or projected metres in the project CRS; geographic input is transformed.
- Rows without coordinates are placed at their county's centroid and flagged for field checking
  (``needs_field_check`` where the table has it, otherwise a note in remarks).
- Tables of areas (sites: their boundary cannot come from a table): coordinates only locate the county; a new row is
  written without a boundary (a warning says to draw or import it), an existing row keeps its boundary.
- Re-importing an updated ledger UPDATES the matching rows — by unified social credit code or by the table's code
  field — instead of duplicating them, and the report lists what changed (field: old → new).
- Code-list columns accept the code, its Chinese or English label, or a known synonym.
- Rows identical to an earlier row of the file, and cells with control characters, are errors (ledger_common.py);
  records of a source (rosters, inspections, permits) are in ledgers_linked.py; this module is the entry point.
"""

from __future__ import annotations

import sqlite3

from osgeo import ogr

from ...toolbelt.ogr import transformation
from ..data import schema as S
from ..data import tabular
from ..data.gpkg import open_database
from ..wells.lab_report import Issue
from ..wells.labvalues import normalise_text
from .ledger_common import (  # noqa: F401  (public names of the ledger import, used through this module)
    CODE_SYNONYMS,
    HEADER_SYNONYMS,
    CellError,
    LedgerMapping,
    LedgerRefusedError,
    LedgerReport,
    LedgerRow,
    cell_value,
    code_lookup,
    parse_angle,
    parse_yes_no,
    refuse_if_errors,
    row_checks,
    write_features,
)
from .ledgers_linked import (  # noqa: F401
    LINKED_KEYS,
    LINKED_SYNONYMS,
    LINKED_TABLES,
    guess_linked_mapping,
    validate_linked,
    write_linked,
)

ogr.UseExceptions()

KEY_FIELDS = {
    "pollution_sources": ("uscc", "source_code"),
    "abandoned_wells": ("well_code",),
    "monitoring_wells": ("well_code",),
    "sites": ("site_code",),
}
CODE_FIELD = {
    "pollution_sources": "source_code",
    "abandoned_wells": "well_code",
    "monitoring_wells": "well_code",
    "sites": "site_code",
}


def is_area(table: str) -> bool:
    """A table of polygons: a ledger row gives no boundary for it."""
    return "Polygon" in (S.table(table).geometry or "")


def guess_mapping(table: tabular.Table, target: str) -> LedgerMapping:
    fields = {f.name for f in S.table(target).all_fields()} | {"lon", "lat", "x", "y", "county"}
    cols: dict = {}
    norm = {h: normalise_text(h).lower() for h in table.headers}
    for fname, spellings in HEADER_SYNONYMS.items():
        if fname not in fields or fname in cols:
            continue
        for sp in spellings:
            hit = next((h for h, n in norm.items() if n == normalise_text(sp).lower() and h not in cols.values()), None)
            if hit:
                cols[fname] = hit
                break
    return LedgerMapping(target, cols)


def _counties(path: str) -> tuple:
    """(code → (name_zh, name_en, centroid x, centroid y, geometry)), via OGR."""
    ds = ogr.Open(path)
    out = {}
    lyr = ds.GetLayerByName("admin_units")
    for f in lyr:
        if f.GetField("level") != "county":
            continue
        g = f.GetGeometryRef()
        c = g.Centroid() if g is not None else None
        out[f.GetField("code")] = (
            f.GetField("name_zh"),
            f.GetField("name_en"),
            c.GetX() if c else None,
            c.GetY() if c else None,
            g.Clone() if g is not None else None,
        )
    ds = None
    return out


def _transformer(path: str):
    crs = dict(sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT key, value FROM gw_meta")).get(
        "crs", S.DEFAULT_CRS
    )
    # CGCS2000 geographic (EPSG:4490); WGS84 differs by centimetres, below ledger precision
    return transformation(4490, crs, skip_same=False)


def _existing(path: str, table: str) -> tuple:
    keys = KEY_FIELDS[table]
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = [f.name for f in S.table(table).fields]
        rows = con.execute(f'SELECT fid, {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"').fetchall()
    finally:
        con.close()
    index = {k: {} for k in keys}
    values = {}
    for r in rows:
        rec = dict(zip(cols, r[1:]))
        values[r[0]] = rec
        for k in keys:
            if rec.get(k):
                index[k][str(rec[k]).strip().upper() if k == "uscc" else str(rec[k]).strip()] = r[0]
    return index, values


def _positions(path: str, table: str) -> dict:
    ds = ogr.Open(path)
    try:
        out = {}
        for f in ds.GetLayerByName(table):
            g = f.GetGeometryRef()
            if g is not None and not g.IsEmpty():
                out[f.GetFID()] = (g.GetX(), g.GetY())
        return out
    finally:
        ds = None


def validate_ledger(path_or_table, database: str, mapping: LedgerMapping, today=None, is_canceled=None) -> LedgerReport:
    """Check every row; nothing is written."""
    import datetime as _dt

    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    target = S.table(mapping.table)
    rep = LedgerReport(table.path, mapping.table, rows_read=table.nrows)
    counties = _counties(database)
    county_by_name = {}
    for code, (zh, en, *_rest) in counties.items():
        for k in (code, zh, en):
            if k:
                county_by_name[normalise_text(k).lower()] = code
    tr = _transformer(database)
    index, existing = _existing(database, mapping.table)
    area = is_area(mapping.table)
    positions = {} if area else _positions(database, mapping.table)
    col = {f: table.column(h) for f, h in mapping.columns.items() if h}
    lookups = {f.name: code_lookup(S.codelist(f.codelist)) for f in target.fields if f.codelist}
    seen: dict = {}

    def err(row, column, code, message):
        rep.issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    def warn(row, column, code, message):
        rep.issues.append(Issue(row, column, "warning", code, message))

    rejected = row_checks(table, sorted(col.values()))
    for k, r in enumerate(table.rows):
        rowno = table.row_number(k)
        if is_canceled is not None and k % 1000 == 0 and is_canceled():
            raise InterruptedError("ledger validation canceled")
        if k in rejected:
            rep.issues.append(rejected[k])
            rep.bad_rows.add(rowno)
            continue
        values = {}
        ok = True
        for f in target.fields:
            if f.name not in col:
                continue
            raw = r[col[f.name]]
            if raw is None or str(raw).strip() == "":
                continue
            try:
                values[f.name] = cell_value(f, str(raw).strip(), lookups, today)
            except CellError as exc:
                err(rowno, mapping.columns[f.name], exc.code, str(exc))
                ok = False
        missing = [f.name for f in target.fields if f.required and f.name not in values and f.name != "county_code"]
        # the code field may be generated; a name is needed
        for m in missing:
            if m == CODE_FIELD.get(mapping.table):
                continue
            err(rowno, m, "missing", f"required field {m} is empty")
            ok = False
        # county
        county = None
        if "county" in col and r[col["county"]]:
            county = county_by_name.get(normalise_text(str(r[col["county"]])).lower())
            if county is None:
                err(rowno, mapping.columns["county"], "unknown_county", f"{r[col['county']]!r} is not a county here")
                ok = False
        # coordinates
        x = y = None
        if "lon" in col and "lat" in col and (r[col["lon"]] or r[col["lat"]]):
            lon, lat = parse_angle(r[col["lon"]]), parse_angle(r[col["lat"]])
            if lon is None or lat is None or not (73 <= lon <= 136 and 3 <= lat <= 54):
                err(
                    rowno,
                    mapping.columns["lon"],
                    "bad_coordinates",
                    f"{r[col['lon']]!r}, {r[col['lat']]!r} are not longitude/latitude in China",
                )
                ok = False
            else:
                x, y, _ = tr.TransformPoint(lon, lat)
        elif "x" in col and "y" in col and (r[col["x"]] or r[col["y"]]):
            try:
                x, y = float(normalise_text(r[col["x"]])), float(normalise_text(r[col["y"]]))
            except (TypeError, ValueError):
                err(rowno, mapping.columns["x"], "bad_coordinates", "X/Y are not numbers")
                ok = False
        if x is not None and ok:
            pt = ogr.CreateGeometryFromWkt(f"POINT ({x} {y})")
            inside = [c for c, v in counties.items() if v[4] is not None and v[4].Contains(pt)]
            if not inside:
                err(
                    rowno,
                    mapping.columns.get("lon") or mapping.columns.get("x"),
                    "outside_city",
                    "the point lies outside the city's counties",
                )
                ok = False
            elif county is None:
                county = inside[0]
            elif county not in inside:
                warn(
                    rowno,
                    mapping.columns.get("county", ""),
                    "county_mismatch",
                    f"the point lies in {inside[0]}, the ledger says {county}",
                )
        placed = False
        if x is None and ok and not (area and county is not None):
            if county is None or counties[county][2] is None:
                err(rowno, "", "no_location", "neither coordinates nor a county to place the row")
                ok = False
            else:
                x, y, placed = counties[county][2], counties[county][3], True
                warn(rowno, "", "placed_at_centroid", "no coordinates: placed at the county centroid for field check")
        if not ok:
            continue
        values["county_code"] = county
        # match an existing row
        match = None
        for key in KEY_FIELDS[mapping.table]:
            v = values.get(key)
            if v:
                match = index[key].get(str(v).strip().upper() if key == "uscc" else str(v).strip())
                if match is not None:
                    break
        dup_key = tuple(values.get(k) for k in KEY_FIELDS[mapping.table])
        if any(dup_key):
            if dup_key in seen:
                err(rowno, "", "duplicate", f"same unit as row {seen[dup_key]}")
                continue
            seen[dup_key] = rowno
        lr = LedgerRow(rowno, values, x, y, placed, match)
        if match is not None:
            old = existing[match]
            lr.changes = {
                k: (old.get(k), v)
                for k, v in values.items()
                if k in old
                and old.get(k) != v
                and not (isinstance(v, float) and old.get(k) is not None and abs(old[k] - v) < 1e-9)
            }
            if not placed and not area:
                ox, oy = positions.get(match, (None, None))
                if ox is None or abs(ox - x) > 0.5 or abs(oy - y) > 0.5 or old.get("needs_field_check"):
                    lr.changes["position"] = (None if ox is None else f"{ox:.1f}, {oy:.1f}", f"{x:.1f}, {y:.1f}")
        elif area:
            warn(rowno, "", "no_boundary", "written without a boundary: draw or import the site's boundary")
        rep.rows.append(lr)
    return rep


def write_ledger(
    rep: LedgerReport, database: str, accept_valid_only: bool = False, user: str = "", is_canceled=None
) -> LedgerReport:
    """Insert new rows and update matched ones in ONE transaction (through OGR, which keeps the R-tree)."""
    refuse_if_errors(rep, accept_valid_only)
    target = S.table(rep.table)
    has_flag = "needs_field_check" in {f.name for f in target.fields}
    code_field = CODE_FIELD.get(rep.table)
    area = is_area(rep.table)

    def fill_new(f, r):
        if code_field and not r.values.get(code_field):
            f[code_field] = f"{r.values['county_code']}-{f['uuid'][-8:]}"
        if has_flag:
            f["needs_field_check"] = 1 if r.placed_at_centroid else 0
        elif r.placed_at_centroid:
            f["remarks"] = ((r.values.get("remarks") or "") + " [位置取县区中心，待现场核实]").strip()
        if not area:  # an area's boundary is drawn or imported later
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({r.x} {r.y})"))

    def fill_changed(f, r):
        if "position" in r.changes:  # a real position replaces the old one
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({r.x} {r.y})"))
            if has_flag:
                f["needs_field_check"] = 0

    return write_features(rep, database, user, fill_new, fill_changed, is_canceled)


# ------------------------------------------------------------------------------------------------------------------
# One entry point for every kind of ledger (the Processing algorithm and the dialog use these)
# ------------------------------------------------------------------------------------------------------------------
#: every table a ledger can be imported into (new kinds at the end: the order numbers gwplugin:importledger's TABLE)
TARGETS = ("pollution_sources", "abandoned_wells", "monitoring_wells") + LINKED_TABLES + ("sites",)


def is_linked(target: str) -> bool:
    """Records of a pollution source (roster list, inspection ledger, permits), named by credit code, source code or
    name, rather than located features."""
    return target in LINKED_TABLES


def guess(table: tabular.Table, target: str) -> LedgerMapping:
    return (guess_linked_mapping if is_linked(target) else guess_mapping)(table, target)


def validate(path_or_table, database: str, mapping: LedgerMapping, today=None, is_canceled=None) -> LedgerReport:
    fn = validate_linked if is_linked(mapping.table) else validate_ledger
    return fn(path_or_table, database, mapping, today, is_canceled)


def write(
    rep: LedgerReport, database: str, accept_valid_only: bool = False, user: str = "", is_canceled=None
) -> LedgerReport:
    fn = write_linked if is_linked(rep.table) else write_ledger
    return fn(rep, database, accept_valid_only, user, is_canceled)
