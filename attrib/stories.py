"""Stories, releases, statements: quoted words belong to whoever the sentence around them names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from attrib.models import Segment
from attrib.voices import Voice, Voices, emit, paragraphs

_WORD = re.compile(r"\w")

_VERB = (
    r"(?:said|says|say|stated|states|added|adds|noted|notes|told|tells|wrote|writes|explained|remarked|declared"
    r"|warned|insisted|emphasi[sz]ed|stressed|continued|replied|responded|announced|put\s+it|recalled|argued"
    r"|observed|commented|posted|concluded|acknowledged|confirmed)"
)
_NAME = r"(?:[A-Z][\w'’\-]*\.?[ \t]+){0,5}[A-Z][\w'’\-]*"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)"
# An attribution inside the sentence before a quote: "As General Kurilla stated, “…”", "Ryder said the troops “…”".
_ATTRIBUTION = re.compile(
    rf"(?:(?P<name>{_NAME}|{_PRONOUN})(?:,[^,\n]{{1,80}},)?\s+(?:has\s+|had\s+|have\s+)?{_VERB}\b"
    rf"|(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of)\s+(?P<per>{_NAME}))"
)
# An attribution right after a quote: "“…,” said Gen. Pat Ryder" / "“…,” Ryder, the press secretary, said".
_AFTER = re.compile(
    rf"^[\s,;:—–\-]*(?:{_VERB}\s+(?:the\s+)?(?P<after>{_NAME})|(?:the\s+)?(?P<before>{_NAME}|{_PRONOUN})(?:,[^,\n]{{1,80}},)?\s+"
    rf"(?:has\s+|had\s+)?{_VERB}\b)"
)
_SAID = re.compile(rf"\b{_VERB}\b")
_SAID_NEAR_START = re.compile(rf"^[\s,;:—–\-]*(?:[\w'’\-]+[ \t]+){{0,6}}?{_VERB}\b")
# A spokesperson reading words out: "Secretary Austin said, quote, we are committed, end quote".
SPOKEN_QUOTE = re.compile(
    r"\bquote\b[,:]?\s+(?P<body>.+?)[,.]?\s+(?:end\s+quote|unquote|close\s+quote|end\s+of\s+quote)\b",
    re.IGNORECASE | re.DOTALL,
)
# Where a sentence ends; "Gen." "Mr." "U.S." are not ends.
_SENTENCE_END = re.compile(r"\n|[.?!](?<!\b[A-Z][a-z][.?!])(?<!\b[A-Z][a-z][a-z][.?!])(?<![A-Z][.?!])[”\"’)]*\s+")
_QUOTE_MARK = re.compile(r'[“”"]')

_LEADING_WORDS = {
    "as", "and", "but", "so", "then", "the", "when", "while", "in", "on", "at", "yesterday", "today", "earlier",
    "later", "also", "however", "meanwhile", "again", "like", "now", "here", "there", "this", "that", "well",
}


class Quote(NamedTuple):
    open: int
    close: int  # index just past the closing mark (or the paragraph end)
    body_start: int
    body_end: int


def quotes(text: str, start: int, end: int) -> Iterator[Quote]:
    """Quotations in text[start:end], paired within a paragraph; an unclosed one runs to the paragraph's end."""
    if not _QUOTE_MARK.search(text, start, end):
        return
    for p_start, p_end in paragraphs(text, start, end):
        opened = -1
        curly = False
        for m in _QUOTE_MARK.finditer(text, p_start, p_end):
            i = m.start()
            c = text[i]
            if c == "“" or (c == '"' and opened < 0):
                if opened < 0:
                    opened, curly = i, c == "“"
            elif (c == "”" and opened >= 0 and curly) or (c == '"' and opened >= 0 and not curly):
                quote = _body(text, opened, i + 1, i)
                if quote:
                    yield quote
                opened = -1
        if opened >= 0:
            quote = _body(text, opened, p_end, p_end)
            if quote:
                yield quote


