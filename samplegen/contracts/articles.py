"""Contracts written the way public Turkish templates write them: numbered articles
("MADDE 1 – TARAFLAR" with "1.1." / "1.2." party items, or each party as a label/value
table), "… tarihinde başlayıp … tarihinde sona erecektir", "Aylık kira bedeli: …",
"her ayın en geç 5. günü", a guarantor's handwritten-style statement ("Ben …, … TL'ye
kadar müteselsilen kefilim"), figures followed by glued words ("15.000,00 TL
(OnbeşbinTürkLirası)") or "20.000-TL".

The wordings were written after reading public kira, iş, hizmet and kefalet templates
(law-firm and registry pages; no text copied). Like ``samplegen.contracts.prose`` every
slot has two pools: ``"a"`` (style ``article_a``, tuning) and ``"b"`` (style
``article_b``, held out: the rules are never tuned on it).
"""

from __future__ import annotations

import random

from samplegen.casing import tr_upper
from samplegen.contracts.compose import (
    EXTRA_TEXT,
    Block,
    Para,
    Signatures,
    Table,
    Title,
    _heading,
    _unit,
    dat,
    gen,
)
from samplegen.contracts.prose import SPECIAL_TEXT, amount_text
from samplegen.contracts.spec import ContractSpec, PartySpec
from samplegen.contracts.wording import Wording, small_words, term_text
from samplegen.formats import turkish_number
from samplegen.identifiers import format_iban

_BACK, _FRONT = "aıou", "eiöü"


def locative(word: str) -> str:
    """ "İstanbul" → "İstanbul'da", "Kadıköy" → "Kadıköy'de", "Kocaeli" → "Kocaeli'de"."""
    vowels = [c for c in word.lower() if c in _BACK + _FRONT]
    back = bool(vowels) and vowels[-1] in _BACK
    hard = word[-1:].lower() in "çfhkpsşt"
    return f"{word}'{'t' if hard else 'd'}{'a' if back else 'e'}"


def _pick(rng: random.Random, style: str, pools: dict[str, tuple[str, ...]]) -> str:
    return rng.choice(pools["a" if style == "article_a" else "b"])


def _limit(spec: ContractSpec) -> str:
    """A guarantor's maximum liability, printed as "20.000-TL" or "20.000,00 TL"."""
    return turkish_number(spec.amount * 12, 0, True) + "-TL"


# --------------------------------------------------------------------------- parties


def _person_bits(p: PartySpec, rng: random.Random, style: str, w: Wording) -> list[str]:
    out: list[str] = []
    if p.passport:
        out.append(_pick(rng, style, {
            "a": (f"Uyruğu: {p.nationality}, Pasaport No: {p.passport}",),
            "b": (f"{p.nationality} uyruklu, pasaport no {p.passport}",),
        }))  # fmt: skip
    else:
        out.append(_pick(rng, style, {
            "a": (f"T.C. Kimlik No: {p.tckn}", f"T.C. Kimlik Numarası: {p.tckn}"),
            "b": (f"TC No {p.tckn}", f"Kimlik No. {p.tckn}"),
        }))  # fmt: skip
    if p.birth_date:
        born = w.date(p.birth_date)
        out.append(_pick(rng, style, {
            "a": (f"Doğum Yeri/Tarihi: {p.birth_place}/{born}",),
            "b": (f"D. Yeri ve Tarihi: {p.birth_place} - {born}",),
        }))  # fmt: skip
    if p.sgk_no:
        out.append(_pick(rng, style, {"a": (f"SGK Sicil No: {p.sgk_no}",),
                                      "b": (f"Sigorta No: {p.sgk_no}",)}))  # fmt: skip
    return out


def _company_bits(p: PartySpec, rng: random.Random, style: str) -> list[str]:
    return [
        _pick(rng, style, {
            "a": (f"{p.tax_office} Vergi Dairesi, VKN: {p.vkn}",
                  f"Vergi Dairesi/No: {p.tax_office}/{p.vkn}"),
            "b": (f"V.D. {p.tax_office} - {p.vkn}",),
        }),
        _pick(rng, style, {"a": (f"MERSİS No: {p.mersis}",), "b": (f"Mersis {p.mersis}",)}),
    ]  # fmt: skip


