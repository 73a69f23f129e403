"""ICAO 9303 check digits and TD1/TD3 parsing, table-driven; the identity checks over them."""

from __future__ import annotations

import dataclasses
import random

import pytest

from docpipe.validate import validate_record
from docpipe.validate.mrz import check_digit, clean_name, parse_mrz, repair_mrz, yymmdd
from samplegen.identity import random_person, td1, td3
from tests.conftest import fresh_seed

# the specimen of ICAO Doc 9303 part 4/5 (Utopia, Anna Maria Eriksson)
TD3_SPECIMEN = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]
TD1_SPECIMEN = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
]


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", "6"),
        ("740812", "2"),
        ("120415", "9"),
        ("D23145890", "7"),
        ("ZE184226B<<<<<", "1"),
        ("<<<<<<<<<", "0"),
    ],
)
def test_check_digit(data: str, digit: str) -> None:
    assert check_digit(data) == digit


def test_td3_specimen_parses_with_every_check() -> None:
    mrz = parse_mrz(TD3_SPECIMEN)
    assert mrz is not None and mrz.format == "TD3" and mrz.valid
    assert (mrz.surname, mrz.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (mrz.document_number, mrz.sex, mrz.nationality) == ("L898902C3", "F", "UTO")
    assert set(mrz.checks) == {
        "document_number",
        "birth_date",
        "expiry_date",
        "personal_number",
        "composite",
    }


def test_td1_specimen_parses_with_every_check() -> None:
    mrz = parse_mrz(TD1_SPECIMEN)
    assert mrz is not None and mrz.format == "TD1" and mrz.valid
    assert mrz.birth_date == "740812" and mrz.expiry_date == "120415"


@pytest.mark.parametrize(
    ("line", "pos", "failing"),
    [
        (1, 9, "document_number"),  # the document number's check digit
        (1, 19, "birth_date"),
        (1, 43, "composite"),
        (0, 6, None),  # the name is in no check digit
    ],
)
def test_td3_one_wrong_character(line: int, pos: int, failing: str | None) -> None:
    lines = list(TD3_SPECIMEN)
    original = lines[line][pos]
    lines[line] = lines[line][:pos] + ("1" if original != "1" else "2") + lines[line][pos + 1 :]
    mrz = parse_mrz(lines)
    assert mrz is not None
    failed = {k for k, ok in mrz.checks.items() if not ok}
    assert failed == ({failing} if failing else set()) or (failing in failed)


def test_turkish_td1_carries_the_tckn_in_optional_data() -> None:
    person = random_person(random.Random(3))
    mrz = parse_mrz(td1(person))
    assert mrz is not None and mrz.valid
    assert mrz.tckn == person.tckn
    assert mrz.birth() == person.birth_date and mrz.expiry() == person.expiry_date


def test_turkish_td3_carries_the_tckn_as_personal_number() -> None:
    person = random_person(random.Random(4), passport=True)
    mrz = parse_mrz(td3(person))
    assert mrz is not None and mrz.valid and mrz.tckn == person.tckn


@pytest.mark.parametrize("lines", [[], ["ABC"], ["A" * 30] * 2, ["A" * 44] * 3])
def test_other_shapes_are_not_an_mrz(lines: list[str]) -> None:
    assert parse_mrz(lines) is None


def test_yymmdd_centuries() -> None:
    assert yymmdd("740812", future=False).year == 1974
    assert yymmdd("120415", future=True).year == 2012
    assert yymmdd("330101", future=True).year == 2033
    assert yymmdd("991340", future=False) is None


def test_identity_validation_reports_digits_and_cross_checks_without_values() -> None:
    person = random_person(random.Random(5))
    lines = td1(person)
    bad = [lines[0], lines[1][:6] + str((int(lines[1][6]) + 1) % 10) + lines[1][7:], lines[2]]
    record = {"tckn": person.tckn, "mrz_lines": bad, "document_number": person.document_number}
    checks = validate_record(
        "id_card", record, {"birth_date": "printed value differs from the MRZ"}
    )
    failed = {(c.name, c.field) for c in checks if not c.passed}
    assert ("mrz_check_digit", "mrz_lines.birth_date") in failed
    assert ("mrz_cross_check", "birth_date") in failed
    assert ("schema", "birth_date") not in failed
    text = " ".join(c.reason for c in checks)
    assert person.tckn not in text and person.surname not in text


# -- repair: OCR confusions undone by the check digits (issue 13) ---------------------------
def _sub(lines: list[str], *edits: tuple[int, int, str]) -> list[str]:
    out = list(lines)
    for ln, pos, ch in edits:
        out[ln] = out[ln][:pos] + ch + out[ln][pos + 1 :]
    return out


TR_TD1 = td1(random_person(random.Random(21)))
TR_TD3 = td3(random_person(random.Random(22), passport=True))


_LOOK_ALIKE = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "<": "K"}


