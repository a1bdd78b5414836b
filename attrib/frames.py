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

from dataclasses import dataclass

from attrib import lexicon
from attrib.sentences import Token, tokens, trim
from attrib.speakers import Mention, mention_from_tokens, split_title

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
    w = toks[i].lower
    if "’" in w:
        w = w.replace("’", "'")
    found = None
    if i + 1 < len(toks):
        pair = f"{w} {toks[i + 1].lower}"
        if pair in _REPORTING:
            found = (_REPORTING[pair], "speech", i + 1)
    if found is None:
        if w in _REPORTING:
            found = (_REPORTING[w], "speech", i)
        elif w in _COGNITION:
            found = (_COGNITION[w], "cognition", i)
        else:
            return None  # the common case: not a cue word at all
    if i + 1 < len(toks) and toks[i + 1].lower in lexicon.COMPOUND_HEADS:
        return None  # "press secretary", "report card": a noun compound, not a verb
    text = toks[i].text
    if i and text[0].isupper() and toks[i - 1].text not in _OPENERS + ":—–(" and not text.isupper() \
            and not _title_case(toks):
        return None  # "United States", "Pell Grants": a capitalised word inside a sentence is part of a name
    return found


_REPORTING = lexicon.REPORTING_FORMS
_COGNITION = lexicon.COGNITION_FORMS


def _title_case(toks: list[Token]) -> bool:
    """A headline in title case ("Trump Says He Will Win"), where a capitalised verb is still a verb."""
    words = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


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


def content_end(text: str, start: int, e: int, toks: list[Token], from_index: int, np_object: bool = False) -> int:
    """Where the content that starts at ``start`` ends: the sentence end, or before a participial cue, ';', a
    non-restrictive ", which", a dash or a parenthesis. A noun-phrase object (``np_object``: "attacked Machado in
    early-morning tweets") also ends before a trailing adverbial of time or occasion."""
    end = e
    first = True
    for j in range(from_index, len(toks)):
        t = toks[j]
        if t.start < start:
            continue
        if first:
            first = False
            continue  # the content's own first word never ends it
        if t.text in (";", "—", "―", "(") or (t.text == "–" and text[t.start - 1:t.start].isspace()):
            end = t.start
            break
        nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
        if t.text == "," and nxt == "and" and j + 2 < len(toks) and toks[j + 2].lower == "that":
            continue  # "said that A, and that B": one reported content in two coordinated clauses
        if t.text == "," and j + 1 < len(toks) and (
                nxt in _CLAUSE_BREAKS or nxt == "which"
                or (nxt.endswith("ing") and _verb_form(toks, j + 1) is not None)):
            end = t.start  # ", but …", ", although …", ", describing …": a new clause, not the reported one
            break
        if np_object and (t.lower in _NP_TAIL or (t.lower in ("in", "on", "at", "over") and (
                nxt in _MONTHS or nxt in _OCCASION_LEADS))):
            end = t.start
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


def _outlet(obj: list[Token], text: str) -> str | None:
    """The channel in a "told OUTLET [on Monday] that" addressee: a news outlet's name, without the time."""
    names: list[Token] = []
    for t in obj:
        if t.lower in ("on", "in", "at", "last", "this", "during", "earlier", "late", "early") or t.lower in _MONTHS:
            break
        names.append(t)
    while names and names[0].lower in ("the", "a", "an"):
        names = names[1:]
    if not names or not all(t.text[0].isupper() or t.lower in ("of", "the", "and", "&") for t in names):
        return None
    words = [t.text for t in names]
    if any(w in lexicon.OUTLETS for w in words) or words[-1] in lexicon.OUTLET_TAILS or \
            (len(words) == 1 and words[0].isupper() and len(words[0]) >= 2):
        return text[names[0].start:names[-1].end]
    return None


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
    # A group head with its prepositional phrase ("Experts on the region") is kept whole.
    limit = next((idx for idx, t in enumerate(out[:-1]) if t.lower in _GROUP_HEADS
                  and out[idx + 1].lower in _PREPOSITIONS), len(out))
    for idx, t in enumerate(out[:limit + 1]):
        if t.lower in ("a", "an", "the", "one", "some", "many", "several", "most", "other", "another"):
            return out[idx:]
    if out and not out[0].text[0].isupper():
        caps = [idx for idx, t in enumerate(out) if t.text[0].isupper()]
        if caps and len(out) > 4:
            return out[caps[0]:]
    return out


