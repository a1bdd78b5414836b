"""Align a quote against a passage of the record: locate it, diff the words, classify how it differs."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from attrib.models import DiffOp, Span
from attrib.normalise import ELISION, INSERTION, Token, tokens

# The misquote classes, most important first; each is the suffix of a ``misquoted.<class>`` rule id.
CLASSES: tuple[str, ...] = (
    "number-changed",
    "hedge-changed",
    "negation-flipped",
    "word-order",
    "words-omitted",
    "words-added",
    "words-substituted",
    "paraphrase",
)


@dataclass(frozen=True)
class Alignment:
    """Where a quote sits in a passage and how its words differ.

    ``start``/``end`` are half-open offsets into the passage given (or, from ``best_window``, into the whole
    text), snapped to word boundaries; ``excerpt`` is exactly ``passage[start:end]``. ``score`` is 0–100 on
    normalised words (100 for verbatim and faithfully elided quotes). ``verbatim``: every quote word equals the
    passage's words, contiguous and in order, after normalising typography, case, spelling variety and number
    format. ``elided``: not verbatim, but every run of words between elisions occurs verbatim and in order and
    bracketed insertions only stand in for (or add to) words. ``diff`` is the word diff in each side's original
    spelling: an elision that skipped words is a ``replace`` of the marker (claim) by the skipped words
    (source); a bracketed insertion is ``replace`` (substituted words) or ``insert`` (nothing replaced).
    ``classes`` are the material differences as rule suffixes (see ``CLASSES``), most important first; empty
    when verbatim or elided.
    """

    score: float
    verbatim: bool
    elided: bool
    start: int
    end: int
    excerpt: str
    diff: list[DiffOp] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(start=self.start, end=self.end)

    @property
    def faithful(self) -> bool:
        """True when the quote is verbatim or faithfully elided (no material difference)."""
        return self.verbatim or self.elided

    @property
    def match(self) -> str:
        """The ``Evidence.match`` value: "verbatim", "elided" or "closest"."""
        return "verbatim" if self.verbatim else "elided" if self.elided else "closest"


# Words that hedge wherever they stand, and words that hedge only before a number ("about 500", not "talk about").
_HEDGES = frozenset({
    "approximately", "roughly", "nearly", "almost", "may", "might", "could", "likely", "possibly", "perhaps",
    "probably", "estimated", "potentially", "reportedly", "apparently", "allegedly", "presumably", "unlikely",
})
_NUMBER_HEDGES = frozenset({"about", "around", "some", "over", "under", "circa", "upwards"})
_HEDGE_PAIRS = {("at", "least"), ("up", "to"), ("more", "than"), ("less", "than"), ("fewer", "than"),
                ("as", "many"), ("as", "much"), ("close", "to"), ("or", "so"), ("at", "most")}
NEGATIONS = frozenset({"not", "no", "never", "none", "neither", "nor", "without", "nobody", "nothing", "nowhere",
                        "cannot", "nor"})
# Vague quantities count as numbers: "a couple thousand" → "several thousand" changes a number.
_QUANTITIES = frozenset({"couple", "several", "few", "dozen", "dozens", "hundreds", "thousands", "millions",
                         "billions", "many", "handful", "half", "quarter", "scores", "tens", "numerous"})
_UNITS = frozenset({"miles", "mile", "kilometers", "kilometer", "meters", "meter", "feet", "foot", "yards",
                    "pounds", "kilograms", "kg", "tons", "tonnes", "percent", "dollars", "euros", "acres",
                    "hectares", "hours", "days", "weeks", "months", "years", "a", "an"})
STOP_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about than then that this these
those there here it its it's is are was were be been being am do does did done have has had having will would
shall should can must i me my we us our you your he him his she her they them their who whom whose which what
when where why how so such very just also too only said says say saying told tell tells according stated added
noted explained described mr ms mrs dr very much more most out up down off again further once all any both each
other some own same s t don't we're we've we'll they're i'm i've he's she's that's there's let's would've
""".split())
HEDGE_WORDS = _HEDGES | _NUMBER_HEDGES | {w for pair in _HEDGE_PAIRS for w in pair}


def is_number(norm: str) -> bool:
    return norm[:1].isdigit() or norm in _QUANTITIES


def _is_marker(norm: str) -> bool:
    return norm[:1] in (ELISION, INSERTION)


def count_negations(norms: list[str]) -> int:
    return sum(1 for n in norms if n in NEGATIONS or n.endswith("n't"))


