"""Verification of whole drafts: titles, vague and unsourced claims, no registry, and claims found by ``extract``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from attrib.extract import extract
from attrib.models import Claim, Cue, DateRange, Settings, Span, Speaker, Vagueness
from attrib.reader import read_text
from attrib.registry import load_registry
from attrib.verify import judge

FIXTURES = Path(__file__).parent / "fixtures" / "verify"


@pytest.fixture(scope="module")
def registry():
    return load_registry(str(FIXTURES / "sources.yaml"))


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("verify-article-cache"))


def titled(article_text: str, title: str, quote: str, day: dt.date) -> Claim:
    name_at = article_text.index("Mira Holt")
    return Claim(id="c1", kind="quote", text=quote, span=Span(start=0, end=len(quote)),
                 speaker=Speaker(name="Mira Holt", title=title, span=Span(start=name_at, end=name_at + 9)),
                 date=DateRange(start=day, end=day))


@pytest.mark.parametrize(
    ("title", "day", "flagged"),
    [
        ("Col.", dt.date(2024, 11, 4), True),  # promoted on 1 July 2024
        ("Colonel", dt.date(2024, 11, 4), True),
        ("Brig. Gen.", dt.date(2024, 5, 10), True),  # before the promotion
        ("Brig. Gen.", dt.date(2024, 11, 4), False),
        ("Gen.", dt.date(2024, 11, 4), False),  # a short form that fits the role she held
        ("Spokesperson", dt.date(2024, 11, 4), False),
    ],
)
def test_title_not_held_on_the_day_is_its_own_finding(registry, cache, title, day, flagged):
    text = f"{title} Mira Holt said the position was serious."
    claim = titled(text, title, "The position is serious but manageable", day)
    judgements = judge([claim], read_text(text, date=dt.date(2024, 11, 8)), registry, Settings(), cache_dir=cache)
    extra = [j for j in judgements if j.rule == "mistitled.role"]
    assert bool(extra) == flagged, [j.reason for j in judgements]
    if flagged:
        assert extra[0].span is not None and extra[0].span.slice(text) == title
        assert "Mira Holt was not" in extra[0].reason and extra[0].verdict == "mistitled"


def _vague(code: str) -> Claim:
    return Claim(id="c1", kind="reported", text="the ridge will fall", span=Span(start=0, end=5),
                 vagueness=Vagueness(code=code, message=f"message for {code}", cue=Cue(text="x", span=Span(start=0, end=1))))


@pytest.mark.parametrize("code", ["anonymous-source", "agentless", "unowned-estimate", "weasel-words", "expectation"])
def test_vague_claims_get_their_code_and_message(registry, cache, code):
    [j] = judge([_vague(code)], read_text("x"), registry, Settings(), cache_dir=cache)
    assert (j.verdict, j.rule, j.reason, j.evidence) == ("vague", f"vague.{code}", f"message for {code}", [])


@pytest.mark.parametrize("text", ["Exports rose 12% in 2023.", "The budget is $4bn.", "Some 3,000 homes lost power."])
def test_unsourced_figures(registry, cache, text):
    claim = Claim(id="c1", kind="unattributed", text=text, span=Span(start=0, end=len(text)), unsourced=True)
    [j] = judge([claim], read_text(text), registry, Settings(), cache_dir=cache)
    assert (j.verdict, j.rule) == ("unsourced", "unsourced.figure")


@pytest.mark.parametrize("kind", ["quote", "reported", "quote"])
def test_without_a_registry_every_named_claim_is_unverified(kind):
    claim = Claim(id="c1", kind=kind, text="The ridge has held", span=Span(start=0, end=5), speaker=Speaker(name="Mira Holt"))
    vague = _vague("agentless")
    judgements = judge([claim, vague], read_text("x"), None, Settings())
    assert [(j.rule, j.reason) for j in judgements] == [
        ("unverified.no-primary-source", "no primary source on file"),
        ("vague.agentless", "message for agentless"),
    ]


def test_only_unreachable_candidates_never_say_no_close_passage(registry, cache):
    claim = Claim(id="c1", kind="quote", text="We will not comment", span=Span(start=0, end=5),
                  speaker=Speaker(name="Elsa Brandt"), date=DateRange(start=dt.date(2024, 11, 20), end=dt.date(2024, 11, 20)))
    [j] = judge([claim], read_text("x"), registry, Settings(), cache_dir=cache)
    assert j.rule == "unverified.unreachable" and "failed to parse" in j.reason


def _draft_verdicts(registry, cache, text: str, day: dt.date) -> list[tuple[str, str]]:
    article = read_text(text, path="draft.txt", date=day)
    return [(j.claim.text, j.rule) for j in judge(extract(article), article, registry, Settings(), cache_dir=cache)]


def test_extracted_draft_weekday_that_does_not_match_the_event(registry, cache):
    # The article is dated Friday 8 November; "on Tuesday" is 5 November, but Holt said it on Monday the 4th.
    got = _draft_verdicts(registry, cache, '"The pontoon bridge near Kesk was destroyed by artillery," Mira Holt said on Tuesday.\n',
                          dt.date(2024, 11, 8))
    assert ("The pontoon bridge near Kesk was destroyed by artillery", "misdated.date") in got


def test_extracted_draft_reporter_question_and_verified_quote(registry, cache):
    text = ('"The northern ridge remains under our control after a week of heavy fighting," Mira Holt said.\n\n'
            'Holt also said "the army is running out of shells."\n')
    got = dict(_draft_verdicts(registry, cache, text, dt.date(2024, 11, 8)))
    assert got["The northern ridge remains under our control after a week of heavy fighting"] == "verified.verbatim"
    assert any(rule == "misattributed.reporter" for rule in got.values()), got


def test_extracted_draft_number_changed_in_quote_marks(registry, cache):
    got = _draft_verdicts(registry, cache, '"Several thousand shells were fired at Varna overnight," Mira Holt said.\n',
                          dt.date(2024, 11, 8))
    assert ("Several thousand shells were fired at Varna overnight", "misquoted.number-changed") in got


def test_evidence_is_complete_and_snapped_to_words(registry, cache):
    claim = Claim(id="c1", kind="quote", text="Several thousand shells were fired at Varna overnight", span=Span(start=0, end=5),
                  speaker=Speaker(name="Mira Holt"))
    [j] = judge([claim], read_text("x", date=dt.date(2024, 11, 8)), registry, Settings(), cache_dir=cache)
    [e] = j.evidence
    assert (e.document_id, e.date, e.publisher, e.record, e.speaker, e.speaker_role) == (
        "nds-briefing-2024-11-04", dt.date(2024, 11, 4), "Norland Defence Staff", "official-record", "Mira Holt", "person")
    assert e.path == "docs/nds-briefing-2024-11-04.txt" and "couple thousand shells" in e.passage
    assert any(op.op == "replace" for op in e.diff) and 0 < e.score < 100
    assert e.passage[0].isalnum() and e.passage[-1].isalnum()  # whole words, not "uple thousand…"
