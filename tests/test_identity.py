"""Identity extraction: printed fields, MRZ merge, cross-check, Turkish names."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docpipe.classify import classify
from docpipe.document import Document, Page, Word
from docpipe.extract.rules import RulesEngine
from docpipe.extract.rules.identity import (
    _better_marks,
    extract_identity,
    mrz_name_of,
    names_agree,
)
from docpipe.extract.rules.identity_labels import label_spans
from docpipe.ocr import upscale
from docpipe.ocr.reread import reread_lines
from docpipe.pipeline import Pipeline
from docpipe.schemas import IdentityDocument
from docpipe.settings import Settings
from docpipe.text.turkish import fold, upper_tr
from docpipe.validate import validate_record
from samplegen import idcorpus
from samplegen.iddesign import PASSPORT_WORDINGS, WORDINGS, tr_upper
from samplegen.identity import (
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    SURNAMES,
    random_person,
    td1,
    td3,
    tr_date,
)
from tests.conftest import fresh_seed

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FONTS = Path("/usr/share/fonts/truetype")


def doc_of(rows: list[list[tuple[float, str]]]) -> Document:
    """Words laid out in rows of (x, text); each row 30 units below the previous."""
    words = []
    for i, row in enumerate(rows):
        for x, text in row:
            x1 = x
            for token in text.split():
                width = 7.0 * len(token)
                words.append(Word(token, (x1, 30.0 * i, x1 + width, 30.0 * i + 12)))
                x1 += width + 5
    page = Page(1, 800, 600, unit="px", words=tuple(words), text_source="ocr")
    return Document(path="x", sha256="0", media_type="image/png", size_bytes=0, pages=(page,))


def card_rows(person, *, birth: str | None = None, surname: str | None = None):
    mrz = td1(person)
    return [
        [(10, "TÜRKİYE CUMHURİYETİ KİMLİK KARTI")],
        [(10, "T.C. Kimlik No / TR Identity No")],
        [(10, person.tckn)],
        [(10, "Soyadı / Surname")],
        [(10, surname or person.surname)],
        [(10, "Adı / Given Name(s)")],
        [(10, person.given_names)],
        [(10, "Doğum Tarihi / Date of Birth"), (400, "Cinsiyeti / Gender")],
        [
            (10, birth or tr_date(person.birth_date)),
            (400, "K / F" if person.sex == "F" else "E / M"),
        ],
        [(10, "Seri No / Document No"), (400, "Uyruğu / Nationality")],
        [(10, person.document_number), (400, "T.C./TUR")],
        [(10, "Son Geçerlilik / Valid Until")],
        [(10, tr_date(person.expiry_date))],
        [(10, mrz[0])],
        [(10, mrz[1])],
        [(10, mrz[2])],
    ]


def extract(doc: Document, doc_type: str = "id_card") -> tuple[dict, list]:
    with RulesEngine() as engine:
        extraction = engine.extract(doc, doc_type, IdentityDocument)
    record = extraction.record.model_dump(mode="json", exclude_none=True)
    return record, validate_record(doc_type, record, extraction.rejected)


def test_printed_and_mrz_agree() -> None:
    person = random_person(random.Random(11))
    record, checks = extract(doc_of(card_rows(person)))
    assert record["tckn"] == person.tckn
    assert record["surname"] == person.surname  # printed spelling, with diacritics
    assert record["birth_date"] == person.birth_date.isoformat()
    assert record["expiry_date"] == person.expiry_date.isoformat()
    assert record["document_number"] == person.document_number
    assert record["sex"] == person.sex and record["nationality"] == "TUR"
    assert record["mrz_lines"] == td1(person)
    assert all(c.passed for c in checks), [c for c in checks if not c.passed]


def test_disagreeing_birth_date_keeps_the_mrz_and_asks_for_review() -> None:
    person = random_person(random.Random(12))
    wrong = person.birth_date.replace(year=person.birth_date.year - 1)
    with RulesEngine() as engine:
        extraction = engine.extract(
            doc_of(card_rows(person, birth=tr_date(wrong))), "id_card", IdentityDocument
        )
    record = extraction.record.model_dump(mode="json", exclude_none=True)
    checks = validate_record("id_card", record, extraction.rejected)
    assert record["birth_date"] == person.birth_date.isoformat()  # check digit passed
    assert extraction.evidence["birth_date"].confidence < 0.7
    failed = [c for c in checks if not c.passed]
    assert [(c.name, c.field) for c in failed] == [("mrz_cross_check", "birth_date")]
    assert wrong.isoformat() not in failed[0].reason and "." not in failed[0].reason[:-1]


def test_disagreeing_surname_is_flagged() -> None:
    person = random_person(random.Random(13))
    _, checks = extract(doc_of(card_rows(person, surname="YILDIRIMOĞLU")))
    failed = {(c.name, c.field) for c in checks if not c.passed}
    assert ("mrz_cross_check", "surname") in failed


@pytest.mark.parametrize(
    ("printed", "mrz"),
    [("ÖZTÜRK", "OZTURK"), ("ÇAĞLAR", "CAGLAR"), ("İLKER", "ILKER"), ("IŞIK", "ISIK"),
     ("AYŞE GÜL", "AYSE GUL")],
)  # fmt: skip
def test_turkish_names_fold_to_their_mrz_form(printed: str, mrz: str) -> None:
    assert mrz_name_of(printed) == mrz


@pytest.mark.parametrize(
    "name", ["id/kimlik_01_front", "id/kimlik_02_back", "id/pasaport_01", "id/nufus_cuzdani_01"]
)
def test_identity_samples_end_to_end(name: str, settings: Settings) -> None:
    truth = json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(SAMPLES / f"{name}.jpg")
    assert result.doc_type == truth["doc_type"]
    got = result.record or {}
    flat = {k: v for k, v in got.items() if k != "mrz_lines"}
    flat.update({f"mrz_lines.{i}": line for i, line in enumerate(got.get("mrz_lines", []))})
    wrong = [k for k, v in truth["fields"].items() if str(flat.get(k)) != str(v)]
    assert wrong == []
    assert result.status.value == "ok", result.failed_checks
    kinds = {"nufus": "nufus_cuzdani", "pasaport": "passport", "kimlik": "id_card"}
    assert got["kind"] == next(v for k, v in kinds.items() if k in name)


# -- documents others made (issue 13) -----------------------------------------------------
def back_rows(person, mrz: list[str], *, english_below: bool = False):
    if english_below:
        labels = [
            [(10, "ANNE ADI"), (400, "BABA ADI")],
            [(10, "MOTHER'S NAME"), (400, "FATHER'S NAME")],
        ]
    else:
        labels = [[(10, "Anne Adı / Mother's Name"), (400, "Baba Adı / Father's Name")]]
    return [
        *labels,
        [(10, person.mother_name), (400, person.father_name)],
        [(10, "VEREN MAKAM/ISSUED BY")],
        [(10, person.issuing_authority)],
        *[[(10, line)] for line in mrz],
    ]


def test_back_of_the_card_is_an_id_card_even_with_a_noisy_zone() -> None:
    person = random_person(random.Random(31))
    mrz = td1(person)
    # every filler misread, but for the name separator (nothing printed on the back to
    # tell "ÇELİK<<KAAN" from "ÇELİKK<KAAN"; the passport test covers it with a print)
    sep = mrz[2].index("<<")
    noisy = [mrz[0].replace("<", "K"), mrz[1].replace("<", "X")]
    noisy.append(mrz[2][: sep + 2] + mrz[2][sep + 2 :].replace("<", "K"))
    doc = doc_of(back_rows(person, noisy))
    assert classify(doc)[0] == "id_card"
    record, checks = extract(doc)
    assert record["mrz_lines"] == td1(person)
    assert record["tckn"] == person.tckn and record["mother_name"] == person.mother_name
    assert record["issuing_authority"] == person.issuing_authority
    assert all(c.passed for c in checks), [c.field for c in checks if not c.passed]


def test_td1_read_as_two_padded_lines_is_three_lines_of_thirty() -> None:
    person = random_person(random.Random(32))
    mrz = td1(person)
    doc = doc_of(back_rows(person, [(mrz[0] + mrz[1]).ljust(64, "<"), mrz[2]]))
    record, checks = extract(doc)
    assert record["mrz_lines"] == mrz and all(c.passed for c in checks)


@pytest.mark.parametrize("english_below", [False, True])
def test_labels_are_never_values(english_below: bool) -> None:
    """Upper-case labels, the English half on its own line: no label text in any value."""
    person = random_person(random.Random(33))
    record, _ = extract(doc_of(back_rows(person, td1(person), english_below=english_below)))
    assert record["mother_name"] == person.mother_name
    assert record["father_name"] == person.father_name
    assert record["issuing_authority"] == person.issuing_authority


def test_a_value_stops_at_the_next_label() -> None:
    rows = [
        [(10, "SOYADI / SURNAME ÖZTÜRK"), (300, "ADI / NAME AHMET")],
        [(10, "Doğum Tarihi: 16 OCA/JAN 1995"), (300, "Cinsiyeti / Sex E/M")],
    ]
    record, _ = extract(doc_of(rows))
    assert (record["surname"], record["given_names"]) == ("ÖZTÜRK", "AHMET")
    assert record["birth_date"] == "1995-01-16" and record["sex"] == "M"


@pytest.mark.parametrize(
    "printed",
    ["16.01.1995", "16/01/1995", "16 01 1995", "16-01-1995", "16 Ocak 1995", "16 OCA/JAN 1995",
     "16 JAN 1995", "I6.0I.I995", "16.01.95", "16 01, 1995", "16,01.1995"],
)  # fmt: skip
def test_dates_in_every_printed_form(printed: str) -> None:
    record, _ = extract(doc_of([[(10, "Doğum Tarihi / Date of Birth")], [(10, printed)]]))
    assert record["birth_date"] == "1995-01-16"


def test_turkish_letters_come_from_the_print_and_letters_from_the_mrz() -> None:
    person = random_person(random.Random(34))
    person = dataclasses.replace(person, surname="ÖZÇELİK", given_names="TUĞÇE ŞULE")
    # OCR misread one printed letter (Ç → G) but kept the marks elsewhere
    record, checks = extract(doc_of(card_rows(person, surname="ÖZGELİK")))
    assert record["surname"] == "ÖZÇELİK" or record["surname"] == "ÖZCELİK"
    assert record["surname"].startswith("ÖZ") and record["surname"].endswith("ELİK")
    assert record["given_names"] == "TUĞÇE ŞULE"
    assert not [c for c in checks if not c.passed and c.field == "surname"]


@pytest.mark.parametrize(
    ("printed", "mrz", "truncated", "agree"),
    [
        ("ÖZTÜRK", "OZTURK", False, True),
        ("ERK", "ER", False, True),  # the last K taken for a filler
        ("ABDURRAHMANGAZİ", "ABDURRAHMAN", True, True),  # the zone cut the name
        ("YILDIRIMOĞLU", "OZTURK", False, False),  # another name
        ("ÖZTÜRK", "OZTURKA", False, False),
    ],
)
def test_name_cross_check_tolerates_fillers_not_other_names(printed, mrz, truncated, agree):
    assert names_agree(printed, mrz, truncated=truncated) is agree


def test_passport_name_with_filler_noise_is_not_sent_to_review() -> None:
    person = random_person(random.Random(35), passport=True)
    line1, line2 = td3(person)
    noisy = line1[:5] + line1[5:].replace("<", "K")
    rows = [
        [(10, "PASAPORT / PASSPORT")],
        [(10, "Soyadı / Surname")], [(10, person.surname)],
        [(10, "Adı / Given Name(s)")], [(10, person.given_names)],
        [(10, "Pasaport No / Passport No")], [(10, person.document_number)],
        [(10, noisy)], [(10, line2)],
    ]  # fmt: skip
    record, checks = extract(doc_of(rows), "passport")
    assert record["mrz_lines"] == [line1, line2]
    assert all(c.passed for c in checks), [c.field for c in checks if not c.passed]


@pytest.mark.parametrize("filler_read_as_k", [False, True])
def test_names_whose_labels_were_not_read_keep_the_printed_turkish_letters(
    filler_read_as_k: bool,
) -> None:
    """The surname and given-name labels garbled beyond reading (a glare, a photo's blur):
    the names come from the MRZ, spelled as printed in the visual zone (``ŞÜKRÜ`` for the
    zone's ``SUKRU``), found there by their transliterated letters; a filler after the
    surname read as K (``KARAAGACK<<``) is noise, and the zone is put right."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    while len(f"{person.surname}<<{person.given_names}") > 38:  # a cut name matches no print
        person = random_person(rng, passport=True)
    line1, line2 = td3(person)
    read = line1
    if filler_read_as_k:
        surname = mrz_name_of(person.surname).replace(" ", "<")
        read = line1.replace(f"TUR{surname}<<", f"TUR{surname}K<<", 1)[:44]
        assert read != line1
    rows = [
        [(10, "PASAPORT / PASSPORT")],
        [(10, "f \\ SoyediSumame")], [(10, person.surname)],
        [(10, "AdifCiven Mammen")], [(10, person.given_names)],
        [(10, read)], [(10, line2)],
    ]  # fmt: skip
    record, checks = extract(doc_of(rows), "passport")
    assert record["surname"] == person.surname, seed
    assert record["given_names"] == person.given_names, seed
    assert record["mrz_lines"] == [line1, line2], seed
    failing = {c.field for c in checks if not c.passed}
    assert not failing & {"surname", "given_names", "mrz_lines"}, (seed, failing)


def test_special_categories_on_the_old_booklet_are_flagged_never_stored() -> None:
    person = random_person(random.Random(36), booklet=True)
    rows = [
        [(10, "TÜRKİYE CUMHURİYETİ NÜFUS CÜZDANI")],
        [(10, "T.C. Kimlik No :"), (200, person.tckn)],
        [(10, "Soyadı :"), (200, person.surname)],
        [(10, "Dini :"), (200, "İSLAM")],
        [(10, "Kan Grubu :"), (200, "0 Rh+")],
    ]
    record, _ = extract(doc_of(rows))
    assert record["kind"] == "nufus_cuzdani" and record["surname"] == person.surname
    assert record["religion_present"] is True and record["blood_group_present"] is True
    assert "İSLAM" not in json.dumps(record, ensure_ascii=False)
    assert "Rh" not in json.dumps(record)


# -- end to end on generated cards of the held-out split (never tuned on) ------------------
def _score(path: Path, truth: dict, settings: Settings) -> tuple[int, int, str]:
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(path)
    got = result.record or {}
    flat = {k: v for k, v in got.items() if k != "mrz_lines"}
    flat.update({f"mrz_lines.{i}": line for i, line in enumerate(got.get("mrz_lines", []))})
    right = sum(str(flat.get(k)) == str(v) for k, v in truth["fields"].items())
    return right, len(truth["fields"]), str(result.doc_type)


def test_held_out_card_back_end_to_end(tmp_path: Path, settings: Settings) -> None:
    """A card back with its labels on two lines (a layout never tuned on). A fixed seed: OCR
    on a freshly drawn card can miss a field, and a test must not fail by chance."""
    seed = 1301
    data, truth = idcorpus.make("back", "clean", "two_lines", random.Random(seed))
    path = tmp_path / "back.jpg"
    path.write_bytes(data)
    right, total, doc_type = _score(path, truth, settings)
    assert doc_type == "id_card", seed
    assert right >= total - 2, (seed, right, total)  # OCR tolerance: two fields


@pytest.mark.slow
def test_held_out_photocopies_end_to_end(tmp_path: Path, settings: Settings) -> None:
    """Grey low-contrast photocopies (a degradation never tuned on) of every document kind,
    scored together (held-out corpus: 0.73 of fields; 0.36 before issue 13)."""
    right = total = 0
    for i, kind in enumerate(idcorpus.KINDS):
        data, truth = idcorpus.make(kind, "photocopy", "one_line", random.Random(1400 + i))
        path = tmp_path / f"{kind}.jpg"
        path.write_bytes(data)
        r, t, doc_type = _score(path, truth, settings)
        assert doc_type == truth["doc_type"], kind
        right, total = right + r, total + t
    assert right >= 0.6 * total, (right, total)  # OCR tolerance on photocopies


# -- fresh seeds: layouts the rules were not written against --------------------------------
_LABELS = {  # field -> ways OCR hands the bilingual label over (slash lost, glued, misread)
    "tckn": ("T.C. Kimlik No / TR Identity No", "T.C KİMLİK NO/IDENTITY NO"),
    "surname": ("Soyadı / Surname", "SOYADI/SURNAME", "SOYADISSURNAME", "Soyadı ~ Surname"),
    "given_names": ("Adı / Given Name(s)", "ADI/NAME", "ADISNAME", "AdiName", "Adı - Given Names"),
    "birth_date": ("Doğum Tarihi / Date of Birth", "DOGUM TARIHI/DATE OF BIRTH"),
    "document_number": ("Seri No / Document No", "BELGE NO/DOCUMENT NO"),
    "expiry_date": ("Son Geçerlilik / Valid Until", "GEÇERLİLİK TARİHİ/DATE OF EXPIRY"),
}


def _tilted(rows: list[list[tuple[float, str]]], rng: random.Random) -> Document:
    """``doc_of`` photographed at a tilt: every word drops with its x (rows merge into one
    OCR line), with a tall speck at the left edge spanning two rows."""
    doc = doc_of(rows)
    slope = rng.choice((-1, 1)) * rng.uniform(0.02, 0.045)
    words = [
        dataclasses.replace(w, bbox=(w.x0, w.y0 + slope * w.x0, w.x1, w.y1 + slope * w.x0))
        for w in doc.pages[0].words
    ]
    words.append(Word("O)", (0.0, 85.0, 6.0, 135.0)))  # between the surname label and value
    page = dataclasses.replace(doc.pages[0], words=tuple(words))
    return dataclasses.replace(doc, pages=(page,))


def test_a_tilted_front_with_garbled_labels_reads_every_field() -> None:
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    for _ in range(6):
        person = random_person(rng)
        label = {field: rng.choice(options) for field, options in _LABELS.items()}
        rows = [
            [(10, "TÜRKİYE CUMHURİYETİ KİMLİK KARTI")],
            [(120, label["tckn"])],
            [(120, person.tckn)],
            [(120, label["surname"])],
            [(120, person.surname)],
            [(120, label["given_names"])],
            [(120, person.given_names)],
            [(120, label["birth_date"]), (420, "Cinsiyeti / Gender")],
            [(120, tr_date(person.birth_date)), (420, "K/F" if person.sex == "F" else "E/M")],
            [(120, label["document_number"]), (420, "Uyruğu / Nationality")],
            [(120, person.document_number), (420, "T.C./TUR")],
            [(120, label["expiry_date"])],
            [(120, tr_date(person.expiry_date))],
        ]
        record, _ = extract(_tilted(rows, rng))
        want = {
            "tckn": person.tckn,
            "surname": person.surname,
            "given_names": person.given_names,
            "birth_date": person.birth_date.isoformat(),
            "sex": person.sex,
            "document_number": person.document_number,
            "expiry_date": person.expiry_date.isoformat(),
        }
        got = {k: record.get(k) for k in want}
        wrong = sorted(k for k in want if got[k] != want[k])
        assert not wrong, f"seed {seed}: {wrong} (labels {[label[k] for k in label]})"


def _passport_rows(person, zone: list[str], birth: str) -> list[list[tuple[float, str]]]:
    return [
        [(10, "PASAPORT / PASSPORT")],
        [(10, "Soyadı / Surname")], [(10, person.surname)],
        [(10, "Adı / Given Name(s)")], [(10, person.given_names)],
        [(10, "Doğum Tarihi / Date of birth")], [(10, birth)],
        [(10, "Pasaport No / Passport No")], [(10, person.document_number)],
        [(10, zone[0])], [(10, zone[1])],
    ]  # fmt: skip


def test_clean_passports_end_ok_and_a_wrong_print_ends_in_review_for_that_field() -> None:
    """Fillers read as K/X and a birth-date digit misread: the check digits and the
    print repair the zone and the record ends ``ok``; a printed birth date that is
    another date sends it to review on ``birth_date`` alone."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    for _ in range(4):
        person = random_person(rng, passport=True)
        line1, line2 = td3(person)
        noisy1 = line1[:5] + "".join(rng.choice("<<KX") if c == "<" else c for c in line1[5:])
        day = 13 + rng.randrange(6)  # a birth-date digit: a look-alike letter, or another
        # digit (9 read as 1) that only the print, passing the same check digit, can undo
        misread = rng.choice(
            (line2[day].translate(str.maketrans("0158", "OISB")), str((int(line2[day]) + 8) % 10))
        )
        noisy2 = line2[:day] + misread + line2[day + 1 :]
        printed = tr_date(person.birth_date)
        doc = doc_of(_passport_rows(person, [noisy1, noisy2], printed))
        record, checks = extract(doc, "passport")
        failed = [c.field for c in checks if not c.passed]
        assert record["mrz_lines"] == [line1, line2] and not failed, f"seed {seed}: {failed}"
        other = person.birth_date.replace(year=person.birth_date.year - 1 - rng.randrange(3))
        doc = doc_of(_passport_rows(person, [line1, line2], tr_date(other)))
        record, checks = extract(doc, "passport")
        failed = [(c.name, c.field) for c in checks if not c.passed]
        assert failed == [("mrz_cross_check", "birth_date")], f"seed {seed}: {failed}"
        assert record["birth_date"] == person.birth_date.isoformat(), f"seed {seed}"


def _rendered_line(text: str, size: int) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """``text`` printed in bold on a white strip, and its ink box (as OCR would give it)."""
    font = ImageFont.truetype(str(FONTS / "dejavu/DejaVuSans-Bold.ttf"), size)
    image = Image.new("L", (40 + size * len(text), 3 * size), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, size), text, font=font, fill=20)
    return np.asarray(image), tuple(float(v) for v in draw.textbbox((20, size), text, font=font))


def test_a_name_read_again_alone_keeps_its_letters_and_gets_its_marks() -> None:
    rng = random.Random(fresh_seed(__name__))
    marked = [n for n in (*SURNAMES, *FIRST_NAMES_F, *FIRST_NAMES_M) if fold(n) != n.lower()]
    name = upper_tr(rng.choice(marked))
    # small print, enlarged; at 14 px Tesseract drops the diaeresis of the capital Ü that
    # starts "ÜNAL" (read "UNAL", seed 8016; six other marked names tried read at 14 px):
    # the claim is made from 15 px
    image, box = _rendered_line(name, rng.randint(15, 20))
    [reading] = reread_lines(image, [box])
    assert reading is not None
    assert fold(reading[0]) == fold(name)
    assert reading[0] == name


@pytest.mark.parametrize(
    ("old", "old_conf", "new", "new_conf", "taken"),
    [
        ("SIMSEK", 0.91, "ŞİMŞEK", 0.74, True),  # marks added, the Turkish model less sure
        ("SIMSEK", 0.91, "ŞİMŞEK", 0.50, False),  # too unsure
        ("SIMSEK", 0.91, "SIMSEN", 0.99, False),  # another letter: never
        ("ÖMER", 0.90, "OMER", 0.80, False),  # marks lost at a lower confidence
        ("OMER", 0.90, "ÔMER", 0.95, False),  # a mark Turkish does not have
        ("SAHIN", 0.90, "ŞAHİN ", 0.95, False),  # not the same letters (length)
    ],
)
def test_a_closer_reading_only_changes_turkish_marks(old, old_conf, new, new_conf, taken):
    assert _better_marks(old, old_conf, new, new_conf) is taken


@pytest.mark.parametrize(
    ("heading", "foreign_number", "nationality"),
    [
        ("TÜRKİYE CUMHURİYETİ KİMLİK KARTI", False, "TUR"),
        ("REPUBLIC OF TURKEY IDENTITY CARD", False, "TUR"),
        ("TÜRKİYE CUMHURİYETİ YABANCI KİMLİK BELGESİ", False, None),
        ("TÜRKİYE CUMHURİYETİ KİMLİK KARTI", True, None),
        ("KİMLİK KARTI", False, None),
    ],
)
def test_a_citizen_card_without_a_read_nationality_is_tur(heading, foreign_number, nationality):
    rng = random.Random(fresh_seed(__name__))
    person = random_person(rng)
    while person.tckn.startswith("99"):  # a citizen's number drawn as a foreigner's (1 in 90)
        person = random_person(rng)
    tckn = "99" + person.tckn[2:] if foreign_number else person.tckn
    rows = [
        [(10, heading)],
        [(10, "T.C. Kimlik No / TR Identity No")],
        [(10, tckn)],
        [(10, "Soyadı / Surname")],
        [(10, person.surname)],
    ]
    fields, _ = extract_identity(doc_of(rows), "id_card")
    found = fields.items.get("nationality")
    assert (found.value if found else None) == nationality


# -- labels set on several lines (a bilingual label wrapped in a narrow box) ---------------
def _wrapped(label: str, rng: random.Random) -> list[str]:
    """``label`` broken at random word boundaries into two or three lines."""
    words = label.split(" ")
    cuts = sorted(rng.sample(range(1, len(words)), min(len(words) - 1, rng.choice((1, 2)))))
    return [" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]


def test_values_under_labels_wrapped_onto_several_lines() -> None:
    """Every field's bilingual label (the wordings the corpus prints) broken wherever a
    narrow box would break it (``Veren Makam / Issued`` then ``By``, ``Doğum Yeri / Place``
    then ``of Birth``): the value under the label's last line is read, the label's tail never."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    for _ in range(8):
        person = random_person(rng, passport=True)
        wordings = rng.choice((WORDINGS, PASSPORT_WORDINGS))
        upper, sep = rng.random() < 0.4, rng.choice((" / ", "/", " - "))
        want = {
            "tckn": person.tckn,
            "surname": person.surname,
            "given_names": person.given_names,
            "mother_name": person.mother_name,
            "father_name": person.father_name,
            "birth_place": person.birth_place,
            "birth_date": person.birth_date.isoformat(),
            "document_number": person.document_number,
            "issuing_authority": person.issuing_authority,
            "expiry_date": person.expiry_date.isoformat(),
        }
        rows: list[list[tuple[float, str]]] = [[(10, "TÜRKİYE CUMHURİYETİ")]]
        for field, value in want.items():
            tr, en = rng.choice(wordings[field])
            label = f"{tr_upper(tr)}{sep}{en.upper()}" if upper else f"{tr}{sep}{en}"
            rows += [[(10, line)] for line in _wrapped(label, rng)]
            printed = tr_date(date.fromisoformat(value)) if "date" in field else value
            rows.append([(10, printed)])
        record, _ = extract(doc_of(rows))
        wrong = sorted(k for k, v in want.items() if record.get(k) != v)
        assert not wrong, f"seed {seed}: {wrong}"


# -- small print: enlarged before OCR ------------------------------------------------------
def test_a_garbled_label_tail_in_small_letters_is_not_the_name_below_it() -> None:
    """A card back's wrapped labels whose second line OCR garbled (``ams Nani`` for
    ``Name``): in small letters, so no name (names are printed in capitals); the value is
    the row below."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    rows = [
        [(10, "Anne Adı / Mother's"), (300, "Baba Adı / Father's")],
        [(10, "ams Nani"), (300, "Nane")],
        [(10, person.mother_name), (300, person.father_name)],
        [(10, "Veren Makam / Issued")],
        [(10, "Iss wing Auth")],
        [(10, person.issuing_authority)],
        *([(10, line)] for line in td1(person)),
    ]
    record, _ = extract(doc_of(rows))
    assert record.get("mother_name") == person.mother_name, seed
    assert record.get("father_name") == person.father_name, seed
    assert record.get("issuing_authority") == person.issuing_authority, seed


def test_the_machine_readable_zone_is_no_printed_value() -> None:
    """A card back whose issuing office OCR lost entirely: the MRZ's first row, right
    under the label, is not the office."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    rows = [
        [(10, "Veren Makam / Issued By")],
        *([(10, line)] for line in td1(person)),
    ]
    record, _ = extract(doc_of(rows))
    assert record.get("issuing_authority") is None, seed


def test_a_passport_number_whose_z_was_read_as_7_is_no_mismatch() -> None:
    """``Z24342446`` printed, OCR reads ``724342446``; the MRZ (check digit passing) has the
    Z: a misreading, not a printed value that differs, so no review for it."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    person = dataclasses.replace(person, document_number="Z" + person.document_number[1:])
    line1, line2 = td3(person)
    rows = [
        [(10, "PASAPORT / PASSPORT")],
        [(10, "Soyadı / Surname")], [(10, person.surname)],
        [(10, "Adı / Given Name(s)")], [(10, person.given_names)],
        [(10, "Pasaport No / Passport No")], [(10, "7" + person.document_number[1:])],
        [(10, line1)], [(10, line2)],
    ]  # fmt: skip
    record, checks = extract(doc_of(rows), "passport")
    assert record["document_number"] == person.document_number, seed
    assert all(c.passed for c in checks), (seed, [c.field for c in checks if not c.passed])


@pytest.mark.parametrize(
    ("doc_type", "office"),
    [
        ("passport", "T.C. İÇİŞLERİ BAKANLIĞI"),
        ("id_card", "ÜSKÜDAR İLÇE NÜFUS MÜD."),
        ("passport", "ANKARA EMNİYET MÜDÜRLÜĞÜ"),
    ],
)
def test_an_issuing_office_under_an_unread_label_is_found_by_its_words(doc_type, office):
    """The authority's label garbled (``Make:``): the office is still known by its own
    words (a population office, the ministry, a police directorate), a date before it on
    the same line left out."""
    rows = [
        [(10, "Veriliş Tarihi / Date of issue"), (300, "Make:")],
        [(10, "18 03 2023"), (300, office)],
    ]
    record, _ = extract(doc_of(rows), doc_type)
    assert record.get("issuing_authority") == office


def test_zoom_reaches_the_target_height_within_its_limits() -> None:
    image = np.zeros((400, 600), np.uint8)

    def words(height: float, n: int = 8) -> list[Word]:
        return [Word("ABCD", (10.0 * i, 0.0, 10.0 * i + 30, height)) for i in range(n)]

    assert upscale.zoom_for(image, words(6)) == pytest.approx(upscale.TARGET_WORD_HEIGHT / 6)
    assert upscale.zoom_for(image, words(2)) == upscale.MAX_ZOOM
    assert upscale.zoom_for(image, words(17)) == 1.0  # not worth a second pass
    assert upscale.zoom_for(image, words(6, n=3)) == 1.0  # too few words to measure
    assert upscale.zoom_for(image, words(6), px_per_unit=3.0) == 1.0  # boxes in points
    huge = np.zeros((2000, 3000), np.uint8)  # the pixel budget caps the zoom
    assert upscale.zoom_for(huge, words(6)) == pytest.approx((upscale.MAX_PIXELS / 6e6) ** 0.5)
    assert upscale.enlarged(image, 2.5).shape == (1000, 1500)


def test_a_passport_scanned_at_low_resolution_reads_its_mrz(tmp_path: Path, settings) -> None:
    """A passport page scanned at about 110 dpi (tune style ``lowdpi``): the first reading
    finds no zone; read again enlarged, the MRZ passes its check digits. A fixed seed: OCR
    on a freshly drawn page can miss a field, and a test must not fail by chance."""
    data, truth = idcorpus.make("passport", "lowdpi", "one_line", random.Random("2/tune/22"))
    path = tmp_path / "passport.jpg"
    path.write_bytes(data)
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        record = pipeline.process(path).record or {}
    fields = truth["fields"]
    assert record.get("mrz_lines") == [fields["mrz_lines.0"], fields["mrz_lines.1"]]
    for name in ("document_number", "birth_date", "expiry_date", "tckn", "sex"):
        assert str(record.get(name)) == str(fields[name]), name


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("T.C İÇİŞLERİ BAKANLIĞI", "T.C. İÇİŞLERİ BAKANLIĞI"),
        ("TC İÇİŞLERİ BAKANLIĞI", "T.C. İÇİŞLERİ BAKANLIĞI"),
        ("T. İÇİŞLERİ BAKANLIĞI", "T.C. İÇİŞLERİ BAKANLIĞI"),
        ("T.C. ICISLERI BAKANLIG", "T.C. İÇİŞLERİ BAKANLIĞI"),
        ("ÜSKÜDAR ILCE NUFUS MUD.", "ÜSKÜDAR İLÇE NÜFUS MÜD."),
        ("ANKARA EMNIYET MUDURLUGU", "ANKARA EMNİYET MÜDÜRLÜĞÜ"),
        ("TOKAT İLÇE NÜFUS MÜD.", "TOKAT İLÇE NÜFUS MÜD."),
    ],
)
def test_an_issuing_office_is_spelt_as_printed(read: str, printed: str) -> None:
    """The office's fixed words lose their marks, dots and last letters to OCR; they are
    spelt as printed, the district's name kept as read (``TOKAT`` is no ``T.C.``)."""
    rows = [[(10, "Veren Makam / Authority")], [(10, read)]]
    record, _ = extract(doc_of(rows), "passport")
    assert record.get("issuing_authority") == printed


def test_a_place_under_a_garbled_label_and_its_garbled_tail() -> None:
    """``Doğum Yeri / Place`` read ``Boi n Yeri / Place`` (no phrase left, but every word
    it still has belongs to the birth place's label alone) and its wrapped ``of birth``
    read ``ef 7``: the place is the row below, not two letters of the label's tail."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed), passport=True)
    rows = [
        [(10, "Doğum Tarihi / Date"), (300, "Boi n Yeri / Place")],
        [(10, "of birth"), (300, "ef 7")],
        [(10, tr_date(person.birth_date)), (300, person.birth_place)],
    ]
    record, _ = extract(doc_of(rows), "passport")
    assert record.get("birth_place") == person.birth_place, seed
    assert record.get("birth_date") == person.birth_date.isoformat(), seed


@pytest.mark.parametrize("head", ["Doğurri Yeri / Place", "Doğurn Yeri / Place"])
def test_a_place_under_a_label_whose_m_was_read_as_rri(head: str) -> None:
    """A passport's wrapped ``Doğum Yeri / Place`` / ``of birth`` with the ``m`` read as
    ``rri`` (its ``n`` read ``ri``, as in ``Giveri`` for ``Given``) or ``rn``: still the
    birth place's label, so the place below its wrapped tail is read."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed), passport=True)
    rows = [
        [(10, "Doğum Tarihi / Date"), (300, "Cinsiyeti Sex"), (600, head)],
        [(10, "of birth:"), (300, "K / F" if person.sex == "F" else "E / M"), (600, "of birti:")],
        [(10, tr_date(person.birth_date)), (600, person.birth_place)],
    ]
    record, _ = extract(doc_of(rows), "passport")
    assert record.get("birth_place") == person.birth_place, seed
    assert record.get("sex") == person.sex, seed


def test_parents_under_unread_labels_are_found_by_their_place_on_the_back() -> None:
    """A low-dpi card back whose 4 pt labels OCR garbled: the two names side by side above
    the issuing office are the mother's (in the office's column) and the father's. A page
    with no zone (a card's front) has no such row."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    mrz = td1(person)
    rows = [
        [(10, "Moavers Wares"), (400, "Bala Ha Fede s")],
        [(10, f") {person.mother_name}"), (400, person.father_name)],
        [(10, "YEMEM Mba Miz")],
        [(10, "PAMUKKALE İLÇE NÜFUS MÜD.")],
    ]
    record, _ = extract(doc_of([*rows, *([(10, line)] for line in mrz)]))
    assert record.get("mother_name") == person.mother_name, seed
    assert record.get("father_name") == person.father_name, seed
    record, _ = extract(doc_of(rows))
    assert "mother_name" not in record and "father_name" not in record, seed


@pytest.mark.parametrize("head", ["", "Boi"])
def test_a_value_set_left_of_a_label_that_lost_its_first_word(head: str) -> None:
    """``Doğum Yeri / Place of birth`` read without ``Doğum`` (lost, or on a line of its
    own) or with it garbled and cut short (``Boi``): the place below starts left of what
    is left of the label and is still its value; the sex's column beside stays apart."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    while len(person.birth_place) < 6:  # long enough to reach under what is left
        person = random_person(rng, passport=True)
    rows = [
        [(10, "Doğum Tarihi / Date of birth"), (330, "Cinsiyeti / Sex")]
        + ([(588, head)] if head else [])
        + [(640, "Yeri / Place of birth")],
        [(10, tr_date(person.birth_date)), (330, "K / F" if person.sex == "F" else "E / M"),
         (600, person.birth_place)],
    ]  # fmt: skip
    record, _ = extract(doc_of(rows), "passport")
    assert record.get("birth_place") == person.birth_place, seed
    assert record.get("sex") == person.sex, seed


def test_a_value_under_another_fields_label_does_not_reach_a_split_label() -> None:
    """``BABA`` on a line of its own and ``ADI/FATHER'S`` beside it: the father's name
    under ``BABA`` is the father's, not the given names of a bare ``ADI``."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    words = [
        Word("ADI/FATHER'S", (621, 45, 705, 57)),
        Word("BABA", (573, 56, 601, 68)),
        Word(person.father_name, (573, 70, 573 + 9 * len(person.father_name), 84)),
    ]
    page = Page(1, 800, 600, unit="px", words=tuple(words), text_source="ocr")
    doc = Document(path="x", sha256="0", media_type="image/png", size_bytes=0, pages=(page,))
    record, _ = extract(doc)
    assert record.get("given_names") is None, seed
    assert record.get("father_name") == person.father_name, seed


def test_a_passports_issue_date_under_an_unread_label_is_the_date_the_zone_lacks() -> None:
    """Every date label garbled and the birth date's print unreadable: the zone (check
    digits passing) gives the birth and expiry dates, so the one other printed date between
    them is the date of issue; with more such dates printed, none is taken."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    line1, line2 = td3(person)
    dates = [person.issue_date, person.expiry_date]  # the birth date's print unreadable
    rows = [[(10, "Masi Tanti")], [(10, "03 il en")]]
    rows += [[(10, tr_date(d))] for d in rng.sample(dates, 2)]
    record, _ = extract(doc_of([*rows, [(10, line1)], [(10, line2)]]), "passport")
    assert record.get("issue_date") == person.issue_date.isoformat(), seed
    others = [date(person.issue_date.year + 1, m, 1) for m in (3, 9)]
    if not all(person.birth_date < d < person.expiry_date for d in others):
        return
    rows += [[(10, tr_date(d))] for d in others]
    record, _ = extract(doc_of([*rows, [(10, line1)], [(10, line2)]]), "passport")
    assert record.get("issue_date") is None, seed


