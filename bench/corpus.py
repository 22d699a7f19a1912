"""A deterministic benchmark corpus built from the test articles: many lengths, attacks and controls."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from nofame.article import Article

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"


def read_fixture(path: Path) -> tuple[dict, str, list[str]]:
    """Front matter, headline and body paragraphs of one test article."""
    _, front, text = path.read_text(encoding="utf-8").split("---", 2)
    lines = text.strip().split("\n", 1)
    headline = lines[0].lstrip("# ").strip()
    paragraphs = [p.strip() for p in (lines[1] if len(lines) > 1 else "").split("\n\n") if p.strip()]
    return yaml.safe_load(front), headline, paragraphs


def build_corpus(count: int = 240, seed: int = 7, min_words: int = 200, max_words: int = 2000) -> list[Article]:
    """Articles of 200-2,000 words: each starts from a fixture and borrows paragraphs of its own kind."""
    rng = random.Random(seed)
    fixtures = [read_fixture(p) for p in sorted(ARTICLES.glob("*.md")) if p.name != "README.md"]
    pools: dict[str, list[str]] = {}
    for meta, _, paragraphs in fixtures:
        pools.setdefault(meta["kind"], []).extend(paragraphs)
    corpus = []
    for i in range(count):
        meta, headline, paragraphs = fixtures[i % len(fixtures)]
        target = rng.randint(min_words, max_words)
        body = list(paragraphs)
        pool = pools[meta["kind"]]
        while sum(len(p.split()) for p in body) < target:
            body.append(rng.choice(pool))
        corpus.append(Article(headline=headline, body="\n\n".join(body)))
    return corpus
