"""Prose contracts: parties introduced in running text, in two writing styles.

Every wording slot has two pools: ``"a"`` (style ``prose_a``, the tuning style) and
``"b"`` (style ``prose_b``, held out: the rules are never tuned on it). A document
draws all its wordings from its style's pool, so ``prose_b`` is a writing style the
rules have never seen: party sentences, dates, term, pay day, money with its words,
court, guarantor, representatives and place of signing all read differently.
"""

from __future__ import annotations

import random

from samplegen.casing import tr_lower
from samplegen.contracts.compose import (
    EXTRA_TEXT,
    Block,
    Para,
    Signatures,
    Title,
    _heading,
    _unit,
    acc,
    dat,
    gen,
)
from samplegen.contracts.spec import ContractSpec, PartySpec
from samplegen.contracts.wording import Wording, term_text
from samplegen.formats import turkish_number
from samplegen.identifiers import format_iban
from samplegen.words import _render, number_words

SPECIAL_HEADINGS = ("Sağlık Durumu", "Engelli Çalışan", "Özel Durumlar")
SPECIAL_TEXT = {
    "health": (
        "{b}, işe girişte ibraz ettiği sağlık raporuna göre kronik bir hastalığı bulunduğunu "
        "beyan etmiş olup {a}, çalışma koşullarında gerekli makul düzenlemeleri yapar.",
        "{b}, düzenli tedavi gerektiren bir rahatsızlığı bulunduğunu ve doktor raporunu "
        "{dat_a} teslim ettiğini beyan eder.",
    ),
    "disability": (
        "{b}, %{rate} engellilik oranına sahip olup 4857 sayılı Kanun'un 30. maddesi uyarınca "
        "engelli kontenjanından istihdam edilmektedir.",
        "{b}'nin engelli sağlık kurulu raporu bulunduğundan {a}, işyerinde gerekli erişilebilirlik "
        "düzenlemelerini yapmayı kabul eder.",
    ),
}


def _pick(rng: random.Random, style: str, pools: dict[str, tuple[str, ...]]) -> str:
    return rng.choice(pools["a" if style == "prose_a" else "b"])


def words_glued(w: Wording, whole: int) -> str:
    """ "OnBinTürkLirası": capitalised number words and the currency name, no spaces."""
    return _render(number_words(whole), "joined") + w.name.replace(" ", "")


def amount_text(w: Wording, form: str, value, whole: int | None = None) -> tuple[str, str]:
    """(the amount as printed with its words, the words as the truth holds them)."""
    whole = int(value) if whole is None else whole
    words = w.words(whole)
    money = w.money(value)
    if form == "paren":
        return f"{money} ({words})", words
    if form == "yalniz":
        return f"{money} (Yalnız: {words})", words
    if form == "glued":
        glued = words_glued(w, whole)
        return f"{money} (Yalnız{glued})", glued
    if form == "hash":
        glued = words_glued(w, whole)
        number = turkish_number(value, 2, True)
        return f"#{number}#{w.mark} ({glued})", glued
    if form == "lower":
        low = tr_lower(words)
        return f"{money} ({low})", low
    if form == "yaziyla":  # not drawn by ``vary`` (keeps the dev corpus stable); tests pin it
        return f"{money} (yazıyla: {words})", words
    if form == "glued_plain":  # "15.000,00 TL (OnbeşbinTürkLirası)" (article styles)
        glued = words_glued(w, whole)
        return f"{money} ({glued})", glued
    if form == "dash_words":  # "20.000-TL (Yirmibin Türk Lirası)" (article styles)
        number = turkish_number(value, 0, True)
        return f"{number}-{w.mark.strip()} ({words})", words
    if form == "mark_first":  # "TL 15.000,00 (Onbeşbin Türk Lirası)" (article styles)
        return f"{w.mark.strip()} {turkish_number(value, 2, True)} ({words})", words
    if form == "yalniz_first":  # "yalnız onbeşbin Türk Lirası (15.000,00 TL)" (general_d)
        low = tr_lower(words)
        return f"yalnız {low} ({money})", low
    if form == "words_first":
        return f"{words} ({money})", words
    if form == "sign_after" and w.currency in ("USD", "EUR"):  # "1.500,00 $ (…)" (general_a)
        sign = {"USD": "$", "EUR": "€"}[w.currency]
        return f"{turkish_number(value, 2, True)} {sign} ({words})", words
    if form == "sign_after":  # not every font has "₺": lira amounts print "25.000,00.-TL"
        form = "dot_dash"
    if form == "dot_dash":  # "25.000,00.-TL (…)" (general_a)
        return f"{turkish_number(value, 2, True)}.-{w.mark.strip()} ({words})", words
    if form == "rakam_yazi":  # a stationery form's "Rakamla … Yazıyla …" (general_a)
        return f"rakamla {money}, yazıyla {words}", words
    if form == "hash_dash":  # "#25.000,00-TL# (#Yirmibeşbin Türk Lirası#)" (general_a)
        number = turkish_number(value, 2, True)
        return f"#{number}-{w.mark.strip()}# (#{words}#)", words
    if form == "slash" and w.currency == "TRY":  # "25.000,00 TL / Yirmibeşbin Türk Lirası"
        return f"{money} / {words}", words  # (general_a)
    if form in ("slash", "bracket"):  # "25.000,00 TL [Yirmibeşbin Türk Lirası]" (general_a)
        return f"{money} [{words}]", words
    raise ValueError(form)


