"""Regressions reported by verification: one test per defect, on fictional sentences of our own writing."""

from __future__ import annotations

import datetime as dt

from attrib.extract import extract
from attrib.models import Article, Claim


def run(text: str, date: dt.date | None = None) -> list[Claim]:
    claims = extract(Article(path="t.txt", format="text", text=text, prose=text, date=date))
    for c in claims:
        assert text[c.span.start:c.span.end] == c.text
    return claims


def test_multi_word_abbreviated_rank_is_the_whole_title():
    for rank in ("Brig. Gen.", "Maj. Gen.", "Lt. Gen.", "Lt. Col.", "Rear Adm.", "Vice Adm."):
        claims = run(f"{rank} Lena Varga said the drills would end.")
        assert len(claims) == 1, rank
        assert claims[0].speaker.name == "Lena Varga" and claims[0].speaker.title == rank


def test_quote_then_name_with_appositive_and_told_reporters_is_one_quote():
    claims = run("“The drills will end,” Lena Varga, the Ministry of Defence press secretary, told reporters on "
                 "Tuesday.")
    assert [(c.kind, c.text) for c in claims] == [("quote", "The drills will end")]
    sp = claims[0].speaker
    assert sp.name == "Lena Varga" and sp.affiliation == "Ministry of Defence" and sp.description == "press secretary"


def test_lower_case_job_title_before_the_name_is_the_title():
    claims = run("Deputy press secretary Tomas Reyl said the drills would end.")
    assert len(claims) == 1
    assert claims[0].speaker.name == "Tomas Reyl" and claims[0].speaker.title == "Deputy press secretary"
    assert claims[0].text == "the drills would end"


def test_outlet_after_told_is_the_channel_not_the_content():
    claims = run("Tomas Reyl told Harbour Daily on Monday that the drills would end.")
    assert len(claims) == 1
    c = claims[0]
    assert c.text == "that the drills would end"
    assert c.speaker.name == "Tomas Reyl" and c.speaker.via == "Harbour Daily"


def test_weasel_groups_are_vague_never_named_speakers():
    for text in ("Experts say the drills will end.", "Some analysts argue that the drills will end.",
                 "Experts on the region said the drills would end."):
        claims = run(text)
        assert len(claims) == 1, text
        c = claims[0]
        assert c.vagueness is not None and c.vagueness.code == "weasel-words", text
        assert c.speaker is not None and c.speaker.kind == "anonymous", text


def test_rough_estimate_as_subject_is_an_unowned_estimate():
    claims = run("A rough estimate puts the cost of the drills at $4m.")
    assert len(claims) == 1
    assert claims[0].kind == "reported" and claims[0].speaker is None
    assert claims[0].vagueness is not None and claims[0].vagueness.code == "unowned-estimate"


def test_speaker_cue_whole_quote_is_one_quote_claim():
    for text in ('Varga said "The drills will end soon."', "Varga said that “the drills will end soon.”",
                 "Lena Varga said on Tuesday “The drills will end soon.”"):
        claims = run(text)
        assert [c.kind for c in claims] == ["quote"], text
        assert claims[0].text.lower().startswith("the drills")


def test_said_on_tuesday_after_a_quote_dates_the_quote():
    claims = run("“The drills will end,” Varga said on Tuesday.", date=dt.date(2025, 3, 14))
    assert len(claims) == 1 and claims[0].kind == "quote"
    assert claims[0].date is not None and claims[0].date.start == dt.date(2025, 3, 11)


def test_unresolved_pronoun_leaves_the_speaker_unknown():
    claims = run("“The drills will end,” he said.")
    assert [(c.kind, c.text) for c in claims] == [("quote", "The drills will end")]
    assert claims[0].speaker is None


def test_place_name_is_not_a_named_speaker():
    for text in ("New York said the drills would end.", "Moscow said the drills would end."):
        claims = run(text)
        assert len(claims) == 1, text
        sp = claims[0].speaker
        assert sp is None or sp.kind != "person", text
        assert claims[0].vagueness is not None and claims[0].vagueness.code == "anonymous-source", text


def test_capitalised_word_inside_a_sentence_is_not_a_cue():
    assert run("The ferry from the United States docked in Tarsa at noon.") == []


def test_noun_compound_is_not_a_cue():
    assert run("The press secretary walked to the podium.") == []


def test_transcript_label_names_the_speaker_and_is_not_quoted():
    claims = run("Lena Varga met the host, Ivo Marr.\n\n\"MARR: Will the drills end this week?\"")
    quote = [c for c in claims if c.kind == "quote"]
    assert len(quote) == 1
    assert quote[0].text == "Will the drills end this week?" and quote[0].speaker.name == "Ivo Marr"


def test_seems_and_it_is_clear_are_agentless():
    for text in ("The governor seems to have left the capital.", "It is clear that the drills will end."):
        claims = run(text)
        assert len(claims) == 1, text
        assert claims[0].vagueness is not None and claims[0].vagueness.code == "agentless", text


def test_criticism_with_no_critic_is_agentless():
    claims = run("The mayor drew sharp criticism for the closure of the pier.")
    assert len(claims) == 1 and claims[0].vagueness.code == "agentless"


def test_as_expected_is_an_expectation():
    claims = run("As expected, the ferry left late.")
    assert len(claims) == 1 and claims[0].vagueness.code == "expectation"


def test_reported_clause_includes_its_complementiser_but_not_a_later_that():
    claims = run("Ada Vesk says they share the belief that the pier is safe.")
    assert [c.text for c in claims] == ["they share the belief that the pier is safe"]


def test_non_restrictive_which_ends_the_content():
    claims = run("Ada Vesk said the pier was closed, which angered the fishermen.")
    assert [c.text for c in claims] == ["the pier was closed"]


def test_coordinated_that_clauses_stay_one_content():
    claims = run("Ada Vesk said that the pier was closed, and that the ferry would not run.")
    assert [c.text for c in claims] == ["that the pier was closed, and that the ferry would not run"]


def test_occasion_after_a_trailing_speaker_is_not_a_reported_claim():
    claims = run("“The ferry runs again,” Ana Korv said in a briefing on 10 October 2030.")
    assert [(c.kind, c.text) for c in claims] == [("quote", "The ferry runs again")]
    assert claims[0].speaker.name == "Ana Korv"


def test_speech_verb_followed_only_by_an_occasion_has_no_content():
    assert run("Ana Korv said in a briefing.") == []
    assert run("Ana Korv spoke on Monday at the harbour.") == []


def test_occasion_before_a_that_clause_keeps_the_clause():
    [claim] = run("Ana Korv said in a statement on Monday that the ferry runs again.")
    assert claim.text == "that the ferry runs again"


def test_talk_voiced_by_a_named_person_is_not_agentless():
    assert all(c.vagueness is None for c in run("Ada Vesk is raising serious questions about the budget."))
    assert all(c.vagueness is None for c in run("She voiced concerns that the bridge will fail."))
    [claim] = run("There are growing concerns that the bridge will fail.")
    assert claim.vagueness is not None and claim.vagueness.code == "agentless"


def test_a_clause_split_by_its_attribution_is_reported_once():
    claims = run("Costs will rise, Ada Kerr said, and the mill will close in June — a blow to the town.")
    spans = [(c.kind, c.span.start, c.span.end) for c in claims]
    assert len(spans) == len(set(spans))
    assert [c.text for c in claims].count("Costs will rise") == 1
