"""The SQL of the outbox's set-wise part (outbox.py): the statements that write, inside SQLite, the COPY text of the
common changes of one table straight into the outbox's staging table, so that no Python runs per feature.

An update is written here when every column it changed holds a value of a plain kind on both sides, whose COPY text
SQLite can produce exactly as ``outbox.copy_field`` would: a text without NUL (escaped by ``replace``), an integer, a
finite real (Python's ``repr`` registered as a function: the shortest text that reads back as the same double; the
printf of SQLite 3.40 is not exact), a boolean stored as 0/1, a date-time in the canonical
``YYYY-MM-DDTHH:MM:SS.mmmZ`` form, a valid ``YYYY-MM-DD`` date; and both sides have the same storage class (or one
is NULL), so a textual difference is a real one. Its county must be a non-empty text. Anything else (a changed
geometry, another date form, mixed storage classes, only updated_at/updated_by changed, an empty county) gets NULL
data and is finished by the Python path of outbox.py. Deletes likewise (the county of the base).

Updates are written in two rounds (outbox._stage_updates): one pass over the pending updates writes those of the
change masks most common in a sample of them (one simple CASE on the mask: each feature's mask computed once); a
second, over what is left, writes the other masks. The staging table is keyed (table, uuid), the outbox's order, so
the outbox is copied from it without a sort. No QGIS import.
"""

from __future__ import annotations

from . import changelog as C

NULL = "\\N"
STAGE = "temp.gw_outbox_stage"
_STAGE_NAME = "gw_outbox_stage"
#: the function registered on the connection for the text of a real (builtin ``repr``: what the Python path sends)
REPR_FN = "gw_outbox_repr"
#: the canonical date-time (wire.canon_datetime) and date forms, ASCII digits only
_CANON_DT = "'" + "[0-9]" * 4 + "-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'"
_DATE = "'" + "[0-9]" * 4 + "-[0-9][0-9]-[0-9][0-9]'"
#: the most columns a mask computed in SQLite holds (a 64-bit signed integer; the Python path takes wider tables)
MAX_BITS = 62
#: the most distinct change masks of one table written here (the second round: one CASE branch each); the rest go
#: through Python
MAX_GROUPS = 64
#: how many pending updates of a table the first round samples for the change masks it writes, and how many it takes
SAMPLE, GUESSES = 256, 4
META = ("updated_at", "updated_by")


def create_stage(con) -> None:
    """The staging table of the outbox being built: every row of every table, ``data`` NULL while the Python path
    has still to write it (``lr``, ``br``: rowids of the local and base rows of an update)."""
    con.execute(f"DROP TABLE IF EXISTS {STAGE}")
    # keyed as the outbox is ordered: copied into it without a sort
    con.execute(
        f"CREATE TABLE {STAGE} (tbl TEXT NOT NULL, uuid TEXT NOT NULL, op TEXT NOT NULL, base_rev INTEGER, "
        "data TEXT, lr INTEGER, br INTEGER, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID"
    )
    # the rows the Python path has still to write (few): found without scanning the whole stage
    con.execute(f"CREATE INDEX temp.gw_outbox_stage_todo ON {_STAGE_NAME} (tbl, op) WHERE data IS NULL")
    con.create_function(REPR_FN, 1, repr, deterministic=True)


def escaped(x: str) -> str:
    """The COPY text escaping of a text expression (outbox._ESC)."""
    return f"replace(replace(replace(replace({x}, '\\', '\\\\'), char(9), '\\t'), char(10), '\\n'), char(13), '\\r')"


def escaped_text(x: str) -> str:
    """``escaped``, its four replace() calls only for a text holding a character to escape (rare; one GLOB)."""
    return f"CASE WHEN {x} GLOB '*[\\' || char(9, 10, 13) || ']*' THEN {escaped(x)} ELSE {x} END"