# --------------------------------------------------------------------------- parties


def _person_intro(p: PartySpec, rng: random.Random, style: str, w: Wording) -> str:
    bits_a: list[str] = []
    if p.passport:
        ident = _pick(rng, style, {
            "a": (f"{p.nationality} uyruklu, {p.passport} pasaport numaralı",),
            "b": (f"{p.nationality} vatandaşı (Pasaport No: {p.passport})",),
        })  # fmt: skip
    else:
        ident = _pick(rng, style, {
            "a": (f"{p.tckn} T.C. kimlik numaralı", f"T.C. kimlik numarası {p.tckn} olan"),
            "b": (f"(TCKN {p.tckn})", f"T.C. Kimlik No: {p.tckn} -"),
        })  # fmt: skip
    if p.birth_date:
        born = w.date(p.birth_date)
        bits_a.append(_pick(rng, style, {
            "a": (f"{p.birth_place} {born} doğumlu", f"{born} tarihinde {p.birth_place}'da doğan"),
            "b": (f"doğum yeri ve tarihi {p.birth_place} / {born}",),
        }))  # fmt: skip
    if p.sgk_no:
        bits_a.append(_pick(rng, style, {
            "a": (f"SGK sicil numarası {p.sgk_no} olan",),
            "b": (f"sigorta sicil no {p.sgk_no}",),
        }))  # fmt: skip
    if style == "prose_a":
        addr = rng.choice((f"{p.address} adresinde mukim", f"{p.address} adresinde ikamet eden"))
        return ", ".join([addr, *bits_a, ident]) + f" {p.name}"
    extra = "".join(f", {b}" for b in bits_a)
    if ident.startswith("("):
        return f"{p.name} {ident[:-1]}{extra}, ikametgâh: {p.address})"
    return f"{p.name} ({ident.rstrip(' -')}{extra}; adres: {p.address})"


def _company_intro(p: PartySpec, rng: random.Random, style: str) -> str:
    reps = p.representatives
    if style == "prose_a":
        text = rng.choice(
            (
                f"{p.tax_office} Vergi Dairesi'nin {p.vkn} vergi numaralı mükellefi, "
                f"{p.mersis} MERSİS numaralı, {p.address} adresinde yerleşik {p.name}",
                f"{p.address} adresinde faaliyet gösteren, {p.tax_office} Vergi Dairesi "
                f"{p.vkn} vergi kimlik numaralı ve {p.mersis} MERSİS numaralı {p.name}",
            )
        )
        if reps:
            people = " ve ".join(
                f"{r.title} {r.name}" + (f" (T.C. Kimlik No: {r.tckn})" if r.tckn else "")
                for r in reps
            )
            text += f" (adına yetkili temsilcisi {people})"
        return text
    text = f"{p.name} ({p.tax_office} V.D. {p.vkn}, MERSİS: {p.mersis}, merkez: {p.address})"
    if reps:
        people = ", ".join(
            f"{r.name} ({r.title}" + (f", TCKN {r.tckn})" if r.tckn else ")") for r in reps
        )
        text += f"; şirketi temsilen {people}"
    return text


