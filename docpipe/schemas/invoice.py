"""Invoice: e-Fatura, e-Arşiv Fatura and paper invoices (fatura)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from docpipe.schemas.common import (
    IBAN,
    CurrencyCode,
    Money,
    Party,
    Percent,
    Quantity,
    SchemaModel,
    Str20,
    Str40,
    Str120,
    Str400,
    Str2000,
    kvkk,
)


class InvoiceKind(StrEnum):
    e_fatura = "e-fatura"
    e_arsiv = "e-arsiv"
    paper = "paper"


class LineItem(SchemaModel):
    """One line of the goods/services table (mal/hizmet satırı)."""

    description: Str400 | None = Field(
        None,
        description="Mal/hizmet açıklaması / description of goods or service",
        json_schema_extra=kvkk("free_text"),
    )
    quantity: Quantity | None = Field(
        None, description="Miktar / quantity", json_schema_extra=kvkk("none")
    )
    unit: Str20 | None = Field(
        None,
        description="Birim (Adet, Kg, Saat…) / unit of measure",
        json_schema_extra=kvkk("none"),
    )
    unit_price: Money | None = Field(
        None, description="Birim fiyat / unit price", json_schema_extra=kvkk("none")
    )
    discount: Money | None = Field(
        None,
        description="İskonto tutarı / discount amount of the line",
        json_schema_extra=kvkk("none"),
    )
    kdv_rate: Percent | None = Field(
        None, description="KDV oranı (%) / VAT rate in percent", json_schema_extra=kvkk("none")
    )
    kdv_amount: Money | None = Field(
        None, description="KDV tutarı / VAT amount of the line", json_schema_extra=kvkk("none")
    )
    amount: Money = Field(
        description="Mal hizmet tutarı (KDV hariç) / line net amount",
        json_schema_extra=kvkk("none"),
    )
    exemption_code: Str20 | None = Field(
        None,
        description="KDV muafiyet/istisna kodu (ör. 301, 350) / KDV exemption code of the line",
        json_schema_extra=kvkk("none"),
    )


class TaxSubtotal(SchemaModel):
    """KDV for one rate (Hesaplanan KDV %20 …)."""

    rate: Percent = Field(
        description="KDV oranı (%) / VAT rate in percent", json_schema_extra=kvkk("none")
    )
    base: Money | None = Field(
        None, description="KDV matrahı / taxable base", json_schema_extra=kvkk("none")
    )
    amount: Money = Field(description="Hesaplanan KDV / VAT amount", json_schema_extra=kvkk("none"))
    exemption_code: Str20 | None = Field(
        None,
        description="KDV istisna kodu (ör. 301, 350, 701) / KDV exemption code",
        json_schema_extra=kvkk("none"),
    )
    exemption_reason: Str400 | None = Field(
        None,
        description="İstisna sebebi / KDV exemption reason as written",
        json_schema_extra=kvkk("none"),
    )


class Withholding(SchemaModel):
    """KDV tevkifatı (VAT withholding) when the invoice has one."""

    code: Str20 | None = Field(
        None,
        description="Tevkifat kodu (ör. 603) / withholding code",
        json_schema_extra=kvkk("none"),
    )
    rate: Str20 | None = Field(
        None,
        description="Tevkifat oranı (ör. 5/10) / withholding ratio",
        json_schema_extra=kvkk("none"),
    )
    amount: Money = Field(
        description="Tevkifat tutarı / withheld VAT amount", json_schema_extra=kvkk("none")
    )


class Invoice(SchemaModel):
    """An invoice: who sold what to whom, for how much, with which taxes."""

    doc_type: ClassVar[str] = "invoice"
    schema_version: ClassVar[str] = "1.0"

    kind: InvoiceKind | None = Field(
        None, description="e-fatura, e-arsiv or paper", json_schema_extra=kvkk("none")
    )
    invoice_number: Str40 | None = Field(
        None, description="Fatura no / invoice number", json_schema_extra=kvkk("none")
    )
    ettn: Str40 | None = Field(
        None, description="ETTN (UUID) / unique invoice id", json_schema_extra=kvkk("none")
    )
    profile: Str40 | None = Field(
        None,
        description="Senaryo (TEMELFATURA, TICARIFATURA, EARSIVFATURA) / profile",
        json_schema_extra=kvkk("none"),
    )
    invoice_type: Str40 | None = Field(
        None,
        description="Fatura tipi (SATIS, IADE, TEVKIFAT, ISTISNA) / invoice type",
        json_schema_extra=kvkk("none"),
    )
    issue_date: date | None = Field(
        None, description="Fatura tarihi / issue date", json_schema_extra=kvkk("none")
    )
    due_date: date | None = Field(
        None, description="Son ödeme tarihi / due date", json_schema_extra=kvkk("none")
    )
    seller: Party | None = Field(None, description="Satıcı / seller")
    buyer: Party | None = Field(None, description="Alıcı (Sayın …) / buyer")
    currency: CurrencyCode | None = Field(
        None, description="Para birimi / currency", json_schema_extra=kvkk("none")
    )
    exchange_rate: Money | None = Field(
        None, description="Döviz kuru / exchange rate to TRY", json_schema_extra=kvkk("none")
    )
    line_items: list[LineItem] = Field(default_factory=list, max_length=500)
    subtotal: Money | None = Field(
        None,
        description="Mal hizmet toplam tutarı / sum of line amounts",
        json_schema_extra=kvkk("none"),
    )
    discount_total: Money | None = Field(
        None, description="Toplam iskonto / total discount", json_schema_extra=kvkk("none")
    )
    kdv: list[TaxSubtotal] = Field(default_factory=list, max_length=10)
    kdv_total: Money | None = Field(
        None, description="Toplam KDV / total VAT", json_schema_extra=kvkk("none")
    )
    withholding: Withholding | None = None
    total_with_taxes: Money | None = Field(
        None,
        description="Vergiler dahil toplam tutar / total including taxes",
        json_schema_extra=kvkk("none"),
    )
    payable_amount: Money | None = Field(
        None, description="Ödenecek tutar / amount payable", json_schema_extra=kvkk("none")
    )
    amount_in_words: Str400 | None = Field(
        None, description="Yalnız … / amount in words", json_schema_extra=kvkk("none")
    )
    iban: IBAN | None = Field(
        None, json_schema_extra=kvkk("personal_if_person", "IBAN_CODE", party="seller")
    )
    order_number: Str120 | None = Field(
        None, description="Sipariş no / order number", json_schema_extra=kvkk("none")
    )
    notes: Str2000 | None = Field(
        None, description="Notlar / notes", json_schema_extra=kvkk("free_text")
    )
    billing_reference: Str40 | None = Field(
        None,
        description="İade edilen fatura no (IADE) / number of the invoice this one returns",
        json_schema_extra=kvkk("none"),
    )
    billing_reference_date: date | None = Field(
        None,
        description="İade edilen fatura tarihi / date of the invoice this one returns",
        json_schema_extra=kvkk("none"),
    )
