"""Date expressions: found with exact spans, resolved against the article date, never against today's clock."""

from __future__ import annotations

import datetime as dt

import pytest

from attrib.dates import find_dates, parse_iso

D = dt.date
THURSDAY = D(2024, 11, 14)  # the anchor for every case below

RESOLVED = [
    # (sentence, the date words, start, end)
    ("The minister spoke on 12 November 2024.", "on 12 November 2024", D(2024, 11, 12), D(2024, 11, 12)),
    ("The minister spoke November 12, 2024, at noon.", "November 12, 2024", D(2024, 11, 12), D(2024, 11, 12)),
    ("The minister spoke Nov. 12 at noon.", "Nov. 12", D(2024, 11, 12), D(2024, 11, 12)),
    ("The minister spoke on 12 Nov at noon.", "on 12 Nov", D(2024, 11, 12), D(2024, 11, 12)),
    ("The rally was held 1 November in the square.", "1 November", D(2024, 11, 1), D(2024, 11, 1)),
    ("The rally was held 20 November.", "20 November", D(2023, 11, 20), D(2023, 11, 20)),  # not yet this year
    ("The report is dated 2024-10-29.", "2024-10-29", D(2024, 10, 29), D(2024, 10, 29)),
    ("She said on Monday that talks stalled.", "on Monday", D(2024, 11, 11), D(2024, 11, 11)),
    ("She said last Tuesday that talks stalled.", "last Tuesday", D(2024, 11, 12), D(2024, 11, 12)),
    ("She said last Thursday that talks stalled.", "last Thursday", D(2024, 11, 7), D(2024, 11, 7)),
    ("She said on Thursday that talks stalled.", "on Thursday", D(2024, 11, 14), D(2024, 11, 14)),
    ("The mayor said yesterday the road is shut.", "yesterday", D(2024, 11, 13), D(2024, 11, 13)),
    ("The mayor said today the road is shut.", "today", D(2024, 11, 14), D(2024, 11, 14)),
    ("The council voted last week.", "last week", D(2024, 11, 4), D(2024, 11, 10)),
    ("The council voted this week.", "this week", D(2024, 11, 11), D(2024, 11, 14)),
    ("The council voted this past week.", "this past week", D(2024, 11, 8), D(2024, 11, 14)),
    ("The council voted earlier this week.", "earlier this week", D(2024, 11, 11), D(2024, 11, 14)),
    ("The figures were released in October.", "in October", D(2024, 10, 1), D(2024, 10, 31)),
    ("The figures were released in December.", "in December", D(2023, 12, 1), D(2023, 12, 31)),
    ("The figures were released last month.", "last month", D(2024, 10, 1), D(2024, 10, 31)),
    ("The figures were released earlier this month.", "earlier this month", D(2024, 11, 1), D(2024, 11, 14)),
    ("The storm hit in mid-October.", "in mid-October", D(2024, 10, 11), D(2024, 10, 20)),
    ("The storm hit early October.", "early October", D(2024, 10, 1), D(2024, 10, 10)),
    ("The storm hit in late October.", "in late October", D(2024, 10, 21), D(2024, 10, 31)),
    ("The plant closed in 2023.", "in 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Prices as of 1 November were higher.", "as of 1 November", D(2024, 11, 1), D(2024, 11, 1)),
    ("Polls were taken between 1 and 5 November.", "between 1 and 5 November", D(2024, 11, 1), D(2024, 11, 5)),
    ("Polls were taken between November 1 and 5.", "between November 1 and 5", D(2024, 11, 1), D(2024, 11, 5)),
    ("Polls ran from 28 October to 3 November.", "from 28 October to 3 November", D(2024, 10, 28), D(2024, 11, 3)),
    ("Polls ran 1\u20135 November 2023.", "1\u20135 November 2023", D(2023, 11, 1), D(2023, 11, 5)),
    ("The invasion began on 24 February 2022.", "on 24 February 2022", D(2022, 2, 24), D(2022, 2, 24)),
    ("The deal was signed in October 2023.", "in October 2023", D(2023, 10, 1), D(2023, 10, 31)),
    ("Work starts in late 2025.", "in late 2025", D(2025, 9, 1), D(2025, 12, 31)),
    ("It began Monday, 11 November, at dawn.", "Monday, 11 November", D(2024, 11, 11), D(2024, 11, 11)),
    ("It began the 5th of November.", "the 5th of November", D(2024, 11, 5), D(2024, 11, 5)),
    ("It began two weeks ago.", "two weeks ago", D(2024, 10, 28), D(2024, 11, 3)),
    ("It began 3 days ago.", "3 days ago", D(2024, 11, 11), D(2024, 11, 11)),
    ("In October, the front moved.", "In October", D(2024, 10, 1), D(2024, 10, 31)),
    ("Mid-October brought rain.", "Mid-October", D(2024, 10, 11), D(2024, 10, 20)),
    ("Leap day: 29 February was cold.", "29 February", D(2024, 2, 29), D(2024, 2, 29)),
]


