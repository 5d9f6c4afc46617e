"""Import of soil lab results (CSV/TSV UTF-8 or GBK/GB18030, XLSX, XLS through core/data/tabular.py) into
``soil_results`` of a project GeoPackage: long tables (sample, parameter, value[, unit]) or wide tables (a sample
column and one column per parameter, the unit in the header as "砷(mg/kg)"); values as labs write them (ND,
<0.01, 0.01L, full-width digits; core/wells/labvalues.py), units mg/kg, μg/kg, ng/kg … (core/soil/gb36600.py);
a validation report before anything is written; one transaction.

Errors (the row is not written): no such sample in soil_samples, a unit that is not a soil unit, a value that cannot
be read. Warnings (written): a parameter that is not an item of GB 36600-2018 (pH, moisture …), an empty value.
Pure logic; no widgets.
"""

from __future__ import annotations

import re
import sqlite3
import uuid as _uuid
from dataclasses import dataclass, field
from typing import Optional

from ...toolbelt.i18n import tr
from ..data import tabular
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction
from ..wells.labvalues import parse_lab_value
from . import gb36600 as G

TR_CONTEXT = "SoilImport"
_HEADER_UNIT = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<unit>[^()（）]*?/\s*k?g[^()（）]*?|ppm|ppb)\s*[)）]\s*$", re.I)


class SoilImportError(ValueError):
    """The import cannot be made as asked (message meant for the user)."""


@dataclass
class Issue:
    row: int  # row of the file (1-based)
    column: str
    level: str  # error | warning
    message: str


@dataclass
class Report:
    rows: list = field(default_factory=list)  # dicts ready to insert
    issues: list = field(default_factory=list)
    samples: int = 0

    @property
    def errors(self) -> list:
        return [i for i in self.issues if i.level == "error"]


def split_header(header: str) -> tuple:
    """('砷', 'mg/kg') for '砷(mg/kg)' or '砷（mg/kg）'; (header, None) without a unit."""
    m = _HEADER_UNIT.match(str(header or "").strip())
    if m:
        return m.group("name").strip(), m.group("unit").strip()
    return str(header or "").strip(), None


def records(
    table,
    sample_col: str,
    parameter_col: Optional[str] = None,
    value_col: Optional[str] = None,
    unit_col: Optional[str] = None,
) -> list:
    """(file row, sample code, parameter, value text, unit) of a read table: long when ``parameter_col`` is given,
    otherwise wide (every column except the sample column is a parameter)."""
    headers = table.headers

    def col(name):
        if name is None:
            return None
        if name not in headers:
            raise SoilImportError(tr(TR_CONTEXT, "The table has no column {c}.").format(c=name))
        return headers.index(name)

    i_sample = col(sample_col)
    out = []
    if parameter_col:
        i_param, i_value, i_unit = col(parameter_col), col(value_col), col(unit_col)
        if i_value is None:
            raise SoilImportError(tr(TR_CONTEXT, "Choose the value column of a long table."))
        for k, row in enumerate(table.rows):
            out.append(
                (
                    table.row_number(k),
                    row[i_sample],
                    row[i_param],
                    row[i_value],
                    row[i_unit] if i_unit is not None else None,
                )
            )
        return out
    params = [(i, *split_header(h)) for i, h in enumerate(headers) if i != i_sample and str(h or "").strip()]
    for k, row in enumerate(table.rows):
        for i, name, unit in params:
            out.append((table.row_number(k), row[i_sample], name, row[i], unit))
    return out


