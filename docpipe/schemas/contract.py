"""Contracts: kira, iş and hizmet sözleşmeleri."""

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
)


class ContractType(StrEnum):
    residential_lease = "residential_lease"  # konut kira sözleşmesi
    commercial_lease = "commercial_lease"  # işyeri kira sözleşmesi
    employment_indefinite = "employment_indefinite"  # belirsiz süreli iş sözleşmesi
    employment_fixed = "employment_fixed"  # belirli süreli iş sözleşmesi
    service = "service"  # hizmet sözleşmesi
    other = "other"


class AmountPeriod(StrEnum):
    one_off = "one_off"
    monthly = "monthly"
    yearly = "yearly"
    hourly = "hourly"
    other = "other"


class Representative(SchemaModel):
    """Who signs for a company party: yetkili temsilci, genel müdür, … (a natural person)."""

    name: Str200 | None = Field(
        None, description="Ad soyad / name", json_schema_extra={"x-kvkk": "personal"}
    )
    title: Str120 | None = Field(
        None,
        description="Unvan / title: Genel Müdür, Yetkili, …",
        json_schema_extra={"x-kvkk": "personal"},
    )
    tckn: TCKN | None = Field(None, json_schema_extra={"x-kvkk": "personal"})


class Guarantor(SchemaModel):
    """A kefil (müteselsil kefil): a natural person who answers for a party's debts."""

    name: Str200 | None = Field(
        None, description="Ad soyad / name", json_schema_extra={"x-kvkk": "personal"}
    )
    tckn: TCKN | None = Field(None, json_schema_extra={"x-kvkk": "personal"})
    passport_no: Str20 | None = Field(
        None, description="Pasaport no", json_schema_extra={"x-kvkk": "personal"}
    )
    address: Str400 | None = Field(
        None, description="Adres / address", json_schema_extra={"x-kvkk": "personal"}
    )


class SpecialCategoryPresence(SchemaModel):
    """Which KVKK Art. 6 special categories the contract's text holds: flags, never values.

    A health or disability clause in an employment contract is recognised so the record
    can say that one was there; its text is kept out of every stored field and heading.
    """

    health: bool | None = Field(
        None,
        description="A clause about a person's health (illness, report, treatment) is present",
        json_schema_extra={"x-kvkk": "none"},
    )
    disability: bool | None = Field(
        None,
        description="A clause about a person's disability (engellilik) is present",
        json_schema_extra={"x-kvkk": "none"},
    )


class ContractParty(SchemaModel):
    """A party with its role (kiraya veren, kiracı, işveren, işçi, hizmet veren, hizmet alan).

    ``kind`` says whether the party is a natural person (read from a T.C. kimlik no
    and no VKN/MERSİS) or a company: a person's name, TCKN, home address and IBAN
    are personal data under KVKK; a company's trade name, VKN and MERSİS are not.
    """

    role: Str40 = Field(
        description="Taraf sıfatı / role: kiraya veren, kiracı, işveren, işçi, hizmet veren, "
        "hizmet alan"
    )
    kind: Literal["person", "company"] | None = Field(
        None, description="Gerçek kişi (person) veya tüzel kişi (company)"
    )
    name: Str200 | None = Field(None, description="Ad soyad veya unvan / name")
    tckn: TCKN | None = None
    vkn: VKN | None = None
    mersis: MERSIS | None = None
    address: Str400 | None = Field(None, description="Adres / address")
    # 1.2 additions (issue 13)
    tax_office: Str80 | None = Field(
        None,
        description="Vergi dairesi / tax office",
        json_schema_extra={"x-kvkk": "personal_if_person"},
    )
    sgk_no: Str40 | None = Field(
        None,
        description="SGK işyeri sicil no (employer) or sigorta sicil no (employee)",
        json_schema_extra={"x-kvkk": "personal_if_person"},
    )
    birth_date: date | None = Field(
        None, description="Doğum tarihi / date of birth", json_schema_extra={"x-kvkk": "personal"}
    )
    birth_place: Str80 | None = Field(
        None, description="Doğum yeri / place of birth", json_schema_extra={"x-kvkk": "personal"}
    )
    passport_no: Str20 | None = Field(
        None,
        description="Pasaport no of a foreign person (instead of a T.C. kimlik no)",
        json_schema_extra={"x-kvkk": "personal"},
    )
    representatives: list[Representative] = Field(
        default_factory=list,
        max_length=5,
        description="Şirketi temsilen imzalayanlar / company representatives (yetkili, temsilci)",
        json_schema_extra={"x-kvkk": "personal"},
    )


