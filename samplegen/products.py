"""Goods and services that appear on the invoices, grouped by their usual KDV rate.

Each product: description, unit, price range (in TRY), whether quantities may be
fractional, and detail phrases used to make long, wrapping descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    description: str
    unit: str
    low: int
    high: int
    fractional: bool = False
    details: tuple[str, ...] = ()
    withholding: str | None = None  # KDV tevkifat code this service falls under


@dataclass(frozen=True)
class WithholdingCode:
    code: str
    numerator: int
    denominator: int
    description: str


WITHHOLDING_CODES = {
    "602": WithholdingCode(
        "602", 9, 10, "Etüt, plan-proje, danışmanlık, denetim ve benzeri hizmetler"
    ),
    "603": WithholdingCode(
        "603",
        7,
        10,
        "Makine, teçhizat, demirbaş ve taşıtlara ait tadil, bakım ve onarım hizmetleri",
    ),
    "604": WithholdingCode("604", 5, 10, "Yemek servis hizmeti"),
    "612": WithholdingCode("612", 9, 10, "Temizlik hizmeti"),
    "613": WithholdingCode("613", 9, 10, "Çevre ve bahçe bakım hizmetleri"),
    "614": WithholdingCode("614", 5, 10, "Servis taşımacılığı hizmeti"),
}

GENERIC_DETAILS = (
    "teslimat alıcı deposuna yapılacaktır",
    "fiyatlara nakliye dahildir",
    "montaj ve kurulum hariç",
    "garanti süresi 24 aydır",
    "üretici belgeli, ambalajı açılmamış",
    "sipariş formundaki teknik şartnameye uygun",
    "parti/lot numarası irsaliyede belirtilmiştir",
    "ödeme koşulları sözleşmeye göredir",
    "iade ve değişim süresi 14 gündür",
    "şantiye teslim, boşaltma alıcıya aittir",
)

PRODUCTS: dict[int, tuple[Product, ...]] = {
    1: (
        Product(
            "Buğday unu (Tip 550)",
            "Çuval",
            650,
            900,
            False,
            ("50 kg’lık çuvallarda", "ekmeklik, yüksek protein", "Konya yöresi üretimi"),
        ),
        Product("Kırmızı mercimek", "Kg", 45, 70, True, ("yerli üretim", "elenmiş ve ayıklanmış")),
        Product("Kuru fasulye (Çalı)", "Kg", 60, 95, True, ("iri taneli", "2024 hasadı")),
        Product("Nohut (Koçbaşı)", "Kg", 55, 85, True, ("9 mm kalibre", "Yozgat menşeli")),
        Product("Bulgur (pilavlık)", "Kg", 30, 50, True, ("25 kg çuval", "köftelik değil")),
        Product("Baldo pirinç", "Kg", 55, 90, True, ("Osmancık-Baldo karışımsız", "5 kg paket")),
        Product(
            "Ekmek (somun, 250 g)", "Adet", 8, 15, False, ("günlük taze üretim", "sabah teslim")
        ),
        Product("Yufka (taze, 10’lu)", "Paket", 40, 70, False, ("el açması", "soğuk zincirde")),
    ),
    10: (
        Product(
            "Beyaz peynir (tam yağlı, teneke)",
            "Kg",
            180,
            260,
            True,
            ("17 kg’lık tenekelerde", "olgunlaştırılmış", "soğuk zincir ile teslim"),
        ),
        Product("Kaşar peyniri", "Kg", 280, 380, True, ("taze kaşar", "vakumlu ambalaj")),
        Product(
            "Sızma zeytinyağı",
            "Lt",
            280,
            420,
            True,
            ("soğuk sıkım", "Ayvalık yöresi", "5 litrelik teneke"),
        ),
        Product("Süzme çiçek balı", "Kg", 350, 600, True, ("cam kavanoz", "analiz raporlu")),
        Product("Dökme siyah çay", "Kg", 200, 320, True, ("Rize yöresi", "birinci sınıf yaprak")),
        Product("Tavuk göğsü (pirzola)", "Kg", 160, 230, True, ("kemiksiz", "şoklanmış")),
        Product(
            "Öğle yemeği servisi (tabldot)",
            "Porsiyon",
            120,
            220,
            False,
            ("çorba, ana yemek, pilav ve tatlı", "yerinde servis", "Ocak ayı"),
            "604",
        ),
        Product(
            "Otel konaklama hizmeti (oda + kahvaltı)",
            "Gece",
            1800,
            4500,
            False,
            ("standart çift kişilik oda", "giriş 14:00, çıkış 12:00"),
        ),
        Product(
            "Pamuklu tişört (baskılı)",
            "Adet",
            180,
            350,
            False,
            ("%100 pamuk", "ön ve arka baskı", "S-M-L-XL beden dağılımlı"),
        ),
    ),
    20: (
        Product(
            "Dizüstü bilgisayar",
            "Adet",
            28000,
            55000,
            False,
            (
                "15,6 inç ekran",
                "16 GB RAM",
                "512 GB SSD",
                "Türkçe Q klavye",
                "iki yıl üretici garantili",
            ),
        ),
        Product(
            "Yazılım lisansı (yıllık abonelik)",
            "Adet",
            4000,
            18000,
            False,
            ("kullanıcı başına", "güncelleme ve destek dahil", "12 aylık kullanım hakkı"),
        ),
        Product(
            "Yönetim danışmanlığı hizmeti",
            "Saat",
            1500,
            4500,
            True,
            ("süreç iyileştirme çalıştayı", "raporlama dahil", "Şubat dönemi"),
            "602",
        ),
        Product(
            "Mimari proje danışmanlığı",
            "Saat",
            1800,
            5000,
            True,
            ("uygulama projesi revizyonu", "şantiye ziyaretleri dahil"),
            "602",
        ),
        Product(
            "Klima bakım ve onarım hizmeti",
            "Adet",
            900,
            3500,
            False,
            ("gaz dolumu", "filtre değişimi", "iç ve dış ünite temizliği"),
            "603",
        ),
        Product(
            "Forklift periyodik bakım hizmeti",
            "Adet",
            4000,
            12000,
            False,
            ("yağ ve filtre değişimi", "fren kontrolü", "yedek parça hariç"),
            "603",
        ),
        Product(
            "Ofis temizlik hizmeti (aylık)",
            "Ay",
            18000,
            45000,
            False,
            ("haftada beş gün", "sarf malzemesi dahil", "iki personel ile"),
            "612",
        ),
        Product(
            "Bahçe bakım hizmeti",
            "Ay",
            7000,
            20000,
            False,
            ("çim biçme", "ilaçlama", "budama ve sulama sistemi kontrolü"),
            "613",
        ),
        Product(
            "Personel servis taşımacılığı",
            "Ay",
            25000,
            70000,
            False,
            ("iki güzergâh", "sabah ve akşam seferleri", "şoför dahil"),
            "614",
        ),
        Product(
            "A4 fotokopi kağıdı (80 gr, 500’lü)",
            "Koli",
            700,
            1300,
            False,
            ("5 paketlik koli", "beyazlık %161 CIE"),
        ),
        Product(
            "Çelik profil 40x40x2 mm",
            "Metre",
            90,
            160,
            True,
            ("S235 kalite", "6 metrelik boylar halinde", "galvaniz kaplamasız"),
        ),
        Product(
            "Ofis koltuğu (ergonomik, file sırtlı)",
            "Adet",
            4500,
            9000,
            False,
            ("bel destekli", "ayarlanabilir kolçak", "siyah renk"),
        ),
        Product(
            "Güvenlik kamerası kurulumu",
            "Adet",
            2500,
            7000,
            False,
            ("4 MP IP kamera", "kablolama dahil", "kayıt cihazı ayarı"),
        ),
        Product(
            "Web sitesi tasarım ve geliştirme hizmeti",
            "Adet",
            25000,
            90000,
            False,
            ("kurumsal site", "yönetim paneli", "SEO uyumlu altyapı", "bir yıl barındırma"),
        ),
        Product(
            "Nakliye hizmeti (İstanbul–Ankara)",
            "Sefer",
            9000,
            22000,
            False,
            ("tır ile komple yük", "sigorta dahil"),
        ),
        Product(
            "LED panel armatür 60x60 cm",
            "Adet",
            450,
            900,
            False,
            ("40 W", "gün ışığı 4000 K", "sıva altı montaj"),
        ),
        Product("Hidrolik yağ (46 numara)", "Lt", 90, 160, True, ("varil", "ISO VG 46")),
        Product("Toner kartuşu (siyah)", "Adet", 900, 2500, False, ("muadil değil, orijinal",)),
        Product(
            "Kablosuz klavye ve fare seti", "Set", 600, 1800, False, ("Türkçe Q", "USB alıcılı")
        ),
        Product(
            "Laminat parke (8 mm)",
            "M2",
            280,
            650,
            True,
            ("AC4 aşınma sınıfı", "meşe desen", "süpürgelik hariç"),
        ),
        Product(
            "İç cephe boyası (15 Lt)",
            "Kova",
            1400,
            2900,
            False,
            ("silinebilir", "kırık beyaz", "ıslak alan uyumlu"),
        ),
        Product("Kargo gönderim bedeli", "Adet", 80, 250, False, ("desi hesabına göre",)),
        Product(
            "Teknik servis işçiliği",
            "Saat",
            600,
            1500,
            True,
            ("yerinde müdahale", "yol ücreti hariç"),
        ),
    ),
}
