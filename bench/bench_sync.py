"""Speed of sync: push and pull of 10,000 and 100,000 changed features against a plain psycopg2 COPY + upsert.

Starts a throw-away PostgreSQL/PostGIS (tests/pg.py), publishes N monitoring wells, checks them out into two
GeoPackages, changes every feature in one, then times its push (sync direction=push) and the other's pull
(direction=pull). Everything runs as a platform user that is NOT a superuser (an editor granted every county, so
row-level security and the grants are in force, tests/core/sync/roles.py), over TLS as the sync connects by
default. The baseline in the same run, as the same role: COPY of the same rows (with geometry) into a temp table
and INSERT ... ON CONFLICT DO UPDATE into a plain table with the same columns and a GiST index, no triggers.
Targets (issue 14, "Performance"): 10,000 each way in <= 2 s; 100,000 in <= 2x the baseline. It also prints the
parts of the push, timed by the sync's own hook points, as ratios to the baseline: the outbox (from the start of
the sync until the outbox is committed in the GeoPackage: reading it, diffing against the bases, writing the
outbox; the platform stages and applies its parts meanwhile, push.push_pending), the platform's parts still to
apply after that, the end of the push (the last apply and the commit) and recording the outcome; and the local
floor (only finding, inside SQLite, which columns of each changed feature differ from its base).

Run: PYTHONPATH=. .venv/bin/python bench/bench_sync.py [N ...]   (default 10000 100000)
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from gw_plugin.core.data import gpkg  # noqa: E402
from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C  # noqa: E402
from gw_plugin.core.sync import checkout as CO  # noqa: E402
from gw_plugin.core.sync import engine as SY  # noqa: E402
from gw_plugin.core.sync import server_schema as P  # noqa: E402
from tests.pg import SUPERUSER, PgCluster  # noqa: E402


def fill_project(path: str, n: int) -> None:
    gpkg.create_database(path)
    C.install_change_tracking(path)
    con = SG.open_db(path)
    rows = []
    for i in range(n):
        x, y = 480000.0 + (i % 300) * 100.0, 3830000.0 + (i // 300) * 100.0
        rows.append(
            (
                str(uuid.uuid4()),
                "410102" if i % 2 else "410103",
                f"W{i:06d}",
                f"井{i}",
                "national_project",
                "phreatic",
                "active",
                20.0 + i % 100,
                SG.wkb_to_gpkg(__import__("struct").pack("<BIdd", 1, 1, x, y), 4547),
            )
        )
    with SG.transaction(con):
        con.executemany(
            "INSERT INTO monitoring_wells (uuid, county_code, well_code, name_zh, well_type, aquifer_layer, status, "
            "depth_m, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    con.close()


def baseline(ci: str, gpkg_path: str) -> float:
    """COPY + upsert of the GeoPackage's wells into a plain PostGIS table (no sync machinery)."""
    con = SG.open_db(gpkg_path)
    cols = ["uuid", "county_code", "well_code", "name_zh", "well_type", "aquifer_layer", "status", "depth_m"]
    rows = con.execute(f"SELECT {', '.join(cols)}, geom FROM monitoring_wells").fetchall()
    con.close()
    pg = P.connect(ci)
    cur = pg.cursor()
    cur.execute("SET search_path = bench, public")  # the role's own schema (bench_roles)
    cur.execute(
        "CREATE TABLE IF NOT EXISTS plain_wells (uuid uuid PRIMARY KEY, county_code text, well_code text, "
        "name_zh text, well_type text, aquifer_layer text, status text, depth_m double precision, "
        "geom geometry(Point, 4547))"
    )
    cur.execute("CREATE INDEX IF NOT EXISTS plain_wells_geom ON plain_wells USING gist (geom)")
    pg.commit()
    best = None
    for _ in range(2):  # insert run, then an update run of the same rows: keep the slower (upsert of existing)
        t = time.perf_counter()
        buf = io.StringIO()
        for r in rows:
            ewkb = SG.wkb_to_ewkb_hex(SG.gpkg_to_wkb(r[-1]), 4547)
            buf.write("\t".join("\\N" if v is None else str(v) for v in r[:-1]) + "\t" + ewkb + "\n")
        buf.seek(0)
        cur.execute("CREATE TEMP TABLE plain_in (LIKE plain_wells) ON COMMIT DROP")
        cur.copy_expert(f"COPY plain_in ({', '.join(cols)}, geom) FROM STDIN", buf)
        cur.execute(
            f"INSERT INTO plain_wells SELECT * FROM plain_in ON CONFLICT (uuid) DO UPDATE SET "
            f"{', '.join(f'{c} = excluded.{c}' for c in cols[1:])}, geom = excluded.geom"
        )
        pg.commit()
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else max(best, elapsed)
    pg.close()
    return best


