"""Bounded submission in input order: the one loop behind the local pool, Dask and the polite fetcher.

Items are submitted as they are read, at most `size` in flight, and handed back oldest first with
their future: memory stays flat however long the input, the output order is the input order, and
the caller decides how to wait on each future and what a failure means.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")
F = TypeVar("F")


class Window(Generic[T, F]):
    def __init__(self, items: Iterable[T], submit: Callable[[T], F], size: int) -> None:
        self._feed = iter(items)
        self._submit = submit
        self.size = max(size, 1)
        self._pending: deque[tuple[T, F]] = deque()
        self._exhausted = False

    def __iter__(self) -> Iterator[tuple[T, F]]:
        """(item, future), oldest first, once the window is full or the input is over."""
        while True:
            while not self._exhausted and len(self._pending) < self.size:
                item = next(self._feed, _END)
                if item is _END:
                    self._exhausted = True
                else:
                    self._pending.append((item, self._submit(item)))
            if not self._pending:
                return
            yield self._pending.popleft()

    def drain(self) -> list[T]:
        """Every item still in flight, in order, taken out of the window (to resubmit after a crash)."""
        items = [item for item, _ in self._pending]
        self._pending.clear()
        return items

    def cancel(self) -> None:
        """Cancel what is still in flight (Ctrl-C, an error): its results would be thrown away."""
        for _, future in self._pending:
            cancel: Any = getattr(future, "cancel", None)
            if cancel is not None:
                cancel()
        self._pending.clear()


_END: Any = object()
