"""Import of lab results (long or wide tables) into a project GeoPackage: map columns, validate everything and
report before anything is written, then write in ONE transaction — all rows, or (only when the user explicitly
accepts) all valid rows. Never a half-written file. The one engine for groundwater and soil results: a profile
(core/wells/lab_profile.py; the soil one is core/soil/soil_import.py) chosen by the caller says which catalogue,
units, key and tables; reading, notations, units in headers, the report and the write are the same code.

Long format: one row per value (well, date, parameter, value, unit). Wide format: one row per sample and one column
per parameter. A parameter text carries its unit and basis ("硝酸盐(以NO3-计)(mg/L)", "砷(μg/L)", "NO3-", "氨(NH3)";
core/wells/labvalues.parse_parameter); a value may carry its own unit ("0.5mg/L"). The unit used is the value's, else
the unit column's, else the name's; two of them that disagree are an error, never a silent choice. Each value is
stored twice, consistently: normalised (value_num in the standard's unit and basis) and as written (value_text,
unit_as_written, basis_as_written, qualifier). Wells are matched by code after NFKC and case folding, by any
department code, by name, or through a sample-to-well table (core/wells/lab_wells.py); a second sample code at the
same well and day is a parallel sample (平行样), kept as its own sample.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3

import numpy as np

from ...toolbelt.i18n import tr
from ..data import tabular
from ..data.gpkg import open_database
from . import lab_checks, lab_wells, labvalues
from .classify import snap_array
from .lab_checks import codes as _codes
from .lab_dates import EXCEL_EPOCH, parse_date  # noqa: F401  (public: the import's date reading)
from .lab_profile import ANY, GROUNDWATER, NUMERIC, TEXT, LabProfile
from .lab_report import MARKS, Cells, ColumnMapping, ImportRefusedError, ImportReport, Issue, Record  # noqa: F401
from .lab_wells import fold, well_index  # noqa: F401
from .lab_write import take, write  # noqa: F401  (public: the import's write step)

TR_CONTEXT = "lab_import"
MAX_DATE_AGE_YEARS = 80
#: implausible values reported one by one per parameter; the rest in one summary warning
MAX_WARNINGS_EACH = 50
_NAN = float("nan")
_MARK_POS = {m: i for i, m in enumerate(MARKS)}


def header_unit(header: str) -> str:
    """'mg/L' from '硝酸盐(mg/L)' or '硝酸盐（以N计）（mg/L）'; '' when the header names no unit."""
    try:
        parsed = labvalues.parse_parameter(header)
    except labvalues.UnitError:
        return ""
    return (parsed.unit or "") if parsed else ""


def role_label(role: str) -> str:
    """The translated name of a mapping role ("well", "date", "parameter", "value", "sample_code")."""
    labels = {
        "well": tr(TR_CONTEXT, "well"),
        "date": tr(TR_CONTEXT, "sampling date"),
        "parameter": tr(TR_CONTEXT, "parameter"),
        "value": tr(TR_CONTEXT, "value"),
        "sample_code": tr(TR_CONTEXT, "sample code"),
    }
    return labels.get(role, role)


def missing_roles(mapping: ColumnMapping, sample_wells: bool = False, profile: LabProfile | None = None) -> list:
    """The roles the mapping still needs for validation (the profile's; groundwater: lab_columns.missing_roles); with
    a sample-to-well table the well column may be left out, but then the sample code is needed to find each row's
    well."""
    need = (profile or GROUNDWATER).missing_roles(mapping)
    if sample_wells and "well" in need:
        need.remove("well")
        if not mapping.sample_code:
            need.insert(0, "sample_code")
    return need


def _as_float(x) -> float:
    """A plain number, or NaN for anything the lab notation parser has to read (the vectorised fast path)."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return _NAN


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def _texts(values: list) -> list:
    try:
        return list(map(str.strip, values))  # every cell a str (CSV): the fast way
    except TypeError:
        return [_text(v) for v in values]


class _Index(list):
    """A list of distinct texts with their positions ("" at 0)."""

    def __init__(self):
        super().__init__([""])
        self.pos = {"": 0}

    def __call__(self, text) -> int:
        text = text or ""
        k = self.pos.get(text)
        if k is None:
            k = self.pos[text] = len(self)
            self.append(text)
        return k


def validate(
    path_or_table,
    database: str,
    mapping: ColumnMapping,
    today: _dt.date | None = None,
    progress=None,
    is_canceled=None,
    sample_wells: dict | None = None,
    release_table: bool = False,
    profile: LabProfile | None = None,
) -> ImportReport:
    """Read and check every row; nothing is written. The report lists every issue with its row.

    ``profile`` (core/wells/lab_profile.py; default groundwater) says what the file is about: its catalogue of
    parameters, its units, the key linking a row to its sample and the tables the write fills (the report keeps it).

    Works column by column: wells, dates, parameters and units are judged once per distinct spelling, numbers are
    read in one pass, and the checks (units, ranges, duplicates in the file and in the database) run on arrays — a
    million values take seconds. Each value gets at most one error, the first of: control character, unknown well,
    bad date, unknown parameter, missing/unreadable value, unit, impossible value, duplicate, duplicate in the
    database. Implausible values (a 1000× unit slip) are warnings the user confirms.

    ``sample_wells``: sample code → well code or name (a sample-to-well table, see lab_wells.sample_well_table);
    also read from ``mapping.well_table`` (a file) when the mapping has it. Rows without a well then take the well
    of their sample code.

    ``release_table``: the caller passes a Table it has no further use for (an import that writes next): its cells
    are dropped once validated, so that the write does not hold the file's text twice. The dialog keeps its table
    (the user may validate again with another mapping) and leaves this off.
    """
    profile = profile or GROUNDWATER
    well_table = getattr(mapping, "well_table", "")
    if profile.key_role != "well":  # a sample-to-well table only serves the well key
        sample_wells, well_table = None, ""
    missing = missing_roles(mapping, bool(sample_wells or well_table), profile)
    if missing:
        raise tabular.TableReadError(
            tr(
                TR_CONTEXT,
                "The column mapping is incomplete: no column chosen for {roles}. Choose them, or set the header row "
                "(the row holding the column names).",
            ).format(roles=", ".join(profile.key_label() if r == profile.key_role else role_label(r) for r in missing))
        )

    read_share = 0.0  # the share of the progress bar that reading the file takes (when this function reads it)
    if isinstance(path_or_table, tabular.Table):
        table = path_or_table
    else:
        read_share = 30.0
        table = tabular.read_table(
            path_or_table,
            mapping.sheet or None,
            header_row=mapping.header_row or None,
            progress=(lambda p: progress(p * read_share / 100.0)) if progress else None,
            is_canceled=is_canceled,
        )
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    n = table.nrows
    rep = ImportReport(table.path, rows_read=n, encoding=table.encoding, profile=profile)
    wells = profile.key_index(database)
    if sample_wells is None and well_table:
        sample_wells = lab_wells.sample_well_table(tabular.read_table(well_table))
    if sample_wells:
        sample_wells = {fold(k): v for k, v in sample_wells.items()}

    def step(pct: float) -> None:
        if is_canceled and is_canceled():
            raise InterruptedError(tr(TR_CONTEXT, "import validation canceled"))
        if progress:
            progress(read_share + pct * (100.0 - read_share) / 100.0)

    def col(name: str) -> int | None:
        return table.column(name) if name else None

    key_name = getattr(mapping, profile.key_role)  # the column linking a row to its sample
    c_well, c_date, c_code, c_lab = col(key_name), col(mapping.date), col(mapping.sample_code), col(mapping.lab)
    if profile.key_role == "sample_code":  # the code is the key: every code its own sample
        c_code = None
    units, bases = _Index(), _Index()
    if mapping.layout == "long":
        c_par, c_val, c_unit = col(mapping.parameter), col(mapping.value), col(mapping.unit)
        value_columns = None
    elif mapping.layout == "wide":
        c_par = c_val = c_unit = None
        used = {mapping.well, mapping.date, mapping.sample_code, mapping.lab, *mapping.ignore}
        value_columns = []
        for i, h in enumerate(table.headers):
            if h in used:
                continue
            try:
                parsed, note = profile.read_parameter(h, "wide")
            except labvalues.UnitError as exc:
                rep.issues.append(Issue(1, h, "error", "bad_parameter", str(exc)))
                continue
            if note:
                rep.issues.append(Issue(1, h, "warning", "not_in_standard", note))
            if parsed is None:
                rep.issues.append(
                    Issue(
                        1,
                        h,
                        "warning",
                        "column_ignored",
                        tr(TR_CONTEXT, "column {column} is not a known parameter").format(column=repr(h)),
                    )
                )
                continue
            rep.parameters[h] = parsed.key
            value_columns.append((i, h, parsed.key, units(parsed.unit), bases(parsed.basis_written)))
        if not value_columns:
            raise tabular.TableReadError(profile.no_parameter_message())
    else:
        raise ValueError(tr(TR_CONTEXT, "unknown layout {layout}").format(layout=repr(mapping.layout)))
    step(0.0)
    columns = table.columns
    # the file row of each data row (1-based, as Excel counts; header rows and skipped rows accounted for)
    if getattr(table, "row_numbers", None) is not None:
        file_row = np.asarray(table.row_numbers, np.int64)[:n]
    else:
        file_row = np.arange(n, dtype=np.int64) + getattr(table, "first_row", 2)
    step(10.0)
    issues = rep.issues

    def err(row: int, column: str, code: str, message: str) -> None:
        issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    # -- control characters: an error naming the cell; the row of a bad key cell is left out
    row_ok = np.ones(n, bool)
    value_ctrl: set = set()
    for c, name in (
        (c_well, key_name),
        (c_date, mapping.date),
        (c_par, mapping.parameter),
        (c_val, mapping.value),
        (c_unit, mapping.unit),
        (c_code, mapping.sample_code),
        (c_lab, mapping.lab),
    ):
        if c is None:
            continue
        for k in lab_checks.control_rows(columns[c], distinct=c != c_val):
            what = lab_checks.describe_control(columns[c][k])
            err(int(file_row[k]), name, "control_character", _control_message(what))
            if c == c_val:
                value_ctrl.add(k)
            else:
                row_ok[k] = False
    if value_columns is not None:
        for i, h, *_ in value_columns:
            for k in lab_checks.control_rows(columns[i]):
                err(
                    int(file_row[k]),
                    h,
                    "control_character",
                    _control_message(lab_checks.describe_control(columns[i][k])),
                )
                value_ctrl.add((k, i))

    # -- wells and dates: one verdict per distinct spelling
    well_pos: dict = {}
    well_problem: dict = {}
    well_column = columns[c_well] if c_well is not None else [None] * n
    if sample_wells and c_code is not None:  # rows without a well take their sample's
        codes_col = columns[c_code]
        well_column = [
            w if _text(w) else sample_wells.get(fold(s)) if s else None for w, s in zip(well_column, codes_col)
        ]

    def well_verdict(raw) -> int:
        u, problem = wells.match(raw)
        if u is None:
            well_problem[raw] = problem
            return -1
        return well_pos.setdefault(u, len(well_pos))

    w_row, _ = _codes(well_column, well_verdict)
    oldest = today.replace(year=today.year - MAX_DATE_AGE_YEARS)
    date_pos: dict = {}
    date_problem: dict = {}

    def date_verdict(raw) -> int:
        d = parse_date(raw)
        if d is None:
            date_problem[raw] = ("bad_date", tr(TR_CONTEXT, "{value} is not a date").format(value=repr(raw)))
        elif d > today:
            date_problem[raw] = ("future_date", tr(TR_CONTEXT, "{date} is in the future").format(date=d.isoformat()))
        elif d < oldest:
            date_problem[raw] = ("bad_date", tr(TR_CONTEXT, "{date} is implausibly old").format(date=d.isoformat()))
        else:
            return date_pos.setdefault(d.isoformat(), len(date_pos))
        return -1

    if c_date is None:  # a profile whose samples carry their date (soil): no date column needed
        date_pos[""] = 0
        d_row = np.zeros(n, np.int32)
    else:
        d_row, _ = _codes(columns[c_date], date_verdict)
    well_name = key_name or mapping.sample_code
    for k in np.flatnonzero(row_ok & (w_row < 0)).tolist():
        err(int(file_row[k]), well_name, "unknown_well", well_problem[well_column[k]])
    for k in np.flatnonzero(row_ok & (w_row >= 0) & (d_row < 0)).tolist():
        code, message = date_problem[columns[c_date][k]]
        err(int(file_row[k]), mapping.date, code, message)
    row_ok &= (w_row >= 0) & (d_row >= 0)
    # samples: (well, date, sample code); without a code column one sample per well and date
    code_pos: dict = {"": 0}
    if c_code is not None:
        s_row, _ = _codes(columns[c_code], lambda raw: code_pos.setdefault(fold(raw), len(code_pos)))
    else:
        s_row = np.zeros(n, np.int32)
    step(25.0)

    # -- the values as cells: (file row, column position, parameter spelling, raw value, unit of the column)
    pkeys: list = []
    pkey_pos: dict = {}

    def pkey_index(key: str) -> int:
        if key not in pkey_pos:
            pkey_pos[key] = len(pkeys)
            pkeys.append(key)
        return pkey_pos[key]

    if value_columns is None:
        colnames = [mapping.value]
        spell_key, spell_unit, spell_basis, spell_note = [], [], [], {}
        spell_problem: dict = {}

        def param_verdict(raw) -> int:
            try:
                parsed, note = profile.read_parameter(raw, "long")
            except labvalues.UnitError as exc:
                spell_problem[raw] = ("bad_parameter", str(exc))
                return -1
            if parsed is None:
                spell_problem[raw] = ("unknown_parameter", profile.unknown_parameter_message(raw))
                return -1
            if note:
                spell_note[len(spell_key)] = note
            rep.parameters[str(raw)] = parsed.key
            spell_key.append(pkey_index(parsed.key))
            spell_unit.append(units(parsed.unit))
            spell_basis.append(bases(parsed.basis_written))
            return len(spell_key) - 1

        sp_row, _ = _codes(columns[c_par], param_verdict)
        for k in np.flatnonzero(row_ok & (sp_row < 0)).tolist():
            code, message = spell_problem[columns[c_par][k]]
            err(int(file_row[k]), mapping.parameter, code, message)
        row_ok &= sp_row >= 0
        for j, note in spell_note.items():  # a parameter outside the catalogue: one warning, at its first row
            first = np.flatnonzero(row_ok & (sp_row == j))
            if first.size:
                issues.append(Issue(int(file_row[first[0]]), mapping.parameter, "warning", "not_in_standard", note))
        c_rows, pick_rows = _rows_kept(row_ok)
        c_col = np.zeros(c_rows.size, np.int32)  # calloc'd: no memory until an error touches it
        sp = pick_rows(sp_row)
        del sp_row
        c_p = np.array(spell_key + [0], np.int32)[sp]
        c_name_unit = np.array(spell_unit + [0], np.int32)[sp]
        c_basis = np.array(spell_basis + [0], np.int32)[sp]
        del sp
        raw_values = take(columns[c_val], c_rows, n)
        if c_unit is not None:
            u_row, _ = _codes(columns[c_unit], lambda raw: units(_text(raw)))
            c_col_unit = pick_rows(u_row)
            del u_row
        else:
            c_col_unit = np.zeros(c_rows.size, np.int32)
        ctrl = np.isin(c_rows, np.fromiter(value_ctrl, np.int64, len(value_ctrl))) if value_ctrl else None
    else:
        colnames = [h for _, h, _, _, _ in value_columns]
        idx = np.flatnonzero(row_ok).astype(np.int32)
        parts_rows, parts_col, parts_p, parts_u, parts_b, raw_values = [], [], [], [], [], []
        for j, (i, _h, key, unit, basis) in enumerate(value_columns):
            parts_rows.append(idx)
            parts_col.append(np.full(idx.size, j, np.int32))
            parts_p.append(np.full(idx.size, pkey_index(key), np.int32))
            parts_u.append(np.full(idx.size, unit, np.int32))
            parts_b.append(np.full(idx.size, basis, np.int32))
            raw_values.extend(take(columns[i], idx, n))
        c_rows = np.concatenate(parts_rows) if parts_rows else np.zeros(0, np.int32)
        c_col = np.concatenate(parts_col)
        order = np.lexsort((c_col, c_rows))  # file order: row by row, columns left to right
        c_rows, c_col = c_rows[order], c_col[order]
        c_p, c_name_unit = np.concatenate(parts_p)[order], np.concatenate(parts_u)[order]
        c_basis = np.concatenate(parts_b)[order]
        c_col_unit = np.zeros(c_rows.size, np.int32)
        raw_values = list(map(raw_values.__getitem__, order.tolist()))
        ctrl = None
        if value_ctrl:
            col_of = {i: j for j, (i, *_r) in enumerate(value_columns)}
            bad = {(int(k), col_of[i]) for k, i in value_ctrl}
            ctrl = np.array([(int(r), int(c)) in bad for r, c in zip(c_rows, c_col)], bool)

        def pick_rows(a):
            return a[c_rows]

    c_w, c_d, c_s = pick_rows(w_row), pick_rows(d_row), pick_rows(s_row)
    del w_row, d_row, s_row, row_ok
    m = c_rows.size
    step(40.0)
    vals = _read_values(
        profile,
        raw_values,
        c_p,
        pkeys,
        c_col_unit,
        c_name_unit,
        c_basis,
        units,
        bases,
        ctrl,
        long_layout=value_columns is None,
    )
    del c_col_unit, c_name_unit, ctrl
    for k, code, message in vals.errors:
        err(int(file_row[c_rows[k]]), colnames[c_col[k]], code, message)
    for k, code, message in vals.warnings:
        issues.append(Issue(int(file_row[c_rows[k]]), colnames[c_col[k]], "warning", code, message))
    keep = vals.keep
    step(75.0)

    def cell_err(k: int, code: str, message: str) -> None:
        keep[k] = False
        err(int(file_row[c_rows[k]]), colnames[c_col[k]], code, message)

    # -- samples and duplicates in the file: the first value of a (sample, parameter) stands, later ones are errors
    n_dates, n_codes, n_keys = max(len(date_pos), 1), max(len(code_pos), 1), max(len(pkeys), 1)
    sample_key = (c_w.astype(np.int64) * n_dates + c_d) * n_codes + c_s
    del c_s
    kept = np.flatnonzero(keep)
    sk = sample_key * n_keys + c_p
    if kept.size < m:
        sk = sk[kept]
    sk.sort()  # duplicates are rare: found on a plain sort in place first, located only when there are some
    if sk.size > 1 and bool((sk[1:] == sk[:-1]).any()):
        value_key = sample_key * n_keys + c_p
        order = kept[np.argsort(value_key[kept], kind="stable")]
        sk = value_key[order]
        later = np.flatnonzero(sk[1:] == sk[:-1]) + 1
        group_start = np.maximum.accumulate(np.where(np.r_[True, sk[1:] != sk[:-1]], np.arange(order.size), 0))
        for j in later.tolist():
            k, first = int(order[j]), int(order[group_start[j]])
            given = tr(TR_CONTEXT, "{parameter} of this sample already given in row {row}").format(
                parameter=pkeys[c_p[k]], row=int(file_row[c_rows[first]])
            )
            cell_err(k, "duplicate", given)
        del order, value_key
        kept = np.flatnonzero(keep)
    del sk
    # distinct samples in file order; a second code at the same well and date is a parallel sample of the first.
    # Files list a sample's values together: the runs of one sample key are found first, and only the runs' keys
    # (a tenth of the values or fewer) are sorted
    keys = sample_key if kept.size == m else sample_key[kept]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else np.zeros(0, np.int64)
    uniq, first_run, run_sample = np.unique(keys[starts], return_index=True, return_inverse=True)
    first = starts[first_run]  # the first value of each distinct sample
    by_appearance = np.argsort(first, kind="stable")
    rank = np.empty(by_appearance.size, np.int32)
    rank[by_appearance] = np.arange(by_appearance.size, dtype=np.int32)
    sample_of = np.full(m, -1, np.int32)
    sample_of[kept] = np.repeat(rank[run_sample.reshape(-1)], np.diff(np.r_[starts, keys.size]))
    del sample_key, keys, starts, first_run, run_sample, first, rank
    code_text = {v: k for k, v in code_pos.items()}
    well_uuids, dates = list(well_pos), list(date_pos)
    samples, primary_of_site, primaries = [], {}, []
    for j in by_appearance.tolist():
        skv = int(uniq[j])
        site, code = skv // n_codes, skv % n_codes
        samples.append((well_uuids[site // n_dates], dates[site % n_dates], code_text[code]))
        primaries.append(primary_of_site.setdefault(site, len(samples) - 1))
    parallels = sum(1 for j, p in enumerate(primaries) if p != j)
    if parallels:
        issues.append(
            Issue(
                1,
                mapping.sample_code,
                "warning",
                "parallel_samples",
                tr(
                    TR_CONTEXT,
                    "{count} samples are parallel samples (平行样): a second sample code at a well "
                    "and date already sampled; each is kept as its own sample",
                ).format(count=parallels),
            )
        )
    # -- duplicates of values already in the database
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        existing = profile.existing_samples(con, samples, primaries)
        known = {j: su for j, su in enumerate(existing) if su is not None}
        if known:
            in_db = profile.results_of(con, known.values())
            for k in kept[np.isin(sample_of[kept], np.fromiter(known, np.int64, len(known)))].tolist():
                if (known[int(sample_of[k])], pkeys[c_p[k]]) in in_db:
                    cell_err(
                        k,
                        "duplicate_in_database",
                        tr(TR_CONTEXT, "{parameter} of this sample is already in the database").format(
                            parameter=pkeys[c_p[k]]
                        ),
                    )
    finally:
        con.close()
    step(90.0)

    del kept
    sel, pick = _rows_kept(keep)  # every cell kept (a clean file): the arrays themselves, no copies
    c_rows_sel = pick(c_rows)
    every_row = c_rows_sel.size == n and value_columns is None  # then c_rows_sel is 0 … n-1
    rep.cells = Cells(
        row=file_row if every_row else file_row[c_rows_sel],
        well=pick(c_w),
        date=pick(c_d),
        pkey=pick(c_p),
        value_text=_texts(take(raw_values, sel, m)),
        value_num=pick(vals.nums),
        below_detection=pick(vals.nd),
        detection_limit=pick(vals.dl),
        sample_code=None if c_code is None else columns[c_code] if every_row else take(columns[c_code], c_rows_sel, -1),
        lab=None if c_lab is None else columns[c_lab] if every_row else take(columns[c_lab], c_rows_sel, -1),
        well_uuids=well_uuids,
        dates=dates,
        pkeys=pkeys,
        unit_written=pick(vals.unit),
        basis_written=pick(c_basis),
        mark=pick(vals.mark),
        units=list(units),
        bases=list(bases),
        sample=pick(sample_of),
        samples=samples,
        primary=primaries,
    )
    if release_table:
        table.release()
    position = {h: i for i, h in enumerate(table.headers)}
    rep.issues.sort(key=lambda i: (i.row, position.get(i.column, -1)))  # file order: rows, then columns
    if progress:
        progress(100.0)
    return rep


def _control_message(what: str) -> str:
    return tr(TR_CONTEXT, "the cell holds a control character ({character})").format(character=what)


def _unit_conflict_message(ua: str, wa: int, ub: str, wb: int) -> str:
    """The unit-conflict sentence; ``wa``/``wb`` say where each unit was written (0 value, 1 unit column, 2 name)."""
    where = (tr(TR_CONTEXT, "the value"), tr(TR_CONTEXT, "the unit column"), tr(TR_CONTEXT, "the parameter name"))
    return tr(TR_CONTEXT, "unit {unit_a} of {where_a} contradicts unit {unit_b} of {where_b}").format(
        unit_a=repr(ua), where_a=where[wa], unit_b=repr(ub), where_b=where[wb]
    )


def _rows_kept(row_ok: np.ndarray) -> tuple:
    """(int32 positions of the rows kept, pick): ``pick(array)`` is the array at those rows — the array itself, not a
    copy, when every row is kept (the common case: a clean file costs no copies)."""
    idx = np.flatnonzero(row_ok).astype(np.int32)
    if idx.size == row_ok.size:
        return idx, lambda a: a
    return idx, lambda a: a[idx]


class _Values:
    """The values of the cells read: numbers in the standard's unit, non-detects, the unit and qualifier as
    written, which cells stand, and the errors and warnings found (cell position, code, message)."""

    def __init__(self, m: int):
        self.nums: np.ndarray | None = None  # set by _read_values
        self.nd = np.zeros(m, bool)
        self.dl = np.full(m, np.nan)
        self.keep = np.ones(m, bool)
        self.unit: np.ndarray | None = None  # set by _read_values
        self.mark = np.zeros(m, np.int8)
        self.errors: list = []
        self.warnings: list = []

    def error(self, k: int, code: str, message: str) -> None:
        self.keep[k] = False
        self.errors.append((k, code, message))


def _read_values(
    profile: LabProfile, raw_values, c_p, pkeys, col_unit, name_unit, basis, units, bases, ctrl, long_layout
) -> _Values:
    m = len(raw_values)
    v = _Values(m)
    nums = np.fromiter(map(_as_float, raw_values), np.float64, m)
    nums[~np.isfinite(nums)] = np.nan  # "inf", "1e999": read (and refused) by the notation parser
    kinds = profile.kinds(pkeys) + [NUMERIC]
    text_ok = np.array([k in (TEXT, ANY) for k in kinds], bool)[c_p]  # a word is a value of this parameter
    is_text = np.array([k == TEXT for k in kinds], bool)[c_p]  # only a word is (no number, no unit)
    word = np.zeros(m, bool)  # the cells holding a word
    value_unit = np.zeros(m, np.int32)
    if ctrl is not None:
        for k in np.flatnonzero(ctrl).tolist():
            v.keep[k] = False  # reported with the control-character check
            nums[k] = 0.0
    notation: dict = {}
    for k in np.flatnonzero(np.isnan(nums)).tolist():
        raw = raw_values[k]
        lv = notation.get(raw)
        if lv is None:
            lv = notation[raw] = profile.parse_value(raw)
        if lv.qualifier == "missing":
            if long_layout:
                v.error(k, "missing_value", tr(TR_CONTEXT, "no value"))
            else:
                v.keep[k] = False  # an empty cell of a wide table is no value, not an error
            continue
        if lv.qualifier == "invalid":
            v.error(k, "bad_value", tr(TR_CONTEXT, "{value}: {problem}").format(value=repr(raw), problem=lv.note))
            continue
        if lv.qualifier == "text":
            word[k] = True
            if not text_ok[k]:
                v.error(
                    k,
                    "bad_value",
                    tr(TR_CONTEXT, "{value} is text but {parameter} needs a number").format(
                        value=repr(raw), parameter=pkeys[c_p[k]]
                    ),
                )
            continue
        nums[k] = np.nan if lv.value_num is None else lv.value_num
        v.nd[k] = bool(lv.below_detection)
        if lv.detection_limit is not None:
            v.dl[k] = lv.detection_limit
        v.mark[k] = _MARK_POS.get(lv.mark, 0)
        if lv.unit:
            value_unit[k] = units(lv.unit)
    if ctrl is not None:
        nums[ctrl] = np.nan
    has_num = ~np.isnan(nums)
    for k in np.flatnonzero(v.keep & is_text & has_num).tolist():
        v.error(
            k,
            "bad_value",
            tr(TR_CONTEXT, "{value}: {parameter} is judged by a word (无/有), not a number").format(
                value=repr(raw_values[k]), parameter=pkeys[c_p[k]]
            ),
        )

    # -- units: the value's own, else the unit column's, else the name's; any two that disagree are an error
    n_u = len(units)
    triple = (value_unit.astype(np.int32 if n_u**3 < 2**31 else np.int64) * n_u + col_unit) * n_u + name_unit
    effective = np.where(value_unit > 0, value_unit, np.where(col_unit > 0, col_unit, name_unit)).astype(np.int32)
    numeric = v.keep & ~is_text & ~word
    for t in np.unique(triple[numeric]).tolist():
        given = [
            (units[t // (n_u * n_u)], 0),
            (units[(t // n_u) % n_u], 1),
            (units[t % n_u], 2),
        ]
        given = [(u, where) for u, where in given if u]
        clash = next(((a, b) for a in given for b in given if a < b and not profile.same_unit(a[0], b[0])), None)
        if clash:
            (ua, wa), (ub, wb) = clash
            message = _unit_conflict_message(ua, wa, ub, wb)
            for k in np.flatnonzero(numeric & (triple == t)).tolist():
                v.error(k, "unit_conflict", message)
    del triple, value_unit
    numeric = v.keep & ~is_text & ~word
    n_b = len(bases)
    combo = (c_p.astype(np.int32 if len(pkeys) * n_u * n_b < 2**31 else np.int64) * n_u + effective) * n_b + basis
    for cval in np.unique(combo[numeric]).tolist():
        b = bases[cval % n_b]
        rest = cval // n_b
        key, unit = pkeys[rest // len(units)], units[rest % len(units)]
        sel = numeric & (combo == cval)
        try:
            f = profile.conversion_factor(key, unit or None, b or None) if (unit or b) else 1.0
        except labvalues.UnitError as exc:
            for k in np.flatnonzero(sel).tolist():
                v.error(k, "unit", str(exc))
            continue
        if f != 1.0:  # binary noise of the conversion removed: 700 μg/L is 0.7 mg/L, not 0.7000000000000001
            nums[sel] = snap_array(nums[sel] * f)
            v.dl[sel] = snap_array(v.dl[sel] * f)
    del combo, numeric
    v.nums = nums
    v.unit = effective
    # -- impossible and implausible values
    ph = pkeys.index("pH") if "pH" in pkeys else -2
    with np.errstate(invalid="ignore"):
        bad_ph = v.keep & (c_p == ph) & has_num & ((nums < 0) | (nums > 14))
        negative = v.keep & ~is_text & (c_p != ph) & has_num & (nums < 0)
        bound = profile.plausible_max_array(pkeys)
        high = v.keep & ~is_text & has_num & (nums > bound[c_p])
    for k in np.flatnonzero(bad_ph).tolist():
        v.error(k, "impossible", tr(TR_CONTEXT, "pH {value} outside 0–14").format(value=repr(raw_values[k])))
    for k in np.flatnonzero(negative).tolist():
        v.error(
            k,
            "impossible",
            tr(TR_CONTEXT, "{value}: a concentration cannot be negative").format(value=repr(raw_values[k])),
        )
    flagged = np.flatnonzero(high & v.keep)
    per_key: dict = {}
    for k in flagged.tolist():
        key = pkeys[c_p[k]]
        per_key[key] = per_key.get(key, 0) + 1
        if per_key[key] > MAX_WARNINGS_EACH:
            continue
        limit = float(bound[pkeys.index(key)])
        v.warnings.append((k, "implausible", profile.implausible_message(key, raw_values[k], float(nums[k]), limit)))
    for key, count in per_key.items():
        if count > MAX_WARNINGS_EACH:
            k = int(flagged[np.flatnonzero(c_p[flagged] == pkeys.index(key))[MAX_WARNINGS_EACH]])
            v.warnings.append(
                (
                    k,
                    "implausible",
                    tr(
                        TR_CONTEXT,
                        "{parameter}: {count} more values above the plausible {limit} from this row on; confirm them",
                    ).format(parameter=key, count=count - MAX_WARNINGS_EACH, limit=f"{bound[pkeys.index(key)]:.6g}"),
                )
            )
    return v


def import_results(
    path: str,
    database: str,
    mapping: ColumnMapping,
    accept_valid_only: bool = False,
    user: str = "",
    progress=None,
    is_canceled=None,
    profile: LabProfile | None = None,
) -> ImportReport:
    """Validate and write a file in one call (the profile's tables; default groundwater)."""
    rep = validate(path, database, mapping, progress=progress, is_canceled=is_canceled, profile=profile)
    return write(rep, database, accept_valid_only, user, is_canceled=is_canceled)
