"""Tests for attrib.align and attrib.paraphrase: locating quotes in passages, word diffs, misquote classes and paraphrase matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.align import align_quote, best_window
from attrib.paraphrase import paraphrase_match

# A fictional briefing by a fictional spokesperson of a fictional ministry.
BRIEFING = (
    "Good afternoon. We assess that at least 10,000 Veldrian soldiers are now in the Marsk region, and we do not "
    "expect them to withdraw before the winter. The ministry’s colour-coded map shows around 900 kilometres of "
    "front line. We have delivered a couple thousand shells this month, and we may send more. Our defence "
    "programme will never depend on one supplier."
)


def classes(quote: str, passage: str = BRIEFING) -> list[str]:
    return align_quote(quote, passage).classes


# --- faithful quotes -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("quote", [
    "at least 10,000 Veldrian soldiers are now in the Marsk region",
    "We Assess That At Least Ten Thousand Veldrian soldiers",
    "the ministry's color-coded map shows around 900 kilometers of front line",
    "Our defense program will never depend on one supplier.",
])
def test_normalised_variants_align_verbatim(quote: str) -> None:
    found = align_quote(quote, BRIEFING)
    assert found.verbatim and found.score == 100 and found.classes == []
    assert found.match == "verbatim"


@pytest.mark.parametrize("quote", [
    "at least 10,000 Veldrian soldiers … in the Marsk region",
    "we do not expect them to withdraw [...] winter",
    "We assess that ... we do not expect them to withdraw",
])
def test_faithful_elision_is_elided_not_misquoted(quote: str) -> None:
    found = align_quote(quote, BRIEFING)
    assert found.elided and not found.verbatim and found.classes == [] and found.score == 100


@pytest.mark.parametrize("quote, substituted", [
    ("[The Veldrian troops] do not expect them to withdraw", "we"),
    ("we do not expect [the Veldrian soldiers] to withdraw", "them"),
    ("We have delivered a couple thousand shells [to Ostrava] this month", ""),
])
def test_faithful_bracketed_insertion_is_elided(quote: str, substituted: str) -> None:
    found = align_quote(quote, BRIEFING)
    assert found.elided and found.classes == []
    ops = [d for d in found.diff if d.op != "equal"]
    assert len(ops) == 1 and ops[0].claim.startswith("[") and ops[0].source == substituted


def test_sic_is_ignored() -> None:
    found = align_quote("Our defence programme [sic] will never depend on one supplier", BRIEFING)
    assert found.verbatim


def test_elision_diff_shows_the_skipped_words() -> None:
    found = align_quote("at least 10,000 Veldrian soldiers … in the Marsk region", BRIEFING)
    assert [(d.op, d.claim, d.source) for d in found.diff] == [
        ("equal", "at least 10,000 Veldrian soldiers", "at least 10,000 Veldrian soldiers"),
        ("replace", "…", "are now"),
        ("equal", "in the Marsk region", "in the Marsk region"),
    ]


# --- misquotes, three or more of each class ---------------------------------------------------------------

@pytest.mark.parametrize("quote", [
    "at least 15,000 Veldrian soldiers are now in the Marsk region",
    "We have delivered several thousand shells this month",
    "around 560 miles of front line",
    "at least twelve thousand Veldrian soldiers are now in the Marsk region",
])
def test_number_changed(quote: str) -> None:
    assert classes(quote)[0] == "number-changed"


@pytest.mark.parametrize("quote", [
    "We assess that 10,000 Veldrian soldiers are now in the Marsk region",  # "at least" dropped
    "the map shows 900 kilometres of front line",  # "around" dropped
    "We have delivered a couple thousand shells this month, and we will send more",  # "may" → "will"
])
def test_hedge_dropped(quote: str) -> None:
    assert "hedge-changed" in classes(quote)


@pytest.mark.parametrize("quote", [
    "we do not expect them to possibly withdraw before the winter",
    "We have delivered nearly a couple thousand shells this month",
    "Our defence programme may never depend on one supplier",
])
def test_hedge_added(quote: str) -> None:
    assert "hedge-changed" in classes(quote)


@pytest.mark.parametrize("quote", [
    "and we do expect them to withdraw before the winter",
    "Our defence programme will depend on one supplier",
    "we may not send more",
    "We have not delivered a couple thousand shells this month",
])
def test_negation_flipped(quote: str) -> None:
    assert classes(quote)[0] == "negation-flipped"


@pytest.mark.parametrize("quote, word", [
    ("we do not expect them to retreat before the winter", "retreat"),
    ("The ministry's colour-coded chart shows around 900 kilometres", "chart"),
    ("Our defence programme will never rely on one supplier", "rely"),
])
def test_words_substituted(quote: str, word: str) -> None:
    found = align_quote(quote, BRIEFING)
    assert found.classes == ["words-substituted"]
    assert any(d.op == "replace" and word in d.claim for d in found.diff)


@pytest.mark.parametrize("quote", [
    "we do not expect them to quickly withdraw before the winter",
    "Our defence programme will never again depend on one supplier",
    "We have delivered a couple thousand artillery shells this month",
])
def test_words_added(quote: str) -> None:
    found = align_quote(quote, BRIEFING)
    assert found.classes == ["words-added"]
    assert [d.op for d in found.diff if d.op != "equal"] == ["insert"]


@pytest.mark.parametrize("quote", [
    "we do not expect them to withdraw before winter",
    "Our programme will never depend on one supplier",
    "We assess that at least 10,000 Veldrian soldiers are in the Marsk region",
])
def test_words_omitted(quote: str) -> None:
    found = align_quote(quote, BRIEFING)
    assert found.classes == ["words-omitted"]
    assert [d.op for d in found.diff if d.op != "equal"] == ["delete"]


@pytest.mark.parametrize("quote", [
    "them to withdraw before the winter we do not expect",
    "Veldrian soldiers, at least 10,000, are now in the Marsk region",
    "Our defence programme will depend never on one supplier",
])
def test_word_order(quote: str) -> None:
    assert "word-order" in classes(quote)
    assert "number-changed" not in classes(quote)


@pytest.mark.parametrize("quote", [
    "the soldiers from Veldria, at least 10,000 of them, are in the region of Marsk now",
    "one supplier will never be what our programme of defence depends upon",
    "the winter will come before they withdraw, we do not expect otherwise",
])
def test_paraphrase_in_quote_marks(quote: str) -> None:
    assert "paraphrase" in classes(quote)


def test_word_order_change_still_scores_high_but_is_not_verified() -> None:
    found = align_quote("them to withdraw before the winter we do not expect", BRIEFING)
    assert not found.faithful and found.match == "closest"


# --- spans and diffs -------------------------------------------------------------------------------------------

def test_span_snaps_to_word_boundaries() -> None:
    found = align_quote("eldrian soldiers are now in the Mar", BRIEFING)
    assert found.excerpt == "Veldrian soldiers are now in the Marsk"
    assert BRIEFING[found.start:found.end] == found.excerpt


def test_diff_keeps_each_sides_original_spelling() -> None:
    found = align_quote("At least 15,000 Veldrian soldiers", BRIEFING)
    assert [(d.op, d.claim, d.source) for d in found.diff] == [
        ("equal", "At least", "at least"),
        ("replace", "15,000", "10,000"),
        ("equal", "Veldrian soldiers", "Veldrian soldiers"),
    ]


def test_units_converted_is_number_changed() -> None:
    passage = "The convoy travelled 900 kilometres in three days."
    assert classes("The convoy travelled 560 miles in three days", passage) == ["number-changed"]


def test_best_window_reports_offsets_in_the_whole_text() -> None:
    text = "Preamble words here. " * 20 + BRIEFING
    start = text.index("Good afternoon")
    found = best_window("we do not expect them to withdraw", text, start + 3, len(text))
    assert found.verbatim
    assert text[found.start:found.end] == "we do not expect them to withdraw"


def test_empty_quote_scores_zero() -> None:
    found = align_quote("…", BRIEFING)
    assert found.score == 0 and not found.faithful


_word = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=1, max_size=7)


@settings(max_examples=150, deadline=None)
@given(st.lists(_word, min_size=1, max_size=40), st.data())
def test_any_contiguous_slice_aligns_verbatim_at_100(words: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    sep = data.draw(st.sampled_from([" ", ", ", " — ", "\n", ". "]))
    passage = sep.join(words)
    found = align_quote(" ".join(words[i:j]), passage)
    assert found.verbatim and found.score == 100
    assert found.excerpt.replace(sep, " ").split() == " ".join(words[i:j]).split() or \
        " ".join(found.excerpt.replace(",", " ").replace("—", " ").replace(".", " ").split()) == \
        " ".join(words[i:j])


# --- reported claims -------------------------------------------------------------------------------------------

def test_paraphrase_match_agrees() -> None:
    found = paraphrase_match("The ministry said at least 10,000 Veldrian soldiers were in Marsk", BRIEFING)
    assert found.score >= 0.8 and found.conflicts == []
    assert "10000" in found.matched and "veldrian" in found.matched
    assert BRIEFING[found.start:found.end] == found.excerpt and "10,000 Veldrian soldiers" in found.excerpt


@pytest.mark.parametrize("claim, conflict", [
    ("The ministry said at least 12,000 Veldrian soldiers were in Marsk", "number-changed"),
    ("The ministry said 10,000 Veldrian soldiers were in Marsk", "hedge-changed"),
    ("The ministry said it expects the soldiers to withdraw before the winter", "negation-flipped"),
    ("She said they had delivered several thousand shells", "number-changed"),
    ("She said they would send more shells", "hedge-changed"),
])
def test_paraphrase_match_conflicts(claim: str, conflict: str) -> None:
    assert conflict in paraphrase_match(claim, BRIEFING).conflicts


def test_paraphrase_backshift_is_not_a_hedge() -> None:
    passage = "We can hold the bridge until the spring."
    assert paraphrase_match("He said they could hold the bridge until spring", passage).conflicts == []


def test_unrelated_claim_scores_low() -> None:
    assert paraphrase_match("The harvest festival drew record crowds", BRIEFING).score < 0.3
