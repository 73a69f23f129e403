"""A contract spec into printable blocks: title, field table, party blocks, clauses, signatures.

Wordings, label synonyms and clause numbering are drawn from the document's rng, so
two contracts of one kind rarely read the same. What the truth file needs about the
clauses (number, heading, section) travels with the ``Heading`` blocks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samplegen.casing import tr_upper
from samplegen.contracts.spec import ContractSpec, PartySpec
from samplegen.contracts.wording import Wording, clause_heading, term_text
from samplegen.identifiers import format_iban


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, str], ...]
    boxed: bool


@dataclass(frozen=True)
class Grid:
    """A party table with one column per party: a header row of role captions, then one
    row per label ("Adı Soyadı / Unvanı | NAME A | NAME B"), every cell boxed."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    text: str


@dataclass(frozen=True)
class Heading:
    number: int
    printed: str
    heading: str
    section: str | None


@dataclass(frozen=True)
class Para:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Signatures:
    parties: tuple[PartySpec, ...]
    place_date: str | None
    sign_label: str = "İmza"  # "Kaşe / İmza" under a company's line in some templates


Block = Title | Table | Grid | Section | Heading | Para | Signatures

# role word -> (genitive, dative, accusative)
CASES = {
    "Kiraya Veren": ("Kiraya Verenin", "Kiraya Verene", "Kiraya Veren'i"),
    "Mal Sahibi": ("Mal Sahibinin", "Mal Sahibine", "Mal Sahibini"),
    "Kiralayan": ("Kiralayanın", "Kiralayana", "Kiralayanı"),
    "Kiracı": ("Kiracının", "Kiracıya", "Kiracıyı"),
    "İşveren": ("İşverenin", "İşverene", "İşvereni"),
    "Şirket": ("Şirketin", "Şirkete", "Şirketi"),
    "İşçi": ("İşçinin", "İşçiye", "İşçiyi"),
    "Çalışan": ("Çalışanın", "Çalışana", "Çalışanı"),
    "Personel": ("Personelin", "Personele", "Personeli"),
    "Hizmet Veren": ("Hizmet Verenin", "Hizmet Verene", "Hizmet Vereni"),
    "Yüklenici": ("Yüklenicinin", "Yükleniciye", "Yükleniciyi"),
    "Hizmet Alan": ("Hizmet Alanın", "Hizmet Alana", "Hizmet Alanı"),
    "Müşteri": ("Müşterinin", "Müşteriye", "Müşteriyi"),
    "Satıcı": ("Satıcının", "Satıcıya", "Satıcıyı"),
    "Alıcı": ("Alıcının", "Alıcıya", "Alıcıyı"),
}
GENITIVE = {k: v[0] for k, v in CASES.items()}


def gen(role: str) -> str:
    return CASES[role][0]


def dat(role: str) -> str:
    return CASES[role][1]


def acc(role: str) -> str:
    return CASES[role][2]


PLACE_SUFFIX = {"İstanbul": "'da", "Ankara": "'da", "İzmir": "'de", "Bursa": "'da",
                "Antalya": "'da", "Kocaeli": "'nde"}  # fmt: skip
DAY_SUFFIX = {1: "'ine", 5: "'ine", 7: "'sine", 10: "'una", 15: "'ine"}


def _id_pairs(p: PartySpec, rng: random.Random) -> list[tuple[str, str]]:
    if p.person:
        label = rng.choice(("T.C. Kimlik No", "TCKN", "T.C. Kimlik Numarası", "TC Kimlik No"))
        return [(label, p.tckn or "")]
    pairs = [
        rng.choice(
            (
                ("Vergi Kimlik No", p.vkn or ""),
                ("VKN", p.vkn or ""),
                ("Vergi Dairesi / No", f"{p.tax_office} / {p.vkn}"),
            )
        )
    ]
    pairs.append((rng.choice(("MERSİS No", "Mersis Numarası")), p.mersis or ""))
    if p.sgk:
        pairs.append(("SGK İşyeri Sicil No", p.sgk))
    return pairs


