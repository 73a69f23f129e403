"""Wordings of ``general_a`` the reader met on real contracts and had not been tuned on.

Modelled on the structure of published Turkish templates and guides (an employment
template's "İşçinin görevi …dır" and its probation clause, a lease's pay-day clause "her
ayın en geç 5'inci gününe kadar" or "1'inci ile 5'inci günü arasında" as law-firm pages
quote them, rent paid "üçer aylık dönemler halinde peşin", an arbitration clause naming
the institution by its letters only, "ISTAC Tahkim Kuralları uyarınca", and old forms
whose worker block copies "Dini" and "Kan Grubu" from the identity card). Every sentence
is this module's own; tuning material only.
"""

from __future__ import annotations

import random

from samplegen.casing import tr_lower
from samplegen.contracts.general_real import genitive
from samplegen.contracts.spec import ContractSpec
from samplegen.contracts.wording import small_words

_HARMONY = {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}
# the day's ordinal suffix after its apostrophe, for the days the generator draws
_ORDINAL = {1: "inci", 5: "inci", 7: "nci", 10: "uncu", 15: "inci"}
# religions as an old identity card's "Dini" field printed them; blood groups
RELIGIONS = ("İslam", "Hristiyan", "Musevi")
BLOOD_GROUPS = ("A Rh+", "0 Rh+", "B Rh(-)", "AB Rh+", "A Rh negatif")
# arbitral institutions named by their letters alone (a forum, not a court)
ARBITRATION_LETTERS = ("ISTAC", "İSTAÇ", "İTOTAM")


def copula(phrase: str) -> str:
    """ "Muhasebe Uzmanı" → "Muhasebe Uzmanıdır", "Depo Sorumlusu" → "Depo Sorumlusudur"."""
    low = tr_lower(phrase)
    vowel = next((c for c in reversed(low) if c in _HARMONY), "e")
    d = "t" if low[-1] in "çfhkpsşt" else "d"
    return f"{phrase}{d}{_HARMONY[vowel]}r"


def job_predicate(spec: ContractSpec, rng: random.Random) -> str:
    """The job as the predicate of "görevi": "İşçinin görevi Satış Temsilcisidir."."""
    worker = spec.parties[1].role_word
    job = copula(spec.subject or "")
    return rng.choice(
        (
            f"İşçinin görevi {job}.",
            f"{genitive(worker)} işyerindeki görevi {job}.",
            f"{genitive(worker)} görevi {job}.",
        )
    )


def probation_sentence(months: int, rng: random.Random) -> str:
    """ "İşçi, ilk 2 (iki) ay deneme süresine tabidir.", "Deneme süresi iki (2) aydır."."""
    words = small_words(months)
    return rng.choice(
        (
            f"İşçi, işe başladığı tarihten itibaren ilk {months} ({words}) ay deneme "
            "süresine tabidir.",
            f"Deneme süresi {words} ({months}) aydır; bu süre içinde taraflar sözleşmeyi "
            "bildirimsiz ve tazminatsız feshedebilir.",
            f"Taraflar {months} aylık deneme süresi kararlaştırmışlardır.",
        )
    )


def pay_day_more(spec: ContractSpec, rng: random.Random) -> str | None:
    """The day of the month as lease guides quote it, or rent paid quarterly in advance."""
    what = "Kira bedeli" if spec.kind.endswith("lease") else "Ücret"
    d = spec.payment_day
    if d is None:
        if not spec.kind.endswith("lease"):
            return None
        return rng.choice(
            (
                "Kira bedeli üçer aylık dönemler halinde peşin olarak ödenir.",
                "Kira bedelleri üç aylık peşin ödenecektir.",
            )
        )
    day = f"{d}'{_ORDINAL[d]}"
    forms = [
        f"{what} her ayın en geç {day} gününe kadar peşin olarak ödenir.",
        f"{what} ayrıca bir ihtara gerek olmaksızın her ayın {day} gününe kadar ödenir.",
    ]
    if d >= 5:
        forms.append(f"{what}, her ayın 1'inci ile {day} günü arasında ödenecektir.")
    return rng.choice(forms)


