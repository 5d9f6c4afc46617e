"""Soil lab results through the same lab import as groundwater results: the soil profile of the one engine
(core/wells/lab_import.py validates, core/wells/lab_write.py writes; core/wells/lab_profile.py is the base). The
profile says what differs: the catalogue is GB 36600-2018 (core/soil/gb36600.py) — a parameter outside it is written
with a warning (it is not screened); units are mass fractions of soil (mg/kg, μg/kg, ng/kg, g/kg, ppm, ppb, written
in a unit column, in the header as "砷(mg/kg)" or with the value); a row is linked to its soil sample by the sample
code (soil_samples.sample_code, compared after NFKC and case folding; no date column needed); results go into
``soil_results``. Everything else — CSV UTF-8/GBK/GB18030, XLSX, XLS, long and wide layouts, ND/<0.01/0.01L/未检出,
the validation report, nothing written while a row has an error, a cancel writing nothing — is the engine's.

``soil_results`` keeps a value in the unit it was written in (value_num and detection_limit in ``unit``; no unit:
mg/kg), as its schema says and as screening (core/soil/screening.py) reads it; the engine's checks run in mg/kg.
Also here: :func:`screened_rows`, the results with their sample, point and site, for screening. Pure logic.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace

import numpy as np

from ...toolbelt.i18n import tr
from ..data import tabular
from ..data.gpkg import utc_now
from ..data.ids import uuid7_batch
from ..wells import lab_columns, lab_import, lab_write
from ..wells.classify import snap_array
from ..wells.lab_profile import ANY, NUMERIC, LabProfile
from ..wells.lab_report import ColumnMapping, ImportRefusedError, ImportReport
from ..wells.lab_wells import fold
from ..wells.labvalues import ParameterText, UnitError, parse_lab_value
from . import gb36600 as G

TR_CONTEXT = "SoilImport"
_HEADER_UNIT = re.compile(
    r"^(?P<name>.*?)\s*[（(]\s*(?P<unit>[^()（）]*?/\s*k?g[^()（）]*?|ppm|ppb|%|无量纲)\s*[)）]\s*$", re.I
)
#: soil properties a lab reports beside the GB 36600-2018 items (not screened), folded spelling → the name stored: a
#: wide table's column with one of these names (or with a unit in its header) is read as a parameter; any other
#: unknown column is left out
SOIL_PROPERTIES = {
    "ph": "pH",
    "ph值": "pH",
    "含水率": "含水率",
    "水分": "水分",
    "干物质": "干物质",
    "有机质": "有机质",
    "阳离子交换量": "阳离子交换量",
    "容重": "容重",
    "质地": "质地",
    "土壤质地": "质地",
    "氧化还原电位": "氧化还原电位",
}
#: a value above this multiple of an item's class 2 intervention value is implausible (a μg/kg value written under
#: mg/kg is 1000 times too large): a screening threshold of this plugin, not a number of the standard (unverified);
#: capped at 1,000,000 mg/kg, the whole mass of the soil
PLAUSIBLE_FACTOR = 100.0
MAX_MG_KG = 1e6


class SoilImportError(ValueError):
    """The import cannot be made as asked (message meant for the user)."""


def split_header(header: str) -> tuple:
    """('砷', 'mg/kg') for '砷(mg/kg)' or '砷（mg/kg）'; (header, None) without a unit."""
    m = _HEADER_UNIT.match(str(header or "").strip())
    if m:
        return m.group("name").strip(), m.group("unit").strip()
    return str(header or "").strip(), None


class SampleIndex:
    """Folded sample code (core/wells/lab_wells.py ``fold``) → soil sample uuid ("" when several samples share
    it)."""

    def __init__(self, database: str):
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT uuid, sample_code FROM soil_samples").fetchall()
        finally:
            con.close()
        self.by_code: dict = {}
        for u, code in rows:
            key = fold(code)
            if key:
                self.by_code[key] = "" if self.by_code.get(key, u) != u else u

    def match(self, raw) -> tuple:
        key = fold(raw)
        if not key:
            return None, tr(TR_CONTEXT, "No sample code.")
        u = self.by_code.get(key)
        if u == "":
            return None, tr(TR_CONTEXT, "The sample code {s} belongs to several soil samples.").format(
                s=str(raw).strip()
            )
        if u is None:
            return None, tr(TR_CONTEXT, "No soil sample {s} in the project database.").format(s=str(raw).strip())
        return u, ""


def _soil_unit_factor(unit) -> float | None:
    return G.UNIT_FACTORS.get(G.fold_unit(unit))


class SoilProfile(LabProfile):
    """GB 36600-2018, mass fractions of soil, soil_samples by code, soil_results."""

    name = "soil"
    key_role = "sample_code"
    result_table = "soil_results"

    def read_parameter(self, text, layout: str) -> tuple:
        name, unit = split_header(text)
        if not name:
            return None, ""
        item = G.resolve(name)
        if item is not None:
            return ParameterText(item.key, unit), ""
        known = SOIL_PROPERTIES.get(G.fold_name(name))
        if layout == "wide" and not unit and known is None:
            return None, ""
        note = tr(TR_CONTEXT, "{p} is not an item of GB 36600-2018: written, not screened.").format(p=name)
        return ParameterText(known or name, unit), note

    def unknown_parameter_message(self, text) -> str:  # read_parameter knows every non-empty text of a long table
        return tr(TR_CONTEXT, "No parameter.")

    def no_parameter_message(self) -> str:
        return tr(TR_CONTEXT, "No column of the table is an item of GB 36600-2018 or a soil property.")

    def kinds(self, pkeys: list) -> list:
        return [NUMERIC if G.resolve(k) is not None else ANY for k in pkeys]

    def conversion_factor(self, key: str, unit, basis) -> float:
        if not unit or not str(unit).strip():
            return 1.0
        f = _soil_unit_factor(unit)
        if f is None and G.resolve(key) is not None:
            raise UnitError(tr(TR_CONTEXT, "{u} is not a soil unit (mg/kg, μg/kg …).").format(u=unit))
        return 1.0 if f is None else f  # outside the catalogue: kept as written

    def same_unit(self, a, b) -> bool:
        fa, fb = _soil_unit_factor(a), _soil_unit_factor(b)
        if fa is not None and fb is not None:
            return fa == fb
        return G.fold_unit(a) == G.fold_unit(b)

    def standard_unit(self, key: str) -> str:
        return "mg/kg"

    def parse_value(self, raw):
        text, unit = G.split_soil_unit(raw)
        lv = parse_lab_value(text)
        return replace(lv, unit=unit) if unit and lv.qualifier not in ("invalid", "missing") else lv

    def plausible_max_array(self, pkeys: list) -> np.ndarray:
        out = []
        for k in pkeys:
            item = G.resolve(k)
            out.append(min(PLAUSIBLE_FACTOR * item.intervention_value(2), MAX_MG_KG) if item else np.inf)
        return np.array(out + [np.inf], np.float64)

    def implausible_message(self, key: str, raw, number: float, limit: float) -> str:
        return tr(
            TR_CONTEXT,
            "{parameter} {value} is {number} mg/kg, above the plausible {limit} mg/kg: a unit slip (μg/kg written "
            "as mg/kg)? Confirm the value",
        ).format(parameter=key, value=repr(raw), number=f"{number:.6g}", limit=f"{limit:.6g}")

    def key_label(self) -> str:
        return tr(TR_CONTEXT, "sample code")

    def missing_roles(self, mapping: ColumnMapping) -> list:
        need = ["sample_code"] + (["parameter", "value"] if mapping.layout == "long" else [])
        return [r for r in need if not getattr(mapping, r)]

    def key_index(self, database: str) -> SampleIndex:
        return SampleIndex(database)

    def existing_samples(self, con, samples: list, primary: list) -> list:
        return [key for key, _date, _code in samples]  # the soil sample itself

    def insert(self, con, report: ImportReport, idx: np.ndarray, user: str, check) -> int:
        """soil_results rows for the values ``idx``, each in the unit it was written in; no new samples."""
        c = report.cells
        county_of = dict(con.execute("SELECT uuid, county_code FROM soil_samples"))
        # per value: the factor from its written unit to mg/kg, to give the value back in that unit
        factor = np.ones(len(c), np.float64)
        combos = c.pkey.astype(np.int64) * len(c.units) + c.unit_written
        for combo in np.unique(combos[idx]).tolist():
            key, unit = c.pkeys[combo // len(c.units)], c.units[combo % len(c.units)]
            factor[combos == combo] = self.conversion_factor(key, unit, None)
        value = snap_array(c.value_num / factor)
        limit = snap_array(c.detection_limit / factor)
        now, u = utc_now(), user or None
        sql = (
            "INSERT INTO soil_results (uuid, county_code, sample_uuid, parameter, value_text, value_num, unit, "
            "below_detection, detection_limit, created_at, created_by, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
        )
        uuids = uuid7_batch(int(idx.size))
        step = lab_write.CHECK_EVERY
        for a in range(0, idx.size, step):
            rows = []
            for j, k in enumerate(idx[a : a + step].tolist(), start=a):
                sample = c.well_uuids[c.well[k]]
                num, dl = float(value[k]), float(limit[k])
                rows.append(
                    (
                        uuids[j],
                        county_of.get(sample) or "000000",
                        sample,
                        c.pkeys[c.pkey[k]],
                        c.value_text[k],
                        None if num != num else num,
                        c.units[c.unit_written[k]] or None,
                        int(c.below_detection[k]),
                        None if dl != dl else dl,
                        now,
                        u,
                        now,
                        u,
                    )
                )
            con.executemany(sql, rows)
            check(a + len(rows))
        return 0


SOIL = SoilProfile()


def mapping_for(sample_col: str, parameter_col=None, value_col=None, unit_col=None, sheet=None) -> ColumnMapping:
    """The engine's column mapping of a soil file: long when ``parameter_col`` is given, else wide (every other
    column whose header names a GB 36600-2018 item or a soil property, or carries a unit, is a parameter)."""
    return ColumnMapping(
        layout="long" if parameter_col else "wide",
        sample_code=sample_col or "",
        parameter=parameter_col or "",
        value=value_col or "",
        unit=unit_col or "",
        sheet=sheet or "",
    )


def guess_mapping(table: tabular.Table) -> ColumnMapping:
    """A first guess of a soil file's mapping for a dialog to start from: the sample code, parameter, value, unit and
    lab columns by their headers (core/wells/lab_columns.py ``guess_roles``), wide when two or more headers name a
    GB 36600-2018 item and no parameter/value pair is found."""
    roles = lab_columns.guess_roles(table.headers)
    items = sum(1 for h in table.headers if G.resolve(split_header(h)[0]) is not None)
    long_layout = items < 2 or ("parameter" in roles and "value" in roles)
    return ColumnMapping(
        layout="long" if long_layout else "wide",
        sample_code=roles.get("sample_code", ""),
        parameter=roles.get("parameter", "") if long_layout else "",
        value=roles.get("value", "") if long_layout else "",
        unit=roles.get("unit", "") if long_layout else "",
        lab=roles.get("lab", ""),
        sheet=table.sheet or "",
        header_row=table.header_row if table.header_row != 1 else 0,
    )


def import_file(
    database,
    path,
    sample_col: str,
    parameter_col=None,
    value_col=None,
    unit_col=None,
    sheet=None,
    header_row: int = 0,
    progress=None,
    is_canceled=None,
) -> ImportReport:
    """Read and validate a soil lab file through the lab import with the soil profile (nothing written)."""
    mapping = mapping_for(sample_col, parameter_col, value_col, unit_col, sheet)
    mapping.header_row = header_row or 0
    if parameter_col and not value_col:
        raise SoilImportError(tr(TR_CONTEXT, "Choose the value column of a long table."))
    table = tabular.read_table(str(path), sheet or None, header_row=header_row or None, is_canceled=is_canceled)
    for name in (sample_col, parameter_col, value_col, unit_col):
        if name and name not in table.headers:
            raise SoilImportError(tr(TR_CONTEXT, "The table has no column {c}.").format(c=name))
    return lab_import.validate(
        table, str(database), mapping, progress=progress, is_canceled=is_canceled, release_table=True, profile=SOIL
    )


def write(database, rep: ImportReport, accept_valid_only: bool = False, user: str = "", is_canceled=None) -> int:
    """Write the valid values of a report (lab_import.write: one transaction, refused while it has errors unless
    ``accept_valid_only``). Returns the number of results written."""
    try:
        lab_import.write(rep, str(database), accept_valid_only, user, is_canceled=is_canceled)
    except ImportRefusedError as exc:
        raise SoilImportError(str(exc)) from None
    return rep.written_results


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
