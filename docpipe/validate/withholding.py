"""KDV tevkifat (withholding) codes and the share of the KDV each withholds.

GİB's code list for UBL-TR (``WithholdingTaxTotal/…/TaxTypeCode``, "KDV Tevkifat
Türleri"; ratios as the KDV Genel Uygulama Tebliği I-C sets them): partial tevkifat
6xx, full tevkifat 8xx (the buyer pays all of the KDV to the tax office). An invoice
often prints the code ("Tevkifat: 612 - Temizlik hizmeti") without the ratio, or the
ratio without the withheld amount; the code's ratio is then the one the invoice applies.
Codes whose ratio changed or depends on the contract (650 "Diğerleri") are left out:
the arithmetic decides for them.
"""

from __future__ import annotations

TEVKIFAT_RATIOS: dict[str, str] = {
    "601": "4/10",  # yapım işleri ile mühendislik-mimarlık ve etüt-proje hizmetleri
    "602": "9/10",  # etüt, plan-proje, danışmanlık, denetim ve benzeri hizmetler
    "603": "7/10",  # makine, teçhizat, demirbaş ve taşıtların tadil, bakım ve onarımı
    "604": "5/10",  # yemek servis hizmeti
    "605": "5/10",  # organizasyon hizmeti
    "606": "9/10",  # işgücü temin hizmetleri
    "607": "9/10",  # özel güvenlik hizmeti
    "608": "9/10",  # yapı denetim hizmetleri
    "609": "7/10",  # fason tekstil, konfeksiyon, çanta ve ayakkabı dikim işleri
    "610": "9/10",  # turistik mağazalara müşteri bulma / götürme hizmetleri
    "611": "9/10",  # spor kulüplerinin yayın, reklam ve isim hakkı gelirleri
    "612": "9/10",  # temizlik hizmeti
    "613": "9/10",  # çevre ve bahçe bakım hizmetleri
    "614": "5/10",  # servis taşımacılığı hizmeti
    "615": "7/10",  # her türlü baskı ve basım hizmetleri
    "617": "7/10",  # hurda metalden elde edilen külçe teslimleri
    "618": "7/10",  # hurda dışı bakır, çinko, demir çelik, alüminyum, kurşun külçe
    "619": "7/10",  # bakır, çinko, alüminyum ürünlerinin teslimi
    "620": "7/10",  # istisnadan vazgeçenlerin hurda ve atık teslimi
    "621": "9/10",  # hurda ve atıktan elde edilen hammadde teslimi
    "622": "9/10",  # pamuk, tiftik, yün, yapağı, ham post ve deri teslimleri
    "623": "5/10",  # ağaç ve orman ürünleri teslimi
    "624": "2/10",  # yük taşımacılığı hizmeti
    "625": "3/10",  # ticari reklam hizmetleri
    "626": "2/10",  # diğer teslimler
    "627": "5/10",  # demir-çelik ürünlerinin teslimi
    **{str(code): "10/10" for code in range(801, 826)},  # tam tevkifat
}


def withholding_ratio_of(code: str | None) -> str | None:
    """The share of the KDV that tevkifat code ``code`` withholds ("5/10"), if listed."""
    return TEVKIFAT_RATIOS.get((code or "").strip())
