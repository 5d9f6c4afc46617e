"""The lab import's data: the column mapping (a preset is this object as JSON), the issues of a validation, the valid
values column by column (Cells) and the report that carries them from validation (core/wells/lab_import.py) to the
write (core/wells/lab_write.py)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

import numpy as np

from . import standard


@dataclass
class ColumnMapping:
    """Which columns hold what. A preset is this object as JSON (saved by the GUI in QgsSettings)."""

    layout: str = "long"  # "long" | "wide"
    well: str = ""
    date: str = ""
    parameter: str = ""  # long only
    value: str = ""  # long only
    unit: str = ""  # long only, optional
    sample_code: str = ""  # optional
    lab: str = ""  # optional
    ignore: list = field(default_factory=list)  # wide: columns that are not parameters
    sheet: str = ""  # worksheet of a workbook ("" = the first visible one)
    header_row: int = 0  # 1-based row of the header in the file (0 = found by the reader)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class Issue:
    row: int  # 1-based row number in the file, counting the header as row 1
    column: str
    severity: str  # "error" | "warning"
    code: str
    message: str


#: qualifiers as stored in sample_results.qualifier (index 0: none, a plain number)
MARKS = ("", "<", "≤", ">", "≥", "L", "ND", "未检出")


class Record(NamedTuple):
    row: int
    well_uuid: str
    date: str
    sample_code: str
    lab: str
    parameter: str
    value_text: str
    value_num: float | None
    unit: str
    below_detection: bool
    detection_limit: float | None
    unit_as_written: str = ""
    basis_as_written: str = ""
    qualifier: str = ""
    parallel_of_row: int | None = None  # file row of the sample this one is a parallel of


@dataclass
class Cells:
    """The valid values of a validated file, column by column (one entry per value, in file order). Wells, dates and
    parameters are indices into the lists beside them; NaN in ``value_num``/``detection_limit`` means none. Read-only:
    when every value of a file is valid the arrays and lists are the validation's own (no copies are made)."""

    row: np.ndarray  # int64: row number in the file (header = 1)
    well: np.ndarray  # int32 index into well_uuids
    date: np.ndarray  # int32 index into dates (ISO)
    pkey: np.ndarray  # int32 index into pkeys
    value_text: list
    value_num: np.ndarray  # float64, in the standard's unit
    below_detection: np.ndarray  # bool
    detection_limit: np.ndarray  # float64, in the standard's unit
    sample_code: list | None
    lab: list | None
    well_uuids: list
    dates: list
    pkeys: list
    unit_written: np.ndarray | None = None  # int32 index into units: the unit used, as written ("" none)
    basis_written: np.ndarray | None = None  # int32 index into bases: the basis in the parameter text, as written
    mark: np.ndarray | None = None  # int8 index into MARKS: the qualifier as written
    units: list = field(default_factory=lambda: [""])
    bases: list = field(default_factory=lambda: [""])
    sample: np.ndarray | None = None  # int32 index into samples
    samples: list = field(default_factory=list)  # (well uuid, ISO date, folded sample code) in file order
    primary: list = field(default_factory=list)  # per sample: index of the sample it parallels (itself if none)

    def written(self, k: int) -> tuple:
        """(unit_as_written, basis_as_written, qualifier) of value k ("" where none)."""
        u = self.units[self.unit_written[k]] if self.unit_written is not None else ""
        b = self.bases[self.basis_written[k]] if self.basis_written is not None else ""
        q = MARKS[self.mark[k]] if self.mark is not None else ""
        return u, b, q

    def __len__(self) -> int:
        return int(self.row.size)


@dataclass
class ImportReport:
    path: str
    rows_read: int = 0
    cells: Cells | None = None  # the valid values
    issues: list = field(default_factory=list)
    bad_rows: set = field(default_factory=set)
    encoding: str = ""
    parameters: dict = field(default_factory=dict)  # column or spelling → indicator key
    written_samples: int = 0
    written_results: int = 0
    #: the profile the file was validated with (core/wells/lab_profile.py; None: groundwater): the write follows it
    profile: object = None

    @property
    def n_values(self) -> int:
        return len(self.cells) if self.cells is not None else 0

    @property
    def records(self) -> list:
        """The valid values as Record tuples (made on demand: the import itself works on ``cells``)."""
        c = self.cells
        if c is None:
            return []
        out = []
        for k in range(len(c)):
            num, dl = float(c.value_num[k]), float(c.detection_limit[k])
            key = c.pkeys[c.pkey[k]]
            if self.profile is None:
                ind = standard.indicator(key)
                unit = "" if ind.kind == standard.TEXT else ind.unit
            else:
                unit = self.profile.standard_unit(key)
            parallel_of = None
            if c.sample is not None and c.primary:
                j = int(c.sample[k])
                if c.primary[j] != j:
                    parallel_of = int(c.row[np.flatnonzero(c.sample == c.primary[j])[0]])
            out.append(
                Record(
                    int(c.row[k]),
                    c.well_uuids[c.well[k]],
                    c.dates[c.date[k]],
                    (c.sample_code[k] or "") if c.sample_code is not None else "",
                    (c.lab[k] or "") if c.lab is not None else "",
                    key,
                    c.value_text[k],
                    None if num != num else num,
                    unit,
                    bool(c.below_detection[k]),
                    None if dl != dl else dl,
                    *c.written(k),
                    parallel_of,
                )
            )
        return out

    @property
    def errors(self) -> list:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list:
        return [i for i in self.issues if i.severity == "warning"]

    def summary(self) -> str:
        return (
            f"{self.rows_read} rows read ({self.encoding}); {self.n_values} valid values; "
            f"{len(self.errors)} errors in {len(self.bad_rows)} rows; {len(self.warnings)} warnings"
        )

    def issues_by_code(self) -> dict:
        out: dict = {}
        for i in self.issues:
            out[i.code] = out.get(i.code, 0) + 1
        return out


class ImportRefusedError(Exception):
    """Raised when writing is refused (errors present and valid-only import not accepted)."""
