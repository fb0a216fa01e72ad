"""CLI: ``themewatch extract`` writes the six tables, reports analysed/reused, exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from metrics import cli, pipeline

TABLE_FILES = [f"{name}.csv" for name in pipeline.TABLES]


def _counts(out: str) -> tuple[int, int]:
    m = re.search(r"^analysed=(\d+) reused=(\d+)", out, re.MULTILINE)
    assert m, out
    return int(m.group(1)), int(m.group(2))


@pytest.fixture()
def corpus_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    return folder


def test_extract_writes_six_tables(corpus_dir: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["extract", str(corpus_dir), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES)
    docs = pd.read_csv(out / "documents.csv")
    assert len(docs) == 2
    assert list(docs.columns) == pipeline.COLUMNS["documents"]
    assert _counts(capsys.readouterr().out) == (2, 0)


def test_store_reuses_and_counts_new_documents(corpus_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args = ["extract", str(corpus_dir), "--out", str(tmp_path / "out"), "--quiet"]
    assert cli.main(args) == 0
    assert _counts(capsys.readouterr().out) == (2, 0)
    assert (corpus_dir / ".themewatch" / "store.duckdb").exists()
    for i in range(3):
        (corpus_dir / f"new{i}.txt").write_text(f"Sales rose {i + 2} percent in March.",
                                                encoding="utf-8")
    assert cli.main(args) == 0
    assert _counts(capsys.readouterr().out) == (3, 2)
    assert cli.main([*args, "--no-store"]) == 0
    assert _counts(capsys.readouterr().out) == (5, 0)


def test_explicit_store_path(corpus_dir: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "elsewhere" / "x.duckdb"
    args = ["extract", str(corpus_dir), "--out", str(tmp_path / "out"), "--quiet",
            "--store", str(db)]
    assert cli.main(args) == 0
    assert cli.main(args) == 0
    assert _counts(capsys.readouterr().out.split("wrote")[-2]) == (0, 2)
    assert db.exists() and not (corpus_dir / ".themewatch").exists()


def test_parquet_format(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    assert cli.main(["extract", str(corpus_dir), "--out", str(out), "--format", "parquet",
                     "--quiet", "--no-store"]) == 0
    assert sorted(p.name for p in out.iterdir()) == \
        sorted(f"{n}.parquet" for n in pipeline.TABLES)
    figures = pd.read_parquet(out / "figures.parquet")
    assert list(figures.columns) == pipeline.COLUMNS["figures"]
    assert len(figures) > 5
    assert figures["value"].dtype == float


def test_no_documents_exits_non_zero_with_message(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("", encoding="utf-8")
    code = cli.main(["extract", str(empty), "--out", str(tmp_path / "out"), "--quiet"])
    captured = capsys.readouterr()
    assert code != 0
    assert "no document could be analysed" in captured.err
    assert "blank.txt" in captured.out  # the reason is named in the summary


def test_console_entry_point(corpus_dir: Path, tmp_path: Path) -> None:
    """``python -m metrics extract`` as a user runs it, workers in a process pool."""
    proc = subprocess.run(
        [sys.executable, "-m", "metrics", "extract", str(corpus_dir), "--out",
         str(tmp_path / "out"), "--workers", "2", "--no-store"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert _counts(proc.stdout) == (2, 0)


def test_dask_engine_without_dask_says_how_to_install(corpus_dir: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from metrics import engines

    def missing(*args: object, **kwargs: object) -> None:
        raise ImportError("No module named 'dask'")

    monkeypatch.setattr(engines, "dask_runner", missing)
    code = cli.main(["extract", str(corpus_dir), "--out", str(tmp_path / "out"), "--quiet",
                     "--engine", "dask", "--no-store"])
    assert code == 2
    assert "themewatch[dask]" in capsys.readouterr().err


def test_workers_write_identical_files(corpus_dir: Path, tmp_path: Path) -> None:
    for i in range(8):
        (corpus_dir / f"more{i}.txt").write_text(
            f"Exports rose {i + 1}.5% to ${i + 2} billion. The railway was not very busy!",
            encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        assert cli.main(["extract", str(corpus_dir), "--out", str(out), "--quiet",
                         "--no-store", "--workers", workers]) == 0
        outs.append(out)
    for name in TABLE_FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
