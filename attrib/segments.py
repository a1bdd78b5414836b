"""Who speaks each stretch of a source document: transcript turns, read-out quotes, quoted words, narration."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from attrib.models import Document, Person, Registry, Segment, SegmentRole

if TYPE_CHECKING:
    from attrib.resolver import Resolver

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
# A title line: one short line with no sentence-ending punctuation.
_HEADING = re.compile(r"[^\n]{1,120}(?<![.?!:;,\"”’)])$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
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
_SPOKEN_QUOTE = re.compile(
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
_REPORTER_LABELS = {
    "Q", "QUESTION", "QUESTIONS", "REPORTER", "REPORTERS", "JOURNALIST", "AUDIENCE", "AUDIENCE MEMBER",
    "UNIDENTIFIED REPORTER", "UNIDENTIFIED JOURNALIST", "MALE REPORTER", "FEMALE REPORTER", "PRESS", "QUESTIONER",
}
_UNKNOWN_LABELS = {"UNKNOWN", "UNIDENTIFIED", "UNKNOWN SPEAKER", "UNIDENTIFIED SPEAKER", "UNIDENTIFIED VOICE",
                   "INAUDIBLE", "VOICE"}
_REPORTER_NUMBERED = re.compile(r"^(?:SPEAKER|REPORTER|AUDIENCE MEMBER|AUDIENCE|QUESTIONER|Q|JOURNALIST)\s*\d+$")
# Ranks, offices and honorifics a label may carry; what is left names the person.
_TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "gen", "general", "maj", "major", "brig", "brigadier", "lt", "lieutenant", "col",
    "colonel", "adm", "admiral", "vice", "rear", "capt", "captain", "cmdr", "commander", "sgt", "sergeant", "secretary",
    "sec", "press", "pentagon", "deputy", "spokesperson", "spokesman", "spokeswoman", "principal", "assistant", "air",
    "force", "army", "navy", "marine", "corps", "ambassador", "president", "minister", "prime", "senator", "sen", "rep",
    "representative", "governor", "gov", "chairman", "chair", "the", "of", "for", "defense", "state", "under", "us",
    "u", "s", "hon", "honorable", "director", "adviser", "advisor", "national", "security", "communications",
}


class _Voice(NamedTuple):
    role: SegmentRole
    speaker: str | None
    name: str | None


_NARRATION = _Voice("narration", None, None)


# --------------------------------------------------------------------------------------------------------------
# Public entry point


def segment(text: str, document: Document, registry: Registry) -> list[Segment]:
    """The ordered segments of ``text``; ``text[s.start:s.end]`` is each segment's words, labels excluded."""
    voices = _Voices(registry, document)
    out: list[Segment] = []
    if document.kind == "report":
        # A research assessment speaks with the publisher's voice throughout, quotes and headings included.
        _emit(text, 0, len(text), _NARRATION, [], out, split_paragraphs=True)
        return out
    labels = _labels(text, document.kind)
    if labels and (document.kind in ("transcript", "interview") or _looks_like_transcript(labels)):
        _transcript(text, labels, voices, out)
    else:
        # A statement or an unlabelled transcript by one named person is that person's own words.
        single = voices.single
        default = _Voice("person", single, voices.display(single)) if single and document.kind in (
            "statement", "transcript", "interview") else _NARRATION
        _story(text, 0, len(text), default, voices, out)
    out.sort(key=lambda s: s.start)
    return out


# --------------------------------------------------------------------------------------------------------------
# Resolving labels and names to registry people


_RESOLVERS: dict[int, tuple[Registry, Resolver, dict[str, str | None], dict[str, Person]]] = {}


def _resolver_state(registry: Registry) -> tuple[Resolver, dict[str, str | None], dict[str, Person]]:
    """One Resolver (and its label cache) per registry object, so 100,000 documents share it."""
    entry = _RESOLVERS.get(id(registry))
    if entry is None or entry[0] is not registry:
        from attrib.resolver import Resolver  # noqa: F811 (the run-time import; the one above is for types)

        if len(_RESOLVERS) > 16:
            _RESOLVERS.clear()
        entry = (registry, Resolver(registry), {}, {p.id: p for p in registry.people})
        _RESOLVERS[id(registry)] = entry
    return entry[1], entry[2], entry[3]


