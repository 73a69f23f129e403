"""Names of Turkish tax offices (vergi daireleri), to put back letters OCR lost.

Source: the tax offices listed by the Gelir İdaresi Başkanlığı (GİB) under its
regional Vergi Dairesi Başkanlıkları (gib.gov.tr, "Vergi Daireleri"),
written down by hand for the largest provinces and the provincial centres;
it is not the complete list of about 1,000 offices and district
Malmüdürlükleri. A name missing here is simply left as read. Names are given
without the "Vergi Dairesi" suffix, spelled with their Turkish letters.
"""

from __future__ import annotations

from docpipe.text.diacritics import lexicon, restore_phrase, restore_words

# fmt: off
TAX_OFFICES: tuple[str, ...] = (
    # İstanbul
    "Alemdağ", "Anadolu Kurumlar", "Atışalanı", "Avcılar", "Bağcılar", "Bahçelievler",
    "Bakırköy", "Bayrampaşa", "Beşiktaş", "Beykoz", "Beylikdüzü", "Beyoğlu", "Boğaziçi Kurumlar",
    "Büyük Mükellefler", "Büyükçekmece", "Çatalca", "Davutpaşa", "Esenler", "Esenyurt",
    "Eyüp", "Fatih", "Gaziosmanpaşa", "Göztepe", "Güngören", "Hisar", "Halkalı", "İkitelli",
    "Kadıköy", "Kağıthane", "Kartal", "Kasımpaşa", "Kocamustafapaşa", "Kozyatağı",
    "Küçükköy", "Küçükyalı", "Marmara Kurumlar", "Mecidiyeköy", "Merter", "Nakil Vasıtaları",
    "Maltepe", "Pendik", "Rıhtım", "Sarıyer", "Sarıgazi", "Silivri", "Şile", "Şişli",
    "Sultanbeyli", "Sultangazi", "Tuzla", "Tuna", "Ümraniye", "Üsküdar", "Yenibosna",
    "Yakacık", "Zincirlikuyu", "Zeytinburnu", "Erenköy", "Sarıgöl", "Gaziosmanpaşa",
    "Çağlayan", "Beyazıt", "Kumkapı", "Küçükçekmece", "Başakşehir", "Arnavutköy", "Ataşehir",
    "Çekmeköy", "Sancaktepe", "Kocasinan", "Yeditepe", "Sirkeci", "Galata",
    # Ankara
    "Ankara Kurumlar", "Anadolu", "Başkent", "Cumhuriyet", "Çankaya", "Dikimevi", "Doğanbey",
    "Etimesgut", "Gölbaşı", "Hitit", "Kavaklıdere", "Kızılbey", "Keçiören", "Maltepe",
    "Mithatpaşa", "Ostim", "Polatlı", "Seğmenler", "Sincan", "Veraset ve Harçlar",
    "Yahya Galip", "Yenimahalle", "Yıldırım Beyazıt", "Ulus", "Altındağ", "Mamak", "Pursaklar",
    # İzmir
    "Bornova", "Buca", "Çiğli", "Ege", "Gaziemir", "Hasan Tahsin", "Kadifekale", "Karşıyaka",
    "Kemeraltı", "Konak", "Kordon", "Karabağlar", "Bayraklı", "Şirinyer", "Yamanlar",
    "9 Eylül", "Torbalı", "Menemen", "Ödemiş", "Tire", "Bergama", "Aliağa", "Urla",
    # Bursa
    "Bursa Kurumlar", "Çekirge", "Ertuğrulgazi", "Gökdere", "Nilüfer", "Osmangazi",
    "Setbaşı", "Uludağ", "Yıldırım", "İnegöl", "Gemlik", "Mudanya",
    # Kocaeli, Sakarya, Tekirdağ
    "Alemdağ", "Gebze", "İlyasbey", "Kocaeli İhtisas", "Körfez", "Tepecik", "Derince",
    "Gölcük", "Kartepe", "Sakarya", "Ali Fuat Cebesoy", "Gümrükönü", "Süleymanpaşa",
    "Çorlu", "Çerkezköy",
    # Antalya, Mersin, Adana
    "Antalya Kurumlar", "Antalya İhtisas", "Düden", "Kalekapı", "Muratpaşa", "Kepez",
    "Konyaaltı", "Alanya", "Manavgat", "Mersin İhtisas", "Liman", "Uray", "İstiklal",
    "Toros", "Tarsus", "Seyhan", "Ziyapaşa", "Yüreğir", "Çukurova", "Adana İhtisas",
    "Kozan", "Ceyhan",
    # Konya, Kayseri, Eskişehir
    "Alaaddin", "Meram", "Selçuk", "Mevlana", "Karatay", "Selçuklu", "Ereğli", "Akşehir",
    "Erciyes", "Kocasinan", "Mimar Sinan", "Talas", "Gevher Nesibe",
    "Eskişehir", "Odunpazarı", "Tepebaşı", "Anadolu",
    # Gaziantep, Şanlıurfa, Diyarbakır, Hatay, Kahramanmaraş, Malatya
    "Gazikent", "Suburcu", "Şahinbey", "Şehitkamil", "Kozanlı", "Göbeklitepe", "Harran",
    "Gökalp", "Süleyman Nazif", "Cahit Sıtkı Tarancı", "Antakya", "Şükrükanatlı",
    "İskenderun", "Asım Gündüz", "Aslanbey", "Beydağı", "Fırat", "Battalgazi",
    # Karadeniz
    "Gaziler", "Zafer", "19 Mayıs", "Bafra", "Çarşamba", "Karadeniz", "Hızırbey",
    "Çarşı", "Ordu", "Giresun", "Rize", "Artvin", "Zonguldak", "Uzunmehmet", "Ereğli",
    "Bartın", "Karabük", "Kastamonu", "Sinop", "Amasya", "Tokat", "Çorum", "Merzifon",
    # Ege, Akdeniz, İç Anadolu
    "Pamukkale", "Saraylar", "Gökpınar", "Çınar", "Aydın", "Efeler", "Nazilli", "Kuşadası",
    "Söke", "Muğla", "Bodrum", "Fethiye", "Marmaris", "Milas", "Mesudiye", "Manisa",
    "Alaşehir", "Akhisar", "Salihli", "Turgutlu", "Balıkesir", "Karesi", "Kurtdereli",
    "Bandırma", "Edremit", "Ayvalık", "Çanakkale", "Uşak", "Afyon Kocatepe", "Tınaz Tepe",
    "Kütahya", "Bilecik", "Isparta", "Davraz", "Burdur", "Denizli", "Niğde", "Aksaray",
    "Nevşehir", "Kırşehir", "Kırıkkale", "Yozgat", "Sivas", "Kale", "Çankırı", "Karaman",
    "Düzce", "Bolu", "Yalova", "Edirne", "Kırklareli", "Lüleburgaz", "Uşak",
    # Doğu
    "Erzurum", "Aziziye", "Kazım Karabekir", "Erzincan", "Elazığ", "Harput", "Hazar",
    "Van", "Vangölü", "Bitlis", "Muş", "Bingöl", "Tunceli", "Ağrı", "Kars", "Ardahan",
    "Iğdır", "Batman", "Siirt", "Şırnak", "Mardin", "Hakkari", "Adıyaman", "Kilis",
    "Osmaniye", "Trabzon", "Gümüşhane", "Bayburt",
)
# fmt: on

_KNOWN = lexicon(TAX_OFFICES)
_PARTS = lexicon(w for name in TAX_OFFICES for w in name.split())


def snap_tax_office(text: str) -> str:
    """``text`` spelled as the tax office it names, when it names one this list knows.

    A whole name that folds to a listed office takes that spelling; otherwise
    the words that fold to a word of a listed office do ("KOZYATAGI KURUMLAR").
    """
    whole = restore_phrase(text, _KNOWN)
    return whole if whole is not None else restore_words(text, _PARTS)


def is_tax_office(text: str) -> bool:
    """Whether ``text`` folds to a tax office this list knows."""
    return restore_phrase(text, _KNOWN) is not None


__all__ = ["TAX_OFFICES", "is_tax_office", "snap_tax_office"]
