"""Contract wordings modelled on the structure of published templates (issue 13): party
headings lettered or in the genitive over label lines, the employer's SGK workplace number
apart from the worker's SGK sicil no, an NDA's "İsim/Unvan" block under a "Tarih:" line,
"(bu sözleşmede kısaca “İŞVEREN” olarak anılacaktır.)", "… bir (1) yıllık olup", a pay day
printed as a rule ("her ayın son iş günü"), "… ihtilaf halinde … yetkilidir"; and the
generator's line breaks (``samplegen.contracts.render``)."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from docpipe.evaluate import score_fields
from docpipe.extract.rules.contract import extract_contract
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.contracts.compose import Para, Title
from samplegen.contracts.general import general_spec
from samplegen.contracts.general_forms import party_lines
from samplegen.contracts.general_real import (
    PAY_RULES,
    bir_tarafta,
    court_halinde,
    dative,
    genitive,
    nda_lines,
    pay_rule_sentence,
    role_designation,
    role_line,
    term_olup,
)
from samplegen.contracts.render import render_contract
from tests.conftest import fresh_seed
from tests.test_contracts import _run_spec, _text_doc

FRESH = fresh_seed(__name__)
EMPLOYER = (
    "Deniz Yazılım Anonim Şirketi",
    "Cumhuriyet Mah. Gül Sk. No: 4 Çankaya / Ankara",
)
WORKER = ("Ali Yıldız", "10000000146", "Atatürk Mah. Çam Cad. No: 7 Kadıköy / İstanbul")


def _got(lines: list[str]) -> dict:
    return {k: v.value for k, v in extract_contract(_text_doc(lines)).items.items()}


def _employment(head_a: str, head_b: str) -> list[str]:
    return [
        "BELİRSİZ SÜRELİ İŞ SÖZLEŞMESİ",
        "MADDE 1 - TARAFLAR",
        head_a,
        f"Unvanı: {EMPLOYER[0]}",
        f"Adresi: {EMPLOYER[1]}",
        "SGK İşyeri Sicil No: 2 1234 01 01 1234567 034 12 34 000",
        "Vergi Dairesi / No: Çankaya / 1234567890",
        head_b,
        f"Adı Soyadı: {WORKER[0]}",
        f"T.C. Kimlik No: {WORKER[1]}",
        "SGK Sicil No: 12345678901234",
        f"Adresi: {WORKER[2]}",
        "MADDE 2 - ÜCRET",
        "İşçiye aylık brüt 45.000,00 TL ücret ödenir.",
    ]


@pytest.mark.parametrize(
    "head_a, head_b",
    [
        ("A) İŞVEREN", "B) İŞÇİ"),
        ("a) İşveren:", "b) İşçi:"),
        ("(A) İŞVEREN", "(B) İŞÇİ"),
        ("I- İŞVERENİN", "II- İŞÇİNİN"),
        ("İŞVERENİN BİLGİLERİ", "İŞÇİNİN KİMLİK BİLGİLERİ"),
    ],
)
def test_party_headings_lettered_or_genitive(head_a: str, head_b: str) -> None:
    got = _got(_employment(head_a, head_b))
    assert got["parties.0.role"] == "işveren" and got["parties.1.role"] == "işçi"
    assert got["parties.0.name"] == EMPLOYER[0] and got["parties.1.name"] == WORKER[0]
    assert got["parties.1.tckn"] == WORKER[1] and got["parties.0.vkn"] == "1234567890"
    # the employer's workplace registration is not a person's insurance number
    assert got["parties.0.sgk_workplace_no"] == "21234010112345670341234000"
    assert "parties.0.sgk_no" not in got
    assert got["parties.1.sgk_no"] == "12345678901234"


def test_sgk_number_ends_with_its_line() -> None:
    """The next item's number ("3- …") is no digit of the SGK number above it."""
    got = _got([
        "İŞ SÖZLEŞMESİ",
        "1- TARAFLAR",
        f"Bir tarafta {EMPLOYER[0]} (bu sözleşmede kısaca “İŞVEREN” olarak anılacaktır.) "
        f"diğer tarafta {WORKER[0]} (bu sözleşmede kısaca “İŞÇİ” olarak anılacaktır.) "
        "aralarında aşağıdaki koşullarda anlaşmışlardır.",
        "2- İŞÇİNİN KİMLİK BİLGİLERİ",
        f"T.C. Kimlik No: {WORKER[1]}",
        "SGK Sicil No: 12345678901234",
        "3- İŞVERENİN BİLGİLERİ",
        "SGK İşyeri Sicil No: 2 1234 01 01 1234567 034 12 34 000",
        "4- ÜCRET",
        "İşçiye aylık brüt 45.000,00 TL ücret ödenir.",
    ])  # fmt: skip
    # named in the prose; the labelled lines below add the numbers to the same roles
    assert got["parties.0.name"] == EMPLOYER[0] and got["parties.1.name"] == WORKER[0]
    assert got["parties.1.sgk_no"] == "12345678901234"
    assert got["parties.1.tckn"] == WORKER[1]
    assert got["parties.0.sgk_workplace_no"] == "21234010112345670341234000"
    assert not any(k.endswith("sgk_no") and k.startswith("parties.0") for k in got)


