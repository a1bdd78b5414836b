"""Reading articles: formats, exact offsets, page furniture, article dates, and every bad-input error."""

from __future__ import annotations

import datetime as dt
import html as html_module
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.errors import InputError
from attrib.models import Article
from attrib.htmlprose import html_to_prose
from attrib.reader import discover, read_article, read_text


def blocks_of(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, article.prose[b.start : b.end]) for b in article.blocks]


def assert_prose_is_text_with_blanks(article: Article) -> None:
    """Same length; every prose character is the text's own or a space standing for markup."""
    assert article.offsets is None
    assert len(article.prose) == len(article.text)
    for i, (p, t) in enumerate(zip(article.prose, article.text)):
        assert p == t or (p == " " and t not in "\r\n"), (i, p, t)


# --------------------------------------------------------------------------------------------------------------
# Plain text

PLAIN = """Harbour talks stall

The port authority said on Monday that the new quay would open late.
Its director, Mira Olsen, blamed the weather.

“We lost three weeks to storms,” she said.
"""


def test_plain_text_prose_is_the_text_and_blocks_are_paragraphs():
    article = read_article("draft.txt", data=PLAIN.encode())
    assert article.format == "text"
    assert article.prose == article.text == PLAIN
    assert article.offsets is None
    assert blocks_of(article) == [
        ("heading", "Harbour talks stall"),
        ("paragraph", "The port authority said on Monday that the new quay would open late.\n"
                      "Its director, Mira Olsen, blamed the weather."),
        ("paragraph", "“We lost three weeks to storms,” she said."),
    ]


def test_plain_text_long_or_punctuated_lone_lines_are_paragraphs():
    text = "Thank you!\n\n" + "A line without a stop that runs on well past eighty characters in all, or so we hope" + "\n"
    assert [b.kind for b in read_text(text).blocks] == ["paragraph", "paragraph"]


def test_article_from_text_uses_the_reader():
    article = Article.from_text("Title here\n\nBody text.", path="x.txt", date=dt.date(2024, 11, 14))
    assert [b.kind for b in article.blocks] == ["heading", "paragraph"]
    assert article.date == dt.date(2024, 11, 14) and article.date_source == "option"


def test_empty_file_is_an_article_with_no_blocks():
    for name in ("empty.txt", "empty.md", "empty.html"):
        article = read_article(name, data=b"")
        assert article.text == "" and article.prose == "" and article.blocks == []


def test_bom_is_removed_and_offsets_count_from_after_it():
    article = read_article("bom.txt", data="\ufeffHello world.".encode())
    assert article.text == "Hello world."
    assert article.blocks[0].start == 0


def test_crlf_paragraphs():
    article = read_text("One line.\r\n\r\nTwo line.\r\n")
    assert blocks_of(article) == [("paragraph", "One line."), ("paragraph", "Two line.")]


# --------------------------------------------------------------------------------------------------------------
# Markdown

MARKDOWN = """---
title: "Quay delays: a timeline"
date: 2024-11-14
author: no
---
# The *quay* delays ##

The director, **Mira Olsen**, [told reporters](https://example.org/briefing(2) "briefing") that `quay_open()`
was late. See <https://example.org/full> and ![a crane](crane.png) <!-- editor: check
this --> for snake_case and _emphasis_ and \\*stars\\*.

> “We lost three weeks,” she said.
> The [harbour plan][plan] was revised.

- first *item*
  continues here
- second item

```python
print("not prose")
```

    indented code is not prose either

<div class="note">
An HTML block.
</div>

[plan]: https://example.org/plan "The plan"

Sub-heading underlined
----------------------

| Who | Said |
|-----|------|
| Olsen | late |
"""


@pytest.fixture(scope="module")
def md_article() -> Article:
    return read_article("draft.md", data=MARKDOWN.encode())


def test_markdown_front_matter_gives_title_and_date(md_article):
    assert md_article.title == "Quay delays: a timeline"
    assert md_article.date == dt.date(2024, 11, 14)
    assert md_article.date_source == "front-matter"


def test_markdown_prose_keeps_offsets_and_blanks_only_markup(md_article):
    assert_prose_is_text_with_blanks(md_article)
    for block in md_article.blocks:
        for i in range(block.start, block.end):
            if md_article.prose[i] != " ":
                assert md_article.prose[i] == md_article.text[i]