def _confuse(lines: list[str], *spots: tuple[int, int] | tuple[int, int, str]) -> list[str]:
    """``lines`` with the characters at ``spots`` read as their OCR look-alikes."""
    edits = []
    for ln, pos, *alt in spots:
        ch = lines[ln][pos]
        edits.append((ln, pos, alt[0] if alt else _LOOK_ALIKE[ch]))
    return _sub(lines, *edits)


@pytest.mark.parametrize(
    ("specimen", "spots"),
    [
        (TD3_SPECIMEN, []),
        (TD3_SPECIMEN, [(1, 3)]),  # 8 → B in the document number
        (TD3_SPECIMEN, [(1, 1)]),
        (TD3_SPECIMEN, [(1, 5)]),  # 0 → O in the document number
        (TD3_SPECIMEN, [(1, 15), (1, 17)]),  # a date is digits only: 0/O, 1/I → 0, 1
        (TD3_SPECIMEN, [(1, 21), (1, 25)]),  # 1/I, 5/S in the expiry date
        (TD3_SPECIMEN, [(1, 9, "G")]),  # a check digit is a digit: G → 6
        (TD3_SPECIMEN, [(1, 37), (1, 40, "X")]),  # filler in the personal number
        (TD3_SPECIMEN, [(0, 1)]),  # "PK" is "P<"
        (TD3_SPECIMEN, [(0, 30), (0, 31, "X"), (0, 40)]),  # name fillers
        (TD1_SPECIMEN, [(0, 20), (0, 29, "X")]),
        (TD1_SPECIMEN, [(1, 2), (1, 5), (1, 18)]),
        (TD1_SPECIMEN, [(2, 25), (2, 26), (2, 27)]),
        (TR_TD1, [(0, 26), (0, 27), (0, 28, "X"), (0, 29)]),  # fillers after the TCKN
        (TR_TD1, [(1, 20, "X"), (1, 21, "X"), (2, 27), (2, 28), (2, 29)]),
        (TR_TD3, [(1, 41), (0, 40, "X"), (0, 41, "X")]),
    ],
)
def test_repair_undoes_ocr_confusions(specimen: list[str], spots: list) -> None:
    repaired = repair_mrz(_confuse(specimen, *spots))
    assert repaired is not None and repaired.mrz.valid
    assert repaired.lines == specimen
    assert repaired.corrections >= (1 if spots else 0)


def test_a_tckn_digit_read_as_a_letter_is_put_back() -> None:
    pos = next(i for i in range(15, 26) if TR_TD1[0][i] in "0158")
    repaired = repair_mrz(_confuse(TR_TD1, (0, pos)))
    assert repaired is not None and repaired.lines == TR_TD1


@pytest.mark.parametrize(
    "raw",
    [
        lambda m: [m[0][:-4].ljust(44, "<"), m[1].ljust(44, "<"), m[2]],  # padded to 44
        lambda m: [m[0] + m[1], m[2]],  # lines 1 and 2 merged
        lambda m: [m[0], m[1] + m[2]],  # lines 2 and 3 merged
        lambda m: [m[0][:15], m[0][15:], m[1], m[2]],  # line 1 broken in two
        lambda m: [m[0] + "<<", m[1][:-1].replace("<<<<", "<<<", 1) + m[1][-1], m[2][:-6]],
        lambda m: [" ".join(m[0]), m[1].replace("<", "«"), m[2].lower()],  # spaces, «, case
    ],
)
def test_td1_is_three_by_thirty_however_ocr_cut_it(raw) -> None:
    repaired = repair_mrz(raw(TR_TD1))
    assert repaired is not None and repaired.mrz.format == "TD1"
    assert repaired.lines == TR_TD1 and repaired.mrz.valid


