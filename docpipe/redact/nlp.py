"""A Presidio NLP engine for Turkish that needs no model and no network.

Presidio's default engine loads a spaCy model (a download). Turkish
recognition here rests on patterns, checksums, context words and a name
gazetteer, so spaCy's built-in Turkish tokenizer (``spacy.blank("tr")``) is
all the engine needs. Each token's lemma is its Turkish-lower-cased text, so
that Presidio's context enhancer can compare context words ("Sayın",
"T.C. Kimlik No") with the text around a match.
"""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from docpipe.text.turkish import lower_tr

LANGUAGE = "tr"
_MAX_WORDS = 100_000  # word flags kept (``_flags``) before the table starts again


class TurkishBlankNlpEngine(SpacyNlpEngine):
    """spaCy's rule-based Turkish tokenizer with lower-cased lemmas; loads nothing."""

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:tr"}])
        self._flags: dict[str, tuple[bool, bool]] = {}

    def load(self) -> None:
        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Presidio's artifacts with each lemma the token's ``lower_tr`` text, made here
        in one pass (a pipeline component writing ``token.lemma_`` for Presidio to read
        back cost a string-store round trip per token)."""
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        indices: list[int] = []
        lemmas: list[str] = []
        lowered: dict[str, str] = {}  # a page repeats its words
        for token in doc:
            indices.append(token.idx)
            text = token.text
            lemma = lowered.get(text)
            if lemma is None:
                lemma = lowered[text] = lower_tr(text)
            lemmas.append(lemma)
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=indices,
            lemmas=lemmas,
            nlp_engine=self,
            language=language,
            scores=scores,
        )

    def is_stopword(self, word: str, language: str) -> bool:
        return self._word_flags(word, language)[0]

    def is_punct(self, word: str, language: str) -> bool:
        return self._word_flags(word, language)[1]

    def _word_flags(self, word: str, language: str) -> tuple[bool, bool]:
        """(stop word, punctuation) as spaCy's vocabulary says, kept per word: Presidio
        asks both of every lemma of every text, and a page repeats its words."""
        if language != LANGUAGE:
            return super().is_stopword(word, language), super().is_punct(word, language)
        flags = self._flags.get(word)
        if flags is None:
            if len(self._flags) >= _MAX_WORDS:
                self._flags.clear()
            lexeme = self.nlp[language].vocab[word]
            flags = self._flags[word] = (bool(lexeme.is_stop), bool(lexeme.is_punct))
        return flags
