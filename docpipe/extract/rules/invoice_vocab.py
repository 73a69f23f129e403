"""What invoices call things: label variants seen on GİB portal, integrator
and ERP invoices. Add wordings here, never special cases in the parsers.

Labels are matched folded (no case, no diacritics, punctuation ignored) and
fuzzily, so list each wording once; the longest label that fits wins.
"""

from __future__ import annotations

import re

from docpipe.extract.rules.labels import Vocabulary

# A document number on a matbu form printed after a bare "No" (red, beside "Seri A"):
# letters or separators with at least six digits, never a house number ("No 182", "No 23/5").
DOCUMENT_NUMBER = re.compile(
    r"^(?=(?:.*\d){6})(?=.*[A-Za-z\-/]|\d{6})[A-Za-z0-9][A-Za-z0-9\-/]{5,}$"
)

# fmt: off
HEADER = Vocabulary({
    "invoice_number": [
        "Fatura No", "Fatura Numarası", "Fatura Nu", "Fatura Seri No", "Fatura Seri Sıra No",
        "Seri Sıra No", "Seri-Sıra No", "Belge No", "Belge Numarası", "Fatura Belge No",
        "Invoice No", "Invoice Number", "Fatura #", "Fatura Seri/No", "Fatura Seri / No",
    ],
    # a bare "No" / "Sıra No": only with a value shaped like a document number
    "invoice_number_short": ["No", "Sıra No", "Seri No", "No.", "Nr", "Nr."],
    "ettn": ["ETTN", "Evrak Tekil Takip Numarası", "Evrak Tekil Takip No", "UUID", "Fatura ETTN"],
    "issue_date": [
        "Fatura Tarihi", "Düzenleme Tarihi", "Düzenlenme Tarihi", "Belge Tarihi", "Tarih",
        "Tarihi", "Invoice Date", "Fatura Düzenleme Tarihi", "Fatura Tarih", "Düzenlenme Tarih",
    ],
    "issue_time": [
        "Düzenleme Saati", "Düzenlenme Saati", "Fatura Saati", "Saat", "Düzenleme Zamanı",
        "Düzenlenme Zamanı",
    ],
    "due_date": ["Son Ödeme Tarihi", "Vade Tarihi", "Vade", "Ödeme Tarihi", "Due Date"],
    "profile": ["Senaryo", "Fatura Senaryosu", "Senaryo Tipi", "Profil", "Profile"],
    "invoice_type": ["Fatura Tipi", "Fatura Türü", "Invoice Type", "Tip", "Tipi", "Fatura Tip"],
    "customization": ["Özelleştirme No", "Özelleştirme Numarası"],
    "currency": ["Para Birimi", "Döviz Cinsi", "Döviz Türü", "Currency", "Döviz"],
    "exchange_rate": ["Döviz Kuru", "Kur", "Döviz Kuru (TL)", "Exchange Rate", "Kur Bilgisi"],
    "order_number": ["Sipariş No", "Sipariş Numarası", "Sipariş Belge No", "Sip. No"],
    "despatch_number": ["İrsaliye No", "İrsaliye Numarası", "Sevk İrsaliyesi No"],
    "page": ["Sayfa"],
    # invoice details no field is read from; known so that a party block stops at them
    "copy": ["Nüsha"],
    "payment_means": ["Ödeme Şekli", "Ödeme Koşulları", "Ödeme Yöntemi", "Koşulları"],
    "line_count": ["Kalem Sayısı"],
})

# A party's identifier labels with its role in front ("Müşteri VKN", "Alıcı Vergi Dairesi",
# "Satıcı V.D."): the label is the party label, the role word is no new heading.
_ROLE_WORDS = ("Müşteri", "Alıcı", "Satıcı", "Customer", "Buyer", "Seller")
_ROLE_LABELS = {
    "tax_office": ("Vergi Dairesi", "V.D.", "VD", "V. Dairesi", "Tax Office"),
    "vkn": ("VKN", "Vergi No", "Vergi Kimlik No", "Vergi Numarası", "Tax ID", "Tax No"),
    "tckn": ("TCKN", "T.C. Kimlik No", "TC Kimlik No"),
    "vkn_or_tckn": ("VKN/TCKN", "VKN / TCKN"),
    "address": ("Adres", "Adresi", "Address"),
}


def _role_prefixed(field: str) -> list[str]:
    return [f"{role} {label}" for role in _ROLE_WORDS for label in _ROLE_LABELS.get(field, ())]


