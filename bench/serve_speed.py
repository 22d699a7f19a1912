"""HTTP latency and throughput of `nofame serve` against the bare engine on the same ~1,000-word drafts.

Starts `nofame serve` (worker processes; waitress with --single-process) in a subprocess on a free
loopback port, then a load generator in this process (threads, one keep-alive http.client connection
each) posts the drafts to /api/v1/check at concurrency 1 and 4. The bare engine time is
`check(checker, article)` on the same articles, in this process, while the server is idle. Prints
p50/p95 latency, requests/s and the HTTP layer's overhead as ratios. Loopback only; bounded by
request count and time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

from nofame.checker import build_checker, check
from nofame.settings import Settings
from nofame.sources import article_from_json

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def start_server(port: int, threads: int, config: Path, single_process: bool = False) -> subprocess.Popen:
    env = {**os.environ}
    env.pop("NOFAME_API_KEYS", None)
    command = [sys.executable, "-m", "nofame.cli", "serve", "--host", HOST, "--port", str(port)]
    command += ["--single-process", "--threads", str(threads)] if single_process else []
    command += ["--config", str(config)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with code {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def load(
    port: int, bodies: list[bytes], concurrency: int, requests: int, max_seconds: float
) -> tuple[list[float], list[float], float]:
    """Send `requests` posts from `concurrency` threads.

    Returns (latencies, layer times, wall time) in seconds; a layer time is the client's latency minus
    the app's own time from the `Server-Timing` header: waitress, sockets and queueing for a thread.
    """
    latencies: list[float] = []
    layers: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds
    failures: list[str] = []

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        headers = {"Content-Type": "application/json"}
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            start = time.perf_counter()
            connection.request("POST", "/api/v1/check", body=bodies[i % len(bodies)], headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200:
                failures.append(str(response.status))
                break
            app_ms = float((response.getheader("Server-Timing") or "dur=0").split("dur=")[1])
            with lock:
                latencies.append(elapsed)
                layers.append(elapsed - app_ms / 1000)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"requests failed with status {failures[0]}")
    return latencies, layers, time.perf_counter() - started


def engine_pass(checker: object, articles: list) -> list[float]:
    times = []
    for article in articles:
        start = time.perf_counter()
        check(checker, article, Settings())
        times.append(time.perf_counter() - start)
    return times


def summary(latencies: list[float], wall: float) -> tuple[float, float, float]:
    return percentile(latencies, 0.5), percentile(latencies, 0.95), len(latencies) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=int, default=16, help="distinct ~1,000-word drafts")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best round of each side counts")
    parser.add_argument("--max-seconds", type=float, default=120, help="time bound per concurrency level and round")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads with --single-process")
    parser.add_argument("--single-process", action="store_true", help="serve with waitress in one process")
    args = parser.parse_args()

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "bench.toml"
        config.write_text('[server]\nrate_limit = "1000000 per minute"\nrate_limit_default = "1000000 per minute"\n')
        server = start_server(port, args.threads, config, args.single_process)  # loads while this one builds
        try:
            checker = build_checker()
            corpus = build_corpus(args.drafts, min_words=950, max_words=1050)
            payloads = [{"headline": a.headline, "body": a.body} for a in corpus]
            bodies = [json.dumps(p).encode() for p in payloads]
            articles = [article_from_json(p) for p in payloads]
            words = statistics.mean(len(a.body.split()) for a in articles)
            engine_pass(checker, articles[:3])  # warm up
            wait_ready(port, server)
            load(port, bodies, 2, 6, 60)  # warm up the server's threads

            # Alternate the sides round by round, so machine noise hits them alike; keep each side's best.
            results: dict[str, tuple[float, ...]] = {}
            for _ in range(args.rounds):
                times = engine_pass(checker, articles)
                rows = {"engine": (*summary(times, sum(times)), len(times), 0.0)}
                for concurrency in (1, 4):
                    count = len(bodies) * concurrency
                    latencies, layers, wall = load(port, bodies, concurrency, count, args.max_seconds)
                    rows[f"c{concurrency}"] = (*summary(latencies, wall), len(latencies), percentile(layers, 0.5))
                for name, row in rows.items():
                    if name not in results or row[2] > results[name][2]:
                        results[name] = row

            engine_p50, engine_p95, engine_rps, engine_n, _ = results["engine"]
            print(f"drafts: {len(articles)} distinct, {words:.0f} words on average")
            mode = (
                f"waitress, one process, {args.threads} threads"
                if args.single_process
                else "gunicorn, a worker per core"
            )
            print(f"server: nofame serve ({mode}) in a subprocess")
            print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, loopback {HOST}:{port}")
            print(f"best of {args.rounds} alternating rounds\n")
            header = (
                f"{'':24}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"
                f"{'p50 vs engine':>15}{'req/s vs engine':>17}{'HTTP layer p50 ms':>19}"
            )
            print(header)
            engine_row = f"{engine_n:>9}{engine_p50 * 1e3:>9.1f}{engine_p95 * 1e3:>9.1f}{engine_rps:>8.2f}"
            print(f"{'engine check() (bare)':24}{engine_row}")
            for concurrency in (1, 4):
                p50, p95, rps, n, layer = results[f"c{concurrency}"]
                print(
                    f"{f'HTTP, concurrency {concurrency}':24}{n:>9}{p50 * 1e3:>9.1f}{p95 * 1e3:>9.1f}"
                    f"{rps:>8.2f}{p50 / engine_p50:>14.2f}x{rps / engine_rps:>16.2f}x{layer * 1e3:>19.1f}"
                )
            c1, c4 = results["c1"], results["c4"]
            print(
                f"\nthroughput concurrency 4 / concurrency 1: {c4[2] / c1[2]:.2f}x (target >= 1.6 on 2 cores); "
                f"p95 at concurrency 4 / bare engine p95: {c4[1] / engine_p95:.2f}x (target <= 2.5)"
            )
            layer = results["c1"][4]
            print(
                f"\nHTTP overhead at concurrency 1: {layer * 1e3:.1f} ms per request, "
                f"{layer / engine_p50:.1%} of the bare engine's p50."
            )
            print("p50 vs engine: HTTP latency / bare check() latency (1.00x = no overhead).")
            print("req/s vs engine: HTTP throughput / one thread calling check() back to back.")
            print("HTTP layer: client latency minus the app's own time (Server-Timing): waitress, loopback,")
            print("and at concurrency 4 the wait for a free CPU.")
            print("With worker processes, concurrent requests run on every core; with --single-process they share")
            print("one GIL, and throughput stays near one engine's.")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
