"""Verbal attribution frames: a reporting or cognition verb, its subject (before, after or shared), its content."""

from __future__ import annotations

from attrib import lexicon
from attrib.frame_parts import (
    BE,
    BOUNDARY,
    MONTHS,
    OPENERS,
    Frame,
    before,
    content_end,
    lead_subject,
    outlet,
    subject,
    verb_form,
)
from attrib.sentences import Token
from attrib.speakers import mention_from_tokens

_CLOSERS = "”\"’'»›"
_ADDRESSEES = frozenset("""reporters journalists the press press him her them us me supporters the audience
    audiences crowd the crowd voters congress lawmakers parliament""".split())

# Verbs whose bare complement is a clause, not a noun phrase: "saying the bids were late" (vs "noting the delay").
_CLAUSE_ONLY = frozenset({"say", "argue", "insist", "claim", "contend", "assert", "maintain", "add", "suggest",
                          "allege"})
_WH = frozenset({"how", "why", "what", "whether"})
_ADDRESSEE_ENDS = frozenset({"that", ":", ","}) | _WH
# Words of a short time or occasion adverbial between a cue and its content ("said on Tuesday in a statement").
_ADVERBIAL = frozenset("""on in at last this yesterday today tonight earlier later week month year night morning
    afternoon evening weekend a an the statement interview speech letter post tweet briefing conference news
    release remarks email""".split())
# Words that open a finite clause: a "that" after one of them belongs to the clause, not to the cue.
_CLAUSE_OPENERS = frozenset({"he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those"})
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


def verbal_frame(text, s, e, toks, i, verb, frames) -> Frame | None:
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
        saw_be = saw_be or toks[j].lower in BE
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
                speaker = lead_subject(text, toks, i)
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
    np = subject(toks, j) if j >= 0 else []
    appositive = None
    if not np and j >= 0 and toks[j].text == ",":
        # "Name, a … spokesperson, said" — skip a comma-bounded appositive back to the name.
        k = j - 1
        while k >= 0 and toks[k].text not in (",", ";", ":", "(", "“", "”", '"'):
            k -= 1
        bare_role = toks[k + 1].text[0].islower() and toks[k - 1].text[0].isupper() and \
            verb_form(toks, k + 1) is None and toks[k + 1].lower not in BOUNDARY if k > 0 else False
        if k > 0 and toks[k].text == "," and (bare_role or toks[k + 1].lower in (
                "a", "an", "the", "who", "whose", "which", "citing", "one", "now", "himself", "herself")):
            # "Name, a … spokesperson, said" and, with no article, "Name, senior associate at …, said".
            np = subject(toks, k - 1)
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
        mention_shared = lead_subject(text, toks, j)
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
            t.lower == "that" or t.text[0] in OPENERS for t in rest
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
                OPENERS:
            m += 1
        obj = text[toks[k].start:toks[m - 1].end] if m > k else ""
        if m < len(toks) and m > k and toks[m].lower in _WH and toks[k].text[0].isupper():
            # "told Radio Host Ada Vesk on Monday how …": a named addressee, then a wh-clause as the content.
            via = outlet(toks[k:m], text) or via
            k = m
        elif m < len(toks) and (toks[m].lower == "that" or toks[m].text in (":", ",")):
            via = outlet(toks[k:m], text) or via
            k = m
        elif obj.lower() in _ADDRESSEES or (m > k and toks[k].text in lexicon.OUTLETS):
            if toks[k].text in lexicon.OUTLETS:
                via = toks[k].text
            k = k + 1 if toks[k].lower not in ("the", "a") else k + 2
    start = None
    if k + 1 < len(toks) and toks[k].lower == "to" and verb_form(toks, k + 1) is not None and \
            lemma not in _TO_LEMMAS:
        k = verb_form(toks, k + 1)[2] + 1  # "went on to explain how …": the content follows the second verb
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
                if (toks[m].text[0] in OPENERS or toks[m].text in (":", ",")) and m > k and m + 1 < len(toks) \
                        and all(t.lower in _ADVERBIAL or t.lower in MONTHS or t.text[0].isdigit()
                                for t in toks[k:m]) and any(t.lower not in ("a", "an", "the") for t in toks[k:m]):
                    # "said on Tuesday “…”", "said in a statement: …": a time or occasion, then the content
                    start = toks[m].start if toks[m].text[0] in OPENERS else toks[m + 1].start
                    break
                if toks[m].text in (",", ";") or toks[m].text[0] in OPENERS:
                    break
                if toks[m].lower in _CLAUSE_OPENERS or toks[m].lower in lexicon.CLAUSE_NOUNS:
                    break  # "says they share the belief that …": the clause began before this "that"
                if toks[m].lower == "that":
                    start = toks[m].start if m + 1 < len(toks) else None
                    break
            if start is None and nxt.lower in ("in", "on") and not any(
                t.lower == "that" or t.text[0] in OPENERS for t in toks[k:]
            ):
                return None  # "said in a briefing.", "spoke on Monday": an occasion, no content
            if start is None and nxt.lower in _NOT_CONTENT and not (nxt.lower in ("to", "for") and (
                    family == "cognition" or lemma in _TO_LEMMAS)):
                return None  # "spoke at an event", "wrote to a colleague": no content follows the verb
            if start is None:
                if lemma in lexicon.BARE_CLAUSE_LEMMAS or lemma in lexicon.AS_LEMMAS or nxt.text[0] in OPENERS \
                        or (family == "speech" and mention.kind not in ("relative",)) \
                        or (family == "cognition" and nxt.lower == "to") \
                        or (lemma in _TO_LEMMAS and nxt.lower in ("to", "for")):
                    start = nxt.start
    if start is None:
        return None
    if lemma in lexicon.STANCE_LEMMAS and k < len(toks) and toks[k].start == start and (
            toks[k].lower in BOUNDARY - {"that"} if lemma not in lexicon.TO_ONLY_LEMMAS else toks[k].lower != "to"):
        return None  # "backed out", "refused until Thursday": a stance verb's content is its object or to-clause
    np_object = start is not None and k < len(toks) and toks[k].start == start and \
        toks[k].lower not in _CLAUSE_OPENERS and toks[k].lower not in ("that", "to", "how", "what", "why",
                                                                         "whether", "if", "when", "who") \
        and lemma not in lexicon.BARE_CLAUSE_LEMMAS and family != "cognition" and text[start] not in OPENERS
    content = (start, content_end(text, start, e, toks, k, np_object))
    if mention.kind == "relative":
        comma = text.find(",", start, content[1])
        if comma > start:
            content = (start, comma)
    if content[1] <= content[0]:
        return None
    return Frame(*cue, family, mention, content, via=via, appositive=appositive)
