"""Wordings of published Turkish templates the reader missed: a "Vergi Dairesi / No" line
whose VKN ran into the next item's number and was read as a TCKN, a representative's name
that kept the sentence's full stop, an address after a bracket of identifiers, a labelled
property address that ran over the form's next lines, addresses in quotes or after
"merkezi", a company known by its legal form only, the subject as the predicate of
"konusu" or inside its scope, and the job as the "-lik" noun of its post. The sentences are
this file's own; the generator's forms (``general_templates``) are read from fresh seeds."""

from __future__ import annotations

import random

import pytest

from docpipe.extract.rules.contract import extract_contract
from docpipe.extract.rules.contract_subject import post_noun
from docpipe.text.turkish import normalise_for_compare
from samplegen.casing import tr_upper
from samplegen.contracts.general import general_spec
from samplegen.contracts.general_templates import (
    OFFICE_NOUNS,
    bracketed_party_line,
    named_after,
    numbered_party_lines,
    office_predicate,
    quoted_parties,
    subject_predicate,
)
from tests.conftest import fresh_seed
from tests.test_contracts import _text_doc

FRESH = fresh_seed(__name__)
VKN_A, VKN_B = "2914177760", "3170669073"


def _got(lines: list[str]) -> dict:
    return {k: v.value for k, v in extract_contract(_text_doc(lines)).items.items()}


def test_a_vkn_before_the_next_items_number_is_no_tckn() -> None:
    got = _got([
        "DANIŞMANLIK HİZMET SÖZLEŞMESİ",
        "Madde 1. Taraflar",
        "1.1 Hizmet Alan: Pera Otelcilik A.Ş.",
        "Adres: Tomtom Mah. İstiklal Cad. No: 44 Beyoğlu / İstanbul",
        f"Vergi Dairesi / No: Beyoğlu / {VKN_A}",
        "1.2 Hizmet Veren: Ankara Bilişim Ltd. Şti.",
        f"Vergi Dairesi / No: Çankaya / {VKN_B}",
    ])  # fmt: skip
    assert got["parties.0.vkn"] == VKN_A and "parties.0.tckn" not in got
    assert got["parties.0.kind"] == "company"
    assert got["parties.1.vkn"] == VKN_B
    # a person's TCKN line glued to the next item's number
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "MADDE 1 - TARAFLAR",
        "1.1 Hizmet Veren: ÖZGE ŞAHİN",
        "Adres: Küçükçamlıca Mah. Güvercin Caddesi No: 158 Daire: 7 Beşiktaş / İstanbul",
        "T.C. Kimlik No: 10000000146",
        "1.2 Hizmet Alan: Karadağlı Medikal Nakliyat Ticaret Ltd. Şti.",
        f"Vergi Dairesi / No: Odunpazarı / {VKN_B}",
    ])  # fmt: skip
    assert got["parties.0.tckn"] == "10000000146" and got["parties.0.kind"] == "person"


def test_a_representative_after_bracketed_identifiers_and_the_address() -> None:
    got = _got([
        "İŞ SÖZLEŞMESİ",
        "1. TARAFLAR",
        f"İşveren: Marmara Enerji Limited Şirketi (Vergi No: {VKN_A}, Mecidiyeköy V.D.), "
        "Esentepe Mah. Büyükdere Cad. No: 120 Şişli / İstanbul. Şirketi temsilen Müdür Ahmet Er.",
        "İşçi: Kemal Aydın, T.C. Kimlik No: 12345678950, Fatih Mah. Kale Sk. No: 5 Gebze / "
        "Kocaeli.",
        "2. ÜCRET",
        "Aylık brüt ücret 40.000 TL'dir.",
    ])  # fmt: skip
    assert got["parties.0.address"] == "Esentepe Mah. Büyükdere Cad. No: 120 Şişli / İstanbul"
    assert got["parties.0.representatives.0.name"] == "Ahmet Er"
    assert got["parties.0.representatives.0.title"] == "Müdür"
    assert got["parties.1.address"] == "Fatih Mah. Kale Sk. No: 5 Gebze / Kocaeli"


def test_a_labelled_property_address_ends_at_its_province() -> None:
    got = _got([
        "KİRA SÖZLEŞMESİ",
        "Kiralananın Adresi: Cumhuriyet Mah. Gül Sk. No: 4 Daire: 3 Çankaya / Ankara",
        "Kiraya Veren: Ali Yıldız (T.C. 10000000146), Moda Mah. Çam Cad. No: 7 Kadıköy / İstanbul",
        "Kira Başlangıç Tarihi: 01.03.2025",
        "Aylık Kira Bedeli: 25.000 TL",
    ])  # fmt: skip
    assert got["property_address"] == "Cumhuriyet Mah. Gül Sk. No: 4 Daire: 3 Çankaya / Ankara"
    assert got["parties.0.address"] == "Moda Mah. Çam Cad. No: 7 Kadıköy / İstanbul"