def _role(p: PartySpec, rng: random.Random, style: str) -> str:
    return _pick(rng, style, {
        "a": (f"(bundan sonra “{p.role_word}” olarak anılacaktır)", f"(kısaca “{p.role_word}”)"),
        "b": (f"— bundan böyle “{p.role_word}” denilecektir —", f"“{p.role_word}” sıfatıyla"),
    })  # fmt: skip


def party_text(p: PartySpec, rng: random.Random, style: str, w: Wording) -> str:
    intro = _person_intro(p, rng, style, w) if p.person else _company_intro(p, rng, style)
    return f"{intro} {_role(p, rng, style)}"


def parties_paragraph(spec: ContractSpec, rng: random.Random, w: Wording) -> str:
    first, second = spec.parties
    p1 = party_text(first, rng, spec.style, w)
    p2 = party_text(second, rng, spec.style, w)
    title = tr_lower(spec.title)
    return _pick(rng, spec.style, {
        "a": (
            f"İşbu sözleşme, bir tarafta {p1} ile diğer tarafta {p2} arasında aşağıdaki "
            "şartlarla akdedilmiştir.",
            f"Bir tarafta {p1}, diğer tarafta {p2} arasında aşağıda yazılı şartlarla işbu "
            f"{title} imzalanmıştır.",
        ),
        "b": (
            f"{p1} ile {p2} aşağıdaki hususlarda anlaşmışlardır.",
            f"Aşağıda imzası bulunan {p1} ve {p2}, işbu {title} hükümleri üzerinde mutabık "
            "kalmışlardır.",
        ),
    })  # fmt: skip


def guarantor_text(spec: ContractSpec, rng: random.Random, w: Wording) -> str:
    g = spec.guarantor
    assert g is not None
    tenant = spec.parties[1].role_word
    if spec.style == "prose_a":
        return rng.choice(
            (
                f"{g.address} adresinde mukim, {g.tckn} T.C. kimlik numaralı {g.name}, işbu "
                f"sözleşmeden doğan tüm borçlardan {tenant} ile birlikte müteselsil kefil "
                "sıfatıyla sorumludur.",
                f"Müteselsil kefil {g.name} (T.C. Kimlik No: {g.tckn}), {g.address} adresinde "
                f"oturmakta olup {gen(tenant)} borçlarına kefil olmuştur.",
            )
        )
    return (
        f"KEFİL: {g.name}, TCKN {g.tckn}, {g.address}. Kefil, kira borcunun ödenmemesi halinde "
        f"{tenant} ile birlikte müteselsilen sorumlu olduğunu kabul eder."
    )


# --------------------------------------------------------------------------- clauses


def _pay_day(spec: ContractSpec, rng: random.Random) -> str | None:
    d = spec.payment_day
    if not d:
        return None
    word = {1: "birinci", 5: "beşinci", 7: "yedinci", 10: "onuncu", 15: "on beşinci"}[d]
    first = {1: "bir", 5: "beş", 7: "yedi", 10: "on", 15: "on beş"}[d]
    return _pick(rng, spec.style, {
        "a": (f"her ayın ilk {first} günü içinde", f"her ayın {d}. gününe kadar",
              f"her ayın {word} gününe kadar"),
        "b": (f"en geç ayın {d}. günü", f"aylık olarak her ayın {d}'{_suffix(d)}"),
    })  # fmt: skip


def _suffix(d: int) -> str:
    return {1: "inde", 5: "inde", 7: "sinde", 10: "unda", 15: "inde"}[d]


def _term_sentence(spec: ContractSpec, rng: random.Random, w: Wording) -> str:
    start = w.date(spec.start_date)
    end = w.date(spec.end_date) if spec.end_date else None
    if spec.term_months is None:  # indefinite employment
        return _pick(rng, spec.style, {
            "a": (f"İşçi {start} tarihinde işe başlayacak olup sözleşme süresizdir.",
                  f"Sözleşme {start} tarihinden itibaren belirsiz süreli olarak yürürlüktedir."),
            "b": (f"İşe giriş tarihi: {start}. Sözleşmenin belirli bir süresi yoktur.",),
        })  # fmt: skip
    term = term_text(w, spec.term_months)
    if spec.style == "prose_a":
        text = rng.choice(
            (
                f"Sözleşme {start} tarihinden başlamak üzere {term} süreyle akdedilmiştir.",
                f"Sözleşmenin süresi {term} olup yürürlük tarihi {start}'dir.",
            )
        )
        if end:
            text += f" Sözleşme {end} tarihinde kendiliğinden sona erer."
        return text
    if end:
        return f"İşbu sözleşme {start} ile {end} tarihleri arasında {term} için geçerlidir."
    return f"Geçerlilik süresi {term}; ilk gün {start}."


