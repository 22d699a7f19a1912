"""Training sets for the trained models from the real-coverage corpus: `dev` documents train, `test`
documents test, so `nofame train` reports on real text it never saw.

The texts stay in the cache: the sets are written to a folder of the user's choice (outside the
repository), with SOURCE.json recording the corpus manifest's and gold's sha256 so the trained model's
manifest can say exactly which corpus it came from.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nofame.evaluation.corpus import (
    Document,
    Gold,
    load_gold,
    load_manifest,
    read_jsonl,
    read_text,
    sha256_text,
    write_jsonl,
)
from nofame.evaluation.score import name_tokens
from nofame.evaluation.systems import sample_of

# Cuts of a text, as the batch gate and partial drafts see them: 2 to 30 paragraphs.
CUTS_PER_TEXT = 3
MIN_CUT, MAX_CUT = 2, 30
# Unrelated material around an article (a page's other stories, a live blog's other items).
PADDING_PARAGRAPHS = 3


@dataclass(frozen=True)
class Text:
    doc: Document
    gold: Gold
    headline: str
    paragraphs: tuple[str, ...]


def load_texts(corpus_dir: Path, cache: Path) -> list[Text]:
    golds = load_gold(corpus_dir / "gold.jsonl")
    texts = []
    for doc in load_manifest(corpus_dir / "manifest.jsonl"):
        if doc.language != "en":
            continue
        sample = sample_of(doc.id, read_text(cache, doc), golds[doc.id])
        paragraphs = tuple(p for p in sample.article.body.split("\n\n") if p.strip())
        texts.append(Text(doc, golds[doc.id], sample.article.headline, paragraphs))
    return texts


def relevance_rows(texts: Sequence[Text], seed: int) -> list[dict[str, Any]]:
    """Whole articles, cuts of 2-30 paragraphs, and articles padded with unrelated control paragraphs."""
    rng = random.Random(seed)
    fillers = [p for t in texts if t.doc.topic == "control" for p in t.paragraphs if len(p) > 80]
    rows = []
    for text in texts:
        label = "attack" if text.doc.topic == "attack" else "other"
        base = {"group": text.doc.id, "label": label}
        rows.append(
            {**base, "id": f"{text.doc.id}#whole", "headline": text.headline, "body": "\n\n".join(text.paragraphs)}
        )
        n = len(text.paragraphs)
        for i in range(CUTS_PER_TEXT if n > MIN_CUT else 0):
            length = rng.randint(MIN_CUT, min(MAX_CUT, n))
            start = rng.randint(0, n - length)
            body = "\n\n".join(text.paragraphs[start : start + length])
            rows.append({**base, "id": f"{text.doc.id}#cut{i + 1}", "body": body})
        own = set(text.paragraphs)
        pool = [p for p in fillers if p not in own]
        if len(pool) >= 2 * PADDING_PARAGRAPHS:
            before = rng.sample(pool, PADDING_PARAGRAPHS)
            after = rng.sample(pool, PADDING_PARAGRAPHS)
            body = "\n\n".join([*before, *text.paragraphs, *after])
            rows.append({**base, "id": f"{text.doc.id}#padded", "headline": text.headline, "body": body})
    return rows


def roles_rows(texts: Sequence[Text], casts: Iterable[dict[str, str]]) -> list[dict[str, Any]]:
    """Attack articles with every person the engine found: gold perpetrators as perpetrator, earlier
    attackers and wrong perpetrator guesses as other, everyone else with the role the rules gave them
    (silver labels: the gold names perpetrators only)."""
    rows = []
    for text, cast in zip(texts, casts, strict=True):
        if text.doc.topic != "attack":
            continue
        people = {}
        for name, role in cast.items():
            if _names_match(name, text.gold.perpetrators):
                people[name] = "perpetrator"
            elif role == "perpetrator" or _names_match(name, text.gold.prior_attackers):
                people[name] = "other"
            else:
                people[name] = role
        for name in text.gold.perpetrators:
            if not any(_names_match(found, (name,)) for found in cast):
                people[name] = "perpetrator"
        body = "\n\n".join(text.paragraphs)
        rows.append(
            {"id": text.doc.id, "group": text.doc.event, "headline": text.headline, "body": body, "people": people}
        )
    return rows


def _names_match(name: str, names: Iterable[str]) -> bool:
    tokens = name_tokens(name)
    return any(tokens & name_tokens(other) for other in names)


def write_sets(out: Path, name: str, train: list[dict[str, Any]], test: list[dict[str, Any]]) -> None:
    for split, rows in (("train", train), ("test", test)):
        write_jsonl(out / name / f"{split}.jsonl", rows)


def read_rows(path: Path) -> list[dict[str, Any]]:
    return [row for _, row in read_jsonl(path)]


def source_record(corpus_dir: Path) -> dict[str, Any]:
    return {
        "corpus_manifest_sha256": sha256_text((corpus_dir / "manifest.jsonl").read_text(encoding="utf-8")),
        "corpus_gold_sha256": sha256_text((corpus_dir / "gold.jsonl").read_text(encoding="utf-8")),
        "train": "corpus split dev (plus the synthetic training rows of models/data)",
        "test": "corpus split test",
    }
