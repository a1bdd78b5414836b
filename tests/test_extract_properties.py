"""Invariants of extraction on any text: no crash, and every span slices back to the text it reports."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.extract import extract
from attrib.models import Article

_PIECES = st.sampled_from([
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", " said ", " according to ", "Ms Vale", " he ", " it is believed ",
    " a source ", " experts say ", " $4bn ", " 12% ", ", ", ". ", "\n\n", "told Reuters", " that ", "Credit: ",
    " the plan ", " so-called ", "’s", " 3,000 troops ", ":", "—", " Dr. ", " is expected ", " reportedly ",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)


def _check(text: str) -> None:
    article = Article(path="t.txt", format="text", text=text, prose=text)
    claims = extract(article)
    for n, claim in enumerate(claims, 1):
        assert claim.id == f"c{n}"
        assert text[claim.span.start:claim.span.end] == claim.text
        assert claim.text.strip() == claim.text and claim.text
        if claim.speaker is not None and claim.speaker.span is not None:
            span = claim.speaker.span
            assert 0 <= span.start < span.end <= len(text)
            assert claim.speaker.name and claim.speaker.name.lower() not in ("he", "she", "they", "it")
        if claim.cue is not None:
            assert text[claim.cue.span.start:claim.cue.span.end] == claim.cue.text
        if claim.vagueness is not None:
            cue = claim.vagueness.cue
            assert text[cue.span.start:cue.span.end] == cue.text


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_extracts_without_crash_and_spans_slice_back(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["“One two three.", "“Four five,” she said.", "Ms Vale said: “Six",
                                 "\n\n", " seven.”", "'", "‘x’", "’90s"]), max_size=30).map("".join))
def test_unbalanced_marks_never_swallow_paragraphs(text):
    article = Article(path="t.txt", format="text", text=text, prose=text)
    for claim in extract(article):
        assert "\n\n" not in claim.text
