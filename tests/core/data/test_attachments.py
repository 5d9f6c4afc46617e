"""Attachments: files copied beside the GeoPackage under their SHA-256 (deduplicated), rows recorded, EXIF date read,
missing and corrupted files found; the layer variant goes through the edit buffer."""

from __future__ import annotations

import hashlib
import sqlite3
import struct

import pytest

from gw_plugin.core.data import attachments as A

from ..sources.test_rosters import X0, Y0, add_features, make_project, source


def exif_app1(when: str) -> bytes:
    """An APP1 EXIF segment (little-endian TIFF) with IFD0 → Exif IFD → DateTimeOriginal, built by hand."""
    value = when.encode("ascii") + b"\x00"  # 20 bytes, stored after the IFDs
    # TIFF header (8) + IFD0: count(2) + 1 entry(12) + next(4) = 18 → Exif IFD at 26: 2 + 12 + 4 = 18 → value at 44
    tiff = b"II*\x00" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 26) + struct.pack("<I", 0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x9003, 2, len(value), 44) + struct.pack("<I", 0)
    tiff += value
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def make_jpeg(path, when=None, colour=0x3366CC):
    from qgis.PyQt.QtGui import QColor, QImage

    img = QImage(16, 12, QImage.Format.Format_RGB32)
    img.fill(QColor(colour))
    assert img.save(str(path), "JPG")
    data = path.read_bytes()
    if when:
        data = data[:2] + exif_app1(when) + data[2:]
        path.write_bytes(data)
    return path


@pytest.fixture
def db(tmp_path, qgis_app):
    (tmp_path / "proj").mkdir()
    path = make_project(tmp_path / "proj")
    [u] = add_features(path, "pollution_sources", [source("甲化工", "chemical", X0 + 10, Y0 + 10, county="410122")])
    return path, u


def test_add_dedup_and_rows(db, tmp_path, validate):
    path, u = db
    photo = make_jpeg(tmp_path / "IMG_0001.JPG", "2024:05:06 07:08:09")
    same = tmp_path / "copy.jpg"
    same.write_bytes(photo.read_bytes())
    doc = tmp_path / "报告.pdf"
    doc.write_bytes(b"%PDF-1.4 test report")
    r1 = A.add_attachment(path, "pollution_sources", u, photo, caption="罐区", user="王五")
    r2 = A.add_attachment(path, "pollution_sources", u, same)
    r3 = A.add_attachment(path, "pollution_sources", u, doc)
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert r1["sha256"] == r2["sha256"] == digest
    assert r1["file_path"] == r2["file_path"] == f"attachments/{digest}.jpg"
    stored = sorted(p.name for p in (path.parent / "attachments").iterdir())
    assert stored == sorted([f"{digest}.jpg", hashlib.sha256(doc.read_bytes()).hexdigest() + ".pdf"])
    assert (r1["kind"], r3["kind"]) == ("photo", "report")
    assert r1["taken_at"] == "2024-05-06T07:08:09" and r3["taken_at"] is None
    con = sqlite3.connect(str(path))
    rows = con.execute(
        "SELECT parent_table, parent_uuid, file_path, sha256, kind, caption, county_code, created_by "
        "FROM attachments ORDER BY fid"
    ).fetchall()
    con.close()
    assert len(rows) == 3
    assert rows[0] == ("pollution_sources", u, r1["file_path"], digest, "photo", "罐区", "410122", "王五")
    assert [r["uuid"] for r in A.attachments_of(path, "pollution_sources", u)] == [r1["uuid"], r2["uuid"], r3["uuid"]]
    assert A.verify_attachments(path) == []
    assert validate(path) == []


def test_no_exif_and_future_camera_clock(db, tmp_path):
    path, u = db
    plain = make_jpeg(tmp_path / "plain.jpg", colour=0x00FF00)
    future = make_jpeg(tmp_path / "future.jpg", "2199:01:01 00:00:00", colour=0xFF0000)
    assert A.exif_taken_at(plain) is None
    assert A.add_attachment(path, "pollution_sources", u, plain)["taken_at"] is None
    assert A.exif_taken_at(future).year == 2199
    assert A.add_attachment(path, "pollution_sources", u, future)["taken_at"] is None


def test_refusals(db, tmp_path):
    path, u = db
    f = tmp_path / "a.txt"
    f.write_text("x")
    with pytest.raises(A.AttachmentError):
        A.add_attachment(path, "pollution_sources", "6f1c3f0e-0000-4000-8000-000000000000", f)  # no such record
    with pytest.raises(A.AttachmentError):
        A.add_attachment(path, "no_table", u, f)
    with pytest.raises(A.AttachmentError):
        A.add_attachment(path, "pollution_sources", u, tmp_path / "missing.txt")
    with pytest.raises(A.AttachmentError):
        A.add_attachment(path, "pollution_sources", u, f, kind="video")
    con = sqlite3.connect(str(path))
    assert con.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    con.close()


def test_verify_finds_missing_and_corrupted(db, tmp_path):
    path, u = db
    a = tmp_path / "a.txt"
    a.write_text("first")
    b = tmp_path / "b.txt"
    b.write_text("second")
    ra = A.add_attachment(path, "pollution_sources", u, a)
    rb = A.add_attachment(path, "pollution_sources", u, b)
    A.resolve(path, ra["file_path"]).unlink()
    A.resolve(path, rb["file_path"]).write_text("tampered")
    con = sqlite3.connect(str(path))
    with con:
        con.execute(
            "INSERT INTO attachments (uuid, county_code, parent_table, parent_uuid, file_path, sha256) "
            "VALUES ('x1', '000000', 'pollution_sources', ?, '../outside.txt', ?)",
            (u, "0" * 64),
        )
    con.close()
    got = {p.uuid: p for p in A.verify_attachments(path)}
    assert got[ra["uuid"]].problem == "missing"
    assert got[rb["uuid"]].problem == "hash_mismatch"
    assert got[rb["uuid"]].actual == hashlib.sha256(b"tampered").hexdigest() != got[rb["uuid"]].expected
    assert got["x1"].problem == "outside_folder"
    assert len(got) == 3


def test_add_to_layer_edit_buffer(db, tmp_path):
    from qgis.core import QgsVectorLayer

    path, u = db
    layer = QgsVectorLayer(f"{path}|layername=attachments", "att", "ogr")
    assert layer.isValid()
    f = make_jpeg(tmp_path / "p.jpg", "2023:01:02 03:04:05")
    A.add_to_layer(layer, path, "pollution_sources", u, f, caption="buffer")
    assert layer.isEditable() and layer.featureCount() == 1
    con = sqlite3.connect(str(path))
    assert con.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0  # only in the buffer
    con.close()
    layer.undoStack().undo()
    assert layer.featureCount() == 0
    layer.undoStack().redo()
    assert layer.commitChanges(), layer.commitErrors()
    con = sqlite3.connect(str(path))
    got = con.execute("SELECT caption, taken_at, parent_uuid FROM attachments").fetchall()
    con.close()
    assert got[0][0] == "buffer" and got[0][1].startswith("2023-01-02T03:04:05") and got[0][2] == u
