"""The site map product (issue 19 item 8) on the demo city: sites by their current life-cycle stage, every soil
sampling point and those above a GB 36600-2018 screening value, exported to PDF and PNG in Chinese and English
(core/maps/products.py ``export_product(..., "sites", ...)``); the exceeding points counted independently."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest
from qgis.core import QgsProject

from gw_plugin.core.data import qgis_project
from gw_plugin.core.maps import products as P
from gw_plugin.core.soil import screening as SCR
from gw_plugin.core.soil import stages as ST


@pytest.fixture(scope="module")
def demo(qgis_app, tmp_path_factory):
    from gw_plugin.core.demo import build as D

    out = tmp_path_factory.mktemp("sitemap")
    res = D.build_demo(str(out), seed=42)
    project = str(out / "demo.qgz")
    qgis_project.write_project(res.database, project)
    return res, project, out


def _pdftext(path) -> str:
    return "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )


def test_exceeding_points_counted_independently(demo):
    res, _, _ = demo
    con = sqlite3.connect(f"file:{res.database}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT p.site_uuid, p.point_code, r.parameter, r.value_text, r.unit, s.planned_land_class "
            "FROM soil_results r JOIN soil_samples m ON m.uuid = r.sample_uuid JOIN soil_points p ON p.uuid = "
            "m.point_uuid JOIN sites s ON s.uuid = p.site_uuid"
        ).fetchall()
    finally:
        con.close()
    hot = {(a, b) for a, b, par, v, u, land in rows if SCR.screen(par, v, u, land).exceeds_screening}
    assert hot and P.exceeding_points(res.database) == hot


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_site_map_pdf_and_png(demo, lang):
    res, project_path, out = demo
    project = QgsProject.instance()
    project.clear()
    assert project.read(project_path)
    pdf, png = out / f"sites_{lang}.pdf", out / f"sites_{lang}.png"
    written = P.export_product(project, "sites", str(pdf), str(png), paper="A4", orientation="portrait", lang=lang)
    assert pdf.stat().st_size > 1000 and png.stat().st_size > 1000
    con = sqlite3.connect(f"file:{res.database}?mode=ro", uri=True)
    try:
        n_sites, n_points = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sites", "soil_points"))
    finally:
        con.close()
    assert (written["sites"], written["points"]) == (n_sites, n_points)
    assert written["exceeding_points"] == len(P.exceeding_points(res.database)) > 0
    text = _pdftext(pdf)
    if lang == "zh":
        assert "建设用地地块及土壤超筛选值点位图" in text and "超筛选值点位" in text
        assert ST.stage_label("phase1_survey", "zh") in text
    else:
        assert "Construction-landsites" in text and "Pointsaboveascreeningvalue" in text
        assert "First-phasesoilsurvey" in text
    project.clear()


def test_unknown_map_is_refused(demo):
    with pytest.raises(ValueError):
        P.export_product(QgsProject.instance(), "nonsense", None, None)
