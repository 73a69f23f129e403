"""Turkish given names and surnames for the person-name recognizer.

Source: the most frequent given names and surnames that TÜİK (Turkish
Statistical Institute) publishes yearly from the address-based population
register ("En çok kullanılan isimler / soyadları"), typed in by hand and
widened with common variants. It is a recall aid, not an authority: the
recognizer also uses context words and capitalisation, so a name missing
here is still found after "Sayın", "Adı Soyadı", "Kiracı" and the like.
"""

from __future__ import annotations

from docpipe.text.turkish import fold

GIVEN_NAMES = frozenset(
    fold(n)
    for n in """
Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil
Süleyman Abdullah Mahmut Recep Fatih Kemal Salih Emre Hakan Burak Orhan Kadir Yaşar Serkan
Mehmet Ali Cem Can Eren Emir Kerem Yiğit Arda Berat Efe Alp Tolga Volkan Uğur Gökhan Serdar
Erkan Levent Tuncay Onur Barış Deniz Oğuz Selim Sinan Tarık Umut Engin Ercan Erdem Ferhat
Harun İlker Kaan Koray Metin Nihat Okan Ozan Özgür Rıza Sami Sedat Sercan Taner Tayfun Tuna
Yavuz Yunus Zafer Bülent Cengiz Cihan Doğan Ertuğrul Fikret Güven İlhan Kenan Mert Necati
Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Havva Zeliha
Esra Fadime Özlem Hacer Melek Yasemin Hülya Leyla Rabia Dilek Gül Büşra Sevgi Songül Derya
Ebru Sibel Tuğba Gamze Kübra Elif Nur Ece Eylül Defne Zehra Asya Azra Ela Nehir Duru Ecrin
Irmak Sude Buse Ceren Cansu Damla Didem Dilara Esin Filiz Gizem Gülşen Hande İpek Kader
Nazlı Nermin Nesrin Nilay Pınar Seda Selin Sema Serap Sevda Şeyma Tülay Yeliz Yıldız Zerrin
Aysel Ayten Bahar Berna Beyza Canan Çiğdem Duygu Emel Feride Gönül Gülay Handan Işıl Lale
Meltem Müge Nalan Neslihan Nur Özge Reyhan Rukiye Saadet Seher Serpil Sevim Şule Tuba Ümran
Sıla Tuğçe Şebnem İsmail Ayşegül Fatmanur Elifnur Zeynep Berra Ahsen Miray Eslem Asel
""".split()
)

SURNAMES = frozenset(
    fold(n)
    for n in """
Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş
Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı Sarı Tekin Taş
Köse Yüksel Ateş Aksoy Yiğit Çiftçi Uçar Tunç Karaca Güven Demirci Eren Sönmez Kahraman Ay
Akın Kocabaş Altun Metin Kalkan Oral Tuncer Erdem Özgür Duman Karakaya Bayram Durmaz Tosun
Gündoğdu Akbulut Uysal Yazıcı Bilgin Akgül Kaçar Soylu Çınar Güngör Er Akyüz Aydemir Coşkun
Kurtuluş Tuğrul Erçetin Toprak Ekinci Çoban Ergün Sezer Karataş Deniz Akdeniz Tatlı Kurnaz
Baysal Yücel Öner Başaran Temiz Uzun Kartal Dinç Sevim Çakmak Alkan Ceylan Aktürk Orhan Ekici
""".split()
)


def is_given_name(token: str) -> bool:
    return fold(token) in GIVEN_NAMES


def is_surname(token: str) -> bool:
    return fold(token) in SURNAMES