def party_blocks(p: PartySpec, layout: str, rng: random.Random) -> list[Block]:
    role = p.role_word
    name_label = (
        rng.choice(("Adı Soyadı", "Ad Soyad", "Adı ve Soyadı"))
        if p.person
        else rng.choice(("Unvanı", "Ticaret Unvanı"))
    )
    address_label = rng.choice(("Adresi", "Adres", "Tebligat Adresi"))
    if layout == "inline":
        ids = ", ".join(f"{k}: {v}" for k, v in _id_pairs(p, rng))
        text = f"{tr_upper(role)}: {p.name}, {ids}, {address_label}: {p.address}"
        if rng.random() < 0.5:
            text += f" (bundan sonra “{role}” olarak anılacaktır)."
        return [Para(text)]
    rows = [(name_label, p.name), *_id_pairs(p, rng), (address_label, p.address)]
    heading = tr_upper(role)
    if p.role == "kiraya veren" and role != "Mal Sahibi" and rng.random() < 0.4:
        heading += " (MAL SAHİBİ)"
    return [Para(heading, bold=True), Table(tuple(rows), boxed=False)]


def _form_rows(spec: ContractSpec, w: Wording, rng: random.Random) -> list[tuple[str, str]]:
    mah, street, number, city = spec.property_parts or ("", "", "", "")
    rows = [
        ("Mahallesi", mah),
        (rng.choice(("Cadde / Sokak", "Caddesi / Sokağı")), street),
        (rng.choice(("Numarası", "Kapı No")), number),
        (rng.choice(("İlçe / İl", "İlçesi / İli")), city),
        ("Kiralananın Cinsi", spec.property_kind or ""),
    ]
    for p in spec.parties:
        gen = GENITIVE[p.role_word]
        rows.append((f"{gen} {'Adı Soyadı' if p.person else 'Unvanı'}", p.name))
        for label, value in _id_pairs(p, rng):
            rows.append((f"{gen} {label}", value))
        rows.append((f"{gen} Adresi", p.address))
    rows.append(("Kira Başlangıç Tarihi", w.date(spec.start_date)))
    if spec.term_months:
        rows.append(("Kira Süresi", term_text(w, spec.term_months)))
    if spec.end_date:
        rows.append(("Kira Bitiş Tarihi", w.date(spec.end_date)))
    rows.append(("Aylık Kira Bedeli", w.money_words(spec.amount, spec.amount_words)))
    if spec.yearly_amount is not None:
        rows.append(("Yıllık Kira Bedeli", w.money(spec.yearly_amount)))
    day = spec.payment_day or 5
    rows.append(
        (
            "Kira Bedelinin Ödeme Şekli",
            rng.choice(
                (
                    f"Her ayın {day}{DAY_SUFFIX[day]} kadar banka havalesi ile",
                    f"Her ayın {day}. gününe kadar peşin olarak",
                )
            ),
        )
    )
    if spec.iban:
        rows.append((rng.choice(("IBAN", "Kiraya Verenin IBAN No")), format_iban(spec.iban)))
    if spec.deposit is not None:
        label = rng.choice(("Depozito", "Güvence Bedeli", "Depozito (Güvence Bedeli)"))
        rows.append((label, w.money(spec.deposit)))
    use = "Mesken" if spec.kind == "residential_lease" else rng.choice(("Ofis", "Ticari faaliyet"))
    rows.append((rng.choice(("Kullanım Amacı", "Kiralananın Ne İçin Kullanılacağı")), use))
    rows.append(("Demirbaşlar", ", ".join(spec.fixtures)))
    if spec.date_place_style == "table":
        rows.append(("Sözleşme Tarihi", w.date(spec.contract_date)))
        rows.append((rng.choice(("Düzenlendiği Yer", "Düzenleme Yeri")), spec.place))
    return rows


def _kdv(spec: ContractSpec, rng: random.Random) -> tuple[str, str]:
    """(before the amount, after the amount)."""
    if spec.kdv_included is None:
        return "", ""
    if spec.kdv_included:
        return rng.choice((("KDV dahil ", ""), ("", " (KDV dahil)")))
    return rng.choice((("KDV hariç ", ""), ("", " + KDV"), ("", " (KDV hariç)")))


