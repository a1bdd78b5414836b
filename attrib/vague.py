"""Vague attributions with no one behind them: agentless forms, unowned estimates and expectations.

Rules (each yields a ``reported`` claim whose vagueness code says what is missing):

* ``it is believed/understood/said/thought … (that)`` → the clause after "that" (or after the verb), agentless;
  "it is expected/anticipated" → code ``expectation``, "it is estimated" → ``unowned-estimate``.
* ``X is said/believed/reported/thought … to …`` and the adverbs ``reportedly``, ``allegedly``, ``purportedly``,
  ``supposedly`` → the whole sentence, agentless.
* ``is (not) expected/anticipated`` with no "by" → the whole sentence, ``expectation`` (a note, not a warning:
  every forecast in a news story is someone's, but an editor may accept an unowned one).
* ``by some/rough/conservative estimates`` → the sentence, ``unowned-estimate``.
* a judgement in the passive with no "by" (``was labelled``, ``has been criticised``) and ``it seems/appears``
  → the sentence, agentless.
* ``X seems/appears to|like|that …``, ``apparently``, ``presumably``, ``looks likely`` and ``it is (not)
  clear/obvious/apparent that`` → the sentence, agentless (an impression or judgement no one owns).
* ``as expected/predicted`` and ``could/would be expected`` → the sentence, ``expectation``.
* ``A rough estimate puts/says/shows …`` (an estimate with no owner as subject) → the sentence,
  ``unowned-estimate``.
* criticism with no critic (``drew criticism``, ``has faced ridicule``, ``took heat for``, ``came under fire``)
  → the sentence, agentless.
* talk with no speaker: ``reports/allegations/claims/rumours/concerns/questions … that/about/over/of`` with no
  possessive owner → what follows, agentless.
"""

from __future__ import annotations

import re

from attrib.frame_parts import Frame, before, content_end
from attrib.sentences import tokens, trim

