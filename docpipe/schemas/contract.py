"""Contracts: kira, iş, hizmet, satış, gizlilik and vekâlet sözleşmeleri."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import Field

from docpipe.schemas.common import (
    IBAN,
    MERSIS,
    TCKN,
    VKN,
    CurrencyCode,
    Money,
    Percent,
    SchemaModel,
    Str20,
    Str40,
    Str80,
    Str120,
    Str200,
    Str400,
    Str2000,
    kvkk,
)


class ContractType(StrEnum):
    residential_lease = "residential_lease"  # konut kira sözleşmesi
    commercial_lease = "commercial_lease"  # işyeri kira sözleşmesi
    employment_indefinite = "employment_indefinite"  # belirsiz süreli iş sözleşmesi
    employment_fixed = "employment_fixed"  # belirli süreli iş sözleşmesi
    service = "service"  # hizmet sözleşmesi
    sale = "sale"  # satış sözleşmesi (TBK m. 207)
    confidentiality = "confidentiality"  # gizlilik sözleşmesi (NDA)
    mandate = "mandate"  # vekâlet sözleşmesi (TBK m. 502)
    other = "other"


class PaymentDayRule(StrEnum):
    """A due day printed as a rule rather than a day number ("her ayın son iş günü")."""

    last_day = "last_day"  # ayın son günü
    last_business_day = "last_business_day"  # ayın son iş günü
    first_business_day = "first_business_day"  # ayın ilk iş günü


class AmountPeriod(StrEnum):
    one_off = "one_off"
    monthly = "monthly"
    yearly = "yearly"
    hourly = "hourly"
    other = "other"


class Representative(SchemaModel):
    """Who signs for a company party: yetkili temsilci, genel müdür, … (a natural person)."""

    name: Str200 | None = Field(
        None, description="Ad soyad / name", json_schema_extra=kvkk("personal", "PERSON")
    )
    title: Str120 | None = Field(
        None,
        description="Unvan / title: Genel Müdür, Yetkili, …",
        json_schema_extra=kvkk("personal", clear=True),
    )
    tckn: TCKN | None = Field(None, json_schema_extra=kvkk("personal", "TR_NATIONAL_ID"))


class Guarantor(SchemaModel):
    """A kefil (müteselsil kefil): a natural person who answers for a party's debts."""

    name: Str200 | None = Field(
        None, description="Ad soyad / name", json_schema_extra=kvkk("personal", "PERSON")
    )
    tckn: TCKN | None = Field(None, json_schema_extra=kvkk("personal", "TR_NATIONAL_ID"))
    passport_no: Str20 | None = Field(
        None, description="Pasaport no", json_schema_extra=kvkk("personal", "TR_ID_DOCUMENT_NUMBER")
    )
    address: Str400 | None = Field(
        None, description="Adres / address", json_schema_extra=kvkk("personal", "TR_ADDRESS")
    )


class SpecialCategoryPresence(SchemaModel):
    """Which KVKK Art. 6 special categories the contract's text holds: flags, never values.

    A health or disability clause in an employment contract, a religion or a blood group
    printed for a party, is recognised so the record can say that one was there; its text
    is kept out of every stored field and heading.
    """

    health: bool | None = Field(
        None,
        description="A clause about a person's health (illness, report, treatment) is present",
        json_schema_extra=kvkk("none"),
    )
    disability: bool | None = Field(
        None,
        description="A clause about a person's disability (engellilik) is present",
        json_schema_extra=kvkk("none"),
    )
    # 1.5 (issue 13)
    religion: bool | None = Field(
        None,
        description="A party's religion is printed (Dini: …, a faith named for a person)",
        json_schema_extra=kvkk("none"),
    )
    blood_group: bool | None = Field(
        None,
        description="A party's blood group is printed (Kan Grubu: …)",
        json_schema_extra=kvkk("none"),
    )


