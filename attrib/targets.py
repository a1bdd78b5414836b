"""Who a claim names and when: its registry target, its date window, and who speaks each passage of the record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from attrib.models import Article, Claim, Document, Person, Publisher, Registry, Segment, Settings

if TYPE_CHECKING:
    from attrib.index import Index, IndexedDocument


@dataclass(frozen=True)
class Target:
    """The speaker an article names, resolved against the registry."""

    kind: str  # "person" | "publisher" | "document"
    id: str
    name: str
    person: Person | None = None
    publisher: Publisher | None = None
    document: Document | None = None


class Record:
    """Everything one article's claims are judged against: the registry, its index, and the article's date."""

    def __init__(self, registry: Registry, article: Article, settings: Settings, cache_dir: str | None = None) -> None:
        from attrib.resolver import resolver_for

        self.registry = registry
        self.article = article
        self.settings = settings
        self.cache_dir = cache_dir
        self.resolver = resolver_for(registry)
        self.documents = {d.id: d for d in registry.documents}
        self.people = {p.id: p for p in registry.people}
        self.publishers = {p.id: p for p in registry.publishers}
        self._index: Index | None = None
        self._primary: dict[tuple[str, str], list[Document]] = {}
        self._listed: tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]] | None = None

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    @property
    def index(self) -> Index:
        if self._index is None:
            from attrib.index import Index

            self._index = Index.open(self.registry, self.cache_dir)
            self._unreachable_docs = self._index.unreachable()
        return self._index

    # ---- one claim's target and window

    def resolve(self, claim: Claim) -> Target | None:
        speaker = claim.speaker
        if speaker is None or not speaker.name:
            return None
        name = speaker.name
        order = {
            "document": ("document", "publisher", "person"),
            "organisation": ("publisher", "person", "document"),
            "outlet": ("publisher", "person", "document"),
        }.get(speaker.kind, ("person", "publisher", "document"))
        for kind in order:
            if kind == "person":
                person = self.resolver.person(name)
                if person is None and speaker.title:
                    person = self.resolver.person(f"{speaker.title} {name}")
                if person is not None:
                    return Target("person", person.id, person.name, person=person)
            elif kind == "publisher":
                publisher = self.resolver.publisher(name)
                if publisher is not None:
                    return Target("publisher", publisher.id, publisher.name, publisher=publisher)
            else:
                finder = getattr(self.resolver, "document_by_title", None)
                document = finder(name) if finder is not None else None
                if document is not None:
                    return Target("document", document.id, document.title, document=document)
        return None

    def window(self, claim: Claim, target: Target) -> tuple[dt.date | None, dt.date | None]:
        """The dates the claim's words should carry: the stated day or range, else days before the article."""
        if target.kind == "document":
            return (None, None)  # a document's words are its own whenever it is cited
        if claim.date is not None and (claim.date.start or claim.date.end):
            return (claim.date.start or claim.date.end, claim.date.end or claim.date.start)
        if self.article.date is not None:
            return (self.article.date - dt.timedelta(days=self.settings.window_days), self.article.date)
        return (None, None)

    @staticmethod
    def _in(window: tuple[dt.date | None, dt.date | None], day: dt.date) -> bool:
        start, end = window
        return (start is None or start <= day) and (end is None or day <= end)

    # ---- who speaks a segment

    def _orgs_of(self, person_id: str, day: dt.date | None) -> set[str]:
        person = self.people.get(person_id)
        if person is None:
            return set()
        held = [r for r in person.roles if r.publisher and (day is None or r.holds_on(day))]
        if not held:
            held = [r for r in person.roles if r.publisher]
        return {r.publisher for r in held if r.publisher}

    def by_target(self, target: Target, document: Document, segment: Segment | None) -> bool:
        if segment is None:
            return target.kind == "document" and document.id == target.id
        if target.kind == "person":
            return segment.role == "person" and segment.speaker == target.id
        if target.kind == "document":
            return document.id == target.id and segment.role != "reporter"
        if segment.role == "narration":
            return document.publisher == target.id
        if segment.role == "person" and segment.speaker:
            return target.id in self._orgs_of(segment.speaker, document.date)
        return False

    def primary(self, target: Target) -> list[Document]:
        """Documents where the target speaks: by the registry's speakers list or by segments found in them.

        Looked up by speaker (in the index and in a map of the registry's lists built once), never by a pass
        over every document for every claim."""
        if target.kind == "document":
            return [target.document] if target.document else []
        cached = self._primary.get((target.kind, target.id))
        if cached is not None:
            return cached
        by_speaker, by_publisher, order = self._registry_maps()
        if target.kind == "person":
            people = {target.id}
        else:
            people = {p.id for p in self.registry.people if any(r.publisher == target.id for r in p.roles)}
        speaking: dict[str, set[str]] = {}
        for person in people:
            for doc_id in by_speaker.get(person, ()):
                speaking.setdefault(doc_id, set()).add(person)
        for doc_id, persons in self.index.documents_of(people).items():
            speaking.setdefault(doc_id, set()).update(persons)
        found = set(by_publisher.get(target.id, ())) if target.kind == "publisher" else set()
        for doc_id, persons in speaking.items():
            document = self.documents.get(doc_id)
            if document is None or doc_id in found:
                continue
            if target.kind == "person" or any(target.id in self._orgs_of(p, document.date) for p in persons):
                found.add(doc_id)
        out = [self.documents[d] for d in sorted((d for d in found if d in order), key=order.__getitem__)]
        self._primary[(target.kind, target.id)] = out
        return out

    def _registry_maps(self) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]:
        """Person id -> documents listing them as speakers; publisher id -> its documents; id -> registry order."""
        if self._listed is None:
            by_speaker: dict[str, list[str]] = {}
            by_publisher: dict[str, list[str]] = {}
            order: dict[str, int] = {}
            for k, document in enumerate(self.registry.documents):
                order[document.id] = k
                by_publisher.setdefault(document.publisher, []).append(document.id)
                for person in document.speakers:
                    by_speaker.setdefault(person, []).append(document.id)
            self._listed = (by_speaker, by_publisher, order)
        return self._listed

    def record_of(self, target: Target, document: Document) -> str:
        if target.kind == "document" or document.publisher == target.id:
            return "official-record"
        if target.kind == "person" and document.publisher in self._orgs_of(target.id, document.date):
            return "official-record"
        publisher = self.publishers.get(document.publisher)
        if publisher is not None and publisher.type in ("government", "military", "intergovernmental") and target.kind == "person":
            return "official-record" if document.publisher in self._orgs_of(target.id, None) else "third-party"
        return "third-party"

    def speaker_name(self, document: Document, segment: Segment | None) -> str | None:
        if segment is None:
            return None
        if segment.role == "reporter":
            return "reporter"
        if segment.role == "narration":
            return None
        if segment.speaker and segment.speaker in self.people:
            return self.people[segment.speaker].name
        return segment.name

    def who(self, document: Document, segment: Segment | None) -> str:
        """A person-readable name for whoever speaks a segment."""
        if segment is None or segment.role == "narration":
            publisher = self.publishers.get(document.publisher)
            return f"{publisher.name if publisher else document.publisher}'s narration"
        if segment.role == "reporter":
            return "a reporter"
        if segment.speaker and segment.speaker in self.people:
            return self.people[segment.speaker].name
        return segment.name or "an unidentified speaker"

    def read_out_by(self, target: Target, indexed: IndexedDocument, document: Document, segment: Segment) -> bool:
        """A third party's words inside the target's turn: the segments either side are the target's."""
        segments, text = indexed.segments, indexed.text
        try:
            i = segments.index(segment)
        except ValueError:
            return False
        # Inside the same turn: no line break (where a new speaker label would start) between them.
        before = i > 0 and self.by_target(target, document, segments[i - 1]) and "\n" not in text[segments[i - 1].end : segment.start]
        after = i + 1 < len(segments) and self.by_target(target, document, segments[i + 1]) and "\n" not in text[segment.end : segments[i + 1].start]
        return bool(before or after)
