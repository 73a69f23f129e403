"""Shared schema parts: identifiers, money, bounded strings, parties.

Identifier types normalise with python-stdnum and reject what cannot be the
identifier at all (wrong length, letters). A wrong *check digit* is accepted
here on purpose: an OCR misread or a typo on the paper must still reach the
operator with the value that was read, and ``docpipe.validate`` reports the
failed checksum (same python-stdnum functions), which sends the record to
``needs_review``. Use ``docpipe.validate.identifiers`` for a strict yes/no.

Bounds on every string and number keep records realistic and let a
schema-constrained decoder terminate.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.tr import tckimlik, vkn

#: The KVKK class of a field, written on the field and exported as ``x-kvkk``:
#: ``none``: not personal data; ``personal``: personal data (Art. 3);
#: ``personal_if_person``: personal when the party it belongs to is a natural person
#: (a sole proprietor too), not when it is a company; ``special``: a special category
#: (Art. 6: health, religion, blood group, biometrics), never stored unless the
#: operator turns that on; ``free_text``: may mention people, so the recognizers
#: search it and replace what they find.
KvkkClass = Literal["none", "personal", "personal_if_person", "special", "free_text"]
KVKK_CLASSES: tuple[str, ...] = ("none", "personal", "personal_if_person", "special", "free_text")


def kvkk(
    mark: KvkkClass,
    entity: str | None = None,
    *,
    party: str | None = None,
    clear: bool = False,
) -> dict[str, Any]:
    """A field's KVKK mark, for ``Field(..., json_schema_extra=kvkk(...))``.

    ``entity``: what the redaction stage replaces the value as (a Presidio entity
    type: ``PERSON``, ``TR_NATIONAL_ID`` …; its strategy is in ``redact_strategies``).
    ``party``: for a ``personal_if_person`` field outside a party object, the path of
    the party (or list of parties: any of them) whose being a person makes it personal.
    ``clear``: a personal field stored as read, because it identifies no one on its own
    (sex, nationality, a document's dates); every other personal field needs ``entity``.
    The JSON Schema carries ``x-kvkk`` and, when given, ``x-kvkk-entity``,
    ``x-kvkk-party`` and ``x-kvkk-clear``; ``docpipe.redact.policy`` reads them there.
    """
    if mark not in KVKK_CLASSES:
        raise ValueError(f"unknown KVKK class {mark!r}; one of {', '.join(KVKK_CLASSES)}")
    out: dict[str, Any] = {"x-kvkk": mark}
    if entity is not None:
        out["x-kvkk-entity"] = entity
    if party is not None:
        out["x-kvkk-party"] = party
    if clear:
        out["x-kvkk-clear"] = True
    return out


def _stdnum_format(module, name: str):
    def check(value: str) -> str:
        try:
            return module.validate(value)
        except InvalidChecksum:
            return module.compact(value)
        except ValidationError as exc:
            raise ValueError(f"not a {name}: {exc.message}") from None

    return check


def _iban_format(value: str) -> str:
    compact = stdnum_iban.compact(value)
    try:
        stdnum_iban.validate(compact)
    except InvalidChecksum:
        pass
    except ValidationError as exc:
        raise ValueError(f"not an IBAN: {exc.message}") from None
    return compact


def _mersis_format(value: str) -> str:
    # MERSİS numbers have no published checksum and no stdnum module: 16 digits.
    compact = "".join(ch for ch in value if not ch.isspace() and ch != "-")
    if not (compact.isdigit() and len(compact) == 16):
        raise ValueError("not a MERSİS number: expected 16 digits")
    return compact


TCKN = Annotated[
    str,
    StringConstraints(min_length=11, max_length=14),
    AfterValidator(_stdnum_format(tckimlik, "T.C. kimlik no")),
    Field(
        description="T.C. Kimlik No / Turkish national id number, 11 digits",
        pattern=r"^[0-9 ]{11,14}$",
    ),
]
VKN = Annotated[
    str,
    StringConstraints(min_length=10, max_length=13),
    AfterValidator(_stdnum_format(vkn, "vergi kimlik no")),
    Field(
        description="Vergi Kimlik No / Turkish tax id number, 10 digits", pattern=r"^[0-9 ]{10,13}$"
    ),
]
IBAN = Annotated[
    str,
    StringConstraints(min_length=15, max_length=42),
    AfterValidator(_iban_format),
    Field(description="IBAN, e.g. TR + 24 digits"),
]
MERSIS = Annotated[
    str,
    StringConstraints(min_length=16, max_length=19),
    AfterValidator(_mersis_format),
    Field(description="MERSİS no / Central Registry number, 16 digits"),
]

CurrencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 4217 code; TRY for Turkish lira"),
]

Money = Annotated[
    Decimal,
    Field(ge=Decimal("-1000000000000"), le=Decimal("1000000000000"), decimal_places=4),
]
Quantity = Annotated[
    Decimal, Field(ge=Decimal("-1000000000"), le=Decimal("1000000000"), decimal_places=6)
]
Percent = Annotated[Decimal, Field(ge=Decimal("0"), le=Decimal("100"), decimal_places=4)]


def _text(max_length: int) -> object:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


# Bounded, stripped, non-empty strings; the field's Field(description=...) says what it holds.
Str20 = Annotated[str, _text(20)]
Str40 = Annotated[str, _text(40)]
Str80 = Annotated[str, _text(80)]
Str120 = Annotated[str, _text(120)]
Str200 = Annotated[str, _text(200)]
Str400 = Annotated[str, _text(400)]
Str2000 = Annotated[str, _text(2000)]


class SchemaModel(BaseModel):
    """Base of all record models: unknown keys are errors, values re-validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Party(SchemaModel):
    """A company or a person on a document / belgedeki şirket veya kişi."""

    name: Str200 | None = Field(
        None,
        description="Unvan veya ad soyad / trade name or full name",
        json_schema_extra=kvkk("personal_if_person", "PERSON"),
    )
    vkn: VKN | None = Field(None, json_schema_extra=kvkk("personal_if_person", "TR_TAX_ID"))
    tckn: TCKN | None = Field(None, json_schema_extra=kvkk("personal", "TR_NATIONAL_ID"))
    tax_office: Str80 | None = Field(
        None, description="Vergi dairesi / tax office", json_schema_extra=kvkk("none")
    )
    address: Str400 | None = Field(
        None,
        description="Adres / postal address as printed",
        json_schema_extra=kvkk("personal_if_person", "TR_ADDRESS"),
    )
    mersis: MERSIS | None = Field(None, json_schema_extra=kvkk("none"))
    phone: Str40 | None = Field(
        None,
        description="Telefon / phone number as printed",
        json_schema_extra=kvkk("personal_if_person", "PHONE_NUMBER"),
    )
    email: Str120 | None = Field(
        None,
        description="E-posta / e-mail address",
        json_schema_extra=kvkk("personal_if_person", "EMAIL_ADDRESS"),
    )