class Clause(SchemaModel):
    """A clause (madde) found as a section, so a reader can jump to "Madde 7 – Fesih"."""

    number: Str20 | None = Field(None, description="Madde numarası as a number, e.g. 7")
    heading: Str200 | None = Field(None, description="Başlık / heading as printed")
    section: Str80 | None = Field(None, description="Genel Şartlar, Özel Şartlar, … if printed")
    page_start: int = Field(ge=1, le=100000, description="page of the heading (1-based)")
    page_end: int = Field(ge=1, le=100000, description="last page of the clause's text")


class Contract(SchemaModel):
    """Who agreed what, for how long, for how much, and where disputes go."""

    doc_type: ClassVar[str] = "contract"
    schema_version: ClassVar[str] = "1.2"

    contract_type: ContractType | None = Field(None, description="Sözleşme türü / contract type")
    title: Str200 | None = Field(None, description="Başlık / title as printed")
    contract_date: date | None = Field(None, description="Düzenleme tarihi / date signed")
    place: Str80 | None = Field(None, description="Düzenleme yeri / place signed")
    parties: list[ContractParty] = Field(default_factory=list, max_length=10)
    start_date: date | None = Field(None, description="Başlangıç tarihi / start date")
    end_date: date | None = Field(None, description="Bitiş tarihi / end date")
    term_months: int | None = Field(None, ge=0, le=1200, description="Süre (ay) / term in months")
    amount: Money | None = Field(None, description="Bedel / ücret / kira bedeli: amount")
    amount_in_words: Str400 | None = Field(
        None, description="Bedelin yazıyla yazılışı as printed, e.g. Yirmibeşbin Türk Lirası"
    )
    yearly_amount: Money | None = Field(
        None, description="Yıllık bedel, when printed beside a monthly amount"
    )
    kdv_included: bool | None = Field(None, description="KDV dahil (true) / KDV hariç (false)")
    currency: CurrencyCode | None = Field(None, description="Para birimi / currency")
    amount_period: AmountPeriod | None = Field(None, description="Bedelin dönemi / amount period")
    payment_day: int | None = Field(None, ge=1, le=31, description="Ödeme günü / day of month")
    iban: IBAN | None = None
    deposit: Money | None = Field(None, description="Depozito / teminat: deposit")
    subject: Str2000 | None = Field(None, description="Sözleşmenin konusu / subject")
    property_address: Str400 | None = Field(
        None, description="Kiralananın adresi / rented property"
    )
    notice_period_days: int | None = Field(None, ge=0, le=3650, description="İhbar süresi (gün)")
    probation_months: int | None = Field(
        None, ge=0, le=12, description="Deneme süresi (ay) / probation period"
    )
    penalty_amount: Money | None = Field(None, description="Cezai şart tutarı / penalty amount")
    governing_court: Str200 | None = Field(None, description="Yetkili mahkeme / competent court")
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
        json_schema_extra={"x-kvkk": "personal"},
    )
    job_title: Str120 | None = Field(
        None,
        description="Görevi / unvanı: the employee's job title (employment contracts)",
        json_schema_extra={"x-kvkk": "personal"},
    )
    kdv_rate: Percent | None = Field(
        None,
        description="KDV oranı (%) printed beside the amount",
        json_schema_extra={"x-kvkk": "none"},
    )
    special_categories: SpecialCategoryPresence | None = Field(
        None,
        description="Özel nitelikli kişisel veri içeren madde var mı: presence flags only",
        json_schema_extra={"x-kvkk": "none"},
    )