def _body(text: str, opened: int, close: int, body_end: int) -> Quote | None:
    body_start = opened + 1
    while body_start < body_end and text[body_start].isspace():
        body_start += 1
    while body_end > body_start and (text[body_end - 1].isspace() or text[body_end - 1] == ","):
        body_end -= 1
    if not _WORD.search(text, body_start, body_end):
        return None
    return Quote(opened, close, body_start, body_end)


def story(text: str, start: int, end: int, default: Voice, voices: Voices, out: list[Segment]) -> None:
    last: Voice | None = None  # the last named speaker, for "he said" and follow-on quotes
    last_paragraph = -2
    paragraph_starts = [a for a, _ in paragraphs(text, start, end)]
    cursor = start
    for quote in quotes(text, start, end):
        paragraph = _index_le(paragraph_starts, quote.open)
        voice = attribution(text, start, quote, voices, pronoun=last)
        if voice is not None and voice.role == "person" and voice.name is not None:
            last, last_paragraph = voice, paragraph
        if voice is None:
            words = len(text[quote.body_start : quote.body_end].split())
            opens_sentence = sentence_start(text, start, quote.open) == quote.open
            if _unnamed_attribution(text, start, quote):
                voice = Voice("unknown", None, None)  # "an officer, who was not named, said …"
            elif last is not None and paragraph - last_paragraph <= 1 and words > 3 and opens_sentence:
                voice = last  # a quote running on from the last attributed one
            elif words <= 3:
                continue  # a scare-quoted phrase is the writer's own
            elif voices.single:
                voice = Voice("person", voices.single, voices.display(voices.single))
            else:
                voice = Voice("unknown", None, None)
        if voice == default:
            continue
        emit(text, cursor, quote.open, default, [], out, split_paragraphs=True)
        emit(text, quote.body_start, quote.body_end, voice, [], out)
        cursor = quote.close
    emit(text, cursor, end, default, [], out, split_paragraphs=True)


def attribution(text: str, floor: int, quote: Quote, voices: Voices, pronoun: Voice | None) -> Voice | None:
    """Who the sentence around a quote says spoke it: after the quote first ("…,” Ryder said), then before it."""
    after_end = min(len(text), quote.close + 160)
    newline = text.find("\n", quote.close, after_end)
    m = _AFTER.match(text[quote.close : newline if newline >= 0 else after_end])
    if m:
        voice = _voice_for(m.group("after") or m.group("before"), voices, pronoun)
        if voice is not None:
            return voice
    prefix = text[sentence_start(text, floor, quote.open) : quote.open]
    return last_attribution(prefix, voices, pronoun)


def _unnamed_attribution(text: str, floor: int, quote: Quote) -> bool:
    after_end = min(len(text), quote.close + 80)
    newline = text.find("\n", quote.close, after_end)
    after = text[quote.close : newline if newline >= 0 else after_end]
    prefix = text[sentence_start(text, floor, quote.open) : quote.open]
    return bool(_SAID_NEAR_START.match(after) or _SAID.search(prefix))


def last_attribution(prefix: str, voices: Voices, pronoun: Voice | None) -> Voice | None:
    voice = None
    for m in _ATTRIBUTION.finditer(prefix):
        candidate = _voice_for(m.group("name") or m.group("per"), voices, pronoun)
        if candidate is not None:
            voice = candidate
    return voice


def _voice_for(raw: str, voices: Voices, pronoun: Voice | None) -> Voice | None:
    words = raw.split()
    while words and words[0].casefold() in _LEADING_WORDS:
        words.pop(0)  # "As General Kurilla", "But he"
    if not words:
        return None
    word = " ".join(words)
    if word in ("I", "we", "We"):
        return None  # the speaker quoting themselves, or the writer
    if word.casefold() in ("he", "she", "they"):
        return pronoun if pronoun is not None else Voice("person", None, None)
    return voices.named(word)


def sentence_start(text: str, floor: int, pos: int) -> int:
    lo = max(floor, pos - 300)
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    return start


def _index_le(starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, pos) - 1
