"""Judge each claim against the record: find the passage, check the words, the speaker and the date; keep the evidence."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from attrib.models import (
    Article,
    Claim,
    Document,
    Evidence,
    Judgement,
    Person,
    Publisher,
    Registry,
    Segment,
    Settings,
    Span,
)

if TYPE_CHECKING:
    from attrib.align import Alignment
    from attrib.index import Index, IndexedDocument
    from attrib.paraphrase import Paraphrase

DIRECT_SCAN_MAX = 200  # speaker documents in the window searched passage by passage, beyond the index's windows
SHORT_WORDS = 2  # a quoted fragment this short is weak evidence, and too short to pin on anyone else
# A misquote keeps most of the speaker's words: at least this share of the quote's words must stand in the
# passage in the same order (or all of them, reordered). The character score alone is not enough — words built
# from the same few syllables, or any two stretches of common words, score 60 without sharing a phrase.
MISQUOTE_KEPT = 0.5
_ABBREVIATIONS = {
    "brig": "brigadier", "gen": "general", "maj": "major", "lt": "lieutenant", "lieut": "lieutenant",
    "col": "colonel", "adm": "admiral", "vadm": "vice admiral", "radm": "rear admiral", "sgt": "sergeant",
    "capt": "captain", "cpt": "captain", "cmdr": "commander", "cdr": "commander", "sec": "secretary",
    "dep": "deputy", "pres": "president", "amb": "ambassador", "gov": "governor", "sen": "senator",
    "rep": "representative", "dr": "doctor", "prof": "professor",
}
_TITLE_NOISE = {"air", "force", "army", "navy", "marine", "corps", "us", "u.s", "usaf", "usa", "usn", "usmc", "the"}


@dataclass(frozen=True)
class Target:
    """The speaker an article names, resolved against the registry."""

    kind: str  # "person" | "publisher" | "document"
    id: str
    name: str
    person: Person | None = None
    publisher: Publisher | None = None
    document: Document | None = None


@dataclass
class Match:
    """One aligned window: where, by whom, and how well."""

    document: Document
    segment: Segment | None
    by_target: bool
    in_window: bool
    score: float
    faithful: bool
    start: int
    end: int
    excerpt: str
    diff: list
    classes: list[str] = field(default_factory=list)
    kind: str = "closest"  # Evidence.match
    conflicts: list[str] = field(default_factory=list)
    weak: bool = False


def judge(
    claims: list[Claim], article: Article, registry: Registry | None, settings: Settings, cache_dir: str | None = None
) -> list[Judgement]:
    """A verdict (and, for a wrong title, a second one) for every claim, in claim order."""
    verifier = Verifier(registry, article, settings, cache_dir) if registry is not None else None
    out: list[Judgement] = []
    try:
        for claim in claims:
            if claim.vagueness is not None:
                out.append(_judgement(claim, f"vague.{claim.vagueness.code}", claim.vagueness.message))
            elif claim.unsourced or claim.kind == "unattributed":
                out.append(_judgement(claim, "unsourced.figure", "figures stated as fact with no source"))
            elif verifier is None:
                out.append(_judgement(claim, "unverified.no-primary-source", "no primary source on file"))
            else:
                out.extend(verifier.judge(claim))
    finally:
        if verifier is not None:
            verifier.close()
    return out


def _judgement(claim: Claim, rule_id: str, reason: str, evidence: list[Evidence] | None = None, span: Span | None = None) -> Judgement:
    from attrib.rules import rule

    return Judgement(claim=claim, verdict=rule(rule_id).verdict, rule=rule_id, reason=reason, evidence=evidence or [], span=span)


def _brief(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _word_count(text: str) -> int:
    return len(_WORDS.findall(text))


class Verifier:
    """Everything one article's claims are judged against: the registry, its index, and the article's date."""

    def __init__(self, registry: Registry, article: Article, settings: Settings, cache_dir: str | None = None) -> None:
        from attrib.resolver import Resolver

        self.registry = registry
        self.article = article
        self.settings = settings
        self.cache_dir = cache_dir
        self.resolver = Resolver(registry)
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

    # ---- one claim

    def judge(self, claim: Claim) -> list[Judgement]:
        target = self.resolve(claim)
        if target is None:
            name = claim.speaker.name if claim.speaker else None
            reason = f"{name} is not in the registry" if name else "the article names no speaker for these words"
            return [_judgement(claim, "unverified.speaker-not-in-registry", reason)]
        window = self.window(claim, target)
        verdict = self.judge_quote(claim, target, window) if claim.kind == "quote" else self.judge_reported(claim, target, window)
        out = [verdict]
        titled = self.title_check(claim, target)
        if titled is not None:
            out.append(titled)
        return out

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

    # ---- evidence

    def evidence(self, target: Target, match: Match) -> Evidence:
        document = match.document
        return Evidence(
            document_id=document.id,
            title=document.title,
            url=document.url,
            path=document.path,
            date=document.date,
            publisher=self.publishers[document.publisher].name if document.publisher in self.publishers else document.publisher,
            record=self.record_of(target, document),  # type: ignore[arg-type]
            speaker=self.speaker_name(document, match.segment),
            speaker_role=match.segment.role if match.segment else "unknown",
            passage=match.excerpt,
            span=Span(start=match.start, end=match.end),
            score=round(match.score, 1),
            match=match.kind,  # type: ignore[arg-type]
            diff=match.diff,
        )

    def _where(self, match: Match) -> str:
        return f"{match.document.title} ({match.document.date.isoformat()})"

    def _third_party_note(self, target: Target, match: Match) -> str:
        if self.record_of(target, match.document) == "official-record":
            return ""
        publisher = self.publishers.get(match.document.publisher)
        by = publisher.name if publisher else match.document.publisher
        if target.kind == "person":
            orgs = self._orgs_of(target.id, match.document.date)
            org = self.publishers.get(next(iter(sorted(orgs)))) if orgs else None
            theirs = f"{org.name}'s record" if org else "the speaker's own record"
        else:
            theirs = f"{target.name}'s own record"
        article = "an" if match.document.kind[0] in "aeiou" else "a"
        return f"; verified against {article} {match.document.kind} by {by}, not {theirs}"

    # ---- finding passages

    def _segments_in(self, indexed: IndexedDocument, start: int, end: int) -> list[tuple[Segment | None, int, int]]:
        """The stretches of ``[start, end)`` each spoken by one voice. Consecutive segments of the same voice with
        only white space between (a statement's paragraphs, one speaker's turn over several paragraphs) form one
        stretch, so a quote running across a paragraph break is still found whole."""
        parts = [(s, max(start, s.start), min(end, s.end)) for s in indexed.segments if s.start < end and s.end > start]
        out: list[tuple[Segment | None, int, int]] = []
        for seg, a, b in parts:
            if b <= a:
                continue
            if out and _same_voice(out[-1][0], seg) and not indexed.text[out[-1][2] : a].strip():
                out[-1] = (out[-1][0], out[-1][1], b)
            else:
                out.append((seg, a, b))
        return out or [(None, start, end)]

    @staticmethod
    def _segment_of(indexed: IndexedDocument, seg: Segment | None, start: int, end: int) -> Segment | None:
        """The segment an aligned span lies in, when its stretch joined several segments of the same voice."""
        if seg is None or (seg.start <= start and end <= seg.end):
            return seg
        found = indexed.segment_at(start, end)
        return found if found is not None and _same_voice(found, seg) else seg

    def _target_passages(self, target: Target, document: Document, indexed: IndexedDocument) -> list[tuple[Segment | None, int, int]]:
        out = []
        for a, b in indexed.passages:
            for seg, x, y in self._segments_in(indexed, a, b):
                if self.by_target(target, document, seg):
                    out.append((seg, x, y))
        return out

    def _quote_matches(self, claim: Claim, target: Target, window) -> tuple[list[Match], list[Document], list[Document]]:
        from attrib.align import best_window
        from attrib.index import assured_votes

        index = self.index
        quote = claim.text
        in_window = [d for d in self.primary(target) if self._in(window, d.date)]
        reachable = [d for d in in_window if d.id in index.documents]
        unreachable = [d for d in in_window if d.id not in index.documents]
        seen: set[tuple[str, int, int]] = set()
        matches: list[Match] = []

        def align(document: Document, indexed: IndexedDocument, seg: Segment | None, a: int, b: int) -> None:
            key = (document.id, a, b)
            if key in seen or b <= a:
                return
            seen.add(key)
            al = best_window(quote, indexed.text, a, b)
            seg = self._segment_of(indexed, seg, al.start, al.end)
            matches.append(self._match_from_alignment(target, window, document, seg, al))

        # A window with far fewer votes than the quote's words would bring cannot hold them (faithfully): chance
        # 3-grams, unless it is the speaker's own document, where a reworded quote is worth a look.
        floor = max(1, assured_votes(quote) // 2)
        own = {d.id for d in reachable}
        for cand in index.candidates(quote, limit=12):
            if cand.votes < floor and cand.document_id not in own:
                continue
            document = self.documents.get(cand.document_id)
            indexed = index.document(cand.document_id)
            if document is None or indexed is None:
                continue
            for seg, a, b in self._segments_in(indexed, cand.start, cand.end):
                align(document, indexed, seg, a, b)
        # The speaker's own passages in the window, beyond the index's windows: for the quotes the index cannot
        # place (reworded inside quote marks). Not needed once the words were found as the speaker's, then, or
        # all but a word or two of them.
        close = self.settings.thresholds.close
        found = any(
            m.by_target and m.in_window and (m.faithful or (m.score >= close and m.classes and _words_kept(m) >= 0.8))
            for m in matches
        )
        if len(reachable) <= DIRECT_SCAN_MAX and not found:
            keys = _content_words(quote)
            scored = []
            for document in reachable:
                indexed = index.document(document.id)
                if indexed is None:
                    continue
                for seg, a, b in self._target_passages(target, document, indexed):
                    overlap = len(keys & _content_words(indexed.text[a:b]))
                    if overlap:
                        scored.append((overlap, document, indexed, seg, a, b))
            scored.sort(key=lambda s: -s[0])
            for _overlap, document, indexed, seg, a, b in scored[:8]:
                align(document, indexed, seg, a, b)
        return matches, reachable, unreachable

    def _match_from_alignment(self, target, window, document, seg, al: Alignment) -> Match:
        return Match(
            document=document,
            segment=seg,
            by_target=self.by_target(target, document, seg),
            in_window=self._in(window, document.date),
            score=al.score,
            faithful=al.faithful,
            start=al.start,
            end=al.end,
            excerpt=al.excerpt,
            diff=list(al.diff),
            classes=list(al.classes),
            kind=al.match,
        )

    # ---- quotes

    def judge_quote(self, claim: Claim, target: Target, window) -> Judgement:
        matches, reachable, unreachable = self._quote_matches(claim, target, window)
        short = _word_count(claim.text) <= SHORT_WORDS
        best = lambda ms: max(ms, key=lambda m: (m.score, m.in_window))  # noqa: E731
        faithful = [m for m in matches if m.faithful]
        mine_now = [m for m in faithful if m.by_target and m.in_window]
        if mine_now:
            m = max(mine_now, key=lambda m: (m.kind == "verbatim", self.record_of(target, m.document) == "official-record"))
            hedge = self._hedge_cut_off(claim, m)
            if hedge:
                reason = (f"hedge dropped: the quote starts at the number, {target.name} said “{hedge} "
                          f"{_brief(m.excerpt, 50)}” ({self._where(m)})")
                return _judgement(claim, "misquoted.hedge-changed", reason, [self.evidence(target, m)])
            note = self._third_party_note(target, m)
            if short:
                reason = f"weak evidence: the {_word_count(claim.text)}-word fragment occurs in {target.name}'s words in {self._where(m)}{note}"
                return _judgement(claim, "verified.weak", reason, [self.evidence(target, m)])
            how = "verbatim" if m.kind == "verbatim" else "with faithful elisions"
            rule_id = "verified.verbatim" if m.kind == "verbatim" else "verified.elided"
            return _judgement(claim, rule_id, f"found {how} in {target.name}'s words in {self._where(m)}{note}", [self.evidence(target, m)])
        if not short:
            mine_then = [m for m in faithful if m.by_target and not m.in_window]
            if mine_then:
                m = min(mine_then, key=lambda m: abs((m.document.date - (window[0] or m.document.date)).days))
                stated = self._stated(claim, window)
                reason = f"{target.name} said this on {m.document.date:%-d %B %Y} ({m.document.title}), not {stated}"
                return _judgement(claim, "misdated.date", reason, [self.evidence(target, m)])
            others = [m for m in faithful if not m.by_target]
            if others:
                m = max(others, key=lambda m: (m.in_window, m.kind == "verbatim", m.score))
                return self._misattributed(claim, target, m)
        mine = [m for m in matches if m.by_target and m.in_window]
        if not reachable:
            return self._no_document(claim, target, window, unreachable, matches)
        if mine and not short:
            m = best(mine)
            if m.score >= self.settings.thresholds.close and m.classes and _words_kept(m) >= MISQUOTE_KEPT:
                cls = m.classes[0]
                reason = (
                    f"{_CLASS_TEXT.get(cls, cls)}: the article has “{_brief(claim.text, 60)}”, "
                    f"{target.name} said “{_brief(m.excerpt, 60)}” ({self._where(m)})"
                )
                return _judgement(claim, f"misquoted.{cls}", reason, [self.evidence(target, m)])
            paraphrased = self._paraphrase_in_marks(claim, target, window, reachable)
            if paraphrased is not None:
                return paraphrased
        return self._no_close(claim, target, unreachable, matches, window, reachable)

    def _paraphrase_in_marks(self, claim: Claim, target: Target, window, reachable: list[Document]) -> Judgement | None:
        """A quote whose words are not the speaker's but whose content is: a paraphrase inside quote marks."""
        best = self._best_paraphrase(claim, target, window, reachable)
        if best is None or best.conflicts or best.score < self.settings.thresholds.paraphrase * 100:
            return None
        reason = (f"paraphrase inside quote marks: the article has “{_brief(claim.text, 60)}”, "
                  f"{target.name} said “{_brief(best.excerpt, 60)}” ({self._where(best)})")
        return _judgement(claim, "misquoted.paraphrase", reason, [self.evidence(target, best)])

    def _best_paraphrase(self, claim: Claim, target: Target, window, reachable: list[Document]) -> Match | None:
        from attrib.paraphrase import paraphrase_window

        keys = _content_words(claim.text)
        found: list[Match] = []
        for document in reachable[:DIRECT_SCAN_MAX]:
            indexed = self.index.document(document.id)
            if indexed is None:
                continue
            for seg, a, b in self._target_passages(target, document, indexed):
                if keys and not keys & _content_words(indexed.text[a:b]):
                    continue
                found.append(self._match_from_paraphrase(target, window, document, seg, paraphrase_window(claim.text, indexed.text, a, b)))
        return max(found, key=lambda m: (not m.conflicts, m.score)) if found else None

    def _hedge_cut_off(self, claim: Claim, m: Match) -> str | None:
        """The hedge just before a matched figure that the quote leaves out ("[Roughly] 40 drones …")."""
        first = claim.text.strip().lstrip("“\"'‘").split(" ", 1)[0]
        if not first[:1].isdigit():
            return None
        indexed = self.index.document(m.document.id)
        if indexed is None:
            return None
        before = indexed.text[max(0, m.start - 30) : m.start].lower().split()
        for size in (3, 2, 1):
            words = " ".join(before[-size:])
            if words.strip(" ,") in _HEDGES:
                return " ".join(indexed.text[max(0, m.start - 30) : m.start].split()[-size:])
        return None

    def _stated(self, claim: Claim, window) -> str:
        if claim.date is not None and claim.date.start and claim.date.start == claim.date.end:
            return f"on {claim.date.start:%-d %B %Y} as the article says"
        start, end = window
        if start and end:
            return f"between {start:%-d %B} and {end:%-d %B %Y} as the article implies"
        return "on the date the article gives"

    def _misattributed(self, claim: Claim, target: Target, m: Match) -> Judgement:
        seg = m.segment
        where = self._where(m)
        evidence = [self.evidence(target, m)]
        if seg is not None and seg.role == "reporter":
            return _judgement(claim, "misattributed.reporter", f"the words are a reporter's question in {where}, not {target.name}'s answer", evidence)
        if seg is None or seg.role == "narration":
            publisher = self.publishers.get(m.document.publisher)
            pub = publisher.name if publisher else m.document.publisher
            return _judgement(claim, "misattributed.narration", f"the words are {pub}'s narration in {where}, not a quotation of {target.name}", evidence)
        indexed = self.index.document(m.document.id)
        if indexed is not None and self.read_out_by(target, indexed, m.document, seg):
            return _judgement(
                claim, "misattributed.read-out",
                f"{target.name} read these words out from {self.who(m.document, seg)}, whose words they are ({where})", evidence,
            )
        return _judgement(claim, "misattributed.other-speaker", f"{self.who(m.document, seg)} said this, not {target.name} ({where})", evidence)

    def _no_document(self, claim: Claim, target: Target, window, unreachable: list[Document], matches: list[Match]) -> Judgement:
        if unreachable:
            return self._unreachable(claim, target, unreachable)
        start, end = window
        span = f"between {start:%-d %B %Y} and {end:%-d %B %Y}" if start and end and start != end else (
            f"on {start:%-d %B %Y}" if start else "at any date")
        evidence = [self.evidence(target, m) for m in sorted(matches, key=lambda m: -m.score)[:1] if m.score >= self.settings.thresholds.close]
        return _judgement(claim, "unverified.no-document-in-window", f"the registry holds no document by {target.name} {span}", evidence)

    def _unreachable(self, claim: Claim, target: Target, unreachable: list[Document]) -> Judgement:
        reasons = self._unreachable_reasons()
        doc = unreachable[0]
        more = f" (and {len(unreachable) - 1} more)" if len(unreachable) > 1 else ""
        reason = f"{doc.id} could hold it but is unreachable: {reasons.get(doc.id, 'not indexed')}{more}"
        return _judgement(claim, "unverified.unreachable", reason)

    def _unreachable_reasons(self) -> dict[str, str]:
        self.index  # noqa: B018 - opening the index reads the unreachable list
        return self._unreachable_docs

    def _no_close(self, claim: Claim, target: Target, unreachable: list[Document], matches: list[Match], window=None,
                  reachable: list[Document] = ()) -> Judgement:
        if unreachable:
            return self._unreachable(claim, target, unreachable)
        mine = [m for m in matches if m.by_target and m.in_window] or [m for m in matches if m.by_target] or matches
        if not mine and reachable:
            closest = self._closest_anyway(claim, target, window, reachable)
            mine = [closest] if closest is not None else []
        if not mine:
            return _judgement(claim, "unverified.no-close-passage", f"nothing in {target.name}'s documents comes close to these words")
        m = max(mine, key=lambda m: m.score)
        reason = f"no passage by {target.name} is close enough; the closest ({m.score:.0f}/100) is in {self._where(m)}"
        return _judgement(claim, "unverified.no-close-passage", reason, [self.evidence(target, m)])

    def _closest_anyway(self, claim: Claim, target: Target, window, reachable: list[Document]) -> Match | None:
        """The speaker's passage nearest in characters, to show even when nothing is close (fuzzy, to locate only)."""
        from rapidfuzz import fuzz

        from attrib.align import best_window

        best = None
        wanted = claim.text.lower()
        for document in reachable[:DIRECT_SCAN_MAX]:
            indexed = self.index.document(document.id)
            if indexed is None:
                continue
            for seg, a, b in self._target_passages(target, document, indexed):
                score = fuzz.partial_ratio(wanted, indexed.text[a:b].lower())
                if best is None or score > best[0]:
                    best = (score, document, indexed, seg, a, b)
        if best is None:
            return None
        _score, document, indexed, seg, a, b = best
        return self._match_from_alignment(target, window, document, seg, best_window(claim.text, indexed.text, a, b))

    # ---- reported claims

    def judge_reported(self, claim: Claim, target: Target, window) -> Judgement:
        from attrib.paraphrase import paraphrase_window

        index = self.index
        in_window = [d for d in self.primary(target) if self._in(window, d.date)]
        reachable = [d for d in in_window if d.id in index.documents]
        unreachable = [d for d in in_window if d.id not in index.documents]
        threshold = self.settings.thresholds.paraphrase
        best = self._best_paraphrase(claim, target, window, reachable)
        mine = [best] if best is not None else []
        if best is not None and best.score >= threshold * 100:
            m = best
            if not m.conflicts:
                reason = f"paraphrase match: {target.name}'s words in {self._where(m)} carry the claim's key words{self._third_party_note(target, m)}"
                return _judgement(claim, "verified.paraphrase", reason, [self.evidence(target, m)])
            cls = m.conflicts[0]
            reason = (f"{_CLASS_TEXT.get(cls, cls)}: the article reports “{_brief(claim.text, 60)}”, "
                      f"{target.name} said “{_brief(m.excerpt, 60)}” ({self._where(m)})")
            return _judgement(claim, f"misquoted.{cls}", reason, [self.evidence(target, m)])
        # Not carried by the speaker in the window: the same content elsewhere (weak, order-blind retrieval),
        # only for claims with enough content words to mean something on their own.
        elsewhere: list[Match] = []
        seen: set[tuple[str, int, int]] = set()
        searched = index.rare_word_candidates(claim.text, limit=10) + index.candidates(claim.text, limit=6)
        for cand in searched if len(_content_words(claim.text)) >= 3 else []:
            document = self.documents.get(cand.document_id)
            indexed = index.document(cand.document_id)
            if document is None or indexed is None:
                continue
            for seg, a, b in self._segments_in(indexed, cand.start, cand.end):
                if (document.id, a, b) in seen:
                    continue
                seen.add((document.id, a, b))
                para = paraphrase_window(claim.text, indexed.text, a, b)
                seg = self._segment_of(indexed, seg, para.start, para.end)
                match = self._match_from_paraphrase(target, window, document, seg, para)
                match.weak = cand.weak
                elsewhere.append(match)
        found = [m for m in elsewhere if m.score >= threshold * 100 and not m.conflicts and not (m.by_target and m.in_window)]
        if found:
            then = [m for m in found if m.by_target]
            if then:
                m = max(then, key=lambda m: m.score)
                reason = f"paraphrase match: {target.name} said this on {m.document.date:%-d %B %Y} ({m.document.title}), not {self._stated(claim, window)}"
                return _judgement(claim, "misdated.date", reason, [self.evidence(target, m)])
            others = [m for m in found if not m.by_target]
            if others and reachable:
                m = max(others, key=lambda m: (m.in_window, m.score))
                judged = self._misattributed(claim, target, m)
                return judged.model_copy(update={"reason": "paraphrase match (weak): " + judged.reason})
        if not reachable:
            return self._no_document(claim, target, window, unreachable, [])
        return self._no_close(claim, target, unreachable, mine, window, reachable)

    def _match_from_paraphrase(self, target, window, document, seg, p: Paraphrase) -> Match:
        return Match(
            document=document,
            segment=seg,
            by_target=self.by_target(target, document, seg),
            in_window=self._in(window, document.date),
            score=p.score * 100,
            faithful=not p.conflicts,
            start=p.start,
            end=p.end,
            excerpt=p.excerpt,
            diff=list(p.diff),
            kind="paraphrase",
            conflicts=list(p.conflicts),
        )

    # ---- titles

    def title_check(self, claim: Claim, target: Target) -> Judgement | None:
        speaker = claim.speaker
        if speaker is None or not speaker.title or target.person is None or not target.person.roles:
            return None
        day = claim.date.start if claim.date is not None and claim.date.start else self.article.date
        if day is None:
            return None
        said = _canonical_title(speaker.title)
        if not said:
            return None
        matching = [r for r in target.person.roles if _title_matches(said, _canonical_title(r.title))]
        if not matching or any(r.holds_on(day) for r in matching):
            return None
        held = [r.title for r in self.resolver.roles_on(target.person.id, day)]
        spans = []
        for r in matching:
            since = f"from {r.start:%-d %B %Y}" if r.start else ""
            until = f"until {r.end:%-d %B %Y}" if r.end else ""
            spans.append(" ".join(p for p in (since, until) if p))
        now = f"; on that date: {', '.join(held)}" if held else ""
        reason = f"{target.person.name} was not {speaker.title} on {day:%-d %B %Y} (held {'; '.join(spans)}){now}"
        return _judgement(claim, "mistitled.role", reason, span=self._title_span(claim))

    def _title_span(self, claim: Claim) -> Span | None:
        speaker = claim.speaker
        if speaker is None or speaker.span is None or not speaker.title:
            return None
        text = self.article.text
        start = max(0, speaker.span.start - len(speaker.title) - 60)
        end = min(len(text), speaker.span.end)
        found = text.lower().rfind(speaker.title.lower(), start, end)
        if found < 0:
            return None
        return Span(start=found, end=found + len(speaker.title))


