"""The platform's users as the tests play them: an editor of county A, an editor of county B, a reader and an
admin (writes every county), each a LOGIN role of the test cluster that is NOT a superuser, so row-level security,
FORCE ROW LEVEL SECURITY and the grants are what the tests exercise (issue 14, item 6).

``platform_roles(cluster, conninfo)`` creates the roles (cluster-wide, once) and grants them on one platform
database; ``as_role(conninfo, role)`` is the same database as that role.
"""

from __future__ import annotations

from gw_plugin.core.sync import server_schema as P
from tests.pg import SUPERUSER

A, B = "410102", "410103"
EDITOR_A = "gw_t_editor_a"
EDITOR_B = "gw_t_editor_b"
READER = "gw_t_reader"
ADMIN = "gw_t_admin"


def as_role(conninfo: str, role: str) -> str:
    return conninfo.replace(f"user={SUPERUSER}", f"user={role}")


def platform_roles(cluster, conninfo: str) -> dict:
    """{'editor': …, 'editor_b': …, 'reader': …, 'admin': …, 'superuser': …} conninfos of one platform."""
    for role in (EDITOR_A, EDITOR_B, READER, ADMIN):
        cluster.create_login(role)
    P.grant_user(conninfo, EDITOR_A, write_counties=[A])
    P.grant_user(conninfo, EDITOR_B, write_counties=[B])
    P.grant_user(conninfo, READER, read_counties=[A, B], editor=False)
    P.grant_user(conninfo, ADMIN, write_counties=["*"])
    return {
        "editor": as_role(conninfo, EDITOR_A),
        "editor_b": as_role(conninfo, EDITOR_B),
        "reader": as_role(conninfo, READER),
        "admin": as_role(conninfo, ADMIN),
        "superuser": conninfo,
    }
