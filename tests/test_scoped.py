"""ScopedSetting (metrics/scoped.py): a setting changed while any block is open."""

from __future__ import annotations

import threading

from metrics.scoped import ScopedSetting


def _setting(start: int) -> tuple[list[int], ScopedSetting[int]]:
    value = [start]
    return value, ScopedSetting(lambda: value[0], lambda v: value.__setitem__(0, v),
                                lambda old: old * 10)


def test_new_value_inside_old_value_after() -> None:
    value, setting = _setting(3)
    with setting.scope():
        assert value[0] == 30
    assert value[0] == 3


def test_nested_and_concurrent_blocks_write_back_once_the_last_ends() -> None:
    value, setting = _setting(2)
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with setting.scope():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other)
    with setting.scope():
        worker.start()
        assert inside.wait(5)
        with setting.scope():
            assert value[0] == 20  # not 200: the new value is derived once
    assert value[0] == 20  # the thread's block is still open
    release.set()
    worker.join(5)
    assert value[0] == 2


def test_an_error_inside_still_writes_back() -> None:
    value, setting = _setting(1)
    try:
        with setting.scope():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert value[0] == 1
