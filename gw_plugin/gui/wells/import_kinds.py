"""What the lab import dialog (gui/wells/import_dialog.py) imports: groundwater samples (地下水样品; GB/T 14848-2017,
wells and dates, mg/L and μg/L, written into samples and sample_results) or soil samples (土壤样品; GB 36600-2018,
linked to soil_samples by the sample code, mg/kg and μg/kg, written into soil_results). Per kind: the lab import
profile (core/wells/lab_profile.py, core/soil/soil_import.py), the first guess of a file's column mapping, the
mapping roles the kind does not use, and the units it accepts — one engine, one dialog."""

from __future__ import annotations

from ...core.data import tabular
from ...core.soil import soil_import
from ...core.wells import lab_columns, lab_import
from ...core.wells.lab_profile import GROUNDWATER, LabProfile
from ...toolbelt.i18n import tr

TR_CONTEXT = "ImportDialog"

GROUNDWATER_KIND, SOIL_KIND = "groundwater", "soil"
KINDS = (GROUNDWATER_KIND, SOIL_KIND)
#: mapping roles a kind has no column for: a soil result is linked to its soil sample by the sample code alone (the
#: sample carries its point, depth and date), so the well and date columns are not asked for
UNUSED_ROLES = {GROUNDWATER_KIND: (), SOIL_KIND: ("well", "date")}


def kind_label(kind: str) -> str:
    if kind == SOIL_KIND:
        return tr(TR_CONTEXT, "Soil samples (GB 36600-2018)")
    return tr(TR_CONTEXT, "Groundwater samples (GB/T 14848-2017)")


def profile_for(kind: str) -> LabProfile:
    return soil_import.SOIL if kind == SOIL_KIND else GROUNDWATER


def guess_mapping(kind: str, table: tabular.Table) -> lab_import.ColumnMapping:
    """The first guess of the mapping of ``table`` for ``kind``, without the roles the kind does not use."""
    mapping = soil_import.guess_mapping(table) if kind == SOIL_KIND else lab_columns.guess_mapping(table)
    for role in UNUSED_ROLES.get(kind, ()):
        setattr(mapping, role, "")
    return mapping


def missing_roles(kind: str, mapping: lab_import.ColumnMapping) -> list:
    """The roles validation still needs (as core/wells/lab_import.py asks them for this kind)."""
    return lab_import.missing_roles(mapping, profile=profile_for(kind))


def units_text(kind: str) -> str:
    """The sentence saying which units the kind accepts and where they may be written."""
    if kind == SOIL_KIND:
        return tr(
            TR_CONTEXT,
            "Units: mg/kg or μg/kg (also ng/kg, g/kg, ppm, ppb), in a unit column, in the header as “砷(μg/kg)” or "
            "with the value; a value without a unit is read as mg/kg. Results are linked to the soil samples by "
            "their sample code.",
        )
    return tr(
        TR_CONTEXT,
        "Units: mg/L or μg/L, in a unit column, in the header as “砷(μg/L)” or with the value. Results are linked "
        "to the wells by their code and sampling date.",
    )