def clause_texts(spec: ContractSpec, w: Wording, rng: random.Random) -> list[tuple[str, list]]:
    """(heading, paragraphs) of every clause after the parties; paragraphs may be blocks."""
    first, second = spec.parties
    a, b = first.role_word, second.role_word
    lease = spec.kind.endswith("lease")
    employment = spec.kind.startswith("employment")
    day = spec.payment_day
    pay_day = (
        rng.choice((f"her ayın {day}{DAY_SUFFIX[day]} kadar", f"her ayın {day}. gününe kadar"))
        if day
        else None
    )
    out: list[tuple[str, list]] = []
    start, end = w.date(spec.start_date), w.date(spec.end_date) if spec.end_date else None
    term = term_text(w, spec.term_months) if spec.term_months else None
    money = w.money_words(spec.amount, spec.amount_words)
    iban = format_iban(spec.iban) if spec.iban else None
    if lease and spec.layout != "form":
        kind = spec.property_kind
        out.append(
            (
                "Kiralanan",
                [
                    rng.choice(
                        (
                            f"Kiralananın Adresi: {spec.property_address}",
                            f"Kiralanan, {spec.property_address} adresinde bulunan {kind} "
                            "niteliğindeki taşınmazdır.",
                        )
                    ),
                    f"Kiralananın cinsi {kind} olup demirbaşlar: {', '.join(spec.fixtures)}.",
                ],
            )
        )
        ends = f" ve {end} tarihinde sona erer" if end else ""
        out.append(
            (
                "Kira Süresi",
                [
                    rng.choice(
                        (
                            f"Kira süresi {term} olup, kira {start} tarihinde başlar{ends}.",
                            f"Kira müddeti {term} olup {start} tarihinden itibaren geçerlidir."
                            + (f" Kira {end} tarihinde sona erer." if end else ""),
                            f"Kira başlangıç tarihi {start} olup kira süresi {term}"
                            + (f", kira bitiş tarihi {end}" if end else "")
                            + " olarak belirlenmiştir.",
                        )
                    )
                ],
            )
        )
        yearly = (
            f", yıllık kira bedeli ise {w.money(spec.yearly_amount)} olarak"
            if spec.yearly_amount is not None
            else ""
        )
        out.append(
            (
                rng.choice(("Kira Bedeli", "Kira Bedeli ve Ödeme")),
                [
                    rng.choice(
                        (
                            f"Aylık kira bedeli {money} olup{yearly} taraflarca "
                            "kararlaştırılmıştır.",
                            f"{b}, kiralanan için aylık {money} kira bedeli ödemeyi kabul "
                            f"eder{yearly.replace(' olarak', '')}.",
                        )
                    ),
                    f"Kira bedeli {pay_day} {gen(a)} {iban} IBAN numaralı hesabına yatırılır."
                    if iban
                    else f"Kira bedeli {pay_day} elden ödenir.",
                ],
            )
        )
        if spec.deposit is not None:
            out.append(
                (
                    rng.choice(("Depozito", "Güvence Bedeli")),
                    [
                        rng.choice(
                            (
                                f"{b}, güvence bedeli olarak {w.money_words(spec.deposit)} "
                                f"tutarını {dat(a)} ödemiştir.",
                                f"Depozito bedeli {w.money_words(spec.deposit)} olup kira "
                                "sonunda hasar tespiti yapıldıktan sonra iade edilir.",
                            )
                        )
                    ],
                )
            )
    if lease:
        out.append(
            (
                "Kullanım ve Bakım",
                [
                    f"{b}, kiralananı özenle kullanmak ve komşulara saygı göstermekle yükümlüdür. "
                    f"{b}, kiralananı {gen(a)} yazılı izni olmadan başkasına kiralayamaz, alt "
                    "kiraya veremez ve kullanım amacını değiştiremez.",
                    f"Kiralananın olağan kullanımından doğan küçük onarımlar {dat(b)}, esaslı "
                    f"onarımlar {dat(a)} aittir. Elektrik, su, doğalgaz ve aidat giderleri {b} "
                    "tarafından ödenir.",
                ],
            )
        )
        out.append(
            (
                "Kira Artışı",
                [
                    "Kira bedeli her kira yılı sonunda bir önceki kira yılında Türkiye İstatistik "
                    "Kurumu tarafından açıklanan tüketici fiyat endeksindeki on iki aylık "
                    "ortalamalara göre değişim oranında artırılır.",
                ],
            )
        )
    if employment:
        out.append(
            (
                rng.choice(("Konu ve Görev", "Görev ve Çalışma Yeri")),
                [
                    rng.choice(
                        (
                            f"{b}, {dat(a)} ait işyerinde “{spec.subject}” olarak çalışacaktır.",
                            f"Görevi: {spec.subject}",
                        )
                    ),
                    f"{b}, görev tanımında yer alan işleri {gen(a)} talimatlarına uygun olarak "
                    f"yerine getirir. {a}, {acc(b)} iş sözleşmesi ve mevzuat çerçevesinde aynı "
                    "il sınırları içindeki başka bir işyerinde de görevlendirebilir.",
                    f"Çalışma yeri: {first.address}",
                ],
            )
        )
        if spec.kind == "employment_indefinite":
            text = rng.choice(
                (
                    f"İşbu sözleşme {start} tarihinde başlamak üzere belirsiz süreli olarak "
                    "akdedilmiştir.",
                    f"İşe başlama tarihi {start} olup sözleşme belirsiz sürelidir.",
                )
            )
        else:
            text = (
                f"İşbu sözleşme {term} süreli olup {start} tarihinde başlar ve {end} tarihinde "
                "sona erer. Sözleşme, objektif koşullara bağlı olarak belirli süreli yapılmıştır."
            )
        out.append(("Sözleşmenin Süresi", [text]))
        if spec.probation_months:
            n = w.count(spec.probation_months, "ay")
            out.append(
                (
                    "Deneme Süresi",
                    [
                        rng.choice(
                            (
                                f"Taraflar arasında {n} deneme süresi kararlaştırılmıştır.",
                                f"Deneme süresi {n} olarak belirlenmiştir. Bu süre içinde taraflar "
                                "sözleşmeyi bildirim süresine gerek olmaksızın ve tazminatsız "
                                "feshedebilir.",
                            )
                        )
                    ],
                )
            )
        pay = (
            f"Ücret {pay_day} {gen(b)} {iban} IBAN numaralı banka hesabına yatırılır."
            if iban
            else (f"Ücret {pay_day} {gen(b)} banka hesabına yatırılır.")
        )
        out.append(
            (
                "Ücret",
                [
                    rng.choice(
                        (
                            f"{gen(b)} aylık brüt ücreti {money} olarak belirlenmiştir.",
                            f"Aylık brüt ücret: {money}",
                        )
                    ),
                    pay,
                    "Fazla çalışma ücretleri 4857 sayılı İş Kanunu hükümlerine göre hesaplanır.",
                ],
            )
        )
        out.append(
            (
                "Çalışma Süresi",
                [
                    "Haftalık çalışma süresi 45 saattir. Günlük çalışma saatleri işyeri "
                    "düzenine göre belirlenir; ara dinlenmeleri çalışma süresinden sayılmaz.",
                ],
            )
        )
    if spec.kind == "service":
        out.append(
            (
                "Sözleşmenin Konusu",
                [
                    rng.choice(
                        (
                            f"İşbu sözleşmenin konusu, {a} tarafından {dat(b)} verilecek "
                            f"“{spec.subject}” ile ilgili olarak tarafların hak ve "
                            "yükümlülüklerinin belirlenmesidir.",
                            f"Sözleşmenin Konusu: {spec.subject}",
                        )
                    )
                ],
            )
        )
        ends = f" Sözleşme {end} tarihinde kendiliğinden sona erer." if end else ""
        out.append(
            (
                "Süre",
                [
                    rng.choice(
                        (
                            f"Sözleşme {start} tarihinde yürürlüğe girer ve {term} süreyle "
                            f"geçerlidir.{ends}",
                            f"Sözleşmenin başlangıç tarihi {start}, süresi {term}"
                            + (f", bitiş tarihi {end}" if end else "")
                            + ".",
                        )
                    )
                ],
            )
        )
        pre, post = _kdv(spec, rng)
        label = {"monthly": "Aylık hizmet bedeli", "yearly": "Yıllık hizmet bedeli",
                 "one_off": "Toplam hizmet bedeli"}[spec.amount_period]  # fmt: skip
        once = (
            " olup tek seferde ödenir"
            if spec.amount_period == "one_off"
            else " olarak belirlenmiştir"
        )
        out.append(
            (
                rng.choice(("Hizmet Bedeli", "Sözleşme Bedeli")),
                [f"{label} {pre}{money}{post}{once}."],
            )
        )
        when = pay_day or "faturanın tebliğinden itibaren 30 gün içinde"
        target = f"{gen(a)} {iban} IBAN numaralı hesabına" if iban else f"{gen(a)} banka hesabına"
        out.append(
            (
                "Ödeme Koşulları",
                [
                    f"{a}, hizmet bedeline ilişkin faturayı düzenler. {b}, bedeli {when} {target} "
                    "öder. Geciken ödemeler için yasal gecikme faizi uygulanır.",
                ],
            )
        )
    if spec.penalty is not None:
        text = (
            f"{b}, kiralananı sözleşme sonunda tahliye etmediği takdirde {dat(a)} "
            f"{w.money_words(spec.penalty)} cezai şart ödemeyi kabul eder."
            if lease
            else "Taraflardan birinin sözleşmeye aykırı davranması halinde, aykırı davranan "
            f"taraf diğer tarafa {w.money_words(spec.penalty)} cezai şart ödemeyi kabul ve "
            "taahhüt eder."
        )
        out.append(("Cezai Şart", [text]))
    if not lease:
        out.append(
            (
                "Gizlilik",
                [
                    "Taraflar, sözleşmenin ifası sırasında öğrendikleri ticari sırları, müşteri "
                    "bilgilerini ve diğer gizli bilgileri sözleşme süresince ve sona ermesinden "
                    "sonra da üçüncü kişilere açıklamamayı kabul eder.",
                ],
            )
        )
        out.append(
            (
                "Kişisel Verilerin Korunması",
                [
                    "Taraflar, 6698 sayılı Kişisel Verilerin Korunması Kanunu uyarınca "
                    "birbirlerinden edindikleri kişisel verileri yalnızca sözleşmenin ifası "
                    "amacıyla ve kanuna uygun olarak işleyeceklerini, gerekli teknik ve idari "
                    "tedbirleri alacaklarını kabul eder.",
                ],
            )
        )
    notice = []
    if spec.notice_days:
        notice.append(
            rng.choice(
                (
                    f"Taraflardan her biri, en az {w.count(*_unit(spec.notice_unit))} önceden "
                    "yazılı bildirimde bulunmak kaydıyla sözleşmeyi feshedebilir.",
                    f"Fesih için ihbar süresi {w.count(*_unit(spec.notice_unit))} olarak "
                    "uygulanır.",
                )
            )
        )
    if employment:
        notice.insert(
            0,
            "Taraflar, 4857 sayılı İş Kanunu'nun 17. maddesinde belirtilen bildirim sürelerine "
            "uymak kaydıyla sözleşmeyi feshedebilir. Haklı nedenle fesih hakları saklıdır.",
        )
    if lease:
        notice.append(
            f"{b}, kira süresinin bitiminden önce kiralananı tahliye etmek isterse durumu "
            f"{dat(a)} yazılı olarak bildirir."
        )
    out.append((rng.choice(("Fesih", "Fesih ve İhbar", "Sözleşmenin Feshi")), notice))
    for extra in spec.extra_clauses:
        out.append(EXTRA_TEXT[extra])
    out.append(
        (
            rng.choice(("Yetkili Mahkeme", "Uyuşmazlıkların Çözümü")),
            [
                rng.choice(
                    (
                        f"İşbu sözleşmeden doğacak uyuşmazlıkların çözümünde {spec.court} "
                        "yetkilidir.",
                        f"Taraflar arasında çıkabilecek uyuşmazlıklarda {spec.court} yetkili "
                        "kılınmıştır.",
                    )
                )
            ],
        )
    )
    return out


