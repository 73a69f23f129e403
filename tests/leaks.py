"""The leak test's documents that extraction fails on, and its bookkeeping.

``make_hard_documents(folder)`` writes, each with a truth file beside it:

- ``kimlik_02_back_blurred.jpg``: the ID card back of ``samples/id``, blurred past reading;
- ``kimlik_02_front_sideways.jpg``: the card front photographed sideways (rotated 90°,
  in perspective);
- ``dilekce_01.pdf``: an unknown document (a petition) full of Turkish names, T.C.
  kimlik numbers, addresses, a phone and an e-mail;
- ``is_saglik_01.pdf`` and its scan ``is_saglik_01_scan.png``: an employment contract
  stating the employee's diagnosis (KVKK Art. 6).

``make_heldout_documents(folder, every=...)`` writes documents the rules were never
written against: identity documents of the ID corpus's held-out split (photocopies,
flatbed and low-resolution scans, two-line label designs; ``samplegen.idcorpus``) and
contracts in the held-out wordings (``samplegen.contracts.corpus``, split ``heldout``).
Only leaks are counted on them (measurement): their extraction is never looked at.

Truth files use the samples' format; ``special.*`` fields hold special-category values,
which must not be stored anywhere. ``Tally`` counts, per family and output, the values
checked and those found in clear, and prints them as a table.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pymupdf
from sqlalchemy import create_engine, inspect, text

from docpipe.evaluate import load_truth
from docpipe.families import family_of
from docpipe.text.turkish import fold
from samplegen.identifiers import random_tckn, random_vkn
from tests.hostile import text_pdf_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# fields of a data subject (a person): never in stored records, outputs or redacted files
IDENTITY = (
    "tckn", "surname", "given_names", "mother_name", "father_name", "document_number",
    "mrz_lines", "birth_date", "birth_place",
)  # fmt: skip
PARTY = ("name", "tckn", "address", "phone", "email")
MIN_COMPACT = 5  # shorter values match inside unrelated words of a whole database dump


def subject_values(truth_path: Path) -> dict[str, str]:
    """Values about a person in one truth file: identity fields, every field of a party
    that has a T.C. kimlik no (a company's data is not personal), and special-category
    values (``special.*``)."""
    truth = load_truth(truth_path)
    out: dict[str, str] = {}
    people = {p.rsplit(".", 1)[0] for p in truth.fields if p.endswith(".tckn")}
    for path, value in truth.fields.items():
        keys = path.split(".")
        identity = truth.doc_type in ("id_card", "passport") and keys[0] in IDENTITY
        of_person = path.rsplit(".", 1)[0] in people and keys[-1] in PARTY
        # an invoice's IBAN is the seller's; a contract's is a party's (a person's, if any)
        payee = "seller" in people if truth.doc_type == "invoice" else bool(people)
        iban = keys[-1] in ("iban", "property_address") and payee
        if identity or of_person or keys[-1] == "tckn" or iban or keys[0] == "special":
            out[path] = str(value)
    return out


def compact(text_: str) -> str:
    return re.sub(r"[\s<]+", "", fold(text_))


def forms(value: str) -> list[str]:
    """The value and its printed forms (a birth date as 16.01.1995)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, mo, d = m.groups()
        return [f"{d}.{mo}.{y}", f"{d}/{mo}/{y}", f"{d}{mo}{y}"]
    return [value]


def checked_values(truth_path: Path) -> list[str]:
    """The forms of a truth file's subject values long enough to search a dump for, less
    those printed as clear data elsewhere (a surname that is also a company's name in
    another sample: "BOZKURT" in "Bozkurt Gıda Ltd. Şti." stays, by design)."""
    values = [f for v in subject_values(truth_path).values() for f in forms(v)]
    clear = _clear_values()
    return sorted(
        v for v in set(values) if len(compact(v)) >= MIN_COMPACT and compact(v) not in clear
    )


@cache
def _clear_values() -> str:
    """Every truth value of the samples that is not about a person, compacted, joined."""
    from docpipe.evaluate import truth_pairs

    out = []
    for _, truth in truth_pairs(SAMPLES):
        personal = set(subject_values(truth).values())
        out += [compact(str(v)) for v in load_truth(truth).fields.values() if v not in personal]
    return "|".join(out)


def family_label(truth_path: Path) -> str:
    """The row of the counts table: the family, or ``unknown``; ``(hard)`` for the
    generated documents extraction fails on, ``(held-out)`` for the held-out ones."""
    family = family_of(load_truth(truth_path).doc_type)
    name = family.name if family is not None else "unknown"
    suffix = {"hard": " (hard)", "heldout": " (held-out)"}.get(truth_path.parent.name, "")
    return name + suffix


def database_text(url: str) -> str:
    """Every stored cell of every table (SQLite or PostgreSQL), as one string: what a
    stolen database shows."""
    engine = create_engine(url)
    parts = []
    try:
        with engine.connect() as conn:
            for table in inspect(conn).get_table_names():
                for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                    parts.append(json.dumps([str(c) for c in row], ensure_ascii=False))
    finally:
        engine.dispose()
    return "\n".join(parts)


def database_texts(url: str) -> dict[int | None, str]:
    """``database_text`` split by document: the rows of each stored document (its
    ``documents`` row and every row whose ``document_id`` names it), and under ``None``
    every row tied to no document. A document's values are searched in its own rows and
    the unattached ones: a held-out person's surname that is also a company's name
    printed in clear on another document is that document's data, not a leak."""
    engine = create_engine(url)
    parts: dict[int | None, list[str]] = defaultdict(list)
    try:
        with engine.connect() as conn:
            for table in inspect(conn).get_table_names():
                result = conn.execute(text(f'SELECT * FROM "{table}"'))
                columns = list(result.keys())
                key = "id" if table == "documents" else "document_id"
                at = columns.index(key) if key in columns else None
                for row in result:
                    owner = row[at] if at is not None else None
                    parts[owner].append(json.dumps([str(c) for c in row], ensure_ascii=False))
    finally:
        engine.dispose()
    return {owner: "\n".join(rows) for owner, rows in parts.items()}


@dataclass
class Tally:
    """(family, output) -> [values checked, values found in clear]."""

    counts: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    leaked: list[str] = field(default_factory=list)  # "family/output/field path" (no values)

    def check(self, label: str, output: str, values: list[str], haystack: str) -> int:
        """Count ``values`` (searched compacted) in ``haystack``; returns how many leaked."""
        cell = self.counts[(label, output)]
        found = [v for v in values if compact(v) in haystack]
        cell[0] += len(values)
        cell[1] += len(found)
        return len(found)

    def table(self) -> str:
        outputs = sorted({o for _, o in self.counts})
        labels = sorted({f for f, _ in self.counts})
        width = max(len(o) for o in outputs) + 2
        lines = [f"{'family':<18}" + "".join(f"{o:>{width}}" for o in outputs)]
        for label in labels:
            cells = []
            for output in outputs:
                checked, found = self.counts.get((label, output), (0, 0))
                cells.append(f"{f'{checked}/{found}':>{width}}")
            lines.append(f"{label:<18}" + "".join(cells))
        total = [sum(cell[i] for cell in self.counts.values()) for i in (0, 1)]
        lines.append(f"values checked / found in clear; all outputs: {total[0]} / {total[1]}")
        return "\n".join(lines)


# -- the documents extraction fails on -----------------------------------------------------


def make_hard_documents(folder: Path) -> list[Path]:
    """Write the documents (see the module docstring); returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    made = [_blurred_back(folder), _sideways_front(folder), _petition(folder, rng)]
    made += _health_contract(folder, rng)
    return made


def _truth(path: Path, doc_type: str, fields: dict[str, str]) -> None:
    truth = path.with_name(path.stem + ".truth.json")
    truth.write_text(json.dumps({"doc_type": doc_type, "fields": fields}, ensure_ascii=False))


def _copy_truth(source: Path, target: Path) -> None:
    raw = json.loads(source.with_suffix(".truth.json").read_text(encoding="utf-8"))
    target.with_name(target.stem + ".truth.json").write_text(json.dumps(raw, ensure_ascii=False))


def _blurred_back(folder: Path) -> Path:
    source = SAMPLES / "id" / "kimlik_02_back.jpg"
    image = cv2.imread(str(source))
    blurred = cv2.GaussianBlur(image, (0, 0), sigmaX=3.5)
    path = folder / "kimlik_02_back_blurred.jpg"
    cv2.imwrite(str(path), blurred, [cv2.IMWRITE_JPEG_QUALITY, 80])
    _copy_truth(source, path)
    return path


def _sideways_front(folder: Path) -> Path:
    source = SAMPLES / "id" / "kimlik_02_front.jpg"
    image = cv2.imread(str(source))
    w = image.shape[1]
    margin = int(0.08 * w)
    canvas = cv2.copyMakeBorder(image, margin, margin, margin, margin, cv2.BORDER_CONSTANT,
                                value=(120, 110, 100))  # fmt: skip
    ch, cw = canvas.shape[:2]
    src = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
    dst = np.float32([[cw * 0.06, ch * 0.02], [cw * 0.97, ch * 0.08], [cw, ch], [0, ch * 0.93]])
    warped = cv2.warpPerspective(canvas, cv2.getPerspectiveTransform(src, dst), (cw, ch),
                                 borderValue=(120, 110, 100))  # fmt: skip
    path = folder / "kimlik_02_front_sideways.jpg"
    cv2.imwrite(
        str(path), cv2.rotate(warped, cv2.ROTATE_90_CLOCKWISE), [cv2.IMWRITE_JPEG_QUALITY, 85]
    )
    _copy_truth(source, path)
    return path


def _petition(folder: Path, rng: random.Random) -> Path:
    applicant, witness, other = random_tckn(rng), random_tckn(rng), random_tckn(rng)
    fields = {
        "dilekci.name": "Mehmet Ali Karakaya",
        "dilekci.tckn": applicant,
        "dilekci.address": "Caferağa Mah. Moda Cad. No: 112 D: 4 Kadıköy / İstanbul",
        "dilekci.phone": "0532 418 27 93",
        "dilekci.email": "m.karakaya1978@example.com.tr",
        "es.name": "Gülşen Karakaya",
        "es.tckn": other,
        "tanik.name": "Hüseyin Çelebioğlu",
        "tanik.tckn": witness,
        "tanik.address": "Bahçelievler Mah. 7. Sokak No: 23 Çankaya / Ankara",
    }
    lines = [
        "KADIKÖY KAYMAKAMLIĞINA",
        "",
        "Konu: İkamet adresimin düzeltilmesi hakkında",
        "",
        f"Ben, {fields['dilekci.name']} (T.C. {applicant}), eşim {fields['es.name']}",
        f"(T.C. Kimlik No: {other[:3]} {other[3:6]} {other[6:9]} {other[9:]}) ile birlikte",
        f"{fields['dilekci.address']} adresinde oturmaktayım.",
        "Adres kayıt sisteminde eski adresimiz görünmektedir; düzeltilmesini arz ederim.",
        f"Komşumuz {fields['tanik.name']} (TCKN {witness}), {fields['tanik.address']}",
        "adresinde ikamet etmekte olup durumu bilmektedir.",
        "",
        f"Telefon: {fields['dilekci.phone']}   E-posta: {fields['dilekci.email']}",
        "",
        "Gereğini saygılarımla arz ederim.",
        "MEHMET ALİ KARAKAYA",
    ]
    path = folder / "dilekce_01.pdf"
    path.write_bytes(text_pdf_bytes(lines))
    _truth(path, "unknown", fields)
    return path


def _health_contract(folder: Path, rng: random.Random) -> list[Path]:
    employee, vkn = random_tckn(rng), random_vkn(rng)
    fields = {
        "parties.0.name": "Akdeniz Ambalaj Sanayi ve Ticaret A.Ş.",
        "parties.0.vkn": vkn,
        "parties.1.name": "Zeynep Gündoğan",
        "parties.1.tckn": employee,
        "parties.1.address": "Yenişehir Mah. Gazi Bulvarı No: 41 D: 7 Mezitli / Mersin",
        "parties.1.phone": "0541 276 93 18",
        "special.diagnosis": "Hashimoto tiroiditi",
        "special.diagnosis_2": "Multipl skleroz",
        "special.code": "G35",
    }
    lines = [
        "BELİRSİZ SÜRELİ İŞ SÖZLEŞMESİ",
        "",
        "MADDE 1 - TARAFLAR",
        f"İşveren: {fields['parties.0.name']}",
        f"Vergi Dairesi / No: Mersin Kurumlar / {vkn}",
        f"İşçi Adı Soyadı: {fields['parties.1.name']}",
        f"T.C. Kimlik No: {employee}",
        f"Adres: {fields['parties.1.address']}",
        f"Telefon: {fields['parties.1.phone']}",
        "",
        "MADDE 2 - KONU",
        "İşçi, işverene ait işyerinde üretim planlama uzmanı olarak çalışacaktır.",
        "",
        "MADDE 3 - ÜCRET",
        "Aylık brüt ücret 58.000,00 TL olup her ayın 5'inde banka hesabına ödenir.",
        "",
        "MADDE 4 - SAĞLIK DURUMU",
        "İşçi, işe giriş muayenesinde kendisine Hashimoto tiroiditi tanısı konduğunu ve",
        "düzenli tedavi gördüğünü beyan etmiştir. İşveren gerekli düzenlemeleri yapar.",
        "Ek-1 İşe giriş sağlık beyanı, önceki tanı: Multipl skleroz (ICD-10 G35)",
        "",
        "MADDE 5 - YETKİLİ MAHKEME",
        "Uyuşmazlıklarda Mersin İş Mahkemeleri yetkilidir.",
        "",
        "İşveren                                  İşçi",
    ]
    pdf = folder / "is_saglik_01.pdf"
    pdf.write_bytes(text_pdf_bytes(lines))
    _truth(pdf, "contract", fields)
    with pymupdf.open(pdf) as doc:
        pix = doc.load_page(0).get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    page = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
    noise = np.random.default_rng(15).normal(0, 6, page.shape)
    scan = np.clip(page.astype(np.float32) * 0.95 + 8 + noise, 0, 255).astype(np.uint8)
    center = (scan.shape[1] / 2, scan.shape[0] / 2)
    scan = cv2.warpAffine(scan, cv2.getRotationMatrix2D(center, 0.6, 1.0),
                          (scan.shape[1], scan.shape[0]), borderValue=235)  # fmt: skip
    png = folder / "is_saglik_01_scan.png"
    cv2.imwrite(str(png), scan)
    _truth(png, "contract", fields)
    return [pdf, png]


# -- documents the rules were never written against ----------------------------------------

#: ID corpus held-out indices run by default: a photocopied front, a back on a flatbed, a
#: low-resolution passport, a two-line-label cüzdan (``samplegen.idcorpus.plan``)
HELDOUT_IDS = (0, 9, 18, 7)
HELDOUT_IDS_ALL = 24
HELDOUT_CONTRACTS, HELDOUT_CONTRACTS_ALL = 2, 6  # prose_b and article_b wordings


def make_heldout_documents(folder: Path, *, every: bool = False) -> list[Path]:
    """Write held-out identity documents and contracts with their truth files (a few by
    default; ``every``: the ID corpus's 24 and six contracts, one of them scanned)."""
    from samplegen import idcorpus
    from samplegen.contracts.build import render_sample, scanned_pdf
    from samplegen.contracts.corpus import corpus_spec
    from samplegen.contracts.truth import truth_bytes

    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    wanted = range(HELDOUT_IDS_ALL) if every else HELDOUT_IDS
    for i, (name, kind, style, layout, rng) in enumerate(
        idcorpus.plan("heldout", HELDOUT_IDS_ALL, seed=15)
    ):
        if i not in wanted:
            continue
        data, truth = idcorpus.make(kind, style, layout, rng)
        path = folder / f"{name}.jpg"
        path.write_bytes(data)
        path.with_name(f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False))
        made.append(path)
    for index in range(HELDOUT_CONTRACTS_ALL if every else HELDOUT_CONTRACTS):
        spec, rng = corpus_spec("heldout", index, seed="leaks")
        pdf, truth = render_sample(spec, rng)
        if every and index == HELDOUT_CONTRACTS_ALL - 1:
            pdf = scanned_pdf(pdf, 250, "noise", rng)
        path = folder / f"heldout_{index:03d}_{spec.kind}_{spec.style}.pdf"
        path.write_bytes(pdf)
        path.with_name(path.stem + ".truth.json").write_bytes(truth_bytes(truth))
        made.append(path)
    return made