class _Voices:
    """Turns transcript labels and names in prose into voices, for one document."""

    def __init__(self, registry: Registry, document: Document) -> None:
        self.resolver, self.cache, self.people = _resolver_state(registry)
        self.document = document
        self.single = document.speakers[0] if len(document.speakers) == 1 else None

    def display(self, person_id: str | None) -> str | None:
        person = self.people.get(person_id) if person_id else None
        return person.name if person is not None else None

    def label(self, label: str) -> _Voice:
        key = " ".join(label.replace("’", "'").split()).upper().rstrip(".")
        if key in _REPORTER_LABELS:
            return _Voice("reporter", None, label)
        if key in _UNKNOWN_LABELS:
            return _Voice("unknown", None, label)
        if key == "A" and self.document.kind == "interview":
            return _Voice("person", self.single, label)
        person_id = self.person_id(label)
        if person_id:
            return _Voice("person", person_id, label)
        if _REPORTER_NUMBERED.match(key):
            return _Voice("reporter", None, label)
        return _Voice("person", None, label)

    def person_id(self, name: str) -> str | None:
        """A registry person id for a label or a name, through the Resolver, then the document's listed speakers."""
        key = " ".join(name.split()).casefold()
        if key in self.cache:
            found = self.cache[key]
        else:
            person = self.resolver.label_person(name) or self.resolver.person(name)
            found = person.id if person is not None else None
            self.cache[key] = found
        return found or self._listed(name)

    def _listed(self, name: str) -> str | None:
        # "RYDER", "Gen. Ryder": the surname of exactly one of the document's listed speakers.
        words = [w for w in re.findall(r"[^\W\d_]+", name.casefold()) if w not in _TITLE_WORDS]
        if not words:
            return None
        found = []
        for person_id in self.document.speakers:
            person = self.people.get(person_id)
            if person is None:
                continue
            for form in (person.name, *person.aliases):
                form_words = re.findall(r"[^\W\d_]+", form.casefold())
                if form_words and words[-1] == form_words[-1] and set(words) <= set(form_words):
                    found.append(person_id)
                    break
        return found[0] if len(found) == 1 else None

    def is_publisher(self, name: str) -> bool:
        publisher = self.resolver.publisher(name)
        return publisher is not None and publisher.id == self.document.publisher

    def named(self, name: str) -> _Voice:
        """The voice of a name found in prose ("General Kurilla" in "As General Kurilla stated")."""
        person_id = self.person_id(name)
        if person_id:
            return _Voice("person", person_id, name)
        if self.is_publisher(name):
            return _NARRATION
        return _Voice("person", None, name)


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


def _transcript(text: str, labels: list[_Label], voices: _Voices, out: list[Segment]) -> None:
    _emit(text, 0, labels[0].start, _NARRATION, [], out, split_paragraphs=True)  # title, date, chrome
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
                _emit(text, cursor, region_start, voice, holes, out)
                _emit(text, body_start, body_end, other, holes, out)
                cursor = region_end
        _emit(text, cursor, end, voice, holes, out)


def _read_outs(
    text: str, start: int, end: int, own: _Voice, voices: _Voices
) -> list[tuple[int, int, int, int, _Voice]]:
    """Words a speaker reads out from someone else, in quote marks or between "quote … end quote": the region
    (marks included, dropped from every segment) and the words within it."""
    found: list[tuple[int, int, int, int, _Voice]] = []
    for quote in _quotes(text, start, end):
        voice = _attribution(text, start, quote, voices, pronoun=None)
        if voice is not None and _someone_else(voice, own):
            found.append((quote.open, quote.close, quote.body_start, quote.body_end, voice))
    for m in _SPOKEN_QUOTE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b, *_ in found):
            continue
        prefix = text[_sentence_start(text, start, m.start()) : m.start()]
        voice = _last_attribution(prefix, voices, pronoun=None)
        if voice is not None and _someone_else(voice, own):
            found.append((m.start(), m.end(), m.start("body"), m.end("body"), voice))
    found.sort()
    return found


def _someone_else(voice: _Voice | None, own: _Voice) -> bool:
    if voice is None or voice.role != "person":
        return False  # no attribution, the speaker's own "I said", or the issuing body
    if voice.speaker is not None:
        return voice.speaker != own.speaker
    return voice.name is None or voice.name.casefold() != (own.name or "").casefold()


# --------------------------------------------------------------------------------------------------------------
# Stories, releases, statements: quoted words belong to whoever the sentence names


class _Quote(NamedTuple):
    open: int
    close: int  # index just past the closing mark (or the paragraph end)
    body_start: int
    body_end: int


def _quotes(text: str, start: int, end: int) -> Iterator[_Quote]:
    """Quotations in text[start:end], paired within a paragraph; an unclosed one runs to the paragraph's end."""
    if not _QUOTE_MARK.search(text, start, end):
        return
    for p_start, p_end in _paragraphs(text, start, end):
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


def _body(text: str, opened: int, close: int, body_end: int) -> _Quote | None:
    body_start = opened + 1
    while body_start < body_end and text[body_start].isspace():
        body_start += 1
    while body_end > body_start and (text[body_end - 1].isspace() or text[body_end - 1] == ","):
        body_end -= 1
    if not _WORD.search(text, body_start, body_end):
        return None
    return _Quote(opened, close, body_start, body_end)


