"""Contract money: the amount with its words, currency, period and KDV; deposit; penalty.

Amounts are found after their labels ("Aylık Kira Bedeli", "brüt ücret", "hizmet
bedeli", …) or before their noun ("aylık 25.000 TL kira bedeli öder"), printed as
"25.000,00 TL", "25.000 TL", "25.000.-TL", "₺25.000,00", "1.500,00 USD"; the words in
parentheses right after an amount are kept for the figures-vs-words check.
"""

from __future__ import annotations

import re
from decimal import Decimal

from docpipe.extract.rules.clauses import Stream
from docpipe.extract.rules.contract_vocab import AMOUNT_LABELS
from docpipe.extract.rules.found import Fields
from docpipe.text.numbers import currency_from_name, parse_number
from docpipe.text.numwords import words_to_number
from docpipe.text.turkish import fold

_MARK = r"(?:(?:TL|TRY|USD|EUR|GBP|Avro|AVRO|Euro|EURO|ABD\s+Dolar[ıi]|Dolar)\b|[₺$€])"
# "25.000,00 TL", "25000,00", "₺25.000,00", and whole amounts only with a currency:
# "25.000 TL", "25.000.-TL", "25.000-TL", "25.000,00.-TL", "25.000,00 ₺"
# "#25.000,00# TL", "#25.000,00-TL#": hash marks guard the figures against additions
# A whole amount's currency may also stand after its words ("20.000 (yirmibin) TL"), before
# it ("₺20.000"), or after the figures in brackets ("yirmibin (20.000) Türk Lirası").
_WHOLE = r"\d{1,3}(?:\.\d{3})+|\d{3,}"
_MONEY = re.compile(
    r"(?P<pre>[₺$€]\s?)?#?(?:(?P<num>\d{1,3}(?:\.\d{3})+,\d{2}|\d+,\d{2}|\d{1,3}(?:,\d{3})+\.\d{2})"
    rf"(?:#|\.?-(?={_MARK}))?(?P<mark>\s*{_MARK})?#?|(?P<whole>{_WHOLE})(?:\.-|,-|-)?#?\s*"
    rf"(?P<wmark>{_MARK})"
    rf"|(?P<whole_w>{_WHOLE})(?=\s*\([^()\d]{{3,120}}\)\s*(?P<amark>{_MARK}))"
    rf"|(?<=[₺$€])(?P<whole_p>\d{{1,3}}(?:\.\d{{3}})+)(?![\d,])"
    rf"|(?<=\()\s*(?P<whole_b>{_WHOLE})\s*\)\s*(?P<bmark>{_MARK}|T[üu]rk\s+Liras[ıi]))"
)
# the words in parentheses after the figures: "(Yirmibeşbin TL)", "(Yalnız: …)", "(YalnızOnBinTL)",
# "(#OnBinTürkLirası#)"
_WORDS = re.compile(
    r"\s*,?\s*[(\[]\s*#?\s*(?:(?i:yaln[ıiIİ]z(?:ca)?|yaz[ıiIİ]\s*(?:ile|yla))\s*:?\s*)?"
    r"(?P<w>[^()\[\]\d#]{3,120}?)\s*#?\s*[)\]]"
)
# "20.000 TL / Yirmibin Türk Lirası", "20.000 TL - yirmibin TL": words after a slash or dash,
# ending in the currency
_WORDS_SEP = re.compile(
    r"[ \t]*[/–-][ \t]*(?P<w>(?:[^\W\d_]+[ \t]+){0,11}?"
    # in capitals too: "72.500.-TL / YETMİŞİKİBİNBEŞYÜZ TÜRK LİRASI"
    r"(?:TL|T[üu]rk[ \t]+Liras[ıi]|T[ÜU]RK[ \t]+L[İI]RAS[Iİ]|[Ll]ira|L[İI]RA)\b)"
)
# "25.000 TL, yazıyla: Yirmibeşbin TL …", "25.000 TL / Yalnız Yirmibeşbin TL": words after a marker
_WORDS_MARKED = re.compile(
    r"[\s,;/-]*(?i:yaln[ıiIİ]z(?:ca)?|yaz[ıiIİ]\s*(?:ile|yla))\s*:?\s*(?P<w>[^\d()\n.;:]{3,120})"
)
_MARKER = re.compile(r"(?i:yaln[ıiIİ]z(?:ca)?|yaz[ıiIİ]yla):?")  # "yalnız", "Yazıyla:"
_COPULA = re.compile(r"(?:(?<=[ıiuüIİ])|['’])(?:d|t)[ıiuü]r$")  # "Lirasıdır", "TL'dir"
# the words before figures in parentheses: "Yirmibeşbin Türk Lirası (25.000,00 TL)"
_WORDS_BEFORE = re.compile(
    r"(?P<w>(?:[^\W\d_]++[ \t]*){1,12})\(\s*$"
)  # ++: a word is never split (backtracking blew up on a long sentence without "(")
_MARKS = {"tl": "TRY", "try": "TRY", "₺": "TRY", "usd": "USD", "$": "USD", "eur": "EUR",
          "€": "EUR", "avro": "EUR", "euro": "EUR", "gbp": "GBP"}  # fmt: skip
