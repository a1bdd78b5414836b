"""Tests for attrib.normalise: normalised tokens and their offsets back into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attrib.normalise import ELISION, normalise_text, tokens, word_runs


def norm(text: str) -> str:
    return normalise_text(text, markers=True)


@pytest.mark.parametrize("a, b", [
    ("the minister’s plan", "the minister's plan"),
    ("the minister‘s plan", "the minister`s plan"),
    ("the ministerʼs plan", "THE MINISTER'S PLAN"),
    ("“We will hold,” she said.", '"we will hold" she said'),
    ("a well–known route — closed", "a well-known route, closed"),
    ("ceasefire\n\n  talks\tresumed", "ceasefire talks resumed"),
])
def test_typography_case_and_whitespace_fold(a: str, b: str) -> None:
    assert norm(a) == norm(b)


@pytest.mark.parametrize("british, american", [
    ("theatre", "theater"), ("kilometres", "kilometers"), ("defence", "defense"), ("organise", "organize"),
    ("organisation", "organization"), ("colour", "color"), ("labour", "labor"), ("favourable", "favorable"),
    ("honour", "honor"), ("analyse", "analyze"), ("travelled", "traveled"), ("programme", "program"),
    ("offence", "offense"), ("licence", "license"), ("grey", "gray"), ("manoeuvre", "maneuver"),
    ("centres", "centers"), ("neighbouring", "neighboring"), ("cancelled", "canceled"),
])
def test_british_and_american_spellings_fold_together(british: str, american: str) -> None:
    assert norm(british) == norm(american)
    assert norm(british.capitalize()) == norm(american)


def test_spelling_folding_keeps_distinct_words_apart() -> None:
    assert norm("filled") != norm("filed")
    assert norm("timbre") != norm("timber")
    assert norm("four hours") == "4 hours"


@pytest.mark.parametrize("a, b", [
    ("ten thousand troops", "10,000 troops"),
    ("10,000 troops", "10000 troops"),
    ("10 thousand troops", "10000 troops"),
    ("two brigades", "2 brigades"),
    ("twenty-five drones", "25 drones"),
    ("one hundred and fifty tanks", "150 tanks"),
    ("a thousand shells", "1,000 shells"),
    ("1.5 million people", "1,500,000 people"),
    ("8-10,000 men", "8,000 to 10,000 men"),
    ("8–10 thousand men", "8,000 to 10,000 men"),
    ("$61bn in aid", "$61 billion in aid"),
    ("$61 billion in aid", "61 billion dollars in aid"),
    ("12% of the vote", "12 per cent of the vote"),
    ("12 percent", "12%"),
])
def test_numbers_in_words_digits_and_separators_fold(a: str, b: str) -> None:
    assert norm(a) == norm(b)


def test_different_numbers_stay_different() -> None:
    assert norm("10,000") != norm("15,000")
    assert norm("a couple thousand") != norm("several thousand")
    assert norm("560 miles") != norm("900 kilometres")


def test_elisions_become_one_marker() -> None:
    for mark in ("...", "…", "[...]", "[…]", ". . ."):
        assert [t[0] for t in tokens(f"we will {mark} hold")] == ["we", "will", ELISION, "hold"]


def test_bracketed_insertion_is_a_marker_and_sic_is_dropped() -> None:
    assert norm("[Russia] will not stop") == "[russia] will not stop"
    assert norm("the goverment [sic] said") == "the goverment said"
    assert norm("[T]he bridge") == "the bridge"
    assert normalise_text("[Russia] will … stop") == "will stop"  # markers left out for the index


def test_pdf_hyphenation_joins_but_suspended_hyphen_does_not() -> None:
    assert norm("the gov- ernment") == "the government"
    assert norm("the gov-\nernment") == "the government"
    assert norm("pre- and post-war") == "pre and post war"


def test_offsets_point_at_the_original_spelling() -> None:
    text = "“Ten thousand” soldiers’ colours — $61bn."
    toks = tokens(text)
    assert [t[0] for t in toks] == ["10000", "soldiers", "colors", "61000000000", "dollars"]
    assert [text[s:e] for _, s, e in toks] == ["Ten thousand", "soldiers", "colours", "61bn", "$"]


def test_word_runs_split_at_markers() -> None:
    runs = word_runs(tokens("we will … hold [the city] until spring"))
    assert [[t[0] for t in run] for run in runs] == [["we", "will"], ["hold"], ["until", "spring"]]


def test_characters_that_lower_case_to_two_keep_offsets() -> None:
    text = "İzmir port reopened"
    assert [text[s:e] for _, s, e in tokens(text)] == ["İzmir", "port", "reopened"]


@given(st.lists(st.text(alphabet="abcdefgh XYZ,.;:!?'’-—\n", min_size=1, max_size=12), max_size=30))
def test_every_token_slices_back_to_text_in_order(pieces: list[str]) -> None:
    text = " ".join(pieces)
    toks = tokens(text)
    for norm_, s, e in toks:
        assert 0 <= s < e <= len(text)
        assert norm_
    assert [t[1] for t in toks] == sorted(t[1] for t in toks)