def test_markdown_blocks_and_kinds(md_article):
    got = [(kind, " ".join(words.split())) for kind, words in blocks_of(md_article)]
    assert got == [
        ("heading", "The quay delays"),
        # blanked markup leaves spaces where it was ("Olsen**," → "Olsen  ,")
        ("paragraph", "The director, Mira Olsen , told reporters that was late. See and for snake_case and "
                      "emphasis and *stars *."),
        ("blockquote", "“We lost three weeks,” she said. The harbour plan was revised."),
        ("list_item", "first item continues here"),
        ("list_item", "second item"),
        ("heading", "Sub-heading underlined"),
        ("paragraph", "Who"),
        ("paragraph", "Said"),
        ("paragraph", "Olsen"),
        ("paragraph", "late"),
    ]


@pytest.mark.parametrize(
    "markup",
    [
        "title: \"Quay", "date: 2024", "https://example.org/briefing", "quay_open", "https://example.org/full",
        "crane.png", "a crane", "editor: check", "not prose", "indented code", "An HTML block",
        "https://example.org/plan", "[plan]", "**", "# The", "> “We",
    ],
)
def test_markdown_markup_code_and_urls_are_not_prose(md_article, markup):
    at = md_article.text.index(markup)
    assert markup not in md_article.prose
    assert md_article.prose[at : at + len(markup)].strip() != markup.strip()


def test_markdown_link_text_keeps_its_offsets(md_article):
    at = md_article.text.index("told reporters")
    assert md_article.prose[at : at + len("told reporters")] == "told reporters"
    assert md_article.prose[at - 1] == " "  # the [ is blanked


def test_markdown_yaml_is_1_2_and_date_option_wins():
    article = read_article("d.md", data=b"---\ntitle: no\ndate: 2024-11-14\n---\nText.\n", date=dt.date(2024, 1, 2))
    assert article.title == "no"  # YAML 1.1 would make this False
    assert article.date == dt.date(2024, 1, 2) and article.date_source == "option"


def test_markdown_front_matter_timestamp_is_cut_to_its_day():
    article = read_article("d.md", data=b"---\ndate: 2024-11-14 18:30:00\n---\nText.\n")
    assert article.date == dt.date(2024, 11, 14)


def test_markdown_crlf_and_bom():
    data = "\ufeff---\r\ndate: 2024-11-14\r\n---\r\n# Head\r\n\r\nBody *text*.\r\n".encode()
    article = read_article("c.md", data=data)
    assert_prose_is_text_with_blanks(article)
    assert blocks_of(article) == [("heading", "Head"), ("paragraph", "Body  text .")]
    assert article.date == dt.date(2024, 11, 14)


@pytest.mark.parametrize(
    "front, line, words",
    [
        ("---\ntitle: x\ndate: soon\n---\n", 3, "'soon'"),
        ("---\ndate: 2024-13-01\n---\n", 2, "'2024-13-01'"),
        ("---\n\n\ndate: on\n---\n", 4, "'on'"),
    ],
)
def test_front_matter_date_that_is_not_a_date_names_file_and_line(front, line, words):
    with pytest.raises(InputError) as info:
        read_article("bad.md", data=(front + "Body.\n").encode())
    message = str(info.value)
    assert message.startswith("bad.md: ") and f"line {line}" in message and words in message
    assert "YYYY-MM-DD" in message and "\n" not in message


def test_front_matter_that_is_not_yaml_is_an_input_error():
    with pytest.raises(InputError, match=r"bad\.md: line \d+: front matter is not valid YAML"):
        read_article("bad.md", data=b"---\ntitle: [unclosed\n---\nBody.\n")


def test_stdin_defaults_to_markdown_and_fmt_overrides():
    assert read_article("-", data=b"# Head\n").format == "markdown"
    assert read_article("-", data=b"# Head\n", fmt="text").prose == "# Head\n"


# --------------------------------------------------------------------------------------------------------------
# HTML

