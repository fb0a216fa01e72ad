"""Values made once per key, for one analysed corpus.

Per-corpus lookups (codes, masks, labels) are kept for the corpus's lifetime; bounded
values (filtered views, searches, derived tables and charts) live in a small LRU.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_VIEWS = 128  # filtered views, derived tables and charts kept per corpus (memory bound)


class Memo:
    """A thread-safe memo: ``make()`` runs once per key (twice at worst, in a race)."""

    def __init__(self, size: int = MAX_VIEWS) -> None:
        self.size = size
        self.kept: dict[Hashable, object] = {}
        self.recent: OrderedDict[Hashable, object] = OrderedDict()
        self.lock = threading.Lock()

    def remember(self, key: Hashable, make: Callable[[], object],
                 bounded: bool = False) -> object:
        """``make()`` once per ``key``; ``bounded`` values go to the LRU."""
        store = self.recent if bounded else self.kept
        with self.lock:
            if key in store:
                if bounded:
                    store.move_to_end(key)
                return store[key]
        value = make()
        with self.lock:
            store[key] = value
            while bounded and len(store) > self.size:
                store.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every value (a corpus replaced by a grown one: its lookups and views hold
        the old tables, which would otherwise live on beside the new ones)."""
        with self.lock:
            self.kept.clear()
            self.recent.clear()

    def latest(self, wanted: Callable[[Hashable], bool]) -> object | None:
        """The most recently used bounded value whose key is ``wanted``, or None."""
        with self.lock:
            for key, value in reversed(self.recent.items()):
                if wanted(key):
                    return value
        return None

    def once(self, flag: str) -> bool:
        """True the first time ``flag`` is asked about, False ever after."""
        with self.lock:
            if flag in self.kept:
                return False
            self.kept[flag] = True
            return True

    def derived(self, name: str, make: Callable[[], object], *inputs: object,
                extra: tuple = ()) -> object:
        """``make()`` once per (``name``, the identity of the ``inputs`` tables, ``extra``).

        Pages wrap their table and chart building in this. Views share unfiltered tables,
        so a filter that leaves a table alone (figure kinds leave documents alone) reuses
        every chart built from it. The inputs are held with the result, so an identity
        can never be recycled for another table while the result is kept.
        """
        key = ("derived", name, tuple(id(i) for i in inputs), extra)
        held, value = self.remember(key, lambda: (inputs, make()), bounded=True)
        if all(a is b for a, b in zip(held, inputs, strict=True)):
            return value
        return make()  # pragma: no cover - only after an id was reused, which holding prevents
