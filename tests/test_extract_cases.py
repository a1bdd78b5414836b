"""Short cases of our own writing, at least three per extraction pattern (issue 2, patterns 1–7).

Each case lists every claim expected, in order, as (kind, text, speaker name, vagueness code); nothing else may
be extracted. Names and events are fictional.
"""

from __future__ import annotations

import pytest

from attrib.extract import extract
from attrib.models import Article

Q, R, U = "quote", "reported", "unattributed"


def run(text: str):
    article = Article(path="t.txt", format="text", text=text, prose=text)
    claims = extract(article)
    for c in claims:
        assert text[c.span.start:c.span.end] == c.text
        if c.speaker is not None and c.speaker.span is not None:
            assert c.speaker.span.end <= len(text)
    return claims


def summary(text: str):
    return [(c.kind, c.text, c.speaker.name if c.speaker else None, c.vagueness.code if c.vagueness else None)
            for c in run(text)]


# 1. Direct quotes in every style, multi-sentence, continued, nested, unbalanced, apostrophes.
QUOTES = [
    ("curly-double", "“The port will reopen,” said Mara Lind.", [(Q, "The port will reopen", "Mara Lind", None)]),
    ("straight-double", '"The port will reopen," Mara Lind said.', [(Q, "The port will reopen", "Mara Lind", None)]),
    ("curly-single", "‘We are ready,’ said Mara Lind.", [(Q, "We are ready", "Mara Lind", None)]),
    ("guillemets", "«Nous attendons», said Mara Lind.", [(Q, "Nous attendons", "Mara Lind", None)]),
    ("low-high", "„Wir warten“, said Mara Lind.", [(Q, "Wir warten", "Mara Lind", None)]),
    ("multi-sentence", "“We waited. Then we left,” said Mara Lind.",
     [(Q, "We waited. Then we left", "Mara Lind", None)]),
    ("continued-paragraph",
     "Mara Lind said: “The depot is full.\n\n“Nobody told us why,” she added.",
     [(Q, "The depot is full.", "Mara Lind", None), (Q, "Nobody told us why", "Mara Lind", None)]),
    ("nested", "“He told me ‘not yet’ twice,” said Mara Lind.",
     [(Q, "He told me ‘not yet’ twice", "Mara Lind", None)]),
    ("unbalanced-capped", "Mara Lind said: “The ferry is late.\n\nThe weather turned at noon.",
     [(Q, "The ferry is late.", "Mara Lind", None)]),
    ("apostrophes-not-marks", "Ukraine’s mills boomed in the ’90s to rock ’n’ roll and the workers’ songs.", []),
    ("apostrophe-inside-quote", "“It’s the town’s last ferry,” said Mara Lind.",
     [(Q, "It’s the town’s last ferry", "Mara Lind", None)]),
    ("speaker-colon-quote", "Mara Lind said: “The port will reopen.”",
     [(Q, "The port will reopen.", "Mara Lind", None)]),
    ("stray-closing", "The port” will reopen, said nobody at all.", []),
    ("two-apostrophes-as-marks", "''The port will reopen,'' said Mara Lind.",
     [(Q, "The port will reopen", "Mara Lind", None)]),
]

