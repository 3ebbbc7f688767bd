"""Folding Vietnamese text for searches that ignore case and diacritics."""

from __future__ import annotations

import re
import unicodedata

# Đ/đ is a letter of its own, not D with a combining mark, so NFD leaves it alone.
_D_BAR = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """`Quận Đống Đa` → `quan dong da`: lower case, no diacritics, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_BAR))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", bare).strip().lower()


UNIT_PREFIXES = (
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "tinh",
    "quan",
    "huyen",
    "thi xa",
    "phuong",
    "xa",
    "thi tran",
    "dac khu",
)


def strip_unit_prefix(folded: str) -> str:
    """`quan ba dinh` → `ba dinh`, so a name typed without its type still matches."""
    for prefix in UNIT_PREFIXES:
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1 :]
    return folded