PAGE = """<!doctype html>
<html><head>
<title>Quay delays &ndash; The Harbour Courier</title>
<meta property="og:title" content="Quay delays">
<meta property="article:published_time" content="2024-11-14T08:00:00+01:00">
<script type="application/ld+json">{"datePublished": "2024-11-10"}</script>
<style>p { color: red }</style>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<div class="cookie-consent">We use cookies.</div>
<article>
  <header><h1>Quay delays</h1><p class="byline">By A. Writer</p><time datetime="2024-11-13">Wednesday</time></header>
  <p>The harbour&rsquo;s director, Mira   Olsen, said the quay
  would open late &amp; over budget.</p>
  <div class="ad-slot">Buy cranes now!</div>
  <div class="newsletter-signup"><p>Sign up for our newsletter</p><form><button>Thank you!</button></form></div>
  <p>&ldquo;We lost three weeks,&rdquo; she said.<br>Line two of the paragraph.</p>
  <figure><img src="quay.jpg"><figcaption>The quay in October. Credit: Harbour Courier</figcaption></figure>
  <ul class="share-bar"><li>Share on social</li></ul>
  <h2>What next</h2>
  <ul><li>Repairs<li>Inspection</ul>
  <blockquote><p>Quoted words.</p></blockquote>
  <aside>Related: other stories</aside>
  <script>document.write("<p>nope</p>")</script>
</article>
<footer>Copyright the Courier</footer>
</body></html>
"""


@pytest.fixture(scope="module")
def page_article() -> Article:
    return read_article("page.html", data=PAGE.encode())


def test_html_main_content_only(page_article):
    assert blocks_of(page_article) == [
        ("paragraph", "The harbour’s director, Mira Olsen, said the quay would open late & over budget."),
        ("paragraph", "“We lost three weeks,” she said.\nLine two of the paragraph."),
        ("caption", "The quay in October. Credit: Harbour Courier"),
        ("heading", "What next"),
        ("list_item", "Repairs"),
        ("list_item", "Inspection"),
        ("blockquote", "Quoted words."),
    ]


@pytest.mark.parametrize(
    "furniture",
    ["Home", "cookies", "A. Writer", "Buy cranes", "newsletter", "Thank you!", "Share on", "Related", "nope",
     "Copyright", "color: red", "datePublished"],
)
def test_html_furniture_is_dropped(page_article, furniture):
    assert furniture not in page_article.prose


def test_html_blocks_are_separated_by_blank_lines_and_br_by_newline(page_article):
    assert "over budget.\n\n“We lost" in page_article.prose
    assert "she said.\nLine two" in page_article.prose


def test_html_date_and_title_from_metadata(page_article):
    assert page_article.date == dt.date(2024, 11, 14)
    assert page_article.date_source == "html-meta"
    assert page_article.title == "Quay delays"


def test_html_prose_maps_back_to_the_raw_words(page_article):
    text, prose = page_article.text, page_article.prose
    for words in ("Mira", "director", "said the quay", "over budget", "Line two"):
        start = prose.index(words)
        span = page_article.raw_span(start, start + len(words))
        assert text[span.start : span.end] == words
    start = prose.index("harbour’s")
    span = page_article.raw_span(start, start + len("harbour’s"))
    assert text[span.start : span.end] == "harbour&rsquo;s"
    start = prose.index("late & over")
    span = page_article.raw_span(start, start + len("late & over"))
    assert text[span.start : span.end] == "late &amp; over"
    start = prose.index("“We lost three weeks,”")
    span = page_article.raw_span(start, start + len("“We lost three weeks,”"))
    assert text[span.start : span.end] == "&ldquo;We lost three weeks,&rdquo;"


def test_html_collapsed_whitespace_maps_to_one_raw_whitespace(page_article):
    prose = page_article.prose
    at = prose.index("Mira Olsen") + 4
    assert prose[at] == " "
    assert page_article.text[page_article.offsets[at]].isspace()


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<meta itemprop="datePublished" content="2024-10-01">', dt.date(2024, 10, 1)),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-10-02T10:00:00Z"}</script>',
         dt.date(2024, 10, 2)),
        ("", dt.date(2024, 10, 3)),  # <time datetime> in the article header
        ('<meta property="article:published_time" content="not a date">', dt.date(2024, 10, 3)),
    ],
)
def test_html_date_sources(head, expected):
    page = (f"<html><head>{head}</head><body><article><header><time datetime='2024-10-03'>3 Oct</time></header>"
            "<p>Body.</p></article></body></html>")
    assert html_to_prose(page).date == expected


def test_html_time_outside_the_article_header_is_not_the_date():
    page = "<body><p>On <time datetime='2020-01-01'>New Year</time> it rained.</p></body>"
    assert html_to_prose(page).date is None


@pytest.mark.parametrize(
    "page, title",
    [
        ("<html><head><title>Page &amp; title</title></head><body><p>x</p></body></html>", "Page & title"),
        ("<body><h1>First heading</h1><p>x</p></body>", "First heading"),
        ('<head><meta property="og:title" content="OG title"><title>T</title></head><p>x</p>', "OG title"),
    ],
)
def test_html_title_sources(page, title):
    assert html_to_prose(page).title == title


