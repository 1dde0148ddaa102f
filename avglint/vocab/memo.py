"""Bounded memos of answers for texts that come back row after row."""

from __future__ import annotations

_MEMO_LIMIT = 20_000  # texts remembered per term list; enough for the repeated values of a large register


_MEMO_TEXT_LIMIT = 2_000  # longer texts are seldom repeated: not remembered, which bounds the memory


def _remember(memo: dict, key, value) -> None:
    if len(key if type(key) is str else key[0]) > _MEMO_TEXT_LIMIT:
        return
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value
