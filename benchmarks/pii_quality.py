"""Precision and recall of personal-data detection, per entity type, docpipe against peers.

    python benchmarks/pii_quality.py [--set dev|heldout|samples|all] [--no-peers]
    python benchmarks/pii_quality.py --write-samples   # relabel into samples.unreviewed.txt

The labelled set lives in ``benchmarks/pii_testset/``: ``dev.txt`` (tuned against),
``heldout.txt`` (written at the same time as dev.txt, not looked at while tuning),
``heldout2.txt`` (written after tuning, in other genres; its misses were fixed after
its first score, so only that first score is a held-out figure), ``heldout3.txt``
(written last, scored once, nothing changed afterwards) and
``samples.txt`` (the text docpipe reads from ``samples/``, labelled from the truth
files and then reviewed by hand for what the truth files do not list, such as fax
numbers; tuned against). Markup: ``[[TYPE|value]]``.

Peers, run on the same texts in the same run:

- ``kvkk`` (PyPI, a Turkish PII masker): its kinds map one to one onto ours
  (tckn, vkn, iban, credit_card, phone, email, plate); it has no names,
  addresses, birth dates, MERSİS or document numbers, by design. ``ip`` findings
  count only in the "any type" row.
- Presidio's default English setup: ``AnalyzerEngine`` with the default recognizer
  registry. Its NER model (``en_core_web_lg``) is published on GitHub releases,
  not on PyPI, and nothing may be downloaded here, so it runs on a blank English
  spaCy pipeline: every pattern recognizer works, PERSON/LOCATION from NER do not.
  tldextract is pinned to its bundled suffix list so it makes no network call.
  EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD and IBAN_CODE map onto ours; DATE_TIME is
  any date, not a birth date, so it is left unmapped; every other type
  (US_*, URL, …) counts only in the "any type" row.

Matching: a labelled entity is found when predictions of its type cover at least
half of its characters; a prediction is correct when labelled entities of its type
cover at least half of its characters. The "any type" row ignores types.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTSET = Path(__file__).resolve().parent / "pii_testset"

TYPES = {
    "TCKN": "TR_NATIONAL_ID",
    "VKN": "TR_TAX_ID",
    "IBAN": "IBAN_CODE",
    "CARD": "CREDIT_CARD",
    "TEL": "PHONE_NUMBER",
    "MAIL": "EMAIL_ADDRESS",
    "PLATE": "TR_LICENSE_PLATE",
    "MERSIS": "TR_MERSIS",
    "DOCNO": "TR_ID_DOCUMENT_NUMBER",
    "ADDR": "TR_ADDRESS",
    "DOB": "DATE_OF_BIRTH",
    "NAME": "PERSON",
}
ENTITIES = tuple(TYPES.values())
PARTS = ("dev", "heldout", "heldout2", "heldout3", "samples")
OTHER = "OTHER"  # a peer's type with no counterpart in ours

_MARK = re.compile(r"\[\[([A-Z]+)\|(.+?)\]\]", re.S)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entity: str


@dataclass
class LabelledDoc:
    id: str
    text: str
    gold: list[Span]


def parse(path: Path) -> list[LabelledDoc]:
    """Documents of one test-set file, markup removed and labels turned into spans."""
    docs: list[LabelledDoc] = []
    current: tuple[str, list[str]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            if current:
                docs.append(_unmark(*current))
            current = (line[4:].strip(), [])
        elif current is not None:
            current[1].append(line)
    if current:
        docs.append(_unmark(*current))
    return docs


def _unmark(doc_id: str, lines: list[str]) -> LabelledDoc:
    marked = "\n".join(lines).strip("\n") + "\n"
    text: list[str] = []
    gold: list[Span] = []
    pos = last = 0
    for m in _MARK.finditer(marked):
        plain = marked[last : m.start()]
        text.append(plain)
        pos += len(plain)
        kind, value = m.group(1), m.group(2)
        if kind not in TYPES:
            raise ValueError(f"{doc_id}: unknown label {kind}")
        gold.append(Span(pos, pos + len(value), TYPES[kind]))
        text.append(value)
        pos += len(value)
        last = m.end()
    text.append(marked[last:])
    return LabelledDoc(doc_id, "".join(text), gold)


def load(part: str) -> list[LabelledDoc]:
    parts = PARTS if part == "all" else (part,)
    return [doc for p in parts for doc in parse(TESTSET / f"{p}.txt")]


# ---------------------------------------------------------------- predictors


def docpipe_predict(text: str) -> list[Span]:
    from docpipe.redact.analyzer import find_pii

    return [Span(r.start, r.end, r.entity_type) for r in find_pii(text)]


_KVKK = {
    "tckn": "TR_NATIONAL_ID",
    "vkn": "TR_TAX_ID",
    "iban": "IBAN_CODE",
    "credit_card": "CREDIT_CARD",
    "phone": "PHONE_NUMBER",
    "email": "EMAIL_ADDRESS",
    "plate": "TR_LICENSE_PLATE",
}


def kvkk_predict(text: str) -> list[Span]:
    import kvkk

    return [Span(m.start, m.end, _KVKK.get(m.kind, OTHER)) for m in kvkk.detect(text)]


_PRESIDIO = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE"}


def presidio_predictor() -> Callable[[str], list[Span]]:
    import spacy
    import tldextract.tldextract as tld
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    # the bundled public-suffix snapshot, never a download
    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class BlankEnglish(SpacyNlpEngine):
        def __init__(self) -> None:
            super().__init__(models=[{"lang_code": "en", "model_name": "blank:en"}])

        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    nlp = BlankEnglish()
    nlp.load()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    engine = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])

    def predict(text: str) -> list[Span]:
        results = engine.analyze(text=text, language="en")
        return [
            Span(r.start, r.end, r.entity_type if r.entity_type in _PRESIDIO else OTHER)
            for r in results
        ]

    return predict


# ------------------------------------------------------------------- scoring


@dataclass
class Counts:
    gold: int = 0
    found: int = 0  # labelled entities found
    predicted: int = 0
    correct: int = 0  # predictions that are right

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else float("nan")


@dataclass
class Score:
    per_type: dict[str, Counts] = field(default_factory=dict)
    any_type: Counts = field(default_factory=Counts)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (doc id, entity)
    false_hits: list[tuple[str, str]] = field(default_factory=list)

    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_type.values():
            total.gold += c.gold
            total.found += c.found
            total.predicted += c.predicted
            total.correct += c.correct
        return total


def _covered(span: Span, others: Iterable[Span]) -> float:
    chars = set()
    for o in others:
        chars.update(range(max(span.start, o.start), min(span.end, o.end)))
    return len(chars) / max(1, span.end - span.start)


def score(docs: list[LabelledDoc], predict: Callable[[str], list[Span]]) -> Score:
    result = Score({e: Counts() for e in ENTITIES})
    for doc in docs:
        predicted = predict(doc.text)
        for g in doc.gold:
            c = result.per_type[g.entity]
            c.gold += 1
            same = [p for p in predicted if p.entity == g.entity]
            if _covered(g, same) >= 0.5:
                c.found += 1
            else:
                result.misses.append((doc.id, g.entity))
            result.any_type.gold += 1
            result.any_type.found += _covered(g, predicted) >= 0.5
        for p in predicted:
            result.any_type.predicted += 1
            result.any_type.correct += _covered(p, doc.gold) >= 0.5
            if p.entity not in result.per_type:
                continue
            c = result.per_type[p.entity]
            c.predicted += 1
            if _covered(p, [g for g in doc.gold if g.entity == p.entity]) >= 0.5:
                c.correct += 1
            else:
                result.false_hits.append((doc.id, p.entity))
    return result


def _cell(value: float) -> str:
    return "   —" if value != value else f"{value:.2f}"


def table(scores: dict[str, Score]) -> str:
    names = list(scores)
    head = f"{'entity':24}{'n':>5}  " + "  ".join(f"{n:>11}" for n in names)
    lines = [head, f"{'':24}{'':>5}  " + "  ".join(f"{'P':>5} {'R':>5}" for _ in names)]
    first = scores[names[0]]
    rows = [(e, first.per_type[e].gold, [s.per_type[e] for s in scores.values()]) for e in ENTITIES]
    rows.append(("all (typed, micro)", first.micro().gold, [s.micro() for s in scores.values()]))
    rows.append(("any type", first.any_type.gold, [s.any_type for s in scores.values()]))
    for label, n, counts in rows:
        cells = "  ".join(f"{_cell(c.precision):>5} {_cell(c.recall):>5}" for c in counts)
        lines.append(f"{label:24}{n:>5}  {cells}")
    return "\n".join(lines)


# ------------------------------------------------------------- sample texts

_GOLD_FIELDS = {
    "tckn": "TCKN",
    "vkn": "VKN",
    "iban": "IBAN",
    "phone": "TEL",
    "email": "MAIL",
    "mersis": "MERSIS",
    "address": "ADDR",
    "document_number": "DOCNO",
    "birth_date": "DOB",
    "surname": "NAME",
    "given_names": "NAME",
    "mother_name": "NAME",
    "father_name": "NAME",
}
_MRZ = re.compile(r"^[A-Z0-9<«]{25,}$")


def _page_texts(path: Path) -> str:
    from docpipe.ingest import ingest
    from docpipe.read import read_text
    from docpipe.settings import load_settings
    from docpipe.text.layout import page_lines

    settings = load_settings()
    doc = read_text(ingest(path, settings), settings)
    lines = []
    for page in doc.pages:
        for line in page_lines(page):
            text = " ".join(w.text for w in line.words)
            if not _MRZ.match(text.replace(" ", "")):  # MRZ lines: see write_samples
                lines.append(text)
    return "\n".join(lines)


def _printed_date(iso: str, text: str) -> str | None:
    y, m, d = iso.split("-")
    for form in (f"{d}.{m}.{y}", f"{d}/{m}/{y}", f"{d} {m} {y}"):
        if form in text:
            return form
    return None


def write_samples() -> None:
    """Label the samples' text from their truth files (machine-made; then reviewed by hand).

    MRZ lines are left out: they hold the whole identity in one machine-readable
    line, which the extraction knows as a field and redacts whole.
    """
    out = [
        "# Sample texts as docpipe reads them, labelled from samples/*.truth.json by",
        "# `python benchmarks/pii_quality.py --write-samples`; review by hand before use.",
        "",
    ]
    for truth_path in sorted((ROOT / "samples").rglob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        source = next(p for p in truth_path.parent.glob(stem + ".*") if p != truth_path)
        fields = json.loads(truth_path.read_text(encoding="utf-8"))["fields"]
        text = _page_texts(source)
        values: list[tuple[str, str]] = []
        for key, value in fields.items():
            leaf = key.rsplit(".", 1)[-1]
            kind = _GOLD_FIELDS.get(leaf)
            if leaf == "name" and f"{key.rsplit('.', 1)[0]}.tckn" in fields:
                kind = "NAME"  # a party identified by a TCKN is a person
            if not kind or not isinstance(value, str):
                continue
            if kind == "DOB":
                value = _printed_date(value, text) or value
            values.append((kind, value))
        marked = text
        for kind, value in sorted(values, key=lambda kv: -len(kv[1])):
            pattern = r"\s+".join(re.escape(part) for part in value.split())
            marked = re.sub(
                rf"(?<![\w\[|])({pattern})(?![\w\]])",
                lambda m, k=kind: f"[[{k}|{m.group(1)}]]",
                marked,
            )
        out.append(f"### {truth_path.parent.name}/{stem}")
        out.append(marked)
        out.append("")
    # a fresh, unreviewed file: samples.txt holds the hand-reviewed labels
    (TESTSET / "samples.unreviewed.txt").write_text("\n".join(out), encoding="utf-8")


# ---------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="each", choices=["each", *PARTS, "all"])
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--write-samples", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list doc ids of misses (no values)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.write_samples:
        write_samples()
        return 0
    predictors: dict[str, Callable[[str], list[Span]]] = {"docpipe": docpipe_predict}
    if not args.no_peers:
        try:
            import kvkk  # noqa: F401

            predictors["kvkk"] = kvkk_predict
        except ImportError:
            print("kvkk is not installed (pip install -e '.[dev]'): its column is left out")
        predictors["presidio-en"] = presidio_predictor()
    parts = (*PARTS, "all") if args.set == "each" else (args.set,)
    for part in parts:
        docs = load(part)
        scores = {name: score(docs, predict) for name, predict in predictors.items()}
        print(f"\n== {part}: {len(docs)} documents, {sum(len(d.gold) for d in docs)} entities ==")
        print(table(scores))
        if args.misses:
            s = scores["docpipe"]
            print("docpipe misses:", sorted(s.misses))
            print("docpipe false hits:", sorted(s.false_hits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