# 2. Fragments carry the surrounding speaker; names and scare quotes are not quotes.
FRAGMENTS = [
    ("fragment-in-reported", "Mara Lind said the delay was “avoidable”.",
     [(R, "the delay was “avoidable”", "Mara Lind", None), (Q, "avoidable", "Mara Lind", None)]),
    ("describing-as", "Mara Lind said that the line held, describing the losses as “modest” on Monday.",
     [(R, "that the line held", "Mara Lind", None), (Q, "modest", "Mara Lind", None)]),
    ("fragment-after-that", "Tomas Brenn argued that the deal was “dead on arrival” in its current form.",
     [(R, "that the deal was “dead on arrival” in its current form", "Tomas Brenn", None),
      (Q, "dead on arrival", "Tomas Brenn", None)]),
    ("so-called-name", "The so-called ‘Harbour Plan’ was drafted in spring.", []),
    ("dubbed-name", "The exercise, dubbed “Operation Grey Gull”, began at dawn.", []),
    ("title-name", "Residents read the ‘Coastal Strategy’ with care.", []),
    ("scare-quote", "The town’s “modern” bus station has no roof.", []),
    ("scare-quote-two-words", "Critics of the plan live in a “safe zone” far away.", []),
    ("document-fragment", "The council adopted the ‘Harbour Plan’ in May. The first point in the plan calls for a "
     "“quiet zone” near the docks.", [(R, "a “quiet zone” near the docks", "Harbour Plan", None),
                                       (Q, "quiet zone", "Harbour Plan", None)]),
    ("document-fragment-no-cue", "Officials drafted the so-called ‘Dock Plan’ in May. The second point in the plan "
     "aims to secure a “quiet zone” by the docks.", [(Q, "quiet zone", "Dock Plan", None)]),
]

# 3. Speakers in every position, titles, appositives, organisations, pronouns, surnames, continuation.
SPEAKERS = [
    ("quote-said-name", "“We will rebuild,” said Tomas Brenn.", [(Q, "We will rebuild", "Tomas Brenn", None)]),
    ("quote-name-said", "“We will rebuild,” Tomas Brenn said.", [(Q, "We will rebuild", "Tomas Brenn", None)]),
    ("quote-commented-appositive", "“We will rebuild,” commented Tomas Brenn, a member of the harbour board.",
     [(Q, "We will rebuild", "Tomas Brenn", None)]),
    ("name-said-colon", "Tomas Brenn said: “We will rebuild.”", [(Q, "We will rebuild.", "Tomas Brenn", None)]),
    ("pronoun", "Tomas Brenn toured the docks on Friday. “We will rebuild,” he said.",
     [(Q, "We will rebuild", "Tomas Brenn", None)]),
    ("surname", "Tomas Brenn toured the docks. “We will rebuild,” Brenn said.",
     [(Q, "We will rebuild", "Tomas Brenn", None)]),
    ("title-and-surname", "Colonel Ada Vesk visited the base. Vesk said the runway was repaired.",
     [(R, "the runway was repaired", "Ada Vesk", None)]),
    ("organisation", "The Institute for Harbour Studies indicated that traffic fell in March.",
     [(R, "that traffic fell in March", "Institute for Harbour Studies", None)]),
    ("organisation-it", "The Coastal Watch Agency met on Tuesday. It said traffic fell sharply.",
     [(R, "traffic fell sharply", "Coastal Watch Agency", None)]),
    ("paragraph-continuation", "“The storm came fast,” said Tomas Brenn.\n\n“Nobody was ready for it.”",
     [(Q, "The storm came fast", "Tomas Brenn", None), (Q, "Nobody was ready for it.", "Tomas Brenn", None)]),
    ("second-quote-same-paragraph", "“The storm came fast,” Brenn said. “Nobody was ready for it.”",
     [(Q, "The storm came fast", "Brenn", None), (Q, "Nobody was ready for it.", "Brenn", None)]),
    ("told-outlet", "Tomas Brenn told Reuters that the port would close.",
     [(R, "that the port would close", "Tomas Brenn", None)]),
    ("warned", "Ada Vesk warned that the bridge was unsafe.", [(R, "that the bridge was unsafe", "Ada Vesk", None)]),
    ("insisted", "Ada Vesk insisted the bridge was safe.", [(R, "the bridge was safe", "Ada Vesk", None)]),
    ("the-minister-said", "The minister said the budget was final.",
     [(R, "the budget was final", "The minister", None)]),
]