@pytest.mark.parametrize("sentence, words, start, end", RESOLVED, ids=[r[1] for r in RESOLVED])
def test_expression_resolves_against_the_article_date(sentence, words, start, end):
    found = find_dates(sentence, 0, len(sentence), THURSDAY)
    assert len(found) == 1, found
    rng = found[0]
    assert rng.text == words
    assert sentence[rng.span.start : rng.span.end] == words
    assert (rng.start, rng.end) == (start, end)


def test_a_month_is_a_range_never_one_day():
    (rng,) = find_dates("It happened in October.", 0, 23, THURSDAY)
    assert rng.start == D(2024, 10, 1) and rng.end == D(2024, 10, 31)


RELATIVE = ["on Monday", "last Tuesday", "yesterday", "today", "last week", "this week", "this past week",
            "earlier this week", "in October", "last month", "earlier this month", "in mid-October",
            "early October", "late October", "Nov. 12", "12 Nov", "1 November", "as of 1 November",
            "between 1 and 5 November"]


@pytest.mark.parametrize("words", RELATIVE)
def test_without_an_anchor_relative_expressions_stay_unresolved(words):
    sentence = f"The officials spoke {words}, aides said."
    (rng,) = find_dates(sentence, 0, len(sentence), None)
    assert rng.start is None and rng.end is None
    assert rng.text == words
    assert sentence[rng.span.start : rng.span.end] == words


@pytest.mark.parametrize(
    "words, start, end",
    [
        ("on 24 February 2022", D(2022, 2, 24), D(2022, 2, 24)),
        ("November 12, 2024", D(2024, 11, 12), D(2024, 11, 12)),
        ("2024-10-29", D(2024, 10, 29), D(2024, 10, 29)),
        ("in 2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("in October 2023", D(2023, 10, 1), D(2023, 10, 31)),
        ("1\u20135 November 2023", D(2023, 11, 1), D(2023, 11, 5)),
    ],
)
def test_without_an_anchor_expressions_with_a_year_resolve(words, start, end):
    sentence = f"It was {words}."
    (rng,) = find_dates(sentence, 0, len(sentence), None)
    assert (rng.start, rng.end) == (start, end)


def test_spans_are_in_the_coordinates_of_the_whole_text():
    text = "First sentence on Monday. Second sentence on 12 November 2024."
    start = text.index("Second")
    found = find_dates(text, start, len(text), THURSDAY)
    assert [r.text for r in found] == ["on 12 November 2024"]
    assert text[found[0].span.start : found[0].span.end] == "on 12 November 2024"


def test_several_expressions_come_in_document_order():
    text = "Last week she denied it; on 12 November 2024 she said so again, and yesterday once more."
    found = find_dates(text, 0, len(text), THURSDAY)
    assert [r.text for r in found] == ["Last week", "on 12 November 2024", "yesterday"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may meet soon.",  # "may" is a verb
        "March organisers said nothing.",  # a bare capitalised month is too often a word
        "He paid 31 February dues.",  # impossible day
        "The unit lost 2023 vehicles.",  # a bare number is not a year
        "There were 12 novels on the shelf.",
    ],
)
def test_non_dates_are_not_found(sentence):
    assert find_dates(sentence, 0, len(sentence), THURSDAY) == []


def test_never_reads_todays_clock(monkeypatch):
    class FrozenDate(dt.date):
        @classmethod
        def today(cls):  # pragma: no cover - must never be called
            raise AssertionError("find_dates read today's date")

    monkeypatch.setattr(dt, "date", FrozenDate)
    text = "They spoke yesterday and last week."
    found = find_dates(text, 0, len(text), None)
    assert [(r.start, r.end) for r in found] == [(None, None), (None, None)]


def test_parse_iso_accepts_dates_and_timestamps():
    assert parse_iso("2024-11-12") == D(2024, 11, 12)
    assert parse_iso(" 2024-11-12T09:30:00Z ") == D(2024, 11, 12)
    assert parse_iso("2024-11-12T09:30:00+02:00") == D(2024, 11, 12)


@pytest.mark.parametrize("value", ["12/11/2024", "2024-13-01", "yesterday", ""])
def test_parse_iso_rejects_with_a_clear_message(value):
    with pytest.raises(ValueError, match="not a date"):
        parse_iso(value)