def test_an_issuing_authority_is_never_read_from_the_zone_below_it() -> None:
    """A card back whose office name OCR lost under ``Veren Makam / Issued By``: the MRZ
    rows below are no value (the authority stays unread); and a district whose name holds
    a label word (``YENİMAHALLE``, ``Mahalle`` a booklet's label) is the office's name."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    zone = [[(10, line)] for line in td1(person)]
    record, _ = extract(doc_of([[(10, "Veren Makam / Issued By")], *zone]))
    assert record.get("issuing_authority") is None, seed
    office = "YENİMAHALLE İLÇE NÜFUS MÜD."
    rows = [[(10, "Veren Makam / Issued")], [(10, "Iss wing Auth")], [(10, office)], *zone]
    record, _ = extract(doc_of(rows))
    assert record.get("issuing_authority") == office, seed


def test_dates_the_zone_verifies_are_not_taken_by_their_order_on_the_page() -> None:
    """Every date label garbled, the three printed dates of a passport page, the birth
    date's print misread (a digit of its day): the zone's check digits give the birth and expiry
    dates, so the printed ones are not assigned by their order (the misread birth date is
    no printed value that disagrees); the issue date is the one date the zone leaves."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    line1, line2 = td3(person)
    birth = person.birth_date
    day = f"{birth.day:02d}"  # one digit of the day misread
    misreads = [
        d for d in range(1, 29) if sum(a != b for a, b in zip(f"{d:02d}", day, strict=True)) == 1
    ]
    misread = birth.replace(day=rng.choice(misreads))
    dates = [misread, person.issue_date, person.expiry_date]
    rows = [[(10, "Masi Tanti")], [(10, "03 il en")]]
    rows += [[(10, tr_date(d))] for d in rng.sample(dates, 3)]
    record, checks = extract(doc_of([*rows, [(10, line1)], [(10, line2)]]), "passport")
    assert record.get("birth_date") == birth.isoformat(), seed
    assert record.get("issue_date") == person.issue_date.isoformat(), seed
    assert record.get("expiry_date") == person.expiry_date.isoformat(), seed
    assert all(c.passed for c in checks), (seed, [c.field for c in checks if not c.passed])