_PARTY_LABELS = {
    "name": [
        "Unvan", "Ünvan", "Unvanı", "Ünvanı", "Firma Adı", "Firma Unvanı", "Adı Soyadı",
        "Ad Soyad", "Ad Soyadı", "Adı Soyadı / Unvanı", "Müşteri Adı", "Alıcı Adı", "Satıcı Adı",
        "İsim", "Name", "Firma", "Müşteri Unvanı",
        "Unvanı/Adı Soyadı", "Unvanı / Adı Soyadı", "Unvan/Ad Soyad", "Ünvanı/Adı Soyadı",
    ],
    "address": ["Adres", "Adresi", "Address", "Fatura Adresi"],
    "tax_office": [
        "Vergi Dairesi", "Vergi Dairesi Adı", "V.D.", "VD", "V. Dairesi", "Tax Office",
        # tax office and number in one value: "Vergi D./No: Kadıköy / 1234567890"
        "Vergi D.", "Vergi D./No", "Vergi D. / No", "V.D./No", "V.D. / No", "V.D./TCKN",
        "V.D. / TCKN", "V.D./VKN", "V.D. / VKN", "Vergi D./TCKN", "Vergi D./VKN",
        "VD/VKN", "VD / VKN", "V.D. / V.No", "V.D./V.No",
    ],
    "vkn": [
        "VKN", "V.K.N.", "Vergi Kimlik No", "Vergi Kimlik Numarası", "Vergi No", "Vergi Numarası",
        "Tax ID", "V.No", "V. No", "Vergi Kimlik", "VKN No", "Tax Number", "Tax No", "VAT No",
    ],
    "tckn": [
        "TCKN", "T.C.K.N.", "T.C. Kimlik No", "TC Kimlik No", "T.C. Kimlik Numarası", "TC No",
        "T.C. No", "Kimlik No", "National ID", "TR Identity No",
    ],
    "vkn_or_tckn": [
        "VKN/TCKN", "VKN / TCKN", "VKN-TCKN", "Vergi No/TCKN", "Vergi No / TCKN",
        "VKN / TC Kimlik No", "VKN/TC Kimlik No", "Vergi/TC Kimlik No",
    ],
    "phone": ["Tel", "Telefon", "Tel No", "GSM", "Cep", "Cep Tel", "Phone", "T", "Tel.", "Tlf"],
    "fax": ["Fax", "Faks", "F"],
    "email": ["E-Posta", "E-posta Adresi", "Eposta", "E-Mail", "Email", "Mail"],
    "web": ["Web Sitesi", "Web", "Web Adresi", "İnternet Sitesi"],
    # the person to ask at a company: a label that ends the address above it (its value
    # is no field of the record)
    "contact": ["Yetkili Kişi", "İlgili Kişi", "Contact Person", "Contact"],
    # designs print UBL's PartyIdentification schemeID as it is: "MERSISNO: …"
    "mersis": ["Mersis No", "MERSİS Numarası", "Mersis", "MERSISNO"],
    "trade_registry": [
        "Ticaret Sicil No", "Sicil No", "Ticaret Sicil Numarası", "TICARETSICILNO",
    ],
}
PARTY = Vocabulary({f: v + _role_prefixed(f) for f, v in _PARTY_LABELS.items()})
PARTY_INLINE = frozenset(
    {"vkn", "tckn", "vkn_or_tckn", "tax_office", "phone", "fax", "email", "web", "mersis"}
)

HEADINGS = Vocabulary({
    "buyer": [
        "Sayın", "Alıcı", "Alıcı Bilgileri", "Müşteri", "Müşteri Bilgileri", "Fatura Edilen",
        "Fatura Adresi",
        "Buyer", "Customer", "Alıcı Firma",
    ],
    "seller": [
        "Satıcı", "Satıcı Bilgileri", "Düzenleyen", "Faturayı Düzenleyen", "Tedarikçi", "Seller",
        "Supplier", "Satıcı Firma", "Gönderen", "Gönderici", "Faturayı Kesen", "Hizmet Veren",
    ],
})

