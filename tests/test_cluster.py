"""Dask engine: a LocalCluster of two worker processes gives the local engine's tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from metrics import cli, pipeline

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.cluster

EXTRA = [
    "Exports rose 3.5% to $1.2 billion in 2024, the ministry said. Growth was very strong.",
    "Police made over 70,000 arrests. The railway opened on 14 March with 1,200 workers.",
    "The team won 3-1 on Sunday! Fans were not unhappy with the result.",
]


def _sorted(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    keys = {"errors": ["path", "row"], "phrases": ["doc_id", "phrase"]}.get(
        name, [c for c in ("doc_id", "sentence_id", "start", "theme") if c in frame.columns])
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def test_dask_local_cluster_matches_local_engine(tmp_path: Path, seeds_dir: Path) -> None:
    from dask.distributed import Client, LocalCluster

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    for i, body in enumerate(EXTRA * 4):
        (corpus / f"extra{i:02d}.txt").write_text(f"{body} Item {i}.", encoding="utf-8")

    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    assert cli.main(["extract", str(corpus), "--out", str(local_out), "--format", "parquet",
                     "--workers", "1", "--no-store", "--quiet"]) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        assert cli.main(["extract", str(corpus), "--out", str(dask_out), "--engine", "dask",
                         "--scheduler", cluster.scheduler_address, "--no-store",
                         "--quiet"]) == 0
    for name in pipeline.TABLES:
        local = pd.read_parquet(local_out / f"{name}.parquet")
        remote = pd.read_parquet(dask_out / f"{name}.parquet")  # parquet is dask's default
        assert len(local) == len(remote), name
        pd.testing.assert_frame_equal(_sorted(local, name), _sorted(remote, name))
    assert len(pd.read_parquet(dask_out / "documents.parquet")) == 2 + len(EXTRA) * 4


def test_engine_starts_its_own_local_cluster(seeds_dir: Path) -> None:
    """Through the front door: engine="dask"-style runners give the local engine's tables."""
    import metrics
    from metrics import engines

    docs = metrics.load([*sorted(seeds_dir.glob("*.txt")), *EXTRA]).documents
    seen: list[int] = []
    remote = metrics.analyze(docs, engine=engines.dask_runner(partition_size=2), workers=2,
                             progress=lambda done, total: seen.append(done))
    local = metrics.analyze(docs)
    for name in pipeline.TABLES:
        pd.testing.assert_frame_equal(getattr(remote, name), getattr(local, name))
    assert seen[-1] == len(docs)
    assert (remote.stats.analysed, remote.stats.reused) == (len(docs), 0)


def test_dask_workers_get_the_tone_analyzer(seeds_dir: Path) -> None:
    """The analyzer chosen at the front door reaches the Dask workers."""
    import metrics
    from metrics import engines

    docs = metrics.load([*sorted(seeds_dir.glob("*.txt")), *EXTRA]).documents
    remote = metrics.analyze(docs, engine=engines.dask_runner(partition_size=2), workers=2,
                             sentiment="vader-finance")
    local = metrics.analyze(docs, sentiment="vader-finance")
    for name in pipeline.TABLES:
        pd.testing.assert_frame_equal(getattr(remote, name), getattr(local, name))
    assert set(remote.documents["analyzer"]) == {"vader-finance"}
