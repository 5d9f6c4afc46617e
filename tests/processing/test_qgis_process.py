"""The plugin's Processing provider from the command line: the ZIP installed into a fresh QGIS profile, then
`qgis_process run gwplugin:createdatabase` and `gwplugin:builddemo` without any GUI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gw_plugin.core.data import gpkg

ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    if not os.path.exists(QGIS_PROCESS):
        pytest.skip("qgis_process is not installed")
    sys.path.insert(0, str(ROOT / "scripts"))
    import package

    base = tmp_path_factory.mktemp("qgis_config")
    zip_path = package.build_zip(base / "gw_plugin.zip")
    plugins = base / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(plugins)
    ini = base / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\ngw_plugin=true\n", encoding="utf-8")
    return base


def _run(profile, *args, timeout=300):
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profile), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)  # the installed copy, not the working tree, must be what runs
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_provider_is_listed(profile):
    out = _run(profile, "list")
    assert out.returncode == 0, out.stderr
    assert "gwplugin:createdatabase" in out.stdout and "gwplugin:builddemo" in out.stdout


def test_createdatabase_from_the_command_line(profile, tmp_path, validate):
    target = tmp_path / "cli.gpkg"
    out = _run(profile, "run", "gwplugin:createdatabase", "--", f"OUTPUT={target}", "CRS=EPSG:4547")
    assert out.returncode == 0, out.stdout + out.stderr
    assert validate(target) == []
    assert gpkg.read_meta(str(target))["crs"] == "EPSG:4547"


def test_builddemo_from_the_command_line(profile, tmp_path):
    out = _run(
        profile, "run", "gwplugin:builddemo", "--json", "--", f"OUTPUT_FOLDER={tmp_path}", "SEED=42", timeout=600
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    results = json.loads(out.stdout[out.stdout.index("{") :])["results"]
    assert Path(results["DATABASE"]).is_file() and Path(results["PROJECT"]).is_file()
