"""Extract claims from an article: direct quotes, reported speech, vague attributions and unsourced figures.

The pipeline, per paragraph: drop page furniture → find quotations (attrib.quotes) → split sentences with the
quotations kept whole → find attribution frames (attrib.frames) → give each quotation a speaker → resolve speakers
(attrib.speakers) → claims, with spans mapped back onto the article's raw text.

Rules that decide what is *not* a quote from a person:

* **Names.** A quoted Title-Case phrase of at most six words right after "so-called", "the", "dubbed", "named",
  "called", "codenamed", "titled", "entitled", "known as", "Operation" or a possessive is the name of a document,
  operation, plan or work (``Ukraine's so-called ‘Victory Plan’``). It is remembered, so a later "the plan" can
  be resolved to it, and is never a finding.
* **Scare quotes.** A quoted phrase of at most three words with no frame in its sentence, no document subject,
  and no speaker carried over from its paragraph is the author's own voice (irony, a term of art): not a finding.
* **Document sources.** A quoted fragment in a sentence with no reporting cue whose subject is a document
  ("the plan", "the report", "The second point in the plan") quotes that document: the speaker is the document,
  named by the most recent name the article gave a document of that kind (``Victory Plan``).

Spans: a quote's text is the words inside its marks (a transcript label such as "WALLACE:" opening a quoted turn
is the speaker, not the words); a named reported claim's text is the reported clause, starting at its
complementiser "that" when it has one ("said [that the port will close]", PolNeAR's convention) or after
"according to X,"; when the whole clause is one quotation ("said that “…”") the quote alone is the claim. A vague
claim's and an unsourced figure's text is its whole sentence, since what the editor must judge is the
attribution, not the clause. An unresolved pronoun leaves the speaker None (the report says "not identified").

Continuations: when a parenthetical attribution interrupts a clause ("Costs rose, the agency said, and jobs
fell"), the words after its closing comma are a second claim of the same speaker, unless they open an
appositive ("a …", "who …"), a participle, "according to" or a time adverbial; that second piece ends where any
content ends (attrib.frame_parts.content_end: a dash, a participial adjunct, ", as X said" …).

Furniture words: unambiguous ones ("privacy policy", "free sample") mark a block wherever they stand; words news
prose also uses ("advertisement", "download", "sign up", "newsletter") only in a block of at most 12 words or when
one opens a sentence as an imperative ("Download the report …").

Other decisions: a quote with no speaker in its sentence takes the speaker of the paragraph's other quotes, or,
when its paragraph opens with the quote, of the previous paragraph's last attribution. A quote of at most three
words that is a whole sentence ("“Not yet.”") is speech, not a scare quote, when its paragraph has a speaker.
"is (not) expected" with no one doing the expecting is reported as a low-severity vague attribution with code
``expectation``. Page furniture (adverts, newsletter and form text, photo captions and credits, bylines,
headings) yields nothing.
"""

from __future__ import annotations

import re

from attrib import lexicon
from attrib.frame_parts import Frame, content_end
from attrib.frames import find_frames
from attrib.models import Article, Claim, Cue, DateRange, Span, Speaker, Vagueness
from attrib.quotes import Quote, find_quotes
from attrib.sentences import Paragraph, paragraphs, sentences, tokens, trim
from attrib.vague import agentless_frames
from attrib.speakers import Entities, Mention, parse_appositive, scan_names, split_title

_NAME_LEAD = re.compile(r"(?:so-called|the|dubbed|named|called|codenamed|code-named|titled|entitled|known as|"
                        r"Operation|operation|its|his|her|their|our|’s|'s|a|an)\s*$")
_FIGURE = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:%|per\s?cent\b|percent\b)|\b\d[\d,.]*\s*(?:bn|m|k|tn|billion|million|trillion|thousand)\b"
    r"|\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*(?:-\d[\d,.]*)?\s+(?:square\s+)?"
    r"(?!years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|seconds?\b|times\b|a\.?m\b|p\.?m\b|of\b|and\b|"
    r"or\b|to\b|in\b|on\b|at\b|per\b|for\b|the\b|was\b|is\b)[a-z]{3,}"
)
# A transcript label opening a turn: "WALLACE:", "GEN. RYDER:", "MR. MILLER:" (capitals, then a colon).
_LABEL = re.compile(r"((?:[A-Z]{2,}\.?|[A-Z]\.)(?:[ \-][A-Z][A-Z’'.\-]+){0,3}):\s+")
_MESSAGES = {
    "anonymous-source": "unnamed source: '{w}' gives no name to check",
    "agentless": "'{w}' names no one: who says so?",
    "unowned-estimate": "estimate with no owner: whose estimate is '{w}'?",
    "weasel-words": "'{w}' is an unnamed group: which ones, and who exactly?",
    "expectation": "'{w}' by whom? the expectation has no owner",
}


