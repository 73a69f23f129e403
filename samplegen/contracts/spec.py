"""What a contract says, drawn at random: parties, dates, money, wordings, layout choices."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from samplegen.casing import tr_upper
from samplegen.fake import NEIGHBOURHOODS, PLACES, STREETS, company_name, person_name
from samplegen.identifiers import random_mersis, random_tckn, random_tr_iban, random_vkn

KINDS = (
    "residential_lease",
    "commercial_lease",
    "employment_indefinite",
    "employment_fixed",
    "service",
)
ROLES = {
    "residential_lease": ("kiraya veren", "kiracı"),
    "commercial_lease": ("kiraya veren", "kiracı"),
    "employment_indefinite": ("işveren", "işçi"),
    "employment_fixed": ("işveren", "işçi"),
    "service": ("hizmet veren", "hizmet alan"),
}
# printed names of each role (nominative); the canonical role is the key
ROLE_WORDS = {
    "kiraya veren": ("Kiraya Veren", "Mal Sahibi", "Kiralayan"),
    "kiracı": ("Kiracı",),
    "işveren": ("İşveren", "Şirket"),
    "işçi": ("İşçi", "Çalışan", "Personel"),
    "hizmet veren": ("Hizmet Veren", "Yüklenici"),
    "hizmet alan": ("Hizmet Alan", "Müşteri"),
}
COURT_CITIES = {
    "İstanbul": ("Anadolu", "Çağlayan", "Bakırköy"),
    "Ankara": ("Batı",),
    "İzmir": (),
    "Bursa": (),
    "Antalya": (),
    "Kocaeli": (),
}
JOBS = (
    "Muhasebe Uzmanı",
    "Satış Temsilcisi",
    "Yazılım Geliştirici",
    "İnsan Kaynakları Uzmanı",
    "Depo Sorumlusu",
    "Proje Yöneticisi",
    "Grafik Tasarımcı",
    "Müşteri Temsilcisi",
    "Lojistik Planlama Uzmanı",
    "Elektrik Teknisyeni",
)
SERVICES = (
    "yazılım bakım ve destek hizmetleri",
    "kurumsal web sitesi tasarımı ve bakımı",
    "mali müşavirlik ve muhasebe hizmetleri",
    "bina temizlik ve hijyen hizmetleri",
    "bilgi güvenliği danışmanlığı",
    "sosyal medya yönetimi ve dijital pazarlama",
    "personel taşımacılığı hizmetleri",
    "çeviri ve redaksiyon hizmetleri",
    "iş sağlığı ve güvenliği hizmetleri",
)
FIXTURES = (
    "kombi",
    "mutfak dolapları",
    "ankastre fırın",
    "klima",
    "çelik kapı",
    "banyo dolabı",
    "vestiyer",
    "aydınlatma armatürleri",
)


@dataclass(frozen=True)
class RepSpec:
    """A company's representative (yetkili / temsilci) signing for it."""

    name: str
    title: str
    tckn: str | None


@dataclass(frozen=True)
class PartySpec:
    role: str  # canonical role
    role_word: str  # as printed, e.g. "Mal Sahibi"
    person: bool
    name: str
    tckn: str | None
    vkn: str | None
    mersis: str | None
    tax_office: str | None
    address: str
    sgk: str | None = None  # SGK işyeri sicil no (employers)
    # prose families only (``samplegen.contracts.variation``); the classic layouts print none
    representatives: tuple[RepSpec, ...] = ()
    birth_date: date | None = None
    birth_place: str | None = None
    passport: str | None = None  # a foreign person's passport number, instead of a TCKN
    nationality: str | None = None
    sgk_no: str | None = None  # a worker's SGK sicil (sigorta) no


@dataclass(frozen=True)
class ContractSpec:
    kind: str
    title: str
    layout: str  # "form" (lease field table), "kv" (party blocks), "inline" (party paragraphs)
    numbering: str  # "madde", "madde_upper", "decimal", "ordinal"
    contract_date: date
    place: str
    date_place_style: str  # "sentence", "signature", "table"
    date_style: str
    parties: tuple[PartySpec, PartySpec]
    start_date: date
    term_months: int | None
    end_date: date | None  # None: not printed
    amount: Decimal
    currency: str
    amount_period: str  # monthly / yearly / one_off
    amount_words: int  # the whole number the words say (differs from amount on purpose: review)
    words_style: str
    yearly_printed: bool
    kdv_included: bool | None
    payment_day: int | None
    iban: str | None
    deposit: Decimal | None
    subject: str | None  # job title / service
    property_address: str | None
    property_parts: tuple[str, str, str, str] | None  # mahalle, sokak, numara, ilçe/il
    property_kind: str | None
    notice_days: int | None
    notice_unit: str  # "gün", "hafta", "ay"
    probation_months: int | None
    penalty: Decimal | None
    court: str
    extra_clauses: tuple[str, ...]
    stamp: bool = False
    padding: int = 0  # extra boilerplate paragraphs spread over the clauses (longer contracts)
    fixtures: tuple[str, ...] = field(default_factory=tuple)
    # prose families only (``samplegen.contracts.variation``); "classic" prints none of these
    style: str = "classic"  # "classic", "prose_a" (tuning), "prose_b" (held-out writing style)
    guarantor: PartySpec | None = None  # kefil (a person)
    kdv_rate: int | None = None  # printed beside a service fee
    words_form: str = "paren"  # how the amount in words is printed around the figures
    special_clause: str | None = None  # "health" / "disability" clause in an employment contract
    payment_rule: str | None = None  # a due day as a rule ("son iş günü"), general_a only

    @property
    def yearly_amount(self) -> Decimal | None:
        return self.amount * 12 if self.yearly_printed and self.amount_period == "monthly" else None


