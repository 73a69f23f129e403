"""Party, identifier and clause wordings of published Turkish templates the reader was first
written without: each address before its party ("… adresinde oturan ve faaliyette bulunan X
(Bundan sonra “MÜŞTERİ” olarak anılacaktır) ve … birlikte tarafları oluşturur"), a matbu
form's comma-separated party line with a bare "T.C." before the number, and a clause whose
sentence runs on after its heading's colon ("Madde 5 – Yetkili Mahkeme: İşbu …"). The
sentences are this file's own; the generator's forms (``general_real``) are read from fresh
seeds too."""

from __future__ import annotations

import random

import pytest

from docpipe.extract.rules.contract import extract_contract
from samplegen.casing import tr_upper
from samplegen.contracts.general import general_spec
from samplegen.contracts.general_real import address_first, matbu_party_line, plain
from tests.conftest import fresh_seed
from tests.test_contracts import _text_doc

FRESH = fresh_seed(__name__)


def _got(lines: list[str]) -> dict:
    return {k: v.value for k, v in extract_contract(_text_doc(lines)).items.items()}


@pytest.mark.parametrize(
    "verb", ["adresinde faaliyette bulunan", "adresinde oturan ve faaliyette bulunan"]
)
@pytest.mark.parametrize(
    "joiner, close",
    [(" ve ", " birlikte tarafları oluşturur."), (" ile ", " arasında akdedilmiştir.")],
)
def test_each_address_before_its_party(verb: str, joiner: str, close: str) -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "1. TARAFLAR",
        f"Atatürk Bulvarı No: 12 Çankaya/Ankara {verb} Deniz Tercüme Limited Şirketi (Bundan "
        f"sonra “HİZMET VEREN” olarak anılacaktır.){joiner}Bağdat Cad. No: 5 Kadıköy/İstanbul "
        f"adresinde oturan Ayşe Kaya (Bundan sonra “MÜŞTERİ” olarak anılacaktır){close}",
        "2. ÜCRET",
        "Aylık hizmet bedeli 12.000,00 TL'dir.",
    ])  # fmt: skip
    assert got["parties.0.name"] == "Deniz Tercüme Limited Şirketi"
    assert got["parties.0.address"] == "Atatürk Bulvarı No: 12 Çankaya/Ankara"
    assert got["parties.1.name"] == "Ayşe Kaya"
    assert got["parties.1.address"] == "Bağdat Cad. No: 5 Kadıköy/İstanbul"


@pytest.mark.parametrize("ident", ["T.C. 10000000146", "TC 10000000146", "T.C. No: 10000000146"])
def test_a_matbu_party_line_with_a_bare_tc(ident: str) -> None:
    got = _got([
        "KİRA SÖZLEŞMESİ",
        "Madde 1 – Taraflar",
        f"1.1. Kiraya Veren: Ali Yıldız, {ident}, Cumhuriyet Mah. Gül Sk. No: 4 Çankaya / Ankara",
        "1.2. Kiracı: Zehra Doğan, T.C. Kimlik No 12345678950, Moda Mah. Çam Cad. No: 7 "
        "Kadıköy / İstanbul",
        "Madde 2 – Kira Bedeli",
        "Aylık kira bedeli: 25.000 TL’dir.",
    ])  # fmt: skip
    assert got["parties.0.name"] == "Ali Yıldız" and got["parties.0.tckn"] == "10000000146"
    assert got["parties.0.address"] == "Cumhuriyet Mah. Gül Sk. No: 4 Çankaya / Ankara"
    assert got["parties.1.tckn"] == "12345678950"
    assert got["parties.1.address"] == "Moda Mah. Çam Cad. No: 7 Kadıköy / İstanbul"
    # a number with no address words after it gives no address
    got = _got(["KİRA SÖZLEŞMESİ", "Kiraya Veren: Ali Yıldız, T.C. 10000000146, imza yetkilisi"])
    assert got["parties.0.tckn"] == "10000000146" and "parties.0.address" not in got


