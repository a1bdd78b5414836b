"""The catalogue of rules: every finding names one, by a stable dotted id ``<verdict>.<reason>``."""

from __future__ import annotations

from dataclasses import dataclass

from attrib.models import Severity, Verdict


@dataclass(frozen=True)
class Rule:
    id: str
    verdict: Verdict
    severity: Severity
    summary: str
    help: str


RULES: tuple[Rule, ...] = (
    Rule("verified.verbatim", "verified", "note", "Quote found verbatim",
         "The quoted words occur, after normalising typography, in a passage by the attributed speaker, in a "
         "document within the date window."),
    Rule("verified.elided", "verified", "note", "Quote found with faithful elisions",
         "The quoted words occur in order in a passage by the attributed speaker; the elisions ([...]) and "
         "bracketed insertions only skip or clarify words."),
    Rule("verified.paraphrase", "verified", "note", "Reported claim carried by a passage",
         "A passage by the attributed speaker carries the claim's key words, and its numbers, hedges and "
         "negations agree. A paraphrase match is weaker than a verbatim one."),
    Rule("verified.weak", "verified", "note", "Short fragment found (weak evidence)",
         "A quoted fragment of one or two words occurs in a passage by the speaker; so few words are weak "
         "evidence that the quote was not taken out of context."),
    Rule("misquoted.number-changed", "misquoted", "error", "A number differs from the record",
         "The closest passage by the speaker gives a different number or quantity."),
    Rule("misquoted.hedge-changed", "misquoted", "error", "A hedge was dropped or added",
         "The record hedges (at least, about, may, up to …) where the quote does not, or the other way round."),
    Rule("misquoted.negation-flipped", "misquoted", "error", "A negation was flipped",
         "The quote says the opposite of the record: a not, no or never was added or dropped."),
    Rule("misquoted.words-substituted", "misquoted", "error", "Words substituted",
         "Words inside the quote marks differ from the speaker's words in the record."),
    Rule("misquoted.words-added", "misquoted", "error", "Words added",
         "The quote contains words the speaker did not say, without brackets."),
    Rule("misquoted.words-omitted", "misquoted", "error", "Words omitted without an ellipsis",
         "Words the speaker said are missing from the quote and no ellipsis marks the cut."),
    Rule("misquoted.word-order", "misquoted", "error", "Word order changed",
         "The quote has the speaker's words in a different order."),
    Rule("misquoted.paraphrase", "misquoted", "error", "Paraphrase inside quote marks",
         "The passage says the same thing in other words: it should not stand inside quote marks."),
    Rule("misattributed.other-speaker", "misattributed", "error", "Words spoken by someone else",
         "The words occur in the record, but another person said them."),
    Rule("misattributed.reporter", "misattributed", "error", "Words from a reporter's question",
         "The words occur only in a question put to the speaker, not in the answer."),
    Rule("misattributed.narration", "misattributed", "error", "Words from the publisher's narration",
         "The words are the publisher's narration, not a quotation of the speaker."),
    Rule("misattributed.read-out", "misattributed", "error", "Words read out from a third party",
         "The speaker quoted someone else: the words belong to that third party."),
    Rule("misdated.date", "misdated", "error", "Said on another date",
         "The speaker said these words, but on a date other than the one the article gives."),
    Rule("mistitled.role", "mistitled", "warning", "Title not held on that date",
         "The registry's dated roles say the speaker did not hold this title on the claim's date."),
    Rule("unverified.no-primary-source", "unverified", "warning", "No primary source on file",
         "No registry was given, so there is no record to check the claim against."),
    Rule("unverified.speaker-not-in-registry", "unverified", "warning", "Speaker not in the registry",
         "The speaker is not a person or publisher in sources.yaml."),
    Rule("unverified.no-document-in-window", "unverified", "warning", "No document by the speaker in the window",
         "The registry holds no document with this speaker within the claim's date window."),
    Rule("unverified.no-close-passage", "unverified", "warning", "No passage close enough",
         "Documents by the speaker exist, but no passage comes close to the claim; the closest is shown."),
    Rule("unverified.unreachable", "unverified", "warning", "Source document unreachable",
         "A document that could hold the claim is not recorded or failed to parse: it could not be checked."),
    Rule("vague.anonymous-source", "vague", "warning", "Unnamed source",
         "The claim rests on an unnamed person or group (a source, officials) with no name or office."),
    Rule("vague.agentless", "vague", "warning", "No one stands behind the claim",
         "The claim is phrased as sourced (it is believed, is said to, reportedly) but names no source."),
    Rule("vague.unowned-estimate", "vague", "warning", "Estimate with no owner",
         "An estimate is given without saying whose estimate it is."),
    Rule("vague.weasel-words", "vague", "warning", "Unnamed group",
         "The claim is put in the mouth of an unnamed group (experts say, critics argue, some analysts)."),
    Rule("vague.expectation", "vague", "note", "Expectation with no owner",
         "Something is 'expected' or 'anticipated' without saying by whom."),
    Rule("unsourced.figure", "unsourced", "warning", "Figure with no source",
         "A sentence states numbers as fact with no attribution in the sentence or its context."),
    Rule("profile.policy", "unverified", "error", "Sourcing profile fails policy",
         "The draft's sourcing profile breaks a limit set in the configuration (e.g. too many anonymous claims)."),
    Rule("suppression.no-reason", "unverified", "warning", "Suppression without a reason",
         "An <!-- attrib: ignore-next-line --> or <!-- attrib: off --> comment gives no reason=\"…\": say why the "
         "findings it hides are acceptable, so the next editor can judge."),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def rule(rule_id: str) -> Rule:
    return BY_ID[rule_id]
