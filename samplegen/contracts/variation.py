"""Variation that attacks the rules' assumptions: prose contracts with guarantors,
representatives, birth data, passports, KDV rates, other amount-in-words forms and a
health/disability clause.

``vary(spec, rng, style)`` turns a classic spec into one of two prose writing styles:

- ``prose_a``: the tuning style (rules may be developed against it);
- ``prose_b``: the held-out style. Its wordings (``samplegen.contracts.prose``) are
  written once and the rules are never tuned on them; the dev corpus reports it apart.

It draws from its own rng, so the classic samples (drawn by ``random_contract_spec``
alone) stay byte-identical.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from samplegen.casing import tr_upper
from samplegen.contracts.spec import ContractSpec, PartySpec, RepSpec
from samplegen.fake import PLACES, TAX_OFFICES, person_name
from samplegen.identifiers import random_tckn

STYLES = ("prose_a", "prose_b", "article_a", "article_b")
# the article styles (``samplegen.contracts.articles``): numbering and amount-in-words forms
ARTICLE_NUMBERING = {"article_a": ("madde_upper", "decimal"),
                     "article_b": ("madde", "ordinal", "madde_split")}  # fmt: skip
ARTICLE_WORDS = {"article_a": ("glued_plain", "paren", "yalniz", "dash_words"),
                 "article_b": ("mark_first", "glued_plain", "lower")}  # fmt: skip
REP_TITLES = ("Genel Müdür", "Yönetim Kurulu Başkanı", "Şirket Müdürü", "Yetkili",
              "İnsan Kaynakları Müdürü", "Finans Direktörü")  # fmt: skip
NATIONS = ("Alman", "İngiliz", "Azerbaycan", "Rus", "Ukrayna", "İran", "Hollanda")
WORDS_FORMS = ("paren", "yalniz", "glued", "hash", "lower", "words_first")
KDV_RATES = (20, 20, 10, 1)
BIRTH_PLACES = tuple(sorted({p[1] for p in PLACES} | {"Erzurum", "Sivas", "Malatya", "Ordu"}))


def _birth(rng: random.Random) -> date:
    return date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 38))


def _passport(rng: random.Random) -> str:
    letters = "".join(rng.choice("CFGHJKLMNPRTVWXYZ") for _ in range(rng.choice((1, 2))))
    return letters + "".join(rng.choice("0123456789") for _ in range(9 - len(letters)))


def _sgk_no(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(13))


def _person_extras(p: PartySpec, rng: random.Random, *, worker: bool, foreign: bool) -> PartySpec:
    if not p.person:
        reps = tuple(
            RepSpec(
                person_name(rng),
                rng.choice(REP_TITLES),
                random_tckn(rng) if rng.random() < 0.7 else None,
            )
            for _ in range(rng.choice((1, 1, 2)))
        )
        city = rng.choice(sorted(TAX_OFFICES))
        return replace(p, representatives=reps, tax_office=rng.choice(TAX_OFFICES[city]))
    out = p
    if foreign:
        out = replace(out, tckn=None, passport=_passport(rng), nationality=rng.choice(NATIONS))
    if worker or rng.random() < 0.3:
        out = replace(out, birth_date=_birth(rng), birth_place=rng.choice(BIRTH_PLACES))
    if worker and rng.random() < 0.6:
        out = replace(out, sgk_no=_sgk_no(rng))
    return out


def _guarantor(rng: random.Random) -> PartySpec:
    from samplegen.contracts.spec import party

    g = party(rng, "kiracı", True)  # a person; role replaced below
    return replace(g, role="kefil", role_word="Kefil")


def _court(rng: random.Random, employment: bool) -> str:
    district, province, *_ = rng.choice(PLACES)
    if employment and rng.random() < 0.5:
        return f"{province} İş Mahkemeleri"
    return rng.choice(
        (
            f"{district} Mahkemeleri ve İcra Daireleri",
            f"{province} Mahkemeleri ve İcra Daireleri",
            f"{province} İcra Daireleri ve Mahkemeleri",
            f"{province} {district} Adliyesi Mahkemeleri ve İcra Müdürlükleri",
            f"{province} Mahkemeleri",
            f"{province} Asliye Ticaret Mahkemeleri",
        )
    )


def as_sale(spec: ContractSpec, rng: random.Random) -> ContractSpec:
    """A lease spec turned into a sale of the same property (TBK satış; type "other")."""
    seller, buyer = spec.parties
    price = spec.amount * rng.choice((60, 90, 120, 150))
    titles = ("TAŞINMAZ SATIŞ SÖZLEŞMESİ", "SATIŞ SÖZLEŞMESİ", "GAYRİMENKUL SATIŞ SÖZLEŞMESİ")
    return replace(
        spec,
        kind="sale",
        title=rng.choice(titles),
        parties=(
            replace(seller, role="satıcı", role_word="Satıcı"),
            replace(buyer, role="alıcı", role_word="Alıcı"),
        ),
        amount=price,
        amount_words=int(price),
        amount_period="one_off",
        term_months=None,
        end_date=None,
        payment_day=None,
        deposit=None,
        guarantor=None,
        notice_days=None,
        yearly_printed=False,
    )


def vary(spec: ContractSpec, rng: random.Random, style: str) -> ContractSpec:
    """``spec`` written in prose style ``style`` with the new categories drawn at random."""
    if style not in STYLES:
        raise ValueError(style)
    lease = spec.kind.endswith("lease")
    employment = spec.kind.startswith("employment")
    first, second = spec.parties
    first = _person_extras(first, rng, worker=False, foreign=False)
    second = _person_extras(
        second, rng, worker=employment, foreign=lease and second.person and rng.random() < 0.25
    )
    if rng.random() < 0.3 and first.person:
        first = replace(first, name=tr_upper(first.name))
    place = spec.place
    if rng.random() < 0.4:
        district, province, *_ = rng.choice(PLACES)
        place = rng.choice((district, f"{district}/{province}", province))
    out = replace(
        spec,
        style=style,
        layout="prose",
        yearly_printed=False,  # the prose styles print the monthly amount only
        parties=(first, second),
        place=place,
        guarantor=_guarantor(rng) if lease and rng.random() < 0.6 else None,
        kdv_rate=rng.choice(KDV_RATES) if spec.kind == "service" and rng.random() < 0.7 else None,
        words_form=rng.choice(WORDS_FORMS),
        special_clause=(
            rng.choice(("health", "disability")) if employment and rng.random() < 0.5 else None
        ),
        court=_court(rng, employment),
        date_style=rng.choice(("dot", "slash", "long", "dash")),
    )
    if style.startswith("article"):  # drawn last: the prose styles' draws stay as they were
        if lease and rng.random() < 0.3:
            out = as_sale(out, rng)
        out = replace(
            out,
            layout=rng.choice(("items", "table")),  # parties as 1.1/1.2 items or tables
            numbering=rng.choice(ARTICLE_NUMBERING[style]),
            words_form=rng.choice(ARTICLE_WORDS[style]),
        )
    return out
