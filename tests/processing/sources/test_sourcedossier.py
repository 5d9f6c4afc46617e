"""gwplugin:sourcedossier on the demo city: the dossier and the inspection form as PDFs read back with pdftotext; an
unknown source is one clear error."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest
from qgis.core import QgsProcessingException

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qgis_app):
    from gw_plugin.core.demo.build import build_demo

    path = build_demo(str(tmp_path_factory.mktemp("demo")), seed=7).database
    con = sqlite3.connect(path)
    row = con.execute(
        "SELECT p.uuid, p.source_code, p.name_zh, max(substr(i.inspected_on, 1, 10)) FROM pollution_sources p "
        "JOIN inspections i ON i.source_uuid = p.uuid WHERE i.workflow IS NOT NULL GROUP BY p.uuid "
        "ORDER BY count(*) DESC, p.uuid LIMIT 1"
    ).fetchone()
    con.close()
    return path, row


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()


def test_dossier_and_form(provider, demo, tmp_path):
    import processing

    path, (uuid, code, name, last) = demo
    res = processing.run(
        "gwplugin:sourcedossier",
        {"DATABASE": path, "SOURCE": code, "LANGUAGE": 1, "KIND": 0, "OUTPUT": str(tmp_path / "d.pdf")},
    )
    text = text_of(res["OUTPUT"])
    assert name in text and last in text and "Workflow history" in text
    res = processing.run(
        "gwplugin:sourcedossier",
        {"DATABASE": path, "SOURCE": uuid, "KIND": 1, "WORKFLOW": 3, "OUTPUT": str(tmp_path / "f.pdf")},
    )
    text = text_of(res["OUTPUT"])
    assert name in text and "现场检查表" in text and "自行监测方案包含地下水" in text
    with pytest.raises(QgsProcessingException, match="no-such"):
        processing.run(
            "gwplugin:sourcedossier", {"DATABASE": path, "SOURCE": "no-such", "OUTPUT": str(tmp_path / "x.pdf")}
        )
    assert not (tmp_path / "x.pdf").exists()
