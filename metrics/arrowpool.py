"""pyarrow's system allocator while themewatch builds its tables.

pandas 3 keeps text columns in Arrow, so turning the rows of 1,000 documents into
DataFrames copies some 60,000 strings into pyarrow buffers. pyarrow's default pool
(mimalloc in its wheels) is slow to grow in a fresh process: those copies took 0.16-0.60
CPU s (3-12 % of the whole analysis), against 0.03-0.05 s with the system allocator
(``benchmarks/profile_stages.py``, ``assemble tables``). A buffer remembers the pool it
came from, so switching back and forth is safe.

``system_allocator`` sets the system pool for the time of a ``with`` block and puts the
previous one back when the last of any nested or concurrent blocks ends (the dashboard
analyses in several threads), as ``gctune.fewer_collections`` does for the collector.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow as pa

_lock = threading.Lock()
_depth = 0
_saved: pa.MemoryPool | None = None


@contextmanager
def system_allocator() -> Iterator[None]:
    """New Arrow buffers come from the system allocator inside the block."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = pa.default_memory_pool()
            pa.set_memory_pool(pa.system_memory_pool())
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                pa.set_memory_pool(_saved)
                _saved = None
