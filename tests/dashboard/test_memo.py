"""dashboard.memo: values made once per key; bounded ones in an LRU."""

from __future__ import annotations

from dashboard.memo import Memo


def test_remember_makes_once_and_bounds_the_lru() -> None:
    memo, calls = Memo(size=2), []

    def make(key):
        return lambda: calls.append(key) or key

    assert memo.remember("kept", make("kept")) == "kept"
    for key in ("a", "b", "a", "c"):
        memo.remember(key, make(key), bounded=True)
    assert memo.remember("kept", make("kept")) == "kept"
    assert calls == ["kept", "a", "b", "c"]
    assert list(memo.recent) == ["a", "c"]  # "b" was the least recently used
    assert memo.latest(lambda key: key in ("a", "b")) == "a"
    assert memo.once("flag") and not memo.once("flag")


def test_derived_values_follow_the_identity_of_their_inputs() -> None:
    memo, calls = Memo(), []
    first, second = [1], [1]  # equal, not the same table
    for table in (first, first, second):
        memo.derived("n", lambda t=table: calls.append(1) or len(t), table)
    assert len(calls) == 2
    assert memo.derived("n", lambda: 0, first, extra=("other",)) == 0
