"""Voices in a source document: who a transcript label or a name in prose refers to, and a voice's words as segments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from attrib.models import Document, Person, Registry, Segment, SegmentRole

if TYPE_CHECKING:
    from attrib.resolver import Resolver

# A title line: one short line with no sentence-ending punctuation.
_HEADING = re.compile(r"[^\n]{1,120}(?<![.?!:;,\"”’)])$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"\w")

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


class Voice(NamedTuple):
    """Who speaks a stretch: a segment's role, registry person id and display name."""

    role: SegmentRole
    speaker: str | None
    name: str | None


NARRATION = Voice("narration", None, None)


# --------------------------------------------------------------------------------------------------------------
# Resolving labels and names to registry people


_RESOLVERS: dict[int, tuple[Registry, Resolver, dict[str, str | None], dict[str, Person]]] = {}


def _resolver_state(registry: Registry) -> tuple[Resolver, dict[str, str | None], dict[str, Person]]:
    """One Resolver (and its label cache) per registry object, so 100,000 documents share it."""
    entry = _RESOLVERS.get(id(registry))
    if entry is None or entry[0] is not registry:
        from attrib.resolver import resolver_for

        if len(_RESOLVERS) > 16:
            _RESOLVERS.clear()
        entry = (registry, resolver_for(registry), {}, {p.id: p for p in registry.people})
        _RESOLVERS[id(registry)] = entry
    return entry[1], entry[2], entry[3]


class Voices:
    """Turns transcript labels and names in prose into voices, for one document."""

    def __init__(self, registry: Registry, document: Document) -> None:
        self.resolver, self.cache, self.people = _resolver_state(registry)
        self.document = document
        self.single = document.speakers[0] if len(document.speakers) == 1 else None

    def display(self, person_id: str | None) -> str | None:
        person = self.people.get(person_id) if person_id else None
        return person.name if person is not None else None

    def label(self, label: str) -> Voice:
        key = " ".join(label.replace("’", "'").split()).upper().rstrip(".")
        if key in _REPORTER_LABELS:
            return Voice("reporter", None, label)
        if key in _UNKNOWN_LABELS:
            return Voice("unknown", None, label)
        if key == "A" and self.document.kind == "interview":
            return Voice("person", self.single, label)
        person_id = self.person_id(label)
        if person_id:
            return Voice("person", person_id, label)
        if _REPORTER_NUMBERED.match(key):
            return Voice("reporter", None, label)
        return Voice("person", None, label)

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

    def named(self, name: str) -> Voice:
        """The voice of a name found in prose ("General Kurilla" in "As General Kurilla stated")."""
        person_id = self.person_id(name)
        if person_id:
            return Voice("person", person_id, name)
        if self.is_publisher(name):
            return NARRATION
        return Voice("person", None, name)


# --------------------------------------------------------------------------------------------------------------
# Emitting segments


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield cursor, m.start()
        cursor = m.end()
    yield cursor, end


def emit(
    text: str,
    start: int,
    end: int,
    voice: Voice,
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
        spans = paragraphs(text, a, b) if split_paragraphs else [(a, b)]
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
                own = NARRATION  # a statement's title line is the issuer's, not the speaker's
            out.append(Segment(role=own.role, speaker=own.speaker, name=own.name, start=s, end=e))