def extract(article: Article) -> list[Claim]:
    """Every claim the article makes, in document order, with ids c1, c2 …"""
    prose = article.prose
    paras = [p for p in paragraphs(article)]
    editorial = _editorial(prose, paras)
    quotes = [q for q in find_quotes(prose, paras) if editorial[q.paragraph]]
    entities = Entities()
    scan_names(prose, [(p.start, p.end) for p, ok in zip(paras, editorial) if ok], entities)
    state = _State(article, entities)
    by_para: dict[int, list[Quote]] = {}
    for q in quotes:
        by_para.setdefault(q.paragraph, []).append(q)
    for pi, para in enumerate(paras):
        if editorial[pi]:
            state.paragraph(pi, para, by_para.get(pi, []))
    claims = sorted(state.claims, key=lambda c: (c.span.start, c.span.end))
    # Two routes to the same words ("A, X said, and B" read once as a split clause and once as a trailing
    # attribution) must not report them twice: one claim per kind and span.
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for claim in claims:
        key = (claim.kind, claim.span.start, claim.span.end)
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return [c.model_copy(update={"id": f"c{n}"}) for n, c in enumerate(unique, 1)]


def _editorial(prose: str, paras: list[Paragraph]) -> list[bool]:
    """Which paragraphs are editorial text (not headings, captions, adverts, forms or bylines)."""
    furniture = []
    for p in paras:
        body = prose[p.start:p.end]
        if p.kind in ("heading", "caption", "furniture"):
            furniture.append(True)
        elif lexicon.FURNITURE_RE.search(body) or lexicon.BYLINE_RE.search(body) or _call_to_action(body):
            furniture.append(True)
        elif "\n" not in body and len(body.split()) <= 14 and body[-1] not in ".!?\"”’»:…)":
            furniture.append(True)  # a sub-heading: a short line with no closing punctuation
        else:
            furniture.append(False)
    # A short block sitting between furniture blocks belongs to the same advert or form.
    out = []
    for i, flag in enumerate(furniture):
        if not flag and 0 < i < len(paras) - 1 and furniture[i - 1] and furniture[i + 1] and \
                len(prose[paras[i].start:paras[i].end].split()) < 40:
            flag = True
        out.append(not flag)
    return out


def _call_to_action(body: str) -> bool:
    """A weak furniture word ("download", "sign up", "advertisement") marks a block only when the block is short
    or the word opens a sentence in the imperative; in a long block of prose it is an ordinary word."""
    for m in lexicon.FURNITURE_WEAK_RE.finditer(body):
        if m.group()[0].isupper() or len(body.split()) <= lexicon.FURNITURE_WEAK_MAX_WORDS:
            return True
    return False


