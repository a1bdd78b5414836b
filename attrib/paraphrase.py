"""Match a reported claim against a passage of the record: how many of its content words it carries, what disagrees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from attrib.align import (
    DIFF_OPS,
    HEDGE_WORDS,
    NEGATIONS,
    STOP_WORDS,
    count_hedges,
    count_negations,
    is_number,
    original_text,
    snap_to_words,
    word_tokens,
)
from attrib.models import DiffOp, Span
from attrib.normalise import tokens

# The classes a reported claim can conflict on (``Paraphrase.conflicts``).
CONFLICTS: tuple[str, ...] = ("number-changed", "hedge-changed", "negation-flipped")


@dataclass(frozen=True)
class Paraphrase:
    """How well a passage carries a reported claim (a weaker match than an alignment).

    ``score`` is the share (0–1) of the claim's distinct content words (stop words dropped, lightly stemmed,
    numbers included) found in the best-covering window of the passage; ``start``/``end`` is that window
    snapped to words, ``excerpt`` its text. ``conflicts`` lists, from ``CONFLICTS``, where the claim's numbers,
    hedges or negations disagree with the window's. ``matched``/``missing`` are the claim's content words
    (normalised) found and not found. ``diff`` is a word diff of the claim against the excerpt.
    """

    score: float
    start: int
    end: int
    excerpt: str
    conflicts: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    diff: list[DiffOp] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(start=self.start, end=self.end)


_BACKSHIFT = {"could": "can", "might": "may", "would": "will"}


def _stem(norm: str) -> str:
    if norm.endswith("'s"):
        norm = norm[:-2]
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            return norm[: -len(suffix)]
    return norm


def paraphrase_match(claim: str, passage: str) -> Paraphrase:
    """How well ``passage`` carries a reported claim's content words, and where numbers, hedges, negations disagree.

    A weaker match than ``align_quote``: word order and function words are ignored. The window is the stretch of
    the passage (at most about twice the claim's length) that carries the most of the claim's content words.
    """
    from difflib import SequenceMatcher

    ct = word_tokens(tokens(claim))
    pt = word_tokens(tokens(passage))
    cnorms = [_BACKSHIFT.get(t[0], t[0]) for t in ct]
    wanted = list(dict.fromkeys(_stem(n) for n in cnorms if n not in STOP_WORDS))
    if not wanted or not pt:
        return Paraphrase(score=0.0, start=0, end=0, excerpt="", missing=wanted)
    pnorms = [_BACKSHIFT.get(t[0], t[0]) for t in pt]
    pstems = [_stem(n) if n not in STOP_WORDS else None for n in pnorms]
    want = set(wanted)
    size = min(len(pt), max(2 * len(ct), 12))
    counts: Counter[str] = Counter()
    best, best_at = -1, 0
    for k, st in enumerate(pstems):
        if st in want:
            counts[st] += 1
        if k >= size:
            old = pstems[k - size]
            if old in want:
                counts[old] -= 1
                if not counts[old]:
                    del counts[old]
        if k >= size - 1 and len(counts) > best:
            best, best_at = len(counts), k - size + 1
    lo, hi = best_at, best_at + size
    inside = [k for k in range(lo, hi) if pstems[k] in want]
    if inside:
        lo, hi = inside[0], inside[-1] + 1
    covered = {pstems[k] for k in range(lo, hi)} & want
    # Reach back over a hedge or negation just before the first content word ("at least 10,000", "not").
    while lo > 0 and best_at - lo < 3 and (pnorms[lo - 1] in HEDGE_WORDS or pnorms[lo - 1] in NEGATIONS):
        lo -= 1
    matched = [w for w in wanted if w in covered]
    missing = [w for w in wanted if w not in covered]
    score = round(len(matched) / len(wanted), 3)

    # Compare what the claim hedges, negates and counts against the window, reaching back for "at least" / "not".
    ctx = pnorms[max(0, lo - 3): hi + 1]
    conflicts: list[str] = []
    cnums = {n for n in cnorms if is_number(n)}
    wnums = {n for n in ctx if is_number(n)}
    if cnums and wnums and cnums - wnums:
        conflicts.append("number-changed")
    if count_hedges(cnorms) != count_hedges(ctx) and (set(count_hedges(cnorms)) | set(count_hedges(ctx))):
        conflicts.append("hedge-changed")
    if count_negations(cnorms) % 2 != count_negations(ctx) % 2:
        conflicts.append("negation-flipped")
    start, end = snap_to_words(passage, min(t[1] for t in pt[lo:hi]), max(t[2] for t in pt[lo:hi]))
    diff = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, [t[0] for t in ct], [t[0] for t in pt[lo:hi]],
                                               autojunk=False).get_opcodes():
        diff.append(DiffOp(op=DIFF_OPS[tag], claim=original_text(claim, ct[i1:i2]),
                           source=original_text(passage, pt[lo:hi][j1:j2])))
    return Paraphrase(score=score, start=start, end=end, excerpt=passage[start:end], conflicts=conflicts,
                      matched=matched, missing=missing, diff=diff)


def paraphrase_window(claim: str, text: str, start: int, end: int) -> Paraphrase:
    """``paraphrase_match`` against ``text[start:end]``, with the result's offsets in ``text``'s coordinates."""
    start, end = max(0, start), min(len(text), end)
    start, end = snap_to_words(text, start, end)
    found = paraphrase_match(claim, text[start:end])
    if not found.excerpt:
        return found
    return Paraphrase(score=found.score, start=found.start + start, end=found.end + start, excerpt=found.excerpt,
                      conflicts=found.conflicts, matched=found.matched, missing=found.missing, diff=found.diff)
