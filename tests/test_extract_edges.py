"""Clause-edge rules: where a reported content ends and starts, and how interrupted attributions are split.

Sentences are our own writing; names and places are fictional.
"""

from __future__ import annotations

from attrib.extract import extract
from attrib.models import Article
from attrib.sentences import sentences


def run(text: str):
    article = Article(path="t.txt", format="text", text=text, prose=text)
    claims = extract(article)
    for c in claims:
        assert text[c.span.start:c.span.end] == c.text
    return claims


def reported(text: str) -> list[str]:
    return [c.text for c in run(text) if c.kind == "reported"]


def test_typewriter_double_quote_opens_a_new_sentence():
    text = "He did not agree. ''We never signed it,'' Ada Kerr said."
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == [
        "He did not agree.", "''We never signed it,'' Ada Kerr said."]


def test_quote_after_a_typewriter_sentence_break_is_not_glued_to_the_previous_sentence():
    text = "Tomas Brill doubts it. ''The ferry will be late again,'' he said."
    claims = run(text)
    quote = next(c for c in claims if c.kind == "quote")
    assert quote.text == "The ferry will be late again"
    assert quote.speaker is not None and quote.speaker.name == "Tomas Brill"
    assert not any(c.text.startswith("Tomas Brill doubts it. ''") for c in claims)


def test_content_ends_at_a_clause_break_after_a_comma_inside_the_closing_mark():
    text = "The council said that the bridge plan was “sound,” but residents kept protesting for a week."
    assert reported(text) == ["that the bridge plan was “sound,”"]


def test_content_ends_before_a_participial_adjunct():
    text = "Mayor Ilse Varga said the harbour tax would rise next spring, sending ferry fares even higher."
    assert reported(text) == ["the harbour tax would rise next spring"]


def test_an_ing_noun_after_a_comma_does_not_end_the_content():
    text = "Mayor Ilse Varga said the harbour would open at dawn, morning tides permitting."
    assert reported(text) == ["the harbour would open at dawn, morning tides permitting"]


def test_content_ends_before_a_nested_as_x_said_attribution():
    text = "Judge Orla Penn said the ruling was final, as the clerk, a veteran of the court, said afterwards."
    assert reported(text)[0] == "the ruling was final"


def test_as_with_a_noun_object_does_not_end_the_content():
    text = "Ada Kerr said the levy was small, as levies in the valley go."
    assert reported(text) == ["the levy was small, as levies in the valley go"]


def test_comma_inside_closing_mark_then_as_x_said_ends_the_content():
    text = "Ada Kerr said the tunnel was “a relic,” as Borin Salo, the engineer, said in March."
    assert reported(text)[0] == "the tunnel was “a relic,”"


def test_second_piece_of_an_interrupted_clause_ends_at_a_dash():
    text = "Costs will rise, Ada Kerr said, and the mill will close in June — a blow the valley has long feared."
    found = reported(text)
    assert "Costs will rise" in found and "and the mill will close in June" in found
    assert not any("a blow" in t for t in found)


def test_second_piece_of_an_interrupted_clause_ends_before_a_participle():
    text = "Costs will rise, Ada Kerr said, and the mill will close in June, sending jobs to the coast."
    assert reported(text) == ["Costs will rise", "and the mill will close in June"]


def test_short_whole_sentence_quote_next_to_its_speaker_is_speech():
    text = "“Not yet,” Borin Salo said. “Maybe tomorrow.”"
    quotes = [(c.text, c.speaker.name if c.speaker else None) for c in run(text) if c.kind == "quote"]
    assert quotes == [("Not yet", "Borin Salo"), ("Maybe tomorrow.", "Borin Salo")]


def test_short_whole_sentence_quote_with_no_speaker_in_its_paragraph_is_not_a_finding():
    text = "The sign on the gate was blunt. “Keep out.”"
    assert [c for c in run(text) if c.kind == "quote"] == []


def test_noun_object_ends_before_a_hyphenated_time_adverbial():
    text = "Ada Kerr attacked the ferry board in late-night posts."
    assert reported(text) == ["the ferry board"]
