"""The bounded, ordered submission loop shared by the local pool, Dask and the fetcher; and the worker
building its checker only when an article passes the gate."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from nofame.batch import worker
from nofame.batch.gate import lexicon_gate
from nofame.batch.records import Record
from nofame.batch.window import Window
from nofame.settings import Settings


def test_items_come_back_in_order_with_a_bounded_window() -> None:
    in_flight: list[int] = []
    submitted: list[int] = []

    def submit(item: int) -> Future[int]:
        submitted.append(item)
        future: Future[int] = Future()
        future.set_result(item * 2)
        return future

    window = Window(range(10), submit, 3)
    for item, future in window:
        in_flight.append(len(submitted) - item)  # submitted ahead of the one handed back
        assert future.result() == item * 2
    assert submitted == list(range(10)) and max(in_flight) == 3


def test_drain_and_cancel_take_what_is_in_flight() -> None:
    with ThreadPoolExecutor(1) as pool:
        window = Window(range(6), lambda i: pool.submit(lambda: i), 4)
        iterator = iter(window)
        first, _ = next(iterator)
        assert first == 0 and window.drain() == [1, 2, 3]
        assert [item for item, _ in iterator] == [4, 5]  # reading goes on after a drain
        window.cancel()


def test_no_checker_is_built_for_articles_the_gate_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(settings: Settings) -> None:
        raise AssertionError("the checker must not be built")

    monkeypatch.setattr(worker, "checker_for", refuse)
    job = worker.Job(Settings(), lexicon_gate(), findings=False)
    records = [
        Record("a", "x", "text", "The council approved the library budget after a short debate.", headline="Budget"),
        Record("b", "x", "text", "Der Gemeinderat hat heute den Haushalt für das kommende Jahr beschlossen."),
    ]
    rows = [r.row for r in worker.audit_batch(job, records)]
    assert [(r["skipped"], r["checked"]) for r in rows] == [("gate", False), ("language", False)]
    assert rows[0]["gate_score"] == 0.0 and rows[0]["language"] == "en"
