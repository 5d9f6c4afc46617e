"""The gwplugin provider and its project algorithms, run through processing.run like a model or qgis_process."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import schema as S
from gw_plugin.processing.provider import register_provider


@pytest.fixture(scope="module")
def provider(qgis_processing):
    register_provider()
    return QgsApplication.processingRegistry().providerById("gwplugin")


def test_provider_lists_algorithms(provider):
    ids = {a.id() for a in provider.algorithms()}
    assert "gwplugin:createdatabase" in ids
    for alg in provider.algorithms():
        assert alg.displayName() and alg.group() and alg.shortHelpString() is not None


def test_createdatabase(provider, tmp_path, validate):
    import processing

    out = tmp_path / "new_city.gpkg"
    res = processing.run("gwplugin:createdatabase", {"OUTPUT": str(out), "CRS": "EPSG:4546"})
    assert res["OUTPUT"] == str(out)
    assert validate(out) == []
    meta = gpkg.read_meta(str(out))
    assert meta["crs"] == "EPSG:4546" and int(meta["schema_version"]) == S.SCHEMA_VERSION


def test_createdatabase_refuses_bad_crs_and_existing_file(provider, tmp_path):
    import processing

    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:createdatabase", {"OUTPUT": str(out), "CRS": "EPSG:4326"})
    assert not out.exists()
    processing.run("gwplugin:createdatabase", {"OUTPUT": str(out)})
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:createdatabase", {"OUTPUT": str(out)})
    processing.run("gwplugin:createdatabase", {"OUTPUT": str(out), "OVERWRITE": True})


def test_parameters_with_defaults_can_be_left_out(provider):
    """QGIS 3.22 rejects some parameter types (e.g. CRS) left out of a call even when they have a default: such
    parameters must be optional (the algorithm falls back to the default), so models and qgis_process calls that
    omit them work."""
    from qgis.core import QgsProcessingParameterDefinition

    bad = []
    for alg in provider.algorithms():
        for p in alg.parameterDefinitions():
            if p.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional:
                continue
            if p.defaultValue() is not None and not p.checkValueIsAcceptable(None):
                bad.append(f"{alg.id()}:{p.name()} ({p.type()})")
    assert bad == []