def test_given_names_whose_print_was_not_read_stay_in_the_zone() -> None:
    """The surname printed and read, the given names' print lost (glare) and the zone's
    name row noisy (fillers read as K): the zone keeps its given names, which are no filler
    noise after the surname; the record takes them from it."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    while person.given_names[-1] in "KX":  # İPEK + KKK…: no reading can tell
        person = random_person(rng, passport=True)
    line1, line2 = td3(person)
    names = line1.rstrip("<")
    noisy = names + "K" * (len(line1) - len(names))  # the trailing fillers read as K
    rows = [
        [(10, "PASAPORT / PASSPORT")],
        [(10, "Soyadı / Surname")], [(10, person.surname)],
        [(10, noisy)], [(10, line2)],
    ]  # fmt: skip
    record, _ = extract(doc_of(rows), "passport")
    assert record["mrz_lines"] == [line1, line2], seed
    assert mrz_name_of(record["given_names"]) == mrz_name_of(person.given_names), seed


def test_a_passports_birth_place_under_a_garbled_label_is_the_one_province_printed() -> None:
    """The place-of-birth caption garbled past recognition (a 100 dpi scan): the one
    province's name among the page's values is the place of birth; a surname that is also
    a province (``AYDIN``) is the holder's name, not a place; with two provinces printed,
    none is taken."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = dataclasses.replace(random_person(rng, passport=True), surname="AYDIN")
    line1, line2 = td3(person)
    sex = "K / F" if person.sex == "F" else "E / M"
    rows = [
        [(10, "Soyadı / Surname")],
        [(10, person.surname)],
        [(10, "Pogum Verimlace of Meatm")],
        [(10, tr_date(person.birth_date)), (200, sex), (300, person.birth_place)],
        [(10, "Makam / Authority")],
        [(10, person.issuing_authority)],
    ]
    record, _ = extract(doc_of([*rows, [(10, line1)], [(10, line2)]]), "passport")
    assert record.get("birth_place") == person.birth_place, seed
    other = "KONYA" if fold(person.birth_place) != "konya" else "SAMSUN"
    rows[3] = [*rows[3], (450, other)]
    record, _ = extract(doc_of([*rows, [(10, line1)], [(10, line2)]]), "passport")
    assert record.get("birth_place") is None, seed


