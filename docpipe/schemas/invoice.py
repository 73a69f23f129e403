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
)


class InvoiceKind(StrEnum):
    e_fatura = "e-fatura"
    e_arsiv = "e-arsiv"
    paper = "paper"


class LineItem(SchemaModel):
    """One line of the goods/services table (mal/hizmet satırı)."""

    description: Str400 | None = Field(
        None, description="Mal/hizmet açıklaması / description of goods or service"
    )
    quantity: Quantity | None = Field(None, description="Miktar / quantity")
    unit: Str20 | None = Field(None, description="Birim (Adet, Kg, Saat…) / unit of measure")
    unit_price: Money | None = Field(None, description="Birim fiyat / unit price")
    discount: Money | None = Field(None, description="İskonto tutarı / discount amount of the line")
    kdv_rate: Percent | None = Field(None, description="KDV oranı (%) / VAT rate in percent")
    kdv_amount: Money | None = Field(None, description="KDV tutarı / VAT amount of the line")
    amount: Money = Field(description="Mal hizmet tutarı (KDV hariç) / line net amount")
    exemption_code: Str20 | None = Field(
        None,
        description="KDV muafiyet/istisna kodu (ör. 301, 350) / KDV exemption code of the line",
        json_schema_extra={"x-kvkk": "none"},
    )


class TaxSubtotal(SchemaModel):
    """KDV for one rate (Hesaplanan KDV %20 …)."""

    rate: Percent = Field(description="KDV oranı (%) / VAT rate in percent")
    base: Money | None = Field(None, description="KDV matrahı / taxable base")
    amount: Money = Field(description="Hesaplanan KDV / VAT amount")
    exemption_code: Str20 | None = Field(
        None,
        description="KDV istisna kodu (ör. 301, 350, 701) / KDV exemption code",
        json_schema_extra={"x-kvkk": "none"},
    )
    exemption_reason: Str400 | None = Field(
        None,
        description="İstisna sebebi / KDV exemption reason as written",
        json_schema_extra={"x-kvkk": "none"},
    )


class Withholding(SchemaModel):
    """KDV tevkifatı (VAT withholding) when the invoice has one."""

    code: Str20 | None = Field(None, description="Tevkifat kodu (ör. 603) / withholding code")
    rate: Str20 | None = Field(None, description="Tevkifat oranı (ör. 5/10) / withholding ratio")
    amount: Money = Field(description="Tevkifat tutarı / withheld VAT amount")


class Invoice(SchemaModel):
    """An invoice: who sold what to whom, for how much, with which taxes."""

    doc_type: ClassVar[str] = "invoice"
    schema_version: ClassVar[str] = "1.0"

    kind: InvoiceKind | None = Field(None, description="e-fatura, e-arsiv or paper")
    invoice_number: Str40 | None = Field(None, description="Fatura no / invoice number")
    ettn: Str40 | None = Field(None, description="ETTN (UUID) / unique invoice id")
    profile: Str40 | None = Field(
        None, description="Senaryo (TEMELFATURA, TICARIFATURA, EARSIVFATURA) / profile"
    )
    invoice_type: Str40 | None = Field(
        None, description="Fatura tipi (SATIS, IADE, TEVKIFAT, ISTISNA) / invoice type"
    )
    issue_date: date | None = Field(None, description="Fatura tarihi / issue date")
    due_date: date | None = Field(None, description="Son ödeme tarihi / due date")
    seller: Party | None = Field(None, description="Satıcı / seller")
    buyer: Party | None = Field(None, description="Alıcı (Sayın …) / buyer")
    currency: CurrencyCode | None = Field(None, description="Para birimi / currency")
    exchange_rate: Money | None = Field(None, description="Döviz kuru / exchange rate to TRY")
    line_items: list[LineItem] = Field(default_factory=list, max_length=500)
    subtotal: Money | None = Field(
        None, description="Mal hizmet toplam tutarı / sum of line amounts"
    )
    discount_total: Money | None = Field(None, description="Toplam iskonto / total discount")
    kdv: list[TaxSubtotal] = Field(default_factory=list, max_length=10)
    kdv_total: Money | None = Field(None, description="Toplam KDV / total VAT")
    withholding: Withholding | None = None
    total_with_taxes: Money | None = Field(
        None, description="Vergiler dahil toplam tutar / total including taxes"
    )
    payable_amount: Money | None = Field(None, description="Ödenecek tutar / amount payable")
    amount_in_words: Str400 | None = Field(None, description="Yalnız … / amount in words")
    iban: IBAN | None = None
    order_number: Str120 | None = Field(None, description="Sipariş no / order number")
    notes: Str2000 | None = Field(None, description="Notlar / notes")
    billing_reference: Str40 | None = Field(
        None,
        description="İade edilen fatura no (IADE) / number of the invoice this one returns",
        json_schema_extra={"x-kvkk": "none"},
    )
    billing_reference_date: date | None = Field(
        None,
        description="İade edilen fatura tarihi / date of the invoice this one returns",
        json_schema_extra={"x-kvkk": "none"},
    )