def test_sgk_workplace_number_wrapped_onto_the_next_line() -> None:
    got = _got([
        "İŞ SÖZLEŞMESİ",
        "MADDE 1 — TARAFLAR",
        "ŞİRKET: Öncü Isıtma Ltd. Şti., Vergi Dairesi / No:",
        "Çankaya / 8038326041, SGK İşyeri Sicil No: 2 3200 01 01",
        "4090917 071 35 49 000, Adresi: Şirinevler Mahallesi Kavaklı Sk. No: 93/29 Merkezefendi / "
        "Denizli",
        "(bundan sonra “Şirket” olarak anılacaktır).",
        f"İŞÇİ: {WORKER[0]}, TCKN {WORKER[1]}",
        "MADDE 2 - ÜCRET",
        "Aylık brüt ücret 40.000,00 TL.",
    ])  # fmt: skip
    assert got["parties.0.sgk_workplace_no"] == "23200010140909170713549000"


def test_sgk_workplace_number_in_prose() -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        f"{EMPLOYER[0]} (SGK işyeri sicil no 2 1234 01 01 1234567 034 12 34 000, VKN "
        "1234567890; merkezi Cumhuriyet Mah. Gül Sk. No: 4 Çankaya / Ankara) (“Hizmet Alan”) ile "
        f"{WORKER[0]} (T.C. Kimlik No {WORKER[1]}, SGK sicil no 12345678901234; adresi "
        f"{WORKER[2]}) (“Hizmet Veren”) arasında aşağıdaki koşullarla işbu sözleşme yapılmıştır.",
        "MADDE 2 - BEDEL",
        "Hizmet bedeli aylık 30.000,00 TL olarak belirlenmiştir.",
    ])  # fmt: skip
    assert got["parties.0.sgk_workplace_no"] == "21234010112345670341234000"
    assert "parties.0.sgk_no" not in got
    assert got["parties.1.sgk_no"] == "12345678901234"


@pytest.mark.parametrize(
    "sentence, rule",
    [
        ("Ücret her ayın son iş günü işçinin banka hesabına yatırılır.", "last_business_day"),
        ("Kira bedeli her ayın son günü peşin olarak ödenir.", "last_day"),
        ("Ücret her ay sonunda işçinin hesabına yatırılır.", "last_day"),
        ("Aylık ödemeler her ayın ilk iş gününde yapılır.", "first_business_day"),
    ],
)
def test_pay_day_as_a_rule(sentence: str, rule: str) -> None:
    got = _got(["İŞ SÖZLEŞMESİ", "MADDE 3 - ÜCRET",
                "İşçiye aylık brüt 45.000,00 TL ücret ödenir.", sentence])  # fmt: skip
    assert got["payment_day_rule"] == rule
    assert "payment_day" not in got


def test_a_day_number_beside_a_rule_is_the_pay_day() -> None:
    got = _got(["KİRA SÖZLEŞMESİ", "MADDE 3 - BEDEL", "Aylık kira bedeli 20.000,00 TL'dir.",
                "Kira bedeli her ayın 5'ine kadar ödenir, son günü geçen ödemeler gecikmiş "
                "sayılır."])  # fmt: skip
    assert got["payment_day"] == 5 and "payment_day_rule" not in got


