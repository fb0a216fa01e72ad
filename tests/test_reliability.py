"""No input, file name or store can take the tool down or run code: a probe folder of
nasty inputs, a damaged and a tampered store, and runs killed with SIGKILL at random."""

from __future__ import annotations

import os
import random
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import metrics
from metrics import cli, pipeline, store

GOOD = [f"The port handled {1000 + i:,} containers in week {i}, up {i % 9 + 1} percent, "
        f"officials said on Monday." for i in range(12)]


def _probe(folder: Path) -> tuple[int, set[str]]:
    """Write the probe folder; return how many good documents it holds and the names
    (substrings of paths) every bad entry must be reported under."""
    folder.mkdir()
    (folder / "sub" / "deeper" / "still").mkdir(parents=True)
    for i, text in enumerate(GOOD[:8]):
        (folder / f"good{i}.txt").write_text(text, encoding="utf-8")
    good = 8
    bad: set[str] = set()

    def put(name: str, data: bytes, is_bad: bool = True) -> None:
        (folder / name).write_bytes(data)
        if is_bad:
            bad.add(name)

    # long runs of numbers: each bounded in time and memory, the rest still analysed
    for name, n in (("numbers40k.txt", 20_000), ("numbers80k.txt", 40_000),
                    ("numbers2mb.txt", 1_000_000)):
        put(name, b" ".join([b"1"] * n), is_bad=False)
        good += 1
    put("empty.txt", b"")
    put("blank.txt", b"   \n\n\t \n")
    put("binary.txt", bytes(range(256)) * 40)
    put("nuls.md", b"\x00" * 5000)
    put("image.html", b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    put("random.txt", random.Random(7).randbytes(4096))
    put("photo.pdf", b"%PDF-1.4 not supported")
    put("sheet.docx", b"PK\x03\x04 not supported")
    put("noext", b"a file without a suffix")
    put("header-only.csv", b"id,text,date\n")
    put("no-text-column.csv", b"id,body\n1,hello\n")
    # a quote never closed would run to the end of the file: an error, not one row
    # swallowing the next
    put("broken-quotes.csv", b'id,text\n1,"never closed\n2,fine\n')
    put("ragged.csv", b"id,text\n1,one,extra,fields\n", is_bad=True)
    put("broken.jsonl", b'{"text": "fine row"}\n{not json\n[1, 2]\n')
    good += 1  # the fine row
    put("empty.jsonl", b"\n\n")
    put("not-objects.jsonl", b'[1, 2]\n"just a string"\n')
    put("wrong-type.jsonl", b'{"text": 42}\n', is_bad=False)
    good += 1  # a number is text too
    put("huge-cell.csv", b"id,text\n1," + b"word " * 200_000 + b"\n", is_bad=False)
    good += 1
    put("bom-header.csv", b"\xef\xbb\xbfID,Text\n1,Output rose 2 percent.\n", is_bad=False)
    good += 1
    put("nested.html", b"<div>" * 3000 + b"Growth was 3 percent." + b"</div>" * 3000,
        is_bad=False)
    good += 1
    # encodings that decode, with or without a warning: good documents
    put("latin1.txt", "Caf\xe9 sales rose 5 percent.".encode("cp1252"), is_bad=False)
    put("utf16.txt", "\ufeffExports fell 3 percent.".encode("utf-16"), is_bad=False)
    put("controls.txt", b"Rates\x07 rose\x1b 2 percent\x0c today.", is_bad=False)
    put("surrogate-like.txt", "Prices rose 4% \U0001f600 today.".encode(), is_bad=False)
    good += 4
    put("formula.csv", b"id,title,text\nf1,=HYPERLINK(\"x\"),=1+1 rose 5 percent\n",
        is_bad=False)
    good += 1
    # file names a shell or a browser may choke on: good documents
    for name in ("with space.txt", "quote'\"name.txt", "-leading-dash.txt", "colon:name.txt",
                 "**markdown** [link](x).txt", "<b>tag<&>.txt", "x" * 200 + ".txt"):
        (folder / name).write_text(f"{GOOD[9]} Filed as {name!r}.", encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_text(GOOD[10], encoding="utf-8")
    (folder / "sub" / "deeper" / "still" / "deep.txt").write_text(GOOD[11], encoding="utf-8")
    good += 7 + 1 + 1
    # not regular files: reported, never read (a FIFO would block, /dev/zero never ends)
    os.mkfifo(folder / "pipe.txt")
    bad.add("pipe.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    bad |= {"loop-a.txt", "loop-b.txt"}
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    bad.add("dangling.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    bad.add("zero.txt")
    (folder / "folder-link").symlink_to(folder / "sub")
    bad.add("folder-link")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    sock.close()
    bad.add("socket.txt")
    (folder / ".hidden.txt").write_text("never read", encoding="utf-8")
    return good, bad


def test_the_probe_folder_analyses_every_good_document_and_names_every_bad_one(
        tmp_path: Path) -> None:
    probe, out = tmp_path / "probe", tmp_path / "out"
    good, bad = _probe(probe)
    entries = len(list(probe.iterdir())) + 1
    assert entries >= 50
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "metrics", "extract", str(probe), "--out",
                          str(out), "--no-store", "--quiet", "--workers", "2"],
                         capture_output=True, text=True, timeout=600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert run.returncode == cli.SOME_INPUTS_FAILED, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    docs = pd.read_csv(out / "documents.csv")
    errors = pd.read_csv(out / "errors.csv")
    assert len(docs) == good
    failed = errors[errors["severity"] == "error"]["path"].astype(str)
    for name in bad:
        assert failed.str.contains(name, regex=False).any(), name
    assert not failed.str.contains("good").any()
    warned = errors[errors["severity"] == "warning"]
    assert warned["reason"].str.contains("figures; kept the first").any()
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB"
    assert time.monotonic() - started < 300
    figures = pd.read_csv(out / "figures.csv")
    assert figures["sentence"].str.len().max() <= pipeline.EVIDENCE_CHARS + 2


def test_texts_are_never_paths_and_never_crash() -> None:
    corpus = metrics.analyze(["/", "\ud800 lone surrogate, up 5 percent", "tab\tand\x00nul"])
    assert len(corpus.documents) == 3  # "/" is a text, not a disk to walk
    assert "\ufffd lone surrogate" in corpus.texts[corpus.documents["doc_id"][1]]


def test_a_tampered_store_row_runs_no_code_and_is_analysed_again(tmp_path: Path) -> None:
    corpus_dir, db, marker = tmp_path / "c", tmp_path / "s.duckdb", tmp_path / "pwned"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(GOOD[0], encoding="utf-8")
    first = metrics.analyze(corpus_dir, store=db)
    import pickle

    class Evil:
        def __reduce__(self):  # what an attacker would store
            return (os.system, (f"touch {marker}",))

    with store.Store(db) as st:
        st.con.execute("UPDATE results SET payload = ?", [pickle.dumps(Evil()).hex()])
        st.con.execute("UPDATE results SET payload = '[1, 2'")  # and garbage
    shutil_rmtree(db.with_name("s.snapshots"))
    again = metrics.analyze(corpus_dir, store=db)
    assert not marker.exists()
    assert (again.stats.analysed, again.stats.reused) == (1, 0)  # the bad row, redone
    assert any("not valid; analysed again" in w for w in again.stats.warnings)
    pd.testing.assert_frame_equal(again.figures, first.figures)
    third = metrics.analyze(corpus_dir, store=db)
    assert third.stats.reused == 1  # rewritten, valid again


def test_a_damaged_store_file_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "c", tmp_path / "s.duckdb"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(GOOD[0], encoding="utf-8")
    metrics.analyze(corpus_dir, store=db)
    db.write_bytes(b"this is not a database" * 100)
    corpus = metrics.analyze(corpus_dir, store=db)
    assert len(corpus.documents) == 1 and corpus.stats.store == str(db)
    assert any("moved to s.duckdb.damaged-" in w for w in corpus.stats.warnings)
    assert list(tmp_path.glob("s.duckdb.damaged-*"))
    assert metrics.analyze(corpus_dir, store=db).stats.warnings == ()  # healthy again


def test_unwritable_out_is_said_before_the_analysis(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code = cli.main(["extract", str(tmp_path), "--out", str(blocker / "out"), "--no-store",
                     "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "cannot write to --out" in err and "Traceback" not in err


def shutil_rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


# --- kill -9 --------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(c) for c in task.read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
def test_killed_runs_lose_at_most_a_batch_and_leave_no_worker(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    texts = [f"{GOOD[i % len(GOOD)]} Report {i}: exports rose {i % 13} percent to "
             f"{i * 17:,} tonnes." for i in range(700)]
    pd.DataFrame({"id": [f"r{i}" for i in range(700)], "text": texts}).to_csv(
        corpus_dir / "news.csv", index=False)
    clean = tmp_path / "clean"
    assert cli.main(["extract", str(corpus_dir), "--out", str(clean), "--no-store",
                     "--quiet"]) == 0
    expected = {p.name: p.read_bytes() for p in clean.iterdir()}
    db, rng, kills = tmp_path / "s.duckdb", random.Random(11), 0
    env = {**os.environ, "THEMEWATCH_STORE_WAIT": "30"}

    def start(out: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "metrics", "extract", str(corpus_dir),
                                 "--out", str(out), "--store", str(db), "--workers", "2",
                                 "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    # how long a whole run takes here, from an empty store and from a full one, so that the
    # kills land at random points inside a run on a fast machine and on a slow one alike
    lasts = {}
    for kind in ("empty", "full"):
        shutil_rmtree(db.with_name("s.snapshots"))
        if kind == "empty":
            db.unlink(missing_ok=True)
        started = time.monotonic()
        assert start(tmp_path / f"timed-{kind}").wait() == 0
        lasts[kind] = time.monotonic() - started
    for attempt in range(20):
        shutil_rmtree(db.with_name("s.snapshots"))  # no shortcut: reuse, analyse the rest
        if attempt % 4 == 0:  # now and then from an empty store
            db.unlink(missing_ok=True)
        proc = start(tmp_path / f"o{attempt}")
        time.sleep(rng.uniform(0.1, 0.9) * lasts["empty" if attempt % 4 == 0 else "full"])
        workers = _children(proc.pid)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "orphaned workers outlived the kill"
        out = tmp_path / f"after{attempt}"
        assert cli.main(["extract", str(corpus_dir), "--out", str(out), "--store", str(db),
                         "--quiet"]) == 0
        got = {p.name: p.read_bytes() for p in out.iterdir()}
        assert got == expected, f"attempt {attempt}: output differs after a kill"
    assert kills >= 8  # many attempts really were killed mid-run (others finished first)
    shutil_rmtree(db.with_name("s.snapshots"))
    final = metrics.analyze(corpus_dir, store=db)
    assert (final.stats.analysed, final.stats.reused) == (0, 700)  # every result was kept