def _address(rng: random.Random) -> tuple[tuple[str, str, str, str], str]:
    district, province, _area, _postal = rng.choice(PLACES)
    mah = rng.choice(NEIGHBOURHOODS) + rng.choice((" Mahallesi", " Mah."))
    street = rng.choice(STREETS) + rng.choice((" Caddesi", " Sokak", " Cad.", " Sk."))
    number = f"No: {rng.randrange(1, 180)}" + (
        rng.choice((f" Daire: {rng.randrange(1, 30)}", f"/{rng.randrange(1, 30)}", ""))
    )
    city = f"{district} / {tr_upper(province) if rng.random() < 0.6 else province}"
    parts = (mah, street, number, city)
    return parts, " ".join(parts)


def party(rng: random.Random, role: str, person: bool, *, employer: bool = False) -> PartySpec:
    word = rng.choice(ROLE_WORDS[role])
    if person:
        name = person_name(rng)
        if rng.random() < 0.3:
            name = tr_upper(name)
    else:
        name = company_name(rng)[0]
    _parts, address = _address(rng)
    sgk = None
    if employer:
        sgk = " ".join(
            (
                "2",
                f"{rng.randrange(1000, 9999)}",
                "01",
                "01",
                f"{rng.randrange(10**6, 10**7)}",
                f"{rng.randrange(1, 82):03d}",
                f"{rng.randrange(10, 99)}",
                f"{rng.randrange(10, 99)}",
                "000",
            )
        )
    return PartySpec(
        role=role,
        role_word=word,
        person=person,
        name=name,
        tckn=random_tckn(rng) if person else None,
        vkn=None if person else random_vkn(rng),
        mersis=None if person else random_mersis(rng),
        tax_office=None if person else rng.choice(("Kadıköy", "Mecidiyeköy", "Çankaya", "Konak")),
        address=address,
        sgk=sgk,
    )