def _reps(p: PartySpec, rng: random.Random, style: str) -> str:
    def one(r) -> str:
        ident = f", T.C. Kimlik No: {r.tckn}" if r.tckn else ""
        return _pick(rng, style, {"a": (f"{r.title} {r.name}{ident.replace(', ', ' (', 1)}"
                                        + (")" if r.tckn else ""),),
                                  "b": (f"{r.name} ({r.title}{ident})",)})  # fmt: skip

    people = " ve ".join(one(r) for r in p.representatives)
    return _pick(rng, style, {"a": (f"Şirketi temsilen: {people}",),
                              "b": (f"Temsile yetkili: {people}",)})  # fmt: skip


def party_item(p: PartySpec, n: str, rng: random.Random, style: str, w: Wording, last: bool) -> str:
    """ "1.1. KİRAYA VEREN: Ad Soyad, T.C. Kimlik No: …, Adres: … (bundan böyle …) ile," """
    bits = _person_bits(p, rng, style, w) if p.person else _company_bits(p, rng, style)
    address = _pick(rng, style, {
        "a": (f"Adres: {p.address}", f"Adresi: {p.address}"),
        "b": (f"İkametgâh: {p.address}", f"Tebligat adresi {p.address}"),
    })  # fmt: skip
    text = f"{n} {tr_upper(p.role_word)}: {p.name}, " + ", ".join([*bits, address])
    if p.representatives:
        text += f"; {_reps(p, rng, style)}"
    text += _pick(rng, style, {"a": (f" (bundan böyle “{p.role_word}” olarak anılacaktır)",),
                               "b": (f" (“{p.role_word}”)",)})  # fmt: skip
    if last:
        return text + _pick(rng, style, {
            "a": (" arasında aşağıdaki şartlarla akdedilmiştir.",),
            "b": (" arasında işbu sözleşme imzalanmıştır.",),
        })  # fmt: skip
    return text + " ile,"


def party_table(p: PartySpec, rng: random.Random, style: str, w: Wording) -> list[Block]:
    """A label/value table per party, as the printed templates lay them out."""
    name_l, id_l, addr_l = _pick(rng, style, {
        "a": ("Adı Soyadı / Unvanı|T.C. Kimlik No / VKN|Adresi",),
        "b": ("İsim / Ünvan|Kimlik / Vergi No|Tebligat Adresi",),
    }).split("|")  # fmt: skip
    rows: list[tuple[str, str]] = [(name_l, p.name)]
    if p.person:
        if p.passport:
            rows += [("Uyruğu", p.nationality or ""), ("Pasaport No", p.passport)]
        else:
            rows.append((id_l, p.tckn or ""))
        if p.birth_date:
            rows.append((_pick(rng, style, {"a": ("Doğum Yeri ve Tarihi",),
                                            "b": ("D. Yeri / Tarihi",)}),
                         f"{p.birth_place} / {w.date(p.birth_date)}"))  # fmt: skip
        if p.sgk_no:
            rows.append((_pick(rng, style, {"a": ("SGK Sicil No",), "b": ("Sigorta Sicil",)}),
                         p.sgk_no))  # fmt: skip
    else:
        rows.append((_pick(rng, style, {"a": ("Vergi Dairesi",), "b": ("V.D.",)}),
                     p.tax_office or ""))  # fmt: skip
        rows.append((id_l, p.vkn or ""))
        rows.append(("MERSİS No", p.mersis or ""))
    rows.append((addr_l, p.address))
    for r in p.representatives:
        label = _pick(rng, style, {"a": ("Temsilci",), "b": ("Yetkili",)})
        rows.append((label, f"{r.name} ({r.title})" + (f", TCKN: {r.tckn}" if r.tckn else "")))
    role = _pick(rng, style, {"a": (tr_upper(p.role_word),),
                              "b": (f"{p.role_word.upper()} BİLGİLERİ",)})  # fmt: skip
    return [Para(role, bold=True), Table(tuple(rows), boxed=rng.random() < 0.6)]


# --------------------------------------------------------------------------- clauses