# --------------------------------------------------------------------------- money


def _money_at(s: Stream, a: int, b: int) -> tuple[Decimal, str | None, re.Match[str]] | None:
    m = _MONEY.search(s.text, a, b)
    if not m:
        return None
    figures = m.group("num") or m.group("whole") or m.group("whole_w")
    value = parse_number(figures or m.group("whole_p") or m.group("whole_b"))
    if value is None:
        return None
    marks = ("mark", "wmark", "amark", "bmark", "pre")
    mark = next((m.group(k) for k in marks if m.group(k)), "").strip()
    folded_mark = fold(mark).split()[0] if mark else ""
    currency = _MARKS.get(folded_mark) or (currency_from_name(mark) if mark else None)
    return value, currency, m


_PERIOD_FIRST = re.compile(r"\b(aylik|yillik)\s+(?=#?[\d₺$€])")  # "#1.300,00-USD#": a form's marks
# a sum given per unit of time right after its currency: "40.000 TL/ay", "… TL / yıl"
_PER_UNIT = re.compile(r"\s*/\s*(aylik|ay|yillik|yil)\b")
_YEARLY_FIRST = re.compile(r"\byillik\s+(?:kira|hizmet|danismanlik)\s+bedeli\b")
_AMOUNT_NOUN = re.compile(
    r"\s*(?:\([^)\n]{0,120}\)\s*)?(?:kira\s+bedel|brut\s+ucret|ucret|hizmet\s+bedel)"
)


def _amount_candidates(s: Stream) -> list[tuple[int, int, str | None, str, tuple, int]]:
    """(priority, position, period, kind, money hit, label start) for every amount found."""
    folded = s.folded
    out = []
    labels: list[tuple[int, int]] = []
    for priority, (pattern, period, kind) in enumerate(AMOUNT_LABELS):
        for lm in re.finditer(rf"\b(?:{pattern})\b", folded):
            if any(a <= lm.start() and lm.end() <= b for a, b in labels):
                continue  # "kira bedeli" inside "yıllık kira bedeli": the longer label's
            labels.append(lm.span())
            hit = _money_at(s, *s.after(lm.end(), 70))
            if hit is not None:
                out.append((priority, lm.start(), period, kind, hit, lm.start()))
    for pm in _PERIOD_FIRST.finditer(folded):  # "aylık 25.000 TL (…) kira bedeli öder"
        hit = _money_at(s, pm.end(), pm.end() + 30)
        if hit is None or hit[2].start() != pm.end():
            continue
        sa, _ = s.sentence(pm.start())
        # "Yıllık kira bedeli 240.000 TL olup aylık 20.000 TL olarak ödenir": the yearly
        # price named first, the monthly instalment after it in the same sentence
        if _AMOUNT_NOUN.match(folded, hit[2].end()) or (
            pm.group(1) == "aylik" and _YEARLY_FIRST.search(folded, sa, pm.start())
        ):
            period = "monthly" if pm.group(1) == "aylik" else "yearly"
            kind = "amount" if period == "monthly" else "yearly"
            out.append((-1, pm.start(), period, kind, hit, pm.start()))
    if not out:
        out += _in_sentences(s, len(AMOUNT_LABELS))
    return sorted(out, key=lambda c: (c[0], c[1]))


# a sentence about the price, not about a deposit, a penalty or interest
_PRICE_NOUN = re.compile(r"\b(?:kira|ucret\w*|bedel\w*|fiyat\w*)\b")
# not the price: a deposit, a penalty, interest, or a guarantor's maximum ("… TL'ye kadar
# müteselsil kefildir", "Kefalet tutarı: …")
_NOT_PRICE = re.compile(r"depozito|guvence|teminat|cezai|gecikme|faiz|tazminat|avans|kefil|kefalet")


def _in_sentences(s: Stream, priority: int) -> list[tuple[int, int, str | None, str, tuple, int]]:
    """Unlabelled amounts: the first figures in a sentence that names the rent, wage or fee
    ("Kiracı her ay 25.000 TL kira öder", "brüt 40.000 TL ücret ödenir")."""
    out = []
    for m in _MONEY.finditer(s.text):
        a, b = s.sentence(m.start())
        sentence = s.folded[a:b]
        if not _PRICE_NOUN.search(sentence) or _NOT_PRICE.search(sentence):
            continue
        hit = _money_at(s, m.start(), m.end())
        if hit is not None:
            out.append((priority, m.start(), None, "amount", hit, m.start()))
            break
    return out


