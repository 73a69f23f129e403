"""The committed samples: which layout and which pinned choices make each file.

Each sample draws from its own ``random.Random(f"{seed}/{name}")`` (spec first,
then layout), so adding or changing one sample leaves the others' bytes alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_SEED = 1923

# GİB's portal prints every column and "Ödenecek Tutar", with the unit inside "Miktar".
_GIB = {
    "show_payable": True,
    "show_line_kdv_rate": True,
    "show_line_kdv_amount": True,
    "show_line_discount": True,
    "unit_mode": "with_quantity",
}


@dataclass(frozen=True)
class Sample:
    name: str
    layout: str
    exercises: str
    overrides: dict[str, Any] = field(default_factory=dict)
    pages: int = 1


INVOICES: tuple[Sample, ...] = (
    Sample(
        "earsiv_01",
        "gib",
        "GİB portal e-Arşiv to a person (TCKN), single KDV 20%",
        {
            "kind": "e-arsiv",
            "buyer_person": True,
            "kdv_rates": (20,),
            "n_items": 3,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
            "with_words": True,
            **_GIB,
        },
    ),
    Sample(
        "earsiv_02",
        "gib",
        "mixed KDV 1/10/20 with per-rate bases, line discounts, company buyer",
        {
            "kind": "e-arsiv",
            "buyer_person": False,
            "kdv_rates": (1, 10, 20),
            "n_items": 6,
            "discounts": True,
            "withholding": False,
            "currency": "TRY",
            **_GIB,
            "show_kdv_base": True,
        },
    ),
    Sample(
        "earsiv_03",
        "gib",
        "descriptions wrapped over 2-3 lines, KDV 10%, unit column",
        {
            "kind": "e-arsiv",
            "buyer_person": True,
            "kdv_rates": (10,),
            "n_items": 5,
            "long_descriptions": True,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
            **_GIB,
            "unit_mode": "column",
        },
    ),
    Sample(
        "earsiv_04",
        "gib",
        "two pages: 44 lines, table continues under a repeated header, totals on page 2, Sayfa 1/2",
        {
            "kind": "e-arsiv",
            "buyer_person": False,
            "kdv_rates": (10, 20),
            "n_items": 44,
            "long_descriptions": False,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
            **_GIB,
        },
        pages=2,
    ),
    Sample(
        "efatura_01",
        "gib",
        "GİB portal e-Fatura (TEMELFATURA/TICARIFATURA), company to company",
        {
            "kind": "e-fatura",
            "buyer_person": False,
            "kdv_rates": (20,),
            "n_items": 4,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
            **_GIB,
        },
    ),
    Sample(
        "efatura_02",
        "integrator",
        "integrator e-Fatura, line discounts, IBAN",
        {
            "kind": "e-fatura",
            "buyer_person": False,
            "kdv_rates": (20,),
            "n_items": 5,
            "discounts": True,
            "withholding": False,
            "currency": "TRY",
            "with_iban": True,
        },
    ),
    Sample(
        "efatura_03",
        "integrator",
        "KDV tevkifat 5/10 (code 614), Ödenecek = total − tevkifat",
        {
            "kind": "e-fatura",
            "buyer_person": False,
            "n_items": 2,
            "discounts": False,
            "withholding": "614",
            "currency": "TRY",
            "with_iban": True,
        },
    ),
    Sample(
        "efatura_04",
        "integrator",
        "EUR invoice with Döviz Kuru, amounts in EUR",
        {
            "kind": "e-fatura",
            "buyer_person": False,
            "kdv_rates": (20,),
            "n_items": 3,
            "discounts": False,
            "withholding": False,
            "currency": "EUR",
            "with_words": True,
        },
    ),
    Sample(
        "efatura_05",
        "integrator",
        "mixed KDV 1/10/20, wrapped descriptions",
        {
            "kind": "e-fatura",
            "buyer_person": False,
            "kdv_rates": (1, 10, 20),
            "n_items": 7,
            "long_descriptions": True,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
        },
    ),
    Sample(
        "earsiv_05",
        "integrator",
        "integrator e-Arşiv to a person (TCKN), KDV 10 and 20",
        {
            "kind": "e-arsiv",
            "buyer_person": True,
            "kdv_rates": (10, 20),
            "n_items": 4,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
        },
    ),
    Sample(
        "earsiv_06",
        "erp",
        "ERP-export e-Arşiv, discounts, KDV 10 and 20",
        {
            "kind": "e-arsiv",
            "buyer_person": False,
            "kdv_rates": (10, 20),
            "n_items": 5,
            "discounts": True,
            "withholding": False,
            "currency": "TRY",
        },
    ),
    Sample(
        "kagit_01",
        "erp",
        "paper invoice, sole-proprietor seller (TCKN), company buyer",
        {
            "kind": "paper",
            "seller_person": True,
            "buyer_person": False,
            "kdv_rates": (20,),
            "n_items": 4,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
        },
    ),
    Sample(
        "kagit_02",
        "erp",
        "paper invoice to a person, food at KDV 1 and 10, discounts",
        {
            "kind": "paper",
            "buyer_person": True,
            "kdv_rates": (1, 10),
            "n_items": 5,
            "discounts": True,
            "withholding": False,
            "currency": "TRY",
            "with_words": True,
        },
    ),
    Sample(
        "kagit_03",
        "erp",
        "paper invoice, wrapped descriptions, KDV bases printed",
        {
            "kind": "paper",
            "buyer_person": False,
            "kdv_rates": (20,),
            "n_items": 6,
            "long_descriptions": True,
            "discounts": False,
            "withholding": False,
            "currency": "TRY",
            "show_kdv_base": True,
        },
    ),
)
