"""pyarrow's system allocator while themewatch builds its tables.

pandas 3 keeps text columns in Arrow, so turning the rows of 1,000 documents into
DataFrames copies some 60,000 strings into pyarrow buffers. pyarrow's default pool
(mimalloc in its wheels) is slow to grow in a fresh process: those copies took 0.16-0.60
CPU s (3-12 % of the whole analysis), against 0.03-0.05 s with the system allocator
(``benchmarks/profile_stages.py``, ``assemble tables``). A buffer remembers the pool it
came from, so switching back and forth is safe.

``system_allocator`` sets the system pool for the time of a ``with`` block and puts the
previous one back when the last of any nested or concurrent blocks ends (``scoped``), as
``gctune.fewer_collections`` does for the collector.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import pyarrow as pa

from metrics.scoped import ScopedSetting

_POOL = ScopedSetting(pa.default_memory_pool, pa.set_memory_pool, lambda _: pa.system_memory_pool())


def system_allocator() -> AbstractContextManager[None]:
    """New Arrow buffers come from the system allocator inside the block."""
    return _POOL.scope()