# 4. Reported speech without quote marks.
REPORTED = [
    ("said-that", "Ada Vesk said that the ferry would run.", [(R, "that the ferry would run", "Ada Vesk", None)]),
    ("assured-the-press", "Ada Vesk assured the press that the ferry would run.",
     [(R, "that the ferry would run", "Ada Vesk", None)]),
    ("according-to-lead", "According to Ada Vesk, the ferry will run on time.",
     [(R, "the ferry will run on time", "Ada Vesk", None)]),
    ("according-to-trail", "The ferry will run on time, according to Ada Vesk.",
     [(R, "The ferry will run on time", "Ada Vesk", None)]),
    ("trailing-said", "The ferry will run on time, Ada Vesk said.",
     [(R, "The ferry will run on time", "Ada Vesk", None)]),
    ("inverted-said", "The ferry will run on time, said Ada Vesk.",
     [(R, "The ferry will run on time", "Ada Vesk", None)]),
    ("statement-that", "Ada Vesk said in a statement that the ferry would run.",
     [(R, "that the ferry would run", "Ada Vesk", None)]),
    ("explained", "Ada Vesk explained that the ferry had been repaired.",
     [(R, "that the ferry had been repaired", "Ada Vesk", None)]),
    ("acknowledged", "Tomas Brenn acknowledged that the plan had failed.",
     [(R, "that the plan had failed", "Tomas Brenn", None)]),
    ("believes", "Tomas Brenn believes that the plan will work.", [(R, "that the plan will work", "Tomas Brenn", None)]),
    ("wants-to", "Tomas Brenn wants to rebuild the pier.", [(R, "to rebuild the pier", "Tomas Brenn", None)]),
    ("who-said", "Ada Vesk, who said the ferry was safe, left early.",
     [(R, "the ferry was safe", "Ada Vesk", None)]),
    ("owned-reports-are-not-vague", "Ada Vesk denied her reports that the budget was missing.",
     [(R, "her reports that the budget was missing", "Ada Vesk", None)]),
    ("coordinated-verbs", "Ada Vesk says the ferry is safe and insisted the pier was sound.",
     [(R, "the ferry is safe", "Ada Vesk", None), (R, "the pier was sound", "Ada Vesk", None)]),
    ("name-between-commas", "The harbour board’s chair, Tomas Brenn, said the pier was sound.",
     [(R, "the pier was sound", "Tomas Brenn", None)]),
    ("headline-colon", "Ada Vesk: Ferry Will Run on Time.\n\nThe ferry left at noon.",
     [(R, "Ferry Will Run on Time", "Ada Vesk", None)]),
]

# 5. Vague attributions: the claim is the whole sentence (what is vague is the attribution), with the speaker
# (None, or the unnamed source as the article describes it) and the code saying what is missing.
VAGUE_SENTENCES = [
    ('it-is-believed', 'It is believed that the mayor will resign.', None, 'agentless'),
    ('it-is-understood', 'It is understood that the talks stalled.', None, 'agentless'),
    ('is-said-to', 'The mayor is said to be furious.', None, 'agentless'),
    ('reportedly', 'The mayor reportedly left the city.', None, 'agentless'),
    ('allegedly', 'The clerk allegedly shredded the files.', None, 'agentless'),
    ('a-source-said', 'The mayor will resign, a source said.', 'a source', 'anonymous-source'),
    ('sources-say', 'Sources say the mayor will resign.', 'Sources', 'anonymous-source'),
    ('person-familiar', 'A person familiar with the talks said the deal was close.',
     'A person familiar with the talks', 'anonymous-source'),
    ('officials-said', 'Officials said the road would stay shut.', 'Officials', 'anonymous-source'),
    ('described-source', 'A senior military source on the General Staff said the line held.',
     'A senior military source on the General Staff', 'anonymous-source'),
    ('according-to-a-source', 'The line moved back according to a source.', 'a source', 'anonymous-source'),
    ('rough-estimate', 'A rough estimate says that the flood cost the town dearly.', None, 'unowned-estimate'),
    ('by-some-estimates', 'By some estimates the flood cost the town dearly.', None, 'unowned-estimate'),
    ('experts-say', 'Experts say the dam is weak.', 'Experts', 'weasel-words'),
    ('critics-argue', 'Critics argue that the dam is weak.', 'Critics', 'weasel-words'),
    ('some-analysts', 'Some analysts believe the dam is weak.', 'Some analysts', 'weasel-words'),
    ('not-expected', 'A new offensive is not expected before spring.', None, 'expectation'),
    ('expected-to', 'The bridge is expected to reopen soon.', None, 'expectation'),
    ('passive-judgement', 'The plan was labelled a failure.', None, 'agentless'),
    ('reports-that', 'The mayor resigned amid reports that the budget was missing.', None, 'agentless'),
    ('citing-sources', 'The Harbour Times, citing sources, reported that the mayor would resign.', 'sources',
     'anonymous-source'),
]
VAGUE = [(name, text, [(R, text, speaker, code)]) for name, text, speaker, code in VAGUE_SENTENCES]

