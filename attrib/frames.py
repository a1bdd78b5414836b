"""Find attribution frames in a sentence: a cue, who it names (if anyone), and the content it attributes.

A frame is found around a reporting verb (lexicon.REPORTING_FORMS), a cognition verb, a prepositional cue
("according to", "citing") or an agentless construction ("it is believed", "is said to", "reportedly").
Shapes recognised, with the content each yields:

* leading — ``SUBJECT [adverbs] CUE [addressee] [that|:] CONTENT``
* trailing — ``CONTENT, SUBJECT CUE [short tail].`` and inverted ``CONTENT, CUE SUBJECT[, APPOSITIVE].``
* prepositional — ``According to X, CONTENT`` and ``CONTENT, according to X``
* participial — ``…, describing X as “Y”`` (inherits the sentence's speaker; only yields fragments)
Agentless frames ("it is believed", "reportedly", "amid reports that") are found by attrib.vague.
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib import lexicon
from attrib.sentences import Token, tokens, trim
from attrib.speakers import Mention, mention_from_tokens

_CLOSERS = "”\"’'»›"
_OPENERS = "“\"‘'«„‹"
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am"})
_CONNECTIVES = frozenset({"however", "but", "and", "so", "yet", "still", "meanwhile", "now", "also", "moreover",
                          "indeed", "instead", "nonetheless", "nevertheless", "though", "although", "then"})
_MONTHS = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split())
_ADDRESSEES = frozenset("""reporters journalists the press press him her them us me supporters the audience
    audiences crowd the crowd voters congress lawmakers parliament""".split())
@dataclass(slots=True)
class Frame:
    cue_start: int
    cue_end: int
    kind: str  # speech cognition prepositional participle agentless
    mention: Mention | None
    content: tuple[int, int] | None
    vague: str | None = None  # a vagueness code for agentless frames
    via: str | None = None
    appositive: str | None = None
    consumed: bool = False  # its content is exactly a quote: the quote is the claim


def _verb_form(toks: list[Token], i: int) -> tuple[str, str, int] | None:
    """(lemma, family, index of the last cue token) when toks[i] starts a reporting or cognition verb."""
    w = toks[i].lower.replace("’", "'")
    if i + 1 < len(toks):
        pair = f"{w} {toks[i + 1].lower}"
        if pair in lexicon.REPORTING_FORMS:
            return lexicon.REPORTING_FORMS[pair], "speech", i + 1
    if w in lexicon.REPORTING_FORMS:
        return lexicon.REPORTING_FORMS[w], "speech", i
    if w in lexicon.COGNITION_FORMS:
        return lexicon.COGNITION_FORMS[w], "cognition", i
    return None


def find_frames(text: str, s: int, e: int, quoted: list[tuple[int, int]]) -> list[Frame]:
    """Attribution frames of the sentence text[s:e]; ``quoted`` are the quotations' (open, close) offsets."""
    every = tokens(text, s, e)
    toks = [t for t in every if not any(a < t.start < b for a, b in quoted)] if quoted else every
    frames: list[Frame] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        low = tok.lower
        frame = None
        if low == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
            frame = _prepositional(text, s, e, toks, i, i + 1)
        elif low == "citing" and i and toks[i - 1].text == ",":
            frame = _prepositional(text, s, e, toks, i, i)
        else:
            verb = _verb_form(toks, i)
            if verb is not None:
                frame = _verbal(text, s, e, toks, i, verb, frames)
                if frame is not None:
                    i = verb[2]
        if frame is not None:
            frames.append(frame)
        i += 1
    if not frames:
        frames.extend(_colon(text, s, e, toks))
    _cut_at_trailing(text, frames)
    return frames


def _colon(text: str, s: int, e: int, toks: list[Token]) -> list[Frame]:
    """A headline or label attribution: "Ada Vesk: The Port Will Reopen"."""
    for k, t in enumerate(toks[:6]):
        if t.text == ":":
            if k == 0 or k + 1 >= len(toks) or any(not x.text[0].isupper() for x in toks[:k]):
                return []
            mention = mention_from_tokens(toks[:k], text)
            if mention is None or mention.kind not in ("person", "organisation", "outlet", "document"):
                return []
            start = toks[k + 1].start
            return [Frame(t.start, t.end, "speech", mention, (start, content_end(text, start, e, toks, k + 1)))]
    return []


def _cut_at_trailing(text: str, frames: list[Frame]) -> None:
    """A trailing attribution ("…, the source added") ends the content of any frame that runs into it."""
    for b in frames:
        if b.content is None or b.content[1] > b.cue_start or b.mention is None:
            continue
        for a in frames:
            if a is b or a.content is None:
                continue
            if a.content[0] < b.mention.start < a.content[1]:
                end = min(b.mention.start, b.cue_start)
                while end > a.content[0] and text[end - 1] in " ,—–":
                    end -= 1
                a.content = (a.content[0], end)


