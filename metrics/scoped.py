"""A process-wide setting changed for the time of ``with`` blocks, in every thread.

The first block to open reads the setting and writes the new value; the last to close
writes the old one back. Blocks nest and overlap across threads (the dashboard analyses in
several), so the setting holds while any of them is open. ``gctune`` (the collector's
threshold) and ``arrowpool`` (pyarrow's allocator) are two such settings.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class ScopedSetting(Generic[T]):
    """``read`` and ``write`` a setting; ``new(old)`` is its value inside the blocks."""

    def __init__(
        self, read: Callable[[], T], write: Callable[[T], None], new: Callable[[T], T]
    ) -> None:
        self._read, self._write, self._new = read, write, new
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: T | None = None

    @contextmanager
    def scope(self) -> Iterator[None]:
        """The new value inside the block (and the old one back after the last block)."""
        with self._lock:
            if self._depth == 0:
                self._saved = self._read()
                self._write(self._new(self._saved))
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._saved is not None:
                    self._write(self._saved)
                    self._saved = None