def test_td1_read_as_two_padded_lines_keeps_its_data_and_says_the_name_is_lost() -> None:
    repaired = repair_mrz([TR_TD1[0].ljust(44, "<"), TR_TD1[1].ljust(44, "<")])
    assert repaired is not None and repaired.mrz.format == "TD1" and repaired.mrz.valid
    assert repaired.lines[:2] == TR_TD1[:2] and repaired.name_missing


def test_a_real_error_is_not_made_to_pass() -> None:
    """A wrong digit in a date (no look-alike) stays wrong: the check keeps failing."""
    bad = _sub(TR_TD1, (1, 2, "3" if TR_TD1[1][2] != "3" else "4"))
    repaired = repair_mrz(bad)
    assert repaired is not None and not repaired.mrz.checks["birth_date"]


def test_printed_value_breaks_a_tie_the_check_digits_cannot() -> None:
    # 8/B in two places of a document number: both readings pass every check digit
    tied = _sub(TD3_SPECIMEN, (1, 1, "B"), (1, 3, "B"))
    repaired = repair_mrz(tied, prefer={"document_number": "L898902C3"})
    assert repaired is not None and repaired.lines == TD3_SPECIMEN


@pytest.mark.parametrize(
    ("field", "clean"),
    [
        ("OZTURK<<AHMET<<<<<<<<<<<<<<<<", "OZTURK<<AHMET<<<<<<<<<<<<<<<<"),
        ("OZTURK<<AHMETKKKKKKKKKKKKKKKK", "OZTURK<<AHMET<<<<<<<<<<<<<<<<"),
        ("OZTURK<<AHMETK<<<<<<<<<<<<<<<", "OZTURK<<AHMETK<<<<<<<<<<<<<<<"),  # maybe a letter
        ("OZTURK<<AHMETXK<<<<KK<<<<<<<<", "OZTURK<<AHMET<<<<<<<<<<<<<<<<"),
        ("OZTURK<<AYSE<GUL<K<<K<<<<<<<<", "OZTURK<<AYSE<GUL<<<<<<<<<<<<<"),
    ],
)
def test_name_filler_noise(field: str, clean: str) -> None:
    assert clean_name(field) == clean


@pytest.mark.parametrize("given", ["ILGIN", "AHMET", "AYSE<GUL"])
def test_a_filler_read_as_k_after_a_name_one_character_too_long_stays_filler(given: str) -> None:
    """``ILGIN<K<<<…`` one character over the width: cutting the ``<`` before the K would
    glue the K to the name (``ILGINK``); a cut that needs no fewer filler clean-ups is no
    better, so the name keeps its letters."""
    person = random_person(random.Random(13))
    specimen = td1(dataclasses.replace(person, surname="KOÇ", given_names=given.replace("<", " ")))
    name = specimen[2]
    noisy = name.replace(given + "<", given + "<K<", 1)[:29] + "KK"
    repaired = repair_mrz([specimen[0], specimen[1], noisy])
    assert repaired is not None
    assert repaired.lines[2] == name


@pytest.mark.parametrize("fmt", ["TD1", "TD3"])
def test_a_misread_composite_digit_is_the_one_corrected(fmt: str) -> None:
    """Every field the composite covers passes its own check (the TCKN its checksum), the
    composite digit alone is misread: it is put right, and no verified field is changed to
    fit it (``2878…`` to ``ZB78…`` passed a 1-in-10 check by chance)."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    lines = (td1 if fmt == "TD1" else td3)(random_person(rng, passport=fmt == "TD3"))
    last = len(lines[1]) - 1
    wrong = rng.choice([d for d in "0123456789GBSZ" if d != lines[1][last]])
    raw = [lines[0], lines[1][:last] + wrong, *lines[2:]]
    repaired = repair_mrz(raw)
    assert repaired is not None and repaired.lines == lines, (seed, wrong)


# -- fresh seeds: confusions drawn at random, as OCR makes them on an OCR-B zone ----------------
_OCR_LOOK_ALIKE = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}


def _ocr_noise(lines: list[str], rng: random.Random, data_line: int) -> list[str]:
    """Up to three fillers of the data lines read as K/X, one digit of the document number or
    a date read as its look-alike letter, spaces inside and the zone's case lost at random."""
    out = [list(line) for line in lines]
    fillers = [(ln, i) for ln in range(data_line + 1) for i, ch in enumerate(out[ln]) if ch == "<"]
    fillers = [(ln, i) for ln, i in fillers if not (ln == data_line and i >= len(out[ln]) - 2)]
    for ln, i in rng.sample(fillers, min(len(fillers), rng.randint(0, 3))):
        out[ln][i] = rng.choice("KX")
    digits = [(data_line, i) for i, ch in enumerate(out[data_line]) if ch in _OCR_LOOK_ALIKE]
    if digits and rng.random() < 0.7:
        ln, i = rng.choice(digits)
        out[ln][i] = _OCR_LOOK_ALIKE[out[ln][i]]
    text = ["".join(line) for line in out]
    if rng.random() < 0.3:
        ln = rng.randrange(len(text))
        cut = rng.randrange(5, 25)
        text[ln] = text[ln][:cut] + " " + text[ln][cut:]
    return text