def _pay_day(spec: ContractSpec, rng: random.Random) -> str | None:
    d = spec.payment_day
    if not d:
        return None
    dative = {1: "'ine", 5: "'ine", 7: "'sine", 10: "'una", 15: "'ine"}[d]
    locative_ = {1: "'inde", 5: "'inde", 7: "'sinde", 10: "'unda", 15: "'inde"}[d]
    return _pick(rng, spec.style, {
        "a": (f"her ayın en geç {d}. günü", f"her ayın {d}{dative} kadar"),
        "b": (f"her ay {d}{locative_}", f"her ayın {d} ({small_words(d)}){dative} kadar"),
    })  # fmt: skip


def _term(spec: ContractSpec, rng: random.Random, w: Wording) -> str:
    start = w.date(spec.start_date)
    style = spec.style
    if spec.term_months is None:
        return _pick(rng, style, {
            "a": (f"İşçi {start} tarihinde işe başlamıştır. Sözleşme belirsiz sürelidir.",),
            "b": (f"İşe başlama tarihi {start} olup iş sözleşmesi belirsiz sürelidir.",),
        })  # fmt: skip
    term = term_text(w, spec.term_months)
    if spec.end_date:
        end = w.date(spec.end_date)
        return _pick(rng, style, {
            "a": (f"Sözleşme, {start} tarihinde başlayıp {end} tarihinde sona erecektir. "
                  f"Sözleşmenin süresi {term}dır.",),
            "b": (f"Başlangıç: {start}   Bitiş: {end}   Süre: {term}",),
        })  # fmt: skip
    return _pick(rng, style, {
        "a": (f"Sözleşmenin süresi {start} tarihinden itibaren {term}dır.",),
        "b": (f"Sözleşme {term} süreli olup {start} tarihinde yürürlüğe girer.",),
    })  # fmt: skip


def _money(spec: ContractSpec, rng: random.Random, w: Wording, money: str) -> list[str]:
    style = spec.style
    first, second = spec.parties
    a, b = first.role_word, second.role_word
    pay = _pay_day(spec, rng)
    iban = format_iban(spec.iban) if spec.iban else None
    if spec.kind.endswith("lease"):
        out = [_pick(rng, style, {
            "a": (f"Aylık kira bedeli: {money}.",),
            "b": (f"Kira bedeli aylık {money} olarak kararlaştırılmıştır.",),
        })]  # fmt: skip
    elif spec.kind.startswith("employment"):
        out = [_pick(rng, style, {"a": (f"İşçiye aylık brüt {money} ücret ödenir.",),
                                  "b": (f"Ücret: aylık brüt {money}",)})]  # fmt: skip
    else:
        period = {"monthly": "aylık", "yearly": "yıllık", "one_off": "toplam"}[spec.amount_period]
        kdv = ""
        if spec.kdv_rate is not None and spec.kdv_included is not None:
            kdv = f" (%{spec.kdv_rate} KDV {'dahil' if spec.kdv_included else 'hariç'})"
        elif spec.kdv_included is not None:
            kdv = " KDV dahil" if spec.kdv_included else " + KDV"
        out = [_pick(rng, style, {
            "a": (f"Hizmet bedeli {period} {money}{kdv} olarak belirlenmiştir.",),
            "b": (f"{b}, {dat(a)} {period} {money}{kdv} ödeyecektir.",),
        })]  # fmt: skip
    if pay or iban:
        where = f" {gen(b if spec.kind.startswith('employment') else a)} {iban} numaralı hesabına"
        out.append(
            f"Ödeme {pay or 'fatura tarihinden itibaren 30 gün içinde'}{where if iban else ''} "
            "yapılacaktır."
        )
    return out


