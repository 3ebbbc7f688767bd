"""A bounded memo for the values a file repeats (cells, numbers, checks) during one import."""

from __future__ import annotations

MEMO_SIZE = 50_000


class Memo(dict):
    """A dict that forgets everything when full: bounded memory, most hits kept."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        super().__init__()
        self.size = size

    def remember(self, key, value):
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