@pytest.mark.parametrize("printed", ["K / F", "E / M", "K/F", "E/M"])
def test_a_cards_sex_under_an_unread_label_is_found_by_its_bilingual_value(printed) -> None:
    """``Cinsiyeti / Gender`` garbled: the bilingual value (``K / F``, ``E/M``, its spaces
    kept or lost) says the sex by its shape, beside the birth date it shares a row with."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    rows = card_rows(person)[:-3]  # the front: no zone
    rows[7] = [(10, "Doğum Tarihi / Date of Birth"), (400, "Cnsye / Gndr")]
    rows[8] = [(10, tr_date(person.birth_date)), (400, printed)]
    record, _ = extract(doc_of(rows))
    assert record.get("sex") == ("F" if printed.startswith("K") else "M"), seed


def test_an_old_booklets_unread_labels_leave_its_dates_and_blood_group_by_shape() -> None:
    """The old nüfus cüzdanı with ``Veriliş Tarihi`` and ``Kan Grubu`` garbled: its two
    printed dates are the birth (the earlier) and the issue; the Rh factor says a blood
    group is printed (flagged, its value never stored)."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, booklet=True)
    group = rng.choice(("A Rh+", "0 Rh-", "AB RH+", "B Rh -"))
    rows = [
        [(10, "TÜRKİYE CUMHURİYETİ NÜFUS CÜZDANI")],
        [(10, "T.C. Kimlik No :"), (200, person.tckn)],
        [(10, "Soyadı :"), (200, person.surname)],
        [(10, "Dogrn Tanh :"), (200, tr_date(person.birth_date))],
        [(10, "Vrls Tnh :"), (200, tr_date(person.issue_date))],
        [(10, "Kn Grb :"), (200, group)],
    ]
    record, _ = extract(doc_of(rows))
    assert record["kind"] == "nufus_cuzdani", seed
    assert record.get("birth_date") == person.birth_date.isoformat(), seed
    assert record.get("issue_date") == person.issue_date.isoformat(), seed
    assert record.get("blood_group_present") is True, seed
    assert group.split()[0] + " R" not in json.dumps(record, ensure_ascii=False), seed