def content_end(text: str, start: int, e: int, toks: list[Token], from_index: int) -> int:
    """Where the content that starts at ``start`` ends: the sentence end, or before a participial cue or ';'."""
    end = e
    for j in range(from_index, len(toks)):
        t = toks[j]
        if t.start < start:
            continue
        if t.text == ";":
            end = t.start
            break
        if t.text == "," and j + 1 < len(toks) and (
                toks[j + 1].lower in _CLAUSE_BREAKS
                or (toks[j + 1].lower.endswith("ing") and toks[j + 1].text[0].islower())):
            end = t.start  # ", which …", ", although …", ", describing …": a new clause, not the reported one
            break
        if t.lower in ("and", "but") and j + 1 < len(toks) and j > from_index and _verb_form(toks, j + 1) is not None \
                and toks[j + 1].lower not in lexicon.COGNITION_FORMS:
            end = t.start  # "said A and suggested that B": the second verb starts another attribution
            break
    while end > start and (text[end - 1] in ".!?,;:—– " or text[end - 1].isspace()):
        end -= 1
    return end


def _sentence_start(text: str, s: int, toks: list[Token]) -> int:
    """The sentence start past a leading connective ("However, …", "But …")."""
    if toks and toks[0].lower in _CONNECTIVES:
        j = 1
        if len(toks) > 1 and toks[1].text == ",":
            j = 2
        if j < len(toks):
            return toks[j].start
    return s


def before(text: str, s: int, end: int, toks: list[Token]) -> tuple[int, int] | None:
    start = _sentence_start(text, s, toks)
    while end > start and text[end - 1] in ",—– \n\t":
        end -= 1
    start, end = trim(text, start, end)
    return (start, end) if end > start else None


def _prepositional(text, s, e, toks, i, last) -> Frame | None:
    j = last + 1
    np: list[Token] = []
    while j < len(toks) and toks[j].text not in (",", ";", ":", ".", "—", "–", "(") and len(np) < 12:
        t = toks[j]
        nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
        if t.lower in ("in", "on", "at", "last", "earlier", "this", "during") and (
                nxt in _MONTHS or nxt[:1].isdigit() or nxt in ("week", "month", "year", "weekend")):
            break
        if t.lower in ("that", "which", "who") and np:
            break
        np.append(t)
        j += 1
    mention = mention_from_tokens(np, text)
    if mention is None:
        return None
    cue = (toks[i].start, toks[last].end)
    lead = i <= 2 or all(t.lower in _CONNECTIVES or t.text == "," for t in toks[:i])
    if toks[i].lower == "citing":
        return Frame(*cue, "prepositional", mention, None)
    if lead:
        k = j
        while k < len(toks) and toks[k].text != ",":
            k += 1
        if k + 1 >= len(toks):
            return None
        start = toks[k + 1].start
        return Frame(*cue, "prepositional", mention, (start, content_end(text, start, e, toks, k + 1)))
    return Frame(*cue, "prepositional", mention, before(text, s, toks[i].start, toks))


def _subject(toks: list[Token], j: int) -> list[Token]:
    """The noun phrase ending at toks[j], walking back to a clause boundary."""
    k = j
    out: list[Token] = []
    while k >= 0 and len(out) < 14:
        t = toks[k]
        low = t.lower
        if t.text == "." and k and toks[k - 1].text[:1].isupper() and len(toks[k - 1].text) <= 4:
            out.append(t)
            k -= 1
            continue
        if not (t.text[0].isalnum() or t.text in ("-", "&", "’s", "'s")):
            break
        if low in lexicon.PRONOUNS and out:
            break
        if low in _NAME_CONNECTORS and out and (out[-1].text[0].isupper() or out[-1].lower == "the") and k \
                and toks[k - 1].text[0].isupper():
            out.append(t)  # "Institute for the Study of War": a connector inside a capitalised name
            k -= 1
            continue
        if low == "the" and out and out[-1].text[0].isupper() and k and toks[k - 1].lower in _NAME_CONNECTORS:
            out.append(t)
            k -= 1
            continue
        if t.text[0].islower() and (low in _BOUNDARY or low in _BE or (out and _verb_form(toks, k) is not None)):
            # "a source on the General Staff", "people familiar with the talks": the preposition belongs to
            # the phrase when the word before it heads an unnamed source.
            prior = toks[k - 1].lower if k else ""
            if low in _PREPOSITIONS and (prior in _GROUP_HEADS or prior in ("familiar", "close")):
                out.append(t)
                k -= 1
                continue
            break
        out.append(t)
        k -= 1
        if low in lexicon.PRONOUNS:
            break
    out.reverse()
    # Cut a long phrase to its last determiner-led or capitalised part ("Now Trump", "In Ohio the governor").
    for idx, t in enumerate(out):
        if t.lower in ("a", "an", "the", "one", "some", "many", "several", "most", "other", "another"):
            return out[idx:]
    if out and not out[0].text[0].isupper():
        caps = [idx for idx, t in enumerate(out) if t.text[0].isupper()]
        if caps and len(out) > 4:
            return out[caps[0]:]
    return out