def read_floor(gpkg_path: str) -> float:
    """The least a push must do locally: find, inside SQLite, which columns of each changed feature differ from its
    base (one bit mask a feature; no values read, no payload, no bookkeeping)."""
    con = SG.open_db(gpkg_path)
    try:
        cols = [c for c in C.columns(con, "monitoring_wells") if c not in ("fid", "uuid")]
        mask = " | ".join(f'((l."{c}" IS NOT b."{c}") << {i})' for i, c in enumerate(cols))
        t = time.perf_counter()
        con.execute(
            f"SELECT l.uuid, {mask} FROM monitoring_wells l JOIN gw_base_monitoring_wells b ON b.uuid = l.uuid"
        ).fetchall()
        return time.perf_counter() - t
    finally:
        con.close()


def bench_role(cluster: PgCluster, su: str) -> str:
    """The conninfo of the bench's user: an editor of every county with a schema of its own for the baseline."""
    role = "gw_bench_editor"
    cluster.create_login(role)
    P.grant_user(su, role, write_counties=["*"])
    con = P.connect(su)
    con.cursor().execute(f"CREATE SCHEMA IF NOT EXISTS bench AUTHORIZATION {role}")
    con.commit()
    con.close()
    return su.replace(f"user={SUPERUSER}", f"user={role}")


def run(cluster: PgCluster, n: int, work: str) -> dict:
    su = cluster.conninfo(cluster.create_database("bench"))
    P.initplatform(su)
    ci = bench_role(cluster, su)
    src = os.path.join(work, f"src{n}.gpkg")
    fill_project(src, n)
    t = time.perf_counter()
    SY.sync(src, ci)
    publish = time.perf_counter() - t
    a, b = os.path.join(work, f"a{n}.gpkg"), os.path.join(work, f"b{n}.gpkg")
    t = time.perf_counter()
    CO.checkout(ci, ["410102", "410103"], a)
    checkout = time.perf_counter() - t
    shutil.copy(a, b)  # a second client at the same revision (its own client id is set below)
    con = SG.open_db(b)
    con.execute("UPDATE gw_sync_state SET client_id = ? WHERE id = 1", (str(uuid.uuid4()),))
    con.close()
    con = SG.open_db(a)
    with SG.transaction(con):
        con.execute("UPDATE monitoring_wells SET depth_m = depth_m + 1.5, remarks = 'checked'")
    con.close()
    floor_read = read_floor(a)
    marks = {}

    def mark(name):
        return lambda: marks.setdefault(name, time.perf_counter())

    hooks = {k: mark(k) for k in ("after_prepare", "after_stage", "after_push_commit")}
    t = time.perf_counter()
    rep = SY.sync(a, ci, direction="push", hooks=hooks)
    end = time.perf_counter()
    push = end - t
    assert rep.pushed == n, rep
    parts = {
        "prepare": marks["after_prepare"] - t,
        "transfer": marks["after_stage"] - marks["after_prepare"],
        "apply": marks["after_push_commit"] - marks["after_stage"],
        "outcome": end - marks["after_push_commit"],
    }
    t = time.perf_counter()
    rep = SY.sync(b, ci, direction="pull")
    pull = time.perf_counter() - t
    assert rep.pulled == n, rep
    base = baseline(ci, a)
    return {
        **parts,
        "n": n,
        "publish": publish,
        "checkout": checkout,
        "push": push,
        "pull": pull,
        "baseline": base,
        "floor_read": floor_read,
    }


def main(argv) -> int:
    sizes = [int(a) for a in argv] or [10000, 100000]
    cluster = PgCluster().start()
    work = tempfile.mkdtemp(prefix="gw_bench_sync_")
    ok = True
    try:
        for n in sizes:
            r = run(cluster, n, work)
            print(
                f"{n:>7} features: publish {r['publish']:.2f} s, checkout {r['checkout']:.2f} s, "
                f"push {r['push']:.2f} s, pull {r['pull']:.2f} s, COPY+upsert baseline {r['baseline']:.2f} s; "
                f"ratios push/baseline {r['push'] / r['baseline']:.2f}, pull/baseline {r['pull'] / r['baseline']:.2f}"
            )
            b = r["baseline"]
            print(
                f"  push parts (ratios to the baseline): outbox {r['prepare'] / b:.2f} (the platform applying its "
                f"parts meanwhile), platform parts after it {r['transfer'] / b:.2f}, end of the push "
                f"{r['apply'] / b:.2f}, outcome {r['outcome'] / b:.2f}; local floor (diff in SQLite only) "
                f"{r['floor_read'] / b:.2f}"
            )
            if n <= 10000 and max(r["push"], r["pull"]) > 2.0:
                print(f"  over the 2 s target for {n} features")
                ok = False
            if n >= 100000 and max(r["push"], r["pull"]) > 2 * r["baseline"]:
                print(f"  over 2x the COPY+upsert baseline for {n} features")
                ok = False
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
