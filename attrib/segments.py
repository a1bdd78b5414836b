"""Who speaks each stretch of a source document: transcript turns, read-out quotes, quoted words, narration."""

from __future__ import annotations

import re
from typing import NamedTuple

from attrib.models import Document, Registry, Segment
from attrib.stories import SPOKEN_QUOTE, attribution, last_attribution, quotes, sentence_start, story
from attrib.voices import NARRATION, Voice, Voices, emit

# --------------------------------------------------------------------------------------------------------------
# Patterns, compiled once: load_document runs over tens of thousands of documents.

# defense.gov / state.gov / White House labels: an all-capitals line opening ("GEN. RYDER:", "MR MILLER:", "Q:").
_UPPER_LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Z0-9.'’\- ]{0,79}?)[ \t]*:(?:[ \t]+|(?=\n)|\Z)", re.MULTILINE)
# Commercial transcripts: "General Ryder (01:21):" with the words on the same or the next line.
_TIMED_LABEL = re.compile(
    r"^[ \t]*(?P<label>[^\W\d][^\n():]{0,59}?)[ \t]*\((?:\d{1,2}:)?\d{1,2}:\d{2}\)[ \t]*:(?:[ \t]+|(?=\n)|\Z)",
    re.MULTILINE,
)
# A reporter's own notes: "Q:", "A:", "Jane Doe:" (capitalised words, mixed case).
_MIXED_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*:(?:[ \t]+|(?=\n)|\Z)", re.MULTILINE
)
_TIMESTAMP = re.compile(r"[ \t]*\((?:\d{1,2}:)?\d{1,2}:\d{2}\)[ \t]*")
# Stage directions: state.gov's "(Laughter.)", commercial "[inaudible 00:01:02]", "(crosstalk)".
_STAGE = re.compile(
    r"[(\[](?i:laughter|laughs|laughing|applause|crosstalk|cross-talk|cross\ talk|inaudible|unintelligible"
    r"|off[ -]mi(?:c|ke)|pause|chuckles|chuckling|audio\ gap|technical\ difficulties|break\ in\ audio|no\ response"
    r"|music|silence|sighs|end\ of\ transcript)\b[^()\[\]\n]{0,30}[)\]]"
    r"|\([A-Z][a-z]+(?:[ \-][a-z]+){0,3}\.\)",
)


# --------------------------------------------------------------------------------------------------------------
# Public entry point


def segment(text: str, document: Document, registry: Registry) -> list[Segment]:
    """The ordered segments of ``text``; ``text[s.start:s.end]`` is each segment's words, labels excluded."""
    voices = Voices(registry, document)
    out: list[Segment] = []
    if document.kind == "report":
        # A research assessment speaks with the publisher's voice throughout, quotes and headings included.
        emit(text, 0, len(text), NARRATION, [], out, split_paragraphs=True)
        return out
    labels = _labels(text, document.kind)
    if labels and (document.kind in ("transcript", "interview") or _looks_like_transcript(labels)):
        _transcript(text, labels, voices, out)
    else:
        # A statement or an unlabelled transcript by one named person is that person's own words.
        single = voices.single
        default = Voice("person", single, voices.display(single)) if single and document.kind in (
            "statement", "transcript", "interview") else NARRATION
        story(text, 0, len(text), default, voices, out)
    out.sort(key=lambda s: s.start)
    return out


# --------------------------------------------------------------------------------------------------------------
# Transcripts


class _Label(NamedTuple):
    start: int  # where the label begins (the end of the previous turn)
    text_start: int  # where the words after it begin
    label: str


