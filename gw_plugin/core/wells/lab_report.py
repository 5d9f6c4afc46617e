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


@dataclass
class Cells:
    """The valid values of a validated file, column by column (one entry per value, in file order). Wells, dates and
    parameters are indices into the lists beside them; NaN in ``value_num``/``detection_limit`` means none."""

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
            ind = standard.indicator(key)
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
                    "" if ind.kind == standard.TEXT else ind.unit,
                    bool(c.below_detection[k]),
                    None if dl != dl else dl,
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