# 6. Unsourced figures.
FIGURES = [
    ("money", "The new pier cost $42m.", [(U, "The new pier cost $42m.", None, None)]),
    ("percentage", "Traffic fell by 12% last year.", [(U, "Traffic fell by 12% last year.", None, None)]),
    ("count", "The council hired 3,400 workers for the rebuild.",
     [(U, "The council hired 3,400 workers for the rebuild.", None, None)]),
    ("area", "The flood covered 900 square kilometres of farmland.",
     [(U, "The flood covered 900 square kilometres of farmland.", None, None)]),
    ("billions", "Aid to the region is valued at €2.5bn.", [(U, "Aid to the region is valued at €2.5bn.", None, None)]),
    ("attributed-figure-not-unsourced", "Ada Vesk said the pier cost $42m.",
     [(R, "the pier cost $42m", "Ada Vesk", None)]),
    ("year-is-not-a-figure", "The pier opened in 1998 and closed on 4 March 2021.", []),
    ("opinion-is-not-a-finding", "The pier was a poor idea from the start.", []),
    ("duration-is-not-a-figure", "The ferry has run for four years and 3 months.", []),
]

# 7. Page furniture.
FURNITURE = [
    ("advert", "Download a free sample of our report on 400 ports.\n\nSubscribe to our newsletter for $5.", []),
    ("thank-you", "Thank you!\n\nYour download email will arrive shortly.", []),
    ("caption-credit", "Workers repair 12 cranes at the dock, May 2023. Credit: Ada Vesk/Harbour Photo Desk.", []),
    ("photo-credit", "Photo: Tomas Brenn. The 40 new buses, pictured in June.", []),
    ("byline", "By Mara Lind\n\nThe ferry will run on time, Ada Vesk said.",
     [(R, "The ferry will run on time", "Ada Vesk", None)]),
    ("sub-heading", "Plans to rebuild 12 piers\n\nThe ferry will run on time, Ada Vesk said.",
     [(R, "The ferry will run on time", "Ada Vesk", None)]),
    ("privacy", "Visit our Privacy Policy to see how we use your data, 24 hours a day.", []),
    ("form-between-adverts", "Download the report.\n\nOnly 3 steps to 200 insights.\n\nSubscribe today.", []),
]

ALL = [("quotes", *c) for c in QUOTES] + [("fragments", *c) for c in FRAGMENTS] + \
    [("speakers", *c) for c in SPEAKERS] + [("reported", *c) for c in REPORTED] + \
    [("vague", *c) for c in VAGUE] + [("figures", *c) for c in FIGURES] + [("furniture", *c) for c in FURNITURE]


@pytest.mark.parametrize(("pattern", "name", "text", "expected"), ALL, ids=[f"{c[0]}-{c[1]}" for c in ALL])
def test_case(pattern, name, text, expected):
    assert summary(text) == expected


def test_at_least_80_cases_and_3_per_pattern():
    assert len(ALL) >= 80
    for group in (QUOTES, FRAGMENTS, SPEAKERS, REPORTED, VAGUE, FIGURES, FURNITURE):
        assert len(group) >= 3
