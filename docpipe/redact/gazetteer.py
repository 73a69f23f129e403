"""Turkish given names and surnames for the person-name recognizer.

Source: hand-compiled. The lists were typed from general knowledge of common
Turkish names, the kind TÜİK (Turkish Statistical Institute) publishes each year
from the address-based population register as "en çok kullanılan isimler /
soyadları"; they are not a copy of a TÜİK data set (nothing could be downloaded
where this was written) and carry no frequencies. Nothing here was generated
by a program. It is a recall aid, not an authority: the recognizer also uses
labels and role words ("Sayın", "Adı Soyadı", "Kiracı"), lists of names and
surname morphology (-oğlu, Kara-, Öz-, -türk …), so a name missing here is
still found in context.

``AMBIGUOUS`` holds given names that are also everyday words or place names
(Deniz "sea", Umut "hope", Barış "peace", Ege …): they count as a given name only
next to another name-like word, never alone.
"""

from __future__ import annotations

from docpipe.text.turkish import fold

_FOLDED: dict[str, str] = {}
_MAX_FOLDED = 65_536


def fold_word(word: str) -> str:
    """``fold`` of one word, kept: the name recognizer folds every capitalised word of
    a page several times over, and a page repeats its words (measured: a fifth of the
    recognizer's time on digital invoices). A plain dict of strings, bounded: one
    object for the garbage collector to visit, not one per word."""
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) >= _MAX_FOLDED:
            _FOLDED.clear()
        folded = _FOLDED[word] = fold(word)
    return folded


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(n) for n in text.split())