def _no_nul(x: str) -> str:
    return f"instr(CAST({x} AS BLOB), x'00') = 0"


def _plain_text(x: str) -> str:
    """``x`` is a text without NUL."""
    return f"(typeof({x}) = 'text' AND {_no_nul(x)})"


def _same_class(x: str, y: str, cls: str) -> str:
    return f"typeof({x}) IN ('{cls}', 'null') AND typeof({y}) IN ('{cls}', 'null')"


def eligible(kind: str, x: str, y: str):
    """SQL true when a change of a column of ``kind`` from ``y`` (base) to ``x`` (local), known to differ in SQLite,
    is a real change whose COPY text ``text_of`` writes exactly; None when no change of the kind is."""
    if kind == "text":
        return f"({_same_class(x, y, 'text')} AND ({x} IS NULL OR {_no_nul(x)}))"
    if kind == "integer":
        return f"({_same_class(x, y, 'integer')})"
    if kind == "real":  # finite: inf - inf is NaN, which SQLite turns into NULL
        return f"({_same_class(x, y, 'real')} AND ({x} IS NULL OR {x} - {x} = 0))"
    if kind == "boolean":
        return f"({_same_class(x, y, 'integer')} AND ({x} IS NULL OR {x} IN (0, 1)) AND ({y} IS NULL OR {y} IN (0, 1)))"
    if kind == "datetime":
        return f"(({x} IS NULL OR (typeof({x}) = 'text' AND {x} GLOB {_CANON_DT})) AND ({y} IS NULL OR (typeof({y}) = 'text' AND {y} GLOB {_CANON_DT})))"
    # (a column of a DATE, DATETIME or BOOLEAN type has NUMERIC affinity: a text literal compared with it directly
    # would be read as a number first; substr() and CAST give values without affinity)
    if kind == "date":  # a real calendar day of years 1-9999 (what wire.to_wire accepts): date() keeps it unchanged
        return (
            f"(({x} IS NULL OR (typeof({x}) = 'text' AND {x} GLOB {_DATE} AND substr({x}, 1, 4) <> '0000' "
            f"AND date({x}, '+0 days') = CAST({x} AS TEXT))) AND ({y} IS NULL OR (typeof({y}) = 'text' AND {y} GLOB {_DATE})))"
        )
    return None


def text_of(kind: str, x: str) -> str:
    """The COPY text of a non-NULL local value ``x`` that ``eligible`` accepted."""
    if kind == "text":
        return escaped_text(x)
    if kind == "integer":
        return f"CAST({x} AS TEXT)"
    if kind == "real":
        return f"{REPR_FN}({x})"
    if kind == "boolean":
        return f"CASE {x} WHEN 1 THEN 't' ELSE 'f' END"
    return x  # datetime, date: already their COPY text


def _literal(text: str) -> str:
    """An SQL string literal of a text this module generated (a printf format: digits, tabs, ``\\N``, ``%s``)."""
    return "'" + text.replace("'", "''") + "'"


def group_data(cols: list, types: dict, scols: list, changed: list, uuid: str = "c.uuid"):
    """The SQL expression of the data of an update of a table whose changed columns are exactly ``changed`` (one
    change mask), over its local row ``l`` and base ``b``: the COPY text when the update qualifies (module
    docstring), NULL otherwise; None when no update of that mask can (a geometry or a column of another kind
    changed, only updated_at/updated_by, a mask wider than SQLite's integers)."""
    if len(scols) > MAX_BITS or "county_code" not in cols or not any(c not in META for c in changed):
        return None
    sbit = {c: i for i, c in enumerate(scols)}
    q = C.q
    conds, fields, fmt = [], [], []
    for c in changed:
        e = eligible(types.get(c), f"l.{q(c)}", f"b.{q(c)}") if c in sbit else None
        if e is None:
            return None
        conds.append(e)
    county = "l.county_code"
    conds.append(f"{_plain_text(county)} AND {county} <> ''")
    for c in scols:
        if c == "uuid":
            fmt.append("%s")
            fields.append(uuid)
        elif c == "county_code":
            fmt.append("%s")
            fields.append(escaped_text(county))
        elif c in changed:
            fmt.append("%s")
            x = f"l.{q(c)}"
            fields.append(f"CASE WHEN {x} IS NULL THEN '{NULL}' ELSE {text_of(types[c], x)} END")
        else:
            fmt.append(NULL)
    mask = sum(1 << sbit[c] for c in changed)
    fmt_sql = _literal("\t".join([str(mask), *fmt]))
    return f"CASE WHEN {' AND '.join(conds)} THEN printf({fmt_sql}, {', '.join(fields)}) END"


