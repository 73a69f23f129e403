"""The GİB karekod payload: the JSON printed as a QR code on e-Fatura / e-Arşiv copies.

Input: the text a QR decoder returned. Output: a ``KarekodPayload`` with typed
values, or None when the text is not a GİB invoice payload (a web address, a
payment QR, an e-SMM receipt): such codes are ignored, never an error.

GİB's portal XSLT writes ``{"vkntckn":…, "avkntckn":…, "senaryo":…, "tip":…,
"tarih":…, "no":…, "ettn":…, "parabirimi":…, "malhizmettoplam":…,
"kdvmatrah(20)":…, "hesaplanankdv(20)":…, "vergidahil":…, "odenecek":…}``, but
integrators' templates vary, and this parser takes what real payloads do:

- key case and spacing (``VKNTCKN``, ``"kdvmatrah (20.00)"``, ``"KdvMatrah(%20)"``);
- raw tabs and newlines between and inside values (payloads copied from an HTML
  ``div``), a trailing comma before ``}``, values padded with spaces;
- numbers as ``2500.00``, ``22630``, ``15.3`` or Turkish ``2.500,00`` (the last
  separator is the decimal mark: a machine payload has no thousands grouping
  without a decimal part);
- dates as ``2023-09-09`` or `` 15-01-2026``;
- text that is not valid JSON at all: ``"key":"value"`` pairs are then picked
  out one by one, and ``key: value`` lines after that.

Withholding is not a key of its own: it is ``vergidahil − odenecek``. A rate
whose base equals the KDV of the other rates (``kdvmatrah(40)`` = total KDV on
some integrators' tevkifat invoices) is that withholding, not a KDV rate.
Written by hand: no library parses this payload. Nothing here logs a value.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from docpipe.document import BBox
from docpipe.text.dates import parse_date

# normalised key -> canonical key (synonyms seen in integrators' templates)
_KEYS = {
    "vkntckn": "vkntckn",
    "saticivkntckn": "vkntckn",
    "saticivkn": "vkntckn",
    "avkntckn": "avkntckn",
    "alicivkntckn": "avkntckn",
    "alicivkn": "avkntckn",
    "senaryo": "senaryo",
    "profil": "senaryo",
    "tip": "tip",
    "faturatipi": "tip",
    "tarih": "tarih",
    "faturatarihi": "tarih",
    "no": "no",
    "faturano": "no",
    "ettn": "ettn",
    "uuid": "ettn",
    "parabirimi": "parabirimi",
    "dovizcinsi": "parabirimi",
    "malhizmettoplam": "malhizmettoplam",
    "malhizmettoplamtutari": "malhizmettoplam",
    "malhizmet": "malhizmettoplam",
    "vergidahil": "vergidahil",
    "vergilerdahiltoplamtutar": "vergidahil",
    "odenecek": "odenecek",
    "odenecektutar": "odenecek",
}
_RATED = re.compile(r"^(kdvmatrah|hesaplanankdv|hesaplanankdvtevkifat)\(?%?([\d.,]+)%?\)?$")
_ESMM = {"brutucret", "netucret", "gvstopaj", "kdvtevkifat", "tahsilkdv", "tahsilat"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b\ufeff]")
_PAIR = re.compile(r'"([^"]{1,60})"\s*:\s*(?:"([^"]{0,200})"|([-\d.,]+))')
_LINE = re.compile(r"^\s*([A-Za-zİıÖöÜüŞşĞğÇç() %.,\d_-]{2,40}?)\s*[:=]\s*(.{0,200}?)\s*$")
_FOLD = str.maketrans("İIıÖöÜüŞşĞğÇç", "iiioouussggcc")
MAX_PAYLOAD = 4096  # a karekod holds at most ~3 KB; anything longer is not one


@dataclass(frozen=True)
class KdvAtRate:
    """One ``kdvmatrah(r)`` / ``hesaplanankdv(r)`` pair."""

    rate: Decimal
    base: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class KarekodPayload:
    """The fields of a GİB invoice karekod; None where the payload lacks (or garbles) one."""

    seller_id: str | None = None  # vkntckn: a VKN (10 digits) or a TCKN (11)
    buyer_id: str | None = None  # avkntckn
    profile: str | None = None  # senaryo
    invoice_type: str | None = None  # tip
    issue_date: date | None = None
    invoice_number: str | None = None
    ettn: str | None = None
    currency: str | None = None
    subtotal: Decimal | None = None  # malhizmettoplam
    kdv: tuple[KdvAtRate, ...] = ()
    total_with_taxes: Decimal | None = None  # vergidahil
    payable_amount: Decimal | None = None  # odenecek
    withholding_rate: Decimal | None = None  # percent of the KDV, when printed as a "rate"
    keys: frozenset[str] = field(default_factory=frozenset)  # canonical keys present

    @property
    def withholding(self) -> Decimal | None:
        """``vergidahil − odenecek`` when both are there and it is positive."""
        if self.total_with_taxes is None or self.payable_amount is None:
            return None
        diff = self.total_with_taxes - self.payable_amount
        return diff if diff > 0 else None

    @property
    def kdv_total(self) -> Decimal | None:
        amounts = [k.amount for k in self.kdv]
        if not amounts or any(a is None for a in amounts):
            return None
        return sum(amounts, Decimal(0))  # type: ignore[arg-type]


def normalise_key(key: str) -> str:
    """``" KdvMatrah (%20.00) "`` → ``kdvmatrah(%20.00)``: folded, no spaces, ``_`` or ``-``."""
    return re.sub(r"[\s_\-]", "", key.translate(_FOLD).lower())


def parse_amount(text: str) -> Decimal | None:
    """A karekod amount: the last ``.`` or ``,`` is the decimal mark, others group."""
    s = re.sub(r"[\s\u00a0']", "", text).replace("−", "-")
    s = re.sub(r"(?i)(try|tl|eur|usd|₺)$", "", s)
    if not re.fullmatch(r"-?\d[\d.,]*", s) or s.endswith((".", ",")):
        return None
    last = max(s.rfind("."), s.rfind(","))
    if last >= 0:
        whole, fraction = s[:last], s[last + 1 :]
        if "," in fraction or "." in fraction:
            return None
        if len(fraction) == 3 and s.count(s[last]) > 1:  # 1.234.567: grouping only
            whole, fraction = s, ""
        groups = re.split(r"[.,]", whole)
        if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
            return None
        s = "".join(groups) + ("." + fraction if fraction else "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _pairs(text: str) -> dict[str, str]:
    """Raw key → value pairs from JSON, else from quoted pairs, else from key: value lines."""
    cleaned = _CONTROL.sub(" ", text)
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start >= 0 and end > start:
        body = re.sub(r",\s*}", "}", cleaned[start : end + 1])
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
        found = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _PAIR.finditer(body)}  # fmt: skip
        if found:
            return found
    out: dict[str, str] = {}
    for line in re.split(r"[\r\n|&;]+", _CONTROL.sub("\n", text.replace("\t", " "))):
        m = _LINE.match(line)
        if m:
            out[m.group(1)] = m.group(2).strip().strip('"')
    return out


def _rate(text: str) -> Decimal | None:
    value = parse_amount(text)
    if value is None or not (0 <= value <= 100):
        return None
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _uuid(text: str) -> str | None:
    compact = text.strip().lower()
    try:
        uuid.UUID(compact)
    except ValueError:
        return None
    return compact if len(compact) == 36 else None


def _currency(text: str) -> str | None:
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{2,3}", code):
        return None
    return {"TL": "TRY", "YTL": "TRY"}.get(code, code)


def _digits(text: str) -> str | None:
    compact = re.sub(r"\s", "", text)
    return compact if re.fullmatch(r"\d{10,11}", compact) else None


def parse_karekod(text: str) -> KarekodPayload | None:
    """The GİB invoice payload in ``text``, or None when ``text`` is not one."""
    if not text or len(text) > MAX_PAYLOAD:
        return None
    raw = _pairs(text)
    values: dict[str, str] = {}
    bases: dict[Decimal, Decimal | None] = {}
    amounts: dict[Decimal, Decimal | None] = {}
    for key, value in raw.items():
        norm = normalise_key(key)
        value = value.strip()
        if norm in _ESMM:
            return None  # a serbest meslek makbuzu (e-SMM): not an invoice
        rated = _RATED.match(norm)
        if rated:
            rate = _rate(rated.group(2))
            if rate is None or rated.group(1) == "hesaplanankdvtevkifat":
                continue
            target = bases if rated.group(1) == "kdvmatrah" else amounts
            target[rate] = parse_amount(value)
        elif norm in _KEYS:
            values.setdefault(_KEYS[norm], value)
    if "ettn" not in values and not {"vkntckn", "no"} <= values.keys():
        return None
    if len(values) + len(bases) < 4:
        return None
    payload = KarekodPayload(
        seller_id=_digits(values.get("vkntckn", "")),
        buyer_id=_digits(values.get("avkntckn", "")),
        profile=values.get("senaryo", "").upper() or None,
        invoice_type=values.get("tip", "").upper() or None,
        issue_date=parse_date(values["tarih"]) if values.get("tarih") else None,
        invoice_number=values.get("no", "").replace(" ", "") or None,
        ettn=_uuid(values.get("ettn", "")),
        currency=_currency(values.get("parabirimi", "")),
        subtotal=parse_amount(values.get("malhizmettoplam", "")),
        total_with_taxes=parse_amount(values.get("vergidahil", "")),
        payable_amount=parse_amount(values.get("odenecek", "")),
        keys=frozenset(values),
    )
    return _with_kdv(payload, bases, amounts)


def _with_kdv(
    payload: KarekodPayload,
    bases: dict[Decimal, Decimal | None],
    amounts: dict[Decimal, Decimal | None],
) -> KarekodPayload:
    rates = sorted(set(bases) | set(amounts))
    entries = [KdvAtRate(r, bases.get(r), amounts.get(r)) for r in rates]
    withholding_rate = None
    if len(entries) > 1:
        # A "rate" whose base is the KDV of the others is the withholding (tevkifat) line.
        for entry in entries:
            others = [e.amount for e in entries if e is not entry]
            known = entry.base is not None and all(a is not None for a in others)
            if known and entry.base == sum(others, Decimal(0)):  # type: ignore[arg-type]
                withholding_rate = entry.rate
                entries.remove(entry)
                break
    return replace(payload, kdv=tuple(entries), withholding_rate=withholding_rate)


@dataclass(frozen=True)
class Karekod:
    """A decoded GİB karekod: its payload, page and box (page units), and how it was read."""

    payload: KarekodPayload
    page: int
    bbox: BBox | None
    method: str  # "embedded", "rendered", "image", with "+retry" when the OpenCV retry found it
    frame: tuple[float, float] = (0.0, 0.0)  # width, height of the page the box refers to
