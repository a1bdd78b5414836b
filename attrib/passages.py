"""Find the passages a claim may come from, in the speaker's documents and the index, as Matches with Evidence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from attrib.models import Claim, Document, Evidence, Segment, Span
from attrib.targets import Record, Target

if TYPE_CHECKING:
    from attrib.align import Alignment
    from attrib.index import IndexedDocument
    from attrib.paraphrase import Paraphrase

DIRECT_SCAN_MAX = 200  # speaker documents in the window searched passage by passage, beyond the index's windows

WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its this that these "
    "those he she they we you i his her their our not no said says say will would could should has have had do does "
    "did there here than then so if into over about".split()
)


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


class Passages(Record):
    """The passages of the record a claim is aligned against, and the evidence each becomes."""

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
        from attrib.shingles import assured_votes

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
            m.by_target and m.in_window and (m.faithful or (m.score >= close and m.classes and words_kept(m) >= 0.8))
            for m in matches
        )
        if len(reachable) <= DIRECT_SCAN_MAX and not found:
            keys = content_words(quote)
            scored = []
            for document in reachable:
                indexed = index.document(document.id)
                if indexed is None:
                    continue
                for seg, a, b in self._target_passages(target, document, indexed):
                    overlap = len(keys & content_words(indexed.text[a:b]))
                    if overlap:
                        scored.append((overlap, document, indexed, seg, a, b))
            scored.sort(key=lambda s: -s[0])
            for _overlap, document, indexed, seg, a, b in scored[:8]:
                align(document, indexed, seg, a, b)
        return matches, reachable, unreachable

    def _match(self, target, window, document, seg, found: Alignment | Paraphrase, **how) -> Match:
        """A Match of an aligned span (its score, classes or conflicts and kind given by ``how``)."""
        return Match(
            document=document,
            segment=seg,
            by_target=self.by_target(target, document, seg),
            in_window=self._in(window, document.date),
            start=found.start,
            end=found.end,
            excerpt=found.excerpt,
            diff=list(found.diff),
            **how,
        )

    def _match_from_alignment(self, target, window, document, seg, al: Alignment) -> Match:
        return self._match(target, window, document, seg, al, score=al.score, faithful=al.faithful,
                           classes=list(al.classes), kind=al.match)

    def _match_from_paraphrase(self, target, window, document, seg, p: Paraphrase) -> Match:
        return self._match(target, window, document, seg, p, score=p.score * 100, faithful=not p.conflicts,
                           kind="paraphrase", conflicts=list(p.conflicts))

    def _best_paraphrase(self, claim: Claim, target: Target, window, reachable: list[Document]) -> Match | None:
        from attrib.paraphrase import paraphrase_window

        keys = content_words(claim.text)
        found: list[Match] = []
        for document in reachable[:DIRECT_SCAN_MAX]:
            indexed = self.index.document(document.id)
            if indexed is None:
                continue
            for seg, a, b in self._target_passages(target, document, indexed):
                if keys and not keys & content_words(indexed.text[a:b]):
                    continue
                found.append(self._match_from_paraphrase(target, window, document, seg, paraphrase_window(claim.text, indexed.text, a, b)))
        return max(found, key=lambda m: (not m.conflicts, m.score)) if found else None

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


def word_count(text: str) -> int:
    return len(WORDS.findall(text))


def words_kept(match: Match) -> float:
    """The share of the quote's words the alignment found in the passage: in order, or all of them reordered."""
    if "paraphrase" in match.classes:
        return 1.0  # judged on content words by the aligner already
    claim = [w for op in match.diff for w in WORDS.findall(op.claim.lower())]
    if not claim:
        return 0.0
    source = [w for op in match.diff for w in WORDS.findall(op.source.lower())]
    if Counter(claim) == Counter(source):
        return 1.0
    kept = sum(len(WORDS.findall(op.claim)) for op in match.diff if op.op == "equal")
    return kept / len(claim)


def _same_voice(a: Segment | None, b: Segment | None) -> bool:
    return a is not None and b is not None and (a.role, a.speaker, a.name) == (b.role, b.speaker, b.name)


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", text.lower()) if w not in _STOP and len(w) > 2 or w.isdigit()}