@pytest.mark.parametrize("merkezi", [False, True])
def test_addresses_in_quotes_or_after_merkezi(merkezi: bool) -> None:
    if merkezi:
        body = (
            "İşbu Sözleşme, merkezi Turgut Özal Bulvarı No: 4 Aydınlıkevler/Ankara adresinde "
            "bulunan Anka Danışmanlık A.Ş. (Bundan böyle Hizmet Veren olarak anılacaktır.) ile "
            "merkezi Moda Cad. No: 7 Kadıköy/İstanbul adresinde bulunan Ece Tekstil Ltd. Şti. "
            "(Bundan böyle Müşteri olarak anılacaktır.) arasında imzalanmıştır."
        )
    else:
        body = (
            "Bir tarafta; “Turgut Özal Bulvarı No: 4 Aydınlıkevler/Ankara” adresinde mukim Anka "
            "Danışmanlık A.Ş. (işbu sözleşmede kısaca “Yüklenici” olarak anılacaktır) ile, Diğer "
            "tarafta; “Moda Cad. No: 7 Kadıköy/İstanbul” adresinde mukim Ece Tekstil Ltd. Şti. "
            "(işbu sözleşmede kısaca “Müşteri” olarak anılacaktır) aşağıdaki koşullarda işbu "
            "sözleşmeyi imzalamışlardır."
        )
    got = _got(["HİZMET SÖZLEŞMESİ", "1. Taraflar", body, "2. Bedel", "Bedel 1.000 TL'dir."])
    assert got["parties.0.address"] == "Turgut Özal Bulvarı No: 4 Aydınlıkevler/Ankara"
    assert got["parties.1.address"] == "Moda Cad. No: 7 Kadıköy/İstanbul"
    # no VKN printed: the legal form alone makes each a company
    assert got["parties.0.kind"] == got["parties.1.kind"] == "company"


def test_roles_given_by_name_after_the_parties_sentence() -> None:
    got = _got([
        "KONUT KİRA SÖZLEŞMESİ",
        "MADDE 1 - TARAFLAR",
        "Bu sözleşme, Ilıcaboğazı Mah. Dere Sk. No: 3 Tepebaşı / ESKİŞEHİR adresinde ikamet eden "
        "10000000146 T.C. kimlik numaralı Hasan Çelik ile Yeni Mah. Okul Cad. No: 15/2 "
        "Odunpazarı / ESKİŞEHİR adresinde ikamet eden 12345678950 T.C. kimlik numaralı Elif "
        "Şahin arasında akdedilmiştir. Sözleşmede Hasan Çelik “Kiraya Veren”, Elif Şahin "
        "“Kiracı” olarak anılacaktır.",
        "MADDE 2 - BEDEL",
        "Aylık kira bedeli 18.500 TL'dir.",
    ])  # fmt: skip
    assert got["parties.0.tckn"] == "10000000146" and got["parties.1.tckn"] == "12345678950"
    assert got["parties.1.name"] == "Elif Şahin" and got["parties.1.role"] == "kiracı"
    assert got["parties.1.address"] == "Yeni Mah. Okul Cad. No: 15/2 Odunpazarı / ESKİŞEHİR"


@pytest.mark.parametrize(
    "sentence, subject",
    [
        ("Sözleşmenin konusu, otel yazılımının bakım ve destek hizmetleridir.",
         "otel yazılımının bakım ve destek hizmetleri"),
        ("İşbu Sözleşmenin konusunu, Hizmet Veren tarafından Müşteriye verilecek çeviri ve "
         "redaksiyon hizmetleri kapsamında tarafların hak ve yükümlülüklerinin belirlenmesi "
         "oluşturmaktadır.", "çeviri ve redaksiyon hizmetleri"),
    ],
)  # fmt: skip
def test_the_subject_as_predicate_or_in_its_scope(sentence: str, subject: str) -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", "Madde 1 – Konu", sentence, "Madde 2 – Bedel",
                "Hizmet bedeli aylık 30.000 TL + KDV'dir."])  # fmt: skip
    assert got["subject"] == subject