def test_a_passport_name_the_zone_ran_together_is_read_from_the_print() -> None:
    """Two given names whose filler the zone read as K (``SINANKKIVANCK`` for ``SINAN
    KIVANC``), their label garbled: the print holds every letter with a space between the
    names, so the names come from it and the zone's name is put right."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    while " " not in person.given_names or len(f"{person.surname}<<{person.given_names}") > 36:
        person = random_person(rng, passport=True)
    line1, line2 = td3(person)
    given = mrz_name_of(person.given_names).replace(" ", "<")
    glued = given.replace("<", rng.choice("KX")) + "K"
    read = line1.replace(f"<<{given}<", f"<<{glued}", 1)
    assert read != line1 and len(read) == 44, seed
    rows = [
        [(10, "PASAPORT / PASSPORT")],
        [(10, "Soyadı / Surname")], [(10, person.surname)],
        [(10, "AdifCiven Mammen")], [(10, person.given_names)],
        [(10, read)], [(10, line2)],
    ]  # fmt: skip
    record, _ = extract(doc_of(rows), "passport")
    assert record["given_names"] == person.given_names, seed
    assert record["mrz_lines"] == [line1, line2], seed


def test_a_label_whose_words_ocr_set_apart_keeps_its_whole_value() -> None:
    """``ADI / GIVEN   NAMES`` with a wide gap between its last two words (a glyph lost):
    still one label, so both given names under it are its value."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng)
    while " " not in person.given_names:
        person = random_person(rng)
    rows = card_rows(person)[:-3]
    gap = rng.uniform(2.3, 3.8) * 12  # word heights (doc_of's words stand 12 high)
    label = [(10, "ADI / GIVEN"), (10 + 7 * 9 + 5 * 2 + gap, "NAMES")]  # after GIVEN's end
    at = next(i for i, row in enumerate(rows) if "Adı" in row[0][1])
    rows[at] = label
    record, _ = extract(doc_of(rows))
    assert record["given_names"] == person.given_names, seed