def _lead_subject(text: str, toks: list[Token], limit: int) -> Mention | None:
    """The named subject opening the sentence ("Mr. Vesk generally backed …", "Officials announced …"): the
    noun phrase before the first lower-case word that is not a determiner, when it names a person, an
    organisation, an outlet or an unnamed source, or is a personal pronoun."""
    k = 0
    while k < limit and (toks[k].lower in _CONNECTIVES or toks[k].text == ","):
        k += 1
    first = k
    while k < limit and (toks[k].text[0].isupper() or toks[k].lower in ("the", "a", "an", "’s", "'s", ".", "of",
                                                                         "for", "and")
                         or toks[k].lower in lexicon.PRONOUNS and k == first):
        if toks[k].lower in lexicon.PRONOUNS:
            k += 1
            break
        k += 1
    if k == first or k >= limit or not toks[k].text[0].isalpha():
        return None
    mention = mention_from_tokens(toks[first:k], text)
    if mention is None or mention.kind not in ("person", "organisation", "outlet", "anonymous", "weasel",
                                               "pronoun"):
        return None
    if mention.kind == "organisation" and not any(t.text[0].isupper() for t in toks[first:k]
                                                  if t.lower not in ("the", "a", "an")):
        return None  # "The decision …": a lower-case noun phrase is not a speaker
    return mention


# Verbs whose bare complement is a clause, not a noun phrase: "saying the bids were late" (vs "noting the delay").
_CLAUSE_ONLY = frozenset({"say", "argue", "insist", "claim", "contend", "assert", "maintain", "add", "suggest",
                          "allege"})
_WH = frozenset({"how", "why", "what", "whether"})
_ADDRESSEE_ENDS = frozenset({"that", ":", ","}) | _WH


# What ends a noun-phrase object: an adverbial of time or occasion ("… during the debate", "… in a statement").
_NP_TAIL = frozenset({"during", "since", "amid", "while", "when", "because", "after", "before", "yesterday",
                      "today", "earlier", "last", "tonight", "despite", "following"})
_OCCASION_LEADS = frozenset({"a", "an", "early", "late", "its", "his", "her", "their", "twitter", "facebook",
                             "tuesday", "the"}) - {"the"}
# Words of a short time or occasion adverbial between a cue and its content ("said on Tuesday in a statement").
_ADVERBIAL = frozenset("""on in at last this yesterday today tonight earlier later week month year night morning
    afternoon evening weekend a an the statement interview speech letter post tweet briefing conference news
    release remarks email""".split())
# Words that open a finite clause: a "that" after one of them belongs to the clause, not to the cue.
_CLAUSE_OPENERS = frozenset({"he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those"})
_NAME_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "van", "von", "al", "bin", "&"})
_TAIL_STARTS = frozenset({"in", "on", "at", "during", "after", "before", "last", "this", "yesterday", "today",
                          "earlier", "later", "to", "when", "while", "as", "via", "through", "from"})
_NOT_CONTENT = frozenset("""at as during after before later earlier again when while yesterday today tonight
    monday tuesday wednesday thursday friday saturday sunday""".split())
_TO_LEMMAS = frozenset({"promise", "vow", "pledge", "threaten", "urge", "ask", "call", "demand", "call for",
                        "agree", "refuse", "decline", "offer", "propose"})
_NOUN_AFTER = frozenset({"amid", "despite", "of", "about", "over", "among", "against", "following", "with",
                         "without", "from", "into", "under", "upon", "by", "new", "recent", "earlier", "latest"})
_SUBORDINATORS = frozenset("""although though while when if because as after before since despite unless whereas
    once until whether""".split())
