"""Paragraphs, sentences and tokens keep exact offsets; abbreviations and quotations do not end sentences."""

from __future__ import annotations

from attrib.models import Article, Block
from attrib.sentences import paragraphs, sentences, tokens


def _sents(text: str, protected=()) -> list[str]:
    return [text[s:e] for s, e in sentences(text, 0, len(text), list(protected))]


def test_paragraphs_split_on_blank_lines_and_are_trimmed():
    text = "  First one.\n\n\nSecond one.\n  \nThird."
    article = Article(path="t.txt", format="text", text=text, prose=text)
    assert [text[p.start:p.end] for p in paragraphs(article)] == ["First one.", "Second one.", "Third."]


def test_paragraphs_follow_the_readers_blocks_when_given():
    text = "Title\n\nBody text here."
    article = Article(path="t.md", format="markdown", text=text, prose=text,
                      blocks=[Block(kind="heading", start=0, end=5), Block(kind="paragraph", start=7, end=22)])
    assert [(p.kind, text[p.start:p.end]) for p in paragraphs(article)] == [
        ("heading", "Title"), ("paragraph", "Body text here.")]


def test_sentences_split_at_terminal_punctuation():
    assert _sents("The pier closed. Boats left! Why? Nobody knew.") == [
        "The pier closed.", "Boats left!", "Why?", "Nobody knew."]


def test_abbreviations_and_initials_do_not_end_sentences():
    assert _sents("Mr. Brenn met Dr. Vesk in the U.S. on Sept. 4. J. Lind came too.") == [
        "Mr. Brenn met Dr. Vesk in the U.S. on Sept. 4.", "J. Lind came too."]


def test_closing_mark_after_period_stays_with_its_sentence():
    assert _sents("She said: “We left.” Then it rained.") == ["She said: “We left.”", "Then it rained."]


def test_protected_quotation_is_never_split():
    text = "“We waited. Then we left,” said Mara Lind. It rained."
    assert _sents(text, [(0, text.index("”") + 1)]) == [
        "“We waited. Then we left,” said Mara Lind.", "It rained."]


def test_tokens_keep_offsets_and_apostrophes():
    text = "Ukraine’s U.S. aid, 8-10,000."
    toks = tokens(text, 0, len(text))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks][:2] == ["Ukraine’s", "U.S"]
    assert toks[0].lower == "ukraine’s"
