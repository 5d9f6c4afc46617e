"""gwplugin:networkgaps through Processing on the hand-built project of tests/core/network/test_gaps.py (its known
gaps: source B, zone Z2 and the county at one well per 25 km²)."""

from __future__ import annotations

import pytest
from osgeo import ogr

from gw_plugin.processing.provider import register_provider
from tests.core.network.test_gaps import LAYER, db  # noqa: F401  (the fixture)


def test_gap_points_and_areas_are_written(db, tmp_path, qgis_processing):  # noqa: F811
    import processing

    register_provider()
    path, ids, _z1, z2 = db
    out, areas = str(tmp_path / "gaps.gpkg"), str(tmp_path / "areas.gpkg")
    res = processing.run(
        "gwplugin:networkgaps",
        {"DATABASE": path, "AQUIFER_LAYER": LAYER, "AZIMUTH": 90.0, "KM2_PER_WELL": 25.0, "OUTPUT": out,
         "OUTPUT_AREAS": areas},
    )  # fmt: skip
    assert res["GAPS"] == 3 and res["AZIMUTH_USED"] == 90.0
    ds = ogr.Open(out)
    rows = {(f["kind"], f["ref_uuid"]): f["reason"] for f in ds.GetLayer(0)}
    assert set(rows) == {("source", ids["B"]), ("recharge_zone", z2), ("county", "419901")}
    ads = ogr.Open(areas)
    assert sorted(f["kind"] for f in ads.GetLayer(0)) == ["county", "recharge_zone"]


def test_no_heads_and_no_azimuth_is_a_clear_error(db, tmp_path, qgis_processing):  # noqa: F811
    import processing
    from qgis.core import QgsProcessingException

    register_provider()
    with pytest.raises(QgsProcessingException, match="Give the flow azimuth"):
        processing.run(
            "gwplugin:networkgaps", {"DATABASE": db[0], "AQUIFER_LAYER": LAYER, "OUTPUT": str(tmp_path / "g.gpkg")}
        )
