"""Contract wordings the rules were first written without: roles designated without
quotes, representatives after a bare "adına", the place and date of signing on a line of
their own, a term "for"/"throughout" a duration, tax offices named after a day, the
sale/confidentiality/mandate types; and ``general_a`` contracts drawn from fresh seeds
with their parties in prose, a guarantor, pay day, labelled start/end, court and signing
wordings (``samplegen.contracts.general_parts``)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from docpipe.evaluate import score_fields
from docpipe.extract.rules.contract import extract_contract
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.casing import tr_upper
from samplegen.contracts.general import KINDS as GENERAL_KINDS
from samplegen.contracts.general import date_text, general_spec
from samplegen.contracts.general_parts import (
    _ORD,
    court_sentence,
    labelled_term,
    parties_prose,
    pay_day_sentence,
    signing_text,
)
from samplegen.contracts.truth import CONTRACT_TYPES
from tests.conftest import fresh_seed
from tests.test_contracts import _run_spec, _text_doc

FRESH = fresh_seed(__name__)
# the fields the general_parts wordings print
KEY = ("parties.", "guarantors.", "place", "contract_date", "payment_day", "start_date",
       "end_date", "term_months", "governing_court", "contract_type")  # fmt: skip


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def _got(lines: list[str]) -> dict:
    return {k: v.value for k, v in extract_contract(_text_doc(lines)).items.items()}


PERSON_A = (
    "Ali Yıldız (T.C. Kimlik No 10000000146; adresi Cumhuriyet Mah. Gül Sk. No: 4 Çankaya / Ankara)"
)
PERSON_B = "Zehra Doğan (TCKN 12345678950, adres: Atatürk Mah. Çam Cad. No: 7 Kadıköy / İstanbul)"


@pytest.mark.parametrize(
    "mark_a, mark_b",
    [
        (
            "(bundan böyle KİRAYA VEREN olarak anılacaktır)",
            "(bundan sonra KİRACI olarak anılacaktır)",
        ),
        ("— Kiraya Veren sıfatıyla —", "— Kiracı sıfatıyla —"),
        ("(“Kiraya Veren”)", "Kiracı sıfatıyla"),
    ],
)
def test_roles_designated_without_quotes(mark_a: str, mark_b: str) -> None:
    got = _got([
        "KONUT KİRA SÖZLEŞMESİ",
        "MADDE 1 – TARAFLAR",
        f"Taraflardan {PERSON_A} {mark_a} bir taraf, {PERSON_B} {mark_b} diğer taraf olarak "
        "aşağıdaki hususlarda anlaşmışlardır.",
        "MADDE 2 – BEDEL",
        "Aylık kira bedeli 20.000,00 TL olarak belirlenmiştir.",
    ])  # fmt: skip
    assert got["parties.0.role"] == "kiraya veren" and got["parties.1.role"] == "kiracı"
    assert got["parties.0.name"] == "Ali Yıldız" and got["parties.1.name"] == "Zehra Doğan"
    assert got["parties.0.tckn"] == "10000000146" and got["parties.1.tckn"] == "12345678950"
    assert got["parties.1.address"] == "Atatürk Mah. Çam Cad. No: 7 Kadıköy / İstanbul"


@pytest.mark.parametrize("joiner", [", adına", " adına", " (şirketi temsile yetkili"])
def test_representatives_after_adina_and_ile(joiner: str) -> None:
    close = ")" if "(" in joiner else ""
    company = (
        "Deniz Yazılım A.Ş. (Kozyatağı Vergi Dairesi, VKN 1234567890; merkezi Fatih Mah. "
        f"Ak Sk. No: 3 Ataşehir / İstanbul){joiner} Genel Müdür Can Ak (TCKN 10000000146) ile "
        f"Satış Müdürü Ece Su{close}"
    )
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "1. TARAFLAR",
        f"{company} (“Hizmet Veren”) ile {PERSON_B} (“Hizmet Alan”) arasında imzalanmıştır.",
    ])  # fmt: skip
    assert got["parties.0.name"] == "Deniz Yazılım A.Ş."
    assert got["parties.0.tax_office"] == "Kozyatağı"
    assert got["parties.0.representatives.0.name"] == "Can Ak"
    assert got["parties.0.representatives.0.title"] == "Genel Müdür"
    assert got["parties.0.representatives.0.tckn"] == "10000000146"
    assert got["parties.0.representatives.1.name"] == "Ece Su"
    assert got["parties.0.representatives.1.title"] == "Satış Müdürü"


def test_a_capitalised_yetkili_after_adina_is_the_title() -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "1. TARAFLAR",
        "Deniz Yazılım A.Ş. (Kozyatağı V.D. 1234567890), adına Yetkili Can Ak (“Hizmet Veren”) "
        f"ile {PERSON_B} (“Hizmet Alan”) arasında imzalanmıştır.",
    ])  # fmt: skip
    assert got["parties.0.representatives.0.title"] == "Yetkili"
    assert got["parties.0.representatives.0.name"] == "Can Ak"


@pytest.mark.parametrize(
    "line, place, signed",
    [
        ("Osmangazi, 18.10.2024", "Osmangazi", date(2024, 10, 18)),
        ("Kadıköy/İstanbul – 12 Mart 2025", "Kadıköy/İstanbul", date(2025, 3, 12)),
        ("Ankara, 2024-01-10", "Ankara", date(2024, 1, 10)),
        ("Bursa - on bir Temmuz iki bin yirmi beş", "Bursa", date(2025, 7, 11)),
    ],
)
def test_place_and_date_on_a_line_of_their_own(line: str, place: str, signed: date) -> None:
    body = [
        "GİZLİLİK SÖZLEŞMESİ",
        "1. Konu",
        "Taraflar paylaşılan bilgileri gizli tutar.",
        "2. Yetkili Mahkeme",
        "Uyuşmazlıklarda Ankara Mahkemeleri yetkilidir.",
    ]
    got = _got([*body, line, "AÇIKLAYAN TARAF BİLGİYİ ALAN", "İmza İmza"])
    assert got["place"] == place and got["contract_date"] == signed
    assert got["contract_type"] == "confidentiality"
    # a label and a date is no place; a line with more than a date is no signing line
    got = _got([*body, "Tarih - 12.03.2025"])
    assert "place" not in got
    got = _got([*body, "Ankara, 12.03.2025 tarihinde teslim edilecek belgeler"])
    assert "contract_date" not in got


def test_place_named_by_the_word_for_town_in_the_signing_sentence() -> None:
    got = _got([
        "VEKÂLET SÖZLEŞMESİ",
        "1. Son Hükümler",
        "9 maddeden ibaret işbu sözleşme 03/05/2025 tarihinde Seyhan ilçesinde taraflarca "
        "okunarak imza altına alınmıştır.",
    ])  # fmt: skip
    assert got["place"] == "Seyhan" and got["contract_date"] == date(2025, 5, 3)
    assert got["contract_type"] == "mandate"


def test_labelled_date_in_words_is_not_cut_by_its_window() -> None:
    got = _got([
        "TAŞINMAZ SATIŞ SÖZLEŞMESİ",
        "Tanzim yeri ve tarihi: Muratpaşa/Antalya – on bir Temmuz iki bin yirmi dört",
    ])  # fmt: skip
    assert got["contract_date"] == date(2024, 7, 11)
    assert got["contract_type"] == "sale"


@pytest.mark.parametrize(
    "sentence, months",
    [
        ("Sözleşme 1 (bir) yıl için yapılmış olup 22/02/2024 tarihinde yürürlüğe girecektir.", 12),
        (
            "Taraflar 01.03.2025 tarihinden itibaren yirmi dört (24) ay boyunca bu sözleşmeyle "
            "bağlıdır.",
            24,
        ),
        ("İşbu 1 (bir) yıllık sözleşme 1.9.2024 tarihinden geçerli olmak üzere imzalanmıştır.", 12),
        ("Kiracı 2 aylık kira bedelini depozito olarak öder.", None),
        ("Ödeme 3 ay boyunca yapılmazsa sözleşme feshedilir.", None),
        ("Bilgiyi alan, gizli bilgileri sözleşme bitiminden sonra 5 yıl boyunca saklar.", None),
    ],
)
def test_term_for_or_throughout_a_duration(sentence: str, months: int | None) -> None:
    got = _got(["SÖZLEŞME", "1. Süre", sentence])
    assert got.get("term_months") == months


def test_birth_after_a_surname_that_reads_like_a_verb() -> None:
    got = _got([
        "SATIŞ SÖZLEŞMESİ",
        "1. TARAFLAR",
        f"{PERSON_A} (“Satıcı”) ile Atatürk Mah. Çam Cad. No: 7 Kadıköy / İstanbul adresinde "
        "oturan Alper Doğan (Hollanda uyruklu, pasaport no KK9918279; doğum yeri ve tarihi "
        "İstanbul – 23.03.1971) — Alıcı sıfatıyla — arasında yapılmıştır.",
    ])  # fmt: skip
    assert got["parties.1.name"] == "Alper Doğan"
    assert got["parties.1.birth_date"] == date(1971, 3, 23)
    assert got["parties.1.birth_place"] == "İstanbul"


@pytest.mark.parametrize(
    "party",
    [
        "Deniz A.Ş. (19 Mayıs Vergi Dairesi, VKN 1234567890; merkezi Fatih Mah. Ak Sk. No: 3 "
        "Atakum / Samsun) (“Satıcı”)",
        "1.1. SATICI: Deniz A.Ş., 19 Mayıs Vergi Dairesi, VKN: 1234567890, Adres: Fatih Mah. "
        "Ak Sk. No: 3 Atakum / Samsun",
    ],
)
def test_tax_office_named_after_a_day(party: str) -> None:
    got = _got(["SATIŞ SÖZLEŞMESİ", "MADDE 1 – TARAFLAR", party,
                f"{PERSON_B} (“Alıcı”)"])  # fmt: skip
    assert got["parties.0.tax_office"] == "19 Mayıs"
    # a house number before an office is no day of it
    got = _got(["SATIŞ SÖZLEŞMESİ", "MADDE 1 – TARAFLAR",
                "Deniz A.Ş. (Fatih Mah. Ak Sk. No: 12 Kozyatağı Vergi Dairesi 1234567890) "
                f"(“Satıcı”) ile {PERSON_B} (“Alıcı”)"])  # fmt: skip
    assert got["parties.0.tax_office"] == "Kozyatağı"


def test_generator_kinds_map_to_schema_types() -> None:
    assert CONTRACT_TYPES["nda"] == "confidentiality"
    assert CONTRACT_TYPES["agency"] == "mandate"
    assert CONTRACT_TYPES["sale"] == "sale"
    assert CONTRACT_TYPES["residential_lease"] == "residential_lease"


def test_general_parts_print_what_the_truth_holds() -> None:
    """The wordings carry every value their fields hold (fresh seeds)."""
    rng = random.Random(FRESH)
    for index in range(len(GENERAL_KINDS) * 3):
        spec = general_spec(rng, index)
        when = lambda d: date_text(d, rng)  # noqa: E731
        prose = parties_prose(spec, rng, when)
        for p in spec.parties:
            assert p.name in prose and p.address in prose
            assert p.role_word in prose or tr_upper(p.role_word) in prose  # "“KİRACI”"
            assert (p.tckn or p.passport or p.vkn) in prose
        assert spec.court in court_sentence(spec, rng)
        assert spec.place in signing_text(spec, rng, "01.01.2025", 7)
        if spec.payment_day:
            day = pay_day_sentence(spec, rng) or ""
            assert str(spec.payment_day) in day or _ORD[spec.payment_day] in day
        if spec.kind.endswith("lease") or spec.kind.startswith("employment"):
            lines = labelled_term(spec, rng, lambda d: d.isoformat(), "1 yıl")
            assert spec.start_date.isoformat() in lines[0]
            if spec.end_date:
                assert spec.end_date.isoformat() in lines[-1]


def test_general_wordings_are_read_from_fresh_seeds(pipe: Pipeline, tmp_path: Path) -> None:
    """Two contracts of each ``general_a`` kind from fresh seeds: parties (in prose or
    items), guarantor, place and date of signing, pay day, term, court and type read at
    ≥ 99 %, and every contract reaches its expected status."""
    outcomes: Counter[str] = Counter()
    wrong = []
    for index in range(len(GENERAL_KINDS) * 2):
        seed = FRESH + 104729 * (index + 1)
        rng = random.Random(seed)
        spec = general_spec(rng, index)
        truth, result = _run_spec(pipe, spec, rng, tmp_path, f"wording-{index}")
        scored = score_fields(truth, result.record)
        for path, outcome in scored.items():
            if path.startswith(KEY):
                outcomes[outcome] += 1
                if outcome != "correct":
                    wrong.append((seed, spec.kind, path))
        assert result.status.value == truth.expect_status, (seed, spec.kind)
    assert outcomes["correct"] / sum(outcomes.values()) >= 0.99, wrong


@pytest.mark.parametrize(
    "renewal",
    [
        "Süre bitiminde taraflar aksini bildirmedikçe sözleşme kendiliğinden 1 (bir) yıl süreyle "
        "uzar.",
        "Sözleşme aynı koşullarla 12 ay süreyle yenilenir.",
        "Bildirim yapılmazsa sözleşme birer yıllık sürelerle uzatılmış sayılır.",
    ],
)
def test_a_renewal_duration_is_not_the_term(renewal: str) -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "1. Süre",
        "Sözleşme 01.03.2025 tarihinde başlar ve 28.02.2027 tarihinde sona erer.",
        renewal,
    ])  # fmt: skip
    assert got["term_months"] == 24


@pytest.mark.parametrize(
    "printed, value, currency, words",
    [
        ("25.000,00.-TL (YirmibeşbinTL)", "25000.00", "TRY", "YirmibeşbinTL"),
        ("25.000 ₺ (yirmi beş bin lira)", "25000", "TRY", "yirmi beş bin lira"),
        ("1.500,00 $ (bin beş yüz ABD Doları)", "1500.00", "USD", "bin beş yüz ABD Doları"),
    ],
)
def test_amount_marks_after_the_figures_keep_their_words(
    printed: str, value: str, currency: str, words: str
) -> None:
    from decimal import Decimal

    from docpipe.validate.contract import amount_words_check

    got = _got(["KONUT KİRA SÖZLEŞMESİ", "MADDE 3 – BEDEL",
                f"Aylık kira bedeli {printed} olarak belirlenmiştir."])  # fmt: skip
    assert got["amount"] == Decimal(value) and got["currency"] == currency
    assert got["amount_in_words"] == words
    record = {"amount": value, "amount_in_words": words}
    assert all(c.passed for c in amount_words_check(record))
    record["amount_in_words"] = words.replace("beş", "dört", 1).replace("Yirmibeş", "Yirmidört")
    assert not all(c.passed for c in amount_words_check(record))


@pytest.mark.parametrize(
    "sentence, forum",
    [
        ("İşbu sözleşmeden doğan bütün uyuşmazlıklar İstanbul Tahkim Merkezi (ISTAC) Tahkim "
         "Kuralları uyarınca tahkim yoluyla nihai olarak çözümlenecektir.",
         "İstanbul Tahkim Merkezi (ISTAC)"),
        ("Uyuşmazlıklar, İstanbul Ticaret Odası Tahkim ve Arabuluculuk Merkezi nezdinde tek "
         "hakem tarafından çözümlenecektir.",
         "İstanbul Ticaret Odası Tahkim ve Arabuluculuk Merkezi"),
        ("Bu sözleşmeden doğacak ihtilafların çözümünde Türkiye Odalar ve Borsalar Birliği "
         "Tahkim Divanı yetkilidir.", "Türkiye Odalar ve Borsalar Birliği Tahkim Divanı"),
        ("Taraflar, uyuşmazlıklarda İstanbul Tahkim Merkezi'nin yetkili olduğunu kabul eder.",
         "İstanbul Tahkim Merkezi"),
        # a court still reads as before
        ("Uyuşmazlıklarda Kadıköy Mahkemeleri ve İcra Daireleri yetkilidir.",
         "Kadıköy Mahkemeleri ve İcra Daireleri"),
    ],
)  # fmt: skip
def test_an_arbitral_institution_is_the_forum(sentence: str, forum: str) -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", "1. Uyuşmazlıkların Çözümü", sentence])
    assert got["governing_court"] == forum


@pytest.mark.parametrize(
    "when, signed",
    [
        ("2025 yılı Şubat ayının 15. günü", date(2025, 2, 15)),
        ("2024 yılının Mart ayının 3'üncü günü", date(2024, 3, 3)),
        ("2023 SENESİ ARALIK AYININ 20'NCİ GÜNÜ", date(2023, 12, 20)),
    ],
)
def test_the_day_of_a_month_of_a_year_is_a_date(when: str, signed: date) -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "1. Konu",
        "Taraflar paylaşılan bilgileri gizli tutar.",
        f"İşbu sözleşme {when} Ankara'da iki nüsha olarak imzalanmıştır.",
    ])  # fmt: skip
    assert got["contract_date"] == signed


@pytest.mark.parametrize(
    "line, job",
    [
        ("İşçi, satış temsilcisi olarak çalışacaktır.", "satış temsilcisi"),
        ("İşçi muhasebe uzmanı unvanıyla istihdam edilecektir.", "muhasebe uzmanı"),
        ("Personel Grafik Tasarımcı unvanıyla istihdam edilecektir.", "Grafik Tasarımcı"),
        ("Çalışan, işverene ait işyerinde depo sorumlusu olarak çalışacaktır.", "depo sorumlusu"),
        ("İşçi, Müşteri Temsilcisi pozisyonunda görev yapacaktır.", "Müşteri Temsilcisi"),
        ("İşçinin unvanı: elektrik teknisyeni", "elektrik teknisyeni"),
        ("İŞÇİNİN UNVANI : Proje Yöneticisi", "Proje Yöneticisi"),
    ],
)
def test_a_job_title_in_any_case_and_the_workers_unvan_label(line: str, job: str) -> None:
    got = _got(["BELİRSİZ SÜRELİ İŞ SÖZLEŞMESİ", "MADDE 2 - İŞİN TANIMI", line])
    assert got["job_title"] == job
    assert not any(k.endswith(".name") for k in got)  # "İşçinin unvanı" names no party


def test_a_manner_of_working_is_no_job_title() -> None:
    got = _got([
        "BELİRSİZ SÜRELİ İŞ SÖZLEŞMESİ",
        "MADDE 2 - İŞİN TANIMI",
        "İşçi, işverenin talimatlarına uygun olarak çalışır; tam zamanlı olarak görev yapar.",
    ])  # fmt: skip
    assert "job_title" not in got


@pytest.mark.parametrize(
    "sentence, subject",
    [
        ("İşbu sözleşmenin konusu, Hizmet Alan'a yazılım bakım ve destek hizmetlerinin "
         "sunulmasıdır.", "yazılım bakım ve destek hizmetleri"),
        ("İşbu sözleşmenin konusu, kurumsal web sitesi tasarımı ve bakımının Hizmet Veren "
         "tarafından verilmesidir.", "kurumsal web sitesi tasarımı ve bakımı"),
        ("Sözleşmenin konusu; Müşteri'ye sosyal medya yönetimi ve dijital pazarlamanın "
         "sağlanmasıdır.", "sosyal medya yönetimi ve dijital pazarlama"),
        ("İşbu sözleşmenin konusu, çeviri ve redaksiyon hizmetlerinin Yüklenici tarafından "
         "yerine getirilmesidir.", "çeviri ve redaksiyon hizmetleri"),
        # the bare form stays as printed
        ("İşbu sözleşmenin konusu, Hizmet Veren tarafından Hizmet Alan'a bilgi güvenliği "
         "danışmanlığı verilmesidir.", "bilgi güvenliği danışmanlığı"),
    ],
)  # fmt: skip
def test_a_service_in_the_genitive_is_read_in_the_nominative(sentence: str, subject: str) -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", "MADDE 1 - KONU", sentence])
    assert got["subject"] == subject


@pytest.mark.parametrize(
    "line, want",
    [
        ("İşçi, satış temsilcisi olarak işe alınmıştır.", ("job_title", "satış temsilcisi")),
        ("İşçinin görevi depo sorumlusu olup işveren başka işler de verebilir.",
         ("job_title", "depo sorumlusu")),
        ("Sözleşmenin konusu, Yüklenici'nin Müşteri'ye bina temizlik ve hijyen hizmetlerini "
         "sağlamasıdır.", ("subject", "bina temizlik ve hijyen hizmetleri")),
        ("Sözleşmenin konusu, Hizmet Veren'in sosyal medya yönetimi ve dijital pazarlamayı "
         "sunmasıdır.", ("subject", "sosyal medya yönetimi ve dijital pazarlama")),
        ("Uyuşmazlıklar İstanbul Tahkim Merkezi (“ISTAC”) Tahkim Kuralları uyarınca "
         "çözümlenir.", ("governing_court", "İstanbul Tahkim Merkezi (ISTAC)")),
    ],
)  # fmt: skip
def test_more_job_subject_and_forum_wordings(line: str, want: tuple[str, str]) -> None:
    kind = "İŞ SÖZLEŞMESİ" if want[0] == "job_title" else "HİZMET SÖZLEŞMESİ"
    got = _got([kind, "MADDE 2 - KONU", line])
    assert got[want[0]] == want[1]
