"""Running one piece of work in many threads at once, for the tests of shared state."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(n)`` for n in ``range(count)``, each in its own thread, all released together;
    the answers in order (an exception raised in a thread is raised here)."""
    barrier = threading.Barrier(count)
    answers: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            answers[n] = work(n)
        except BaseException as error:  # raised below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return answers


@contextmanager
def switching_often(interval: float = 1e-3) -> Iterator[None]:
    """Threads switch every ``interval`` seconds (not every 5 ms), so races show sooner."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
