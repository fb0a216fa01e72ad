"""Cluster engine: run the per-document step on a Dask distributed cluster.

The corpus is cut into partitions of documents; each partition is one task that runs
``pipeline.analyze_each`` on its documents, the same pure function the local process
pool runs, so the tables are the same. Results come back in document order and the
corpus-level step (key-phrase ranking) runs once on the client.

Dask is an optional extra (``pip install 'themewatch[dask]'``) imported only here, only
when this engine is used. Workers of an existing cluster need themewatch installed in
their environment (same version as the client).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from functools import partial

from metrics.documents import Document
from metrics.pipeline import DocumentResult, Progress, Runner, analyze_each
from metrics.sentiment import DEFAULT
from metrics.themes import Taxonomy


def analyze_partition(docs: Sequence[Document], taxonomy: Taxonomy,
                      analyzer: str = DEFAULT) -> list[DocumentResult]:
    """One Dask task: the per-document step over a partition, in order."""
    return list(analyze_each(docs, taxonomy, analyzer))


def run_dask(
    docs: Sequence[Document],
    taxonomy: Taxonomy,
    *,
    scheduler: str | None = None,
    workers: int | None = 1,
    progress: Progress | None = None,
    partition_size: int | None = None,
    analyzer: str = DEFAULT,
) -> list[DocumentResult]:
    """``pipeline.run`` on Dask: on the cluster at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or on a LocalCluster of ``workers`` processes when None."""
    from dask.distributed import Client, LocalCluster, as_completed

    if not docs:
        return []
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers or os.cpu_count() or 1),
                               threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers or 1)
        size = partition_size or max(1, min(256, math.ceil(len(docs) / (n_workers * 4))))
        parts = [list(docs[i:i + size]) for i in range(0, len(docs), size)]
        shared_taxonomy = client.scatter(taxonomy, broadcast=True)
        # documents go to the workers as data, not inside the task graph
        scattered = client.scatter(parts)
        futures = [client.submit(analyze_partition, part, shared_taxonomy, analyzer,
                                 pure=False)
                   for part in scattered]
        sizes = {fut.key: len(part) for fut, part in zip(futures, parts, strict=True)}
        done = 0
        for fut in as_completed(futures):
            done += sizes[fut.key]
            if progress:
                progress(done, len(docs))
        return [r for chunk in client.gather(futures) for r in chunk]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_runner(scheduler: str | None = None, partition_size: int | None = None) -> Runner:
    """A runner with ``pipeline.run``'s signature: ``metrics.analyze(..., engine=this)``."""
    import dask.distributed  # noqa: F401 - fail early, with ImportError, when not installed

    return partial(run_dask, scheduler=scheduler, partition_size=partition_size)