def _labels(text: str, kind: str) -> list[_Label]:
    # Line-anchored patterns try every position; a cheap search first skips them in the many documents without
    # a timestamp or a colon at all (indexing runs this over every document of the record).
    found = [_Label(m.start("label"), m.end(), m.group("label").strip()) for m in _TIMED_LABEL.finditer(text)] if (
        "(" in text and _TIMESTAMP.search(text)) else []
    upper = [_Label(m.start("label"), m.end(), m.group("label").strip()) for m in _UPPER_LABEL.finditer(text)] if (
        ":" in text) else []
    upper = [lab for lab in upper if len(lab.label.split()) <= 12 and any(c.isalpha() for c in lab.label)]
    found += upper
    if kind == "interview":
        taken = {lab.start for lab in found}
        mixed = [_Label(m.start("label"), m.end(), m.group("label").strip()) for m in _MIXED_LABEL.finditer(text)]
        counts: dict[str, int] = {}
        for lab in mixed:
            counts[lab.label] = counts.get(lab.label, 0) + 1
        # One-word one-offs ("Note:") are prose; Q/A, names ("J. Reyes") and labels that recur are turns.
        found += [
            lab for lab in mixed
            if lab.start not in taken and (lab.label in ("Q", "A") or counts[lab.label] > 1 or " " in lab.label)
        ]
    if upper:
        found += _midline_labels(text, {lab.label for lab in upper}, {lab.start for lab in found})
    found.sort()
    return found


def _midline_labels(text: str, labels: set[str], taken: set[int]) -> list[_Label]:
    # A label already used at a line start may reappear inside a paragraph ("…next question. Q: General, …").
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    pattern = re.compile(rf"(?<=[.?!…”\"’)\]])[ \t]+(?P<label>{alternatives}):[ \t]+")
    return [
        _Label(m.start("label"), m.end(), m.group("label"))
        for m in pattern.finditer(text)
        if m.start("label") not in taken
    ]


def _looks_like_transcript(labels: list[_Label]) -> bool:
    # A story or statement is read as a transcript only when its labels clearly take turns.
    names = [lab.label.upper() for lab in labels]
    if len(names) >= 3 and any(n in ("Q", "QUESTION", "MODERATOR") for n in names):
        return True
    return len(names) >= 4 and len(set(names)) >= 2


def _transcript(text: str, labels: list[_Label], voices: Voices, out: list[Segment]) -> None:
    emit(text, 0, labels[0].start, NARRATION, [], out, split_paragraphs=True)  # title, date, chrome
    for i, lab in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(text)
        voice = voices.label(lab.label)
        holes = [(m.start(), m.end()) for m in _STAGE.finditer(text, lab.text_start, end)]
        holes += [(m.start(), m.end()) for m in _TIMESTAMP.finditer(text, lab.text_start, end)]
        holes.sort()
        cursor = lab.text_start
        if voice.role == "person":
            for region_start, region_end, body_start, body_end, other in _read_outs(
                text, lab.text_start, end, voice, voices
            ):
                emit(text, cursor, region_start, voice, holes, out)
                emit(text, body_start, body_end, other, holes, out)
                cursor = region_end
        emit(text, cursor, end, voice, holes, out)


def _read_outs(
    text: str, start: int, end: int, own: Voice, voices: Voices
) -> list[tuple[int, int, int, int, Voice]]:
    """Words a speaker reads out from someone else, in quote marks or between "quote … end quote": the region
    (marks included, dropped from every segment) and the words within it."""
    found: list[tuple[int, int, int, int, Voice]] = []
    for quote in quotes(text, start, end):
        voice = attribution(text, start, quote, voices, pronoun=None)
        if voice is not None and _someone_else(voice, own):
            found.append((quote.open, quote.close, quote.body_start, quote.body_end, voice))
    for m in SPOKEN_QUOTE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b, *_ in found):
            continue
        prefix = text[sentence_start(text, start, m.start()) : m.start()]
        voice = last_attribution(prefix, voices, pronoun=None)
        if voice is not None and _someone_else(voice, own):
            found.append((m.start(), m.end(), m.start("body"), m.end("body"), voice))
    found.sort()
    return found


def _someone_else(voice: Voice | None, own: Voice) -> bool:
    if voice is None or voice.role != "person":
        return False  # no attribution, the speaker's own "I said", or the issuing body
    if voice.speaker is not None:
        return voice.speaker != own.speaker
    return voice.name is None or voice.name.casefold() != (own.name or "").casefold()