def test_term_as_an_adjective_before_olup() -> None:
    got = _got([
        "KİRA SÖZLEŞMESİ",
        "Kiraya Veren: Ali Yıldız",
        "Kiracı: Zehra Doğan",
        "ÖZEL ŞARTLAR",
        "1. Kira sözleşmesi bir (1) yıllık olup, sözleşmenin sona ermesinden en az 30 (otuz) gün "
        "evvel yazılı olarak fesih ihbarında bulunulmadığı takdirde sözleşme 1 yıl süreyle "
        "yenilenmiş kabul edilir.",
        "2. Sözleşme koşullarına uyulmaması veya ihtilaf halinde İstanbul (Çağlayan) Mahkemeleri "
        "ve İcra Daireleri yetkilidir.",
    ])  # fmt: skip
    assert got["term_months"] == 12
    assert got["governing_court"] == "İstanbul (Çağlayan) Mahkemeleri ve İcra Daireleri"


def test_nda_label_block_under_a_dated_title() -> None:
    got = _got([
        "GİZLİLİK SÖZLEŞMESİ",
        "Tarih: 03.02.2025",
        "Açıklayan Taraf:",
        f"İsim/Unvan: {EMPLOYER[0]}",
        f"Adres: {EMPLOYER[1]}",
        "Vergi No/TC: 1234567890",
        "Bilgiyi Alan:",
        f"İsim/Unvan: {WORKER[0]}",
        f"Adres: {WORKER[2]}",
        f"Vergi No/TC: {WORKER[1]}",
        "1. SÜRE",
        "İşbu sözleşme iki (2) yıl süreyle yürürlükte kalır.",
        "İşbu sözleşme iki nüsha olarak Ankara'da imzalanmıştır.",
    ])  # fmt: skip
    assert str(got["contract_date"]) == "2025-02-03"
    assert got["parties.0.name"] == EMPLOYER[0] and got["parties.0.vkn"] == "1234567890"
    assert got["parties.1.name"] == WORKER[0] and got["parties.1.tckn"] == WORKER[1]
    assert got["parties.1.address"] == WORKER[2]
    assert got["term_months"] == 24
    assert got["place"] == "Ankara"  # from the closing that names no date


@pytest.mark.parametrize(
    "lines",
    [
        [
            "MÜŞTEREK BORÇLU MÜTESELSİL KEFİL",
            "Adı Soyadı: Hasan Kaya",
            "T.C. Kimlik No: 10000000146",
            f"Adresi: {WORKER[2]}",
            "Kefalet tutarı: 240.000,00 TL",
        ],
        [
            "Kiracının bu sözleşmeden doğan borçlarına 240.000,00 TL'ye kadar Hasan Kaya (T.C. "
            f"Kimlik No: 10000000146, adresi {WORKER[2]}) müteselsil kefildir."
        ],
    ],
)
def test_guarantor_block_and_maximum_amount(lines: list[str]) -> None:
    """A guarantor under its heading's label lines, or with the maximum the law requires:
    the label is no name, the next label no part of the address, the maximum no price."""
    got = _got(["KİRA SÖZLEŞMESİ", "Kiraya Veren: Ali Yıldız", "Kiracı: Zehra Doğan",
                "MADDE 2 - BEDEL", "Aylık kira bedeli 20.000,00 TL'dir.", "MADDE 9 - KEFALET",
                *lines])  # fmt: skip
    assert got["guarantors.0.name"] == "Hasan Kaya"
    assert got["guarantors.0.tckn"] == "10000000146"
    assert got["guarantors.0.address"] == WORKER[2]
    assert str(got["amount"]) == "20000.00"


@pytest.mark.parametrize(
    "sentence, day",
    [
        ("Kira bedeli her ayın beşine kadar ödenir.", 5),
        ("Kira bedeli her ayın yedisine kadar ödenir.", 7),
        ("Ücret her ayın onunda yatırılır.", 10),
        ("Kira bedeli her ayın on beşine kadar ödenir.", 15),
    ],
)
def test_a_spelled_pay_day_with_its_case_ending(sentence: str, day: int) -> None:
    got = _got(["KİRA SÖZLEŞMESİ", "MADDE 1 - BEDEL", "Aylık kira bedeli 20.000,00 TL.", sentence])
    assert got["payment_day"] == day


