"""Articles per second for `nofame check` against bare `nlp.pipe` of the same pipeline and texts.

Prints a ratio measured in this run (check speed / bare speed): the rule layer should cost little
next to the parse. Target: ratio >= 0.85. Also prints the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

from nofame.checker import PIPE_BATCH, build_checker, check_many

BATCH = 32


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=2, help="best of N rounds for each side")
    args = parser.parse_args()

    checker = build_checker()
    corpus = build_corpus(args.articles)
    chunks = [corpus[i : i + BATCH] for i in range(0, len(corpus), BATCH)]
    texts = [[text for article in chunk for text in article.fields().values()] for chunk in chunks]
    words = sum(len(a.body.split()) for a in corpus)
    check_many(checker, corpus[:8])  # warm up both paths

    bare_times, check_times = [], []
    for _ in range(args.rounds):  # alternate, so machine noise hits both sides alike
        start = time.perf_counter()
        for chunk_texts in texts:  # the same chunks check_many parses below
            for _doc in checker.nlp.pipe(chunk_texts, batch_size=PIPE_BATCH):
                pass
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for chunk in chunks:
            check_many(checker, chunk)
        check_times.append(time.perf_counter() - start)

    bare, checked = min(bare_times), min(check_times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(corpus)} articles, {words} body words, {words // len(corpus)} words/article on average")
    print(f"bare nlp.pipe : {len(corpus) / bare:8.1f} articles/s")
    print(f"nofame check  : {len(corpus) / checked:8.1f} articles/s")
    print(f"ratio check/bare: {bare / checked:.3f} (target >= 0.85)")
    print(f"peak memory: {peak_mb:.0f} MB (target < 500 MB)")


if __name__ == "__main__":
    main()
