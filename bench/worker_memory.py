"""Throughput and peak memory per process of `nofame audit --jobs 2` and of `nofame serve` (two workers).

Both run as subprocesses on the bench corpus (bench/corpus.py, 240 articles of 200-2,000 words); this
script polls /proc for every process of the tree and keeps each one's peak resident memory (VmHWM).
`serve` is loaded by two client threads posting every article once. Prints articles/s and, per process,
its peak in MB; the target is < 500 MB for each worker. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus
from serve_speed import free_port, load, start_server, wait_ready

ROOT = Path(__file__).resolve().parents[1]


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class PeakWatcher:
    """Polls a process tree in a thread and keeps each process's peak resident memory (KB) and command."""

    def __init__(self, root: int, every: float = 0.25) -> None:
        self.root, self.every = root, every
        self.peaks: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            todo = [self.root]
            while todo:
                pid = todo.pop()
                todo += _children(pid)
                peak = _peak_kb(pid)
                if peak:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
                    if pid not in self.names:
                        self.names[pid] = _command(pid)
            self._stop.wait(self.every)


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "resource_tracker" in raw:
        return "multiprocessing resource tracker"
    if "spawn_main" in raw:
        return "worker (spawned)"
    return " ".join(raw.split()[1:6])


def report(title: str, rate: float, watcher: PeakWatcher) -> None:
    print(f"{title}: {rate:.2f} articles/s")
    heavy = {pid: kb for pid, kb in watcher.peaks.items() if kb > 100_000}  # the tracker and shells are small
    for pid, kb in sorted(heavy.items()):
        print(f"  pid {pid:>7}  peak {kb / 1024:6.0f} MB  {watcher.names.get(pid, '?')}")
    print(f"  sum of the peaks above: {sum(heavy.values()) / 1024:.0f} MB (an upper bound: forked workers share pages)")


def audit(articles: list, jobs: int, batch_size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "articles.jsonl", Path(tmp) / "out.jsonl"
        rows = [{"id": f"a{i}", "headline": a.headline, "body": a.body} for i, a in enumerate(articles)]
        source.write_text("".join(json.dumps(r) + "\n" for r in rows))
        command = [sys.executable, "-m", "nofame.cli", "audit", str(source), "-o", str(out)]
        command += ["--jobs", str(jobs), "--no-gate", "--overwrite", "--batch-size", str(batch_size)]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with PeakWatcher(process.pid) as watcher:
            process.wait()
        elapsed = time.perf_counter() - start
        if process.returncode not in (0, 1):
            raise SystemExit(f"nofame audit exited with code {process.returncode}")
    title = f"nofame audit --jobs {jobs} --batch-size {batch_size} (start-up included)"
    report(title, len(articles) / elapsed, watcher)


def serve(articles: list) -> None:
    port = free_port()
    bodies = [json.dumps({"headline": a.headline, "body": a.body}).encode() for a in articles]
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "bench.toml"
        config.write_text(
            '[server]\nrate_limit = "1000000 per minute"\nrate_limit_default = "1000000 per minute"\n'
            "max_request_bytes = 2000000\n"
        )
        server = start_server(port, 1, config)
        try:
            with PeakWatcher(server.pid) as watcher:
                wait_ready(port, server)
                load(port, bodies[:4], 2, 4, 120)  # warm up both workers
                latencies, _, wall = load(port, bodies, 2, len(bodies), 1800)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report("nofame serve, 2 workers, 2 clients", len(latencies) / wall, watcher)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16, help="articles per audit task (the CLI's default)")
    parser.add_argument("--only", choices=("audit", "serve"), help="run one of the two")
    args = parser.parse_args()
    articles = build_corpus(args.articles)
    if args.only != "serve":
        audit(articles, args.jobs, args.batch_size)
    if args.only != "audit":
        serve(articles)


if __name__ == "__main__":
    main()
