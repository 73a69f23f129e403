"""A Presidio NLP engine for Turkish that needs no model and no network.

Presidio's default engine loads a spaCy model (a download). Turkish
recognition here rests on patterns, checksums, context words and a name
gazetteer, so spaCy's built-in Turkish tokenizer (``spacy.blank("tr")``) is
all the engine needs. A small component sets each token's lemma to its
Turkish-lower-cased text so that Presidio's context enhancer can compare
context words ("Sayın", "T.C. Kimlik No") with the text around a match.
"""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from docpipe.text.turkish import lower_tr

LANGUAGE = "tr"


@Language.component("docpipe_lower_lemma")
def _lower_lemma(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = lower_tr(token.text)
    return doc


class TurkishBlankNlpEngine(SpacyNlpEngine):
    """spaCy's rule-based Turkish tokenizer with lower-cased lemmas; loads nothing."""

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:tr"}])

    def load(self) -> None:
        nlp = spacy.blank(LANGUAGE)
        nlp.add_pipe("docpipe_lower_lemma")
        self.nlp = {LANGUAGE: nlp}