def count_hedges(norms: list[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    for k, n in enumerate(norms):
        nxt = norms[k + 1] if k + 1 < len(norms) else ""
        if (n, nxt) in _HEDGE_PAIRS:
            found[f"{n} {nxt}"] += 1
        elif n in _HEDGES:
            found[n] += 1
        elif n in _NUMBER_HEDGES and (is_number(nxt) or (nxt in ("a", "an") and k + 2 < len(norms)
                                                           and is_number(norms[k + 2]))):
            found[n] += 1
        elif n == "estimated" or (n == "an" and nxt == "estimated"):
            found["estimated"] += 1
    return found


def original_text(text: str, toks: list[Token]) -> str:
    """The original spelling of a run of tokens (punctuation between them included)."""
    if not toks:
        return ""
    return text[min(t[1] for t in toks): max(t[2] for t in toks)]


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words: never start or end inside a word (or a hyphenated compound)."""
    while start > 0 and (text[start - 1].isalnum() or (text[start - 1] in "-'\u2019" and start > 1
                                                         and text[start - 2].isalnum())):
        start -= 1
    n = len(text)
    while end < n and (text[end].isalnum() or (text[end] in "-'\u2019%" and end + 1 < n and text[end + 1].isalnum())):
        end += 1
    return start, end


def word_tokens(toks: list[Token]) -> list[Token]:
    return [t for t in toks if not _is_marker(t[0])]


# --------------------------------------------------------------------------------------------------------------
# Direct quotes

_ELISION_GAP = r"((?: \S+)*?)"
# DiffOp speaks of the quote: "insert" = words the quote added, "delete" = record words the quote left out.
# difflib diffs the quote (a) into the record (b), so its names run the other way.
DIFF_OPS = {"equal": "equal", "replace": "replace", "insert": "delete", "delete": "insert"}
_INSERTION_GAP = r"((?: \S+){0,4}?)"


def _faithful_match(qt: list[Token], pnorms: list[str]) -> list[tuple[str, list[int], int, int]] | None:
    """Match a quote with elisions/insertions exactly: [(kind, quote token indices, passage i, passage j)]."""
    if sum(1 for t in qt if t[0] == ELISION) > 4:
        return None  # lazy gaps nest: bound the backtracking
    parts: list[str] = []
    last = len(qt) - 1
    for k, t in enumerate(qt):
        n = t[0]
        if n == ELISION:
            # An elision at either end of the quote skips nothing the quote stands for.
            parts.append("()" if k in (0, last) else _ELISION_GAP)
        elif n[:1] == INSERTION:
            # A leading insertion stands for at most the word just before the quote's first word (usually a
            # pronoun); the search would otherwise start as early as it can and let it swallow four.
            parts.append(r"((?: \S+)?)" if k == 0 else _INSERTION_GAP)
        else:
            parts.append(" " + re.escape(n))
    pattern = re.compile("".join(parts) + "(?= )")
    pstr = " " + " ".join(pnorms) + " "
    m = pattern.search(pstr)
    if m is None:
        return None
    starts = []  # char offset of the space before each passage token
    pos = 0
    for n in pnorms:
        starts.append(pos)
        pos += len(n) + 1
    starts.append(pos)

    def index(char: int) -> int:
        return bisect_right(starts, char) - 1 if char < pos else len(pnorms)

    steps: list[tuple[str, list[int], int, int]] = []
    cursor = index(m.start())
    group = 0
    for k, t in enumerate(qt):
        if _is_marker(t[0]):
            group += 1
            g0, g1 = m.span(group)
            i, j = index(g0), index(g1)
            steps.append(("gap", [k], i, j))
            cursor = j
        else:
            if steps and steps[-1][0] == "equal":
                kind, ks, i, _ = steps.pop()
                steps.append(("equal", ks + [k], i, cursor + 1))
            else:
                steps.append(("equal", [k], cursor, cursor + 1))
            cursor += 1
    return steps


def align_quote(quote: str, passage: str) -> Alignment:
    """Align a direct quote against a passage: the best-matching stretch, the word diff and the misquote classes.

    Exact and faithfully elided quotes are found exactly (score 100); anything else is located with rapidfuzz on
    the normalised words, then diffed word by word and classified.
    """
    qt = tokens(quote)
    pt = word_tokens(tokens(passage))
    qwords = word_tokens(qt)
    if not qwords or not pt:
        return Alignment(score=0.0, verbatim=False, elided=False, start=0, end=0, excerpt="")
    pnorms = [t[0] for t in pt]
    qnorms = [t[0] for t in qwords]
    has_markers = len(qwords) != len(qt)

    if not has_markers:
        pstr = " " + " ".join(pnorms) + " "
        k = pstr.find(" " + " ".join(qnorms) + " ")
        if k >= 0:
            i = pstr.count(" ", 0, k + 1) - 1
            j = i + len(qnorms)
            start, end = snap_to_words(passage, min(t[1] for t in pt[i:j]), max(t[2] for t in pt[i:j]))
            return Alignment(score=100.0, verbatim=True, elided=False, start=start, end=end,
                             excerpt=passage[start:end],
                             diff=[DiffOp(op="equal", claim=original_text(quote, qwords),
                                          source=original_text(passage, pt[i:j]))])
    else:
        steps = _faithful_match(qt, pnorms)
        if steps is not None:
            return _faithful(quote, passage, qt, pt, steps)
    return _closest(quote, passage, qt, qwords, pt)


def _faithful(quote: str, passage: str, qt: list[Token], pt: list[Token],
              steps: list[tuple[str, list[int], int, int]]) -> Alignment:
    diff: list[DiffOp] = []
    for kind, ks, i, j in steps:
        claim = original_text(quote, [qt[k] for k in ks])
        source = original_text(passage, pt[i:j])
        if kind == "equal":
            diff.append(DiffOp(op="equal", claim=claim, source=source))
        elif i == j:
            if qt[ks[0]][0] != ELISION:
                diff.append(DiffOp(op="insert", claim=claim))
        elif qt[ks[0]][0][1:-1] == " ".join(t[0] for t in pt[i:j]):
            diff.append(DiffOp(op="equal", claim=claim, source=source))
        else:
            diff.append(DiffOp(op="replace", claim=claim, source=source))
    covered = [k for kind, _, i, j in steps for k in range(i, j)]
    lo, hi = min(covered), max(covered) + 1
    # A leading or trailing elision may skip nothing: the span is what the quote's words cover.
    while lo < hi and not any(kind == "equal" and i <= lo < j for kind, _, i, j in steps):
        lo += 1
    while hi > lo and not any(kind == "equal" and i < hi <= j for kind, _, i, j in steps):
        hi -= 1
    start, end = snap_to_words(passage, min(t[1] for t in pt[lo:hi]), max(t[2] for t in pt[lo:hi]))
    verbatim = all(kind == "equal" for kind, *_ in steps) and len(steps) == 1
    return Alignment(score=100.0, verbatim=verbatim, elided=not verbatim, start=start, end=end,
                     excerpt=passage[start:end], diff=diff)


def _closest(quote: str, passage: str, qt: list[Token], qwords: list[Token], pt: list[Token]) -> Alignment:
    from rapidfuzz import fuzz

    from attrib.paraphrase import paraphrase_match  # here, not at the top: attrib.paraphrase imports this module

    pnorms = [t[0] for t in pt]
    qnorms = [t[0] for t in qwords]
    qs, ps = " ".join(qnorms), " ".join(pnorms)
    n = len(pt)
    if len(qs) >= len(ps):
        a, b = i0, j0 = 0, n
    else:
        found = fuzz.partial_ratio_alignment(qs, ps)
        starts, pos = [], 0
        for w in pnorms:
            starts.append(pos)
            pos += len(w) + 1
        i0 = bisect_right(starts, found.dest_start) - 1
        j0 = bisect_right(starts, max(found.dest_end - 1, found.dest_start))
        elisions = sum(1 for t in qt if t[0] == ELISION)
        pad = max(3, len(qnorms) // 2) + (len(qnorms) * 3 if elisions else 0)
        a, b = max(0, i0 - pad), min(n, j0 + pad)
    if len(qt) == len(qwords):
        # The quote's exact words in another order: a stretch of the same length with the same multiset.
        want, size = Counter(qnorms), len(qnorms)
        for k in range(max(0, a - size), min(n, b + size) - size + 1):
            if Counter(pnorms[k:k + size]) == want:
                from difflib import SequenceMatcher

                stretch = pt[k:k + size]
                diff = [DiffOp(op=DIFF_OPS[tag], claim=original_text(quote, qwords[i1:i2]),
                               source=original_text(passage, stretch[j1:j2]))
                        for tag, i1, i2, j1, j2 in SequenceMatcher(None, qnorms, pnorms[k:k + size],
                                                                   autojunk=False).get_opcodes()]
                start, end = snap_to_words(passage, min(t[1] for t in stretch), max(t[2] for t in stretch))
                return Alignment(score=round(fuzz.ratio(qs, " ".join(pnorms[k:k + size])), 1), verbatim=False,
                                 elided=False, start=start, end=end, excerpt=passage[start:end], diff=diff,
                                 classes=["word-order"])
    opcodes = _opcodes(qt, pnorms[a:b])
    extent = [op[3] for op in opcodes if op[3] < op[4]] + [op[4] for op in opcodes if op[3] < op[4]]
    if extent and max(extent) - min(extent) > 1.5 * len(qnorms) + 3 and len(qt) == len(qwords) and b - a > 2:
        # A loose match spread over the padded window: read it against rapidfuzz's own stretch instead.
        a, b = max(0, i0 - 1), min(n, j0 + 1)
        opcodes = _opcodes(qt, pnorms[a:b])
    window = pt[a:b]
    wnorms = pnorms[a:b]
    if not opcodes or all(op[3] == op[4] for op in opcodes):
        return Alignment(score=0.0, verbatim=False, elided=False, start=0, end=0, excerpt="",
                         diff=[DiffOp(op="insert", claim=original_text(quote, qwords))],
                         classes=["words-added"])
    lo = min(op[3] for op in opcodes if op[3] < op[4])
    hi = max(op[4] for op in opcodes if op[3] < op[4])

    diff: list[DiffOp] = []
    claim_seq: list[str] = []  # the quote's words, markers out
    source_seq: list[str] = []  # the record's words the quote stands for (not those an elision skipped)
    material: list[tuple[list[str], list[str]]] = []
    equal_words = 0
    for tag, i1, i2, j1, j2 in opcodes:
        ctoks, stoks = qt[i1:i2], window[j1:j2]
        diff.append(DiffOp(op=DIFF_OPS[tag], claim=original_text(quote, ctoks), source=original_text(passage, stoks)))
        cwords = [t[0] for t in ctoks if not _is_marker(t[0])]
        swords = [t[0] for t in stoks]
        claim_seq += cwords
        if tag == "equal":
            equal_words += len(cwords)
            source_seq += swords
            continue
        elisions = sum(1 for t in ctoks if t[0] == ELISION)
        insertions = sum(1 for t in ctoks if t[0][:1] == INSERTION)
        if elisions:
            swords = []  # an elision may skip any words
        elif insertions:
            swords = swords[4 * insertions:] if not cwords else swords
            if not cwords and len(wnorms[j1:j2]) <= 4 * insertions:
                swords = []
        source_seq += swords
        if cwords or swords:
            material.append((cwords, swords))

    # Quote words the record has just outside the stretch were moved there (word order), not added.
    outside = Counter(wnorms[max(0, lo - len(qnorms)):lo] + wnorms[hi:hi + len(qnorms)])
    outside.update(pnorms[max(0, a + lo - len(qnorms)):a] + pnorms[b:a + hi + len(qnorms)])
    moved_in = Counter()
    for c, src in material:
        for w in c if not src else ():  # only words the quote adds outright can have moved from nearby
            if outside[w] > 0 and (w not in STOP_WORDS or is_number(w) or w in NEGATIONS or w in HEDGE_WORDS):
                outside[w] -= 1
                moved_in[w] += 1
    if moved_in:
        source_seq = source_seq + list(moved_in.elements())
    if material and len(claim_seq) >= 4 and equal_words / len(claim_seq) < 0.5:
        # Few words in sequence: is it the same content in other words? Judge that on content words, over the
        # stretch that carries most of them, and compare numbers, hedges and negations there.
        para = paraphrase_match(quote, passage)
        if para.score >= 0.6 and para.excerpt:
            return Alignment(score=round(fuzz.ratio(qs, " ".join(t[0] for t in word_tokens(tokens(para.excerpt)))), 1),
                             verbatim=False, elided=False, start=para.start, end=para.end, excerpt=para.excerpt,
                             diff=para.diff, classes=[*para.conflicts, "paraphrase"])
    classes = _classify(claim_seq, source_seq, material, moved_in)
    score = 100.0 if not classes else round(fuzz.ratio(" ".join(qnorms), " ".join(wnorms[lo:hi])), 1)
    start, end = snap_to_words(passage, min(t[1] for t in window[lo:hi]), max(t[2] for t in window[lo:hi]))
    return Alignment(score=score, verbatim=False, elided=not classes, start=start, end=end,
                     excerpt=passage[start:end], diff=diff, classes=classes)


def _opcodes(qt: list[Token], wnorms: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes of the quote against a window, with the window's words outside the quote trimmed."""
    from difflib import SequenceMatcher

    # difflib's "insert" adds words of the window (source-only), "delete" drops words of the quote (claim-only).
    opcodes = SequenceMatcher(None, [t[0] for t in qt], wnorms, autojunk=False).get_opcodes()
    while opcodes and opcodes[0][0] == "insert":
        opcodes.pop(0)
    while opcodes and opcodes[-1][0] == "insert":
        opcodes.pop()
    # A replace at an edge keeps as many source words as claim words.
    if opcodes and opcodes[0][0] == "replace":
        tag, i1, i2, j1, j2 = opcodes[0]
        opcodes[0] = (tag, i1, i2, max(j1, j2 - (i2 - i1)), j2)
    if opcodes and opcodes[-1][0] == "replace":
        tag, i1, i2, j1, j2 = opcodes[-1]
        opcodes[-1] = (tag, i1, i2, j1, min(j2, j1 + (i2 - i1)))
    return opcodes


def _classify(claim_seq: list[str], source_seq: list[str], material: list[tuple[list[str], list[str]]],
              moved_in: Counter[str] | None = None) -> list[str]:
    """The material differences between the quote's words and the record's, as rule suffixes."""
    if not material:
        return []
    found: list[str] = []
    numbers = Counter(n for n in claim_seq if is_number(n)) != Counter(n for n in source_seq if is_number(n))
    hedges = count_hedges(claim_seq) != count_hedges(source_seq)
    negation = count_negations(claim_seq) != count_negations(source_seq)
    if numbers:
        found.append("number-changed")
    if hedges:
        found.append("hedge-changed")
    if negation:
        found.append("negation-flipped")

    def residue(words: list[str]) -> list[str]:
        kept = []
        for k, w in enumerate(words):
            if numbers and (is_number(w) or w in _UNITS):
                continue
            if hedges and (w in _HEDGES or w in _NUMBER_HEDGES or w in ("at", "least", "up", "to", "more", "less",
                                                                         "than", "fewer", "as", "many", "much",
                                                                         "close", "most", "an", "estimated")):
                continue
            if negation and (w in NEGATIONS or w.endswith("n't")):
                continue
            kept.append(w)
        return kept

    all_claim = [w for c, _ in material for w in c]
    all_source = [w for _, s in material for w in s]
    if all_claim and Counter(all_claim) == Counter(all_source):
        found.append("word-order")
        return found
    # Words on the quote's side of one change and the record's side of another were moved, not added or lost.
    moved = Counter(moved_in or {})
    for k, (c, _) in enumerate(material):
        for w in c:
            if w not in STOP_WORDS or w in NEGATIONS:
                if any(w in s2 and k2 != k for k2, (_, s2) in enumerate(material)):
                    moved[w] += 1
    if moved:
        found.append("word-order")
    kinds: list[str] = []
    for c, s in material:
        left = Counter(moved)
        rc = [w for w in residue(c) if not (left[w] and not left.subtract({w: 1}))]
        left = Counter(moved)
        rs = [w for w in residue(s) if not (left[w] and not left.subtract({w: 1}))]
        if rc and rs:
            kinds.append("words-substituted")
        elif rs:
            kinds.append("words-omitted")
        elif rc:
            kinds.append("words-added")
    for kind in ("words-omitted", "words-added", "words-substituted"):
        if kind in kinds:
            found.append(kind)
    return found


def best_window(quote: str, text: str, start: int, end: int) -> Alignment:
    """``align_quote`` against ``text[start:end]``, with the result's offsets in ``text``'s coordinates."""
    start, end = max(0, start), min(len(text), end)
    start, end = snap_to_words(text, start, end)  # a window cut mid-word would misread its first and last words
    found = align_quote(quote, text[start:end])
    if found.start == found.end == 0 and not found.excerpt:
        return found
    return Alignment(score=found.score, verbatim=found.verbatim, elided=found.elided, start=found.start + start,
                     end=found.end + start, excerpt=found.excerpt, diff=found.diff, classes=found.classes)
