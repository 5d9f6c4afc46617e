"""The demo's lab file: a wide GB18030 CSV as a county monitoring station sends it for 2025 Q1 — parameter headers
with their unit and basis ("硝酸盐(以N计)(mg/L)", "砷(μg/L)", "氨(NH3)(mg/L)"), lab notations ("0.004L", "ND",
"<0.5", "<2"), well codes as typed (some in lower case), a remarks column — that imports without an error
(scripts/demo.py imports it with gwplugin:importsamples)."""

from __future__ import annotations

import csv
import os
import sqlite3

#: the headers as the lab writes them; the importer reads unit and basis from each
HEADERS = (
    "点位编号",
    "采样日期",
    "样品编号",
    "硝酸盐(以N计)(mg/L)",
    "pH(无量纲)",
    "六价铬(mg/L)",
    "三氯乙烯(μg/L)",
    "砷(μg/L)",
    "氨(NH3)(mg/L)",
    "总大肠菌群(MPN/100mL)",
    "备注",
)


def write_lab_file(database: str, out_dir: str, name: str = "demo_lab_2025Q1.csv", wells: int = 120) -> str:
    """Write the lab file for up to ``wells`` active wells of the demo database into ``out_dir``; returns its path.
    Nitrate continues each well's latest value (a few percent higher), the rest are plausible routine values."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT m.well_code, (SELECT r.value_num FROM samples s JOIN sample_results r ON r.sample_uuid = s.uuid "
            "WHERE s.well_uuid = m.uuid AND r.parameter = '硝酸盐' ORDER BY s.sampled_on DESC LIMIT 1) "
            "FROM monitoring_wells m WHERE m.status = 'active' ORDER BY m.well_code LIMIT ?",
            (wells,),
        ).fetchall()
    finally:
        con.close()
    path = os.path.join(out_dir, name)
    with open(path, "w", newline="", encoding="gb18030") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for k, (code, last_no3) in enumerate(rows):
            no3 = (last_no3 or 2.0) * (1.04 + 0.01 * (k % 5))
            w.writerow(
                [
                    code.lower() if k % 10 == 3 else code,  # typed in lower case: matched after case folding
                    f"2025-03-{10 + k % 15:02d}",
                    f"LAB25Q1-{k:04d}",
                    f"{no3:.2f}",
                    f"{7.0 + (k % 9) / 10:.1f}",
                    "0.004L" if k % 3 else "ND",
                    "<0.5" if k % 4 else f"{1 + k % 7}.0",
                    "0.3L" if k % 5 else f"{1.2 + (k % 4) * 0.8:.1f}",
                    f"{0.05 + (k % 6) * 0.04:.2f}",
                    "<2" if k % 6 else str(2 + k % 5),
                    "复测" if k % 17 == 0 else "",
                ]
            )
    return path
