"""Fictitious people on Turkish identity documents: the spec, its MRZ and its truth.

Every identifier is checksum-valid (TCKN with its two check digits, MRZ with
all ICAO 9303 check digits); every person is made up from ``fake.py`` names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from docpipe.validate.mrz import check_digit
from samplegen.casing import tr_upper
from samplegen.fake import FIRST_NAMES_F, FIRST_NAMES_M, PLACES, SURNAMES, ascii_fold
from samplegen.identifiers import random_tckn

_LETTERS = "ABCDEFGHJKLMNPRSTUVYZ"


@dataclass(frozen=True)
class Person:
    tckn: str
    surname: str  # as printed, Turkish upper case
    given_names: str
    birth_date: date
    birth_place: str
    sex: str  # "F" or "M"
    mother_name: str
    father_name: str
    document_number: str
    issue_date: date
    expiry_date: date
    issuing_authority: str


def random_person(rng: random.Random, *, passport: bool = False, booklet: bool = False) -> Person:
    female = rng.random() < 0.5
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    if rng.random() < 0.3:
        second = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        if second != first:
            first = f"{first} {second}"
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
    issue = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 5))
    years = 10
    expiry = (
        issue.replace(year=issue.year + years)
        if issue.month != 2 or issue.day != 29
        else (date(issue.year + years, 2, 28))
    )
    district, province, _, _ = rng.choice(PLACES)
    if booklet:  # old nüfus cüzdanı: series "A01" and a six-digit number, issued by district
        number = rng.choice("ABCDEFGHJKLMNPRSTUVYZ") + f"{rng.randrange(1, 100):02d}"
        number += "".join(rng.choice("0123456789") for _ in range(6))
        authority = tr_upper(district)
    elif passport:
        number = rng.choice("UZ") + "".join(rng.choice("0123456789") for _ in range(8))
        authority = "T.C. İÇİŞLERİ BAKANLIĞI"
    else:
        number = (
            rng.choice(_LETTERS)
            + "".join(rng.choice("0123456789") for _ in range(2))
            + rng.choice(_LETTERS)
            + "".join(rng.choice("0123456789") for _ in range(5))
        )
        authority = tr_upper(f"{district} İlçe Nüfus Müd.")
    return Person(
        tckn=random_tckn(rng),
        surname=tr_upper(rng.choice(SURNAMES)),
        given_names=tr_upper(first),
        birth_date=birth,
        birth_place=tr_upper(province),
        sex="F" if female else "M",
        mother_name=tr_upper(rng.choice(FIRST_NAMES_F)),
        father_name=tr_upper(rng.choice(FIRST_NAMES_M)),
        document_number=number,
        issue_date=issue,
        expiry_date=expiry,
        issuing_authority=authority,
    )


def mrz_name(text: str) -> str:
    return ascii_fold(text).upper().replace(" ", "<").replace("-", "<")


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def td1(p: Person) -> list[str]:
    """The three 30-character lines of the Turkish ID card (TCKN in optional data 1)."""
    number = p.document_number.ljust(9, "<")
    line1 = f"I<TUR{number}{check_digit(number)}{p.tckn}".ljust(30, "<")
    birth, expiry = _yymmdd(p.birth_date), _yymmdd(p.expiry_date)
    head = f"{birth}{check_digit(birth)}{p.sex}{expiry}{check_digit(expiry)}TUR"
    body = head.ljust(29, "<")
    composite = check_digit(line1[5:30] + body[0:7] + body[8:15] + body[18:29])
    line2 = body + composite
    line3 = f"{mrz_name(p.surname)}<<{mrz_name(p.given_names)}".ljust(30, "<")[:30]
    return [line1, line2, line3]


def td3(p: Person) -> list[str]:
    """The two 44-character lines of a passport (TCKN as the personal number)."""
    line1 = f"P<TUR{mrz_name(p.surname)}<<{mrz_name(p.given_names)}".ljust(44, "<")[:44]
    number = p.document_number.ljust(9, "<")
    birth, expiry = _yymmdd(p.birth_date), _yymmdd(p.expiry_date)
    personal = p.tckn.ljust(14, "<")
    line2 = (
        f"{number}{check_digit(number)}TUR{birth}{check_digit(birth)}{p.sex}"
        f"{expiry}{check_digit(expiry)}{personal}{check_digit(personal)}"
    )
    composite = check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    return [line1, line2 + composite]


def tr_date(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def truth(doc_type: str, p: Person, fields: tuple[str, ...], mrz: list[str]) -> dict:
    values = {
        "tckn": p.tckn,
        "surname": p.surname,
        "given_names": p.given_names,
        "birth_date": p.birth_date.isoformat(),
        "birth_place": p.birth_place,
        "sex": p.sex,
        "nationality": "TUR",
        "document_number": p.document_number,
        "issue_date": p.issue_date.isoformat(),
        "expiry_date": p.expiry_date.isoformat(),
        "mother_name": p.mother_name,
        "father_name": p.father_name,
        "issuing_authority": p.issuing_authority,
    }
    out = {name: values[name] for name in fields}
    for i, line in enumerate(mrz):
        out[f"mrz_lines.{i}"] = line
    return {"doc_type": doc_type, "fields": out}
