"""The local engine: batches of records checked by a pool of worker processes on this machine.

Each worker builds its Checker once, in the pool initializer, and keeps it. Batches are submitted in
a bounded window and yielded in input order (an ordered imap with backpressure): memory stays flat
however long the input, and the output order is the input order, as with the Dask engine.

Workers ignore SIGINT; the main process turns Ctrl-C into a clean stop. A worker that dies (the
out-of-memory killer, a crash in native code) breaks a multiprocessing pool: the batches that were
in flight are then retried one record at a time in a fresh pool, and a record that kills a worker
again becomes an error row instead of stopping the run.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import MappingProxyType

from nofame.batch.readers import estimate_total
from nofame.batch.records import Record, Result, error_result
from nofame.batch.window import Window
from nofame.batch.worker import Job, audit_batch, checker_for, keep_pandas_out, limit_native_threads
from nofame.checker import Checker
from nofame.errors import NofameError
from nofame.model.predict import Models, load_models

MAX_CONSECUTIVE_RESTARTS = 6
WORKER_DIED = "a worker process died while checking this article (out of memory, or a crash in native code)"


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


# Below this many records one process is faster: each extra worker spends seconds starting (spawning,
# loading spaCy and the models) and the run pays pickling on every batch; runs of a few hundred
# articles were up to 40% slower with every core than with one.
SMALL_RUN = 500
_BYTES_PER_WARC_RECORD = 30_000  # a compressed HTML response with its headers, roughly


def auto_jobs(inputs: Sequence[str], limit: int | None = None) -> int:
    """--jobs when not given: one process for a small run, every core for a large one."""
    total = estimate_total(inputs)
    if total is None:  # a WARC: no cheap count; judge by size
        total = sum(_size(Path(p)) for p in inputs) // _BYTES_PER_WARC_RECORD
    if limit is not None:
        total = min(total, limit)
    return 1 if total < SMALL_RUN else default_jobs()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


class InProcessEngine:
    """--jobs 1: no pool, no pickling; the checker lives in this process, built (or given) once and only
    when an article passes the gate: a run over articles not about attacks never loads spaCy."""

    name = "local"

    def __init__(self, job: Job, checker: Checker | None = None) -> None:
        self.job = job
        self.checker = checker
        self.workers = 1

    def __enter__(self) -> InProcessEngine:
        return self  # the checker is built by the first batch with an article the gate passes

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, batches: Iterable[Sequence[Record]]) -> Iterator[list[Result]]:
        for batch in batches:
            yield audit_batch(self.job, batch, self.checker)


# -- the worker side of the pool --

_JOB: Job | None = None
_INIT_ERROR: str | None = None


def _init_worker(pickled_job: bytes, pickled_models: bytes | None = None) -> None:
    """The job comes pickled, and is unpickled only after `keep_pandas_out`: its gate may hold a
    scikit-learn pipeline, and unpickling that imports scikit-learn (and with it pandas). The models come
    as the parent loaded them: loading them from their files again would import skops (40 MB a worker)."""
    global _JOB, _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    limit_native_threads()
    keep_pandas_out()
    job = _JOB = pickle.loads(pickled_job)  # pickled by the parent process, as is everything below
    try:
        models = Models(MappingProxyType(pickle.loads(pickled_models))) if pickled_models is not None else None
        checker_for(job.settings, models)
    except Exception as exc:  # reported by the first task, with its message, instead of a broken pool
        _INIT_ERROR = f"{type(exc).__name__}: {exc}"


def _ready() -> int:
    """A task that proves a worker is up (its initializer, which builds the checker, has run)."""
    if _INIT_ERROR is not None:
        raise NofameError(f"a worker could not build the checker: {_INIT_ERROR}")
    time.sleep(0.05)  # long enough for the other workers to take their share
    return os.getpid()


def _run_batch(records: Sequence[Record]) -> list[Result]:
    if _INIT_ERROR is not None:
        raise NofameError(f"a worker could not build the checker: {_INIT_ERROR}")
    assert _JOB is not None
    return audit_batch(_JOB, records)


def _pickled_models(job: Job) -> bytes | None:
    """The models the job's settings enable, loaded here once for every worker; None when they cannot be
    loaded (each worker then tries, and reports the error with the first batch)."""
    try:
        models = load_models(job.settings.models, job.settings.models_dir)
    except NofameError:
        return None
    return pickle.dumps(dict(models.bundles))


class ProcessPoolEngine:
    name = "local"

    def __init__(self, job: Job, workers: int, window: int | None = None, start_method: str = "spawn") -> None:
        self.job = job
        self.workers = workers
        # Enough batches in flight to keep every worker busy while results are written.
        self.window = window or workers * 3
        self._context = multiprocessing.get_context(start_method)
        self._pool: ProcessPoolExecutor | None = None
        self._models: bytes | None = _pickled_models(job)
        self.restarts = 0
        self._failures = 0  # restarts since the last batch that came back

    def __enter__(self) -> ProcessPoolEngine:
        if self._pool is None:  # already started by warm_up()
            self._pool = self._new_pool()
        return self

    def warm_up(self, timeout: float = 120.0) -> float:
        """Start every worker and build its checker now; returns the seconds it took (benchmarks)."""
        started = time.perf_counter()
        self.__enter__()
        assert self._pool is not None
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            futures = [self._pool.submit(_ready) for _ in range(self.workers * 2)]
            seen.update(f.result() for f in futures)
        return time.perf_counter() - started

    def __exit__(self, *exc: object) -> None:
        self.close(interrupted=exc[0] is not None)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            initializer=_init_worker,
            initargs=(pickle.dumps(self.job), self._models),
        )

    def close(self, interrupted: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if interrupted:
            # Do not wait for batches in flight: their rows would be thrown away anyway.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join(timeout=5)
        else:
            pool.shutdown(wait=True)

    def _submit(self, batch: Sequence[Record]) -> Future[list[Result]]:
        assert self._pool is not None
        return self._pool.submit(_run_batch, list(batch))

    def _restart(self) -> None:
        self.restarts += 1
        self._failures += 1
        if self._failures > MAX_CONSECUTIVE_RESTARTS:
            raise NofameError(f"worker processes died {self._failures} times in a row; is the machine out of memory?")
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def map(self, batches: Iterable[Sequence[Record]]) -> Iterator[list[Result]]:
        window: Window[Sequence[Record], Future[list[Result]]] = Window(batches, self._submit, self.window)
        for batch, future in window:
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [batch, *window.drain()]
                self._restart()
                for lost_batch in lost:
                    yield self._isolated(lost_batch)
                continue
            self._failures = 0
            yield results

    def _isolated(self, batch: Sequence[Record]) -> list[Result]:
        """One record at a time, so that only the record that kills a worker is lost."""
        results = []
        for record in batch:
            for attempt in range(2):
                try:
                    results.extend(self._submit([record]).result())
                    self._failures = 0
                    break
                except BrokenProcessPool:
                    self._restart()
                    if attempt == 1:
                        results.append(error_result(record, WORKER_DIED))
        return results
