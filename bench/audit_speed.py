"""Batch audit speed and the relevance gate's worth, on a realistic mixed archive (bench/archive.py):
by default 3,000 articles, 10% about attacks (the real-coverage corpus, from the local cache), 20%
hard non-attack articles sharing their words, 70% ordinary news.

Prints, all measured in one run:

- each gate's recall (attack articles it passes: all, and those of the corpus test split, which no
  threshold was tuned on), precision, the share it passes, and its cost per article;
- `nofame audit --jobs 1` with the default gate and with `--no-gate`, and the speed ratio between them
  (the checker is built before either run: start-up is reported apart, a long audit pays it once);
- with `--jobs2`, the same at `--jobs 2` and the scaling efficiency, plus the CPU the workers' start-up costs.

`--no-gate-sample 0.2` times `--no-gate` on a seeded 20% sample of the archive (its rate in articles/s
is what the ratio needs; checking everything takes ~10 minutes on a laptop core).
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

from archive import Doc, build_archive

from nofame.article import Article
from nofame.batch.audit import AuditOptions, run_audit
from nofame.batch.gate import DEFAULT_GATE, make_gate
from nofame.batch.local import InProcessEngine, ProcessPoolEngine
from nofame.batch.worker import Job
from nofame.checker import build_checker
from nofame.settings import Settings

BATCH = 16


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool workers are joined at the end)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def gate_quality(name: str, docs: list[Doc]) -> str:
    gate = make_gate(name)
    articles = [Article(headline=d.headline, body=d.body) for d in docs]
    start = time.perf_counter()
    verdicts = [bool(gate(a)) for a in articles]
    cost = (time.perf_counter() - start) / len(docs)
    attack = [v for d, v in zip(docs, verdicts, strict=True) if d.kind == "attack"]
    unseen = [v for d, v in zip(docs, verdicts, strict=True) if d.kind == "attack" and d.split == "test"]
    passed = sum(verdicts)
    wrong = {k: sum(1 for d, v in zip(docs, verdicts, strict=True) if v and d.kind == k) for k in ("hard", "ordinary")}
    return (
        f"gate {name:18}: recall {sum(attack)}/{len(attack)} ({100 * sum(attack) / len(attack):.1f}%), on the "
        f"corpus test split {sum(unseen)}/{len(unseen)}; precision {100 * sum(attack) / max(passed, 1):.1f}%; "
        f"passes {100 * passed / len(docs):.1f}% ({wrong['hard']} hard, {wrong['ordinary']} ordinary wrongly); "
        f"{1000 * cost:.2f} ms/article"
    )


def write_jsonl(docs: list[Doc], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc.record()) + "\n")
    return path


def audit_rate(source: Path, out: Path, jobs: int, gated: bool, checker) -> tuple[float, float, float, int]:
    """(articles/s, seconds, CPU seconds per article, rows checked) for one audit; start-up excluded."""
    gate = DEFAULT_GATE if gated else None
    job = Job(Settings(), make_gate(DEFAULT_GATE), check_all=not gated, findings=False)
    if jobs == 1:
        engine = InProcessEngine(job, checker)
    else:
        engine = ProcessPoolEngine(job, jobs)
        engine.warm_up()
    cpu = cpu_seconds()
    options = AuditOptions(
        inputs=(str(source),), output=out, gate=gate, jobs=jobs, overwrite=True, batch_size=BATCH,
        progress=False, log_every=None, command="bench/audit_speed.py",
    )  # fmt: skip
    summary = run_audit(options, engine=engine, checker=checker)
    cpu = cpu_seconds() - cpu
    return summary.rows / summary.seconds, summary.seconds, cpu / summary.rows, summary.checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--attack-share", type=float, default=0.10)
    parser.add_argument("--hard-share", type=float, default=0.20)
    parser.add_argument("--no-gate-sample", type=float, default=1.0, help="share of the archive timed with --no-gate")
    parser.add_argument("--jobs2", action="store_true", help="also measure --jobs 2 (slower)")
    args = parser.parse_args()

    docs = build_archive(args.articles, args.attack_share, args.hard_share)
    kinds = {k: sum(d.kind == k for d in docs) for k in ("attack", "hard", "ordinary")}
    words = sum(len(d.body.split()) for d in docs) // len(docs)
    share = 100 * kinds["attack"] / len(docs)
    print(f"archive: {len(docs)} articles, {words} body words on average; {kinds['attack']} about attacks "
          f"({share:.0f}%), {kinds['hard']} hard non-attack, {kinds['ordinary']} ordinary")  # fmt: skip
    for name in ("lexicon", DEFAULT_GATE):
        print(gate_quality(name, docs), flush=True)

    started = time.perf_counter()
    checker = build_checker()
    print(f"start-up (spaCy, rules, models) in this process: {time.perf_counter() - started:.1f} s", flush=True)
    sample = docs
    if args.no_gate_sample < 1.0:
        sample = random.Random(5).sample(docs, max(1, round(len(docs) * args.no_gate_sample)))
    jobs_list = (1, 2) if args.jobs2 else (1,)
    with tempfile.TemporaryDirectory() as tmp:
        full, part = write_jsonl(docs, Path(tmp) / "archive.jsonl"), write_jsonl(sample, Path(tmp) / "sample.jsonl")
        rates = {}
        for jobs in jobs_list:
            for gated in (True, False):
                source = full if gated else part
                rates[jobs, gated] = audit_rate(source, Path(tmp) / f"out-{jobs}-{gated}.parquet", jobs, gated, checker)
                rate, seconds, cpu, checked = rates[jobs, gated]
                label = "gate     " if gated else "--no-gate"
                rows = len(docs) if gated else len(sample)
                print(f"audit --jobs {jobs} {label}: {rate:7.1f} articles/s ({rows} articles in {seconds:.0f} s, "
                      f"{checked} checked, {1000 * cpu:.0f} ms CPU/article)", flush=True)  # fmt: skip
        if args.jobs2:
            before = cpu_seconds()
            engine = ProcessPoolEngine(Job(Settings(), make_gate(DEFAULT_GATE)), 2)
            warm = engine.warm_up()
            engine.close()
            print(f"worker start-up at --jobs 2: {warm:.1f} s, {cpu_seconds() - before:.1f} CPU s, once per worker")

    for jobs in jobs_list:
        print(f"gate speedup at --jobs {jobs}: {rates[jobs, True][0] / rates[jobs, False][0]:.2f}x (target >= 5x)")
    if args.jobs2:
        for gated in (True, False):
            wall = rates[2, gated][0] / (2 * rates[1, gated][0])
            print(f"scaling efficiency, 2 workers, {'gate' if gated else 'no gate'}: {wall:.2f}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"cores: {os.cpu_count()}, load average at the end: {load} (wall-clock figures need an idle machine)")


if __name__ == "__main__":
    main()
