"""Where an item table ends: a sentence printed under its last row (the integrator's
"Bu belge … elektronik ortamda oluşturulmuştur." above the page number) is no cell of
the last row, and does not join the description column to the number columns."""

from __future__ import annotations

from decimal import Decimal

from docpipe.extract.rules.table import read_table
from docpipe.text.layout import page_lines
from tests.text_pages import text_page

_HEADER = [
    (20, 180, "Açıklama"),
    (200, 180, "Miktar"),
    (260, 180, "Birim Fiyat"),
    (340, 180, "KDV Oranı"),
    (410, 180, "KDV Tutarı"),
    (500, 180, "Tutar"),
]


def _rows(footer: list[tuple[float, float, str]]) -> list[dict]:
    cells = [
        # a description wrapped over three lines; the quantity and its unit stacked in
        # their cell, the unit's line overlapping the description's last one
        (20, 200, "Yönetim danışmanlığı hizmeti,"),
        (20, 209, "süreç iyileştirme çalıştayı,"),
        (20, 218, "14 gündür"),
        (200, 204, "28,50"),
        (204, 214, "Saat"),
        (260, 209, "3.830,00"),
        (340, 209, "%20"),
        (410, 209, "21.831,00"),
        (500, 209, "109.155,00"),
        (20, 240, "Teknik servis işçiliği"),
        (200, 236, "180,20"),
        (204, 246, "Saat"),
        (260, 240, "800,00"),
        (340, 240, "%20"),
        (410, 240, "28.832,00"),
        (500, 240, "144.160,00"),
        *footer,
    ]
    table = read_table([page_lines(text_page(_HEADER + cells))])
    return [{k: f.value for k, f in item.items()} for item in table.items]


def test_a_sentence_under_the_last_row_is_no_cell() -> None:
    footer = [
        (18, 285, "Bu belge Örnek Bilişim Ltd. Şti. altyapısı ile elektronik ortamda"),
        (18, 295, "oluşturulmuştur."),
        (250, 305, "Sayfa 1/2"),
    ]
    for rows in (_rows(footer), _rows([])):
        assert [r.get("description") for r in rows] == [
            "Yönetim danışmanlığı hizmeti, süreç iyileştirme çalıştayı, 14 gündür",
            "Teknik servis işçiliği",
        ]
        assert [r.get("quantity") for r in rows] == [Decimal("28.50"), Decimal("180.20")]
        assert [r.get("unit") for r in rows] == ["Saat", "Saat"]
