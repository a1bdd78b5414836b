"""Regressions found by the verification benchmark: quotes across paragraph breaks, near-misses of common words."""

from __future__ import annotations

import datetime as dt

import pytest

from attrib.align import align_quote
from attrib.models import Claim, DateRange, Settings, Span, Speaker
from attrib.reader import read_text
from attrib.registry import load_registry
from attrib.verify import judge

DAY = dt.date(2024, 3, 14)

# A statement in two paragraphs by one (invented) speaker: every paragraph is its own segment of hers.
STATEMENT = """The harbour at Lindmark will stay open through the spring, and the ferries will run to the old timetable
from Monday. We have asked the port authority to publish the new berths by Friday.

The dredging crews finished their work last night. Their work means the larger grain ships can dock again,
and the first of them is due on the twentieth.
"""
# Generated-looking text of words built from a few syllables (like the benchmark's), where any two stretches share
# so many letters that a character score passes 60 without a phrase in common.
SYLLABLES = """Kaloren tusavel dorqui. Ar arcyhul arar arartumi ararfenmi ardordorpe ararar arhulgra? Arbelarnor ardorli
arardor arbeltupe ardorjas ardorna arbellojas ararbel arbelnor arkreprador arartulum ostfen velmi.
"""
SOURCES = """version: 1
publishers:
  - {id: lindmark, name: Lindmark Port Office, type: government}
people:
  - id: tova-reyes
    name: Tova Reyes
    roles:
      - {title: Harbour Master, publisher: lindmark, from: 2020-01-01}
documents:
  - {id: statement-2024-03-14, title: Harbour statement, publisher: lindmark, date: 2024-03-14, kind: statement, path: docs/statement.txt, speakers: [tova-reyes]}
  - {id: notes-2024-03-14, title: Harbour notes, publisher: lindmark, date: 2024-03-14, kind: statement, path: docs/notes.txt, speakers: [tova-reyes]}
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    root = tmp_path_factory.mktemp("regress")
    (root / "docs").mkdir()
    (root / "docs" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (root / "docs" / "notes.txt").write_text(SYLLABLES, encoding="utf-8")
    (root / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    return load_registry(str(root / "sources.yaml")), str(root / "cache")


def _judge(registry, text):
    reg, cache = registry
    claim = Claim(id="c1", kind="quote", text=text, span=Span(start=0, end=len(text)),
                  speaker=Speaker(name="Tova Reyes", kind="person"), date=DateRange(start=DAY, end=DAY, text="14 March"))
    article = read_text(text, path="draft.txt", date=DAY)
    return judge([claim], article, reg, Settings(), cache_dir=cache)[0]


def test_a_quote_across_a_paragraph_break_of_one_speaker_is_verified(registry):
    found = _judge(registry, "publish the new berths by Friday. The dredging crews finished their work last night")
    assert found.rule == "verified.verbatim", found.reason
    assert "publish the new berths by Friday.\n\nThe dredging crews" in found.evidence[0].passage


def test_an_elision_across_a_paragraph_break_is_verified(registry):
    found = _judge(registry, "We have asked the port authority … the dredging crews finished their work last night")
    assert found.rule == "verified.elided", found.reason


def test_a_word_changed_across_a_paragraph_break_is_a_misquote(registry):
    found = _judge(registry, "publish the new berths by Friday. The dredging crews finished their work this morning")
    assert found.rule == "misquoted.words-substituted", found.reason


QUOTE = ("ar ararka arartulum ar arfenna ararfenmi belnamun arkretazor fenhul belsanor ararvelmi ar ararli ararbel "
         "arbelmi ararbel belnafen arbeliota ar ararfen")


def test_sharing_letters_but_not_words_is_no_close_passage_not_a_misquote(registry):
    # The trap is real: the aligner's character score alone would call this passage close.
    closest = align_quote(QUOTE, SYLLABLES)
    assert closest.score >= Settings().thresholds.close and closest.classes
    found = _judge(registry, QUOTE)
    assert found.rule == "unverified.no-close-passage", found.reason
