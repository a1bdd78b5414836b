"""Judge each claim against the record: weigh the passages found by words, speaker and date; give the verdict."""

from __future__ import annotations

import re

from attrib.models import Article, Claim, Document, Evidence, Judgement, Registry, Settings, Span
from attrib.passages import Match, Passages, content_words, word_count, words_kept
from attrib.targets import Target

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


class Verifier(Passages):
    """The verdicts: a quote's or a reported claim's passages weighed by speaker, date and words; a title checked."""

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

    # ---- quotes

    def judge_quote(self, claim: Claim, target: Target, window) -> Judgement:
        matches, reachable, unreachable = self._quote_matches(claim, target, window)
        short = word_count(claim.text) <= SHORT_WORDS
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
                reason = f"weak evidence: the {word_count(claim.text)}-word fragment occurs in {target.name}'s words in {self._where(m)}{note}"
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
            if m.score >= self.settings.thresholds.close and m.classes and words_kept(m) >= MISQUOTE_KEPT:
                cls = m.classes[0]
                reason = (
                    f"{_class_detail(cls, m.diff)}: the article has “{_brief(claim.text, 60)}”, "
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

    # ---- verdicts without a faithful passage by the speaker

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
            reason = (f"{_class_detail(cls, m.diff)}: the article reports “{_brief(claim.text, 60)}”, "
                      f"{target.name} said “{_brief(m.excerpt, 60)}” ({self._where(m)})")
            return _judgement(claim, f"misquoted.{cls}", reason, [self.evidence(target, m)])
        # Not carried by the speaker in the window: the same content elsewhere (weak, order-blind retrieval),
        # only for claims with enough content words to mean something on their own.
        elsewhere: list[Match] = []
        seen: set[tuple[str, int, int]] = set()
        searched = index.rare_word_candidates(claim.text, limit=10) + index.candidates(claim.text, limit=6)
        for cand in searched if len(content_words(claim.text)) >= 3 else []:
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
_NEGATION_WORDS = frozenset("not no never n't none neither nor without nothing nobody".split())


def _class_detail(cls: str, diff: list) -> str:
    """The misquote class in words, with the words that make it: 'hedge dropped (“at least”)'."""
    said = [op for op in diff if op.op in ("delete", "replace") and op.source]  # the record's words the quote lacks
    added = [op for op in diff if op.op in ("insert", "replace") and op.claim]  # the quote's words the record lacks

    def has(words: frozenset, text: str) -> bool:
        low = f" {text.lower()} "
        return any(f" {w} " in low or (w == "n't" and "n't" in low) for w in words)

    if cls in ("hedge-changed", "negation-flipped"):
        words = _HEDGES if cls == "hedge-changed" else _NEGATION_WORDS
        noun = "hedge" if cls == "hedge-changed" else "negation"
        dropped = [op.source for op in said if has(words, op.source)]
        if dropped:
            return f"{noun} dropped (“{dropped[0]}”)"
        gained = [op.claim for op in added if has(words, op.claim)]
        if gained:
            return f"{noun} added (“{gained[0]}”)"
    if cls in ("number-changed", "words-substituted"):
        swap = next((op for op in diff if op.op == "replace" and op.claim and op.source), None)
        if swap is not None:
            return f"{_CLASS_TEXT[cls]} (“{_brief(swap.source, 40)}” → “{_brief(swap.claim, 40)}”)"
    if cls == "words-added" and added:
        return f"words added (“{_brief(added[0].claim, 40)}”)"
    if cls == "words-omitted" and said:
        return f"words omitted (“{_brief(said[0].source, 40)}”)"
    return _CLASS_TEXT.get(cls, cls)


_HEDGES = frozenset(
    "about around roughly approximately nearly almost some over under up to at least at most more than less than "
    "fewer than as many as as much as an estimated estimated close to".split()
) | {"up to", "at least", "at most", "more than", "less than", "fewer than", "as many as", "as much as",
     "an estimated", "close to"}


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