@pytest.mark.parametrize("fmt", ["TD1", "TD3"])
def test_random_ocr_confusions_are_undone_by_the_check_digits(fmt: str) -> None:
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    for _ in range(25):
        person = random_person(rng, passport=fmt == "TD3")
        lines = td1(person) if fmt == "TD1" else td3(person)
        noisy = _ocr_noise(lines, rng, data_line=1)
        repaired = repair_mrz(noisy, prefer={"document_number": person.document_number})
        assert repaired is not None and repaired.mrz.valid, f"seed {seed}"
        data = lines[:2] if fmt == "TD1" else lines[1:]
        got = repaired.lines[:2] if fmt == "TD1" else repaired.lines[1:]
        assert got == data, f"seed {seed}: data lines not restored"
        assert repaired.mrz.tckn == person.tckn, f"seed {seed}"


@pytest.mark.parametrize("fmt", ["TD1", "TD3"])
def test_a_lost_filler_after_the_document_code_is_put_back(fmt: str) -> None:
    """``P<TUR…`` read ``PTUR…``: no check digit covers a passport's first line, so the
    issuing state, one character early, must be read as the holder's nationality again
    rather than the surname losing its first letter to the state code."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    for _ in range(10):
        person = random_person(rng, passport=fmt == "TD3")
        lines = td1(person) if fmt == "TD1" else td3(person)
        noisy = [lines[0][0] + lines[0][2:], *lines[1:]]
        repaired = repair_mrz(noisy)
        assert repaired is not None and repaired.mrz.valid, f"seed {seed}"
        assert repaired.lines == lines, f"seed {seed}"
        assert repaired.mrz.issuing_state == "TUR", f"seed {seed}"


def test_a_foreign_state_is_not_shifted_onto_the_nationality() -> None:
    """A zone whose issuing state differs from the nationality (a card issued by TUR to
    a foreigner) keeps its state: the shift applies only where it reads the nationality."""
    lines = list(TD1_SPECIMEN)
    lines[0] = "I<TUR" + lines[0][5:]
    repaired = repair_mrz(lines)
    assert repaired is not None and repaired.lines[0] == lines[0]
    assert repaired.mrz.issuing_state == "TUR" and repaired.mrz.nationality == "UTO"


@pytest.mark.parametrize("fmt", ["TD1", "TD3"])
def test_a_misread_document_code_does_not_choose_the_format(fmt: str) -> None:
    """A card's ``I`` read as ``P`` under glare (or a passport's ``P`` as ``I``): the lines'
    shape and check digits say which format it is, the code is read as that format's, and
    no date takes a letter (the other format's layout put ``T``, ``R`` of ``TUR`` in the
    expiry date, and the composite passed by chance)."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    own, other = ("I", "P") if fmt == "TD1" else ("P", "I")
    for _ in range(10):
        person = random_person(rng, passport=fmt == "TD3")
        lines = td1(person) if fmt == "TD1" else td3(person)
        wrong = rng.choice(other + "ACEHL1" if fmt == "TD3" else other + "EHLV1")
        noisy = _ocr_noise([wrong + lines[0][1:], *lines[1:]], rng, data_line=1)
        repaired = repair_mrz(noisy, prefer={"document_number": person.document_number})
        assert repaired is not None and repaired.mrz.format == fmt, (seed, wrong)
        assert repaired.mrz.valid and repaired.lines[0][0] == own, (seed, wrong)
        dates = (repaired.mrz.birth_date, repaired.mrz.expiry_date)
        assert all(d.isdigit() for d in dates), seed
