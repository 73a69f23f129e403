"""Identity documents: T.C. Kimlik Kartı (front/back), nüfus cüzdanı, passport."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from docpipe.schemas.common import TCKN, SchemaModel, Str40, Str80, Str120, kvkk

MrzLine = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9<]{30,44}$")]


class IdentityKind(StrEnum):
    id_card = "id_card"  # T.C. Kimlik Kartı (2016+ chip card)
    nufus_cuzdani = "nufus_cuzdani"  # old paper identity booklet
    passport = "passport"


class Sex(StrEnum):
    female = "F"  # Kadın
    male = "M"  # Erkek
    unspecified = "X"


class IdentityDocument(SchemaModel):
    """Printed and machine-readable fields of an identity document."""

    doc_type: ClassVar[str] = "identity"
    schema_version: ClassVar[str] = "1.0"

    kind: IdentityKind | None = Field(
        None, description="id_card, nufus_cuzdani or passport", json_schema_extra=kvkk("none")
    )
    side: Str40 | None = Field(
        None, description="front, back or both / ön yüz, arka yüz", json_schema_extra=kvkk("none")
    )
    tckn: TCKN | None = Field(None, json_schema_extra=kvkk("personal", "TR_NATIONAL_ID"))
    surname: Str80 | None = Field(
        None, description="Soyadı / surname", json_schema_extra=kvkk("personal", "PERSON")
    )
    given_names: Str80 | None = Field(
        None, description="Adı / given names", json_schema_extra=kvkk("personal", "PERSON")
    )
    birth_date: date | None = Field(
        None,
        description="Doğum tarihi / date of birth",
        json_schema_extra=kvkk("personal", "DATE_OF_BIRTH"),
    )
    birth_place: Str80 | None = Field(
        None,
        description="Doğum yeri / place of birth",
        json_schema_extra=kvkk("personal", "PLACE_OF_BIRTH"),
    )
    sex: Sex | None = Field(
        None,
        description="Cinsiyeti: K/F or E/M / sex",
        json_schema_extra=kvkk("personal", clear=True),
    )
    nationality: Str40 | None = Field(
        None,
        description="Uyruğu / nationality, e.g. T.C./TUR",
        json_schema_extra=kvkk("personal", clear=True),
    )
    document_number: Str40 | None = Field(
        None,
        description="Seri no / belge no / document number",
        json_schema_extra=kvkk("personal", "TR_ID_DOCUMENT_NUMBER"),
    )
    issue_date: date | None = Field(
        None,
        description="Veriliş tarihi / date of issue",
        json_schema_extra=kvkk("personal", clear=True),
    )
    expiry_date: date | None = Field(
        None,
        description="Son geçerlilik / date of expiry",
        json_schema_extra=kvkk("personal", clear=True),
    )
    mother_name: Str80 | None = Field(
        None, description="Anne adı / mother's name", json_schema_extra=kvkk("personal", "PERSON")
    )
    father_name: Str80 | None = Field(
        None, description="Baba adı / father's name", json_schema_extra=kvkk("personal", "PERSON")
    )
    issuing_authority: Str120 | None = Field(
        None, description="Veren makam / issuing authority", json_schema_extra=kvkk("none")
    )
    mrz_lines: list[MrzLine] = Field(
        default_factory=list, max_length=3, json_schema_extra=kvkk("personal", "MRZ")
    )
    # special categories (KVKK Art. 6) on the old nüfus cüzdanı: only that one was printed,
    # never its value (issue 13)
    religion_present: bool | None = Field(
        None,
        description="a religion field (Dini) was printed; its value is never read or stored",
        json_schema_extra=kvkk("none"),
    )
    blood_group_present: bool | None = Field(
        None,
        description="a blood group field (Kan Grubu) was printed; its value is never stored",
        json_schema_extra=kvkk("none"),
    )