class ContractParty(SchemaModel):
    """A party with its role (kiraya veren, kiracı, işveren, işçi, hizmet veren, hizmet alan,
    satıcı, alıcı, açıklayan taraf, bilgiyi alan, müvekkil, vekil).

    ``kind`` says whether the party is a natural person (read from a T.C. kimlik no
    and no VKN/MERSİS) or a company: a person's name, TCKN, home address and IBAN
    are personal data under KVKK; a company's trade name, VKN and MERSİS are not.
    """

    role: Str40 = Field(
        description="Taraf sıfatı / role: kiraya veren, kiracı, işveren, işçi, hizmet veren, "
        "hizmet alan, satıcı, alıcı (sale), açıklayan taraf, bilgiyi alan (confidentiality), "
        "müvekkil, vekil (mandate)",
        json_schema_extra=kvkk("none"),
    )
    kind: Literal["person", "company"] | None = Field(
        None,
        description="Gerçek kişi (person) veya tüzel kişi (company)",
        json_schema_extra=kvkk("none"),
    )
    name: Str200 | None = Field(
        None,
        description="Ad soyad veya unvan / name",
        json_schema_extra=kvkk("personal_if_person", "PERSON"),
    )
    tckn: TCKN | None = Field(None, json_schema_extra=kvkk("personal", "TR_NATIONAL_ID"))
    vkn: VKN | None = Field(None, json_schema_extra=kvkk("personal_if_person", "TR_TAX_ID"))
    mersis: MERSIS | None = Field(None, json_schema_extra=kvkk("none"))
    address: Str400 | None = Field(
        None,
        description="Adres / address",
        json_schema_extra=kvkk("personal_if_person", "TR_ADDRESS"),
    )
    # 1.2 additions (issue 13)
    tax_office: Str80 | None = Field(
        None,
        description="Vergi dairesi / tax office",
        json_schema_extra=kvkk("none"),
    )
    sgk_no: Str40 | None = Field(
        None,
        description="SGK (sigorta) sicil no: a person's social security registration",
        json_schema_extra=kvkk("personal_if_person", "TR_ID_DOCUMENT_NUMBER"),
    )
    # 1.4 (issue 13): an employer's workplace registration is a different number
    sgk_workplace_no: Str40 | None = Field(
        None,
        description="SGK işyeri sicil no: an employer's workplace registration",
        json_schema_extra=kvkk("personal_if_person", "TR_ID_DOCUMENT_NUMBER"),
    )
    birth_date: date | None = Field(
        None,
        description="Doğum tarihi / date of birth",
        json_schema_extra=kvkk("personal", "DATE_OF_BIRTH"),
    )
    birth_place: Str80 | None = Field(
        None,
        description="Doğum yeri / place of birth",
        json_schema_extra=kvkk("personal", "PLACE_OF_BIRTH"),
    )
    passport_no: Str20 | None = Field(
        None,
        description="Pasaport no of a foreign person (instead of a T.C. kimlik no)",
        json_schema_extra=kvkk("personal", "TR_ID_DOCUMENT_NUMBER"),
    )
    representatives: list[Representative] = Field(
        default_factory=list,
        max_length=5,
        description="Şirketi temsilen imzalayanlar / company representatives (yetkili, temsilci)",
    )


class Clause(SchemaModel):
    """A clause (madde) found as a section, so a reader can jump to "Madde 7 – Fesih"."""

    number: Str20 | None = Field(
        None, description="Madde numarası as a number, e.g. 7", json_schema_extra=kvkk("none")
    )
    heading: Str200 | None = Field(
        None, description="Başlık / heading as printed", json_schema_extra=kvkk("none")
    )
    section: Str80 | None = Field(
        None,
        description="Genel Şartlar, Özel Şartlar, … if printed",
        json_schema_extra=kvkk("none"),
    )
    page_start: int = Field(
        ge=1, le=100000, description="page of the heading (1-based)", json_schema_extra=kvkk("none")
    )
    page_end: int = Field(
        ge=1,
        le=100000,
        description="last page of the clause's text",
        json_schema_extra=kvkk("none"),
    )


