"""gwplugin:sourcesinzones gives distances in metres whatever the zones' CRS (issue 16): on a geographic CRS the
planar distance would be in degrees."""

from __future__ import annotations

import pytest

from gw_plugin.processing.provider import register_provider

from .test_rosters import add_features, make_project, source, square

# near the central meridian of EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E, scale factor 1 there), so the
# grid distance equals the ellipsoidal one to well under 0.1 %
X, Y = 500_000.0, 3_850_000.0


@pytest.fixture(scope="module")
def provider(qgis_processing):
    register_provider()


def test_distances_in_metres_on_a_geographic_crs(provider, tmp_path):
    import processing

    path = make_project(tmp_path)
    ws = add_features(
        path,
        "drinking_water_sources",
        [{"source_code": "A", "name_zh": "甲水源", "source_type": "well_field", "level": "county",
          "wkt": f"POINT({X} {Y})"}],
    )  # fmt: skip
    add_features(
        path,
        "monitoring_wells",
        [{"well_code": "A-1", "name_zh": "甲1", "well_type": "drinking_source", "aquifer_layer": "phreatic",
          "status": "active", "water_source_uuid": ws[0], "wkt": f"POINT({X + 500} {Y + 500})"}],
    )  # fmt: skip
    add_features(path, "recharge_zones", [{"water_source_uuid": ws[0], "kind": "recharge", "wkt": square(X, Y, 2000)}])
    add_features(path, "pollution_sources", [source("化工A", "chemical", X + 800, Y + 900)])  # 500 m from A-1
    geo = processing.run(
        "native:reprojectlayer",
        {"INPUT": f"{path}|layername=recharge_zones", "TARGET_CRS": "EPSG:4490", "OUTPUT": "TEMPORARY_OUTPUT"},
    )["OUTPUT"]
    assert geo.crs().isGeographic()
    for zones in (f"{path}|layername=recharge_zones", geo):
        res = processing.run(
            "gwplugin:sourcesinzones",
            {
                "ZONES": zones,
                "SOURCES": f"{path}|layername=pollution_sources",
                "WELLS": f"{path}|layername=monitoring_wells",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        (f,) = list(res["OUTPUT"].getFeatures())
        assert f["well_code"] == "A-1"
        assert f["well_distance_m"] == pytest.approx(500, rel=1e-3), zones
