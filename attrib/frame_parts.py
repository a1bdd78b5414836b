"""The parts of an attribution frame: the Frame record, the cue verb, its subject, where its content ends."""

from __future__ import annotations

from dataclasses import dataclass

from attrib import lexicon
from attrib.sentences import Token, trim
from attrib.speakers import Mention, mention_from_tokens

OPENERS = "“\"‘'«„‹"
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am"})
CONNECTIVES = frozenset({"however", "but", "and", "so", "yet", "still", "meanwhile", "now", "also", "moreover",
                         "indeed", "instead", "nonetheless", "nevertheless", "though", "although", "then"})
MONTHS = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split())
_REPORTING = lexicon.REPORTING_FORMS
_COGNITION = lexicon.COGNITION_FORMS

# What ends a noun-phrase object: an adverbial of time or occasion ("… during the debate", "… in a statement").
_NP_TAIL = frozenset({"during", "since", "amid", "while", "when", "because", "after", "before", "yesterday",
                      "today", "earlier", "last", "tonight", "despite", "following"})
_OCCASION_LEADS = frozenset({"a", "an", "early", "late", "its", "his", "her", "their", "twitter", "facebook",
                             "tuesday", "the"}) - {"the"}
_NAME_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "van", "von", "al", "bin", "&"})
_CLAUSE_BREAKS = frozenset({"although", "though", "whereas", "by", "according", "but", "and", "yet", "who"})
_PREPOSITIONS = frozenset({"in", "on", "at", "with", "from", "to", "within", "inside", "of", "for"})
_CLOSING_MARKS = frozenset("”\"’'»›")
_ING_NOUNS = frozenset("""nothing something anything everything morning evening during building meeting
    feeling funding spending offering ending beginning including according""".split())
_GROUP_HEADS = lexicon.ANONYMOUS_NOUNS | lexicon.WEASEL_NOUNS
BOUNDARY = frozenset(
    """that but and or while because when whereas if as after before since so though although where than then
    what how why whom whose nor yet until unless once in on at for to with by from about into over after
    during against under without""".split()
)


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


def verb_form(toks: list[Token], i: int) -> tuple[str, str, int] | None:
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
    if i and text[0].isupper() and toks[i - 1].text not in OPENERS + ":—–(" and not text.isupper() \
            and not _title_case(toks):
        return None  # "United States", "Pell Grants": a capitalised word inside a sentence is part of a name
    return found


def _title_case(toks: list[Token]) -> bool:
    """A headline in title case ("Trump Says He Will Win"), where a capitalised verb is still a verb."""
    words = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def content_end(text: str, start: int, e: int, toks: list[Token], from_index: int, np_object: bool = False) -> int:
    """Where the content that starts at ``start`` ends: the sentence end, or before a participial cue or adjunct
    (", sending …"), ';', a non-restrictive ", which", a dash, a parenthesis, an attribution of its own (", as X
    said"), or a clause break after a comma inside a closing mark ("“sound,” but …"). A noun-phrase object
    (``np_object``: "attacked Machado in early-morning tweets") also ends before a trailing adverbial of time or
    occasion."""
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
        if t.text in _CLOSING_MARKS and text[t.start - 1:t.start] == ",":
            # "… is “true,” but …": a comma inside the closing mark; the word after the mark(s) decides.
            m = j + 1
            while m < len(toks) and toks[m].text in _CLOSING_MARKS and toks[m].start == toks[m - 1].end:
                m += 1
            if m < len(toks) and (toks[m].lower in _CLAUSE_BREAKS or _as_said(toks, m)):
                end = toks[m - 1].end
                break
        if t.text == "," and _as_said(toks, j + 1):
            end = t.start  # "…, as the mayor said on Monday": an attribution of its own closes the content
            break
        if t.text == "," and nxt == "and" and j + 2 < len(toks) and toks[j + 2].lower == "that":
            continue  # "said that A, and that B": one reported content in two coordinated clauses
        if t.text == "," and j + 1 < len(toks) and (
                nxt in _CLAUSE_BREAKS or nxt == "which"
                or (nxt.endswith("ing") and (verb_form(toks, j + 1) is not None or _participle(toks, j + 1)))):
            end = t.start  # ", but …", ", although …", ", describing …": a new clause, not the reported one
            break
        if np_object and (t.lower in _NP_TAIL or (t.lower in ("in", "on", "at", "over") and (
                nxt in MONTHS or nxt in _OCCASION_LEADS or nxt.split("-")[0] in _OCCASION_LEADS))):
            end = t.start
            break
        if t.lower in ("and", "but") and j + 1 < len(toks) and j > from_index and verb_form(toks, j + 1) is not None \
                and toks[j + 1].lower not in lexicon.COGNITION_FORMS:
            end = t.start  # "said A and suggested that B": the second verb starts another attribution
            break
    while end > start and (text[end - 1] in ".!?,;:—– " or text[end - 1].isspace()):
        end -= 1
    return end


def _as_said(toks: list[Token], j: int) -> bool:
    """Whether toks[j:] is "as X[, appositive,] said …" (a reporting verb within a few words of "as")."""
    if j + 1 >= len(toks) or toks[j].lower != "as":
        return False
    if not (toks[j + 1].text[0].isupper() or toks[j + 1].lower in lexicon.PRONOUNS or toks[j + 1].lower in (
            "the", "a", "an", "his", "her", "their", "its")):
        return False  # "as evidence of …": not a subject, so not an attribution
    return any(
        toks[m].lower in _REPORTING and verb_form(toks, m) is not None for m in range(j + 1, min(j + 16, len(toks))))


def _participle(toks: list[Token], j: int) -> bool:
    """A lower-case "-ing" word opening a comma clause ("…, sending prices higher"): a participial adjunct of
    the author's, not more of the reported clause. Nouns and prepositions in "-ing" ("morning", "including")
    are not."""
    t = toks[j]
    return t.text[0].islower() and len(t.lower) > 5 and t.lower not in _ING_NOUNS


def _sentence_start(text: str, s: int, toks: list[Token]) -> int:
    """The sentence start past a leading connective ("However, …", "But …")."""
    if toks and toks[0].lower in CONNECTIVES:
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


def subject(toks: list[Token], j: int) -> list[Token]:
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
        if t.text[0].islower() and (low in BOUNDARY or low in BE or (out and verb_form(toks, k) is not None)):
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


def lead_subject(text: str, toks: list[Token], limit: int) -> Mention | None:
    """The named subject opening the sentence ("Mr. Vesk generally backed …", "Officials announced …"): the
    noun phrase before the first lower-case word that is not a determiner, when it names a person, an
    organisation, an outlet or an unnamed source, or is a personal pronoun."""
    k = 0
    while k < limit and (toks[k].lower in CONNECTIVES or toks[k].text == ","):
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


def outlet(obj: list[Token], text: str) -> str | None:
    """The channel in a "told OUTLET [on Monday] that" addressee: a news outlet's name, without the time."""
    names: list[Token] = []
    for t in obj:
        if t.lower in ("on", "in", "at", "last", "this", "during", "earlier", "late", "early") or t.lower in MONTHS:
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
