"""The seed article: the ten findings of EXPECTED.md, and nothing from its furniture or the author's analysis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from attrib.extract import extract
from attrib.models import Article, Claim

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "kursk-article.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed/kursk-article.txt is absent")


@pytest.fixture(scope="module", params=["plain", "reader"])
def claims(request) -> list[Claim]:
    text = SEED.read_text(encoding="utf-8")
    date = dt.date(2024, 11, 14)
    if request.param == "plain":
        article = Article(path=str(SEED), format="text", text=text, prose=text, date=date)
    else:
        article = Article.from_text(text, path=str(SEED), date=date)
    found = extract(article)
    for claim in found:
        assert text[claim.span.start:claim.span.end] == claim.text
    return found


def _one(claims: list[Claim], anchor: str) -> Claim:
    hits = [c for c in claims if anchor in c.text]
    assert len(hits) == 1, (anchor, [c.text[:40] for c in hits])
    return hits[0]


def test_buffer_zone_quotes_the_victory_plan(claims):
    c = _one(claims, "buffer zone")
    assert c.kind == "quote" and c.text == "buffer zone"
    assert c.speaker is not None and c.speaker.kind == "document" and c.speaker.name == "Victory Plan"


def test_it_is_believed_is_agentless(claims):
    c = _one(claims, "new Trump administration")
    assert c.kind == "reported" and c.speaker is None
    assert c.vagueness is not None and c.vagueness.code == "agentless"


def test_ryder_reported_claim_and_fragment(claims):
    reported = _one(claims, "Northern theatre")
    fragment = next(c for c in claims if c.text == "incremental")
    for c in (reported, fragment):
        assert c.speaker is not None and c.speaker.name == "Pat Ryder"
        assert c.speaker.title == "Major General"
        assert c.speaker.affiliation == "US Department of Defense"
        assert c.date is not None and c.date.start == dt.date(2024, 11, 12)
    assert reported.kind == "reported" and reported.cue is not None and reported.cue.text == "assured"
    assert fragment.kind == "quote" and fragment.fragment


def test_said_to_according_to_a_source_is_vague(claims):
    c = _one(claims, "900 square")
    assert c.kind == "reported" and c.vagueness is not None
    assert c.vagueness.code in ("anonymous-source", "agentless")
    assert c.date is not None and c.date.start == dt.date(2024, 10, 1)


def test_isw_is_an_organisation(claims):
    c = _one(claims, "inflection")
    assert c.kind == "reported"
    assert c.speaker is not None and c.speaker.kind == "organisation"
    assert c.speaker.name == "Institute for the Study of War"


def test_rough_estimate_is_unowned(claims):
    c = _one(claims, "50,000")
    assert c.kind == "reported" and c.speaker is None
    assert c.vagueness is not None and c.vagueness.code == "unowned-estimate"


def test_dollar_figure_is_unsourced(claims):
    c = _one(claims, "$61bn")
    assert c.kind == "unattributed" and c.unsourced
    assert c.date is not None and c.date.start == dt.date(2024, 11, 1)


def test_rudik_quotes_including_the_continued_paragraph(claims):
    first = _one(claims, "not president yet")
    second = _one(claims, "missile strikes")
    assert "There are still" in first.text  # both sentences inside the marks
    for c in (first, second):
        assert c.kind == "quote"
        assert c.speaker is not None and c.speaker.name == "Kira Rudik" and c.speaker.kind == "person"
    assert not second.text.endswith("have avoided")


def test_expectation_is_low_severity_vague(claims):
    c = _one(claims, "counter-offensive")
    assert c.vagueness is not None and c.vagueness.code == "expectation"


def test_nothing_from_furniture_caption_name_heading_or_analysis(claims):
    text = SEED.read_text(encoding="utf-8")
    forbidden = ["competitors", "Company Profile", "Thank you", "free sample", "Privacy Policy", "border guards",
                 "Credit", "Russian plans to retake", "afford to take their time", "potential loss",
                 "heart of Ukraine"]
    for claim in claims:
        sentence = text[claim.sentence.start:claim.sentence.end] if claim.sentence else claim.text
        for word in forbidden:
            assert word not in sentence, (word, claim.text[:40])
        assert claim.text != "Victory Plan"
    assert len(claims) == 11