GIVEN_NAMES = _words(
    """
Abdullah Abdurrahman Adem Adnan Ahmet Akif Alaattin Ali Alp Alper Alpaslan Arda Aras Arif
Atakan Atilla Avni Aydın Ayhan Aziz Bahadır Baran Barış Batuhan Battal Bayram Bedirhan Bekir
Berat Berk Berkay Berke Bilal Bora Bülent Burak Burhan Cafer Can Caner Celal Cem Cemal Cemil
Cenk Cengiz Cevdet Cihan Cüneyt Çağatay Çağlar Çağrı Doğan Doğukan Dursun Ebubekir Efe Ekrem
Emin Emir Emirhan Emre Ender Engin Enes Enver Eray Ercan Erdal Erdem Erdoğan Eren Erhan Erkan
Erol Ersin Ertan Ertuğrul Erkut Eyüp Faruk Fatih Ferdi Ferhat Ferit Fevzi Fikret Fuat Furkan
Gökay Gökhan Gürkan Güven Hakan Hakkı Halil Halis Haluk Hamdi Hamza Harun Hasan Haydar Hayri
Hikmet Hilmi Hüseyin Hüsnü İbrahim İhsan İlhan İlker İlyas İrfan İsa İskender İsmail İsmet
Kaan Kadir Kamil Kemal Kenan Kerem Kerim Koray Korkut Kubilay Kudret Kutay Levent Lütfi
Mahmut Mazlum Mehmet Melih Mert Mesut Metin Mevlüt Mikail Muammer Muhammed Muharrem Murat
Musa Mustafa Muzaffer Necati Necdet Necip Nedim Nevzat Nihat Nuri Nurettin Nurullah Oğuz
Oğuzhan Okan Oktay Onur Orhan Osman Ozan Ömer Önder Özcan Özgür Özkan Polat Rahmi Ramazan
Rasim Recep Remzi Reşat Rıdvan Rıza Rüstem Sabri Sadık Sadettin Salih Sami Sarp Savaş Sedat
Selahattin Selçuk Selim Semih Serdar Sergen Serhat Serkan Sertaç Sezer Sinan Soner Suat
Süleyman Şahin Şener Şenol Şevket Şükrü Taha Tahir Talha Taner Tarık Tayfun Tayyip Teoman
Tolga Tuncay Tuncer Turan Turgay Turgut Tülin Uğur Ufuk Umut Utku Vahit Vedat Veli Volkan
Yahya Yakup Yalçın Yasin Yaşar Yavuz Yiğit Yılmaz Yunus Yusuf Yücel Yüksel Zafer Zekeriya
Zeki Ziya Erman Gürsel Tamer Hüsamettin Alparslan Ozan Egemen Tuna Tunahan Mirza Sefa Bünyamin
Abdülkadir Şükrü Nazım Orçun Onat Tan Toygar Umur Yağız Çınar Kuzey Poyraz Miraç Ayaz Aybars
Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Havva Zeliha
Esra Fadime Özlem Hacer Melek Yasemin Hülya Leyla Rabia Dilek Gül Büşra Sevgi Songül Derya
Ebru Sibel Tuğba Gamze Kübra Nur Ece Eylül Defne Asya Azra Ela Nehir Duru Ecrin Irmak Sude
Buse Ceren Cansu Damla Didem Dilara Esin Filiz Gizem Gülşen Hande İpek Kader Nazlı Nermin
Nesrin Nilay Pınar Seda Selin Sema Serap Sevda Şeyma Tülay Yeliz Yıldız Zerrin Aysel Ayten
Bahar Berna Beyza Canan Çiğdem Duygu Emel Feride Gönül Gülay Handan Işıl Lale Meltem Müge
Nalan Neslihan Özge Reyhan Rukiye Saadet Seher Serpil Sevim Şule Tuba Ümran Sıla Tuğçe
Şebnem Ayşegül Fatmanur Elifnur Berra Ahsen Miray Eslem Asel Aslı Arzu Aynur Ayla Aylin
Aysun Aytaç Banu Belgin Betül Birgül Burcu Cemile Cennet Demet Dilan Dilşad Dudu Elçin
Emine Esma Esra Eda Ezgi Fadik Fatoş Feyza Figen Funda Gülcan Gülsüm Gülten Gülizar Güler
Gülseren Gülsen Güzin Hacer Halime Hamide Hanım Hilal Hümeyra İlknur İnci Kadriye Kevser
Kezban Kıymet Latife Leman Mehtap Melike Melis Mine Münevver Naciye Nagehan Necla Nefise
Nesibe Nihal Nilgün Nilüfer Nuray Nurcan Nurdan Nurten Nursel Nuriye Oya Özden Perihan
Pelin Rahime Raziye Remziye Sabiha Safiye Saliha Semra Sevgül Sevil Sevinç Sinem Sonay
Süheyla Sümeyye Şaziye Şenay Şengül Şükran Tülin Türkan Ülkü Ümmühan Vildan Yağmur Yeter
Yurdagül Zübeyde Zühal Zümrüt Zekiye Zeynep Nisa Nisanur Elanur Ecem Ezel Ilgın Öykü Melis
Gözde Gökçe Sena Selda Seval Sevgi Songül Tuğçe Yaprak Şeyda Hazal Başak Beril Cemre Ceyda
Deren Dicle Ekin Elvan İrem Simge Tuana Umay Nazan Nermin Perihan Aslıhan Gülsüm Hatice
"""
)

