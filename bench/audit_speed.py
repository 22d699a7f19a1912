"""Batch audit speed on a mixed corpus, all measured in one run:

- bare `nlp.pipe` over the same texts (one process): the parse alone, the floor of the cost;
- `nofame audit --jobs 1` and `--jobs 2`, each with and without the relevance gate.

Prints articles/s for each, the scaling efficiency of two workers (rate at --jobs 2 / twice the rate
at --jobs 1), the gate's speedup (rate with / without it), and the gate's recall on this corpus (how
many articles about attacks it wrongly skipped). Worker start-up (spawning processes, loading spaCy)
is timed separately: a long audit pays it once.

The corpus mixes, by default, 30% articles about attacks (the project's test articles, lengthened
with paragraphs of their own kind), 55% ordinary news (tests/data/batch/news) and 15% tricky
controls (storms, sport, film shoots: words like "deadliest" or "shooting" in ordinary senses).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import read_fixture

from nofame.article import Article
from nofame.batch.audit import AuditOptions, run_audit
from nofame.batch.gate import lexicon_gate
from nofame.batch.local import InProcessEngine, ProcessPoolEngine
from nofame.batch.worker import Job
from nofame.checker import build_checker
from nofame.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BATCH = 16


def fixtures(folder: Path) -> list[tuple[dict, str, list[str]]]:
    out = []
    for path in sorted(folder.glob("*.md")):
        if path.read_text(encoding="utf-8").startswith("---"):  # skip the datasheet README
            out.append(read_fixture(path))
    return out


def build_mixed_corpus(count: int, attack_share: float, tricky_share: float, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    test_articles = fixtures(ROOT / "tests" / "data" / "articles")
    groups = {
        "attack": [f for f in test_articles if f[0]["kind"] == "attack"],
        "tricky": [f for f in test_articles if f[0]["kind"] != "attack"],
        "news": fixtures(ROOT / "tests" / "data" / "batch" / "news"),
    }
    pools = {kind: [p for _, _, paragraphs in group for p in paragraphs] for kind, group in groups.items()}
    kinds = ["attack"] * round(count * attack_share) + ["tricky"] * round(count * tricky_share)
    kinds += ["news"] * (count - len(kinds))
    rng.shuffle(kinds)
    corpus = []
    for i, kind in enumerate(kinds):
        _, headline, paragraphs = groups[kind][i % len(groups[kind])]
        body = list(paragraphs)
        target = rng.randint(250, 1200)
        # Attack stories borrow paragraphs from other attack stories; other articles repeat their own,
        # so that a council report does not pick up a road crash and a match report on the way.
        pool = pools[kind] if kind == "attack" else paragraphs
        while sum(len(p.split()) for p in body) < target:
            body.append(rng.choice(pool))
        corpus.append({"id": f"doc-{i:05d}", "kind": kind, "headline": headline, "body": "\n\n".join(body)})
    return corpus


def bare_pipe(nlp, corpus: list[dict]) -> float:
    texts = [
        [t for a in corpus[i : i + BATCH] for t in (a["headline"], a["body"])] for i in range(0, len(corpus), BATCH)
    ]
    start = time.perf_counter()
    for chunk in texts:
        for _ in nlp.pipe(chunk):
            pass
    return len(corpus) / (time.perf_counter() - start)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool workers are joined at the end)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def startup_cpu(jobs: int) -> float:
    """CPU seconds that starting `jobs` workers costs (spawning, imports, loading spaCy), on its own."""
    before = cpu_seconds()
    engine = ProcessPoolEngine(Job(Settings(), lexicon_gate()), jobs)
    engine.warm_up()
    engine.close()
    return cpu_seconds() - before


def audit_rate(
    source: Path, out: Path, jobs: int, gated: bool, checker, startup_cost: float
) -> tuple[float, float, float]:
    """(articles/s in steady state, start-up seconds, CPU seconds per article) for one audit."""
    job = Job(Settings(), lexicon_gate(), check_all=not gated, findings=False)
    startup = 0.0
    cpu = cpu_seconds()
    if jobs == 1:
        engine = InProcessEngine(job, checker)
    else:
        engine = ProcessPoolEngine(job, jobs)
        startup = engine.warm_up()
    options = AuditOptions(
        inputs=(str(source),), output=out, gate="lexicon" if gated else None, jobs=jobs, overwrite=True,
        batch_size=BATCH, progress=False, log_every=None, command="bench/audit_speed.py",
    )  # fmt: skip
    summary = run_audit(options, engine=engine, checker=checker)
    cpu = cpu_seconds() - cpu - (startup_cost if jobs > 1 else 0.0)  # workers count once joined
    return summary.rows / summary.seconds, startup, cpu / summary.rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--attack-share", type=float, default=0.30)
    parser.add_argument("--tricky-share", type=float, default=0.15)
    args = parser.parse_args()

    corpus = build_mixed_corpus(args.articles, args.attack_share, args.tricky_share)
    words = sum(len(a["body"].split()) for a in corpus)
    shares = {k: sum(a["kind"] == k for a in corpus) for k in ("attack", "tricky", "news")}
    gate = lexicon_gate()
    start = time.perf_counter()
    verdicts = [gate(Article(headline=a["headline"], body=a["body"])) for a in corpus]
    gate_rate = len(corpus) / (time.perf_counter() - start)
    missed = sum(1 for a, v in zip(corpus, verdicts, strict=True) if a["kind"] == "attack" and not v)
    passed = {k: sum(1 for a, v in zip(corpus, verdicts, strict=True) if a["kind"] == k and v) for k in shares}

    checker = build_checker()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for a in corpus:
                handle.write(json.dumps({k: a[k] for k in ("id", "headline", "body")}) + "\n")
        bare_pipe(checker.nlp, corpus[:BATCH])  # warm up
        bare = bare_pipe(checker.nlp, corpus)
        rates = {}
        costs = {1: 0.0, 2: startup_cpu(2)}
        for jobs in (1, 2):
            for gated in (False, True):
                out = Path(tmp) / f"out-{jobs}-{gated}.parquet"
                rates[jobs, gated] = audit_rate(source, out, jobs, gated, checker, costs[jobs])

    print(f"corpus: {len(corpus)} articles, {words // len(corpus)} body words on average; {shares['attack']} "
          f"about attacks, {shares['news']} ordinary news, {shares['tricky']} tricky controls")  # fmt: skip
    print(f"gate: {gate_rate:,.0f} articles/s on its own; passed {passed['attack']}/{shares['attack']} attack, "
          f"{passed['tricky']}/{shares['tricky']} tricky, {passed['news']}/{shares['news']} ordinary")  # fmt: skip
    print(f"gate recall: wrongly skipped {missed} of {shares['attack']} articles about attacks "
          f"({100 * missed / max(shares['attack'], 1):.2f}%, target < 1%)")  # fmt: skip
    print(f"bare nlp.pipe (1 process)    : {bare:7.1f} articles/s")
    for jobs in (1, 2):
        for gated in (False, True):
            rate, startup, cpu = rates[jobs, gated]
            extra = f", + {startup:.1f} s worker start-up" if startup else ""
            label = "gate     " if gated else "--no-gate"
            print(f"audit --jobs {jobs} {label}   : {rate:7.1f} articles/s   ({1000 * cpu:5.0f} ms CPU/article{extra})")
    print(f"audit --jobs 1 --no-gate / bare nlp.pipe: {rates[1, False][0] / bare:.2f}")
    for gated in (False, True):
        wall = rates[2, gated][0] / (2 * rates[1, gated][0])
        cpu = rates[1, gated][2] / rates[2, gated][2]
        label = "with gate" if gated else "no gate  "
        print(f"scaling efficiency, 2 workers, {label}: {wall:.2f} wall clock, {cpu:.2f} from CPU per article")
    for jobs in (1, 2):
        print(f"gate speedup at --jobs {jobs}: {rates[jobs, True][0] / rates[jobs, False][0]:.2f}x")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"cores: {os.cpu_count()}, load average at the end: {load} (wall-clock scaling needs an idle machine)")


if __name__ == "__main__":
    main()
