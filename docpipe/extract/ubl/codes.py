"""GİB code lists the ``ubl`` engine reads (UBL-TR 1.2 Codelist, e-Fatura package).

Kept as data, not rules: a value outside a list is still read as it is, and a
check reports it.
"""

from __future__ import annotations

# ProfileIDType (senaryo), e-Fatura and e-Arşiv.
PROFILES = frozenset(
    {
        "TEMELFATURA",
        "TICARIFATURA",
        "IHRACAT",
        "YOLCUBERABERFATURA",
        "EARSIVFATURA",
        "KAMU",
        "HKS",
        "ENERJI",
        "ILAC_TIBBICIHAZ",
        "YATIRIMTESVIK",
        "IDIS",
        "OZELFATURA",
    }
)
# Profiles whose AccountingCustomerParty is the customs/tax administration and whose
# real buyer is BuyerCustomerParty.
BUYER_IN_BUYER_CUSTOMER_PARTY = frozenset({"IHRACAT", "YOLCUBERABERFATURA"})

# InvoiceTypeCodeList (fatura tipi).
INVOICE_TYPES = frozenset(
    {
        "SATIS",
        "IADE",
        "TEVKIFAT",
        "TEVKIFATIADE",
        "ISTISNA",
        "OZELMATRAH",
        "IHRACKAYITLI",
        "SGK",
        "KOMISYONCU",
        "HKSSATIS",
        "HKSKOMISYONCU",
        "KONAKLAMAVERGISI",
        "SARJ",
        "SARJANLIK",
        "TEKNOLOJIDESTEK",
        "YTBSATIS",
        "YTBIADE",
        "YTBISTISNA",
        "YTBTEVKIFAT",
        "YTBTEVKIFATIADE",
    }
)
RETURN_TYPES = frozenset({"IADE", "TEVKIFATIADE", "YTBIADE", "YTBTEVKIFATIADE"})

KDV_TAX_TYPE = "0015"  # TaxTypeCode of KDV in GİB's VergiKodlari list

# UN/ECE Rec. 20 unit codes as GİB's list uses them → the Turkish unit name.
UNIT_NAMES = {
    "C62": "Adet",
    "NIU": "Adet",
    "H87": "Adet",
    "KGM": "Kg",
    "GRM": "Gr",
    "TNE": "Ton",
    "LTR": "Lt",
    "MLT": "Ml",
    "MTR": "Metre",
    "CMT": "Cm",
    "MTK": "M2",
    "MTQ": "M3",
    "HUR": "Saat",
    "MIN": "Dakika",
    "DAY": "Gün",
    "WEE": "Hafta",
    "MON": "Ay",
    "ANN": "Yıl",
    "KWH": "kWh",
    "PA": "Paket",
    "BX": "Kutu",
    "CT": "Koli",
    "SET": "Set",
    "PR": "Çift",
    "SA": "Çuval",
    "BJ": "Kova",
    "PTN": "Porsiyon",
    "BG": "Torba",
    "BO": "Şişe",
}
