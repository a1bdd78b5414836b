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
* talk with no speaker: ``reports/allegations/claims/rumours/concerns/questions … that/about/over/of`` with no
  possessive owner → what follows, agentless.
"""

from __future__ import annotations

import re

from attrib.frames import Frame, before, content_end
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
    r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|is\s+being|was\s+being|be)\s+(?:\w+ly\s+)?"
    r"(label+ed|rated|criti[cs]i[sz]ed|confirmed|determined|considered|seen|viewed|described|accused|blamed|"
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
_IT_SEEMS = re.compile(r"\b(?:it|this)\s+(seems|seemed|appears|appeared)\s+(?:that\b|to\b)", re.I)
# A cheap first pass: a sentence without any of these words has no agentless frame.
_AGENTLESS_ANY = re.compile(
    r"\b(?:believ|thought|understood|said|report|claim|alleg|rumou?r|expect|fear|estimat|known|assum|suggest|argu|"
    r"predict|anticipat|hope|consider|speculat|seen|project|tipped|forecast|purport|suppos|reput|label|rated|"
    r"critic|confirm|determin|viewed|describ|accus|blam|credit|deem|regard|characteri|portray|brand|tout|hail|"
    r"condemn|denounc|ridicul|question|disput|implicat|suspect|seem|appear|concern|doubt|scepticism|skepticism|"
    r"talk|complaint|warning|assertion|account|count|calculation)", re.I)
_BY_ESTIMATE = re.compile(r"\b(?:by|on)\s+(?:some|one|rough|conservative|most|many|early|other)\s+"
                          r"(?:\w+\s+)?(estimates?|counts?|accounts?|calculations?)\b", re.I)



def agentless_frames(text: str, s: int, e: int, frames: list[Frame]) -> list[Frame]:
    """Agentless, estimate and expectation frames of the sentence text[s:e], unless their words already sit in
    another frame's content or cue."""
    if not _AGENTLESS_ANY.search(text, s, e):
        return []
    toks = tokens(text, s, e)
    out: list[Frame] = []
    whole = before(text, s, e, toks)
    whole = (whole[0], content_end(text, whole[0], e, toks, 0)) if whole else None
    seen: set[int] = set()

    def covered(pos: int) -> bool:
        return any(f.content and f.content[0] <= pos < f.content[1] for f in frames + out) or \
            any(f.cue_start <= pos < f.cue_end for f in frames) or \
            any(f.mention is not None and f.cue_start <= pos for f in frames if f.kind == "prepositional")

    for rx, default in ((_AGENTLESS_IT, "agentless"), (_AGENTLESS_TO, "agentless"), (_BY_ESTIMATE, "estimate"),
                        (_AGENTLESS_ADVERB, "agentless"), (_EXPECTATION, "expectation"),
                        (_AGENTLESS_PASSIVE, "agentless"), (_IT_SEEMS, "agentless"),
                        (_AGENTLESS_NOUN, "agentless")):
        for m in rx.finditer(text, s, e):
            if m.start() in seen or covered(m.start()):
                continue
            seen.add(m.start())
            word = m.group(1).lower()
            code = "expectation" if word in ("expected", "anticipated", "forecast", "projected") else (
                "unowned-estimate" if word.startswith(("estimat", "count", "calculation", "account"))
                or default == "estimate" else "agentless")
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
