"""Structures of still other published templates (``samplegen.contracts.general_d``): the
parties side by side in one table ("| KİRAYA VEREN | KİRACI" over labelled rows), the
amount in words before the figures ("yalnız onbeşbin Türk Lirası (15.000,00 TL)"), a date
as "2026 yılı Ocak ayının 1'i" or with its weekday, a personal-data clause that names the
special categories without holding any. The sentences are this file's own; the family's
documents are read from fresh seeds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from docpipe.document import Document, Page, Word
from docpipe.evaluate import score_fields
from docpipe.extract.rules.contract import extract_contract
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.contracts.general_d import general_d_spec, possessive, when_d
from tests.conftest import fresh_seed
from tests.test_contracts import _run_spec, _text_doc

FRESH = fresh_seed(__name__)
VKN_A = "2914177760"
TCKN_A, TCKN_B = "10000000146", "12345678950"


def _got(lines: list[str]) -> dict:
    return {k: v.value for k, v in extract_contract(_text_doc(lines)).items.items()}


def _grid_doc(before: list[str], rows: list[tuple[str, ...]], after: list[str]) -> Document:
    """A page with ``before`` lines, a table whose cells start at x = 40, 200, 380 (a row
    ``("", "A")`` continues the row above: a wrapped cell), then ``after`` lines."""
    words: list[Word] = []
    y = 20.0

    def put(x: float, text: str) -> None:
        for token in text.split():
            width = 5.0 * len(token)
            words.append(Word(token, (x, y, x + width, y + 10.0)))
            x += width + 4

    for line in before:
        put(40.0, line)
        y += 14.0
    for row in rows:
        wrapped = row[0] == "" and row is not rows[0]
        y += 0.0 if wrapped else 6.0  # a new row: its box's padding
        for x, text in zip((40.0, 200.0, 380.0), row, strict=False):
            put(x, text)
        y += 14.0
    y += 6.0
    for line in after:
        put(40.0, line)
        y += 14.0
    page = Page(1, 2000, 2000, words=tuple(words), text_source="text")
    return Document(path="x.pdf", sha256="0", media_type="application/pdf", size_bytes=0,
                    pages=(page,))  # fmt: skip


def test_parties_side_by_side_in_one_table() -> None:
    doc = _grid_doc(
        ["KİRA SÖZLEŞMESİ", "MADDE 1 – TARAFLAR"],
        [
            ("", "KİRAYA VEREN", "KİRACI"),
            ("Adı Soyadı / Unvanı", "Ayla Kaya", "Deniz Yazılım Ticaret"),
            ("", "", "Limited Şirketi"),
            ("TCKN / VKN", TCKN_A, VKN_A),
            ("Vergi Dairesi", "-", "Kadıköy"),
            ("Adresi", "Moda Mah. Şair Sk. No: 3", "Fatih Mah. Kale Sk. No: 5"),
            ("", "Kadıköy / İstanbul", "Gebze / Kocaeli"),
        ],
        ["MADDE 2 – KİRALANAN", "Kiralanan Zafer Mah. Gül Cad. No: 12 Çankaya / Ankara"],
    )
    got = {k: v.value for k, v in extract_contract(doc).items.items()}
    assert got["parties.0.role"] == "kiraya veren" and got["parties.1.role"] == "kiracı"
    assert got["parties.0.name"] == "Ayla Kaya"
    assert got["parties.0.tckn"] == TCKN_A
    assert got["parties.0.address"] == "Moda Mah. Şair Sk. No: 3 Kadıköy / İstanbul"
    assert got["parties.1.name"] == "Deniz Yazılım Ticaret Limited Şirketi"
    assert got["parties.1.vkn"] == VKN_A and got["parties.1.tax_office"] == "Kadıköy"
    assert got["parties.1.address"] == "Fatih Mah. Kale Sk. No: 5 Gebze / Kocaeli"
    assert "parties.0.tax_office" not in got  # "-": an empty cell


def test_a_party_table_whose_ruling_ocr_read_as_bars() -> None:
    doc = _grid_doc(
        ["KİRA SÖZLEŞMESİ", "MADDE 1 – TARAFLAR"],
        [
            ("|", "| KİRAYA VEREN", "| KİRACI |"),
            ("| Adı Soyadı", "| Ayla Kaya", "| Ali Er |"),
            ("| TCKN", f"| {TCKN_A}", f"| {TCKN_B} |"),
        ],
        ["MADDE 2 – SÜRE", "Kira süresi bir (1) yıldır."],
    )
    got = {k: v.value for k, v in extract_contract(doc).items.items()}
    assert got["parties.0.name"] == "Ayla Kaya" and got["parties.1.name"] == "Ali Er"
    assert got["parties.0.tckn"] == TCKN_A and got["parties.1.tckn"] == TCKN_B


def test_lettered_labels_after_a_representative() -> None:
    got = _got([
        "GİZLİLİK SÖZLEŞMESİ",
        "Madde 1 – Taraflar",
        "AÇIKLAYAN TARAF",
        "a) Ticaret Unvanı : Pera Yazılım Ltd. Şti.",
        "b) Vergi Dairesi : Uludağ",
        f"c) TCKN / VKN : {VKN_A}",
        f"d) Yetkilisi : Selin Tunç (Genel Müdür, T.C. Kimlik No: {TCKN_B})",
        "e) Tebligat Adresi : Moda Mah. Şair Sk. No: 3 Kadıköy / İstanbul",
        "B) BİLGİYİ ALAN",
        "a- Adı Soyadı : Ali Er",
        f"b- TCKN : {TCKN_A}",
        "c- Adresi : Fatih Mah. Kale Sk. No: 5 Gebze / Kocaeli",
        "Madde 2 – Sözleşmenin Konusu",
    ])  # fmt: skip
    assert got["parties.0.tax_office"] == "Uludağ"  # not "Uludağ c)"
    assert got["parties.0.vkn"] == VKN_A
    assert got["parties.0.address"] == "Moda Mah. Şair Sk. No: 3 Kadıköy / İstanbul"
    assert got["parties.0.representatives.0.tckn"] == TCKN_B
    assert got["parties.1.address"] == "Fatih Mah. Kale Sk. No: 5 Gebze / Kocaeli"


def test_a_passport_in_a_combined_identifier_cell_and_the_agent_as_avukat() -> None:
    doc = _grid_doc(
        ["AVUKATLIK ÜCRET SÖZLEŞMESİ", "MADDE 1 – TARAFLAR"],
        [
            ("", "MÜVEKKİL", "AVUKAT"),
            ("Adı Soyadı / Unvanı", "Anna Petrova", "Ali Er"),
            ("TCKN / Pasaport No / VKN", "U12345678", TCKN_A),
            ("Adresi", "Moda Mah. Şair Sk. No: 3", "Fatih Mah. Kale Sk. No: 5"),
            ("", "Kadıköy / İstanbul", "Gebze / Kocaeli"),
        ],
        ["MADDE 2 – KONUSU", "MÜVEKKİL, AVUKAT için dava takibi işini vermiştir."],
    )
    got = {k: v.value for k, v in extract_contract(doc).items.items()}
    assert got["parties.0.role"] == "müvekkil" and got["parties.1.role"] == "vekil"
    assert got["parties.0.passport_no"] == "U12345678"
    assert got["parties.1.tckn"] == TCKN_A


def test_a_let_office_and_a_service_by_its_verb() -> None:
    got = _got([
        "KİRA SÖZLEŞMESİ",
        "MADDE 1 – KİRALANAN",
        "Ülkü Mah. Söğüt Sk. No: 68 Daire: 9 Nilüfer / Bursa adresindeki büro, KİRACI "
        "tarafından işyeri olarak kullanılmak üzere kiralanmıştır.",
    ])  # fmt: skip
    assert got["property_address"] == "Ülkü Mah. Söğüt Sk. No: 68 Daire: 9 Nilüfer / Bursa"
    assert got["contract_type"] == "commercial_lease"  # "Daire: 9" numbers the flat
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "MADDE 1 – SÖZLEŞMENİN KONUSU",
        "HİZMET VEREN, HİZMET ALAN için bina temizlik hizmetleri işini yapacaktır.",
    ])  # fmt: skip
    assert got["subject"] == "bina temizlik hizmetleri"


def test_a_title_that_names_the_property_points_at_no_address() -> None:
    doc = _grid_doc(
        ["GAYRİMENKUL SATIŞ SÖZLEŞMESİ", "Madde 1: Taraflar"],
        [
            ("", "SATICI", "ALICI"),
            ("Adı Soyadı", "Ayla Kaya", "Ali Er"),
            ("Adres", "Moda Mah. Şair Sk. No:", "Fatih Mah. Kale Sk. No:"),
            ("", "3 Kadıköy / İstanbul", "5 Gebze / Kocaeli"),
        ],
        [
            "Madde 2: Satışa Konu Taşınmaz",
            "Zafer Mah. Gül Cad. No: 12 Çankaya / Ankara adresindeki konut niteliğindeki taşınmaz.",
        ],
    )
    got = {k: v.value for k, v in extract_contract(doc).items.items()}
    assert got["property_address"] == "Zafer Mah. Gül Cad. No: 12 Çankaya / Ankara"
    assert got["parties.1.address"] == "Fatih Mah. Kale Sk. No: 5 Gebze / Kocaeli"


def test_amount_words_before_the_figures_after_yalniz() -> None:
    got = _got([
        "KİRA SÖZLEŞMESİ",
        "MADDE 1 – KİRA BEDELİ",
        "Aylık kira bedeli yalnız onbeşbin Türk Lirası (15.000,00 TL)'dir.",
    ])  # fmt: skip
    assert str(got["amount"]) == "15000.00"
    assert got["amount_in_words"] == "onbeşbin Türk Lirası"


def test_date_forms_of_the_templates() -> None:
    assert possessive(1) == "1'i" and possessive(20) == "20'si" and possessive(23) == "23'ü"
    got = _got([
        "İŞ SÖZLEŞMESİ",
        "MADDE 1 – SÜRE",
        "İşbu sözleşme 2025 yılı Mart ayının 3'ü tarihinden itibaren bir (1) yıl süre ile "
        "geçerlidir.",
    ])  # fmt: skip
    assert str(got["start_date"]) == "2025-03-03"
    assert got["term_months"] == 12


def test_a_personal_data_clause_holds_no_special_category() -> None:
    lines = [
        "İŞ SÖZLEŞMESİ",
        "MADDE 1 – KİŞİSEL VERİLERİN KORUNMASI",
        "İŞÇİ, kişisel verilerinin 6698 sayılı Kanun uyarınca işleneceği konusunda "
        "aydınlatılmıştır; sağlık, din ve kan grubu gibi özel nitelikli kişisel veriler "
        "yalnızca Kanun'un 6. maddesinde sayılan hallerde işlenir.",
    ]
    got = _got(lines)
    for key in ("health", "religion", "blood_group", "disability"):
        assert got.get(f"special_categories.{key}") in (None, False), key


def test_when_d_prints_a_weekday_that_is_right() -> None:
    from datetime import date

    rng = random.Random(3)
    seen = {when_d(date(2026, 1, 1), rng) for _ in range(60)}
    assert "1 Ocak 2026 Perşembe" in seen and "2026 yılı Ocak ayının 1'i" in seen


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def test_general_d_contracts_from_fresh_seeds(pipe: Pipeline, tmp_path: Path) -> None:
    """Eight ``general_d`` contracts of every kind, drawn from fresh seeds: nearly every
    field read, none far off, and their parties named."""
    correct = total = 0
    poor = []
    for index in range(8):
        seed = FRESH + 104723 * (index + 1)
        rng = random.Random(seed)
        spec = general_d_spec(rng, index)
        truth, result = _run_spec(pipe, spec, rng, tmp_path, f"general-d-{index}")
        scored = score_fields(truth, result.record)
        good = sum(1 for o in scored.values() if o == "correct")
        correct, total = correct + good, total + len(scored)
        names = [p for p in scored if p.endswith(".name") and p.count(".") == 2]
        if good < 0.8 * len(scored) or any(scored[p] != "correct" for p in names):
            poor.append((seed, spec.kind, {p: o for p, o in scored.items() if o != "correct"}))
    assert correct >= 0.95 * total, (correct, total, poor)
    assert len(poor) <= 1, poor
