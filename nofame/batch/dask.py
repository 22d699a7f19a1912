"""The Dask engine: the same batches and the same worker function, on a Dask cluster.

`--scheduler tcp://host:8786` uses an existing cluster; without it a LocalCluster of worker
processes (one thread each: spaCy parsing holds the GIL) is started and closed again. A worker
plugin builds each worker process's Checker when the worker joins, so the model loads once per
process, not per task. The client reads the inputs and submits batches in a bounded window, so
partitions stream from the inputs and memory stays flat on the client; results come back in input
order, which makes the rows identical to the local engine's.

Every worker needs the same nofame version and model installed (the plugin checks the version).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from distributed import Client, Future, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from nofame import __version__
from nofame.batch.local import WORKER_DIED
from nofame.batch.records import Record, Result, error_result
from nofame.batch.window import Window
from nofame.batch.worker import Job, audit_batch, checker_for, limit_native_threads
from nofame.errors import NofameError


class CheckerPlugin(WorkerPlugin):
    """Builds the Checker in each worker process as it starts (and in workers that join later)."""

    name = "nofame-checker"

    def __init__(self, job: Job, version: str = __version__) -> None:
        self.job = job
        self.version = version

    def setup(self, worker: Any) -> None:
        if self.version != __version__:
            raise NofameError(f"worker has nofame {__version__}, the client {self.version}: install the same version")
        limit_native_threads()
        checker_for(self.job.settings)


def run_batch(job: Job, records: Sequence[Record]) -> list[Result]:
    """The task: the worker's cached Checker, the same function as the local engine."""
    return audit_batch(job, records)


@dataclass(eq=False)  # an engine holds a live client: equal only to itself
class DaskEngine:
    """Runs batches on a Dask cluster: the one at `scheduler`, or a LocalCluster of `workers` processes."""

    job: Job
    scheduler: str | None = None
    workers: int = 2
    window: int | None = None
    timeout: str = "30s"
    name: ClassVar[str] = "dask"
    _cluster: LocalCluster | None = field(default=None, init=False)
    _client: Client | None = field(default=None, init=False)
    _job: Any = field(default=None, init=False)  # the Job, scattered to the workers

    def __enter__(self) -> DaskEngine:
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=self.timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise NofameError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            self._cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                # Everything on loopback and no dashboard: the scheduler still opens its small HTTP
                # server (health, metrics), on 127.0.0.1 and a free port rather than 0.0.0.0:8787.
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                scheduler_kwargs={"dashboard": False},
                worker_dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        self._client.register_plugin(CheckerPlugin(self.job), name=CheckerPlugin.name)
        # Sent once to every worker, not with every task: a model gate can weigh megabytes.
        self._job = self._client.scatter(self.job, broadcast=True, hash=False)
        threads = sum(self._client.nthreads().values()) or self.workers
        self.workers = threads
        self.window = self.window or threads * 3
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def _submit(self, batch: Sequence[Record]) -> Future:
        assert self._client is not None
        return self._client.submit(run_batch, self._job, list(batch), pure=False)

    def map(self, batches: Iterable[Sequence[Record]]) -> Iterator[list[Result]]:
        window: Window[Sequence[Record], Future] = Window(batches, self._submit, self.window or 1)
        try:
            for batch, future in window:
                try:
                    yield future.result()
                except KilledWorker:
                    # Dask already retried the batch on other workers; find the record that kills them.
                    yield self._isolated(batch)
        finally:
            window.cancel()

    def _isolated(self, batch: Sequence[Record]) -> list[Result]:
        results = []
        for record in batch:
            try:
                results.extend(self._submit([record]).result())
            except KilledWorker:
                results.append(error_result(record, WORKER_DIED))
        return results
