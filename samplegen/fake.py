"""Fictitious Turkish parties: company and person names, addresses, phones, tax offices.

Every value is drawn from a ``random.Random``. Names are combinations of common
words and surnames, not real businesses; tax offices, districts and provinces
are real place names so that addresses look right.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samplegen.casing import tr_lower, tr_upper

FIRST_NAMES_F = (
    "Ayşe",
    "Gülşen",
    "Özge",
    "Tuğçe",
    "Şebnem",
    "İpek",
    "Ilgın",
    "Çiğdem",
    "Gözde",
    "Müge",
    "Şule",
    "Büşra",
    "Elif",
    "Nurgül",
    "Sevgi",
    "Dilek",
    "Ebru",
    "Gökçe",
    "Hülya",
    "Yağmur",
    "Zeynep",
    "Öykü",
    "Ümran",
    "Sıla",
    "Aslı",
    "Şükran",
)
FIRST_NAMES_M = (
    "Mehmet",
    "Çağrı",
    "İsmail",
    "Şükrü",
    "Ömer",
    "Ümit",
    "Oğuz",
    "Barış",
    "Gökhan",
    "Ertuğrul",
    "Hüseyin",
    "İlker",
    "Tayfun",
    "Doğan",
    "Uğur",
    "Kıvanç",
    "Yiğit",
    "Emre",
    "Özgür",
    "Sinan",
    "Bülent",
    "Cüneyt",
    "Alper",
    "Tolga",
    "İlhan",
    "Serkan",
)
SURNAMES = (
    "Yılmaz",
    "Çelik",
    "Şahin",
    "Öztürk",
    "Yıldız",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Güneş",
    "Karaağaç",
    "Çınar",
    "Özdemir",
    "Aydın",
    "Koç",
    "Kurtuluş",
    "Işık",
    "Bozkurt",
    "Gündoğdu",
    "Ünal",
    "Akgül",
    "Şimşek",
    "Kaya",
    "Erçetin",
    "Tunçbilek",
    "Sönmez",
    "Demirtaş",
    "Karakuş",
    "Çağlayan",
    "Gölcük",
    "Uçar",
    "Dağdelen",
    "Ilıcak",
    "Özçelik",
)
COMPANY_ROOTS = (
    "Yıldızoğlu",
    "Karaçam",
    "Göktaş",
    "Özdemirler",
    "Çınaraltı",
    "Ertuğrul",
    "Şimşekler",
    "Akçağlar",
    "Güneydoğu",
    "Ilıca",
    "Dağdelen",
    "Ünlüsoy",
    "Kuşçuoğlu",
    "Erçelik",
    "Tuğrul",
    "Sönmezler",
    "Işıklar",
    "Gündoğdu",
    "İpekyolu",
    "Öncü",
    "Türkmenoğlu",
    "Çağlayan",
    "Şenocak",
    "Bozkırlı",
    "Yeşilvadi",
    "Karadağlı",
    "Gökçeada",
    "Uluçınar",
    "Boğaziçi",
    "Ege Işık",
    "Kızılkaya",
    "Aksöğüt",
    "Mavişehir",
    "Toroslu",
    "Ağaçlı",
)
SECTORS = (
    "Gıda",
    "İnşaat Taahhüt",
    "Tekstil",
    "Bilişim Teknolojileri",
    "Mühendislik",
    "Lojistik",
    "Otomotiv",
    "Elektrik Elektronik",
    "Mobilya",
    "Kimya",
    "Ambalaj",
    "Turizm",
    "Tarım Ürünleri",
    "Medikal",
    "Makine",
    "Enerji",
    "Danışmanlık",
    "Yazılım",
    "Matbaacılık",
    "Temizlik Hizmetleri",
    "Yemek Üretim",
    "Isıtma Soğutma",
    "Kırtasiye",
)
LEGAL_FORMS = (
    "Sanayi ve Ticaret Limited Şirketi",
    "San. ve Tic. Ltd. Şti.",
    "Sanayi ve Ticaret Anonim Şirketi",
    "San. Tic. A.Ş.",
    "Ticaret Ltd. Şti.",
    "A.Ş.",
    "İthalat İhracat San. ve Tic. Ltd. Şti.",
    "Limited Şirketi",
    "Pazarlama ve Dış Ticaret A.Ş.",
)
NEIGHBOURHOODS = (
    "Cumhuriyet",
    "Atatürk",
    "Fatih",
    "Yeşilyurt",
    "Gülbahçe",
    "Çamlıca",
    "Kızılırmak",
    "Şirinevler",
    "Bağlarbaşı",
    "Hürriyet",
    "İnönü",
    "Mimar Sinan",
    "Ülkü",
    "Gökçeyurt",
    "Çiçekli",
    "Yenişehir",
    "Esentepe",
    "Güzeltepe",
    "Kocatepe",
    "Barış",
    "Şehitler",
    "İstasyon",
    "İstiklal",
    "Küçükçamlıca",
    "Söğütlüçeşme",
    "Ilıcaboğazı",
    "Karşıyaka",
)
STREETS = (
    "Gazi",
    "Atatürk",
    "İstiklal",
    "Cumhuriyet",
    "Şehit Mustafa Öztürk",
    "Gül",
    "Menekşe",
    "Çınar",
    "Kavaklı",
    "Bağdat",
    "Ihlamur",
    "Değirmen",
    "Ayçiçeği",
    "Şair Nedim",
    "Öğretmenler",
    "Yavuz Selim",
    "Kuşdili",
    "Ilgaz",
    "Güvercin",
    "Fıstıklı",
    "Söğüt",
)
# (district, province, telephone area code, postal code prefix)
PLACES = (
    ("Kadıköy", "İstanbul", "216", "347"),
    ("Üsküdar", "İstanbul", "216", "346"),
    ("Beşiktaş", "İstanbul", "212", "343"),
    ("Şişli", "İstanbul", "212", "343"),
    ("Bağcılar", "İstanbul", "212", "342"),
    ("Çankaya", "Ankara", "312", "066"),
    ("Yenimahalle", "Ankara", "312", "063"),
    ("Keçiören", "Ankara", "312", "062"),
    ("Karşıyaka", "İzmir", "232", "355"),
    ("Bornova", "İzmir", "232", "350"),
    ("Nilüfer", "Bursa", "224", "161"),
    ("Osmangazi", "Bursa", "224", "160"),
    ("Seyhan", "Adana", "322", "010"),
    ("Muratpaşa", "Antalya", "242", "070"),
    ("Şahinbey", "Gaziantep", "342", "272"),
    ("Selçuklu", "Konya", "332", "420"),
    ("Tepebaşı", "Eskişehir", "222", "260"),
    ("Odunpazarı", "Eskişehir", "222", "260"),
    ("Atakum", "Samsun", "362", "552"),
    ("Ortahisar", "Trabzon", "462", "610"),
    ("Pamukkale", "Denizli", "258", "200"),
    ("İzmit", "Kocaeli", "262", "410"),
    ("Gebze", "Kocaeli", "262", "414"),
    ("Merkezefendi", "Denizli", "258", "201"),
)
TAX_OFFICES = {
    "İstanbul": (
        "Kadıköy",
        "Üsküdar",
        "Beşiktaş",
        "Şişli",
        "Boğaziçi Kurumlar",
        "Büyük Mükellefler",
        "Kozyatağı",
        "Mecidiyeköy",
        "Göztepe",
        "Güngören",
    ),
    "Ankara": ("Çankaya", "Yenimahalle", "Ostim", "Hitit", "Kavaklıdere", "Maltepe"),
    "İzmir": ("Karşıyaka", "Bornova", "Kordon", "Hasan Tahsin", "Kemeraltı"),
    "Bursa": ("Nilüfer", "Osmangazi", "Uludağ", "Çekirge"),
    "Adana": ("Seyhan", "Ziyapaşa", "Yüreğir"),
    "Antalya": ("Muratpaşa", "Antalya Kurumlar", "Düden"),
    "Gaziantep": ("Şahinbey", "Gazikent", "Suburcu"),
    "Konya": ("Selçuk", "Meram", "Alaaddin"),
    "Eskişehir": ("Eskişehir", "Odunpazarı", "Tepebaşı"),
    "Samsun": ("Gaziler", "Zafer", "19 Mayıs"),
    "Trabzon": ("Karadeniz", "Hızırbey"),
    "Denizli": ("Pamukkale", "Saraylar", "Gökpınar"),
    "Kocaeli": ("Tepecik", "Gebze", "Alemdağ"),
}
EMAIL_USERS = ("info", "muhasebe", "fatura", "satis", "iletisim", "finans", "destek")
_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def ascii_fold(text: str) -> str:
    """Turkish letters to ASCII for e-mail addresses and domains."""
    return text.translate(_ASCII)


@dataclass(frozen=True)
class Party:
    """A seller or buyer exactly as printed. ``None`` = not printed."""

    name: str
    is_person: bool
    vkn: str | None
    tckn: str | None
    tax_office: str | None
    address_lines: tuple[str, ...]
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    web: str | None = None
    mersis: str | None = None

    @property
    def address(self) -> str:
        """The printed address lines joined by single spaces (the ground truth)."""
        return " ".join(self.address_lines)


def person_name(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES_F if rng.random() < 0.5 else FIRST_NAMES_M)
    if rng.random() < 0.2:
        second = rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)
        if second != first:
            first = f"{first} {second}"
    return f"{first} {rng.choice(SURNAMES)}"


def company_name(rng: random.Random) -> tuple[str, str]:
    """(full trade name, short brand) e.g. ("Karaçam Gıda San. Tic. A.Ş.", "Karaçam")."""
    root = rng.choice(COMPANY_ROOTS)
    parts = [root]
    if rng.random() < 0.15:
        parts.append(rng.choice(("Kardeşler", "Grup", "ve Ortakları")))
    parts.append(rng.choice(SECTORS))
    if rng.random() < 0.2:
        parts.append(rng.choice(("Nakliyat", "Pazarlama", "Müşavirlik", "Hizmetleri")))
    parts.append(rng.choice(LEGAL_FORMS))
    return " ".join(parts), root


def address_lines(rng: random.Random, place: tuple[str, str, str, str]) -> tuple[str, ...]:
    district, province, _area, postal = place
    mah = rng.choice(NEIGHBOURHOODS) + rng.choice((" Mah.", " Mahallesi", " Mah."))
    kind = rng.random()
    if kind < 0.4:
        street = rng.choice(STREETS) + rng.choice((" Cad.", " Caddesi", " Cd."))
    elif kind < 0.85:
        street = (
            rng.choice(STREETS)
            + rng.choice((" Sok.", " Sokak", " Sk."))
            + (f" {rng.randrange(1, 40)}." if rng.random() < 0.2 else "")
        )
    else:
        street = rng.choice(STREETS) + " Bulvarı"
    number = rng.choice(("No:", "No: ", "No ")) + str(rng.randrange(1, 240))
    if rng.random() < 0.5:
        number += rng.choice(("/", " D:", " Daire:", "/")) + str(rng.randrange(1, 30))
    if rng.random() < 0.15:
        number += f" Kat:{rng.randrange(1, 12)}"
    province_text = tr_upper(province) if rng.random() < 0.6 else province
    postcode = postal + f"{rng.randrange(0, 100):02d}"
    city = rng.choice(
        (
            f"{district}/{province_text}",
            f"{district} / {province_text}",
            f"{postcode} {district}/{province_text}",
            f"{district} {province_text}",
        )
    )
    lines = [f"{mah} {street} {number}", city]
    if rng.random() < 0.25:
        lines = [f"{mah} {street}", f"{number} {city}"]
    return tuple(lines)


def phone_number(rng: random.Random, area: str, mobile: bool = False) -> str:
    prefix = rng.choice(("532", "533", "542", "505", "555", "544")) if mobile else area
    a, b, c = rng.randrange(200, 1000), rng.randrange(10, 100), rng.randrange(10, 100)
    return rng.choice(
        (
            f"0{prefix} {a} {b} {c}",
            f"0 ({prefix}) {a} {b} {c}",
            f"+90 {prefix} {a} {b} {c}",
            f"({prefix}) {a}-{b}{c}",
            f"0{prefix}{a}{b}{c}",
        )
    )


def random_party(
    rng: random.Random,
    *,
    person: bool,
    vkn: str,
    tckn: str,
    with_contact: float = 0.6,
    upper_names: bool | None = None,
    with_tax_office: bool | None = None,
) -> Party:
    """A party; ``vkn``/``tckn`` come from ``samplegen.identifiers``."""
    place = rng.choice(PLACES)
    _district, province, area, _postal = place
    if person:
        name, brand = person_name(rng), ""
    else:
        name, brand = company_name(rng)
    if upper_names is None:
        upper_names = rng.random() < 0.35
    if upper_names:
        name = tr_upper(name)
    slug = ascii_fold(tr_lower((brand or name).split()[-1 if person else 0])).replace(" ", "")
    domain = slug + rng.choice(
        ("", "grup", "-" + ascii_fold(tr_lower(rng.choice(SECTORS).split()[0])))
    )
    domain += rng.choice((".com.tr", ".com", ".com.tr"))
    phone = None
    email = None
    web = None
    fax = None
    if rng.random() < with_contact:
        phone = phone_number(rng, area, mobile=person and rng.random() < 0.7)
    if rng.random() < with_contact:
        if person:
            email = ascii_fold(tr_lower(name.replace(" ", "."))) + rng.choice(
                ("@gmail.com", "@hotmail.com", "@yandex.com", "@outlook.com")
            )
        else:
            email = rng.choice(EMAIL_USERS) + "@" + domain
    if not person and rng.random() < with_contact * 0.7:
        web = rng.choice(("www.", "https://www.", "")) + domain
    if not person and rng.random() < 0.2:
        fax = phone_number(rng, area)
    tax_office = None
    if with_tax_office is None:
        with_tax_office = not person or rng.random() < 0.3
    if with_tax_office:
        tax_office = rng.choice(TAX_OFFICES[province])
        tax_office = tr_upper(tax_office) if rng.random() < 0.5 else tax_office
    return Party(
        name=name,
        is_person=person,
        vkn=None if person else vkn,
        tckn=tckn if person else None,
        tax_office=tax_office,
        address_lines=address_lines(rng, place),
        phone=phone,
        fax=fax,
        email=email,
        web=web,
    )
