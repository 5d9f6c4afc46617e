"""The ledger import dialog names target tables and fields in the plugin's language only (issue 17: under zh-Hans
they were bilingual, "县级行政区划… / …", and cut): under zh-Hans and English, for every target table of the demo
city's database, each field's label is the schema's label in that language, whole in its column (no "…"), with
the field's column name as tooltip; no Latin-only label where the schema has a Chinese one."""

from __future__ import annotations

import re

import pytest

from gw_plugin.core.data import schema as S
from gw_plugin.core.sources import ledgers as L
from gw_plugin.gui.common.elided import ElidedToolTipDelegate
from gw_plugin.gui.sources import ledger_dialog as LD
from tests.gui.common.desktop import demo_database, ui_locale  # noqa: F401  (fixture)

CJK = re.compile(r"[\u3400-\u9fff]")


def schema_label(table: str, name: str):
    """(zh, en) of a target field as the schema names it (a linked record's source keys: the source's fields)."""
    if name in LD.EXTRA_LABELS:
        return LD.EXTRA_LABELS[name]
    t = S.table("pollution_sources") if name in LD.SOURCE_KEYS and L.is_linked(table) else S.table(table)
    f = t.field(name)
    return f.label("zh"), f.label("en")


@pytest.mark.parametrize("locale", ["zh-Hans", "en_US"])
def test_field_labels_in_one_language_whole_with_the_column_as_tooltip(demo_database, qtbot, locale):  # noqa: F811
    zh = locale.startswith("zh")
    with ui_locale(locale):
        dialog = LD.LedgerImportDialog(demo_database)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(50)
        check = ElidedToolTipDelegate(dialog.mapping)
        tables = [dialog.target_combo.itemData(i) for i in range(dialog.target_combo.count())]
        assert set(tables) == set(L.TARGETS)
        for i, table in enumerate(tables):
            text = dialog.target_combo.itemText(i)
            assert text == (S.table(table).zh if zh else S.table(table).en)  # one language, no " / "
            dialog.target_combo.setCurrentIndex(i)
            qtbot.wait(20)
            table_widget = dialog.mapping
            assert table_widget.rowCount() == len(LD.target_fields(table))
            for row in range(table_widget.rowCount()):
                item = table_widget.item(row, 0)
                name = item.data(LD.Qt.ItemDataRole.UserRole)
                label_zh, label_en = schema_label(table, name)
                shown = item.text().removesuffix(" *")
                assert shown == (label_zh if zh else label_en), (table, name, item.text())
                if zh and CJK.search(label_zh):
                    assert CJK.search(shown) and " / " not in shown  # no Latin-only, no bilingual label
                assert item.toolTip() == name  # the column in the database
                index = table_widget.model().index(row, 0)
                assert check.elided_text(table_widget, index) == "", (table, item.text())  # whole
        dialog.close()
