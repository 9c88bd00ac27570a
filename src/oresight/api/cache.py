"""Results of expensive routes, computed once per store version and query.

Concurrent identical requests wait for one computation (single flight); the computation runs in
the thread pool, so the event loop keeps answering other routes meanwhile. A request that waits
longer than the timeout gets a 503 with ``Retry-After`` while the computation goes on, so the
retry finds the result. Entries of an older store version are dropped when a newer one lands.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import partial
from typing import Generic, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from oresight.api.errors import ComputationTimeout

T = TypeVar("T")


class ResultCache(Generic[T]):
    """At most ``max_entries`` results, keyed by ``(store version, *query)``.

    At most ``threads`` computations run at once, in threads of their own: a flood of distinct
    queries then queues here (and times out as 503) instead of taking every thread of the pool
    that the other routes need.
    """

    def __init__(self, max_entries: int, threads: int = 2) -> None:
        self.max_entries = max(1, max_entries)
        self.threads = max(1, threads)
        self._limiter: CapacityLimiter | None = None
        self._done: OrderedDict[tuple[Hashable, ...], T] = OrderedDict()
        self._running: dict[tuple[Hashable, ...], asyncio.Future[T]] = {}
        self.computations = 0  # how many times a result was computed (tests read it)

    async def get(
        self, key: tuple[Hashable, ...], compute: Callable[[], T], *, timeout: float
    ) -> T:
        """The cached result for ``key``, else ``compute()`` run once in the thread pool."""
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        future = self._running.get(key)
        if future is None:
            self.computations += 1
            if self._limiter is None:  # made on first use, inside the server's event loop
                self._limiter = CapacityLimiter(self.threads)
            future = asyncio.ensure_future(anyio.to_thread.run_sync(compute, limiter=self._limiter))
            self._running[key] = future
            future.add_done_callback(partial(self._settle, key))
        return await wait_bounded(future, timeout)

    def _settle(self, key: tuple[Hashable, ...], future: asyncio.Future[T]) -> None:
        self._running.pop(key, None)
        if future.cancelled() or future.exception() is not None:
            return  # failures are not cached: the next request tries again
        version = key[0]
        for old in [k for k in self._done if k[0] != version]:
            del self._done[old]  # a newer store version landed
        self._done[key] = future.result()
        while len(self._done) > self.max_entries:
            self._done.popitem(last=False)


async def wait_bounded(future: asyncio.Future[T], timeout: float) -> T:
    """Await ``future`` for at most ``timeout`` seconds; past that, 503 (it keeps running)."""
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        raise ComputationTimeout(timeout) from None


async def run_bounded(compute: Callable[[], T], timeout: float) -> T:
    """Run ``compute`` in the thread pool, answering 503 if it takes longer than ``timeout``."""
    return await wait_bounded(asyncio.ensure_future(anyio.to_thread.run_sync(compute)), timeout)