class _State:
    """What the extractor knows while it walks the article: entities, the last speaker, claims so far."""

    def __init__(self, article: Article, entities: Entities):
        self.article = article
        self.prose = article.prose
        self.entities = entities
        self.claims: list[Claim] = []
        self.last_speaker: Speaker | None = None  # of the previous paragraph's last attribution
        self.documents: list[str] = []  # names the article gave documents, most recent last
        self._dates: dict[tuple[int, int], list[DateRange]] = {}  # date expressions per sentence

    # -- paragraphs and sentences ------------------------------------------------------------------------------

    def paragraph(self, pi: int, para: Paragraph, quotes: list[Quote]) -> None:
        prose = self.prose
        guards = [(q.open, q.after) for q in quotes]
        para_speaker: Speaker | None = None
        pending: list[tuple[Quote, tuple[int, int]]] = []
        previous = self.last_speaker
        for s, e in sentences(prose, para.start, para.end, guards):
            inside = [q for q in quotes if s <= q.open < e]
            quoted = [(q.open, q.close if q.close is not None else q.end) for q in inside]
            frames = find_frames(prose, s, e, quoted)
            frames += agentless_frames(prose, s, e, frames)
            speakers = {id(f): self._speaker(f) for f in frames}
            consumed: set[int] = set()
            for q in inside:
                if self._is_name(q):
                    continue
                label = _LABEL.match(prose, q.start, q.end)
                if label is not None:
                    # A transcript turn quoted whole ("WALLACE: Let's start …"): the label names the speaker
                    # and is not part of the words.
                    q.start = label.end()
                    sp = self._label_speaker(label.start(1), label.end(1))
                    self._quote(q, sp, None, (s, e), fragment=False)
                    para_speaker = sp
                    continue
                owner = self._owner(q, frames)
                # A frame whose pronoun resolved to no one still owns its quote: the speaker stays unknown.
                unresolved = owner is not None and owner.mention is not None and owner.mention.kind == "pronoun"
                if owner is not None and (speakers[id(owner)] is not None or unresolved):
                    frame = owner
                    whole = _covers(prose, q, frame.content)
                    if whole:
                        consumed.add(id(frame))
                    self._quote(q, speakers[id(frame)], frame, (s, e), fragment=not whole and bool(frame.content))
                    para_speaker = speakers[id(frame)]
                else:
                    pending.append((q, (s, e)))
            for f in frames:
                sp = speakers[id(f)]
                if sp is not None and sp.kind in ("person", "organisation", "outlet", "document"):
                    para_speaker = sp
                if id(f) in consumed or f.content is None or f.kind == "participle":
                    continue
                if f.kind == "prepositional" and f.cue_start > 0 and prose[f.cue_start:f.cue_end] == "citing":
                    continue
                self._reported(f, sp, (s, e))
                rest = _continuation(prose, f, e, frames, quoted)
                if rest is not None and f.vague is None and (sp is None or sp.kind != "anonymous"):
                    self._add("reported", *rest, (s, e), speaker=sp, cue=self._cue(f), anchor=f.cue_start)
            if not frames and not inside:
                self._figures(s, e)
        for q, sent in pending:
            # A short quote standing as a whole sentence ("“Not yet.”") is someone's speech, not a scare quote.
            whole = q.open == sent[0] and not any(ch.isalnum() for ch in self.prose[q.after:sent[1]])
            short = len(self.prose[q.start:q.end].split()) <= 3 and not whole
            speaker = None if short else para_speaker
            if speaker is None and not short and (q.continued or q.open == para.start):
                speaker = previous
            if speaker is None:
                speaker = self._document_subject(sent, q)
            if speaker is None and short:
                continue  # a scare quote: the author's own voice
            if para_speaker is None and whole and len(self.prose[q.start:q.end].split()) <= 3:
                continue  # a short quoted sentence counts only next to its speaker's other words in the paragraph
            self._quote(q, speaker, None, sent, fragment=False)
            if speaker is not None and speaker.kind != "document":
                para_speaker = para_speaker or speaker
        if para_speaker is not None:
            self.last_speaker = para_speaker
        elif pending or any(c.sentence and para.start <= c.sentence.start < para.end for c in self.claims[-3:]):
            self.last_speaker = None

    def _is_name(self, q: Quote) -> bool:
        words = self.prose[q.start:q.end].split()
        if not words or len(words) > 6:
            return False
        lead = self.prose[max(0, q.open - 20):q.open]
        significant = [w for w in words if w.lower() not in ("of", "the", "and", "for", "a", "an", "in", "on", "to")]
        title_case = all(w[:1].isupper() or not w[:1].isalpha() for w in significant)
        if title_case and _NAME_LEAD.search(lead):
            self.documents.append(" ".join(words).strip(".,"))
            return True
        return False

    def _owner(self, q: Quote, frames: list[Frame]) -> Frame | None:
        inside = [f for f in frames if f.content and f.content[0] - 1 <= q.open and (q.end <= f.content[1] + 1)]
        if inside:
            return min(inside, key=lambda f: f.content[1] - f.content[0])
        named = [f for f in frames if f.mention is not None and f.kind != "agentless"]
        if named:
            return min(named, key=lambda f: abs(f.cue_start - q.open))
        return None

    def _document_subject(self, sent: tuple[int, int], q: Quote) -> Speaker | None:
        """A quoted fragment in a sentence whose subject is a document ("the plan") quotes that document."""
        head = self.prose[sent[0]:q.open].lower()
        for m in re.finditer(r"\b(?:the|this|its|their)\s+(\w+)", head):
            noun = m.group(1)
            if noun in lexicon.DOCUMENT_NOUNS:
                name = next((d for d in reversed(self.documents) if d.lower().split()[-1] == noun), None)
                if name is None:
                    continue  # only a document the article has named can be the source of a fragment
                span = self.article.raw_span(sent[0] + m.start(), sent[0] + m.end())
                return Speaker(name=name, kind="document", span=span)
        return None

    # -- speakers ----------------------------------------------------------------------------------------------

    def _speaker(self, f: Frame) -> Speaker | None:
        m = f.mention
        if m is None:
            return None
        span = self.article.raw_span(m.start, m.end)
        affiliation, description = (parse_appositive(f.appositive) if f.appositive else (None, None))
        if m.kind in ("pronoun", "relative"):
            if m.kind == "relative":
                return self._relative(m, span, f.via)
            found = self.entities.resolve(m.start, m.text)
            if found is None:
                return None  # no one to resolve to: the claim has no speaker (reported as not identified)
            kind, name = found
            title, aff = self.entities.details.get(name, (None, None))
            return Speaker(name=name, kind=_speaker_kind(kind), title=title, affiliation=aff, span=span, via=f.via)
        if m.kind in ("anonymous", "weasel"):
            return Speaker(name=m.name, kind="anonymous", description=m.description, affiliation=m.affiliation,
                           span=span, via=f.via)
        if m.kind == "estimate":
            return None
        name = m.name
        if m.kind == "person":
            name = self.entities.full_name(name)
        elif m.kind == "document":
            noun = m.text.lower().split()[-1]
            name = next((d for d in reversed(self.documents) if d.lower().split()[-1] == noun), m.name)
        title0, aff0 = self.entities.details.get(name, (None, None))
        title = m.title or title0
        affiliation = affiliation or aff0 or m.affiliation
        self.entities.add(m.start, m.kind, name, title, affiliation)
        return Speaker(name=name, kind=_speaker_kind(m.kind), title=title, affiliation=affiliation,
                       description=description or m.description, span=span, via=f.via)

    def _label_speaker(self, start: int, end: int) -> Speaker:
        """The speaker a transcript label names ("WALLACE", "GEN. RYDER"), by the fullest name the article uses."""
        title, name = split_title(" ".join(w.capitalize() for w in self.prose[start:end].split()))
        name = self.entities.full_name(name)
        return Speaker(name=name, kind="person", title=title, span=self.article.raw_span(start, end))

    def _relative(self, m: Mention, span: Span, via: str | None) -> Speaker | None:
        """"Ada Vesk, who said …": the relative pronoun stands for the name before its comma."""
        head = self.prose[max(0, m.start - 120):m.start].rstrip()
        if not head.endswith(","):
            return None
        run = re.search(r"((?:[A-Z][\w’'.-]*\s+(?:(?:of|for|the|and)\s+)*)*[A-Z][\w’'.-]*)\s*,$", head)
        if run is None:
            return None
        title, name = split_title(run.group(1))
        kind = "organisation" if any(w in lexicon.ORG_WORDS for w in name.split()) else "person"
        name = self.entities.full_name(name) if kind == "person" else name.removeprefix("The ")
        return Speaker(name=name, kind=kind, title=title, span=span, via=via)

    # -- claims ------------------------------------------------------------------------------------------------

    def _cue(self, f: Frame | None) -> Cue | None:
        if f is None:
            return None
        return Cue(text=self.article.raw_text(f.cue_start, f.cue_end), span=self.article.raw_span(f.cue_start,
                                                                                                  f.cue_end))

    def _add(self, kind: str, start: int, end: int, sent: tuple[int, int], **fields) -> None:
        start, end = trim(self.prose, start, end)
        if end <= start:
            return
        anchor = fields.pop("anchor", start)
        self.claims.append(Claim(
            id="c0", kind=kind, text=self.article.raw_text(start, end), span=self.article.raw_span(start, end),
            sentence=self.article.raw_span(*sent), date=self._date(sent, anchor), **fields))

    def _quote(self, q: Quote, speaker: Speaker | None, f: Frame | None, sent, fragment: bool) -> None:
        self._add("quote", q.start, q.end, sent, speaker=speaker, cue=self._cue(f), fragment=fragment,
                  anchor=f.cue_start if f else q.start)

    def _reported(self, f: Frame, speaker: Speaker | None, sent: tuple[int, int]) -> None:
        assert f.content is not None
        m = f.mention
        code = f.vague
        if m is not None and code is None:
            code = {"anonymous": "anonymous-source", "weasel": "weasel-words", "estimate": "unowned-estimate"}.get(
                m.kind)
        vagueness = None
        if code is not None:
            cue_start, cue_end = (m.start, m.end) if m is not None and code != "agentless" else (f.cue_start,
                                                                                                  f.cue_end)
            if m is not None and m.kind == "estimate":
                cue_start, cue_end = m.start, f.cue_end
            cue = Cue(text=self.article.raw_text(cue_start, cue_end), span=self.article.raw_span(cue_start, cue_end))
            vagueness = Vagueness(code=code, message=_MESSAGES[code].format(w=cue.text), cue=cue)
        # A vague claim is reported on its whole sentence (issue 2): what is vague is the attribution, and the
        # editor needs the sentence to judge it; a named attribution is reported on its content.
        start, end = sent if vagueness is not None else f.content
        self._add("reported", start, end, sent, speaker=speaker, cue=self._cue(f), vagueness=vagueness,
                  anchor=f.cue_start)

    def _figures(self, s: int, e: int) -> None:
        if _FIGURE.search(self.prose, s, e):
            self._add("unattributed", s, e, (s, e), unsourced=True)

    def _date(self, sent: tuple[int, int], anchor: int) -> DateRange | None:
        try:
            from attrib.dates import find_dates
        except ImportError:  # the dates module is optional while the reader lands
            return None
        found = self._dates.get(sent)
        if found is None:
            found = self._dates[sent] = find_dates(self.prose, sent[0], sent[1], self.article.date)
        if not found:
            return None
        best = min(found, key=lambda d: abs((d.span.start if d.span else anchor) - anchor))
        if best.span is not None and self.article.offsets is not None:
            best = best.model_copy(update={"span": self.article.raw_span(best.span.start, best.span.end)})
        return best


