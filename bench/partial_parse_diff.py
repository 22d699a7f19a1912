"""Findings with partial parsing against full parsing, and the table attribute ruler against spaCy's.

    python bench/partial_parse_diff.py            # the 56 test articles and the corpus cache (dev split)
    python bench/partial_parse_diff.py --split test --show 20

Prints: tokens compared token by token between the shipped attribute_ruler and the table one (tag, POS,
morph, lemma, dependency, head), the share of sentences the partial parse tags and parses, and every
finding that one mode reports and the other does not (rule, field, offsets; never the article's text).
The corpus part is skipped when the cache is absent (docs/corpus.md says how to fetch it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from nofame.article import Article
from nofame.checker import PIPE_BATCH, Checker, build_checker, check_many
from nofame.errors import NofameError
from nofame.evaluation.corpus import default_cache, default_corpus_dir, load_gold, load_manifest, read_text
from nofame.evaluation.systems import sample_of
from nofame.nlp import load_pipeline, parse
from nofame.report import Report
from nofame.sources import article_from_markdown

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"
COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def test_articles() -> list[tuple[str, Article]]:
    paths = sorted(p for p in ARTICLES.glob("*.md") if p.name != "README.md")
    return [(p.stem, article_from_markdown(p.read_text(encoding="utf-8"))) for p in paths]


def corpus_articles(split: str) -> list[tuple[str, Article]]:
    cache, corpus = default_cache(), default_corpus_dir()
    gold = load_gold(corpus / "gold.jsonl")
    docs = [d for d in load_manifest(corpus / "manifest.jsonl") if d.split == split and d.id in gold]
    if not docs or not all((cache / f"{d.id}.txt").is_file() for d in docs):
        return []
    return [(d.id, sample_of(d.id, read_text(cache, d), gold[d.id]).article) for d in docs]


def ruler_differences(texts: Sequence[str]) -> tuple[int, int]:
    """(tokens, tokens that differ) between the shipped attribute ruler and the table one."""
    shipped, table = load_pipeline(fast=False), load_pipeline()
    tokens = differ = 0
    for a, b in zip(shipped.pipe(texts, batch_size=PIPE_BATCH), table.pipe(texts, batch_size=PIPE_BATCH), strict=True):
        tokens += len(a)
        differ += int((a.to_array(COMPARED) != b.to_array(COMPARED)).any(axis=1).sum())
    return tokens, differ


def parsed_share(checker: Checker, texts: Sequence[str]) -> float:
    """The share of sentences (by senter) that partial parsing tags and parses."""
    assert checker.parse_needs is not None
    parsed = total = 0
    for doc in parse(checker.nlp, texts, PIPE_BATCH, checker.parse_needs):
        for sent in doc.sents:
            total += 1
            parsed += bool(sent[0].tag)
    return parsed / max(total, 1)


def finding_keys(checker: Checker, articles: Sequence[Article]) -> list[set[tuple[str, str, int, int]]]:
    """Each article's findings; none for an article the checker refuses (another language, empty)."""
    reports: list[Report | None] = []
    for start in range(0, len(articles), PIPE_BATCH):
        batch = articles[start : start + PIPE_BATCH]
        try:
            reports.extend(check_many(checker, batch))
        except NofameError:
            reports.extend(_one_by_one(checker, batch))
    return [{(f.rule, f.field, f.start, f.end) for f in r.findings} if r else set() for r in reports]


def _one_by_one(checker: Checker, articles: Sequence[Article]) -> list[Report | None]:
    out: list[Report | None] = []
    for article in articles:
        try:
            out.extend(check_many(checker, [article]))
        except NofameError:
            out.append(None)
    return out


def compare(name: str, items: list[tuple[str, Article]], partial: Checker, show: int) -> None:
    full = replace(partial, parse_needs=None)
    articles = [a for _, a in items]
    texts = [t for a in articles for t in a.fields().values() if t.strip()]
    tokens, differ = ruler_differences(texts)
    print(f"{name}: {len(items)} articles; attribute ruler: {differ} of {tokens} tokens differ")
    print(f"{name}: partial parsing tags and parses {parsed_share(partial, texts):.0%} of sentences")
    with_full, with_partial = finding_keys(full, articles), finding_keys(partial, articles)
    lost = [(i, k) for (i, _), f, p in zip(items, with_full, with_partial, strict=True) for k in sorted(f - p)]
    gained = [(i, k) for (i, _), f, p in zip(items, with_full, with_partial, strict=True) for k in sorted(p - f)]
    same = sum(len(f & p) for f, p in zip(with_full, with_partial, strict=True))
    print(f"{name}: findings in both {same}, only with full parsing {len(lost)}, only with partial {len(gained)}")
    for label, rows in (("only full", lost), ("only partial", gained)):
        for doc_id, (rule, field, start, end) in rows[:show]:
            print(f"  {label}: {doc_id} {rule} {field} {start}-{end}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--show", type=int, default=10, help="differing findings to list per side")
    parser.add_argument("--skip-tests", action="store_true", help="only the corpus cache")
    args = parser.parse_args()
    checker = build_checker(partial_parse=True)
    if not args.skip_tests:
        compare("test articles", test_articles(), checker, args.show)
    items = corpus_articles(args.split)
    if not items:
        print("corpus cache absent: skipped", file=sys.stderr)
        return
    compare(f"corpus {args.split}", items, checker, args.show)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
