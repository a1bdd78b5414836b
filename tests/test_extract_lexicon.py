"""The lexicon and the quotation finder on their own."""

from __future__ import annotations

from attrib import lexicon
from attrib.quotes import find_quotes
from attrib.sentences import Paragraph


def test_reporting_lexicon_is_large_and_inflected():
    assert len(set(lexicon.STRONG_VERBS)) > 100
    for form in ("said", "says", "saying", "told", "assured", "indicated", "indicates", "described", "warned",
                 "insisted", "denies", "denied", "argued", "pointed out", "wrote", "written", "labelled"):
        assert form in lexicon.REPORTING_FORMS, form
    assert lexicon.REPORTING_FORMS["testified"] == "testify"
    assert "believes" in lexicon.COGNITION_FORMS and "wants" in lexicon.COGNITION_FORMS


def test_inflections_of_regular_verbs():
    assert lexicon.inflections("warn") == ("warn", "warns", "warned", "warning")
    assert lexicon.inflections("note") == ("note", "notes", "noted", "noting")
    assert lexicon.inflections("deny") == ("deny", "denies", "denied", "denying")
    assert lexicon.inflections("stress") == ("stress", "stresses", "stressed", "stressing")


def _quotes(text: str):
    paras, pos = [], 0
    for chunk in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return [(text[q.start:q.end], q.continues, q.continued) for q in find_quotes(text, paras)]


def test_apostrophes_are_not_quote_marks():
    assert _quotes("Ukraine’s ’90s rock ’n’ roll and the workers’ union.") == []


def test_plural_possessive_is_an_apostrophe_when_no_single_quote_is_open():
    assert _quotes("He called it ‘the plan’ after the workers’ vote.") == [("the plan", False, False)]


def test_continued_quote_pieces_are_marked():
    got = _quotes("“One.\n\n“Two,” she said.")
    assert got == [("One.", True, False), ("Two", False, True)]


def test_unbalanced_quote_is_capped_at_its_paragraph():
    assert _quotes("“One two\n\nThree four.") == [("One two", False, False)]
