"""Checkout: a new project GeoPackage holding the chosen counties' data from the platform, ready to go offline.

The file is created with gpkg.create_database (same schema, the platform's CRS), change tracking is installed,
the rows of the chosen counties are pulled (plus the read-only context: admin_units of every county) and the
sync state points at the server revision pulled, so the next sync only exchanges changes. The file appears at
``output`` only when complete. No QGIS import.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Iterable

from ..data import gpkg
from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import identity
from . import server_schema as P
from .pull import pull_into
from .report import SyncReport

_COUNTY_RE = re.compile(r"^[0-9]{6}$")


class CheckoutError(Exception):
    pass


@dataclass
class CheckoutResult:
    path: str
    counties: list
    rows: int
    server_rev: int
    crs: str


def parse_counties(counties) -> list:
    """County codes from a list or a comma/space separated string; every code has 6 digits."""
    if isinstance(counties, str):
        counties = [c for c in re.split(r"[\s,;，；]+", counties) if c]
    out = []
    for c in counties or []:
        c = str(c).strip()
        if not _COUNTY_RE.match(c):
            raise CheckoutError(f"{c!r} is not a 6-digit county code.")
        if c not in out:
            out.append(c)
    if not out:
        raise CheckoutError("Choose at least one county.")
    return out


def checkout(conninfo: str, counties: Iterable[str], output: str, overwrite: bool = False, log=None) -> CheckoutResult:
    """Create ``output`` with the data of ``counties`` from the platform at ``conninfo``."""
    counties = parse_counties(counties)
    if os.path.exists(output) and not overwrite:
        raise CheckoutError(f"{output} exists already; choose another file or allow overwriting.")
    try:
        pg = P.connect(conninfo)
    except P.PlatformError as exc:
        raise CheckoutError(str(exc)) from exc
    tmp = output + ".checkout.gpkg"
    try:
        try:
            pinfo = P.platform_info(pg)
        except P.PlatformError as exc:
            raise CheckoutError(str(exc)) from exc
        pg.rollback()
        if os.path.exists(tmp):
            os.remove(tmp)
        gpkg.create_database(tmp, pinfo.crs)
        C.install_change_tracking(tmp, mark_existing=False)
        con = SG.open_db(tmp)
        try:
            with SG.transaction(con):
                con.execute(f"UPDATE {C.STATE} SET counties = ? WHERE id = 1", (json.dumps(counties),))
                identity.record_file(con, tmp)  # the rename below keeps the inode: a later copy is told apart
            report = SyncReport()
            pull_into(con, pg, "server", report, counties)
        finally:
            con.close()
        if os.path.exists(output):
            os.remove(output)
        os.replace(tmp, output)
    finally:
        pg.close()
        if os.path.exists(tmp):
            os.remove(tmp)
    if log:
        log(f"checked out {report.pulled} rows of {', '.join(counties)} at revision {report.server_rev}")
    return CheckoutResult(output, counties, report.pulled, report.server_rev or 0, pinfo.crs)
