"""Split an article's prose into paragraphs, sentences and word tokens, keeping offsets into the prose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from attrib.models import Article

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TOKEN = re.compile(r"\w+(?:[’'\-.&]\w+)*|\S")
# A sentence ends at . ! ? (optionally followed by closing marks) before whitespace and a capital or digit, perhaps
# after an opening mark (two of them for the typewriter double quote '' of some newspaper archives).
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"”’'»)\]]*(?=\s+(?:''|[\"“‘'«„(\[])?[A-Z0-9])|[.!?]+[\"”’'»)\]]*$|\n(?=[ \t]*\n)")
# Abbreviations that end in a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr rev sen rep gov st jr sr mt ft no vs etc inc corp co
    ltd jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est dept univ
    ave blvd fig brig cpl pvt supt insp det gens adms""".split()
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    kind: str = "paragraph"


class Token(NamedTuple):
    """A word or punctuation token (a named tuple: the extractor makes one per word, so it must be cheap)."""

    start: int
    end: int
    text: str
    lower: str  # text.lower(), computed once: the extractor compares it many times


def paragraphs(article: Article) -> list[Paragraph]:
    """The article's blocks as paragraphs (trimmed), or blank-line separated paragraphs when it has none."""
    prose = article.prose
    if article.blocks:
        raw = [(b.start, b.end, b.kind) for b in article.blocks]
    else:
        raw, pos = [], 0
        for match in _BLANK_LINE.finditer(prose):
            raw.append((pos, match.start(), "paragraph"))
            pos = match.end()
        raw.append((pos, len(prose), "paragraph"))
    out = []
    for start, end, kind in raw:
        for s, e in _lines_as_paragraphs(prose, start, end):
            s, e = trim(prose, s, e)
            if e > s:
                out.append(Paragraph(s, e, kind))
    return out


_LINE_BREAK = re.compile(r"\n")


def _lines_as_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Some sources put one paragraph per line with no blank line between: when most lines of a block end a
    sentence, each line is a paragraph (hard-wrapped prose, whose lines end mid-sentence, stays whole)."""
    if "\n" not in text[start:end]:
        return [(start, end)]
    cuts = [m.start() for m in _LINE_BREAK.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    lines = [(bounds[i] + (1 if i else 0), bounds[i + 1]) for i in range(len(bounds) - 1)]
    lines = [trim(text, s, e) for s, e in lines]
    lines = [(s, e) for s, e in lines if e > s]
    ended = sum(1 for s, e in lines if text[e - 1] in ".!?\"”’'»:)…")
    if len(lines) >= 2 and ended * 2 > len(lines):
        return lines
    return [(start, end)]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past whitespace at both edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str, start: int, end: int, protected: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as trimmed (start, end) pairs; no break falls inside a protected span
    (a quotation), so a quote of several sentences stays in the sentence that attributes it."""
    out: list[tuple[int, int]] = []
    pos = start
    chunk = text[start:end]
    guards = sorted(protected)
    gi = 0
    for match in _SENTENCE_END.finditer(chunk):
        cut = start + match.end()
        while gi < len(guards) and guards[gi][1] <= cut - 1:
            gi += 1
        if gi < len(guards) and guards[gi][0] < cut - 1 < guards[gi][1] - 1:
            continue
        if _is_abbreviation(text, start + match.start()):
            continue
        s, e = trim(text, pos, cut)
        if e > s:
            out.append((s, e))
        pos = cut
    s, e = trim(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    # A single capital initial ("J. Smith") or a known abbreviation does not end a sentence.
    if word in _ABBREVIATIONS or (len(word) == 1 and text[i].isupper()):
        return True
    # Dotted initials ("G.K.", "D.C.") rarely end a sentence in news copy.
    parts = word.split(".")
    return len(parts) > 1 and all(len(p) == 1 for p in parts)


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Word and punctuation tokens of text[start:end], with offsets into text."""
    return [Token(m.start(), m.end(), w, w.lower()) for m in _TOKEN.finditer(text, start, end) for w in (m.group(),)]