def _guarantor(spec: ContractSpec, rng: random.Random, w: Wording) -> str:
    g = spec.guarantor
    assert g is not None
    tenant = spec.parties[1]
    start = w.date(spec.start_date)
    years = max(1, (spec.term_months or 12) // 12)
    return _pick(rng, spec.style, {
        "a": (f"Ben {g.name} (T.C. Kimlik No: {g.tckn}), {g.address} adresinde ikamet "
              f"etmekteyim; {start} tarihinden itibaren {years} yıl geçerli olmak kaydıyla "
              f"{_limit(spec)}'ye kadar {tenant.name}'in işbu sözleşmeden doğan borçlarına "
              "müteselsilen kefilim.",),
        "b": (f"MÜTESELSİL KEFİL — Adı Soyadı: {g.name}; T.C. No: {g.tckn}; Adresi: {g.address}. "
              f"Kefil, azami {_limit(spec)} ile sınırlı olarak kiracının borçlarından "
              "müteselsilen sorumludur.",),
    })  # fmt: skip


def clauses(spec: ContractSpec, rng: random.Random, w: Wording) -> list[tuple[str, list[str]]]:
    style = spec.style
    first, second = spec.parties
    a, b = first.role_word, second.role_word
    lease = spec.kind.endswith("lease")
    employment = spec.kind.startswith("employment")
    money, _ = amount_text(w, spec.words_form, spec.amount, spec.amount_words)
    out: list[tuple[str, list[str]]] = []
    if spec.kind == "sale":
        return _sale_clauses(spec, rng, w, money)
    if lease:
        out.append(("Kiralananın Tanımı", [_pick(rng, style, {
            "a": (f"Kiralanan taşınmaz {spec.property_address} adresinde olup, "
                  f"{spec.property_kind} olarak kullanılacaktır.",),
            "b": (f"Kiralananın açık adresi {spec.property_address} olup cinsi "
                  f"{spec.property_kind} olarak belirtilmiştir.",),
        })]))  # fmt: skip
    elif employment:
        out.append(("İşin Tanımı", [_pick(rng, style, {
            "a": (f"İşçinin Görevi: {spec.subject}", f"İşçi, {spec.subject} olarak çalışacaktır."),
            "b": (f"{b}, işyerinde {spec.subject} kadrosunda çalıştırılacaktır.",),
        })]))  # fmt: skip
    else:
        out.append(("Sözleşmenin Konusu", [_pick(rng, style, {
            "a": (f"İşbu sözleşmenin konusu, {spec.subject} hizmetinin {a} tarafından "
                  "verilmesine ilişkin esasların belirlenmesidir.",),
            "b": (f"Konu: {spec.subject}.",),
        })]))  # fmt: skip
    out.append(("Süre", [_term(spec, rng, w)]))
    out.append(("Kira Bedeli ve Ödeme" if lease else "Ücret" if employment else "Bedel",
                _money(spec, rng, w, money)))  # fmt: skip
    if spec.deposit is not None:
        dep, _ = amount_text(w, spec.words_form, spec.deposit)
        out.append(("Depozito", [_pick(rng, style, {
            "a": (f"Kiracı, sözleşmenin imzası sırasında {dep} depozito vermiştir.",),
            "b": (f"Güvence bedeli: {dep}",),
        })]))  # fmt: skip
    if spec.probation_months:
        n = w.count(spec.probation_months, "ay")
        out.append(("Deneme Süresi", [_pick(rng, style, {
            "a": (f"Deneme süresi {n}dır.",),
            "b": (f"İlk {n} deneme süresidir.",),
        })]))  # fmt: skip
    if spec.special_clause:
        text = rng.choice(SPECIAL_TEXT[spec.special_clause]).format(
            a=a, b=b, dat_a=dat(a), rate=rng.choice((40, 50, 60))
        )
        out.append(("Özel Durumlar", [text]))
    if spec.penalty is not None:
        pen, _ = amount_text(w, spec.words_form, spec.penalty)
        out.append(("Cezai Şart", [f"Sözleşmeye aykırılık halinde aykırı davranan taraf {pen} "
                                   "cezai şart ödemeyi kabul eder."]))  # fmt: skip
    if spec.notice_days:
        notice = w.count(*_unit(spec.notice_unit))
        out.append(("Fesih", [_pick(rng, style, {
            "a": (f"Taraflardan her biri {notice} önceden yazılı bildirimde bulunmak kaydıyla "
                  "sözleşmeyi feshedebilir.",),
            "b": (f"Sözleşmeyi sona erdirmek isteyen taraf, bunu karşı tarafa {notice} "
                  "öncesinden noter kanalıyla bildirir.",),
        })]))  # fmt: skip
    if spec.guarantor is not None:
        out.append(("Kefalet", [_guarantor(spec, rng, w)]))
    for extra in spec.extra_clauses[:2]:
        out.append(EXTRA_TEXT[extra])
    out.append(("Yetkili Mahkeme", [_pick(rng, style, {
        "a": (f"İşbu sözleşmenin uygulanmasından doğacak uyuşmazlıkların çözümünde {spec.court} "
              "yetkilidir.",),
        "b": (f"Doğabilecek anlaşmazlıklarda {spec.court} yetkili kılınmıştır.",),
    })]))  # fmt: skip
    return out


def _sale_clauses(
    spec: ContractSpec, rng: random.Random, w: Wording, money: str
) -> list[tuple[str, list[str]]]:
    """A sale of the property (TBK m. 237 ff.): the thing sold, the price, handover, court."""
    style = spec.style
    a, b = (p.role_word for p in spec.parties)
    handover = w.date(spec.start_date)
    out = [
        ("Satışa Konu Taşınmaz", [_pick(rng, style, {
            "a": (f"Satışa konu taşınmazın adresi: {spec.property_address}. Niteliği: "
                  f"{spec.property_kind}.",),
            "b": (f"{a}, {spec.property_address} adresinde bulunan {spec.property_kind} "
                  f"nitelikli taşınmazını {dat(b)} satmıştır.",),
        })]),
        ("Satış Bedeli", [_pick(rng, style, {
            "a": (f"Satış bedeli {money} olup tapuda devir sırasında peşin ödenecektir.",),
            "b": (f"Taraflar satış bedelini {money} olarak kararlaştırmışlardır.",),
        })]),
        ("Teslim", [f"Taşınmaz {handover} tarihinde boş olarak {dat(b)} teslim edilecektir."]),
    ]  # fmt: skip
    if spec.iban:
        out[1][1].append(f"Bedel {gen(a)} {format_iban(spec.iban)} numaralı hesabına ödenir.")
    if spec.penalty is not None:
        pen, _ = amount_text(w, spec.words_form, spec.penalty)
        out.append(("Cezai Şart", [f"Satıştan cayan taraf karşı tarafa {pen} cezai şart öder."]))
    for extra in spec.extra_clauses[:2]:
        out.append(EXTRA_TEXT[extra])
    out.append(("Yetkili Mahkeme", [_pick(rng, style, {
        "a": (f"İşbu sözleşmeden doğacak uyuşmazlıklarda {spec.court} yetkilidir.",),
        "b": (f"Doğabilecek anlaşmazlıklarda {spec.court} yetkili kılınmıştır.",),
    })]))  # fmt: skip
    return out


def closing(spec: ContractSpec, rng: random.Random, w: Wording, n: int) -> str:
    when = w.date(spec.contract_date)
    return _pick(rng, spec.style, {
        "a": (f"İşbu sözleşme {n} maddeden ibaret olup {when} tarihinde {locative(spec.place)} "
              "iki nüsha olarak düzenlenmiş ve taraflarca okunarak imzalanmıştır.",
              f"Sözleşme Tarihi: {when}\nSözleşme Yeri: {spec.place}"),
        "b": (f"İmza tarihi ve yeri: {when} – {spec.place}",),
    })  # fmt: skip


def compose_articles(spec: ContractSpec, rng: random.Random) -> tuple[list[Block], Wording]:
    w = Wording(rng, spec.currency, spec.date_style, spec.words_style)
    blocks: list[Block] = [Title(spec.title)]
    number = 1
    blocks.append(_heading(spec, number, "Taraflar", None, rng))
    first, second = spec.parties
    if spec.layout != "table":
        blocks.append(Para(party_item(first, "1.1.", rng, spec.style, w, last=False)))
        blocks.append(Para(party_item(second, "1.2.", rng, spec.style, w, last=True)))
    else:
        for p in spec.parties:
            blocks.extend(party_table(p, rng, spec.style, w))
    for heading, paragraphs in clauses(spec, rng, w):
        number += 1
        blocks.append(_heading(spec, number, heading, None, rng))
        blocks.extend(Para(text) for text in paragraphs)
    for line in closing(spec, rng, w, number).split("\n"):
        blocks.append(Para(line))
    signers = tuple(p for p in (*spec.parties, spec.guarantor) if p is not None)
    blocks.append(Signatures(signers, None))
    return blocks, w