_CLASS_TEXT = {
    "number-changed": "number changed",
    "hedge-changed": "hedge dropped or added",
    "negation-flipped": "negation flipped",
    "words-substituted": "words substituted",
    "words-added": "words added",
    "words-omitted": "words omitted",
    "word-order": "word order changed",
    "paraphrase": "paraphrase inside quote marks",
}
_HEDGES = frozenset(
    "about around roughly approximately nearly almost some over under up to at least at most more than less than "
    "fewer than as many as as much as an estimated estimated close to".split()
) | {"up to", "at least", "at most", "more than", "less than", "fewer than", "as many as", "as much as",
     "an estimated", "close to"}
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its this that these "
    "those he she they we you i his her their our not no said says say will would could should has have had do does "
    "did there here than then so if into over about".split()
)


def _words_kept(match: Match) -> float:
    """The share of the quote's words the alignment found in the passage: in order, or all of them reordered."""
    if "paraphrase" in match.classes:
        return 1.0  # judged on content words by the aligner already
    claim = [w for op in match.diff for w in _WORDS.findall(op.claim.lower())]
    if not claim:
        return 0.0
    source = [w for op in match.diff for w in _WORDS.findall(op.source.lower())]
    if Counter(claim) == Counter(source):
        return 1.0
    kept = sum(len(_WORDS.findall(op.claim)) for op in match.diff if op.op == "equal")
    return kept / len(claim)


def _same_voice(a: Segment | None, b: Segment | None) -> bool:
    return a is not None and b is not None and (a.role, a.speaker, a.name) == (b.role, b.speaker, b.name)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", text.lower()) if w not in _STOP and len(w) > 2 or w.isdigit()}


def _canonical_title(title: str) -> str:
    out = []
    for word in re.findall(r"[A-Za-z.]+", title.lower()):
        word = word.strip(".")
        if not word or word in _TITLE_NOISE:
            continue
        out.append(_ABBREVIATIONS.get(word, word))
    return " ".join(out)


def _title_matches(said: str, role: str) -> bool:
    """The article's title names this registry role: the same words, or the role's last words ("General")."""
    return bool(role) and (said == role or role.endswith(" " + said) and said.count(" ") >= 1)