_NAME_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "van", "von", "al", "bin", "&"})
_TAIL_STARTS = frozenset({"in", "on", "at", "during", "after", "before", "last", "this", "yesterday", "today",
                          "earlier", "later", "to", "when", "while", "as", "via", "through", "from"})
_NOT_CONTENT = frozenset("""at as during after before later earlier again when while yesterday today tonight
    monday tuesday wednesday thursday friday saturday sunday""".split())
_TO_LEMMAS = frozenset({"promise", "vow", "pledge", "threaten", "urge", "ask", "call", "demand", "call for",
                        "agree", "refuse", "decline", "offer", "propose"})
_CLAUSE_BREAKS = frozenset({"which", "although", "though", "while", "whereas", "by", "according"})
_PREPOSITIONS = frozenset({"in", "on", "at", "with", "from", "to", "within", "inside", "of", "for"})
_GROUP_HEADS = lexicon.ANONYMOUS_NOUNS | lexicon.WEASEL_NOUNS
_BOUNDARY = frozenset(
    """that but and or while because when whereas if as after before since so though although where than then
    what how why whom whose nor yet until unless once in on at for to with by from about into over after
    during against under without""".split()
)


def _verbal(text, s, e, toks, i, verb, frames) -> Frame | None:
    lemma, family, last = verb
    tok = toks[i]
    cue = (tok.start, toks[last].end)
    low = tok.lower
    prev = toks[i - 1] if i else None
    if last + 1 < len(toks) and toks[last + 1].lower in lexicon.REPORTING_FORMS and \
            toks[last + 1].lower.endswith("s") and not low.endswith("s"):
        return None  # a noun before the real verb: "a rough estimate says"
    if prev is not None and prev.lower in lexicon.DETERMINERS and prev.lower not in ("senior", "top", "unnamed"):
        return None  # a noun: "some estimates", "several reports"
    if prev is not None and (prev.lower in ("to", "a", "an", "the", "his", "her", "its", "their", "our", "my",
                                            "this", "that", "these", "those")):
        return None
    # Walk back over adverbs and auxiliaries; a form of "be" before a past participle is a passive (agentless).
    j = i - 1
    saw_be = False
    while j >= 0 and toks[j].lower in lexicon.BETWEEN_SUBJECT_AND_VERB:
        saw_be = saw_be or toks[j].lower in _BE
        j -= 1
    if saw_be and not low.endswith("ing"):
        return None
    if low.endswith("ing") and lemma not in ("bring",):
        if prev is not None and prev.text == ",":
            speaker = next((f.mention for f in reversed(frames) if f.mention is not None), None)
            start = toks[last + 1].start if last + 1 < len(toks) else cue[1]
            if toks[last + 1:last + 2] and toks[last + 1].lower == "that" and last + 2 < len(toks):
                start = toks[last + 2].start
            return Frame(*cue, "participle", speaker, (start, content_end(text, start, e, toks, last + 1)))
        if not saw_be:
            return None
    np = _subject(toks, j) if j >= 0 else []
    appositive = None
    if not np and j >= 0 and toks[j].text == ",":
        # "Name, a … spokesperson, said" — skip a comma-bounded appositive back to the name.
        k = j - 1
        while k >= 0 and toks[k].text not in (",", ";", ":", "(", "“", "”", '"'):
            k -= 1
        if k > 0 and toks[k].text == "," and toks[k + 1].lower in ("a", "an", "the", "who", "whose", "which",
                                                                   "citing", "one", "now", "himself", "herself"):
            np = _subject(toks, k - 1)
            appositive = text[toks[k + 1].start:toks[j - 1].end]
    if not np and j >= 0 and toks[j].text == ",":
        # "The state's campaign chairman, Phil Lovas, said": a name between commas after its description.
        k = j - 1
        while k >= 0 and toks[k].text not in (",", ";", ":", "(", "“", "”", '"'):
            k -= 1
        between = toks[k + 1:j]
        named = mention_from_tokens(between, text) if 0 < len(between) <= 5 and k >= 0 and toks[k].text == "," \
            else None
        if named is not None and named.kind in ("person", "organisation", "outlet"):
            np = between
            appositive = text[toks[0].start:toks[k].start] if k > 0 else None
    if not np and j >= 0 and toks[j].lower in ("and", "but") and frames and frames[0].mention is not None:
        # "X says A and said B": the second verb shares the main clause's subject.
        inherited = frames[0]
        np = []
        mention_shared = inherited.mention
    else:
        mention_shared = None
    mention = mention_shared or (mention_from_tokens(np, text) if np else None)
    via = None
    if mention is not None and appositive and appositive.lower().startswith("citing"):
        cited = mention_from_tokens([t for t in toks if toks[k + 1].end < t.start < toks[j].start], text)
        if cited is not None:
            via, mention = mention.name, cited
    after = last + 1
    rest = toks[after:]
    if mention is None:
        # Inverted: "…,” said X" / "…, said a source familiar with the talks".
        left = text[s:tok.start].rstrip()
        if not left or left[-1] not in ",—–" + _CLOSERS:
            return None
        k = after
        np2: list[Token] = []
        while k < len(toks) and toks[k].text not in (",", ".", ";", ":", "!", "?", "—", "–") and len(np2) < 10:
            if toks[k].lower == "that" or (toks[k].lower in _TAIL_STARTS and np2):
                break
            np2.append(toks[k])
            k += 1
        # The inverted subject closes the sentence: only an appositive or a short adverbial may follow it.
        tail = [t for t in toks[k:] if t.text[0].isalnum()]
        if k < len(toks) and toks[k].text not in ",.!?" and (toks[k].lower not in _TAIL_STARTS or len(tail) > 6):
            return None
        mention = mention_from_tokens(np2, text)
        if mention is None or mention.kind == "relative":
            return None
        if k < len(toks) and toks[k].text == ",":
            app = text[toks[k + 1].start:e].rstrip(" .") if k + 1 < len(toks) else ""
            appositive = app or None
        return Frame(*cue, family, mention, before(text, s, len(left) + s, toks), appositive=appositive)
    # Trailing: "CONTENT, X said [to reporters]." — the subject follows a comma or closing mark.
    left = text[s:mention.start].rstrip()
    trailing = bool(left) and left[-1] in ",—–:" + _CLOSERS
    if trailing and rest and rest[0].lower in ("that", ":"):
        trailing = False
    if trailing:
        tail_words = [t for t in rest if t.text[0].isalnum()]
        before_words = len(text[s:len(left) + s].split())
        if len(tail_words) > 6 or before_words < len(tail_words):
            trailing = False
    if trailing:
        return Frame(*cue, family, mention, before(text, s, len(left) + s, toks), appositive=appositive)
    # Leading: skip an addressee ("told reporters", "assured the press", "told CNN"), then "that" or ":".
    k = after
    if lemma in lexicon.ADDRESSEE_LEMMAS:
        m = k
        while m < len(toks) and m - k < 6 and toks[m].lower not in ("that", ":", ",") and toks[m].text[0] not in \
                _OPENERS:
            m += 1
        obj = text[toks[k].start:toks[m - 1].end] if m > k else ""
        if m < len(toks) and (toks[m].lower == "that" or toks[m].text in (":", ",")):
            if obj and (obj in lexicon.OUTLETS or obj.split()[-1] in lexicon.OUTLET_TAILS):
                via = obj
            k = m
        elif obj.lower() in _ADDRESSEES or (m > k and toks[k].text in lexicon.OUTLETS):
            if toks[k].text in lexicon.OUTLETS:
                via = toks[k].text
            k = k + 1 if toks[k].lower not in ("the", "a") else k + 2
    start = None
    if k < len(toks):
        nxt = toks[k]
        if nxt.lower == "that" or nxt.text in (":", ","):
            start = toks[k + 1].start if k + 1 < len(toks) else None
        else:
            for m in range(k, min(k + 8, len(toks))):
                if toks[m].text in (",", ";") or toks[m].text[0] in _OPENERS:
                    break
                if toks[m].lower == "that":
                    start = toks[m + 1].start if m + 1 < len(toks) else None
                    break
            if start is None and nxt.lower in _NOT_CONTENT and not (nxt.lower in ("to", "for") and (
                    family == "cognition" or lemma in _TO_LEMMAS)):
                return None  # "spoke at an event", "wrote to a colleague": no content follows the verb
            if start is None:
                if lemma in lexicon.BARE_CLAUSE_LEMMAS or lemma in lexicon.AS_LEMMAS or nxt.text[0] in _OPENERS \
                        or (family == "speech" and mention.kind not in ("relative",)) \
                        or (family == "cognition" and nxt.lower == "to") \
                        or (lemma in _TO_LEMMAS and nxt.lower in ("to", "for")):
                    start = nxt.start
    if start is None:
        return None
    content = (start, content_end(text, start, e, toks, k))
    if mention.kind == "relative":
        comma = text.find(",", start, content[1])
        if comma > start:
            content = (start, comma)
    if content[1] <= content[0]:
        return None
    return Frame(*cue, family, mention, content, via=via, appositive=appositive)