@pytest.mark.parametrize(
    "sentence, months",
    [
        ("İşbu sözleşme 01.03.2025 tarihinden itibaren 6 (altı) ay süre için akdedilmiştir.", 6),
        ("Kiracı, kiralananı 01.03.2025 tarihinde teslim almış olup kira süresi bu tarihten "
         "itibaren 1 yıldır.", 12),
    ],
)  # fmt: skip
def test_term_wordings_of_templates(sentence: str, months: int) -> None:
    got = _got(["KİRA SÖZLEŞMESİ", "Kiraya Veren: Ali Yıldız", "Kiracı: Zehra Doğan",
                "MADDE 2 - SÜRE", sentence])  # fmt: skip
    assert got["term_months"] == months


def test_service_subject_and_property_named_by_their_verbs() -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", "Hizmet Alan: Deniz Yazılım A.Ş.", "Hizmet Veren: Ali Yıldız",
                "MADDE 2 - KONU", "İşbu sözleşmenin konusu, Hizmet Veren tarafından Hizmet Alan'a "
                "bilgi güvenliği danışmanlığı sunulmasıdır.", "MADDE 3 - BEDEL",
                "Hizmet bedeli 10.000,00 TL'dir."])  # fmt: skip
    assert got["subject"] == "bilgi güvenliği danışmanlığı"
    got = _got(["KİRA SÖZLEŞMESİ", "Kiraya Veren: Ali Yıldız", "Kiracı: Zehra Doğan",
                "MADDE 2 - KİRALANAN", "Kiraya Veren, mülkiyeti kendisine ait Moda Mah. Şair Nefi "
                "Sk. No: 12 Daire: 4 Kadıköy / İstanbul adresinde bulunan taşınmazı Kiracı'ya "
                "kiralamıştır.", "MADDE 3 - BEDEL", "Aylık kira 20.000,00 TL'dir."])  # fmt: skip
    assert got["property_address"] == "Moda Mah. Şair Nefi Sk. No: 12 Daire: 4 Kadıköy / İstanbul"


@pytest.mark.parametrize(
    "lead, join",
    [
        ("adına", "ve"),
        ("şirketi temsile yetkili", "ile"),
        ("adına ve hesabına yetkili", "ile"),
    ],
)
def test_representatives_after_the_role_mark(lead: str, join: str) -> None:
    """ "X A.Ş. (“Hizmet Alan”) adına Başkan Y ve Müdür Z ile W (“Hizmet Veren”) …": the
    people after the mark are the company's, the party after "ile" is the next one."""
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "MADDE 1 - TARAFLAR",
        f"{EMPLOYER[0]} (bu sözleşmede kısaca “HİZMET ALAN” olarak anılacaktır.) {lead} Yönetim "
        f"Kurulu Başkanı Ayşe Kara (T.C. Kimlik No 10000000146) {join} Genel Müdür Mehmet Can "
        f"ile {WORKER[0]} (TCKN 12345678950; adresi {WORKER[2]}) (“Hizmet Veren”) arasında "
        "aşağıdaki koşullarla işbu sözleşme yapılmıştır.",
        "MADDE 2 - BEDEL",
        "Hizmet bedeli 10.000,00 TL'dir.",
    ])  # fmt: skip
    assert got["parties.0.name"] == EMPLOYER[0]
    reps = [(got.get(f"parties.0.representatives.{k}.title"),
             got.get(f"parties.0.representatives.{k}.name")) for k in range(2)]  # fmt: skip
    assert reps == [("Yönetim Kurulu Başkanı", "Ayşe Kara"), ("Genel Müdür", "Mehmet Can")]
    assert got["parties.0.representatives.0.tckn"] == "10000000146"
    assert got["parties.1.name"] == WORKER[0] and got["parties.1.tckn"] == "12345678950"
    assert got["parties.1.address"] == WORKER[2]


