"""What users' models, scripts, projects and settings rely on must not change when the code moves: every algorithm
id with its parameter and output names and group, every dock key and every settings key. public_surface.json was
written from the code before the restructure into feature rooms (commit 5d3d5f9); a change here is a break for
users and needs a migration, not an edit of the JSON."""

from __future__ import annotations

import json
from pathlib import Path

EXPECTED = json.loads((Path(__file__).with_name("public_surface.json")).read_text(encoding="utf-8"))


def test_algorithm_ids_parameters_outputs_and_groups_are_unchanged(qgis_app, qgis_processing):
    from gw_plugin.processing.provider import algorithm_classes

    found = {}
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm()
        found[cls.NAME] = {
            "params": [p.name() for p in alg.parameterDefinitions()],
            "outputs": [o.name() for o in alg.outputDefinitions()],
            "group": alg.groupId(),
        }
    assert found == EXPECTED["algorithms"]


def test_dock_keys_are_unchanged(qgis_app):
    from gw_plugin.gui.common import docks

    docks.discover()
    assert sorted(spec.key for spec in docks.registered_docks()) == EXPECTED["docks"]


def test_settings_keys_are_unchanged(qgis_app):
    from gw_plugin.toolbelt import settings

    keys = sorted(v.path for v in vars(settings).values() if isinstance(v, settings.Setting))
    assert keys == EXPECTED["settings_keys"]