def _unit(text: str) -> tuple[int, str]:
    n, unit = text.split()
    return int(n), unit


EXTRA_TEXT = {
    "tebligat": (
        "Tebligat",
        [
            "Tarafların işbu sözleşmede yazılı adresleri kanuni tebligat adresleridir. Adres "
            "değişikliği diğer tarafa yazılı olarak bildirilmedikçe eski adrese yapılan "
            "tebligatlar geçerli sayılır.",
        ],
    ),
    "mucbir": (
        "Mücbir Sebepler",
        [
            "Deprem, yangın, sel, salgın hastalık, savaş ve benzeri tarafların kontrolü dışında "
            "gelişen olaylar mücbir sebep sayılır. Mücbir sebep süresince tarafların edimleri "
            "askıya alınır; mücbir sebep doksan günden uzun sürerse taraflar sözleşmeyi "
            "feshedebilir.",
        ],
    ),
    "degisiklik": (
        "Sözleşme Değişiklikleri",
        [
            "İşbu sözleşmede yapılacak her türlü değişiklik ancak tarafların yazılı mutabakatı "
            "ile geçerlidir. Sözlü anlaşmalar hüküm ifade etmez.",
        ],
    ),
    "devir": (
        "Devir ve Temlik",
        [
            "Taraflar, diğer tarafın yazılı onayı olmaksızın işbu sözleşmeden doğan hak ve "
            "yükümlülüklerini kısmen veya tamamen üçüncü kişilere devir ve temlik edemez.",
        ],
    ),
    "vergi": (
        "Vergi, Resim ve Harçlar",
        [
            "İşbu sözleşmeden doğan damga vergisi taraflarca eşit olarak ödenir. Diğer vergi, "
            "resim ve harçlar ilgili mevzuata göre yükümlüsü tarafından karşılanır.",
        ],
    ),
    "delil": (
        "Delil Sözleşmesi",
        [
            "Taraflar, işbu sözleşmeden doğacak uyuşmazlıklarda tarafların ticari defterleri, "
            "bilgisayar ve elektronik posta kayıtlarının Hukuk Muhakemeleri Kanunu'nun 193. "
            "maddesi uyarınca kesin delil teşkil edeceğini kabul eder.",
        ],
    ),
    "butunluk": (
        "Bölünebilirlik",
        [
            "Sözleşmenin herhangi bir hükmünün geçersiz sayılması diğer hükümlerin geçerliliğini "
            "etkilemez. Taraflar geçersiz hükmün yerine amacına en yakın geçerli bir hüküm "
            "koymak için iyi niyetle görüşür.",
        ],
    ),
    "ekler": (
        "Ekler",
        [
            "Sözleşmenin ekleri sözleşmenin ayrılmaz parçasıdır. Ekler ile sözleşme hükümleri "
            "arasında çelişki olması halinde sözleşme hükümleri uygulanır.",
        ],
    ),
}