# "KDV dahil", "KDV %20 dahil", "(KDV hariç)", "+ KDV", "+ %20 KDV", "KDV'ler hariç",
# "katma değer vergisi (%20) hariç", "%20 KDV dahil", "KDV dahil değildir"
_VAT = r"(?:kdv|katma\s+deger\s+vergisi)"
_RATE = r"(?:\(?\s*%\s*(?P<r{n}>\d{{1,2}}(?:,\d{{1,2}})?)\s*\)?\s*)"
_KDV = re.compile(
    rf"(?:{_RATE.format(n=1)}(?:oranind[ae]\s+)?)?{_VAT}'?(?:\s*ler)?\s*{_RATE.format(n=2)}?"
    r"(?:oranind[ae]\s+)?(?P<how>dahil|haric)(?P<neg>\s+degil\w*)?"
    rf"|\+\s*{_RATE.format(n=3)}?{_VAT}"
)


# KDV added on top in words: "bu bedele %20 KDV ilave edilecektir", "KDV ayrıca ödenir"
_KDV_ADDED = re.compile(
    rf"{_RATE.format(n=1)}?(?:oranind[ae]\s+)?{_VAT}\w*'?\w*\s+{_RATE.format(n=2)}?"
    r"(?P<how>ilave\s+edil|eklen|ayrica\s+(?:odenir|odenecek|tahsil|fatura))"
)


def _kdv(fields: Fields, s: Stream, sent_a: int, sentence: str) -> None:
    """kdv_included and kdv_rate from the amount's sentence."""
    kdv = _KDV.search(sentence) or _KDV_ADDED.search(sentence)
    if not kdv:
        return
    a, b = sent_a + kdv.start(), sent_a + kdv.end()
    # "bu bedele KDV dahil değildir": the negation turns it round
    negated = bool(kdv.groupdict().get("neg"))
    included = (kdv.group("how") == "dahil") != negated
    fields.set("kdv_included", s.found(included, a, b))
    rate = kdv.group("r1") or kdv.group("r2") or kdv.groupdict().get("r3")
    if rate is None:  # "%20 oranında KDV" elsewhere in the sentence
        m = re.search(rf"%\s*(\d{{1,2}})\s*(?:oranind[ae]\s+)?{_VAT}", sentence)
        rate = m.group(1) if m else None
    if rate is not None:
        fields.set("kdv_rate", s.found(Decimal(rate.replace(",", ".")), a, b))


def _amount_words(s: Stream, m: re.Match[str]) -> tuple[str, int, int] | None:
    """The amount in words printed beside the figures ``m``: (words, start, end)."""
    after = _WORDS.match(s.text, m.end())
    if after and words_to_number(after.group("w")) is not None:
        return after.group("w").strip(), *after.span("w")
    sep = _WORDS_SEP.match(s.text, m.end())
    if sep and words_to_number(sep.group("w")) is not None:
        return sep.group("w"), *sep.span("w")
    marked = _WORDS_MARKED.match(s.text, m.end())
    if marked:  # the longest run of words after the marker that reads as an amount
        tokens = list(re.finditer(r"\S+", marked.group("w")))
        for k in range(len(tokens), 0, -1):
            if not re.search(r"[^\W\d_]", tokens[k - 1].group(0)):
                continue  # "… Türk Lirası + KDV": a sign is no word of the amount
            start = marked.start("w")
            end = start + len(tokens[k - 1].group(0).rstrip(",")) + tokens[k - 1].start()
            # "yazıyla İkibinyüzelli ABD Doları, yıllık …": the comma after them is not theirs
            # "… Türk Lirasıdır": the predicate's suffix is no part of the words
            cop = _COPULA.search(s.text, start, end)
            for stop in (end - len(cop.group(0)), end) if cop else (end,):
                if words_to_number(s.text[start:stop]) is not None:
                    return s.text[start:stop], start, stop
    before = _WORDS_BEFORE.search(s.text, max(0, m.start() - 160), m.start())
    if before:  # the longest run of words right before "(" that reads as an amount
        tokens = list(re.finditer(r"\S+", before.group("w")))
        for k in range(len(tokens)):
            if _MARKER.fullmatch(tokens[k].group(0)):
                continue  # "yalnız onbeşbin TL (15.000 TL)": the marker is no word of it
            start = before.start("w") + tokens[k].start()
            end = before.start("w") + tokens[-1].end()
            if words_to_number(s.text[start:end]) is not None:
                return s.text[start:end], start, end
    return None


