"""Identity documents: T.C. Kimlik Kartı (front/back), nüfus cüzdanı, passport."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints

from docpipe.schemas.common import TCKN, SchemaModel, Str40, Str80, Str120

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

    kind: IdentityKind | None = Field(None, description="id_card, nufus_cuzdani or passport")
    side: Str40 | None = Field(None, description="front, back or both / ön yüz, arka yüz")
    tckn: TCKN | None = None
    surname: Str80 | None = Field(None, description="Soyadı / surname")
    given_names: Str80 | None = Field(None, description="Adı / given names")
    birth_date: date | None = Field(None, description="Doğum tarihi / date of birth")
    birth_place: Str80 | None = Field(None, description="Doğum yeri / place of birth")
    sex: Sex | None = Field(None, description="Cinsiyeti: K/F or E/M / sex")
    nationality: Str40 | None = Field(None, description="Uyruğu / nationality, e.g. T.C./TUR")
    document_number: Str40 | None = Field(None, description="Seri no / belge no / document number")
    issue_date: date | None = Field(None, description="Veriliş tarihi / date of issue")
    expiry_date: date | None = Field(None, description="Son geçerlilik / date of expiry")
    mother_name: Str80 | None = Field(None, description="Anne adı / mother's name")
    father_name: Str80 | None = Field(None, description="Baba adı / father's name")
    issuing_authority: Str120 | None = Field(None, description="Veren makam / issuing authority")
    mrz_lines: list[MrzLine] = Field(default_factory=list, max_length=3)
    # special categories (KVKK Art. 6) on the old nüfus cüzdanı: only that one was printed,
    # never its value (issue 13)
    religion_present: bool | None = Field(
        None,
        description="a religion field (Dini) was printed; its value is never read or stored",
        json_schema_extra={"x-kvkk": "none"},
    )
    blood_group_present: bool | None = Field(
        None,
        description="a blood group field (Kan Grubu) was printed; its value is never stored",
        json_schema_extra={"x-kvkk": "none"},
    )
