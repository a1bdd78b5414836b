"""Tests for attrib.segments: who speaks each stretch of a transcript, report, story or statement."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import documents_support as support
from attrib.models import Segment
from attrib.segments import segment

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def voices(text: str, segments: list[Segment]) -> list[tuple]:
    return [(s.role, s.speaker, s.name, text[s.start : s.end]) for s in segments]


def assert_well_formed(text: str, segments: list[Segment]) -> None:
    previous_end = 0
    for s in segments:
        assert previous_end <= s.start < s.end <= len(text)
        words = text[s.start : s.end]
        assert words == words.strip() and words
        previous_end = s.end


def run(name: str, kind: str, speakers: list[str] | None = None, publisher: str = "dod") -> tuple[str, list]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    segments = segment(text, support.document(name, kind, publisher, speakers), support.registry())
    assert_well_formed(text, segments)
    return text, voices(text, segments)


def test_pentagon_transcript_turns_reporters_unknown_and_read_outs():
    text, got = run("pentagon-briefing.txt", "transcript", ["dana-holt"])
    full = "PENTAGON PRESS SECRETARY MAJOR GENERAL DANA HOLT"
    assert got == [
        ("narration", None, None, "An official website of the United States Government\nHere's how you know"),
        ("narration", None, None, "Pentagon Press Secretary Maj. Gen. Dana Holt Holds a Press Briefing\nNov. 12, 2024"),
        ("person", "dana-holt", full, "Good afternoon, everyone. I have two items to open with.\n\nFirst, the department "
         "completed the exercise in the northern sector ahead of schedule. As General Voss stated this morning,"),
        ("person", "ezra-voss", "General Voss", "The readiness of these units is beyond question."),
        ("person", "dana-holt", full, "We agree with that assessment.\n\nSecondly, Secretary Brandt said,"),
        ("person", None, "Secretary Brandt", "we will keep our commitments to our partners"),
        ("person", "dana-holt", full, "With that, I'll take your questions."),
        ("reporter", None, "Q", "Thank you, General. Can you confirm the number of troops in the sector?"),
        ("person", "dana-holt", "GEN. HOLT", "I can confirm roughly four thousand personnel are there. I'll leave it at that."),
        ("reporter", None, "Q", "And will they stay through the winter?"),  # the label reappears mid-paragraph
        ("person", "dana-holt", "GEN. HOLT", "That decision has not been made."),
        ("unknown", None, "UNKNOWN", "Can you hear me?"),
        ("person", "mara-quill", "DEPUTY PRESS SECRETARY MARA QUILL", "I'll take that one. We can hear you."),
        ("person", "mara-quill", "MS. QUILL", "We will follow up after the briefing."),
    ]
    # Labels are never part of anyone's words.
    assert not any("GEN. HOLT:" in words or "Q:" in words for *_, words in got)


def test_state_department_briefing_stage_directions_and_moderator():
    _, got = run("state-briefing.txt", "transcript", ["owen-marsh"], publisher="state")
    assert got == [
        ("narration", None, None, "Department Press Briefing – November 13, 2024"),
        ("person", "owen-marsh", "MR MARSH", "Good afternoon."),
        ("person", "owen-marsh", "MR MARSH", "Let me start with one announcement. The Secretary will travel to the "
         "region next week."),
        ("reporter", None, "QUESTION", "Thank you, Owen. Is the trip still on?"),
        ("person", "owen-marsh", "MR MARSH", "It is."),
        ("person", "owen-marsh", "MR MARSH", "I cannot promise better weather."),
        ("person", None, "MODERATOR", "We have time for one more."),
        ("reporter", None, "QUESTION", "On the talks – what did the minister tell you?"),
        ("person", "owen-marsh", "MR MARSH", "I am not going to read out private conversations."),
    ]


def test_commercial_transcript_timestamps_name_forms_and_numbered_speakers():
    _, got = run("commercial-transcript.txt", "transcript", ["dana-holt"], publisher="transcribe-co")
    assert got == [
        ("narration", None, None, "Pentagon Press Briefing for 11/12/24"),
        ("person", "dana-holt", "General Holt", "Good afternoon. Thanks for joining us today."),
        ("person", "dana-holt", "General Holt", "We have nothing further on the exercise."),  # after a bare (01:45)
        ("reporter", None, "Speaker 1", "General, how many aircraft were involved?"),
        ("person", "dana-holt", "Dana Holt", "Roughly a dozen."),
        ("person", "dana-holt", "Dana Holt", "That is all I have on that."),
        ("person", None, "Jordan Pike", "If I could follow up on that."),  # unresolved: the name is kept
        ("reporter", None, "Speaker 2", "Thank you."),
    ]


def test_report_is_all_narration_headings_included():
    _, got = run("isw-assessment.txt", "report", publisher="isw")
    assert {(role, speaker) for role, speaker, _, _ in got} == {("narration", None)}
    texts = [words for *_, words in got]
    assert "Key Takeaways:" in texts and "Assessment" in texts
    # A quotation inside an assessment is still the publisher's account of it.
    assert any("“the line will hold,”" in words for words in texts)


def test_news_story_quotes_belong_to_the_named_speaker_and_the_rest_is_narration():
    _, got = run("news-story.txt", "article")
    assert got == [
        ("narration", None, None, "Troops Finish Winter Exercise in the North"),
        ("narration", None, None, "Nov. 14, 2024 | By Ada Fenn, DOD News"),
        ("narration", None, None, "Units completed a three-week exercise in the northern sector on Wednesday, "
         "the department said."),
        ("person", "dana-holt", "Maj. Gen. Dana Holt", "The units met every standard we set"),  # "…," said X
        ("narration", None, None, "said Maj. Gen. Dana Holt, the Pentagon press secretary."),
        ("person", "dana-holt", "Maj. Gen. Dana Holt", "They are ready for the season."),  # runs on from X
        # A one-word scare quote stays in the writer's voice.
        ("narration", None, None, "Holt said the exercise drew on lessons from earlier drills. Officials described "
         "the timeline as “ambitious.”"),
        ("person", "ezra-voss", "General Ezra Voss", "We moved faster than planned"),  # "…," X told reporters
        ("narration", None, None, "General Ezra Voss told reporters. He added that the next phase would begin in "
         "spring."),
        ("narration", None, None, "A logistics officer, who was not named, said the supply lines"),
        ("unknown", None, None, "held up under real strain and never broke."),  # said by someone unnamed
    ]


def test_story_speaker_named_before_the_quote_and_by_pronoun():
    text = (
        "Officials met on Monday.\n\n"
        "Holt said the convoy “will not cross the river this week.” Later she said, “We will review it again.”\n\n"
        "Ezra Voss, the commander, said: “The bridge is closed to all traffic.”"
    )
    got = voices(text, segment(text, support.document("s", "release"), support.registry()))
    assert [g for g in got if g[0] != "narration"] == [
        ("person", "dana-holt", "Holt", "will not cross the river this week."),
        ("person", "dana-holt", "Holt", "We will review it again."),
        ("person", "ezra-voss", "Ezra Voss", "The bridge is closed to all traffic."),
    ]


def test_unattributed_quote_goes_to_the_single_listed_speaker():
    text = "The department issued guidance today.\n\n“Every unit must report by Friday at noon.”"
    doc = support.document("r", "release", speakers=["dana-holt"])
    got = voices(text, segment(text, doc, support.registry()))
    assert got == [
        ("narration", None, None, "The department issued guidance today."),
        ("person", "dana-holt", "Dana Holt", "Every unit must report by Friday at noon."),
    ]


def test_the_publisher_named_as_speaker_is_narration():
    text = "“The exercise has ended on schedule and without injuries,” the Pentagon said."
    got = voices(text, segment(text, support.document("p", "release"), support.registry()))
    assert got == [("narration", None, None, text)]


def test_statement_by_one_person_is_theirs_except_the_title_and_what_they_quote():
    _, got = run("statement.txt", "statement", ["ezra-voss"])
    assert got == [
        ("narration", None, None, "Statement by General Ezra Voss on the Northern Exercise"),
        ("person", "ezra-voss", "Ezra Voss", "I congratulate the units that completed the exercise this week. "
         "Their work reflects months of preparation."),
        ("person", "ezra-voss", "Ezra Voss", "As Secretary Brandt told the troops,"),
        ("person", None, "Secretary Brandt", "Readiness is a habit, not an event."),
    ]


def test_statement_or_plan_by_a_publisher_without_quotes_is_narration():
    text = "Plan for the Northern Region\n\nThe plan sets out five steps. Each step has a named owner."
    for kind in ("statement", "plan"):
        got = voices(text, segment(text, support.document("p", kind), support.registry()))
        assert got == [
            ("narration", None, None, "Plan for the Northern Region"),
            ("narration", None, None, "The plan sets out five steps. Each step has a named owner."),
        ]


def test_interview_q_is_the_reporter_and_a_is_the_listed_speaker():
    _, got = run("interview-ortiz.txt", "interview", ["lena-ortiz"], publisher="desk")
    assert got == [
        ("narration", None, None, "Interview with Lena Ortiz, by phone, 12 November 2024. Notes by the desk."),
        ("reporter", None, "Q", "What did you see at the crossing?"),
        ("person", "lena-ortiz", "A", "Trucks, mostly. Dozens of them, all heading north before dawn."),
        ("reporter", None, "Q", "Did anyone stop them?"),
        ("person", "lena-ortiz", "A", "Nobody stopped them. We watched from the ridge."),
    ]


def test_interview_with_name_labels():
    text = "Lena Ortiz: The road was closed.\nJ. Reyes: Since when?\nLena Ortiz: Since Tuesday night."
    doc = support.document("i", "interview", "desk", ["lena-ortiz"])
    got = voices(text, segment(text, doc, support.registry()))
    assert got == [
        ("person", "lena-ortiz", "Lena Ortiz", "The road was closed."),
        ("person", None, "J. Reyes", "Since when?"),
        ("person", "lena-ortiz", "Lena Ortiz", "Since Tuesday night."),
    ]


def test_speaker_quoting_themselves_is_not_split():
    text = "GEN. HOLT: As I said last week, “we are not changing course.” Nothing has changed.\n\nQ: Thanks."
    got = voices(text, segment(text, support.document("t", "transcript"), support.registry()))
    assert got[0] == ("person", "dana-holt", "GEN. HOLT",
                      "As I said last week, “we are not changing course.” Nothing has changed.")


def test_read_out_by_pronoun_is_someone_else_unnamed():
    text = "MS. QUILL: I spoke to the commander. He said, “the convoy has turned back.”\n\nQ: Thank you."
    got = voices(text, segment(text, support.document("t", "transcript"), support.registry()))
    assert got[:2] == [
        ("person", "mara-quill", "MS. QUILL", "I spoke to the commander. He said,"),
        ("person", None, None, "the convoy has turned back."),
    ]


def test_labels_inside_a_story_do_not_make_it_a_transcript():
    text = "Note: figures are provisional.\n\nThe convoy, Voss said, “moved at night to avoid detection.”"
    got = voices(text, segment(text, support.document("a", "article"), support.registry()))
    assert got[0] == ("narration", None, None, "Note: figures are provisional.")
    assert ("person", "ezra-voss", "Voss", "moved at night to avoid detection.") in got


_ALPHABET = st.sampled_from(
    ["Q: ", "GEN. HOLT: ", "MR MARSH: ", "UNKNOWN: ", "Dana Holt (01:02):\n", "(02:03)\n", "“", "”", '"', ". ", ", ",
     "said ", "Holt said ", "quote, ", " end quote", "(Laughter.)", "\n", "\n\n", "word ", "[3]", "As General Voss stated, "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=40), st.sampled_from(["transcript", "article", "report", "interview", "statement"]))
def test_any_text_gives_ordered_trimmed_segments_within_bounds(parts, kind):
    text = "".join(parts)
    doc = support.document("h", kind, speakers=["dana-holt"])
    segments = segment(text, doc, support.registry())
    assert_well_formed(text, segments)
    for s in segments:
        if s.role == "person" and s.name in ("GEN. HOLT", "Dana Holt"):
            assert s.speaker == "dana-holt"