COLUMNS = Vocabulary({
    "index": ["Sıra No", "Sıra", "S.No", "No", "#", "ID"],
    "description": [
        "Mal Hizmet", "Mal / Hizmet", "Mal/Hizmet", "Mal ve Hizmet", "Açıklama", "Ürün",
        "Ürün Adı", "Ürün / Hizmet", "Ürün/Hizmet", "Hizmet", "Malzeme", "Cinsi",
        "Mal Hizmet Açıklaması", "Ürün Açıklaması", "Hizmet Açıklaması", "Description",
        "Stok Adı", "Malın Cinsi", "Mal Hizmet Cinsi", "Ürün/Hizmet Açıklaması",
        "Malzeme / Hizmet", "Malzeme/Hizmet", "Malzeme / Hizmet Açıklaması",
        "Malzeme/Hizmet Açıklaması", "Mal Hizmet Adı", "Mal/Hizmet Adı", "Ürün/Hizmet Adı",
        "Ürün Hizmet Adı", "Malzeme Adı", "Hizmet Adı", "Mal Adı", "Malzeme Açıklaması",
        "Item", "Item Name", "Item Description", "Goods / Services", "Product",
    ],
    "quantity": ["Miktar", "Miktarı", "Adet", "Mik.", "Quantity", "Qty"],
    "unit": ["Birim", "Birimi", "Ölçü Birimi", "Unit", "Br.", "Br", "Brm", "Brm."],
    "unit_price": [
        "Birim Fiyat", "Birim Fiyatı", "Fiyat", "B.Fiyat", "B. Fiyat", "Birim Tutar",
        "Unit Price", "Fiyatı",
    ],
    "discount_rate": [
        "İskonto Arttırım Oranı", "İskonto/Arttırım Oranı", "İskonto Oranı", "İsk. %",
        "İskonto %", "İsk. Oranı", "İndirim %", "İndirim Oranı",
        # the dictionary's spelling "artırım" beside the common "arttırım"
        "İskonto Artırım Oranı", "İskonto/Artırım Oranı", "İskonto/(A)rtırım Oranı",
    ],
    "discount": [
        "İskonto Arttırım Tutarı", "İskonto/Arttırım Tutarı", "İskonto Tutarı", "İskonto",
        "İndirim", "İndirim Tutarı", "İsk. Tutarı",
        "İskonto Artırım Tutarı", "İskonto/Artırım Tutarı", "İskonto/(A)rtırım Tutarı",
    ],
    "kdv_rate": [
        "KDV Oranı", "KDV Oran", "KDV %", "KDV (%)", "KDV", "% KDV", "Vergi Oranı", "VAT %",
    ],
    "kdv_amount": [
        "KDV Tut.", "KDV Tutarı", "KDV Tutar", "Hesaplanan KDV", "Vergi Tutarı", "VAT Amount",
        "Vergi",
    ],
    "other_taxes": [
        "Diğer Vergiler", "Diğer Vergi", "ÖTV",
        # the line's KDV withholding, a column of its own in some designs
        "Tevkif Oranı", "Tevkif Tutarı", "Tevkifat Oranı", "Tevkifat Tutarı",
        "KDV Tevkifat Oranı", "KDV Tevkifat Tutarı",
    ],
    "discount_reason": [
        "İskonto Arttırım Nedeni", "İskonto/Arttırım Nedeni", "İskonto Nedeni", "Arttırım Nedeni",
    ],
    "amount": [
        "Mal Hizmet Tutarı", "Tutar", "Tutarı", "Net Tutar", "Satır Tutarı", "Amount",
        "Mal/Hizmet Tutarı", "Tutar (KDV Hariç)", "Malzeme / Hizmet Tutarı",
        "Malzeme/Hizmet Tutarı", "Malzeme Tutarı", "Ürün Tutarı", "Hizmet Tutarı",
    ],
    "stock_code": [
        "Stok Kodu", "Ürün Kodu", "Malzeme Kodu", "Kod", "Kodu", "Stok No", "Barkod",
        "Mal Hizmet Kodu", "Mal/Hizmet Kodu", "Ürün/Hizmet Kodu", "Hizmet Kodu", "Stok Kod",
        "Malzeme No", "Ürün No", "Barkod No", "Malzeme / Hizmet Kodu", "Malzeme/Hizmet Kodu",
        # UBL-TR item identifications as designs print them
        "Gönderici Ürün Kodu", "Satıcı Ürün Kodu", "Alıcı Ürün Kodu", "Üretici Ürün Kodu",
    ],
    "gross": [
        "Toplam (KDV Dahil)", "KDV Dahil Toplam", "Toplam Tutar (KDV Dahil)", "Toplam",
        "Toplam Tutar", "Satır Toplamı", "KDV Dahil Tutar", "KDV Dahil", "Total",
        "Vergi Dahil", "Vergi Dahil Tutar", "Vergi Dahil Fiyat", "Vergiler Dahil Tutar",
    ],
})
# fmt: on
