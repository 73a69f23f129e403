"""ICAO 9303 check digits and TD1/TD3 parsing, table-driven; the identity checks over them."""

from __future__ import annotations

import random

import pytest

from docpipe.validate import validate_record
from docpipe.validate.mrz import check_digit, parse_mrz, yymmdd
from samplegen.identity import random_person, td1, td3

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
