"""Retrieval words and their word 3-gram shingles: tokenising, stable hashing and winnowing, for the index."""

from __future__ import annotations

import hashlib
import re
from itertools import compress, islice
from operator import add, xor

WINNOW = 4  # every run of WINNOW + 2 identical words shares at least one stored shingle with the document

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_KEY = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")  # the same, once apostrophes inside words are gone
_TOKEN_MASK = (1 << 43) - 1  # token hashes of 43 bits make shingle hashes of 45


def _norm_word(word: str) -> str:
    word = word.replace("’", "").replace("'", "")
    if word[0].isdigit():
        return word.replace(",", "")
    return word


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep one each, so offsets hold
        lowered = "".join(ch.lower()[0] for ch in text)
    return lowered


def words(text: str) -> list[tuple[str, int, int]]:
    """Retrieval words of ``text``: lower-cased, apostrophes dropped, thousands separators removed, with offsets.

    Only for finding candidates; the aligner does the careful comparison on the original strings."""
    return [(_norm_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(_lower(text))]


def word_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Where the first ``limit`` (or all) of ``words(text)`` stand, without normalising them (letters and digits
    are letters and digits in either case, so the words are the same)."""
    found = _WORD.finditer(text)
    return [m.span() for m in (found if limit is None else islice(found, limit))]


# What ``_norm_word`` does word by word, done once over the whole text: apostrophes inside a word go, and
# separators inside a number. ``words`` keeps offsets for the few texts that need them; this is the bulk path.
_IN_WORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
_IN_NUMBER_COMMA = re.compile(r"(?<=\d),(?=\d)")


def word_keys(text: str) -> list[str]:
    """The same words as ``words`` without offsets (the fast path for building)."""
    lowered = _lower(text)
    if "'" in lowered or "’" in lowered:
        lowered = _IN_WORD_APOSTROPHE.sub("", lowered)
    if "," in lowered:
        lowered = _IN_NUMBER_COMMA.sub("", lowered)
    return _KEY.findall(lowered)


_MARKER = re.compile(r"…|\.\.\.|\[[^\]]*\]")  # elisions and bracketed insertions break a quote into runs


def assured_votes(quote: str) -> int:
    """Votes the quote's own words are sure to get where they stand in a document (faithful elisions allowed):
    winnowing keeps a shingle in every WINNOW consecutive ones, so a run of n words brings (n - 2) // WINNOW."""
    return sum(max(0, len(word_keys(run)) - 2) // WINNOW for run in _MARKER.split(quote))


class _TokenHashes(dict):
    """word -> a stable 43-bit hash (blake2b: Python's own ``hash`` is salted per process), computed once a word."""

    def __missing__(self, word: str) -> int:
        value = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little") & _TOKEN_MASK
        if len(self) < 2_000_000:
            self[word] = value
        return value


_token_hash = _TokenHashes()


def shingle_hashes(keys: list[str]) -> list[int]:
    """One stable 45-bit hash per word 3-gram (position i covers keys[i:i+3])."""
    if len(keys) < 3:
        return []
    # (2a + b) ^ c: order-aware (swapping any two words changes it), in three passes that all run in C.
    th = list(map(_token_hash.__getitem__, keys))
    return list(map(xor, map(add, map(add, th, th), th[1:]), th[2:]))


def winnow(hashes: list[int], w: int = WINNOW) -> list[int]:
    """Positions of the shingles winnowing keeps: each one the minimum of some window of ``w`` shingles.

    (A position whose hash equals some other window's minimum is kept too: a repeated phrase, and harmless.)"""
    n = len(hashes)
    if n <= w:
        return list(range(n))
    minima = set(map(min, *[hashes[i:] for i in range(w)]))  # min(hashes[j:j+w]) for every window j
    return list(compress(range(n), map(minima.__contains__, hashes)))
