"""The platform's SQL against hostile users (issue 14, item 3), on the real server as its own roles: SECURITY
DEFINER code pinned to ``search_path = pg_catalog, pg_temp`` and owned by a NOLOGIN role, a function planted in
schema public never running as the owner, FORCE ROW LEVEL SECURITY on the data tables, change_log readable only
by its writer, and push keys that include the role (no editor takes a victim's key)."""

from __future__ import annotations

import pytest

from gw_plugin.core.data import schema as S
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.report import SyncError
from gw_plugin.core.sync.server_push_sql import WORK_MEM
from gw_plugin.core.sync.server_sql import DEFINER_FUNCTIONS, FUNCTIONS
from tests.core.sync.roles import EDITOR_A, EDITOR_B
from tests.core.sync.test_sync import A, client, edit, pending, platform, published, roles, server_rows  # noqa: F401  (fixtures)
from tests.pg import pg_server  # noqa: F401  (session fixture)


def _one(ci: str, query: str, args=()):
    con = P.connect(ci)
    try:
        cur = con.cursor()
        cur.execute(query, args)
        return cur.fetchall()
    finally:
        con.rollback()
        con.close()


def test_owner_search_path_and_row_security(roles):  # noqa: F811
    su = roles["superuser"]
    rows = _one(
        su,
        "SELECT p.oid::regprocedure::text, p.prosecdef, p.proconfig, r.rolname, r.rolcanlogin, r.rolsuper "
        "FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE p.pronamespace = 'gw'::regnamespace",
    )
    by_name = {r[0]: r for r in rows}
    assert set(by_name) == set(FUNCTIONS)
    for name, secdef, config, owner, can_login, is_super in rows:
        assert owner == P.OWNER_ROLE and not can_login and not is_super, name
        assert secdef == (name in DEFINER_FUNCTIONS), name
        if secdef or name.startswith("gw.tg_"):
            assert config[0] == "search_path=pg_catalog, pg_temp", name
            assert config[1:] in ([], [f"work_mem={WORK_MEM}"]), name  # the push function's own memory
        else:  # the policy functions stay inlinable (no SET): their operators are pinned to pg_catalog instead
            ((src,),) = _one(su, "SELECT prosrc FROM pg_proc WHERE oid = %s::regprocedure", (name,))
            assert " = " not in src and "OPERATOR(pg_catalog.=)" in src, name
    for t in S.TABLES:
        ((owner, rls, force),) = _one(
            su,
            "SELECT relowner::regrole::text, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE oid = %s::regclass",
            (f"gw.{t.name}",),
        )
        assert (owner, rls, force) == (P.OWNER_ROLE, True, True), t.name
    for t in ("change_log", "sync_pushes", "county_grants", "tombstones"):
        assert _one(su, "SELECT relrowsecurity FROM pg_class WHERE oid = %s::regclass", (f"gw.{t}",)) == [(True,)]
    assert _one(roles["editor"], "SELECT has_schema_privilege('public', 'CREATE')") == [(False,)]


def test_planted_public_function_never_runs_as_owner(roles, published, tmp_path):  # noqa: F811
    """PostgreSQL <= 14 let every role create in schema public; simulate it by granting CREATE to the editor.
    The editor plants public.nextval(text) and public.pg_advisory_xact_lock_shared(integer), which record who runs
    them; neither the platform's triggers (running as the owner) nor anyone's sync ever call them."""
    _, _src, a, _b = published
    su = P.connect(roles["superuser"])
    su.autocommit = True
    su.cursor().execute(f"GRANT CREATE ON SCHEMA public TO {EDITOR_A}")
    ed = P.connect(roles["editor"])
    ed.autocommit = True
    cur = ed.cursor()
    cur.execute("CREATE TABLE public.pwned (who text, fn text)")
    cur.execute("GRANT INSERT, SELECT ON public.pwned TO PUBLIC")
    cur.execute(
        "CREATE FUNCTION public.nextval(text) RETURNS bigint LANGUAGE sql AS "
        "$$ INSERT INTO public.pwned VALUES (current_user, 'nextval') RETURNING 1::bigint $$"
    )
    cur.execute(
        "CREATE FUNCTION public.pg_advisory_xact_lock_shared(integer) RETURNS void LANGUAGE sql AS "
        "$$ INSERT INTO public.pwned VALUES (current_user, 'lock') $$"
    )
    cur.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC")
    try:
        # the attacker's own session with public first on its search_path, writing rows (triggers fire) ...
        cur.execute("SET search_path = public, gw, pg_catalog")
        cur.execute("UPDATE gw.monitoring_wells SET remarks = 'poke' WHERE uuid = %s", (a[0],))
        cur.execute("DELETE FROM gw.monitoring_wells WHERE uuid = %s", (a[2],))
        # ... a superuser's session with the same search_path, and a normal sync
        scur = su.cursor()
        scur.execute("SET search_path = public, gw, pg_catalog")
        scur.execute("UPDATE gw.monitoring_wells SET remarks = 'admin' WHERE uuid = %s", (a[1],))
        c1 = client(roles["editor"], tmp_path, "c1")
        edit(c1, "monitoring_wells", a[0], depth_m=3.5)
        assert SY.sync(c1, roles["editor"]).pushed == 1
        scur.execute("SELECT * FROM public.pwned")
        assert scur.fetchall() == []
        scur.execute(
            "SELECT count(*) FROM gw.change_log WHERE op <> 'I' AND uuid = ANY(%s::uuid[])", ([a[0], a[1], a[2]],)
        )
        assert scur.fetchone()[0] == 4  # the triggers did their work meanwhile
    finally:
        cur.execute("DROP FUNCTION public.nextval(text)")
        cur.execute("DROP FUNCTION public.pg_advisory_xact_lock_shared(integer)")
        cur.execute("DROP TABLE public.pwned")
        su.cursor().execute(f"REVOKE CREATE ON SCHEMA public FROM {EDITOR_A}")
        ed.close()
        su.close()