@pytest.mark.parametrize(
    "noun, post",
    [("satış temsilciliği", "satış temsilcisi"), ("Muhasebe Uzmanlığı", "Muhasebe Uzmanı"),
     ("depo sorumluluğu", "depo sorumlusu"), ("elektrik teknisyenliği", "elektrik teknisyeni"),
     ("Satış Temsilcisi", "Satış Temsilcisi"), ("bilgi", "bilgi")],
)  # fmt: skip
def test_post_noun(noun: str, post: str) -> None:
    assert post_noun(noun) == post


def test_the_job_as_the_noun_of_its_post() -> None:
    got = _got(["İŞ SÖZLEŞMESİ", "Madde 2 - İşin Tanımı", "İşçinin görevi satış temsilciliğidir.",
                "Madde 3 - Ücret", "Aylık brüt ücret 40.000 TL'dir."])  # fmt: skip
    assert got["job_title"] == "satış temsilcisi"


def _specs(kinds: tuple[str, ...], count: int) -> list:
    out = []
    for index in range(400):
        spec = general_spec(random.Random(f"{FRESH}/{index}"), index)
        if spec.kind in kinds and spec.layout != "matbu":
            out.append(spec)
        if len(out) >= count:
            break
    return out


def _check_parties(got: dict, spec, where: str) -> None:
    for k, p in enumerate(spec.parties):
        at = f"{where} party {k}"
        assert got.get(f"parties.{k}.name") == p.name, at
        assert got.get(f"parties.{k}.address") == p.address, at
        assert got.get(f"parties.{k}.kind") == ("person" if p.person else "company"), at
        key, value = (
            ("passport_no", p.passport) if p.passport else ("tckn", p.tckn)
            if p.person else ("vkn", p.vkn)
        )  # fmt: skip
        assert got.get(f"parties.{k}.{key}") == value, at
        if p.birth_date:
            assert got.get(f"parties.{k}.birth_date") == p.birth_date, at
        if p.sgk_no:
            assert got.get(f"parties.{k}.sgk_no") == p.sgk_no, at
        for r, rep in enumerate(p.representatives):
            assert got.get(f"parties.{k}.representatives.{r}.name") == rep.name, at


def test_generator_template_party_forms_from_fresh_seeds() -> None:
    """``quoted_parties``, ``numbered_party_lines`` and ``bracketed_party_line`` over fresh
    specs: every party's name, identifier, address and representatives are read back."""
    rng = random.Random(FRESH)
    kinds = ("service", "employment_fixed", "employment_indefinite")
    for n, spec in enumerate(_specs(kinds, 12)):
        form = n % 3
        if form == 0:
            body = [quoted_parties(spec, rng)]
            if n % 2 and not any(p.representatives for p in spec.parties):
                body = [named_after(spec, rng)]
        elif form == 1:
            body = [line for k, p in enumerate(spec.parties)
                    for line in numbered_party_lines(p, k, rng)]  # fmt: skip
        else:
            body = [bracketed_party_line(p, rng) for p in spec.parties]
        got = _got([tr_upper(spec.title), "1. TARAFLAR", *body, "2. BEDEL", "Bedel 10 TL'dir."])
        _check_parties(got, spec, f"seed {FRESH} form {form} spec {n}")


def test_generator_subject_and_office_from_fresh_seeds() -> None:
    rng = random.Random(FRESH)
    for n, spec in enumerate(_specs(("service",), 6)):
        got = _got([tr_upper(spec.title), "Madde 1 – Konu", subject_predicate(spec, rng)])
        assert got.get("subject") == spec.subject, f"seed {FRESH} spec {n}"
    for job in OFFICE_NOUNS:
        spec = _specs(("employment_fixed", "employment_indefinite"), 1)[0]
        spec = spec.__class__(**{**spec.__dict__, "subject": job})
        got = _got(["İŞ SÖZLEŞMESİ", "Madde 2 – İşin Tanımı", office_predicate(spec, rng)])
        assert normalise_for_compare(got["job_title"]) == normalise_for_compare(job), job


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Bir aylık kira bedeli 72.500.-TL / YETMİŞİKİBİNBEŞYÜZ TÜRK LİRASI",
         "YETMİŞİKİBİNBEŞYÜZ TÜRK LİRASI"),
        ("Aylık kira bedeli rakamla 2.150,00 TL, yazıyla İkibinyüzelli TL, yıllık kira bedeli "
         "25.800,00 TL olarak belirlenmiştir.", "İkibinyüzelli TL"),
    ],
)  # fmt: skip
def test_amount_words_in_capitals_after_a_slash_or_before_a_comma(
    sentence: str, words: str
) -> None:
    got = _got(["KİRA SÖZLEŞMESİ", "Madde 1 – Bedel", sentence])
    assert got["amount_in_words"] == words