def _money_sentence(spec: ContractSpec, rng: random.Random, w: Wording, money: str) -> str:
    lease = spec.kind.endswith("lease")
    employment = spec.kind.startswith("employment")
    kdv = ""
    if spec.kdv_rate is not None and spec.kdv_included is not None:
        kdv = _pick(rng, spec.style, {
            "a": ((f" (KDV %{spec.kdv_rate} dahil)" if spec.kdv_included
                   else f" + %{spec.kdv_rate} KDV"),),
            "b": ((f", katma değer vergisi (%{spec.kdv_rate}) dahil" if spec.kdv_included
                   else f", katma değer vergisi (%{spec.kdv_rate}) hariç"),),
        })  # fmt: skip
    elif spec.kdv_included is not None:
        kdv = " (KDV dahil)" if spec.kdv_included else " (KDV hariç)"
    if lease:
        return _pick(rng, spec.style, {
            "a": (f"Aylık kira bedeli {money} olarak belirlenmiştir.",),
            "b": (f"Kiracı her ay {money} kira öder.",),
        })  # fmt: skip
    if employment:
        return _pick(rng, spec.style, {
            "a": (f"İşçinin aylık brüt ücreti {money} olarak kararlaştırılmıştır.",),
            "b": (f"Çalışana her ay brüt {money} ücret ödenir.",),
        })  # fmt: skip
    period = {"monthly": ("Aylık hizmet bedeli", "her ay için"),
              "yearly": ("Yıllık hizmet bedeli", "her yıl için"),
              "one_off": ("Toplam sözleşme bedeli", "tek seferde")}[spec.amount_period]  # fmt: skip
    return _pick(rng, spec.style, {
        "a": (f"{period[0]} {money}{kdv} olarak belirlenmiştir.",),
        "b": (f"İş sahibi, {period[1]} {money}{kdv} öder.",),
    })  # fmt: skip