@pytest.mark.parametrize("printed", ["K / F", "E / M", "K/F", "E/M", "K / E", "K", "E"])
def test_the_sex_value_read_again_is_the_bilingual_pair_or_one_letter(printed: str) -> None:
    """What the closer reading under ``Cinsiyeti / Gender`` may return: the pair (its F read
    E now and then), or one of its letters; the Turkish letter decides."""
    from docpipe.extract.rules.identity import _sex_pair

    assert _sex_pair(printed) == ("F" if printed.startswith("K") else "M")
    assert _sex_pair(printed + " |") == ("F" if printed.startswith("K") else "M")


@pytest.mark.parametrize("text", ["T.C./TUR", "01.02.1990", "KE F", "ABC", ""])
def test_other_readings_under_the_sex_label_say_nothing(text: str) -> None:
    from docpipe.extract.rules.identity import _sex_pair

    assert _sex_pair(text) is None


def test_a_single_filler_read_as_three_glyphs_keeps_the_names_after_it() -> None:
    """``ELIF<X<MUGE``: after the surname's ``<<`` a ``<K<`` or ``<X<`` between two names
    is one filler, not the end of the names (three fillers in a row would be)."""
    from docpipe.validate.mrz import clean_name

    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng, passport=True)
    while " " not in person.given_names or len(f"{person.surname}<<{person.given_names}") > 33:
        person = random_person(rng, passport=True)
    field = f"{mrz_name_of(person.surname)}<<{mrz_name_of(person.given_names)}".replace(" ", "<")
    want = field.ljust(39, "<")
    noisy = field.replace("<", "@").replace("@@", "<<").replace("@", f"<{rng.choice('KX')}<")
    assert clean_name(noisy.ljust(39, "<")[:39]) == want, seed


