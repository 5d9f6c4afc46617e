"""What a lab import is about, chosen by its caller: the indicator catalogue (which parameter texts are known, their
kind), the unit family (mg/L and μg/L here, mg/kg and μg/kg for soil) and how a unit converts, the key that links a
result to its sample (a well and a date here, a soil sample's code for soil), and the tables written. One engine
serves every profile — core/wells/lab_import.py validates (layouts, encodings, notations, units in headers, the
report), core/wells/lab_write.py writes (nothing while a row has an error, one transaction, cancel writes nothing).

This module holds the base class and the groundwater profile (GB/T 14848-2017; wells, samples, sample_results), the
default of every import. The soil profile (GB 36600-2018; soil_samples, soil_results) is core/soil/soil_import.py.
"""

from __future__ import annotations

import re

import numpy as np

from ...toolbelt.i18n import tr
from . import lab_checks, lab_columns, lab_wells, lab_write, labvalues, standard
from .lab_report import ColumnMapping

TR_CONTEXT = "lab_import"

#: a bracket at the end of a parameter text holding a unit-like text ("(mg/kg)", "(毫克/千克)")
_BRACKETED_UNIT = re.compile(r"\(([^()]*/[^()]*)\)\s*$")
#: the kinds of a parameter: a number, a word (无/有), or either (a property outside the catalogue)
NUMERIC, TEXT, ANY = "numeric", "text", "any"


class LabProfile:
    """The groundwater profile; other profiles subclass it and override what differs."""

    name = "groundwater"
    #: the mapping role whose column links a row to its sample: "well" (with the date and sample code) or
    #: "sample_code" (the sample exists already; the code alone finds it, no date column is needed)
    key_role = "well"
    #: the table of results (its "sample_uuid" and "parameter" columns are checked for duplicates)
    result_table = "sample_results"

    # -- the catalogue
    def read_parameter(self, text, layout: str) -> tuple:
        """(ParameterText or None, warning or ""): the indicator, unit and basis of a parameter text (long: a cell of
        the parameter column; wide: a header). None: not a parameter of this profile. labvalues.UnitError: a
        parameter text whose units or bases contradict each other."""
        parsed = labvalues.parse_parameter(text)
        if parsed is not None and parsed.unit is None:  # "砷(mg/kg)": a unit in brackets that is no water unit
            stray = _BRACKETED_UNIT.search(labvalues.normalise_text(text))
            if stray:
                raise labvalues.UnitError(tr(TR_CONTEXT, "unknown unit {unit}").format(unit=repr(stray.group(1))))
        return parsed, ""

    def unknown_parameter_message(self, text) -> str:
        return tr(TR_CONTEXT, "parameter {parameter} is not in GB/T 14848-2017").format(parameter=repr(text))

    def no_parameter_message(self) -> str:
        return tr(TR_CONTEXT, "no column of the table is a known GB/T 14848 parameter")

    def kinds(self, pkeys: list) -> list:
        """NUMERIC, TEXT or ANY per indicator key."""
        return [TEXT if standard.indicator(k).kind == standard.TEXT else NUMERIC for k in pkeys]

    # -- units
    def conversion_factor(self, key: str, unit, basis) -> float:
        """Multiplier to the profile's unit (and basis) of ``key``; labvalues.UnitError when impossible."""
        return labvalues.conversion_factor(key, unit or None, basis or None)

    def same_unit(self, a, b) -> bool:
        return labvalues.same_unit(a, b)

    def standard_unit(self, key: str) -> str:
        """The unit values of ``key`` are stored in ("" for an indicator judged by a word)."""
        ind = standard.indicator(key)
        return "" if ind.kind == standard.TEXT else ind.unit

    # -- values
    def parse_value(self, raw) -> labvalues.LabValue:
        """A value as the lab wrote it (only cells that are not a plain number come here)."""
        return labvalues.parse_lab_value(raw)

    def plausible_max_array(self, pkeys: list) -> np.ndarray:
        """Per key (and one more entry, inf): the value in the profile's unit above which a value is implausible."""
        return lab_checks.plausible_max_array(pkeys)

    def implausible_message(self, key: str, raw, number: float, limit: float) -> str:
        return tr(
            TR_CONTEXT,
            "{parameter} {value} is {number} {unit}, above the plausible {limit} {unit}: a unit slip "
            "(μg/L written as mg/L)? Confirm the value",
        ).format(
            parameter=key, value=repr(raw), number=f"{number:.6g}", unit=self.standard_unit(key), limit=f"{limit:.6g}"
        )

    # -- the key of a row
    def key_label(self) -> str:
        return tr(TR_CONTEXT, "well")

    def missing_roles(self, mapping: ColumnMapping) -> list:
        return lab_columns.missing_roles(mapping)

    def key_index(self, database: str):
        """An index with ``match(raw) -> (uuid or None, problem)`` for the key column's texts."""
        return lab_wells.well_index(database)

    # -- the database
    def existing_samples(self, con, samples: list, primary: list) -> list:
        """Per file sample (key uuid, ISO date, folded code): the uuid of the database sample it adds to, or None."""
        return lab_write.resolve_samples(con, samples, primary)

    def results_of(self, con, sample_uuids) -> set:
        """(sample uuid, parameter) pairs already in the result table for these samples."""
        return lab_write.results_of(con, sample_uuids, self.result_table)

    def insert(self, con, report, idx: np.ndarray, user: str, check) -> int:
        """Insert the values ``idx`` of ``report.cells`` inside the caller's transaction; returns the number of new
        samples. ``check(rows)`` between batches (progress; raises InterruptedError to cancel)."""
        return lab_write.insert_groundwater(con, report, idx, user, check)


#: the default profile
GROUNDWATER = LabProfile()
