"""Articles per second for `nofame check` against bare `nlp.pipe` of the shipped pipeline, on one and two processes.

In one run, on the same 240 articles (bench/corpus.py):

- bare: `nlp.pipe` of the shipped en_core_web_sm pipeline (every component, spaCy's attribute ruler, every
  sentence parsed), one process;
- check: `check_many` as the CLI runs it (table attribute ruler, all rules), one process;
- check x2: the same in two worker processes (spawned, each building its own checker, as `audit --jobs 2`
  does), splitting the batches between them.

Each side runs `--rounds` times, alternating, and the median is printed (the machine is shared: noise hits
both sides alike). Targets: check / bare >= 1.2 on one process; check x2 / bare >= 1.6; peak memory of
every checking process < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

from nofame.article import Article
from nofame.batch.worker import keep_pandas_out, limit_native_threads
from nofame.checker import PIPE_BATCH, Checker, build_checker, check_many
from nofame.nlp import load_pipeline

BATCH = 32  # articles per check_many call in one process
POOL_BATCH = 16  # articles per task in the pool, as `nofame audit --batch-size` sends them by default: 15
# tasks of uneven length share out between two workers better than 8 (one idle core at the end costs more)
WORKERS = 2


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts afresh at exec. (ru_maxrss does not: a
    spawned worker would report the RSS of the parent it was forked from, both pipelines loaded.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run: Callable[[], object], cpu: list[float]) -> float:
    """Wall-clock seconds of `run`; its CPU seconds (this process, all threads) are appended to `cpu`."""
    start, start_cpu = time.perf_counter(), time.process_time()
    run()
    cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start


# One checker per worker process, built by the pool initializer and kept for every batch.
_worker: dict[str, Checker] = {}


def _init_worker() -> None:
    limit_native_threads()  # as `nofame audit` workers do: two processes, one BLAS thread each
    keep_pandas_out()
    _worker["checker"] = build_checker()


def _check_batch(articles: list[Article]) -> float:
    """Check a batch; returns this worker's peak memory so far (MB)."""
    check_many(_worker["checker"], articles)
    return peak_mb()


def _warm(_: int) -> float:
    time.sleep(0.2)  # long enough for the other worker to take the other warm-up task
    return peak_mb()


def check_in_pool(pool: ProcessPoolExecutor, chunks: Sequence[list[Article]]) -> list[float]:
    return list(pool.map(_check_batch, chunks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=3, help="median of N rounds for each side")
    args = parser.parse_args()

    limit_native_threads()  # one BLAS thread here too: one process is one core's worth
    load_before = os.getloadavg()[0]
    corpus = build_corpus(args.articles)
    chunks = [corpus[i : i + BATCH] for i in range(0, len(corpus), BATCH)]
    pool_chunks = [corpus[i : i + POOL_BATCH] for i in range(0, len(corpus), POOL_BATCH)]
    texts = [[text for article in chunk for text in article.fields().values()] for chunk in chunks]
    words = sum(len(a.body.split()) for a in corpus)

    shipped = load_pipeline(fast=False)
    checker = build_checker()

    def bare() -> None:
        for chunk_texts in texts:
            for _doc in shipped.pipe(chunk_texts, batch_size=PIPE_BATCH):
                pass

    def checked() -> None:
        for chunk in chunks:
            check_many(checker, chunk)

    check_many(checker, corpus[:8])  # warm up both paths (the table ruler's cache fills here)
    list(shipped.pipe(texts[0][:8]))
    bare_times, check_times, pool_times = [], [], []
    bare_cpu: list[float] = []
    check_cpu: list[float] = []
    worker_peaks: list[float] = []
    with ProcessPoolExecutor(WORKERS, mp_context=get_context("spawn"), initializer=_init_worker) as pool:
        list(pool.map(_warm, range(WORKERS)))
        check_in_pool(pool, [corpus[:8]] * WORKERS)
        for _ in range(args.rounds):  # alternate, so machine noise hits every side alike
            bare_times.append(timed(bare, bare_cpu))
            check_times.append(timed(checked, check_cpu))
            start = time.perf_counter()
            worker_peaks.extend(check_in_pool(pool, pool_chunks))
            pool_times.append(time.perf_counter() - start)

    load = os.getloadavg()[0]
    n = len(corpus)
    bare_rate, check_rate, pool_rate = (n / statistics.median(t) for t in (bare_times, check_times, pool_times))
    print(f"corpus: {n} articles, {words} body words, {words // n} words/article on average; {args.rounds} rounds")
    print(f"load average: {load_before:.1f} before, {load:.1f} after (above 1-2: other jobs share the cores)")
    print(f"bare nlp.pipe (shipped pipeline, 1 process): {bare_rate:6.2f} articles/s")
    print(f"nofame check (1 process)                   : {check_rate:6.2f} articles/s")
    print(f"ratio check / bare                        : {check_rate / bare_rate:6.3f} (target >= 1.2)")
    bare_cpu_rate, check_cpu_rate = n / statistics.median(bare_cpu), n / statistics.median(check_cpu)
    print(
        f"per CPU second (less sensitive to other load): bare {bare_cpu_rate:.2f}, check {check_cpu_rate:.2f} "
        f"articles, ratio {check_cpu_rate / bare_cpu_rate:.3f}"
    )
    print(f"nofame check ({WORKERS} processes)                  : {pool_rate:6.2f} articles/s")
    print(f"ratio check x{WORKERS} / bare                      : {pool_rate / bare_rate:6.3f} (target >= 1.6)")
    print(f"peak memory: this process {peak_mb():.0f} MB (both pipelines); each worker <= {max(worker_peaks):.0f} MB")
    print("  (target < 500 MB per worker)")


if __name__ == "__main__":
    main()