def _story(text: str, start: int, end: int, default: _Voice, voices: _Voices, out: list[Segment]) -> None:
    last: _Voice | None = None  # the last named speaker, for "he said" and follow-on quotes
    last_paragraph = -2
    paragraph_starts = [a for a, _ in _paragraphs(text, start, end)]
    cursor = start
    for quote in _quotes(text, start, end):
        paragraph = _index_le(paragraph_starts, quote.open)
        voice = _attribution(text, start, quote, voices, pronoun=last)
        if voice is not None and voice.role == "person" and voice.name is not None:
            last, last_paragraph = voice, paragraph
        if voice is None:
            words = len(text[quote.body_start : quote.body_end].split())
            opens_sentence = _sentence_start(text, start, quote.open) == quote.open
            if _unnamed_attribution(text, start, quote):
                voice = _Voice("unknown", None, None)  # "an officer, who was not named, said …"
            elif last is not None and paragraph - last_paragraph <= 1 and words > 3 and opens_sentence:
                voice = last  # a quote running on from the last attributed one
            elif words <= 3:
                continue  # a scare-quoted phrase is the writer's own
            elif voices.single:
                voice = _Voice("person", voices.single, voices.display(voices.single))
            else:
                voice = _Voice("unknown", None, None)
        if voice == default:
            continue
        _emit(text, cursor, quote.open, default, [], out, split_paragraphs=True)
        _emit(text, quote.body_start, quote.body_end, voice, [], out)
        cursor = quote.close
    _emit(text, cursor, end, default, [], out, split_paragraphs=True)


def _attribution(text: str, floor: int, quote: _Quote, voices: _Voices, pronoun: _Voice | None) -> _Voice | None:
    """Who the sentence around a quote says spoke it: after the quote first ("…,” Ryder said), then before it."""
    after_end = min(len(text), quote.close + 160)
    newline = text.find("\n", quote.close, after_end)
    m = _AFTER.match(text[quote.close : newline if newline >= 0 else after_end])
    if m:
        voice = _voice_for(m.group("after") or m.group("before"), voices, pronoun)
        if voice is not None:
            return voice
    prefix = text[_sentence_start(text, floor, quote.open) : quote.open]
    return _last_attribution(prefix, voices, pronoun)


def _unnamed_attribution(text: str, floor: int, quote: _Quote) -> bool:
    after_end = min(len(text), quote.close + 80)
    newline = text.find("\n", quote.close, after_end)
    after = text[quote.close : newline if newline >= 0 else after_end]
    prefix = text[_sentence_start(text, floor, quote.open) : quote.open]
    return bool(_SAID_NEAR_START.match(after) or _SAID.search(prefix))


def _last_attribution(prefix: str, voices: _Voices, pronoun: _Voice | None) -> _Voice | None:
    voice = None
    for m in _ATTRIBUTION.finditer(prefix):
        candidate = _voice_for(m.group("name") or m.group("per"), voices, pronoun)
        if candidate is not None:
            voice = candidate
    return voice


def _voice_for(raw: str, voices: _Voices, pronoun: _Voice | None) -> _Voice | None:
    words = raw.split()
    while words and words[0].casefold() in _LEADING_WORDS:
        words.pop(0)  # "As General Kurilla", "But he"
    if not words:
        return None
    word = " ".join(words)
    if word in ("I", "we", "We"):
        return None  # the speaker quoting themselves, or the writer
    if word.casefold() in ("he", "she", "they"):
        return pronoun if pronoun is not None else _Voice("person", None, None)
    return voices.named(word)


def _sentence_start(text: str, floor: int, pos: int) -> int:
    lo = max(floor, pos - 300)
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    return start


# --------------------------------------------------------------------------------------------------------------
# Emitting segments


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield cursor, m.start()
        cursor = m.end()
    yield cursor, end


def _index_le(starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, pos) - 1


def _emit(
    text: str,
    start: int,
    end: int,
    voice: _Voice,
    holes: list[tuple[int, int]],
    out: list[Segment],
    *,
    split_paragraphs: bool = False,
) -> None:
    """Append text[start:end] minus the holes (stage directions, timestamps) as trimmed segments of one voice."""
    if end <= start:
        return
    pieces: list[tuple[int, int]] = []
    cursor = start
    for a, b in holes:
        if b <= cursor or a >= end:
            continue
        pieces.append((cursor, max(cursor, a)))
        cursor = max(cursor, b)
    pieces.append((cursor, end))
    for a, b in pieces:
        spans = _paragraphs(text, a, b) if split_paragraphs else [(a, b)]
        for s, e in spans:
            # A piece left after a read-out may open with the punctuation that closed it (", end quote. With…").
            while s < e and (text[s].isspace() or text[s] in ",.;:"):
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if not _WORD.search(text, s, e):
                continue
            own = voice
            if split_paragraphs and voice.role == "person" and _HEADING.match(text, s, e):
                own = _NARRATION  # a statement's title line is the issuer's, not the speaker's
            out.append(Segment(role=own.role, speaker=own.speaker, name=own.name, start=s, end=e))