def test_a_clause_sentence_after_its_headings_colon() -> None:
    lines = [
        "KİRA SÖZLEŞMESİ",
        "Madde 1 – Kira Süresi:",
        "Sözleşme, 01/03/2025 tarihinde başlayıp 28/02/2026 tarihinde sona erecektir.",
        "Madde 2 – Yetkili Mahkeme: İşbu sözleşmeden doğacak uyuşmazlıklarda Ankara "
        "Mahkemeleri ve İcra Daireleri yetkilidir.",
    ]
    got = _got(lines)
    assert got["governing_court"] == "Ankara Mahkemeleri ve İcra Daireleri"
    assert got["clauses.1.heading"] == "Yetkili Mahkeme"
    # a heading that only ends in a colon keeps it all
    got = _got([*lines[:3], "Madde 2 – Yetkili Mahkeme ve Tebligat:"])
    assert got["clauses.1.heading"] == "Yetkili Mahkeme ve Tebligat"


def test_generator_real_party_forms_from_fresh_seeds() -> None:
    """``address_first`` and ``matbu_party_line`` over fresh specs: every party's name,
    identifier and address are read back."""
    rng = random.Random(FRESH)
    done = 0
    for index in range(400):
        spec = general_spec(random.Random(f"{FRESH}/{index}"), index)
        if not all(plain(p) for p in spec.parties):
            continue
        matbu = all(p.person for p in spec.parties) and rng.random() < 0.5
        body = (
            [matbu_party_line(p, rng) for p in spec.parties]
            if matbu
            else [address_first(spec, rng)]
        )
        got = _got([tr_upper(spec.title), "1. TARAFLAR", *body])
        for k, p in enumerate(spec.parties):
            where = f"seed {FRESH} index {index} party {k}"
            assert got.get(f"parties.{k}.name") == p.name, where
            assert got.get(f"parties.{k}.address") == p.address, where
            key, value = ("tckn", p.tckn) if p.person else ("vkn", p.vkn)
            assert got.get(f"parties.{k}.{key}") == value, where
        done += 1
        if done >= 12:
            break
    assert done >= 6


@pytest.mark.parametrize(
    "sentence, amount, period, yearly",
    [
        ("Yıllık kira bedeli 240.000 TL olup aylık 20.000 TL olarak ödenecektir.",
         "20000", "monthly", "240000"),
        ("Aylık kira bedeli 20.000 TL, yıllık kira bedeli 240.000 TL'dir.",
         "20000", "monthly", "240000"),
        # the year's rent alone is the amount, yearly ("kira bedeli" inside it is no label)
        ("Yıllık kira bedeli 240.000 TL'dir.", "240000", "yearly", None),
        ("Kira bedeli: 20.000 TL", "20000", "monthly", None),
    ],
)  # fmt: skip
def test_the_years_rent_named_before_the_months(
    sentence: str, amount: str, period: str, yearly: str | None
) -> None:
    got = _got(["KİRA SÖZLEŞMESİ", "Madde 1 – Kira Bedeli", sentence])
    assert str(got["amount"]) == amount and got["amount_period"] == period
    assert (None if got.get("yearly_amount") is None else str(got["yearly_amount"])) == yearly


@pytest.mark.parametrize(
    "sentence, period",
    [
        ("İşçinin ücreti brüt 40.000 TL/ay olarak belirlenmiştir.", "monthly"),
        ("İşçinin ücreti brüt 40.000 TL (Kırkbin Türk Lirası)/Ay olarak belirlenmiştir.",
         "monthly"),
        ("Hizmet bedeli 120.000 TL / yıl + KDV olarak belirlenmiştir.", "yearly"),
        ("İşçinin ücreti brüt 56.750 TL (ElliAltıBinYediYüzElli TL)/ay olarak belirlenmiştir.",
         "monthly"),
        ("İşçiye ayda net 30.000 TL ücret ödenir.", "monthly"),
        ("Hizmet bedeli 120.000 TL olarak belirlenmiştir.", "one_off"),
    ],
)  # fmt: skip
def test_a_sum_per_month_or_year_after_its_currency(sentence: str, period: str) -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", "Madde 1 – Bedel", sentence])
    assert got["amount_period"] == period
