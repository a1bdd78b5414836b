"""Stance verbs, parenthetical attributions, shared subjects and clause edges: one test per rule, on fictional
sentences of our own writing."""

from __future__ import annotations

from attrib.extract import extract
from attrib.models import Article, Claim


def run(text: str) -> list[Claim]:
    claims = extract(Article(path="t.txt", format="text", text=text, prose=text))
    for c in claims:
        assert text[c.span.start:c.span.end] == c.text
    return claims


def reported(claims: list[Claim]) -> list[tuple[str, str | None]]:
    return [(c.text, c.speaker.name if c.speaker else None) for c in claims if c.kind == "reported"]


def test_weak_furniture_word_in_long_prose_is_not_an_advert():
    text = ("The harbour board objected to the new advertisement on the ferry terminal. Mayor Ines Tamm said the "
            "poster misled passengers about the timetable and would be taken down within a week.")
    assert ("the poster misled passengers about the timetable and would be taken down within a week",
            "Ines Tamm") in reported(run(text))


def test_weak_furniture_word_opening_a_call_to_action_is_still_furniture():
    text = "Download the full report and share it with your colleagues, the editors said today."
    assert run(text) == []


def test_coordinated_speech_verb_shares_the_sentence_subject():
    claims = run("Commissioner Lev Okafor opened the new depot on Monday and said the grain stores were full.")
    assert reported(claims) == [("the grain stores were full", "Lev Okafor")]


def test_name_with_article_less_appositive_is_the_speaker():
    claims = run("Greta Sorel, senior planner at the Harbour Institute, said the quay would need new pilings.")
    assert reported(claims) == [("the quay would need new pilings", "Greta Sorel")]


def test_clause_taking_participle_reports_for_the_main_subject():
    claims = run("The Northern Relief Council closed the tender early, saying the bids had arrived after the deadline.")
    assert reported(claims) == [("the bids had arrived after the deadline", "Northern Relief Council")]


def test_describing_participle_still_yields_no_claim_of_its_own():
    claims = run("Farid Rask toured the yard, describing the repairs as “remarkably quick”.")
    assert [c.kind for c in claims] == ["quote"]
    assert claims[0].text == "remarkably quick" and claims[0].speaker.name == "Farid Rask"


def test_named_addressee_then_wh_clause_starts_the_content_at_the_wh_word():
    claims = run("Edith Wren told Harbour Radio host Jonas Quill on Friday how the ferries would be rerouted.")
    assert reported(claims) == [("how the ferries would be rerouted", "Edith Wren")]


def test_stance_verb_object_is_the_content():
    claims = run("Senator Alma Varga endorsed the rail levy after a long debate.")
    assert reported(claims) == [("the rail levy", "Alma Varga")]


def test_decline_and_refuse_need_a_to_clause():
    assert reported(run("Kalina Marsh declined to comment on the audit.")) == [
        ("to comment on the audit", "Kalina Marsh")]
    assert reported(run("Kalina Marsh refused until the audit was published.")) == []


def test_parenthetical_attribution_yields_both_pieces_of_the_clause():
    claims = run("The tunnel cost twice the estimate, the Office of Budget Review said in March, and the bridge "
                 "ran a year late.")
    assert reported(claims) == [("The tunnel cost twice the estimate", "Office of Budget Review"),
                                ("and the bridge ran a year late", "Office of Budget Review")]


def test_parenthetical_attribution_with_a_long_tail_keeps_the_words_before_it():
    claims = run("The old pier was sound, Hugo Petrenko said, until the storm of last winter broke its piles.")
    assert reported(claims) == [("The old pier was sound", "Hugo Petrenko"),
                                ("until the storm of last winter broke its piles", "Hugo Petrenko")]


def test_noun_after_a_capitalised_modifier_is_not_a_reporting_verb():
    claims = run("Lev Tamm said the ferry was late, the council noted in a March report.")
    assert all(c.cue is None or c.cue.text != "report" for c in claims)