def _money(rng: random.Random, low: int, high: int, step: int) -> Decimal:
    return Decimal(rng.randrange(low // step, high // step + 1) * step).quantize(Decimal("0.01"))


def add_months(start: date, months: int) -> date:
    """The day before the same day ``months`` later (a 12-month lease from 1 March ends 28 Feb)."""
    year, month = divmod(start.month - 1 + months, 12)
    day = min(start.day, calendar.monthrange(start.year + year, month + 1)[1])
    return date(start.year + year, month + 1, day) - timedelta(days=1)


def _title(rng: random.Random, kind: str) -> str:
    options = {
        "residential_lease": ("KONUT KİRA SÖZLEŞMESİ", "KİRA SÖZLEŞMESİ", "KONUT KİRA SÖZLEŞMESİ"),
        "commercial_lease": ("İŞYERİ KİRA SÖZLEŞMESİ", "İŞ YERİ KİRA SÖZLEŞMESİ"),
        "employment_indefinite": ("BELİRSİZ SÜRELİ İŞ SÖZLEŞMESİ", "İŞ SÖZLEŞMESİ"),
        "employment_fixed": ("BELİRLİ SÜRELİ İŞ SÖZLEŞMESİ",),
        "service": ("HİZMET SÖZLEŞMESİ", "HİZMET ALIM SÖZLEŞMESİ", "DANIŞMANLIK HİZMET SÖZLEŞMESİ"),
    }[kind]
    return rng.choice(options)


EXTRA = (
    "tebligat",
    "mucbir",
    "degisiklik",
    "devir",
    "vergi",
    "delil",
    "butunluk",
    "ekler",
)


def random_contract_spec(rng: random.Random, kind: str | None = None, **overrides) -> ContractSpec:
    kind = kind or rng.choice(KINDS)
    lease = kind.endswith("lease")
    employment = kind.startswith("employment")
    first_role, second_role = ROLES[kind]
    if lease:
        first = party(rng, first_role, rng.random() < 0.85)
        second = party(rng, second_role, not (kind == "commercial_lease" and rng.random() < 0.6))
    elif employment:
        first = party(rng, first_role, False, employer=True)
        second = party(rng, second_role, True)
    else:
        first = party(rng, first_role, rng.random() < 0.3)
        second = party(rng, second_role, False)
    contract_date = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 600))
    start = contract_date + timedelta(days=rng.randrange(0, 20))
    if lease:
        start = start.replace(day=1) if rng.random() < 0.7 else start
        start = max(start, contract_date)
    term = None
    end = None
    if kind != "employment_indefinite":
        term = rng.choice((12, 12, 24, 36, 6)) if not employment else rng.choice((6, 12, 18))
        if rng.random() < 0.5 or kind == "employment_fixed":
            end = add_months(start, term)
    currency = "TRY"
    if kind == "commercial_lease" and rng.random() < 0.3:
        currency = rng.choice(("USD", "EUR"))
    if lease:
        amount = _money(rng, 8000, 90000, 500) if currency == "TRY" else _money(rng, 800, 6000, 50)
        period = "monthly"
    elif employment:
        amount = _money(rng, 26000, 140000, 250)
        period = "monthly"
    else:
        period = rng.choice(("monthly", "yearly", "one_off"))
        amount = _money(rng, 10000, 900000, 1000)
    city = rng.choice(tuple(COURT_CITIES))
    areas = COURT_CITIES[city]
    if employment:
        court = f"{city} İş Mahkemeleri" + rng.choice(("", " ve İcra Daireleri"))
    else:
        area = f" ({rng.choice(areas)})" if areas and rng.random() < 0.6 else ""
        court = f"{city}{area} Mahkemeleri ve İcra " + rng.choice(("Daireleri", "Müdürlükleri"))
    parts, prop_address = _address(rng)
    notice_unit = rng.choice(("gün", "hafta")) if employment else rng.choice(("gün", "gün", "ay"))
    notice_n = {"gün": rng.choice((15, 30, 45, 60)), "hafta": rng.choice((2, 4, 6, 8)),
                "ay": rng.choice((1, 2, 3))}[notice_unit]  # fmt: skip
    notice_days = notice_n * {"gün": 1, "hafta": 7, "ay": 30}[notice_unit]
    iban = random_tr_iban(rng)[0] if (lease or rng.random() < 0.7) else None
    spec = ContractSpec(
        kind=kind,
        title=_title(rng, kind),
        layout=rng.choice(("form", "form", "kv", "inline"))
        if lease
        else rng.choice(("kv", "inline")),
        numbering=rng.choice(("madde", "madde_upper", "decimal", "ordinal", "madde_split")),
        contract_date=contract_date,
        place=city,
        date_place_style=rng.choice(("sentence", "signature", "table")),
        date_style=rng.choice(("dot", "slash", "long", "dot")),
        parties=(first, second),
        start_date=start,
        term_months=term,
        end_date=end,
        amount=amount,
        currency=currency,
        amount_period=period,
        amount_words=int(amount),
        words_style=rng.choice(("sentence", "joined", "spaced", "upper_joined", "sentence")),
        yearly_printed=lease and rng.random() < 0.6,
        kdv_included=None if kind != "service" else rng.random() < 0.4,
        payment_day=rng.choice((1, 5, 7, 10, 15)) if period == "monthly" else None,
        iban=iban,
        deposit=(amount * rng.choice((1, 2, 3))) if lease and rng.random() < 0.85 else None,
        subject=(rng.choice(JOBS) if employment else rng.choice(SERVICES) if not lease else None),
        property_address=prop_address if lease else None,
        property_parts=parts if lease else None,
        property_kind=(
            rng.choice(("Mesken (Daire)", "Konut", "Daire"))
            if kind == "residential_lease"
            else rng.choice(("Dükkan", "Büro", "İşyeri (Ofis)", "Depo"))
            if lease
            else None
        ),
        notice_days=notice_days if rng.random() < 0.85 else None,
        notice_unit=f"{notice_n} {notice_unit}",
        probation_months=rng.choice((1, 2)) if employment and rng.random() < 0.8 else None,
        penalty=(
            _money(rng, 10000, 500000, 5000)
            if kind == "service" or (kind == "commercial_lease" and rng.random() < 0.4)
            else None
        ),
        court=court,
        extra_clauses=tuple(rng.sample(EXTRA, rng.randrange(1, 5))),
        fixtures=tuple(rng.sample(FIXTURES, rng.randrange(2, 5))) if lease else (),
        padding=rng.choice((0, 2, 6, 12, 24)),
    )
    return replace(spec, **overrides)