def test_html_without_article_uses_body_and_fragments_work():
    assert html_to_prose("<html><head><title>T</title></head><body><p>Body text.</p></body></html>").prose == "Body text."
    assert html_to_prose("Just <b>some</b> words &amp; more").prose == "Just some words & more"


def test_html_transcript_turns_become_lines():
    page = ("<main><p>MAJOR GENERAL PAT RYDER: Good afternoon.<br/>We have one update.</p>"
            "<p>Q: Thank you, General.</p></main>")
    assert html_to_prose(page).prose == "MAJOR GENERAL PAT RYDER: Good afternoon.\nWe have one update.\n\nQ: Thank you, General."


def test_html_double_br_ends_the_block():
    result = html_to_prose("<p>one<br><br>two</p>")
    assert result.prose == "one\n\ntwo"
    assert [result.prose[b.start : b.end] for b in result.blocks] == ["one", "two"]


def test_html_unknown_and_legacy_entities():
    result = html_to_prose("<p>AT&T &copy2024 &bogus; &#8217;s &#x2014;</p>")
    assert result.prose == "AT&T ©2024 &bogus; ’s —"
    raw = "<p>AT&T &copy2024 &bogus; &#8217;s &#x2014;</p>"
    for i, ch in enumerate(result.prose):
        piece = raw[result.offsets[i] : result.offset_ends[i]]
        assert ch == piece or html_module.unescape(piece) == ch or (ch == " " and piece.isspace())


def test_html_unclosed_paragraphs_and_hidden_elements():
    result = html_to_prose("<body><p>One<p>Two<span hidden>secret</span><div aria-hidden='true'>icon</div></body>")
    assert [result.prose[b.start : b.end] for b in result.blocks] == ["One", "Two"]


def test_html_date_option_wins():
    article = read_article("p.html", data=PAGE.encode(), date=dt.date(2024, 1, 1))
    assert article.date == dt.date(2024, 1, 1) and article.date_source == "option"


# --------------------------------------------------------------------------------------------------------------
# Bad input: one line, names the file, says what to do