def updates_sql(tbl: str, mask_sql: str, groups: dict, source: str = "", scope: str = "") -> str:
    """INSERT OR REPLACE staging pending updates of ``tbl`` with their local and base rowids, base revision and
    data: ``groups`` maps change masks (``mask_sql``, over ``l`` and ``b``) to their data expression
    (``group_data``); an update of any other mask is staged with NULL data. ``source``: the FROM text (the pending
    updates that have a row and a base, by default; one ``?`` for the table, then those of ``scope``, a condition
    on ``c.uuid`` ANDed to the default)."""
    if groups:
        whens = " ".join(f"WHEN {int(m)} THEN {expr}" for m, expr in groups.items())
        data = f"CASE {mask_sql} {whens} END"  # (a simple CASE: the mask is computed once)
    else:
        data = "NULL"
    source = source or (
        f"{C.CHANGELOG} c JOIN {C.q(tbl)} l ON l.uuid = c.uuid JOIN {C.q(C.base_table(tbl))} b ON b.uuid = c.uuid "
        f"WHERE c.tbl = ? AND c.held = 0 AND c.op = 'U'{scope}"
    )
    return (
        f"INSERT OR REPLACE INTO {STAGE} (tbl, uuid, op, base_rev, data, lr, br) "
        f"SELECT c.tbl, c.uuid, 'U', (SELECT r.rev FROM {C.REVS} r WHERE r.tbl = c.tbl AND r.uuid = c.uuid), "
        f"{data}, l.rowid, b.rowid FROM {source}"
    )


def delete_sql(tbl: str, cols: list, scols: list, scope: str = "", scope_args: tuple = ()):
    """(SQL, params) inserting into the staging table every pending delete of ``tbl``: the uuid and the county of
    the base (what the platform checks the permission on); NULL data for a county stored as anything but a text
    without NUL or an integer (the Python path writes it)."""
    fmt = []
    for c in scols:
        fmt.append("%s" if c in ("uuid", "county_code") else NULL)
    county = "b.county_code" if "county_code" in cols else "NULL"
    text = (
        f"CASE WHEN {county} IS NULL THEN '{NULL}' WHEN {_plain_text(county)} THEN {escaped(county)} "
        f"WHEN typeof({county}) = 'integer' THEN CAST({county} AS TEXT) END"
    )
    args = ", ".join("c.uuid" if c == "uuid" else text for c in scols if c in ("uuid", "county_code"))
    sql = (
        f"INSERT INTO {STAGE} (tbl, uuid, op, base_rev, data) "
        f"SELECT c.tbl, c.uuid, 'D', (SELECT r.rev FROM {C.REVS} r WHERE r.tbl = c.tbl AND r.uuid = c.uuid), "
        f"CASE WHEN ({text}) IS NOT NULL THEN printf(?, {args}) END "
        f"FROM {C.CHANGELOG} c LEFT JOIN {C.q(C.base_table(tbl))} b ON b.uuid = c.uuid "
        f"WHERE c.tbl = ? AND c.held = 0 AND c.op = 'D'{scope}"
    )
    return sql, ("\t".join(["0", *fmt]), tbl, *scope_args)
