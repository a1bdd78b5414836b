"""Find quotations in prose: matching marks of every style, nesting, continued paragraphs, apostrophes.

Rules, in the order they are applied to each mark character:

* Double marks ``“ ” " „ « »`` and single marks ``‘ ’ ' ‹ ›`` open and close on a stack, so a quote can hold a
  nested quote of the other family. Only outermost quotes become findings; nested ones are part of their words.
* ``’`` and ``'`` between two letters or digits (``Ukraine’s``, ``don't``), before a digit after a space
  (``’90s``), in ``’n’`` (``rock ’n’ roll``), or after a letter when no single quote is open (``parents’``) are
  apostrophes, not quote marks.
* A quote never runs past its paragraph. When a paragraph ends inside a quote and the next paragraph opens with
  a mark of the same family, the quote is *continued* (the newsroom convention); otherwise it is unbalanced and is
  dropped rather than swallowing the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attrib.sentences import Paragraph

# Two apostrophes ('') stand for a straight double mark in some wire and newspaper archives.
_MARKS = re.compile(r"''|[“”\"„«»‘’'‹›]")
_DOUBLE = "double"
_SINGLE = "single"


@dataclass(slots=True)
class Quote:
    """A top-level quotation. ``open``/``close`` are the marks' offsets (``close`` is None for a piece cut at the
    paragraph end because the quote continues); ``start``/``end`` bound the words inside (trimmed)."""

    open: int
    close: int | None  # offset of the closing mark's first character
    start: int
    end: int
    paragraph: int
    single: bool
    after: int = 0  # just past the closing mark (or the paragraph end)
    continues: bool = False  # runs on into the next paragraph
    continued: bool = False  # carries on a quote from the previous paragraph


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int, stack: list[tuple[str, str, int, int]], lo: int, hi: int, width: int = 1) -> str:
    """'open', 'close' or '' (not a quote mark here) for the mark at text[i] (``width`` 2 for '')."""
    ch = '"' if width == 2 else text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    families = [entry[0] for entry in stack]
    if ch in "«„":
        return "open"
    if ch == "»":
        return "close" if "«" in families else ""
    if ch == "‹":
        return "open"
    if ch == "›":
        return "close" if "‹" in families else ""
    if ch == "“":
        return "close" if families and families[-1] == "„" else "open"
    if ch == "”":
        if any(f in ("“", "„", '"', "”") for f in families):
            return "close"
        return "open" if prev.isspace() and not nxt.isspace() else ""
    if ch == '"':
        if '"' in families and (not prev.isspace() or nxt.isspace() or nxt in ".,;:!?)"):
            return "close"
        if (prev.isspace() or prev in "([{—–-/" or i == lo) and not nxt.isspace():
            return "open"
        return "close" if '"' in families else ""
    # Single marks: ‘ ’ '
    if _is_word(prev) and _is_word(nxt):
        return ""  # Ukraine’s, don't
    if nxt.isdigit() and not _is_word(prev):
        return ""  # ’90s
    if text[i + 1 : i + 3] in ("n’", "n'") or (i >= 2 and text[i - 2 : i] in ("’n", "'n") and not _is_word(nxt)):
        return ""  # rock ’n’ roll
    single_open = any(f in ("‘", "'") for f in families)
    if ch == "‘":
        return "" if _is_word(prev) else "open"
    if single_open and not _is_word(nxt) and not prev.isspace():
        return "close"
    if (prev.isspace() or i == lo or prev in "([{—–\"“") and _is_word(nxt) and ch == "'":
        return "open"
    return ""


def find_quotes(text: str, paras: list[Paragraph]) -> list[Quote]:
    """Top-level quotations in every paragraph, in document order."""
    quotes: list[Quote] = []
    carry: tuple[str, bool] | None = None  # family of a quote continuing from the previous paragraph
    for pi, para in enumerate(paras):
        lo, hi = para.start, para.end
        stack: list[tuple[str, str, int]] = []  # (opening mark, family, offset)
        continued_first = False
        for match in _MARKS.finditer(text, lo, hi):
            i = match.start()
            width = match.end() - i
            role = _classify(text, i, stack, lo, hi, width)
            ch = '"' if width == 2 else text[i]
            if role == "open":
                family = _SINGLE if ch in "‘'‹" else _DOUBLE
                if not stack and carry is not None and i == lo and carry[0] == family:
                    continued_first = True
                stack.append((ch, family, i, width))
            elif role == "close":
                family = _SINGLE if ch in "’'›" else _DOUBLE
                # Pop to the nearest opener of this family; openers above it were unbalanced inner marks.
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][1] == family:
                        opener = stack[depth]
                        del stack[depth:]
                        if not stack:
                            quotes.append(_make(text, opener[2], i, pi, family, continued_first,
                                                width=opener[3], close_width=width))
                            continued_first = False
                        break
        carry = None
        if stack:
            first = stack[0]
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            family = first[1]
            if nxt is not None and text[nxt.start] in ("“„«\"" if family == _DOUBLE else "‘'‹"):
                quotes.append(_make(text, first[2], None, pi, family, continued_first, end=hi, continues=True,
                                    width=first[3]))
                carry = (family, True)
            elif first[0] != "'":
                # Unbalanced: the quote is capped at its paragraph (a straight apostrophe-like mark is dropped).
                quotes.append(_make(text, first[2], None, pi, family, continued_first, end=hi, width=first[3]))
    return quotes


def _make(text: str, open_: int, close: int | None, pi: int, family: str, continued: bool, end: int | None = None,
          continues: bool = False, width: int = 1, close_width: int = 1) -> Quote:
    start = open_ + width
    stop = close if close is not None else end
    assert stop is not None
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
        stop -= 1
    after = close + close_width if close is not None else stop
    return Quote(open_, close, start, stop, pi, family == _SINGLE, after, continues, continued)