SURNAMES = _words(
    """
Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş
Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı Sarı Tekin Taş
Köse Yüksel Ateş Aksoy Yiğit Çiftçi Uçar Tunç Karaca Güven Demirci Eren Sönmez Kahraman Ay
Akın Kocabaş Altun Metin Kalkan Oral Tuncer Erdem Özgür Duman Karakaya Bayram Durmaz Tosun
Gündoğdu Akbulut Uysal Yazıcı Bilgin Akgül Kaçar Soylu Çınar Güngör Er Akyüz Aydemir Coşkun
Kurtuluş Tuğrul Erçetin Toprak Ekinci Çoban Ergün Sezer Karataş Deniz Akdeniz Tatlı Kurnaz
Baysal Yücel Öner Başaran Temiz Uzun Kartal Dinç Sevim Çakmak Alkan Ceylan Aktürk Orhan Ekici
Akbaş Akçay Akdoğan Akgün Akkaya Akman Aksu Aktan Altıntaş Altınbaş Arıkan Arı Atalay Ay
Aydoğan Aydoğdu Ayhan Balcı Bal Baş Başar Batur Bayar Bayrak Bayraktar Bektaş Bilgiç Bilir
Bozdağ Budak Cengiz Cihan Çalışkan Çam Çavuş Çelebi Çevik Çiçek Dağ Dağlı Demirel Demirtaş
Dikmen Doğru Dönmez Dursun Ekşi Elmas Emre Erbil Erdemir Ergin Erol Ersoy Ertürk Esen Eser
Evren Gök Gökçe Gönül Göksu Gümüş Gündüz Gür Gürbüz Gürel Güzel Hacıoğlu Irmak Kahveci Kalay
Kalaycı Kandemir Karabulut Karadağ Karagöz Karahan Karaman Karakuş Kasap Kavak Kaymaz Keleş
Kemal Kırbaş Kırmızı Kocaman Kocatepe Koçak Koyuncu Kök Kuru Kutlu Mert Nas Okur Oruç Özbek
Özbay Özen Özdoğan Özkaya Öztekin Özyurt Pamuk Parlak Peker Sağlam Sarıkaya Savaş Saygı Seçkin
Sevinç Sezgin Soysal Sönmez Sucu Süer Şahinkaya Şener Şenol Taşdemir Taşkın Tatar Tekeli
Tezcan Topal Topaloğlu Turgut Tuzcu Türkmen Uçar Ulusoy Uluç Uysal Ünlü Yalın Yaman Yazar
Yener Yeşil Yıldızoğlu Yörük Yurt Yurdakul Zengin Akalın Erbaş Esen Bal Aksu Akın Gür Tekeli
Akyıldız Alagöz Altay Arıcı Atasoy Aydınlı Babacan Bakır Balkan Başer Bayındır Bingöl Bircan
Canpolat Ceyhan Çakar Çolak Durak Duran Eker Erten Eryılmaz Gedik Gençer Gezer Günay Güneri
Ilgaz Kaptan Karaaslan Karakoç Kaynak Kılınç Koca Kocabıyık Kuzu Oğuz Onay Önal Özmen Sayın
Selçuk Sevindik Solmaz Şeker Tanrıverdi Taşdelen Tokgöz Tuna Tunca Türkoğlu Ülger Yalçınkaya
Yavaş Yüce Zorlu Güleryüz Kılıçarslan Pamukçu Aksakal Erkan Sarıgül Keskinler Kaplanoğlu
"""
)

# given names that are also ordinary words or places: a name only next to another name
AMBIGUOUS = _words(
    """
Deniz Umut Barış Ege Irmak Yıldız Gül Bahar Derya Nur Sevgi Başak Can Kaya Doğan Aydın
Çınar Yaprak Ay Su Tan Sultan Hanım Kader Cennet Yağmur Lale İnci Ümran Dicle Ekin Kuzey
Poyraz Ayaz Savaş Polat Şahin Yılmaz Yüksel Güven Özgür Ülkü Emel Arzu Umay Sarp Oya Onur
Turan Güler Aslı Nehir Duru Ecrin Defne Ela Cemre Alp Efe Tuna Ilgın
"""
)

# productive pieces of Turkish surnames ("Kara-", "-oğlu", "-türk"): a capitalised word
# built from one, next to a given name, is taken as a surname
SURNAME_PREFIXES = tuple(
    fold(p)
    for p in "Kara Ak Öz Kılıç Demir Taş Yıldız Gök Gül Ay Can Er Kocaman Koca Sarı Bay "
    "Tek Al Altın Erdem Uzun Kurt Şahin Kaya Yüce Ulu Tan Türk Bilge Güven Sevin".split()
)
SURNAME_SUFFIXES = tuple(
    fold(s)
    for s in "oğlu oğulları gil türk kaya taş demir arslan aslan han soy yurt er "
    "can dağ tepe göz yüz el ay gün bey kurt doğan yıldız bulut ok ler lar lı lu cı cu çı "
    "çu ci cü ker man".split()
)


def is_given_name(token: str) -> bool:
    return fold_word(token) in GIVEN_NAMES


def is_surname(token: str) -> bool:
    return fold_word(token) in SURNAMES


def is_ambiguous(token: str) -> bool:
    return fold_word(token) in AMBIGUOUS


def looks_like_surname(token: str) -> bool:
    """A known surname, or a word built like one (Tanrıverdioğlu, Arslantürk, Karagöz)."""
    word = fold_word(token)
    if word in SURNAMES:
        return True
    if len(word) < 6:
        return False
    return word.endswith(SURNAME_SUFFIXES) or word.startswith(SURNAME_PREFIXES)