def test_change_log_and_push_keys_are_per_role(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    victim = client(roles["editor"], tmp_path, "victim")
    edit(victim, "monitoring_wells", a[0], remarks="victim 1")
    assert SY.sync(victim, roles["editor"]).pushed == 1
    lc = SG.open_db(victim)
    st = C.state(lc)
    lc.close()
    cid, seq = st["client_id"], st["push_seq"]
    # a reader and another editor see none of the victim's change log or pushes (no client ids to aim at)
    for who in ("reader", "editor_b"):
        assert _one(roles[who], "SELECT count(*) FROM gw.change_log") == [(0,)]
    assert _one(roles["editor_b"], "SELECT count(*) FROM gw.sync_pushes") == [(0,)]  # readers: no access at all
    assert _one(roles["editor"], "SELECT count(*) FROM gw.change_log WHERE client_id = %s", (cid,)) == [(1,)]
    # an editor who knows the victim's id takes "its" next key: only his own, the victim's push is unaffected
    att = P.connect(roles["editor_b"])
    try:
        cur = att.cursor()
        cur.execute(
            "INSERT INTO gw.sync_pushes (client_id, push_seq, payload_sha256, rows) VALUES (%s, %s, 'x', 0)",
            (cid, seq + 1),
        )
        att.commit()
        with pytest.raises(P.psycopg2_module().errors.InsufficientPrivilege):
            cur.execute(
                "INSERT INTO gw.sync_pushes (who, client_id, push_seq) VALUES (%s, %s, %s)", (EDITOR_A, cid, seq + 2)
            )
        att.rollback()
        with pytest.raises(P.psycopg2_module().errors.InsufficientPrivilege):
            cur.execute("UPDATE gw.change_log SET who = 'x'")
        att.rollback()
    finally:
        att.close()
    edit(victim, "monitoring_wells", a[0], remarks="victim 2")
    rep = SY.sync(victim, roles["editor"])
    assert rep.pushed == 1 and not rep.resent and not rep.new_identity
    assert server_rows(roles["admin"])[a[0]]["remarks"] == "victim 2"
    assert _one(roles["superuser"], "SELECT who FROM gw.sync_pushes WHERE client_id = %s ORDER BY who", (cid,)) == [
        (EDITOR_A,),
        (EDITOR_A,),
        (EDITOR_B,),
    ]


def test_data_rows_obey_the_county_policies_for_everyone_but_a_superuser(roles, published):  # noqa: F811
    _, _src, a, b = published
    # the editor of A cannot change B's rows (FORCE RLS: the owner role would obey the policies too)
    con = P.connect(roles["editor"])
    try:
        cur = con.cursor()
        cur.execute("UPDATE gw.monitoring_wells SET remarks = 'x' WHERE uuid = ANY(%s::uuid[])", (b,))
        assert cur.rowcount == 0
        cur.execute("UPDATE gw.monitoring_wells SET remarks = 'x' WHERE uuid = %s", (a[0],))
        assert cur.rowcount == 1
        con.rollback()
    finally:
        con.close()
    con = P.connect(roles["reader"])
    try:
        with pytest.raises(P.psycopg2_module().errors.InsufficientPrivilege):
            con.cursor().execute("UPDATE gw.monitoring_wells SET remarks = 'x' WHERE county_code = %s", (A,))
    finally:
        con.close()
    assert len(_one(roles["reader"], "SELECT uuid FROM gw.monitoring_wells")) == 5


def test_a_reader_is_told_its_changes_stay_pending(roles, published, tmp_path):  # noqa: F811
    _, _src, a, _b = published
    c1 = client(roles["reader"], tmp_path, "c1")
    edit(c1, "monitoring_wells", a[0], remarks="a reader's edit")
    with pytest.raises(SyncError, match="only read"):
        SY.sync(c1, roles["reader"])
    assert [u for _, u, _, _ in pending(c1)] == [a[0]]  # kept, not lost
    assert SY.sync(c1, roles["reader"], direction="pull").pending == 1