_AGENTLESS_IT = re.compile(
    r"\b(?:it|this)\s+(?:is|was|has\s+been|had\s+been|is\s+being|will\s+be)\s+(?:\w+ly\s+|now\s+|also\s+)?"
    r"(believed|thought|understood|said|reported|claimed|alleged|rumou?red|expected|feared|estimated|known|"
    r"assumed|suggested|argued|predicted|anticipated|hoped|considered|speculated|feared)\b(\s+that\b)?",
    re.I,
)
_AGENTLESS_TO = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+|not\s+|also\s+)?"
    r"(said|believed|thought|reported|understood|alleged|rumou?red|expected|feared|estimated|known|claimed|"
    r"considered|seen|projected|anticipated|tipped|predicted|forecast)\s+to\b",
    re.I,
)
_AGENTLESS_ADVERB = re.compile(r"\b(reportedly|allegedly|purportedly|supposedly|reputedly|rumou?redly)\b", re.I)
_EXPECTATION = re.compile(
    r"\b(?:is|are|was|were|will\s+be|remains?)\s+(?:not\s+)?(?:widely\s+|also\s+|now\s+)?"
    r"(expected|anticipated|forecast|projected)\b(?!\s+(?:to|by)\b)",
    re.I,
)
# A judgement in the passive with no one making it: "was labelled a failure", "has been criticised as".
_AGENTLESS_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|(?:has|have|had)\s+(?:\w+ly\s+|often\s+|long\s+|also\s+)?been|is\s+being|was\s+being|"
    r"are\s+being|be)\s+"
    r"(?:(?:\w+ly|often|also|long|widely|never|not|now|already|sometimes|since|even|still)\s+){0,2}"
    r"(dubbed|nicknamed|reported|mentioned\s+as|debated|label+ed|rated|criti[cs]i[sz]ed|confirmed|determined|considered|seen|viewed|described|accused|blamed|"
    r"credited|deemed|regarded|characteri[sz]ed|portrayed|branded|touted|hailed|condemned|denounced|"
    r"ridiculed|questioned|disputed|rumou?red|implicated|suspected)\b(?!\s+by\b)",
    re.I,
)
# Talk with no speaker: "amid reports that …", "growing concerns about …", "claims of …".
_AGENTLESS_NOUN = re.compile(
    r"(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )(?<!’s )(?<!'s )(?<!\bmy )(?<!\bour )"
    r"\b((?:reports|allegations|claims|rumou?rs|speculation|suggestions|accusations|fears|concerns|"
    r"questions|criticism|doubts|scepticism|skepticism|talk|complaints|warnings|predictions|assertions|"
    r"accounts))\s+(?:have\s+|had\s+|has\s+)?(that|about|over|of|for)\s",
    re.I,
)
# A named owner just before the talk noun makes it theirs: "Vesk is raising questions about …", "she voiced
# concerns that …" — the talk has a source, so it is not agentless.
_OWNED_TALK = re.compile(
    r"\b(?:rais|voic|express|shar|air|pos|lodg|fil|level|made|mak|issu|repeat|reiterat|echo|renew)\w*\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
_IT_SEEMS = re.compile(r"\b(?:it|this)\s+(seems|seemed|appears|appeared)\s+(?:that\b|to\b)", re.I)
# An impression with no one having it: "X seems to …", "X appears to …", "X seemed confident", "apparently".
_SEEMS = re.compile(
    r"\b(?:(seems?|seemed|appears?|appeared)\s+(?:to|that|like|as\s+if|as\s+though|likely|unlikely|certain|"
    r"poised|confident|ready|sure|set)\b|(apparently|seemingly|presumably|ostensibly)\b"
    r"|(looks?|looked)\s+(?:like|likely|unlikely|set|poised)\b)",
    re.I,
)
# A judgement stated as plain fact: "it is clear that", "Nor is it clear whether", "it was unclear whether".
_IT_IS_CLEAR = re.compile(
    r"\b(?:it|this)\s*(?:is|was|['’]s|has\s+been|had\s+been|seems|remains|remained|became|becomes|should\s+be|"
    r"must\s+be)\s+(?:now\s+|also\s+|"
    r"not\s+|still\s+)?(clear|unclear|obvious|apparent|evident|plain)\b"
    r"|\b(?:is|was)\s+it\s+(clear|unclear|obvious|apparent|evident)\b",
    re.I,
)
# An expectation with no one holding it: "as expected", "as predicted", "could be expected".
_AS_EXPECTED = re.compile(r"\bas\s+(?:had\s+been\s+|was\s+)?(expected|predicted|anticipated|forecast)\b"
                          r"|\b(?:could|would|might|can|should|may)\s+be\s+(expected)\b", re.I)
# Criticism with no critic: "drew criticism", "has faced ridicule online", "took heat for", "came under fire".
_CRITICISM = re.compile(
    r"\b(?:dr[ae]w|draws?|drawing|faced?|faces|facing|t[oa]ok|takes|taking|came\s+under|comes?\s+under|coming\s+under|"
    r"sparked|sparking|prompted|prompting|triggered|attracted|attracting)\s+(?:\w+\s+){0,2}?"
    r"(criticism|ridicule|heat|fire|flak|backlash|scrutiny|condemnation|outrage|derision)\b",
    re.I,
)
# A cheap first pass: a sentence without any of these words has no agentless frame.
_AGENTLESS_ANY = re.compile(
    r"\b(?:believ|thought|understood|said|report|claim|alleg|rumou?r|expect|fear|estimat|known|assum|suggest|argu|"
    r"predict|anticipat|hope|consider|speculat|seen|project|tipped|forecast|purport|suppos|reput|label|rated|"
    r"critic|confirm|determin|viewed|describ|accus|blam|credit|deem|regard|characteri|portray|brand|tout|hail|"
    r"condemn|denounc|ridicul|question|disput|implicat|suspect|seem|appear|concern|doubt|scepticism|skepticism|"
    r"talk|complaint|warning|assertion|account|count|calculation|tall[yi]|clear|obvious|apparent|evident|dub|nickname|presum|ostensib|look|mention|debat|heat|fire|flak|backlash|scrutiny|ridicule|outrage|derision)", re.I)
# An estimate with no owner as the subject: "A rough estimate puts the cost at …", "one projection shows".
_ESTIMATE_SUBJECT = re.compile(
    r"\b(?:a|an|one|some|the|early|initial|preliminary)\s+(?:(?:rough|conservative|early|initial|preliminary|"
    r"new|recent|latest|crude|first|unofficial|widely\s+cited|back-of-the-envelope)\s+)*"
    r"(estimates?|projections?|calculations?|tall(?:y|ies)|counts?|forecasts?)\s+(?:now\s+|also\s+)?"
    r"(?:puts?|places?|says?|suggests?|shows?|finds?|indicates?|reckons?|has|had|is|was|were|are|of)\b",
    re.I,
)
_BY_ESTIMATE = re.compile(r"\b(?:by|on)\s+(?:some|one|rough|conservative|most|many|early|other)\s+"
                          r"(?:\w+\s+)?(estimates?|counts?|accounts?|calculations?)\b", re.I)

# Every rule with its default code, in order of precedence (an earlier rule's match wins at the same offset).
_RULES = ((_AGENTLESS_IT, "agentless"), (_AGENTLESS_TO, "agentless"), (_BY_ESTIMATE, "estimate"),
          (_ESTIMATE_SUBJECT, "estimate"), (_AGENTLESS_ADVERB, "agentless"), (_EXPECTATION, "expectation"),
          (_AGENTLESS_PASSIVE, "agentless"), (_IT_SEEMS, "agentless"), (_SEEMS, "agentless"),
          (_IT_IS_CLEAR, "agentless"), (_AS_EXPECTED, "expectation"), (_CRITICISM, "agentless"),
          (_AGENTLESS_NOUN, "agentless"))


def agentless_frames(text: str, s: int, e: int, frames: list[Frame]) -> list[Frame]:
    """Agentless, estimate and expectation frames of the sentence text[s:e], unless their words already sit in
    another frame's content or cue."""
    if not _AGENTLESS_ANY.search(text, s, e):
        return []
    found = [(rx, default, m) for rx, default in _RULES for m in rx.finditer(text, s, e)]
    if not found:
        return []  # most sentences: no need to tokenise
    toks = tokens(text, s, e)
    out: list[Frame] = []
    whole = before(text, s, e, toks)
    whole = (whole[0], content_end(text, whole[0], e, toks, 0)) if whole else None
    seen: set[int] = set()

    def covered(pos: int) -> bool:
        return any(f.content and f.content[0] <= pos < f.content[1] for f in frames + out) or \
            any(f.cue_start <= pos < f.cue_end for f in frames) or \
            any(f.mention is not None and f.mention.start <= pos < f.mention.end for f in frames) or \
            any(f.mention is not None and f.cue_start <= pos for f in frames if f.kind == "prepositional")

    for rx, default, m in found:
        if m.start() in seen or covered(m.start()):
            continue
        seen.add(m.start())
        word = next((g for g in m.groups() if g), m.group()).lower()
        code = "expectation" if word in ("expected", "anticipated", "forecast", "projected") else (
            "unowned-estimate" if word.startswith(("estimat", "count", "calculation", "account"))
            or default == "estimate" else "agentless")
        if rx is _AGENTLESS_NOUN and _OWNED_TALK.search(text, max(s, m.start() - 40), m.start()):
            continue
        if rx is _AGENTLESS_NOUN:
            content = trim(text, m.end(), content_end(text, m.end(), e, toks, 0))
        elif rx is _AGENTLESS_IT and m.group(2):
            content = (m.end() + 1, content_end(text, m.end() + 1, e, toks, 0))
            content = trim(text, *content)
        else:
            content = whole
        if content and content[1] > content[0]:
            out.append(Frame(m.start(), m.end(), "agentless", None, content, vague=code))
    return out