BOILERPLATE = (
    "Taraflar, işbu maddede düzenlenen yükümlülüklerin yerine getirilmesinde dürüstlük kuralına "
    "uygun davranmayı, diğer tarafın haklı menfaatlerini gözetmeyi kabul eder.",
    "Bu maddede hüküm bulunmayan hallerde 6098 sayılı Türk Borçlar Kanunu ve ilgili mevzuat "
    "hükümleri uygulanır; yazılı bildirimler iadeli taahhütlü mektup veya noter aracılığıyla "
    "yapılır.",
    "Taraflardan birinin bu maddeden doğan bir hakkını kullanmaması veya geç kullanması, o "
    "haktan feragat ettiği anlamına gelmez; haklar saklıdır.",
    "Yükümlülüklerin ifası sırasında ortaya çıkan tutanaklar, yazışmalar ve teslim belgeleri "
    "taraflarca saklanır ve talep halinde diğer tarafa makul süre içinde ibraz edilir.",
    "Taraflar, sözleşmenin uygulanmasına ilişkin görüş ayrılıklarını öncelikle iyi niyetli "
    "müzakere yoluyla çözmeye çalışır; müzakereler sonuç vermezse yargı yoluna başvurulabilir.",
)


def compose(spec: ContractSpec, rng: random.Random) -> tuple[list[Block], Wording]:
    """The blocks of the whole contract, in reading order."""
    w = Wording(rng, spec.currency, spec.date_style, spec.words_style)
    blocks: list[Block] = [Title(spec.title)]
    clauses = clause_texts(spec, w, rng)
    number = 0
    section: str | None = None
    if spec.layout == "form":
        blocks.append(Table(tuple(_form_rows(spec, w, rng)), boxed=True))
        section = "GENEL ŞARTLAR"
        blocks.append(Section(section))
        special_from = len(clauses) - rng.randrange(2, 4)
    else:
        special_from = len(clauses) + 1
        intro = rng.choice(("Taraflar", "Sözleşmenin Tarafları"))
        number += 1
        blocks.append(_heading(spec, number, intro, section, rng))
        for k, p in enumerate(spec.parties):
            party = party_blocks(p, spec.layout, rng)
            if spec.numbering == "decimal" and isinstance(party[0], Para):
                party[0] = Para(f"{number}.{k + 1} {party[0].text}", party[0].bold)
            blocks += party
    final_sentence = None
    if spec.date_place_style == "sentence":
        final_sentence = (
            f"İşbu sözleşme {w.date(spec.contract_date)} tarihinde "
            f"{spec.place}{PLACE_SUFFIX[spec.place]} iki nüsha olarak düzenlenip imzalanmıştır."
        )
    elif spec.date_place_style == "table" and spec.layout != "form":
        blocks.insert(
            1,
            Table(
                (("Sözleşme Tarihi", w.date(spec.contract_date)), ("Düzenlendiği Yer", spec.place)),
                boxed=False,
            ),
        )
    padding = [[] for _ in clauses]
    for k in range(spec.padding):
        padding[rng.randrange(len(clauses))].append(BOILERPLATE[k % len(BOILERPLATE)])
    for i, (heading, paragraphs) in enumerate(clauses):
        paragraphs = [*paragraphs, *padding[i]]
        if i == special_from:
            section = "ÖZEL ŞARTLAR"
            blocks.append(Section(section))
        number += 1
        blocks.append(_heading(spec, number, heading, section, rng))
        if final_sentence and i == len(clauses) - 1:
            paragraphs = [*paragraphs, final_sentence]
        for j, text in enumerate(paragraphs):
            if spec.numbering == "decimal" and len(paragraphs) > 1:
                text = f"{number}.{j + 1} {text}"
            blocks.append(Para(text))
    place_date = None
    if spec.date_place_style == "signature":
        place_date = f"{spec.place}, {w.date(spec.contract_date)}"
    blocks.append(Signatures(spec.parties, place_date))
    return blocks, w


def _heading(spec: ContractSpec, number: int, heading: str, section: str | None, rng) -> Heading:
    printed = clause_heading(spec.numbering, number, heading, rng)
    shown = printed.split(" ", 1)[1] if spec.numbering == "decimal" else printed
    if spec.numbering == "decimal":
        shown_heading = shown
    elif "\n" in printed:
        shown_heading = printed.split("\n", 1)[1]
    else:
        shown_heading = printed.split(":" if ": " in printed else " –", 1)[-1]
        for sep in (" – ", " - ", ": ", " — "):
            if sep in printed:
                shown_heading = printed.split(sep, 1)[1]
                break
    return Heading(number, printed, shown_heading.strip(), section)