def deposit_sentence(spec: ContractSpec, money: str, rng: random.Random) -> str:
    """A lease's deposit, named before or after its sum ("güvence bedeli", "depozito",
    "teminat"), in any case ending."""
    owner, tenant = spec.parties[0].role_word, spec.parties[1].role_word
    return rng.choice(
        (
            f"{tenant}, {money} güvence bedelini sözleşmenin imzası sırasında peşin ödemiştir.",
            f"Depozito: {money}",
            f"{tenant} tarafından {owner}'e {money} teminat olarak verilmiştir.",
            f"Kiralananın boş ve hasarsız teslimi için alınan depozito {money} olup "
            "sözleşme sonunda iade edilir.",
        )
    )


def iban_sentence(spec: ContractSpec, iban: str, rng: random.Random) -> str:
    """Where payments go: the payee's account by its IBAN, after the bank or as a label."""
    payee = genitive(spec.parties[0].role_word)
    bank = rng.choice(("Ziraat Bankası", "Halkbank", "Vakıfbank", "İş Bankası"))
    return rng.choice(
        (
            f"Ödemeler {payee} {bank} nezdindeki {iban} IBAN numaralı hesabına yapılır.",
            f"Ödeme yapılacak hesap (IBAN): {iban}",
            f"Bedel, {payee} adına kayıtlı {iban} no.lu banka hesabına yatırılacaktır.",
        )
    )


def kdv_added(money: str, period: str, rate: int, rng: random.Random) -> str:
    """A service fee with its KDV rate added on top, in words rather than "+ KDV"."""
    return rng.choice(
        (
            f"Hizmet bedeli {period} {money} olup bu bedele %{rate} KDV ilave edilecektir.",
            f"Hizmet bedeli {period} {money}'dir; %{rate} oranında KDV ayrıca ödenir.",
        )
    )


def indefinite_term(start: str, rng: random.Random) -> str:
    """An employment contract without an end: "süresiz", "belirsiz süreli"."""
    return rng.choice(
        (
            f"İşbu iş sözleşmesi süresiz olup işçi {start} tarihinde işe başlar.",
            f"Sözleşme belirsiz süreli olarak {start} tarihinden itibaren yürürlüğe girer.",
            f"Taraflar arasındaki iş ilişkisi {start} tarihinde başlamış olup süresizdir.",
        )
    )


# a clause about the worker's health or disability (the heading is one of
# ``prose.SPECIAL_HEADINGS``: the truth withholds it)
SPECIAL_CLAUSES = {
    "health": (
        "İşçi, işe giriş muayenesinde verdiği sağlık raporunda belirtilen kronik rahatsızlığı "
        "nedeniyle gece vardiyasında çalıştırılmaz.",
        "İşçinin hastalığı nedeniyle aldığı istirahat raporları yıllık izninden düşülmez.",
    ),
    "disability": (
        "İşçi, %{rate} engel oranını gösteren sağlık kurulu raporuna göre engelli kontenjanında "
        "çalışmaktadır.",
        "İşveren, engelli işçinin çalışma ortamında gerekli düzenlemeleri yapmayı üstlenir.",
    ),
}


def special_lines(rng: random.Random) -> tuple[list[str], set[str]]:
    """Lines an old worker block copies from the identity card: "Dini", "Kan Grubu"
    (each now and then), and the special categories they print."""
    lines, printed = [], set()
    if rng.random() < 0.5:
        lines.append(f"Dini: {rng.choice(RELIGIONS)}")
        printed.add("religion")
    if rng.random() < 0.6 or not lines:
        lines.append(f"Kan Grubu: {rng.choice(BLOOD_GROUPS)}")
        printed.add("blood_group")
    return lines, printed


__all__ = [
    "ARBITRATION_LETTERS",
    "SPECIAL_CLAUSES",
    "copula",
    "deposit_sentence",
    "iban_sentence",
    "indefinite_term",
    "job_predicate",
    "kdv_added",
    "pay_day_more",
    "probation_sentence",
    "special_lines",
]