def one_line_error(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_binary_file():
    message = one_line_error(read_article, "photo.txt", data=b"GIF89a\x00\x01\x02")
    assert message.startswith("photo.txt: binary file, not an article")


def test_utf16_file():
    message = one_line_error(read_article, "wide.txt", data="hello".encode("utf-16"))
    assert message.startswith("wide.txt: ") and "save it as UTF-8" in message


def test_invalid_utf8_names_the_byte_offset():
    message = one_line_error(read_article, "latin.txt", data="Caf\u00e9 ok".encode("latin-1"))
    assert message == "latin.txt: not valid UTF-8 (byte 0xe9 at byte offset 3); save it as UTF-8"


def test_over_the_size_limit_from_data_and_from_disk(tmp_path):
    message = one_line_error(read_article, "big.md", data=b"x" * 101, max_size=100)
    assert message.startswith("big.md: file is 101 bytes, over the 100-byte limit")
    assert "--max-size" in message and "max_size" in message
    path = tmp_path / "big.txt"
    path.write_bytes(b"y" * 2000)
    message = one_line_error(read_article, str(path), max_size=1000)
    assert message.startswith(f"{path}: file is 2,000 bytes, over the 1,000-byte limit")


def test_missing_file():
    message = one_line_error(read_article, "nowhere/draft.md")
    assert message == "nowhere/draft.md: no such file or folder; check the path"


def test_unknown_extension_given_explicitly():
    message = one_line_error(read_article, "notes.docx", data=b"x")
    assert message.startswith("notes.docx: unknown file type .docx; attrib reads .md, .markdown, .txt, .html, .htm")


def test_reading_from_disk(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("# Head\n\nBody.\n", encoding="utf-8")
    article = read_article(str(path))
    assert article.path == str(path) and article.format == "markdown"
    assert blocks_of(article) == [("heading", "Head"), ("paragraph", "Body.")]


# --------------------------------------------------------------------------------------------------------------
# discover


def test_discover_recurses_sorted_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b" / "c.HTML").write_text("x")
    (tmp_path / "b" / "d.txt").write_text("x")
    (tmp_path / "b" / "e.markdown").write_text("x")
    (tmp_path / "b" / "notes.pdf").write_text("x")
    (tmp_path / ".git" / "f.md").write_text("x")
    (tmp_path / ".hidden.md").write_text("x")
    found = discover([str(tmp_path)])
    assert [os.path.relpath(p, tmp_path) for p, _ in found] == ["a.md", "b/c.HTML", "b/d.txt", "b/e.markdown"]
    assert all(error is None for _, error in found)


def test_discover_reports_each_bad_path_and_keeps_the_good_ones(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "image.png").write_bytes(b"x")
    good = tmp_path / "good.txt"
    good.write_text("x")
    odd = tmp_path / "odd.rtf"
    odd.write_text("x")
    found = discover([str(tmp_path / "missing.md"), str(empty), str(good), str(odd), "-"])
    assert [p for p, _ in found] == [str(tmp_path / "missing.md"), str(empty), str(good), str(odd), "-"]
    missing_error, empty_error, good_error, odd_error, stdin_error = (e for _, e in found)
    assert isinstance(missing_error, InputError) and "no such file or folder" in str(missing_error)
    assert isinstance(empty_error, InputError) and str(empty_error).startswith(f"{empty}: folder has nothing to check")
    assert isinstance(odd_error, InputError) and "unknown file type .rtf" in str(odd_error)
    assert good_error is None and stdin_error is None


# --------------------------------------------------------------------------------------------------------------
# Speed: the pipeline targets 100 articles a second, so reading must be a small share of 10 ms.


def _thousand_words() -> str:
    sentence = ("The harbour director, Mira Olsen, said on Monday that the quay would open "
                "[late](https://example.org) and cost **more** than planned. ")
    paragraph = sentence * 4
    return "---\ntitle: T\ndate: 2024-11-14\n---\n# Head\n\n" + "\n\n".join([paragraph] * 14) + "\n"


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_reading_a_thousand_word_article_is_fast(name):
    data = _thousand_words().encode()
    assert len(data.split()) >= 1000
    read_article(name, data=data)  # warm up (the Markdown parser is built once)
    best = min(_timed(lambda: read_article(name, data=data)) for _ in range(5))
    assert best < 0.005, f"{best * 1000:.1f} ms"


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


# --------------------------------------------------------------------------------------------------------------
# Properties

ANY_TEXT = st.lists(
    st.sampled_from(list("ab #*_`[]()<>!-:>|\\\n\r\t“”’&;") + ["\u00a0", "😀", "---\n", "```\n", "    ", "date: x\n"]),
    max_size=80,
).map("".join)


@given(ANY_TEXT)
def test_read_text_never_crashes_and_keeps_the_text(text):
    article = read_text(text)
    assert article.prose == article.text == text
    for block in article.blocks:
        assert text[block.start : block.end].strip() == text[block.start : block.end]


@settings(max_examples=150)
@given(ANY_TEXT)
def test_markdown_never_crashes_and_blanks_only(text):
    try:
        article = read_article("p.md", data=text.encode())
    except InputError as error:  # only front matter that is not YAML may fail
        assert "front matter" in str(error) or "front-matter" in str(error)
        return
    assert_prose_is_text_with_blanks(article)
    for block in article.blocks:
        assert 0 <= block.start < block.end <= len(article.prose)


_HTML_PIECES = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<br>", "<div>", "</div>", "<li>", "<h2>", "</h2>", "<nav>", "</nav>",
     "<script>x<y</script>", "<!-- c -->", "word", "Olsen", " ", "\n", "  ", "&amp;", "&rsquo;", "&lt;", "&#8220;",
     "&#x2014;", "&nbsp;", "&copy", "&bogus;", "&", "said.", "<span class='ad'>ad</span>"]
)


@settings(max_examples=200)
@given(st.lists(_HTML_PIECES, max_size=40))
def test_every_html_prose_character_maps_to_raw_that_decodes_to_it(pieces):
    raw = "".join(pieces)
    result = html_to_prose(raw)
    assert len(result.offsets) == len(result.offset_ends) == len(result.prose)
    for i, ch in enumerate(result.prose):
        start, end = result.offsets[i], result.offset_ends[i]
        assert 0 <= start < end <= len(raw)
        piece = raw[start:end]
        if ch == "\n":  # a separator maps to the tag that broke the block
            assert piece.startswith("<")
        elif ch == " ":
            assert piece.isspace() or html_module.unescape(piece) == " "
        else:
            assert ch == piece or html_module.unescape(piece) == ch, (ch, piece)