@pytest.mark.parametrize(
    "printed, words",
    [
        ("rakamla 20.000 TL yazıyla yirmi bin Türk Lirasıdır.", "yirmi bin Türk Lirası"),
        ("rakamla 20.000,00 TL, yazıyla Yirmibin Türk Lirası + KDV olarak belirlenmiştir.",
         "Yirmibin Türk Lirası"),
        ("#20.000,00-TL# (#Yirmibin Türk Lirası#) olarak belirlenmiştir.", "Yirmibin Türk Lirası"),
        ("20.000,00-TL (yirmibin) olarak belirlenmiştir.", "yirmibin"),
    ],
)  # fmt: skip
def test_amount_words_of_stationery_forms(printed: str, words: str) -> None:
    got = _got(["KİRA SÖZLEŞMESİ", "Kiraya Veren: Ali Yıldız", "Kiracı: Zehra Doğan",
                "MADDE 2 - BEDEL", f"Aylık kira bedeli {printed}"])  # fmt: skip
    assert str(got["amount"]).startswith("20000") and got["amount_in_words"] == words


@pytest.mark.parametrize(
    "nxt",
    [
        f"ve {WORKER[2]} adresinde oturan {WORKER[0]} (TCKN 12345678950)",
        f"ile {WORKER[0]} (TCKN 12345678950; adresi {WORKER[2]})",
        f", diğer tarafta ise {WORKER[0]} (TCKN 12345678950; adresi {WORKER[2]})",
        f"ve TC kimlik numarası 12345678950 olan ve {WORKER[2]} adresinde ikamet eden {WORKER[0]}",
    ],
)
def test_representatives_joined_by_ile_before_the_next_party(nxt: str) -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "MADDE 1 - TARAFLAR",
        f"{EMPLOYER[0]} (“Hizmet Alan”) adına Finans Direktörü Ayşe Kara (T.C. Kimlik No "
        f"10000000146) ile Şirket Müdürü Mehmet Can {nxt} (“Hizmet Veren”) arasında "
        "imzalanmıştır.",
        "MADDE 2 - BEDEL",
        "Hizmet bedeli 10.000,00 TL'dir.",
    ])  # fmt: skip
    assert got["parties.0.representatives.1.name"] == "Mehmet Can"
    assert got["parties.0.representatives.1.title"] == "Şirket Müdürü"
    assert got["parties.1.name"] == WORKER[0] and got["parties.1.tckn"] == "12345678950"
    assert got["parties.1.address"] == WORKER[2]


def test_a_role_label_with_the_party_in_prose() -> None:
    """The issue's "… T.C. kimlik numaralı … adresinde mukim …" after a role label."""
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        f"HİZMET ALAN: Kadıköy Vergi Dairesi'nin 1234567890 vergi numaralı mükellefi, "
        f"{EMPLOYER[1]} adresinde faaliyet gösteren {EMPLOYER[0]}",
        f"HİZMET VEREN: {WORKER[1]} T.C. kimlik numaralı, {WORKER[2]} adresinde mukim {WORKER[0]}",
        "MADDE 2 - BEDEL",
        "Hizmet bedeli 10.000,00 TL'dir.",
    ])  # fmt: skip
    assert got["parties.0.name"] == EMPLOYER[0] and got["parties.0.vkn"] == "1234567890"
    assert got["parties.0.tax_office"] == "Kadıköy" and got["parties.0.address"] == EMPLOYER[1]
    assert got["parties.1.name"] == WORKER[0] and got["parties.1.tckn"] == WORKER[1]
    assert got["parties.1.address"] == WORKER[2]


def test_genitive() -> None:
    assert [genitive(w) for w in ("İşveren", "İşçi", "Mal Sahibi", "Kiracı", "Çalışan")] == [
        "İşverenin", "İşçinin", "Mal Sahibinin", "Kiracının", "Çalışanın"]  # fmt: skip
    assert genitive("İŞÇİ") == "İŞÇİNİN" and genitive("HİZMET ALAN") == "HİZMET ALANIN"
    assert [dative(w) for w in ("Hizmet Alan", "Kiracı", "Müşteri", "İşveren")] == [
        "Hizmet Alan'a", "Kiracı'ya", "Müşteri'ye", "İşveren'e"]  # fmt: skip