class Contract(SchemaModel):
    """Who agreed what, for how long, for how much, and where disputes go."""

    doc_type: ClassVar[str] = "contract"
    schema_version: ClassVar[str] = "1.5"

    contract_type: ContractType | None = Field(
        None, description="Sözleşme türü / contract type", json_schema_extra=kvkk("none")
    )
    title: Str200 | None = Field(
        None, description="Başlık / title as printed", json_schema_extra=kvkk("free_text")
    )
    contract_date: date | None = Field(
        None, description="Düzenleme tarihi / date signed", json_schema_extra=kvkk("none")
    )
    place: Str80 | None = Field(
        None, description="Düzenleme yeri / place signed", json_schema_extra=kvkk("none")
    )
    parties: list[ContractParty] = Field(default_factory=list, max_length=10)
    start_date: date | None = Field(
        None, description="Başlangıç tarihi / start date", json_schema_extra=kvkk("none")
    )
    end_date: date | None = Field(
        None, description="Bitiş tarihi / end date", json_schema_extra=kvkk("none")
    )
    term_months: int | None = Field(
        None,
        ge=0,
        le=1200,
        description="Süre (ay) / term in months",
        json_schema_extra=kvkk("none"),
    )
    amount: Money | None = Field(
        None, description="Bedel / ücret / kira bedeli: amount", json_schema_extra=kvkk("none")
    )
    amount_in_words: Str400 | None = Field(
        None,
        description="Bedelin yazıyla yazılışı as printed, e.g. Yirmibeşbin Türk Lirası",
        json_schema_extra=kvkk("none"),
    )
    yearly_amount: Money | None = Field(
        None,
        description="Yıllık bedel, when printed beside a monthly amount",
        json_schema_extra=kvkk("none"),
    )
    kdv_included: bool | None = Field(
        None, description="KDV dahil (true) / KDV hariç (false)", json_schema_extra=kvkk("none")
    )
    currency: CurrencyCode | None = Field(
        None, description="Para birimi / currency", json_schema_extra=kvkk("none")
    )
    amount_period: AmountPeriod | None = Field(
        None, description="Bedelin dönemi / amount period", json_schema_extra=kvkk("none")
    )
    payment_day: int | None = Field(
        None, ge=1, le=31, description="Ödeme günü / day of month", json_schema_extra=kvkk("none")
    )
    payment_day_rule: PaymentDayRule | None = Field(
        None,
        description="Ödeme günü as a rule (son gün / son iş günü / ilk iş günü), no day number",
        json_schema_extra=kvkk("none"),
    )
    iban: IBAN | None = Field(
        None, json_schema_extra=kvkk("personal_if_person", "IBAN_CODE", party="parties")
    )
    deposit: Money | None = Field(
        None, description="Depozito / teminat: deposit", json_schema_extra=kvkk("none")
    )
    subject: Str2000 | None = Field(
        None, description="Sözleşmenin konusu / subject", json_schema_extra=kvkk("free_text")
    )
    property_address: Str400 | None = Field(
        None,
        description="Kiralananın adresi / rented property",
        json_schema_extra=kvkk("personal_if_person", "TR_ADDRESS", party="parties"),
    )
    notice_period_days: int | None = Field(
        None, ge=0, le=3650, description="İhbar süresi (gün)", json_schema_extra=kvkk("none")
    )
    probation_months: int | None = Field(
        None,
        ge=0,
        le=12,
        description="Deneme süresi (ay) / probation period",
        json_schema_extra=kvkk("none"),
    )
    penalty_amount: Money | None = Field(
        None, description="Cezai şart tutarı / penalty amount", json_schema_extra=kvkk("none")
    )
    governing_court: Str200 | None = Field(
        None, description="Yetkili mahkeme / competent court", json_schema_extra=kvkk("none")
    )
    clauses: list[Clause] = Field(
        default_factory=list, max_length=2000, description="Maddeler: headings and page spans"
    )
    # 1.2 additions (issue 13). Place of signing, court, property address and the service
    # subject were there already: ``place``, ``governing_court``, ``property_address``,
    # ``subject``.
    guarantors: list[Guarantor] = Field(
        default_factory=list,
        max_length=5,
        description="Kefiller / guarantors",
    )
    job_title: Str120 | None = Field(
        None,
        description="Görevi / unvanı: the employee's job title (employment contracts)",
        json_schema_extra=kvkk("personal", clear=True),
    )
    kdv_rate: Percent | None = Field(
        None,
        description="KDV oranı (%) printed beside the amount",
        json_schema_extra=kvkk("none"),
    )
    special_categories: SpecialCategoryPresence | None = Field(
        None,
        description="Özel nitelikli kişisel veri içeren madde var mı: presence flags only",
    )
