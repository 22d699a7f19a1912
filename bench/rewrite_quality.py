"""Rewrite quality: `nofame rewrite` in every profile over the 56 test articles and the real-coverage
corpus (`dev` split), counting what an editor would reject (nofame.rewrite.quality) and what a re-check
still finds fixable (a high or critical finding with a safe suggestion).

    .venv/bin/python bench/rewrite_quality.py [--split dev] [--limit N] [--no-corpus]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from nofame.article import Article
from nofame.checker import Checker, build_checker, check
from nofame.errors import NofameError
from nofame.evaluation.corpus import CorpusError, default_cache, default_corpus_dir, load_gold, load_manifest, read_text
from nofame.evaluation.systems import sample_of
from nofame.profiles import PROFILES
from nofame.report import severity_at_least
from nofame.rewrite import rewrite
from nofame.rewrite.quality import PROBLEM_KINDS, Problem, check_rewrite, expectation_for
from nofame.settings import Settings
from nofame.sources import article_from_markdown

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"


def test_articles() -> Iterator[tuple[str, Article]]:
    for path in sorted(ARTICLES.glob("*.md")):
        if path.name != "README.md":
            yield path.stem, article_from_markdown(path.read_text(encoding="utf-8").split("---", 2)[2])


def corpus_articles(split: str, limit: int | None) -> Iterator[tuple[str, Article]]:
    corpus = default_corpus_dir()
    golds = load_gold(corpus / "gold.jsonl")
    cache = default_cache()
    docs = [d for d in load_manifest(corpus / "manifest.jsonl") if d.split == split and d.language == "en"]
    for doc in docs[:limit]:
        try:
            text = read_text(cache, doc)
        except CorpusError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        yield doc.id, sample_of(doc.id, text, golds[doc.id]).article


def measure(checker: Checker, articles: list[tuple[str, Article]], profile: str) -> tuple[Counter, list[str]]:
    """Problem counts over the articles in one profile, and the examples behind them."""
    counts: Counter = Counter()
    examples: list[str] = []
    settings = Settings(profile=profile)
    for doc_id, article in articles:
        try:
            result = rewrite(checker, article, settings)
        except NofameError:
            continue
        counts["articles"] += 1
        report = result.report
        expectation = expectation_for(report)
        problems: list[Problem] = check_rewrite(checker.nlp, report.fields, result.fields, expectation)
        again = check(checker, Article(**_article_fields(result.fields)), settings)
        fixable = [
            f
            for f in again.findings
            if severity_at_least(f.severity, "high") and f.suggestions and f.suggestions[0].safety == "safe"
        ]
        problems += [Problem("fixable-after", f.field, f"{f.rule}: {f.text}") for f in fixable]
        for problem in problems:
            counts[problem.kind] += 1
            examples.append(f"{profile} {doc_id} {problem.kind} [{problem.field}] {problem.excerpt!r}")
    return counts, examples


def _article_fields(fields: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in fields.items() if k in ("headline", "dek", "body")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None, help="at most N corpus articles")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--examples", action="store_true", help="print every problem found")
    args = parser.parse_args()
    checker = build_checker()
    sets = {"test articles": list(test_articles())}
    if not args.no_corpus:
        sets[f"corpus {args.split}"] = list(corpus_articles(args.split, args.limit))
    kinds = (*PROBLEM_KINDS, "fixable-after")
    print(f"{'set':<18} {'profile':<17} {'articles':>8} " + " ".join(f"{k:>13}" for k in kinds) + f" {'total':>6}")
    for name, articles in sets.items():
        for profile in PROFILES:
            started = time.perf_counter()
            counts, examples = measure(checker, articles, profile)
            total = sum(counts[k] for k in kinds)
            cells = " ".join(f"{counts[k]:>13}" for k in kinds)
            print(f"{name:<18} {profile:<17} {counts['articles']:>8} {cells} {total:>6}", flush=True)
            if args.examples:
                for line in examples:
                    print("   ", line)
            print(f"    ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
