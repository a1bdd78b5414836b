"""Find attribution frames in a sentence: a cue, who it names (if anyone), and the content it attributes.

A frame is found around a reporting verb (lexicon.REPORTING_FORMS), a cognition verb, a prepositional cue
("according to", "citing") or an agentless construction ("it is believed", "is said to", "reportedly").
Shapes recognised, with the content each yields:

* leading — ``SUBJECT [adverbs] CUE [addressee] [that|:] CONTENT``
* trailing — ``CONTENT, SUBJECT CUE [short tail].`` and inverted ``CONTENT, CUE SUBJECT[, APPOSITIVE].``
* prepositional — ``According to X, CONTENT`` and ``CONTENT, according to X``
* participial — ``…, describing X as “Y”`` (inherits the sentence's speaker; only yields fragments), but a
  participle that takes a clause (``…, saying (that) …``, ``…, arguing that …``) reports that clause for the
  main clause's subject (the previous frame's speaker, else the sentence's opening noun phrase)
* parenthetical — ``A, X said [in March], B`` keeps A as the content (whatever B's length); extract adds B
* coordinated — ``X announced an arrest and said …``: a speech verb after "and" with no subject of its own
  shares the sentence's opening named subject (a person, organisation, outlet, unnamed source or pronoun)

Subjects: ``Name, a … spokesperson, said`` and, with no article, ``Name, senior planner at …, said`` (a
lower-case appositive after a capitalised name). After "told"-like verbs a named addressee may be followed by a
wh-clause, which is the content (``told Radio host Ada Vesk how …``). Stance verbs (lexicon.STANCE_VERBS:
"endorsed", "opposed", "declined to") take their object as content, never a preposition or adverb ("backed
out"); "decline" and "refuse" need a to-clause. A base form right after a determiner and a capitalised modifier
is a noun ("in a June report"), not a cue.
Agentless frames ("it is believed", "reportedly", "amid reports that") are found by attrib.vague.
"""

from __future__ import annotations

from attrib.frame_parts import CONNECTIVES, MONTHS, Frame, before, content_end, verb_form
from attrib.sentences import Token, tokens
from attrib.speakers import mention_from_tokens, split_title
from attrib.verbal import verbal_frame


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
            verb = verb_form(toks, i)
            if verb is not None:
                frame = verbal_frame(text, s, e, toks, i, verb, frames)
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
            label = text[toks[0].start:toks[k - 1].end]
            if mention is not None and label.isupper() and label.replace(".", "").replace(" ", "").isalpha():
                # A transcript label ("WALLACE:", "GEN. RYDER:") names a person, in capitals.
                mention.kind, mention.name = "person", " ".join(w.capitalize() for w in label.split())
                mention.title, mention.name = split_title(mention.name)
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


def _prepositional(text, s, e, toks, i, last) -> Frame | None:
    j = last + 1
    np: list[Token] = []
    while j < len(toks) and toks[j].text not in (",", ";", ":", ".", "—", "–", "(") and len(np) < 12:
        t = toks[j]
        nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
        if t.lower in ("in", "on", "at", "last", "earlier", "this", "during") and (
                nxt in MONTHS or nxt[:1].isdigit() or nxt in ("week", "month", "year", "weekend")):
            break
        if t.lower in ("that", "which", "who") and np:
            break
        np.append(t)
        j += 1
    mention = mention_from_tokens(np, text)
    if mention is None:
        return None
    cue = (toks[i].start, toks[last].end)
    lead = i <= 2 or all(t.lower in CONNECTIVES or t.text == "," for t in toks[:i])
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
