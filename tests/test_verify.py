"""Verification against a fixture registry: every verdict, every misquote class, the traps between them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from attrib.models import Claim, DateRange, Settings, Span, Speaker
from attrib.reader import read_text
from attrib.registry import load_registry
from attrib.verify import judge

FIXTURES = Path(__file__).parent / "fixtures" / "verify"
ARTICLE_DATE = dt.date(2024, 11, 8)  # a Friday; the default window is 25 October – 8 November
D = dt.date


@pytest.fixture(scope="module")
def registry():
    return load_registry(str(FIXTURES / "sources.yaml"))


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("verify-cache"))


def make_claim(text, speaker, *, kind="quote", day=None, title=None, speaker_kind="person", fragment=False):
    date = DateRange(start=day, end=day, text=day.isoformat()) if day else None
    who = Speaker(name=speaker, kind=speaker_kind, title=title) if speaker else None
    return Claim(id="c1", kind=kind, text=text, span=Span(start=0, end=len(text)), speaker=who, date=date,
                 fragment=fragment)


def run(registry, cache, claim, article_date=ARTICLE_DATE, text=None):
    article = read_text(text or claim.text, path="draft.txt", date=article_date)
    return judge([claim], article, registry, Settings(), cache_dir=cache)


HOLT, PIKE, BRANDT = "Mira Holt", "Jonas Pike", "Elsa Brandt"
NOV4, NOV5, NOV6, NOV7 = D(2024, 11, 4), D(2024, 11, 5), D(2024, 11, 6), D(2024, 11, 7)

# (case id, claim text, speaker, options, expected rule, words the reason must contain)
CASES = [
    # ---- verified
    ("verbatim", "The northern ridge remains under our control after a week of heavy fighting", HOLT, {}, "verified.verbatim", "Mira Holt"),
    ("verbatim-stated-day", "We have not lost a single aircraft this month", HOLT, {"day": NOV4}, "verified.verbatim", "4 November"),
    ("verbatim-typography", "the enemy’s attacks have been piecemeal and poorly coordinated", HOLT, {}, "verified.verbatim", None),
    ("verbatim-second-official-next-day", "The eastern corridor is open to civilian traffic again", PIKE, {"day": NOV5}, "verified.verbatim", "5 November"),
    ("verbatim-first-official-first-day", "The eastern corridor is open to civilian traffic again", HOLT, {"day": NOV4}, "verified.verbatim", "4 November"),
    ("verbatim-release-quote", "Every promise we made to our allies has been kept", BRANDT, {"day": NOV6}, "verified.verbatim", None),
    ("verbatim-interview-path", "The parliament will vote on the budget before Christmas", "Noor Adeyemi", {}, "verified.verbatim", None),
    ("verbatim-third-party-record", "We will keep the airport at Varna open through the winter", HOLT, {"day": NOV7}, "verified.verbatim", "not Norland Defence Staff's record"),
    ("elided-ellipsis", "The enemy's attacks have been piecemeal … poorly coordinated", HOLT, {}, "verified.elided", None),
    ("elided-brackets", "We estimate that at least 1,200 soldiers crossed the river [...] on Saturday", HOLT, {}, "verified.verbatim|verified.elided", None),
    ("elided-bracketed-insertion", "Negotiations [with Vostria] are not on the table while the shelling continues", HOLT, {}, "verified.elided", None),
    ("elided-bracket-substitution", "[The army's] units pulled back from Tarn to prepared defensive lines in good order", HOLT, {}, "verified.elided", None),
    ("weak-one-word", "piecemeal", HOLT, {"fragment": True}, "verified.weak", "weak evidence"),
    ("weak-two-words", "poorly coordinated", HOLT, {"fragment": True}, "verified.weak", "weak evidence"),
    ("weak-document-speaker", "trained reserves", "Corvid Policy Lab", {"fragment": True, "speaker_kind": "organisation"}, "verified.weak", "weak evidence"),
    ("paraphrase-person", "the winter would slow the enemy down considerably", HOLT, {"kind": "reported"}, "verified.paraphrase", "paraphrase match"),
    ("paraphrase-organisation", "the enemy lacked the trained reserves needed for a winter offensive", "Corvid Policy Lab", {"kind": "reported", "speaker_kind": "organisation"}, "verified.paraphrase", "paraphrase match"),
    ("paraphrase-interview", "parliament would vote on the budget before Christmas", "Noor Adeyemi", {"kind": "reported"}, "verified.paraphrase", "paraphrase match"),
    # ---- misquoted, each class three times
    ("number-couple-several", "Several thousand shells were fired at Varna overnight", HOLT, {}, "misquoted.number-changed", "number changed"),
    ("number-in-marks", "We estimate that at least 2,100 soldiers crossed the river on Saturday", HOLT, {}, "misquoted.number-changed", None),
    ("number-units-converted", "The convoy travelled 48 kilometres under fire", HOLT, {}, "misquoted.number-changed", None),
    ("hedge-dropped-at-least", "We estimate that 1,200 soldiers crossed the river on Saturday", HOLT, {}, "misquoted.hedge-changed", None),
    ("hedge-dropped-could", "The airfield will reopen by the end of the month", HOLT, {}, "misquoted.hedge-changed", None),
    ("hedge-dropped-roughly", "40 drones were shot down on Friday night", HOLT, {}, "misquoted.hedge-changed", None),
    ("negation-dropped", "We have lost a single aircraft this month", HOLT, {}, "misquoted.negation-flipped", None),
    ("negation-dropped-2", "Negotiations are on the table while the shelling continues", HOLT, {}, "misquoted.negation-flipped", None),
    ("negation-added", "The eastern corridor is not open to civilian traffic again", HOLT, {"day": NOV4}, "misquoted.negation-flipped", None),
    ("substituted-verb", "The pontoon bridge near Kesk was damaged by artillery", HOLT, {}, "misquoted.words-substituted", None),
    ("substituted-possessive", "The northern ridge remains under enemy control after a week of heavy fighting", HOLT, {}, "misquoted.words-substituted", None),
    ("substituted-noun", "Fuel, food and medicine reach the front every night", HOLT, {}, "misquoted.words-substituted", None),
    ("added-adverb", "The reserve brigades are fully ready", HOLT, {}, "misquoted.words-added", None),
    ("added-firmly", "The northern ridge remains firmly under our control after a week of heavy fighting", HOLT, {}, "misquoted.words-added", None),
    ("added-adjective", "The enemy's attacks have been piecemeal, hesitant and poorly coordinated", HOLT, {}, "misquoted.words-added", None),
    ("omitted-list-item", "Fuel and ammunition reach the front every night", HOLT, {}, "misquoted.words-omitted", None),
    ("omitted-phrase", "The northern ridge remains under our control after heavy fighting", HOLT, {}, "misquoted.words-omitted", None),
    ("omitted-adjective", "Our units pulled back from Tarn to defensive lines in good order", HOLT, {}, "misquoted.words-omitted", None),
    ("order-swapped", "The position is manageable but serious", HOLT, {}, "misquoted.word-order", None),
    ("order-list", "Food, fuel and ammunition reach the front every night", HOLT, {}, "misquoted.word-order", None),
    ("order-adjectives", "The enemy's attacks have been poorly coordinated and piecemeal", HOLT, {}, "misquoted.word-order", None),
    ("paraphrase-in-marks", "Tarn was left by our units, who pulled back in good order to prepared lines", HOLT, {}, "misquoted.paraphrase", "paraphrase inside quote marks"),
    ("paraphrase-in-marks-2", "The enemy's assaults were poorly coordinated and came piecemeal", HOLT, {}, "misquoted.paraphrase", None),
    ("paraphrase-in-marks-3", "Until the frost comes, every village must be held", "Oskar Vane", {}, "misquoted.paraphrase|unverified.no-close-passage|unverified.no-document-in-window", None),
    # ---- misattributed
    ("reporter-question", "the army is running out of shells", HOLT, {}, "misattributed.reporter", "reporter's question"),
    ("reporter-question-2", "the government preparing a general mobilisation this winter", HOLT, {}, "misattributed.reporter", "reporter"),
    ("reporter-question-3", "Will General Holt brief tomorrow", PIKE, {"day": NOV5}, "misattributed.reporter", "reporter"),
    ("other-official", "Recruitment is running well ahead of target this autumn", HOLT, {}, "misattributed.other-speaker", "Jonas Pike"),
    ("other-official-2", "Convoys will resume on Thursday, and the first will carry medical supplies to Varna", HOLT, {}, "misattributed.other-speaker", "Jonas Pike"),
    ("other-official-3", "The eastern corridor is open to civilian traffic again", BRANDT, {"day": NOV5}, "misattributed.other-speaker", "Jonas Pike"),
    ("narration-in-marks", "repairs to the Kesk rail line were complete", BRANDT, {}, "misattributed.narration", "narration"),
    ("narration-in-marks-2", "The line carries most of the fuel bound for the northern front", HOLT, {}, "misattributed.narration", "Norland Defence Staff"),
    ("narration-report", "The northern ridge is unlikely to change hands before the spring", HOLT, {}, "misattributed.narration", "Corvid Policy Lab"),
    ("read-out", "hold every village until the frost", HOLT, {}, "misattributed.read-out", "Oskar Vane"),
    ("read-out-day", "hold every village until the frost", HOLT, {"day": NOV4}, "misattributed.read-out", "Oskar Vane"),
    ("read-out-capitalised", "Hold every village until the frost.", HOLT, {"day": NOV4}, "misattributed.read-out", "read these words out"),
    # ---- misdated
    ("consecutive-days", "The eastern corridor is open to civilian traffic again", HOLT, {"day": NOV5}, "misdated.date", "4 November 2024"),
    ("weekday-mismatch", "The pontoon bridge near Kesk was destroyed by artillery", HOLT, {"day": NOV5}, "misdated.date", "4 November 2024"),
    ("misdated-release", "Every promise we made to our allies has been kept", BRANDT, {"day": D(2024, 11, 1)}, "misdated.date", "6 November 2024"),
    ("misdated-third-party", "We will keep the airport at Varna open through the winter", HOLT, {"day": NOV4}, "misdated.date", "7 November 2024"),
    # ---- unverified
    ("not-in-registry", "The budget is a disgrace", "Karl Fenwick", {}, "unverified.speaker-not-in-registry", "Karl Fenwick"),
    ("not-in-registry-org", "Winter will decide the war", "Institute of Nowhere", {"speaker_kind": "organisation"}, "unverified.speaker-not-in-registry", None),
    ("no-speaker", "The ridge has fallen", None, {}, "unverified.speaker-not-in-registry", None),
    ("no-document-in-window", "The southern ports are closed to all shipping", HOLT, {"day": D(2024, 10, 1)}, "unverified.no-document-in-window", "1 October 2024"),
    ("no-document-in-window-2", "The coalition will survive the winter", "Noor Adeyemi", {"day": D(2024, 12, 20)}, "unverified.no-document-in-window", None),
    ("no-document-in-window-3", "Ruth Calder never spoke on the record", "Ruth Calder", {}, "unverified.no-document-in-window", "Ruth Calder"),
    ("no-close-passage", "We will win the war by Easter", HOLT, {}, "unverified.no-close-passage", "closest"),
    ("no-close-passage-2", "The harvest was the best in a decade", HOLT, {"day": NOV4}, "unverified.no-close-passage", None),
    ("no-close-passage-reported", "the navy would receive six new frigates", HOLT, {"kind": "reported"}, "unverified.no-close-passage", None),
    ("unreachable-not-recorded", "The training camps will close in December", PIKE, {"day": D(2024, 11, 12)}, "unverified.unreachable", "not recorded"),
    ("unreachable-parse", "Our allies have our thanks", BRANDT, {"day": D(2024, 11, 20)}, "unverified.unreachable", "failed to parse"),
    ("unreachable-reported", "the training camps would close", PIKE, {"kind": "reported", "day": D(2024, 11, 12)}, "unverified.unreachable", "attrib sources fetch"),
]


def _check(judgement, expected, words):
    assert judgement.rule in expected.split("|"), (judgement.rule, judgement.reason)
    if words:
        assert words in judgement.reason, judgement.reason
    assert judgement.verdict == judgement.rule.split(".")[0]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_verdict(registry, cache, case):
    _id, text, speaker, options, expected, words = case
    judgements = run(registry, cache, make_claim(text, speaker, **options))
    _check(judgements[0], expected, words)
    rule = judgements[0].rule
    if rule.split(".")[0] not in ("vague", "unsourced") and rule not in (
        "unverified.speaker-not-in-registry", "unverified.unreachable", "unverified.no-document-in-window"
    ):
        assert judgements[0].evidence, "every verdict about a found passage carries evidence"


def test_every_verdict_and_misquote_class_is_covered_three_times():
    from collections import Counter

    rules = Counter(c[4].split("|")[0] for c in CASES)
    verdicts = Counter()
    for rule_id, n in rules.items():
        verdicts[rule_id.split(".")[0]] += n
    for verdict in ("verified", "misquoted", "misattributed", "misdated", "unverified"):
        assert verdicts[verdict] >= 3, verdict
    for cls in ("number-changed", "hedge-changed", "negation-flipped", "words-substituted", "words-added",
                "words-omitted", "word-order", "paraphrase"):
        assert rules[f"misquoted.{cls}"] >= 3, cls
    for sub in ("reporter", "other-speaker", "narration", "read-out"):
        assert rules[f"misattributed.{sub}"] >= 3, sub