def test_template_wordings_are_read_from_fresh_seeds() -> None:
    """Employment, service and NDA contracts from fresh seeds put together from the
    template wordings (as text lines): every printed value is read."""
    wrong = []
    for index in range(24):
        seed = FRESH + 7919 * (index + 1)
        rng = random.Random(seed)
        kind_index = (2, 6, 7, 1)[index % 4]  # employment_fixed/indefinite, service, nda
        spec = general_spec(rng, kind_index)
        lines = [spec.title]
        if spec.kind == "nda":
            lines.append("Tarih: 03.02.2025")
            for p in spec.parties:
                lines += nda_lines(p, rng)
        elif index % 8 < 4:
            for number, p in enumerate(spec.parties):
                block = party_lines(p, rng)
                block[0] = role_line(p, rng, number)
                lines += block
        else:
            first, second = (
                f"{p.name} (adresi {p.address}) {role_designation(p, rng)}" for p in spec.parties
            )
            lines.append(bir_tarafta(first, second, rng))
        lines.append("MADDE 2 - SÜRE VE BEDEL")
        if spec.term_months:
            dur = f"{spec.term_months} ay"
            lines.append(term_olup(spec, rng, spec.start_date.strftime("%d.%m.%Y"), dur))
        rule = rng.choice(sorted(PAY_RULES))
        if spec.kind != "nda":
            lines.append(f"Aylık ücret {spec.amount:,.2f} TL olarak belirlenmiştir.")
            lines.append(pay_rule_sentence(spec, rule, rng))
        lines.append("MADDE 3 - YETKİLİ MAHKEME")
        lines.append(court_halinde(spec, rng))
        got = _got(lines)
        want = {"governing_court": spec.court}
        for i, p in enumerate(spec.parties):
            want[f"parties.{i}.name"] = p.name
            want[f"parties.{i}.address"] = p.address
        if spec.term_months:
            want["term_months"] = spec.term_months
            want["start_date"] = spec.start_date
        if spec.kind != "nda":
            want["payment_day_rule"] = rule
        else:
            want["contract_date"] = "2025-02-03"
        for path, value in want.items():
            if str(got.get(path)) != str(value):
                wrong.append((seed, spec.kind, path, got.get(path), value))
    assert not wrong, wrong


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def test_general_contracts_with_template_wordings_from_fresh_seeds(
    pipe: Pipeline, tmp_path: Path
) -> None:
    """``general_a`` contracts drawn from fresh seeds until some print the workplace number
    or a pay rule: those fields (where printed, the truth lists them) are read, and every
    contract reaches its expected status."""
    wrong, seen = [], 0
    for index in range(40):
        seed = FRESH + 15485863 * (index + 1)
        rng = random.Random(seed)
        spec = general_spec(rng, (2, 6)[index % 2])  # employment: workplace number, pay day
        if spec.payment_rule is None and spec.parties[0].sgk is None:
            continue
        truth, result = _run_spec(pipe, spec, rng, tmp_path, f"template-{index}")
        scored = score_fields(truth, result.record)
        keys = [p for p in scored if p.endswith(("sgk_workplace_no", "payment_day_rule", "sgk_no"))]
        seen += len(keys)
        wrong += [(seed, p, scored[p]) for p in keys if scored[p] != "correct"]
        assert result.status.value == truth.expect_status, seed
        if seen >= 4:
            break
    assert seen, "no contract drawn printed an SGK number or a pay rule"
    assert not wrong, wrong


def test_a_line_break_starts_a_new_printed_line() -> None:
    """A paragraph with a line break prints two lines, and the next block below them."""
    blocks = [
        Title("SÖZLEŞME"),
        Para("Düzenleme Tarihi: 01.02.2025\nDüzenleme Yeri: Ankara"),
        Para("Sonraki paragraf"),
    ]
    pdf, _ = render_contract(blocks, random.Random(FRESH), title="SÖZLEŞME",
                             when=__import__("datetime").date(2025, 2, 1))  # fmt: skip
    with pymupdf.open(stream=pdf) as doc:
        words = doc[0].get_text("words")
    top = {w[4]: w[1] for w in words}
    assert top["Tarihi:"] < top["Yeri:"] < top["Sonraki"]
    assert top["Yeri:"] - top["Tarihi:"] > 5 and top["Sonraki"] - top["Yeri:"] > 5
