"""Fuzz suite of the importers (issue 13 item 9): at least 1,000 malformed lab files and ledgers (generated from a seed,
see malformed.py) and hypothesis-made tables; for each, a correct import or one clear sentence with the database
file unchanged byte for byte, never a traceback. FUZZ_SCALE=10 (``make fuzz``) runs ten times as many and prints the
figures (files tried, clean refusals, writes, wrong writes)."""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from osgeo import ogr

from gw_plugin.core.data import gpkg

from . import malformed as M

SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))
PER_KIND = 360 * SCALE  # three kinds: 1,080 generated files at scale 1


def _city(folder) -> str:
    path = os.path.join(folder, "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    wells = ds.GetLayerByName("monitoring_wells")
    for k, code in enumerate(("W1", "W2", "W3")):
        f = ogr.Feature(wells.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"] = str(uuid.uuid4()), code, "419901"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({490000 + 100 * k} 3840000)"))
        wells.CreateFeature(f)
    admin = ds.GetLayerByName("admin_units")
    for code, zh, x0 in (("419901", "东县", 480000), ("419902", "西县", 500000)):
        f = ogr.Feature(admin.GetLayerDefn())
        f["uuid"] = f"00000000-0000-4000-8000-{code:0>12}"
        f["code"], f["county_code"], f["name_zh"], f["level"] = code, code, zh, "county"
        f.SetGeometry(
            ogr.CreateGeometryFromWkt(
                f"MULTIPOLYGON ((({x0} 3820000, {x0 + 20000} 3820000, {x0 + 20000} 3860000, {x0} 3860000, "
                f"{x0} 3820000)))"
            )
        )
        admin.CreateFeature(f)
    ds = None
    return path


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return _city(str(tmp_path_factory.mktemp("fuzz")))


@pytest.mark.parametrize("kind", sorted(M.BASES))
def test_generated_malformed_files(kind, city, tmp_path):
    tally = {"written": 0, "refused": 0}
    for seed in range(PER_KIND):
        suffix, data = M.mutate(M.BASES[kind], seed * 7919 + len(kind))
        path = str(tmp_path / f"{kind}_{seed}{suffix}")
        with open(path, "wb") as fh:
            fh.write(data)
        work = str(tmp_path / "work.gpkg")
        shutil.copyfile(city, work)  # every file against the same fresh database
        outcome = M.run_import(path, work, kind)
        if M.damage_kind(seed * 7919 + len(kind)) in M.MUST_REFUSE:
            assert outcome == "refused", f"{kind} seed {seed}: damaged file imported (a wrong write)"
        tally[outcome] += 1
        os.remove(path)
    print(f"fuzz {kind}: {PER_KIND} files, {tally['refused']} clean refusals, {tally['written']} writes, 0 wrong")
    assert tally["refused"] > PER_KIND // 4 and tally["written"] > 0  # most damage is refused, some is harmless
    assert sum(tally.values()) == PER_KIND


CELL = st.text(
    alphabet=st.sampled_from(
        list("W123-./年月日 ,;\"'\t=+@<>LNDna硝酸盐铅pH砷mg/Lμ") + ["\x00", "\x07", "\u3000", "𠮷"]
    ),
    max_size=12,
)


@settings(
    max_examples=60 * SCALE,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=7), min_size=0, max_size=8),
    kind=st.sampled_from(sorted(M.BASES)),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
    header=st.booleans(),
)
def test_hypothesis_tables(rows, kind, encoding, header, city, tmp_path):
    if header:
        rows = [M.BASES[kind][0]] + rows
    data = M.csv_bytes(rows, encoding) if rows else b""
    path = str(tmp_path / f"h_{kind}.csv")
    with open(path, "wb") as fh:
        fh.write(data)
    work = str(tmp_path / f"h_{kind}.gpkg")
    shutil.copyfile(city, work)
    assert M.run_import(path, work, kind) in ("written", "refused")
