"""A Presidio NLP engine for Turkish that needs no model and no network.

Presidio's default engine loads a spaCy model (a download). Turkish
recognition here rests on patterns, checksums, context words and a name
gazetteer, so spaCy's built-in Turkish tokenizer (``spacy.blank("tr")``) is
all the engine needs. Each token's lemma is its Turkish-lower-cased text, so
that Presidio's context enhancer can compare context words ("Sayın",
"T.C. Kimlik No") with the text around a match.

Presidio's context enhancer is the only reader of these artifacts (docpipe's
recognizers read the text), so ``process_text`` tokenizes only when it first
asks (``TurkishNlpArtifacts``): a text no recognizer finds anything in (most
field values checked on their own, ``redact.document_ids``) is never tokenized.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LENGTH
from spacy.tokens import Doc

from docpipe.text.turkish import lower_tr

LANGUAGE = "tr"
_MAX_WORDS = 100_000  # words kept in a per-word table (lemmas, keywords) before it restarts
#: lemmas Presidio never takes for keywords (``NlpArtifacts.set_keywords``)
_NOT_KEYWORDS = frozenset({"-PRON-", "be"})


class TurkishBlankNlpEngine(SpacyNlpEngine):
    """spaCy's rule-based Turkish tokenizer with lower-cased lemmas; loads nothing."""

    #: spaCy's stop-word and punctuation flag functions for Turkish (``load``)
    _stop_flag: Callable[[str], object]
    _punct_flag: Callable[[str], object]

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:tr"}])
        self._parts: dict[str, tuple[str, ...]] = {}
        self._lemmas: dict[str, str] = {}

    def load(self) -> None:
        """spaCy's blank Turkish pipeline, whose vocabulary works out no word attributes.

        spaCy gives every word it meets for the first time a lexeme with some twenty
        attributes (shape, prefix, suffix, ``like_num``, ``is_stop``, …), each from one of
        the vocabulary's ``lex_attr_getters``; a word it cannot keep (past 10,000 words)
        gets them anew each time. Nothing here reads them: the artifacts are offsets and
        lower-cased text, and the stop and punctuation flags are asked of those two
        functions directly (``is_stopword``, ``is_punct``). Tokens do not depend on them
        (affixes and exceptions are the tokenizer's own rules). Measured on the digital
        invoice benchmark: a third less time tokenizing a fresh worker's pages.
        """
        nlp = spacy.blank(LANGUAGE)
        getters = nlp.vocab.lex_attr_getters
        self._stop_flag = getters[IS_STOP]
        self._punct_flag = getters[IS_PUNCT]
        nlp.vocab.lex_attr_getters = {}
        self.nlp = {LANGUAGE: nlp}

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        if language != LANGUAGE:
            return super().process_text(text, language)
        return TurkishNlpArtifacts(self, text)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """The artifacts of a tokenized text (Presidio's batch path)."""
        if language != LANGUAGE:
            return super()._doc_to_nlp_artifact(doc, language)
        return TurkishNlpArtifacts(self, doc.text, doc)

    def artifacts(
        self, text: str, doc: Doc | None = None
    ) -> tuple[Doc, list[int], list[int], list[str]]:
        """The text's spaCy ``Doc``, each token's start and end offset, and its lemma
        (``lower_tr`` text), read in one pass over the tokens' offsets (no ``Token``
        object is made)."""
        if doc is None:
            doc = self.nlp[LANGUAGE](text)
        spans = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        indices = [start for start, _ in spans]
        ends = [start + length for start, length in spans]
        lowered = self._lemmas  # a page repeats its words, and the sender's invoices theirs
        if len(lowered) >= _MAX_WORDS:
            lowered.clear()
        lemmas: list[str] = []
        for start, end in zip(indices, ends, strict=True):
            word = text[start:end]
            lemma = lowered.get(word)
            if lemma is None:
                lemma = lowered[word] = lower_tr(word)
            lemmas.append(lemma)
        return doc, indices, ends, lemmas

    def keywords(self, lemmas: list[str]) -> list[str]:
        """``NlpArtifacts.set_keywords`` of ``lemmas`` (same words, same order), each
        lemma's answer kept: a page repeats its words, and the invoices of one sender
        theirs."""
        table = self._parts
        out: list[str] = []
        for lemma in lemmas:
            parts = table.get(lemma)
            if parts is None:
                if len(table) >= _MAX_WORDS:
                    table.clear()
                parts = table[lemma] = self._keyword_parts(lemma)
            out.extend(parts)
        return out

    def _keyword_parts(self, lemma: str) -> tuple[str, ...]:
        if (
            self.is_stopword(lemma, LANGUAGE)
            or self.is_punct(lemma, LANGUAGE)
            or lemma in _NOT_KEYWORDS
        ):
            return ()
        return tuple(lemma.lower().split(":"))

    def is_stopword(self, word: str, language: str) -> bool:
        if language != LANGUAGE:
            return super().is_stopword(word, language)
        return bool(self._stop_flag(word))

    def is_punct(self, word: str, language: str) -> bool:
        """The vocabulary's own flag functions (kept by ``load``), asked directly:
        ``vocab[word]`` would add every word asked about to the vocabulary for good (a
        worker's memory would grow with every document)."""
        if language != LANGUAGE:
            return super().is_punct(word, language)
        return bool(self._punct_flag(word))


class TurkishNlpArtifacts(NlpArtifacts):
    """Presidio's ``NlpArtifacts`` of one text, made when first read.

    Same values as Presidio's own (``SpacyNlpEngine._doc_to_nlp_artifact``, with each
    lemma the token's ``lower_tr`` text); also ``token_ends``, each token's end offset,
    for the context enhancer's lookups (``analyzer.IndexedContextEnhancer``).
    """

    _FIELDS = ("tokens", "tokens_indices", "token_ends", "lemmas", "keywords")

    def __init__(self, engine: TurkishBlankNlpEngine, text: str, doc: Doc | None = None) -> None:
        # NlpArtifacts.__init__ would build everything now; these are set on first read
        self.nlp_engine = engine
        self.language = LANGUAGE
        self.entities: list[Any] = []  # no NER model: no entities, no scores
        self.scores: list[float] = []
        self._text = text
        self._doc = doc

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet
        if name not in self._FIELDS or "_text" not in self.__dict__:
            raise AttributeError(name)
        engine: TurkishBlankNlpEngine = self.nlp_engine
        doc, indices, ends, lemmas = engine.artifacts(self._text, self._doc)
        self.tokens, self.tokens_indices, self.token_ends = doc, indices, ends
        self.lemmas, self.keywords = lemmas, engine.keywords(lemmas)
        return getattr(self, name)