def money_fields(fields: Fields, s: Stream) -> None:
    """amount (+ words, currency, period, KDV, yearly), deposit and penalty amount."""
    folded = s.folded
    candidates = _amount_candidates(s)
    amounts = [c for c in candidates if c[3] == "amount"] or [
        c for c in candidates if c[3] == "yearly"
    ]
    if amounts:
        _, _, period, kind, (value, currency, m), label_start = amounts[0]
        if kind == "yearly":
            period = "yearly"
        fields.set("amount", s.found(value, m.start(), m.end()))
        words = _amount_words(s, m)
        unit_at = m.end()
        if words is not None:
            value, wa, wb = words
            if wb > m.end():  # "40.000 TL (kırkbin Türk Lirası)/ay": the unit after the words
                close = s.text.find(")", wb, wb + 20)  # "(… Lirası)", "(…Elli TL)"
                unit_at = close + 1 if close >= 0 else wb
            fields.set("amount_in_words", s.found(value, wa, wb))
            currency = currency or currency_from_name(value)
        score = 1.0 if currency else 0.6
        fields.set("currency", s.found(currency or "TRY", m.start(), m.end(), score))
        sent_a, sent_b = s.sentence(m.start())
        sentence = folded[sent_a:sent_b]
        per = _PER_UNIT.match(folded, unit_at)  # "40.000 TL/ay", "1.200 USD / yıl"
        if period is None and per:
            period = "monthly" if per.group(1).startswith("ay") else "yearly"
        if period is None:
            if re.search(r"\baylik\b|\bher ay\b|\bayda\b", sentence):
                period = "monthly"
            elif re.search(r"\byillik\b|\bher yil\b", sentence):
                period = "yearly"
            else:
                period = "one_off"
        fields.set("amount_period", s.found(period, label_start, m.end()))
        _kdv(fields, s, sent_a, sentence)
        if period == "monthly":
            yearly = [c for c in candidates if c[3] == "yearly" and c[4][2] is not m]
            if yearly:
                hit = yearly[0][4][2]
                fields.set("yearly_amount", s.found(yearly[0][4][0], hit.start(), hit.end()))
    # "depozito", "güvence bedelini", "teminatı" (any case ending)
    for lm in re.finditer(r"\b(?:depozito|guvence\s+bedel|teminat)\w*", folded):
        hit = _money_at(s, *s.after(lm.end(), 80))
        if hit is None:  # "… 77.000 TL (…) depozito vermiştir": the sum before, same sentence
            sent_a, _ = s.sentence(lm.start())
            before = list(_MONEY.finditer(s.text, sent_a, lm.start()))
            if before:
                hit = _money_at(s, before[-1].start(), lm.start())
        if hit:
            fields.set("deposit", s.found(hit[0], hit[2].start(), hit[2].end()))
            break
    for lm in re.finditer(r"\bcezai\s+sart\b", folded):
        sent_a, _ = s.sentence(lm.start())
        before = list(_MONEY.finditer(s.text, sent_a, lm.start()))
        hit = None
        if before:
            hit = _money_at(s, before[-1].start(), lm.start())
        if hit is None:
            hit = _money_at(s, *s.after(lm.end(), 60))
        if hit:
            fields.set("penalty_amount", s.found(hit[0], hit[2].start(), hit[2].end()))
            break


#: the reason an amount other than the contract's own is reported with when its words
#: read as another number (``docpipe.validate.contract`` turns it into a failed check)
WORDS_DIFFER = "the amount in words differs from the amount in figures"
# the fields whose figures a disagreement is reported on, the rest as "amount_in_words"
_WORDED = ("deposit", "penalty_amount", "yearly_amount")


def words_disagreements(s: Stream, fields: Fields) -> dict[str, str]:
    """Every sum printed with its words, other than the contract's amount (its words are
    a field the validator compares): path -> ``WORDS_DIFFER`` where the words read as
    another number ("Depozito 40.000 TL (otuzbin TL)"). Reasons name fields only."""
    main = fields.items.get("amount")
    out: dict[str, str] = {}
    for m in _MONEY.finditer(s.text):
        hit = _money_at(s, m.start(), m.end())
        words = _amount_words(s, m) if hit is not None else None
        if hit is None or words is None or (main is not None and hit[0] == main.value):
            continue
        spelled = words_to_number(words[0])
        if spelled is None or spelled == hit[0] or spelled == int(hit[0]):
            continue
        path = next(
            (p for p in _WORDED if p in fields.items and fields.items[p].value == hit[0]),
            "amount_in_words",
        )
        out[path] = WORDS_DIFFER
    return out