def validate(database, recs: list) -> Report:
    """Check records (from :func:`records`) against the samples of ``database``; nothing is written."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        samples = {
            str(c): (u, county)
            for u, c, county in con.execute("SELECT uuid, sample_code, county_code FROM soil_samples")
        }
    finally:
        con.close()
    rep = Report()
    seen = set()
    for row, code, parameter, text, unit in recs:
        code = (code or "").strip() if isinstance(code, str) else code
        if code in (None, ""):
            rep.issues.append(Issue(row, "sample", "error", tr(TR_CONTEXT, "No sample code.")))
            continue
        if str(code) not in samples:
            rep.issues.append(
                Issue(
                    row, "sample", "error", tr(TR_CONTEXT, "No soil sample {s} in the project database.").format(s=code)
                )
            )
            continue
        if not str(parameter or "").strip():
            continue
        value, written_unit = G.split_soil_unit(text)
        use_unit = written_unit or (unit or None)
        if use_unit:
            try:
                G.to_mg_per_kg(1.0, use_unit)
            except G.SoilUnitError:
                rep.issues.append(
                    Issue(
                        row,
                        str(parameter),
                        "error",
                        tr(TR_CONTEXT, "{u} is not a soil unit (mg/kg, μg/kg …).").format(u=use_unit),
                    )
                )
                continue
        lv = parse_lab_value(value)
        if lv.qualifier == "invalid":
            rep.issues.append(
                Issue(row, str(parameter), "error", tr(TR_CONTEXT, "The value {v} cannot be read.").format(v=text))
            )
            continue
        if lv.qualifier == "missing":
            rep.issues.append(Issue(row, str(parameter), "warning", tr(TR_CONTEXT, "Empty value.")))
        if G.resolve(parameter) is None:
            rep.issues.append(
                Issue(
                    row,
                    str(parameter),
                    "warning",
                    tr(TR_CONTEXT, "{p} is not an item of GB 36600-2018.").format(p=parameter),
                )
            )
        sample_uuid, county = samples[str(code)]
        seen.add(sample_uuid)
        rep.rows.append(
            {
                "sample_uuid": sample_uuid,
                "county_code": county or "000000",
                "parameter": str(parameter).strip(),
                "value_text": None if text is None else str(text),
                "value_num": lv.value_num if lv.qualifier in ("", ">") else None,
                "unit": use_unit,
                "below_detection": 1 if lv.below_detection else 0,
                "detection_limit": lv.detection_limit,
            }
        )
    rep.samples = len(seen)
    return rep


def write(database, rep: Report, accept_valid_only: bool = False, user: str = "") -> int:
    """Write the valid rows of a report in one transaction; refused while it has errors unless
    ``accept_valid_only``. Returns the number of rows written."""
    if rep.errors and not accept_valid_only:
        raise SoilImportError(
            tr(TR_CONTEXT, "{n} rows have errors; correct them or import only the valid rows.").format(
                n=len(rep.errors)
            )
        )
    now = utc_now()
    con = open_db(str(database))
    try:
        with transaction(con):
            for r in rep.rows:
                values = dict(
                    r, uuid=str(_uuid.uuid4()), created_at=now, created_by=user, updated_at=now, updated_by=user
                )
                names = list(values)
                con.execute(
                    "INSERT INTO soil_results ({}) VALUES ({})".format(", ".join(names), ", ".join("?" * len(names))),
                    [values[n] for n in names],
                )
    finally:
        con.close()
    return len(rep.rows)


def import_file(
    database, path, sample_col: str, parameter_col=None, value_col=None, unit_col=None, sheet=None
) -> Report:
    """Read and validate a file (nothing written)."""
    table = tabular.read_table(str(path), sheet)
    return validate(database, records(table, sample_col, parameter_col, value_col, unit_col))


def screened_rows(database) -> list:
    """Every soil result with its sample, point and site, for screening: dicts with site_uuid, site_code,
    planned_land_class, point_code, top_m, bottom_m, sample_code, parameter, value_text, unit."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        cur = con.execute(
            "SELECT s.uuid, s.site_code, s.planned_land_class, p.point_code, m.top_m, m.bottom_m, m.sample_code, "
            "r.parameter, r.value_text, r.unit FROM soil_results r JOIN soil_samples m ON m.uuid = r.sample_uuid "
            "JOIN soil_points p ON p.uuid = m.point_uuid JOIN sites s ON s.uuid = p.site_uuid "
            "ORDER BY s.site_code, p.point_code, m.top_m, r.parameter"
        )
        names = (
            "site_uuid",
            "site_code",
            "planned_land_class",
            "point_code",
            "top_m",
            "bottom_m",
            "sample_code",
            "parameter",
            "value_text",
            "unit",
        )
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()
