"""Sampling dates as lab files write them, read strictly: ISO dates ("2023-05-12", "2023/5/12", "2023.05.12",
"20230512"), Chinese dates ("2023年5月12日"), dates with a valid time of day ("2023-05-12 00:00:00" as XLSX date cells
arrive as text, "2023-05-12T08:30"), and Excel serial day numbers ("45058", "45058.5"). Anything else — trailing
text, an impossible time, an impossible day — is no date (None), never a guess."""

from __future__ import annotations

import datetime as _dt
import re

from .units import normalise_text

#: Day 0 of Excel's 1900 date system as used by every spreadsheet since (serial 60 is the fictitious 1900-02-29;
#: serials from 61 on map to real days from this epoch).
EXCEL_EPOCH = _dt.date(1899, 12, 30)
#: Excel serials accepted: 1 (1900-01-01) … 2958465 (9999-12-31), Excel's own range.
EXCEL_MAX_SERIAL = 2958465

_TIME = r"(?:[ T](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d{1,6})?)?)?"
_DATE_RES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<y>\d{4})年\s*(?P<m>\d{1,2})月\s*(?P<d>\d{1,2})日?" + _TIME),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)
_SERIAL = re.compile(r"(?P<days>\d{1,7})(?:\.(?P<frac>\d+))?")


def parse_date(text) -> _dt.date | None:
    """The date of a cell, or None when it is not exactly a date (see the module docstring)."""
    if text is None:
        return None
    if isinstance(text, _dt.datetime):
        return text.date()
    if isinstance(text, _dt.date):
        return text
    t = normalise_text(text)
    for rx in _DATE_RES:
        m = rx.fullmatch(t)
        if m is None:
            continue
        try:
            day = _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None
        h = m.groupdict().get("h")
        if h is not None:
            seconds = m.group("s")
            if int(h) > 23 or int(m.group("mi")) > 59 or (seconds is not None and int(seconds) > 59):
                return None
        return day
    m = _SERIAL.fullmatch(t)
    if m and len(m.group("days")) >= 3:  # an Excel serial day number (a time of day as the fraction)
        days = int(m.group("days"))
        if 1 <= days <= EXCEL_MAX_SERIAL and days != 60:
            return EXCEL_EPOCH + _dt.timedelta(days=days if days > 60 else days + 1)
    return None