_CLAUSE_BREAKS = frozenset({"although", "though", "whereas", "by", "according", "but", "and", "yet", "who"})
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
    if prev is not None and i >= 2 and toks[i - 2].lower in ("a", "an", "the", "this", "his", "her", "its",
                                                           "their") and low == lemma and prev.text[0].isupper() \
            and prev.lower not in lexicon.BETWEEN_SUBJECT_AND_VERB and toks[i - 2].text[0].islower():
        return None  # "in a June report", "the Senate report": a noun after a capitalised modifier
    if prev is not None and i >= 2 and toks[i - 2].lower in ("a", "an", "the", "one", "this", "his", "her",
                                                           "its", "their") \
            and prev.text[0].islower() and not prev.lower.endswith(("ly", "s")) and (low == lemma or (
                low == lemma + "s" and prev.lower.endswith(("ed", "al", "ous", "ive", "ful", "ic", "est")))) \
            and prev.lower not in lexicon.BETWEEN_SUBJECT_AND_VERB:
        return None  # "a rough estimate", "the latest report": a noun after a determiner and an adjective
    if prev is not None and prev.lower in _NOUN_AFTER:
        return None  # "amid reports that", "despite claims": a noun after a preposition
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
                start = toks[last + 1].start  # the content starts at its complementiser (PolNeAR's convention)
            content = (start, content_end(text, start, e, toks, last + 1))
            if speaker is None:
                speaker = _lead_subject(text, toks, i)
            nxt = toks[last + 1].lower if last + 1 < len(toks) else ""
            # ", saying (that) …", ", arguing that …": a participle that takes a clause reports that clause for
            # the main clause's subject (its own claim); ", describing X as “Y”" only yields fragment quotes.
            clause = nxt == "that" or (lemma in lexicon.BARE_CLAUSE_LEMMAS and lemma not in lexicon.AS_LEMMAS
                                       and nxt not in _NOT_CONTENT and nxt != "to"
                                       and (nxt not in ("the", "a", "an") or lemma in _CLAUSE_ONLY))
            kind = family if clause and speaker is not None and speaker.kind != "relative" else "participle"
            return Frame(*cue, kind, speaker, content)
        if not saw_be:
            return None
    if j >= 0 and toks[j].text == ")":
        # "Sen. Ada Vesk (R-Ga.) said": skip a parenthesis between the name and the verb.
        m = j
        while m > 0 and toks[m].text != "(":
            m -= 1
        if m > 0 and j - m <= 8:
            j = m - 1
    np = _subject(toks, j) if j >= 0 else []
    appositive = None
    if not np and j >= 0 and toks[j].text == ",":
        # "Name, a … spokesperson, said" — skip a comma-bounded appositive back to the name.
        k = j - 1
        while k >= 0 and toks[k].text not in (",", ";", ":", "(", "“", "”", '"'):
            k -= 1
        bare_role = toks[k + 1].text[0].islower() and toks[k - 1].text[0].isupper() and \
            _verb_form(toks, k + 1) is None and toks[k + 1].lower not in _BOUNDARY if k > 0 else False
        if k > 0 and toks[k].text == "," and (bare_role or toks[k + 1].lower in (
                "a", "an", "the", "who", "whose", "which", "citing", "one", "now", "himself", "herself")):
            # "Name, a … spokesperson, said" and, with no article, "Name, senior associate at …, said".
            np = _subject(toks, k - 1)
            appositive = text[toks[k + 1].start:toks[j - 1].end]
    between_commas = False
    if not np and j >= 0 and toks[j].text == ",":
        # "The state's campaign chairman, Phil Lovas, said": a name between commas after its description.
        k = j - 1
        while k >= 0 and toks[k].text not in (",", ";", ":", "(", "“", "”", '"'):
            k -= 1
        between = toks[k + 1:j]
        named = mention_from_tokens(between, text) if 0 < len(between) <= 5 and k >= 0 and toks[k].text == "," \
            else None
        if named is not None and named.kind in ("person", "organisation", "outlet"):
            np, between_commas = between, True
            appositive = text[toks[0].start:toks[k].start] if k > 0 else None
    if not np and j >= 0 and toks[j].lower in ("and", "but") and frames and frames[0].mention is not None:
        # "X says A and said B": the second verb shares the main clause's subject.
        inherited = frames[0]
        np = []
        mention_shared = inherited.mention
    elif not np and j >= 0 and toks[j].lower == "and" and family == "speech":
        # "Authorities announced an arrest and said …": a coordinated speech verb shares the sentence's subject.
        mention_shared = _lead_subject(text, toks, j)
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
        while k < len(toks) and len(np2) < 10:
            t = toks[k]
            if t.text == "." and np2 and np2[-1].text[:1].isupper() and len(np2[-1].text) <= 4 and k + 1 < len(toks) \
                    and toks[k + 1].text[:1].isupper():
                np2.append(t)  # "Rep. G.K. Vesk": an abbreviation inside the name
                k += 1
                continue
            if t.text in (",", ".", ";", ":", "!", "?", "—", "–") or t.lower == "that" or (
                    t.lower in _TAIL_STARTS and np2):
                break
            if t.text == "(":
                while k < len(toks) and toks[k].text != ")":
                    k += 1
                k += 1
                break
            np2.append(t)
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
    trailing = bool(left) and left[-1] in ",—–:" + _CLOSERS and not between_commas
    if trailing and rest and rest[0].lower in ("that", ":"):
        trailing = False
    if trailing and toks[0].lower in _SUBORDINATORS:
        trailing = False  # "Although A, she said B": the main clause follows the comma
    if trailing:
        tail_words = [t for t in rest if t.text[0].isalnum()]
        before_words = len(text[s:len(left) + s].split())
        # "…,” X said in a briefing on 10 October 2030.": an occasion or time after the verb, however long,
        # is not a reported clause when no "that" or quotation follows.
        adverbial = bool(tail_words) and tail_words[0].lower in _TAIL_STARTS and not any(
            t.lower == "that" or t.text[0] in _OPENERS for t in rest
        )
        parenthetical = bool(rest) and rest[0].text == "," and len(text[s:len(left) + s].split()) >= 2
        if not adverbial and not parenthetical and (len(tail_words) > 6 or before_words < len(tail_words)):
            trailing = False  # "A, X said, B": a parenthetical cue keeps A (and B is its continuation)
    if trailing:
        return Frame(*cue, family, mention, before(text, s, len(left) + s, toks), appositive=appositive)
    # Leading: skip an addressee ("told reporters", "assured the press", "told CNN"), then "that" or ":".
    k = after
    if lemma in lexicon.ADDRESSEE_LEMMAS:
        m = k
        while m < len(toks) and m - k < 8 and toks[m].lower not in _ADDRESSEE_ENDS and toks[m].text[0] not in \
                _OPENERS:
            m += 1
        obj = text[toks[k].start:toks[m - 1].end] if m > k else ""
        if m < len(toks) and m > k and toks[m].lower in _WH and toks[k].text[0].isupper():
            # "told Radio Host Ada Vesk on Monday how …": a named addressee, then a wh-clause as the content.
            via = _outlet(toks[k:m], text) or via
            k = m
        elif m < len(toks) and (toks[m].lower == "that" or toks[m].text in (":", ",")):
            via = _outlet(toks[k:m], text) or via
            k = m
        elif obj.lower() in _ADDRESSEES or (m > k and toks[k].text in lexicon.OUTLETS):
            if toks[k].text in lexicon.OUTLETS:
                via = toks[k].text
            k = k + 1 if toks[k].lower not in ("the", "a") else k + 2
    start = None
    if k + 1 < len(toks) and toks[k].lower == "to" and _verb_form(toks, k + 1) is not None and \
            lemma not in _TO_LEMMAS:
        k = _verb_form(toks, k + 1)[2] + 1  # "went on to explain how …": the content follows the second verb
    elif lemma in lexicon.ADDRESSEE_LEMMAS and k < len(toks) and toks[k].lower in ("the", "a", "an"):
        # "told the forum he was …": skip a short addressee before a clause that opens with a pronoun.
        for m in range(k + 1, min(k + 5, len(toks))):
            if toks[m].lower in ("he", "she", "they", "it", "we", "i"):
                k = m
                break
    if k < len(toks):
        nxt = toks[k]
        if nxt.lower == "that":
            # A reported clause starts at its complementiser "that" (PolNeAR's convention: "said [that …]").
            start = nxt.start if k + 1 < len(toks) else None
        elif nxt.text in (":", ","):
            start = toks[k + 1].start if k + 1 < len(toks) else None
        else:
            for m in range(k, min(k + 8, len(toks))):
                if (toks[m].text[0] in _OPENERS or toks[m].text in (":", ",")) and m > k and m + 1 < len(toks) \
                        and all(t.lower in _ADVERBIAL or t.lower in _MONTHS or t.text[0].isdigit()
                                for t in toks[k:m]) and any(t.lower not in ("a", "an", "the") for t in toks[k:m]):
                    # "said on Tuesday “…”", "said in a statement: …": a time or occasion, then the content
                    start = toks[m].start if toks[m].text[0] in _OPENERS else toks[m + 1].start
                    break
                if toks[m].text in (",", ";") or toks[m].text[0] in _OPENERS:
                    break
                if toks[m].lower in _CLAUSE_OPENERS or toks[m].lower in lexicon.CLAUSE_NOUNS:
                    break  # "says they share the belief that …": the clause began before this "that"
                if toks[m].lower == "that":
                    start = toks[m].start if m + 1 < len(toks) else None
                    break
            if start is None and nxt.lower in ("in", "on") and not any(
                t.lower == "that" or t.text[0] in _OPENERS for t in toks[k:]
            ):
                return None  # "said in a briefing.", "spoke on Monday": an occasion, no content
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
    if lemma in lexicon.STANCE_LEMMAS and k < len(toks) and toks[k].start == start and (
            toks[k].lower in _BOUNDARY - {"that"} if lemma not in lexicon.TO_ONLY_LEMMAS else toks[k].lower != "to"):
        return None  # "backed out", "refused until Thursday": a stance verb's content is its object or to-clause
    np_object = start is not None and k < len(toks) and toks[k].start == start and \
        toks[k].lower not in _CLAUSE_OPENERS and toks[k].lower not in ("that", "to", "how", "what", "why",
                                                                         "whether", "if", "when", "who") \
        and lemma not in lexicon.BARE_CLAUSE_LEMMAS and family != "cognition" and text[start] not in _OPENERS
    content = (start, content_end(text, start, e, toks, k, np_object))
    if mention.kind == "relative":
        comma = text.find(",", start, content[1])
        if comma > start:
            content = (start, comma)
    if content[1] <= content[0]:
        return None
    return Frame(*cue, family, mention, content, via=via, appositive=appositive)