def test_a_name_broken_over_two_lines_is_read_whole_and_stops_at_the_next_label() -> None:
    """Two given names printed on two lines in their box (the second 14 units under the
    first, the next label 30 under that): read as one value; the surname below them, in
    the other order, stays the surname's, and a one-line name takes nothing from below."""
    seed = fresh_seed(__name__)
    person = random_person(random.Random(seed))
    first = person.given_names.split(" ")[0]
    second = next(n for n in ("AYŞE", "NUR", "ELİF", "EMRE", "CAN") if n != first)
    rows = [  # (y, text): the given names' row above the surname's
        (0.0, "T.C. Kimlik No / TR Identity No"),
        (16.0, person.tckn),
        (46.0, "Adı / Given Name(s)"),
        (62.0, first),
        (76.0, second),
        (106.0, "Soyadı / Surname"),
        (122.0, person.surname),
        (152.0, "Doğum Tarihi / Date of Birth"),
        (168.0, tr_date(person.birth_date)),
    ]
    words = []
    for y, text in rows:
        x = 10.0
        for token in text.split():
            words.append(Word(token, (x, y, x + 7.0 * len(token), y + 12)))
            x += 7.0 * len(token) + 5
    page = Page(1, 800, 600, unit="px", words=tuple(words), text_source="ocr")
    doc = Document(path="x", sha256="0", media_type="image/png", size_bytes=0, pages=(page,))
    record, _ = extract(doc)
    assert record["given_names"] == f"{first} {second}", seed
    assert record["surname"] == person.surname, seed
    assert record["birth_date"] == person.birth_date.isoformat(), seed