_NOT_CONTINUATION = re.compile(r"(?:a|an|who|whose|which|where|citing|according|in|on|at|during)\b|[\w-]+ing\b",
                               re.I)


def _continuation(prose: str, f: Frame, e: int, frames: list[Frame], quoted) -> tuple[int, int] | None:
    """The rest of a clause that a parenthetical attribution interrupts ("Costs rose, the agency said, and jobs
    fell."): when the content ends before the speaker and a comma after the cue (past a short adverbial) goes on
    into more clause, that part is the same speaker's content too (PolNeAR's content in two pieces)."""
    if f.content is None or f.mention is None or f.content[1] > f.mention.start or f.mention.start > f.cue_start:
        return None  # only "CONTENT, X said, …": the subject sits between the content and the cue
    comma = prose.find(",", f.cue_end, e)
    if comma < 0 or len(prose[f.cue_end:comma].split()) > 5 or any(ch in prose[f.cue_end:comma] for ch in "“”\"—;"):
        return None
    start = comma + 1
    while start < e and prose[start].isspace():
        start += 1
    if _NOT_CONTINUATION.match(prose, start) or start >= e or not prose[start].isalpha():
        return None  # an appositive, a participle or a subordinate clause: no more of the reported words
    # The second piece ends where any content does (a dash, "; ", ", which", a participle, a closing parenthesis).
    toks = [t for t in tokens(prose, start, e) if not any(a < t.start < b for a, b in quoted)]
    end = content_end(prose, start, e, toks, 0)
    while end > start and prose[end - 1] in ".!?\"”’ ":
        end -= 1
    if len(prose[start:end].split()) < 3 or any(a <= start < b for a, b in quoted) or any(
            g is not f and g.content and g.content[0] <= start < g.content[1] for g in frames):
        return None
    return start, end


def _covers(prose: str, q: Quote, content: tuple[int, int] | None) -> bool:
    """Whether a quotation is the whole of a frame's content (rather than a fragment inside it)."""
    if content is None:
        return True
    head = prose[content[0]:q.open]
    if head[:5].lower() == "that " or head[:5].lower() == "that,":
        head = head[4:]  # "said that “…”": the complementiser is not words of the claim's own
    outside = head + prose[q.after:content[1]]
    return not any(ch.isalnum() for ch in outside)


def _speaker_kind(kind: str) -> str:
    return {"person": "person", "organisation": "organisation", "outlet": "outlet", "document": "document",
            "anonymous": "anonymous", "weasel": "anonymous"}.get(kind, "none")
