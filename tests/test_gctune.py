"""gctune: the young generation is larger inside the block, and as before after it."""

from __future__ import annotations

import gc

from metrics import gctune


def test_threshold_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with gctune.fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], gctune.YOUNG)
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before


def test_disabled_automatic_collection_stays_disabled() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(0)
        with gctune.fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_an_error_inside_still_restores() -> None:
    before = gc.get_threshold()
    try:
        with gctune.fewer_collections():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