@pytest.mark.parametrize(
    ("read", "doc_type", "value"),
    [("E44529831", "id_card", "E44S29831"), ("A12B3O567", "id_card", "A12B30567"),
     ("2I2345678", "passport", "Z12345678"), ("U1234S678", "passport", "U12345678"),
     ("A01 123456", "id_card", "A01123456"), ("E44S29831", "id_card", "E44S29831")],
)  # fmt: skip
def test_a_document_number_is_read_in_its_shape(read: str, doc_type: str, value: str) -> None:
    """A printed card or passport number with a look-alike where its shape fixes the class
    (a 5 where the card's serial has its second letter) is read in that shape, a card's
    only under the card's heading; the old booklet's serial (series, space, six digits)
    stays as read."""
    label = "Seri No / Document No" if doc_type == "id_card" else "Pasaport No / Passport No"
    head = "TÜRKİYE CUMHURİYETİ KİMLİK KARTI" if doc_type == "id_card" else "PASAPORT"
    record, _ = extract(doc_of([[(10, head)], [(10, label)], [(10, read)]]), doc_type)
    assert record["document_number"] == value
    if doc_type == "id_card":  # no card heading: a letter and eight digits stays as read
        record, _ = extract(doc_of([[(10, label)], [(10, read)]]), doc_type)
        assert record["document_number"] == read.replace(" ", "")


@pytest.mark.parametrize("read", ["AdiName", "AdıName", "ADISNAME", "Adi Name"])
def test_the_given_names_label_is_known_with_its_slash_lost(read: str) -> None:
    """``Adı/Name`` read with its slash misread or dropped is still the given names' label
    (a card front's row of ``AdiName``); a parent's label stays the parent's."""
    assert {f for _, _, f in label_spans(read)} == {"given_names"}
    assert [f for _, _, f in label_spans("Baba AdıName")] == ["father_name"]