def clauses(spec: ContractSpec, rng: random.Random, w: Wording) -> list[tuple[str, list[str]]]:
    style = spec.style
    first, second = spec.parties
    a, b = first.role_word, second.role_word
    lease = spec.kind.endswith("lease")
    employment = spec.kind.startswith("employment")
    form = spec.words_form
    money, _ = amount_text(w, form, spec.amount, spec.amount_words)
    out: list[tuple[str, list[str]]] = []
    if lease:
        kind = spec.property_kind
        out.append(("Kiralanan", [_pick(rng, style, {
            "a": (f"Kiralanan taşınmaz {spec.property_address} adresinde bulunan {kind} "
                  "niteliğindeki bağımsız bölümdür.",
                  f"Kiralanan Taşınmazın Adresi: {spec.property_address}. Cinsi: {kind}."),
            "b": (f"Mecurun adresi: {spec.property_address}; mecurun cinsi {kind}.",
                  f"Kira konusu yer, {spec.property_address} adresindeki {kind} olup "
                  "demirbaşlarıyla birlikte teslim edilmiştir."),
        })]))  # fmt: skip
    elif employment:
        out.append(("Görev", [_pick(rng, style, {
            "a": (f"İşçi, işyerinde {spec.subject} unvanıyla görev yapacaktır.",
                  f"İşçinin görev unvanı: {spec.subject}"),
            "b": (f"{b}, {spec.subject} pozisyonunda istihdam edilmiştir.",),
        })]))  # fmt: skip
    else:
        out.append(("Konu", [_pick(rng, style, {
            "a": (f"İşbu sözleşmenin konusu; {spec.subject} işinin {a} tarafından yerine "
                  "getirilmesidir.",),
            "b": (f"{a}, {spec.subject} işlerini üstlenmiştir.",),
        })]))  # fmt: skip
    out.append(("Süre", [_term_sentence(spec, rng, w)]))
    pay = _pay_day(spec, rng)
    iban = format_iban(spec.iban) if spec.iban else None
    paragraphs = [_money_sentence(spec, rng, w, money)]
    if pay or iban:
        where = f" {gen(a if not employment else b)} {iban} IBAN numaralı hesabına" if iban else ""
        when = pay or "faturanın tebliğinden itibaren 30 gün içinde"
        paragraphs.append(f"Ödeme {when}{where} yapılır.")
    out.append(("Bedel ve Ödeme" if not employment else "Ücret", paragraphs))
    if spec.deposit is not None:
        dep, _ = amount_text(w, form, spec.deposit)
        out.append(("Depozito", [_pick(rng, style, {
            "a": (f"{b}, {dat(a)} depozito olarak {dep} ödemiştir.",),
            "b": (f"Güvence olarak {dep} alınmış olup tahliyede iade edilir.",),
        })]))  # fmt: skip
    if spec.guarantor is not None:
        out.append(("Kefalet", [guarantor_text(spec, rng, w)]))
    if spec.probation_months:
        n = w.count(spec.probation_months, "ay")
        out.append(("Deneme Süresi", [f"Deneme süresi {n} olarak belirlenmiştir."]))
    if spec.special_clause:
        text = rng.choice(SPECIAL_TEXT[spec.special_clause]).format(
            a=a, b=b, dat_a=dat(a), rate=rng.choice((40, 50, 60))
        )
        out.append((rng.choice(SPECIAL_HEADINGS), [text]))
    if spec.penalty is not None:
        pen, _ = amount_text(w, form, spec.penalty)
        out.append(("Cezai Şart", [f"Sözleşmeye aykırı davranan taraf {pen} cezai şart öder."]))
    if spec.notice_days:
        notice = w.count(*_unit(spec.notice_unit))
        out.append(("Fesih", [_pick(rng, style, {
            "a": (f"Taraflar {notice} önceden yazılı bildirimde bulunarak sözleşmeyi "
                  "feshedebilir.",),
            "b": (f"Fesih bildirimi, fesih tarihinden {notice} evvel karşı tarafa yapılır.",),
        })]))  # fmt: skip
    elif employment:
        out.append(("Fesih", [f"{a}, {acc(b)} İş Kanunu hükümlerine göre fesheder."]))
    for extra in spec.extra_clauses[:2]:
        out.append(EXTRA_TEXT[extra])
    out.append(("Yetki", [_pick(rng, style, {
        "a": (f"İşbu sözleşmeden doğacak ihtilaflarda {spec.court} yetkilidir.",
              f"Uyuşmazlıkların çözümünde {spec.court} yetkili olacaktır."),
        "b": (f"Uyuşmazlıklar {spec.court} nezdinde çözümlenecektir.",
              f"Yetkili mahkeme ve icra dairesi: {spec.court}"),
    })]))  # fmt: skip
    return out


def closing(spec: ContractSpec, rng: random.Random, w: Wording, n: int) -> str:
    """The place and date of signing, as the last paragraph."""
    when = w.date(spec.contract_date)
    return _pick(rng, spec.style, {
        "a": (f"İşbu sözleşme {n} maddeden ibaret olup {when} tarihinde {spec.place}'da iki "
              "nüsha halinde imza altına alınmıştır.",
              f"Düzenleme yeri ve tarihi: {spec.place}, {when}"),
        "b": (f"Tanzim yeri: {spec.place}   Tanzim tarihi: {when}",
              f"{spec.place}'da {when} günü imzalanmıştır."),
    })  # fmt: skip


def compose_prose(spec: ContractSpec, rng: random.Random) -> tuple[list[Block], Wording]:
    w = Wording(rng, spec.currency, spec.date_style, spec.words_style)
    blocks: list[Block] = [Title(spec.title)]
    number = 0
    if rng.random() < 0.5:
        number += 1
        blocks.append(_heading(spec, number, "Taraflar", None, rng))
    blocks.append(Para(parties_paragraph(spec, rng, w)))
    body = clauses(spec, rng, w)
    for heading, paragraphs in body:
        number += 1
        blocks.append(_heading(spec, number, heading, None, rng))
        for text in paragraphs:
            blocks.append(Para(text))
    blocks.append(Para(closing(spec, rng, w, number)))
    signers = tuple(p for p in (*spec.parties, spec.guarantor) if p is not None)
    blocks.append(Signatures(signers, None))
    return blocks, w
